/**
 * What an editor keeps per open document between analyses: the compose reader's per-service
 * parses, the shell reader's tree and per-statement runs, the Dockerfile reader's per-instruction
 * readings, the findings of each run, and the last result, so hover and code actions on the
 * version just checked reuse it.
 */
import type { AnalysisResult, AnalyzeOptions } from '../analyze';
import type { ContainerRun } from '../model';
import { ComposeCache } from './composeIncremental';
import { DockerfileCache } from './dockerfileIncremental';
import { RunFindings } from './runFindings';
import { ShellCache } from './shellIncremental';

export class AnalysisCache {
  readonly compose = new ComposeCache();
  readonly shell = new ShellCache();
  readonly dockerfile = new DockerfileCache();
  private last: { text: string; key: string; result: AnalysisResult } | undefined;
  private perRun: RunFindings | undefined;

  /** The per-run findings kept for analyses with these options (other options start afresh). */
  runFindings(options: AnalyzeOptions): RunFindings {
    const key = keyOf(options);
    if (this.perRun?.key !== key) this.perRun = new RunFindings(key);
    return this.perRun;
  }

  lastResult(text: string, options: AnalyzeOptions): AnalysisResult | undefined {
    return this.last && this.last.text === text && this.last.key === keyOf(options) ? this.last.result : undefined;
  }

  remember(text: string, options: AnalyzeOptions, result: AnalysisResult): void {
    this.last = { text, key: keyOf(options), result };
  }

  /**
   * Does a step of the next edit's work ahead of it, while the editor is idle, for the text last
   * analysed with these options: places compose services, script statements or Dockerfile steps
   * that edit would place, about `count` runs, and makes their kept findings movable. What later analyses give is
   * the same with or without it, whether it ran to the end or not. True while there is more to
   * prepare: the caller calls again, or stops when the text changes.
   */
  prepare(text: string, options: AnalyzeOptions, count: number): boolean {
    if (!this.lastResult(text, options)) return false;
    // The findings kept with the runs placed: made movable too.
    const kept = this.perRun?.key === keyOf(options) ? this.perRun : undefined;
    const placed = (runs: readonly ContainerRun[]) => kept && runs.forEach((run) => kept.prepare(run));
    return this.compose.prepare(count, placed) || this.shell.prepare(count, placed) || this.dockerfile.prepare(count, placed);
  }
}

/** Everything besides the text that decides a result. */
function keyOf(options: AnalyzeOptions): string {
  return JSON.stringify([options.fileName, options.languageId, options.byContent, options.settings, options.project?.key, options.workspace?.key]);
}
