import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, hasSafeFix, safeEditsOf, type Finding } from '../core';
import { analyzeOptions, toDiagnostic, toRange, toSpan, toWorkspaceEdit } from './convert';
import type { ServerSettings } from './settings';

export const fixAllKind = `${CodeActionKind.SourceFixAll}.selinuxMounts`;
export const fixAllTitle = 'Fix all SELinux relabel problems';

/**
 * Code actions, recomputed from the current text (stateless: no cache to go stale). `fixAllLater`:
 * the client resolves actions' edits (`codeAction/resolve`). Then fix-all listed beside a
 * finding's quick fixes (a request with no `only`: the light bulb VS Code asks for at every cursor
 * move, a menu) comes without its edits, made only if it is chosen (`resolveFixAll`): a file with
 * ten thousand findings made every one of their edits each time. Asked for by kind (fix on save,
 * the fix-all command), it comes whole.
 */
export function codeActions(doc: TextDocument, params: CodeActionParams, settings: ServerSettings, fixAllLater = false): CodeAction[] {
  if (!settings.enable) return [];
  const text = doc.getText();
  const options = analyzeOptions(doc, settings);
  const only = params.context.only;
  const findings = analyze(text, options).findings;
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) actions.push(...quickFixes(doc, params, findings));
  // Clients that send no `only` (Neovim, eglot) list every action in one menu: there, fix-all
  // joins the quick fixes of a finding instead of showing up on every line.
  if ((only ? wants(only, fixAllKind) : actions.length > 0)) {
    if (fixAllLater && !only) {
      if (hasSafeFix(findings)) actions.push({ title: fixAllTitle, kind: fixAllKind, data: { uri: doc.uri } });
    } else {
      const edits = safeEditsOf(findings);
      if (edits.length > 0) actions.push({ title: fixAllTitle, kind: fixAllKind, edit: toWorkspaceEdit(doc, edits) });
    }
  }
  return actions;
}

/** Fix-all offered without its edits (`codeActions`' `fixAllLater`), with them: those of the document's text of now. */
export function resolveFixAll(action: CodeAction, doc: TextDocument | undefined, settings: ServerSettings): CodeAction {
  if (!doc || !settings.enable) return action;
  const edits = safeEditsOf(analyze(doc.getText(), analyzeOptions(doc, settings)).findings);
  return { ...action, edit: toWorkspaceEdit(doc, edits) };
}

/** The document a fix-all offered without its edits is for, or undefined for any other action. */
export function fixAllUri(action: CodeAction): string | undefined {
  const uri = (action.data as { uri?: unknown } | undefined)?.uri;
  return action.kind === fixAllKind && action.edit === undefined && typeof uri === 'string' ? uri : undefined;
}

/** True when there is no filter or the filter names `kind` or one of its parents (`source` ⊃ `source.fixAll`). */
function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function quickFixes(doc: TextDocument, params: CodeActionParams, findings: Finding[]): CodeAction[] {
  const range = toSpan(doc, params.range);
  const candidates = findings
    .filter((f) => f.span.start <= range.end && range.start <= f.span.end)
    .map((finding) => ({ finding, diagnostic: matchingDiagnostic(doc, finding, params.context.diagnostics) }));
  // The client names the diagnostics it asks about; fall back to the range when none match (stale ones).
  const chosen = candidates.some((c) => c.diagnostic) ? candidates.filter((c) => c.diagnostic) : candidates;
  return chosen.flatMap(({ finding, diagnostic }) =>
    finding.fixes.map((fix) => ({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic ?? toDiagnostic(doc, finding)],
      isPreferred: fix.isPreferred,
      edit: toWorkspaceEdit(doc, fix.edits),
    })),
  );
}

function matchingDiagnostic(doc: TextDocument, finding: Finding, diagnostics: Diagnostic[]): Diagnostic | undefined {
  const range = toRange(doc, finding.span);
  return diagnostics.find(
    (d) =>
      d.code === finding.ruleId &&
      d.range.start.line === range.start.line &&
      d.range.start.character === range.start.character &&
      d.range.end.line === range.end.line &&
      d.range.end.character === range.end.character,
  );
}
