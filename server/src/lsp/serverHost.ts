// What the server reads beyond the documents its client sends, given by its entry point: the Node
// server (main.ts) reads project config files, compose projects' other files, host labels and the
// workspace folders' files from the machine; the browser server (browserMain.ts), whose workspace
// is a virtual file system, reads only the workspace folders' files, through its client. This file takes only types from the Node host
// modules, so that the browser bundle never pulls one in.
import type { Connection } from 'vscode-languageserver';
import type { DocumentConfigs } from '../host/projectConfig';
import { clientFeatures } from './capabilities';
import type { ProjectDisk } from './composeProject';
import type { HostLabels } from './hostLabels';
import { SelinuxMountsServer } from './server';
import type { WorkspaceSource } from './workspaceSource';

export interface ServerHost {
  /** `.selinux-mounts.yaml` files on disk, found above `file:` documents. */
  configs?: DocumentConfigs;
  /** The other files of compose projects (overrides, includes, `.env`), read from disk. */
  projectDisk?: ProjectDisk;
  /** Where the workspace folders' files are listed and read, for `selinuxMounts.diagnosticsScope: workspace` (and `compareWorkspace`). */
  workspaceSource?: (connection: Connection) => WorkspaceSource;
  /** Makes the reader of host paths' SELinux labels; called only in trusted workspaces. */
  hostLabels?: () => HostLabels;
}

/**
 * Serves one client on `connection`: `initialize` is answered once `ready` has settled (the bash
 * grammar's loading, which may need the client's initializationOptions); until then the client's
 * next messages wait in the stream.
 */
export function serve(connection: Connection, host: ServerHost, ready: (initializationOptions: unknown) => Promise<void>): void {
  connection.onInitialize(async (params) => {
    await ready(params.initializationOptions);
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    return new SelinuxMountsServer(connection, clientFeatures(params.capabilities, params.initializationOptions), host, folders).initializeResult();
  });
  connection.listen();
}
