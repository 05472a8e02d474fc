import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, defaultSettings, fixAll, LineIndex, maxTextLength, mergeSettings, parserFor, ruleById, ruleDocUrl, rules, type AnalyzeOptions, type Finding } from '../core';
import { ConfigCache, configSettings, isIgnored, type LoadedConfig } from '../host/projectConfig';
import { loadShellGrammar } from '../host/shellGrammar';
import { parseCli, usage, UsageError, type CliOptions } from './args';
import { CliProjects } from './projects';
import { configErrorLines, listRules, printConfig } from './config';
import { exitCodes } from './exitCodes';
import { decode, expandPath, isBinary, readCandidate, type Candidate } from './files';
import { formatCheckstyle } from './formats/checkstyle';
import { formatGithub } from './formats/github';
import { formatGitlab } from './formats/gitlab';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText, summaryLine } from './formats/text';
import { atLeast, type CheckedFile } from './report';
import { version } from './version';
import { writeAtomic } from './writeAtomic';

/** `ENOENT: no such file or directory, open 'x'` → `no such file or directory`. */
function reason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return /^E[A-Z]+: ([^,]+)/.exec(message)?.[1] ?? message;
}

class Run {
  /** A path could not be read or a file could not be checked: the exit code becomes 2. */
  failed = false;
  fixedFiles = 0;
  private readonly configs = new ConfigCache();
  private readonly projects = new CliProjects();
  /** Config files whose errors were already reported. */
  private readonly reported = new Set<string>();

  constructor(private readonly options: CliOptions) {}

  /** The project config for a file; a broken one is reported once and fails the run (exit 2). */
  private configFor(absolute: string): LoadedConfig | undefined {
    const loaded = this.configs.for(absolute);
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

  /** Reads, fixes (with --fix) and analyses one file; undefined when it is not one we read. */
  async check(candidate: Candidate): Promise<CheckedFile | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = readCandidate(candidate);
    } catch (err) {
      this.error(`cannot read ${candidate.display}: ${reason(err)}`);
      return undefined;
    }
    if (isBinary(bytes)) return undefined;
    const config = this.configFor(candidate.absolute);
    // Named on the command line too: pre-commit and CI pass the changed files one by one.
    if (isIgnored(config, candidate.absolute)) return undefined;
    const source = decode(bytes);
    const options: AnalyzeOptions = {
      fileName: candidate.stdin ? (this.options.stdinFilename ?? '') : candidate.absolute,
      byContent: candidate.byContent,
      settings: mergeSettings(defaultSettings, configSettings(config, candidate.absolute), this.options.settings),
    };
    if (source.text.length <= maxTextLength) options.project = this.projects.viewFor(candidate, source.text, options);
    // The bash grammar is loaded only once a file needs it: a compose-only run never pays for it.
    // The wasm files sit next to the bundle (scripts/build.mjs copies them).
    // Recognising by content parses the text: not for one the core declines unread anyway (a 20 MB
    // compose file took 20 s here before analyze() said "larger than 5 MB").
    if (source.text.length <= maxTextLength && parserFor(options, source.text)?.usesShellGrammar) {
      await loadShellGrammar(__dirname, (message) => process.stderr.write(`${message}\n`));
    }
    try {
      let text = source.text;
      if (this.options.fix) text = this.fix(candidate, source.bom, source.lossless, text, options);
      const result = analyze(text, options);
      // A file of a kind we read that the core declined (too large): say so, but it is no error.
      if (result.notice) process.stderr.write(`selinux-mounts: ${candidate.display}: ${result.notice}\n`);
      if (!result.kind) return undefined;
      const unused: Finding[] = this.options.reportUnusedSuppressions
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
      return { display: candidate.display, absolute: candidate.absolute, lines: new LineIndex(text), findings, suppressed: result.suppressed ?? [] };
    } catch (err) {
      // A checker bug must not hide the other files' findings.
      this.error(`internal error while checking ${candidate.display}: ${err instanceof Error ? err.stack : err}`);
      return undefined;
    }
  }

  /** Applies the safe fixes and writes the file back; returns the text now on disk. */
  private fix(candidate: Candidate, bom: boolean, lossless: boolean, text: string, options: AnalyzeOptions): string {
    const fixed = fixAll(text, options).text;
    if (fixed === text) return text;
    if (!lossless) {
      process.stderr.write(`selinux-mounts: ${candidate.display} is not valid UTF-8; not fixed\n`);
      return text;
    }
    try {
      writeAtomic(candidate.absolute, (bom ? '\uFEFF' : '') + fixed);
    } catch (err) {
      this.error(`cannot write ${candidate.display}: ${reason(err)}`);
      return text;
    }
    this.fixedFiles++;
    this.projects.written(candidate.absolute);
    return fixed;
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
  const files: CheckedFile[] = [];
  for (const candidate of run.candidates()) {
    const file = await run.check(candidate);
    if (file) files.push(file);
    // A turn of the event loop per file, so that a SIGINT/SIGTERM is handled between files, never
    // mid-write (see writeAtomic.ts); awaiting `check` alone does not yield to signal events.
    await new Promise(setImmediate);
  }

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
