import assert from 'node:assert/strict';
import { analyze, applyEdits, parseFile } from '../../server/src/core';

const file = 'run.sh';
const slice = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);

/** The host sources of every bind in a script, as their range's text. */
function binds(text: string): string[] {
  const parsed = parseFile(text, { fileName: file })!;
  return parsed.runs.flatMap((r) => r.mounts.filter((m) => m.kind === 'host').map((m) => slice(text, m.source!.span)));
}

function preferredFix(text: string): string {
  const [f] = analyze(text, { fileName: file }).findings;
  assert.ok(f, 'a finding');
  return applyEdits(text, f.fixes[0].edits);
}

describe('shell scripts', () => {
  describe('-v spellings', () => {
    for (const [cmd, source] of [
      ['docker run -v ./a:/b img', './a'],
      ['docker run -v./a:/b img', './a'],
      ['docker run -v=./a:/b img', './a'],
      ['docker run --volume ./a:/b img', './a'],
      ['docker run --volume=./a:/b img', './a'],
      ['docker run -itv ./a:/b img', './a'],
      ['podman run --rm -e A=B -p 80:80 --name web -v ./a:/b img', './a'],
    ] as const) {
      it(cmd, () => assert.deepEqual(binds(cmd + '\n'), [source]));
    }
  });

  describe('commands reached', () => {
    const cases: [string, string[]][] = [
      ['sudo docker run -v /srv/a:/b img', ['/srv/a']],
      ['sudo -E -u root docker run -v /srv/a:/b img', ['/srv/a']],
      ['env FOO=1 podman run -v /srv/a:/b img', ['/srv/a']],
      ['FOO=1 exec /usr/bin/podman run -v /srv/a:/b img', ['/srv/a']],
      ['docker -H tcp://host:2375 run -v /srv/a:/b img', ['/srv/a']],
      ['podman --remote --connection c1 create -v /srv/a:/b img', ['/srv/a']],
      ['docker container run -v /srv/a:/b img', ['/srv/a']],
      ['docker compose run -v /srv/a:/b svc', ['/srv/a']],
      ['docker-compose run -v /srv/a:/b svc', ['/srv/a']],
      ['ENGINE=podman\n$ENGINE run -v /srv/a:/b img', ['/srv/a']],
      ['docker=podman\n${docker} run -v /srv/a:/b img', ['/srv/a']],
      ['$CONTAINER_ENGINE run -v /srv/a:/b img', ['/srv/a']],
      ['${ENGINE:-podman} run -v /srv/a:/b img', ['/srv/a']],
      ['cmd=(podman run -v /srv/a:/b img)\n"${cmd[@]}"', ['/srv/a']],
      ['args=(-v /srv/a:/b)\nargs+=(-v /srv/c:/d)\npodman run "${args[@]}" img', ['/srv/a', '/srv/c']],
      ["sh -c 'docker run -v /srv/a:/b img'", ['/srv/a']],
      ['bash -c "podman run -v /srv/a:/b img"', ['/srv/a']],
      ["eval 'docker run -v /srv/a:/b img'", ['/srv/a']],
      ['id=$(docker run -d -v /srv/a:/b img)', ['/srv/a']],
      ['echo x | docker run -i -v /srv/a:/b img | tee log', ['/srv/a']],
      ['docker run \\\n  -v /srv/a:/b \\\n  img', ['/srv/a']],
      ['start() {\n  if [ -n "$X" ]; then\n    podman run -v /srv/a:/b img\n  fi\n}', ['/srv/a']],
      ['# docker run -v /srv/a:/b img', []],
      ['docker run img php -v /srv/a:/b', []],
      ['docker run -- img -v /srv/a:/b', []],
      ['docker run --tmpfs /run --volumes-from other -v data:/d img', []],
      ['python run -v /srv/a:/b', []],
      ['docker build -v /srv/a:/b .', []],
      ['$cmd docker run -v /srv/a:/b img', ['/srv/a']],
    ];
    for (const [script, expected] of cases) it(JSON.stringify(script), () => assert.deepEqual(binds(script + '\n'), expected));
  });

  describe('sources', () => {
    const cases: [string, string, boolean][] = [
      ['"$PWD":/src', '.', false],
      ['${PWD}/x:/src', './x', false],
      ['$(pwd):/src', '.', false],
      ['"$(pwd)"/x:/src', './x', false],
      ['`pwd`:/src', '.', false],
      ['$HOME/projects/app:/app', '~/projects/app', false],
      ['~/projects/app:/app', '~/projects/app', false],
      ['"$1":/src', '$1', true],
    ];
    for (const [spec, path, dynamic] of cases) {
      it(spec, () => {
        const [mount] = parseFile(`docker run -v ${spec} img\n`, { fileName: file })!.runs[0].mounts;
        assert.deepEqual([mount.source?.path, mount.source?.dynamic], [path, dynamic]);
      });
    }
    it('a variable the script sets is put in', () => {
      const [mount] = parseFile('DATA=/srv/data\ndocker run -v "$DATA:/d" img\n', { fileName: file })!.runs[0].mounts;
      assert.equal(mount.source?.path, '/srv/data');
    });
  });

  describe('labeling', () => {
    const cases: [string, boolean][] = [
      ['--privileged', true],
      ['--privileged=true', true],
      ['--privileged=false', false],
      ['--security-opt label=disable', true],
      ['--security-opt=label:disable', true],
      ['--pid=host', true],
      ['--ipc host --security-opt label=level:s0:c1,c2', false],
      ['--security-opt no-new-privileges', false],
    ];
    for (const [opts, disabled] of cases) {
      it(opts, () => assert.equal(parseFile(`podman run ${opts} -v ./a:/b img\n`, { fileName: file })!.runs[0].labeling.disabled, disabled));
    }
  });

  describe('fixes keep the quoting', () => {
    const cases: [string, string][] = [
      ['docker run -v "$PWD":/src img', 'docker run -v "$PWD":/src:Z img'],
      ['docker run -v "$PWD:/src" img', 'docker run -v "$PWD:/src:Z" img'],
      ["docker run -v '/srv/a:/b:ro' img", "docker run -v '/srv/a:/b:ro,Z' img"],
      ['docker run --volume=/srv/a:/b img', 'docker run --volume=/srv/a:/b:Z img'],
      ['podman run --mount type=bind,src=/srv/a,dst=/b img', 'podman run --mount type=bind,src=/srv/a,dst=/b,relabel=private img'],
      ['docker run --mount type=bind,source=/srv/a,target=/b,readonly img', 'docker run -v /srv/a:/b:ro,Z img'],
      ['docker run --mount "type=bind,source=$(pwd)/a b,target=/b" img', 'docker run -v "$(pwd)/a b:/b:Z" img'],
      ['cmd=(podman run -v /srv/a:/b img)\n"${cmd[@]}"', 'cmd=(podman run -v /srv/a:/b:Z img)\n"${cmd[@]}"'],
      ['docker run -v /etc/localtime:/etc/localtime:ro img', 'docker run --security-opt label=disable -v /etc/localtime:/etc/localtime:ro img'],
    ];
    for (const [before, after] of cases) {
      it(before, () => {
        assert.equal(preferredFix(before + '\n'), after + '\n');
        const again = analyze(after + '\n', { fileName: file }).findings.filter((f) => f.ruleId !== 'relabel-label-disabled');
        assert.deepEqual(again.map((f) => f.ruleId), []);
      });
    }
  });

  it('docker --mount with a relabel is rejected; podman takes it', () => {
    const docker = analyze('docker run --mount type=bind,src=/srv/a,dst=/b,relabel=shared img\n', { fileName: file }).findings;
    assert.deepEqual(docker.map((f) => [f.ruleId, f.messageId]), [['conflicting-relabel', 'rejected']]);
    assert.deepEqual(analyze('podman run --mount type=bind,src=/srv/a,dst=/b,relabel=shared img\n', { fileName: file }).findings, []);
  });

  it('podman overlay volumes (:O) need no relabel; docker has no :O', () => {
    assert.deepEqual(analyze('podman run -v /srv/a:/b:O img\n', { fileName: file }).findings, []);
    assert.deepEqual(analyze('docker run -v /srv/a:/b:O img\n', { fileName: file }).findings.map((f) => f.ruleId), ['missing-relabel']);
  });

  it('the ignore comment goes above a command continued over lines, and works there', () => {
    const text = 'docker run -d \\\n  -v ./a:/b \\\n  img\n';
    const [f] = analyze(text, { fileName: file }).findings;
    const ignored = applyEdits(text, f.fixes[f.fixes.length - 1].edits);
    assert.equal(ignored, '# selinux-mounts ignore=missing-relabel\n' + text);
    assert.deepEqual(analyze(ignored, { fileName: file }).findings, []);
  });

  it('an unknown engine reads relabel= as podman does, and its rewrite covers docker', () => {
    assert.deepEqual(analyze('$CONTAINER_ENGINE run --mount type=bind,src=/srv/a,dst=/b,relabel=shared img\n', { fileName: file }).findings, []);
    const [f] = analyze('$CONTAINER_ENGINE run --mount type=bind,src=/srv/a,dst=/b img\n', { fileName: file }).findings;
    assert.equal(applyEdits('$CONTAINER_ENGINE run --mount type=bind,src=/srv/a,dst=/b img\n', f.fixes[0].edits), '$CONTAINER_ENGINE run -v /srv/a:/b:Z img\n');
  });

  it('the --mount rewrite keeps propagation, and is not safe when a key has no -v form', () => {
    const text = 'docker run --mount type=bind,src=/srv/a,dst=/b,bind-propagation=rslave img\n';
    const [f] = analyze(text, { fileName: file }).findings;
    assert.equal(applyEdits(text, f.fixes[0].edits), 'docker run -v /srv/a:/b:rslave,Z img\n');
    assert.equal(f.fixes[0].safe, true);
    const lossy = analyze('docker run --mount type=bind,src=/srv/a,dst=/b,bind-recursive=disabled img\n', { fileName: file }).findings[0];
    assert.equal(lossy.fixes[0].safe, false);
  });

  it('docker compose run has no --security-opt to offer', () => {
    const [f] = analyze('docker compose run -v /etc/localtime:/etc/localtime:ro svc\n', { fileName: file }).findings;
    assert.equal(f.ruleId, 'system-path-mount');
    assert.deepEqual(f.fixes.map((x) => x.suppression ?? false), [true]);
  });

  it('extensionless scripts by shebang', () => {
    assert.equal(parseFile('#!/usr/bin/env bash\ndocker run -v /srv/a:/b img\n', { fileName: 'run' })?.kind, 'shell');
    assert.equal(parseFile('#!/bin/sh\n', { fileName: 'deploy' })?.kind, 'shell');
    assert.equal(parseFile('#!/usr/bin/python3\n', { fileName: 'tool' }), undefined);
  });

  it('CRLF and non-ASCII before the mount', () => {
    const text = '# é 🚀\r\ndocker run \\\r\n  -v ./données:/d img\r\n';
    const [f] = analyze(text, { fileName: file }).findings;
    assert.equal(slice(text, f.span), './données');
    assert.equal(applyEdits(text, f.fixes[0].edits), '# é 🚀\r\ndocker run \\\r\n  -v ./données:/d:Z img\r\n');
  });
});
