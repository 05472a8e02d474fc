/**
 * The `-f`/`--file` lists of compose commands in scripts and Makefiles
 * (`docker compose -f base.yml -f prod.yml up`, `podman-compose --file=a.yml --file b.yml run`):
 * files named together are one project, each file overriding the ones before it, as compose
 * merges them. Read line by line (continuations joined), not through the shell grammar: only the
 * options between the compose command and its subcommand matter here.
 */
import { composeValueOptions } from '../parsers/shell/runOptions';
import { resolvePath } from './projectFiles';

/** Words that run a command without being it. */
const wrappers = new Set(['sudo', 'exec', 'command', 'time', 'nohup', 'env']);
const composeCommand = /(?:^|\/)(?:docker-compose|podman-compose)$/;
const engine = /(?:^|\/)(?:docker|podman)$/;
/** Engine options before `compose` that take a value (`docker --context x compose`). */
const engineValueOptions = new Set(['context', 'c', 'H', 'host', 'config', 'log-level', 'l', 'connection', 'url', 'identity', 'root', 'runroot']);

/** Words and the separators between commands (`;`, `&&`, `|`, parentheses), quotes taken off. */
function tokens(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/(?:'[^']*'|"(?:[^"\\]|\\.)*"|[^\s'";&|()`#]|(?<=\S)#)+|[;&|()`]+|#.*/g)) {
    if (m[0].startsWith('#')) break;
    out.push(/^[;&|()`]+$/.test(m[0]) ? ';' : m[0].replace(/'([^']*)'|"((?:[^"\\]|\\.)*)"/g, (_, a: string | undefined, b: string | undefined) => a ?? b!.replace(/\\(.)/g, '$1')));
  }
  return out;
}

/** The files one command names with -f, in order, when it is a compose command; undefined otherwise. */
function filesOf(words: string[]): string[] | undefined {
  let i = 0;
  // `@`/`-` prefix a Makefile recipe line; assignments and wrappers come before the command.
  while (i < words.length && (wrappers.has(words[i].replace(/^[@+-]+/, '')) || /^[A-Za-z_]\w*=/.test(words[i]))) i++;
  const head = words[i]?.replace(/^[@+-]+/, '');
  if (head === undefined) return undefined;
  if (!composeCommand.test(head)) {
    if (!engine.test(head)) return undefined;
    for (i++; words[i]?.startsWith('-'); i++) if (!words[i].includes('=') && engineValueOptions.has(words[i].replace(/^-+/, ''))) i++;
    if (words[i] !== 'compose') return undefined;
  }
  const files: string[] = [];
  for (i++; i < words.length && words[i].startsWith('-'); i++) {
    const word = words[i];
    const long = /^--([\w-]+)(?:=(.*))?$/.exec(word);
    const name = long ? long[1] : word.slice(1, 2);
    const attached = long ? long[2] : word.length > 2 ? word.slice(2) : undefined;
    const value = attached ?? (composeValueOptions.has(name) ? words[++i] : undefined);
    if ((name === 'f' || name === 'file') && value !== undefined) files.push(value);
  }
  return files;
}

/**
 * The lists of two or more files that the compose commands of a script or Makefile at `dir` name,
 * resolved against `dir` (where make runs a recipe, and where a script is most often run from),
 * or the folder a `cd` earlier on the line went to (`cd deploy && docker compose -f ...`). A list
 * with a file only known at run time (`$(BASE)`, `${FILE}`) is left out.
 */
export function composeFileLists(text: string, dir: string): string[][] {
  const lists: string[][] = [];
  const seen = new Set<string>();
  let words: string[] = [];
  let cwd = dir;
  const end = (): void => {
    const files = filesOf(words);
    if (words[0]?.replace(/^[@+-]+/, '') === 'cd' && words.length === 2) cwd = /[$`~]/.test(words[1]) ? '' : resolvePath(cwd, words[1]);
    words = [];
    if (!cwd || !files || files.length < 2 || files.some((f) => /[$`*?]/.test(f))) return;
    const list = files.map((f) => resolvePath(cwd, f));
    const key = list.join('\0');
    if (!seen.has(key)) lists.push(list), seen.add(key);
  };
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    for (const token of tokens(line)) {
      if (token === ';') end();
      else words.push(token);
    }
    end();
    cwd = dir;
  }
  return lists;
}
