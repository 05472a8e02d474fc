/**
 * The `--mount` syntax of docker and podman (and quadlet `Mount=`): a CSV list of `key=value`
 * fields, where a whole field may be quoted (`"dst=/path,1"`). Docker's `--mount` has no relabel
 * field; podman takes `relabel=shared|private` and bare `z`/`Z` (reference §1, §2, §9a).
 */
import { interpolate } from '../interpolation';
import type { Mount, MountOption, Span } from '../model';
import { noEdits, podmanMountEditor } from './edits';

export interface Field {
  key: string;
  value?: string;
  /** The field as written, quotes included. */
  span: Span;
  /** The value's span (inside quotes). */
  valueSpan?: Span;
}

/** Splits `text` (starting at offset `base` in the file) into fields. */
export function splitFields(text: string, base: number): Field[] {
  const fields: Field[] = [];
  let i = 0;
  while (i <= text.length) {
    const start = i;
    let raw: string;
    let rawStart = i;
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close < 0 ? text.length : close;
      raw = text.slice(i + 1, end);
      rawStart = i + 1;
      i = close < 0 ? text.length : close + 1;
      while (i < text.length && text[i] !== ',') i++;
    } else {
      const comma = text.indexOf(',', i);
      i = comma < 0 ? text.length : comma;
      raw = text.slice(start, i);
    }
    const eq = raw.indexOf('=');
    const field: Field = { key: eq < 0 ? raw : raw.slice(0, eq), span: { start: base + start, end: base + i } };
    if (eq >= 0) {
      field.value = raw.slice(eq + 1);
      field.valueSpan = { start: base + rawStart + eq + 1, end: base + rawStart + raw.length };
    }
    if (raw !== '' || text[start] === '"') fields.push(field);
    i++;
  }
  return fields;
}

const sourceKeys = new Set(['src', 'source']);
const targetKeys = new Set(['dst', 'target', 'destination']);

function truthy(value: string | undefined): boolean {
  return value === undefined || value === 'true' || value === '1';
}

export interface MountFlagContext {
  engine: 'docker' | 'podman';
  /** The spec's offset in the file, or undefined when the text does not map 1:1 onto the file. */
  base: number | undefined;
  /** The span to report on when the spec cannot be mapped (the whole argument). */
  whole: Span;
  /** `RUN --mount` defaults to a bind of the build context; `--mount` elsewhere to a volume. */
  build?: boolean;
  /** Turns a source as written into a host path (shell `$HOME` → `~`, quadlet `%h` → `~`). */
  resolve?: (source: string) => { value: string; dynamic: boolean };
}

/** A `--mount` value as a Mount, or undefined for types that mount no host path (tmpfs, image...). */
export function parseMountFlag(text: string, ctx: MountFlagContext): Mount | undefined {
  const fields = splitFields(text, ctx.base ?? 0);
  const at = (span: Span | undefined): Span => (ctx.base === undefined || !span ? ctx.whole : span);
  const get = (keys: Set<string>): Field | undefined => fields.find((f) => keys.has(f.key));
  const type = fields.find((f) => f.key === 'type')?.value ?? (ctx.build ? 'bind' : 'volume');
  if (type !== 'bind' && type !== 'volume') return undefined;
  // A build mount `from=` a stage or image mounts no host path.
  if (ctx.build && (type !== 'bind' || fields.some((f) => f.key === 'from'))) return undefined;
  const options: MountOption[] = [];
  const relabels: MountOption[] = [];
  let ignoredRelabel: Mount['ignoredRelabel'];
  for (const f of fields) {
    const option = { word: f.key, span: at(f.span) };
    options.push(option);
    if (f.key !== 'relabel' && f.key !== 'z' && f.key !== 'Z') continue;
    const relabel = f.key === 'relabel' ? (f.value === 'private' ? 'Z' : f.value === 'shared' ? 'z' : undefined) : f.key;
    const written = f.value === undefined ? f.key : `${f.key}=${f.value}`;
    if (ctx.engine === 'docker') ignoredRelabel = { span: option.span, reason: 'rejected', detail: written };
    else if (!relabel) ignoredRelabel = { span: option.span, reason: 'unknown-word', detail: written };
    else {
      // The same object in both lists, so list edits find it by identity.
      option.word = relabel;
      relabels.push(option);
    }
  }
  const src = get(sourceKeys);
  const dst = get(targetKeys);
  const readOnlyField = fields.find((f) => f.key === 'ro' || f.key === 'readonly');
  const base = {
    span: ctx.whole,
    target: dst?.value !== undefined ? { text: dst.value, span: at(dst.valueSpan) } : undefined,
    options,
    relabels,
    ignoredRelabel,
    readOnly: !!readOnlyField && truthy(readOnlyField.value),
  };
  const syntax = ctx.build ? ('run-mount' as const) : ('mount' as const);
  if (ctx.build && !src) {
    // No source: the root of the build context, which is the host directory the build runs from.
    const edits = ctx.engine === 'podman' && ctx.base !== undefined ? podmanMountEditor(ctx.base + text.length, options, relabels) : noEdits;
    return { ...base, syntax, kind: 'host', source: { text: '.', span: ctx.whole, path: '.', dynamic: false }, edits };
  }
  if (!src?.value) return type === 'volume' ? { ...base, syntax, kind: 'anonymous', edits: noEdits } : undefined;
  const resolved = (ctx.resolve ?? interpolate)(src.value);
  const dynamic = resolved.dynamic;
  // A build mount's source is a path inside the build context, even when written absolute.
  const path = ctx.build ? './' + resolved.value.replace(/^\.?\/+/, '') : resolved.value;
  const source = { text: src.value, span: at(src.valueSpan), path, dynamic };
  if (type === 'volume') return { ...base, syntax, kind: 'named', source, edits: noEdits };
  const end = ctx.base === undefined ? undefined : ctx.base + text.length;
  const edits = ctx.engine === 'podman' ? podmanMountEditor(end, options, relabels) : noEdits;
  return { ...base, syntax, kind: 'host', source, edits };
}
