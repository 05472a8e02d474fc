// The VS Code tests (`npm run test:vscode`, via scripts/ci/test-vscode.sh, which installs the tools
// and packages the .vsix first):
//   1. the .vsix holds exactly the files that run and stays small;
//   2. extension-host integration tests (test/vscode/suite) inside code-server;
//   3. the packaged .vsix installed into code-server and driven through its UI, with screenshots;
//   4. the same UI steps on the browser build alone, in code-server's web worker extension host
//      (VS Code for the Web, test/vscode/webWorker.ts);
//   5. the suite of 2. in that web worker extension host, beside the browser build alone
//      (test/vscode/suite/web.ts).
// Usage: tsx test/vscode/run.ts --cache <dir> --vsix <file> [--images <dir>] [--only vsix|ext|ui|web|webext]
// Screenshots go to out/vscode-test-ui/screenshots unless --images names another folder: `npm test`
// leaves the working tree clean, and `npm run screenshots` (--images docs/images) refreshes the README's.
// Prints `N passed, N failed` last and exits 1 on any failure.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { tools } from './codeServer';
import { bundleSuite, bundleWebSuite, runExtensionTests, type TestRun } from './extensionTests';
import { runUiTest } from './uiTest';
import { runWebWorkerTest, webOnlyVsix } from './webWorker';

const maxVsixBytes = 2.5 * 1024 * 1024;

interface Outcome {
  title: string;
  error?: string;
}

const root = path.resolve(__dirname, '..', '..');
const { values: args } = parseArgs({
  options: {
    cache: { type: 'string', default: path.join(root, '.vscode-test') },
    vsix: { type: 'string' },
    images: { type: 'string', default: path.join(root, 'out', 'vscode-test-ui', 'screenshots') },
    only: { type: 'string', multiple: true },
  },
});
const wanted = (part: string) => !args.only || args.only.includes(part);

function vsixPath(): string {
  if (args.vsix) return path.resolve(args.vsix);
  const { name, version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(root, `${name}-${version}.vsix`);
}

/** The files a .vsix must hold: the bundles and their .wasm files, the rule docs, the icon, README, LICENSE, CHANGELOG, the manifest. */
interface Manifest {
  icon?: string;
  main?: string;
  browser?: string;
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: unknown }; virtualWorkspaces?: unknown };
  contributes?: {
    commands?: unknown[];
    grammars?: { path?: string }[];
    languages?: { configuration?: string; icon?: { light?: string; dark?: string } }[];
    jsonValidation?: { url?: string }[];
    snippets?: { path?: string }[];
  };
}

/** Relative paths the manifest refers to. */
function manifestFiles(m: Manifest): string[] {
  const c = m.contributes ?? {};
  return [
    m.main,
    m.browser,
    m.icon,
    ...(c.grammars ?? []).map((g) => g.path),
    ...(c.languages ?? []).flatMap((l) => [l.configuration, l.icon?.light, l.icon?.dark]),
    ...(c.jsonValidation ?? []).map((j) => j.url).filter((u) => u && !/^[a-z]+:/i.test(u)),
    ...(c.snippets ?? []).map((s) => s.path),
  ].filter((f): f is string => typeof f === 'string');
}

function checkVsix(vsix: string): Outcome[] {
  const outcomes: Outcome[] = [];
  const check = (title: string, body: () => void) => {
    try {
      body();
      outcomes.push({ title });
    } catch (error) {
      outcomes.push({ title, error: error instanceof Error ? error.message : String(error) });
    }
  };
  const files = execFileSync('unzip', ['-Z1', vsix], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
  const manifest = JSON.parse(execFileSync('unzip', ['-p', vsix, 'extension/package.json'], { encoding: 'utf8' })) as Manifest;
  // Files the manifest points at (grammars, language configurations, ...) ship too.
  const referenced = manifestFiles(manifest).map((f) => `extension/${path.posix.normalize(f)}`);
  check('the .vsix holds only what runs', () => {
    const ruleDocs = fs.readdirSync(path.join(root, 'docs', 'rules')).filter((f) => f.endsWith('.md'));
    // The server loads tree-sitter's runtime and grammars (.wasm) from beside its bundle.
    const wasm = fs.readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.wasm'));
    const expected = [
      ...new Set([
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/package.json',
        'extension/readme.md',
        'extension/changelog.md',
        'extension/LICENSE.txt',
        'extension/images/icon.png',
        'extension/dist/extension.js',
        'extension/dist/server.js',
        'extension/dist/web/extension.js',
        'extension/dist/web/server.js',
        ...wasm.map((f) => `extension/dist/${f}`),
        ...ruleDocs.map((f) => `extension/docs/rules/${f}`),
        ...referenced,
      ]),
    ].sort();
    const extra = files.filter((f) => !expected.includes(f));
    const missing = expected.filter((f) => !files.includes(f));
    if (extra.length || missing.length) throw new Error(`extra: ${JSON.stringify(extra)}, missing: ${JSON.stringify(missing)}`);
  });
  check(`the .vsix is at most ${maxVsixBytes / 1024 / 1024} MB`, () => {
    const size = fs.statSync(vsix).size;
    if (size > maxVsixBytes) throw new Error(`${size} bytes`);
    console.log(`  .vsix size: ${(size / 1024).toFixed(1)} KB`);
  });
  check('the packaged manifest names the icon, both entries (main, browser), the commands and the workspace capabilities', () => {
    if (manifest.icon !== 'images/icon.png') throw new Error(`icon: ${manifest.icon}`);
    if (manifest.main !== './dist/extension.js') throw new Error(`main: ${manifest.main}`);
    if (manifest.browser !== './dist/web/extension.js') throw new Error(`browser: ${manifest.browser}`);
    // Untrusted workspaces: everything but reading host labels (selinuxMounts.hostAware).
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    if (untrusted?.supported !== 'limited') throw new Error('untrustedWorkspaces.supported is not "limited"');
    if (!JSON.stringify(untrusted.restrictedConfigurations ?? []).includes('selinuxMounts.hostAware')) {
      throw new Error('untrustedWorkspaces does not restrict selinuxMounts.hostAware');
    }
    if (manifest.capabilities?.virtualWorkspaces === undefined) throw new Error('no virtualWorkspaces');
    if (!manifest.contributes?.commands?.length) throw new Error('no commands');
  });
  return outcomes;
}

function report(part: string, outcomes: Outcome[], started: number): void {
  console.log(`\n${part} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  for (const o of outcomes) console.log(`  ${o.error ? '✗' : '✓'} ${o.title}`);
  for (const o of outcomes.filter((x) => x.error)) console.log(`\n  FAILED: ${o.title}\n    ${o.error!.replace(/\n/g, '\n    ')}`);
}

async function main(): Promise<number> {
  const all: Outcome[] = [];
  const vsix = vsixPath();
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);

  if (wanted('vsix')) {
    const t0 = Date.now();
    const outcomes = checkVsix(vsix);
    report('Package', outcomes, t0);
    all.push(...outcomes);
  }
  const t = ['ext', 'ui', 'web', 'webext'].some(wanted) ? tools(path.resolve(args.cache)) : undefined;
  const suite = async (title: string, testRun: TestRun) => {
    const t0 = Date.now();
    const results = await runExtensionTests(t!, testRun, 180000);
    const outcomes: Outcome[] = [
      ...results.output.filter((l) => l.startsWith('ok: ')).map((l) => ({ title: l.slice(4) })),
      ...results.failures.map((f) => ({ title: f.title, error: f.error })),
    ];
    report(title, outcomes, t0);
    // Tests that do not apply to this host: listed, not counted.
    for (const l of results.output.filter((x) => x.startsWith('skipped: '))) console.log(`  - ${l.slice('skipped: '.length)} (skipped)`);
    all.push(...outcomes);
  };
  if (t && wanted('ext')) {
    await suite('Extension host tests in VS Code', await bundleSuite(root, path.join(root, 'out', 'vscode-test')));
  }
  if (t && wanted('ui')) {
    const t0 = Date.now();
    const outcomes = await runUiTest(t, root, vsix, path.resolve(args.images), path.join(root, 'out', 'vscode-test-ui'));
    report(`UI test of the installed .vsix (screenshots in ${path.relative(root, path.resolve(args.images))})`, outcomes, t0);
    all.push(...outcomes);
  }
  if (t && wanted('web')) {
    const t0 = Date.now();
    const outcomes = await runWebWorkerTest(t, root, vsix, path.join(root, 'out', 'vscode-test-web'));
    report('VS Code for the Web: the browser build alone, in the web worker extension host (screenshots in out/vscode-test-web)', outcomes, t0);
    all.push(...outcomes);
  }
  if (t && wanted('webext')) {
    const out = path.join(root, 'out', 'vscode-test-web-ext');
    const testRun = await bundleWebSuite(root, path.join(out, 'tests'), webOnlyVsix(vsix, out));
    await suite('Extension host tests in VS Code for the Web (the browser build alone, in the web worker extension host)', testRun);
  }
  const failed = all.filter((o) => o.error).length;
  console.log(`\n${all.length - failed} passed, ${failed} failed`);
  return failed > 0 || all.length === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  },
);
