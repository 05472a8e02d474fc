// GitHub Actions job and service containers (reference §5d) and the runner a job names. The
// snippets are cut from real workflows (test/corpus/manifests/devcontainer-ci.json names them);
// whole real files are checked at the end.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, fixAll, type Finding } from '../../server/src/core';

const file = '.github/workflows/ci.yml';
const findings = (text: string): Finding[] => analyze(text, { fileName: file, byContent: true }).findings;
const found = (text: string): [string, string, string][] => findings(text).map((f) => [f.ruleId, text.slice(f.span.start, f.span.end), f.severity]);
const preferred = (text: string, f: Finding): string => applyEdits(text, f.fixes[0].edits);
const corpus = (name: string): string => fs.readFileSync(path.join(__dirname, '..', 'corpus', 'files', name), 'utf8');

const job = (body: string[], runsOn = '[self-hosted, linux]'): string => ['on: push', 'jobs:', '  build:', `    runs-on: ${runsOn}`, ...body, '    steps:', '      - run: make', ''].join('\n');

describe('GitHub Actions job and service containers', () => {
  describe('volumes: (the runner keeps only ro)', () => {
    it('a bind in the job container, the only entry: the move removes volumes: and creates options:', () => {
      const text = job(['    container:', '      image: fedora:40', '      volumes:', '        - /srv/cache:/cache']);
      assert.deepEqual(found(text), [['missing-relabel', '/srv/cache', 'warning']]);
      const [f] = findings(text);
      assert.equal(f.fixes[0].title, 'Move to options: as -v …:Z (the runner drops relabels in volumes:)');
      const out = preferred(text, f);
      assert.equal(out, text.replace('      volumes:\n        - /srv/cache:/cache\n', '      options: -v /srv/cache:/cache:Z\n'));
      assert.deepEqual(findings(out), []);
    });

    it('one of several entries leaves; the others and their comments stay; ro is carried', () => {
      const text = job([
        '    container:',
        '      image: fedora:40',
        '      volumes:',
        '        - named:/named',
        '        - ./out:/out:ro # build output',
        '        - /mount:/mount',
        '      options: --cpus 2',
      ]);
      assert.deepEqual(found(text), [
        ['missing-relabel', './out', 'warning'],
        ['missing-relabel', '/mount', 'warning'],
      ]);
      const out = preferred(text, findings(text)[0]);
      assert.equal(out, text.replace('        - ./out:/out:ro # build output\n', '').replace('--cpus 2', '--cpus 2 -v ./out:/out:ro,Z'));
      assert.equal(
        fixAll(text, { fileName: file }).text,
        text.replace('        - ./out:/out:ro # build output\n        - /mount:/mount\n', '').replace('--cpus 2', '--cpus 2 -v ./out:/out:ro,Z -v /mount:/mount:Z'),
      );
    });

    it('a flow sequence in a service container, and a folded options: string', () => {
      const text = job([
        '    services:',
        '      redis:',
        '        image: redis',
        '        volumes: [ /srv/redis:/data, ./x:/x ]',
        '        options: >-',
        '          --health-cmd "redis-cli ping"',
        '          --health-interval 10s',
      ]);
      const [first, last] = findings(text);
      assert.equal(
        preferred(text, first),
        text.replace('[ /srv/redis:/data, ./x:/x ]', '[ ./x:/x ]').replace('--health-interval 10s', '--health-interval 10s -v /srv/redis:/data:Z'),
      );
      assert.equal(preferred(text, last), text.replace('[ /srv/redis:/data, ./x:/x ]', '[ /srv/redis:/data ]').replace('--health-interval 10s', '--health-interval 10s -v ./x:/x:Z'));
    });

    it('a quoted options: string gets the mount before its closing quote', () => {
      const text = job(['    container:', '      image: x', '      volumes:', '        - /a:/a', '        - /b:/b', '      options: "--user root"']);
      assert.equal(preferred(text, findings(text)[1]), text.replace('        - /b:/b\n', '').replace('"--user root"', '"--user root -v /b:/b:Z"'));
    });

    it('${{ github.workspace }} is a host path known at run time; the message shows it as written', () => {
      const text = job(['    container:', '      image: x', '      volumes:', '        - ${{ github.workspace }}/data:/data']);
      const [f] = findings(text);
      assert.equal(f.messageId, 'missingDynamic');
      assert.match(f.message, /^Bind mount of \$\{\{ github\.workspace \}\}\/data into \/data/);
      assert.equal(preferred(text, f), text.replace('      volumes:\n        - ${{ github.workspace }}/data:/data\n', '      options: -v ${{ github.workspace }}/data:/data:Z\n'));
    });

    it(':Z in volumes: is relabel-ignored, and the fix moves it into options:', () => {
      const text = job(['    services:', '      db:', '        image: postgres', '        volumes:', '          - /srv/pg:/var/lib/postgresql/data:Z']);
      const [f] = findings(text);
      assert.deepEqual([f.ruleId, f.messageId, text.slice(f.span.start, f.span.end)], ['relabel-ignored', 'runner-drops', '/srv/pg']);
      assert.equal(f.fixes[0].title, 'Move to options: as -v …:Z');
      const out = preferred(text, f);
      assert.equal(out, text.replace('        volumes:\n          - /srv/pg:/var/lib/postgresql/data:Z\n', '        options: -v /srv/pg:/var/lib/postgresql/data:Z\n'));
      assert.deepEqual(findings(out), []);
    });

    it('a half-typed entry (an unclosed quote) and entries that are not strings are skipped, not misread', () => {
      const text = ['on: push', 'jobs:', '  a:', '    runs-on: x', '    container:', '      volumes:', '        - {x: 1}', '        - 12', '        - "/a:/a'].join('\n');
      assert.deepEqual(found(text), []);
    });

    it('named and anonymous volumes are not binds; the docker socket gets no relabel fix', () => {
      const text = job(['    container:', '      image: x', '      volumes:', '        - my_docker_volume:/v', '        - /anonymous', '        - /var/run/docker.sock:/var/run/docker.sock']);
      const [f] = findings(text);
      assert.deepEqual(found(text), [['system-path-mount', '/var/run/docker.sock', 'info']]);
      assert.equal(f.fixes[0].title, 'Run the build job container with options: --security-opt label=disable (no relabel, no confinement)');
      assert.equal(preferred(text, f), text.replace('/var/run/docker.sock\n', '/var/run/docker.sock\n      options: --security-opt label=disable\n'));
    });
  });

  describe('options: (the docker command line)', () => {
    it('-v in options: takes :Z in place; --privileged and --ipc host turn labeling off', () => {
      const text = job(['    container:', '      image: x', '      options: --shm-size "16gb" -v /mnt/hf_cache:/mnt/cache/']);
      const [f] = findings(text);
      assert.equal(preferred(text, f), text.replace('/mnt/cache/', '/mnt/cache/:Z'));
      for (const off of ['--privileged', '--ipc host', '--security-opt label=disable']) {
        assert.deepEqual(found(text.replace('--shm-size "16gb"', off)), [], off);
      }
      // --privileged makes an existing relabel pointless, yet it still rewrites the host labels.
      assert.deepEqual(found(text.replace('/mnt/cache/', '/mnt/cache/:z').replace('--shm-size "16gb"', '--privileged')), [['relabel-label-disabled', '/mnt/hf_cache', 'info']]);
    });

    it('--privileged in options: covers the volumes: entries too', () => {
      const text = job(['    container:', '      image: x', '      options: "--user root --privileged"', '      volumes:', '        - /srv/a:/a']);
      assert.deepEqual(found(text), []);
    });

    it('options: under a step\'s with: is an action input, not a container', () => {
      const text = ['on: push', 'jobs:', '  t:', '    runs-on: [self-hosted]', '    steps:', '      - uses: addnab/docker-run-action@v3', '        with:', '          options: -v /srv/a:/a', ''].join('\n');
      assert.deepEqual(found(text), []);
    });
  });

  describe('runs-on: GitHub-hosted runners have no SELinux', () => {
    const body = ['    container:', '      image: x', '      volumes:', '        - /srv/a:/a'];
    const severities = (runsOn: string, extra: string[] = []): string[] => findings(job([...extra, ...body], runsOn)).map((f) => f.severity);

    it('ubuntu-*, windows-*, macos-*, alone or in a list: info, and the message says why', () => {
      for (const runsOn of ['ubuntu-latest', 'ubuntu-24.04', 'windows-2022', 'macos-14', '[ubuntu-24.04-arm]']) assert.deepEqual(severities(runsOn), ['info'], runsOn);
      const [f] = findings(job(body, 'ubuntu-latest'));
      assert.match(f.message, /The job runs on ubuntu-latest: GitHub-hosted, without SELinux, so this matters only where the workflow runs on a self-hosted SELinux runner\.$/);
    });

    it('a matrix the job resolves: info only when every value is GitHub-hosted', () => {
      const matrix = (values: string): string[] => ['    strategy:', '      matrix:', `        os: ${values}`];
      assert.deepEqual(severities('${{ matrix.os }}', matrix('[ubuntu-latest, macos-14]')), ['info']);
      assert.deepEqual(severities('${{ matrix.os }}', matrix('[ubuntu-latest, self-hosted]')), ['warning']);
      const include = ['    strategy:', '      matrix:', '        include:', '          - os: ubuntu-22.04', '          - os: windows-latest'];
      assert.deepEqual(severities('${{ matrix.os }}', include), ['info']);
    });

    it('self-hosted labels, runner groups and expressions it cannot resolve keep the warning', () => {
      for (const runsOn of ['[self-hosted, linux]', 'aks-linux-4-cores', '[self-hosted, ubuntu-latest]', '${{ inputs.runner }}', '${{ matrix.arch.runner }}']) {
        assert.deepEqual(severities(runsOn), ['warning'], runsOn);
      }
      assert.deepEqual(findings(job(body, '\n      group: aws-g4dn-2xlarge')).map((f) => f.severity), ['warning']);
    });

    it('run: steps of a hosted job are information too; a rule about the command line is not', () => {
      const text = ['on: push', 'jobs:', '  t:', '    runs-on: ubuntu-latest', '    steps:', '      - run: docker run -v ./a:/a:z,Z img', ''].join('\n');
      assert.deepEqual(found(text), [['conflicting-relabel', './a', 'error']]);
      assert.deepEqual(found(text.replace(':z,Z', '')), [['missing-relabel', './a', 'info']]);
    });
  });

  describe('real workflows', () => {
    it('openvino fedora_29.yml: a self-hosted job container with volumes: and no options:', () => {
      const text = corpus('openvinotoolkit__openvino/.github/workflows/fedora_29.yml');
      assert.deepEqual(found(text), [['missing-relabel', '/mount', 'warning']]);
      const fixed = fixAll(text, { fileName: file });
      assert.equal(fixed.text, text.replace('      volumes:\n        - /mount:/mount\n', '      options: -v /mount:/mount:Z\n'));
    });

    it('diffusers pr_tests.yml: --ipc host in options: turns labeling off for its -v', () => {
      assert.deepEqual(found(corpus('huggingface__diffusers/.github/workflows/pr_tests.yml')), []);
    });

    it('act container-volumes: a named volume, an anonymous one, and a /proc file on ubuntu-latest', () => {
      const text = corpus('nektos__act/pkg/model/testdata/container-volumes/push.yml');
      assert.deepEqual(found(text), [['system-path-mount', '/proc/sys/kernel/random/boot_id', 'info']]);
    });
  });

  describe('GitLab CI: variables: seen by script:', () => {
    const gitlab = (text: string): [string, string, string | undefined, string[]][] =>
      analyze(text, { fileName: '.gitlab-ci.yml' }).findings.map((f) => [f.ruleId, text.slice(f.span.start, f.span.end), f.mount?.source?.path, f.fixes.map((x) => x.title)]);

    it('global and job variables are put into the paths: a socket kept in a variable gets no relabel fix', () => {
      const text = [
        'variables:',
        '  DATA: /srv/data',
        '  SOCK: "/var/run/docker.sock"',
        'test:',
        '  image: docker:27',
        '  services:',
        '    - docker:27-dind',
        '  variables:',
        '    OUT: ./out',
        '  script:',
        '    - docker run -v $DATA:/data -v "$SOCK":/s -v $OUT:/o img',
        '',
      ].join('\n');
      assert.deepEqual(gitlab(text), [
        ['missing-relabel', '$DATA', '/srv/data', ['Add :Z (private label, this container only)', 'Add :z (shared label, every container)', 'Ignore missing-relabel on this line']],
        ['system-path-mount', '$SOCK', '/var/run/docker.sock', ['Run docker run with --security-opt label=disable (no relabel, no confinement)', 'Ignore system-path-mount on this line']],
        ['missing-relabel', '$OUT', './out', ['Add :Z (private label, this container only)', 'Add :z (shared label, every container)', 'Ignore missing-relabel on this line']],
      ]);
    });

    it('an engine kept in a variable; a job variable is not seen by another job; values with blanks are not guessed', () => {
      const text = [
        'variables:',
        '  ENGINE: podman',
        'a:',
        '  variables:',
        '    SRC: /srv/a',
        '    OPTS: --privileged -v /x:/x',
        '  script: $ENGINE run --mount type=bind,src=$SRC,dst=/a img',
        'b:',
        '  script:',
        '    - docker run -v $SRC:/b img',
        '',
      ].join('\n');
      const found = gitlab(text);
      assert.deepEqual(found.map(([rule, at, p, fixes]) => [rule, at, p, fixes[0]]), [
        ['missing-relabel', '$SRC', '/srv/a', 'Add relabel=private (private label, this container only)'],
        ['missing-relabel', '$SRC', '$SRC', 'Add :Z (private label, this container only)'],
      ]);
    });
  });
});
