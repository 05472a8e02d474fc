// walkSameOrder finds the runs of a list that follow one another in the list before it: the
// encoder copies their bytes, convert.ts keeps their Diagnostics, HostPaths their paths. Random
// edits check that every run it reports holds the same objects, every item is reported once and
// every old item used once at most, in order; and that an edit to one block costs that block.
import assert from 'node:assert/strict';
import { walkSameOrder } from '../../server/src/core';
import { carrySameOrder } from '../../server/src/core/sameOrder';

/** A fixed seed (mulberry32): the same cases every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function walk(list: readonly object[], old: readonly object[]): { runs: [number, number, number][]; others: number[] } {
  const runs: [number, number, number][] = [];
  const others: number[] = [];
  walkSameOrder(list, old, (i, j, count) => runs.push([i, j, count]), (i) => others.push(i));
  return { runs, others };
}

describe('core: walkSameOrder', () => {
  it('reports each item once, runs of the same objects, each old item once at most and in order', () => {
    const next = random(9);
    const pick = (n: number) => Math.floor(next() * n);
    const pool = Array.from({ length: 12 }, () => ({}));
    for (let c = 0; c < 3000; c++) {
      // Few distinct objects, so that repeats and near misses are common.
      const old = Array.from({ length: pick(20) }, () => (pick(3) ? {} : pool[pick(pool.length)]));
      let list = [...old];
      for (let e = pick(4); e > 0; e--) {
        const at = pick(list.length + 1);
        const n = pick(4);
        list = pick(2) ? [...list.slice(0, at), ...Array.from({ length: n }, () => (pick(2) ? {} : pool[pick(pool.length)])), ...list.slice(at + n)] : [...list.slice(0, at), ...list.slice(at + n)];
      }
      const { runs, others } = walk(list, old);
      const seen = new Array<number>(list.length).fill(0);
      let lastOld = -1;
      for (const [i, j, count] of runs) {
        assert.ok(count > 0 && j > lastOld, `case ${c}: old items in order, once`);
        for (let k = 0; k < count; k++) {
          assert.equal(list[i + k], old[j + k], `case ${c}`);
          seen[i + k]++;
        }
        lastOld = j + count - 1;
      }
      for (const i of others) seen[i]++;
      assert.deepEqual(seen, new Array(list.length).fill(1), `case ${c}: every item once`);
    }
  });

  it('costs the edited block: the items before and after it are two runs', () => {
    const old = Array.from({ length: 1000 }, () => ({}));
    const list = [...old.slice(0, 400), {}, {}, {}, ...old.slice(404)];
    const { runs, others } = walk(list, old);
    assert.deepEqual(runs, [
      [0, 0, 400],
      [403, 404, 596],
    ]);
    assert.deepEqual(others, [400, 401, 402]);
    // Items dropped before a kept one are skipped over; an item moved far is written anew.
    assert.deepEqual(walk([...old.slice(0, 10), ...old.slice(13)], old).runs, [
      [0, 0, 10],
      [10, 13, 987],
    ]);
    assert.deepEqual(walk([old[999], ...old.slice(0, 999)], old).others, [0]);
  });
  it('carrySameOrder: a kept item takes its old value, a new one is made, each old item not kept is told once', () => {
    const next = random(17);
    const pick = (n: number) => Math.floor(next() * n);
    for (let c = 0; c < 2000; c++) {
      const old = Array.from({ length: pick(20) }, () => ({}));
      const oldValues = old.map((_, j) => `old ${j}`);
      let list: object[] = [...old];
      for (let e = pick(4); e > 0; e--) {
        const at = pick(list.length + 1);
        const n = pick(4);
        list = pick(2) ? [...list.slice(0, at), ...Array.from({ length: n }, () => ({})), ...list.slice(at + n)] : [...list.slice(0, at), ...list.slice(at + n)];
      }
      const gone: number[] = [];
      const values = carrySameOrder(list, old, oldValues, (i) => `new ${i}`, (j) => gone.push(j));
      values.forEach((v, i) => assert.equal(v, old.includes(list[i]) ? `old ${old.indexOf(list[i])}` : `new ${i}`));
      assert.deepEqual(gone, old.flatMap((item, j) => (list.includes(item) ? [] : [j])));
    }
  });
});
