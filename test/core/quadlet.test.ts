import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, applyEdits, fileView, hoverAt, parseFile, quadletVolumesOf } from '../../server/src/core';
import { readVolumeUnit } from '../../server/src/core/parsers/quadletVolume';
import { at } from '../helpers/composeProjects';

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

  describe('relative sources: podman resolves them in its working directory, [Service] WorkingDirectory=', () => {
    // containers/podman test/e2e/quadlet/podmanargs.container (commit c6580b4a5219c9efb9ab79a540637d8a58b736f8),
    // its PodmanArgs= lines written as podman runs them; the scenario's -v and --mount added here.
    const podmanArgs = readFileSync(at('podman-quadlet-e2e', 'test/e2e/quadlet/podmanargs.container'), 'utf8');
    const withArgs = (service: string) =>
      `${podmanArgs.replace('PodmanArgs=--also', 'PodmanArgs=--also\nPodmanArgs=-v ./data:/d:Z --mount type=bind,src=../up,dst=/u,Z -v /abs:/a:z -v %h/h:/h:z')}\n[Service]\n${service}`;
    const pathsOf = (text: string) => parseFile(text, { fileName: 'podmanargs.container' })!.runs[0].mounts.map((m) => [m.source!.path, m.source!.valueFrom ?? null, !!m.source!.besideFile]);

    it('an absolute WorkingDirectory= (a leading - only makes a missing folder no error): relative sources join it, others stay', () => {
      assert.deepEqual(pathsOf(withArgs('WorkingDirectory=-/srv/app/\n')), [
        ['/srv/app/data', 'WorkingDirectory=-/srv/app/', false],
        ['/srv/up', 'WorkingDirectory=-/srv/app/', false],
        ['/abs', null, false],
        ['~/h', null, false],
      ]);
    });

    it('%h and ~ (the user\'s home when no User= names another; a path above it is no folder the file tells); the last WorkingDirectory= counts', () => {
      assert.deepEqual(pathsOf(withArgs('WorkingDirectory=/first\nWorkingDirectory=%h/app\n')).slice(0, 2).map(([p]) => p), ['~/app/data', '~/up']);
      assert.deepEqual(pathsOf(withArgs('WorkingDirectory=~\n')).slice(0, 2).map(([p]) => p), ['~/data', '../up']);
      assert.deepEqual(pathsOf(withArgs('User=web\nWorkingDirectory=~\n')).slice(0, 2).map(([p]) => p), ['./data', '../up']);
    });

    it('unset (systemd starts podman in / for a system unit, in the home folder for a user unit), or not a folder the file tells: left relative, never beside the unit', () => {
      for (const service of ['Restart=always\n', 'WorkingDirectory=%t/x\n', 'WorkingDirectory=${DIR}\n', 'WorkingDirectory=/srv\nWorkingDirectory=\n', 'RootDirectory=/srv/root\nWorkingDirectory=/app\n']) {
        assert.deepEqual(pathsOf(withArgs(service)).slice(0, 2), [['./data', null, false], ['../up', null, false]], service);
      }
    });

    it('a system folder reached from WorkingDirectory=/ is one', () => {
      const text = withArgs('WorkingDirectory=/\n').replace('-v ./data:/d:Z', '-v ./etc:/d:Z');
      const found = analyze(text, { fileName: 'podmanargs.container' }).findings.find((f) => slice(text, f.span) === './etc');
      assert.equal(found?.ruleId, 'relabel-system-path');
    });
  });
});

describe('quadlet .volume units', () => {
  // containers/podman test/e2e/quadlet (commit c6580b4a5219c9efb9ab79a540637d8a58b736f8): device-bind.volume
  // binds /var/lib/data (Type=bind), device.volume mounts a btrfs device, basic.volume is empty.
  const e2e = (name: string) => readFileSync(at('podman-quadlet-e2e', `test/e2e/quadlet/${name}`), 'utf8');
  // Roxabi/lyra deploy/quadlet/lyra-data.volume (commit a8231741e41ef2f73aa5b6dde93480e39e08e187): Type=none, Device=%h/.lyra, Options=bind.
  const lyraData = readFileSync(at('lyra-quadlet', 'deploy/quadlet/lyra-data.volume'), 'utf8');

  it('is its own kind, by name or (given a file) by its [Volume] section; it runs no container', () => {
    assert.equal(parseFile(lyraData, { fileName: 'lyra-data.volume' })?.kind, 'quadlet-volume');
    assert.equal(parseFile('[Volume]\nDevice=/x\n', { fileName: 'unit', byContent: true })?.kind, 'quadlet-volume');
    assert.deepEqual(analyze(lyraData, { fileName: 'lyra-data.volume' }).findings, []);
  });

  it('binds a host folder with Device= and Type=bind, or Options= holding bind (Type= none or unset)', () => {
    const folder = (text: string) => readVolumeUnit(text)?.source.path;
    assert.equal(folder(e2e('device-bind.volume')), '/var/lib/data');
    assert.equal(folder(lyraData), '~/.lyra');
    assert.equal(folder('[Volume]\nDevice=/srv/a\nOptions=rw,rbind\n'), '/srv/a');
    // A device mounted with its file system, a volume without Device=, another driver: no host folder.
    assert.equal(folder(e2e('device.volume')), undefined);
    assert.equal(folder(e2e('basic.volume')), undefined);
    assert.equal(folder('[Volume]\nDriver=nfs-plugin\nDevice=/srv/a\nOptions=bind\n'), undefined);
    // A relative Device= is passed on as written: it resolves where podman runs, which the unit does not tell.
    assert.equal(folder('[Volume]\nDevice=./data\nOptions=bind\n'), undefined);
    assert.equal(readVolumeUnit('[Volume]\nDevice=%t/x\nType=bind\n')?.source.dynamic, true);
  });

  it('a .container\'s Volume= and Mount= of a bind unit beside it are binds of its folder; other units stay volumes', () => {
    const files = new Map([['/q/data.volume', e2e('device-bind.volume')], ['/q/plain.volume', e2e('basic.volume')]]);
    const text = unit('Volume=data.volume:/d:Z\nMount=type=volume,source=data.volume,destination=/m,relabel=shared\nVolume=plain.volume:/p:Z\nVolume=gone.volume:/g\n');
    const volumes = quadletVolumesOf(text, '/q/app.container', (p) => files.get(p))!;
    assert.deepEqual(volumes.paths, ['/q/data.volume', '/q/plain.volume', '/q/gone.volume']);
    const view = fileView('/q/app.container', undefined, undefined, volumes);
    const { file } = analyze(text, { fileName: '/q/app.container', workspace: view });
    assert.deepEqual(file!.runs[0].mounts.map((m) => [m.kind, m.syntax, m.source?.text, m.source?.path, m.source?.valueFrom ?? null]), [
      ['host', 'driver-opts', 'data.volume', '/var/lib/data', 'Device=/var/lib/data in data.volume'],
      ['host', 'driver-opts', 'data.volume', '/var/lib/data', 'Device=/var/lib/data in data.volume'],
      ['named', 'short', 'plain.volume', 'plain.volume', null],
      ['named', 'short', 'gone.volume', 'gone.volume', null],
    ]);
    // The rules see the folder: a mount of it without a relabel is offered one on the container's own line.
    const bare = text.replace('data.volume:/d:Z', 'data.volume:/d');
    const missing = analyze(bare, { fileName: '/q/app.container', workspace: view }).findings.filter((f) => f.ruleId === 'missing-relabel');
    assert.deepEqual(missing.map((f) => slice(bare, f.span)), ['data.volume']);
    assert.equal(applyEdits(bare, missing[0].fixes[0].edits), text);
    // Hover names the folder's unit.
    assert.match(hoverAt(text, text.indexOf('data.volume') + 1, { fileName: '/q/app.container', workspace: view, markdown: true })!.contents, /^\*\*Host bind mount\*\* `data\.volume` \(Device=\/var\/lib\/data in data\.volume\) → `\/d`/);
    // Without the units (no view), the mounts are volumes as before.
    assert.deepEqual(analyze(bare, { fileName: '/q/app.container' }).findings.filter((f) => f.ruleId === 'missing-relabel'), []);
  });

  it('the view\'s key changes with the folder a unit binds, not with its other lines', () => {
    const text = unit('Volume=data.volume:/d:Z\n');
    const keyWith = (volume: string) => fileView('/q/a.container', undefined, undefined, quadletVolumesOf(text, '/q/a.container', () => volume)).key;
    assert.equal(keyWith('[Volume]\nDevice=/a\nType=bind\n'), keyWith('[Volume]\nLabel=x=y\nDevice=/a\nType=bind\n'));
    assert.notEqual(keyWith('[Volume]\nDevice=/a\nType=bind\n'), keyWith('[Volume]\nDevice=/b\nType=bind\n'));
    assert.equal(quadletVolumesOf(unit('Volume=./x.volume:/x\n# a .volume unit\n'), '/q/a.container', () => undefined), undefined);
  });
});
