/**
 * The files of one workspace compared with each other: two compose projects (two folders), or a
 * compose project and a script, quadlet unit, devcontainer.json... that mount the same host path
 * with a relabel share it, and a `:Z` on one side takes the folder from the other whichever starts
 * second. The host lists every file's relabelled mounts (it reads the workspace); the core matches
 * them against the analysed file's mounts.
 */
import type { ContainerRun, ParsedFile, Relabel } from '../model';
import { pathKey } from '../paths';
import { dirName, relativePath } from './projectFiles';
import { projectPathKeys } from './applyProject';

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

/**
 * The workspace's relabelled mounts by host path: a view looks up only the paths its file mounts,
 * and its key takes the other projects' part as order-free sums of hashes (its own project's
 * mounts, which change as it is typed, left out). The server keeps one and changes it file by file.
 */
export class WorkspaceIndex {
  private readonly byPath = new Map<string, WorkspaceMount[]>();
  private readonly sums = new Map<string, number[]>();
  private readonly total = [0, 0, 0];

  constructor(mounts: readonly WorkspaceMount[] = []) {
    for (const m of mounts) this.add(m);
  }

  add(m: WorkspaceMount): void {
    const list = this.byPath.get(m.path);
    if (list) list.push(m);
    else this.byPath.set(m.path, [m]);
    this.count(m, 1);
  }

  /** Takes out a mount equal to `m` (the same fields). */
  remove(m: WorkspaceMount): void {
    const list = this.byPath.get(m.path) ?? [];
    const text = textOf(m);
    const at = list.findIndex((x) => textOf(x) === text);
    if (at < 0) return;
    list.splice(at, 1);
    if (!list.length) this.byPath.delete(m.path);
    this.count(m, -1);
  }

  at(path: string): readonly WorkspaceMount[] {
    return this.byPath.get(path) ?? [];
  }

  /**
   * Changes when a mount of another project than `project` does; with `paths` (the host paths the
   * file mounted when last analysed, the host's guess of what it mounts now), only the mounts at
   * those paths count: an edit elsewhere in the workspace, or typing in one of the file's own host
   * paths that no other project mounts, then leaves the file's cached analysis (and its kept
   * findings) alone. The paths themselves are no part of it: each mount counted names its path.
   */
  keyFor(project: string, paths?: Iterable<string>): string {
    if (!paths) {
      const own = this.sums.get(project) ?? [0, 0, 0];
      const other = this.total.map((t, i) => (t - own[i]) >>> 0);
      return other[2] ? `\n\u0001${other.join('.')}` : '';
    }
    const sum = [0, 0, 0];
    for (const path of paths) {
      for (const m of this.at(path)) {
        if (m.project === project) continue;
        const text = textOf(m);
        sum[0] = (sum[0] + hash(text, 0x811c9dc5)) >>> 0;
        sum[1] = (sum[1] + hash(text, 0x01000193)) >>> 0;
        sum[2]++;
      }
    }
    return sum[2] ? `\n\u0001${sum.join('.')}` : '';
  }

  private count(m: WorkspaceMount, sign: 1 | -1): void {
    const text = textOf(m);
    const own = this.sums.get(m.project) ?? [0, 0, 0];
    const add = [hash(text, 0x811c9dc5), hash(text, 0x01000193), 1];
    for (let i = 0; i < 3; i++) {
      own[i] = (own[i] + sign * add[i]) >>> 0;
      this.total[i] = (this.total[i] + sign * add[i]) >>> 0;
    }
    if (own[2]) this.sums.set(m.project, own);
    else this.sums.delete(m.project);
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
}

/**
 * The view of a file that is not compose (a script, Makefile, CI file, document, quadlet unit,
 * devcontainer.json): its own project. `mountedPaths`: see `WorkspaceIndex.keyFor`.
 */
export function fileView(path: string, workspace: WorkspaceIndex | undefined, mountedPaths?: Iterable<string>): WorkspaceView {
  const here = dirName(path);
  return { key: workspace?.keyFor(path, mountedPaths) ?? '', project: path, workspace, paths: [path], relative: (file) => relativePath(here, file) };
}

/** The host paths a run's mounts are compared at, in their order: absolute where a compose file wrote them relative. */
function runKeys(run: ContainerRun, view: WorkspaceView): readonly (string | undefined)[] {
  return view.workingDir === undefined ? run.mounts.map(pathKey) : projectPathKeys(run, view.workingDir);
}

/** A path that names the same folder wherever the file is run from: absolute or in the home folder (`$HOME` reads `~`). */
const fixedPath = /^(?:\/|~(?:\/|$))/;

/**
 * The relabelled host mounts of an analysed file (a compose file's model with its project
 * applied): what it gives the other files of the workspace. A container with labeling off counts
 * too: the engine still relabels its mounts (`:Z` to `s0:c1022,c1023`, selinux-reference §3f). A
 * path still holding an unknown `${VAR}` names no folder, nor does a relative path outside compose
 * (it depends on the folder the command runs in), nor a container on a host without SELinux (a
 * GitHub-hosted runner).
 */
export function workspaceMountsOf(path: string, file: ParsedFile, view: WorkspaceView): WorkspaceMount[] {
  const out: WorkspaceMount[] = [];
  for (const run of file.runs) {
    if (run.noSelinux) continue;
    let made = madeOf.get(run);
    if (made?.file !== path || made.project !== view.project || made.workingDir !== view.workingDir) {
      madeOf.set(run, (made = { file: path, project: view.project, workingDir: view.workingDir, mounts: runMounts(path, run, view) }));
    }
    for (const m of made.mounts) out.push(m);
  }
  return out;
}

/** Each run's workspace mounts, with what they were made for: an edit keeps the runs it did not touch. */
const madeOf = new WeakMap<ContainerRun, { file: string; project: string; workingDir: string | undefined; mounts: WorkspaceMount[] }>();

function runMounts(path: string, run: ContainerRun, view: WorkspaceView): WorkspaceMount[] {
  const out: WorkspaceMount[] = [];
  const keys = runKeys(run, view);
  run.mounts.forEach((mount, i) => {
    const relabel = mount.relabels.at(-1)?.word;
    const key = keys[i];
    if ((relabel !== 'z' && relabel !== 'Z') || !key || !fixedPath.test(key) || mount.source?.dynamic) return;
    out.push({ path: key, file: path, project: view.project, service: run.name, relabel, ...(run.labeling.level ? { level: run.labeling.level } : {}) });
  });
  return out;
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
 * Every host path an analysed file mounts that another file can share (what its view's key is
 * taken at next time): a relative path of a script, which no other file's list holds, is left out,
 * so typing one keeps the key. Kept per run and counted: an edit makes new runs only for the
 * services it touched (core/incremental), and only theirs are read again; a Set of every mount's
 * path made anew took about 1 ms a keystroke at 36,000 lines.
 */
export class HostPaths implements Iterable<string> {
  private readonly counts = new Map<string, number>();
  private byRun = new Map<ContainerRun, readonly string[]>();
  private workingDir: string | undefined;

  /** Takes the paths of the runs of `file`, analysed with `view`. */
  update(file: ParsedFile, view: WorkspaceView): void {
    if (view.workingDir !== this.workingDir) {
      this.workingDir = view.workingDir;
      this.byRun.clear();
      this.counts.clear();
    }
    const next = new Map<ContainerRun, readonly string[]>();
    for (const run of file.runs) {
      if (next.has(run)) continue;
      let paths = this.byRun.get(run);
      if (paths) this.byRun.delete(run);
      else this.count((paths = runKeys(run, view).filter((key): key is string => key !== undefined && fixedPath.test(key))), 1);
      next.set(run, paths);
    }
    for (const gone of this.byRun.values()) this.count(gone, -1);
    this.byRun = next;
  }

  has(path: string): boolean {
    return this.counts.has(path);
  }

  [Symbol.iterator](): Iterator<string> {
    return this.counts.keys();
  }

  private count(paths: readonly string[], by: 1 | -1): void {
    for (const path of paths) {
      const n = (this.counts.get(path) ?? 0) + by;
      if (n) this.counts.set(path, n);
      else this.counts.delete(path);
    }
  }
}

/**
 * Adds the containers of other files to the runs sharing each host path of the analysed file. A
 * key of runs in a group (a document's code block) is `group\0path`.
 */
export function shareAcrossWorkspace(sharing: Map<string, ContainerRun[]>, view: WorkspaceView): void {
  if (!view.workspace) return;
  const read = new Set(view.paths);
  const shown = new Map<string, ContainerRun>();
  // Many files can mount one folder, and a message names only its first containers: each stand-in's
  // name (a path relative to this file) is made when read, and a list takes each stand-in once
  // without searching itself.
  for (const [key, list] of sharing) {
    // Containers on a host without SELinux (a GitHub-hosted runner) share no folder with the workspace's hosts.
    if (list.every((run) => run.noSelinux)) continue;
    const added = new Set<ContainerRun>();
    for (const other of view.workspace.at(key.slice(key.lastIndexOf('\0') + 1))) {
      // The project's own files (and those it includes or extends) are its view's contributions.
      if (other.project === view.project || read.has(other.file)) continue;
      const where = other.project === other.file ? '' : ', another project';
      const id = `${other.service}\0${other.file}\0${where}\0${other.relabel}`;
      let run = shown.get(id);
      if (!run) shown.set(id, (run = new StandIn(other, where, view)));
      if (!added.has(run)) {
        added.add(run);
        list.push(run);
      }
    }
  }
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
