import { DiagnosticSeverity, type Diagnostic, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, ruleDocUrl, type AnalyzeOptions, type ComposeProjectView, type Edit, type Finding, type ParsedFile, type Severity, type Span, type WorkspaceView } from '../core';
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
 * A Diagnostic is never changed once made: the stdio writer keeps its JSON (diagnosticsEncoder.ts).
 */
const made = new WeakMap<Finding, Diagnostic>();

export function toDiagnostic(doc: TextDocument, finding: Finding): Diagnostic {
  const severity = severities[finding.severity];
  const last = made.get(finding);
  const { span } = finding;
  if (last && last.severity === severity && last.message === finding.message && liesAt(doc, last.range.start, span.start) && liesAt(doc, last.range.end, span.end)) return last;
  const range = toRange(doc, span);
  let link = ruleLinks.get(finding.ruleId);
  if (!link) ruleLinks.set(finding.ruleId, (link = { href: ruleDocUrl(finding.ruleId) }));
  const diagnostic = { range, severity, source: diagnosticSource, code: finding.ruleId, codeDescription: link, message: finding.message };
  made.set(finding, diagnostic);
  return diagnostic;
}

/**
 * True when `position` is where `offset` lies in the document now. Checked from the line starts
 * (no search of the lines, no new objects): every kept Diagnostic is checked on every keystroke.
 */
function liesAt(doc: TextDocument, position: Position, offset: number): boolean {
  const { line, character } = position;
  if (doc.offsetAt(position) !== offset || doc.offsetAt({ line, character: 0 }) + character !== offset) return false;
  // An offset at the start of the next line is that line's.
  return line + 1 >= doc.lineCount || offset < doc.offsetAt({ line: line + 1, character: 0 });
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
