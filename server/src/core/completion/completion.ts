/**
 * Completion where SELinux options are written: a short-syntax mount's option list (compose
 * `volumes:`, `-v`/`--volume`, quadlet `Volume=`), `label=` values of `security_opt` /
 * `--security-opt`, compose's long-syntax `bind: selinux:`, and quadlet's `SecurityLabel*=` keys.
 *
 * Completion runs on half-typed text, which the parsers do not always see as a mount (YAML reads
 * `- ./a:/b:` at a line's end as a mapping key), so the place is recognised on the text of the
 * line; the parsed model still tells which containers share a host path, to rank `z` against `Z`.
 */
import { parseFile, parserFor, type AnalyzeOptions } from '../analyze';
import { interpolate } from '../interpolation';
import type { FileKind, Span } from '../model';
import { holdsCredentials, normalizePath, pathKey, sensitivity } from '../paths';
import { splitShortVolume } from '../parsers/shortVolume';
import { labelValues, mountOptionWords, quadletLabelKeys, type OptionEngine } from './mountOptions';

export interface CompletionEntry {
  label: string;
  kind: 'option' | 'value' | 'key';
  /** One line: what the word does here. */
  documentation: string;
  /** Why it ranks where it does, when that depends on the file (z against Z). */
  detail?: string;
  sortText: string;
  /** The text the entry replaces (the partly typed word). */
  replace: Span;
  insertText: string;
}

/** Characters of a word being typed in an option list or a `label=` value. */
const wordChar = /[\w:.-]/;

export function completionsAt(text: string, offset: number, options: AnalyzeOptions): CompletionEntry[] | undefined {
  const parser = parserFor(options, text);
  if (!parser || parser.kind === 'audit') return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  let end = offset;
  while (end < text.length && wordChar.test(text[end])) end++;
  const place: Place = { text, offset, end, before, kind: parser.kind, options };
  return quadletKeys(place) ?? labelValueEntries(place) ?? selinuxValues(place) ?? mountOptionEntries(place);
}

interface Place {
  text: string;
  offset: number;
  /** End of the word under the cursor. */
  end: number;
  /** The line up to the cursor. */
  before: string;
  kind: FileKind;
  options: AnalyzeOptions;
}

function quadletKeys(p: Place): CompletionEntry[] | undefined {
  if (p.kind !== 'quadlet') return undefined;
  const value = /^(SecurityLabel(?:Disable|Nested))=(\w*)$/.exec(p.before);
  if (value) {
    const replace = { start: p.offset - value[2].length, end: p.end };
    return ['true', 'false'].map((word, i) => ({
      label: word,
      kind: 'value',
      documentation: quadletLabelKeys.find((k) => k.key === value[1])!.doc,
      sortText: String(i),
      replace,
      insertText: word,
    }));
  }
  const key = /^([A-Za-z]*)$/.exec(p.before);
  if (!key || section(p.text, p.offset) !== 'Container') return undefined;
  const replace = { start: p.offset - key[1].length, end: p.end };
  return quadletLabelKeys.map((k, i) => ({ label: k.key, kind: 'key', documentation: k.doc, sortText: String(i), replace, insertText: `${k.key}=` }));
}

/** The `[Section]` a quadlet line is in. */
function section(text: string, offset: number): string | undefined {
  let found: string | undefined;
  for (const m of text.slice(0, offset).matchAll(/^\[([^\]\r\n]+)\]/gm)) found = m[1];
  return found;
}

/** `label=` after `--security-opt`, in a `security_opt` list, or in `securityOpt` / `runArgs` arrays. */
function labelValueEntries(p: Place): CompletionEntry[] | undefined {
  const m = /(?:--security-opt(?:=|\s+)|^\s*-\s*|[[,]\s*)["']?label[=:]([\w.-]*)$/.exec(p.before);
  if (!m) return undefined;
  const replace = { start: p.offset - m[1].length, end: p.end };
  const engine = engineAt(p);
  return labelValues
    .filter((v) => !v.podmanOnly || engine !== 'docker')
    .map((v, i) => ({ label: v.value, kind: 'value', documentation: v.doc, sortText: String(i).padStart(2, '0'), replace, insertText: v.value }));
}

/** compose long syntax: `bind:` → `selinux: z|Z`. */
function selinuxValues(p: Place): CompletionEntry[] | undefined {
  if (p.kind !== 'compose') return undefined;
  const m = /^\s*selinux:\s*["']?(\w*)$/.exec(p.before);
  if (!m) return undefined;
  const replace = { start: p.offset - m[1].length, end: p.end };
  return relabelEntries(p, replace, undefined);
}

function mountOptionEntries(p: Place): CompletionEntry[] | undefined {
  const spec = specAt(p);
  if (!spec) return undefined;
  const parts = splitShortVolume(spec.word);
  if (parts.modeStart === undefined || !parts.source || !parts.target) return undefined;
  const at = p.offset - spec.start;
  if (at < parts.modeStart) return undefined;
  const typed = spec.word.slice(parts.modeStart, at);
  const partial = typed.slice(typed.lastIndexOf(',') + 1);
  const replace = { start: p.offset - partial.length, end: p.end };
  const current = typed.split(',').length - 1;
  const others = spec.word.slice(parts.modeStart).split(',').filter((w, i) => i !== current && w !== '');
  const taken = new Set(mountOptionWords.filter((o) => others.includes(o.word)).map((o) => o.group));
  const engine = p.kind === 'quadlet' ? 'podman' : engineAt(p);
  const entries: CompletionEntry[] = [];
  if (!taken.has('label')) entries.push(...relabelEntries(p, replace, parts.source.text));
  mountOptionWords.forEach((o, i) => {
    if (o.group === 'label' && (o.word === 'z' || o.word === 'Z')) return;
    if (taken.has(o.group) || (engine && !o.engines.includes(engine))) return;
    const only = o.engines.length === 1 && !engine ? ` (${o.engines[0]} only)` : '';
    entries.push({ label: o.word, kind: 'option', documentation: o.doc + only, sortText: `5${String(i).padStart(2, '0')}`, replace, insertText: o.word });
  });
  return entries;
}

/**
 * `z` and `Z`, ranked for this host path: `z` first when other containers of the file mount it
 * (a private label would lock them out), `Z` first otherwise; both last, with the reason, on a
 * path that must not be relabelled.
 */
function relabelEntries(p: Place, replace: Span, sourceText: string | undefined): CompletionEntry[] {
  const sharing = sourceText === undefined ? undefined : containersMounting(p, sourceText);
  const path = sourceText === undefined ? undefined : interpolate(sourceText).value;
  const harm = path === undefined ? undefined : sensitivity(path);
  // Credentials stay private even when others mount them (reference §5c): Z first, as the quick fix.
  const credentials = path !== undefined && holdsCredentials(path);
  const shared = (sharing?.length ?? 0) > 0 && !credentials;
  const rank = (word: 'z' | 'Z'): string => (harm ? '9' : (word === 'z') === shared ? '0' : '1');
  const detail = (word: 'z' | 'Z'): string | undefined => {
    if (harm) return `do not relabel ${sourceText}: ${harm.reason}`;
    if (credentials) return word === 'Z' ? 'private: it usually holds credentials' : 'shared: every confined container could read these credentials';
    if (sharing === undefined) return undefined;
    if (sharing.length > 0) return word === 'z' ? `shared: ${sharing.join(', ')} also mount${sharing.length === 1 ? 's' : ''} this path` : `private: would lock ${sharing.join(', ')} out`;
    return word === 'Z' ? 'private: no other container in this file mounts this path' : undefined;
  };
  return (['z', 'Z'] as const).map((word) => ({
    label: word,
    kind: 'option',
    documentation: mountOptionWords.find((o) => o.word === word)!.doc,
    detail: detail(word),
    sortText: rank(word),
    replace,
    insertText: word,
  }));
}

/** Names of the other containers in the file that mount the host path `sourceText`. */
function containersMounting(p: Place, sourceText: string): string[] {
  const file = parseFile(p.text, p.options);
  if (!file) return [];
  const inside = (s: Span): boolean => s.start <= p.offset && p.offset <= s.end;
  const own = file.runs.flatMap((r) => r.mounts).find((m) => inside(m.span));
  const key = (own && pathKey(own)) ?? normalizePath(interpolate(sourceText).value);
  return file.runs
    .filter((r) => !r.mounts.includes(own!) && r.mounts.some((m) => m.kind === 'host' && (pathKey(m) === key || normalizePath(m.source?.path ?? '') === key)))
    .map((r) => r.name);
}

/** The mount spec word around the cursor, when the text before it says it is one. */
function specAt(p: Place): { word: string; start: number } | undefined {
  const m = /(^|[\s"'[,=])([^\s"'[=]*)$/.exec(p.before);
  if (!m) return undefined;
  const lead = p.before.slice(0, m.index + m[1].length);
  const mountContext =
    p.kind === 'quadlet'
      ? /^Volume=$/.test(lead)
      : p.kind === 'compose'
        ? /^\s*-\s*["']?$|[[,]\s*["']?$/.test(lead)
        : /(?:^|\s|["'])(?:-v|--volume)(?:=|\s+|["'],\s*["'])["']?$|--volume=["']?$/.test(lead);
  if (!mountContext) return undefined;
  const start = p.offset - m[2].length;
  return { word: p.text.slice(start, p.end), start };
}

/** Which engine's option words apply: podman or docker when the command says, else both. */
function engineAt(p: Place): OptionEngine | undefined {
  if (p.kind === 'quadlet') return 'podman';
  const window = p.text.slice(Math.max(0, p.offset - 2000), p.offset);
  let found: OptionEngine | undefined;
  for (const m of window.matchAll(/\b(docker|podman)\b/g)) found = m[1] as OptionEngine;
  return p.kind === 'compose' ? undefined : found;
}
