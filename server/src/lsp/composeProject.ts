/**
 * Compose projects in the editor: a compose document is checked with the other files of its
 * project, read from the open documents (an unsaved override counts) over the disk; an edit to one
 * file of a project, or a change on disk, re-checks the open documents that read it.
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ComposeProjects, parserFor, type ComposeProjectView, type ProjectFiles } from '../core';
import { fileNameOf } from './convert';

/** The files on disk, given by the Node entry (main.ts); the browser server, on a virtual file system, has none. */
export interface ProjectDisk extends ProjectFiles {
  /** The project path of a document on disk (a `file:` URI), else undefined. */
  pathOf(uri: string): string | undefined;
  /** The file changed on disk: read it again next time. */
  forget(path: string): void;
}

/** Compose files (any name compose-go or people use) and `.env` files, for the client's file watcher. */
export const projectFileGlobs = ['**/*.{yaml,yml}', '**/.env'];

export class LspComposeProjects {
  private readonly projects: ComposeProjects | undefined;
  /** The paths each open document's last view read, found or not. */
  private readonly readBy = new Map<string, Set<string>>();
  /** Open documents by path, rebuilt for each view. */
  private open = new Map<string, TextDocument>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly disk?: ProjectDisk,
  ) {
    this.projects = disk && new ComposeProjects({ read: (path) => this.open.get(path)?.getText() ?? disk.read(path) });
  }

  private pathOf(uri: string): string | undefined {
    return this.disk?.pathOf(uri);
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
      const view = this.projects.viewFor(path, text);
      this.readBy.set(doc.uri, new Set(view.paths));
      return view;
    } catch {
      // A bug in reading the project costs the document its project, never its own check.
      return undefined;
    }
  }

  /** The open documents whose project read the file at `uri` (not that document itself). */
  dependents(uri: string): string[] {
    const path = this.pathOf(uri);
    if (!path) return [];
    return [...this.readBy].filter(([other, paths]) => other !== uri && paths.has(path) && this.documents.get(other)).map(([other]) => other);
  }

  /** Files changed on disk (or a document closed, leaving its disk text): read them again, and say whose view read them. */
  changed(uris: string[]): string[] {
    const affected = new Set<string>();
    for (const uri of uris) {
      const path = this.pathOf(uri);
      if (path) this.disk?.forget(path);
      for (const other of this.dependents(uri)) affected.add(other);
    }
    return [...affected];
  }

  closed(uri: string): string[] {
    this.readBy.delete(uri);
    return this.changed([uri]);
  }
}
