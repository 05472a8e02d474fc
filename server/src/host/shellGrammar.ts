// Loads the bash grammar for the server and the CLI from the wasm files next to their bundle
// (scripts/build.mjs copies them into dist/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { initShellParser } from '../core';

/**
 * WebAssembly is compiled by V8's baseline tier (Liftoff) only. With the default dynamic tiering,
 * hot grammar functions are recompiled by TurboFan on background threads; a process whose work is
 * done while such a job runs can wait for it forever at exit (nodejs/node#54918: the CLI hung after
 * printing its output in about 1 run of 10), and optimising the 1.3 MB grammar cost every CLI start
 * about 0.5 s and 50 MB. Liftoff code parses about 1.4x slower in a warm process (50 against 35 ms
 * for a 2,000-line script), which docs/performance.md weighs. The flag only takes effect for modules
 * compiled after it is set, so it is set here, before the first WebAssembly compile of the process.
 */
export function compileWasmWithBaselineTierOnly(): void {
  v8.setFlagsFromString('--liftoff-only');
}

let loading: Promise<void> | undefined;

/**
 * Resolves once the grammar is loaded, or once `warn` was told why shell scripts go unchecked.
 * Later calls share the first one's promise, so callers may ask whenever a file needs it.
 */
export function loadShellGrammar(dir: string, warn: (message: string) => void): Promise<void> {
  loading ??= (async () => {
    const wasm = { treeSitter: path.join(dir, 'tree-sitter.wasm'), bash: path.join(dir, 'tree-sitter-bash.wasm') };
    // A missing wasm makes Emscripten abort the process instead of rejecting: check before loading.
    const missing = Object.values(wasm).filter((file) => !fs.existsSync(file));
    try {
      if (missing.length > 0) throw new Error(`missing ${missing.join(', ')}`);
      compileWasmWithBaselineTierOnly();
      await initShellParser(wasm);
    } catch (error) {
      warn(`selinux-mounts: shell scripts will not be checked: ${String(error)}`);
    }
  })();
  return loading;
}
