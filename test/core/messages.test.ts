import assert from 'node:assert/strict';
import { fillMessage } from '../../server/src/core/rules/rule';

describe('message templates', () => {
  it('fill each name, spaces inside the braces allowed, the same template again', () => {
    for (let i = 0; i < 2; i++) assert.equal(fillMessage('{{a}} into {{ b }}: {{a}}', { a: './x', b: '$y' }), './x into $y: ./x');
  });
  it('leave a name without data as {{name}}, and a template without names as it is', () => {
    assert.equal(fillMessage('{{source}} and {{ missing }}', { source: 's' }), 's and {{missing}}');
    assert.equal(fillMessage('plain'), 'plain');
  });
});
