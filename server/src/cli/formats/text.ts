import type { CheckedFile } from '../report';
import { regionOf } from '../report';

/** Compiler-style lines, `file:line:col: severity: message [rule-id]`, that editors and CI link. */
export function formatText(files: readonly CheckedFile[]): string {
  let out = '';
  for (const file of files) {
    for (const f of file.findings) {
      const { line, column } = regionOf(file.lines, f.span);
      out += `${file.display}:${line}:${column}: ${f.severity}: ${f.message} [${f.ruleId}]\n`;
    }
  }
  return out;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The closing line on stderr: totals by severity, files checked and fixed. */
export function summaryLine(files: readonly CheckedFile[], fixedFiles: number): string {
  const all = files.flatMap((f) => f.findings);
  const count = (s: string): number => all.filter((f) => f.severity === s).length;
  const checked = `${plural(files.length, 'file')} checked`;
  const fixed = fixedFiles ? `, ${plural(fixedFiles, 'file')} fixed` : '';
  if (all.length === 0) return `No problems (${checked}${fixed})`;
  const bySeverity = `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info`;
  return `${plural(all.length, 'problem')} (${bySeverity}) in ${checked}${fixed}`;
}
