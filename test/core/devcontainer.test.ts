import assert from 'node:assert/strict';
import { analyze, applyEdits, defaultSettings } from '../../server/src/core';

const file = '.devcontainer/devcontainer.json';
const slice = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);

describe('devcontainer.json', () => {
  it('mounts (string and object), workspaceMount and runArgs -v, with comments', () => {
    const text = [
      '{',
      '  // dev image',
      '  "image": "mcr.microsoft.com/devcontainers/base",',
      '  "workspaceMount": "source=${localWorkspaceFolder},target=/workspace,type=bind",',
      '  "workspaceFolder": "/workspace",',
      '  "mounts": [',
      '    "source=${localEnv:HOME}/.cache/pip,target=/root/.cache/pip,type=bind",',
      '    { "source": "/srv/data", "target": "/data", "type": "bind" },',
      '    "source=vol,target=/vol,type=volume",',
      '  ],',
      '  "runArgs": ["--init", "-v", "/srv/extra:/extra"]',
      '}',
      '',
    ].join('\n');
    const findings = analyze(text, { fileName: file }).findings;
    assert.deepEqual(findings.map((f) => [f.ruleId, slice(text, f.span)]), [
      ['missing-relabel', '${localWorkspaceFolder}'],
      ['missing-relabel', '${localEnv:HOME}/.cache/pip'],
      ['missing-relabel', '"/srv/data"'],
      ['missing-relabel', '/srv/extra'],
    ]);
    const move = findings[1].fixes[0];
    assert.equal(move.title, "Move to runArgs as -v …:Z (docker's --mount cannot relabel)");
    const moved = applyEdits(text, move.edits);
    assert.match(moved, /"runArgs": \["--init", "-v", "\/srv\/extra:\/extra", "-v", "\$\{localEnv:HOME\}\/.cache\/pip:\/root\/.cache\/pip:Z"\]/);
    assert.doesNotMatch(moved, /source=\$\{localEnv:HOME\}/);
    assert.equal(applyEdits(text, findings[3].fixes[0].edits), text.replace('/srv/extra:/extra', '/srv/extra:/extra:Z'));
    assert.match(applyEdits(text, findings[0].fixes[0].edits), /"--security-opt", "label=disable"\]/);
  });

  it('the label=disable workaround in runArgs is recognised', () => {
    const text = '{ "image": "x", "mounts": ["source=/srv/a,target=/a,type=bind"], "runArgs": ["--security-opt", "label=disable"] }';
    assert.deepEqual(analyze(text, { fileName: file }).findings, []);
  });

  it('podman: relabel=private on the mount itself', () => {
    const text = '{ "mounts": ["source=/srv/a,target=/a,type=bind"] }';
    const settings = { ...defaultSettings, devcontainerEngine: 'podman' as const };
    const [f] = analyze(text, { fileName: file, settings }).findings;
    assert.equal(applyEdits(text, f.fixes[0].edits), '{ "mounts": ["source=/srv/a,target=/a,type=bind,relabel=private"] }');
  });

  it('no runArgs yet: the fix creates it', () => {
    const text = '{\n  "mounts": [\n    "source=/srv/a,target=/a,type=bind"\n  ]\n}\n';
    const [f] = analyze(text, { fileName: '.devcontainer.json' }).findings;
    const out = applyEdits(text, f.fixes[0].edits);
    assert.deepEqual(JSON.parse(out), { mounts: [], runArgs: ['-v', '/srv/a:/a:Z'] });
    assert.deepEqual(analyze(out, { fileName: '.devcontainer.json' }).findings, []);
  });
});
