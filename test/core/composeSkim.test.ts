// Skimming (blanking the service entries the compose reader never reads before parsing) must not
// change the model: every real compose file the project keeps, random edits of them, and generated
// files are read both ways and compared, fixes and edits included.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { readCompose } from '../../server/src/core/parsers/compose';
import { skimCompose } from '../../server/src/core/parsers/composeSkim';
import { composeFile } from '../property/generators';
import { runParameters } from '../property/properties';
import { realFiles } from '../helpers/realFiles';

/** Real compose files: the examples and fixtures, the project's corpus, and ../shared's when it is there. */
const composeFiles = () => realFiles((name, text) => /\.ya?ml$/i.test(name) && /^services[ \t]*:/m.test(text), 200_000);

/**
 * The model as data: every function in it (fix, relabel editors, disableLabeling) replaced by what it
 * returns for `z` and `Z`, so the edits that fixes would make are compared too.
 */
function shown(value: unknown, seen = new Set<object>()): unknown {
  if (typeof value === 'function') return [value('z'), value('Z')];
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '<seen>';
  seen.add(value);
  const out = Array.isArray(value) ? value.map((v) => shown(v, seen)) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shown(v, seen)]));
  seen.delete(value);
  return out;
}

function assertSame(text: string, label: string): void {
  assert.deepEqual(shown(readCompose(text, true)), shown(readCompose(text, false)), `${label}: skimmed and whole reads differ:\n${text}`);
}

/** Pieces that change YAML structure, inserted at random places. */
const piece = fc.constantFrom(' ', '  ', '\n', '\n  ', '\n    ', '\n      ', ':', ': ', '- ', 'z', '&a', '*a', '<<: *a', '#', '"', "'", '[', ']', '{', '}', '|', '>', '\t', '\r', '\\', 'x', 'extends: ', 'volumes:', 'privileged: true', 'image: x', '\n    environment:\n      A: "1"', '\n  - ./d:/d', '---\n');
const edits = fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(piece, fc.nat(3))), { minLength: 1, maxLength: 4 });

function applyEdits(text: string, list: [number, string | number][]): string {
  for (const [where, what] of list) {
    const at = Math.floor(where * text.length);
    text = typeof what === 'string' ? text.slice(0, at) + what + text.slice(at) : text.slice(0, at) + text.slice(at + what + 1);
  }
  return text;
}

describe('compose skim', function () {
  this.timeout(120_000);
  const files = composeFiles();

  it('keeps every offset (only spaces replace text), and blanks entries in most real files', () => {
    let blanked = 0;
    for (const { name, text } of files) {
      const skimmed = skimCompose(text).text;
      assert.equal(skimmed.length, text.length, name);
      for (let i = 0; i < text.length; i++) assert.ok(skimmed[i] === text[i] || skimmed[i] === ' ', `${name}: offset ${i}`);
      if (skimmed !== text) blanked++;
    }
    assert.ok(files.length >= 20, `real compose files: ${files.length}`);
    assert.ok(blanked >= files.length / 2, `skimmed ${blanked} of ${files.length}`);
  });

  it('reads the same model from every real compose file', () => {
    for (const { name, text } of files) assertSame(text, name);
  });

  it('reads the same model after random edits of the real files', () => {
    const runs = Math.max(2, Math.ceil(600 / files.length));
    for (const { name, text } of files) {
      fc.assert(fc.property(edits, (list) => assertSame(applyEdits(text, list), name)), runParameters(runs));
    }
  });

  it('reads the same model from generated compose files', () => {
    fc.assert(fc.property(composeFile, (text) => assertSame(text, 'generated')), runParameters(400));
  });

  it('reads services of unread entries and a volumes list whole, keeping names yaml would not read as strings for yaml', () => {
    const whole = (text: string): string[] => skimCompose(text).services.map((s) => s.name);
    const cases: [string, string[]][] = [
      ['services:\n  a:\n    image: x\n    volumes:\n      - ./a:/a\n      - ./b:/b:Z # c\n\n  # between\n  b:\n    extends: a\n    volumes:\n      - ./c:/c\n', ['a']],
      ['services:\n  b:\n    extends: a\n    privileged: true\n    volumes:\n      - ./c:/c\n  a:\n    volumes:\n      - "./a:/a:ro"\n', ['a']],
      ['services:\r\n  a:   # first\r\n    volumes:   # v\r\n      - ./a:/a\r\n  b:\r\n    volumes:\r\n      - \'./b:/b\'', ['a', 'b']],
      ['services:\n  true:\n    volumes:\n      - ./a:/a\n  Null:\n    volumes:\n      - ./a:/a\n  "q":\n    volumes:\n      - ./a:/a\n  1:\n    volumes:\n      - ./a:/a\n  ok:\n    volumes:\n      - ./a:/a\nvolumes:\n  data: {}\n', ['ok']],
      ['services:\n  a:\n    volumes:\n      - ./a:/a\n    image: x   # last\n  b:\n    volumes:\n      - ./b:/b\n', ['a', 'b']],
      ['services:\n  a:\n    image: "x"\n  b:\n    volumes:\n      - ./b:/b\n    restart:\n  c:\n    volumes:\n      - ./c:/c\n    volumes:\n      - ./d:/d\n    image: y\n', ['a']],
      ['services:\n  a:\n    volumes:\n      - ./a:/a\n    environment:\n      A: "1"\n  b:\n    extends: a\n    image: x\n', []],
      // Broken after the services: yaml's recovery reads the text as written.
      [' x\nservices:\n  a:\n    volumes:\n      - ./a:/a\n', ['a']],
      ['services:\n  a:\n    volumes:\n      - ./a:/a\nvolumes: [\n', []],
    ];
    for (const [text, names] of cases) {
      assertSame(text, 'case');
      assert.deepEqual(whole(text), names, text);
    }
  });

  it('leaves what could change the parse: quotes open across lines, anchors, compact sequences, the last entry', () => {
    const cases = [
      'services:\n  a:\n    command: "sh -c \'x\n    restart: always\n    y\'"\n    volumes: [./a:/a]\n',
      'services:\n  a:\n    environment: &env\n      A: 1\n    volumes: [./a:/a]\n  b:\n    environment: *env\n    image: x\n',
      'services:\n  a:\n    ports:\n    - "80:80"\n    volumes: [./a:/a]\n',
      'services:\n  a:\n    volumes: [./a:/a]\n    image: x\n',
      'services:\n  a:\n    image: x\n      y: z\n    volumes: [./a:/a]\n',
      // Found by fuzzing: a flow map opened before `services:` runs over every line after it.
      '{# c\nservices:\n  a:\n    image: x\n    volumes: [./a:/a]\n',
      'services:\n  a:\n    command: "x\n  b:\n    image: y\n    volumes: [./b:/b]\n    "\n',
    ];
    for (const text of cases) assertSame(text, 'case');
    for (const open of [0, 5, 6]) assert.equal(skimCompose(cases[open]).text, cases[open]);
    assert.equal(skimCompose(cases[3]).text, cases[3]);
    assert.match(skimCompose(cases[1]).text, /^ {4}environment: &env\n {6}A: 1\n/m);
  });
  it('leaves a service whole when a line of its map is no entry (a half-typed `key:value`): blanking the rest would hide the error', () => {
    // netbox-community/netbox-docker (test/fixtures/compose-projects/README.md), a service being typed at the end of `services:`.
    const real = readFileSync(path.join(__dirname, '../fixtures/compose-projects/netbox-docker/docker-compose.yml'), 'utf8');
    const at = real.indexOf('\nvolumes:') + 1;
    const typed = real.slice(0, at) + '  tools:\n    image: docker.io/library/alpine\n    restart:always\n' + real.slice(at);
    assertSame(typed, 'netbox-docker with a half-typed service');
    assert.equal(readCompose(typed, true).recovered, true, 'the error is seen');
  });
});
