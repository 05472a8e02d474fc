/**
 * Shell embedded in other files: each piece is handed to the shell reader with its offset in the
 * file, after blanking (same length, so offsets hold) what is not shell: prompts, output, recipe
 * prefixes, template expressions.
 */
import type { ComposeFileList, ContainerRun } from '../../model';
import type { EngineSetting } from '../../settings';
import { readScript, type ScriptContext } from '../shell/shell';

export interface ShellPiece {
  /** Shell text, as long as the file text it stands for. */
  text: string;
  /** Its offset in the file. */
  start: number;
}

/**
 * The runs of the pieces, and the project options of their compose commands; `engine` is the
 * project's, for commands that leave theirs open (`$(CONTAINER_ENGINE) run`); `context`: see ScriptContext.
 */
export function readPieces(pieces: ShellPiece[], engine: EngineSetting = 'auto', context?: ScriptContext): { runs: ContainerRun[]; composeFiles: ComposeFileList[] } {
  const scripts = pieces.map((p) => readScript(p.text, p.start, engine, context));
  return { runs: scripts.flatMap((s) => s.runs), composeFiles: scripts.flatMap((s) => s.composeFiles) };
}

/**
 * Mount paths quoted as the file writes them where the shell read a same-length rewrite holding
 * `rewritten` (`${{ }}` masked, make's `$(CURDIR)` as `$(   pwd)`): messages and hovers quote the file.
 */
export function quoteAsWritten(runs: readonly ContainerRun[], text: string, rewritten: RegExp): void {
  for (const mount of runs.flatMap((r) => r.mounts)) {
    for (const part of [mount.source, mount.target]) {
      const written = part && text.slice(part.span.start, part.span.end);
      if (part && written && written.length === part.text.length && rewritten.test(written)) part.text = written;
    }
  }
}

/** Replaces every match with a same-length text. */
export function blank(text: string, re: RegExp, fill: (match: string) => string = (m) => m.replace(/[^\r\n]/g, ' ')): string {
  return text.replace(re, (m) => {
    const out = fill(m);
    return out.length === m.length ? out : m;
  });
}
