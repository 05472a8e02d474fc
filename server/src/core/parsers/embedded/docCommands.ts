/**
 * Commands in documentation, read the way a reader pastes them: a code block's lines become one
 * shell piece of the same length (so offsets hold), with what a terminal shows but the shell
 * does not run blanked: prompts (`$ `, `# `, `user@host:~$ `, `PS> `...), continuation prompts
 * (`> `), output lines, and the `\ # comment` line endings people write in docs. Placeholders
 * (`<path to your tree>`, `{{data_dir}}`, `%cd%`, `YOUR_PATH`) become variables, host paths known
 * only at run time; `docRuns` puts the written text back into the model afterwards.
 */
import type { ParsedFile } from '../../model';
import type { EngineSetting } from '../../settings';
import { readPieces, type ShellPiece } from './embedded';

/**
 * script: every line is shell (a prompt on any line makes it a session);
 * session: only prompt lines and their continuations are commands, the rest is output;
 * sniff: a block of unknown language, where only lines that run an engine are commands.
 */
export type BlockMode = 'script' | 'session' | 'sniff';

const scriptTags = new Set(['sh', 'bash', 'shell', 'zsh', 'ksh', 'shellscript', 'shell-script', 'posix', 'fish']);
const sessionTags = new Set(['console', 'shell-session', 'sh-session', 'shellsession', 'bash-session', 'terminal', 'prompt']);
const sniffTags = new Set(['', 'text', 'txt', 'none', 'plain', 'plaintext', 'nohighlight', 'output', 'default', 'cli', 'command', 'commandline']);
/** Windows shells: the engine lines are read; PowerShell's `` ` `` line continuation is read as `\`. */
const windowsTags = new Set(['cmd', 'bat', 'batch', 'powershell', 'ps', 'ps1', 'pwsh', 'posh']);

/** How a block tagged with `tag` is read, or undefined when it holds no commands (yaml, json...). */
export function modeOfTag(tag: string): BlockMode | undefined {
  const t = tag.toLowerCase();
  return scriptTags.has(t) ? 'script' : sessionTags.has(t) ? 'session' : sniffTags.has(t) || windowsTags.has(t) ? 'sniff' : undefined;
}

/** A line that runs a container engine (after any prompt): `docker ...`, `sudo -E podman ...`. */
const engineLine = /^[ \t]*(?:sudo(?:[ \t]+-\S+)*[ \t]+)?(?:docker|nvidia-docker|podman|nerdctl|docker-compose|podman-compose)[ \t]+[\w-]/;

/**
 * A prompt at the start of a line: `$ `, `% `, `› `, `❯ `, `~/src$ `, `user@host:~$ `,
 * `[user@host dir]$ `, `(venv) $ `, `PS> `, `PS C:\src> `, `C:\src> `.
 */
const prompt = /^[ \t]*(?:\([\w.-]+\)[ \t]*)?(?:\[[^\]\n]*\][$#%]|[\w.-]+@[\w.-]+(?::[^\s$#]*)?[$#%]|[\w.~/:-]*[$%›❯]|PS[^>\n]*>|[A-Za-z]:\\[^>\n]*>)[ \t]+/;
/** `# ` (root) and cmd's bare `> ` are prompts only before an engine command: else a comment, a continuation. */
const ambiguousPrompt = /^[ \t]*[#>][ \t]+/;

/** The length of the prompt that starts `line`, or 0. */
function promptAt(line: string): number {
  const m = prompt.exec(line) ?? ambiguousPrompt.exec(line);
  if (!m) return 0;
  if (/[#>][ \t]*$/.test(m[0]) && !/PS|:\\/.test(m[0])) return engineLine.test(line.slice(m[0].length)) ? m[0].length : 0;
  return m[0].length;
}

const spaces = (s: string): string => s.replace(/[^\r\n]/g, ' ');

/**
 * `\ # comment` and a `\` followed by blanks end a command in bash (an escaped space); the
 * author meant a comment and a continuation: the comment is blanked and the `\` moved to the end.
 */
function continuedAsMeant(line: string): string {
  return (
    line
      // `` `#optional` ``: an empty command substitution holding a comment (LinuxServer's READMEs);
      // tree-sitter-bash reads the comment to the end of the line, `\` included.
      .replace(/`[ \t]*#[^`\n]*`/g, spaces)
      .replace(/\\([ \t]+(?:#.*?)?)(\r?)$/, (_match: string, rest: string, cr: string) => spaces(rest) + '\\' + cr)
  );
}

const continues = (line: string): boolean => /\\\r?$/.test(line);

/**
 * A placeholder as a word of the same length: one that names a volume (`<fastvol>`,
 * `{{ volume_name }}`) stays a name (`_fastvol_`); any other is a host path known only at run
 * time, a variable (`<your dir>` → `$your_dir_`).
 */
const asVariable = (m: string): string => (namesVolume(m) ? '_' : '$') + m.slice(1).replace(/\W/g, '_');
const namesVolume = (m: string): boolean => /vol|name/i.test(m) && !/path|dir|folder/i.test(m);

/** Host-path placeholders: `<path>`, `{{ dir }}`, `%cd%`/`%%DIR%%`, `YOUR_PATH` as a -v source. */
function placeholders(line: string): string {
  return (
    line
      // `<...>` is a redirection to bash; `< in` and `2>&1` are not placeholders.
      .replace(/(?<![<\w$])<[\w/~.][^<>\n|&;]*?(?<!\s)>/g, asVariable)
      .replace(/(?<!\$)\{\{[^{}\n]*\}\}/g, asVariable)
      .replace(/%%?\w+%%?/g, asVariable)
      // `${minifi.version}`: a build tool's property, no bash parameter; tree-sitter-bash would cut the word there.
      .replace(/\$\{[A-Za-z_]\w*(?:\.\w+)+\}/g, (m) => m.replace(/\./g, '_'))
      .replace(/(?<=(?:^|\s)(?:-v|--volume)[ =]["']?)[A-Za-z][\w.-]*\/?(?=:\/)/g, (w) => (isPathPlaceholder(w) ? asVariable(w) : w))
  );
}

/** `YOUR_PATH`, `PATH_TO_DATA`, `host_dir`: words that name a folder to fill in, not a volume. */
function isPathPlaceholder(word: string): boolean {
  return /path|dir|folder|your|host|local/i.test(word) && !namesVolume(word);
}

/** One code block's lines as shell of the same length. `lines` are the file's lines, with any container prefix blanked. */
export function blockPiece(lines: string[], start: number, mode: BlockMode): ShellPiece | undefined {
  if (mode === 'script' && lines.some((l) => prompt.test(l))) mode = 'session';
  const out: string[] = [];
  let continued = false;
  let any = false;
  for (const line of lines) {
    let text: string;
    if (continued) {
      // A continuation line: `> ` is the shell's secondary prompt; a comment line inside a
      // continued command is read as the author meant (the options go on).
      const cont = /^[ \t]*> /.exec(line);
      text = cont ? spaces(cont[0]) + line.slice(cont[0].length) : line;
      if (/^[ \t]*#.*?\r?$/.test(text)) text = spaces(text).replace(/ (\r?)$/, '\\$1');
    } else if (mode === 'script') {
      text = line;
    } else {
      const p = promptAt(line);
      const command = mode === 'session' ? p > 0 : engineLine.test(line.slice(p));
      text = command ? ' '.repeat(p) + line.slice(p) : spaces(line);
    }
    if (text.trim() !== '' && !/^\s*#/.test(text)) {
      if (mode === 'sniff') text = text.replace(/([ \t])`(\r?)$/, '$1\\$2');
      text = placeholders(continuedAsMeant(text));
      any = true;
    }
    continued = continues(text);
    out.push(text);
  }
  return any ? { text: out.join('\n'), start } : undefined;
}

/**
 * A document as the model: the runs of the pieces, with the text written in the file put back
 * where a placeholder was read as a variable (messages and fixes then name `<path to your tree>`,
 * not `$path_to_...`), and the project options of their compose commands (`docker compose -f
 * compose.yml -f compose.dev.yml up`), taken as run from the document's folder, as a script's are.
 */
export function docFile(kind: 'markdown' | 'restructuredtext', text: string, pieces: ShellPiece[], engine: EngineSetting = 'auto'): ParsedFile {
  const read = pieces.map((piece) => readPieces([piece], engine));
  // Each code block is its own group: blocks are alternatives, not containers run together.
  const runs = read.flatMap((block, group) => block.runs.map((run) => ({ ...run, group })));
  // Commands a reader types, blocks being alternatives: a name given in one is no second set of
  // containers beside another's (ComposeFileList.startsContainers), only what its project is called.
  const composeFiles = read.flatMap((block) => block.composeFiles.map(({ startsContainers: _, ...list }) => list));
  for (const run of runs) {
    for (const mount of run.mounts) {
      for (const part of [mount.source, mount.target]) {
        if (!part || part.span.end - part.span.start !== part.text.length) continue;
        const written = text.slice(part.span.start, part.span.end);
        if (written === part.text) continue;
        part.text = written;
        // Mutated in place: edits built earlier read the same object.
        if ('path' in part) (part as { path: string }).path = written;
      }
    }
  }
  return { kind, runs, ...(composeFiles.length ? { composeFiles } : {}) };
}
