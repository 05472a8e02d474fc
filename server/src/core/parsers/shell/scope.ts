/**
 * What a script tells about its own names: variables (scalars and arrays, with every value they
 * are assigned and where), shell functions and aliases that forward to a command
 * (`dkr() { podman "$@"; }`, `alias dc='docker compose'`), and the engine a word names.
 */
import type { Node } from 'web-tree-sitter';
import { interpolate } from '../../interpolation';
import type { ShellEngine } from './runCommand';
import { composeValueOptions, wrappers } from './runOptions';
import { WorkingDirectories } from './workingDirectory';
import { evalWord, resolveShellPath, type Word } from './words';

/** A command word that stands for docker or podman, whichever the host has. */
const eitherEngine = 'docker|podman';
const engineNames: Record<string, ShellEngine> = {
  docker: 'docker',
  podman: 'podman',
  'docker-compose': 'docker',
  'podman-compose': 'podman',
  'nvidia-docker': 'docker',
  // buildah takes podman's mount options.
  buildah: 'podman',
  [eitherEngine]: 'unknown',
};
/** A variable that names the engine when the script does not say which (`$CONTAINER_ENGINE run`). */
const engineVariable = /docker|podman|engine|runtime|container|ctr|oci/i;
/** `$(command -v podman || which docker)`: the programs a substitution looks up. */
const lookup = /\b(?:command\s+-v|which|type\s+-[pP])\s+([\w./-]+)/g;
/** `$(docker volume create)`, `$(podman volume ls -q ...)`: a substitution that yields volume names. */
export const volumeSubstitution = /^\$\(\s*(?:sudo\s+)?(?:\S*\/)?(?:docker|podman)\s+volume\s+(?:create|ls|list)\b/;

/** `$NAME`, `${NAME}`: a word that is one variable and nothing else. */
export const variableWord = /^\$(?:(\w+)|\{(\w+)\})$/;
const forwardedArgs = /^\$[@*]$|^\$\{[@*]\}$/;

/** The most words one option variable is taken to hold. */
const maxOptionWords = 256;

export const basename = (path: string): string => path.replace(/^.*\//, '');

/** Splits a word on blanks, keeping each piece's offsets. */
export function splitBlanks(word: Word): Word[] {
  const pieces: Word[] = [];
  for (const m of word.value.matchAll(/\S+/g)) {
    const offsets = word.offsets.slice(m.index, m.index + m[0].length);
    pieces.push({ value: m[0], offsets, span: { start: offsets[0], end: offsets[offsets.length - 1] + 1 }, literalDollar: word.literalDollar });
  }
  return pieces;
}

/** The program a command line runs, past wrappers and their options (`sudo -A docker` → `docker`). */
function commandHead(line: string): string {
  const words = line.split(/\s+/).filter(Boolean);
  let i = 0;
  while (i < words.length && wrappers[basename(words[i])]) {
    const valued = wrappers[basename(words[i++])];
    while (i < words.length && words[i].startsWith('-')) if (valued.has(words[i++].replace(/^--?/, ''))) i++;
  }
  return words[i] ?? '';
}

/**
 * Words that are a compose command up to its subcommand and nothing more (`sudo docker compose -f
 * a.yml -p app`, `docker-compose`): safe to stand for a variable, since no mount is written in them.
 */
function isComposePrefix(words: string[]): boolean {
  let i = 0;
  while (i < words.length && wrappers[basename(words[i])]) i++;
  const engine = engineNames[basename(words[i] ?? '')];
  if (!engine || engine === 'unknown') return false;
  i = /-compose$/.test(words[i]) ? i + 1 : words[i + 1] === 'compose' ? i + 2 : -1;
  if (i < 0) return false;
  for (; i < words.length; i++) {
    if (!words[i].startsWith('-')) return false;
    if (!words[i].includes('=') && composeValueOptions.has(words[i].replace(/^--?/, ''))) i++;
  }
  return true;
}

export class Scope {
  /** Static values of each scalar (no expansion left in them). */
  readonly scalars = new Map<string, Set<string>>();
  /** Every value each scalar is assigned, as written, for mount specs kept in variables. */
  readonly assigned = new Map<string, Word[]>();
  /** Values that tell which engine a variable may hold: `${X:-podman}` defaults, `$(command -v podman)`. */
  private readonly engineHints = new Map<string, Set<string>>();
  readonly arrays = new Map<string, Word[]>();
  /** Functions and aliases that run another command with their arguments: name → that command's words. */
  readonly forwards = new Map<string, Word[]>();
  /** bash expands aliases in a script only after `shopt -s expand_aliases`. */
  private expandsAliases = false;
  /** Names the script exports (`export COMPOSE_FILE=a.yml:b.yml`, `declare -x`, set after `set -a`): the commands it runs see them. */
  readonly exported = new Set<string>();
  /** `set -a` (`set -o allexport`) holds, up to a `set +a`: every name set is exported. */
  private allExport = false;
  /** Where the script's commands run (top-level `cd`s, names holding the script's folder). */
  directories = new WorkingDirectories();
  /** Static values of each scalar the script sets for itself (not as a `X=1 cmd` prefix, which holds for that command only). */
  private readonly ownScalars = new Map<string, Set<string>>();
  /** Names the script sets for itself to a value only the run tells. */
  private readonly ownDynamic = new Set<string>();
  /** Values around the script (a Makefile's variables) that are a compose command and its project options: `COMPOSE = docker compose -f x.yml`. */
  private readonly outerCommands = new Map<string, string>();

  /** Takes the values around the script that are the start of a compose command, for `$(COMPOSE) up` in a recipe. */
  useOuterCommands(values: ReadonlyMap<string, { value?: string }>): void {
    for (const [name, { value }] of values) if (value && isComposePrefix(value.split(/\s+/).filter(Boolean))) this.outerCommands.set(name, value);
  }

  /** `text`: the script's whole text, when `root` is one statement of several; `nested`: a `sh -c` string, whose `cd`s stay in it. */
  collect(root: Node, base: number, text = root.text, nested = false): void {
    this.expandsAliases ||= /\bshopt\s+-s\s+expand_aliases\b/.test(text);
    for (const node of root.descendantsOfType(['variable_assignment', 'function_definition', 'command', 'declaration_command'])) {
      if (!node) continue;
      if (node.type === 'declaration_command') this.collectExports(node);
      else if (node.type === 'function_definition') this.collectFunction(node, base);
      else if (node.type === 'command') {
        this.collectAlias(node, base);
        const name = node.childForFieldName('name')?.text;
        if (!nested && name === 'cd') this.directories.collectCd(node, base);
        if (name === 'set') this.collectSet(node);
      }
      else this.collectAssignment(node, base);
    }
  }

  private collectAssignment(node: Node, base: number): void {
    const name = node.childForFieldName('name')?.text;
    const value = node.childForFieldName('value');
    if (!name) return;
    if (value?.type === 'array') {
      const words = value.namedChildren
        .filter((c): c is Node => !!c && c.type !== 'comment')
        .flatMap((c) => {
          const word = evalWord(c, base);
          // `args=("${args[@]}" -v x)`: the array so far, then the new words.
          return this.array(word, c.type === 'string') ?? [word];
        });
      const append = node.text.startsWith(`${name}+=`);
      this.arrays.set(name, append ? [...(this.arrays.get(name) ?? []), ...words] : words);
      return;
    }
    if (!value) return;
    if (this.allExport && node.parent?.type !== 'command') this.exported.add(name);
    const word = evalWord(value, base);
    this.assigned.set(name, [...(this.assigned.get(name) ?? []), word]);
    this.directories.assigned(name, word.value);
    const add = (map: Map<string, Set<string>>, v: string): void => {
      map.set(name, (map.get(name) ?? new Set<string>()).add(v));
    };
    if (!/[$`]/.test(word.value) || volumeSubstitution.test(word.value)) add(this.scalars, word.value);
    if (node.parent?.type !== 'command') {
      if (/[$`]/.test(word.value)) this.ownDynamic.add(name);
      else add(this.ownScalars, word.value);
    }
    const fallback = /^\$\{\w+:?[-=]([^}$]*)\}$/.exec(word.value)?.[1];
    if (fallback) add(this.engineHints, fallback);
    if (/^(?:\$\(|`)/.test(word.value)) for (const m of word.value.matchAll(lookup)) add(this.engineHints, m[1]);
  }

  /** `set -a`, `set -o allexport` and back (`set +a`), in the order written. */
  private collectSet(node: Node): void {
    const args = node.childrenForFieldName('argument').map((a) => a?.text ?? '');
    args.forEach((arg, i) => {
      const allexport = args[i + 1] === 'allexport';
      if (/^-[A-Za-z]*a/.test(arg) || (arg === '-o' && allexport)) this.allExport = true;
      else if (/^\+[A-Za-z]*a/.test(arg) || (arg === '+o' && allexport)) this.allExport = false;
    });
  }

  /** `export A=1 B`, `declare -x A=1`, `typeset -x`, `local -x`: the names reach the commands the script runs. */
  private collectExports(node: Node): void {
    const keyword = node.firstChild?.text;
    const exports = keyword === 'export' || (['declare', 'typeset', 'local'].includes(keyword ?? '') && node.namedChildren.some((c) => c?.type === 'word' && /^-[A-Za-z]*x/.test(c.text)));
    if (!exports) return;
    for (const child of node.namedChildren) {
      const name = child?.type === 'variable_name' ? child.text : child?.type === 'variable_assignment' ? child.childForFieldName('name')?.text : undefined;
      if (name) this.exported.add(name);
    }
  }

  /** The one static value an exported name has, as the commands of the script see it; null: exported, but only the run tells its value. */
  exportedValue(name: string): string | null | undefined {
    if (!this.exported.has(name)) return undefined;
    const values = this.ownScalars.get(name);
    return values?.size === 1 && !this.ownDynamic.has(name) ? [...values][0] : null;
  }

  /** `dkr() { podman "$@"; }`, `function dc { sudo docker compose "$@"; }`. */
  private collectFunction(node: Node, base: number): void {
    const name = node.childForFieldName('name')?.text;
    const body = node.childForFieldName('body');
    if (!name || !body) return;
    for (const command of body.descendantsOfType('command')) {
      if (!command) continue;
      const words = command.namedChildren
        .filter((c): c is Node => !!c && !c.type.endsWith('redirect') && c.type !== 'comment' && c.type !== 'variable_assignment')
        .map((c) => evalWord(c.type === 'command_name' ? (c.namedChildren[0] ?? c) : c, base));
      const at = words.findIndex((w) => forwardedArgs.test(w.value));
      // `run() { echo "$@"; "$@"; }` runs its arguments: `run docker run …` is `docker run …`.
      if (at === 0) {
        this.forwards.set(name, []);
        return;
      }
      if (at < 1) continue;
      const head = words[0].value;
      // Only a command that runs something: `log() { echo "$@"; }` forwards nothing.
      const runsCommand = !!this.engine(words[0]) || !!wrappers[basename(head)] || this.forwards.has(head);
      if (!runsCommand || basename(head) === name) continue;
      const known = this.forwards.get(name);
      // Defined once per engine (`if podman ...; then f() { podman "$@"; } else f() { docker "$@"; }`): either.
      const either = known && known[0].value !== words[0].value && this.engine(known[0]) !== this.engine(words[0]);
      this.forwards.set(name, either ? [{ ...words[0], value: eitherEngine }] : words.slice(0, at));
      return;
    }
  }

  /** `alias d=docker`, `alias dc='docker compose'`. */
  private collectAlias(node: Node, base: number): void {
    if (node.childForFieldName('name')?.text !== 'alias') return;
    for (const arg of node.childrenForFieldName('argument')) {
      if (!arg) continue;
      const word = evalWord(arg, base);
      const eq = word.value.indexOf('=');
      if (eq < 1) continue;
      const name = word.value.slice(0, eq);
      const rest = { value: word.value.slice(eq + 1), offsets: word.offsets.slice(eq + 1), span: word.span };
      const words = splitBlanks(rest);
      // `alias docker=podman` changes nothing in a bash script that does not expand aliases: docker runs.
      const renamesEngine = name in engineNames && !this.expandsAliases;
      if (words.length > 0 && basename(words[0].value) !== name && !renamesEngine) this.forwards.set(name, words);
    }
  }

  /**
   * The same names with their words moved by `move` (an edit elsewhere shifted them). Words are
   * copied, not moved in place: runs read earlier share them.
   */
  moved(move: (offset: number) => number): Scope {
    const copy = new Scope();
    const moveWord = (w: Word): Word => ({ ...w, offsets: w.offsets.map(move), span: { start: move(w.span.start), end: move(w.span.end) } });
    const moveAll = (from: Map<string, Word[]>, to: Map<string, Word[]>): void => {
      for (const [name, words] of from) to.set(name, words.map(moveWord));
    };
    moveAll(this.assigned, copy.assigned);
    moveAll(this.arrays, copy.arrays);
    moveAll(this.forwards, copy.forwards);
    for (const [name, values] of this.scalars) copy.scalars.set(name, new Set(values));
    for (const [name, values] of this.ownScalars) copy.ownScalars.set(name, new Set(values));
    for (const name of this.ownDynamic) copy.ownDynamic.add(name);
    for (const [name, values] of this.engineHints) copy.engineHints.set(name, new Set(values));
    copy.expandsAliases = this.expandsAliases;
    copy.allExport = this.allExport;
    for (const name of this.exported) copy.exported.add(name);
    for (const [name, value] of this.outerCommands) copy.outerCommands.set(name, value);
    copy.directories = this.directories.moved(move);
    return copy;
  }

  /** `${cmd[@]}` → the array's words; unquoted, each is split on blanks as the shell does. */
  array(word: Word, quoted: boolean): Word[] | undefined {
    const m = /^\$\{(\w+)\[[@*]\]\}$/.exec(word.value);
    const words = m ? this.arrays.get(m[1]) : undefined;
    return words && !quoted ? words.flatMap(splitBlanks) : words;
  }

  /** The values a `$NAME` word may have, as written where they are assigned. */
  valuesOf(word: Word): Word[] | undefined {
    const m = variableWord.exec(word.value);
    return m ? this.assigned.get(m[1] ?? m[2]) : undefined;
  }

  /**
   * An unquoted `$OPTS` among a command's words, when the script assigns it options
   * (`OPTS="-v $PWD:/src"`, `OPTS="$OPTS --privileged"`): the words it splits into, at the
   * assignments, every assignment's words together.
   */
  options(word: Word, seen = new Set<string>()): Word[] | undefined {
    const m = variableWord.exec(word.value);
    const name = m?.[1] ?? m?.[2];
    const values = name ? this.assigned.get(name) : undefined;
    if (!name || !values || seen.has(name)) return undefined;
    seen.add(name);
    // Bounded, so that a script growing one variable thousands of times stays fast.
    const pieces = values.flatMap(splitBlanks).slice(0, maxOptionWords);
    if (!pieces.some((p) => p.value.startsWith('-'))) return undefined;
    return pieces.flatMap((p) => (variableWord.test(p.value) ? (this.options(p, seen) ?? []) : [p])).slice(0, maxOptionWords);
  }

  /** A path with the script's own single-valued variables put in (`HOST_SHARE=/srv/x`). */
  resolve = (source: string): { value: string; dynamic: boolean } => resolveShellPath(this.substitute(source, 0));

  private substitute(text: string, depth: number): string {
    return text.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => {
      if (['HOME', 'PWD'].includes(name)) return whole;
      const values = this.scalars.get(name);
      if (values?.size === 1) return [...values][0];
      // Every value the script gives it is a name (`vol=pgdata-$id`, `V=${1:-pgdata}`,
      // `V="${APP}-data"`): a volume name, whichever it is.
      const written = this.assigned.get(name)?.map((w) => (depth < 3 ? interpolate(this.substitute(w.value, depth + 1)).value : w.value));
      return written?.length && written.every((v) => /^\w/.test(v)) ? written[0] : whole;
    });
  }

  /** The engine a word names: `docker`, `/usr/bin/podman`, `$ENGINE`, `${DOCKER:-docker}`. */
  engine(word: Word): ShellEngine | undefined {
    const literal = engineNames[basename(word.value)];
    if (literal) return literal;
    const m = /^\$\{?(\w+)(?:(:?-)([^}]*))?\}?$/.exec(word.value);
    if (!m) return undefined;
    const [, name, , fallback] = m;
    const values = new Set([
      ...(this.scalars.get(name) ?? []),
      ...(this.engineHints.get(name) ?? []),
      ...(fallback ? [interpolate(fallback).value] : []),
    ]);
    const engines = new Set<ShellEngine | undefined>([...values].map((v) => engineNames[basename(commandHead(v))]));
    if (engines.size === 1 && !engines.has(undefined)) return [...engines][0];
    // Several engines, or none the script tells: either may run it.
    return (engines.size > 0 && !engines.has(undefined)) || engineVariable.test(name) ? 'unknown' : undefined;
  }

  /**
   * A command word that stands for several (`$dc` holding `docker compose`, a function or alias
   * that forwards): the words it runs, spans kept where they are written.
   */
  expandHead(word: Word): Word[] | undefined {
    const forward = this.forwards.get(word.value);
    if (forward) return forward.map((w, i) => (i === 0 ? { ...w, span: word.span } : w));
    // `$dc` after `dc="docker compose"`, `${DOCKER_RUN}` after `DOCKER_RUN="docker run -v $PWD:/w img"`:
    // the words where the value is written, so that its mounts are found there.
    // `$(COMPOSE) up` after `COMPOSE = docker compose -f x.yml` in the Makefile: the options stand where the variable is used.
    const name = variableWord.exec(word.value);
    const outer = name && !this.assigned.has(name[1] ?? name[2]) ? this.outerCommands.get(name[1] ?? name[2]) : undefined;
    if (outer) return splitBlanks({ ...word, value: outer, offsets: Array.from(outer, () => word.span.start) }).map((w) => ({ ...w, span: word.span }));
    const commands = this.valuesOf(word)?.map(splitBlanks);
    const runs = (parts: Word[]): boolean => parts.length > 1 && (!!this.engine(parts[0]) || basename(parts[0].value) in wrappers);
    if (!commands?.length || !commands.every(runs)) return undefined;
    if (commands.length === 1) return commands[0].map((w, i) => (i === 0 ? { ...w, span: word.span } : w));
    // `RUN='podman run'`, else `RUN="docker run --user …"`: either engine, with the words all values share.
    const shared = commands[0].slice(1).filter((w, i) => commands.every((c) => c[i + 1]?.value === w.value));
    const engines = new Set(commands.map((c) => this.engine({ ...c[0], value: commandHead(c.map((w) => w.value).join(' ')) })));
    const head = engines.size === 1 ? commands[0][0].value : eitherEngine;
    return [{ ...commands[0][0], value: head, span: word.span }, ...shared];
  }
}
