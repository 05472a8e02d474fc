import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, applyEdits, defaultSettings, fixAll } from '../../server/src/core';

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

describe('devcontainer.json: what turns labeling off', () => {
  const mounts = '"mounts": [{ "source": "${localEnv:HOME}/.aws", "target": "/home/u/.aws", "type": "bind" }]';
  const rules = (text: string): string[] => analyze(text, { fileName: file }).findings.map((f) => f.ruleId);
  const withFeature = (id: string): string => `{ "features": { "${id}": {} }, ${mounts} }`;

  it('docker-in-docker sets privileged: true in every version, and under its old bare id', () => {
    for (const id of ['ghcr.io/devcontainers/features/docker-in-docker', 'ghcr.io/devcontainers/features/docker-in-docker:2', 'ghcr.io/devcontainers/features/docker-in-docker:1.0.3', 'docker-in-docker']) {
      assert.deepEqual(rules(withFeature(id)), [], id);
    }
  });

  it('docker-outside-of-docker sets label=disable from 1.6.1 on: a floating or newer tag or a digest turns labeling off, an older pin does not', () => {
    const base = 'ghcr.io/devcontainers/features/docker-outside-of-docker';
    for (const tag of ['', ':1', ':latest', ':1.6', ':1.6.1', ':1.10.0', ':2', '@sha256:0123abcd']) assert.deepEqual(rules(withFeature(base + tag)), [], tag);
    for (const tag of [':1.6.0', ':1.5', ':1.0.3']) assert.deepEqual(rules(withFeature(base + tag)), ['missing-relabel'], tag);
    // Its legacy id names the same Feature; the bare vscode-dev-containers id only bound the socket.
    assert.deepEqual(rules(withFeature('ghcr.io/devcontainers/features/docker-from-docker:1')), []);
    assert.deepEqual(rules(withFeature('docker-from-docker')), ['missing-relabel']);
    assert.deepEqual(rules(withFeature('ghcr.io/someone/features/docker-in-docker:1')), ['missing-relabel'], 'another namespace');
  });

  it('top-level privileged and securityOpt; label=level keeps labeling on; the reason names the Feature', () => {
    assert.deepEqual(rules(`{ "privileged": true, ${mounts} }`), []);
    assert.deepEqual(rules(`{ "privileged": false, ${mounts} }`), ['missing-relabel']);
    assert.deepEqual(rules(`{ "securityOpt": ["label=disable"], ${mounts} }`), []);
    assert.deepEqual(rules(`{ "securityOpt": ["label=level:s0:c1,c2"], ${mounts} }`), ['missing-relabel']);
    const text = `{ "features": { "ghcr.io/devcontainers/features/docker-in-docker:2": {} }, "runArgs": ["-v", "/srv/a:/a:Z"] }`;
    const [f] = analyze(text, { fileName: file }).findings;
    assert.equal(f.ruleId, 'relabel-label-disabled');
    assert.match(f.message, /^Labeling is off for the dev container \(the docker-in-docker Feature \(it sets "privileged": true\)\)/);
  });

  it('${localEnv:HOME}${localEnv:USERPROFILE} and the older ${env:HOME} are the home on Linux', () => {
    for (const home of ['${localEnv:HOME}${localEnv:USERPROFILE}', '${env:HOME}${env:USERPROFILE}', '${env:HOME}']) {
      const [f] = analyze(`{ "mounts": ["source=${home}/.aws,target=/a,type=bind"] }`, { fileName: file }).findings;
      assert.equal(f.mount?.source?.path, '~/.aws', home);
      assert.equal(f.messageId, 'missingCredentials', home);
    }
  });

  it('real files: the Feature in gchq/sleeper covers its home binds; CenterEdgeOps binds move into runArgs', () => {
    const corpus = (name: string): string => readFileSync(join(__dirname, '..', 'corpus', 'files', name, '.devcontainer', 'devcontainer.json'), 'utf8');
    assert.deepEqual(rules(corpus('gchq__sleeper')), []);
    const text = corpus('CenterEdge__CenterEdgeOps');
    const fixed = fixAll(text, { fileName: file }).text;
    assert.deepEqual(analyze(fixed, { fileName: file }).findings, []);
    assert.deepEqual(JSON.parse(fixed.replace(/^\s*\/\/.*$/gm, '')).runArgs, [
      '-v', '${localEnv:HOME}${localEnv:USERPROFILE}/.aws:/home/vscode/.aws:Z',
      '-v', '${localEnv:HOME}${localEnv:USERPROFILE}/.gitignore:/home/vscode/.gitignore:Z',
      '-v', '${localEnv:HOME}${localEnv:USERPROFILE}/.gitconfig:/home/vscode/.gitconfig:Z',
    ]);
  });
});
