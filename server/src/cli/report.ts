import type { Finding, LineIndex, Severity, Span } from '../core';

/** One analysed file, as every output format sees it. */
export interface CheckedFile {
  /** The path shown to people: as given, or joined under the directory given. */
  display: string;
  absolute: string;
  lines: LineIndex;
  findings: Finding[];
  /** Findings an ignore comment silenced (SARIF keeps them, with the reason). */
  suppressed: Finding[];
}

/** 1-based line and column (UTF-16 units); the end column is the one after the last character. */
export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function regionOf(lines: LineIndex, span: Span): Region {
  const start = lines.position(span.start);
  const end = lines.position(span.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return rank[severity] >= rank[threshold];
}
