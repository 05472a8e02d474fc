import assert from 'node:assert/strict';
import { LspClient, fullCapabilities } from '../helpers/lspClient';
import { fixture } from './support';

describe('lsp: lifecycle', () => {
  const clients: LspClient[] = [];
  const start = async (...args: Parameters<typeof LspClient.start>): Promise<LspClient> => {
    const client = await LspClient.start(...args);
    clients.push(client);
    return client;
  };
  after(() => clients.forEach((c) => c.kill()));

  it('initialize declares incremental sync, hover and the code action kinds', async () => {
    const { capabilities } = (await start()).initializeResult;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.selinuxMounts'] });
  });

  it('a client without code action literals is offered no code actions', async () => {
    const client = await start({ ...fullCapabilities, textDocument: { ...fullCapabilities.textDocument, codeAction: {} } });
    assert.equal(client.initializeResult.capabilities.codeActionProvider, undefined);
  });

  it('a client without workspace/configuration takes its settings from didChangeConfiguration', async () => {
    const client = await start({ textDocument: fullCapabilities.textDocument });
    const { uri, text } = fixture('compose.yaml');
    // Without settings the default debounce (200 ms) applies.
    assert.equal((await client.open(uri, text)).length, 4);
    assert.deepEqual(client.configurationRequests, []);
    assert.deepEqual(client.registrations, []);
    const next = client.nextDiagnostics(uri);
    await client.sendConfiguration({ selinuxMounts: { rules: { 'missing-relabel': 'off' }, debounceMs: 0 } });
    assert.deepEqual((await next).diagnostics.map((d) => d.code), ['system-path-mount']);
  });

  it('speaks over node IPC too, as the VS Code client starts it', async () => {
    const client = await start(fullCapabilities, 'ipc');
    const { uri, text } = fixture('compose.yaml');
    assert.equal((await client.open(uri, text)).length, 4);
    assert.equal(await client.stop(), 0);
  });

  it('shutdown then exit ends the process with code 0', async () => {
    const client = await start();
    const { uri, text } = fixture('compose.yaml');
    await client.open(uri, text);
    assert.equal(await client.stop(), 0);
    assert.equal(client.stderr, '');
  });
});
