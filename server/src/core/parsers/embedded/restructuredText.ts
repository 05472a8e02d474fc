/**
 * reStructuredText (Sphinx docs, Podman's among them): the bodies of `.. code-block::`, `.. code::`,
 * `.. sourcecode::` and `.. prompt::` (and project variants such as `.. version-prompt::`) directives, and `::` literal blocks, read like Markdown code
 * blocks (docCommands.ts). A body is the indented text after the directive and its options; the
 * indentation is harmless to the shell, so offsets and columns are the file's own.
 */
import type { ParsedFile } from '../../model';
import type { SourceParser } from '../parser';
import { blockPiece, docFile, modeOfTag, type BlockMode } from './docCommands';
import type { ShellPiece } from './embedded';

const directive = /^([ \t]*)\.\.[ \t]+(code-block|code|sourcecode|(?:[\w-]+-)?prompt)::[ \t]*(\S*)(.*)$/;
/** A paragraph ending in `::` (not a directive): the indented block after it is literal text. */
const literalMarker = /^([ \t]*)(?!\.\.\s)\S.*::[ \t]*$|^([ \t]*)::[ \t]*$/;

const indentOf = (line: string): number => /^[ \t]*/.exec(line)![0].replace(/\t/g, '        ').length;
const isBlank = (line: string): boolean => line.trim() === '';

/** `.. prompt:: bash $` has the prompt in the directive and bare commands below; `, auto` writes it on each line. */
function modeOf(kind: string, language: string, args: string): BlockMode | undefined {
  if (kind.endsWith('prompt')) return /\bauto\b/.test(args) ? 'session' : modeOfTag(language) && modeOfTag(language) !== 'sniff' ? 'script' : undefined;
  return modeOfTag(language);
}

function pieces(text: string): ShellPiece[] {
  const raw = text.split('\n');
  const lines = raw.map((l) => l.replace(/\r$/, ''));
  const starts: number[] = [];
  let at = 0;
  for (const line of raw) {
    starts.push(at);
    at += line.length + 1;
  }
  const out: ShellPiece[] = [];
  for (let i = 0; i < lines.length; i++) {
    const d = directive.exec(lines[i]);
    const literal = d ? undefined : literalMarker.exec(lines[i]);
    if (!d && !literal) continue;
    const indent = indentOf(lines[i]);
    let j = i + 1;
    // Directive options (`:caption: x`) come first, indented.
    if (d) while (j < lines.length && !isBlank(lines[j]) && indentOf(lines[j]) > indent && /^[ \t]*:[\w-]+:/.test(lines[j])) j++;
    const first = j;
    let end = j;
    for (; j < lines.length; j++) {
      if (isBlank(lines[j])) continue;
      if (indentOf(lines[j]) <= indent) break;
      end = j + 1;
    }
    const mode = d ? modeOf(d[2], d[3], d[4]) : 'sniff';
    if (mode && end > first) {
      const piece = blockPiece(raw.slice(first, end), starts[first], mode);
      if (piece) out.push(piece);
    }
    i = Math.max(i, end - 1);
  }
  return out;
}

export const restructuredTextParser: SourceParser = {
  usesShellGrammar: true,
  kind: 'restructuredtext',
  languageIds: ['restructuredtext'],
  matchesName: (name) => /\.rst$/i.test(name),
  matchesContent: () => false,
  parse: (text, options): ParsedFile => docFile('restructuredtext', text, pieces(text), options.engine),
};
