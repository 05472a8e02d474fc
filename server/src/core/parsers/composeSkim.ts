/**
 * Blanks with spaces (so every offset stays: yaml's ranges are offsets) the service entries the
 * compose reader never reads (`image`, `environment`, `ports`, ...) before the text is parsed:
 * yaml's parse is most of a compose file's analysis, and a service's mounts are a small part of
 * its lines.
 *
 * Only entries that cannot change the rest of the parse are blanked: a plain key whose value is
 * one scalar on its line, or a block of one-line scalars (`- x` items or `key: x` pairs) at one
 * indent, with no anchor, alias, tag, flow collection, block scalar or escape anywhere (and none at
 * all when a quote or bracket is left open on any line of the file). Such an entry has no error of
 * its own and nothing else refers to it; dropping it from its map changes no other node. A
 * service's last entry stays (fixes append after it), so each service stays a map.
 * A service's `volumes:` list of one-line strings (each with a `/`, so no number, boolean or null)
 * is read here and handed to the reader as scalars (`SkimmedScalar`); all but its last item are
 * blanked, so the list still ends where it did. A service of nothing else (its other entries all
 * unread, the last one the list or a `key: scalar` line) is read here whole (`SkimmedService`) and
 * blanked with its key: yaml never sees it, and the reader makes its run from what the scan read.
 * Any layout the scan is unsure of (tabs, several documents, unusual keys) is left unblanked.
 * `test/core/composeSkim.test.ts` compares the model read both ways over every kept compose file.
 */
import { hasLoneCr } from '../text';

/** The service keys `compose.ts` reads (with `<<` merge keys, which never match `plainKey`). */
const readKeys = new Set(['volumes', 'security_opt', 'privileged', 'pid', 'ipc', 'extends']);

const plainKey = /^([A-Za-z0-9_.-]{1,100}):(?:[ \t]+(.*))?$/;
/**
 * A scalar that is whole on its line: quoted without escapes, or plain without indicators (a comma
 * is plain text in block context, and no flow collection is ever blanked; it cannot start one).
 */
const scalarText = String.raw`"[^"\\]*"|'[^']*'|[^\s#'"&*!|>%@\`{}[\],?:-][^\s#'"&*!|>%@\`{}[\]]*(?: +[^\s#'"&*!|>%@\`{}[\]]+)*`;
const scalar = new RegExp(`^(${scalarText})(?: +#.*| *)$`);
const seqItem = /^(- +)(.+)$/;
/** An entry of a service's map as the scan reads it: a plain key (or `<<`) and its colon, then a space or the line's end. */
const entryKey = /^[A-Za-z0-9_.<][A-Za-z0-9_.<-]*:(?:[ \t]|$)/;

/** The source of the one-line scalar `text` holds (a comment may follow), or undefined. */
function scalarSource(text: string): string | undefined {
  const source = scalar.exec(text)?.[1];
  // `a: b` or `a:` in a plain scalar would be a nested map, which a compact value cannot hold.
  return source === undefined || (!/^["']/.test(source) && /:(?: |$)/.test(source)) ? undefined : source;
}

interface Line {
  start: number;
  /** Where its content ends (before `\r\n` or `\n`). */
  end: number;
  indent: number;
  /** Where the next line starts (past this one's line break), or the text's end. */
  next: number;
  /** Blank or only a comment. */
  empty: boolean;
  content: string;
}

/** A one-line scalar as yaml reads it: its value, its source and where it is. */
export interface SkimmedScalar {
  value: string;
  type: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE';
  source: string;
  /** As yaml's nodes have it: start, value end, node end. */
  range: [number, number, number];
}

/** A service read whole by the scan (`wholeService`). */
export interface SkimmedService {
  name: string;
  /** Where its key starts. */
  start: number;
  /** The column of its entries' keys. */
  column: number;
  /** Where its `volumes` key starts, if it has one (`Skimmed.volumes` holds the list's items by it). */
  volumesKey?: number;
  /** Where yaml ends its last entry (where fixes append after it): past the list's line break, or the scalar's end. */
  end: number;
}

export interface Skimmed {
  text: string;
  /** The items of the blanked `volumes:` lists, by where their key starts. */
  volumes: Map<number, SkimmedScalar[]>;
  /** The services blanked whole, in order. */
  services: SkimmedService[];
}

/** A service key yaml reads as the string it spells (never null, a boolean or a number), with a value below it. */
const serviceName = /^([A-Za-z_][\w.-]*):(?:[ \t]+#.*)?[ \t]*$/;
const notAString = /^(?:null|true|false)$/i;
const volumesKey = /^volumes:(?:[ \t]+#.*)?[ \t]*$/;

let last: { text: string; skimmed: Skimmed } | undefined;

export function skimCompose(text: string): Skimmed {
  if (last?.text === text) return last.skimmed;
  const volumes = new Map<number, SkimmedScalar[]>();
  const services: SkimmedService[] = [];
  const blanks = blankRanges(text, volumes, services);
  let skimmed = text;
  if (blanks.length > 0) {
    const parts: string[] = [];
    let at = 0;
    let blankFrom = -1;
    for (const [from, to] of blanks) {
      // Blanked lines in a row become one line of spaces: yaml's ranges are offsets, never lines,
      // and one long blank line parses faster than many.
      if (blankFrom >= 0 && /^[ \r\n]*$/.test(text.slice(at, from))) {
        at = to;
        continue;
      }
      if (blankFrom >= 0) parts.push(' '.repeat(at - blankFrom));
      parts.push(text.slice(at, from));
      blankFrom = from;
      at = to;
    }
    parts.push(' '.repeat(at - blankFrom), text.slice(at));
    skimmed = parts.join('');
  }
  last = { text, skimmed: { text: skimmed, volumes, services } };
  return last.skimmed;
}

function blankRanges(text: string, volumes: Map<number, SkimmedScalar[]>, services: SkimmedService[]): [number, number][] {
  // Tabs and lone CRs make indentation and line ends this scan would have to second-guess.
  if (text.includes('\t') || hasLoneCr(text)) return [];
  const lines = splitLines(text);
  if (lines.some((l) => l.indent === 0 && /^(?:---|\.\.\.|%)/.test(l.content))) return [];
  // A quote or bracket left open on its line may run on over any lines, services' or not.
  if (lines.some((l) => !l.empty && !closedOnItsLine(l.content))) return [];
  const tops = lines.flatMap((l, i) => (!l.empty && l.indent === 0 ? [i] : []));
  const servicesTops = tops.filter((i) => /^services[ \t]*:[ \t]*(?:#.*)?$/.test(lines[i].content));
  if (servicesTops.length !== 1 || tops.filter((i) => /^services\b/.test(lines[i].content)).length !== 1) return [];
  const from = servicesTops[0] + 1;
  const to = tops.find((i) => i > from) ?? lines.length;
  const blanks: [number, number][] = [];
  const body = lines.slice(from, to);
  const serviceIndent = body.find((l) => !l.empty)?.indent ?? 0;
  if (serviceIndent === 0) return [];
  for (const service of split(body, serviceIndent)) {
    if (service && /^[A-Za-z0-9_.-]+[ \t]*:[ \t]*(?:#.*)?$/.test(service[0].content)) blankService(service, serviceIndent, blanks, volumes, services);
  }
  return blanks;
}

/** Cuts lines into entries, each starting at a line of `indent`; undefined for an entry whose start is under-indented. */
function split(lines: Line[], indent: number): (Line[] | undefined)[] {
  const entries: (Line[] | undefined)[] = [];
  let current: Line[] | undefined;
  for (const line of lines) {
    if (!line.empty && line.indent < indent) return [undefined];
    if (!line.empty && line.indent === indent) entries.push((current = [line]));
    else if (current) current.push(line);
    else if (!line.empty) return [undefined];
  }
  return entries;
}

function blankService(service: Line[], serviceIndent: number, blanks: [number, number][], volumes: Map<number, SkimmedScalar[]>, services: SkimmedService[]): void {
  const lines = service.slice(1);
  const keyIndent = lines.find((l) => !l.empty)?.indent;
  if (keyIndent === undefined || keyIndent <= serviceIndent) return;
  const entries = split(lines, keyIndent);
  // Any line the scan cannot place, or an entry that is not a plain key (`- x`, `? x`, a quoted key, a
  // line with no `: `, which makes the map an error that blanking its other entries would hide): leave the service whole.
  if (entries.some((e) => !e || !entryKey.test(e[0].content))) return;
  const blank = (lines: Line[]): void => {
    for (const line of lines) if (line.end > line.start + line.indent) blanks.push([line.start + line.indent, line.end]);
  };
  const lists = entries.map((entry) => shortVolumes(entry!));
  const whole = wholeService(service, entries as Line[][], lists, keyIndent);
  if (whole) {
    if (whole.volumesKey !== undefined) volumes.set(whole.volumesKey, lists.find(Boolean)!);
    services.push(whole);
    blank(service);
    return;
  }
  entries.forEach((entry, i) => {
    const items = lists[i];
    if (items) {
      volumes.set(entry![0].start + entry![0].indent, items);
      // The last item (and what follows it) stays: where the list ends is where fixes append after it.
      blank(entry!.slice(1, lastNonEmpty(entry!)));
    } else if (i < entries.length - 1 && unread(entry!)) blank(entry!);
  });
}

/** The index of the last line with content (not blank, not only a comment). */
const lastNonEmpty = (lines: Line[]): number => lines.length - 1 - [...lines].reverse().findIndex((l) => !l.empty);

/**
 * The service as the reader reads it, when the scan can read it all: a name yaml reads as the
 * string it spells, at most one `volumes:` list of one-line strings, every other entry unread, and
 * the last entry the list or a `key: scalar` line.
 */
function wholeService(service: Line[], entries: Line[][], lists: (SkimmedScalar[] | undefined)[], column: number): SkimmedService | undefined {
  const name = serviceName.exec(service[0].content)?.[1];
  if (!name || notAString.test(name)) return undefined;
  const at = lists.findIndex(Boolean);
  if (lists.some((list, i) => list && i !== at) || (at >= 0 && !volumesKey.test(entries[at][0].content))) return undefined;
  if (!entries.every((entry, i) => i === at || unread(entry))) return undefined;
  const last = entries[entries.length - 1];
  let end: number;
  if (at === entries.length - 1) end = last[lastNonEmpty(last)].next;
  else {
    // `unread` took it: a value on its line, nothing below it.
    const inline = plainKey.exec(last[0].content)?.[2];
    const source = inline && !inline.startsWith('#') ? scalarSource(inline) : undefined;
    if (source === undefined) return undefined;
    end = last[0].end - inline!.length + source.length;
  }
  return { name, start: service[0].start + service[0].indent, column, volumesKey: at >= 0 ? entries[at][0].start + entries[at][0].indent : undefined, end };
}

/** A `volumes:` list of one-line strings, read as yaml would; undefined for any other `volumes` entry. */
function shortVolumes(entry: Line[]): SkimmedScalar[] | undefined {
  if (!/^volumes:[ \t]*(?:#.*)?$/.test(entry[0].content)) return undefined;
  const items = entry.slice(1).filter((l) => !l.empty);
  if (items.length === 0 || items.some((l) => l.indent !== items[0].indent)) return undefined;
  const out: SkimmedScalar[] = [];
  for (const line of items) {
    const item = seqItem.exec(line.content);
    const source = item && scalarSource(item[2]);
    if (!item || !source?.includes('/')) return undefined;
    const start = line.start + line.indent + item[1].length;
    const quote = source[0] === '"' ? 'QUOTE_DOUBLE' : source[0] === "'" ? 'QUOTE_SINGLE' : 'PLAIN';
    out.push({ value: quote === 'PLAIN' ? source : source.slice(1, -1), type: quote, source, range: [start, start + source.length, start + source.length] });
  }
  return out;
}

/** An entry the reader never reads and whose parse cannot touch any other node. */
function unread(entry: Line[]): boolean {
  const key = plainKey.exec(entry[0].content);
  if (!key || readKeys.has(key[1])) return false;
  const items = entry.slice(1).filter((l) => !l.empty);
  const inline = key[2] && !key[2].startsWith('#') ? key[2] : undefined;
  if (inline !== undefined) return scalarSource(inline) !== undefined && items.length === 0;
  if (items.length === 0) return true;
  if (items.some((l) => l.indent !== items[0].indent)) return false;
  if (items.every((l) => seqItem.test(l.content))) return items.every((l) => scalarSource(seqItem.exec(l.content)![2]) !== undefined);
  return items.every((l) => {
    const pair = plainKey.exec(l.content);
    return !!pair && (pair[2] === undefined || scalarSource(pair[2]) !== undefined);
  });
}

/**
 * No quote or bracket left open at the line's end (its comment aside). A quote inside a plain word
 * (`it's`) counts as opening one: such a line only makes the scan give up.
 */
function closedOnItsLine(content: string): boolean {
  if (!/["'[\]{}\\]/.test(content)) return true;
  let quote = '';
  let depth = 0;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\') return false;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || content[i - 1] === ' ')) break;
    else if (c === '[' || c === '{') depth++;
    // A close before its open is an error that can open a collection running past the line.
    else if ((c === ']' || c === '}') && --depth < 0) return false;
  }
  return !quote && depth === 0;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const next = newline < 0 ? text.length : newline + 1;
    const end = newline < 0 ? text.length : text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
    const from = start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : start;
    let at = from;
    while (at < end && text.charCodeAt(at) === 32) at++;
    const content = text.slice(at, end);
    lines.push({ start: from, end, next, indent: at - from, empty: content.length === 0 || content.startsWith('#'), content });
    start = next;
  }
  return lines;
}
