// The server prepares an open document's next edit while the editor is idle (AnalysisCache.prepare,
// run by lsp/idlePreparation.ts): it places what the open's whole reading built and makes the kept
// findings movable, as that edit would. Whether it ran to the end, stopped part way or did not run,
// the edits after it must give what a fresh analysis gives (findings, fixes and their edits,
// hovers), and keep the same finding objects for the runs they leave alone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AnalysisCache, analyze, hoverAt, type AnalysisResult, type Finding } from '../../server/src/core';
import { prepareSteps } from '../helpers/preparation';

const root = path.resolve(__dirname, '../..');

/** What the findings show and do, offsets read one by one (kept findings read theirs through getters). */
function shown(result: AnalysisResult): unknown {
  const finding = (f: Finding) => [f.ruleId, f.severity, f.message, f.span.start, f.span.end, f.fixes.map((x) => [x.title, x.safe, x.edits.map((e) => [e.start, e.end, e.newText])])];
  return { findings: result.findings.map(finding), suppressed: result.suppressed?.map(finding) };
}

/** The hover at every finding's span, at its start and end. */
function hovers(text: string, result: AnalysisResult, options: { fileName: string; cache?: AnalysisCache }): unknown[] {
  return result.findings.flatMap((f) =>
    [f.span.start, f.span.end].map((offset) => {
      const hover = hoverAt(text, offset, { ...options, markdown: true });
      return hover && [hover.contents, hover.span.start, hover.span.end];
    }),
  );
}

/** `text` with `insert` typed at `at`. */
function typed(text: string, at: number, insert: string): string {
  return text.slice(0, at) + insert + text.slice(at);
}

const inputs = [
  // groupsky/homy: 64 services, 57 findings (provenance: test/fixtures/compose-projects/README.md).
  { name: 'compose', fileName: 'docker-compose.yml', file: 'test/fixtures/compose-projects/homy/docker-compose.yml', findings: 57 },
  // ottok/debcraft: 226 lines, 5 findings (provenance: test/corpus/manifests/shell.json).
  { name: 'shell script', fileName: 'build.inc.sh', file: 'test/corpus/files/ottok__debcraft/src/build.inc.sh', findings: 5 },
  // moby/buildkit: 306 lines, 26 RUN --mount steps, 3 findings (provenance: test/fixtures/dockerfiles/README.md).
  { name: 'Dockerfile', fileName: 'Dockerfile', file: 'test/fixtures/dockerfiles/moby-buildkit/Dockerfile', findings: 3 },
];
/** How far the preparation got before the first edit: all of it, two steps of one run's service or statement, none. */
const extents = [
  { name: 'prepared', count: 8, steps: Infinity },
  { name: 'prepared part way', count: 1, steps: 2 },
  { name: 'not prepared', count: 1, steps: 0 },
];

describe('edits after the idle-time preparation', () => {
  for (const input of inputs) {
    for (const extent of extents) {
      it(`${input.name}, ${extent.name}: agree with a fresh analysis, and keep the untouched findings`, () => {
        const { fileName } = input;
        let text = readFileSync(path.join(root, input.file), 'utf8');
        const cache = new AnalysisCache();
        const unprepared = new AnalysisCache();
        const opened = analyze(text, { fileName, cache });
        const before = analyze(text, { fileName, cache: unprepared });
        assert.equal(opened.findings.length, input.findings, 'the file\'s findings');
        assert.deepEqual(shown(before), shown(opened));

        const taken = prepareSteps(cache, text, { fileName, cache }, extent.count, extent.steps);
        // A step of one run leaves more to prepare in each of these files: there is work ahead to do.
        if (extent.steps === 2) assert.ok(taken >= 1, 'a first step that left more to prepare');
        if (extent.steps === Infinity) assert.equal(cache.prepare(text, { fileName, cache }, 1), false, 'nothing left to prepare');
        // The version analysed reads the same, its hovers too.
        assert.deepEqual(shown(analyze(text, { fileName, cache })), shown(analyze(text, { fileName })));
        assert.deepEqual(hovers(text, opened, { fileName, cache }), hovers(text, opened, { fileName }));

        // Typed into the middle finding's host path, then above every finding, then at the end.
        const middle = opened.findings[opened.findings.length >> 1];
        const edits = [(t: string) => typed(t, middle.span.start + 1, 'x'), (t: string) => `# a line\n${t}`, (t: string) => `${t}\n# the end\n`];
        let last = opened;
        let lastUnprepared = before;
        for (const [i, edit] of edits.entries()) {
          text = edit(text);
          const result = analyze(text, { fileName, cache });
          const fresh = analyze(text, { fileName });
          assert.deepEqual(shown(result), shown(fresh), `edit ${i}: the findings are a fresh analysis's`);
          assert.deepEqual(hovers(text, fresh, { fileName, cache }), hovers(text, fresh, { fileName }), `edit ${i}: the hovers are a fresh analysis's`);
          // The same findings are kept objects as without the preparation.
          const resultUnprepared = analyze(text, { fileName, cache: unprepared });
          const kept = (now: AnalysisResult, then: AnalysisResult) => now.findings.map((f) => then.findings.includes(f));
          assert.deepEqual(kept(result, last), kept(resultUnprepared, lastUnprepared), `edit ${i}: the findings kept`);
          [last, lastUnprepared] = [result, resultUnprepared];
        }
        const keptSinceOpen = (now: AnalysisResult, then: AnalysisResult) => now.findings.filter((f) => then.findings.includes(f)).length;
        assert.equal(keptSinceOpen(last, opened), keptSinceOpen(lastUnprepared, before), 'findings kept since open');
      });
    }
  }
});
