/**
 * Makefile recipes: tab-indented lines after a rule, run by the shell. Make's own syntax is turned
 * into shell of the same length: `$(VAR)` → `${VAR}`, `$$` → ` $`, the `@`/`-`/`+` prefixes → blanks;
 * `$(CURDIR)` and `$(shell pwd)` are the working directory.
 */
import type { ParsedFile } from '../../model';
import type { SourceParser } from '../parser';
import { readPieces, type ShellPiece } from './embedded';

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
    const { runs, composeFiles } = readPieces(recipeLines(text), options.engine);
    return { kind: 'makefile', runs, ...(composeFiles.length ? { composeFiles } : {}) };
  },
};
