/**
 * A cheap line scan that cuts a compose file into whole-line blocks: each top-level key, the
 * `services:` header, and one block per service entry. The incremental reader parses a service
 * from its own block plus the blocks it depends on, so an edit re-parses only what it touches.
 *
 * The scan gives up (undefined) on any layout it cannot cut with certainty — several documents,
 * tabs in indentation, a flow or aliased `services`, a top-level line that is not a plain key —
 * and the caller then reads the whole file as usual.
 */
import { hasLoneCr } from '../text';

export interface Block {
  /** The top-level key, or the service's name. */
  key: string;
  start: number;
  end: number;
  text: string;
  /** Anchors the block defines and aliases it uses (a superset: `&x` in a plain scalar counts too). */
  anchors: readonly string[];
  aliases: readonly string[];
  /** The block names `extends`, so its service may inherit from any other. */
  extends: boolean;
}

export interface ComposeLayout {
  /** Top-level blocks other than `services`, in text order; the first also holds leading comments. */
  top: Block[];
  /** From the `services:` line to the first service. */
  header: Block;
  services: Block[];
}

const topKey = /^([A-Za-z0-9_.$-][^:#\s]*|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]|$)/;
const serviceKey = /^([^\s#:'"\-[\]{}?&*!|>%@`][^:#]*?|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]|$)/;
const anchorUse = /(?:^|[\s[{,])([&*])([^\s[\]{},]+)/g;
/** The lists of a block with neither (most blocks): one shared list, not two new ones per block per edit. */
const none: readonly string[] = [];

/** Where two texts differ: they have `head` characters in common at their start and `tail` at their end (not overlapping). */
export interface Edit {
  head: number;
  tail: number;
}

/** Lines as parallel arrays (no object per line: this runs on every edit of a large file). */
interface Lines {
  count: number;
  start: Int32Array;
  /** Where the line's text ends, before its line break. */
  end: Int32Array;
  indent: Int32Array;
  /** 1 when the line is blank or only a comment. */
  empty: Uint8Array;
}

export function composeLayout(text: string): ComposeLayout | undefined {
  const lines = splitLines(text);
  if (!lines) return undefined;
  const contentOf = (i: number, skip = 0): string => text.slice(lines.start[i] + skip, lines.end[i]);

  // Top-level blocks: a key at column 0 starts one; blank and comment lines stay with the block before.
  const tops: { key: string; from: number }[] = [];
  for (let i = 0; i < lines.count; i++) {
    if (lines.empty[i] || lines.indent[i] > 0) continue;
    const m = topKey.exec(contentOf(i));
    if (!m) return undefined;
    tops.push({ key: unquote(m[1]), from: i });
  }
  const servicesAt = tops.findIndex((t) => t.key === 'services');
  if (servicesAt < 0 || tops.filter((t) => t.key === 'services').length > 1) return undefined;
  const lineRange = (k: number): [number, number] => [k === 0 ? 0 : tops[k].from, k + 1 < tops.length ? tops[k + 1].from : lines.count];

  const [sFrom, sTo] = lineRange(servicesAt);
  // `services:` alone on its line (a comment may follow): a block mapping follows.
  if (!/^services[ \t]*:[ \t]*(?:#.*)?$/.test(contentOf(tops[servicesAt].from))) return undefined;
  let serviceIndent = 0;
  const serviceStarts: { key: string; line: number }[] = [];
  for (let i = tops[servicesAt].from + 1; i < sTo; i++) {
    if (lines.empty[i]) continue;
    const indent = lines.indent[i];
    if (serviceIndent === 0) serviceIndent = indent;
    if (indent < serviceIndent) return undefined;
    if (indent > serviceIndent) continue;
    const m = serviceKey.exec(contentOf(i, serviceIndent));
    if (!m) return undefined;
    serviceStarts.push({ key: unquote(m[1]), line: i });
  }
  if (serviceStarts.length === 0) return undefined;

  const block = (key: string, fromLine: number, toLine: number): Block =>
    // The first block starts at 0, with the BOM if there is one.
    blockOf(text, key, fromLine === 0 ? 0 : lines.start[fromLine], toLine < lines.count ? lines.start[toLine] : text.length);
  const top = tops.flatMap((t, k) => (k === servicesAt ? [] : [block(t.key, ...lineRange(k))]));
  const header = block('services', sFrom, serviceStarts[0].line);
  const services = serviceStarts.map((s, k) => block(s.key, s.line, k + 1 < serviceStarts.length ? serviceStarts[k + 1].line : sTo));
  return { top, header, services };
}

function blockOf(text: string, key: string, start: number, end: number): Block {
  const body = text.slice(start, end);
  if (!body.includes('&') && !body.includes('*')) return { key, start, end, text: body, anchors: none, aliases: none, extends: body.includes('extends') };
  const anchors: string[] = [];
  const aliases: string[] = [];
  for (const m of body.matchAll(anchorUse)) (m[1] === '&' ? anchors : aliases).push(m[2]);
  return { key, start, end, text: body, anchors, aliases, extends: body.includes('extends') };
}

/**
 * The layout of `text` made from the layout of `before`, the text it was scanned from, when the
 * edit between them changed lines of one service block and none of those lines is a key line (a
 * top-level key or a service's), before or after the edit: the blocks are the same, those after
 * the edit moved by its length. Undefined when that cannot be said: the caller scans the text.
 * Only the lines the edit touched are read: a fresh server scanned 9,000 lines per keystroke in
 * code V8 had not optimised yet, milliseconds for each of its first edits.
 */
export function editedLayout(before: string, layout: ComposeLayout, text: string, { head, tail }: Edit): ComposeLayout | undefined {
  const { services } = layout;
  const first = services[0];
  const from = before.lastIndexOf('\n', head - 1) + 1;
  const oldTo = lineEnd(before, before.length - tail);
  const newTo = lineEnd(text, text.length - tail);
  if (from <= first.start || hasLoneCr(text)) return undefined;
  // The service block holding the edit's first line: the last one starting at or before it.
  let k = services.length - 1;
  while (k > 0 && services[k].start > from) k--;
  const edited = services[k];
  if (oldTo > edited.end) return undefined;
  const indent = indentAt(before, first.start);
  if (holdsKeyLine(before, from, oldTo, indent) || holdsKeyLine(text, from, newTo, indent)) return undefined;
  const shift = text.length - before.length;
  const at = (b: Block, delta: number): Block => {
    const start = b.start + delta;
    const end = b.end + delta;
    return { key: b.key, start, end, text: text.slice(start, end), anchors: b.anchors, aliases: b.aliases, extends: b.extends };
  };
  return {
    top: layout.top.map((b) => at(b, b.start < edited.start ? 0 : shift)),
    header: at(layout.header, 0),
    services: services.map((b, i) => (i < k ? at(b, 0) : i > k ? at(b, shift) : blockOf(text, b.key, b.start, b.end + shift))),
  };
}

/** Where the line holding `at` ends (its line break, or the end of the text). */
function lineEnd(text: string, at: number): number {
  const newline = text.indexOf('\n', at);
  return newline < 0 ? text.length : newline;
}

function indentAt(text: string, lineStart: number): number {
  let at = lineStart;
  while (text.charCodeAt(at) === 32) at++;
  return at - lineStart;
}

/**
 * True when a line from `from` to `to` could change the layout: a line with content indented no
 * deeper than the services (`indent`), or one whose indentation has a tab (the scan gives up).
 */
function holdsKeyLine(text: string, from: number, to: number, indent: number): boolean {
  for (let start = from; start <= to; ) {
    const depth = indentAt(text, start);
    const c = text.charCodeAt(start + depth);
    if (c === 9) return true;
    const empty = c === 10 || c === 13 || c === 35 || start + depth >= text.length;
    if (!empty && depth <= indent) return true;
    const newline = text.indexOf('\n', start);
    if (newline < 0) break;
    start = newline + 1;
  }
  return false;
}

function splitLines(text: string): Lines | undefined {
  // A lone CR ends a line for YAML but not for this scan: leave such files to the full reader.
  if (hasLoneCr(text)) return undefined;
  let count = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < text.length - 1; at = text.indexOf('\n', at + 1)) count++;
  const lines: Lines = { count: 0, start: new Int32Array(count), end: new Int32Array(count), indent: new Int32Array(count), empty: new Uint8Array(count) };
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const next = newline < 0 ? text.length : newline + 1;
    const end = newline < 0 ? text.length : text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    // A BOM is no indentation.
    const from = start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : start;
    let at = from;
    while (at < end && text.charCodeAt(at) === 32) at++;
    if (text.charCodeAt(at) === 9) return undefined;
    const empty = at === end || text.charCodeAt(at) === 35;
    // Directives and document markers: not one plain mapping of keys.
    if (at === from && !empty && /^(?:---|\.\.\.|%)/.test(text.slice(at, at + 3))) return undefined;
    const i = lines.count++;
    lines.start[i] = from;
    lines.end[i] = end;
    lines.indent[i] = at - from;
    lines.empty[i] = empty ? 1 : 0;
    start = next;
  }
  return lines;
}

function unquote(key: string): string {
  return /^["']/.test(key) ? key.slice(1, -1) : key;
}
