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
  for (const finding of findings) {
    const fix = finding.fixes.find((f) => f.safe && f.isPreferred) ?? finding.fixes.find((f) => f.safe);
    if (!fix) continue;
    const overlaps = fix.edits.some((e) => taken.some((t) => e.start < t.end && t.start < e.end || e.start === t.start));
    if (!overlaps) taken.push(...fix.edits);
  }
  return taken;
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
