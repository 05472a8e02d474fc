/**
 * A compose project loaded the way compose-go loads one (docs/compose-projects.md): the first
 * default file of a folder with the first override file beside it, their `include:` entries, and
 * the files that `extends: {file:}` reads. Each file keeps the folder its relative paths resolve
 * against and the values its `${VAR}` take.
 */
import type { ContainerRun, ParsedFile } from '../model';
import { composeParser } from '../parsers/compose';
import { parseYaml } from '../parsers/yaml';
import { interpolate } from '../interpolation';
import { diffEdit, LineIndex } from '../text';
import { parseDotEnv, type DotEnv } from './dotenv';
import type { ComposeCommand } from './composeFileLists';
import { dirName, resolvePath, type ProjectFiles } from './projectFiles';

/** compose-go `cli.DefaultFileNames` and `DefaultOverrideFileNames`, in their order of preference. */
export const defaultFileNames = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const defaultOverrideFileNames = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];

/** Siblings larger than this are not read: no real compose file is. */
const maxSiblingLength = 1024 * 1024;
/** How deep `include` and `extends` are followed (compose stops at cycles; we stop here). */
const maxDepth = 5;

/** A variable's value and where it was set, for the message. */
export interface EnvEntry {
  value: string;
  /** The `.env` file that set it (the script, or the compose file, for the project name). */
  file: string;
  /** 1-based; 0: no line (a project name from a command or a folder). */
  line: number;
  /** How a value not read from a `.env` file was set: `-p`, `the environment`, `name:`, `the folder's name`. */
  how?: string;
}

export type ProjectEnv = ReadonlyMap<string, EnvEntry>;

export interface ProjectFile {
  path: string;
  /** The folder its relative paths (mounts, `include`, `extends.file`) resolve against. */
  workingDir: string;
  env: ProjectEnv;
  parsed: ParsedFile;
  /** Its services' `extends: {file, service}`, the file resolved. */
  extendsOf: ReadonlyMap<string, { path: string; service: string }>;
  /** 1-based line of an offset in its text. */
  lineOf(offset: number): number;
}

interface IncludeEntry {
  paths: string[];
  projectDirectory?: string;
  envFiles?: string[];
}

interface Entry {
  text: string;
  version: number;
  parsed?: ParsedFile;
  meta?: { includes: IncludeEntry[]; extendsOf: Map<string, { file: string; service: string }> };
  /** The lines `meta` was read from (`metaLines`). */
  metaLines?: string;
  env?: DotEnv;
  lines?: LineIndex;
  /** Its top-level `name:` (null: none). */
  name?: { value: string; line: number } | null;
}

/** The files read for one project, parsed once per text; the host keeps one for as long as its reader's texts are current. */
export class ProjectReader {
  private readonly entries = new Map<string, Entry>();
  private nextVersion = 0;
  /** Every path read for the current load, with the version read (undefined: missing). */
  private touched = new Map<string, number | undefined>();

  constructor(private readonly files: ProjectFiles) {}

  /** Starts recording what a load reads. */
  begin(): void {
    this.touched = new Map();
  }

  /** What the load read besides `except` (the analysed file, whose text is keyed apart), as a key that changes when any of it does. */
  readKey(except: string): string {
    return [...this.touched].filter(([p]) => p !== except).map(([p, v]) => `${p}@${v ?? '-'}`).sort().join('\n');
  }

  readPaths(): string[] {
    return [...this.touched.keys()];
  }

  entry(path: string, current?: { path: string; text: string }): Entry | undefined {
    const text = current?.path === path ? current.text : this.files.read(path);
    if (text === undefined || text.length > maxSiblingLength) {
      this.touched.set(path, undefined);
      this.entries.delete(path);
      return undefined;
    }
    let entry = this.entries.get(path);
    if (!entry || entry.text !== text) this.entries.set(path, (entry = { text, version: ++this.nextVersion, ...(entry && keptBy(entry, text)) }));
    this.touched.set(path, entry.version);
    return entry;
  }

  parsed(entry: Entry): ParsedFile {
    return (entry.parsed ??= parseQuietly(entry.text));
  }

  /** The last `include:`/`extends` read of each path, by the lines it was read from. */
  private readonly metaByLines = new Map<string, { lines: string; meta: NonNullable<Entry['meta']> }>();

  /**
   * Its `include:` entries and `extends.file`. The analysed file changes on every keystroke, but
   * these rarely do: an edit that leaves every line they can come from alone reuses the last read.
   */
  meta(path: string, entry: Entry): NonNullable<Entry['meta']> {
    if (entry.meta) return entry.meta;
    const lines = (entry.metaLines = metaLines(entry.text));
    const last = this.metaByLines.get(path);
    entry.meta = last?.lines === lines ? last.meta : readMeta(entry.text);
    this.metaByLines.set(path, { lines, meta: entry.meta });
    return entry.meta;
  }

  dotEnv(path: string): DotEnv | undefined {
    const entry = this.entry(path);
    return entry && (entry.env ??= parseDotEnv(entry.text));
  }
}

/** A compose text as the project reads it; broken text reads as no services. */
export function parseQuietly(text: string): ParsedFile {
  try {
    return composeParser.parse(text, { baseName: 'compose.yaml', buildEngine: 'auto', devcontainerEngine: 'docker', engine: 'auto' });
  } catch {
    return { kind: 'compose', runs: [], recovered: true };
  }
}

const stringList = (v: unknown): string[] | undefined =>
  typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;

/**
 * The lines `include:` entries and `extends` can come from: the top-level `include:` block, keys
 * without a value on their line (service names, `extends:`), and any line naming a file, a service,
 * an anchor, an alias or a merge key.
 */
function metaLines(text: string): string {
  if (!hasMeta(text)) return '';
  const include = /^include[ \t]*:[^\n]*(?:\n(?:[ \t#-][^\n]*)?)*/m.exec(text)?.[0] ?? '';
  const keyed = text.split('\n').filter((l) => /^\s*[^\s#][^:#]*:\s*$|file|service|extends|[&*]|<</.test(l));
  return `${include}\0${keyed.join('\n')}`;
}

/**
 * What an edit to a file's text leaves of its last entry's `include:`/`extends` read: all of it
 * when the file had no `include:` block and none of the lines the edit touched, before or after
 * it, is one `metaLines` keeps or `hasMeta` looks for (both read a line at a time). The analysed
 * file changes on every keystroke: this looks at those lines, not at every line of the file.
 */
function keptBy(last: Entry, text: string): Pick<Entry, 'meta' | 'metaLines'> {
  if (last.meta === undefined || last.metaLines?.startsWith('include')) return {};
  const edit = diffEdit(last.text, text);
  const touched = `${linesAround(last.text, edit.start, edit.end)}\n${linesAround(text, edit.start, edit.start + edit.newText.length)}`;
  return metaLike.test(touched) ? {} : { meta: last.meta, metaLines: last.metaLines };
}

/** What a line that `metaLines` keeps, or that makes `hasMeta` true, holds. */
const metaLike = /include|file|service|extends|[&*]|<<|^\s*[^\s#][^:#]*:\s*$/m;

/** The whole lines of `text` that overlap `[from, to]`. */
function linesAround(text: string, from: number, to: number): string {
  const start = text.lastIndexOf('\n', from - 1) + 1;
  const end = text.indexOf('\n', to);
  return text.slice(start, end < 0 ? text.length : end);
}

const hasMeta = (text: string): boolean => /^include[ \t]*:/m.test(text) || /\bfile[ \t]*:/.test(text);

/** The `include:` entries and `extends.file` of a compose text; nothing when it has neither or does not parse. */
function readMeta(text: string): NonNullable<Entry['meta']> {
  const meta: NonNullable<Entry['meta']> = { includes: [], extendsOf: new Map() };
  if (!hasMeta(text)) return meta;
  let js: unknown;
  try {
    js = parseYaml(text)?.toJS({ maxAliasCount: 1000 });
  } catch {
    return meta;
  }
  if (!js || typeof js !== 'object') return meta;
  const { include, services } = js as { include?: unknown; services?: unknown };
  for (const item of Array.isArray(include) ? include : []) {
    if (typeof item === 'string') meta.includes.push({ paths: [item] });
    else if (item && typeof item === 'object') {
      const { path, project_directory: projectDirectory, env_file: envFile } = item as Record<string, unknown>;
      const paths = stringList(path);
      if (paths?.length) meta.includes.push({ paths, projectDirectory: typeof projectDirectory === 'string' ? projectDirectory : undefined, envFiles: stringList(envFile) });
    }
  }
  if (services && typeof services === 'object') {
    for (const [name, service] of Object.entries(services as Record<string, unknown>)) {
      const ext = service && typeof service === 'object' ? (service as { extends?: unknown }).extends : undefined;
      if (!ext || typeof ext !== 'object') continue;
      const { file, service: base } = ext as Record<string, unknown>;
      if (typeof file === 'string' && typeof base === 'string') meta.extendsOf.set(name, { file, service: base });
    }
  }
  return meta;
}

/** `.env` files read in order; a value set earlier (the parent project's) wins, as in compose-go's `Mapping.Merge`. */
function withEnvFiles(reader: ProjectReader, env: ProjectEnv, paths: string[]): ProjectEnv {
  const out = new Map(env);
  for (const path of paths) {
    for (const [name, { value, line }] of reader.dotEnv(path) ?? []) if (!out.has(name)) out.set(name, { value, file: path, line });
  }
  return out;
}

const valuesOf = (env: ProjectEnv): Map<string, string> => new Map([...env].map(([k, v]) => [k, v.value]));

/**
 * One file of a project, or undefined when it cannot be read. The analysed file itself (`current`)
 * is not parsed here: its own analysis reads it.
 */
export function readFile(reader: ProjectReader, path: string, workingDir: string, env: ProjectEnv, current: { path: string; text: string }): { file: ProjectFile; includes: IncludeEntry[] } | undefined {
  const entry = reader.entry(path, current);
  if (!entry) return undefined;
  const meta = reader.meta(path, entry);
  const values = valuesOf(env);
  const resolve = (p: string) => resolvePath(workingDir, interpolate(p, values).value);
  const extendsOf = new Map([...meta.extendsOf].map(([name, e]) => [name, { path: resolve(e.file), service: e.service }]));
  const parsed = path === current.path ? { kind: 'compose' as const, runs: [] } : reader.parsed(entry);
  const includes = meta.includes.map((inc) => ({
    paths: inc.paths.map(resolve),
    projectDirectory: inc.projectDirectory !== undefined ? resolve(inc.projectDirectory) : undefined,
    envFiles: inc.envFiles?.map(resolve),
  }));
  const lineOf = (offset: number) => (entry.lines ??= new LineIndex(entry.text)).position(offset).line + 1;
  return { file: { path, workingDir, env, parsed, extendsOf, lineOf }, includes };
}

/** A project loaded: its files, its top-level files in order, and its project directory. */
export interface LoadedProject {
  files: ProjectFile[];
  /** What `-f`, `COMPOSE_FILE` or the default files give, in order. */
  config: string[];
  /** The folder relative paths resolve against (`--project-directory`, else the first file's). */
  dir: string;
}

/**
 * The project whose default files sit in `dir` (`{ dir }`), or the one a compose command loads; undefined
 * when there is none. `current` stands in for its file's text on disk. The steps are docker compose's
 * (cmd/compose/compose.go `toProjectOptions`): the env files (`--env-file`, else the `.env` of the
 * working directory), then `COMPOSE_FILE` or the default files, then the `.env` of the project
 * directory under the values already set.
 */
export function loadProject(reader: ProjectReader, current: { path: string; text: string }, spec: { dir: string } | ComposeCommand): LoadedProject | undefined {
  const command = 'cwd' in spec ? spec : undefined;
  const cwd = 'cwd' in spec ? spec.cwd : spec.dir;
  const named = command?.files ?? [];
  // compose stops at an env file it cannot find (compose-go dotenv/env.go `GetEnvFromFile`).
  if (command?.envFiles?.some((f) => !reader.dotEnv(f))) return undefined;
  // compose-go cli/options.go WithEnvFiles: the default `.env` unless COMPOSE_DISABLE_ENV_FILE.
  const defaultEnv = (dir: string): string[] => (command?.disableEnvFile ? [] : [`${dir}/.env`]);
  const first = withEnvFiles(reader, new Map(), command?.envFiles ?? defaultEnv(command?.projectDirectory ?? (named.length ? dirName(named[0]) : cwd)));
  // compose-go WithDefaultConfigPath looks in the working directory and the folders above it; a
  // folder's own project (no command) is looked for in that folder only.
  const config = named.length ? named : configFiles(reader, first, cwd, command ? (command.projectDirectory ?? cwd) : undefined, current);
  if (!config.length) return undefined;
  const dir = command?.projectDirectory ?? dirName(config[0]);
  const loaded = command?.envFiles ? first : withEnvFiles(reader, first, defaultEnv(dir));
  const name = projectName(reader, current, command, loaded, config, dir);
  // An invalid name given (`-p My_App`): compose stops (compose-go loader.InvalidProjectNameErr).
  if (name === null) return undefined;
  const env = name ? new Map(loaded).set(projectNameVariable, name) : loaded;
  const files: ProjectFile[] = [];
  const seen = new Set<string>();
  const add = (path: string, workingDir: string, env: ProjectEnv, depth: number): void => {
    if (seen.has(path) || depth > maxDepth) return;
    seen.add(path);
    const read = readFile(reader, path, workingDir, env, current);
    if (!read) return;
    files.push(read.file);
    for (const inc of read.includes) {
      // compose-go loader/include.go: paths, project_directory and env_file resolve against the
      // including file's folder; the project directory defaults to the first path's folder, the
      // env file to the `.env` there.
      const projectDir = inc.projectDirectory ?? dirName(inc.paths[0]);
      const incEnv = withEnvFiles(reader, env, inc.envFiles ?? [`${projectDir}/.env`]);
      for (const p of inc.paths) add(p, projectDir, incEnv, depth + 1);
    }
  };
  for (const path of config) add(path, dir, env, 0);
  return { files, config, dir };
}

export const projectNameVariable = 'COMPOSE_PROJECT_NAME';

/** compose-go loader.NormalizeProjectName. */
export const normalizeProjectName = (name: string): string => (name.toLowerCase().match(/[a-z0-9_-]/g) ?? []).join('').replace(/^[_-]+/, '');

/**
 * The project name, which compose-go's loader puts into `${COMPOSE_PROJECT_NAME}` (loader/loader.go
 * `projectName`; cli/options.go `withNamePrecedenceLoad`): `-p`, else `COMPOSE_PROJECT_NAME` of the
 * environment (the command's, then the env files'), both refused unless already normal; else the
 * last `name:` of the config files, interpolated and normalised; else the project directory's name,
 * normalised. Null: compose refuses the name; undefined: only the run tells it.
 */
function projectName(reader: ProjectReader, current: { path: string; text: string }, command: ComposeCommand | undefined, env: ProjectEnv, config: string[], dir: string): EnvEntry | null | undefined {
  if (command?.projectName === null) return undefined;
  if (command?.podmanCompose) return podmanComposeName(reader, current, command, env, config[0], dir);
  const given: EnvEntry | undefined = command?.projectName !== undefined ? { value: command.projectName, file: command.script ?? '', line: 0, how: 'the command' } : env.get(projectNameVariable);
  if (given?.value) return normalizeProjectName(given.value) === given.value ? given : null;
  let named: EnvEntry | undefined;
  const values = valuesOf(env);
  for (const path of config) {
    const entry = reader.entry(path, current);
    const written = entry && (entry.name ??= topLevelName(entry.text));
    if (!written) continue;
    const value = normalizeProjectName(interpolate(written.value, values).value);
    if (value) named = { value, file: path, line: written.line, how: 'name:' };
  }
  const folder = normalizeProjectName(dir.replace(/^.*\//, ''));
  return named ?? (folder ? { value: folder, file: dir, line: 0, how: "the project folder's name" } : undefined);
}

/**
 * The project name as podman-compose gives it (podman_compose.py `_parse_compose_file`, commit
 * e3df10472e194ab6d547b5ad25542c5c79e1a5fb): `-p` as given; else `COMPOSE_PROJECT_NAME` (the
 * environment with the `.env`), the first file's `name:`, or the folder's name lowercased, each
 * interpolated and then stripped of every character outside `[-_a-z0-9]` (`appXdev` → `appdev`);
 * nothing left is an error (null).
 */
function podmanComposeName(reader: ProjectReader, current: { path: string; text: string }, command: ComposeCommand, env: ProjectEnv, first: string, dir: string): EnvEntry | null {
  if (command.projectName) return { value: command.projectName, file: command.script ?? '', line: 0, how: 'the command' };
  const entry = reader.entry(first, current);
  const named = entry && (entry.name ??= topLevelName(entry.text));
  const given: EnvEntry = env.get(projectNameVariable) ?? (named ? { value: named.value, file: first, line: named.line, how: 'name:' } : { value: dir.replace(/^.*\//, '').toLowerCase(), file: dir, line: 0, how: "the project folder's name" });
  const value = interpolate(given.value, valuesOf(env)).value.replace(/[^-_a-z0-9]/g, '');
  return value ? { ...given, value } : null;
}

/** A compose text's top-level `name:` as written, with its line; null: none. */
function topLevelName(text: string): { value: string; line: number } | null {
  // Most files have none: the whole text is scanned only for one that may.
  if (!text.startsWith('name') && !text.includes('\nname')) return null;
  const m = /^name[ \t]*:[ \t]*(?:"([^"]*)"|'([^']*)'|([^\s#][^#\n]*?))[ \t]*(?:#.*)?$/m.exec(text);
  const value = m && (m[1] ?? m[2] ?? m[3]);
  return m && value ? { value, line: text.slice(0, m.index).split('\n').length } : null;
}

/** How many folders above its working directory a command's default files are looked for. */
export const parentsOfCommand = 5;

/**
 * The files `docker compose` run in `cwd` loads: those `COMPOSE_FILE` lists (the env files may set
 * it; `COMPOSE_PATH_SEPARATOR` or `:` between them, `;` on Windows), else the first default file
 * and the first override file beside it, in `searchFrom` or a folder above it (in `cwd` alone
 * without `searchFrom`).
 */
function configFiles(reader: ProjectReader, env: ProjectEnv, cwd: string, searchFrom: string | undefined, current: { path: string; text: string }): string[] {
  const listed = env.get('COMPOSE_FILE')?.value;
  if (listed) {
    const separator = env.get('COMPOSE_PATH_SEPARATOR')?.value || (listed.includes(';') ? ';' : ':');
    return listed.split(separator).filter(Boolean).map((p) => resolvePath(cwd, p));
  }
  let dir = searchFrom ?? cwd;
  for (let up = 0; up <= (searchFrom === undefined ? 0 : parentsOfCommand); up++, dir = dirName(dir)) {
    const first = (names: string[]) => names.map((n) => (dir === '/' ? `/${n}` : `${dir}/${n}`)).find((p) => reader.entry(p, current));
    const base = first(defaultFileNames);
    if (base) return [base, first(defaultOverrideFileNames)].filter((p): p is string => p !== undefined);
    if (dir === '/') break;
  }
  return [];
}

/** The `.env` beside a file no project loads (`current`), with the project name: its folder is then its project directory. */
export function folderEnv(reader: ProjectReader, dir: string, current: { path: string; text: string }): ProjectEnv {
  const env = withEnvFiles(reader, new Map(), [`${dir}/.env`]);
  const name = projectName(reader, current, undefined, env, [current.path], dir);
  if (name) return new Map(env).set(projectNameVariable, name);
  // A name compose refuses names nothing.
  const out = new Map(env);
  out.delete(projectNameVariable);
  return out;
}

/** The service an `extends: {file:}` names, with the file it is written in (itself followed through further `extends`). */
export function extendedServices(reader: ProjectReader, from: ProjectFile, service: string, current: { path: string; text: string }): { run: ContainerRun; file: ProjectFile }[] {
  const out: { run: ContainerRun; file: ProjectFile }[] = [];
  let file = from;
  let name = service;
  for (let depth = 0; depth < maxDepth; depth++) {
    const ext = file.extendsOf.get(name);
    if (!ext) break;
    // The extended file's relative paths resolve against its own folder (compose-go loader/extends.go).
    const read = readFile(reader, ext.path, dirName(ext.path), file.env, current);
    if (!read) break;
    file = read.file;
    name = ext.service;
    const run = file.parsed.runs.find((r) => r.name === name);
    if (!run) break;
    out.push({ run, file });
  }
  return out;
}
