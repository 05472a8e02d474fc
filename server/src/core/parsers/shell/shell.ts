/**
 * Shell scripts → the model: every `docker`/`podman` `run`/`create` (and `compose run`) the script
 * executes, parsed with tree-sitter-bash. Commands behind `sudo`/`env`/`exec` and `VAR=x` prefixes,
 * engines named through variables (`ENGINE=podman; $ENGINE run`), argument arrays
 * (`cmd=(podman run ...)`, `args+=(-v ...)`, `"${cmd[@]}"`), static `sh -c`/`bash -c`/`eval`
 * strings, command substitutions, pipelines, functions and conditionals. Comments are not commands.
 */
import type { Node } from 'web-tree-sitter';
import { interpolate } from '../../interpolation';
import type { CommandName, ContainerRun } from '../../model';
import type { SourceParser } from '../parser';
import { findRunArgs, readRun, type ShellEngine } from './runCommand';
import { wrappers } from './runOptions';
import { parseBash } from './treeSitter';
import { evalWord, resolveShellPath, spanOf, type Word } from './words';

const shebang = /^#!\s*(?:\/usr\/bin\/env\s+(?:-S\s+)?)?(?:\S*\/)?(?:ba|da|k|z)?sh\b/;

export const shellParser: SourceParser = {
  usesShellGrammar: true,
  kind: 'shell',
  languageIds: ['shellscript'],
  matchesName: (name) => /\.(?:sh|bash)$/.test(name),
  matchesContent: (_name, text) => shebang.test(text),
  parse: (text) => ({ kind: 'shell', runs: readScript(text).runs }),
};

// nvidia-docker: NVIDIA's docker wrapper (v1), still in many ML READMEs; it passes run options to docker.
const engineNames: Record<string, ShellEngine> = { docker: 'docker', podman: 'podman', 'nvidia-docker': 'docker' };
const shells = new Set(['sh', 'bash', 'dash', 'ksh', 'zsh']);
/** A variable that names the engine when the script does not say which (`$CONTAINER_ENGINE run`). */
const engineVariable = /docker|podman|engine|runtime|container|ctr|oci/i;

const basename = (path: string): string => path.replace(/^.*\//, '');

/** Variables whose values the script sets statically: scalars and arrays. */
class Scope {
  readonly scalars = new Map<string, Set<string>>();
  readonly arrays = new Map<string, Word[]>();

  collect(root: Node, base: number): void {
    for (const node of root.descendantsOfType('variable_assignment')) {
      if (!node) continue;
      const name = node.childForFieldName('name')?.text;
      const value = node.childForFieldName('value');
      if (!name) continue;
      if (value?.type === 'array') {
        const words = value.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').map((c) => evalWord(c, base));
        const append = node.text.startsWith(`${name}+=`);
        this.arrays.set(name, append ? [...(this.arrays.get(name) ?? []), ...words] : words);
      } else if (value) {
        const word = evalWord(value, base);
        if (!/[$`]/.test(word.value)) {
          const values = this.scalars.get(name) ?? new Set<string>();
          values.add(word.value);
          this.scalars.set(name, values);
        }
      }
    }
  }

  /** `${cmd[@]}` → the array's words; unquoted, each is split on blanks as the shell does. */
  array(word: Word, quoted: boolean): Word[] | undefined {
    const m = /^\$\{(\w+)\[[@*]\]\}$/.exec(word.value);
    const words = m ? this.arrays.get(m[1]) : undefined;
    return words && !quoted ? words.flatMap(splitBlanks) : words;
  }

  /** A path with the script's own single-valued variables put in (`HOST_SHARE=/srv/x`). */
  resolve = (source: string): { value: string; dynamic: boolean } =>
    resolveShellPath(
      source.replace(/\$\{?(\w+)\}?/g, (text, name: string) => {
        const values = this.scalars.get(name);
        return values?.size === 1 && !['HOME', 'PWD'].includes(name) ? [...values][0] : text;
      }),
    );

  /** The engine a word names: `docker`, `/usr/bin/podman`, `$ENGINE`, `${DOCKER:-docker}`. */
  engine(word: Word): ShellEngine | undefined {
    const literal = engineNames[basename(word.value)];
    if (literal) return literal;
    const m = /^\$\{?(\w+)(?:(:?-)([^}]*))?\}?$/.exec(word.value);
    if (!m) return undefined;
    const [, name, , fallback] = m;
    const values = new Set([...(this.scalars.get(name) ?? []), ...(fallback ? [interpolate(fallback).value] : [])]);
    const engines = new Set<ShellEngine | undefined>([...values].map((v) => engineNames[basename(v.split(/\s+/)[0])]));
    if (engines.size === 1 && !engines.has(undefined)) return [...engines][0];
    // Several engines, or none the script tells: either may run it.
    return (engines.size > 0 && !engines.has(undefined)) || engineVariable.test(name) ? 'unknown' : undefined;
  }
}

/** A command's words with arrays spliced in and wrappers (`sudo -E`, `env X=1`) taken off. */
function commandWords(node: Node, base: number, scope: Scope): Word[] {
  const words: Word[] = [];
  for (const child of node.namedChildren) {
    if (!child || child.type === 'variable_assignment' || child.type.endsWith('redirect') || child.type === 'comment') continue;
    const target = child.type === 'command_name' ? child.namedChildren[0] : child;
    if (!target) continue;
    const word = evalWord(target, base);
    words.push(...(scope.array(word, target.type === 'string') ?? [word]));
  }
  // `$cmd docker run ...` where `$cmd` is empty or `echo` for a dry run: the engine comes next.
  if (words.length > 1 && /^\$\{?\w+\}?$/.test(words[0].value) && !scope.engine(words[0]) && scope.engine(words[1])) words.shift();
  for (;;) {
    const valued = words.length > 0 ? wrappers[basename(words[0].value)] : undefined;
    if (!valued) return words;
    words.shift();
    while (words.length > 0 && (words[0].value.startsWith('-') || /^\w+=/.test(words[0].value))) {
      const opt = words.shift()!.value.replace(/^--?/, '');
      if (valued.has(opt)) words.shift();
    }
  }
}

/** Splits a word on blanks, keeping each piece's offsets. */
export function splitBlanks(word: Word): Word[] {
  const pieces: Word[] = [];
  for (const m of word.value.matchAll(/\S+/g)) {
    const offsets = word.offsets.slice(m.index, m.index + m[0].length);
    pieces.push({ value: m[0], offsets, span: { start: offsets[0], end: offsets[offsets.length - 1] + 1 } });
  }
  return pieces;
}

/** What a script runs: its containers, and every command by name (for build-step rules). */
export interface Script {
  runs: ContainerRun[];
  commands: CommandName[];
}

/** Reads a script; `base` is its offset in the file (a Dockerfile `RUN` body, a `LABEL RUN=` string). */
export function readScript(text: string, base = 0): Script {
  const runs: ContainerRun[] = [];
  const commands: CommandName[] = [];
  const scope = new Scope();
  const visit = (source: string, base: number, depth: number): void => {
    const tree = parseBash(source);
    if (!tree) return;
    try {
      scope.collect(tree.rootNode, base);
      for (const node of tree.rootNode.descendantsOfType('command')) {
        if (node) readCommand(node, base, depth);
      }
    } finally {
      tree.delete();
    }
  };
  const readCommand = (node: Node, base: number, depth: number): void => {
    const words = commandWords(node, base, scope);
    if (words.length === 0) return;
    const head = basename(words[0].value);
    commands.push({ name: head, span: words[0].span });
    // A static script run by `sh -c '...'` or `eval '...'` is parsed in place, offsets kept.
    const dashC = words.findIndex((w) => w.value === '-c');
    const script = shells.has(head) && dashC > 0 ? words[dashC + 1] : head === 'eval' && words.length === 2 ? words[1] : undefined;
    if (script && depth < 3) {
      const at = spanOf(script, 0, script.value.length);
      if (at) visit(script.value, at.start, depth + 1);
      return;
    }
    const engine = scope.engine(words[0]);
    const composeRun = /^(docker|podman)-compose$/.test(head);
    if (!engine && !composeRun) return;
    const args = composeRun ? findRunArgs([{ ...words[0], value: 'compose' }, ...words.slice(1)]) : findRunArgs(words.slice(1));
    if (!args) return;
    const runEngine = engine ?? (head.startsWith('podman') ? 'podman' : 'docker');
    const statement = { start: base + node.startIndex, end: base + node.endIndex };
    const isCompose = composeRun || words[1]?.value === 'compose';
    runs.push(readRun({ engine: runEngine, engineWord: words[0], sub: args.sub, rest: args.rest, resolve: scope.resolve, statement, composeRun: isCompose }));
  };
  visit(text, base, 0);
  return { runs, commands };
}
