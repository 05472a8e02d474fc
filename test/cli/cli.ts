// Runs the bundled CLI the way users do (`node dist/cli.js`), so the tests cover the bundle.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const fixtures = path.join(repoRoot, 'test', 'fixtures', 'cli');
const cliPath = path.join(repoRoot, 'dist', 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; input?: string | Buffer } = {}): CliResult {
  if (!fs.existsSync(cliPath)) throw new Error(`${cliPath} is missing: run 'npm run build' first`);
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? fixtures,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A scratch directory for the enclosing describe block (call at describe time): created before
 * its tests, removed after them. Returns a function giving a fresh subdirectory.
 */
export function useScratch(): (name?: string) => string {
  let root = '';
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-cli-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  return (name = 'dir') => fs.mkdtempSync(path.join(root, `${name}-`));
}

/** A copy of a fixture directory, to modify. */
export function copyFixture(scratch: (name?: string) => string, name: string): string {
  const dir = scratch(name);
  fs.cpSync(path.join(fixtures, name), dir, { recursive: true });
  return dir;
}
