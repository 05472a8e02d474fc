// What the server does while an open document is idle (server/src/lsp/idlePreparation.ts): steps of
// its next edit's preparation, for the tests that check results are the same with or without it.
import { AnalysisCache, type AnalyzeOptions } from '../../server/src/core';

/** Steps of about `count` runs each (their services or statements), until there is nothing left or `steps` are taken. */
export function prepareSteps(cache: AnalysisCache, text: string, options: AnalyzeOptions, count: number, steps = Infinity): void {
  for (let taken = 0; taken < steps && cache.prepare(text, options, count); taken++);
}

/** Some of the steps or all of them, of a random size: the editor's idleness ends at any time. */
export function prepareSome(cache: AnalysisCache, text: string, options: AnalyzeOptions, next: () => number): void {
  prepareSteps(cache, text, options, 1 + Math.floor(next() * 8), next() < 0.5 ? Infinity : Math.floor(next() * 4));
}
