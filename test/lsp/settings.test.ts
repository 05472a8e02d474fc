import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { applyAction, codeActionsOf, fixture } from './support';

describe('lsp: settings', () => {
  let client: LspClient;
  const { uri, text } = fixture('compose.yaml');
  before(async () => {
    client = await LspClient.start();
    await client.open(uri, text);
  });
  afterEach(async () => void (await client.configure({}, uri)));
  after(() => client.kill());

  it('pulls the selinuxMounts section for the document and registers for changes', () => {
    assert.deepEqual(client.configurationRequests[0], { scopeUri: uri, section: 'selinuxMounts' });
    assert.deepEqual(
      client.registrations.map((r) => r.method),
      ['workspace/didChangeConfiguration'],
    );
  });

  it('a rule turned off loses its diagnostics, the others stay', async () => {
    const diagnostics = await client.configure({ rules: { 'missing-relabel': 'off' } }, uri);
    assert.deepEqual(diagnostics.map((d) => d.code), ['system-path-mount']);
  });

  it('a severity override changes the diagnostic severity', async () => {
    const diagnostics = await client.configure({ rules: { 'missing-relabel': 'error' } }, uri);
    assert.deepEqual(
      diagnostics.map((d) => d.severity),
      [DiagnosticSeverity.Error, DiagnosticSeverity.Error, DiagnosticSeverity.Information, DiagnosticSeverity.Error],
    );
  });

  it('preferredRelabel "z" makes ":z" the preferred fix', async () => {
    const diagnostics = await client.configure({ preferredRelabel: 'z' }, uri);
    const actions = codeActionsOf(
      await client.codeActions(uri, diagnostics[0].range, { diagnostics: [diagnostics[0]], only: ['quickfix'] }),
    );
    assert.equal(actions[0].isPreferred, true);
    assert.equal(applyAction(uri, text, actions[0]).split('\n')[4], '      - ./data:/data:z');
  });

  it('enable: false clears everything and offers nothing', async () => {
    assert.deepEqual(await client.configure({ enable: false }, uri), []);
    assert.deepEqual(await client.codeActions(uri, { start: { line: 4, character: 8 }, end: { line: 4, character: 8 } }, { diagnostics: [] }), []);
    assert.equal(await client.hover(uri, { line: 4, character: 10 }), null);
  });

  it('invalid values fall back to the defaults', async () => {
    const diagnostics = await client.configure({ rules: { 'missing-relabel': 'loud' }, preferredRelabel: 'q', enable: 'no', debounceMs: -1 }, uri);
    assert.equal(diagnostics.length, 4);
  });
});
