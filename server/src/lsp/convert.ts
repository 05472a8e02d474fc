import { DiagnosticSeverity, type Diagnostic, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, ruleDocUrl, type AnalyzeOptions, type ComposeProjectView, type Edit, type Finding, type ParsedFile, type Severity, type Span, type WorkspaceView, diffEdit, walkSameOrder } from '../core';
import type { ServerSettings } from './settings';

/** Offsets live in the core; LSP positions only exist at this boundary. */

export const diagnosticSource = 'selinux-mounts';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function toSpan(doc: TextDocument, range: Range): Span {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
}

/** One link per rule, shared by its diagnostics: a publish can carry ten thousand. */
const ruleLinks = new Map<string, { href: string }>();

/**
 * The Diagnostic last made of each finding: the analysis hands back the same finding objects for
 * the runs an edit did not change, and their Diagnostics stay the same unless their lines moved.
 * A Diagnostic is never changed once made: the stdio writer copies its bytes from the last publish
 * (diagnosticsEncoder.ts).
 */
const made = new WeakMap<Finding, Diagnostic>();

export function toDiagnostic(doc: TextDocument, finding: Finding): Diagnostic {
  const last = made.get(finding);
  if (last && holds(doc, doc.getText(), doc.lineCount, last, finding)) return last;
  const range = toRange(doc, finding.span);
  let link = ruleLinks.get(finding.ruleId);
  if (!link) ruleLinks.set(finding.ruleId, (link = { href: ruleDocUrl(finding.ruleId) }));
  const diagnostic = { range, severity: severities[finding.severity], source: diagnosticSource, code: finding.ruleId, codeDescription: link, message: finding.message };
  made.set(finding, diagnostic);
  return diagnostic;
}

/**
 * The findings and Diagnostics of each document's last publish, and its text: the next one walks
 * them in order (sameOrder.ts), with no lookup per finding.
 */
const published = new WeakMap<TextDocument, { findings: readonly Finding[]; diagnostics: Diagnostic[]; text: string; lines: number }>();

/** The Diagnostics of a document's findings, the same objects as last time where they still hold. */
export function toDiagnostics(doc: TextDocument, findings: readonly Finding[]): Diagnostic[] {
  const last = published.get(doc);
  const diagnostics: Diagnostic[] = new Array(findings.length);
  const text = doc.getText();
  const lines = doc.lineCount;
  // A kept finding off the one line an edit changed lies on the same line and column as before.
  const line = last ? editedLine(doc, last.text, last.lines) : -1;
  walkSameOrder(
    findings,
    last?.findings ?? [],
    (i, j, count) => {
      for (let k = 0; k < count; k++) {
        const kept = last!.diagnostics[j + k];
        const { start, end } = kept.range;
        diagnostics[i + k] = (line >= 0 && (end.line < line || start.line > line)) || holds(doc, text, lines, kept, findings[i + k]) ? kept : toDiagnostic(doc, findings[i + k]);
      }
    },
    (i) => (diagnostics[i] = toDiagnostic(doc, findings[i])),
  );
  published.set(doc, { findings, diagnostics, text, lines });
  return diagnostics;
}

/**
 * The line an edit from `before` changed, when it changed one line and no line break (typing):
 * every other line keeps its number, and its text; -1 otherwise.
 */
function editedLine(doc: TextDocument, before: string, linesBefore: number): number {
  const text = doc.getText();
  if (linesBefore !== doc.lineCount) return -1;
  if (before === text) return Number.MAX_SAFE_INTEGER;
  const { start, end, newText } = diffEdit(before, text);
  return /[\r\n]/.test(newText) || /[\r\n]/.test(before.slice(start, end)) ? -1 : doc.positionAt(start).line;
}

/** True when `diagnostic`, made of `finding` before, is what the finding gives now. */
function holds(doc: TextDocument, text: string, lines: number, diagnostic: Diagnostic, finding: Finding): boolean {
  return diagnostic.severity === severities[finding.severity] && diagnostic.message === finding.message && rangeLiesAt(doc, text, lines, diagnostic.range, finding.span);
}

/**
 * True when `range` is where `span` lies in the document now: what `toRange` would give. Checked
 * from the line starts (no search of the lines, no new objects, one line's starts read once when
 * the range is on one line): every kept Diagnostic is checked on every keystroke.
 */
function rangeLiesAt(doc: TextDocument, text: string, lines: number, range: Range, span: Span): boolean {
  const { start, end } = range;
  const lineStart = doc.offsetAt({ line: start.line, character: 0 });
  const nextLine = start.line + 1 < lines ? doc.offsetAt({ line: start.line + 1, character: 0 }) : text.length + 1;
  if (!liesOn(text, start, lines, lineStart, nextLine, span.start)) return false;
  if (end.line === start.line) return liesOn(text, end, lines, lineStart, nextLine, span.end);
  const endLineStart = doc.offsetAt({ line: end.line, character: 0 });
  return liesOn(text, end, lines, endLineStart, end.line + 1 < lines ? doc.offsetAt({ line: end.line + 1, character: 0 }) : text.length + 1, span.end);
}

/**
 * True when `positionAt(offset)` is `position`, whose line starts at `lineStart` and ends before
 * `nextLine`: the offset is on that line, and not between a CR and its LF (positionAt puts such an
 * offset before the CR).
 */
function liesOn(text: string, position: Position, lines: number, lineStart: number, nextLine: number, offset: number): boolean {
  if (position.line < 0 || position.line >= lines || position.character < 0 || lineStart + position.character !== offset || offset >= nextLine) return false;
  if (offset === lineStart) return true;
  const before = text.charCodeAt(offset - 1);
  return before !== 13 && before !== 10;
}

export function toWorkspaceEdit(doc: TextDocument, edits: readonly Edit[]): WorkspaceEdit {
  const textEdits: TextEdit[] = edits.map((e) => ({ range: toRange(doc, e), newText: e.newText }));
  return { changes: { [doc.uri]: textEdits } };
}

/** The core only looks at the base name, so the decoded URI path is enough (untitled: URIs included). */
export function fileNameOf(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * What the analysis of each open document built, kept for its next analysis (an edit re-reads only
 * what it changed) and for hover and code actions on the same version. TextDocuments updates a
 * document in place on each change, so the cache lives exactly as long as the open document.
 */
const caches = new WeakMap<TextDocument, AnalysisCache>();

function cacheOf(doc: TextDocument): AnalysisCache {
  let cache = caches.get(doc);
  if (!cache) caches.set(doc, (cache = new AnalysisCache()));
  return cache;
}

/** The compose project around a document, once the server has set where projects come from (lsp/composeProject.ts). */
let projectOf: ((doc: TextDocument) => ComposeProjectView | undefined) | undefined;
/** Told each document's diagnostics analysis (what it mounts is compared across the workspace's projects). */
let analysedHook: ((doc: TextDocument, file: ParsedFile | undefined) => void) | undefined;
/** The workspace's mounts for a document that is not compose. */
let workspaceOf: ((doc: TextDocument) => WorkspaceView | undefined) | undefined;

export function useComposeProjects(
  of: (doc: TextDocument) => ComposeProjectView | undefined,
  analysed?: (doc: TextDocument, file: ParsedFile | undefined) => void,
  workspace?: (doc: TextDocument) => WorkspaceView | undefined,
): void {
  projectOf = of;
  analysedHook = analysed;
  workspaceOf = workspace;
}

export function analysedForDiagnostics(doc: TextDocument, file: ParsedFile | undefined): void {
  analysedHook?.(doc, file);
}

export function analyzeOptions(doc: TextDocument, settings: ServerSettings): AnalyzeOptions {
  const project = projectOf?.(doc);
  return { fileName: fileNameOf(doc.uri), languageId: doc.languageId, settings, cache: cacheOf(doc), project, workspace: project ? undefined : workspaceOf?.(doc) };
}
