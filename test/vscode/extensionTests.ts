// Runs the suite in test/vscode/suite inside a real VS Code: code-server with the smoke-test driver,
// opened in chromium with a URL payload naming the extension under development and the tests, the
// way @vscode/test-web does. VS Code reports the outcome through window.codeAutomationExit.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { build } from 'esbuild';
import { isOfflineNoise, launchBrowser, startCodeServer, type Tools } from './codeServer';
import type { SuiteResults } from './suite/index';

/** Bundles the suite and mocha into one CommonJS file (the extension host loads it with require). */
export async function bundleSuite(root: string, outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'index.js');
  fs.rmSync(outDir, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, 'test', 'vscode', 'suite', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
    // Mocha's parallel mode resolves worker files at run time; the suite runs serially.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return outfile;
}

export async function runExtensionTests(t: Tools, root: string, testsEntry: string, timeoutMs: number): Promise<SuiteResults> {
  const resultsFile = path.join(path.dirname(testsEntry), 'results.json');
  fs.rmSync(resultsFile, { force: true });
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-ws-'));
  const server = await startCodeServer(t, { smokeTestDriver: true });
  const browser = await launchBrowser(t);
  try {
    const page = await browser.newPage();
    const exit = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)));
    // VS Code's and the extension host's console, mocha's spec report included: shown when the run fails.
    const log: string[] = [];
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const line = format(...args);
      if (!isOfflineNoise(line)) log.push(line);
    });
    const authority = new URL(server.url).host;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${authority}${root}`],
      ['extensionTestsPath', `vscode-remote://${authority}${testsEntry}`],
    ]);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exit, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)))]);
    clearTimeout(timer);
    if (code !== 0) {
      console.log(log.map((l) => `  [vscode] ${l}`).join('\n'));
      console.log(server.extensionLogs());
    }
    if (fs.existsSync(resultsFile)) {
      const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults;
      if (code !== 0 && results.failed === 0) {
        results.failed = 1;
        results.failures.push({ title: 'extension host run', error: `VS Code exited with ${code}` });
      }
      return results;
    }
    const why = code === 'timeout' ? `no result in ${timeoutMs} ms` : `VS Code exited with ${code} before the suite ran`;
    return { passed: 0, failed: 1, failures: [{ title: 'extension host run', error: `${why}\n${server.log()}` }], output: [] };
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}
