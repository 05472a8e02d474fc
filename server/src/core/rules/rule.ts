import type { Fix } from '../finding';
import type { ContainerRun, Mount, ParsedFile, Relabel, Span } from '../model';
import type { Settings, Severity } from '../settings';

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** One line: what the rule reports. */
  description: string;
  /** Message templates by messageId; `{{name}}` is filled from the report's data. */
  messages: Record<string, string>;
  /** The rule can offer fixes that edit the file (beyond "ignore"). */
  fixable: boolean;
  /**
   * What it reports happens only on an SELinux host (z/Z are no-ops elsewhere): where the file says
   * its containers run without SELinux (a GitHub-hosted runner), the finding is information.
   */
  selinuxHostOnly?: boolean;
  /**
   * Each report is about one run (`Report.run`, always set) and reads only that run and
   * `preferredRelabel` (of the other runs, only how many share a path; `runsSharing` is not
   * given): an editor's analysis re-runs the rule only for the runs an edit changed, or whose
   * mounts' sharing changed, and keeps the findings of the others.
   */
  perRun?: boolean;
}

export interface Report {
  messageId: string;
  data?: Record<string, string>;
  span: Span;
  mount?: Mount;
  run?: ContainerRun;
  /**
   * A function where building them costs (every unlabelled mount's relabel fixes): called only
   * when the caller reads fixes (`AnalyzeOptions.fixes`), at once, while the model is as it was read.
   */
  fixes?: Fix[] | (() => Fix[]);
}

/**
 * The containers that mount one host path: the file's own runs, its compose project's other files',
 * and the workspace's other files' (hundreds in a large workspace: counted, named as far as read).
 */
export interface RunsSharing {
  readonly count: number;
  /** The first `n` containers, the file's own runs first. */
  first(n: number): readonly ContainerRun[];
  /** The label levels they run with, each once (undefined: one runs without). */
  levels(): ReadonlySet<string | undefined>;
}

export interface RuleContext {
  text: string;
  file: ParsedFile;
  settings: Settings;
  /** The runs that mount the same host path as `mount` (by resolved path). */
  runsSharing(mount: Mount): RunsSharing;
  /** How many they are (`runsSharing(mount).count`, without the list): per-run rules may read it too. */
  sharedBy(mount: Mount): number;
  /** The relabel the quick fix should prefer for this mount (setting, else by sharing). */
  preferredRelabel(mount: Mount): Relabel;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export const docsBaseUrl = 'https://github.com/selinux-mounts/selinux-mounts/blob/main/docs/rules/';

export function ruleDocUrl(id: string): string {
  return `${docsBaseUrl}${id}.md`;
}

/** Each template cut once into its text and its `{{name}}`s: text, name, text, ..., text. */
const templateParts = new Map<string, string[]>();

export function fillMessage(template: string, data: Record<string, string> = {}): string {
  let parts = templateParts.get(template);
  if (!parts) templateParts.set(template, (parts = template.split(/\{\{\s*(\w+)\s*\}\}/)));
  let message = parts[0];
  for (let i = 1; i < parts.length; i += 2) message += (data[parts[i]] ?? `{{${parts[i]}}}`) + parts[i + 1];
  return message;
}
