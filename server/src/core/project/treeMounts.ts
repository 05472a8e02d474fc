/**
 * The relabelled mounts of the compose files of a whole tree (the CLI's files), for the workspace
 * comparison, parsing no more of them than can share a folder with another project: a file whose
 * relabelled short mounts all name folders below its project directory (`./data:/d:Z`) shares
 * them only with a project whose directory is at or below its own (or above it), or one that
 * reaches in from outside (`/srv/x`, `../x`, `~`, `${VAR}`, long syntax), which is parsed in any case.
 */
import { projectFile } from './applyProject';
import { parseQuietly } from './composeProject';
import { dirName } from './projectFiles';
import type { ComposeCommand } from './composeFileLists';
import type { ComposeProjects, ComposeProjectView } from './projectView';
import { workspaceMountsOf, type WorkspaceMount } from './workspaceMounts';

/** A text may relabel only where a `z` or `Z` stands alone. */
const mayRelabel = /(?<![\w-])[zZ](?![\w-])/;
/** A short-syntax list item whose source stays below the project directory (`- ./data:/d:Z`, `- "data/x:/x:z"`). */
const inwardItem = /^\s*-\s*["']?(?:\.\/)?(?!\.\.)[\w.@+-][\w.@+/-]*:/;

/** True when each line that may relabel is a short-syntax item with a source below the project directory. */
function staysInside(text: string): boolean {
  if (/\bselinux\b/.test(text)) return false;
  return text.split('\n').every((line) => !mayRelabel.test(line.replace(/\s#.*/, '')) || (inwardItem.test(line) && !/\/\.\.(\/|:)/.test(line)));
}

/** `dir` and the folders above it. */
function upFrom(dir: string): string[] {
  const out = [dir];
  while (dir !== '/' && dir.includes('/')) out.push((dir = dirName(dir)));
  return out;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

const hasOther = (set: Set<string> | undefined, project: string): boolean => !!set && [...set].some((p) => p !== project);

/**
 * The relabelled mounts of the compose `files` that another project among them can share, after
 * `others` (those of the tree's other files: scripts, quadlet units... which reach in too).
 */
export function treeMounts(projects: ComposeProjects, files: readonly { path: string; text: string }[], commands: readonly ComposeCommand[], others: readonly WorkspaceMount[] = []): WorkspaceMount[] {
  const out: WorkspaceMount[] = [...others];
  const parse = (path: string, text: string, view: ComposeProjectView): void => {
    out.push(...workspaceMountsOf(path, projectFile(parseQuietly(text), view), view));
  };
  const inside: { path: string; text: string; view: ComposeProjectView }[] = [];
  for (const { path, text } of files) {
    if (!mayRelabel.test(text)) continue;
    const view = projects.viewFor(path, text, undefined, commands);
    if (staysInside(text)) inside.push({ path, text, view });
    else parse(path, text, view);
  }
  // Parsed when another project mounts a folder at or below its directory, or another project's
  // directory is at or below it, or above it.
  const below = new Map<string, Set<string>>();
  const roots = new Map<string, Set<string>>();
  for (const m of out) for (const dir of upFrom(m.path)) addTo(below, dir, m.project);
  for (const { view } of inside) {
    addTo(roots, view.workingDir, view.project);
    for (const dir of upFrom(view.workingDir)) addTo(below, dir, view.project);
  }
  for (const { path, text, view } of inside) {
    if (hasOther(below.get(view.workingDir), view.project) || upFrom(view.workingDir).some((dir) => hasOther(roots.get(dir), view.project))) parse(path, text, view);
  }
  return out;
}
