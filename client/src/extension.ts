// The extension's entry on desktop VS Code (package.json `main`): the server runs as a Node process.
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { activateClient, clientId, clientName, type SelinuxMountsApi } from './activate';

export { deactivate, type SelinuxMountsApi } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<SelinuxMountsApi> {
  const serverOptions = { module: context.asAbsolutePath('dist/server.js'), transport: TransportKind.ipc };
  return activateClient(context, (clientOptions) => new LanguageClient(clientId, clientName, serverOptions, clientOptions), { fileScheme: 'file' });
}
