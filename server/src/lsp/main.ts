// The language server's entry: `node dist/server.js --stdio` (or --node-ipc from the VS Code client;
// createConnection picks the transport from argv). The library ends the process on `exit`.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { loadShellGrammar } from '../host/shellGrammar';
import { clientFeatures } from './capabilities';
import { SelinuxMountsServer } from './server';

const connection = createConnection(ProposedFeatures.all);
connection.onInitialize((params) => new SelinuxMountsServer(connection, clientFeatures(params.capabilities, params.initializationOptions)).initializeResult());
// The bash grammar loads first (tens of ms); the client's first messages wait in the stream meanwhile.
// The wasm files sit next to the bundle (scripts/build.mjs copies them).
void loadShellGrammar(__dirname, (message) => process.stderr.write(`${message}\n`)).then(() => connection.listen());
