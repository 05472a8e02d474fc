/**
 * The files of one workspace compared with each other: two compose projects (two folders), or a
 * compose project and a script, quadlet unit, devcontainer.json... that mount the same host path
 * with a relabel share it, and a `:Z` on one side takes the folder from the other whichever starts
 * second. The host lists every file's relabelled mounts (it reads the workspace); the core matches
 * them against the analysed file's mounts.
 */
import type { ContainerRun, ParsedFile, Relabel } from '../model';
import { pathKey } from '../paths';
import { repositoryRoot } from '../parsers/shell/workingDirectory';
import { dirName, relativePath, resolvePath, type ProjectFiles } from './projectFiles';
import { projectPathKeys } from './applyProject';
import { repositoryRootOf } from './composeFileLists';
import { absoluteKey } from './projectView';
import { carrySameOrder } from '../sameOrder';
import type { QuadletVolumes } from './quadletVolumes';

/** A host path a service of some compose project mounts with a relabel. */
export interface WorkspaceMount {
  /** The host path, absolute (as `private-label-shared` compares paths). */
  path: string;
  /** The file the mount is written in, absolute. */
  file: string;
  /** The project directory of a compose file's project (another project is another folder); any other file is its own. */
  project: string;
  service: string;
  relabel: Relabel;
  /** The service's explicit `label=level:`. */
  level?: string;
}

/** One container of another file at a path: the same service of one file, relabel and level (mounting it twice is one container). */
const containerOf = (m: WorkspaceMount): string => [m.service, m.file, m.project === m.file, m.relabel, m.level ?? ''].join('\0');

/**
 * The workspace's containers at one host path, kept so that a file's view is found without
 * walking them all (hundreds of files can mount one folder): by container in the order they
 * came, with the containers of each file and project, how many run at each label level, and the
 * hash sums of the mounts (all, and each project's) for the views' keys.
 */
class AtPath {
  readonly containers = new Map<string, WorkspaceMount[]>();
  readonly ofFile = new Map<string, Set<string>>();
  /** Each project's containers, with how many of their mounts it made. */
  readonly ofProject = new Map<string, Map<string, number>>();
  readonly levels = new Map<string | undefined, number>();
  readonly sums = new Sums();
}

/** Order-free sums of the mounts' hashes (two FNV-1a bases and a count), in all and per project. */
class Sums {
  private readonly total = [0, 0, 0];
  private readonly byProject = new Map<string, number[]>();

  count(m: WorkspaceMount, sign: 1 | -1): void {
    const text = textOf(m);
    const own = this.byProject.get(m.project) ?? [0, 0, 0];
    const add = [hash(text, 0x811c9dc5), hash(text, 0x01000193), 1];
    for (let i = 0; i < 3; i++) {
      own[i] = (own[i] + sign * add[i]) >>> 0;
      this.total[i] = (this.total[i] + sign * add[i]) >>> 0;
    }
    if (own[2]) this.byProject.set(m.project, own);
    else this.byProject.delete(m.project);
  }

  /** How many mounts other projects than `project` make. */
  othersCount(project: string): number {
    return (this.total[2] - (this.byProject.get(project)?.[2] ?? 0)) >>> 0;
  }

  /** Adds the sums of the mounts of other projects than `project` to `into`. */
  othersInto(project: string, into: number[]): void {
    const own = this.byProject.get(project) ?? [0, 0, 0];
    for (let i = 0; i < 3; i++) into[i] = (into[i] + this.total[i] - own[i]) >>> 0;
  }
}

/** The containers of other files at one path, as one file's view sees them. */
export interface OtherContainers {
  count: number;
  /** The first `n` containers' mounts, in the index's order. */
  first(n: number): WorkspaceMount[];
  /** The label levels they run with, each once (undefined: one runs without). */
  levels(): Set<string | undefined>;
}

/**
 * The workspace's relabelled mounts by host path: a view looks up only the paths its file mounts,
 * and its key takes the other projects' part as order-free sums of hashes (its own project's
 * mounts, which change as it is typed, left out). The server keeps one and changes it file by file.
 * Adding, taking out and looking up cost what the file's own containers at the path do, not what
 * every other file's do.
 */
export class WorkspaceIndex {
  private readonly byPath = new Map<string, AtPath>();
  private readonly sums = new Sums();

  constructor(mounts: readonly WorkspaceMount[] = []) {
    for (const m of mounts) this.add(m);
  }

  add(m: WorkspaceMount): void {
    let at = this.byPath.get(m.path);
    if (!at) this.byPath.set(m.path, (at = new AtPath()));
    const id = containerOf(m);
    let list = at.containers.get(id);
    if (!list) {
      at.containers.set(id, (list = []));
      at.levels.set(m.level, (at.levels.get(m.level) ?? 0) + 1);
      const ofFile = at.ofFile.get(m.file);
      if (ofFile) ofFile.add(id);
      else at.ofFile.set(m.file, new Set([id]));
    }
    list.push(m);
    let ofProject = at.ofProject.get(m.project);
    if (!ofProject) at.ofProject.set(m.project, (ofProject = new Map()));
    ofProject.set(id, (ofProject.get(id) ?? 0) + 1);
    at.sums.count(m, 1);
    this.sums.count(m, 1);
  }

  /** Takes out a mount equal to `m` (the same fields). */
  remove(m: WorkspaceMount): void {
    const at = this.byPath.get(m.path);
    const id = containerOf(m);
    const list = at?.containers.get(id);
    const text = textOf(m);
    const i = list ? list.findIndex((x) => textOf(x) === text) : -1;
    if (!at || !list || i < 0) return;
    list.splice(i, 1);
    const ofProject = at.ofProject.get(m.project)!;
    const left = ofProject.get(id)! - 1;
    if (left) ofProject.set(id, left);
    else if (ofProject.delete(id) && !ofProject.size) at.ofProject.delete(m.project);
    if (!list.length) {
      at.containers.delete(id);
      const level = at.levels.get(m.level)! - 1;
      if (level) at.levels.set(m.level, level);
      else at.levels.delete(m.level);
      const ofFile = at.ofFile.get(m.file)!;
      if (ofFile.delete(id) && !ofFile.size) at.ofFile.delete(m.file);
    }
    at.sums.count(m, -1);
    this.sums.count(m, -1);
    if (!at.containers.size) this.byPath.delete(m.path);
  }

  /** True when a project other than `project` mounts anything: else no path has containers of others. */
  hasOthers(project: string): boolean {
    return this.sums.othersCount(project) > 0;
  }

  /** Every mount at `path`, in the order their containers came. */
  at(path: string): WorkspaceMount[] {
    return [...(this.byPath.get(path)?.containers.values() ?? [])].flat();
  }

  /**
   * The containers at `path` that a view of `project` counts: not its own project's, nor those of
   * the files it read (`read`: a compose project's files, and those it includes or extends).
   */
  othersAt(path: string, project: string, read: ReadonlySet<string>): OtherContainers | undefined {
    const at = this.byPath.get(path);
    if (!at) return undefined;
    const left = new Set<string>();
    for (const id of at.ofProject.get(project)?.keys() ?? []) {
      // A compose file loaded by two projects counts for the other one.
      if (at.containers.get(id)!.every((m) => m.project === project || read.has(m.file))) left.add(id);
    }
    if (read.size < at.ofFile.size) {
      for (const file of read) for (const id of at.ofFile.get(file) ?? []) left.add(id);
    } else for (const [file, ids] of at.ofFile) if (read.has(file)) for (const id of ids) left.add(id);
    const count = at.containers.size - left.size;
    if (!count) return undefined;
    return {
      count,
      first(n) {
        const out: WorkspaceMount[] = [];
        for (const [id, mounts] of at.containers) {
          if (out.length >= n) break;
          if (!left.has(id)) out.push(mounts[0]);
        }
        return out;
      },
      levels() {
        const levels = new Map(at.levels);
        for (const id of left) {
          const level = at.containers.get(id)![0].level;
          levels.set(level, levels.get(level)! - 1);
        }
        return new Set([...levels].filter(([, n]) => n > 0).map(([level]) => level));
      },
    };
  }

  /**
   * Changes when a mount of another project than `project` does; with `paths` (the host paths the
   * file mounted when last analysed, the host's guess of what it mounts now), only the mounts at
   * those paths count: an edit elsewhere in the workspace, or typing in one of the file's own host
   * paths that no other project mounts, then leaves the file's cached analysis (and its kept
   * findings) alone. The paths themselves are no part of it: each mount counted names its path.
   */
  keyFor(project: string, paths?: Iterable<string>): string {
    // No other project mounts anything (one project in the workspace): no path of thousands to look at.
    if (!this.hasOthers(project)) return '';
    const sum = [0, 0, 0];
    if (!paths) this.sums.othersInto(project, sum);
    else for (const path of paths) this.byPath.get(path)?.sums.othersInto(project, sum);
    return sum[2] ? `\n\u0001${sum.join('.')}` : '';
  }
}

const textOf = (m: WorkspaceMount): string => [m.path, m.file, m.project, m.service, m.relabel, m.level ?? ''].join('\0');

/** FNV-1a from a given basis. */
function hash(text: string, basis: number): number {
  let h = basis;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * What the workspace comparison needs of the analysed file: a compose file's `ComposeProjectView`,
 * or `fileView` for the other kinds.
 */
export interface WorkspaceView {
  /** Changes with the workspace's mounts the file shares (for the analysis cache). */
  key: string;
  project: string;
  workspace?: WorkspaceIndex;
  /** The files the view was built from: their mounts are the file's own project's. */
  paths: readonly string[];
  relative(file: string): string;
  /** Where a compose file's relative paths resolve; undefined for the other kinds, whose relative paths depend on where they run. */
  workingDir?: string;
  /** The folder of a file of another kind: where its sources written beside it resolve (`HostSource.besideFile`, a quadlet unit's `Volume=./data`). */
  fileDir?: string;
  /** Where a script's placed sources (`HostSource.fromScript`) start: its folder, the repository root for a GitHub workflow's steps. */
  scriptDir?: string;
  /** The repository root above a file of another kind (the nearest folder holding `.git`), read when a source starts there; null: none found. */
  repositoryRoot?(): string | null;
  /** A quadlet `.container`'s `.volume` units, read beside it: the host folders they bind. */
  quadletVolumes?: QuadletVolumes;
}

/**
 * The view of a file that is not compose (a script, Makefile, CI file, document, quadlet unit,
 * devcontainer.json): its own project. `mountedPaths`: see `WorkspaceIndex.keyFor`.
 * `quadletVolumes`: a quadlet `.container`'s volume units (`quadletVolumesOf`). `disk` tells
 * where the repository root is (`$GITHUB_WORKSPACE/data` in a script); without it such paths
 * name no folder.
 */
export function fileView(path: string, workspace: WorkspaceIndex | undefined, mountedPaths?: Iterable<string>, quadletVolumes?: QuadletVolumes, disk?: ProjectFiles): WorkspaceView {
  const here = dirName(path);
  const key = (workspace?.keyFor(path, mountedPaths) ?? '') + (quadletVolumes?.key ?? '');
  // A workflow's steps start in the checkout (as for its compose commands: composeFileLists).
  const scriptDir = here.endsWith('/.github/workflows') ? dirName(dirName(here)) : here;
  let root: string | null | undefined;
  const repositoryRoot = (): string | null => (root === undefined ? (root = repositoryRootOf(here, disk)) : root);
  return { key, project: path, workspace, paths: [path], relative: (file) => relativePath(here, file), fileDir: here, scriptDir, repositoryRoot, ...(quadletVolumes ? { quadletVolumes } : {}) };
}

/**
 * The host paths a run's mounts are compared at, in their order: absolute where a compose file
 * wrote them relative, a quadlet unit wrote them beside itself (`Volume=./data`), or a script
 * placed them (`HostSource.fromScript`: from its folder, or from the repository root when one is
 * found).
 */
export function pathKeysOf(run: ContainerRun, view: WorkspaceView): readonly (string | undefined)[] {
  return keysOf(run, view).keys;
}

/** `pathKeysOf`, with the repository root it read (undefined: none was asked for). */
function keysOf(run: ContainerRun, view: WorkspaceView): { keys: readonly (string | undefined)[]; root?: string | null } {
  if (view.workingDir !== undefined) return { keys: projectPathKeys(run, view.workingDir) };
  // Kept per run, as a compose run's are: a keystroke in a script asks for every run's twice (the analysis, the workspace's mounts).
  const known = keysOfRun.get(run);
  if (known && known.fileDir === view.fileDir && known.scriptDir === view.scriptDir && placedAt(known.made.root, view)) return known.made;
  const made = placedKeys(run, view);
  keysOfRun.set(run, { fileDir: view.fileDir, scriptDir: view.scriptDir, made });
  return made;
}

/**
 * True when what was placed at `root` (the repository root read then; undefined: none was read)
 * still lies there for `view`: a `.git` found higher or lower moves what a script placed at it.
 */
function placedAt(root: string | null | undefined, view: WorkspaceView): boolean {
  return root === undefined || root === (view.repositoryRoot?.() ?? null);
}

/** What `keysOf` made for a run of a file of another kind, and the view's folders it was made with. */
const keysOfRun = new WeakMap<ContainerRun, { fileDir: string | undefined; scriptDir: string | undefined; made: { keys: readonly (string | undefined)[]; root?: string | null } }>();

function placedKeys(run: ContainerRun, view: WorkspaceView): { keys: readonly (string | undefined)[]; root?: string | null } {
  const dir = view.fileDir;
  let root: string | null | undefined;
  const keys = run.mounts.map((mount) => {
    const key = pathKey(mount);
    if (key === undefined || dir === undefined) return key;
    if (mount.source?.besideFile) return absoluteKey(key, dir);
    const placed = mount.source?.fromScript;
    if (placed === undefined) return key;
    if (placed !== repositoryRoot && !placed.startsWith(`${repositoryRoot}/`)) return resolvePath(view.scriptDir ?? dir, placed);
    root ??= view.repositoryRoot?.() ?? null;
    return root === null ? key : resolvePath(root, `.${placed.slice(repositoryRoot.length)}`);
  });
  return root === undefined ? { keys } : { keys, root };
}

/** A path that names the same folder wherever the file is run from: absolute or in the home folder (`$HOME` reads `~`), or placed by the file's folder. */
const fixedPath = /^(?:\/|~(?:\/|$))/;

/**
 * The relabelled host mounts of an analysed file (a compose file's model with its project
 * applied): what it gives the other files of the workspace. A container with labeling off counts
 * too: the engine still relabels its mounts (`:Z` to `s0:c1022,c1023`, selinux-reference §3f). A
 * path still holding an unknown `${VAR}` names no folder, nor does a relative path outside compose
 * (it depends on the folder the command runs in) unless the script tells that folder
 * (`HostSource.fromScript`), nor a container on a host without SELinux (a GitHub-hosted runner).
 */
export function workspaceMountsOf(path: string, file: ParsedFile, view: WorkspaceView): WorkspaceMount[] {
  const out: WorkspaceMount[] = [];
  for (const run of file.runs) for (const m of runWorkspaceMounts(path, run, view)) out.push(m);
  return out;
}

/** One run's part of `workspaceMountsOf`, kept per run. */
function runWorkspaceMounts(path: string, run: ContainerRun, view: WorkspaceView): readonly WorkspaceMount[] {
  return madeMounts(path, run, view).mounts;
}

const noMounts = { mounts: [] };

/** `runWorkspaceMounts`, with the repository root they were placed at (undefined: none started there). */
function madeMounts(path: string, run: ContainerRun, view: WorkspaceView): { mounts: readonly WorkspaceMount[]; root?: string | null } {
  if (run.noSelinux) return noMounts;
  let made = madeOf.get(run);
  if (made?.file !== path || made.project !== view.project || made.workingDir !== view.workingDir || !placedAt(made.root, view)) {
    madeOf.set(run, (made = { file: path, project: view.project, workingDir: view.workingDir, ...runMounts(path, run, view) }));
  }
  return made;
}

/** Each run's workspace mounts, with what they were made for (the repository root, when a source started there): an edit keeps the runs it did not touch. */
const madeOf = new WeakMap<ContainerRun, { file: string; project: string; workingDir: string | undefined; root?: string | null; mounts: WorkspaceMount[] }>();

function runMounts(path: string, run: ContainerRun, view: WorkspaceView): { mounts: WorkspaceMount[]; root?: string | null } {
  const mounts: WorkspaceMount[] = [];
  const { keys, root } = keysOf(run, view);
  run.mounts.forEach((mount, i) => {
    const relabel = mount.relabels.at(-1)?.word;
    const key = keys[i];
    // A source the script placed names its folder even where it reads a variable (`$GITHUB_WORKSPACE`).
    const unknown = mount.source?.dynamic && mount.source.fromScript === undefined;
    if ((relabel !== 'z' && relabel !== 'Z') || !key || !fixedPath.test(key) || unknown) return;
    mounts.push({ path: key, file: path, project: view.project, service: run.name, relabel, ...(run.labeling.level ? { level: run.labeling.level } : {}) });
  });
  return root === undefined ? { mounts } : { mounts, root };
}

/**
 * What changed from a file's `old` mounts to `now`, as a multiset: the mounts of the runs an edit
 * kept are the same objects, and mounts made again equal (a service read again) are no change.
 */
export function mountChanges(old: readonly WorkspaceMount[], now: readonly WorkspaceMount[]): { removed: WorkspaceMount[]; added: WorkspaceMount[] } {
  const was = new Set(old);
  const is = new Set(now);
  const gone = old.filter((m) => !is.has(m));
  const unmatched = new Map<string, number>();
  for (const m of gone) unmatched.set(textOf(m), (unmatched.get(textOf(m)) ?? 0) + 1);
  const added: WorkspaceMount[] = [];
  for (const m of now) {
    if (was.has(m)) continue;
    const n = unmatched.get(textOf(m));
    if (n) unmatched.set(textOf(m), n - 1);
    else added.push(m);
  }
  const removed = gone.filter((m) => {
    const n = unmatched.get(textOf(m));
    if (n) unmatched.set(textOf(m), n - 1);
    return !!n;
  });
  return { removed, added };
}

/**
 * A file's `workspaceMountsOf`, kept per run, for the host that changes the workspace's list file
 * by file: an edit makes new runs only for the services it touched, in the same order as the runs
 * it kept (core/incremental), and only theirs are read again and compared; a compose file of
 * thousands of relabelled mounts is not gone through on each keystroke.
 */
export class FileMounts {
  private runs: readonly ContainerRun[] = [];
  private ofRuns: (readonly WorkspaceMount[])[] = [];
  /** What the runs' mounts were made for: the file's path, project and (compose) folder. */
  private madeFor: string | undefined;
  /** The repository root the runs' mounts were placed at (undefined: none started there). */
  private root: string | null | undefined;

  /** Takes the mounts of `file`, analysed with `view` (none: not analysed); says which came and went, as `mountChanges` does. */
  update(path: string | undefined, file: ParsedFile | undefined, view: WorkspaceView | undefined): { removed: WorkspaceMount[]; added: WorkspaceMount[] } {
    const runs = path && file && view ? file.runs : [];
    const madeFor = path && view ? `${path}\0${view.project}\0${view.workingDir ?? ''}` : undefined;
    const dropped: WorkspaceMount[] = [];
    const made: WorkspaceMount[] = [];
    const make = (i: number): readonly WorkspaceMount[] => {
      const { mounts, root } = madeMounts(path!, runs[i], view!);
      if (root !== undefined) this.root = root;
      for (const m of mounts) made.push(m);
      return mounts;
    };
    const drop = (mounts: readonly WorkspaceMount[]) => {
      for (const m of mounts) dropped.push(m);
    };
    // The runs an edit kept (a compose service, a script statement) keep their mounts, unless those were placed at another repository root.
    const same = madeFor !== undefined && madeFor === this.madeFor && placedAt(this.root, view!);
    if (!same) this.root = undefined;
    const ofRuns = carrySameOrder(runs, same ? this.runs : [], this.ofRuns, make, (j) => drop(this.ofRuns[j]));
    if (!same) this.ofRuns.forEach(drop);
    this.runs = runs;
    this.ofRuns = ofRuns;
    this.madeFor = madeFor;
    return mountChanges(dropped, made);
  }

  /** True when the file mounts something the workspace's list holds. */
  get any(): boolean {
    return this.ofRuns.some((mounts) => mounts.length > 0);
  }
}

/**
 * Every host path an analysed file mounts that another file can share (what its view's key is
 * taken at next time): a relative path of a script, which no other file's list holds, is left out,
 * so typing one keeps the key. Kept per run and counted: an edit makes new runs only for the
 * services it touched (core/incremental), in the same order as the runs it kept, and only theirs
 * are read again; a Set of every mount's path made anew took about 1 ms a keystroke at 36,000 lines.
 */
export class HostPaths implements Iterable<string> {
  private readonly counts = new Map<string, number>();
  /** The runs last analysed, and the paths of each. */
  private runs: readonly ContainerRun[] = [];
  private pathsOfRuns: (readonly string[])[] = [];
  private workingDir: string | undefined;
  private fileDir: string | undefined;
  /** The repository root the runs' paths were placed at (undefined: none started there). */
  private root: string | null | undefined;

  /** Takes the paths of the runs of `file`, analysed with `view`; says which paths it gained and lost. */
  update(file: ParsedFile, view: WorkspaceView): { added: string[]; removed: string[] } {
    const change = { added: [] as string[], removed: [] as string[] };
    if (view.workingDir !== this.workingDir || view.fileDir !== this.fileDir || !placedAt(this.root, view)) {
      change.removed.push(...this.counts.keys());
      this.workingDir = view.workingDir;
      this.fileDir = view.fileDir;
      this.root = undefined;
      this.runs = [];
      this.pathsOfRuns = [];
      this.counts.clear();
    }
    const runs = file.runs;
    const pathsOfRuns = carrySameOrder(
      runs,
      this.runs,
      this.pathsOfRuns,
      (i) => {
        const { keys, root } = keysOf(runs[i], view);
        if (root !== undefined) this.root = root;
        const paths = keys.filter((key): key is string => key !== undefined && fixedPath.test(key));
        this.count(paths, 1, change);
        return paths;
      },
      (j) => this.count(this.pathsOfRuns[j], -1, change),
    );
    this.runs = runs;
    this.pathsOfRuns = pathsOfRuns;
    // A path lost and gained again (a run re-read) is neither.
    const gained = new Set(change.added);
    const lost = new Set(change.removed);
    return { added: [...gained].filter((p) => !lost.has(p)), removed: [...lost].filter((p) => !gained.has(p)) };
  }

  has(path: string): boolean {
    return this.counts.has(path);
  }

  [Symbol.iterator](): Iterator<string> {
    return this.counts.keys();
  }

  private count(paths: readonly string[], by: 1 | -1, change: { added: string[]; removed: string[] }): void {
    for (const path of paths) {
      const was = this.counts.get(path) ?? 0;
      const n = was + by;
      if (n) this.counts.set(path, n);
      else this.counts.delete(path);
      if (!was) change.added.push(path);
      else if (!n) change.removed.push(path);
    }
  }
}

/** The containers of other files at one host path, as the analysis reads them: counted, and named only as far as a message reads. */
export interface OtherRuns {
  count: number;
  first(n: number): ContainerRun[];
  levels(): Set<string | undefined>;
}

/**
 * The containers of other files at each host path of the analysed file, by the list of runs that
 * share the path in the file. A key of runs in a group (a document's code block) is `group\0path`.
 */
export function shareAcrossWorkspace(sharing: Map<string, ContainerRun[]>, view: WorkspaceView): Map<ContainerRun[], OtherRuns> {
  const out = new Map<ContainerRun[], OtherRuns>();
  // The usual case of a single project: no look at each of the file's paths on every keystroke.
  if (!view.workspace?.hasOthers(view.project)) return out;
  const read = new Set(view.paths);
  // A stand-in per container of another file, made when a message first names it (its name is a
  // path relative to this file): a folder hundreds of files mount costs what it names.
  const shown = new Map<WorkspaceMount, StandIn>();
  const standIn = (m: WorkspaceMount): StandIn => {
    let run = shown.get(m);
    if (!run) shown.set(m, (run = new StandIn(m, m.project === m.file ? '' : ', another project', view)));
    return run;
  };
  for (const [key, list] of sharing) {
    // Containers on a host without SELinux (a GitHub-hosted runner) share no folder with the workspace's hosts.
    if (list.every((run) => run.noSelinux)) continue;
    const others = view.workspace.othersAt(key.slice(key.lastIndexOf('\0') + 1), view.project, read);
    if (others) out.set(list, { count: others.count, first: (n) => others.first(n).map(standIn), levels: () => others.levels() });
  }
  return out;
}

const noSpan = { start: 0, end: 0 };

/** A container of another file: only its name (made when first read) and label level are read. */
class StandIn implements ContainerRun {
  readonly nameSpan = noSpan;
  readonly engine = 'compose' as const;
  readonly labeling: ContainerRun['labeling'];
  readonly labelOptions = [];
  readonly mounts = [];
  private made: string | undefined;

  constructor(
    private readonly other: WorkspaceMount,
    /** `, another project` for a compose file's container, else empty. */
    private readonly where: string,
    private readonly view: WorkspaceView,
  ) {
    this.labeling = { disabled: false, level: other.level };
  }

  get name(): string {
    return (this.made ??= `${this.other.service} (${this.view.relative(this.other.file)}${this.where}, :${this.other.relabel})`);
  }

  disableLabeling(): undefined {
    return undefined;
  }
}
