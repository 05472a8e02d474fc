// Runs the suite in test/vscode/suite inside a real VS Code: code-server with the smoke-test driver,
// opened in chromium with a URL payload naming the extension under development and the tests, the
// way @vscode/test-web does. VS Code reports the outcome through window.codeAutomationExit, the
// suite its tests through results.json beside its bundle. Two hosts: the Node extension host with
// this folder as the extension under development (bundleSuite), and the web worker extension host
// with the web-only .vsix installed and a test extension holding the suite (bundleWebSuite).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { isOfflineNoise, launchBrowser, startCodeServer, type Tools } from './codeServer';
import type { SuiteResults } from './suite/runSuite';

/** What runExtensionTests loads: the extension folder under development and the tests' bundle (in it, for the web). */
export interface TestRun {
  developmentPath: string;
  testsEntry: string;
  /** Installed before the start: the web-only .vsix for the web run. */
  vsix?: string;
}

/** The test extension of the web run: only a `browser` entry, so it runs in the web worker; never activated. */
const webTestExtension = {
  // publisher.name is testExtensionId in suite/web.ts.
  publisher: 'selinux-mounts',
  name: 'selinux-mounts-web-tests',
  version: '0.0.0',
  engines: { vscode: '^1.91.0' },
  browser: './index.js',
};

const bundleOptions: BuildOptions = {
  bundle: true,
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
};

/** Bundles the suite and mocha into one CommonJS file (the Node extension host loads it with require). */
export async function bundleSuite(root: string, outDir: string): Promise<TestRun> {
  const outfile = path.join(outDir, 'index.js');
  fs.rmSync(outDir, { recursive: true, force: true });
  await build({
    ...bundleOptions,
    entryPoints: [path.join(root, 'test', 'vscode', 'suite', 'index.ts')],
    outfile,
    platform: 'node',
    target: 'node20',
    // Mocha's parallel mode resolves worker files at run time; the suite runs serially.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  return { developmentPath: root, testsEntry: outfile };
}

/**
 * mocha.js, mocha's browser build, is a UMD module in a package of `type: module`: esbuild would take
 * it for ESM and leave its `module.exports = ...` to the bundle's own module, replacing the suite's
 * exports. Loaded outside the package (its own namespace), it is the CommonJS module it is.
 */
const mochaBrowserBuild: Plugin = {
  name: 'mocha-browser-build-as-commonjs',
  setup(b) {
    b.onResolve({ filter: /^mocha\/mocha\.js$/ }, (args) => ({ path: require.resolve(args.path), namespace: 'mocha-umd' }));
    b.onLoad({ filter: /.*/, namespace: 'mocha-umd' }, (args) => ({ contents: fs.readFileSync(args.path, 'utf8'), loader: 'js' }));
  },
};

/**
 * Bundles the suite with mocha's browser build into a test extension in `outDir` (the web worker
 * extension host fetches the bundle and runs it as CommonJS, with `vscode` the only module), to run
 * beside the extension installed from `webVsix`.
 */
export async function bundleWebSuite(root: string, outDir: string, webVsix: string): Promise<TestRun> {
  const outfile = path.join(outDir, 'index.js');
  fs.rmSync(outDir, { recursive: true, force: true });
  await build({
    ...bundleOptions,
    entryPoints: [path.join(root, 'test', 'vscode', 'suite', 'web.ts')],
    outfile,
    platform: 'browser',
    target: 'es2022',
    alias: { 'node:assert/strict': path.join(root, 'test', 'vscode', 'suite', 'webAssert.ts') },
    plugins: [mochaBrowserBuild],
  });
  fs.writeFileSync(path.join(outDir, 'package.json'), JSON.stringify(webTestExtension, null, 2));
  return { developmentPath: outDir, testsEntry: outfile, vsix: webVsix };
}

export async function runExtensionTests(t: Tools, run: TestRun, timeoutMs: number): Promise<SuiteResults> {
  const resultsFile = path.join(path.dirname(run.testsEntry), 'results.json');
  fs.rmSync(resultsFile, { force: true });
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-ws-'));
  const server = await startCodeServer(t, { smokeTestDriver: true, vsix: run.vsix });
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
      ['extensionDevelopmentPath', `vscode-remote://${authority}${run.developmentPath}`],
      ['extensionTestsPath', `vscode-remote://${authority}${run.testsEntry}`],
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
