/**
 * One file's check: read, fix (with --fix), analyse. A function of its job alone, whose input and
 * output are plain data, so that it runs the same in the CLI's own thread and in a worker thread
 * (cli/pool.ts). Writing a fixed file back is left to the caller, which does it in the main thread
 * between files (see writeAtomic.ts).
 */
import { analyze, fixAll, maxTextLength, parserFor, type AnalyzeOptions, type Finding, type Settings, type WorkspaceMount, type ComposeCommand } from '../core';
import { loadShellGrammar } from '../host/shellGrammar';
import { decode, isBinary, readCandidate, type Candidate } from './files';
import { cliProjects as projects } from './projects';

/** What checking one file needs; all of it can be posted to a worker as is. */
export interface FileJob {
  candidate: Candidate;
  /** The settings for this file: the defaults, then its project config, then the flags. */
  settings: Settings;
  fix: boolean;
  reportUnusedSuppressions: boolean;
  /** The report prints fixes (json, sarif): only then are they built and copied into the outcome. */
  withFixes: boolean;
  stdinFilename?: string;
  /** What the run's other files tell this one (cli/projects.ts): their relabelled mounts, and the compose commands for a compose file. */
  workspace?: WorkspaceMount[];
  composeCommands?: ComposeCommand[];
}

/** An analysed file as plain data: the report rebuilds its line index from `text`. */
export interface AnalysedFile {
  display: string;
  absolute: string;
  text: string;
  findings: Finding[];
  suppressed: Finding[];
}

export interface FileOutcome {
  /** Undefined when the file is not one we read (or could not be read). */
  file?: AnalysedFile;
  /** Lines for stderr, in order. */
  messages: string[];
  /** Said once per run however many threads say it (a missing grammar). */
  warnings: string[];
  /** A read or internal error: the exit code becomes 2. */
  failed: boolean;
  /** With --fix, the fixed content to write over the file (BOM included); `file` is its analysis. */
  write?: string;
}

/** `ENOENT: no such file or directory, open 'x'` → `no such file or directory`. */
export function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return /^E[A-Z]+: ([^,]+)/.exec(message)?.[1] ?? message;
}

/**
 * A finding without its model references (mount, run: closures, never posted between threads).
 * Its fixes are there only when the report prints them (`FileJob.withFixes`): building and copying
 * 10,000 findings' fixes was a sixth of the CLI's time on a 36,000-line compose file.
 */
function plain(f: Finding): Finding {
  return {
    ...(f.suppression ? { suppression: f.suppression } : {}),
    ruleId: f.ruleId,
    messageId: f.messageId,
    message: f.message,
    severity: f.severity,
    span: { start: f.span.start, end: f.span.end },
    fixes: f.fixes.map((fix) => ({
      title: fix.title,
      edits: fix.edits.map((e) => ({ start: e.start, end: e.end, newText: e.newText })),
      ...(fix.isPreferred !== undefined ? { isPreferred: fix.isPreferred } : {}),
      safe: fix.safe,
      ...(fix.suppression !== undefined ? { suppression: fix.suppression } : {}),
    })),
  };
}

/** Reads, fixes (with --fix) and analyses one file. Never throws: errors are in the outcome. */
export async function checkFile(job: FileJob): Promise<FileOutcome> {
  const { candidate } = job;
  const out: FileOutcome = { messages: [], warnings: [], failed: false };
  const error = (message: string): FileOutcome => {
    out.messages.push(`selinux-mounts: ${message}`);
    out.failed = true;
    return out;
  };
  let bytes: Uint8Array;
  try {
    bytes = readCandidate(candidate);
  } catch (err) {
    return error(`cannot read ${candidate.display}: ${reason(err)}`);
  }
  if (isBinary(bytes)) return out;
  const source = decode(bytes);
  const options: AnalyzeOptions = {
    fileName: candidate.stdin ? (job.stdinFilename ?? '') : candidate.absolute,
    byContent: candidate.byContent,
    settings: job.settings,
  };
  try {
    if (source.text.length <= maxTextLength) options.project = projects.viewFor(candidate, source.text, options, job.workspace, job.composeCommands);
    if (!options.project) options.workspace = projects.workspaceFor(candidate, source.text, options, job.workspace);
    // The bash grammar is loaded only once a file needs it: a compose-only run never pays for it.
    // The wasm files sit next to the bundle (scripts/build.mjs copies them).
    // Recognising by content parses the text: not for one the core declines unread anyway (a 20 MB
    // compose file took 20 s here before analyze() said "larger than 5 MB").
    if (source.text.length <= maxTextLength && parserFor(options, source.text)?.usesShellGrammar) {
      await loadShellGrammar(__dirname, (message) => out.warnings.push(message));
    }
    let text = source.text;
    if (job.fix) {
      const fixed = fixAll(text, options).text;
      if (fixed !== text && !source.lossless) out.messages.push(`selinux-mounts: ${candidate.display} is not valid UTF-8; not fixed`);
      else if (fixed !== text) {
        text = fixed;
        out.write = (source.bom ? '\uFEFF' : '') + fixed;
        // The caller writes it before the next file is checked (--fix checks on one thread: main.ts).
        projects.written(candidate.absolute);
      }
    }
    // The fixes were applied above: the report builds them only when it prints them.
    const result = analyze(text, { ...options, fixes: job.withFixes });
    // A file of a kind we read that the core declined (too large): say so, but it is no error.
    if (result.notice) out.messages.push(`selinux-mounts: ${candidate.display}: ${result.notice}`);
    if (!result.kind) return out;
    const unused: Finding[] = job.reportUnusedSuppressions
      ? (result.unusedSuppressions ?? []).map((u) => ({
          ruleId: 'unused-suppression',
          messageId: 'unused',
          message: `ignore=${u.ruleId} silences nothing here: remove it`,
          severity: 'warning',
          span: u.span,
          fixes: [],
        }))
      : [];
    const findings = [...result.findings, ...unused].sort((a, b) => a.span.start - b.span.start);
    out.file = { display: candidate.display, absolute: candidate.absolute, text, findings: findings.map(plain), suppressed: (result.suppressed ?? []).map(plain) };
    return out;
  } catch (err) {
    // A checker bug must not hide the other files' findings.
    delete out.write;
    return error(`internal error while checking ${candidate.display}: ${err instanceof Error ? err.stack : err}`);
  }
}
