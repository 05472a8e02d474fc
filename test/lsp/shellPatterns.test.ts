import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lspClient';
import { corpusFiles, readPattern, shellPatterns } from '../helpers/shellPatterns';
import { applyAction, codeActionsOf, range } from './support';

describe('lsp: engines and mount specs where scripts keep them (real files)', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.kill());

  for (const p of shellPatterns) {
    it(`${p.pattern} (${p.file})`, async () => {
      const { text, fixed } = readPattern(p);
      const uri = pathToFileURL(path.join(corpusFiles, p.file)).href;
      const diagnostics = (await client.open(uri, text, 'shellscript')).filter((d) => d.code === 'missing-relabel');
      assert.equal(diagnostics.length, p.fixes.length);
      // Each diagnostic's preferred quick fix, as VS Code asks for it, lands where the spec is written.
      for (const [i, d] of diagnostics.entries()) {
        const actions = codeActionsOf(await client.codeActions(uri, d.range, { diagnostics: [d], only: ['quickfix'] }));
        const preferred = actions.find((a) => a.isPreferred);
        assert.ok(preferred, `a preferred fix for ${JSON.stringify(d.range)}`);
        const [from, to] = p.fixes[i];
        assert.equal(applyAction(uri, text, preferred), text.replace(from, () => to));
      }
      const fixAll = codeActionsOf(await client.codeActions(uri, range(0, 0, 0), { diagnostics: [], only: ['source.fixAll'] }));
      if (p.fixes.length === 0) assert.deepEqual(fixAll, []);
      else {
        const result = applyAction(uri, text, fixAll[0]);
        assert.equal(result, fixed);
        assert.deepEqual((await client.change(uri, result)).filter((d) => d.code === 'missing-relabel'), []);
      }
      await client.close(uri);
    });
  }
});
