import assert from 'node:assert/strict';
import { analyze, applyEdits, parseFile } from '../../server/src/core';

const unit = (lines: string): string => `[Unit]\nDescription=x\n\n[Container]\nImage=localhost/app\n${lines}`;
const slice = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);

describe('quadlet .container', () => {
  it('Volume= kinds: host, relative (beside the unit), %h, named, .volume, anonymous', () => {
    const text = unit('Volume=/host/dir:/c:Z\nVolume=./rel:/r\nVolume=%h/data:/h\nVolume=named:/n\nVolume=basic.volume:/q\nVolume=/empty\nVolume=./x.volume:/x\n');
    const mounts = parseFile(text, { fileName: 'app.container' })!.runs[0].mounts;
    assert.deepEqual(mounts.map((m) => [m.kind, m.source?.path ?? null, m.relabels.map((r) => r.word).join(), !!m.source?.besideFile]), [
      ['host', '/host/dir', 'Z', false],
      ['host', './rel', '', true],
      ['host', '~/data', '', false],
      ['named', 'named', '', false],
      ['named', 'basic.volume', '', false],
      ['anonymous', null, '', false],
      // Quadlet makes a source starting with `.` absolute before it looks for `.volume`.
      ['host', './x.volume', '', true],
    ]);
  });

  it('Mount= fields: src/source, dst/destination, relabel=, quoted values, escaped quotes', () => {
    const text = unit('Mount=type=bind,src=/a,dst=/b,relabel=shared\nMount="type=bind,source=/with space,destination=/p"\nMount=type=bind,src=/tmp,\\"dst=/path,1\\"\nMount=type=tmpfs,destination=/t\nMount=type=volume,source=v,destination=/v\n');
    const mounts = parseFile(text, { fileName: 'app.container' })!.runs[0].mounts;
    assert.deepEqual(mounts.map((m) => [m.kind, m.source?.text, m.target?.text, m.relabels.map((r) => r.word).join()]), [
      ['host', '/a', '/b', 'z'],
      ['host', '/with space', '/p', ''],
      ['host', '/tmp', '/path,1', ''],
      ['named', 'v', '/v', ''],
    ]);
    assert.equal(slice(text, mounts[1].source!.span), '/with space');
  });

  it('comments and continuations', () => {
    const text = unit('# Volume=/commented:/x\n; Volume=/also:/y\nVolume=./a:\\\n# inside\n/a\n');
    const mounts = parseFile(text, { fileName: 'app.container' })!.runs[0].mounts;
    assert.deepEqual(mounts.map((m) => m.source?.text), ['./a']);
  });

  it('missing-relabel with fixes: Volume= gets :Z, Mount= gets relabel=private', () => {
    const text = unit('Volume=./data:/data:ro\nMount=type=bind,source=./src,destination=/src\n');
    const findings = analyze(text, { fileName: 'app.container' }).findings;
    assert.deepEqual(findings.map((f) => [f.ruleId, slice(text, f.span), f.fixes[0].title]), [
      ['missing-relabel', './data', 'Add :Z (private label, this container only)'],
      ['missing-relabel', './src', 'Add relabel=private (private label, this container only)'],
    ]);
    const fixed = applyEdits(text, [...findings[0].fixes[0].edits, ...findings[1].fixes[0].edits]);
    assert.equal(fixed, unit('Volume=./data:/data:ro,Z\nMount=type=bind,source=./src,destination=/src,relabel=private\n'));
    assert.deepEqual(analyze(fixed, { fileName: 'app.container' }).findings, []);
  });

  it('SecurityLabelDisable=true turns labeling off; system paths offer it', () => {
    const off = unit('SecurityLabelDisable=true\nVolume=./data:/data\n');
    assert.deepEqual(analyze(off, { fileName: 'a.container' }).findings, []);
    const sys = unit('Volume=/etc/localtime:/etc/localtime:ro\n');
    const [f] = analyze(sys, { fileName: 'a.container' }).findings;
    assert.equal(f.ruleId, 'system-path-mount');
    assert.equal(applyEdits(sys, f.fixes[0].edits), unit('Volume=/etc/localtime:/etc/localtime:ro\nSecurityLabelDisable=true\n'));
  });

  it('relabel= with a bad value, and removal of relabel=shared on a system path', () => {
    const text = unit('Mount=type=bind,src=/usr,dst=/u,relabel=shared\n');
    const [f] = analyze(text, { fileName: 'a.container' }).findings;
    assert.equal(f.ruleId, 'relabel-system-path');
    assert.equal(applyEdits(text, f.fixes[0].edits), unit('Mount=type=bind,src=/usr,dst=/u\n'));
  });
});

describe('quadlet PodmanArgs=', () => {
  it('--privileged and --security-opt label=disable turn labeling off; -v there is a mount', () => {
    const privileged = unit('PodmanArgs=--privileged\nVolume=./data:/data\n');
    assert.deepEqual(analyze(privileged, { fileName: 'a.container' }).findings, []);
    const args = unit('PodmanArgs=--log-level debug -v /srv/extra:/extra\n');
    const [f] = analyze(args, { fileName: 'a.container' }).findings;
    assert.equal(slice(args, f.span), '/srv/extra');
    assert.equal(applyEdits(args, f.fixes[0].edits), unit('PodmanArgs=--log-level debug -v /srv/extra:/extra:Z\n'));
  });
});
