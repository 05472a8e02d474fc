// The workspace folders' files for the server in the browser (server/src/lsp/clientWorkspace.ts):
// a web worker has no file system, so the client lists and reads them for it. The names of the
// requests and their shapes are the server's.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

interface ListFilesParams {
  folder: string;
  pattern: string;
}
interface ReadFileParams {
  uri: string;
  maxBytes: number;
}

const decoder = new TextDecoder();

/** Answers the server's `selinuxMounts/listFiles` and `selinuxMounts/readFile` requests. */
export function serveWorkspaceFiles(client: BaseLanguageClient): void {
  // findFiles leaves out what files.exclude does (its `exclude` argument left undefined), as the explorer.
  client.onRequest('selinuxMounts/listFiles', async ({ folder, pattern }: ListFilesParams): Promise<string[]> => {
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.parse(folder), pattern));
    return files.map((uri) => uri.toString());
  });
  client.onRequest('selinuxMounts/readFile', async ({ uri, maxBytes }: ReadFileParams): Promise<{ text: string } | 'directory' | null> => {
    try {
      const file = vscode.Uri.parse(uri);
      const stat = await vscode.workspace.fs.stat(file);
      if (stat.type & vscode.FileType.Directory) return 'directory';
      if (stat.size > maxBytes) return null;
      return { text: decoder.decode(await vscode.workspace.fs.readFile(file)) };
    } catch {
      // Gone, or not readable: nothing to check.
      return null;
    }
  });
}
