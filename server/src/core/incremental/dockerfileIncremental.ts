/**
 * Dockerfile steps read again after an edit, keeping what the last reading built. A `RUN` or
 * `LABEL` instruction reads the same whatever surrounds it (its flags, its shell body, its `RUN=`
 * strings), so its reading is kept under its own text and moved to where the instruction now
 * starts: an edit parses the shell of the instructions it touches only. The reading depends on the
 * file's escape character and build engine too; when they change, nothing is kept.
 */
import type { CommandName, ContainerRun } from '../model';
import { Placement, type OffsetMap } from './remap';

/** What one instruction gives the model, in the offsets of the text it was read from. */
export interface StepReading {
  runs: ContainerRun[];
  commands: CommandName[];
  /** The first run is the instruction's own (`RUN --mount`), named after its line. */
  ownMounts?: boolean;
}

interface Kept extends StepReading {
  /** Where the instruction started when it was read. */
  origin: number;
  placement?: Placement<Shift>;
}

class Shift implements OffsetMap {
  constructor(readonly by: number) {}

  map(offset: number): number {
    return offset + this.by;
  }
}

export class DockerfileCache {
  private context = '';
  private kept = new Map<string, Kept[]>();
  private next = new Map<string, Kept[]>();

  /** Starts reading a text: `context` is what besides an instruction's text decides its reading. */
  begin(context: string): void {
    if (context !== this.context) this.kept.clear();
    this.context = context;
    this.next = new Map();
  }

  /** The reading of the instruction `text` starting at `start`, read by `read` unless kept. */
  step(text: string, start: number, read: () => StepReading): StepReading {
    let kept = this.kept.get(text)?.pop();
    if (!kept) kept = { ...read(), origin: start };
    const list = this.next.get(text);
    if (list) list.push(kept);
    else this.next.set(text, [kept]);
    const by = start - kept.origin;
    if (by === 0 && !kept.placement) return kept;
    kept.placement ??= new Placement(kept.runs, new Shift(by));
    if (kept.placement.map.by !== by) kept.placement.map = new Shift(by);
    const commands = kept.commands.map((c) => ({ name: c.name, span: { start: c.span.start + by, end: c.span.end + by } }));
    return { runs: kept.placement.runs, commands, ownMounts: kept.ownMounts };
  }

  /** Ends a reading: only what this text used is kept. */
  end(): void {
    this.kept = this.next;
  }
}
