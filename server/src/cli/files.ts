import * as fs from 'node:fs';
import * as path from 'node:path';
import { isCandidateName, isSkippedDir } from '../host/sourceFiles';

export { decode, isBinary } from '../host/sourceFiles';

/** A file to check: how to show it, where it is, and whether its kind is told by its content. */
export interface Candidate {
  /** As given on the command line, or joined under the directory given. */
  display: string;
  /** Absolute path (for `-`, the path `--stdin-filename` names). */
  absolute: string;
  /** Named explicitly: checked whatever its name. */
  byContent: boolean;
  stdin?: boolean;
}

/** What an entry is when it is neither a regular file, a directory nor a symlink; undefined otherwise. */
function specialKind(entry: fs.Stats | fs.Dirent): string | undefined {
  if (entry.isFIFO()) return 'a FIFO';
  if (entry.isSocket()) return 'a socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'a device';
  return undefined;
}

/**
 * The files to consider under one command-line path. Symbolic links met while walking are not
 * followed (no loops, no leaving the tree, no file seen twice); unreadable directories go to
 * `onError`; FIFOs, sockets and devices with names we would read go to `onSkip` (never opened: a
 * FIFO would block the run until a writer came, a device such as /dev/zero never ends). A path
 * given that does not exist, is a symlink loop or is not a regular file or directory throws.
 */
export function expandPath(given: string, onError: (where: string, err: unknown) => void, onSkip: (where: string, why: string) => void): Candidate[] {
  const absolute = path.resolve(given);
  const stat = fs.statSync(absolute);
  const special = specialKind(stat);
  // Text to check from a pipe comes in as `-` (stdin), which may block: it is what was asked for.
  if (special) throw new Error(`not a regular file (${special}); pipe its text to '-' instead`);
  if (!stat.isDirectory()) return [{ display: given, absolute, byContent: true }];
  const out: Candidate[] = [];
  const walk = (dir: string, display: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      onError(display, err);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      const shown = path.join(display, entry.name);
      if (entry.isDirectory()) {
        if (!isSkippedDir(entry.name)) walk(abs, shown);
      } else if (isCandidateName(entry.name)) {
        const kind = specialKind(entry);
        if (entry.isFile()) out.push({ display: shown, absolute: abs, byContent: false });
        else if (kind) onSkip(shown, `${kind}, not a regular file`);
      }
    }
  };
  walk(absolute, given);
  return out;
}

export function readCandidate(candidate: Candidate): Uint8Array {
  if (candidate.stdin) return fs.readFileSync(0);
  // The walk saw a regular file, but it may have been replaced by a FIFO since: opening without
  // O_NONBLOCK would then wait for a writer. O_NONBLOCK changes nothing for a regular file.
  const fd = fs.openSync(candidate.absolute, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const special = specialKind(fs.fstatSync(fd));
    if (special) throw new Error(`not a regular file (${special})`);
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
