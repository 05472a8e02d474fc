// What the server does while an open document is idle (server/src/lsp/idlePreparation.ts): steps of
// its next edit's preparation, for the tests that check results are the same with or without it.
import assert from 'node:assert/strict';
import { AnalysisCache, analyze, type AnalysisResult, type AnalyzeOptions } from '../../server/src/core';

/** Steps of about `count` runs each (their services or statements), until there is nothing left or `steps` are taken. */
export function prepareSteps(cache: AnalysisCache, text: string, options: AnalyzeOptions, count: number, steps = Infinity): number {
  let taken = 0;
  while (taken < steps && cache.prepare(text, options, count)) taken++;
  return taken;
}

/** Some of the steps or all of them, of a random size: the editor's idleness ends at any time. */
export function prepareSome(cache: AnalysisCache, text: string, options: AnalyzeOptions, next: () => number): void {
  prepareSteps(cache, text, options, 1 + Math.floor(next() * 8), next() < 0.5 ? Infinity : Math.floor(next() * 4));
}

/**
 * Edits a real file one edit after another on one cache, as an editor does, and compares each
 * analysis with a fresh one (`shown`: what a result shows); with `idle`, some of the idle-time
 * preparation runs between edits.
 */
export function editAndCompare(
  file: { name: string; text: string },
  fileName: string,
  edits: number,
  edit: (text: string) => string,
  shown: (result: AnalysisResult) => unknown,
  idle?: () => number,
): void {
  const cache = new AnalysisCache();
  let text = file.text;
  for (let i = 0; i <= edits; i++) {
    const incremental = shown(analyze(text, { fileName, cache }));
    const fresh = shown(analyze(text, { fileName }));
    assert.deepEqual(incremental, fresh, `${file.name}, edit ${i}: the texts differ in analysis:\n${text}`);
    if (idle) prepareSome(cache, text, { fileName, cache }, idle);
    text = edit(text);
  }
}
