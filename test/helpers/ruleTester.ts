import assert from 'node:assert/strict';
import { analyze, applyEdits, defaultSettings, fixAll, rules, type Settings } from '../../server/src/core';

export interface InvalidCase {
  code: string;
  messageId: string;
  /** The text the finding's range covers. */
  range: string;
  /** The text after applying the preferred fix; omitted when the rule offers no edit. */
  output?: string;
  /** Fix titles expected in order (the "ignore" action always comes last). */
  fixes?: string[];
  settings?: Partial<Settings>;
  /** How many findings the code gives (the first is checked); 1 unless said. */
  count?: number;
}

export interface Cases {
  /** The file the cases are read as (default `compose.yaml`). */
  fileName?: string;
  valid: string[];
  invalid: InvalidCase[];
}

/** Settings that run only `ruleId`, as ruff tests one rule in isolation. */
function only(ruleId: string, extra: Partial<Settings> = {}): Settings {
  const off = Object.fromEntries(rules.filter((r) => r.meta.id !== ruleId).map((r) => [r.meta.id, 'off' as const]));
  return { ...defaultSettings, ...extra, rules: { ...off, ...(extra.rules ?? {}) } };
}

/** ESLint-style valid/invalid/output table for one rule, with fix round trips. */
export function ruleTester(ruleId: string, cases: Cases): void {
  const fileName = cases.fileName ?? 'compose.yaml';
  describe(`${ruleId} (${fileName})`, () => {
    for (const code of cases.valid) {
      it(`valid: ${JSON.stringify(code)}`, () => {
        const found = analyze(code, { fileName, settings: only(ruleId) }).findings;
        assert.deepEqual(found.map((f) => f.ruleId), []);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${JSON.stringify(c.code)}`, () => {
        const settings = only(ruleId, c.settings);
        const found = analyze(c.code, { fileName, settings }).findings;
        assert.equal(found.length, c.count ?? 1, `expected ${c.count ?? 1} finding(s), got ${found.map((f) => f.message).join(' | ')}`);
        const [f] = found;
        assert.equal(f.ruleId, ruleId);
        assert.equal(f.messageId, c.messageId);
        assert.equal(c.code.slice(f.span.start, f.span.end), c.range);
        // Files without comments (audit logs) get no "ignore" fix.
        const canIgnore = !fileName.endsWith('.log');
        if (canIgnore) assert.equal(f.fixes[f.fixes.length - 1].title, `Ignore ${ruleId} on this line`);
        else assert.deepEqual(f.fixes.filter((x) => x.suppression), []);
        if (c.fixes) assert.deepEqual(f.fixes.slice(0, -1).map((x) => x.title), c.fixes);
        const edits = f.fixes.filter((x) => !x.title.startsWith('Ignore'));
        if (c.output === undefined) {
          assert.deepEqual(edits.map((x) => x.title), [], 'no edit fix expected');
        } else {
          const preferred = f.fixes.find((x) => x.isPreferred);
          assert.ok(preferred, 'a preferred fix');
          assert.equal(f.fixes[0], preferred, 'the preferred fix comes first');
          const output = applyEdits(c.code, preferred.edits);
          assert.equal(output, c.output);
          const again = analyze(output, { fileName, settings }).findings.filter((x) => x.ruleId === ruleId);
          assert.deepEqual(again.map((x) => x.message), [], 'the finding is gone after the fix');
          assert.equal(fixAll(output, { fileName, settings }).text, output, 'a second application changes nothing');
        }
        if (canIgnore) {
          const ignored = applyEdits(c.code, f.fixes[f.fixes.length - 1].edits);
          assert.equal(analyze(ignored, { fileName, settings }).findings.length, found.length - 1, 'the ignore comment suppresses it');
        }
      });
    }
  });
}
