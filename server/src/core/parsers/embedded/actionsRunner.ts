/**
 * Where a GitHub Actions job runs, as far as the workflow tells: GitHub-hosted runners (`ubuntu-*`,
 * `windows-*`, `macos-*`) have no SELinux (reference §5d), so what the job mounts matters only
 * when the same workflow runs on a self-hosted SELinux runner.
 */
import { isMap, isScalar, isSeq, type YAMLMap } from '../yaml';

const hosted = /^(?:ubuntu|windows|macos)-[\w.-]+$/;

/** The runner labels a `runs-on` value stands for: each alternative a list of labels; undefined when unknown. */
function alternatives(value: unknown, job: YAMLMap): string[][] | undefined {
  if (isScalar(value) && typeof value.value === 'string') return expand(value.value, job)?.map((v) => [v]);
  if (isSeq(value)) {
    // Every label must match one runner: one alternative made of all of them.
    const labels: string[] = [];
    for (const item of value.items) {
      if (!isScalar(item) || typeof item.value !== 'string') return undefined;
      const values = expand(item.value, job);
      if (!values || values.length !== 1) return undefined;
      labels.push(values[0]);
    }
    return [labels];
  }
  return undefined; // `{group:, labels:}`: larger runners and self-hosted groups, which may be anything.
}

/** A label, or the values of `${{ matrix.x }}` from the job's own `strategy.matrix` (lists and `include`). */
function expand(label: string, job: YAMLMap): string[] | undefined {
  const m = /^\$\{\{\s*matrix\.([\w-]+)\s*\}\}$/.exec(label.trim());
  if (!m) return /\$\{\{/.test(label) ? undefined : [label.trim()];
  const matrix = job.getIn(['strategy', 'matrix'], true);
  if (!isMap(matrix)) return undefined;
  const values: string[] = [];
  const take = (node: unknown): boolean => {
    if (isScalar(node) && typeof node.value === 'string') values.push(node.value);
    else if (isSeq(node)) return node.items.every(take);
    else return false;
    return true;
  };
  const listed = matrix.get(m[1], true);
  if (listed !== undefined && !(isSeq(listed) && take(listed))) return undefined;
  const include = matrix.get('include', true);
  if (isSeq(include)) {
    for (const entry of include.items) {
      const v = isMap(entry) ? entry.get(m[1], true) : undefined;
      if (v !== undefined && !take(v)) return undefined;
    }
  }
  return values.length > 0 ? values : undefined;
}

/** Why the job's runner has no SELinux, or undefined when it may have it. */
export function runnerWithoutSelinux(job: YAMLMap): string | undefined {
  const all = alternatives(job.get('runs-on', true), job);
  if (!all || all.length === 0) return undefined;
  if (!all.every((labels) => labels.some((l) => hosted.test(l)) && !labels.includes('self-hosted'))) return undefined;
  const names = [...new Set(all.map((labels) => labels.find((l) => hosted.test(l))!))];
  return `The job runs on ${names.join(', ')}: GitHub-hosted, without SELinux, so this matters only where the workflow runs on a self-hosted SELinux runner.`;
}
