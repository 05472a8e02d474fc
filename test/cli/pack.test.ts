// The CLI as people install it without the repository: `npm pack`, then `npm install -g` of the
// tarball into a temporary prefix, offline and with an empty npm cache (everything it runs is
// bundled into dist/ by esbuild; the package has no runtime dependencies), then run from a folder
// outside the repository.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixtures, repoRoot } from './cli';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('cli: installed from the packed tarball', function () {
  this.timeout(120_000);
  let tmp: string;
  let files: string[];
  let bin: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-pack-'));
    const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', tmp], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as {
      filename: string;
      files: { path: string }[];
    }[];
    files = packed[0].files.map((f) => f.path).sort();
    const prefix = path.join(tmp, 'prefix');
    execFileSync(npm, ['install', '-g', '--offline', '--no-audit', '--no-fund', '--cache', path.join(tmp, 'cache'), '--prefix', prefix, path.join(tmp, packed[0].filename)], {
      cwd: tmp,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bin = path.join(prefix, 'bin', 'selinux-mounts');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the tarball holds the bundles, their wasm, the rule pages and the schema; no tests or sources', () => {
    const rulePages = fs.readdirSync(path.join(repoRoot, 'docs', 'rules')).map((f) => `docs/rules/${f}`);
    assert.deepEqual(files, [
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/cliLibs.js',
      'dist/cliWorker.js',
      'dist/server.js',
      'dist/tree-sitter-bash.wasm',
      'dist/tree-sitter.wasm',
      ...rulePages.sort(),
      'package.json',
      'schemas/selinux-mounts.schema.json',
    ]);
  });

  it('the installed command checks files outside the repository, shell scripts included (the wasm grammar loads)', () => {
    const work = fs.mkdtempSync(path.join(tmp, 'work-'));
    fs.mkdirSync(path.join(work, '.git'));
    fs.copyFileSync(path.join(fixtures, 'project', 'compose.yaml'), path.join(work, 'compose.yaml'));
    fs.copyFileSync(path.join(repoRoot, 'test', 'editors', 'fixtures', 'deploy.sh'), path.join(work, 'deploy.sh'));
    const r = spawnSync(bin, ['--format', 'json', '.'], { cwd: work, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    const found = (JSON.parse(r.stdout) as { file: string; ruleId: string }[]).map((f) => `${f.file} ${f.ruleId}`);
    assert.ok(found.includes('compose.yaml missing-relabel'), found.join('\n'));
    assert.ok(found.includes('deploy.sh missing-relabel'), found.join('\n'));
  });

  it('--explain reads the rule page shipped in the package', () => {
    const r = spawnSync(bin, ['--explain', 'missing-relabel'], { cwd: tmp, encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.equal(r.stdout, fs.readFileSync(path.join(repoRoot, 'docs', 'rules', 'missing-relabel.md'), 'utf8'));
  });
});
