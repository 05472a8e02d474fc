/**
 * Markdown: fenced code blocks tagged `sh`, `bash`, `shell`, `zsh` or `console` are where people
 * copy `docker run` lines from. In `console` blocks only prompt lines (`$ `, `# `) are commands;
 * the prompt and the output lines are blanked.
 */
import type { ParsedFile } from '../../model';
import type { SourceParser } from '../parser';
import { runsOf, type ShellPiece } from './embedded';

const fence = /^( {0,3})(`{3,}|~{3,})[ \t]*([\w+-]*)[^\n]*\n([\s\S]*?)^ {0,3}\2[`~]*[ \t]*$/gm;
const shellTags = new Set(['sh', 'bash', 'shell', 'zsh', 'console', 'shell-session', 'terminal']);

function pieces(text: string): ShellPiece[] {
  const out: ShellPiece[] = [];
  for (const m of text.matchAll(fence)) {
    const tag = m[3].toLowerCase();
    if (!shellTags.has(tag)) continue;
    const body = m[4];
    const start = m.index + m[0].indexOf('\n') + 1;
    const console = tag === 'console' || tag === 'shell-session' || tag === 'terminal';
    out.push({ text: console ? consoleCommands(body) : body, start });
  }
  return out;
}

/** Keeps prompt lines (and their `\` continuations) as commands; blanks prompts and output. */
function consoleCommands(body: string): string {
  let continued = false;
  return body
    .split('\n')
    .map((line) => {
      const prompt = /^(\s*(?:[\w.@~:/-]*[$#]|>)\s)/.exec(line);
      const keep = prompt || continued;
      const text = prompt ? ' '.repeat(prompt[1].length) + line.slice(prompt[1].length) : keep ? line : line.replace(/[^\r]/g, ' ');
      continued = !!keep && /\\\r?$/.test(line);
      return text;
    })
    .join('\n');
}

export const markdownParser: SourceParser = {
  usesShellGrammar: true,
  kind: 'markdown',
  languageIds: ['markdown'],
  matchesName: (name) => /\.(?:md|markdown)$/i.test(name),
  matchesContent: () => false,
  parse: (text): ParsedFile => ({ kind: 'markdown', runs: runsOf(pieces(text)) }),
};
