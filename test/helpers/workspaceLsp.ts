// What the LSP tests of a whole workspace share: a client that watches files, the wait for a
// condition on what the server sent, and the private-label-shared messages of a publish.
import type { ClientCapabilities, Diagnostic } from 'vscode-languageserver-protocol';
import { fullCapabilities } from './lspClient';

/** Workspace folders, and file watching registered at run time, as VS Code declares them. */
export const watchingCapabilities: ClientCapabilities = {
  ...fullCapabilities,
  workspace: { ...fullCapabilities.workspace, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
};

/** Waits until `check` holds, polling; a safety bound, never a measure of time. */
export async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The private-label-shared messages of `ds`, up to the sentence that is the same in all. */
export const sharedMessages = (ds: readonly Diagnostic[]): string[] =>
  ds.filter((d) => d.code === 'private-label-shared').map((d) => String(d.message).replace(/ but relabelled.*/, ''));
