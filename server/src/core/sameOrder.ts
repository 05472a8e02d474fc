/**
 * A list against the one it follows, by object: an edit keeps the runs (core/incremental), the
 * findings and the Diagnostics (lsp/convert.ts) of what it did not touch, in the same order. A
 * keystroke then costs a comparison per item (no lookup in a map), and whole runs are handed on
 * at once.
 */

/** How far past an old item that is gone the next kept one is looked for (a service's findings read again). */
const lookAhead = 16;

/**
 * Walks `list` in order: `kept(i, j, count)` for each run of `count` items from `i` that are
 * `old`'s from `j` (each item of `old` in one run at most, the runs in order), `other(i)` for each
 * item that is not where `old` would have it. An item not at
 * the place in `old` it would take is looked for a little further on (the ones before it were
 * dropped), and the lists' common end is found first (a block of new items before it).
 */
export function walkSameOrder(list: readonly unknown[], old: readonly unknown[], kept: (i: number, j: number, count: number) => void, other: (i: number) => void): void {
  const n = list.length;
  const m = old.length;
  let suffix = 0;
  while (suffix < n && suffix < m && list[n - 1 - suffix] === old[m - 1 - suffix]) suffix++;
  let j = 0;
  for (let i = 0; i < n; ) {
    const k = i >= n - suffix && m - (n - i) >= j ? m - (n - i) : j < m && list[i] === old[j] ? j : nearby(old, j, list[i]);
    if (k < 0) {
      // New, or moved: the old item at `j` may still come.
      other(i++);
      continue;
    }
    let count = 1;
    while (i + count < n && k + count < m && list[i + count] === old[k + count]) count++;
    kept(i, k, count);
    i += count;
    j = k + count;
  }
}

/** Where `item` is in `old` within `lookAhead` places after `j`; -1 when it is not. */
function nearby(old: readonly unknown[], j: number, item: unknown): number {
  for (let k = j + 1; k < old.length && k <= j + lookAhead; k++) if (old[k] === item) return k;
  return -1;
}

/**
 * A value per item of `list`: the value `old`'s same item had (`oldValues`, by place in `old`) where
 * walkSameOrder finds it, else `make(i)`'s; `gone(j)` is told each old item no longer there.
 */
export function carrySameOrder<T>(list: readonly unknown[], old: readonly unknown[], oldValues: readonly T[], make: (i: number) => T, gone: (j: number) => void): T[] {
  const values: T[] = new Array(list.length);
  const kept = new Uint8Array(old.length);
  walkSameOrder(
    list,
    old,
    (i, j, count) => {
      for (let k = 0; k < count; k++) values[i + k] = oldValues[j + k];
      kept.fill(1, j, j + count);
    },
    (i) => (values[i] = make(i)),
  );
  for (let j = 0; j < kept.length; j++) if (!kept[j]) gone(j);
  return values;
}
