// The extension's entry in VS Code for the Web (package.json `browser`): the server runs in a web
// worker (dist/web/server.js, server/src/lsp/browserMain.ts) and loads the bash grammar's wasm from
// the extension. It reads no host labels there; the workspace folders' files it lists and reads for
// the server (workspaceFiles.ts).
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { activateClient, clientId, clientName, type SelinuxMountsApi } from './activate';
import { serveWorkspaceFiles } from './workspaceFiles';

/** The worker's constructor (the client's tsconfig has no DOM library). */
declare const Worker: new (url: string) => { terminate(): void };

export { deactivate, type SelinuxMountsApi } from './activate';

export async function activate(context: vscode.ExtensionContext): Promise<SelinuxMountsApi> {
  const dist = (file: string) => browserUrl(vscode.Uri.joinPath(context.extensionUri, 'dist', file));
  const [server, treeSitter, bash] = await Promise.all([dist('web/server.js'), dist('tree-sitter.wasm'), dist('tree-sitter-bash.wasm')]);
  let worker: InstanceType<typeof Worker> | undefined;
  // A new worker for each start (a restart included): the old one is ended, whatever state it is in.
  // The transports are made here: the client's own check (`instanceof Worker`) fails on the worker
  // VS Code's patched constructor returns.
  const serverOptions = async () => {
    worker?.terminate();
    worker = new Worker(server);
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  const createClient = (clientOptions: LanguageClientOptions) => {
    const client = new LanguageClient(clientId, clientName, serverOptions, clientOptions);
    // Before start: the server lists the files at `initialized`.
    serveWorkspaceFiles(client);
    return client;
  };
  return activateClient(context, createClient, {
    initializationOptions: { shellGrammar: { treeSitter, bash } },
  });
}

/**
 * The http(s) URL the browser reads an extension file from. Where the extension is not served over
 * http(s) itself (code-server names its files with vscode-remote: URIs), the web worker extension
 * host refuses to start a worker from such a URI, and a worker's own fetch cannot read it; the
 * host's fetch, which VS Code patches to resolve those URIs, answers from the URL we want. (blob:
 * URLs are no way round: the extension host's content security policy lets workers fetch none.)
 */
async function browserUrl(uri: vscode.Uri): Promise<string> {
  // (code-server answers no HEAD request; the body is not read.)
  const response = await fetch(uri.toString(true));
  await response.body?.cancel();
  if (!response.ok) throw new Error(`cannot read ${uri.toString(true)}: ${response.status} ${response.statusText}`);
  return response.url;
}
