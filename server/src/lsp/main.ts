// The language server's entry on Node: `node dist/server.js --stdio` (or --node-ipc from the VS Code
// client; createConnection picks the transport from argv). The library ends the process on `exit`.
// The browser build's entry is browserMain.ts; both serve through serverHost.ts.
import { format } from 'node:util';
import { ProposedFeatures, StreamMessageWriter, createConnection, type Connection, type MessageReader } from 'vscode-languageserver/node';
import { diskWorkspace } from '../host/diskWorkspace';
import { DocumentConfigs } from '../host/projectConfig';
import { lowerHelperThreads } from '../host/helperThreads';
import { DiskProjectFiles } from '../host/projectFiles';
import { loadShellGrammar } from '../host/shellGrammar';
import { diagnosticsEncoder } from './diagnosticsEncoder';
import { HostLabels } from './hostLabels';
import { serve } from './serverHost';

// How the server ends when its client goes away without `shutdown`/`exit` (vscode-languageserver
// 10.1.2, lib/node/main.js): over --stdio, the end or close of stdin exits the process (code 1);
// with `initialize`'s `processId` (or --clientProcessId), a timer checks every 3 s that the editor
// lives and exits when it does not. What it lacks: over --node-ipc its reader waits for a `close`
// event that `process` never emits, so a closed IPC channel went unnoticed and the server lived on
// as long as the editor process did (test/lsp/lifecycle.test.ts). Node emits `disconnect` then.
if (process.argv.includes('--node-ipc')) process.once('disconnect', () => process.exit(1));

// Before the grammar's file reads start libuv's threads: only V8's and Node's own are lowered.
lowerHelperThreads();

// The bash grammar (tens of ms) loads while the client starts; the wasm files sit next to the bundle
// (scripts/build.mjs copies them).
const grammar = loadShellGrammar(__dirname, (message) => process.stderr.write(`${message}\n`));
const host = { configs: new DocumentConfigs(), projectDisk: new DiskProjectFiles(), hostLabels: () => new HostLabels(), workspaceSource: () => diskWorkspace };
serve(process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all), host, () => grammar);

/**
 * Over stdio the writer is given its encoder (diagnosticsEncoder.ts). The library then leaves stdout
 * and console to us: stdin's end or close still ends the process (it watches any input stream), and
 * what a dependency logs goes to the client's log, as the library does when it picks stdio itself.
 */
function stdioConnection(): Connection {
  // At run time either side may be a stream or a reader/writer (vscode-jsonrpc's createMessageConnection);
  // the declared overloads only pair two streams or two of the others.
  const input = process.stdin as unknown as MessageReader;
  const connection = createConnection(ProposedFeatures.all, input, new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: diagnosticsEncoder }));
  console.log = console.info = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  console.debug = console.trace = (...args: unknown[]) => connection.console.log(format(...args));
  return connection;
}
