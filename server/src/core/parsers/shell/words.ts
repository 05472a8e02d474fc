/**
 * Shell words as the command will see them: quotes removed, escapes applied, expansions kept as
 * written (`$PWD`, `${X:-d}`, `$(pwd)`), with each character's offset in the file so that spans
 * and edits land on the original text.
 */
import type { Node } from 'web-tree-sitter';
import { interpolate } from '../../interpolation';
import type { Span } from '../../model';

export interface Word {
  value: string;
  /** The file offset of each character of `value`. */
  offsets: number[];
  /** The word's node span in the file. */
  span: Span;
  /** A `$` or `` ` `` made literal by single quotes or a backslash: it would expand once re-quoted. */
  literalDollar?: boolean;
}

const expansionTypes = new Set(['simple_expansion', 'expansion', 'command_substitution', 'arithmetic_expansion', 'process_substitution']);

function push(word: Word, text: string, start: number): void {
  for (let i = 0; i < text.length; i++) {
    word.value += text[i];
    word.offsets.push(start + i);
  }
}

/** Characters of `text` (at `start`) with backslash escapes applied: inside double quotes only before `$`, `` ` ``, `"`, `\`. */
function pushEscaped(word: Word, text: string, start: number, inDoubleQuotes: boolean): void {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length && (!inDoubleQuotes || '$`"\\\n'.includes(text[i + 1]))) {
      i++;
      if (text[i] === '\n') continue;
      if (text[i] === '$' || text[i] === '`') word.literalDollar = true;
    }
    word.value += text[i];
    word.offsets.push(start + i);
  }
}

function evalInto(word: Word, node: Node, base: number): void {
  const start = base + node.startIndex;
  switch (node.type) {
    case 'raw_string':
      push(word, node.text.slice(1, -1), start + 1);
      if (/[$`]/.test(node.text)) word.literalDollar = true;
      return;
    case 'ansi_c_string':
      push(word, node.text.slice(2, -1), start + 2);
      if (/[$`]/.test(node.text)) word.literalDollar = true;
      return;
    case 'string': {
      // Expansions inside stay verbatim: pushEscaped keeps `$` and the text after it.
      pushEscaped(word, node.text.slice(1, -1), start + 1, true);
      return;
    }
    case 'concatenation':
      for (const child of node.children) if (child) evalInto(word, child, base);
      return;
    default:
      if (expansionTypes.has(node.type)) push(word, node.text, start);
      else pushEscaped(word, node.text, start, false);
  }
}

export function evalWord(node: Node, base: number): Word {
  const word: Word = { value: '', offsets: [], span: { start: base + node.startIndex, end: base + node.endIndex } };
  evalInto(word, node, base);
  return word;
}

/** The part of a word from character `from` on (`--volume=x` → `x`). */
export function sliceWord(word: Word, from: number): Word {
  const offsets = word.offsets.slice(from);
  const start = offsets[0] ?? word.span.end;
  return { value: word.value.slice(from), offsets, span: { start, end: word.span.end }, literalDollar: word.literalDollar };
}

/** The file span of characters [from, to) of a word, when they are contiguous in the file. */
export function spanOf(word: Word, from: number, to: number): Span | undefined {
  if (to <= from) {
    const at = word.offsets[from] ?? word.span.end;
    return { start: at, end: at };
  }
  const start = word.offsets[from];
  const end = word.offsets[to - 1] + 1;
  return end - start === to - from ? { start, end } : undefined;
}

/**
 * A host path as far as the script tells: `$(pwd)`, `` `pwd` ``, `$PWD` are the working directory,
 * `$HOME` and `~` the home; other substitutions leave it dynamic.
 */
export function resolveShellPath(value: string): { value: string; dynamic: boolean } {
  // `/$PWD` (written so Git Bash on Windows leaves the path alone) is `//` + the working directory.
  const pwd = value.replace(/^\/?(?:\$\(\s*pwd\s*\)|`\s*pwd\s*`|\$PWD\b|\$\{PWD\})(?=\/|$)/, '.');
  const { value: resolved, dynamic } = interpolate(pwd);
  // Command substitutions and positional or special parameters (`$1`, `$@`) are known only at run time.
  return { value: resolved, dynamic: dynamic || /\$\(|`|\$[0-9@*#?!-]/.test(pwd) };
}
