// Runs the bundled CLI the way users do (`node dist/cli.js`), so the tests cover the bundle.
import { spawn, spawnSync } from 'node:child_process';
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

export interface TimedCliResult extends CliResult {
  /** The process had not exited after `timeoutMs` and was killed: a hang. */
  timedOut: boolean;
}

/**
 * Runs the CLI without blocking the test process (so several can run at once), killing it when it
 * has not exited after `timeoutMs`. The bound detects a hang; it is no speed assertion.
 */
export function runCliAsync(
  args: string[],
  options: { cwd?: string; timeoutMs: number; command?: string; input?: string; as?: { uid: number; gid: number } },
): Promise<TimedCliResult> {
  if (!fs.existsSync(cliPath)) throw new Error(`${cliPath} is missing: run 'npm run build' first`);
  const [command, commandArgs] = options.command ? [options.command, args] : [process.execPath, [cliPath, ...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, { cwd: options.cwd ?? fixtures, stdio: ['pipe', 'pipe', 'pipe'], ...options.as });
    child.stdin.end(options.input ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** Runs `task` over `items` with at most `limit` running at once; results in input order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
