import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyFixture, fixtures, repoRoot, runCli, runCliAsync, useScratch } from './cli';

const composeWithBind = fs.readFileSync(path.join(fixtures, 'named', 'app-stack.txt'), 'utf8');

/** The files named in text output, in order, once each. */
const filesReported = (stdout: string): string[] => [...new Set(stdout.split('\n').filter(Boolean).map((l) => l.split(':')[0]))];

describe('cli: files', () => {
  const scratch = useScratch();

  it('walks directories, skipping node_modules, .git, tool caches and symlinks, searching other hidden folders', () => {
    const dir = copyFixture(scratch, 'project');
    const outside = scratch('outside');
    fs.writeFileSync(path.join(outside, 'compose.yaml'), composeWithBind);
    for (const skipped of ['node_modules/pkg', '.git', '.cache']) {
      fs.mkdirSync(path.join(dir, skipped), { recursive: true });
      fs.writeFileSync(path.join(dir, skipped, 'compose.yaml'), composeWithBind);
    }
    // Where real repositories keep container scripts.
    fs.mkdirSync(path.join(dir, '.docker'));
    fs.writeFileSync(path.join(dir, '.docker', 'run.sh'), '#!/bin/sh\ndocker run -v ./data:/data alpine\n');
    fs.symlinkSync(outside, path.join(dir, 'linked'));
    fs.symlinkSync(path.join(outside, 'compose.yaml'), path.join(dir, 'docker-compose.yml'));

    const r = runCli([], { cwd: dir });
    assert.equal(r.code, 1);
    assert.deepEqual(filesReported(r.stdout), ['.docker/run.sh', 'compose.yaml', 'overrides/hwaccel.yml']);
    assert.equal(r.stderr, '5 problems (0 errors, 4 warnings, 1 info) in 4 files checked\n');
    // A hidden directory given as the start is searched.
    assert.deepEqual(filesReported(runCli(['.cache'], { cwd: dir }).stdout), ['.cache/compose.yaml']);
  });

  it('checks a file named on the command line whatever its name, by content', () => {
    const r = runCli(['named/app-stack.txt']);
    assert.deepEqual([r.code, filesReported(r.stdout)], [1, ['named/app-stack.txt']]);
  });

  it('skips a named file that is not a compose file, quietly', () => {
    const r = runCli(['project/notes.yaml']);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', 'No problems (0 files checked)\n']);
  });

  it('checks each file once when it is reached twice', () => {
    const r = runCli(['project/compose.yaml', 'project', './project/compose.yaml']);
    assert.equal(r.stdout.split('\n').filter(Boolean).length, 4);
  });

  describe('stdin', () => {
    it('reads - as the file --stdin-filename names', () => {
      const r = runCli(['--stdin-filename', 'deploy/compose.yaml', '-'], { input: composeWithBind });
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^deploy\/compose\.yaml:5:9: warning: Bind mount of \.\/pgdata .*\[missing-relabel\]\n$/);
    });

    it('recognises compose by content whatever the name', () => {
      const r = runCli(['--format', 'json', '--stdin-filename', 'stack.txt', '-'], { input: composeWithBind });
      assert.deepEqual(JSON.parse(r.stdout).map((f: { file: string }) => f.file), ['stack.txt']);
    });

    it('calls it <stdin> without a name', () => {
      assert.match(runCli(['-'], { input: composeWithBind }).stdout, /^<stdin>:5:9: /);
    });

    it('empty input is clean', () => {
      assert.equal(runCli(['-'], { input: '' }).code, 0);
    });
  });

  describe('bad input never crashes', () => {
    it('binary files are skipped, walked or named', () => {
      const dir = scratch('binary');
      const blob = Buffer.concat([Buffer.from(composeWithBind), Buffer.alloc(64), Buffer.from([0xff, 0xfe, 0x89])]);
      fs.writeFileSync(path.join(dir, 'compose.yaml'), blob);
      for (const args of [[dir], [path.join(dir, 'compose.yaml')], ['-']]) {
        const r = runCli(args, { input: blob });
        assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', 'No problems (0 files checked)\n'], args.join(' '));
      }
    });

    it('a 20 MB compose file is declined with a notice, quickly', function () {
      this.timeout(60_000);
      const dir = scratch('big');
      const line = `      echo ${'x'.repeat(60)}\n`;
      fs.writeFileSync(path.join(dir, 'compose.yaml'), `${composeWithBind}    command: |\n${line.repeat(Math.ceil((20 << 20) / line.length))}`);
      const r = runCli([dir]);
      assert.deepEqual([r.code, r.stdout], [0, '']);
      assert.match(r.stderr, /^selinux-mounts: .*compose\.yaml: not checked: larger than 5 MB\n/);
    });

    it('20 MB of random text after a services key', function () {
      this.timeout(60_000);
      const dir = scratch('garbage');
      let seed = 1;
      const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const line = (): string => Array.from({ length: 79 }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join('');
      const lines = Array.from({ length: 1000 }, line).join('\n');
      fs.writeFileSync(path.join(dir, 'stack.txt'), `services:\n  app:\n${lines.repeat(Math.ceil((20 << 20) / lines.length))}`);
      const r = runCli([path.join(dir, 'stack.txt')]);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /internal error/);
    });

    it('YAML that breaks off, deep nesting, alias bombs, CRLF with a BOM and non-ASCII', function () {
      this.timeout(60_000);
      const bomb = ['x-a: &a0 ["./x:/x", "./x:/x"]'];
      for (let i = 1; i <= 30; i++) bomb.push(`x-${i}: &a${i} [*a${i - 1}, *a${i - 1}]`);
      const inputs = [
        'services:\n  app:\n    volumes:\n      - "./data:/da',
        `services:\n  app:\n    volumes: ${'['.repeat(50_000)}`,
        `${bomb.join('\n')}\nservices:\n  app:\n    volumes: *a30\n`,
        '\uFEFF\r\nservices:\r\n  app:\r\n    volumes: [./données:/data]\r\n',
      ];
      for (const input of inputs) {
        const r = runCli(['--stdin-filename', 'compose.yaml', '-'], { input });
        assert.ok(r.code === 0 || r.code === 1, `${input.slice(0, 40)}: ${r.stderr}`);
        assert.doesNotMatch(r.stderr, /internal error/);
      }
    });
  });
});

describe('cli: files that are not regular files never block the run', function () {
  // A blocked run is what these guard against: the bound detects it, it measures no speed.
  const hangBoundMs = 20_000;
  this.timeout(hangBoundMs + 10_000);
  const scratch = useScratch();
  const run = (args: string[], cwd: string, as?: { uid: number; gid: number }) => runCliAsync(args, { cwd, timeoutMs: hangBoundMs, as });

  /** A tree with one compose file to find, and `make(dir)` adding something odd beside it. */
  function treeWith(make: (dir: string) => void): string {
    const dir = scratch('odd');
    fs.mkdirSync(path.join(dir, 'app'));
    fs.writeFileSync(path.join(dir, 'app', 'compose.yaml'), composeWithBind);
    make(dir);
    return dir;
  }

  it('a FIFO found by the walk is reported and skipped, never opened', async () => {
    const dir = treeWith((d) => execFileSync('mkfifo', [path.join(d, 'compose.yaml')]));
    const r = await run(['.'], dir);
    assert.equal(r.timedOut, false, 'blocked on the FIFO');
    assert.deepEqual([r.code, filesReported(r.stdout)], [1, ['app/compose.yaml']]);
    assert.match(r.stderr, /^selinux-mounts: compose\.yaml: not checked: a FIFO, not a regular file\n/);
  });

  it('a FIFO named on the command line is declined, and the other paths still checked', async () => {
    const dir = treeWith((d) => execFileSync('mkfifo', [path.join(d, 'compose.yaml')]));
    const r = await run(['compose.yaml', 'app'], dir);
    assert.equal(r.timedOut, false, 'blocked on the FIFO');
    assert.deepEqual([r.code, filesReported(r.stdout)], [2, ['app/compose.yaml']]);
    assert.match(r.stderr, /^selinux-mounts: cannot read compose\.yaml: not a regular file \(a FIFO\); pipe its text to '-' instead\n/);
  });

  it('a socket, found or named, is reported and skipped', async () => {
    const dir = treeWith(() => undefined);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'deploy'), resolve));
    try {
      const walked = await run(['.'], dir);
      assert.deepEqual([walked.timedOut, walked.code, filesReported(walked.stdout)], [false, 1, ['app/compose.yaml']]);
      assert.match(walked.stderr, /^selinux-mounts: deploy: not checked: a socket, not a regular file\n/);
      const named = await run(['deploy'], dir);
      assert.deepEqual([named.timedOut, named.code], [false, 2]);
      assert.match(named.stderr, /^selinux-mounts: cannot read deploy: not a regular file \(a socket\)/);
    } finally {
      server.close();
    }
  });

  it('a device named (a symlink to /dev/zero, which never ends) is declined without reading it', async () => {
    const dir = treeWith((d) => fs.symlinkSync('/dev/zero', path.join(d, 'compose.yml')));
    const r = await run(['compose.yml', '.'], dir);
    assert.equal(r.timedOut, false, 'read /dev/zero');
    assert.deepEqual([r.code, filesReported(r.stdout)], [2, ['app/compose.yaml']]);
    assert.match(r.stderr, /^selinux-mounts: cannot read compose\.yml: not a regular file \(a device\)/);
  });

  it('a device node found by the walk is reported and skipped', async function () {
    const dir = treeWith(() => undefined);
    try {
      // The same device as /dev/zero (1, 5); creating a node needs CAP_MKNOD.
      execFileSync('mknod', [path.join(dir, 'Dockerfile'), 'c', '1', '5'], { stdio: 'ignore' });
    } catch {
      console.log('      skipped: cannot create a device node here (mknod needs CAP_MKNOD); the named-device case covers reading');
      this.skip();
    }
    const r = await run(['.'], dir);
    assert.deepEqual([r.timedOut, r.code, filesReported(r.stdout)], [false, 1, ['app/compose.yaml']]);
    assert.match(r.stderr, /^selinux-mounts: Dockerfile: not checked: a device, not a regular file\n/);
  });

  it('symlink loops: not followed by the walk, declined when named', async () => {
    const dir = treeWith((d) => {
      fs.symlinkSync('loop-b', path.join(d, 'loop-a'));
      fs.symlinkSync('loop-a', path.join(d, 'loop-b'));
      fs.symlinkSync('..', path.join(d, 'app', 'up')); // a directory loop
    });
    const walked = await run(['.'], dir);
    assert.deepEqual([walked.timedOut, walked.code, filesReported(walked.stdout)], [false, 1, ['app/compose.yaml']]);
    const named = await run(['loop-a', 'app'], dir);
    assert.deepEqual([named.timedOut, named.code, filesReported(named.stdout)], [false, 2, ['app/compose.yaml']]);
    assert.match(named.stderr, /^selinux-mounts: cannot read loop-a: too many symbolic links encountered\n/);
  });

  it('an unreadable directory is reported and the walk goes on', async function () {
    const dir = treeWith((d) => {
      fs.mkdirSync(path.join(d, 'secret'));
      fs.writeFileSync(path.join(d, 'secret', 'compose.yaml'), composeWithBind);
      fs.chmodSync(path.join(d, 'secret'), 0o000);
    });
    // Root reads any directory whatever its mode: then the check runs as `nobody`, which mode 000
    // does stop, when this process may switch to it and `nobody` can reach the tree and the bundle.
    let as: { uid: number; gid: number } | undefined;
    if (process.getuid?.() === 0) {
      as = { uid: 65534, gid: 65534 };
      for (let d = dir; d.startsWith(os.tmpdir() + path.sep); d = path.dirname(d)) fs.chmodSync(d, fs.statSync(d).mode | 0o005);
      const probe = spawnSync(process.execPath, ['-e', `require('fs').readFileSync(${JSON.stringify(path.join(repoRoot, 'dist', 'cli.js'))})`], { ...as });
      if (probe.status !== 0) {
        console.log('      skipped: running as root, and user nobody cannot run the CLI here, so no directory is unreadable to the run');
        this.skip();
      }
    }
    const r = await run(['.'], dir, as);
    fs.chmodSync(path.join(dir, 'secret'), 0o755); // so that the scratch directory can be removed
    assert.deepEqual([r.timedOut, r.code, filesReported(r.stdout)], [false, 2, ['app/compose.yaml']]);
    assert.match(r.stderr, /^selinux-mounts: cannot read secret: permission denied\n/);
  });
});
