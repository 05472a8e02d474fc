/** The CLI's compose projects: each compose file checked with the other files of its project, read from disk once per run. */
import { ComposeProjects, parserFor, type AnalyzeOptions, type ComposeProjectView } from '../core';
import { DiskProjectFiles, projectPath } from '../host/projectFiles';
import type { Candidate } from './files';

export class CliProjects {
  private readonly disk = new DiskProjectFiles();
  private readonly projects = new ComposeProjects(this.disk);

  /** The project view of a compose file (standard input counts where --stdin-filename says where it sits); none for other kinds. */
  viewFor(candidate: Candidate, text: string, options: AnalyzeOptions): ComposeProjectView | undefined {
    if ((candidate.stdin && !options.fileName) || parserFor(options, text)?.kind !== 'compose') return undefined;
    try {
      return this.projects.viewFor(projectPath(candidate.absolute), text);
    } catch {
      // A bug in reading the project costs the file its project, never its own check.
      return undefined;
    }
  }

  /** --fix wrote the file: the files checked after it see the new text. */
  written(absolute: string): void {
    this.disk.forget(projectPath(absolute));
  }
}
