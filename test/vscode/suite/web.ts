// Entry point of the integration tests in VS Code for the Web: the same suite (extension.vscode.ts)
// in the web worker extension host, beside the extension's browser build. This bundle belongs to a
// small test extension whose only entry is `browser` (its manifest: webTestExtension in
// test/vscode/extensionTests.ts), so it runs in the web worker, and VS Code runs the tests in the
// host of the extension whose folder holds them. A worker has no file system of its own: the results
// go through vscode.workspace.fs to results.json in the test extension's folder, where the harness
// reads them. (node:assert/strict is test/vscode/suite/webAssert.ts in this bundle.)
import * as vscode from 'vscode';
import { runSuite } from './runSuite';

/** publisher.name of the test extension (webTestExtension in test/vscode/extensionTests.ts). */
const testExtensionId = 'selinux-mounts.selinux-mounts-web-tests';

export function run(): Promise<void> {
  // mocha's browser build: its module.exports is the instance (bundled as CommonJS, see bundleWebSuite).
  const mocha = require('mocha/mocha.js') as BrowserMocha;
  mocha.setup({ ui: 'bdd', timeout: 30000, color: false, reporter: 'spec' });
  const folder = vscode.extensions.getExtension(testExtensionId)?.extensionUri;
  if (!folder) return Promise.reject(new Error(`${testExtensionId} is not loaded`));
  return runSuite(mocha, 'web', (results) =>
    Promise.resolve(vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'results.json'), new TextEncoder().encode(JSON.stringify(results, null, 2)))),
  );
}
