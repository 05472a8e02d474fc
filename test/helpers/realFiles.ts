// The real files the project keeps (examples, fixtures, its corpus, and ../shared's corpus when it is
// there), for the tests that drive edits over them; and a seeded random source, so a failure replays.
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const roots = ['examples', 'test/fixtures', 'test/corpus/files', '../shared/corpus/files'];

/** Every kept file below `maxBytes` that `accept` takes (by its name and text), read once. */
export function realFiles(accept: (name: string, text: string) => boolean, maxBytes: number): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (fs.statSync(full).size < maxBytes) {
        const text = fs.readFileSync(full, 'utf8');
        if (accept(entry.name, text)) out.push({ name: full, text });
      }
    }
  };
  roots.forEach((d) => walk(path.join(repoRoot, d)));
  return out;
}

/** A deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
