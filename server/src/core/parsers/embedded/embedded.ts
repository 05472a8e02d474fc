/**
 * Shell embedded in other files: each piece is handed to the shell reader with its offset in the
 * file, after blanking (same length, so offsets hold) what is not shell: prompts, output, recipe
 * prefixes, template expressions.
 */
import type { ContainerRun } from '../../model';
import { readScript } from '../shell/shell';

export interface ShellPiece {
  /** Shell text, as long as the file text it stands for. */
  text: string;
  /** Its offset in the file. */
  start: number;
}

export function runsOf(pieces: ShellPiece[]): ContainerRun[] {
  return pieces.flatMap((p) => readScript(p.text, p.start).runs);
}

/** Replaces every match with a same-length text. */
export function blank(text: string, re: RegExp, fill: (match: string) => string = (m) => m.replace(/[^\r\n]/g, ' ')): string {
  return text.replace(re, (m) => {
    const out = fill(m);
    return out.length === m.length ? out : m;
  });
}
