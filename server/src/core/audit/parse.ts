/**
 * Audit records as `audit.log` and `ausearch` print them. The record format is the Linux audit
 * system's (general knowledge, not in the reference):
 *
 *     [node=H ]type=AVC msg=audit(1700000000.123:456): avc:  denied  { read } for  pid=… scontext=… tcontext=… tclass=dir permissive=0
 *
 * `ausearch` separates events with `----` and, without `-i`, adds a `time->…` line; with `-i` the
 * stamp is a local date (`msg=audit(11/14/2023 22:13:20.123:456) : …`) and values are decoded.
 * Records of one event share the stamp. Offsets are UTF-16 into the whole text, end-exclusive.
 */
import type { Span } from '../model';
import { parseContext, type SelinuxContext } from '../selinux/context';

export interface AuditField {
  key: string;
  /** Unquoted; hex-encoded strings (`name=2F746D70`) decoded. */
  value: string;
  /** The value as written, with its quotes. */
  raw: string;
  /** Span of `raw`. */
  span: Span;
}

export interface AuditStamp {
  /** What stands between `audit(` and `)`: the event's identity. */
  text: string;
  /** Seconds since the epoch, for the raw form. */
  seconds?: number;
  serial: number;
  span: Span;
}

export interface LabelField {
  text: string;
  context: SelinuxContext;
  span: Span;
}

export interface Avc {
  result: 'denied' | 'granted';
  permissions: string[];
  /** The `key=value` pairs after `for`. */
  fields: AuditField[];
  scontext?: LabelField;
  tcontext?: LabelField;
  tclass?: string;
  /** `permissive=1`: the denial was only logged. */
  permissive?: boolean;
  /** From `avc:` to the end of its fields. */
  span: Span;
}

export interface AuditRecord {
  type: string;
  node?: string;
  stamp: AuditStamp;
  /** Every `key=value` of the record, outside an AVC's own list. */
  fields: AuditField[];
  avc?: Avc;
  /** The line, without its end-of-line. */
  span: Span;
}

const head = /^(?:node=(\S+)\s+)?type=([A-Za-z0-9_[\]]+)\s+msg=audit\(([^)]*)\)\s?:\s*/;
/** `key=value`; a value is quoted, or runs to a space — except `EACCES(Permission denied)`-style interpreted values. */
const pair = /(?<![^\s\x1d])([A-Za-z0-9_-]+)=("[^"]*"|'[^']*'|[^\s\x1d(=]*\([^)]*\)[^\s\x1d]*|[^\s\x1d]*)/g;
const avcHead = /\bavc:\s+(denied|granted)\s+\{([^}]*)\}\s+for\s+/;
/** Keys whose unquoted values are hex when the string held spaces or odd characters. */
const hexKeys = new Set(['comm', 'exe', 'name', 'path', 'cwd', 'proctitle', 'cmdline', 'key']);

function decode(key: string, raw: string): string {
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw.endsWith(raw[0])) return raw.slice(1, -1);
  if (hexKeys.has(key) && raw.length >= 2 && raw.length % 2 === 0 && /^[0-9A-F]+$/.test(raw)) return decodeHex(raw);
  return raw;
}

/** Decodes an audit hex string; NULs (between `proctitle` arguments) become spaces. */
export function decodeHex(hex: string): string {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return new TextDecoder().decode(bytes.subarray(0, end)).replace(/\0/g, ' ');
}

function fieldsIn(text: string, start: number, end: number): AuditField[] {
  const out: AuditField[] = [];
  for (const m of text.slice(start, end).matchAll(pair)) {
    const at = start + m.index + m[1].length + 1;
    out.push({ key: m[1], value: decode(m[1], m[2]), raw: m[2], span: { start: at, end: at + m[2].length } });
  }
  return out;
}

function parseStamp(text: string, at: number): AuditStamp {
  const colon = text.lastIndexOf(':');
  const serial = Number(text.slice(colon + 1));
  const seconds = /^\d+(\.\d+)?$/.test(text.slice(0, colon)) ? Number(text.slice(0, colon)) : undefined;
  return { text, seconds, serial, span: { start: at, end: at + text.length } };
}

function labelField(fields: AuditField[], key: string): LabelField | undefined {
  const f = fields.find((x) => x.key === key);
  const context = f && parseContext(f.value);
  return f && context ? { text: f.value, context, span: f.span } : undefined;
}

/** The first field called `key`, if any. */
export function fieldOf(fields: readonly AuditField[], key: string): string | undefined {
  return fields.find((f) => f.key === key)?.value;
}

/** Parses the record on `text[start, end)` (one line). */
export function parseAuditLine(text: string, start = 0, end = text.length): AuditRecord | undefined {
  const line = text.slice(start, end);
  const h = head.exec(line);
  if (!h) return undefined;
  const stampAt = start + line.indexOf('audit(', h[1] ? h[1].length : 0) + 'audit('.length;
  const record: AuditRecord = {
    type: h[2],
    node: h[1],
    stamp: parseStamp(h[3], stampAt),
    fields: [],
    span: { start, end },
  };
  const bodyStart = start + h[0].length;
  const a = avcHead.exec(line.slice(h[0].length));
  if (!a) {
    record.fields = fieldsIn(text, bodyStart, end);
    return record;
  }
  const avcStart = bodyStart + a.index;
  const forEnd = avcStart + a[0].length;
  // In a USER_AVC the AVC sits inside `msg='…'`; it ends at the closing quote.
  const quoted = text.slice(bodyStart, avcStart).split("'").length % 2 === 0;
  const quoteClose = quoted ? text.indexOf("'", forEnd) : -1;
  const avcEnd = quoteClose >= 0 && quoteClose < end ? quoteClose : end;
  const fields = fieldsIn(text, forEnd, avcEnd);
  const permissive = fieldOf(fields, 'permissive');
  record.avc = {
    result: a[1] as Avc['result'],
    permissions: a[2].trim().split(/\s+/).filter(Boolean),
    fields,
    scontext: labelField(fields, 'scontext'),
    tcontext: labelField(fields, 'tcontext'),
    tclass: fieldOf(fields, 'tclass'),
    permissive: permissive === undefined ? undefined : permissive === '1' || permissive === 'yes',
    span: { start: avcStart, end: avcEnd },
  };
  const outside = [...fieldsIn(text, bodyStart, avcStart), ...fieldsIn(text, quoteClose >= 0 ? quoteClose + 1 : avcEnd, end)];
  record.fields = outside.filter((f) => !(quoted && f.key === 'msg'));
  return record;
}

/** The line holding `offset`, without its end-of-line. */
export function lineAt(text: string, offset: number): Span {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  let end = nl < 0 ? text.length : nl;
  if (end > start && text[end - 1] === '\r') end--;
  return { start, end };
}

/** Every record of the text, in order. */
export function parseAuditLog(text: string): AuditRecord[] {
  const out: AuditRecord[] = [];
  for (let start = 0; start <= text.length; ) {
    const { end } = lineAt(text, start);
    const record = parseAuditLine(text, start, end);
    if (record) out.push(record);
    const nl = text.indexOf('\n', end);
    if (nl < 0) break;
    start = nl + 1;
  }
  return out;
}

/**
 * The records of the same event as `record` (same stamp), within `radius` lines around it: one
 * event's records are written together, and `ausearch` groups them between `----` lines.
 */
export function eventOf(text: string, record: AuditRecord, radius = 60): AuditRecord[] {
  const lines: Span[] = [record.span];
  for (let i = 0, s = record.span.start; i < radius && s > 0; i++) {
    const prev = lineAt(text, s - 1);
    if (text.slice(prev.start, prev.end) === '----') break;
    lines.unshift(prev);
    s = prev.start;
  }
  for (let i = 0, e = record.span.end; i < radius; i++) {
    const nl = text.indexOf('\n', e);
    if (nl < 0) break;
    const next = lineAt(text, nl + 1);
    if (text.slice(next.start, next.end) === '----') break;
    lines.push(next);
    e = next.end;
  }
  const out: AuditRecord[] = [];
  for (const l of lines) {
    const r = l.start === record.span.start ? record : parseAuditLine(text, l.start, l.end);
    if (r && r.stamp.text === record.stamp.text) out.push(r);
  }
  return out;
}

/** `audit.log`, `audit.log.N` or `*.audit`. */
export function isAuditLogName(fileName: string): boolean {
  const base = fileName.replace(/^.*[\\/]/, '');
  return /^audit\.log(\.\d+)?$/.test(base) || /\.audit$/i.test(base);
}

/** An audit log by name, or text that starts like an audit log or `ausearch` output. */
export function isAuditLog(fileName: string, text: string): boolean {
  if (isAuditLogName(fileName)) return true;
  const first = text.slice(0, 4096).split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 2);
  const record = /^(?:node=\S+\s+)?type=[A-Za-z0-9_[\]]+\s+msg=audit\(/;
  if (first.length === 0) return false;
  if (record.test(first[0])) return true;
  return first[0].trim() === '----' && first.length > 1 && (/^time->/.test(first[1]) || record.test(first[1]));
}
