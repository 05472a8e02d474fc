/**
 * What the rest of a compose project tells about one of its files: the folder its relative paths
 * resolve against, the `.env` values its `${VAR}` take, and the services other files define or
 * extend (their labeling and their mounts, for `private-label-shared`).
 */
import type { ContainerRun, Labeling } from '../model';
import { commandKey, type ComposeCommand } from './composeFileLists';
import { extendedServices, folderEnv, loadProject, projectNameVariable, readFile, ProjectReader, type LoadedProject, type ProjectEnv, type ProjectFile } from './composeProject';
import { dirName, relativePath, type ProjectFiles } from './projectFiles';
import { normalizePath, trimSlashes } from '../paths';
import { interpolate } from '../interpolation';
import type { WorkspaceIndex } from './workspaceMounts';

/** A service's definition in another file of the project (or a service it extends there). */
export interface Contribution {
  /** The service of the analysed project it belongs to. */
  service: string;
  run: ContainerRun;
  /** The file, as written from the analysed file's folder. */
  where: string;
  /** Each mount's host path, absolute where it was relative (undefined: not a host path). */
  keys: (string | undefined)[];
  /** Labeling is off there: why, and where (`privileged: true in compose.override.yaml line 4`). */
  labelingOff?: string;
}

export interface ComposeProjectView {
  /** Changes whenever anything the view was built from does (for the analysis cache). */
  key: string;
  /** The folder the file's relative paths resolve against. */
  workingDir: string;
  env: ProjectEnv;
  /** The `.env` file of a variable, as written from the analysed file's folder. */
  envFile(name: string): string | undefined;
  /** Where a variable's value comes from, for a message: `.env line 4`, `-p in ../deploy.sh`, `the project folder's name`. */
  valueFrom(name: string): string | undefined;
  contributions: Contribution[];
  /** The project directory (`--project-directory`, else its first file's folder): what tells one project of the workspace from another. */
  project: string;
  /** The workspace's relabelled compose mounts (the host lists them; none when it does not): those of other projects count. */
  workspace?: WorkspaceIndex;
  /** A file as written from the analysed file's folder. */
  relative(file: string): string;
  /** Every path read to build the view, found or not: a change to any of them changes the view. */
  paths: string[];
  /** The other project names the workspace's commands run the same files under, each with the file the command is in (as written from the analysed file's folder). */
  instances: Instance[];
}

/** Another name the same project runs under: another set of containers (`-p prod`, in `../deploy.sh`). */
export interface Instance {
  name: string;
  script?: string;
}

/** How many folders above a file are searched for the project that includes or extends it. */
const parentsSearched = 3;

/** A host path as the sharing rules compare it: absolute when the file wrote it relative. */
export function absoluteKey(path: string, workingDir: string): string {
  const trimmed = trimSlashes(path) || '/';
  if (/^[/~$]/.test(trimmed)) return trimmed;
  // `./x` is `x`: a path without `.` parts is often normal already (normalizePath).
  return normalizePath(`${workingDir}/${trimmed.startsWith('./') ? trimmed.slice(2) : trimmed}`);
}

/** The host of compose projects for one reader (the CLI's disk, the server's documents over the disk). */
export class ComposeProjects {
  private readonly reader: ProjectReader;

  constructor(files: ProjectFiles) {
    this.reader = new ProjectReader(files);
  }

  /**
   * The view of the project `path` belongs to (`text` is its current text), or of the file alone;
   * `workspace`: the relabelled mounts of the workspace's compose files (all of them: those of
   * other projects count). `commands`: the compose commands of the repository's scripts,
   * Makefiles and CI files (see `commandFor`). `mountedPaths`: see `WorkspaceIndex.keyFor`.
   */
  viewFor(path: string, text: string, workspace?: WorkspaceIndex, commands: readonly ComposeCommand[] = [], mountedPaths?: Iterable<string>): ComposeProjectView {
    const reader = this.reader;
    reader.begin();
    const current = { path, text };
    const here = dirName(path);
    let loaded: LoadedProject | undefined;
    let own: ProjectFile | undefined;
    for (let dir = here, up = 0; up <= parentsSearched; up++, dir = dirName(dir)) {
      loaded = loadProject(reader, current, { dir });
      own = loaded?.files.find((f) => f.path === path);
      if (own || dir === '/') break;
    }
    const matching = commandsFor(reader, current, commands, own ? loaded!.config : undefined);
    const command = matching.next().value as CommandProject | undefined;
    if (command) ({ loaded, own } = command);
    const others = command ? otherNames(command, matching) : { names: [], keys: [] };
    const files = loaded?.files;
    // A file no project here loads (`compose.prod.yaml` run with -f): its folder is its project's.
    const self = own ?? readFile(reader, path, here, folderEnv(reader, here, current), current)?.file;
    const project = own ? loaded!.dir : here;
    const commandKeys = command ? [command.command, ...others.keys].map((c) => `\n\u0002${typeof c === 'string' ? c : commandKey(c)}`).join('') : '';
    const key = (): string => reader.readKey(path) + commandKeys + (workspace?.keyFor(project, mountedPaths) ?? '');
    const relative = (file: string): string => relativePath(here, file);
    if (!self) return { key: key(), workingDir: here, env: new Map(), envFile: () => undefined, valueFrom: () => undefined, contributions: [], project, workspace, relative, paths: reader.readPaths(), instances: [] };
    const contributions: Contribution[] = [];
    const where = (file: ProjectFile) => relativePath(here, file.path);
    const contribute = (service: string, run: ContainerRun, file: ProjectFile) => {
      const values = new Map([...file.env].map(([k, v]) => [k, v.value]));
      const keys = run.mounts.map((m) => (m.kind === 'host' && m.source ? absoluteKey(interpolate(m.source.text, values).value, file.workingDir) : undefined));
      const off = run.labeling.disabled ? labelingOff(run.labeling, file, where(file)) : undefined;
      contributions.push({ service, run, where: where(file), keys, labelingOff: off });
    };
    // The other files' services, and the services each service extends from another file (the analysed file's own runs are its analysis's).
    for (const file of own ? files! : [self]) {
      const runs = file === self ? [] : file.parsed.runs;
      for (const run of runs) contribute(run.name, run, file);
      const names = file === self ? [...self.extendsOf.keys()] : runs.map((r) => r.name);
      for (const name of names) for (const ext of extendedServices(reader, file, name, current)) contribute(name, ext.run, ext.file);
    }
    const envFile = (name: string) => {
      const entry = self.env.get(name);
      return entry && relativePath(here, entry.file);
    };
    const valueFrom = (name: string) => {
      const entry = self.env.get(name);
      if (!entry) return undefined;
      if (entry.line) return `${entry.how ? `${entry.how} in ` : ''}${relativePath(here, entry.file)} line ${entry.line}`;
      return entry.file && entry.how !== "the project folder's name" ? `${entry.how} in ${relativePath(here, entry.file)}` : entry.how;
    };
    const instances = others.names.map((n) => ({ name: n.name, ...(n.script ? { script: relative(n.script) } : {}) }));
    return { key: key(), workingDir: self.workingDir, env: self.env, envFile, valueFrom, contributions, project, workspace, relative, paths: reader.readPaths(), instances };
  }
}

/**
 * The first compose command of the scripts that loads the file. A file of a default project takes
 * only a command that loads the same files (the default project as the script runs it: its env
 * files, its project directory); a default file is also run alone, so `-f compose.yml -f prod.yml`
 * does not take it from its default project. Any other file takes the first command that loads it.
 */
function* commandsFor(reader: ProjectReader, current: { path: string; text: string }, commands: readonly ComposeCommand[], defaults: readonly string[] | undefined): Generator<CommandProject> {
  const sameFiles = (files: readonly string[]) => !!defaults && files.length === defaults.length && files.every((f, i) => f === defaults[i]);
  const defaultsDir = defaults && dirName(defaults[0]);
  for (const command of commands) {
    // Cheap first: a command that names files names this one or the default project's; one that
    // looks for the default files finds them only from their folder or a folder below it.
    if (command.files.length && !(defaults ? sameFiles(command.files) : command.files.includes(current.path))) continue;
    const from = command.projectDirectory ?? command.cwd;
    if (!command.files.length && defaultsDir && from !== defaultsDir && !from.startsWith(`${defaultsDir === '/' ? '' : defaultsDir}/`)) continue;
    const loaded = loadProject(reader, current, command);
    const own = loaded?.files.find((f) => f.path === current.path);
    if (loaded && own && (!defaults || sameFiles(loaded.config))) yield { command, loaded, own };
  }
}

interface CommandProject {
  command: ComposeCommand;
  loaded: LoadedProject;
  own: ProjectFile;
}

const nameOf = (file: ProjectFile): string | undefined => file.env.get(projectNameVariable)?.value;

/**
 * The other names the commands that start containers run the same project under (`docker compose
 * -p staging up` and `-p prod up`, the same files from the same folder): each name is another set
 * of containers mounting the project's host paths. The analysed file's containers are those of the
 * command it is checked with when that one starts them, else of the first that does. None when a
 * name is known only at run time.
 */
function otherNames(taken: CommandProject, rest: Iterable<CommandProject>): { names: Instance[]; keys: string[] } {
  const same = (p: LoadedProject) => p.dir === taken.loaded.dir && p.config.length === taken.loaded.config.length && p.config.every((f, i) => f === taken.loaded.config[i]);
  const starting = [taken, ...rest].filter((c) => c.command.startsContainers && same(c.loaded));
  const byName = new Map<string | undefined, CommandProject>();
  for (const c of starting) if (!byName.has(nameOf(c.own))) byName.set(nameOf(c.own), c);
  if (byName.size < 2 || byName.has(undefined)) return { names: [], keys: [] };
  const own = taken.command.startsContainers ? nameOf(taken.own) : nameOf(starting[0].own);
  const others = [...byName].filter(([name]) => name !== own).map(([, c]) => c);
  return { names: others.map((c) => ({ name: nameOf(c.own)!, script: c.command.script })), keys: others.map((c) => commandKey(c.command)) };
}

function labelingOff(labeling: Labeling, file: ProjectFile, where: string): string {
  const line = labeling.reasonSpan ? ` line ${file.lineOf(labeling.reasonSpan.start)}` : '';
  return `${labeling.reason ?? 'label=disable'} in ${where}${line}`;
}
