import { diffEdit } from '../text';

/** One edit: `[at, oldEnd)` of the old text became `delta` characters longer (or shorter). */
export interface Edit {
  at: number;
  oldEnd: number;
  delta: number;
}

/** The one edit that turns `before` into `after`: their common prefix and suffix kept. */
export function diff(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  const { start, end } = diffEdit(before, after);
  return { at: start, oldEnd: end, delta: after.length - before.length };
}
