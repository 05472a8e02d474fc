import { isRecognisedName } from '../core';
import * as fs from 'node:fs';
import * as path from 'node:path';

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

export interface SourceText {
  /** The text without its BOM (editors do not count it in columns). */
  text: string;
  bom: boolean;
  /** False when the bytes were not valid UTF-8, so writing the text back would change them. */
  lossless: boolean;
}

/** Names worth reading while walking; the parsers decide on the content (later: more kinds). */
export function isCandidateName(name: string): boolean {
  // Names the core knows, any YAML (compose by content), and extensionless files, which may be
  // shell scripts with a shebang (`rake`, `run`): their content decides.
  return isRecognisedName(name) || /\.ya?ml$/i.test(name) || !name.includes('.');
}

/** Directories never searched: dependencies, VCS data and hidden directories. */
function isSkippedDir(name: string): boolean {
  // `.github` (workflows) and `.devcontainer` hold files we read.
  return name === 'node_modules' || (name.startsWith('.') && name !== '.github' && name !== '.devcontainer');
}

/**
 * The files to consider under one command-line path. Symbolic links met while walking are not
 * followed (no loops, no leaving the tree, no file seen twice); unreadable directories go to
 * `onError`. A path given that does not exist throws.
 */
export function expandPath(given: string, onError: (where: string, err: unknown) => void): Candidate[] {
  const absolute = path.resolve(given);
  const stat = fs.statSync(absolute);
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
      } else if (entry.isFile() && isCandidateName(entry.name)) {
        out.push({ display: shown, absolute: abs, byContent: false });
      }
    }
  };
  walk(absolute, given);
  return out;
}

/** Binary files (a NUL byte near the start, as git decides) are not text we could analyse. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

export function decode(bytes: Uint8Array): SourceText {
  let text: string;
  let lossless = true;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    text = lenientUtf8.decode(bytes);
    lossless = false;
  }
  // TextDecoder drops a leading BOM by default; look at the bytes instead.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text, bom, lossless };
}

export function readCandidate(candidate: Candidate): Uint8Array {
  return fs.readFileSync(candidate.stdin ? 0 : candidate.absolute);
}
