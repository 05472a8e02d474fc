import * as path from 'node:path';
import type { Severity } from '../../core';
import { regionOf, type CheckedFile } from '../report';

const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** The runner's escaping of a command's message (actions/toolkit `escapeData`). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** The runner's escaping of a property value (`escapeProperty`): also `:` and `,`, which separate properties. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands, one per finding: the runner turns them into annotations on the
 * pull request's diff (`::warning file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`).
 * Paths are relative to the working directory, the repository's checkout in a workflow.
 */
export function formatGithub(files: readonly CheckedFile[], cwd: string): string {
  let out = '';
  for (const file of files) {
    const name = path.relative(cwd, file.absolute).split(path.sep).join('/');
    for (const f of file.findings) {
      const r = regionOf(file.lines, f.span);
      const props = [`file=${name}`, `line=${r.line}`, `col=${r.column}`, `endLine=${r.endLine}`, `endColumn=${r.endColumn}`, `title=selinux-mounts ${f.ruleId}`];
      out += `::${command[f.severity]} ${props.map((p) => p.replace(/=(.*)$/s, (_, v: string) => `=${escapeProperty(v)}`)).join(',')}::${escapeData(f.message)}\n`;
    }
  }
  return out;
}
