/**
 * The compose project's other files read from disk, each once until told it changed: the CLI reads
 * a tree once; the server forgets a file when the editor reports it changed on disk.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjectFiles } from '../core';
import { filePathOf } from './projectConfig';

/** The form the core's project paths take: absolute, with `/` (`C:/x/y` on Windows). */
export function projectPath(file: string): string {
  return path.resolve(file).split(path.sep).join('/');
}

/** Larger files are no compose file or `.env` worth reading (the core skips them too). */
const maxBytes = 1024 * 1024;

export class DiskProjectFiles implements ProjectFiles {
  private readonly texts = new Map<string, string | undefined>();

  read(file: string): string | undefined {
    if (this.texts.has(file)) return this.texts.get(file);
    let text: string | undefined;
    try {
      const stat = fs.statSync(file);
      text = stat.isFile() && stat.size <= maxBytes ? fs.readFileSync(file, 'utf8') : undefined;
    } catch {
      text = undefined;
    }
    this.texts.set(file, text);
    return text;
  }

  /** The project path of a document on disk (a `file:` URI), else undefined. */
  pathOf(uri: string): string | undefined {
    const file = filePathOf(uri);
    return file && projectPath(file);
  }

  /** The file changed on disk (written by --fix, or reported by the editor): read it again next time. */
  forget(file: string): void {
    this.texts.delete(file);
  }
}
