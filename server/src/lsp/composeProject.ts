/**
 * Compose projects in the editor: a compose document is checked with the other files of its
 * project, read from the open documents (an unsaved override counts) over the disk; an edit to one
 * file of a project, or a change on disk, re-checks the documents that read it. The projects of
 * the workspace are compared with each other: each compose file the server analyses (the open
 * documents, and every file of the workspace scan, in either scope unless `compareWorkspace` is
 * off) gives its relabelled mounts to a list that the other projects' views hold; a change to
 * that list re-checks the files mounting the same paths. The files of other kinds (scripts, quadlet units, devcontainer.json...) take
 * part too, each its own project, at the absolute paths they mount. The compose commands of the
 * scripts and Makefiles it analyses (`-f`, `--env-file`, `--project-directory`, `COMPOSE_FILE`)
 * make projects of the files they load.
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { commandPaths, composeFileLists, ComposeProjects, dirName, FileMounts, fileView, HostPaths, parserFor, quadletVolumesOf, WorkspaceIndex, type ComposeCommand, type ComposeProjectView, type ParsedFile, type ProjectFiles, type WorkspaceView } from '../core';
import { fileNameOf } from './convert';

/** The files on disk, given by the Node entry (main.ts); the browser server, on a virtual file system, has none. */
export interface ProjectDisk extends ProjectFiles {
  /** The project path of a document on disk (a `file:` URI), else undefined. */
  pathOf(uri: string): string | undefined;
  /** The file changed on disk: read it again next time. */
  forget(path: string): void;
}

/** Compose files (any name compose-go or people use), env files (`.env`, `prod.env`, `.env.prod`) and quadlet volume units, for the client's file watcher. */
export const projectFileGlobs = ['**/*.{yaml,yml}', '**/.env', '**/*.env', '**/.env.*', '**/*.volume'];

export class LspComposeProjects {
  private readonly projects: ComposeProjects | undefined;
  /** The paths each document's last view read, found or not (open documents, and closed files the workspace scan checked). */
  private readonly readBy = new Map<string, Set<string>>();
  /** Open documents by path, rebuilt for each view. */
  private open = new Map<string, TextDocument>();
  /** The last view built for each document: what its analysis was made with. */
  private readonly views = new Map<string, WorkspaceView>();
  /** The relabelled mounts of each file analysed, by URI; `index` holds all of them. */
  private readonly mounts = new Map<string, FileMounts>();
  private readonly index = new WorkspaceIndex();
  /** The host paths each document mounted when last analysed (its view's key takes the index at those only), and its project. */
  private readonly mountedPaths = new Map<string, HostPaths>();
  /** `mountedPaths` the other way: the documents mounting each host path (a change there finds them without a look at every file). */
  private readonly mountedBy = new Map<string, Set<string>>();
  private readonly projectOf = new Map<string, string>();
  /** The compose commands of each script, Makefile and CI file analysed, by URI; `allLists` is all of them, by URI (the first that loads a file counts). */
  private readonly lists = new Map<string, ComposeCommand[]>();
  private allLists: ComposeCommand[] | undefined;
  /**
   * Told the documents (open or closed) to check again: a script's compose commands changed what
   * their project loads, or (`mountsOnly`) the mounts of another project changed.
   */
  onSharedChange: (uris: string[], mountsOnly: boolean) => void = () => undefined;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly disk?: ProjectDisk,
  ) {
    this.projects = disk && new ComposeProjects({ read: (path) => this.open.get(path)?.getText() ?? disk.read(path) });
  }

  /** The project path of each URI asked about: every view asks it of every open document. */
  private readonly paths = new Map<string, string | undefined>();

  private pathOf(uri: string): string | undefined {
    if (!this.disk) return undefined;
    if (this.paths.has(uri)) return this.paths.get(uri);
    const path = this.disk.pathOf(uri);
    this.paths.set(uri, path);
    return path;
  }

  /** The project view of a compose document saved on disk; none for other kinds or unsaved documents. */
  viewFor(doc: TextDocument): ComposeProjectView | undefined {
    const path = this.pathOf(doc.uri);
    if (!path || !this.projects) return undefined;
    const text = doc.getText();
    if (parserFor({ fileName: fileNameOf(doc.uri), languageId: doc.languageId }, text)?.kind !== 'compose') return undefined;
    this.open = new Map(this.documents.all().flatMap((d) => {
      const p = this.pathOf(d.uri);
      return p ? [[p, d] as const] : [];
    }));
    try {
      const view = this.projects.viewFor(path, text, this.index, (this.allLists ??= [...this.lists].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([, commands]) => commands)), this.mountedPaths.get(doc.uri));
      this.readBy.set(doc.uri, new Set(view.paths));
      this.views.set(doc.uri, view);
      return view;
    } catch {
      // A bug in reading the project costs the document its project, never its own check.
      return undefined;
    }
  }

  /**
   * The workspace view of a document saved on disk that is not compose: the other files' mounts of
   * its absolute paths, and a quadlet `.container`'s `.volume` units (read from the open documents
   * over the disk; a change to one re-checks it).
   */
  workspaceFor(doc: TextDocument): WorkspaceView | undefined {
    const path = this.pathOf(doc.uri);
    const disk = this.disk;
    if (!path || !this.projects || !disk) return undefined;
    const text = doc.getText();
    const kind = parserFor({ fileName: fileNameOf(doc.uri), languageId: doc.languageId }, text)?.kind;
    if (kind === 'compose') return undefined;
    const volumes = kind === 'quadlet' ? quadletVolumesOf(text, path, (unit) => this.documents.all().find((d) => this.pathOf(d.uri) === unit)?.getText() ?? disk.read(unit)) : undefined;
    if (volumes) this.readBy.set(doc.uri, new Set(volumes.paths));
    else this.readBy.delete(doc.uri);
    const view = fileView(path, this.index, this.mountedPaths.get(doc.uri), volumes, disk);
    this.views.set(doc.uri, view);
    return view;
  }

  /** A document's diagnostics were computed from `file` (undefined: not analysed): its mounts join the workspace's list. */
  analysed(doc: TextDocument, file: ParsedFile | undefined): void {
    const path = this.pathOf(doc.uri);
    const view = this.views.get(doc.uri);
    this.views.delete(doc.uri);
    if (view && file) {
      let paths = this.mountedPaths.get(doc.uri);
      if (!paths) this.mountedPaths.set(doc.uri, (paths = new HostPaths()));
      const { added, removed } = paths.update(file, view);
      this.mountedByChange(doc.uri, added, removed);
      this.projectOf.set(doc.uri, view.project);
    } else {
      this.forgetMountedPaths(doc.uri);
      this.projectOf.delete(doc.uri);
    }
    this.setMounts(doc.uri, path, file, view);
    // Scripts, Makefiles, CI files and documents name compose files (ParsedFile.composeFiles).
    this.setLists(doc.uri, path && file?.composeFiles ? composeFileLists(file, dirName(path), path, this.disk) : []);
  }

  /** `mountedBy` follows the host paths a document gained and lost. */
  private mountedByChange(uri: string, added: readonly string[], removed: readonly string[]): void {
    for (const path of removed) {
      const users = this.mountedBy.get(path);
      if (users?.delete(uri) && !users.size) this.mountedBy.delete(path);
    }
    for (const path of added) {
      const users = this.mountedBy.get(path);
      if (users) users.add(uri);
      else this.mountedBy.set(path, new Set([uri]));
    }
  }

  private forgetMountedPaths(uri: string): void {
    const paths = this.mountedPaths.get(uri);
    if (!paths) return;
    this.mountedByChange(uri, [], [...paths]);
    this.mountedPaths.delete(uri);
  }

  /** Keeps a script's compose commands; when they changed, the compose files they load (or loaded) are checked again. */
  private setLists(uri: string, lists: ComposeCommand[]): void {
    const old = this.lists.get(uri) ?? [];
    if (JSON.stringify(old) === JSON.stringify(lists)) return;
    if (lists.length) this.lists.set(uri, lists);
    else this.lists.delete(uri);
    this.allLists = undefined;
    const named = commandPaths([...old, ...lists]);
    const affected = [...new Set([...this.readBy.keys(), ...this.documents.keys()])].filter(
      (other) => named.has(this.pathOf(other) ?? '') || [...(this.readBy.get(other) ?? [])].some((p) => named.has(p)),
    );
    if (affected.length) this.onSharedChange(affected, false);
  }

  /**
   * Keeps a file's mounts; when they changed, the files of other projects that mount the same paths
   * (relabelled or not: a mount without a relabel is offered :z there) are checked again.
   */
  private setMounts(uri: string, path?: string, file?: ParsedFile, view?: WorkspaceView): void {
    let mounts = this.mounts.get(uri);
    if (!mounts) this.mounts.set(uri, (mounts = new FileMounts()));
    const { removed, added } = mounts.update(path, file, view);
    // Kept while the file is analysed, mounts or not: the next edit compares with it.
    if (!file) this.mounts.delete(uri);
    if (!removed.length && !added.length) return;
    for (const m of removed) this.index.remove(m);
    for (const m of added) this.index.add(m);
    const changed = [...removed, ...added];
    const projects = new Set(changed.map((m) => m.project));
    const affected = new Set<string>();
    for (const path of new Set(changed.map((m) => m.path))) {
      for (const other of this.mountedBy.get(path) ?? []) if (other !== uri && !projects.has(this.projectOf.get(other) ?? '')) affected.add(other);
    }
    if (affected.size) this.onSharedChange([...affected], true);
  }


  /** The open documents whose project read the file at `uri` (not that document itself). */
  dependents(uri: string): string[] {
    return this.readers(uri).filter((other) => this.documents.get(other));
  }

  /** The documents, open or closed, whose last view read the file at `uri`. */
  private readers(uri: string): string[] {
    const path = this.pathOf(uri);
    if (!path) return [];
    return [...this.readBy].filter(([other, paths]) => other !== uri && paths.has(path)).map(([other]) => other);
  }

  /**
   * Files changed on disk (or a document closed, leaving its disk text): read them again, and say
   * whose view read them — open documents, and closed files the workspace scan checked. A compose
   * file gone from disk takes its mounts out of the workspace's list.
   */
  changed(uris: string[]): string[] {
    const affected = new Set<string>();
    for (const uri of uris) {
      const path = this.pathOf(uri);
      if (path) this.disk?.forget(path);
      for (const other of this.readers(uri)) affected.add(other);
      const known = !!this.mounts.get(uri)?.any || this.readBy.has(uri) || this.lists.has(uri);
      if (path && known && !this.documents.get(uri) && this.disk?.read(path) === undefined) this.forgetFile(uri);
    }
    return [...affected];
  }

  /** A document closed: its unsaved mounts leave the list (the workspace scan reads the file again from disk). */
  closed(uri: string): string[] {
    this.forgetFile(uri);
    return this.changed([uri]);
  }

  /** A closed file the workspace scan no longer reads: out of the comparison (an open document stays). */
  forget(uri: string): void {
    if (!this.documents.get(uri)) this.forgetFile(uri);
  }

  private forgetFile(uri: string): void {
    this.readBy.delete(uri);
    this.views.delete(uri);
    this.forgetMountedPaths(uri);
    this.projectOf.delete(uri);
    this.setMounts(uri);
    this.setLists(uri, []);
  }
}
