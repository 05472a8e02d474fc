import type { Finding, Fix } from './finding';
import type { FileKind, Mount, ParsedFile, Relabel, ContainerRun } from './model';
import { parsers } from './parsers';
import { readDockerfile } from './parsers/dockerfile';
import { holdsCredentials, pathKey } from './paths';
import { listedPath } from './projectPaths';
import type { SourceParser } from './parsers/parser';
import { rules } from './rules';
import { fillMessage, type Report, type Rule, type RuleContext, type RunsSharing } from './rules/rule';
import { defaultSettings, type Settings, type Severity } from './settings';
import { Suppressions, type UnusedSuppression } from './suppressions';
import { LineIndex, eolOf } from './text';
import type { AnalysisCache } from './incremental/analysisCache';
import { projectFile, projectPathKeys, shareAcrossInstances, shareAcrossProject } from './project/applyProject';
import type { ComposeProjectView } from './project/projectView';
import { withQuadletVolumes } from './project/quadletVolumes';
import { pathKeysOf, shareAcrossWorkspace, type OtherRuns, type WorkspaceView } from './project/workspaceMounts';
import type { Placed, Reported, RunFindings, Sharing } from './incremental/runFindings';
import { placementOf } from './incremental/remap';

export interface AnalyzeOptions {
  /** Path or name of the file; only its base name is used to recognise the kind. */
  fileName: string;
  /** The editor's language id, when there is one. */
  languageId?: string;
  settings?: Settings;
  /** Recognise the kind by content whatever the name (the CLI does this for files it is given). */
  byContent?: boolean;
  /** What analysing this document last time built (editors keep one per open document). */
  cache?: AnalysisCache;
  /** What the other files of its compose project tell about a compose file (the host builds it). */
  project?: ComposeProjectView;
  /** The workspace's relabelled mounts, for a file of another kind than compose (the host builds it with `fileView`). */
  workspace?: WorkspaceView;
  /**
   * False when the caller reads no fixes (the CLI's text reports): findings carry none, and neither
   * the rules' fixes nor the "ignore" ones are built. Not with a cache, whose findings later analyses reuse.
   */
  fixes?: boolean;
}

export interface AnalysisResult {
  kind?: FileKind;
  file?: ParsedFile;
  findings: Finding[];
  /** Findings an ignore comment silenced, each with its `suppression` (and the comment's reason). */
  suppressed?: Finding[];
  /** Rule ids in ignore comments that silenced nothing here. */
  unusedSuppressions?: UnusedSuppression[];
  /** Why a file of a kind we read was not checked (too large). */
  notice?: string;
}

/**
 * Larger texts are not parsed: the YAML parser's memory grows many times the input on broken
 * input (20 MB of unbalanced flow collections exhausts a 4 GB heap), and no real compose file is this big.
 */
export const maxTextLength = 5 * 1024 * 1024;

function baseName(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '');
}

/** True when a file's base name alone says it is a kind the core reads. */
export function isRecognisedName(fileName: string): boolean {
  const name = baseName(fileName);
  return parsers.some((p) => p.matchesName(name));
}

/** The parser for a file, or undefined when the file is not one we read. */
export function parserFor(options: AnalyzeOptions, text: string): SourceParser | undefined {
  const name = baseName(options.fileName);
  return (
    parsers.find((p) => options.languageId !== undefined && p.languageIds.includes(options.languageId)) ??
    parsers.find((p) => p.matchesName(name)) ??
    parsers.find((p) => p.matchesContent(name, text, !!options.byContent))
  );
}

/** Parses a file into the model, or undefined when it is not one we read. */
export function parseFile(text: string, options: AnalyzeOptions): ParsedFile | undefined {
  if (text.length > maxTextLength) return undefined;
  const { buildEngine = 'auto', devcontainerEngine = 'docker', engine = 'auto' } = options.settings ?? defaultSettings;
  // Hover and code actions on the version just analysed read the same model again.
  const analysed = options.cache?.lastResult(text, options)?.file;
  if (analysed) return analysed;
  const parser = parserFor(options, text);
  if (!parser) return undefined;
  const parseOptions = { baseName: baseName(options.fileName), buildEngine, devcontainerEngine, engine };
  const parse = (t: string, eol?: string): ParsedFile => parser.parse(t, eol === undefined ? parseOptions : { ...parseOptions, eol });
  const { cache } = options;
  if (cache && parser.kind === 'dockerfile') return readDockerfile(text, parseOptions, cache.dockerfile);
  const incremental = parser.kind === 'compose' ? cache?.compose.read(text, parse) : parser.kind === 'shell' ? cache?.shell.read(text, engine) : undefined;
  // A quadlet unit's mounts of `.volume` units that bind a host folder are binds of that folder.
  const volumes = parser.kind === 'quadlet' ? options.workspace?.quadletVolumes : undefined;
  return volumes ? withQuadletVolumes(parse(text), volumes) : (incremental ?? parse(text));
}


/** Runs every enabled rule over the file and returns its findings, sorted by position. */
export function analyze(text: string, options: AnalyzeOptions): AnalysisResult {
  const cached = options.cache?.lastResult(text, options);
  if (cached) return cached;
  const result = analyzeText(text, options);
  options.cache?.remember(text, options, result);
  return result;
}

function analyzeText(text: string, options: AnalyzeOptions): AnalysisResult {
  const settings = options.settings ?? defaultSettings;
  if (text.length > maxTextLength) {
    const tooLarge = `not checked: larger than ${maxTextLength / 1024 / 1024} MB`;
    return { findings: [], notice: parserFor({ ...options, byContent: false }, '') ? tooLarge : undefined };
  }
  const parser = parserFor(options, text);
  const parsed = parseFile(text, options);
  if (!parsed || !parser) return { findings: [] };
  const project = parsed.kind === 'compose' ? options.project : undefined;
  const file = project ? projectFile(parsed, project) : parsed;
  const lines = new LineIndex(text);
  const suppressions = new Suppressions(lines, parser.commentPrefix ?? '#');
  const withFixes = options.fixes !== false || options.cache !== undefined;

  const { sharing, listsAt, listsOfRun } = sharingByPath(file.runs, (run) =>
    project ? projectPathKeys(run, project.workingDir) : options.workspace && parsed.kind !== 'compose' ? pathKeysOf(run, options.workspace) : run.mounts.map(pathKey),
  );
  if (project) {
    shareAcrossProject(sharing, project);
    shareAcrossInstances(sharing, file.runs, project);
  }
  const view = project ?? (parsed.kind !== 'compose' ? options.workspace : undefined);
  const others = view ? shareAcrossWorkspace(sharing, view) : undefined;
  const countOf = (list: ContainerRun[] | undefined): number => (list ? list.length + (others?.get(list)?.count ?? 0) : 0);
  let byMount: Map<Mount, ContainerRun[] | undefined> | undefined;
  // Rules ask run by run: the last run's lists are at hand.
  let lastRun: ContainerRun | undefined;
  let lastLists: (ContainerRun[] | undefined)[] | undefined;
  const listOf = (mount: Mount): ContainerRun[] | undefined => {
    const run = owners.get(mount);
    if (run && run !== lastRun) {
      lastRun = run;
      lastLists = listsOfRun.get(run);
    }
    const i = run && lastLists ? run.mounts.indexOf(mount) : -1;
    return i >= 0 ? lastLists![i] : (byMount ??= listsByMount(listsOfRun)).get(mount);
  };
  const sharedBy = (mount: Mount): number => countOf(listOf(mount));
  const runsSharing = (mount: Mount): RunsSharing => {
    const list = listOf(mount) ?? [];
    return runsSharingOf(list, others?.get(list));
  };
  // A build mount serves every RUN step of every build of the context: shared, like buildah's own advice.
  // Credentials stay private even when several containers mount them: :z would hand them to every container.
  // The project config names the host paths that containers of other files share too.
  const sharedElsewhere = (mount: Mount): boolean => !!mount.source && mount.kind === 'host' && listedPath(mount.source.path, settings.sharedPaths) !== undefined;
  const preferredRelabel = (mount: Mount): Relabel => {
    if (settings.preferredRelabel !== 'auto') return settings.preferredRelabel;
    if (mount.kind === 'host' && mount.source && holdsCredentials(mount.source.path)) return 'Z';
    return sharedBy(mount) > 1 || mount.syntax === 'run-mount' || sharedElsewhere(mount) ? 'z' : 'Z';
  };

  const severities = new Map<Rule, Severity>();
  for (const rule of rules) {
    const severity = settings.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (severity !== 'off') severities.set(rule, severity);
  }
  const enabled = [...severities.keys()];

  // What each report becomes before ignore comments are looked at: kept per run for the next edit.
  const prepare = (rule: Rule, r: Report): Reported => {
    const { id, messages, selinuxHostOnly } = rule.meta;
    const statement = r.run?.statement;
    const anchor = statement && statement.start <= r.span.start && r.span.start < statement.end ? statement.start : r.span.start;
    // A fix whose edits change nothing (a span that did not map onto the file) is no fix.
    const given = !withFixes ? [] : typeof r.fixes === 'function' ? r.fixes() : (r.fixes ?? []);
    const real = given.filter((f) => f.edits.some((e) => e.end > e.start || e.newText !== ''));
    const sorted = real.sort((a, b) => Number(!!b.isPreferred) - Number(!!a.isPreferred));
    const fixes = file.recovered ? sorted.map((f) => ({ ...f, safe: false })) : sorted;
    const message = fillMessage(messages[r.messageId] ?? r.messageId, r.data);
    const noSelinux = selinuxHostOnly ? r.run?.noSelinux : undefined;
    return {
      ruleId: id,
      messageId: r.messageId,
      message: noSelinux ? `${message} ${noSelinux}` : message,
      severity: noSelinux ? 'info' : severities.get(rule)!,
      // A copy: the incremental reader moves the model's spans in place on later edits.
      span: { start: r.span.start, end: r.span.end },
      fixes,
      mount: r.mount,
      run: r.run,
      anchor,
      // Set once placed: the field is there from the start, so every report has one shape.
      placed: undefined,
    };
  };

  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const kept = options.cache && !file.recovered ? options.cache.runFindings(options) : undefined;
  // Without ignore comments a finding's "ignore" fix reads only the line of its anchor: a kept finding's holds while that line does.
  const eol = kept && suppressions.none ? eolOf(text) : undefined;
  // The spans each rule reported at, as numbers (start, end): a second report there is dropped. With
  // kept findings (and so no ignore comments) the repeats are dropped once sorted instead: kept runs' findings go in whole.
  const seen = eol === undefined ? new Set<number>() : undefined;
  const ignoring = parser.commentPrefix !== null && withFixes;
  const ignoreHolds = ({ finding }: Placed, anchor: number): boolean => !ignoring || suppressions.isIgnoreEdit(finding.fixes[finding.fixes.length - 1].edits[0], finding.ruleId, anchor);
  // `fresh`: reported by this analysis, so the finding it becomes may be kept with it (a kept one holds its own).
  const place = (reported: Reported, fresh: boolean): void => {
    const { span } = reported;
    if (seen) {
      const key = span.start * (maxTextLength + 1) + span.end;
      if (seen.has(key)) return;
      seen.add(key);
    }
    const before = eol !== undefined && reported.placed?.eol === eol ? reported.placed : undefined;
    // A kept finding reused as it is: its other fields (a kept one's anchor is mapped when read) are not needed.
    if (before && (before.wholeLines || ignoreHolds(before, reported.anchor))) return void findings.push(before.finding);
    const { ruleId, messageId, message, severity, fixes, mount, run, anchor } = reported;
    const suppression = suppressions.suppression(ruleId, span.start) ?? suppressions.suppression(ruleId, anchor);
    const ignore: Fix[] = ignoring ? [{ title: `Ignore ${ruleId} on this line`, edits: [suppressions.ignoreEdit(ruleId, anchor)], safe: false, suppression: true }] : [];
    const placed = { ...(suppression ? { suppression } : {}), ruleId, messageId, message, severity, span, fixes: [...fixes, ...ignore], mount, run };
    (suppression ? suppressed : findings).push(placed);
    // Only a finding made with its run's placement of now may skip the comparison: a kept one's "ignore" fix is made in the offsets of now.
    if (eol !== undefined && !suppression) reported.placed = { eol, finding: placed, wholeLines: fresh && !!run && !!placementOf(run)?.map.wholeLines };
  };

  const perRun = enabled.filter((rule) => rule.meta.perRun);
  const notGiven = (): never => {
    throw new Error('a per-run rule reads runsSharing');
  };
  const { lists, fresh, changed } = perRunFindings(file, perRun, kept, listsAt, countOf, (runs, report) => ({ text, file: { ...file, runs }, settings, runsSharing: notGiven, sharedBy, preferredRelabel, report }), prepare);
  // In the rules' order, each rule's findings in the order it reports them: duplicates keep the first.
  for (const rule of enabled) {
    seen?.clear();
    const at = perRun.indexOf(rule);
    if (at >= 0) {
      placeRuleFindings(lists, at, fresh, eol, findings, place);
      continue;
    }
    rule.check({ text, file, settings, runsSharing, sharedBy, preferredRelabel, report: (r) => place(prepare(rule, r), false) });
  }
  if (kept) for (const [run, { sharing, byRule }] of changed) kept.keep(run, sharing, byRule);
  sortByPosition(findings);
  sortByPosition(suppressed);
  if (!seen) dropRepeats(findings);
  const ran = (id: string) => !rules.some((r) => r.meta.id === id) || (settings.rules[id] ?? 'on') !== 'off';
  return { kind: file.kind, file, findings, suppressed, unusedSuppressions: suppressions.unused(ran) };
}

/**
 * The runs mounting each host path, each run once, in file order (runs in groups, the code blocks
 * of a document, share paths only within their group), and each mount's list, kept by its run's
 * place and by the run: the kept findings ask for every mount's on every edit. Apart from
 * analyzeText, as every loop that runs over every run on each edit: V8 then optimises these small
 * functions, not the whole analysis (docs/performance.md).
 */
function sharingByPath(runs: readonly ContainerRun[], keysOf: (run: ContainerRun) => readonly (string | undefined)[]) {
  const sharing = new Map<string, ContainerRun[]>();
  const listsAt: (ContainerRun[] | undefined)[][] = [];
  const listsOfRun = new Map<ContainerRun, (ContainerRun[] | undefined)[]>();
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    ownMounts(run);
    const keys = keysOf(run);
    const lists: (ContainerRun[] | undefined)[] = [];
    for (let i = 0; i < run.mounts.length; i++) {
      const key = keys[i] === undefined || run.group === undefined ? keys[i] : `${run.group}\0${keys[i]}`;
      if (key === undefined) {
        lists.push(undefined);
        continue;
      }
      let list = sharing.get(key);
      if (!list) sharing.set(key, (list = [run]));
      else if (list[list.length - 1] !== run) list.push(run);
      lists.push(list);
    }
    listsAt.push(lists);
    listsOfRun.set(run, lists);
  }
  return { sharing, listsAt, listsOfRun };
}

/**
 * One per-run rule's findings (at `at` in each run's lists), run by run: a kept run's taken whole
 * while each holds as it is, the others placed one by one. Plain loops: this runs for every run,
 * once per per-run rule, on every edit.
 */
function placeRuleFindings(lists: readonly Reported[][][], at: number, fresh: Uint8Array, eol: string | undefined, findings: Finding[], place: (reported: Reported, fresh: boolean) => void): void {
  for (let i = 0; i < lists.length; i++) {
    const mine = lists[i][at];
    if (mine.length === 0) continue;
    const whole = eol === undefined ? undefined : placedWhole.get(mine);
    if (whole && whole.eol === eol) {
      for (let k = 0; k < whole.findings.length; k++) findings.push(whole.findings[k]);
      continue;
    }
    for (let k = 0; k < mine.length; k++) place(mine[k], fresh[i] === 1);
    if (eol !== undefined) keepWhole(mine, eol);
  }
}

const byPosition = (a: Finding, b: Finding) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId);

/** Sorts findings by position (then rule), stably; findings made in that order already (most edits: one rule's) are only read. */
function sortByPosition(findings: Finding[]): void {
  let start = -1;
  let ruleId = '';
  // Indexed loops here and in dropRepeats: each runs over every finding on every edit, before V8 optimises it.
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const at = f.span.start;
    if (at < start || (at === start && f.ruleId.localeCompare(ruleId) < 0)) return void findings.sort(byPosition);
    start = at;
    ruleId = f.ruleId;
  }
}

/**
 * A kept run's findings of one rule as placed, while each holds as it is (whole lines, `Placed`):
 * the next analysis takes them in one go. Keyed by the list the run's findings are kept in, which
 * is replaced when they move (runFindings.ts).
 */
const placedWhole = new WeakMap<readonly Reported[], { eol: string; findings: Finding[] }>();

function keepWhole(list: readonly Reported[], eol: string): void {
  // Findings that must be compared with the text (a shell statement need not start its line) are not kept whole.
  if (!list.every((r) => r.placed?.eol === eol && r.placed.wholeLines)) return void placedWhole.delete(list);
  placedWhole.set(list, { eol, findings: list.map((r) => r.placed!.finding) });
}

/**
 * Drops a finding at the span and rule of one before it. Sorted stably, so of the findings one rule
 * reported at one span the first reported is kept.
 */
function dropRepeats(sorted: Finding[]): void {
  let kept = 0;
  // Where the findings kept at the current start begin: only those can be repeated.
  let group = 0;
  let groupStart = -1;
  const n = sorted.length;
  for (let i = 0; i < n; i++) {
    const f = sorted[i];
    const start = f.span.start;
    if (start !== groupStart) {
      groupStart = start;
      group = kept;
    } else if (sorted.slice(group, kept).some((g) => g.ruleId === f.ruleId && g.span.end === f.span.end)) continue;
    sorted[kept++] = f;
  }
  sorted.length = kept;
}

/** A run the per-run rules check: the sharing its findings are made for (kept after placing), and its findings per rule. */
interface Checked {
  sharing: Sharing;
  byRule: Reported[][];
}

/**
 * The findings of the per-run rules for each run (by its place in `file.runs`), kept from the last
 * analysis for the runs that did not change, the rules run over the others (`changed`; `fresh` is 1
 * at their places). Arrays by place, not maps by run: this runs for every run on every edit.
 */
function perRunFindings(
  file: ParsedFile,
  perRun: readonly Rule[],
  kept: RunFindings | undefined,
  /** Each mount's list of the runs sharing its host path, for the run at each place, and how many those are. */
  listsAt: readonly (readonly (ContainerRun[] | undefined)[])[],
  countOf: (list: ContainerRun[] | undefined) => number,
  context: (runs: ContainerRun[], report: (r: Report) => void) => RuleContext,
  prepare: (rule: Rule, r: Report) => Reported,
): { lists: Reported[][][]; fresh: Uint8Array; changed: Map<ContainerRun, Checked> } {
  const { runs } = file;
  const lists: Reported[][][] = [];
  const fresh = new Uint8Array(runs.length);
  const changed = new Map<ContainerRun, Checked>();
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    const reused = kept?.reuse(run, listsAt[i], countOf);
    if (reused) lists.push(reused);
    else {
      const checked = { sharing: kept ? listsAt[i].map(countOf) : [], byRule: perRun.map(() => []) };
      changed.set(run, checked);
      lists.push(checked.byRule);
      fresh[i] = 1;
    }
  }
  if (changed.size === 0) return { lists, fresh, changed };
  // A run listed twice: both places hold the findings the rules report.
  for (let i = 0; i < runs.length; i++) if (fresh[i]) lists[i] = changed.get(runs[i])!.byRule;
  const checked = [...changed.keys()];
  perRun.forEach((rule, at) => {
    rule.check(
      context(checked, (r) => {
        const byRule = r.run && changed.get(r.run)?.byRule;
        if (!byRule) throw new Error(`${rule.meta.id} reported outside the runs it was given (perRun)`);
        byRule[at].push(prepare(rule, r));
      }),
    );
  });
  return { lists, fresh, changed };
}

/**
 * The run each mount belongs to, noted when the run is first analysed (readers keep the runs an edit
 * leaves alone, mounts and all). A copy of a run (a reader's, a project's) holds the mounts of the
 * one it replaces and takes them over; a mount whose run is not analysed now is looked up among all
 * (`listsByMount`).
 */
const owners = new WeakMap<Mount, ContainerRun>();
const owning = new WeakSet<ContainerRun>();

function ownMounts(run: ContainerRun): void {
  if (owning.has(run)) return;
  owning.add(run);
  for (const mount of run.mounts) owners.set(mount, run);
}

/** Each mount's list, the last run that holds it deciding. */
function listsByMount(listsOfRun: Map<ContainerRun, (ContainerRun[] | undefined)[]>): Map<Mount, ContainerRun[] | undefined> {
  const byMount = new Map<Mount, ContainerRun[] | undefined>();
  for (const [run, lists] of listsOfRun) run.mounts.forEach((mount, i) => byMount.set(mount, lists[i]));
  return byMount;
}

/** The runs of the file (and its project) that mount a path, then the workspace's other containers there. */
function runsSharingOf(runs: readonly ContainerRun[], others: OtherRuns | undefined): RunsSharing {
  return {
    count: runs.length + (others?.count ?? 0),
    first: (n) => (others && runs.length < n ? [...runs, ...others.first(n - runs.length)] : runs.slice(0, n)),
    levels: () => new Set([...runs.map((r) => r.labeling.level), ...(others?.levels() ?? [])]),
  };
}
