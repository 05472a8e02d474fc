// The extension's entry in VS Code for the Web (package.json `browser`): the server runs in a web
// worker (dist/web/server.js, server/src/lsp/browserMain.ts) and loads the bash grammar's wasm from
// the extension, whose URIs it is given at initialize. It reads no host labels there.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateClient, clientId, clientName, type SelinuxMountsApi } from './activate';

/** The worker's constructor (the client's tsconfig has no DOM library). */
declare const Worker: new (url: string) => { terminate(): void };

export { deactivate, type SelinuxMountsApi } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<SelinuxMountsApi> {
  const dist = (file: string) => vscode.Uri.joinPath(context.extensionUri, 'dist', file).toString(true);
  let worker: InstanceType<typeof Worker> | undefined;
  // A new worker for each start (a restart included): the old one is ended, whatever state it is in.
  const serverOptions = () => {
    worker?.terminate();
    return (worker = new Worker(dist('web/server.js')));
  };
  return activateClient(context, (clientOptions) => new LanguageClient(clientId, clientName, serverOptions, clientOptions), {
    initializationOptions: { shellGrammar: { treeSitter: dist('tree-sitter.wasm'), bash: dist('tree-sitter-bash.wasm') } },
  });
}
