/**
 * The `-f`/`--file` lists of compose commands in scripts and Makefiles
 * (`docker compose -f base.yml -f prod.yml up`, `podman-compose --file=a.yml --file b.yml run`):
 * files named together are one project, each file overriding the ones before it, as compose
 * merges them. The shell reader finds the commands (ParsedFile.composeFiles).
 */
import type { ParsedFile } from '../model';
import { resolvePath } from './projectFiles';

/**
 * The lists of two or more files that the compose commands of a script or Makefile at `dir` name,
 * resolved against `dir` (where make runs a recipe, and where a script is most often run from),
 * or the folder a `cd` earlier on the line went to (`cd deploy && docker compose -f ...`), each once.
 */
export function composeFileLists(file: ParsedFile | undefined, dir: string): string[][] {
  const lists: string[][] = [];
  const seen = new Set<string>();
  for (const { files, cd } of file?.composeFiles ?? []) {
    if (files.length < 2) continue;
    const cwd = cd === undefined ? dir : resolvePath(dir, cd);
    const list = files.map((f) => resolvePath(cwd, f));
    const key = list.join('\0');
    if (!seen.has(key)) lists.push(list), seen.add(key);
  }
  return lists;
}
