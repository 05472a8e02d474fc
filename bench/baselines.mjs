// Bare-parser baselines for bench/lsp.mjs, each in a fresh child process as a server is: a `yaml`
// parseDocument of a compose file after each of the bench's edits, and tree-sitter-bash's
// incremental reparse (`tree.edit()` + `parser.parse(text, oldTree)`) of a script after each edit.
// The child parses the file once (as a server does on open), then times one parse per edit.
//
// Run as a child: `node [--liftoff-only] bench/baselines.mjs yaml|reparse <input.json>`; prints
// the ms per edit as JSON.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyInsert } from './inputs.mjs';

const here = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(here), '..');

/** The options the core's compose parser gives parseDocument (server/src/core/parsers/yaml.ts). */
export const yamlOptions = { keepSourceTokens: true, merge: true, uniqueKeys: false, prettyErrors: false };

/**
 * Times the baseline of `input` in a child process; resolves the ms per edit, or undefined when the
 * child failed or passed `timeoutMs`.
 */
export function runBaseline(kind, input, file, timeoutMs) {
  writeFileSync(file, JSON.stringify({ text: input.text, edits: input.edits }));
  // The same V8 flag as the server (server/src/host/shellGrammar.ts): WebAssembly by Liftoff only.
  const flags = kind === 'reparse' ? ['--liftoff-only'] : [];
  return new Promise((resolve) => {
    execFile(process.execPath, [...flags, here, kind, file], { timeout: timeoutMs, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) {
        process.stderr.write(`baseline ${kind} ${input.name} failed: ${error.killed ? 'timeout' : String(error)} ${stderr}\n`);
        resolve(undefined);
      } else resolve(JSON.parse(stdout));
    });
  });
}

async function yamlTimes({ text, edits }) {
  const { parseDocument } = await import('yaml');
  let sink = parseDocument(text, yamlOptions).errors.length;
  const times = [];
  for (const position of edits) {
    text = applyInsert(text, position, 'x');
    const t0 = performance.now();
    sink += parseDocument(text, yamlOptions).errors.length;
    times.push(performance.now() - t0);
  }
  return sink >= 0 ? times : [];
}

/** The same web-tree-sitter runtime and bash grammar the server loads from dist/. */
async function reparseTimes({ text, edits }) {
  const require = createRequire(import.meta.url);
  const { Parser, Language } = require('web-tree-sitter');
  await Parser.init({ locateFile: () => path.join(root, 'dist/tree-sitter.wasm') });
  const parser = new Parser();
  parser.setLanguage(await Language.load(path.join(root, 'dist/tree-sitter-bash.wasm')));
  let tree = parser.parse(text);
  const times = [];
  for (const position of edits) {
    const startIndex = offsetOf(text, position);
    text = applyInsert(text, position, 'x');
    const t0 = performance.now();
    // One character typed: the edit ends where it starts in the old text, one column later in the new.
    tree.edit({
      startIndex,
      oldEndIndex: startIndex,
      newEndIndex: startIndex + 1,
      startPosition: { row: position.line, column: position.character },
      oldEndPosition: { row: position.line, column: position.character },
      newEndPosition: { row: position.line, column: position.character + 1 },
    });
    const next = parser.parse(text, tree);
    times.push(performance.now() - t0);
    tree.delete();
    tree = next;
  }
  return times;
}

function offsetOf(text, position) {
  let offset = 0;
  for (let line = 0; line < position.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + position.character;
}

if (process.argv[1] === here) {
  const [kind, file] = process.argv.slice(2);
  const input = JSON.parse(readFileSync(file, 'utf8'));
  const times = kind === 'yaml' ? await yamlTimes(input) : await reparseTimes(input);
  process.stdout.write(JSON.stringify(times));
}
