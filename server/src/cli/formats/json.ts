import type { Edit } from '../../core';
import { regionOf, type CheckedFile } from '../report';

/** One flat array of findings with 1-based positions, each with every fix an editor would offer. */
export function formatJson(files: readonly CheckedFile[]): string {
  const out = files.flatMap((file) =>
    file.findings.map((f) => ({
      file: file.display,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      ...regionOf(file.lines, f.span),
      fixes: f.fixes.map((fix) => ({
        title: fix.title,
        safe: fix.safe,
        isPreferred: !!fix.isPreferred,
        edits: fix.edits.map((e: Edit) => ({ ...regionOf(file.lines, e), newText: e.newText })),
      })),
    })),
  );
  return JSON.stringify(out, null, 2) + '\n';
}
