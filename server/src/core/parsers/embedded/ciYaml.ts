/**
 * CI files: GitHub Actions `run:` steps, job and service containers (actionsContainers.ts) and the
 * runner a job names (actionsRunner.ts); GitLab CI `script:` lines (also `before_script:`,
 * `after_script:`) with the `variables:` they see (gitlabVariables.ts); its `services:` and
 * `image:` entries carry no mounts. Block scalars are read from the file's own text, so offsets and columns are
 * exact (the indentation is harmless to the shell); `${{ expr }}` becomes a same-length `$___`
 * variable, a value only known at run time.
 */
import type { ComposeFileList, ContainerRun, ParsedFile } from '../../model';
import type { EngineSetting } from '../../settings';
import type { SourceParser } from '../parser';
import { isMap, isScalar, isSeq, parseYaml, type Scalar, type YAMLMap } from '../yaml';
import { jobContainers, maskExpressions } from './actionsContainers';
import { runnerWithoutSelinux } from './actionsRunner';
import type { OuterValues } from '../shell/shell';
import { quoteAsWritten, readPieces, type ShellPiece } from './embedded';
import { joinPieces, variablePieces } from './gitlabVariables';

const scriptKeys = new Set(['script', 'before_script', 'after_script']);

function piece(text: string, node: Scalar): ShellPiece | undefined {
  if (!node.range || typeof node.value !== 'string') return undefined;
  let start = node.range[0];
  let end = node.range[1];
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    start = text.indexOf('\n', start) + 1; // The content starts below the `|` or `>` header.
    if (start === 0) return undefined;
  } else if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    start++;
    end--;
  }
  let shell = maskExpressions(text.slice(start, end));
  // Folded and plain scalars join their lines with spaces, so the shell must not see line breaks.
  if (node.type !== 'BLOCK_LITERAL') shell = shell.replace(/\r?\n/g, (eol) => ' '.repeat(eol.length));
  return { text: shell, start };
}

function piecesOf(text: string, node: unknown): ShellPiece[] {
  const nodes = isSeq(node) ? node.items : [node];
  return nodes.flatMap((n) => (isScalar(n) ? [piece(text, n as Scalar)] : [])).filter((p): p is ShellPiece => !!p);
}

/**
 * The environment a step or job's commands see, from the `env:` (GitHub Actions) or `variables:`
 * (GitLab CI) maps of its owners, outer first: the plain values (`COMPOSE_FILE: a.yml:b.yml`), and
 * those that name the repository root (`${{ github.workspace }}/ci.yml`, `$CI_PROJECT_DIR/ci.yml`:
 * `rootVariable`); one another expression or variable sets has none.
 */
function environmentOf(key: 'env' | 'variables', rootVariable: string, ...owners: unknown[]): OuterValues {
  const out = new Map<string, { value?: string; exported: boolean }>();
  const other = new RegExp(`\`|\\$(?!\\{?${rootVariable}\\b)`);
  for (const owner of owners) {
    const vars = isMap(owner) ? owner.get(key, true) : undefined;
    for (const pair of isMap(vars) ? vars.items : []) {
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      if (!isScalar(pair.key) || (typeof value !== 'string' && typeof value !== 'number')) continue;
      const name = String(pair.key.value);
      const text = String(value).replace(/\$\{\{\s*github\.workspace\s*\}\}/g, '$GITHUB_WORKSPACE');
      out.set(name, other.test(text) ? { exported: true } : { value: text, exported: true });
    }
  }
  return out;
}

/** `defaults: run: working-directory:` of a workflow or a job. */
const defaultDirectory = (owner: YAMLMap): unknown => owner.getIn(['defaults', 'run', 'working-directory']);

/** `$GITHUB_WORKSPACE`, and `${{ github.workspace }}` as maskExpressions leaves it: the repository root, where the steps start. */
const githubWorkspace = /^GITHUB_WORKSPACE_*$/;
/** `$CI_PROJECT_DIR`: where GitLab CI clones the repository and runs the job. */
const gitlabProjectDir = /^CI_PROJECT_DIR$/;

/**
 * Where a step starts, from the repository root (composeFileLists): its `working-directory`, which
 * may start with `${{ github.workspace }}`; null when another expression tells it.
 */
function stepDirectory(directory: unknown): string | null {
  if (directory === undefined || directory === null) return '.';
  if (typeof directory !== 'string') return null;
  const workspace = /^\$\{\{\s*github\.workspace\s*\}\}(?:\/+(.*))?$/.exec(directory);
  if (workspace) return workspace[1] || '.';
  return directory.includes('${{') ? null : directory;
}

function read(text: string, engine: EngineSetting): { runs: ContainerRun[]; composeFiles: ComposeFileList[] } {
  const doc = parseYaml(text);
  const root = doc?.contents;
  if (!isMap(root)) return { runs: [], composeFiles: [] };
  const runs: ContainerRun[] = [];
  const composeFiles: ComposeFileList[] = [];
  const jobs = root.get('jobs', true);
  if (isMap(jobs)) {
    // GitHub Actions: jobs.<id>.steps[].run, the job container and its service containers.
    for (const pair of jobs.items) {
      const job = pair.value;
      if (!isMap(job) || !isScalar(pair.key)) continue;
      const steps = job.get('steps', true);
      const stepRuns: ContainerRun[] = [];
      for (const step of isSeq(steps) ? steps.items : []) {
        if (!isMap(step)) continue;
        const cwd = stepDirectory(step.get('working-directory') ?? defaultDirectory(job) ?? defaultDirectory(root));
        const read = readPieces(piecesOf(text, step.get('run', true)), engine, { values: environmentOf('env', 'GITHUB_WORKSPACE', root, job, step), cwd, folderNames: githubWorkspace });
        stepRuns.push(...read.runs);
        composeFiles.push(...read.composeFiles);
      }
      const mine = [...stepRuns, ...jobContainers(text, String(pair.key.value), job)];
      const noSelinux = runnerWithoutSelinux(job);
      if (noSelinux) for (const run of mine) run.noSelinux = noSelinux;
      runs.push(...mine);
    }
  }
  // GitLab CI: <job>.script (and the global before_script/after_script), each job's lines read as
  // one script with the global and the job's own variables assigned first.
  // Their variables are the job's environment too (`COMPOSE_FILE` for its compose commands).
  const globals = variablePieces(text, root);
  const jobScripts: { pieces: ShellPiece[]; environment: OuterValues }[] = [];
  const global: ShellPiece[] = [];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (scriptKeys.has(key)) global.push(...piecesOf(text, pair.value));
    else if (isMap(pair.value)) {
      const own = [...scriptKeys].flatMap((k) => piecesOf(text, (pair.value as YAMLMap).get(k, true)));
      if (own.length > 0) jobScripts.push({ pieces: joinPieces(text, [...globals, ...variablePieces(text, pair.value), ...own]), environment: environmentOf('variables', 'CI_PROJECT_DIR', root, pair.value) });
    }
  }
  if (global.length > 0) jobScripts.push({ pieces: joinPieces(text, [...globals, ...global]), environment: environmentOf('variables', 'CI_PROJECT_DIR', root) });
  const all = [...runs];
  for (const { pieces, environment } of jobScripts) {
    const read = readPieces(pieces, engine, { values: environment, folderNames: gitlabProjectDir });
    all.push(...read.runs);
    composeFiles.push(...read.composeFiles);
  }
  quoteAsWritten(all, text, /\$\{\{/);
  return { runs: all, composeFiles };
}

export const ciParser: SourceParser = {
  usesShellGrammar: true,
  kind: 'ci',
  languageIds: ['github-actions-workflow'],
  matchesName: (name) => /^\.gitlab-ci\.ya?ml$/.test(name),
  matchesContent: (name, text, byContent) => (byContent || /\.ya?ml$/i.test(name)) && /^jobs:/m.test(text) && /^\s+(?:runs-on|steps):/m.test(text),
  parse: (text, options): ParsedFile => {
    const { runs, composeFiles } = read(text, options.engine);
    return { kind: 'ci', runs, ...(composeFiles.length ? { composeFiles } : {}) };
  },
};
