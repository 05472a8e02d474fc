import assert from 'node:assert/strict';
import { interpolate } from '../../../server/src/core/interpolation';
import { parseDotEnv } from '../../../server/src/core/project/dotenv';

const values = (text: string) => Object.fromEntries([...parseDotEnv(text)].map(([k, v]) => [k, v.value]));

describe('.env files (compose-go dotenv rules)', () => {
  it('reads KEY=VALUE, KEY: VALUE and export, skipping comments and blank lines', () => {
    assert.deepEqual(values('# c\n\nA=1\nexport B=two\nC: three\n  D = four  \n'), { A: '1', B: 'two', C: 'three', D: 'four' });
  });

  it('ends an unquoted value at #, keeps # inside quotes, and reads single quotes literally', () => {
    assert.deepEqual(values('A=./x # note\nB="./y # not a note"\nC=\'${A}/z\'\n'), { A: './x', B: './y # not a note', C: '${A}/z' });
  });

  it('expands variables set above in unquoted and double-quoted values', () => {
    assert.deepEqual(values('ROOT=/srv/app\nDATA=${ROOT}/data\nLOGS="$ROOT/logs"\n'), { ROOT: '/srv/app', DATA: '/srv/app/data', LOGS: '/srv/app/logs' });
  });

  it('lets a double-quoted value go on over lines, and keeps line numbers', () => {
    const env = parseDotEnv('A="one\ntwo"\nB=3\n');
    assert.equal(env.get('A')?.value, 'one\ntwo');
    assert.equal(env.get('B')?.line, 3);
  });

  it('skips what it cannot read (an unclosed quote, a bad key) and keeps the rest', () => {
    assert.deepEqual(values("A='open\nB C=1\nD=ok\n\0\0\n"), { D: 'ok' });
  });
});

describe('interpolation with .env values', () => {
  const env = new Map([['SET', './v'], ['EMPTY', '']]);
  const cases: [text: string, value: string, dynamic: boolean, used: string[] | undefined][] = [
    ['${SET}', './v', false, ['SET']],
    ['$SET/x', './v/x', false, ['SET']],
    ['${SET:-./d}', './v', false, ['SET']],
    ['${EMPTY:-./d}', './d', false, undefined],
    ['${EMPTY-./d}', '', false, ['EMPTY']],
    ['${UNSET:-./d}', './d', false, undefined],
    ['${UNSET}', '${UNSET}', true, undefined],
    ['${SET:+./alt}', './alt', false, ['SET']],
    ['${SET:?missing}', './v', false, ['SET']],
    ['$$SET', '$SET', false, undefined],
  ];
  for (const [text, value, dynamic, used] of cases) {
    it(text, () => assert.deepEqual(interpolate(text, env), used ? { value, dynamic, used } : { value, dynamic }));
  }

  it('without values, behaves as before', () => {
    assert.deepEqual(interpolate('${X:-./d}'), { value: './d', dynamic: false });
    assert.deepEqual(interpolate('${X:+a}'), { value: '${X}', dynamic: true });
  });
});
