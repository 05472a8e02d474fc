/** The workspace folders' files on disk, for the server's workspace scan (lsp/workspaceSource.ts). */
import { pathToFileURL } from 'node:url';
import type { FolderFiles, WorkspaceSource } from '../lsp/workspaceSource';
import { filePathOf } from './projectConfig';
import { excludeEntries, isDirectory, readWorkspaceFile, WorkspaceFilter, workspaceFiles } from './workspaceFiles';

const uriOf = (file: string): string => pathToFileURL(file).href;

class DiskFolder implements FolderFiles {
  constructor(private readonly filter: WorkspaceFilter) {}

  async list(pause: () => Promise<void>, cancelled: () => boolean): Promise<string[]> {
    return (await workspaceFiles(this.filter, pause, cancelled)).map(uriOf);
  }

  contains(uri: string): boolean {
    const file = filePathOf(uri);
    return !!file && this.filter.contains(file);
  }

  async skipsFile(uri: string): Promise<boolean> {
    const file = filePathOf(uri);
    return !file || this.filter.skipsFile(file);
  }

  namedByWhen(uri: string): string[] {
    const file = filePathOf(uri);
    return file ? this.filter.namedByWhen(file).map(uriOf) : [];
  }
}

export const diskWorkspace: WorkspaceSource = {
  folder(uri, filesExclude) {
    const root = filePathOf(uri);
    const exclude = filesExclude && typeof filesExclude === 'object' ? excludeEntries(filesExclude) : [];
    return root ? new DiskFolder(new WorkspaceFilter(root, exclude)) : undefined;
  },
  read(uri) {
    const file = filePathOf(uri);
    return file ? readWorkspaceFile(file) : undefined;
  },
  isDirectory(uri) {
    const file = filePathOf(uri);
    return !!file && isDirectory(file);
  },
  compares: true,
};
