/**
 * Dockerfiles and Containerfiles → the model (reference §9b, §9c): `RUN --mount` binds of the build
 * context, `RUN` bodies parsed once as shell (so a `docker run -v` inside a step is checked),
 * `LABEL RUN=`/`INSTALL=` commands (run by `podman container runlabel`), base images and the
 * commands build steps run. podman/buildah take `z`, `Z` and `relabel=` on `RUN --mount`; BuildKit
 * takes none.
 */
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { BaseImage, CommandName, ContainerRun, Engine, Mount, ParsedFile, Span } from '../model';
import { namedOwnRun, placeStep, type DockerfileCache, type Entry, type StepsByText, type WholeReading } from '../incremental/dockerfileIncremental';
import { LineIndex } from '../text';
import { parseMountFlag } from './mountFlag';
import type { ParseOptions, SourceParser } from './parser';
import { readScript, readScripts, type Script } from './shell/shell';

const dockerfileName = /^(?:(?:Docker|Container)file.*|.+\.(?:dockerfile|containerfile)|.+\.Dockerfile)$/i;

export const dockerfileParser: SourceParser = {
  usesShellGrammar: true,
  kind: 'dockerfile',
  languageIds: ['dockerfile'],
  matchesName: (name) => dockerfileName.test(name),
  matchesContent: (_name, text, byContent) => byContent && /^\s*FROM\s+\S+/im.test(text) && /^\s*(RUN|CMD|ENTRYPOINT|COPY)\b/im.test(text),
  parse: (text, options) => new DockerfileReader(text, options).read(),
};

/** Reads a Dockerfile, reusing what `cache` kept of the instructions an edit left alone. */
export function readDockerfile(text: string, options: ParseOptions, cache: DockerfileCache): ParsedFile {
  return new DockerfileReader(text, options, cache).read();
}

type BuildEngine = Extract<Engine, 'buildah' | 'buildkit' | 'unknown'>;

function buildEngine(options: ParseOptions): BuildEngine {
  if (options.buildEngine === 'podman') return 'buildah';
  if (options.buildEngine === 'docker') return 'buildkit';
  return /^containerfile|\.containerfile$/i.test(options.baseName) ? 'buildah' : 'unknown';
}

/** Static `ARG` defaults put into a `FROM` reference (`centos:${VERSION}`). */
function resolveArgs(ref: string, args: Map<string, string>): string {
  return ref.replace(/\$\{?(\w+)(?::?-([^}]*))?\}?/g, (whole, name: string, fallback?: string) => args.get(name) ?? fallback ?? whole);
}

class DockerfileReader {
  private readonly lines: LineIndex;
  private readonly engine: BuildEngine;

  constructor(
    private readonly text: string,
    options: ParseOptions,
    private readonly cache?: DockerfileCache,
  ) {
    this.lines = new LineIndex(text);
    this.engine = buildEngine(options);
  }

  private offset(pos: { line: number; character: number }): number {
    return this.lines.offset(pos.line, pos.character);
  }

  private spanOf(range: { start: { line: number; character: number }; end: { line: number; character: number } }): Span {
    return { start: this.offset(range.start), end: this.offset(range.end) };
  }

  read(): ParsedFile {
    const entries = this.cache
      ? this.cache.entries(this.text, this.engine, (steps) => this.readWhole(steps), (from, to) => this.readLines(from, to))
      : this.readWhole(new Map()).entries;
    const runs: ContainerRun[] = [];
    const buildCommands: CommandName[] = [];
    const baseImages: BaseImage[] = [];
    const args = new Map<string, string>();
    for (const entry of entries) {
      if (entry.arg) args.set(...entry.arg);
      else if (entry.from) {
        const by = entry.start - entry.origin;
        const { value, span } = entry.from;
        baseImages.push({ ref: resolveArgs(value, args), span: { start: span.start + by, end: span.end + by } });
      } else if (entry.step) {
        const step = placeStep(entry, entry.step);
        // The name of a RUN's own mounts tells its line, which an edit above it moves.
        const [own, ...rest] = step.runs;
        runs.push(...(step.ownMounts ? [namedOwnRun(entry.step, own, `RUN (line ${this.lines.position(entry.start).line + 1})`), ...rest] : step.runs));
        buildCommands.push(...step.commands);
      }
    }
    return { kind: 'dockerfile', runs, buildCommands, baseImages };
  }

  /**
   * Every instruction; `steps`: readings of unchanged RUN and LABEL instructions to reuse. The shell
   * of the others is read with one parse for all.
   */
  private readWhole(steps: StepsByText): WholeReading {
    const dockerfile = DockerfileParser.parse(this.text);
    const escape = dockerfile.getEscapeCharacter();
    const pending: Pending[] = [];
    const entries = dockerfile.getInstructions().map((i) => this.entry(i, escape, steps, pending));
    // A heredoc inside a script reads lines past it: such scripts are parsed on their own.
    this.finish(pending, readScripts(pending.flatMap((p) => p.parts.scripts).filter((b) => !b.text.includes('<<'))));
    return { entries, escape };
  }

  /**
   * The instructions in the lines `[from, to)` of the text, parsed alone (after as many empty lines,
   * so that positions are the file's); undefined when they hold parser directives.
   */
  private readLines(from: number, to: number): Entry[] | undefined {
    const { line } = this.lines.position(from);
    const dockerfile = DockerfileParser.parse('\n'.repeat(line) + this.text.slice(from, to));
    if (dockerfile.getDirectives().length > 0 || dockerfile.getEscapeCharacter() !== '\\') return undefined;
    const pending: Pending[] = [];
    const entries = dockerfile.getInstructions().map((i) => this.entry(i, '\\', new Map(), pending));
    this.finish(pending, new Map());
    return entries;
  }

  /** An instruction's entry; a RUN or LABEL not reused waits in `pending` for its scripts to be read. */
  private entry(instruction: Instruction, escape: string, steps: StepsByText, pending: Pending[]): Entry {
    const range = instruction.getRange();
    const { start, end } = this.spanOf(range);
    const keyword = instruction.getKeyword();
    const entry: Entry = { line: this.lines.lineStart(range.start.line), start, end, origin: start };
    if (keyword === 'ARG') entry.arg = this.readArg(instruction);
    else if (keyword === 'FROM') entry.from = this.readFrom(instruction);
    else if (keyword === 'RUN' || keyword === 'LABEL') {
      const text = this.text.slice(start, end);
      // A heredoc body lies past the instruction's range: its reading is never reused.
      const reused = text.includes('<<') ? undefined : steps.get(this.text.slice(entry.line, end))?.pop();
      if (reused) {
        entry.step = reused.step;
        entry.origin = reused.origin;
      } else pending.push({ entry, parts: keyword === 'RUN' ? this.runParts(instruction, escape) : { scripts: this.labelScripts(instruction), label: true } });
    }
    return entry;
  }

  /** The pending steps, with their scripts as `read` has them, or each read on its own. */
  private finish(pending: Pending[], read: Map<number, Script>): void {
    for (const { entry, parts } of pending) {
      const scripts = parts.scripts.map((b) => read.get(b.start) ?? readScript(b.text, b.start));
      const runs = [...(parts.own ? [parts.own] : []), ...scripts.flatMap((s) => s.runs)];
      // `podman container runlabel` runs a label's commands, not a build step.
      const commands = parts.label ? [] : [...(parts.exec ? [parts.exec] : []), ...scripts.flatMap((s) => s.commands)];
      entry.step = { runs, commands, ownMounts: !!parts.own };
    }
  }

  private runParts(instruction: Instruction, escape: string): StepParts {
    const mounts = this.readRunMounts(instruction);
    const body = this.shellBody(instruction, escape);
    return {
      own: mounts.length > 0 ? this.buildRun(`RUN (line ${instruction.getRange().start.line + 1})`, instruction, mounts) : undefined,
      exec: this.execCommand(instruction),
      scripts: body ? [body] : [],
    };
  }

  private readArg(instruction: Instruction): [string, string] | undefined {
    const m = /^(\w+)=("?)([^"\s]*)\2\s*$/.exec(instruction.getRawArgumentsContent() ?? '');
    return m ? [m[1], m[3]] : undefined;
  }

  private readFrom(instruction: Instruction): Entry['from'] {
    const range = instruction.getArgumentsRange();
    const first = instruction.getArguments()[0];
    if (!range || !first) return undefined;
    return { value: first.getValue(), span: this.spanOf(first.getRange()) };
  }

  private buildRun(name: string, instruction: Instruction, mounts: Mount[]): ContainerRun {
    const range = instruction.getRange();
    return {
      name,
      nameSpan: this.spanOf({ start: range.start, end: { line: range.start.line, character: range.start.character + 3 } }),
      engine: this.engine,
      labeling: { disabled: false },
      labelOptions: [],
      mounts,
      disableLabeling: () => undefined,
    };
  }

  private readRunMounts(instruction: Instruction): Mount[] {
    const flags = 'getFlags' in instruction ? (instruction as unknown as { getFlags(): FlagLike[] }).getFlags() : [];
    const mounts: Mount[] = [];
    for (const flag of flags) {
      const valueRange = flag.getValueRange();
      const value = flag.getValue();
      if (flag.getName() !== 'mount' || !valueRange || value === null) continue;
      const whole = this.spanOf(valueRange);
      const contiguous = this.text.slice(whole.start, whole.end) === value;
      const mount = parseMountFlag(value, {
        engine: this.engine === 'buildkit' ? 'docker' : 'podman',
        base: contiguous ? whole.start : undefined,
        whole,
        build: true,
      });
      if (!mount) continue;
      // Only podman/buildah take a relabel: a Dockerfile that docker may build gets no edit, only the explanation.
      mounts.push(this.engine === 'buildah' ? mount : { ...mount, edits: { ...mount.edits, add: () => undefined } });
    }
    return mounts;
  }

  /** The program an exec-form `RUN ["prog", ...]` runs. */
  private execCommand(instruction: Instruction): CommandName | undefined {
    const range = instruction.getArgumentsRange();
    if (!range) return undefined;
    const span = this.spanOf(range);
    const m = /^(\s*\[\s*")([^"\\]+)"/.exec(this.text.slice(span.start, span.end));
    if (!m) return undefined;
    const start = span.start + m[1].length;
    return { name: m[2].replace(/^.*\//, ''), span: { start, end: start + m[2].length } };
  }

  /** A shell-form RUN body, in the file's own offsets; the `# escape=` character's continuations become blanks. */
  private shellBody(instruction: Instruction, escape: string): { text: string; start: number } | undefined {
    const range = instruction.getArgumentsRange();
    if (!range) return undefined;
    const span = this.spanOf(range);
    let text = this.text.slice(span.start, span.end);
    if (/^\s*\[/.test(text)) return undefined; // JSON form.
    const heredoc = /^\s*<<-?\s*(["']?)(\w+)\1[^\n]*\n/.exec(this.text.slice(span.start));
    if (heredoc) {
      // `RUN <<EOF` ... `EOF`: the lines between are the script.
      const start = span.start + heredoc[0].length;
      const end = new RegExp(`^\\s*${heredoc[2]}\\s*$`, 'm').exec(this.text.slice(start));
      return { text: this.text.slice(start, end ? start + end.index : this.text.length), start };
    }
    if (escape !== '\\') text = text.replace(new RegExp(`\\${escape}(\\r?\\n)`, 'g'), (_, eol: string) => ' ' + ' '.repeat(eol.length));
    // Docker drops comment lines inside a continued instruction; to bash they would end the command.
    // Each such line goes with its line break, so the continuation reaches the line after it.
    text = text.replace(/(\\\r?\n)((?:[ \t]*#[^\n]*\n)+)/g, (_, cont: string, comments: string) => cont + ' '.repeat(comments.length));
    return { text, start: span.start };
  }

  /** `LABEL RUN="docker run ..."` and `INSTALL=`/`UNINSTALL=`: commands `podman container runlabel` runs. */
  private labelScripts(instruction: Instruction): { text: string; start: number }[] {
    const properties = (instruction as unknown as { getProperties(): PropertyLike[] }).getProperties?.() ?? [];
    const scripts: { text: string; start: number }[] = [];
    for (const p of properties) {
      const range = p.getValueRange();
      if (!/^(RUN|INSTALL|UNINSTALL)$/.test(p.getName()) || !range) continue;
      const span = this.spanOf(range);
      const raw = this.text.slice(span.start, span.end);
      const quoted = /^(["']).*\1$/s.test(raw);
      scripts.push({ text: quoted ? raw.slice(1, -1) : raw, start: span.start + (quoted ? 1 : 0) });
    }
    return scripts;
  }
}

/** What a RUN or LABEL gives besides its scripts' commands, and the scripts, to be read. */
interface StepParts {
  own?: ContainerRun;
  exec?: CommandName;
  scripts: { text: string; start: number }[];
  label?: boolean;
}

interface Pending {
  entry: Entry;
  parts: StepParts;
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

interface FlagLike {
  getName(): string;
  getValue(): string | null;
  getValueRange(): Range | null;
}

interface PropertyLike {
  getName(): string;
  getValueRange(): Range | null;
}
