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

  describe('the engine where scripts keep it', () => {
    const cases: [string, string, string[]][] = [
      ['dc="docker compose"\n$dc run -v /srv/a:/b svc', 'docker', ['/srv/a']],
      ['X=${X:-podman}\n$X run -v /srv/a:/b img', 'podman', ['/srv/a']],
      ['DOCKER=${DOCKER:-podman}\n$DOCKER run -v /srv/a:/b img', 'podman', ['/srv/a']],
      ['CE=$(command -v podman)\n$CE run -v /srv/a:/b img', 'podman', ['/srv/a']],
      ['ENGINE=$(command -v podman || command -v docker)\n$ENGINE run -v /srv/a:/b img', 'unknown', ['/srv/a']],
      ["CMD='sudo -A docker'\nwhich podman && CMD='podman'\n${CMD} run -v /srv/a:/b img", 'unknown', ['/srv/a']],
      ['dkr() { podman "$@"; }\ndkr run -v /srv/a:/b img', 'podman', ['/srv/a']],
      ['execute() {\n  echo "$@"\n  "$@"\n}\nexecute docker run -v /srv/a:/b img', 'docker', ['/srv/a']],
      ['log() { echo "$@"; }\nlog docker run -v /srv/a:/b img', '', []],
      ['nvidia-docker run -v /srv/a:/b img', 'docker', ['/srv/a']],
      ['execute docker run -v /srv/a:/b img', 'docker', ['/srv/a']],
      ['travis_retry docker run -v /srv/a:/b img', 'docker', ['/srv/a']],
      ['timeout -s KILL 600 podman run -v /srv/a:/b img', 'podman', ['/srv/a']],
      ['log_info docker run -v /srv/a:/b img', '', []],
      ['echo docker run -v /srv/a:/b img', '', []],
      ['podman build -t x -f Containerfile -q -v $PWD/cache:/cache --squash .', 'podman', ['$PWD/cache']],
      ['buildah bud --layers -v /srv/a:/a -t img .', 'podman', ['/srv/a']],
      ['podman image build --volume=/srv/a:/a .', 'podman', ['/srv/a']],
      ['buildah run -v /srv/a:/a ctr make', 'podman', ['/srv/a']],
      ['docker build -v /srv/a:/a .', '', []],
      ['function dc { sudo docker compose "$@"; }\ndc run -v /srv/a:/b svc', 'docker', ['/srv/a']],
      ['if type podman; then\n  c() { podman "$@"; }\nelse\n  c() { docker "$@"; }\nfi\nc run -v /srv/a:/b img', 'unknown', ['/srv/a']],
      ['alias d=docker\nd run -v /srv/a:/b img', 'docker', ['/srv/a']],
      ["alias dc='podman compose'\ndc run -v /srv/a:/b svc", 'podman', ['/srv/a']],
      ['shopt -s expand_aliases\nalias docker=podman\ndocker run -v /srv/a:/b img', 'podman', ['/srv/a']],
      ['alias docker=podman\ndocker run -v /srv/a:/b img', 'docker', ['/srv/a']],
      ['podman-compose run -v /srv/a:/b svc', 'podman', ['/srv/a']],
      ['docker compose -f x.yml --env-file .env run --rm --no-deps -v /srv/a:/b svc', 'docker', ['/srv/a']],
      ['docker-compose -p proj run -T --service-ports -v /srv/a:/b svc', 'docker', ['/srv/a']],
      ['DOCKER_RUN="docker compose -f c.yml run -v /${PWD}:/work run"\n${DOCKER_RUN} bash', 'docker', ['/${PWD}']],
      ['docker run --rm $EXTRA_ARGS -v /srv/a:/b img', 'docker', ['/srv/a']],
      ["R='podman run'\ncommand -v podman || {\n  R=\"docker run --user $(id -u)\"\n}\n${R} -v /srv/a:/b img", 'unknown', ['/srv/a']],
    ];
    for (const [script, engine, expected] of cases) {
      it(JSON.stringify(script), () => {
        assert.deepEqual(binds(script + '\n'), expected);
        assert.equal(parseFile(script + '\n', { fileName: file })!.runs.at(-1)?.engine, expected.length ? engine : undefined);
      });
    }
    it('a function that is never called, and a wrapper that calls itself, are no runs', () => {
      assert.deepEqual(binds('p() { podman "$@"; }\ndocker() { command docker "$@"; }\n'), []);
    });
    it('an unknown word named like the image ends the options ($IMAGE -v is the image\'s own flag)', () => {
      assert.deepEqual(binds('docker run --rm $IMAGE -v /srv/a:/b\n'), []);
    });
    it('docker compose run is marked as compose (no --security-opt to add)', () => {
      const [run] = parseFile('dc="docker compose"\n$dc run -v /etc/localtime:/etc/localtime svc\n', { fileName: file })!.runs;
      assert.equal(run.disableLabeling(), undefined);
    });
  });

  describe('a mount spec kept in a variable: the finding and the fix go where it is written', () => {
    const cases: [string, string, string][] = [
      ['VOL="$DIR:/data"\ndocker run -v "$VOL" img', '$DIR', 'VOL="$DIR:/data:Z"\ndocker run -v "$VOL" img'],
      ['VOL=/srv/a:/data:ro\npodman run --volume=${VOL} img', '/srv/a', 'VOL=/srv/a:/data:ro,Z\npodman run --volume=${VOL} img'],
      ['opts="-v $PWD:/src"\ndocker run $opts img', '$PWD', 'opts="-v $PWD:/src:Z"\ndocker run $opts img'],
      ['OPTS=""\nOPTS="$OPTS -v /srv/a:/a"\ndocker run $OPTS img', '/srv/a', 'OPTS=""\nOPTS="$OPTS -v /srv/a:/a:Z"\ndocker run $OPTS img'],
      ['args=()\nargs+=(-v "$x:/y")\ndocker run "${args[@]}" img', '$x', 'args=()\nargs+=(-v "$x:/y:Z")\ndocker run "${args[@]}" img'],
      ['M="type=bind,src=$PWD,dst=/w"\npodman run --mount "$M" img', '$PWD', 'M="type=bind,src=$PWD,dst=/w,relabel=private"\npodman run --mount "$M" img'],
    ];
    for (const [script, source, fixed] of cases) {
      it(JSON.stringify(script), () => {
        const text = script + '\n';
        const [f] = analyze(text, { fileName: file }).findings;
        assert.equal(f.ruleId, 'missing-relabel');
        assert.equal(slice(text, f.span), source);
        assert.ok(f.span.end < text.lastIndexOf('\n', text.length - 2), 'reported where the spec is written, not on the command');
        assert.equal(applyEdits(text, f.fixes[0].edits), fixed + '\n');
        assert.deepEqual(analyze(fixed + '\n', { fileName: file }).findings, []);
      });
    }
    it('the array spliced into itself keeps its earlier words', () => {
      assert.deepEqual(binds('a=(-v /srv/a:/a)\na=("${a[@]}" -v /srv/b:/b)\npodman run "${a[@]}" img\n'), ['/srv/a', '/srv/b']);
    });
    it('options kept in a variable turn labeling off too', () => {
      assert.deepEqual(analyze('O="-v /srv/a:/a"\nO="$O --privileged"\ndocker run $O img\n', { fileName: file }).findings, []);
    });
    it('an option variable grown thousands of times is read as far as a bound', () => {
      const lines = Array.from({ length: 3000 }, (_, i) => `A="$A -v /srv/x${i}:/y"`);
      const text = [...lines, ...Array.from({ length: 50 }, (_, i) => `docker run $A img${i}`)].join('\n') + '\n';
      const n = analyze(text, { fileName: file }).findings.length;
      assert.ok(n > 50 && n <= 256, String(n));
    });
    it('one spec used by two commands is one finding', () => {
      const text = 'V="$PWD:/src"\ndocker run -v "$V" a\ndocker run -v "$V" b\n';
      assert.equal(analyze(text, { fileName: file }).findings.length, 1);
    });
    it('the ignore comment goes above the spec, and works there', () => {
      for (const text of ['VOL="$DIR:/data"\ndocker run -d \\\n  -v "$VOL" img\n', 'A=(\n  -v "$PWD:/w"\n)\ndocker run "${A[@]}" img\n']) {
        const [f] = analyze(text, { fileName: file }).findings;
        const ignored = applyEdits(text, f.fixes[f.fixes.length - 1].edits);
        assert.equal(ignored.split('\n').findIndex((l) => l.includes('ignore=missing-relabel')), text.split('\n').findIndex((l) => l.includes(':/')) );
        assert.deepEqual(analyze(ignored, { fileName: file }).findings, []);
      }
    });
    it('a docker --mount kept in a variable is reported without a rewrite', () => {
      const [f] = analyze('M="type=bind,src=/srv/a,dst=/w"\ndocker run --mount "$M" img\n', { fileName: file }).findings;
      assert.equal(f.ruleId, 'missing-relabel');
      assert.ok(!f.fixes.some((x) => !x.suppression));
    });
  });

  describe('volume names in variables and substitutions', () => {
    const named: string[] = [
      'docker run -v $(docker volume create):/d img',
      'docker run -v "$(docker volume ls -q | head -1)":/d img',
      'V=$(podman volume create)\npodman run -v "$V:/d" img',
      'vol=pgdata\ndocker run -v $vol:/d img',
      'vol=caddy-smoke-$id\ndocker run -v "$vol:/config" img',
      'docker run -v ${VOL:-pgdata}:/d img',
    ];
    for (const script of named) it(JSON.stringify(script), () => assert.deepEqual(binds(script + '\n'), []));
    const host: [string, string][] = [
      ['docker run -v "$dir:/d" img', '$dir'],
      ['docker run -v ${E:-}:/d img', '${E:-}'],
      ['if x; then v=/srv/x; else v=pgdata; fi\ndocker run -v "$v:/d" img', '$v'],
    ];
    for (const [script, source] of host) it(JSON.stringify(script), () => assert.deepEqual(binds(script + '\n'), [source]));
    it('/${PWD} (written for Git Bash) is the working directory', () => {
      const [mount] = parseFile('docker run -v /${PWD}:/w img\n', { fileName: file })!.runs[0].mounts;
      assert.equal(mount.source?.path, '.');
    });
  });

  it('CRLF and non-ASCII before the mount', () => {
    const text = '# é 🚀\r\ndocker run \\\r\n  -v ./données:/d img\r\n';
    const [f] = analyze(text, { fileName: file }).findings;
    assert.equal(slice(text, f.span), './données');
    assert.equal(applyEdits(text, f.fixes[0].edits), '# é 🚀\r\ndocker run \\\r\n  -v ./données:/d:Z img\r\n');
  });
});
