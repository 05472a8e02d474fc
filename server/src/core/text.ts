import type { Edit } from './model';

/**
 * Line starts of a text, for offset ↔ line/character conversion (UTF-16, 0-based). Found on first
 * use: a keystroke whose findings are all kept asks for no line.
 */
export class LineIndex {
  private found: number[] | undefined;

  constructor(readonly text: string) {}

  private get starts(): number[] {
    return (this.found ??= lineStarts(this.text));
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): { line: number; character: number } {
    const line = this.lineAt(offset);
    return { line, character: offset - this.starts[line] };
  }

  /** The line holding `offset`. */
  lineAt(offset: number): number {
    const { starts } = this;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Where the line holding `offset` starts. Until the line starts are found, looked for from the
   * offset back: a keystroke asks this of a few findings, and finding every line start is a scan
   * of the whole text.
   */
  startOf(offset: number): number {
    if (this.found) return this.found[this.lineAt(offset)];
    const { text } = this;
    for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) return i + 1;
    }
    return 0;
  }

  offset(line: number, character: number): number {
    const { starts } = this;
    if (line >= starts.length) return this.text.length;
    return Math.min(starts[Math.max(0, line)] + character, this.lineEnd(line));
  }

  lineStart(line: number): number {
    return this.starts[line];
  }

  /** Offset of the line's end, before its line break. */
  lineEnd(line: number): number {
    const { starts, text } = this;
    let end = line + 1 < starts.length ? starts[line + 1] : text.length;
    while (end > starts[line] && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    return end;
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  // Searching for line feeds is many times faster than looking at every character; a text
  // without CRs (the usual case) needs nothing else.
  if (!text.includes('\r')) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** A CR not followed by LF (a line break for YAML, not for a line scan). Most texts have no CR at all: found without a regular expression. */
export function hasLoneCr(text: string): boolean {
  return text.includes('\r') && /\r(?!\n)/.test(text);
}

/** The line break the text already uses. */
export function eolOf(text: string): string {
  // A keystroke's analysis asks three times (the compose reader, the suppressions, the kept findings) of one text.
  if (text !== lastEol.text) lastEol = { text, eol: /\r\n/.test(text) ? '\r\n' : '\n' };
  return lastEol.eol;
}

let lastEol = { text: '', eol: '\n' };

/** Applies non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  // Ascending; insertions at one offset keep their given order. One join, not a copy per edit.
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    parts.push(text.slice(at, e.start), e.newText);
    at = Math.max(at, e.end);
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** The single edit that turns `before` into `after`: what lies between their common ends. */
export function diffEdit(before: string, after: string): Edit {
  const max = Math.min(before.length, after.length);
  // A chunk at a time first: the texts can be whole files, alike but for a keystroke.
  let start = 0;
  while (start + chunk <= max && before.slice(start, start + chunk) === after.slice(start, start + chunk)) start += chunk;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  const most = max - start;
  let tail = 0;
  while (tail + chunk <= most && before.slice(before.length - tail - chunk, before.length - tail) === after.slice(after.length - tail - chunk, after.length - tail)) tail += chunk;
  while (tail < most && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, end: before.length - tail, newText: after.slice(start, after.length - tail) };
}

const chunk = 4096;
