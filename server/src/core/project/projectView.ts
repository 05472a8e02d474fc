/**
 * What the rest of a compose project tells about one of its files: the folder its relative paths
 * resolve against, the `.env` values its `${VAR}` take, and the services other files define or
 * extend (their labeling and their mounts, for `private-label-shared`).
 */
import type { ContainerRun, Labeling } from '../model';
import { extendedServices, folderEnv, loadProject, readFile, ProjectReader, type ProjectEnv, type ProjectFile } from './composeProject';
import { dirName, relativePath, type ProjectFiles } from './projectFiles';
import { normalizePath } from '../paths';
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
  contributions: Contribution[];
  /** The project directory (its first file's folder): what tells one project of the workspace from another. */
  project: string;
  /** The workspace's relabelled compose mounts (the host lists them; none when it does not): those of other projects count. */
  workspace?: WorkspaceIndex;
  /** A file as written from the analysed file's folder. */
  relative(file: string): string;
  /** Every path read to build the view, found or not: a change to any of them changes the view. */
  paths: string[];
}

/** How many folders above a file are searched for the project that includes or extends it. */
const parentsSearched = 3;

/** A host path as the sharing rules compare it: absolute when the file wrote it relative. */
export function absoluteKey(path: string, workingDir: string): string {
  const trimmed = path.replace(/\/+$/, '') || '/';
  if (/^[/~$]/.test(trimmed)) return trimmed;
  return normalizePath(`${workingDir}/${trimmed}`);
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
   * other projects count). `fileLists`: the `-f` lists of the repository's scripts
   * and Makefiles (absolute paths): a file no default project loads is loaded with the first list
   * that names it. `mountedPaths`: see `WorkspaceIndex.keyFor`.
   */
  viewFor(path: string, text: string, workspace?: WorkspaceIndex, fileLists: readonly (readonly string[])[] = [], mountedPaths?: Iterable<string>): ComposeProjectView {
    const reader = this.reader;
    reader.begin();
    const current = { path, text };
    const here = dirName(path);
    let files: ProjectFile[] | undefined;
    let own: ProjectFile | undefined;
    for (let dir = here, up = 0; up <= parentsSearched; up++, dir = dirName(dir)) {
      files = loadProject(reader, dir, current);
      own = files?.find((f) => f.path === path);
      if (own || dir === '/') break;
    }
    const listed = own ? undefined : fileLists.find((list) => list.includes(path));
    if (listed) {
      files = loadProject(reader, dirName(listed[0]), current, listed);
      own = files?.find((f) => f.path === path);
    }
    // A file no project here loads (`compose.prod.yaml` run with -f): its folder is its project's.
    const self = own ?? readFile(reader, path, here, folderEnv(reader, here), current)?.file;
    const project = own ? dirName(files![0].path) : here;
    const key = (): string => reader.readKey(path) + listKey(listed) + (workspace?.keyFor(project, mountedPaths) ?? '');
    const relative = (file: string): string => relativePath(here, file);
    if (!self) return { key: key(), workingDir: here, env: new Map(), envFile: () => undefined, contributions: [], project, workspace, relative, paths: reader.readPaths() };
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
    return { key: key(), workingDir: self.workingDir, env: self.env, envFile, contributions, project, workspace, relative, paths: reader.readPaths() };
  }
}

/** The `-f` list a view was loaded with, for its key (its files' texts are in the read key). */
const listKey = (listed: readonly string[] | undefined): string => (listed ? `\n\u0002${listed.join('\0')}` : '');

function labelingOff(labeling: Labeling, file: ProjectFile, where: string): string {
  const line = labeling.reasonSpan ? ` line ${file.lineOf(labeling.reasonSpan.start)}` : '';
  return `${labeling.reason ?? 'label=disable'} in ${where}${line}`;
}
