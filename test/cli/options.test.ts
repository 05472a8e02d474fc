import * as assert from 'node:assert/strict';
import { runCli } from './cli';

/** Rule ids and severities of the text output's lines. */
const reported = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => `${/^[^:]+:\d+:\d+: (\w+):/.exec(l)![1]} ${/\[([\w-]+)\]$/.exec(l)![1]}`);

describe('cli: options and exit codes', () => {
  it('--explain prints the rule page shipped with it; an unknown rule is a usage error', () => {
    const r = runCli(['--explain', 'missing-relabel']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^# missing-relabel\n/);
    assert.match(r.stdout, /## Why is this bad\?/);
    const bad = runCli(['--explain', 'no-such-rule']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown rule 'no-such-rule'/);
  });

  it('exits 0 with no output on a clean file', () => {
    const r = runCli(['project/clean']);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', 'No problems (1 file checked)\n']);
  });

  it('exits 1 when there are findings', () => {
    assert.equal(runCli(['project/compose.yaml']).code, 1);
  });

  it('--rule missing-relabel=off drops that rule, the others stay', () => {
    const r = runCli(['--rule', 'missing-relabel=off', 'project/compose.yaml']);
    assert.deepEqual(reported(r.stdout), ['info system-path-mount']);
    assert.equal(r.code, 1);
    const quiet = runCli(['--rule', 'missing-relabel=off', '--rule', 'system-path-mount=off', 'project/compose.yaml']);
    assert.deepEqual([quiet.code, quiet.stdout], [0, '']);
  });

  it('--rule changes a severity', () => {
    const r = runCli(['--rule', 'missing-relabel=error', 'project/compose.yaml']);
    assert.deepEqual(reported(r.stdout), ['error missing-relabel', 'error missing-relabel', 'info system-path-mount']);
  });

  it('--fail-on sets the lowest severity that fails the run', () => {
    assert.equal(runCli(['--fail-on', 'error', 'project/compose.yaml']).code, 0);
    assert.equal(runCli(['--fail-on', 'warning', 'project/compose.yaml']).code, 1);
    assert.equal(runCli(['--fail-on', 'warning', '--rule', 'missing-relabel=off', 'project/compose.yaml']).code, 0);
    assert.equal(runCli(['--max-severity', 'error', 'project/compose.yaml']).code, 0);
  });

  it('--preferred-relabel z makes the fixes add :z', () => {
    const [f] = JSON.parse(runCli(['--format', 'json', '--preferred-relabel', 'z', 'project/compose.yaml']).stdout);
    assert.equal(f.fixes[0].edits[0].newText, ':z');
    assert.equal(f.fixes[0].isPreferred, true);
  });

  for (const [args, message] of [
    [['--bogus'], "Unknown option '--bogus'"],
    [['--format', 'xml'], "--format must be one of text, json, sarif, github, gitlab, checkstyle, not 'xml'"],
    [['--format'], "Option '--format <value>' argument missing"],
    [['--rule', 'nope=off'], "unknown rule 'nope'"],
    [['--rule', 'missing-relabel=fatal'], "--rule missing-relabel must be one of off, info, warning, error, not 'fatal'"],
    [['--rule', 'missing-relabel'], "--rule expects <id>=<severity>, not 'missing-relabel'"],
    [['--preferred-relabel', 'q'], '--preferred-relabel must be one of auto, z, Z'],
    [['--fail-on', 'never'], '--fail-on must be one of info, warning, error'],
    [['--stdin-filename', 'x.yml', 'project'], "--stdin-filename needs '-' among the paths"],
    [['--fix', '-'], '--fix cannot write to stdin'],
  ] as const) {
    it(`usage error, exit 2: ${args.join(' ')}`, () => {
      const r = runCli([...args]);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith(`selinux-mounts: ${message}`), r.stderr);
      assert.ok(r.stderr.endsWith("Run 'selinux-mounts --help' for usage.\n"), r.stderr);
    });
  }

  it('a path that cannot be read: exit 2 with the reason, the other paths still checked', () => {
    const r = runCli(['does-not-exist', 'project/compose.yaml/below', 'project/compose.yaml']);
    assert.equal(r.code, 2);
    assert.equal(reported(r.stdout).length, 3);
    assert.match(r.stderr, /^selinux-mounts: cannot read does-not-exist: no such file or directory$/m);
    assert.match(r.stderr, /^selinux-mounts: cannot read project\/compose.yaml\/below: not a directory$/m);
  });

  it('--help and --version', () => {
    const help = runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: selinux-mounts \[options\] \[paths\.\.\.\]/);
    for (const flag of ['--format', '--fix', '--rule', '--preferred-relabel', '--fail-on', '--stdin-filename']) {
      assert.ok(help.stdout.includes(flag), flag);
    }
    const version = runCli(['--version']);
    assert.deepEqual([version.code, version.stdout], [0, `${(require('../../package.json') as { version: string }).version}\n`]);
  });
});
