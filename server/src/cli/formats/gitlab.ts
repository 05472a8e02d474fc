import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Severity } from '../../core';
import { regionOf, type CheckedFile } from '../report';

const severity: Record<Severity, string> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * GitLab's Code Quality report (a JSON array, `artifacts: reports: codequality`): the merge request
 * widget shows the findings that a change introduces or fixes, matched by `fingerprint`. The
 * fingerprint hashes the path, the rule, the flagged text and its occurrence, not the line
 * number, so a finding keeps its identity when lines above it move.
 */
export function formatGitlab(files: readonly CheckedFile[], cwd: string): string {
  const out: object[] = [];
  for (const file of files) {
    const name = path.relative(cwd, file.absolute).split(path.sep).join('/');
    const seen = new Map<string, number>();
    for (const f of file.findings) {
      const flagged = file.lines.text.slice(f.span.start, f.span.end);
      const key = `${name}\0${f.ruleId}\0${flagged}`;
      const nth = seen.get(key) ?? 0;
      seen.set(key, nth + 1);
      out.push({
        description: f.message,
        check_name: f.ruleId,
        fingerprint: createHash('sha256').update(`${key}\0${nth}`).digest('hex'),
        severity: severity[f.severity],
        location: { path: name, lines: { begin: regionOf(file.lines, f.span).line } },
      });
    }
  }
  return JSON.stringify(out, null, 2) + '\n';
}
