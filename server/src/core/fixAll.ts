import { analyze, type AnalyzeOptions } from './analyze';
import type { Finding } from './finding';
import type { Edit } from './model';
import { applyEdits } from './text';

/** The safe fixes of one pass, keeping only edits that do not overlap an earlier one. */
export function safeFixEdits(text: string, options: AnalyzeOptions): Edit[] {
  return safeEditsOf(analyze(text, options).findings);
}

/** The same, from findings already computed. */
export function safeEditsOf(findings: readonly Finding[]): Edit[] {
  const taken: Edit[] = [];
  // The edits taken, by the 64-character buckets they touch: two edits that overlap or start
  // together share a bucket, so each is compared with its neighbours only (ten thousand findings
  // compared pairwise took a code action seconds).
  const buckets = new Map<number, Edit[]>();
  const bucketsOf = (e: Edit): number[] => {
    const out: number[] = [];
    for (let b = e.start >> 6; b <= e.end >> 6; b++) out.push(b);
    return out;
  };
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.safe && f.isPreferred) ?? finding.fixes.find((f) => f.safe);
    if (!fix) continue;
    const edits = fix.edits.map(({ start, end, newText }) => ({ start, end, newText }));
    const overlaps = edits.some((e) => bucketsOf(e).some((b) => buckets.get(b)?.some((t) => (e.start < t.end && t.start < e.end) || e.start === t.start)));
    if (overlaps) continue;
    taken.push(...edits);
    for (const e of edits) {
      for (const b of bucketsOf(e)) {
        const list = buckets.get(b);
        if (list) list.push(e);
        else buckets.set(b, [e]);
      }
    }
  }
  return taken;
}

/** True when `safeEditsOf(findings)` has an edit, without making them: the first safe fix is never overlapped. */
export function hasSafeFix(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.fixes.some((fix) => fix.safe));
}

/** Applies every safe fix, re-checking until nothing more changes (a few passes at most). */
export function fixAll(text: string, options: AnalyzeOptions): { text: string; applied: number } {
  let applied = 0;
  for (let pass = 0; pass < 5; pass++) {
    const edits = safeFixEdits(text, options);
    if (edits.length === 0) break;
    text = applyEdits(text, edits);
    applied += edits.length;
  }
  return { text, applied };
}
