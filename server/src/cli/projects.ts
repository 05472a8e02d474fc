/**
 * The CLI's compose projects: each compose file checked with the other files of its project, read
 * from disk once per run; every file compared with the relabelled mounts of the run's other files.
 */
import { composeFileLists, ComposeProjects, type ComposeCommand, dirName, fileView, maxTextLength, parseFile, parserFor, quadletVolumesOf, treeMounts, withQuadletVolumes, WorkspaceIndex, workspaceMountsOf, type QuadletVolumes, type AnalyzeOptions, type ComposeProjectView, type ParsedFile, type WorkspaceMount, type WorkspaceView } from '../core';
import { DiskProjectFiles, projectPath } from '../host/projectFiles';
import { loadShellGrammar } from '../host/shellGrammar';
import { decode, isBinary, readCandidate, type Candidate } from './files';

export class CliProjects {
  private readonly disk = new DiskProjectFiles();
  private readonly projects = new ComposeProjects(this.disk);

  /**
   * The project view of a compose file (standard input counts where --stdin-filename says where it
   * sits); none for other kinds. `workspace` and `commands`: what the run's other files tell (tree()).
   */
  viewFor(candidate: Candidate, text: string, options: AnalyzeOptions, workspace?: readonly WorkspaceMount[], commands?: readonly ComposeCommand[]): ComposeProjectView | undefined {
    if ((candidate.stdin && !options.fileName) || parserFor(options, text)?.kind !== 'compose') return undefined;
    try {
      return this.projects.viewFor(projectPath(candidate.absolute), text, workspace && this.indexOf(workspace), commands);
    } catch {
      // A bug in reading the project costs the file its project, never its own check.
      return undefined;
    }
  }

  /**
   * The workspace view of a file of another kind than compose: the relabelled mounts of the run's
   * other files (tree()), and a quadlet `.container`'s `.volume` units beside it on disk.
   */
  workspaceFor(candidate: Candidate, text: string, options: AnalyzeOptions, workspace?: readonly WorkspaceMount[]): WorkspaceView | undefined {
    if (candidate.stdin && !options.fileName) return undefined;
    const path = projectPath(candidate.absolute);
    const volumes = text.length <= maxTextLength ? this.volumesOf(parserFor(options, text)?.kind, text, path) : undefined;
    if (!workspace && !volumes) return undefined;
    return fileView(path, workspace && this.indexOf(workspace), undefined, volumes, this.disk);
  }

  /** The `.volume` units a quadlet `.container` names, read from disk. */
  private volumesOf(kind: string | undefined, text: string, path: string): QuadletVolumes | undefined {
    return kind === 'quadlet' ? quadletVolumesOf(text, path, (unit) => this.disk.read(unit)) : undefined;
  }

  /**
   * What the run's files tell each file about the others, read before any file is checked (the
   * first file checked knows the last): the compose commands of its scripts, Makefiles and CI
   * files, and the relabelled host mounts of every compose file, read with its own project, and of
   * the other files (scripts, quadlet units...) at absolute paths. Under --fix it is what the files
   * held before the run. The bash grammar is loaded when a file that needs it is among them.
   */
  async tree(candidates: readonly Candidate[], warn: (message: string) => void): Promise<{ commands: ComposeCommand[]; workspace: WorkspaceMount[] }> {
    const commands: ComposeCommand[] = [];
    const composeFiles: { path: string; text: string }[] = [];
    const others: WorkspaceMount[] = [];
    // One file has no other to learn from (its own project's files are read with its project): not
    // reading it twice saved a run on a 36,000-line compose file 1-2 % of its time.
    if (candidates.filter((candidate) => !candidate.stdin).length < 2) return { commands, workspace: [] };
    for (const candidate of candidates) {
      if (candidate.stdin) continue;
      const named = parserFor({ fileName: candidate.absolute }, '')?.kind;
      const listsFiles = named === 'shell' || named === 'makefile' || named === 'markdown' || named === 'restructuredtext';
      if (!named && !candidate.byContent && !/\.ya?ml$/i.test(candidate.absolute)) continue;
      if (named === 'dockerfile' || named === 'audit') continue;
      const text = readText(candidate);
      if (text === undefined) continue;
      const path = projectPath(candidate.absolute);
      const kind = named ?? parserFor({ fileName: candidate.absolute, byContent: candidate.byContent }, text)?.kind;
      if (kind === 'compose') composeFiles.push({ path, text });
      else if (kind) {
        // Scripts, Makefiles, CI files and documents: only a text that says `compose` can hold a compose command.
        const runsCompose = (listsFiles || kind === 'ci') && text.includes('compose');
        const relabels = mayRelabel.test(text);
        if (!runsCompose && !relabels) continue;
        const parsed = await this.parsed({ fileName: candidate.absolute, byContent: candidate.byContent }, text, warn);
        if (!parsed) continue;
        try {
          if (runsCompose) commands.push(...composeFileLists(parsed, dirName(path), path, this.disk));
          const volumes = relabels ? this.volumesOf(kind, text, path) : undefined;
          if (relabels) others.push(...workspaceMountsOf(path, volumes ? withQuadletVolumes(parsed, volumes) : parsed, fileView(path, undefined, undefined, volumes, this.disk)));
        } catch {
          // A bug in reading a file costs the run its commands and mounts, never a file's own check.
        }
      }
    }
    let workspace: WorkspaceMount[] = [];
    try {
      workspace = treeMounts(this.projects, composeFiles, commands, others);
    } catch {
      // A bug here costs the run the comparison of its projects, never a file's own check.
    }
    return { commands, workspace };
  }

  /** A file of the run read by its reader (the bash grammar loaded when it needs it). */
  private async parsed(options: AnalyzeOptions, text: string, warn: (message: string) => void): Promise<ParsedFile | undefined> {
    try {
      if (parserFor(options, text)?.usesShellGrammar) await loadShellGrammar(__dirname, warn);
      return parseFile(text, options);
    } catch {
      // A bug in reading a file costs the run its commands and mounts, never a file's own check.
      return undefined;
    }
  }

  /** The index of a job's list: one per list (every job of a thread's batch holds the same). */
  private indexOf(workspace: readonly WorkspaceMount[]): WorkspaceIndex {
    if (this.indexed?.list !== workspace) this.indexed = { list: workspace, index: new WorkspaceIndex(workspace) };
    return this.indexed.index;
  }

  private indexed: { list: readonly WorkspaceMount[]; index: WorkspaceIndex } | undefined;

  /** --fix wrote the file: the files checked after it see the new text. */
  written(absolute: string): void {
    this.disk.forget(projectPath(absolute));
  }
}

/** A text may relabel a mount (`:Z`, `,z`, podman's `relabel=`); others are not parsed for the comparison. */
const mayRelabel = /[:,][zZ](?![\w-])|relabel=/;

/** A candidate's text, or undefined when it cannot be read, is binary or too large (its own check says so). */
function readText(candidate: Candidate): string | undefined {
  try {
    const bytes = readCandidate(candidate);
    const text = isBinary(bytes) ? undefined : decode(bytes).text;
    return text !== undefined && text.length <= maxTextLength ? text : undefined;
  } catch {
    return undefined;
  }
}

/** One per thread and run. */
export const cliProjects = new CliProjects();
