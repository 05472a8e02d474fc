/**
 * The files of a workspace folder the language server checks when asked for the whole workspace:
 * the names the CLI's walk reads, less what `.gitignore` files (git's own rules, through the
 * `ignore` package) and the editor's `files.exclude` leave out. The project config's `ignore` is
 * applied with the file's settings (settings.ts), as for open documents.
 */
import * as fs from 'node:fs/promises';
import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { globMatches, maxTextLength } from '../core';
import { decode, isBinary, isCandidateName, isSkippedDir } from './sourceFiles';

/** `{a,b}` alternatives spelled out (VS Code globs have them, the project's glob matcher does not). */
export function expandBraces(glob: string): string[] {
  const match = /\{([^{}]*)\}/.exec(glob);
  if (!match) return [glob];
  const [before, after] = [glob.slice(0, match.index), glob.slice(match.index + match[0].length)];
  return match[1].split(',').flatMap((alt) => expandBraces(before + alt + after));
}

const toPosix = (p: string): string => p.split(path.sep).join('/');

/**
 * A `files.exclude` entry: a glob, and for `{"**\/*.js": {"when": "$(basename).ts"}}` the sibling
 * whose presence leaves the entry out (`$(basename)` is its name less the last extension).
 */
export interface ExcludeEntry {
  glob: string;
  when?: string;
}

/** The entries of a `files.exclude` setting that are on: `true`, or a `when` clause (VS Code's glob.ts). */
export function excludeEntries(setting: object): ExcludeEntry[] {
  return Object.entries(setting).flatMap(([glob, value]: [string, unknown]) => {
    if (value === true) return [{ glob }];
    const when = value && typeof value === 'object' ? (value as { when?: unknown }).when : undefined;
    return typeof when === 'string' ? [{ glob, when }] : [];
  });
}

/** The sibling a `when` clause names for a file named `name`. VS Code puts the name in for the first `$(basename)` only. */
function siblingName(name: string, when: string): string {
  return when.replace('$(basename)', () => name.slice(0, name.length - path.extname(name).length));
}

/** True when `when` names a sibling of `absolute` that exists. */
function siblingExists(absolute: string, when: string): boolean {
  const sibling = siblingName(path.basename(absolute), when);
  return !sibling.includes('/') && existsSync(path.join(path.dirname(absolute), sibling));
}

/** Decides, for one workspace folder, which entries are left out. `.gitignore` files are read once each. */
export class WorkspaceFilter {
  private readonly excludes: ExcludeEntry[];
  private readonly gitignores = new Map<string, Promise<Ignore | undefined>>();

  /** @param exclude `files.exclude` entries that are on, their globs relative to the folder. */
  constructor(
    readonly folder: string,
    exclude: readonly ExcludeEntry[],
  ) {
    this.excludes = exclude.flatMap(({ glob, when }) => expandBraces(glob).map((g) => ({ glob: g, when })));
  }

  /** True when the entry met while walking is left out (its ancestors were already let in). */
  async skipsEntry(absolute: string, isDir: boolean): Promise<boolean> {
    const rel = toPosix(path.relative(this.folder, absolute));
    const name = path.basename(absolute);
    if (isDir ? isSkippedDir(name) : !isCandidateName(name)) return true;
    if (this.excludes.some(({ glob, when }) => globMatches(glob, rel) && (when === undefined || siblingExists(absolute, when)))) return true;
    return this.gitIgnored(absolute, isDir);
  }

  /**
   * The files beside `absolute` that a `when` clause leaves out while it exists: creating or
   * deleting it leaves them out or lets them back in.
   */
  namedByWhen(absolute: string): string[] {
    const clauses = this.excludes.flatMap(({ when }) => (when === undefined ? [] : [when]));
    if (!clauses.length) return [];
    const dir = path.dirname(absolute);
    const name = path.basename(absolute);
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return [];
    }
    return entries.filter((entry) => entry !== name && clauses.some((when) => siblingName(entry, when) === name)).map((entry) => path.join(dir, entry));
  }

  contains(absolute: string): boolean {
    const rel = path.relative(this.folder, absolute);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  }

  /** True when a file named by a change on disk is not one the walk would have found. */
  async skipsFile(absolute: string): Promise<boolean> {
    if (!this.contains(absolute)) return true;
    let dir = this.folder;
    for (const segment of path.relative(this.folder, absolute).split(path.sep).slice(0, -1)) {
      dir = path.join(dir, segment);
      if (await this.skipsEntry(dir, true)) return true;
    }
    return this.skipsEntry(absolute, false);
  }

  /** Git's verdict: the deepest `.gitignore` with a rule for the path wins (a `!` rule lets it back in). */
  private async gitIgnored(absolute: string, isDir: boolean): Promise<boolean> {
    let ignored = false;
    let dir = this.folder;
    const segments = path.relative(this.folder, path.dirname(absolute)).split(path.sep).filter(Boolean);
    for (let i = 0; i <= segments.length; i++) {
      if (i > 0) dir = path.join(dir, segments[i - 1]);
      const rules = await this.gitignoreOf(dir);
      if (!rules) continue;
      const verdict = rules.test(toPosix(path.relative(dir, absolute)) + (isDir ? '/' : ''));
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }

  private gitignoreOf(dir: string): Promise<Ignore | undefined> {
    let rules = this.gitignores.get(dir);
    if (!rules) {
      rules = fs.readFile(path.join(dir, '.gitignore'), 'utf8').then(
        (text) => ignore().add(text),
        () => undefined,
      );
      this.gitignores.set(dir, rules);
    }
    return rules;
  }
}

/**
 * The folder's files to check, in a stable order. `pause` runs after each folder read, so a large
 * tree never holds the event loop; the walk stops early when `cancelled` says so. Symbolic links
 * are not followed (no loops, no leaving the folder), unreadable folders are passed over.
 */
export async function workspaceFiles(filter: WorkspaceFilter, pause: () => Promise<void>, cancelled: () => boolean): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (cancelled()) return;
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!(await filter.skipsEntry(absolute, true))) {
          await pause();
          await walk(absolute);
        }
      } else if (entry.isFile() && !(await filter.skipsEntry(absolute, false))) out.push(absolute);
    }
  };
  await walk(filter.folder);
  return out;
}

/**
 * A file's text, or undefined when it is not one to analyse: gone, not a regular file (opened
 * without blocking, so a FIFO put there meanwhile cannot hang the server), binary, or larger than
 * the core reads. Read synchronously: the scan calls it inside a slice of bounded time, and four
 * thread-pool round trips per small file made the scan mostly wait (bench/workspace.mjs).
 */
export function readWorkspaceFile(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > maxTextLength) return undefined;
    const bytes = readFileSync(fd);
    return isBinary(bytes) ? undefined : decode(bytes).text;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
