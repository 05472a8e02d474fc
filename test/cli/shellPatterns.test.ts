import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusFiles, readPattern, shellPatterns } from '../helpers/shellPatterns';
import { runCli, useScratch } from './cli';

describe('cli: engines and mount specs where scripts keep them (real files)', () => {
  const scratch = useScratch();

  for (const p of shellPatterns) {
    it(`${p.pattern} (${p.file})`, () => {
      const { text, fixed } = readPattern(p);
      const dir = scratch('script');
      const file = path.join(dir, path.basename(p.file));
      fs.copyFileSync(path.join(corpusFiles, p.file), file);

      const check = runCli(['--format', 'json', path.basename(file)], { cwd: dir });
      const findings = (JSON.parse(check.stdout) as { ruleId: string }[]).filter((f) => f.ruleId === 'missing-relabel');
      assert.equal(findings.length, p.fixes.length, check.stdout);

      const r = runCli(['--fix', path.basename(file)], { cwd: dir });
      assert.equal(fs.readFileSync(file, 'utf8'), fixed);
      assert.deepEqual([r.code, r.stdout], [0, '']);
      if (p.fixes.length === 0) assert.equal(fixed, text);
    });
  }
});
