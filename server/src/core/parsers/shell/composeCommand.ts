/**
 * The project options of a compose command (`docker compose -f a.yml --env-file ops/prod.env
 * --project-directory . up`, `COMPOSE_FILE=a.yml:b.yml docker compose up`) as paths from the
 * script's folder, with where the command runs: ParsedFile.composeFiles, made projects by
 * core/project/composeFileLists.ts.
 */
import type { Node } from 'web-tree-sitter';
import type { ComposeFileList } from '../../model';
import type { CommandEnvironment } from './commandEnvironment';
import { skipOptions } from './runCommand';
import { composeValueOptions, globalValueOptions } from './runOptions';
import type { Scope } from './scope';
import type { OuterValues } from './shell';
import { joinPath } from './workingDirectory';
import { evalWord, type Word } from './words';

type Resolve = (text: string) => { value: string; dynamic: boolean };

/** A compose command's project options as written; undefined parts are not given. */
export interface ComposeOptions {
  files: string[];
  envFiles?: string[];
  projectDirectory?: string;
  /** `-p`: null when only the run tells it. */
  projectName?: string | null;
  /** Its subcommand creates or starts containers (`up`, `run`; not `config`, `down`, `logs`). */
  startsContainers?: boolean;
}

/** Compose subcommands that create or start the project's containers. */
const starting = new Set(['up', 'run', 'create', 'start', 'restart', 'watch']);

/** Go's `strconv.ParseBool`, which compose-go reads `COMPOSE_DISABLE_ENV_FILE` with; undefined: no boolean (compose stops). */
export function goBool(value: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/**
 * The project options a compose command (`words` after the engine, `compose` first for
 * `docker-compose`) gives before its subcommand: `-f`/`--file` in order, `--env-file` (repeatable),
 * `--project-directory` (or the deprecated `--workdir`), `-p`/`--project-name`; paths pass through
 * `resolve` (the script's own variables), the name through `resolveName`. Undefined when it is no
 * compose command, or when a path is known only at run time (`$BASE`, `*.yml`).
 */
export function composeOptions(words: Word[], resolve: Resolve, resolveName: Resolve = resolve): ComposeOptions | undefined {
  let i = skipOptions(words, 0, globalValueOptions);
  if (words[i]?.value !== 'compose') return undefined;
  const out: ComposeOptions = { files: [] };
  for (i++; i < words.length && words[i].value.startsWith('-'); i++) {
    const word = words[i].value;
    const long = /^--([\w-]+)(?:=(.*))?$/s.exec(word);
    const name = long ? long[1] : word.slice(1, 2);
    const attached = long ? long[2] : word.length > 2 ? word.slice(2) : undefined;
    const written = attached ?? (composeValueOptions.has(name) ? words[++i]?.value : undefined);
    if (written === undefined || !['f', 'file', 'env-file', 'project-directory', 'workdir', 'p', 'project-name'].includes(name)) continue;
    if (name === 'p' || name === 'project-name') {
      const { value, dynamic } = resolveName(written);
      // compose-go cli/options.go withNamePrecedenceLoad: an empty -p is none (COMPOSE_PROJECT_NAME counts).
      if (value === '' && !dynamic) delete out.projectName;
      else out.projectName = dynamic || /[$`]/.test(value) ? null : value;
      continue;
    }
    const { value, dynamic } = resolve(written);
    if (dynamic || /^~|[$`*?]/.test(value)) return undefined;
    if (name === 'f' || name === 'file') out.files.push(value);
    else if (name === 'env-file') (out.envFiles ??= []).push(value);
    else out.projectDirectory = value;
  }
  if (starting.has(words[i]?.value ?? '')) out.startsContainers = true;
  return out;
}

/**
 * A compose command's project options: its `-f`, `--env-file`, `--project-directory` and `-p`, else
 * `COMPOSE_FILE`, `COMPOSE_ENV_FILES` and `COMPOSE_PROJECT_NAME` from its environment (a `VAR=x`
 * prefix, an `export` of the script, `outer`), with `COMPOSE_DISABLE_ENV_FILE`; paths from the
 * script's folder, and where it runs (the `cd`s before it: `line`, the one on its line). Undefined
 * when it sets none of them and is no `podman-compose` (whose own naming tells something), or when
 * where it runs or a path is known only at run time.
 */
export function readComposeCommand(node: Node, base: number, args: Word[], scope: Scope, line: { at: number; word: string | undefined } | undefined, around: { outer?: OuterValues; podmanCompose?: boolean; env?: CommandEnvironment } = {}): ComposeFileList | undefined {
  const { outer, podmanCompose = false, env: wrapped } = around;
  const { directories } = scope;
  const cwd = line ? directories.cd(directories.at(line.at), line.word) : directories.at(base + node.startIndex);
  if (cwd === undefined) return undefined;
  // The values around the script (a Makefile's variables, a CI job's environment) where the script sets none.
  const outerValue = (whole: string, name: string) => (scope.assigned.has(name) ? whole : (outer?.get(name)?.value ?? whole));
  const withOuter = (written: string) => (outer ? written.replace(/\$\{(\w+)\}/g, outerValue) : written);
  // A path from where the command runs, or from the script's folder when it names that (`$(dirname "$0")/x`).
  const place = (written: string): { value: string; dynamic: boolean } => {
    const text = withOuter(written);
    const own = directories.fromScript(text);
    if (own !== undefined) return { value: own, dynamic: false };
    const { value, dynamic } = scope.resolve(text);
    // `~`, `$1`, `-` (standard input): known only at run time.
    if (dynamic || /^~|^-$|[$`]/.test(value)) return { value, dynamic: true };
    return { value: joinPath(cwd, value), dynamic };
  };
  const options = composeOptions(args, place, (written) => scope.resolve(withOuter(written)));
  if (!options) return undefined;
  const prefixed = new Map<string, Node>();
  for (const child of node.namedChildren) {
    const name = child?.type === 'variable_assignment' ? child.childForFieldName('name')?.text : undefined;
    const value = child?.childForFieldName('value');
    if (name && value) prefixed.set(name, value);
  }
  // A variable of the command's environment as written (a wrapper's `env X=1` first, then what
  // reaches it from around: its `X=1` prefix, the script's export, the file around the script);
  // null: set, but only the run tells to what.
  const written = (name: string): string | null | undefined => {
    const set = wrapped?.set.get(name);
    if (set !== undefined) return set;
    if (wrapped?.reset && !wrapped.reset.kept.has(name)) return undefined;
    const value = prefixed.get(name);
    if (value) return evalWord(value, 0).value;
    const exported = scope.exportedValue(name);
    if (exported !== undefined) return exported;
    return outer?.get(name)?.exported ? (outer.get(name)!.value ?? null) : undefined;
  };
  // Its value, with the script's own variables put in.
  const env = (name: string): string | null | undefined => {
    const text = written(name);
    if (text === null || text === undefined) return text;
    const resolved = scope.resolve(text);
    return resolved.dynamic || /[$`]/.test(resolved.value) ? null : resolved.value;
  };
  const { files, envFiles, projectDirectory } = options;
  // compose-go cli/options.go: -p, else COMPOSE_PROJECT_NAME; COMPOSE_DISABLE_ENV_FILE is read from the process environment only.
  const projectName = options.projectName !== undefined ? options.projectName : env('COMPOSE_PROJECT_NAME');
  const disable = env('COMPOSE_DISABLE_ENV_FILE');
  const disableEnvFile = disable === undefined ? false : disable === null ? undefined : goBool(disable);
  if (disableEnvFile === undefined) return undefined;
  // docker/compose cmd/compose/compose.go: COMPOSE_ENV_FILES is the default of --env-file, comma-separated;
  // compose-go cli/options.go WithConfigFileEnv: COMPOSE_FILE, split on COMPOSE_PATH_SEPARATOR (else `:`), when no -f is given.
  // A list of paths in a variable, each placed as a path of the command line is (`$GITHUB_WORKSPACE/a.yml`); null: only the run tells.
  const envPaths = (name: string, separator: string): string[] | null | undefined => {
    const raw = written(name);
    if (raw === null || raw === undefined) return raw;
    const placed = raw.split(separator).filter(Boolean).map(place);
    return placed.some((p) => p.dynamic) ? null : placed.map((p) => p.value);
  };
  const separator = files.length ? undefined : env('COMPOSE_PATH_SEPARATOR');
  if (separator === null) return undefined;
  const envVariable = envFiles ? undefined : envPaths('COMPOSE_ENV_FILES', ',');
  const fileVariable = files.length ? undefined : envPaths('COMPOSE_FILE', separator || ':');
  if (envVariable === null || fileVariable === null) return undefined;
  const envList = envFiles ?? envVariable;
  const listed = files.length ? files : (fileVariable ?? []);
  if (!listed.length && !envList?.length && projectDirectory === undefined && projectName === undefined && !disableEnvFile && !podmanCompose) return undefined;
  return {
    files: listed,
    ...(cwd !== '.' ? { cd: cwd } : {}),
    ...(envList?.length ? { envFiles: envList } : {}),
    ...(projectDirectory !== undefined ? { projectDirectory } : {}),
    ...(projectName !== undefined ? { projectName } : {}),
    ...(disableEnvFile ? { disableEnvFile } : {}),
    ...(options.startsContainers ? { startsContainers: true } : {}),
    ...(podmanCompose ? { podmanCompose } : {}),
  };
}
