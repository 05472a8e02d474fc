import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../core';
import { analyzeOptions, toRange } from './convert';
import type { ServerSettings } from './settings';

export function hover(doc: TextDocument, position: Position, settings: ServerSettings, markdown: boolean): Hover | null {
  if (!settings.enable) return null;
  const result = hoverAt(doc.getText(), doc.offsetAt(position), { ...analyzeOptions(doc, settings), markdown });
  if (!result) return null;
  return {
    contents: { kind: markdown ? MarkupKind.Markdown : MarkupKind.PlainText, value: result.contents },
    range: toRange(doc, result.span),
  };
}
