/**
 * Dockerfiles read again after an edit, keeping what the last reading built.
 *
 * The file is a list of instructions, each read on its own (an `ARG`'s value, a `FROM`'s image, a
 * `RUN`'s mounts and shell body, a `LABEL`'s `RUN=` strings): only `FROM` also needs the `ARG`s
 * before it, which the reader puts in afterwards. An edit re-parses with dockerfile-ast only the
 * lines from the start of the first instruction it touches to the start of the first one after it
 * leaves alone; the instructions outside keep their readings, moved by the edit. The whole file is
 * parsed again when the edit is in the lines before the first instruction (parser directives), when
 * the file has an escape character other than `\` or a heredoc (whose body lies past its
 * instruction), or when the re-parsed lines end in a continuation. A whole parse still reuses the
 * reading of every `RUN` and `LABEL` whose text did not change.
 */
import type { CommandName, ContainerRun, Span } from '../model';
import { diff } from './textDiff';
import { Placement, copiedRun, originalOf, placedLike, placementOf, type OffsetMap } from './remap';

/** What a `RUN` or `LABEL` gives the model. */
export interface StepReading {
  runs: ContainerRun[];
  commands: CommandName[];
  /** The first run is the instruction's own (`RUN --mount`), named after its line. */
  ownMounts?: boolean;
}

/** A step's reading, in the offsets of the text it was read from; shared by the entries that move it. */
export interface KeptStep extends StepReading {
  placement?: Placement<Shift>;
  /** Its own run as last named (after its line), kept while the name is the same: its findings are kept with it. */
  named?: ContainerRun;
}

/** One instruction as the reader uses it, whichever parse it came from. */
export interface Entry {
  /** Where its line starts, where it starts and ends, in the current text. */
  line: number;
  start: number;
  end: number;
  /** Where it started in the text it was read from: its offsets move by `start - origin`. */
  origin: number;
  arg?: [string, string];
  from?: { value: string; span: Span };
  step?: KeptStep;
}

class Shift implements OffsetMap {
  /** An instruction owns whole lines (dockerfileIncremental re-reads every one an edit touches). */
  readonly wholeLines = true;

  constructor(readonly by: number) {}

  map(offset: number): number {
    return offset + this.by;
  }

  unmoved(): Shift {
    return new Shift(0);
  }

  movedTo(to: OffsetMap): ((offset: number) => number) | undefined {
    const by = to instanceof Shift ? to.by - this.by : undefined;
    return by === undefined ? undefined : (offset) => offset + by;
  }
}

/** A step's reading where its instruction now starts; `place`: placed even where it was read (ahead of its first move). */
export function placeStep(entry: Entry, step: KeptStep, place = false): StepReading {
  const by = entry.start - entry.origin;
  if (by === 0 && !step.placement && !place) return step;
  step.placement ??= new Placement(step.runs, new Shift(by));
  if (step.placement.map.by !== by) step.placement.map = new Shift(by);
  const commands = step.commands.map((c) => ({ name: c.name, span: { start: c.span.start + by, end: c.span.end + by } }));
  return { runs: step.placement.runs, commands, ownMounts: step.ownMounts };
}

/** The step's own run (`RUN --mount`) named `name`: the same object while the run and its name are. */
export function namedOwnRun(step: KeptStep, own: ContainerRun, name: string): ContainerRun {
  const named = step.named;
  if (named && named.name === name && placementOf(named) === placementOf(own) && named.mounts === own.mounts) return named;
  const copy = placedLike({ ...own, name }, own);
  // The step's first move: the run named before it, unplaced, is the one `own` was copied from, named.
  if (named && named.name === name && !placementOf(named) && named.mounts === originalOf(own)?.mounts) copiedRun(copy, named);
  return (step.named = copy);
}

/**
 * Readings of `RUN`/`LABEL` instructions by their text, with where each was read, for a whole
 * parse. The text is taken from the start of the instruction's line: a kept finding's "ignore" fix
 * reads the indentation before it.
 */
export type StepsByText = Map<string, { step: KeptStep; origin: number }[]>;

export interface WholeReading {
  entries: Entry[];
  escape: string;
}

export class DockerfileCache {
  /** `prepared`: how many of its entries `prepare` went through. */
  private last: { text: string; context: string; escape: string; entries: Entry[]; prepared: number } | undefined;

  /**
   * The instructions of `text`. `context`: what besides the text decides a reading (the build
   * engine). `readWhole` parses the whole text; `readLines` parses the lines in `[from, to)`, or
   * gives undefined when they do not parse as they would in the whole file.
   */
  entries(text: string, context: string, readWhole: (steps: StepsByText) => WholeReading, readLines: (from: number, to: number) => Entry[] | undefined): Entry[] {
    const last = this.last;
    let entries = last && last.context === context && last.escape === '\\' ? patch(last.text, last.entries, text, readLines) : undefined;
    let escape = '\\';
    if (!entries) ({ entries, escape } = readWhole(last && last.context === context ? stepsByText(last.text, last.entries) : new Map()));
    this.last = { text, context, escape, entries, prepared: 0 };
    return entries;
  }

  /**
   * Does part of the next edit's work ahead of it, while the editor is idle: places the next steps
   * the last reading kept unplaced (about `count` runs) where they lie, each told to `placed` as
   * the reader will give them (a `RUN`'s own run named after its line). An edit that moves a step
   * then only shifts its placement; what later readings give is the same either way. False once
   * there is nothing left to prepare.
   */
  prepare(count: number, placed: (runs: readonly ContainerRun[]) => void): boolean {
    const last = this.last;
    if (!last) return false;
    const { entries } = last;
    for (; count > 0 && last.prepared < entries.length; last.prepared++) {
      const entry = entries[last.prepared];
      const step = entry.step;
      if (!step || step.placement || step.runs.length === 0) continue;
      const { runs } = placeStep(entry, step, true);
      const [own, ...rest] = runs;
      placed(step.ownMounts && step.named ? [namedOwnRun(step, own, step.named.name), ...rest] : runs);
      count -= runs.length;
    }
    return last.prepared < entries.length;
  }
}

function stepsByText(text: string, entries: Entry[]): StepsByText {
  const steps: StepsByText = new Map();
  for (const e of entries) {
    if (!e.step) continue;
    const key = text.slice(e.line, e.end);
    const kept = { step: e.step, origin: e.origin };
    const list = steps.get(key);
    if (list) list.push(kept);
    else steps.set(key, [kept]);
  }
  return steps;
}

/** The entries after the edit from `before` to `after`, or undefined when the whole file must be parsed. */
function patch(before: string, entries: Entry[], after: string, readLines: (from: number, to: number) => Entry[] | undefined): Entry[] | undefined {
  const edit = diff(before, after);
  if (!edit) return entries;
  const { at, oldEnd, delta } = edit;
  if (entries.length === 0 || at <= entries[0].line || after.includes('<<')) return undefined;
  // Each instruction owns the lines up to the next one's; ranges are closed (an edit at a border may join both).
  const next = (i: number): number => (i + 1 < entries.length ? entries[i + 1].line : before.length);
  let first = 0;
  while (next(first) < at) first++;
  let last = first;
  while (last + 1 < entries.length && entries[last + 1].line <= oldEnd) last++;
  const from = entries[first].line;
  const to = next(last) + delta;
  if (to < after.length && endsContinued(after.slice(from, to))) return undefined;
  const read = readLines(from, to);
  if (!read) return undefined;
  const moved = entries.slice(last + 1).map((e) => ({ ...e, line: e.line + delta, start: e.start + delta, end: e.end + delta }));
  return [...entries.slice(0, first), ...read, ...moved];
}

/** The last line that is neither blank nor a comment ends in a `\` continuation. */
function endsContinued(lines: string): boolean {
  const real = lines.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '' && !/^\s*#/.test(l));
  return real.length > 0 && /\\\s*$/.test(real[real.length - 1]);
}
