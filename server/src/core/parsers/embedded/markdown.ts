/**
 * Markdown and MDX: fenced code blocks (```` ``` ```` and `~~~`) are where people copy `docker run`
 * lines from, wherever the fence sits: in a list item, under an MkDocs content tab or admonition
 * (indented), in a blockquote or GitHub alert (`> ` before every line). The container's prefix
 * is blanked, so the commands keep their columns in the file. How a block is read follows its
 * language (docCommands.ts): shell, a terminal session, or an untagged block where only engine
 * command lines count.
 */
import type { ParsedFile } from '../../model';
import type { SourceParser } from '../parser';
import { blockPiece, docFile, modeOfTag } from './docCommands';
import type { ShellPiece } from './embedded';

/** A fence opening: blockquote markers, indentation and a list marker may come before it. */
const opening = /^((?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)(`{3,}|~{3,})(.*)$/;

interface Line {
  text: string;
  start: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    lines.push({ text: line, start });
    start += line.length + 1;
  }
  return lines;
}

const quoteDepth = (prefix: string): number => (/^(?:[ \t]*>)*/.exec(prefix)?.[0].match(/>/g) ?? []).length;

/** The language of a fence's info string: ` bash title="x"`, `{ .sh .no-copy }`, `shell{1,3}`. */
function tagOf(info: string): string {
  return /^[ \t]*\{?[ \t]*\.?([\w+-]*)/.exec(info)?.[1] ?? '';
}

function pieces(text: string): ShellPiece[] {
  const lines = linesOf(text);
  const out: ShellPiece[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = opening.exec(lines[i].text.replace(/\r$/, ''));
    if (!m) continue;
    const [, prefix, fence, info] = m;
    // A backtick fence's info string holds no backtick (CommonMark); else it is inline code.
    if (fence[0] === '`' && info.includes('`')) continue;
    const depth = quoteDepth(prefix);
    const close = new RegExp(`^(?:[ \\t]*>){0,${depth}}[ \\t]*${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*\\r?$`);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j].text;
      // Inside a blockquote, a line with fewer markers ends the quote and the block with it.
      const markers = /^(?:[ \t]*>)*/.exec(line)![0];
      if (depth > 0 && quoteDepth(markers) < depth && line.trim() !== '') break;
      if (close.test(line)) break;
      body.push(depth > 0 ? blankQuoteMarkers(line, depth) : line);
    }
    const mode = modeOfTag(tagOf(info));
    if (mode && body.length > 0) {
      const piece = blockPiece(body, lines[i + 1].start, mode);
      if (piece) out.push(piece);
    }
    i = j;
  }
  return out;
}

/** `> > docker run` → `    docker run`: the quote's markers as blanks, the columns kept. */
function blankQuoteMarkers(line: string, depth: number): string {
  let seen = 0;
  let k = 0;
  while (k < line.length && seen < depth && /[ \t>]/.test(line[k])) {
    if (line[k] === '>') seen++;
    k++;
  }
  // The one optional space after the last marker belongs to the marker.
  if (line[k] === ' ') k++;
  return line.slice(0, k).replace(/>/g, ' ') + line.slice(k);
}

export const markdownParser: SourceParser = {
  usesShellGrammar: true,
  kind: 'markdown',
  languageIds: ['markdown', 'mdx'],
  matchesName: (name) => /\.(?:md|markdown|mdx)$/i.test(name),
  matchesContent: () => false,
  parse: (text, options): ParsedFile => docFile('markdown', text, pieces(text), options.engine),
};
