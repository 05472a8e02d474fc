// Fixtures and edit helpers shared by the LSP suites.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Command, Diagnostic, Range } from 'vscode-languageserver-protocol';

const fixtureDir = path.resolve(__dirname, '../fixtures/compose/lsp');

export const docsBase = 'https://github.com/selinux-mounts/selinux-mounts/blob/main/docs/rules/';

export function fixture(name: string): { uri: string; text: string } {
  const file = path.join(fixtureDir, name);
  return { uri: pathToFileURL(file).href, text: readFileSync(file, 'utf8') };
}

export function range(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** The text a range covers. */
export function textAt(text: string, r: Range): string {
  const doc = TextDocument.create('file:///x', 'yaml', 0, text);
  return doc.getText(r);
}

/** The fields a test pins down exactly, in publish order. */
export function summary(diagnostics: Diagnostic[]): { code: unknown; severity: unknown; range: Range }[] {
  return diagnostics.map(({ code, severity, range }) => ({ code, severity, range }));
}

export function isCodeAction(action: Command | CodeAction): action is CodeAction {
  return 'kind' in action || 'edit' in action;
}

export function codeActionsOf(actions: (Command | CodeAction)[] | null): CodeAction[] {
  return (actions ?? []).map((a) => {
    if (!isCodeAction(a)) throw new Error(`expected a CodeAction, got command ${a.command}`);
    return a;
  });
}

/** Applies the action's edit for `uri` the way an editor would. */
export function applyAction(uri: string, text: string, action: CodeAction): string {
  const edits = action.edit?.changes?.[uri];
  if (!edits) throw new Error(`action "${action.title}" has no edits for ${uri}`);
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 0, text), edits);
}

