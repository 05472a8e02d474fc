// Scores the CLI's SARIF over the project's own corpus of real files (test/corpus): files from
// public repositories, each kept with its repository, commit and path, every mount in it checked
// by hand (manifests/*.json, one per area, same fields as ../shared/corpus). The bars are the
// ones the project holds itself to per kind.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, runCli } from './cli/cli';
import { scoreCorpus, type CorpusEntry, type CorpusScore } from './helpers/corpusScore';

const corpus = path.join(repoRoot, 'test', 'corpus');
const filesDir = path.join(corpus, 'files');

/** missing-relabel precision and recall each kind must reach. */
const bars: Record<string, number> = {
  compose: 1,
  shell: 0.98,
  dockerfile: 0.98,
  quadlet: 0.98,
  markdown: 0.97,
  devcontainer: 0.97,
  ci: 0.97,
  makefile: 0.97,
};

function loadManifests(): CorpusEntry[] {
  const dir = path.join(corpus, 'manifests');
  // Git keeps no empty folder: a fresh clone has no manifests/ until the first entry lands.
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as CorpusEntry[]);
}

describe('corpus: test/corpus (real files, hand-checked)', function () {
  this.timeout(120_000);
  const entries = loadManifests();
  let sarif: unknown;

  before(function () {
    if (entries.length === 0) this.skip();
    const cli = runCli(['--format', 'sarif', '.'], { cwd: filesDir });
    assert.ok(cli.code === 0 || cli.code === 1, `the CLI failed (exit ${cli.code}):\n${cli.stderr}`);
    sarif = JSON.parse(cli.stdout);
  });

  it('every entry names a file that is there, its repository, commit and path', () => {
    const seen = new Set<string>();
    for (const e of entries) {
      assert.ok(fs.existsSync(path.join(filesDir, e.file)), `${e.file} is missing`);
      assert.match(e.repo, /^[\w.-]+\/[\w.-]+$/, `${e.file}: repo`);
      assert.match(e.commit, /^[0-9a-f]{40}$/, `${e.file}: commit`);
      assert.ok(e.path, `${e.file}: path`);
      assert.ok(e.kind in bars, `${e.file}: unknown kind ${e.kind}`);
      assert.ok(!seen.has(e.file), `${e.file} is listed twice`);
      seen.add(e.file);
    }
  });

  for (const kind of Object.keys(bars)) {
    describe(kind, () => {
      const mine = entries.filter((e) => e.kind === kind);
      let score: CorpusScore;
      before(function () {
        if (mine.length === 0) this.skip();
        score = scoreCorpus(mine, sarif as never);
        const mr = score.missingRelabel;
        const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
        console.log(
          `    ${score.files} files, ${mr.tp + mr.fn} binds needing a relabel: missing-relabel precision ${pct(mr.precision)} recall ${pct(mr.recall)} ` +
            `(tp ${mr.tp}, fp ${mr.fp}, fn ${mr.fn}); system-path-mount ${score.systemPathMount.found}/${score.systemPathMount.of}; harmful fixes ${score.harmfulFixes}`,
        );
      });

      it(`missing-relabel precision and recall ≥ ${bars[kind] * 100}%`, () => {
        const { precision, recall } = score.missingRelabel;
        assert.ok(precision >= bars[kind] && recall >= bars[kind], score.details.join('\n'));
      });

      it('no fix relabels a sensitive path or a container with labeling off; every system path reported', () => {
        assert.equal(score.harmfulFixes, 0, score.details.join('\n'));
        assert.equal(score.systemPathMount.found, score.systemPathMount.of, score.details.join('\n'));
      });
    });
  }
});
