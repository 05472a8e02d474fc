/**
 * The compose commands of scripts and Makefiles as projects: `docker compose -f base.yml -f prod.yml
 * --env-file ops/prod.env up` loads those files together, each overriding the ones before it, with
 * the values of that env file, as compose does. The shell reader finds the commands
 * (ParsedFile.composeFiles).
 */
import type { ComposeFileList, ParsedFile } from '../model';
import { repositoryRoot } from '../parsers/shell/workingDirectory';
import { defaultFileNames, parentsOfCommand } from './composeProject';
import { dirName, resolvePath, type ProjectFiles } from './projectFiles';

/**
 * One compose command's project: the options its command line gave (`ComposeFileList`), with its
 * paths (`files`, `envFiles`, `projectDirectory`) made absolute.
 */
export interface ComposeCommand extends Pick<ComposeFileList, 'envFiles' | 'projectDirectory' | 'projectName' | 'disableEnvFile' | 'startsContainers' | 'podmanCompose'> {
  /** The files it names (`-f`, `COMPOSE_FILE`), in order; none: the default files where it runs. */
  files: string[];
  /** The folder it runs in: where the default files are looked for. */
  cwd: string;
  /** The script, Makefile or CI file it is written in (for messages). */
  script?: string;
}

/**
 * The compose commands of a script, Makefile or CI file at `dir` that say something about their
 * project, their paths resolved against the folder they run in, as docker compose resolves `-f`,
 * `--env-file` and `--project-directory` against its working directory; each once. That folder is
 * `dir` (where make runs a recipe, and where a script is most often run from) or the repository
 * root for a GitHub Actions workflow (`.github/workflows/`: its steps run in the checkout), then
 * where the `cd`s before the command (or the step's `working-directory`) went: the shell reader
 * gives the paths from that first folder. A path from the repository root (`$GITHUB_WORKSPACE/x.yml`
 * in a script a workflow runs) is from the nearest folder above `dir` holding `.git`, which `disk`
 * tells; a command with such a path is left out when none is found.
 */
export function composeFileLists(file: ParsedFile | undefined, dir: string, script?: string, disk?: ProjectFiles): ComposeCommand[] {
  const commands: ComposeCommand[] = [];
  const seen = new Map<string, ComposeCommand>();
  const base = file?.kind === 'ci' ? dir.replace(/\/\.github\/workflows$/, '') || '/' : dir;
  let root: string | null | undefined;
  for (const { files, cd, envFiles, projectDirectory, projectName, disableEnvFile, startsContainers, podmanCompose } of file?.composeFiles ?? []) {
    const fromRoot = [...files, cd ?? '.', ...(envFiles ?? []), projectDirectory ?? '.'].some((p) => p === repositoryRoot || p.startsWith(`${repositoryRoot}/`));
    if (fromRoot && (root === undefined ? (root = repositoryRootOf(dir, disk)) : root) === null) continue;
    const from = (path: string) => (path === repositoryRoot || path.startsWith(`${repositoryRoot}/`) ? resolvePath(root!, `.${path.slice(repositoryRoot.length)}`) : resolvePath(base, path));
    const command: ComposeCommand = {
      files: files.map(from),
      cwd: from(cd ?? '.'),
      ...(envFiles ? { envFiles: envFiles.map(from) } : {}),
      ...(projectDirectory !== undefined ? { projectDirectory: from(projectDirectory) } : {}),
      ...(projectName !== undefined ? { projectName } : {}),
      ...(disableEnvFile ? { disableEnvFile } : {}),
      ...(startsContainers ? { startsContainers } : {}),
      ...(podmanCompose ? { podmanCompose } : {}),
      ...(script !== undefined ? { script } : {}),
    };
    // `up` and `down` of one project are one command, that starts containers.
    const key = commandKey({ ...command, startsContainers: undefined });
    const known = seen.get(key);
    if (!known) commands.push(command), seen.set(key, command);
    else if (command.startsContainers) known.startsContainers = true;
  }
  return commands;
}

/**
 * The repository root above `dir` (itself included): the nearest folder with a `.git` (a folder,
 * whose `HEAD` is read, or the file of a worktree or submodule); null: none, or no disk to ask.
 */
export function repositoryRootOf(dir: string, disk: ProjectFiles | undefined): string | null {
  if (!disk) return null;
  for (let at = dir; ; at = dirName(at)) {
    const git = `${at === '/' ? '' : at}/.git`;
    if (disk.read(`${git}/HEAD`) !== undefined || disk.read(git) !== undefined) return at;
    if (at === '/' || dirName(at) === at) return null;
  }
}

/** A command as a key: two commands with the same key load the same project. */
export function commandKey(command: ComposeCommand): string {
  const where = command.files.length ? '' : command.projectDirectory ?? command.cwd;
  const name = command.projectName === undefined ? '' : (command.projectName ?? '\0');
  return [where, command.files.join('\0'), command.envFiles?.join('\0') ?? '', command.projectDirectory ?? '', name, command.disableEnvFile ? '1' : '', command.startsContainers ? '1' : '', command.podmanCompose ? 'podman-compose' : ''].join('\u0001');
}

/**
 * The paths whose readers a change to these commands concerns (for a host that re-checks files):
 * the files and env files they name, and the first default file of each folder a command without
 * `-f` looks in (every view that looked for a project there read it).
 */
export function commandPaths(commands: readonly ComposeCommand[]): Set<string> {
  const paths = new Set<string>();
  for (const c of commands) {
    for (const p of [...c.files, ...(c.envFiles ?? [])]) paths.add(p);
    if (c.files.length) continue;
    for (let dir = c.projectDirectory ?? c.cwd, up = 0; up <= parentsOfCommand; up++, dir = dirName(dir)) paths.add(`${dir === '/' ? '' : dir}/${defaultFileNames[0]}`);
  }
  return paths;
}
