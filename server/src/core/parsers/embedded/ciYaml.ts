/**
 * CI files: GitHub Actions `run:` steps and GitLab CI `script:` lines (also `before_script:`,
 * `after_script:`). Block scalars are read from the file's own text, so offsets and columns are
 * exact (the indentation is harmless to the shell); `${{ expr }}` becomes a same-length `$___`
 * variable, a value only known at run time.
 */
import type { ParsedFile } from '../../model';
import type { SourceParser } from '../parser';
import { isMap, isScalar, isSeq, parseYaml, type Scalar } from '../yaml';
import { blank, runsOf, type ShellPiece } from './embedded';

const scriptKeys = new Set(['script', 'before_script', 'after_script']);

function piece(text: string, node: Scalar): ShellPiece | undefined {
  if (!node.range || typeof node.value !== 'string') return undefined;
  let start = node.range[0];
  let end = node.range[1];
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    start = text.indexOf('\n', start) + 1; // The content starts below the `|` or `>` header.
    if (start === 0) return undefined;
  } else if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    start++;
    end--;
  }
  let shell = blank(text.slice(start, end), /\$\{\{[\s\S]*?\}\}/g, (m) => '$' + m.slice(1).replace(/[^\r\n]/g, '_'));
  // Folded and plain scalars join their lines with spaces, so the shell must not see line breaks.
  if (node.type !== 'BLOCK_LITERAL') shell = shell.replace(/\r?\n/g, (eol) => ' '.repeat(eol.length));
  return { text: shell, start };
}

function pieces(text: string): ShellPiece[] {
  const doc = parseYaml(text);
  const root = doc?.contents;
  if (!isMap(root)) return [];
  const out: ShellPiece[] = [];
  const add = (node: unknown): void => {
    const nodes = isSeq(node) ? node.items : [node];
    for (const n of nodes) if (isScalar(n)) out.push(...[piece(text, n as Scalar)].filter((p): p is ShellPiece => !!p));
  };
  const jobs = root.get('jobs', true);
  if (isMap(jobs)) {
    // GitHub Actions: jobs.<id>.steps[].run
    for (const job of jobs.items) {
      const steps = isMap(job.value) ? job.value.get('steps', true) : undefined;
      if (!isSeq(steps)) continue;
      for (const step of steps.items) if (isMap(step)) add(step.get('run', true));
    }
  }
  // GitLab CI: <job>.script (and the global before_script/after_script).
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (scriptKeys.has(key)) add(pair.value);
    else if (isMap(pair.value)) for (const k of scriptKeys) add(pair.value.get(k, true));
  }
  return out;
}

export const ciParser: SourceParser = {
  usesShellGrammar: true,
  kind: 'ci',
  languageIds: ['github-actions-workflow'],
  matchesName: (name) => /^\.gitlab-ci\.ya?ml$/.test(name),
  matchesContent: (name, text, byContent) => (byContent || /\.ya?ml$/i.test(name)) && /^jobs:/m.test(text) && /^\s+(?:runs-on|steps):/m.test(text),
  parse: (text): ParsedFile => ({ kind: 'ci', runs: runsOf(pieces(text)) }),
};
