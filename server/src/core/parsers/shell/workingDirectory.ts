/**
 * Where a script's commands run, as a path from the script's own folder: the `cd`s that hold for
 * the rest of the script (top-level ones, `cd deploy || exit`), and the script's folder as scripts
 * name it (`$(dirname "$0")`, `DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"`, then
 * `cd "$DIR/.."` or `-f "$DIR/compose.yml"`). Compose commands take their paths from there.
 */
import type { Node } from 'web-tree-sitter';
import { evalWord } from './words';

const self = String.raw`(?:\$0|\$\{0\}|\$\{?BASH_SOURCE(?:\[0\])?\}?)`;
const resolvedSelf = String.raw`(?:${self}|\$\(\s*(?:readlink\s+-[a-z]*f[a-z]*|realpath)\s+(?:--\s+)?${self}\s*\))`;
const dirnameOfSelf = String.raw`dirname\s+(?:--\s+)?${resolvedSelf}`;
/**
 * The script's folder as written at the start of a word, quotes taken out: `$(dirname "$0")`,
 * `` `dirname $0` ``, `$(dirname "$(readlink -f "$0")")`, `$(cd "$(dirname "$0")" && pwd)`.
 */
const scriptFolder = new RegExp(
  String.raw`^(?:\$\(\s*(?:${dirnameOfSelf}|cd\s+(?:--\s+)?\$\(\s*${dirnameOfSelf}\s*\)[^()]*?&&\s*pwd(?:\s+-P)?)\s*\)|\`\s*${dirnameOfSelf}\s*\`)`,
);
const leadingVariable = /^\$(?:(\w+)|\{(\w+)\})/;

/** Statements a `cd` inside does not leave (a subshell, a function, a pipeline part, a substitution). */
const contained = new Set(['subshell', 'function_definition', 'pipeline', 'command_substitution', 'process_substitution']);
/** Statements a `cd` inside leaves or not, depending on the run. */
const conditional = new Set(['if_statement', 'while_statement', 'for_statement', 'c_style_for_statement', 'case_statement', 'elif_clause', 'else_clause', 'do_group']);

export const isAbsolutePath = (path: string): boolean => path.startsWith('/');

/** `path` taken from the folder `from` (both from the script's folder). */
export function joinPath(from: string, path: string): string {
  return isAbsolutePath(path) || from === '.' ? path : path === '.' ? from : `${from}/${path}`;
}

export class WorkingDirectories {
  /** Top-level `cd`s in the order written: where, and the word (undefined: somewhere only the run tells). */
  private cds: { at: number; word: string | undefined }[] = [];
  /** Names holding the script's folder or a path from it (`DIR=$(dirname "$0")` → `.`), each with every value assigned. */
  private readonly values = new Map<string, (string | undefined)[]>();

  /** `NAME=value` somewhere in the script. */
  assigned(name: string, value: string): void {
    this.values.set(name, [...(this.values.get(name) ?? []), this.fromScript(value, new Set([name]))]);
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
    for (const [name, values] of this.values) copy.values.set(name, [...values]);
    return copy;
  }

  /**
   * The path from the script's folder a word names when it starts with the script's folder
   * (`"$(dirname "$0")/.."` → `..`, `$DIR/compose.yml` → `compose.yml`); undefined otherwise.
   */
  fromScript(word: string, seen = new Set<string>()): string | undefined {
    const text = word.replace(/["']/g, '');
    const idiom = scriptFolder.exec(text)?.[0];
    const variable = idiom ? undefined : leadingVariable.exec(text);
    const rest = text.slice((idiom ?? variable?.[0] ?? '').length);
    if (rest !== '' && !rest.startsWith('/')) return undefined;
    const path = rest.replace(/^\/+/, '') || '.';
    if (idiom) return path;
    const name = variable && (variable[1] ?? variable[2]);
    if (!name || seen.has(name)) return undefined;
    const values = this.values.get(name);
    const value = values?.length === 1 ? values[0] : undefined;
    return value === undefined ? undefined : joinPath(value, path);
  }

  /** Where the script runs at `offset`, from its folder (`.`, `..`, `deploy`); undefined: only the run tells. */
  at(offset: number): string | undefined {
    let dir: string | undefined = '.';
    for (const cd of this.cds) {
      if (cd.at >= offset) break;
      dir = this.cd(dir, cd.word);
    }
    return dir;
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
