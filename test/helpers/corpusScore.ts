/**
 * Scores a SARIF report against hand-checked corpus manifests, with the conventions of
 * ../shared/corpus/README.md: a result matches a mount when its line range holds the mount's line
 * (or one of its alt_lines); one finding per place; a fix that adds a relabel on a sensitive or
 * label-disabled mount it did not rightly match is harmful. The project keeps its own scorer
 * because a user's clone has no ../shared.
 */

export interface CorpusMount {
  line: number;
  alt_lines?: number[];
  host: string;
  container?: string;
  relabel?: string | null;
  labeling_disabled?: boolean;
  expected: 'missing-relabel' | 'ok' | 'system-path' | 'system-path-relabel' | 'not-bind';
  sensitive_subpath?: boolean;
}

export interface CorpusEntry {
  /** Path under the corpus's files/ folder. */
  file: string;
  repo: string;
  commit: string;
  path: string;
  kind: string;
  note?: string;
  mounts: CorpusMount[];
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export interface CorpusScore {
  files: number;
  missingRelabel: Tally & { precision: number; recall: number };
  relabelSystemPath: Tally & { precision: number; recall: number };
  systemPathMount: { found: number; of: number };
  harmfulFixes: number;
  /** One line per miss, false positive and harmful fix, for the failure message. */
  details: string[];
}

interface SarifFinding {
  uri: string;
  rule: string;
  start: number;
  end: number;
  addsRelabel: boolean;
  matched?: boolean;
}

/** Text a fix inserts that adds a relabel option (`:Z`, `,z`, `relabel=`, `selinux:`). */
const relabelText = /(^|[:,=\s"'])(z|Z)(?=$|[,"'\s\n])|relabel=|selinux:/;

interface SarifLog {
  runs?: {
    results?: {
      ruleId: string;
      locations?: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number; endLine?: number } } }[];
      fixes?: { artifactChanges?: { replacements?: { insertedContent?: { text?: string } }[] }[] }[];
    }[];
  }[];
}

function findingsOf(sarif: SarifLog): SarifFinding[] {
  const out: SarifFinding[] = [];
  for (const run of sarif.runs ?? []) {
    for (const r of run.results ?? []) {
      const loc = r.locations?.[0]?.physicalLocation;
      if (!loc) continue;
      const start = loc.region?.startLine ?? 1;
      const inserted = (r.fixes ?? []).flatMap((f) => (f.artifactChanges ?? []).flatMap((c) => (c.replacements ?? []).map((x) => x.insertedContent?.text ?? '')));
      out.push({
        uri: decodeURIComponent(String(loc.artifactLocation?.uri ?? '').replace(/^file:\/\//, '')).replace(/^(\.\/)+/, ''),
        rule: r.ruleId,
        start,
        end: loc.region?.endLine ?? start,
        addsRelabel: inserted.some((t) => relabelText.test(t)),
      });
    }
  }
  return out;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

export function scoreCorpus(entries: CorpusEntry[], sarif: SarifLog): CorpusScore {
  const all = findingsOf(sarif);
  const mr: Tally = { tp: 0, fp: 0, fn: 0 };
  const sp: Tally = { tp: 0, fp: 0, fn: 0 };
  const spm = { found: 0, of: 0 };
  let harmful = 0;
  const details: string[] = [];
  for (const entry of entries) {
    const mine = all.filter((f) => f.uri === entry.file || f.uri.endsWith(`/${entry.file}`));
    const where = (m: CorpusMount): string => `${entry.file}:${m.line} ${m.host} -> ${m.container ?? ''}`;
    const hits = (f: SarifFinding, m: CorpusMount): boolean => [m.line, ...(m.alt_lines ?? [])].some((l) => f.start <= l && l <= f.end);
    const sensitive = (m: CorpusMount): boolean => !!m.sensitive_subpath || m.expected === 'system-path' || m.expected === 'system-path-relabel';
    const match = (rule: string, wanted: (m: CorpusMount) => boolean, tolerated: (m: CorpusMount) => boolean, tally: Tally): void => {
      const taken = new Set<CorpusMount>();
      for (const f of mine.filter((x) => x.rule === rule)) {
        const m = entry.mounts.find((x) => !taken.has(x) && wanted(x) && hits(f, x));
        if (m) {
          taken.add(m);
          f.matched = true;
          tally.tp++;
        } else if (!entry.mounts.some((x) => tolerated(x) && hits(f, x))) {
          tally.fp++;
          details.push(`${rule} false positive at ${entry.file}:${f.start}`);
        }
      }
      for (const m of entry.mounts.filter((x) => wanted(x) && !taken.has(x))) {
        tally.fn++;
        details.push(`${rule} missed at ${where(m)}`);
      }
    };
    match('missing-relabel', (m) => m.expected === 'missing-relabel' && !m.sensitive_subpath, sensitive, mr);
    match('relabel-system-path', (m) => m.expected === 'system-path-relabel', (m) => !!m.sensitive_subpath, sp);
    for (const m of entry.mounts.filter((x) => x.expected === 'system-path')) {
      spm.of++;
      if (mine.some((f) => f.rule === 'system-path-mount' && hits(f, m))) spm.found++;
      else details.push(`system-path-mount missed at ${where(m)}`);
    }
    for (const f of mine.filter((x) => x.addsRelabel && !x.matched)) {
      const m = entry.mounts.find((x) => (sensitive(x) || x.labeling_disabled) && hits(f, x));
      if (m) {
        harmful++;
        details.push(`harmful fix: adds a relabel at ${where(m)}`);
      }
    }
  }
  return {
    files: entries.length,
    missingRelabel: { ...mr, precision: ratio(mr.tp, mr.tp + mr.fp), recall: ratio(mr.tp, mr.tp + mr.fn) },
    relabelSystemPath: { ...sp, precision: ratio(sp.tp, sp.tp + sp.fp), recall: ratio(sp.tp, sp.tp + sp.fn) },
    systemPathMount: spm,
    harmfulFixes: harmful,
    details,
  };
}
