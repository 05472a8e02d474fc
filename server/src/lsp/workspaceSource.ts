// Where the workspace scan (workspaceDiagnostics.ts) finds and reads the workspace folders' files:
// the disk on Node (host/diskWorkspace.ts), the client's file system in the browser
// (clientWorkspace.ts). Files are named by URI on both.

/** The files of one workspace folder. */
export interface FolderFiles {
  /** Its files to check, in a stable order; `pause` lets the event loop turn, `cancelled` stops the listing early. */
  list(pause: () => Promise<void>, cancelled: () => boolean): Promise<string[]>;
  contains(uri: string): boolean;
  /** True when a file named by a change is not one `list` would give. */
  skipsFile(uri: string): Promise<boolean>;
  /** The files that a file created or deleted at `uri` leaves out or lets back in (`files.exclude`'s `when`). */
  namedByWhen(uri: string): string[];
}

export interface WorkspaceSource {
  /** The files of the folder at `uri`, less what the editor's `files.exclude` leaves out; undefined when it cannot be read. */
  folder(uri: string, filesExclude: unknown): FolderFiles | undefined;
  /** A file's text, or undefined when it is not one to analyse (gone, not a file, binary, too large). */
  read(uri: string): string | undefined | Promise<string | undefined>;
  isDirectory(uri: string): boolean | Promise<boolean>;
  /**
   * The compose projects read the same files (the disk): the open documents can be compared with
   * the files read (`compareWorkspace`). Where they cannot, only the `workspace` scope reads them.
   */
  readonly compares: boolean;
}
