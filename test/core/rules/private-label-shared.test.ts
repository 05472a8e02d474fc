import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core';
import { ruleTester } from '../../helpers/ruleTester';

const two = (a: string, b: string, extra = ''): string =>
  `services:\n  a:\n    image: x\n${extra}    volumes:\n      - ${a}\n  b:\n    image: y\n${extra}    volumes:\n      - ${b}\n`;

ruleTester('private-label-shared', {
  valid: [
    two('./d:/d:z', './d:/d:z'),
    two('./d:/d:Z', './e:/e:Z'),
    two('./d:/d:Z', './d:/d:Z', '    security_opt: [label=level:s0:c100,c200]\n'),
    'services:\n  a:\n    image: x\n    volumes: [./d:/d:Z, ./d:/e:Z]\n',
  ],
  invalid: [
    {
      code: two('./d:/d:Z', './d/:/d:Z'), count: 2, messageId: 'shared', range: './d', output: two('./d:/d:z', './d/:/d:z'),
      fixes: ['Use :z (shared label) on every mount of ./d'],
    },
    { code: two('./d:/d:Z', './d:/d:ro'), messageId: 'shared', range: './d', output: two('./d:/d:z', './d:/d:ro') },
    {
      code: 'x-v: &v ./d:/d:Z\nservices:\n  a:\n    image: x\n    volumes: [*v]\n  b:\n    image: x\n    volumes: [*v]\n',
      messageId: 'shared', range: './d', output: 'x-v: &v ./d:/d:z\nservices:\n  a:\n    image: x\n    volumes: [*v]\n  b:\n    image: x\n    volumes: [*v]\n',
    },
  ],
});

describe('private-label-shared: the containers a message names', () => {
  const services = (n: number) => `services:\n${Array.from({ length: n }, (_, i) => `  s${i}:\n    image: x\n    volumes: [/srv/d:/d:Z]\n`).join('')}`;
  const message = (n: number) => analyze(services(n), { fileName: 'compose.yaml' }).findings.find((f) => f.ruleId === 'private-label-shared')!.message;

  it('names every container of twelve', () => {
    assert.match(message(12), /mounted by 12 containers \(s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11\)/);
  });

  it('names the first twelve of many and counts the rest', () => {
    assert.match(message(30), /mounted by 30 containers \(s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11 and 18 more\)/);
  });
});
