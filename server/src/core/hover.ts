import { parseFile, type AnalyzeOptions } from './analyze';
import { auditHoverAt } from './audit/hover';
import { buildToolHover, oldImageHover, oldLibselinuxImage } from './buildFacts';
import { isAuditLog } from './audit/parse';
import { bindHover, labelingOffHover, labelOptionHover, relabelHover, toPlainText } from './hoverTexts';
import type { ContainerRun, Mount, Relabel, Span } from './model';
import { sensitivity } from './paths';
import { contextHoverAt } from './selinux/contextHover';

export interface HoverResult {
  /** Markdown when `markdown` was asked for, else plain text. */
  contents: string;
  span: Span;
}

const inside = (span: Span, offset: number): boolean => span.start <= offset && offset <= span.end;

/**
 * Hover text for what lies at `offset`: a relabel option, a host bind's source, a `label=` option,
 * an SELinux context or MCS level anywhere, and in audit logs the denial a line records.
 */
export function hoverAt(text: string, offset: number, options: AnalyzeOptions & { markdown: boolean }): HoverResult | undefined {
  if (isAuditLog(options.fileName, text)) {
    return contextHoverAt(text, offset, options.markdown) ?? auditHoverAt(text, offset, options.markdown);
  }
  return mountHoverAt(text, offset, options) ?? contextHoverAt(text, offset, options.markdown);
}

/** The host bind whose source lies at `offset`, for hosts that look its path up. */
export function hostBindAt(text: string, offset: number, options: AnalyzeOptions): { run: ContainerRun; mount: Mount } | undefined {
  const file = parseFile(text, options);
  for (const run of file?.runs ?? []) {
    for (const mount of run.mounts) {
      if (mount.kind === 'host' && mount.source && inside(mount.source.span, offset)) return { run, mount };
    }
  }
  return undefined;
}

function mountHoverAt(text: string, offset: number, options: AnalyzeOptions & { markdown: boolean }): HoverResult | undefined {
  const file = parseFile(text, options);
  if (!file) return undefined;
  const result = (contents: string, span: Span): HoverResult => ({ contents: options.markdown ? contents : toPlainText(contents), span });
  for (const run of file.runs) {
    for (const mount of run.mounts) {
      if (mount.kind !== 'host' || !mount.source) continue;
      const sensitive = sensitivity(mount.source.path, mount.target?.text);
      const relabel = mount.relabels.find((r) => inside(r.span, offset));
      if (relabel) return result(relabelHover(run, mount, relabel.word as Relabel, sensitive), relabel.span);
      if (inside(mount.source.span, offset)) return result(bindHover(run, mount, sensitive), mount.source.span);
    }
    for (const option of run.labelOptions) {
      if (!inside(option.span, offset)) continue;
      const contents = labelOptionHover(option.text);
      if (contents) return result(contents, option.span);
    }
    const { reason, reasonSpan } = run.labeling;
    const off = reason && reasonSpan && inside(reasonSpan, offset) ? labelingOffHover(reason) : undefined;
    if (off) return result(off, reasonSpan!);
  }
  for (const command of file.buildCommands ?? []) {
    const contents = inside(command.span, offset) ? buildToolHover(command.name) : undefined;
    if (contents) return result(contents, command.span);
  }
  const image = file.baseImages?.find((i) => inside(i.span, offset) && oldLibselinuxImage.test(i.ref));
  return image ? result(oldImageHover(image.ref), image.span) : undefined;
}
