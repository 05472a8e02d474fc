// The language server's entry: `node dist/server.js --stdio` (or --node-ipc from the VS Code client;
// createConnection picks the transport from argv). The library ends the process on `exit`.
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { clientFeatures } from './capabilities';
import { SelinuxMountsServer } from './server';

const connection = createConnection(ProposedFeatures.all);
connection.onInitialize((params) => new SelinuxMountsServer(connection, clientFeatures(params.capabilities)).initializeResult());
connection.listen();
