import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hostBindAt, hoverAt, judgeHostLabel, type AnalyzeOptions } from '../core';
import { analyzeOptions, toRange } from './convert';
import type { HostLabels } from './hostLabels';
import type { ServerSettings } from './settings';

/** Hover from the core, with the host path's current label added on an SELinux host. */
export async function hover(
  doc: TextDocument,
  position: Position,
  settings: ServerSettings,
  markdown: boolean,
  hostLabels: HostLabels | undefined,
): Promise<Hover | null> {
  if (!settings.enable) return null;
  const options = { ...analyzeOptions(doc, settings), markdown };
  const offset = doc.offsetAt(position);
  const result = hoverAt(doc.getText(), offset, options);
  if (!result) return null;
  let value = result.contents;
  // Only where labels can be read at all: elsewhere a second parse would find nothing to add.
  const host = settings.hostAware && hostLabels?.enabled() ? (await hostLabelAt(doc, offset, options, hostLabels)).verdict : undefined;
  if (host) value += `\n\n${markdown ? host : host.replace(/[`*]/g, '')}`;
  return { contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value }, range: toRange(doc, result.span) };
}

export interface HostLabelAnswer {
  path?: string;
  label?: string;
  /** Markdown: what the label means for the container. */
  verdict?: string;
  /** Why there is no label to show. */
  reason?: string;
}

/** The current host label of the bind mount at `offset`, and what it means; or why there is none. */
export async function hostLabelAt(doc: TextDocument, offset: number, options: AnalyzeOptions, hostLabels: HostLabels): Promise<HostLabelAnswer> {
  const bind = hostBindAt(doc.getText(), offset, options);
  const source = bind?.mount.source;
  if (!bind || !source) return { reason: 'the cursor is not on the host path of a bind mount' };
  if (source.dynamic || !doc.uri.startsWith('file:')) return { reason: `${source.text} is known only when the container runs` };
  const where = hostLabels.hostPath(doc.uri, source.path);
  if (!where) return { reason: `${source.text} is a path on another host` };
  if (!hostLabels.enabled()) return { path: where, reason: 'SELinux is not enabled on this host' };
  const label = await hostLabels.label(where);
  if (!label) return { path: where, reason: `the label of ${where} could not be read` };
  return { path: where, label, verdict: judgeHostLabel(label, where, bind.mount, bind.run)?.text };
}
