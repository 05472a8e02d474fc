import assert from 'node:assert/strict';
import { analyze, applyEdits } from '../../server/src/core';

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
});
