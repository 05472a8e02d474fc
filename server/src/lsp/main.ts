// The language server's entry: `node dist/server.js --stdio` (or --node-ipc from the VS Code client;
// createConnection picks the transport from argv). The library ends the process on `exit`.
import * as path from 'node:path';
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { initShellParser } from '../core';
import { clientFeatures } from './capabilities';
import { SelinuxMountsServer } from './server';

const connection = createConnection(ProposedFeatures.all);
connection.onInitialize((params) => new SelinuxMountsServer(connection, clientFeatures(params.capabilities)).initializeResult());
// The bash grammar loads first (tens of ms); the client's first messages wait in the stream meanwhile.
// The wasm files sit next to the bundle (scripts/build.mjs copies them).
initShellParser({ treeSitter: path.join(__dirname, 'tree-sitter.wasm'), bash: path.join(__dirname, 'tree-sitter-bash.wasm') })
  .catch((error: unknown) => process.stderr.write(`selinux-mounts: shell scripts will not be checked: ${String(error)}\n`))
  .finally(() => connection.listen());
