// The language server's entry on Node: `node dist/server.js --stdio` (or --node-ipc from the VS Code
// client; createConnection picks the transport from argv). The library ends the process on `exit`.
// The browser build's entry is browserMain.ts; both serve through serverHost.ts.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { DocumentConfigs } from '../host/projectConfig';
import { DiskProjectFiles } from '../host/projectFiles';
import { loadShellGrammar } from '../host/shellGrammar';
import { HostLabels } from './hostLabels';
import { serve } from './serverHost';
import { WorkspaceDiagnostics } from './workspaceDiagnostics';

// How the server ends when its client goes away without `shutdown`/`exit` (vscode-languageserver
// 10.1.2, lib/node/main.js): over --stdio, the end or close of stdin exits the process (code 1);
// with `initialize`'s `processId` (or --clientProcessId), a timer checks every 3 s that the editor
// lives and exits when it does not. What it lacks: over --node-ipc its reader waits for a `close`
// event that `process` never emits, so a closed IPC channel went unnoticed and the server lived on
// as long as the editor process did (test/lsp/lifecycle.test.ts). Node emits `disconnect` then.
if (process.argv.includes('--node-ipc')) process.once('disconnect', () => process.exit(1));

// The bash grammar (tens of ms) loads while the client starts; the wasm files sit next to the bundle
// (scripts/build.mjs copies them).
const grammar = loadShellGrammar(__dirname, (message) => process.stderr.write(`${message}\n`));
const host = { configs: new DocumentConfigs(), projectDisk: new DiskProjectFiles(), hostLabels: () => new HostLabels(), workspaceDiagnostics: WorkspaceDiagnostics };
serve(createConnection(ProposedFeatures.all), host, () => grammar);
