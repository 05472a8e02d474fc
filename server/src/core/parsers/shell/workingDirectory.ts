/**
 * Where a script's commands run, as a path from the script's own folder: the `cd`s that hold for
 * the rest of the script (top-level ones, `cd deploy || exit`), and the script's folder as scripts
 * name it (`$(dirname "$0")`, `DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"`, then
 * `cd "$DIR/.."` or `-f "$DIR/compose.yml"`). Compose commands take their paths from there.
 */
import type { Node } from 'web-tree-sitter';
import { evalWord } from './words';

/** A name or substitution that stands for the script itself, or for a path from the script's folder. */
interface Place {
  kind: 'script' | 'path';
  /** For a path: from the script's folder (`.`, `..`, `compose.yml`). */
  path: string;
}

/** `$0`, `${BASH_SOURCE[0]}`: the script itself. */
const selfName = /^(?:\$0|\$\{0\}|\$\{BASH_SOURCE(?:\[0\])?\}|\$BASH_SOURCE(?:\b|$))/;
/** `${0%/*}`, `${BASH_SOURCE[0]%/*}`: the script's folder, its name cut off (as run by a path: `./x.sh`, `test/x.sh`). */
const selfFolder = /^\$\{(?:0|BASH_SOURCE(?:\[0\])?)%\/\*\}/;
const variableName = /^\$(?:(\w+)|\{(\w+)\})/;
/** Longer words are no folder a script names (and are not searched: the patterns below are not linear). */
const maxWord = 1024;

/** The end (exclusive) of the substitution opened at `text[0]` (`$(` or a backquote), or -1. */
function substitutionEnd(text: string): number {
  if (text[0] === '`') return text.indexOf('`', 1) + 1 || -1;
  let depth = 0;
  for (let i = 1; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

/** Statements a `cd` inside does not leave (a subshell, a function, a pipeline part, a substitution). */
const contained = new Set(['subshell', 'function_definition', 'pipeline', 'command_substitution', 'process_substitution']);
/** Statements a `cd` inside leaves or not, depending on the run. */
const conditional = new Set(['if_statement', 'while_statement', 'for_statement', 'c_style_for_statement', 'case_statement', 'elif_clause', 'else_clause', 'do_group']);

/**
 * Where a path from the repository root starts (`$GITHUB_WORKSPACE/ci.yml` in a script →
 * `<repository>/ci.yml`): the script's reader does not know where the root is; composeFileLists
 * puts it in. No path a script writes starts so (`<` and `>` are redirections).
 */
export const repositoryRoot = '<repository>';
/** Names that hold the repository root when the script is run by a CI job (`$GITHUB_WORKSPACE`, GitLab's `$CI_PROJECT_DIR`). */
const rootNames = /^(?:GITHUB_WORKSPACE|CI_PROJECT_DIR)$/;

export const isAbsolutePath = (path: string): boolean => path.startsWith('/') || path === repositoryRoot || path.startsWith(`${repositoryRoot}/`);

/** `path` taken from the folder `from` (both from the script's folder). */
export function joinPath(from: string, path: string): string {
  return isAbsolutePath(path) || from === '.' ? path : path === '.' ? from : `${from}/${path}`;
}

export class WorkingDirectories {
  /** Top-level `cd`s in the order written: where, and the word (undefined: somewhere only the run tells). */
  private cds: { at: number; word: string | undefined }[] = [];
  /** What each name assigned the script or a folder holds, for each value it is assigned (undefined: something else). */
  private readonly values = new Map<string, (Place | undefined)[]>();
  /** Where the script starts (undefined: only the run tells). */
  private start: string | undefined = '.';
  /**
   * Where the script surely starts: a CI step or a make recipe where it is told (`startAt`); a
   * script of its own may be run from any folder (`start` takes its own as the likeliest).
   */
  private knownStart: string | undefined;
  /** Names the script does not assign that hold the script's folder (`$GITHUB_WORKSPACE` in a workflow step). */
  private folderNames: RegExp | undefined;

  /** The script starts in `dir` (from its folder), and `names` hold its folder. */
  startAt(dir: string | null, names?: RegExp): void {
    this.start = this.knownStart = dir ?? undefined;
    this.folderNames = names;
  }

  /** `NAME=value` somewhere in the script. */
  assigned(name: string, value: string): void {
    const text = value.replace(/["']/g, '');
    const lead = this.lead(text, new Set([name]));
    const place = lead?.rest.trim() === '' ? lead.place : undefined;
    const path = place ? undefined : this.fromScript(text, new Set([name]));
    this.values.set(name, [...(this.values.get(name) ?? []), place ?? (path === undefined ? undefined : { kind: 'path', path })]);
  }

  /** A `cd` command of the script, `base` the offset of its text. */
  collectCd(node: Node, base: number): void {
    const args = node.childrenForFieldName('argument').filter((a): a is Node => !!a);
    let holds = true;
    for (let p = node.parent; p && p.type !== 'program'; p = p.parent) {
      if (contained.has(p.type)) return;
      if (conditional.has(p.type)) holds = false;
    }
    const word = args.length === 1 && holds ? evalWord(args[0], base).value : undefined;
    this.cds.push({ at: base + node.startIndex, word });
  }

  /** The same, with offsets moved by an edit. */
  moved(move: (offset: number) => number): WorkingDirectories {
    const copy = new WorkingDirectories();
    copy.cds = this.cds.map((c) => ({ ...c, at: move(c.at) }));
    copy.start = this.start;
    copy.knownStart = this.knownStart;
    copy.folderNames = this.folderNames;
    for (const [name, values] of this.values) copy.values.set(name, [...values]);
    return copy;
  }

  /**
   * The path from the script's folder a word names when it starts with a folder the script names
   * from its own place (`"$(dirname "$0")/.."` → `..`, `$DIR/compose.yml` → `compose.yml`);
   * undefined otherwise.
   */
  fromScript(word: string, seen = new Set<string>()): string | undefined {
    const lead = this.lead(word.replace(/["']/g, ''), seen);
    if (lead?.place.kind !== 'path' || (lead.rest !== '' && !lead.rest.startsWith('/'))) return undefined;
    return joinPath(lead.place.path, lead.rest.replace(/^\/+/, '') || '.');
  }

  /**
   * What the start of a text (quotes taken out) stands for, and the rest: the script (`$0`,
   * `$(readlink -f "$0")`, a name holding it), or a path from the script's folder (`$(dirname X)`,
   * `$(cd X && pwd)`, a name holding one).
   */
  private lead(text: string, seen: Set<string>): { place: Place; rest: string } | undefined {
    if (text.length > maxWord) return undefined;
    const folder = selfFolder.exec(text)?.[0];
    if (folder) return { place: { kind: 'path', path: '.' }, rest: text.slice(folder.length) };
    const self = selfName.exec(text)?.[0];
    if (self) return { place: { kind: 'script', path: '' }, rest: text.slice(self.length) };
    const variable = variableName.exec(text);
    if (variable) {
      const name = variable[1] ?? variable[2];
      if (this.folderNames?.test(name) && !this.values.has(name)) return { place: { kind: 'path', path: '.' }, rest: text.slice(variable[0].length) };
      // A script of its own (no CI step around it) that a CI job runs sees the root there.
      if (!this.folderNames && rootNames.test(name) && !this.values.has(name)) return { place: { kind: 'path', path: repositoryRoot }, rest: text.slice(variable[0].length) };
      const values = seen.has(name) ? undefined : this.values.get(name);
      const place = values?.length === 1 ? values[0] : undefined;
      return place && { place, rest: text.slice(variable[0].length) };
    }
    if (!text.startsWith('$(') && !text.startsWith('`')) return undefined;
    const end = substitutionEnd(text);
    if (end < 0) return undefined;
    const inner = text.slice(text[0] === '`' ? 1 : 2, end - 1).trim();
    const place = this.substitution(inner, seen);
    return place && { place, rest: text.slice(end) };
  }

  /** `dirname X`, `readlink -f X`, `realpath X`, `cd X && pwd`: what the substitution's output stands for. */
  private substitution(inner: string, seen: Set<string>): Place | undefined {
    const whole = (text: string): Place | undefined => {
      const lead = this.lead(text.trim(), seen);
      return lead && lead.rest.trim() === '' ? lead.place : undefined;
    };
    const command = /^(dirname|readlink\s+-[a-z]*[fem][a-z]*|realpath)\s+(?:--\s+)?(.+)$/s.exec(inner);
    if (command) {
      const place = whole(command[2]);
      if (!place || !command[1].startsWith('dirname')) return place;
      return place.kind === 'script' ? { kind: 'path', path: '.' } : { kind: 'path', path: joinPath(place.path, '..') };
    }
    // `cd X [>/dev/null 2>&1] && pwd [-P]`, `cd X && echo "$(pwd -P)"`.
    const cd = /^cd\s+(?:--\s+)?(.+?)(?:\s+(?:&>|\d?>>?)\s*\S+|\s+\d?>&\d)*\s*&&\s*(?:pwd(?:\s+-P)?|echo\s+\$\(\s*pwd(?:\s+-P)?\s*\))$/s.exec(inner);
    const place = cd ? whole(cd[1]) : undefined;
    return place?.kind === 'path' ? place : undefined;
  }

  /** Where the script runs at `offset`, from its folder (`.`, `..`, `deploy`); undefined: only the run tells. */
  at(offset: number): string | undefined {
    return this.walk(this.start, offset);
  }

  /** Where the script surely runs at `offset`: as `at`, but a script of its own is somewhere only the run tells until it `cd`s to a folder it names. */
  knownAt(offset: number): string | undefined {
    return this.walk(this.knownStart, offset);
  }

  private walk(dir: string | undefined, offset: number): string | undefined {
    for (const cd of this.cds) {
      if (cd.at >= offset) break;
      dir = this.cd(dir, cd.word);
    }
    return dir;
  }

  /**
   * A mount source as a path from the script's folder (or the repository root): one that starts
   * with a folder the script names (`$(dirname "$0")/data`, `$GITHUB_WORKSPACE`), or a relative
   * path (`resolved`: `./data`, `$(pwd)/data` read as `./data`) of a command that surely runs in
   * `cwd` (`knownAt`), with the `cd` that took it there; undefined when only the run tells.
   */
  sourcePath(text: string, resolved: string, dynamic: boolean, cwd: string | undefined): { path: string; cd?: string } | undefined {
    const own = this.fromScript(text);
    if (own !== undefined) return /[$`]/.test(own) ? undefined : { path: own };
    if (dynamic || cwd === undefined || !/^\.\.?(?:\/|$)/.test(resolved)) return undefined;
    const path = { path: joinPath(cwd, resolved) };
    // Where a CI step or make recipe starts goes without saying; a `cd` does not.
    return cwd === this.knownStart ? path : { ...path, cd: cwd };
  }

  /** Where `cd word` run in `dir` goes. */
  cd(dir: string | undefined, word: string | undefined): string | undefined {
    if (word === undefined) return undefined;
    const own = this.fromScript(word);
    if (own !== undefined) return own;
    if (/[$`~]/.test(word) || word === '-' || word === '') return undefined;
    return isAbsolutePath(word) ? word : dir === undefined ? undefined : joinPath(dir, word);
  }
}
