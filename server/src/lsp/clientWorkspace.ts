// The workspace folders' files in the browser, where the server (a web worker) has no file system:
// the client lists and reads them for it (client/src/workspaceFiles.ts) with VS Code's
// `workspace.findFiles`, which leaves out what `files.exclude` does, and `workspace.fs`. The names
// and folders the disk scan passes over (host/sourceFiles.ts) are passed over here too.
import type { Connection } from 'vscode-languageserver';
import { maxTextLength } from '../core';
import { isCandidateName, isSkippedDir } from '../host/sourceFiles';
import type { FolderFiles, WorkspaceSource } from './workspaceSource';

/** `selinuxMounts/listFiles`: the files under `folder` (a workspace folder's URI) matching `pattern`, a glob relative to it; URIs. */
export const listFilesRequest = 'selinuxMounts/listFiles';
/** `selinuxMounts/readFile`: a file's text, `directory` for a folder, or null (gone, or over `maxBytes`). */
export const readFileRequest = 'selinuxMounts/readFile';

export interface ListFilesParams {
  folder: string;
  pattern: string;
}
export interface ReadFileParams {
  uri: string;
  maxBytes: number;
}
export type ReadFileResult = { text: string } | 'directory' | null;

/** The path segments of `uri` below the folder `root` (both URIs as the client names them). */
function segmentsUnder(root: string, uri: string): string[] | undefined {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  if (!uri.startsWith(prefix)) return undefined;
  return uri.slice(prefix.length).split('/').map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}

/** A glob that matches the file's path and nothing else: glob characters stand for themselves in brackets. */
function literalGlob(segments: readonly string[]): string {
  return segments.map((s) => s.replace(/[[\]{}*?!,]/g, (c) => `[${c}]`)).join('/');
}

class ClientFolder implements FolderFiles {
  constructor(
    private readonly connection: Connection,
    private readonly uri: string,
  ) {}

  async list(_pause: () => Promise<void>, cancelled: () => boolean): Promise<string[]> {
    const uris = await this.connection.sendRequest<string[] | null>(listFilesRequest, { folder: this.uri, pattern: '**/*' } satisfies ListFilesParams);
    if (cancelled() || !Array.isArray(uris)) return [];
    return uris.filter((uri) => this.wanted(uri)).sort();
  }

  contains(uri: string): boolean {
    const segments = segmentsUnder(this.uri, uri);
    return !!segments && segments.every(Boolean);
  }

  async skipsFile(uri: string): Promise<boolean> {
    const segments = segmentsUnder(this.uri, uri);
    if (!segments || !this.wanted(uri)) return true;
    // Asked of the client: files.exclude may leave it out.
    const found = await this.connection.sendRequest<string[] | null>(listFilesRequest, { folder: this.uri, pattern: literalGlob(segments) } satisfies ListFilesParams);
    return !Array.isArray(found) || !found.includes(uri);
  }

  /** `files.exclude`'s `when` clauses are VS Code's to apply (findFiles reads the sibling). */
  namedByWhen(): string[] {
    return [];
  }

  /** Names the disk scan reads, outside the folders it never searches. */
  private wanted(uri: string): boolean {
    const segments = segmentsUnder(this.uri, uri);
    if (!segments?.length || !segments.every(Boolean)) return false;
    const name = segments[segments.length - 1];
    return isCandidateName(name) && !segments.slice(0, -1).some(isSkippedDir);
  }
}

export function clientWorkspace(connection: Connection): WorkspaceSource {
  const read = (uri: string) => connection.sendRequest<ReadFileResult>(readFileRequest, { uri, maxBytes: maxTextLength } satisfies ReadFileParams);
  return {
    folder: (uri) => new ClientFolder(connection, uri),
    async read(uri) {
      const answer = await read(uri).catch(() => null);
      if (!answer || answer === 'directory') return undefined;
      // Binary files (a NUL near the start, as git decides) are not text to analyse.
      return answer.text.slice(0, 8192).includes('\0') || answer.text.length > maxTextLength ? undefined : answer.text;
    },
    isDirectory: async (uri) => (await read(uri).catch(() => null)) === 'directory',
    // The compose projects in the browser read no files but the open documents: nothing to compare with.
    compares: false,
  };
}
