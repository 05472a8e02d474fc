// The home folders of the project's corpus (test/corpus/manifests/home-folders.json), through the
// CLI's SARIF: beyond the corpus scorer, which only requires that no relabel fix lands on them,
// every sensitive home folder in a confined container is reported with its policy type and no
// relabel fix, and every credential folder's preferred fix is the private :Z.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, runCli } from './cli';
import type { CorpusEntry } from '../helpers/corpusScore';

const corpus = path.join(repoRoot, 'test', 'corpus');
const entries = JSON.parse(fs.readFileSync(path.join(corpus, 'manifests', 'home-folders.json'), 'utf8')) as CorpusEntry[];

interface Result {
  ruleId: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; endLine?: number } } }[];
  fixes?: { description: { text: string }; artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }[];
}

const credential = /(^|\/)\.(aws|kube|docker)\/?"?$/;

describe('cli: home folders of the corpus (reference §5c)', function () {
  this.timeout(60_000);
  let results: Result[] = [];
  before(() => {
    const cli = runCli(['--format', 'sarif', ...entries.map((e) => e.file)], { cwd: path.join(corpus, 'files') });
    assert.equal(cli.code, 1, cli.stderr);
    results = (JSON.parse(cli.stdout) as { runs: { results: Result[] }[] }).runs[0].results;
  });

  const at = (file: string, line: number): Result[] =>
    results.filter((r) => {
      const loc = r.locations[0].physicalLocation;
      return loc.artifactLocation.uri.endsWith(file) && loc.region.startLine <= line && line <= (loc.region.endLine ?? loc.region.startLine);
    });
  /** The findings at the mount's line that name its host path (several mounts may share a line). */
  const about = (file: string, line: number, host: string): Result[] => {
    const last = host.replace(/["/]+$/, '').replace(/^.*\//, '');
    return at(file, line).filter((r) => r.message.text.includes(last));
  };
  const inserted = (r: Result, fix = 0): string => (r.fixes?.[fix]?.artifactChanges ?? []).flatMap((c) => c.replacements.map((x) => x.insertedContent.text)).join('');

  for (const e of entries) {
    for (const m of e.mounts.filter((x) => x.sensitive_subpath && !x.labeling_disabled && /~|HOME|\.ssh|\.gnupg|Xauth/.test(x.host))) {
      it(`${e.file}:${m.line} ${m.host} is reported with its type, and no fix relabels it`, () => {
        const mine = about(e.file, m.line, m.host);
        const found = mine.filter((r) => r.ruleId === 'system-path-mount' || r.ruleId === 'relabel-system-path');
        assert.ok(found.some((r) => /\b\w+_t\b/.test(r.message.text) && /label=disable/.test(r.message.text)), JSON.stringify(found.map((r) => r.message.text)));
        for (const r of mine) {
          for (let i = 0; i < (r.fixes?.length ?? 0); i++) assert.doesNotMatch(inserted(r, i), /(^|[:,])[zZ]\b|relabel=/, r.ruleId);
        }
      });
    }
    for (const m of e.mounts.filter((x) => x.expected === 'missing-relabel' && credential.test(x.host))) {
      it(`${e.file}:${m.line} ${m.host} holds credentials: the preferred fix is :Z`, () => {
        const [r] = about(e.file, m.line, m.host).filter((x) => x.ruleId === 'missing-relabel');
        assert.ok(r, `a missing-relabel finding at ${m.line}`);
        assert.match(r.fixes?.[0]?.description.text ?? '', /:Z\b/);
        assert.match(inserted(r), /[:,]Z\b/);
      });
    }
  }
});
