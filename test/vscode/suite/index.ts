// Entry point of the integration tests that run inside VS Code's Node extension host (the
// `extensionTestsPath` of a development run): VS Code calls run() once the extension under
// development is loaded, and the run's outcome is the promise's. Bundled with mocha by
// test/vscode/extensionTests.ts; the results also go to results.json beside the bundle for the harness.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import Mocha from 'mocha';
import { runSuite } from './runSuite';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, reporter: 'spec' });
  return runSuite(mocha, 'desktop', (results) => fs.writeFile(path.join(__dirname, 'results.json'), JSON.stringify(results, null, 2)));
}
