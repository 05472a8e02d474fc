// Runs the suite with mocha inside an extension host, on either host: Node (index.ts) or the web
// worker (web.ts). Each passing, failing and skipped test is recorded for the harness (run.ts),
// which reads them from the results file the entry saves.
import type Mocha from 'mocha';
import { extensionTests, type Host } from './extension.vscode';

export interface SuiteResults {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
  output: string[];
}

/** Runs the suite on `mocha`, saves the results with `save`, and rejects when a test failed. */
export function runSuite(mocha: Mocha, host: Host, save: (results: SuiteResults) => Promise<void>): Promise<void> {
  const output: string[] = [];
  const failures: SuiteResults['failures'] = [];
  // The suites call describe/it, which mocha puts on the global object at pre-require.
  mocha.suite.emit('pre-require', globalThis, `extension.vscode (${host})`, mocha);
  extensionTests(host);
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failed) => {
      const results: SuiteResults = { passed: runner.stats?.passes ?? 0, failed, failures, output };
      save(results).then(
        () => (failed > 0 ? reject(new Error(`${failed} extension test(s) failed`)) : resolve()),
        reject,
      );
    });
    runner.on('pass', (test) => output.push(`ok: ${test.fullTitle()}`));
    runner.on('pending', (test) => output.push(`skipped: ${test.fullTitle()}`));
    runner.on('fail', (test, error: Error) => {
      failures.push({ title: test.fullTitle(), error: error.stack ?? String(error) });
      output.push(`FAIL: ${test.fullTitle()}: ${error.message}`);
    });
  });
}
