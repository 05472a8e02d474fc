// The language server's entry: `node dist/server.js --stdio` (or --node-ipc from the VS Code client;
// createConnection picks the transport from argv). The library ends the process on `exit`.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { loadShellGrammar } from '../host/shellGrammar';
import { clientFeatures } from './capabilities';
import { SelinuxMountsServer } from './server';

// How the server ends when its client goes away without `shutdown`/`exit` (vscode-languageserver
// 10.1.2, lib/node/main.js): over --stdio, the end or close of stdin exits the process (code 1);
// with `initialize`'s `processId` (or --clientProcessId), a timer checks every 3 s that the editor
// lives and exits when it does not. What it lacks: over --node-ipc its reader waits for a `close`
// event that `process` never emits, so a closed IPC channel went unnoticed and the server lived on
// as long as the editor process did (test/lsp/lifecycle.test.ts). Node emits `disconnect` then.
if (process.argv.includes('--node-ipc')) process.once('disconnect', () => process.exit(1));

const connection = createConnection(ProposedFeatures.all);
connection.onInitialize((params) => {
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return new SelinuxMountsServer(connection, clientFeatures(params.capabilities, params.initializationOptions), folders).initializeResult();
});
// The bash grammar loads first (tens of ms); the client's first messages wait in the stream meanwhile.
// The wasm files sit next to the bundle (scripts/build.mjs copies them).
void loadShellGrammar(__dirname, (message) => process.stderr.write(`${message}\n`)).then(() => connection.listen());
