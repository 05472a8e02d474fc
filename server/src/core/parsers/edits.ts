/** Relabel editors shared by the syntaxes that write options as a list of words. */
import type { Edit, MountOption, Relabel, RelabelEditor } from '../model';

export const noEdits: RelabelEditor = { add: () => undefined, remove: () => undefined, set: () => undefined };

/** Removes words from a comma-separated list, each with the comma that joins it to the list. */
export function removeListWords(options: MountOption[], remove: MountOption[]): Edit[] {
  const kept = options.filter((o) => !remove.includes(o));
  if (kept.length === 0) return [];
  return remove.map((o) => {
    const i = options.indexOf(o);
    const prev = options[i - 1];
    return prev ? { start: prev.span.end, end: o.span.end, newText: '' } : { start: o.span.start, end: options[i + 1].span.start, newText: '' };
  });
}

/**
 * The `SRC:DST[:OPTS]` syntax (compose short syntax, `-v`, quadlet `Volume=`): `:Z` goes after the
 * target, `,Z` after the last option. `end` is where the spec text ends; undefined when the text
 * does not map 1:1 onto the file (escapes), and then nothing is edited.
 */
export function shortSyntaxEditor(end: number | undefined, options: MountOption[], relabels: MountOption[], colon?: number): RelabelEditor {
  if (end === undefined) return noEdits;
  const last = options[options.length - 1];
  return {
    add: (r) => [last ? { start: last.span.end, end: last.span.end, newText: `,${r}` } : { start: end, end, newText: `:${r}` }],
    remove: () => {
      if (relabels.length === 0) return undefined;
      // Only relabel words: the whole `:z` goes, colon included (when the colon is where the file has it).
      if (relabels.length === options.length) return colon === undefined ? undefined : [{ start: colon, end: last.span.end, newText: '' }];
      return removeListWords(options, relabels);
    },
    set: (r) => relabels.filter((o) => o.word !== r).map((o) => ({ ...o.span, newText: r })),
  };
}

/** Podman's `--mount` list (and quadlet `Mount=`): relabel is the `relabel=private|shared` field. */
export function podmanMountEditor(end: number | undefined, fields: MountOption[], relabels: MountOption[]): RelabelEditor {
  if (end === undefined) return noEdits;
  const value = (r: Relabel): string => (r === 'Z' ? 'private' : 'shared');
  return {
    add: (r) => [{ start: end, end, newText: `,relabel=${value(r)}` }],
    remove: () => (relabels.length ? removeListWords(fields, relabels) : undefined),
    // A relabel field is `relabel=...` or podman's bare `z`/`Z` (one character).
    set: (r) =>
      relabels.filter((o) => o.word !== r).map((o) => ({ ...o.span, newText: o.span.end - o.span.start > 1 ? `relabel=${value(r)}` : r })),
  };
}
