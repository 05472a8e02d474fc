// Scores the CLI's SARIF over the hand-checked real-world corpus in ../shared (present in CI and
// on the project's machines, not in a user's clone).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..');
const shared = path.resolve(repoRoot, '..', 'shared');
const corpus = path.join(shared, 'corpus');

interface Score {
  missingRelabel: { precision: number; recall: number; tp: number; fp: number; fn: number };
  relabelSystemPath: { precision: number; recall: number; tp: number; fp: number; fn: number };
  systemPathMount: { found: number; of: number };
  harmfulFixes: number;
  files: number;
  findingsRead: number;
}

/** Runs the CLI once over the corpus and scores its SARIF against the manifest's entries of one kind. */
class CorpusRun {
  private sarifPath = '';
  readonly tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-corpus-'));

  run(): void {
    const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), '--format', 'sarif', '.'], {
      cwd: path.join(corpus, 'files'),
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    assert.equal(cli.status, 1, `the CLI should report findings and exit 1:\n${cli.stderr}`);
    this.sarifPath = path.join(this.tmp, 'report.sarif');
    fs.writeFileSync(this.sarifPath, cli.stdout);
  }

  score(kind: string): Score {
    const manifest = JSON.parse(fs.readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) as { kind: string }[];
    const manifestPath = path.join(this.tmp, `manifest.${kind}.json`);
    fs.writeFileSync(manifestPath, JSON.stringify(manifest.filter((e) => e.kind === kind)));
    const scorer = spawnSync(
      process.execPath,
      [path.join(shared, 'tools', 'score-corpus.mjs'), '--manifest', manifestPath, '--sarif', this.sarifPath, '--json'],
      { encoding: 'utf8' },
    );
    assert.equal(scorer.status, 0, scorer.stderr);
    return JSON.parse(scorer.stdout) as Score;
  }
}

describe('corpus: ../shared/corpus, per file kind', function () {
  this.timeout(120_000);
  const corpusRun = new CorpusRun();

  before(function () {
    if (!fs.existsSync(path.join(corpus, 'manifest.json'))) {
      if (process.env.CI) throw new Error(`${corpus} is missing: CI runs with ../shared beside the clone`);
      console.log(`    skipped: ${corpus} does not exist (it is not part of the repository)`);
      this.skip();
    }
    corpusRun.run();
  });
  after(() => fs.rmSync(corpusRun.tmp, { recursive: true, force: true }));

  for (const kind of ['compose', 'shell', 'dockerfile', 'quadlet']) {
    describe(kind, () => {
      let score: Score;
      before(() => {
        score = corpusRun.score(kind);
        const mr = score.missingRelabel;
        const sp = score.relabelSystemPath;
        const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
        console.log(`    ${score.files} ${kind} files, ${score.findingsRead} findings`);
        console.log(`    missing-relabel     precision ${pct(mr.precision)} recall ${pct(mr.recall)} (tp ${mr.tp}, fp ${mr.fp}, fn ${mr.fn})`);
        console.log(`    relabel-system-path precision ${pct(sp.precision)} recall ${pct(sp.recall)} (tp ${sp.tp}, fp ${sp.fp}, fn ${sp.fn})`);
        console.log(`    system-path-mount   found ${score.systemPathMount.found} of ${score.systemPathMount.of}`);
        console.log(`    harmful fixes       ${score.harmfulFixes}`);
      });

      it('missing-relabel precision ≥ 0.95', () => {
        assert.ok(score.missingRelabel.precision >= 0.95, JSON.stringify(score.missingRelabel));
      });

      it('missing-relabel recall ≥ 0.95', () => {
        assert.ok(score.missingRelabel.recall >= 0.95, JSON.stringify(score.missingRelabel));
      });

      it('no fix adds a relabel where none must go', () => {
        assert.equal(score.harmfulFixes, 0);
      });
    });
  }
});
