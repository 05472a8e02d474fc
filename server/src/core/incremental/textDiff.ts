/** One edit: `[at, oldEnd)` of the old text became `delta` characters longer (or shorter). */
export interface Edit {
  at: number;
  oldEnd: number;
  delta: number;
}

/** The one edit that turns `before` into `after`: their common prefix and suffix kept. */
export function diff(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  const most = Math.min(before.length, after.length);
  let at = 0;
  while (at < most && before.charCodeAt(at) === after.charCodeAt(at)) at++;
  let tail = 0;
  while (tail < most - at && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { at, oldEnd: before.length - tail, delta: after.length - before.length };
}
