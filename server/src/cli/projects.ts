/** The CLI's compose projects: each compose file checked with the other files of its project, read from disk once per run. */
import { composeFileLists, ComposeProjects, type ComposeCommand, dirName, maxTextLength, parseFile, parserFor, treeMounts, WorkspaceIndex, type AnalyzeOptions, type ComposeProjectView, type WorkspaceMount } from '../core';
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
   * What the run's files tell each compose file about the others, read before any file is checked
   * (the first file checked knows the last): the compose commands of its scripts and Makefiles, and the
   * relabelled host mounts of every compose file, read with its own project. Under --fix it is what
   * the files held before the run. The bash grammar is loaded when a script, Makefile or CI file runs compose.
   */
  async tree(candidates: readonly Candidate[], warn: (message: string) => void): Promise<{ commands: ComposeCommand[]; workspace: WorkspaceMount[] }> {
    const commands: ComposeCommand[] = [];
    const composeFiles: { path: string; text: string }[] = [];
    for (const candidate of candidates) {
      if (candidate.stdin) continue;
      const named = parserFor({ fileName: candidate.absolute }, '')?.kind;
      const listsFiles = named === 'shell' || named === 'makefile';
      if (!listsFiles && named !== 'compose' && !candidate.byContent && !/\.ya?ml$/i.test(candidate.absolute)) continue;
      const text = readText(candidate);
      if (text === undefined) continue;
      const path = projectPath(candidate.absolute);
      const kind = listsFiles ? named : parserFor({ fileName: candidate.absolute, byContent: candidate.byContent }, text)?.kind;
      if (kind === 'compose') composeFiles.push({ path, text });
      // Scripts, Makefiles and CI files: only a text that says `compose` can hold a compose command.
      else if ((listsFiles || kind === 'ci') && text.includes('compose')) commands.push(...(await this.commandsOf(candidate.absolute, text, dirName(path), warn)));
    }
    let workspace: WorkspaceMount[] = [];
    try {
      workspace = treeMounts(this.projects, composeFiles, commands);
    } catch {
      // A bug here costs the run the comparison of its projects, never a file's own check.
    }
    return { commands, workspace };
  }

  /** The compose commands of a script, Makefile or CI file, read by the shell reader. */
  private async commandsOf(fileName: string, text: string, dir: string, warn: (message: string) => void): Promise<ComposeCommand[]> {
    await loadShellGrammar(__dirname, warn);
    try {
      return composeFileLists(parseFile(text, { fileName }), dir);
    } catch {
      // A bug in reading a script costs the run its commands, never a file's own check.
      return [];
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
