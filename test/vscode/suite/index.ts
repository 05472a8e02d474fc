// Entry point of the integration tests that run inside VS Code's extension host (the
// `extensionTestsPath` of a development run): VS Code calls run() once the extension under
// development is loaded, and the run's outcome is the promise's. Bundled with mocha by
// test/vscode/bundle.ts; the results also go to results.json beside the bundle for the harness.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { extensionTests } from './extension.vscode';

export interface SuiteResults {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
  output: string[];
}

export function run(): Promise<void> {
  const resultsFile = path.join(__dirname, 'results.json');
  const output: string[] = [];
  const failures: SuiteResults['failures'] = [];
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, reporter: 'spec' });
  // The suites call describe/it, which mocha puts on the global object at pre-require.
  mocha.suite.emit('pre-require', globalThis, 'extension.vscode', mocha);
  extensionTests();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failed) => {
      const results: SuiteResults = { passed: runner.stats?.passes ?? 0, failed, failures, output };
      fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
      if (failed > 0) reject(new Error(`${failed} extension test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => output.push(`ok: ${test.fullTitle()}`));
    runner.on('fail', (test, error: Error) => {
      failures.push({ title: test.fullTitle(), error: error.stack ?? String(error) });
      output.push(`FAIL: ${test.fullTitle()}: ${error.message}`);
    });
  });
}
