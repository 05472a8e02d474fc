// `--jobs`: files checked on worker threads give the report one thread gives, byte for byte, in
// every format, with --fix, and when a worker cannot run at all.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formats } from '../../server/src/cli/args';
import { repoRoot, runCli, runCliAsync, useScratch, type CliResult } from './cli';

type ProjectFiles = (i: number) => Record<string, string>;
type ComposeFile = (lines: number, variant: 'all' | 'realistic') => { text: string };
const inputs = (): Promise<{ projectFiles: ProjectFiles; composeFile: ComposeFile }> => import(path.resolve(__dirname, '../../bench/inputs.mjs'));

/** Every file the project keeps as fixtures: each kind, broken files, CRLF, configs. */
const fixtureTree = path.join(repoRoot, 'test', 'fixtures');

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

const same = (parallel: CliResult, single: CliResult, what: string): void => {
  assert.equal(parallel.stderr, single.stderr, `${what}: stderr`);
  assert.equal(parallel.stdout, single.stdout, `${what}: stdout`);
  assert.equal(parallel.code, single.code, `${what}: exit code`);
};

describe('cli: --jobs', function () {
  this.timeout(5 * 60_000);
  const scratch = useScratch();
  let generated = '';

  before(async () => {
    // 20 projects of the bench's ten kinds and a compose file of 4,000 lines.
    const { projectFiles, composeFile } = await inputs();
    generated = scratch('generated');
    for (let i = 0; i < 20; i++) writeTree(path.join(generated, `project${i}`), projectFiles(i));
    writeTree(generated, { 'big/compose.yaml': composeFile(4000, 'all').text });
  });

  for (const format of formats) {
    it(`the fixture tree: --jobs 3 reports as --jobs 1 does (${format})`, () => {
      const single = runCli(['--jobs', '1', '--format', format, '.'], { cwd: fixtureTree });
      assert.notEqual(single.stdout, '', 'the fixtures have findings');
      same(runCli(['--jobs', '3', '--format', format, '.'], { cwd: fixtureTree }), single, format);
    });
  }

  it('a generated tree of 200 files and a 4,000-line compose file: --jobs 2 and --jobs 3 report as --jobs 1 does (json, sarif)', () => {
    for (const format of ['json', 'sarif']) {
      const single = runCli(['--jobs', '1', '--format', format, '.'], { cwd: generated });
      assert.equal(single.code, 1, single.stderr);
      assert.ok((JSON.parse(single.stdout) as unknown[]).length !== 0);
      same(runCli(['--jobs', '2', '--format', format, '.'], { cwd: generated }), single, `${format}, --jobs 2`);
      same(runCli(['--jobs', '3', '--format', format, '.'], { cwd: generated }), single, `${format}, --jobs 3`);
    }
  });

  it('--fix on worker threads writes what --fix in one thread writes, and reports the same', () => {
    const dirs = ['1', '3'].map((jobs) => {
      const dir = scratch(`fix-${jobs}`);
      fs.cpSync(generated, dir, { recursive: true });
      return { dir, result: runCli(['--jobs', jobs, '--fix', '--format', 'json', '.'], { cwd: dir }) };
    });
    same(dirs[1].result, dirs[0].result, '--fix');
    const files = (fs.readdirSync(dirs[0].dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dirs[0].dir, f)).isFile());
    let changed = 0;
    for (const file of files) {
      const fixed = fs.readFileSync(path.join(dirs[0].dir, file), 'utf8');
      assert.equal(fs.readFileSync(path.join(dirs[1].dir, file), 'utf8'), fixed, file);
      if (fixed !== fs.readFileSync(path.join(generated, file), 'utf8')) changed++;
    }
    assert.ok(changed >= 20, `${changed} files fixed`);
  });

  it('a worker that cannot start: its files are checked in the main thread, the report unchanged', async () => {
    // An install without the worker's bundle: every worker fails to load.
    const dist = scratch('dist');
    for (const file of ['cli.js', 'cliLibs.js', 'tree-sitter.wasm', 'tree-sitter-bash.wasm']) fs.copyFileSync(path.join(repoRoot, 'dist', file), path.join(dist, file));
    const single = runCli(['--jobs', '1', '--format', 'json', '.'], { cwd: generated });
    const run = await runCliAsync(['--jobs', '3', '--format', 'json', '.'], { cwd: generated, timeoutMs: 120_000, command: path.join(dist, 'cli.js') });
    assert.equal(run.timedOut, false, 'the run ended');
    assert.equal(run.stdout, single.stdout);
    assert.equal(run.code, single.code);
    assert.match(run.stderr, /a worker thread failed \(Cannot find module .*cliWorker\.js.*\); its files are checked in the main thread\n/);
  });

  it('stdin among many files: read by the main thread, reported in its place', () => {
    const input = fs.readFileSync(path.join(generated, 'project3', 'compose.yaml'));
    const args = ['--stdin-filename', 'piped/compose.yaml', 'project0', '-', '.'];
    const single = runCli(['--jobs', '1', ...args], { cwd: generated, input });
    assert.match(single.stdout, /^project0\/[^]*\npiped\/compose\.yaml:[^]*\nproject1\//);
    same(runCli(['--jobs', '3', ...args], { cwd: generated, input }), single, 'stdin');
  });

  it('--jobs must be a whole number of at least 1', () => {
    for (const bad of ['0', 'x', '-2']) {
      const r = runCli(['--jobs', bad, '.']);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--jobs/);
    }
  });
});
