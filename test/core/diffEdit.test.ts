// diffEdit compares whole files a chunk at a time before it goes character by character: the edit
// it gives must be the one a character-by-character comparison gives, wherever the texts differ
// (inside a chunk, across a chunk's edge, at either end, not at all).
import assert from 'node:assert/strict';
import { applyEdits, diffEdit } from '../../server/src/core';

function naive(before: string, after: string): { start: number; end: number; newText: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start, end: before.length - tail, newText: after.slice(start, after.length - tail) };
}

describe('core: diffEdit', () => {
  it('gives the edit between two texts as a comparison character by character does', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const base = Array.from({ length: 20000 }, (_, i) => 'ab\n'[i % 3] + (i % 97 === 0 ? 'x' : '')).join('');
    for (let c = 0; c < 300; c++) {
      // Edits near a chunk's edge (4096) as often as anywhere; repeated text, so that the common ends overlap.
      const at = next(2) ? next(base.length) : Math.min(base.length, 4096 * next(6) + next(5) - 2);
      const removed = next(4) ? next(6) : next(9000);
      const inserted = ['', 'a', 'b\n', 'ab', base.slice(at, at + next(5000))][next(5)];
      const after = base.slice(0, Math.max(0, at)) + inserted + base.slice(Math.max(0, at) + removed);
      const edit = diffEdit(base, after);
      assert.deepEqual(edit, naive(base, after), `case ${c}`);
      assert.equal(applyEdits(base, [edit]), after);
    }
    assert.deepEqual(diffEdit(base, base), { start: base.length, end: base.length, newText: '' });
  });
});
