/**
 * Compose projects of one workspace compared with each other: two projects (two folders) that
 * mount the same host path with a relabel share it, and a `:Z` on one side takes the folder from
 * the other whichever starts second. The host lists every compose file's relabelled mounts (it
 * reads the workspace); the core matches them against the analysed file's mounts.
 */
import type { ContainerRun, ParsedFile, Relabel } from '../model';
import { projectFile, projectPathKey } from './applyProject';
import { parseQuietly } from './composeProject';
import type { ComposeProjects, ComposeProjectView } from './projectView';

/** A host path a service of some compose project mounts with a relabel. */
export interface WorkspaceMount {
  /** The host path, absolute (as `private-label-shared` compares paths). */
  path: string;
  /** The compose file the mount is written in, absolute. */
  file: string;
  /** The project directory of that file's project: another project is another folder. */
  project: string;
  service: string;
  relabel: Relabel;
  /** The service's explicit `label=level:`. */
  level?: string;
}

/** A mount of another project as the analysed file's view holds it. */
export interface OtherProjectMount {
  path: string;
  service: string;
  /** Its file, as written from the analysed file's folder. */
  where: string;
  relabel: Relabel;
  level?: string;
}

/**
 * The relabelled host mounts of an analysed compose file (its model with its project applied):
 * what it gives the other projects of the workspace. A container with labeling off counts too: the
 * engine still relabels its mounts (`:Z` to `s0:c1022,c1023`, selinux-reference §3f). A path still
 * holding an unknown `${VAR}` names no folder.
 */
export function workspaceMountsOf(path: string, file: ParsedFile, view: ComposeProjectView): WorkspaceMount[] {
  const out: WorkspaceMount[] = [];
  for (const run of file.kind === 'compose' ? file.runs : []) {
    for (const mount of run.mounts) {
      const relabel = mount.relabels.at(-1)?.word;
      const key = projectPathKey(mount, view);
      if ((relabel !== 'z' && relabel !== 'Z') || !key?.startsWith('/') || mount.source?.dynamic) continue;
      out.push({ path: key, file: path, project: view.project, service: run.name, relabel, ...(run.labeling.level ? { level: run.labeling.level } : {}) });
    }
  }
  return out;
}

/** A text may relabel only where a `z` or `Z` stands alone: the others are not parsed for the list. */
const mayRelabel = /(?<![\w-])[zZ](?![\w-])/;

/** The relabelled host mounts of a compose file read from its text, with its project (for a host that has not analysed it). */
export function workspaceMountsOfText(projects: ComposeProjects, path: string, text: string, fileLists: readonly (readonly string[])[] = []): WorkspaceMount[] {
  if (!mayRelabel.test(text)) return [];
  const view = projects.viewFor(path, text, [], fileLists);
  return workspaceMountsOf(path, projectFile(parseQuietly(text), view), view);
}

/** Adds the containers of other projects to the runs sharing each host path the analysed file mounts. */
export function shareAcrossWorkspace(sharing: Map<string, ContainerRun[]>, view: ComposeProjectView): void {
  const shown = new Map<string, ContainerRun>();
  for (const other of view.otherProjects) {
    const list = sharing.get(other.path);
    if (!list) continue;
    const name = `${other.service} (${other.where}, another project, :${other.relabel})`;
    let run = shown.get(name);
    if (!run) shown.set(name, (run = standIn(name, other.level)));
    if (!list.includes(run)) list.push(run);
  }
}

/** A container of another project: only its name and label level are read. */
function standIn(name: string, level: string | undefined): ContainerRun {
  const span = { start: 0, end: 0 };
  return { name, nameSpan: span, engine: 'compose', labeling: { disabled: false, level }, labelOptions: [], mounts: [], disableLabeling: () => undefined };
}
