import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { fullCapabilities, LspClient } from '../helpers/lspClient';
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

  it('a client that resolves actions gets fix-all beside the quick fixes without its edits, and the same edits on resolve', async () => {
    const resolving = await LspClient.start({
      ...fullCapabilities,
      textDocument: { ...fullCapabilities.textDocument, codeAction: { ...fullCapabilities.textDocument!.codeAction, resolveSupport: { properties: ['edit'] } } },
    });
    try {
      assert.deepEqual(resolving.initializeResult.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', fixAllKind], resolveProvider: true });
      await resolving.open(uri, text);
      const diagnostic = diagnostics.find((d) => d.range.start.line === 4)!;
      // As VS Code asks for its light bulb: no `only`, the diagnostics under the cursor.
      const offered = codeActionsOf(await resolving.codeActions(uri, diagnostic.range, { diagnostics: [diagnostic] }));
      const later = offered.find((a) => a.kind === fixAllKind)!;
      assert.equal(later.edit, undefined);
      // The quick fixes keep their edits.
      assert.ok(offered.filter((a) => a.kind === 'quickfix').every((a) => a.edit !== undefined));
      const [whole] = codeActionsOf(await client.codeActions(uri, range(0, 0, 0), { diagnostics: [], only: ['source.fixAll'] }));
      const resolved = await resolving.resolveCodeAction(later);
      assert.deepEqual(resolved.edit, whole.edit);
      assert.match(applyAction(uri, text, resolved), /- \.\/data:\/data:Z\n/);
      // Asked for by kind (fix on save, the fix-all command), it comes whole.
      const [byKind] = codeActionsOf(await resolving.codeActions(uri, range(0, 0, 0), { diagnostics: [], only: ['source.fixAll'] }));
      assert.deepEqual(byKind.edit, whole.edit);
      // Any other action comes back as it was sent.
      const quickFix = offered.find((a) => a.kind === 'quickfix')!;
      assert.deepEqual(await resolving.resolveCodeAction(quickFix), quickFix);
    } finally {
      resolving.kill();
    }
  });

  it('prefers ":z" where two services mount the same host path', async () => {
    const shared = fixture('compose.shared.yaml');
    const diags = await client.open(shared.uri, shared.text);
    const [preferred] = await quickFixesOn(4, shared.uri, diags);
    assert.equal(applyAction(shared.uri, shared.text, preferred).split('\n')[4], '      - ./shared:/shared:z');
    await client.close(shared.uri);
  });
});
