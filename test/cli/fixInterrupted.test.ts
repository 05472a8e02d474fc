// `--fix` stopped by Ctrl-C (SIGINT) or a CI timeout (SIGTERM) halfway through a tree: every file
// must be exactly as it was or exactly fixed, never cut short, and no temp file may be left over.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, runCli, useScratch } from './cli';

const originals: Record<string, string> = {
  'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    volumes:\n      - ./pgdata:/var/lib/postgresql/data\n      - ./init:/docker-entrypoint-initdb.d:ro\n',
  'deploy.sh': '#!/bin/sh\nset -e\ndocker run -d --name web \\\n  -v "$PWD/site":/usr/share/nginx/html:ro \\\n  -v ./logs:/var/log/nginx \\\n  nginx:1.27\n',
};
const copies = 150; // of each: 300 files

const nameOf = (i: number, kind: string): string => `${String(i).padStart(3, '0')}-${kind}`;

describe('cli: --fix interrupted', function () {
  this.timeout(5 * 60_000);
  const scratch = useScratch();
  const fixed: Record<string, string> = {};

  before(() => {
    // The fixed form of each file, from an uninterrupted run.
    const dir = scratch('reference');
    for (const [kind, text] of Object.entries(originals)) fs.writeFileSync(path.join(dir, kind), text);
    runCli(['--fix', '.'], { cwd: dir });
    for (const kind of Object.keys(originals)) {
      fixed[kind] = fs.readFileSync(path.join(dir, kind), 'utf8');
      assert.notEqual(fixed[kind], originals[kind], `${kind} has fixes`);
    }
  });

  /** Starts `--fix` over a fresh tree; sends `signal` `delayMs` after the first file was rewritten. */
  async function interruptedRun(signal: NodeJS.Signals, delayMs: number, jobs: string): Promise<{ dir: string; exit: string }> {
    const dir = scratch(signal);
    for (let i = 0; i < copies; i++) for (const [kind, text] of Object.entries(originals)) fs.writeFileSync(path.join(dir, nameOf(i, kind)), text);
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), '--jobs', jobs, '--fix', '.'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<string>((resolve) => child.on('exit', (code, sig) => resolve(sig ?? `code ${code}`)));
    // The walk is in name order: the first file is rewritten first.
    const first = path.join(dir, nameOf(0, 'compose.yaml'));
    let done = false;
    void exited.then(() => (done = true));
    while (!done && fs.readFileSync(first, 'utf8') === originals['compose.yaml']) await new Promise((resolve) => setTimeout(resolve, 2));
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    child.kill(signal);
    return { dir, exit: await exited };
  }

  // With --jobs 3 the files are checked on worker threads; the main thread still writes them.
  const rounds: [NodeJS.Signals, number, string][] = [
    ['SIGINT', 0, '1'],
    ['SIGTERM', 0, '1'],
    ['SIGINT', 20, '1'],
    ['SIGTERM', 60, '1'],
    ['SIGINT', 150, '1'],
    ['SIGTERM', 300, '1'],
    ['SIGINT', 20, '3'],
    ['SIGTERM', 150, '3'],
  ];
  let partial = 0;
  for (const [signal, delayMs, jobs] of rounds) {
    it(`${signal} ${delayMs} ms after the first file was fixed, --jobs ${jobs}: each file old or fixed, no temp file`, async () => {
      const { dir, exit } = await interruptedRun(signal, delayMs, jobs);
      let fixedCount = 0;
      const expected: string[] = [];
      for (let i = 0; i < copies; i++) {
        for (const kind of Object.keys(originals)) {
          const name = nameOf(i, kind);
          expected.push(name);
          const text = fs.readFileSync(path.join(dir, name), 'utf8');
          assert.ok(text === originals[kind] || text === fixed[kind], `${name} is neither the original nor the fixed file:\n${text}`);
          if (text === fixed[kind]) fixedCount++;
        }
      }
      assert.deepEqual(fs.readdirSync(dir).sort(), expected, `only the files themselves (exit: ${exit})`);
      if (fixedCount < expected.length) {
        partial++;
        // Stopped by the signal itself, as a shell expects of an interrupted command.
        assert.equal(exit, signal);
      }
    });
  }

  it('the signals above landed halfway through at least once (the rounds tested something)', function () {
    assert.ok(partial > 0, 'every run had finished before its signal');
  });
});
