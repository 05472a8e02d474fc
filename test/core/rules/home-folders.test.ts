// Home folders judged by the policy (reference §5c), in every file kind and however the home is
// written: no relabel fix on a sensitive one, relabel-system-path on an existing :z/:Z, and :Z
// preferred for folders that usually hold credentials.
import assert from 'node:assert/strict';
import { fixAll } from '../../../server/src/core';
import { ruleTester } from '../../helpers/ruleTester';

const svc = (volume: string, extra = ''): string => `services:\n  web:\n    image: nginx\n${extra}    volumes:\n      - ${volume}\n`;
const sh = (command: string): string => `#!/bin/sh\n${command}\n`;
const labelOff = '    security_opt:\n      - label=disable\n';

ruleTester('system-path-mount', {
  valid: [
    svc('~/.aws:/root/.aws:ro'),
    svc('~/.config/gcloud:/root/.config/gcloud'),
    svc('~/.cache/pip:/root/.cache/pip'),
    svc('~/Music:/music:ro'),
    svc('~/.ssh:/root/.ssh:ro', '    security_opt: [label=disable]\n'),
  ],
  invalid: [
    { code: svc('~/.ssh:/root/.ssh:ro'), messageId: 'home', range: '~/.ssh', output: svc('~/.ssh:/root/.ssh:ro') + labelOff },
    { code: svc('${HOME}/.Xauthority:/root/.Xauthority:rw'), messageId: 'home', range: '${HOME}/.Xauthority', output: svc('${HOME}/.Xauthority:/root/.Xauthority:rw') + labelOff },
    { code: svc('$HOME/.gnupg:/root/.gnupg'), messageId: 'home', range: '$HOME/.gnupg', output: svc('$HOME/.gnupg:/root/.gnupg') + labelOff },
    { code: svc('/home/alice/.config:/config'), messageId: 'home', range: '/home/alice/.config', output: svc('/home/alice/.config:/config') + labelOff },
    { code: svc('/var/home/core/.local/share:/data'), messageId: 'home', range: '/var/home/core/.local/share', output: svc('/var/home/core/.local/share:/data') + labelOff },
    { code: svc('/root/.k5login:/root/.k5login:ro'), messageId: 'home', range: '/root/.k5login', output: svc('/root/.k5login:/root/.k5login:ro') + labelOff },
    { code: svc('${XAUTHORITY}:/tmp/.Xauthority'), messageId: 'home', range: '${XAUTHORITY}', output: svc('${XAUTHORITY}:/tmp/.Xauthority') + labelOff },
  ],
});

ruleTester('system-path-mount', {
  fileName: 'run.sh',
  valid: [sh('docker run --rm -v ~/.kube:/root/.kube:Z bitnami/kubectl get pods'), sh('docker run --security-opt label=disable -v "$HOME/.ssh:/root/.ssh:ro" alpine ssh host')],
  invalid: [
    {
      code: sh('docker run --rm -v "$HOME/.ssh:/root/.ssh:ro" alpine ssh host'), messageId: 'home', range: '$HOME/.ssh',
      output: sh('docker run --security-opt label=disable --rm -v "$HOME/.ssh:/root/.ssh:ro" alpine ssh host'),
      fixes: ['Run docker run with --security-opt label=disable (no relabel, no confinement)'],
    },
    {
      code: sh('docker run --rm -e DISPLAY -v "$XAUTHORITY:/root/.Xauthority:ro" app'), messageId: 'home', range: '$XAUTHORITY',
      output: sh('docker run --security-opt label=disable --rm -e DISPLAY -v "$XAUTHORITY:/root/.Xauthority:ro" app'),
    },
    { code: sh('podman run -v /home/$USER/.config:/c img'), messageId: 'home', range: '/home/$USER/.config', output: sh('podman run --security-opt label=disable -v /home/$USER/.config:/c img') },
  ],
});

ruleTester('system-path-mount', {
  fileName: 'app.container',
  valid: ['[Container]\nImage=x\nVolume=%h/.aws:/root/.aws:ro,Z\n'],
  invalid: [
    {
      code: '[Container]\nImage=x\nVolume=%h/.config:/root/.config\n', messageId: 'home', range: '%h/.config',
      output: '[Container]\nImage=x\nVolume=%h/.config:/root/.config\nSecurityLabelDisable=true\n',
    },
  ],
});

ruleTester('system-path-mount', {
  fileName: '.devcontainer/devcontainer.json',
  valid: ['{\n  "image": "x",\n  "mounts": ["source=${localEnv:HOME}/.ssh,target=/root/.ssh,type=bind"],\n  "runArgs": ["--security-opt", "label=disable"]\n}\n'],
  invalid: [
    {
      code: '{\n  "image": "x",\n  "mounts": [\n    "source=${localEnv:HOME}${localEnv:USERPROFILE}/.ssh,target=/root/.ssh,type=bind,readonly"\n  ],\n  "runArgs": ["--init"]\n}\n',
      messageId: 'home', range: '${localEnv:HOME}${localEnv:USERPROFILE}/.ssh',
      output: '{\n  "image": "x",\n  "mounts": [\n    "source=${localEnv:HOME}${localEnv:USERPROFILE}/.ssh,target=/root/.ssh,type=bind,readonly"\n  ],\n  "runArgs": ["--init", "--security-opt", "label=disable"]\n}\n',
    },
  ],
});

ruleTester('relabel-system-path', {
  valid: [svc('~/.aws:/root/.aws:ro,Z'), svc('~/.config/myapp:/config:Z'), svc('~/.Xauth:/x:Z'), svc('/srv/www:/var/www:Z')],
  invalid: [
    { code: svc('~/.ssh:/root/.ssh:ro,z'), messageId: 'home', range: '~/.ssh', output: svc('~/.ssh:/root/.ssh:ro') },
    { code: svc('~/.config:/root/.config:Z'), messageId: 'home', range: '~/.config', output: svc('~/.config:/root/.config') },
    { code: svc('~/.Xauthority-c:/x:z'), messageId: 'home', range: '~/.Xauthority-c', output: svc('~/.Xauthority-c:/x') },
    { code: svc('~/.ansible/cp:/cp:Z'), messageId: 'home', range: '~/.ansible/cp', output: svc('~/.ansible/cp:/cp') },
    { code: svc('~/.local/share/containers:/var/lib/containers:Z'), messageId: 'home', range: '~/.local/share/containers', output: svc('~/.local/share/containers:/var/lib/containers') },
  ],
});

ruleTester('relabel-system-path', {
  fileName: 'run.sh',
  valid: [sh('podman run -v ${HOME}/.aws:/root/.aws:ro,Z img')],
  invalid: [
    {
      code: sh('podman run --rm -v ${HOME}/.gnupg:/root/.gnupg:Z alpine gpg -k'), messageId: 'home', range: '${HOME}/.gnupg',
      output: sh('podman run --rm -v ${HOME}/.gnupg:/root/.gnupg alpine gpg -k'),
      fixes: ['Remove the Z relabel', 'Remove the relabel and run podman run with --security-opt label=disable'],
    },
    { code: sh('podman run --mount type=bind,src=$HOME/.ssh,dst=/root/.ssh,relabel=shared img'), messageId: 'home', range: '$HOME/.ssh', output: sh('podman run --mount type=bind,src=$HOME/.ssh,dst=/root/.ssh img') },
  ],
});

ruleTester('relabel-system-path', {
  fileName: 'Dockerfile',
  valid: ['FROM fedora\nLABEL RUN="podman run -it -v \\$HOME/.aws:/root/.aws:Z IMAGE"\n'],
  invalid: [
    {
      code: 'FROM fedora\nLABEL RUN="podman run -it -v \\$HOME/.ssh:/root/.ssh:Z IMAGE"\n', messageId: 'home', range: '$HOME/.ssh',
      output: 'FROM fedora\nLABEL RUN="podman run -it -v \\$HOME/.ssh:/root/.ssh IMAGE"\n',
    },
  ],
});

ruleTester('relabel-system-path', {
  fileName: 'app.container',
  valid: [],
  invalid: [{ code: '[Container]\nImage=x\nVolume=%h/.ssh:/root/.ssh:ro,z\n', messageId: 'home', range: '%h/.ssh', output: '[Container]\nImage=x\nVolume=%h/.ssh:/root/.ssh:ro\n' }],
});

ruleTester('relabel-system-path', {
  fileName: 'README.md',
  valid: ['# x\n\n```sh\ndocker run -v ~/.kube:/root/.kube:Z img\n```\n'],
  invalid: [{ code: '# x\n\n```sh\ndocker run -v ~/.ssh:/root/.ssh:z img\n```\n', messageId: 'home', range: '~/.ssh', output: '# x\n\n```sh\ndocker run -v ~/.ssh:/root/.ssh img\n```\n' }],
});

ruleTester('relabel-system-path', {
  fileName: 'Makefile',
  valid: [],
  invalid: [
    {
      code: 'shell:\n\tdocker run --rm -it -v $(HOME)/.gnupg:/root/.gnupg:z img\n', messageId: 'home', range: '$(HOME)/.gnupg',
      output: 'shell:\n\tdocker run --rm -it -v $(HOME)/.gnupg:/root/.gnupg img\n',
    },
  ],
});

// Credentials: :Z first even when several containers mount them (:z would open them to every container).
ruleTester('missing-relabel', {
  valid: [svc('~/.ssh:/root/.ssh:ro'), svc('~/.config:/root/.config')],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x\n    volumes:\n      - ~/.aws:/root/.aws:ro\n  b:\n    image: y\n    volumes:\n      - ~/.aws:/root/.aws:ro,Z\n',
      messageId: 'missingCredentials', range: '~/.aws',
      output: 'services:\n  a:\n    image: x\n    volumes:\n      - ~/.aws:/root/.aws:ro,Z\n  b:\n    image: y\n    volumes:\n      - ~/.aws:/root/.aws:ro,Z\n',
      fixes: ['Add :Z (private label, this container only)', 'Add :z (shared label, every container)'],
    },
    {
      code: 'services:\n  a:\n    image: x\n    volumes:\n      - ./shared:/s\n  b:\n    image: y\n    volumes:\n      - ./shared:/s:z\n',
      messageId: 'missing', range: './shared',
      output: 'services:\n  a:\n    image: x\n    volumes:\n      - ./shared:/s:z\n  b:\n    image: y\n    volumes:\n      - ./shared:/s:z\n',
      fixes: ['Add :z (shared label, every container)', 'Add :Z (private label, this container only)'],
    },
    { code: svc('/home/u/.config/gcloud:/root/.config/gcloud'), messageId: 'missingCredentials', range: '/home/u/.config/gcloud', output: svc('/home/u/.config/gcloud:/root/.config/gcloud:Z') },
  ],
});

ruleTester('missing-relabel', {
  fileName: 'run.sh',
  valid: [sh('docker run -v "$HOME/.ssh:/root/.ssh:ro" img')],
  invalid: [{ code: sh('docker run --rm -v ~/.aws:/root/.aws:ro amazon/aws-cli s3 ls'), messageId: 'missingCredentials', range: '~/.aws', output: sh('docker run --rm -v ~/.aws:/root/.aws:ro,Z amazon/aws-cli s3 ls') }],
});

ruleTester('missing-relabel', {
  fileName: 'app.container',
  valid: ['[Container]\nImage=x\nVolume=%h/.gnupg:/root/.gnupg:ro\n'],
  invalid: [{ code: '[Container]\nImage=x\nVolume=%h/.kube:/root/.kube:ro\n', messageId: 'missingCredentials', range: '%h/.kube', output: '[Container]\nImage=x\nVolume=%h/.kube:/root/.kube:ro,Z\n' }],
});

// Two containers sharing credentials with :Z: the conflict is real, but :z is not applied by fix-all.
ruleTester('private-label-shared', {
  valid: [],
  invalid: [
    {
      code: 'services:\n  a:\n    image: x\n    volumes:\n      - ~/.aws:/root/.aws:ro,Z\n  b:\n    image: y\n    volumes:\n      - ~/.aws:/root/.aws:ro,Z\n',
      messageId: 'sharedCredentials', range: '~/.aws', count: 2,
      output: 'services:\n  a:\n    image: x\n    volumes:\n      - ~/.aws:/root/.aws:ro,z\n  b:\n    image: y\n    volumes:\n      - ~/.aws:/root/.aws:ro,z\n',
    },
  ],
});

describe('fix-all on credentials mounted by several containers', () => {
  it('gives each mount :Z and leaves it there (the :z of private-label-shared is not applied)', () => {
    const code = 'services:\n  a:\n    image: x\n    volumes:\n      - ~/.aws:/root/.aws:ro\n  b:\n    image: y\n    volumes:\n      - ~/.aws:/root/.aws:ro\n';
    assert.equal(fixAll(code, { fileName: 'compose.yaml' }).text, code.replace(/:ro\n/g, ':ro,Z\n'));
  });
});
