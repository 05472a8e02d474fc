import { parseArgs } from 'node:util';
import { ruleById, rules, type Settings, type Severity, type SeveritySetting } from '../core';

export const formats = ['text', 'json', 'sarif', 'github', 'gitlab', 'checkstyle'] as const;
export type Format = (typeof formats)[number];

export interface CliOptions {
  /** Files and directories to check; `-` is stdin. */
  paths: string[];
  format: Format;
  fix: boolean;
  /** The settings given as flags, only those: a flag wins over the project config, a default does not. */
  settings: Partial<Settings>;
  /** The lowest severity that makes the run fail. */
  failOn: Severity;
  stdinFilename?: string;
  help: boolean;
  version: boolean;
  /** `--explain <rule-id>`: print the rule's documentation and exit. */
  explain?: string;
  /** `--print-config <file>`: print the settings that apply to the file and where each comes from. */
  printConfig?: string;
  listRules: boolean;
  /** More warnings than this (errors count too) make the exit code 1, whatever `--fail-on` says. */
  maxWarnings?: number;
  reportUnusedSuppressions: boolean;
  /** `--jobs N`: files checked at once (1: in this thread); undefined: one per core but one when the files are many. */
  jobs?: number;
}

/** Bad command line: reported with a hint to `--help`, exit code 2. */
export class UsageError extends Error {}

const severities = ['info', 'warning', 'error'] as const;
const severitySettings = ['off', ...severities] as const;

export function usage(): string {
  return `Usage: selinux-mounts [options] [paths...]

Finds container bind mounts that SELinux will deny (missing :z/:Z) and relabels that would
break the host, in compose files, shell scripts, Dockerfiles, quadlet units, devcontainer.json,
Markdown code blocks, Makefiles and CI files. Paths default to the current directory. Directories are
searched for the files it reads (skipping node_modules, .git and hidden directories); files named
here are checked whatever their name; - reads stdin.

Options:
  --format FORMAT               text (default), json, sarif, github (workflow annotations),
                                gitlab (Code Quality report) or checkstyle (XML)
  --fix                         apply the safe fixes to the files, then report what remains
  --rule <id>=<severity>        set a rule's severity: off, info, warning or error (repeatable)
  --build-engine auto|podman|docker  who builds Dockerfiles (auto: Containerfile = podman, else either)
  --devcontainer-engine docker|podman  what runs devcontainer.json (default: docker)
  --engine auto|docker|podman   what runs compose files and scripts that do not say ($ENGINE run)
  --preferred-relabel auto|z|Z  the relabel that fixes add; auto: :Z when one container uses
                                the host path, :z when several do (default: auto)
  --fail-on error|warning|info  lowest severity that makes the exit code 1 (default: info)
                                (--max-severity is the same option)
  --max-warnings <n>            exit code 1 on more than n warnings (and on any error: implies
                                --fail-on error unless given)
  --report-unused-suppressions  report ignore= comments that silence nothing
  --jobs <n>                    check up to n files at once on worker threads; 1 checks them in
                                one thread (default: one per core but one, for many files)
  --stdin-filename <name>       name of the file read from stdin (with - as a path)
  --explain <rule-id>           print a rule's documentation (what, why, example, fix)
  --print-config <file>         print the settings that apply to a file and where each comes from
  --list-rules                  print the rules with their default severities
  -h, --help                    show this help
  -v, --version                 show the version

Rules: ${rules.map((r) => r.meta.id).join(', ')}

Settings come from the nearest .selinux-mounts.yaml (or .json) above each file, up to the
repository root; flags win over it.

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, read, config or internal error.
`;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T;
function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined;
function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback?: T): T | undefined {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not '${value}'`);
}

/** Only the settings given: an absent flag leaves the project config's value in place. */
function given(settings: Partial<Settings>): Partial<Settings> {
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
}

function count(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} expects a number, not '${value}'`);
  return Number(value);
}

function jobCount(value: string | undefined): number | undefined {
  const jobs = count('--jobs', value);
  if (jobs === 0) throw new UsageError('--jobs expects a number of at least 1');
  return jobs;
}

function parseRules(specs: string[]): Settings['rules'] {
  const out: Record<string, SeveritySetting> = {};
  for (const spec of specs) {
    const m = /^([\w-]+)=(\w+)$/.exec(spec);
    if (!m) throw new UsageError(`--rule expects <id>=<severity>, not '${spec}'`);
    if (!ruleById(m[1])) throw new UsageError(`unknown rule '${m[1]}' (rules: ${rules.map((r) => r.meta.id).join(', ')})`);
    out[m[1]] = oneOf(`--rule ${m[1]}`, m[2], severitySettings, 'off');
  }
  return out;
}

export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        fix: { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        'preferred-relabel': { type: 'string' },
        'build-engine': { type: 'string' },
        'devcontainer-engine': { type: 'string' },
        engine: { type: 'string' },
        'max-warnings': { type: 'string' },
        'report-unused-suppressions': { type: 'boolean' },
        'print-config': { type: 'string' },
        'list-rules': { type: 'boolean' },
        'fail-on': { type: 'string' },
        'max-severity': { type: 'string' },
        'stdin-filename': { type: 'string' },
        jobs: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        explain: { type: 'string' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    // parseArgs' messages name the flag; its advice about `--` is noise for a typo.
    throw new UsageError(String((e as Error).message).replace(/\. To specify a positional.*$/s, ''));
  }
  const { values, positionals } = parsed;
  const paths = positionals.length ? positionals : ['.'];
  const stdinCount = paths.filter((p) => p === '-').length;
  if (stdinCount > 1) throw new UsageError("'-' (stdin) can be given only once");
  if (values['stdin-filename'] !== undefined && stdinCount === 0) {
    throw new UsageError("--stdin-filename needs '-' among the paths");
  }
  if (values.fix && stdinCount) throw new UsageError('--fix cannot write to stdin; give the file instead');
  if (values['fail-on'] !== undefined && values['max-severity'] !== undefined) {
    throw new UsageError('give --fail-on or --max-severity, not both');
  }
  const failOnFlag = values['max-severity'] !== undefined ? '--max-severity' : '--fail-on';
  return {
    paths,
    format: oneOf('--format', values.format, formats, 'text'),
    fix: !!values.fix,
    settings: given({
      rules: values.rule ? parseRules(values.rule) : undefined,
      preferredRelabel: oneOf('--preferred-relabel', values['preferred-relabel'], ['auto', 'z', 'Z']),
      buildEngine: oneOf('--build-engine', values['build-engine'], ['auto', 'podman', 'docker']),
      devcontainerEngine: oneOf('--devcontainer-engine', values['devcontainer-engine'], ['docker', 'podman']),
      engine: oneOf('--engine', values.engine, ['auto', 'docker', 'podman']),
    }),
    failOn: oneOf(failOnFlag, values['fail-on'] ?? values['max-severity'], severities, values['max-warnings'] !== undefined ? 'error' : 'info'),
    stdinFilename: values['stdin-filename'],
    help: !!values.help,
    version: !!values.version,
    explain: values.explain,
    printConfig: values['print-config'],
    listRules: !!values['list-rules'],
    maxWarnings: count('--max-warnings', values['max-warnings']),
    reportUnusedSuppressions: !!values['report-unused-suppressions'],
    jobs: jobCount(values.jobs),
  };
}
