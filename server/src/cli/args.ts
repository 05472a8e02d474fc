import { parseArgs } from 'node:util';
import { ruleById, rules, type Settings, type Severity, type SeveritySetting } from '../core';

export const formats = ['text', 'json', 'sarif'] as const;
export type Format = (typeof formats)[number];

export interface CliOptions {
  /** Files and directories to check; `-` is stdin. */
  paths: string[];
  format: Format;
  fix: boolean;
  settings: Settings;
  /** The lowest severity that makes the run fail. */
  failOn: Severity;
  stdinFilename?: string;
  help: boolean;
  version: boolean;
  /** `--explain <rule-id>`: print the rule's documentation and exit. */
  explain?: string;
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
  --format text|json|sarif      output format (default: text)
  --fix                         apply the safe fixes to the files, then report what remains
  --rule <id>=<severity>        set a rule's severity: off, info, warning or error (repeatable)
  --build-engine auto|podman|docker  who builds Dockerfiles (auto: Containerfile = podman, else either)
  --devcontainer-engine docker|podman  what runs devcontainer.json (default: docker)
  --preferred-relabel auto|z|Z  the relabel that fixes add; auto: :Z when one container uses
                                the host path, :z when several do (default: auto)
  --fail-on error|warning|info  lowest severity that makes the exit code 1 (default: info)
                                (--max-severity is the same option)
  --stdin-filename <name>       name of the file read from stdin (with - as a path)
  --explain <rule-id>           print a rule's documentation (what, why, example, fix)
  -h, --help                    show this help
  -v, --version                 show the version

Rules: ${rules.map((r) => r.meta.id).join(', ')}

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, read or internal error.
`;
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not '${value}'`);
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
        'fail-on': { type: 'string' },
        'max-severity': { type: 'string' },
        'stdin-filename': { type: 'string' },
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
    settings: {
      rules: parseRules(values.rule ?? []),
      preferredRelabel: oneOf('--preferred-relabel', values['preferred-relabel'], ['auto', 'z', 'Z'], 'auto'),
      buildEngine: oneOf('--build-engine', values['build-engine'], ['auto', 'podman', 'docker'], 'auto'),
      devcontainerEngine: oneOf('--devcontainer-engine', values['devcontainer-engine'], ['docker', 'podman'], 'docker'),
    },
    failOn: oneOf(failOnFlag, values['fail-on'] ?? values['max-severity'], severities, 'info'),
    stdinFilename: values['stdin-filename'],
    help: !!values.help,
    version: !!values.version,
    explain: values.explain,
  };
}
