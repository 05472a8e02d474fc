/** The CLI's compose projects: each compose file checked with the other files of its project, read from disk once per run. */
import { ComposeProjects, maxTextLength, parserFor, workspaceMountsOfText, type AnalyzeOptions, type ComposeProjectView, type WorkspaceMount } from '../core';
import { DiskProjectFiles, projectPath } from '../host/projectFiles';
import { decode, isBinary, readCandidate, type Candidate } from './files';

export class CliProjects {
  private readonly disk = new DiskProjectFiles();
  private readonly projects = new ComposeProjects(this.disk);

  /**
   * The project view of a compose file (standard input counts where --stdin-filename says where it
   * sits); none for other kinds. `workspace`: the relabelled mounts of the run's compose files.
   */
  viewFor(candidate: Candidate, text: string, options: AnalyzeOptions, workspace?: readonly WorkspaceMount[]): ComposeProjectView | undefined {
    if ((candidate.stdin && !options.fileName) || parserFor(options, text)?.kind !== 'compose') return undefined;
    try {
      return this.projects.viewFor(projectPath(candidate.absolute), text, workspace);
    } catch {
      // A bug in reading the project costs the file its project, never its own check.
      return undefined;
    }
  }

  /**
   * The relabelled host mounts of every compose file among the files of the run, each read with its
   * own project: the list each file's view compares with the other projects' (read before any file
   * is checked, so that the first file checked knows the last). Under --fix it is what the files
   * held before the run.
   */
  workspaceMounts(candidates: readonly Candidate[]): WorkspaceMount[] {
    const out: WorkspaceMount[] = [];
    for (const candidate of candidates) {
      if (candidate.stdin) continue;
      try {
        const bytes = readCandidate(candidate);
        if (isBinary(bytes)) continue;
        const { text } = decode(bytes);
        const options = { fileName: candidate.absolute, byContent: candidate.byContent };
        if (text.length > maxTextLength || parserFor(options, text)?.kind !== 'compose') continue;
        out.push(...workspaceMountsOfText(this.projects, projectPath(candidate.absolute), text));
      } catch {
        // Unreadable here: its own check says why.
      }
    }
    return out;
  }

  /** --fix wrote the file: the files checked after it see the new text. */
  written(absolute: string): void {
    this.disk.forget(projectPath(absolute));
  }
}

/** One per thread and run. */
export const cliProjects = new CliProjects();
