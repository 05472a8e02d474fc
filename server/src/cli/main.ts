import * as fs from 'node:fs';
import * as path from 'node:path';
import { availableParallelism } from 'node:os';
import { defaultSettings, LineIndex, mergeSettings, ruleById, ruleDocUrl, rules } from '../core';
import { ConfigCache, configSettings, isIgnored, type LoadedConfig } from '../host/projectConfig';
import { compileWasmWithBaselineTierOnly } from '../host/shellGrammar';
import { parseCli, usage, UsageError, type CliOptions } from './args';
import { configErrorLines, listRules, printConfig } from './config';
import { exitCodes } from './exitCodes';
import { checkFile, reason, type FileJob, type FileOutcome } from './checkFile';
import { expandPath, type Candidate } from './files';
import { formatCheckstyle } from './formats/checkstyle';
import { formatGithub } from './formats/github';
import { formatGitlab } from './formats/gitlab';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText, summaryLine } from './formats/text';
import { CheckPool } from './pool';
import { cliProjects } from './projects';
import { atLeast, type CheckedFile } from './report';
import { version } from './version';
import { writeAtomic } from './writeAtomic';

class Run {
  /** A path could not be read or a file could not be checked: the exit code becomes 2. */
  failed = false;
  fixedFiles = 0;
  readonly files: CheckedFile[] = [];
  private readonly configs = new ConfigCache();
  /** The config of each folder's files: looking it up stats every folder up to the root. */
  private readonly configOfDir = new Map<string, LoadedConfig | undefined>();
  /** Config files whose errors were already reported. */
  private readonly reported = new Set<string>();
  private readonly warned = new Set<string>();

  constructor(private readonly options: CliOptions) {}

  /** The project config for a file; a broken one is reported once and fails the run (exit 2). */
  private configFor(absolute: string): LoadedConfig | undefined {
    const dir = path.dirname(absolute);
    if (!this.configOfDir.has(dir)) this.configOfDir.set(dir, this.configs.for(absolute));
    const loaded = this.configOfDir.get(dir);
    if (loaded?.errors.length && !this.reported.has(loaded.file)) {
      this.reported.add(loaded.file);
      for (const line of configErrorLines(loaded, path.relative(process.cwd(), loaded.file) || loaded.file)) process.stderr.write(`${line}\n`);
      this.failed = true;
    }
    return loaded;
  }

  error(message: string): void {
    process.stderr.write(`selinux-mounts: ${message}\n`);
    this.failed = true;
  }

  /** Every file to check, once each, in command-line then walk order. */
  candidates(): Candidate[] {
    const seen = new Set<string>();
    const out: Candidate[] = [];
    for (const given of this.options.paths) {
      let found: Candidate[];
      if (given === '-') {
        const name = this.options.stdinFilename ?? '<stdin>';
        found = [{ display: name, absolute: path.resolve(name), byContent: true, stdin: true }];
      } else {
        try {
          found = expandPath(
            given,
            (where, err) => this.error(`cannot read ${where}: ${reason(err)}`),
            (where, why) => process.stderr.write(`selinux-mounts: ${where}: not checked: ${why}\n`),
          );
        } catch (err) {
          this.error(`cannot read ${given}: ${reason(err)}`);
          continue;
        }
      }
      for (const c of found) {
        if (c.stdin || !seen.has(c.absolute)) out.push(c);
        seen.add(c.absolute);
      }
    }
    return out;
  }

  /** What checking each candidate needs, its project config applied; files the config ignores are left out. */
  jobs(candidates: readonly Candidate[]): FileJob[] {
    const jobs: FileJob[] = [];
    for (const candidate of candidates) {
      const config = this.configFor(candidate.absolute);
      // Named on the command line too: pre-commit and CI pass the changed files one by one.
      if (isIgnored(config, candidate.absolute)) continue;
      jobs.push({
        candidate,
        settings: mergeSettings(defaultSettings, configSettings(config, candidate.absolute), this.options.settings),
        fix: this.options.fix,
        reportUnusedSuppressions: this.options.reportUnusedSuppressions,
        withFixes: this.options.format === 'json' || this.options.format === 'sarif',
        stdinFilename: this.options.stdinFilename,
      });
    }
    return jobs;
  }

  /** Takes in one file's outcome, in job order: writes its fix back, says what it has to say. */
  async take(job: FileJob, outcome: FileOutcome): Promise<void> {
    if (outcome.write !== undefined) {
      try {
        writeAtomic(job.candidate.absolute, outcome.write);
        this.fixedFiles++;
      } catch (err) {
        this.error(`cannot write ${job.candidate.display}: ${reason(err)}`);
        // Report what the file still holds.
        outcome = await checkFile({ ...job, fix: false });
      }
    }
    for (const warning of outcome.warnings) {
      if (!this.warned.has(warning)) process.stderr.write(`${warning}\n`);
      this.warned.add(warning);
    }
    for (const message of outcome.messages) process.stderr.write(`${message}\n`);
    if (outcome.failed) this.failed = true;
    const file = outcome.file;
    if (file) this.files.push({ display: file.display, absolute: file.absolute, lines: new LineIndex(file.text), findings: file.findings, suppressed: file.suppressed });
  }
}

/**
 * Files each thread must have for the default to start another: a worker costs its start-up (a
 * Node isolate, loading the bundle, the shell grammar once per worker) and warming up its own JIT,
 * about 0.15-0.3 s of CPU, which its files must pay back (docs/performance.md, "CLI throughput").
 */
const minFilesPerThread = 200;

/**
 * The worker threads for `jobs`, besides the main thread, which checks files too. By default one
 * thread per core but one: V8's garbage collector and compiler threads already keep about a third
 * of another core busy for one thread of analysis, so on 2 cores a worker cost 1.2-1.3x the CPU
 * for 0.8-1.5x the wall time, and the default stays on one thread there. `--jobs N` asks for N - 1.
 */
function workerCount(jobs: readonly FileJob[], requested: number | undefined): number {
  // A fixed file is written before the next file is read: the files of its compose project checked
  // after it see the fix, as they would in a run after this one. Threads would read it unfixed.
  if (jobs[0]?.fix) return 0;
  const files = jobs.filter((job) => !job.candidate.stdin).length;
  const wanted = requested ?? Math.min(availableParallelism() - 1, Math.floor(files / minFilesPerThread));
  return Math.max(0, Math.min(wanted, files) - 1);
}

/** The outcomes of `jobs` in order, checked here one after another or by a pool of worker threads. */
async function* outcomes(jobs: readonly FileJob[], workers: number, warn: (message: string) => void): AsyncGenerator<FileOutcome> {
  if (workers === 0) {
    for (const job of jobs) yield await checkFile(job);
    return;
  }
  // Set before any worker compiles the grammar: V8's flags are the process's, not one thread's.
  compileWasmWithBaselineTierOnly();
  const pool = CheckPool.start(jobs, workers, __dirname, warn);
  try {
    yield* pool.outcomesInOrder();
  } finally {
    await pool.close();
  }
}

/** Prints a rule's page: the docs shipped next to the bundle (`docs/rules/<id>.md`), else its metadata. */
function explain(id: string): number {
  const rule = ruleById(id);
  if (!rule) {
    process.stderr.write(`selinux-mounts: unknown rule '${id}'; rules: ${rules.map((r) => r.meta.id).join(', ')}\n`);
    return exitCodes.error;
  }
  const page = path.join(__dirname, '..', 'docs', 'rules', `${id}.md`);
  const { meta } = rule;
  process.stdout.write(fs.existsSync(page) ? fs.readFileSync(page, 'utf8') : `${meta.id} (${meta.defaultSeverity}): ${meta.description}\n${ruleDocUrl(id)}\n`);
  return exitCodes.clean;
}

async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`selinux-mounts: ${err.message}\nRun 'selinux-mounts --help' for usage.\n`);
    return exitCodes.error;
  }
  if (options.help) {
    process.stdout.write(usage());
    return exitCodes.clean;
  }
  if (options.explain !== undefined) return explain(options.explain);
  if (options.listRules) {
    process.stdout.write(listRules());
    return exitCodes.clean;
  }
  if (options.printConfig !== undefined) {
    const { text, broken } = printConfig(options.printConfig, options.settings);
    process.stdout.write(text);
    return broken ? exitCodes.error : exitCodes.clean;
  }
  if (options.version) {
    process.stdout.write(`${version}\n`);
    return exitCodes.clean;
  }

  const run = new Run(options);
  const jobs = run.jobs(run.candidates());
  // Compose projects of the tree are compared with each other, and the compose commands of its scripts make projects.
  const warn = (message: string): void => void process.stderr.write(`${message}\n`);
  const { workspace, commands } = await cliProjects.tree(jobs.map((job) => job.candidate), warn);
  for (const job of jobs) {
    if (workspace.length) job.workspace = workspace;
    if (commands.length) job.composeCommands = commands;
  }
  let i = 0;
  for await (const outcome of outcomes(jobs, workerCount(jobs, options.jobs), warn)) {
    await run.take(jobs[i++], outcome);
    // A turn of the event loop per file, so that a SIGINT/SIGTERM is handled between files, never
    // mid-write (see writeAtomic.ts); awaiting the outcome alone does not yield to signal events.
    await new Promise(setImmediate);
  }
  const { files } = run;

  const cwd = process.cwd();
  if (options.format === 'json') process.stdout.write(formatJson(files));
  else if (options.format === 'sarif') process.stdout.write(formatSarif(files, cwd));
  else if (options.format === 'github') process.stdout.write(formatGithub(files, cwd));
  else if (options.format === 'gitlab') process.stdout.write(formatGitlab(files, cwd));
  else if (options.format === 'checkstyle') process.stdout.write(formatCheckstyle(files));
  else process.stdout.write(formatText(files));
  if (options.format === 'text' || options.format === 'github') process.stderr.write(summaryLine(files, run.fixedFiles) + '\n');

  if (run.failed) return exitCodes.error;
  const all = files.flatMap((f) => f.findings);
  const failing = all.some((x) => atLeast(x.severity, options.failOn));
  const warnings = all.filter((x) => x.severity === 'warning').length;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    process.stderr.write(`selinux-mounts: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    return exitCodes.findings;
  }
  return failing ? exitCodes.findings : exitCodes.clean;
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? exitCodes.clean);
});

/** Resolves once everything written to `stream` so far has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

void (async () => {
  let code: number;
  try {
    code = await main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`selinux-mounts: internal error: ${err instanceof Error ? err.stack : err}\n`);
    code = exitCodes.error;
  }
  // The process ends here, explicitly, once the output is flushed, instead of when the event loop
  // drains: nothing left running in the background (a compiler thread, a stray handle) can keep a
  // CI job or a pre-commit hook waiting after the report is out (see host/shellGrammar.ts).
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
})();
