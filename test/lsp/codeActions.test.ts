import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { applyAction, codeActionsOf, fixture, range } from './support';

const fixAllKind = 'source.fixAll.selinuxMounts';

describe('lsp: code actions', () => {
  let client: LspClient;
  const { uri, text } = fixture('compose.yaml');
  let diagnostics: Diagnostic[];

  before(async () => {
    client = await LspClient.start();
    diagnostics = await client.open(uri, text);
  });
  after(() => client.kill());

  /** The quick fixes offered for the diagnostic on `line`, asked the way VS Code asks. */
  async function quickFixesOn(line: number, docUri = uri, diags = diagnostics): Promise<CodeAction[]> {
    const diagnostic = diags.find((d) => d.range.start.line === line);
    assert.ok(diagnostic, `a diagnostic on line ${line}`);
    return codeActionsOf(
      await client.codeActions(docUri, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }),
    );
  }

  it('lists the preferred fix first, the other relabel next and "ignore" last', async () => {
    const actions = await quickFixesOn(4);
    assert.ok(actions.length >= 3, actions.map((a) => a.title).join(', '));
    assert.equal(actions[0].isPreferred, true);
    assert.equal(actions.filter((a) => a.isPreferred).length, 1);
    assert.match(actions.at(-1)!.title, /^Ignore missing-relabel/);
    for (const action of actions) {
      assert.equal(action.kind, 'quickfix');
      assert.deepEqual(action.diagnostics, [diagnostics[0]]);
    }
    assert.deepEqual(
      actions.slice(0, 2).map((a) => applyAction(uri, text, a).split('\n')[4]),
      ['      - ./data:/data:Z', '      - ./data:/data:z'],
    );
  });

  it('applying the preferred fix and re-checking clears the diagnostic and changes nothing else', async () => {
    const [preferred] = await quickFixesOn(4);
    assert.deepEqual(preferred.edit?.changes?.[uri], [{ range: range(4, 20, 20), newText: ':Z' }]);
    const fixed = applyAction(uri, text, preferred);
    assert.equal(fixed, text.replace('./data:/data\n', './data:/data:Z\n'));
    const after = await client.change(uri, fixed);
    assert.deepEqual(after.map((d) => d.range.start.line), [5, 7, 9]);
    await client.change(uri, text);
  });

  it('an option list gets ",Z"', async () => {
    const [preferred] = await quickFixesOn(5);
    assert.equal(applyAction(uri, text, preferred).split('\n')[5], '      - ./conf:/etc/app:ro,Z');
  });

  it('"ignore" adds the suppression comment, and the diagnostic goes', async () => {
    const ignore = (await quickFixesOn(4)).at(-1)!;
    const ignored = applyAction(uri, text, ignore);
    assert.equal(ignored, text.replace('      - ./data', '      # selinux-mounts ignore=missing-relabel\n      - ./data'));
    // ./data moved to line 5 and is no longer reported; the others moved down one line.
    const after = await client.change(uri, ignored);
    assert.deepEqual(
      after.map((d) => [d.code, d.range.start.line]),
      [['missing-relabel', 6], ['system-path-mount', 8], ['missing-relabel', 10]],
    );
    await client.change(uri, text);
  });

  it('no relabel fix on a system path, only the other ways out', async () => {
    const actions = await quickFixesOn(7);
    for (const action of actions) {
      const line = applyAction(uri, text, action).split('\n').find((l) => l.includes('/var/run/docker.sock:'));
      assert.doesNotMatch(line ?? '', /:[zZ]$|,[zZ]$/, action.title);
    }
    assert.match(actions.at(-1)!.title, /^Ignore system-path-mount/);
  });

  it('a range without the client\'s diagnostics still finds the findings it touches', async () => {
    const actions = codeActionsOf(await client.codeActions(uri, range(4, 10, 10), { diagnostics: [] }));
    const quickFixes = actions.filter((a) => a.kind === 'quickfix');
    assert.equal(quickFixes[0].isPreferred, true);
    assert.deepEqual(quickFixes[0].diagnostics?.map((d) => [d.code, d.range]), [['missing-relabel', range(4, 8, 14)]]);
    assert.equal(actions.at(-1)!.kind, fixAllKind);
  });

  it('a line without findings gets no quick fix', async () => {
    assert.deepEqual(await client.codeActions(uri, range(2, 5, 5), { diagnostics: [], only: ['quickfix'] }), []);
  });

  it('honours context.only', async () => {
    const kinds = async (only: string[]): Promise<(string | undefined)[]> =>
      codeActionsOf(await client.codeActions(uri, range(4, 10, 10), { diagnostics: [], only })).map((a) => a.kind);
    assert.ok((await kinds(['quickfix'])).every((k) => k === 'quickfix'));
    assert.deepEqual(await kinds(['source']), [fixAllKind]);
    assert.deepEqual(await kinds(['source.fixAll']), [fixAllKind]);
    assert.deepEqual(await kinds([fixAllKind]), [fixAllKind]);
    assert.deepEqual(await kinds(['refactor']), []);
  });

  it('fix all applies every safe fix in one edit', async () => {
    const [fixAll] = codeActionsOf(await client.codeActions(uri, range(0, 0, 0), { diagnostics: [], only: ['source.fixAll'] }));
    assert.equal(fixAll.title, 'Fix all SELinux relabel problems');
    assert.equal(fixAll.kind, fixAllKind);
    const fixed = applyAction(uri, text, fixAll);
    const after = await client.change(uri, fixed);
    assert.deepEqual(after.map((d) => d.code), ['system-path-mount']);
    assert.match(fixed, /- \.\/data:\/data:Z\n/);
    assert.match(fixed, /- \.\/conf:\/etc\/app:ro,Z\n/);
    // Nothing is left for a second pass.
    assert.deepEqual(await client.codeActions(uri, range(0, 0, 0), { diagnostics: [], only: ['source.fixAll'] }), []);
    await client.change(uri, text);
  });

  it('prefers ":z" where two services mount the same host path', async () => {
    const shared = fixture('compose.shared.yaml');
    const diags = await client.open(shared.uri, shared.text);
    const [preferred] = await quickFixesOn(4, shared.uri, diags);
    assert.equal(applyAction(shared.uri, shared.text, preferred).split('\n')[4], '      - ./shared:/shared:z');
    await client.close(shared.uri);
  });
});
