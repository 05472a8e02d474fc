import assert from 'node:assert/strict';
import { completionsAt, type CompletionEntry } from '../../server/src/core';

/** Completion at the `|` in `marked`. */
function complete(fileName: string, marked: string): CompletionEntry[] | undefined {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'a | marks the cursor');
  return completionsAt(marked.slice(0, offset) + marked.slice(offset + 1), offset, { fileName });
}

const labels = (entries: CompletionEntry[] | undefined): string[] => (entries ?? []).map((e) => e.label);
/** Labels in the order a client ranks them. */
const ranked = (entries: CompletionEntry[] | undefined): string[] =>
  [...(entries ?? [])].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((e) => e.label);

describe('core: completion', () => {
  describe('mount options', () => {
    it('after the colon of a compose short volume: relabels first, Z when no other service mounts the path', () => {
      const entries = complete('compose.yaml', 'services:\n  web:\n    image: x\n    volumes:\n      - ./data:/data:|\n');
      assert.deepEqual(ranked(entries).slice(0, 3), ['Z', 'z', 'ro']);
      assert.match(entries!.find((e) => e.label === 'Z')!.detail!, /no other container/);
      const z = entries!.find((e) => e.label === 'z')!;
      assert.deepEqual(z.replace, { start: 64, end: 64 }, "at the cursor, nothing typed");
    });

    it('z first when another service mounts the same host path, naming it', () => {
      const text = 'services:\n  a:\n    image: x\n    volumes: ["./shared:/s:z"]\n  b:\n    image: y\n    volumes:\n      - ./shared/:/t:|\n';
      const entries = complete('compose.yaml', text);
      assert.deepEqual(ranked(entries).slice(0, 2), ['z', 'Z']);
      assert.match(entries!.find((e) => e.label === 'z')!.detail!, /\ba also mounts/);
      assert.match(entries!.find((e) => e.label === 'Z')!.detail!, /lock a out/);
    });

    it('Z first on a credential folder even when another service mounts it', () => {
      const text = 'services:\n  a:\n    image: x\n    volumes: ["~/.aws:/root/.aws:ro,Z"]\n  b:\n    image: y\n    volumes:\n      - ~/.aws:/root/.aws:ro,|\n';
      const entries = complete('compose.yaml', text);
      assert.deepEqual(ranked(entries).slice(0, 2), ['Z', 'z']);
      assert.match(entries!.find((e) => e.label === 'z')!.detail!, /every confined container could read these credentials/);
    });

    it('relabels last, with the reason, on a home folder the policy types', () => {
      const entries = complete('run.sh', 'docker run -v "$HOME/.gnupg:/root/.gnupg:|" alpine\n');
      assert.deepEqual(ranked(entries).slice(-2), ['z', 'Z']);
      assert.match(entries!.find((e) => e.label === 'Z')!.detail!, /gpg_secret_t/);
    });

    it('relabels last, with the reason, on a path that must not be relabelled', () => {
      const entries = complete('run.sh', 'docker run -v /etc:/host-etc:| alpine\n');
      assert.deepEqual(ranked(entries).slice(-2), ['z', 'Z']);
      assert.match(entries!.find((e) => e.label === 'z')!.detail!, /do not relabel \/etc/);
    });

    it('replaces the word being typed and leaves out words of a class already given', () => {
      const entries = complete('run.sh', 'docker run -v "$PWD/src:/src:ro,Z|" alpine\n');
      assert.ok(!labels(entries).includes('rw'), 'ro is given');
      assert.ok(!labels(entries).includes('ro'), 'ro is given');
      const z = entries!.find((e) => e.label === 'z')!;
      assert.deepEqual(z.replace, { start: 32, end: 33 }, 'the typed Z');
    });

    it("docker's words for docker, podman's for podman and quadlet", () => {
      const docker = labels(complete('run.sh', 'docker run -v ./a:/a:| x\n'));
      assert.ok(docker.includes('delegated') && !docker.includes('U') && !docker.includes('O'));
      const podman = labels(complete('run.sh', 'podman run --volume ./a:/a:| x\n'));
      assert.ok(podman.includes('U') && podman.includes('O') && !podman.includes('consistent'));
      const quadlet = labels(complete('app.container', '[Container]\nImage=x\nVolume=./a:/a:|\n'));
      assert.ok(quadlet.includes('U') && quadlet.includes('Z'));
    });

    it('in devcontainer.json runArgs and a --volume= word', () => {
      const dev = complete('devcontainer.json', '{ "image": "x", "runArgs": ["-v", "${localWorkspaceFolder}/d:/d:|"] }\n');
      assert.ok(labels(dev).includes('Z'));
      assert.ok(labels(complete('run.sh', 'podman run --volume=./a:/a:| x\n')).includes('Z'));
    });

    it('nothing before the option list or outside a mount', () => {
      assert.deepEqual(labels(complete('compose.yaml', 'services:\n  web:\n    image: nginx:|\n')), []);
      assert.deepEqual(labels(complete('compose.yaml', 'services:\n  web:\n    volumes:\n      - ./data:|\n')), []);
      assert.deepEqual(labels(complete('run.sh', 'docker run alpine echo a:b:|\n')), []);
      assert.equal(complete('notes.txt', 'a:b:|'), undefined);
    });
  });

  describe('label values, long syntax and quadlet keys', () => {
    it('label= values in security_opt, without podman-only ones for docker', () => {
      const compose = labels(complete('compose.yaml', 'services:\n  web:\n    image: x\n    security_opt:\n      - label=|\n'));
      assert.deepEqual(compose.slice(0, 2), ['disable', 'level:']);
      assert.ok(compose.includes('nested'), 'compose may run under podman');
      const docker = labels(complete('run.sh', 'docker run --security-opt label=d| x\n'));
      assert.ok(docker.includes('disable') && !docker.includes('nested'));
      const podman = labels(complete('run.sh', 'podman run --security-opt=label=| x\n'));
      assert.ok(podman.includes('nested'));
    });

    it('z and Z for bind.selinux', () => {
      const text = 'services:\n  web:\n    image: x\n    volumes:\n      - type: bind\n        source: ./d\n        target: /d\n        bind:\n          selinux: |\n';
      assert.deepEqual(labels(complete('compose.yaml', text)).sort(), ['Z', 'z']);
    });

    it('SecurityLabel keys in [Container], true/false after the boolean ones', () => {
      const keys = complete('app.container', '[Container]\nImage=x\nSecu|\n');
      assert.deepEqual(labels(keys), ['SecurityLabelDisable', 'SecurityLabelType', 'SecurityLabelLevel', 'SecurityLabelFileType', 'SecurityLabelNested']);
      assert.equal(keys![0].insertText, 'SecurityLabelDisable=');
      assert.deepEqual(keys![0].replace, { start: 20, end: 24 });
      assert.deepEqual(labels(complete('app.container', '[Unit]\nSecu|\n')), []);
      assert.deepEqual(labels(complete('app.container', '[Container]\nSecurityLabelDisable=|\n')), ['true', 'false']);
    });
  });
});
