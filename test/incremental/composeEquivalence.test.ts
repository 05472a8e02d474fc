// The incremental compose reader must always agree with a fresh analysis: thousands of random edits
// (the characters that change YAML structure included), applied one after another to one cache as
// an editor does, each compared with analysing the same text from scratch.
import assert from 'node:assert/strict';
import type { AnalysisResult, Finding } from '../../server/src/core';
import { editAndCompare } from '../helpers/preparation';
import { random, realFiles } from '../helpers/realFiles';

/** Real compose files: the examples and fixtures, the project's corpus, and ../shared's when it is there. */
const composeFiles = () => realFiles((name) => /compose.*\.ya?ml$/i.test(name), 100_000);

const pieces = [' ', '  ', '\n', '\n  ', '\n    ', ':', ': ', '-', '- ', 'z', 'Z', ',', '&a', '*a', '<<: *a', '#', '"', "'", '[', ']', '{', '}', '|', '\t', 'x', 'ro', './d:/d', 'extends: ', 'services:', 'volumes:', '\r\n', '---\n', '\uFEFF', '\r', 'services:\n  new:\n    volumes: [./n:/n]\n', 'x-a: &a\n  volumes: [./m:/m]\n', '  # selinux-mounts ignore=missing-relabel\n', ' # selinux-mounts ignore=private-label-shared,conflicting-relabel', ':Z', ':z,Z', '/etc:/etc'];

function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const roll = next();
  if (roll < 0.45) return text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at);
  if (roll < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
  // Copy a line elsewhere: new services, duplicate keys, moved anchors.
  const lines = text.split('\n');
  const line = lines[Math.floor(next() * lines.length)];
  lines.splice(Math.floor(next() * lines.length), 0, line);
  return lines.join('\n');
}

/**
 * What the findings show and do (messages, fixes and their edits, suppressions), without the model
 * objects behind them. Offsets are read one by one: kept findings read theirs through getters.
 */
function shown(result: AnalysisResult): unknown {
  const finding = ({ mount, run, span, fixes, ...f }: Finding) => ({
    ...f,
    span: [span.start, span.end],
    fixes: fixes.map(({ edits, ...fix }) => ({ ...fix, edits: edits.map((e) => [e.start, e.end, e.newText]) })),
    mount: mount && [mount.span.start, mount.span.end],
    run: run?.name,
  });
  return { findings: result.findings.map(finding), suppressed: result.suppressed?.map(finding), unused: result.unusedSuppressions };
}

describe('incremental compose reading agrees with a fresh analysis', function () {
  this.timeout(120_000);
  const files = composeFiles();
  const seed = Number(process.env.EQUIVALENCE_SEED ?? 20261202);
  const editsPerFile = Number(process.env.EQUIVALENCE_EDITS ?? 60);

  // Prepared: between edits, the server's idle-time preparation of the next edit, some of its steps or all.
  for (const prepared of [false, true]) {
    it(`over ${files.length} real compose files, ${editsPerFile} edits each (seed ${seed})${prepared ? ', prepared while idle' : ''}`, () => {
      assert.ok(files.length >= 3, 'compose files to edit');
      const next = random(seed);
      const idle = random(seed + 1);
      for (const file of files) editAndCompare(file, 'compose.yaml', editsPerFile, (text) => edit(text, next), shown, prepared ? idle : undefined);
    });
  }
});
