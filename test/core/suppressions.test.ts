import assert from 'node:assert/strict';
import { analyze, applyEdits, defaultSettings } from '../../server/src/core';

const findings = (text: string): string[] => analyze(text, { fileName: 'compose.yaml' }).findings.map((f) => f.ruleId);
const svc = (lines: string): string => `services:\n  web:\n    image: x\n    volumes:\n${lines}`;

describe('inline suppressions', () => {
  it('end of line', () => assert.deepEqual(findings(svc('      - ./a:/a # selinux-mounts ignore=missing-relabel\n')), []));
  it('line above', () => assert.deepEqual(findings(svc('      # selinux-mounts ignore=missing-relabel\n      - ./a:/a\n')), []));
  it('a list of ids', () => assert.deepEqual(findings(svc('      # selinux-mounts ignore=system-path-mount, missing-relabel\n      - ./a:/a\n')), []));
  it('another id does not suppress', () => assert.deepEqual(findings(svc('      - ./a:/a # selinux-mounts ignore=system-path-mount\n')), ['missing-relabel']));
  it('only the next line', () => assert.deepEqual(findings(svc('      # selinux-mounts ignore=missing-relabel\n      - ./a:/a\n      - ./b:/b\n')), ['missing-relabel']));
  it('an end-of-line comment does not reach the next line', () =>
    assert.deepEqual(findings(svc('      - data:/d # selinux-mounts ignore=missing-relabel\n      - ./b:/b\n')), ['missing-relabel']));
  it('the ignore fix extends an existing comment above', () => {
    const text = svc('      # selinux-mounts ignore=relabel-ignored\n      - ./a:/a\n');
    const [f] = analyze(text, { fileName: 'compose.yaml' }).findings;
    const out = applyEdits(text, f.fixes[f.fixes.length - 1].edits);
    assert.equal(out, svc('      # selinux-mounts ignore=relabel-ignored,missing-relabel\n      - ./a:/a\n'));
  });
  it('the ignore fix keeps CRLF', () => {
    const text = svc('      - ./a:/a\n').replace(/\n/g, '\r\n');
    const [f] = analyze(text, { fileName: 'compose.yaml' }).findings;
    assert.equal(applyEdits(text, f.fixes[f.fixes.length - 1].edits), svc('      # selinux-mounts ignore=missing-relabel\n      - ./a:/a\n').replace(/\n/g, '\r\n'));
  });

  describe('with a reason (-- why)', () => {
    const text = svc('      # selinux-mounts ignore=missing-relabel -- shared with the host on purpose\n      - ./a:/a\n      - ./b:/b # selinux-mounts ignore=missing-relabel,relabel-ignored --   kept: see docs  \n');
    const result = analyze(text, { fileName: 'compose.yaml' });
    it('still suppresses', () => assert.deepEqual(result.findings, []));
    it('the suppressed findings are kept, each with its reason', () =>
      assert.deepEqual(
        result.suppressed?.map((f) => [f.ruleId, text.slice(f.span.start, f.span.end), f.suppression?.justification]),
        [
          ['missing-relabel', './a', 'shared with the host on purpose'],
          ['missing-relabel', './b', 'kept: see docs'],
        ],
      ));
    it('an id that silenced nothing is unused, with its exact place', () =>
      assert.deepEqual(
        result.unusedSuppressions?.map((u) => [u.ruleId, text.slice(u.span.start, u.span.end), u.span.start]),
        [['relabel-ignored', 'relabel-ignored', text.indexOf('relabel-ignored')]],
      ));
    it('a rule turned off is not called unused; an unknown id is', () => {
      const t = svc('      - data:/d # selinux-mounts ignore=missing-relabel,no-such-rule\n');
      const off = analyze(t, { fileName: 'compose.yaml', settings: { ...defaultSettings, rules: { 'missing-relabel': 'off' } } });
      assert.deepEqual(off.unusedSuppressions?.map((u) => u.ruleId), ['no-such-rule']);
      assert.deepEqual(analyze(t, { fileName: 'compose.yaml' }).unusedSuppressions?.map((u) => u.ruleId), ['missing-relabel', 'no-such-rule']);
    });
    it('without a reason there is no justification', () =>
      assert.deepEqual(analyze(svc('      - ./a:/a # selinux-mounts ignore=missing-relabel\n'), { fileName: 'compose.yaml' }).suppressed?.map((f) => f.suppression), [{ justification: undefined }]));
  });
});
