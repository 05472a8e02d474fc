import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../../server/src/core';
import { fixtures, runCli, useScratch } from './cli';

const compose = fs.readFileSync(path.join(fixtures, 'project', 'compose.yaml'), 'utf8');

describe('cli: project config (.selinux-mounts.yaml)', () => {
  const scratch = useScratch();
  /** A repository (a `.git` folder) with deploy/compose.yaml and the given config files. */
  const repo = (configs: Record<string, string>): string => {
    const dir = scratch('repo');
    fs.mkdirSync(path.join(dir, '.git'));
    fs.mkdirSync(path.join(dir, 'deploy'));
    fs.writeFileSync(path.join(dir, 'deploy', 'compose.yaml'), compose);
    for (const [name, text] of Object.entries(configs)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  };
  const lines = (out: string) => out.trim().split('\n').map((l) => l.replace(/: Bind mount.*|: \/var\/run.*/, ''));

  it('found by walking up from the file: its rule severities apply', () => {
    const dir = repo({ '.selinux-mounts.yaml': 'rules:\n  missing-relabel: error\n  system-path-mount: off\n' });
    const r = runCli(['deploy/compose.yaml'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.deepEqual(lines(r.stdout), ['deploy/compose.yaml:5:9: error', 'deploy/compose.yaml:6:9: error']);
  });

  it('.selinux-mounts.json works the same', () => {
    const dir = repo({ '.selinux-mounts.json': '{"rules": {"missing-relabel": "off", "system-path-mount": "off"}}\n' });
    const r = runCli(['.'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, 'No problems (1 file checked)\n');
  });

  it('not looked for above the repository root (the folder with .git)', () => {
    const outer = scratch('outer');
    fs.writeFileSync(path.join(outer, '.selinux-mounts.yaml'), 'rules: {missing-relabel: off}\n');
    const dir = path.join(outer, 'repo');
    fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'compose.yaml'), compose);
    assert.deepEqual(lines(runCli(['.'], { cwd: dir }).stdout).map((l) => l.split(': ')[1]), ['warning', 'warning', 'info']);
  });

  it('a flag wins over the config; a flag not given does not', () => {
    const dir = repo({ '.selinux-mounts.yaml': 'rules: {missing-relabel: error}\npreferredRelabel: z\n' });
    assert.deepEqual(lines(runCli(['--rule', 'missing-relabel=info', '.'], { cwd: dir }).stdout).map((l) => l.split(': ')[1]), ['info', 'info', 'info']);
    const fixed = runCli(['--fix', '--fail-on', 'error', '.'], { cwd: dir });
    assert.equal(fixed.code, 0, fixed.stderr);
    assert.match(fs.readFileSync(path.join(dir, 'deploy', 'compose.yaml'), 'utf8'), /- \.\/data:\/data:z\n/);
  });

  it('ignore: globs relative to the config file, for files named on the command line too', () => {
    const dir = repo({ '.selinux-mounts.yaml': 'ignore: ["deploy/*.yaml"]\n' });
    assert.deepEqual([runCli(['.'], { cwd: dir }).stderr, runCli(['deploy/compose.yaml'], { cwd: dir }).stderr], ['No problems (0 files checked)\n', 'No problems (0 files checked)\n']);
  });

  it('sharedPaths, relative to the config file: :z is the fix for them', () => {
    const dir = repo({ '.selinux-mounts.yaml': 'sharedPaths: [deploy/data]\n' });
    runCli(['--fix', '.'], { cwd: dir });
    const text = fs.readFileSync(path.join(dir, 'deploy', 'compose.yaml'), 'utf8');
    assert.match(text, /- \.\/data:\/data:z\n/);
    assert.match(text, /- \.\/conf:\/etc\/app:ro,Z\n/);
  });

  it('a broken config: its errors with their places, exit code 2, the files still checked with the valid rest', () => {
    const dir = repo({ '.selinux-mounts.yaml': 'rules:\n  missing-relabel: off\n  sytem-path-mount: off\nengine: rkt\n' });
    const r = runCli(['.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.deepEqual(r.stderr.split('\n').slice(0, 2), [
      '.selinux-mounts.yaml:3:3: error: unknown rule id "sytem-path-mount" (selinux-mounts --list-rules) [config]',
      '.selinux-mounts.yaml:4:9: error: engine must be one of auto, docker, podman [config]',
    ]);
    assert.deepEqual(lines(r.stdout), ['deploy/compose.yaml:8:9: info']);
  });

  it('not YAML at all: exit code 2, no crash', () => {
    const dir = repo({ '.selinux-mounts.yaml': 'rules: [unclosed\n\u0000\u0001' });
    const r = runCli(['.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^\.selinux-mounts\.yaml:\d+:\d+: error: not valid YAML\/JSON: /);
  });

  it('--print-config: every setting with where it comes from', () => {
    const dir = repo({ '.selinux-mounts.yaml': 'rules: {missing-relabel: error}\nengine: podman\nsharedPaths: [deploy/data]\n' });
    const r = runCli(['--print-config', 'deploy/compose.yaml', '--preferred-relabel', 'Z'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const out = r.stdout.split('\n');
    assert.deepEqual(out.slice(0, 3), ['file: deploy/compose.yaml', 'config file: .selinux-mounts.yaml', 'checked: yes']);
    for (const line of [
      'rules.missing-relabel: error (.selinux-mounts.yaml)',
      'rules.system-path-mount: info (default)',
      'preferredRelabel: Z (command line)',
      'engine: podman (.selinux-mounts.yaml)',
      'buildEngine: auto (default)',
      'sharedPaths: deploy/data (.selinux-mounts.yaml)',
      'sensitivePaths: (none) (default)',
    ]) {
      assert.ok(out.includes(line), `${line} in\n${r.stdout}`);
    }
  });

  it('--print-config of a file with no config above it, and of a broken one (exit 2)', () => {
    const plain = repo({});
    assert.match(runCli(['--print-config', 'deploy/compose.yaml'], { cwd: plain }).stdout, /^config file: none \(looked from the file up to the repository root\)$/m);
    const broken = repo({ '.selinux-mounts.yaml': 'engine: rkt\n' });
    const r = runCli(['--print-config', 'deploy/compose.yaml'], { cwd: broken });
    assert.equal(r.code, 2);
    assert.match(r.stdout, /^\.selinux-mounts\.yaml:1:9: error: engine must be one of auto, docker, podman \[config\]$/m);
  });
});

describe('cli: --list-rules', () => {
  it('every rule with its default severity', () => {
    const r = runCli(['--list-rules']);
    assert.equal(r.code, 0);
    const rows = r.stdout.trim().split('\n').map((l) => l.split(/\s+/).slice(0, 2));
    assert.deepEqual(rows.find((row) => row[0] === 'missing-relabel'), ['missing-relabel', 'warning']);
    assert.deepEqual(rows.find((row) => row[0] === 'relabel-system-path'), ['relabel-system-path', 'error']);
    assert.deepEqual(rows.map((row) => row[0]), rules.map((rule) => rule.meta.id));
  });
});
