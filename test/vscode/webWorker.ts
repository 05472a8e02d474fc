// VS Code for the Web: the extension's browser build in code-server's web worker extension host.
// The packaged .vsix is repacked with `main` taken out of its package.json and the Node bundles
// removed, so only the `browser` entry can run: code-server runs such an extension in its web worker
// extension host, and the extension starts its server in a web worker (dist/web/server.js) that
// fetches the bash grammar's wasm from the extension. The steps are the UI test's (uiTest.ts):
// open a compose file, see the squiggle and its hover, apply the quick fix, save; then a shell
// script, whose check needs the grammar.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Tools } from './codeServer';
import { runUiTest, type StepResult } from './uiTest';

/** The Node entry and bundles, left out of the web-only .vsix. */
const nodeOnly = ['extension/dist/extension.js', 'extension/dist/server.js'];

/** Repacks `vsix` into `outDir`/web-only.vsix without its Node entry and bundles; returns its path. */
export function webOnlyVsix(vsix: string, outDir: string): string {
  const unpacked = path.join(outDir, 'vsix');
  const webVsix = path.join(outDir, 'web-only.vsix');
  fs.rmSync(unpacked, { recursive: true, force: true });
  fs.rmSync(webVsix, { force: true });
  fs.mkdirSync(unpacked, { recursive: true });
  execFileSync('unzip', ['-q', vsix, '-d', unpacked]);
  const manifestFile = path.join(unpacked, 'extension', 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { main?: string; browser?: string };
  if (!manifest.browser) throw new Error('the packaged package.json has no browser entry');
  delete manifest.main;
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  for (const file of nodeOnly) fs.rmSync(path.join(unpacked, file));
  execFileSync('zip', ['-qr', webVsix, '.'], { cwd: unpacked });
  return webVsix;
}

export async function runWebWorkerTest(t: Tools, root: string, vsix: string, outDir: string): Promise<StepResult[]> {
  return runUiTest(t, root, webOnlyVsix(vsix, outDir), path.join(outDir, 'screenshots'), outDir, async (view, step, workspace) => {
    await step('a shell script is checked too: the bash grammar loads in the server worker (deploy.sh)', async () => {
      fs.writeFileSync(path.join(workspace, 'deploy.sh'), '#!/bin/sh\npodman run -d -v "$PWD/data:/data" docker.io/library/nginx\n');
      await view.keyboard.press('Control+P');
      await view.keyboard.type('deploy.sh');
      await view.locator('.quick-input-widget .monaco-list-row', { hasText: 'deploy.sh' }).first().waitFor();
      await view.keyboard.press('Enter');
      const editor = view.locator('.editor-group-container .monaco-editor').first();
      await editor.locator('.view-lines', { hasText: 'podman run' }).waitFor();
      await editor.locator('.squiggly-warning').first().waitFor();
      await view.locator('.markers-panel .monaco-list-row', { hasText: 'no SELinux relabel option' }).first().waitFor();
    });
  });
}
