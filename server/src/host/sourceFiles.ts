/**
 * What the CLI's walk and the server's workspace scan agree on: which names are worth reading,
 * which folders are never searched, and how bytes become text.
 */
import { isRecognisedName } from '../core';

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

/**
 * Version control data, dependencies and tool caches: never the project's own files. Other hidden
 * folders are searched: `.github`, `.devcontainer`, and the `.docker/`, `.ci/`, `.cicd/` folders
 * where real repositories keep their container scripts.
 */
const skippedDirs = new Set([
  'node_modules', '.git', '.hg', '.svn', '.bzr', '.cache', '.npm', '.yarn', '.pnpm-store', '.venv', '.tox', '.nox',
  '.mypy_cache', '.pytest_cache', '.ruff_cache', '.gradle', '.m2', '.terraform', '.idea', '.vs', '.vscode-test',
  '.next', '.nuxt', '.angular', '.parcel-cache', '.eggs', '.direnv', '.cargo', '.rustup', '.local', '.Trash',
]);

export function isSkippedDir(name: string): boolean {
  return skippedDirs.has(name);
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
