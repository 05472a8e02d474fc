// Property tests over generated compose files and shell scripts (test/property/generators.ts):
// whatever the text, analysis does not throw, ranges are sound, and fixes do what they say.
// `npm test` runs a few thousand cases from a fixed seed; `npm run fuzz` many more from a random
// one (the seed and path of a failure are in its report: FC_SEED=… FC_PATH=… replays it).
import fc from 'fast-check';
import type { AnalyzeOptions } from '../../server/src/core';
import { composeFile, shellScript } from './generators';
import { eachSafeFixRemovesItsFinding, fixAllEqualsOneByOne, fixAllIsIdempotent, rangesAreSound, runParameters } from './properties';

const kinds: [kind: string, text: fc.Arbitrary<string>, options: AnalyzeOptions][] = [
  ['compose files', composeFile, { fileName: 'compose.yaml' }],
  ['shell scripts', shellScript, { fileName: 'run.sh' }],
];

const properties: [name: string, check: (text: string, options: AnalyzeOptions) => void, runs: number][] = [
  ['analysis never throws; every range is inside the text, on UTF-16 and CRLF boundaries', rangesAreSound, 400],
  ['every safe fix removes its finding, its edits disjoint', eachSafeFixRemovesItsFinding, 200],
  ['fix-all then fix-all again changes nothing more', fixAllIsIdempotent, 200],
  ['fix-all equals applying the fixes one by one', fixAllEqualsOneByOne, 200],
];

describe('properties', function () {
  if (process.env.FUZZ_RUNS) {
    this.timeout(0);
    console.log(`fuzzing: ${process.env.FUZZ_RUNS} runs per property, seed ${runParameters(0).seed}`);
  }
  for (const [kind, text, options] of kinds) {
    describe(kind, () => {
      for (const [name, check, runs] of properties) {
        it(name, () => fc.assert(fc.property(text, (t) => check(t, options)), runParameters(runs)));
      }
    });
  }
});
