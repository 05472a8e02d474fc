/**
 * The bash grammar on web-tree-sitter (wasm). Loading is asynchronous, so the host (server, CLI,
 * tests) awaits `initShellParser` once with the paths of the two wasm files, and parsing after that
 * is synchronous like the rest of the core. The core itself never touches the file system.
 * Pins: web-tree-sitter 0.25.10 + tree-sitter-bash 0.25.1 (its npm tarball ships the wasm).
 */
import { Language, Parser, type Tree } from 'web-tree-sitter';

export interface ShellWasmPaths {
  /** `web-tree-sitter/tree-sitter.wasm` */
  treeSitter: string;
  /** `tree-sitter-bash/tree-sitter-bash.wasm` */
  bash: string;
}

let ready: Promise<void> | undefined;
let parser: Parser | undefined;

/** Loads the grammar; later calls share the first one's promise. */
export function initShellParser(paths: ShellWasmPaths): Promise<void> {
  ready ??= (async () => {
    await Parser.init({ locateFile: () => paths.treeSitter });
    const bash = await Language.load(paths.bash);
    parser = new Parser();
    parser.setLanguage(bash);
  })();
  return ready;
}

/**
 * Parses bash text; undefined before initialisation. The caller must `delete()` the tree.
 * `previous`: the tree of the text before an edit, already told of it (`tree.edit()`): tree-sitter
 * reuses what the edit left alone.
 */
export function parseBash(text: string, previous?: Tree): Tree | undefined {
  return parser?.parse(text, previous) ?? undefined;
}
