// Loads the bash grammar for the server and the CLI from the wasm files next to their bundle
// (scripts/build.mjs copies them into dist/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initShellParser } from '../core';

/** Resolves once the grammar is loaded, or once `warn` was told why shell scripts go unchecked. */
export async function loadShellGrammar(dir: string, warn: (message: string) => void): Promise<void> {
  const wasm = { treeSitter: path.join(dir, 'tree-sitter.wasm'), bash: path.join(dir, 'tree-sitter-bash.wasm') };
  // A missing wasm makes Emscripten abort the process instead of rejecting: check before loading.
  const missing = Object.values(wasm).filter((file) => !fs.existsSync(file));
  try {
    if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}`);
    await initShellParser(wasm);
  } catch (error) {
    warn(`selinux-mounts: shell scripts will not be checked: ${String(error)}`);
  }
}
