// LineIndex finds a line's start by looking back from an offset until it has scanned the whole
// text once; both ways must agree, on every line break YAML and the shell know (LF, CRLF, lone CR).
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core';
import { random } from '../helpers/realFiles';

describe('LineIndex', () => {
  it('startOf agrees with the line starts, before and after they are found', () => {
    const next = random(20261203);
    const pieces = ['a', ' ', '\n', '\r\n', '\r', 'bc', '\t'];
    for (let t = 0; t < 200; t++) {
      let text = '';
      for (let i = Math.floor(next() * 40); i > 0; i--) text += pieces[Math.floor(next() * pieces.length)];
      const lazy = new LineIndex(text);
      const looked = Array.from({ length: text.length + 1 }, (_, offset) => lazy.startOf(offset));
      const whole = new LineIndex(text);
      const found = Array.from({ length: text.length + 1 }, (_, offset) => whole.lineStart(whole.position(offset).line));
      assert.deepEqual(looked, found, JSON.stringify(text));
      assert.deepEqual(Array.from({ length: text.length + 1 }, (_, offset) => whole.startOf(offset)), found);
    }
  });
});
