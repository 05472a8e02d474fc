import assert from 'node:assert/strict';
import { parseFile, type ParsedFile } from '../../server/src/core';
import { flowDepthExceeds } from '../../server/src/core/parsers/yaml';

const parse = (text: string): ParsedFile => {
  const file = parseFile(text, { fileName: 'compose.yaml' });
  assert.ok(file);
  return file;
};
const slice = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);

describe('compose parser', () => {
  describe('short syntax', () => {
    const cases: [volume: string, kind: string, source: string | undefined, target: string, options: string[]][] = [
      ['./a:/b', 'host', './a', '/b', []],
      ['./a:/b:ro,Z', 'host', './a', '/b', ['ro', 'Z']],
      ['/abs/path:/b:rw,rshared,nocopy', 'host', '/abs/path', '/b', ['rw', 'rshared', 'nocopy']],
      ['~/x:/b:U,O', 'host', '~/x', '/b', ['U', 'O']],
      ['data:/b:z', 'named', 'data', '/b', ['z']],
      ['/anon', 'anonymous', undefined, '/anon', []],
      ['C:\\Users\\me:/b:ro', 'host', 'C:\\Users\\me', '/b', ['ro']],
      ['\\\\server\\share:/b', 'host', '\\\\server\\share', '/b', []],
      ['${A:-./x:y}:/b:Z', 'host', '${A:-./x:y}', '/b', ['Z']],
      ['${A:-${B:-/srv}}/d:/b', 'host', '${A:-${B:-/srv}}/d', '/b', []],
      ['${NAME}:/b', 'host', '${NAME}', '/b', []],
      ['$PWD/x:/b', 'host', '$PWD/x', '/b', []],
    ];
    for (const [volume, kind, source, target, options] of cases) {
      it(volume, () => {
        const text = `services:\n  s:\n    image: x\n    volumes:\n      - '${volume}'\n`;
        const [mount] = parse(text).runs[0].mounts;
        assert.equal(mount.kind, kind);
        assert.equal(mount.source && slice(text, mount.source.span), source);
        assert.equal(mount.target && slice(text, mount.target.span), target);
        assert.deepEqual(mount.options.map((o) => slice(text, o.span)), options);
        assert.deepEqual(mount.options.map((o) => o.word), options);
      });
    }

    it('resolves variables as far as the file tells', () => {
      const text = 'services:\n  s:\n    image: x\n    volumes: ["${D:-./d}:/a", "${HOME}/x:/b", "${PWD}:/c", "${X:?set X}/y:/d", "$$x:/e"]\n';
      const paths = parse(text).runs[0].mounts.map((m) => [m.source?.path, m.source?.dynamic]);
      assert.deepEqual(paths, [['./d', false], ['~/x', false], ['.', false], ['${X}/y', true], ['$x', false]]);
    });

    it('keeps the whole scalar as the range when escapes break the 1:1 mapping', () => {
      const text = 'services:\n  s:\n    image: x\n    volumes: ["./a\\tb:/c"]\n';
      const [mount] = parse(text).runs[0].mounts;
      assert.equal(slice(text, mount.source!.span), '"./a\\tb:/c"');
      assert.equal(mount.edits.add('Z'), undefined);
    });
  });

  describe('long syntax', () => {
    it('type: bind with read_only and bind.selinux', () => {
      const text = 'services:\n  s:\n    image: x\n    volumes:\n      - type: bind\n        source: "./a b"\n        target: /b\n        read_only: true\n        bind:\n          selinux: Z\n';
      const [mount] = parse(text).runs[0].mounts;
      assert.equal(mount.syntax, 'long');
      assert.equal(mount.kind, 'host');
      assert.equal(slice(text, mount.source!.span), './a b');
      assert.equal(mount.readOnly, true);
      assert.deepEqual(mount.relabels.map((r) => [r.word, slice(text, r.span)]), [['Z', 'Z']]);
    });

    it('type: volume, tmpfs, npipe', () => {
      const text = 'services:\n  s:\n    image: x\n    volumes:\n      - type: volume\n        source: data\n        target: /d\n      - type: tmpfs\n        target: /t\n      - type: volume\n        target: /anon\n';
      assert.deepEqual(parse(text).runs[0].mounts.map((m) => m.kind), ['named', 'anonymous']);
    });
  });

  describe('services', () => {
    it('labeling: privileged, label=disable, label:disable, pid/ipc host, label=level', () => {
      const text = [
        'services:',
        '  a: { image: x, privileged: true }',
        '  b: { image: x, security_opt: [label=disable] }',
        '  c: { image: x, security_opt: ["label:disable"] }',
        '  d: { image: x, pid: host }',
        '  e: { image: x, ipc: host, security_opt: ["label=level:s0:c1,c2"] }',
        '  f: { image: x, security_opt: [no-new-privileges:true] }',
        '',
      ].join('\n');
      const runs = parse(text).runs;
      assert.deepEqual(runs.map((r) => [r.name, r.labeling.disabled, r.labeling.reason ?? null, r.labeling.level ?? null]), [
        ['a', true, 'privileged: true', null],
        ['b', true, 'label=disable', null],
        ['c', true, 'label:disable', null],
        ['d', true, 'pid: host', null],
        ['e', false, null, 's0:c1,c2'],
        ['f', false, null, null],
      ]);
      assert.equal(slice(text, runs[1].labelOptions[0].span), 'label=disable');
    });

    it('merge keys, anchors, extends and !reset', () => {
      const text = [
        'x-common: &common',
        '  image: x',
        '  volumes:',
        '    - ./common:/c',
        'services:',
        '  a:',
        '    <<: *common',
        '  b:',
        '    extends: a',
        '    volumes: [./own:/o]',
        '  c:',
        '    extends: { service: a }',
        '    volumes: !reset []',
        '  d:',
        '    extends: { service: a, file: other.yaml }',
        '',
      ].join('\n');
      const runs = parse(text).runs;
      assert.deepEqual(runs.map((r) => [r.name, r.mounts.map((m) => m.source?.text)]), [
        ['a', ['./common']],
        ['b', ['./own', './common']],
        ['c', ['./common']],
        ['d', []],
      ]);
    });

    it('labeling is inherited through extends', () => {
      const text = 'services:\n  base: { image: x, privileged: true }\n  app: { extends: base, volumes: [./d:/d] }\n  own: { extends: base, privileged: false }\n';
      assert.deepEqual(parse(text).runs.map((r) => [r.name, r.labeling.disabled]), [['base', true], ['app', true], ['own', false]]);
    });

    it('driver_opts bind volumes are binds of their device', () => {
      const text = 'services:\n  s:\n    image: x\n    volumes: [bound:/b, plain:/p, ext:/e]\nvolumes:\n  bound:\n    driver_opts: { type: none, o: bind, device: "${DIR:-./here}" }\n  plain: {}\n  ext:\n    driver: other\n    driver_opts: { o: bind, device: /x }\n';
      const mounts = parse(text).runs[0].mounts;
      assert.deepEqual(mounts.map((m) => [m.kind, m.syntax, m.source?.path, slice(text, m.source!.span)]), [
        ['host', 'driver-opts', './here', 'bound'],
        ['named', 'short', 'plain', 'plain'],
        ['named', 'short', 'ext', 'ext'],
      ]);
    });

    it('unclosed or deeply nested flow collections are not parsed (the yaml parser slows down on them)', () => {
      assert.equal(flowDepthExceeds('services: [ {{ : \n'.repeat(30), 64), true);
      assert.equal(flowDepthExceeds('['.repeat(65) + ']'.repeat(65), 64), true);
      assert.equal(flowDepthExceeds('a: ["[[[[", \'{{{{\', "\\"["]\nb: x # [[[[[[\n'.repeat(100), 3), false);
      assert.deepEqual(parse('services: [ {{ : \n'.repeat(5000)).runs, []);
    });

    it('a file with no services map yields no runs', () => {
      for (const text of ['', 'services:', 'services: 3', 'services: [a, b]', 'version: "3"\n', '- a\n- b\n']) {
        assert.deepEqual(parse(text).runs, [], text);
      }
    });
  });
});
