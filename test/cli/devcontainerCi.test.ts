// The CLI over real devcontainer.json files and workflows (test/corpus, each named with its
// repository and commit in manifests/devcontainer-ci.json): what it reports, and --fix compared
// byte for byte.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, runCli, useScratch } from './cli';

const corpus = path.join(repoRoot, 'test', 'corpus', 'files');
const files = [
  'openvinotoolkit__openvino/.github/workflows/fedora_29.yml',
  'apache__apisix/.github/workflows/source-install.yml',
  'gchq__sleeper/.devcontainer/devcontainer.json',
  'CenterEdge__CenterEdgeOps/.devcontainer/devcontainer.json',
];

describe('cli: devcontainer.json and CI workflows', () => {
  const scratch = useScratch();
  const copy = (): string => {
    const dir = scratch('devcontainer-ci');
    for (const f of files) {
      fs.mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
      fs.copyFileSync(path.join(corpus, f), path.join(dir, f));
    }
    return dir;
  };
  const original = (f: string): string => fs.readFileSync(path.join(corpus, f), 'utf8');

  it('reports a self-hosted job container as a warning, GitHub-hosted steps as info with the reason, and nothing where a Feature turns labeling off', () => {
    const r = runCli(['.'], { cwd: copy() });
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.map((l) => /^(.*?:\d+:\d+): (\w+): .*\[([\w-]+)\]$/.exec(l)?.slice(1)), [
      ['CenterEdge__CenterEdgeOps/.devcontainer/devcontainer.json:11:13', 'warning', 'missing-relabel'],
      ['CenterEdge__CenterEdgeOps/.devcontainer/devcontainer.json:12:13', 'warning', 'missing-relabel'],
      ['CenterEdge__CenterEdgeOps/.devcontainer/devcontainer.json:13:13', 'warning', 'missing-relabel'],
      ['apache__apisix/.github/workflows/source-install.yml:74:34', 'info', 'missing-relabel'],
      ['apache__apisix/.github/workflows/source-install.yml:80:34', 'info', 'missing-relabel'],
      ['openvinotoolkit__openvino/.github/workflows/fedora_29.yml:67:11', 'warning', 'missing-relabel'],
    ]);
    assert.match(lines[3], /Bind mount of \$\{\{ github\.workspace \}\} into \/apisix .* The job runs on ubuntu-latest: GitHub-hosted, without SELinux/);
    assert.equal(r.stderr, '6 problems (0 errors, 4 warnings, 2 info) in 4 files checked\n');
    // --fail-on warning: the GitHub-hosted findings alone would not fail a build.
    assert.equal(runCli(['--fail-on', 'warning', 'apache__apisix'], { cwd: copy() }).code, 0);
  });

  it('--fix moves the volumes: entry into options:, relabels the docker run steps, moves the mounts into runArgs; a second run changes nothing', () => {
    const dir = copy();
    const r = runCli(['--fix', '.'], { cwd: dir });
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', 'No problems (4 files checked, 3 files fixed)\n']);
    const read = (f: string): string => fs.readFileSync(path.join(dir, f), 'utf8');
    assert.equal(read(files[0]), original(files[0]).replace('      volumes:\n        - /mount:/mount\n', '      options: -v /mount:/mount:Z\n'));
    // Two steps mount the workspace: the shared label.
    assert.equal(read(files[1]), original(files[1]).replaceAll('${{ github.workspace }}:/apisix ', '${{ github.workspace }}:/apisix:z '));
    assert.equal(read(files[2]), original(files[2]));
    assert.equal(read(files[3]), fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'cli', 'devcontainer-ci', 'CenterEdgeOps.fixed.json'), 'utf8'));
    const again = runCli(['--fix', '.'], { cwd: dir });
    assert.deepEqual([again.code, again.stderr], [0, 'No problems (4 files checked)\n']);
  });
});
