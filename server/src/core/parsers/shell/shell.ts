/**
 * Shell scripts → the model: every `docker`/`podman` `run`/`create` (and `compose run`) the script
 * executes, parsed with tree-sitter-bash. Commands behind `sudo`/`env`/`exec` and `VAR=x` prefixes,
 * engines named through variables (`ENGINE=podman; $ENGINE run`), argument arrays
 * (`cmd=(podman run ...)`, `args+=(-v ...)`, `"${cmd[@]}"`), static `sh -c`/`bash -c`/`eval`
 * strings, command substitutions, pipelines, functions and conditionals. Comments are not commands.
 */
import type { Node } from 'web-tree-sitter';
import type { CommandName, ComposeFileList, ContainerRun, Mount } from '../../model';
import type { SourceParser } from '../parser';
import type { EngineSetting } from '../../settings';
import { wrapEnvironment, type CommandEnvironment } from './commandEnvironment';
import { readComposeCommand } from './composeCommand';
import { findRunArgs, readRun } from './runCommand';
import { wrappers } from './runOptions';
import { basename, Scope } from './scope';
import { parseBash } from './treeSitter';
import { evalWord, spanOf, type Word } from './words';
import { repositoryRoot } from './workingDirectory';

const shebang = /^#!\s*(?:\/usr\/bin\/env\s+(?:-S\s+)?)?(?:\S*\/)?(?:ba|da|k|z)?sh\b/;

export const shellParser: SourceParser = {
  usesShellGrammar: true,
  kind: 'shell',
  languageIds: ['shellscript'],
  matchesName: (name) => /\.(?:sh|bash)$/.test(name),
  matchesContent: (_name, text) => shebang.test(text),
  parse: (text, options) => {
    const { runs, recovered, composeFiles } = readScript(text, 0, options.engine);
    return { kind: 'shell', runs, recovered, ...(composeFiles.length ? { composeFiles } : {}) };
  },
};

const shells = new Set(['sh', 'bash', 'dash', 'ksh', 'zsh']);
/** Commands and helpers that print their arguments rather than run them. */
const printing = /^(?:echo|printf|print|cat|tee|say|man|help|usage|which|type|command)$|echo|log|print|info|warn|err|debug|die|fail|msg|note/i;

/**
 * A command's words with arrays, option variables, functions and aliases spliced in, and wrappers
 * (`sudo -E`, `env X=1`) taken off; what those do to its environment goes to `env`.
 */
function commandWords(node: Node, base: number, scope: Scope, env?: CommandEnvironment): Word[] {
  let words: Word[] = [];
  for (const child of node.namedChildren) {
    if (!child || child.type === 'variable_assignment' || child.type.endsWith('redirect') || child.type === 'comment') continue;
    const target = child.type === 'command_name' ? child.namedChildren[0] : child;
    if (!target) continue;
    const word = evalWord(target, base);
    const unquotedVariable = target.type === 'simple_expansion' || target.type === 'expansion';
    words.push(...(scope.array(word, target.type === 'string') ?? ((unquotedVariable && words.length > 0 && scope.options(word)) || [word])));
  }
  for (let depth = 0; depth < 3 && words.length > 0; depth++) {
    const head = scope.expandHead(words[0]);
    if (!head) break;
    words = [...head, ...words.slice(1)];
  }
  // `$cmd docker run ...` (`$cmd` empty, or `echo` for a dry run), and a helper defined in another
  // file (`execute docker run ...`, `travis_retry docker run ...`): the engine comes next. A helper
  // named for printing (`echo`, `log_info`) runs nothing.
  const helper = /^\$\{?\w+\}?$/.test(words[0]?.value ?? '') || (/^[\w-]+$/.test(words[0]?.value ?? '') && !printing.test(words[0].value));
  if (words.length > 2 && helper && !scope.engine(words[0]) && scope.engine(words[1]) && findRunArgs(words.slice(2))) words.shift();
  for (;;) {
    const valued = words.length > 0 ? wrappers[basename(words[0].value)] : undefined;
    if (!valued) return words;
    const wrapper = basename(words.shift()!.value);
    const own: string[] = [];
    while (words.length > 0 && (words[0].value.startsWith('-') || /^\w+=/.test(words[0].value))) {
      own.push(words.shift()!.value);
      if (valued.has(own[own.length - 1].replace(/^--?/, ''))) words.shift();
    }
    if (env) wrapEnvironment(env, wrapper, own);
    // `timeout [options] DURATION command`.
    if (wrapper === 'timeout' && /^\d/.test(words[0]?.value ?? '')) words.shift();
  }
}

/**
 * Two arguments with nothing between them: bash reads one word where tree-sitter-bash split it, with
 * no ERROR node (`"$PWD":/$é`: its lexer ends a `$` word at a non-ASCII letter), so the spans of that
 * word are unsure; a fix appended at its end landed inside it (found by test/property).
 */
function hasGluedArguments(command: Node): boolean {
  const args = command.childrenForFieldName('argument');
  return args.some((arg, i) => i > 0 && !!arg && args[i - 1]?.endIndex === arg.startIndex);
}

/**
 * A word ending in a bare `$` (`/$`): bash keeps the `$`, but once a fix appends `:Z` tree-sitter-bash
 * reads `$:` apart from the word, so the relabel it added goes unseen (found by test/property).
 */
function endsWithBareDollar(root: Node): boolean {
  // The `$` is a token of its own, the last of its concatenation (`"$PWD":/$` → string, `:/`, `$`).
  return root.descendantsOfType('$').some((d) => !!d && d.parent?.type === 'concatenation' && !d.nextSibling);
}

/**
 * Values the text around a script gives its `${NAME}`s (a Makefile's variables, which make puts into
 * the recipe before the shell sees it; a CI job's environment), and whether the commands see them in
 * their environment (no value: set, but only the run tells to what).
 */
export type OuterValues = ReadonlyMap<string, { value?: string; exported: boolean }>;

/** What the file around a script tells about it (a Makefile's recipe, a CI step). */
export interface ScriptContext {
  values?: OuterValues;
  /** Where it starts running, from the file's folder (a CI step's `working-directory`); null: only the run tells. */
  cwd?: string | null;
  /** Names that hold that folder whatever the script `cd`s to (`$GITHUB_WORKSPACE` in a workflow step: the repository root). */
  folderNames?: RegExp;
}

/** What a script runs: its containers, and every command by name (for build-step rules). */
export interface Script {
  runs: ContainerRun[];
  commands: CommandName[];
  /** tree-sitter met a syntax error and recovered around it (see ParsedFile.recovered). */
  recovered: boolean;
  composeFiles: ComposeFileList[];
}

/**
 * Reads a script; `base` is its offset in the file (a Dockerfile `RUN` body, a `LABEL RUN=` string);
 * `context`: what the file around it tells.
 * `defaultEngine`: the project's engine, for commands whose engine the script leaves open (`$ENGINE run`).
 */
export function readScript(text: string, base = 0, defaultEngine: EngineSetting = 'auto', context?: ScriptContext): Script {
  const reader = new ScriptReader(new Scope(), defaultEngine, context);
  reader.visit(text, base, 0);
  return { runs: firstMountsOnly(reader.runs), commands: reader.commands, recovered: reader.recovered, composeFiles: reader.composeFiles };
}

/**
 * Several scripts of one file read with one tree-sitter parse (the `RUN` bodies of a Dockerfile,
 * each run by its own shell, so each with its own names): the scripts are laid out at their offsets
 * in one text, a line break between any two. Keyed by start; empty when that parse would not be
 * each script's own (a syntax error anywhere, or a statement running from one script into the
 * next): the caller then reads them one by one.
 */
export function readScripts(scripts: readonly { text: string; start: number }[]): Map<number, Script> {
  const read = new Map<number, Script>();
  const sorted = [...scripts].sort((a, b) => a.start - b.start);
  const pieces: string[] = [];
  let at = 0;
  for (const { text, start } of sorted) {
    if (pieces.length > 0 && start <= at) return read;
    pieces.push(start > 0 ? '\n' + ' '.repeat(start - at - 1) : '', text);
    at = start + text.length;
  }
  const tree = parseBash(pieces.join(''));
  if (!tree) return read;
  try {
    if (tree.rootNode.hasError) return read;
    const statements = new Map<number, Node[]>(sorted.map((s) => [s.start, []]));
    let i = 0;
    for (const node of tree.rootNode.children) {
      if (!node) continue;
      while (i < sorted.length && sorted[i].start + sorted[i].text.length < node.startIndex) i++;
      const script = sorted[i];
      if (!script || node.startIndex < script.start || node.endIndex > script.start + script.text.length) return read;
      statements.get(script.start)!.push(node);
    }
    for (const { text, start } of sorted) {
      const nodes = statements.get(start)!;
      const reader = new ScriptReader(new Scope(), 'auto');
      nodes.forEach((node, n) => reader.scope.collect(node, 0, n === 0 ? text : ''));
      for (const node of nodes) reader.read(node, 0, 0);
      read.set(start, { runs: firstMountsOnly(reader.runs), commands: reader.commands, recovered: reader.recovered, composeFiles: reader.composeFiles });
    }
    return read;
  } finally {
    tree.delete();
  }
}

/** A spec kept in a variable and used by several commands is one place in the file: one mount, on the first run. */
export function firstMountsOnly(runs: ContainerRun[]): ContainerRun[] {
  // Spans as numbers: this runs over every mount of a script on each keystroke. Texts past 5 MB
  // are not read (analyze.ts), so an end below 2^23 keeps every key apart.
  const seen = new Set<number>();
  return runs.map((run) => {
    let mounts: Mount[] | undefined;
    run.mounts.forEach((m, i) => {
      const key = m.span.start * 0x800000 + m.span.end;
      if (!seen.has(key)) {
        seen.add(key);
        mounts?.push(m);
      } else mounts ??= run.mounts.slice(0, i);
    });
    return mounts ? { ...run, mounts } : run;
  });
}

/** A folder from the script's own, as a message names it. */
function folderName(dir: string): string {
  if (dir === '.') return "the script's folder";
  if (dir === '..') return "the folder above the script's";
  if (dir === repositoryRoot) return 'the repository root';
  if (dir.startsWith(`${repositoryRoot}/`)) return `${dir.slice(repositoryRoot.length + 1)} in the repository`;
  return dir.startsWith('/') ? dir : `${dir} from the script's folder`;
}

/**
 * Reads commands into runs against one scope, which the caller has collected over the whole script
 * first. The incremental reader (core/incremental/shellIncremental.ts) reads one top-level
 * statement at a time with it.
 */
export class ScriptReader {
  readonly runs: ContainerRun[] = [];
  readonly commands: CommandName[] = [];
  readonly composeFiles: ComposeFileList[] = [];
  /** The last `cd`, where it is and the line it ends on: it holds for the rest of that line, in a subshell too (undefined word: known only at run time). */
  private cd: { row: number; at: number; word: string | undefined } | undefined;
  /** A syntax error, or words whose spans are unsure (glued arguments, a bare `$`). */
  recovered = false;
  /** A static `sh -c`/`eval` string was read: its names joined the scope while commands were read. */
  nested = false;

  constructor(
    readonly scope: Scope,
    private readonly defaultEngine: EngineSetting,
    private readonly context?: ScriptContext,
  ) {
    if (context?.values) scope.useOuterCommands(context.values);
    if (context) scope.directories.startAt(context.cwd === undefined ? '.' : context.cwd, context.folderNames);
  }

  /** Parses and reads a whole script. */
  visit(source: string, base: number, depth: number): void {
    const tree = parseBash(source);
    if (!tree) return;
    try {
      this.recovered ||= tree.rootNode.hasError;
      this.scope.collect(tree.rootNode, base, undefined, depth > 0);
      this.read(tree.rootNode, base, depth);
    } finally {
      tree.delete();
    }
  }

  /** The commands under `node` (a whole tree, or one statement of it). */
  read(node: Node, base: number, depth: number): void {
    this.recovered ||= endsWithBareDollar(node);
    for (const command of node.descendantsOfType('command')) {
      if (!command) continue;
      this.recovered ||= hasGluedArguments(command);
      this.readCommand(command, base, depth);
    }
  }

  private readCommand(node: Node, base: number, depth: number): void {
    const { scope } = this;
    const env: CommandEnvironment = { set: new Map() };
    const words = commandWords(node, base, scope, env);
    if (words.length === 0) return;
    const head = basename(words[0].value);
    this.commands.push({ name: head, span: words[0].span });
    // A static script run by `sh -c '...'` or `eval '...'` is parsed in place, offsets kept.
    const dashC = words.findIndex((w) => w.value === '-c');
    const script = shells.has(head) && dashC > 0 ? words[dashC + 1] : head === 'eval' && words.length === 2 ? words[1] : undefined;
    if (script && depth < 3) {
      const at = spanOf(script, 0, script.value.length);
      this.nested = true;
      if (at) this.visit(script.value, at.start, depth + 1);
      return;
    }
    if (head === 'cd') this.cd = { row: node.endPosition.row, at: base + node.startIndex, word: words.length === 2 ? words[1].value : undefined };
    const named = scope.engine(words[0]);
    if (!named) return;
    // The project's engine, where the script leaves it open.
    const engine = named === 'unknown' && this.defaultEngine !== 'auto' ? this.defaultEngine : named;
    const composeRun = /-compose$/.test(head);
    this.readComposeFiles(node, base, composeRun ? [{ ...words[0], value: 'compose' }, ...words.slice(1)] : words.slice(1), head === 'podman-compose', env);
    const builds = engine === 'podman' && !composeRun;
    const args = composeRun ? findRunArgs([{ ...words[0], value: 'compose' }, ...words.slice(1)]) : findRunArgs(words.slice(1), builds);
    if (!args) return;
    const statement = { start: base + node.startIndex, end: base + node.endIndex };
    const run = readRun({
        engine,
        engineWord: words[0],
        sub: args.sub,
        rest: args.rest,
        resolve: scope.resolve,
        specs: (w) => scope.valuesOf(w),
        statement,
        composeRun: args.compose,
      });
    this.placeSources(run, node, base);
    this.runs.push(run);
  }

  /**
   * The run's sources that the script places (HostSource.fromScript): those starting with a folder
   * it names, and relative ones where it surely runs (the `cd`s before the command, the one on its
   * line included, as for compose commands); a `cd` that took it there is said in messages.
   */
  private placeSources(run: ContainerRun, node: Node, base: number): void {
    const { directories } = this.scope;
    let cwd: string | undefined | null = null;
    for (const mount of run.mounts) {
      const source = mount.kind === 'host' ? mount.source : undefined;
      if (!source || /^[/~]/.test(source.path)) continue;
      if (cwd === null) {
        const line = this.cd?.row === node.startPosition.row ? this.cd : undefined;
        cwd = line ? directories.cd(directories.knownAt(line.at), line.word) : directories.knownAt(base + node.startIndex);
      }
      const placed = directories.sourcePath(source.text, source.path, source.dynamic, cwd);
      if (!placed) continue;
      source.fromScript = placed.path;
      if (placed.cd !== undefined) source.valueFrom = `cd to ${folderName(placed.cd)}`;
    }
  }

  /** A compose command's project options, with where the `cd` on its line went. */
  private readComposeFiles(node: Node, base: number, args: Word[], podmanCompose: boolean, env: CommandEnvironment): void {
    const line = this.cd?.row === node.startPosition.row ? this.cd : undefined;
    const list = readComposeCommand(node, base, args, this.scope, line, { outer: this.context?.values, podmanCompose, env });
    if (list) this.composeFiles.push(list);
  }
}
