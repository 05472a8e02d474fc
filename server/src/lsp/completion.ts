import { CompletionItemKind, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completionsAt, type CompletionEntry } from '../core';
import { analyzeOptions, toRange } from './convert';
import type { ServerSettings } from './settings';

/** Characters after which a client should ask: an option list's `:` and `,`, and `label=`. */
export const completionTriggers = [':', ',', '='];

const kinds: Record<CompletionEntry['kind'], CompletionItemKind> = {
  option: CompletionItemKind.EnumMember,
  value: CompletionItemKind.Value,
  key: CompletionItemKind.Property,
};

export function completion(doc: TextDocument, position: Position, settings: ServerSettings, markdown: boolean): CompletionItem[] {
  if (!settings.enable) return [];
  const entries = completionsAt(doc.getText(), doc.offsetAt(position), analyzeOptions(doc, settings)) ?? [];
  return entries.map((e) => ({
    label: e.label,
    kind: kinds[e.kind],
    detail: e.detail,
    documentation: markdown ? { kind: MarkupKind.Markdown, value: e.documentation } : e.documentation,
    sortText: e.sortText,
    // Clients filter on the typed word; an empty one keeps every entry.
    filterText: e.label,
    textEdit: { range: toRange(doc, e.replace), newText: e.insertText },
  }));
}
