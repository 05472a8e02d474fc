// The language server's entry in VS Code for the Web (dist/web/server.js): a web worker started by
// client/src/browserExtension.ts, speaking LSP through postMessage. The workspace is a virtual file
// system there: the server reads the documents the client sends, and for the workspace scope the
// files the client lists and reads for it (clientWorkspace.ts); no project config files, no host
// labels. The bash grammar's wasm is fetched from the extension, at the http(s) URLs the client
// sends in initializationOptions.shellGrammar.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { initShellParser, type ShellWasmPaths } from '../core';
import { clientWorkspace } from './clientWorkspace';
import { serve } from './serverHost';

/** The worker's global scope (the server's tsconfig has no browser library). */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0] & { close(): void };

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
// A worker has no process to end on `exit`; it closes itself (the client starts a new one to restart).
connection.onExit(() => self.close());
serve(connection, { workspaceSource: clientWorkspace }, async (options) => {
  const wasm = (options as { shellGrammar?: ShellWasmPaths } | undefined)?.shellGrammar;
  try {
    if (!wasm) throw new Error('the client sent no initializationOptions.shellGrammar');
    await initShellParser(wasm);
  } catch (error) {
    connection.console.warn(`selinux-mounts: shell scripts will not be checked: ${String(error)}`);
  }
});
