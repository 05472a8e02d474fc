import assert from 'node:assert/strict';
import { interpolate } from '../../server/src/core/interpolation';

describe('interpolation', () => {
  const cases: [string, string, boolean][] = [
    ['./plain', './plain', false],
    ['${A:-./d}', './d', false],
    ['${A-/x}/y', '/x/y', false],
    ['${A:-${B:-~/n}}', '~/n', false],
    ['${A:?error text}', '${A}', true],
    ['${A?e}', '${A}', true],
    ['${A:+alt}', '${A}', true],
    ['$A/x', '$A/x', true],
    ['$$A', '$A', false],
    ['${HOME}/x', '~/x', false],
    ['$HOME', '~', false],
    ['${PWD}/src', './src', false],
    ['${unclosed', '${unclosed', true],
    ['a$', 'a$', false],
  ];
  for (const [input, value, dynamic] of cases) {
    it(input, () => assert.deepEqual(interpolate(input), { value, dynamic }));
  }
});
