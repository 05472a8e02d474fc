/**
 * Makefile recipes: tab-indented lines after a rule, run by the shell. Make's own syntax is turned
 * into shell of the same length: `$(VAR)` → `${VAR}`, `$$` → ` $`, the `@`/`-`/`+` prefixes → blanks;
 * `$(CURDIR)` and `$(shell pwd)` are the working directory.
 */
import type { ParsedFile } from '../../model';
import type { SourceParser } from '../parser';
import type { OuterValues } from '../shell/shell';
import { quoteAsWritten, readPieces, type ShellPiece } from './embedded';

function recipeLines(text: string): ShellPiece[] {
  const out: ShellPiece[] = [];
  let inRule = false;
  let offset = 0;
  let piece: ShellPiece | undefined;
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (piece) {
      // A `\`-continued recipe line: the shell sees one command, so it stays one piece.
      piece.text += '\n' + toShell(line);
    } else if (inRule && line.startsWith('\t')) {
      piece = { text: toShell(line), start };
      out.push(piece);
    } else if (/^[^\t#=\s][^=]*::?(?!=)/.test(line)) inRule = true;
    else if (line.trim() !== '' && !line.startsWith('#')) inRule = false;
    if (piece && !/\\\r?$/.test(line)) piece = undefined;
  }
  return out;
}

/**
 * The Makefile's variables a recipe's compose options may name (`ENV_FILE = deploy/.env.dev`, `:=`,
 * `::=`, `?=`, `export COMPOSE_FILE = a.yml:b.yml`), set outside recipes: the value of one set once
 * to a value that expands nothing but such variables (`DC = docker compose -f $(DIR)/compose.yml`
 * with `DIR = srcs`; for `:=`, set before it, as make expands it there); none for one set twice
 * (`ifeq` branches, `?=` after `=`) or to another expansion. Exported: with `export`, or all of
 * them under `.EXPORT_ALL_VARIABLES:`.
 */
function makeVariables(text: string): OuterValues {
  const written = new Map<string, { value: string; at: number; immediate: boolean; twice: boolean; exported: boolean }>();
  text.split('\n').forEach((line, at) => {
    const m = /^(export\s+)?([A-Za-z_][\w.-]*)\s*(:{1,3}=|\?=|=)\s*(.*)$/.exec(line);
    if (!m) return;
    const [, exported, name, op, rest] = m;
    const known = written.get(name);
    const value = rest.split('#')[0].trim();
    written.set(name, { value, at, immediate: op.startsWith(':'), twice: !!known, exported: !!exported || !!known?.exported });
  });
  const resolved = new Map<string, string | undefined>();
  const valueOf = (name: string, depth: number, before = Infinity): string | undefined => {
    const v = written.get(name);
    if (!v || v.twice || v.value === '' || v.at >= before || depth > 8) return undefined;
    if (resolved.has(name)) return resolved.get(name);
    let failed = /\\/.test(v.value);
    const value = v.value.replace(/\$(?:\((\w+)\)|\{(\w+)\})|\$/g, (whole, a?: string, b?: string) => {
      const inner = a ?? b ? valueOf((a ?? b)!, depth + 1, v.immediate ? v.at : Infinity) : undefined;
      if (inner === undefined) failed = true;
      return inner ?? whole;
    });
    const out = failed ? undefined : value;
    resolved.set(name, out);
    return out;
  };
  // `.EXPORT_ALL_VARIABLES:`, or `export` alone on a line: every variable reaches the recipes' environment.
  const all = /^(?:\.EXPORT_ALL_VARIABLES\s*:|export[ \t]*$)/m.test(text);
  return new Map([...written].map(([name, v]) => {
    const value = valueOf(name, 0);
    return [name, { ...(value !== undefined ? { value } : {}), exported: v.exported || all }];
  }));
}

/** Make's syntax as same-length shell; `$$` and `$(VAR)` in one pass, so `$$(pwd)` stays `$(pwd)`. */
function toShell(line: string): string {
  return line
    .replace(/^(\t)([@+-]+)/, (_, tab: string, prefix: string) => tab + ' '.repeat(prefix.length))
    .replace(/\$\(shell pwd\)/g, '$(      pwd)')
    .replace(/\$\(CURDIR\)/g, '$(   pwd)')
    .replace(/\$\$|\$\((\w+)\)/g, (_match: string, name?: string) => (name ? '${' + name + '}' : ' $'));
}

export const makefileParser: SourceParser = {
  usesShellGrammar: true,
  kind: 'makefile',
  languageIds: ['makefile'],
  matchesName: (name) => /^(?:GNUmakefile|[Mm]akefile)$|\.mk$/.test(name),
  matchesContent: () => false,
  parse: (text, options): ParsedFile => {
    const { runs, composeFiles } = readPieces(recipeLines(text), options.engine, { values: makeVariables(text) });
    quoteAsWritten(runs, text, /\$[($]/);
    return { kind: 'makefile', runs, ...(composeFiles.length ? { composeFiles } : {}) };
  },
};
