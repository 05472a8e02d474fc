/**
 * The findings of the rules that look at one run at a time (`RuleMeta.perRun`), kept per run
 * between analyses of one document. A run a reader kept (the same object: compose pieces, shell
 * statements or Dockerfile instructions that did not change) whose mounts are shared by as many
 * runs as before gets its findings back; only the runs an edit changed go through those rules
 * again. On a file where every mount is flagged, rebuilding every finding (message, fixes, edits)
 * on each keystroke cost far more than re-reading the edited part.
 *
 * Once the run has moved, a kept finding's offsets (its span, its fixes' edits, its anchor) are
 * read through the run's placement, as the model's spans are: a later edit that shifts the run
 * moves them without touching them, so nothing is copied or allocated per finding below an edit.
 * A finding's final form stays the same object throughout (the editor keeps the Diagnostic made of
 * it), from the analysis of the open's whole reading on: a run the reader places for the first time
 * keeps its findings (placed as it is) or takes its original's (a copy).
 */
import type { ContainerRun, Edit, Mount, Span } from '../model';
import type { Finding, Fix } from '../finding';
import { originalOf, placementOf, type OffsetMap } from './remap';

/** A finding as its rule reported it, before ignore comments and the "ignore" fix are applied. */
export interface Reported extends Omit<Finding, 'suppression'> {
  /** Where an ignore comment for it goes. */
  readonly anchor: number;
  /** The finding it became in a file without ignore comments whose line breaks are `eol`. */
  placed?: Placed;
}

/**
 * A finding's final form, kept with its report. Its "ignore" fix then reads only the line of its
 * anchor: where the run's placement is whole lines (`OffsetMap.wholeLines`) that line moves with
 * the run, unchanged; elsewhere (a shell statement need not start its line, a run never placed)
 * the fix is compared with the one the current text gives before the finding is reused.
 */
export interface Placed {
  eol: string;
  finding: Finding;
  wholeLines: boolean;
}

/** Per run: how many runs share each of its mounts' host paths, in mount order (all a per-run rule may know of the others). */
export type Sharing = readonly number[];

/** How the offsets of one run's kept findings moved since they were made. */
class Moves {
  /** Bumped on each move: offsets read through it are mapped once per version. */
  version = 0;
  move: (offset: number) => number = (offset) => offset;
  /** The shift `move` gives every offset kept (they lie in one piece, or in pieces moved alike), or NaN. */
  shift = NaN;
  /** The least and greatest offset kept. */
  lo = Infinity;
  hi = -Infinity;

  /** Where a kept offset lies now. */
  at(offset: number): number {
    const { shift } = this;
    return shift === shift ? offset + shift : this.move(offset);
  }
}

/** A span of a kept finding: where it was made, read where the run lies now. */
class MovedSpan implements Span {
  private version = 0;
  private startNow: number;
  private endNow: number;

  constructor(
    private readonly startThen: number,
    private readonly endThen: number,
    private readonly moves: Moves,
  ) {
    this.startNow = startThen;
    this.endNow = endThen;
  }

  get start(): number {
    return this.current().startNow;
  }

  get end(): number {
    return this.current().endNow;
  }

  toJSON(): Span {
    return { start: this.start, end: this.end };
  }

  private current(): this {
    const { moves } = this;
    if (this.version !== moves.version) {
      this.startNow = moves.at(this.startThen);
      this.endNow = moves.at(this.endThen);
      this.version = moves.version;
    }
    return this;
  }
}

class MovedEdit extends MovedSpan implements Edit {
  constructor(start: number, end: number, moves: Moves, readonly newText: string) {
    super(start, end, moves);
  }

  override toJSON(): Edit {
    return { start: this.start, end: this.end, newText: this.newText };
  }
}

/** A kept finding: its fields as reported, its offsets read through the run's moves. */
class KeptReport implements Reported {
  readonly ruleId: string;
  readonly messageId: string;
  readonly message: string;
  readonly severity: Finding['severity'];
  readonly mount: Finding['mount'];
  readonly run: Finding['run'];
  placed?: Placed;

  constructor(
    reported: Reported,
    readonly span: MovedSpan,
    readonly fixes: Fix[],
    private readonly anchorThen: number,
    private readonly moves: Moves,
  ) {
    this.ruleId = reported.ruleId;
    this.messageId = reported.messageId;
    this.message = reported.message;
    this.severity = reported.severity;
    this.mount = reported.mount;
    this.run = reported.run;
  }

  get anchor(): number {
    return this.moves.at(this.anchorThen);
  }
}

interface Entry {
  /** The map the run was placed with when its findings were last read (undefined: a run never placed, whose offsets do not move). */
  map: OffsetMap | undefined;
  /** The map they were made with. */
  origin: OffsetMap | undefined;
  /** Set once the findings have moved: until then they are kept as the rules made them. */
  moves: Moves | undefined;
  sharing: Sharing;
  /** By position of the rule among the per-run rules. */
  byRule: Reported[][];
  /** Just adopted: its findings may lie where the placement puts them, with nothing to move. */
  adopted: boolean;
  /** No rule found anything in the run: there is nothing to move (most runs of a file with few findings). */
  none: boolean;
}

export class RunFindings {
  private readonly entries = new WeakMap<ContainerRun, Entry>();

  /** `key`: the options the findings were made with; other options start a new store. */
  constructor(readonly key: string) {}

  /**
   * The run's findings per per-run rule, or undefined when the rules must check it again.
   * `count(sources[i])`: how many runs share its mount i's host path now.
   */
  reuse<T>(run: ContainerRun, sources: readonly T[], count: (source: T) => number): Reported[][] | undefined {
    const entry = this.entries.get(run) ?? this.adopt(run);
    if (!entry || !sameSharing(entry.sharing, sources, count)) return undefined;
    if (entry.none) return entry.byRule;
    const map = placementOf(run)?.map;
    if (map) this.placedNow(entry, map);
    entry.adopted = false;
    if (entry.map !== map) {
      const { origin } = entry;
      if (!origin || !map) return undefined;
      // Findings that moved before and move by one shift again need no map of their offsets.
      const known = entry.moves;
      let shift = known && origin.shiftTo?.(map, known.lo, known.hi);
      const move = shift === undefined ? origin.movedTo(map) : undefined;
      if (shift === undefined && !move) return undefined;
      const moves = known ?? this.movable(entry, origin);
      if (!moves) return undefined;
      if (move) moves.move = move;
      // Findings made movable just now: where their offsets lie is known only now.
      if (!known) shift = origin.shiftTo?.(map, moves.lo, moves.hi);
      moves.shift = shift ?? NaN;
      moves.version++;
      entry.map = map;
    }
    return entry.byRule;
  }

  /**
   * Makes the kept findings of a run just placed movable ahead of the edit that first moves them,
   * as that edit would (idle time: AnalysisCache.prepare); what later analyses give is the same.
   */
  prepare(run: ContainerRun): void {
    const entry = this.entries.get(run) ?? this.adopt(run);
    const map = placementOf(run)?.map;
    if (!entry || !map || entry.none) return;
    this.placedNow(entry, map);
    if (entry.map === map) entry.adopted = false;
    if (!entry.moves) this.movable(entry, entry.origin!);
  }

  /** The entry's findings taken as placed with `map`, the run's placement of now, where they lie there already. */
  private placedNow(entry: Entry, map: OffsetMap): void {
    // A run placed as it is (a whole reading's service) since its findings were kept: they lie where it was read.
    if (!entry.origin) this.placedSince(entry, map);
    if (entry.adopted && entry.map !== map && entry.origin && unmoved(entry, entry.origin, map)) {
      // Placed where they were made (a run above the first edit after a whole reading): nothing to move yet.
      entry.map = entry.origin = map;
    }
  }

  /**
   * Keeps the run's findings as the analysis just placed them, in the offsets of the run's
   * placement of the moment. They are made movable only when the run first moves: the first
   * edit after open makes every run's findings, most of which that edit does not move.
   */
  keep(run: ContainerRun, sharing: Sharing, byRule: Reported[][]): void {
    const map = placementOf(run)?.map;
    // Every entry has the same fields from the start: one shape for the code that reads them on each edit.
    this.entries.set(run, { map, origin: map, moves: undefined, sharing, byRule, adopted: false, none: byRule.every((list) => list.length === 0) });
  }

  /**
   * The findings kept for the run a placed run was copied from, when that one was never placed
   * (a whole reading's service, a statement before its first move): they move onto the copy
   * instead of the rules checking it again. The findings stay the same objects, so the editor's
   * Diagnostics made of them are reused too.
   */
  private adopt(run: ContainerRun): Entry | undefined {
    const placement = placementOf(run);
    const original = placement && originalOf(run);
    const entry = original && this.entries.get(original);
    if (!placement || !original || !entry || entry.map) return undefined;
    // The copy's mounts are the original's, in the same order.
    const copyOf = (mount: Mount | undefined): Mount | undefined => mount && run.mounts[original.mounts.indexOf(mount)];
    const all = entry.byRule.flat();
    if (all.some((r) => (r.run !== undefined && r.run !== original) || (r.mount && !copyOf(r.mount)))) return undefined;
    const origin = placement.map.unmoved();
    for (const r of all) {
      const mount = copyOf(r.mount);
      r.run &&= run;
      r.mount = mount;
      if (!r.placed) continue;
      r.placed.finding.run &&= run;
      r.placed.finding.mount = mount;
      // Its "ignore" fix was made on the text the copy's lines keep whole (compose blocks, instructions).
      if (origin.wholeLines) r.placed.wholeLines = true;
    }
    this.entries.delete(original);
    const adopted: Entry = { map: origin, origin, moves: undefined, sharing: entry.sharing, byRule: entry.byRule, adopted: true, none: entry.none };
    this.entries.set(run, adopted);
    return adopted;
  }

  private placedSince(entry: Entry, map: OffsetMap): void {
    entry.map = entry.origin = map.unmoved();
    entry.adopted = true;
    // Their "ignore" fixes were made on the text the placement keeps whole (compose blocks).
    if (entry.origin.wholeLines) for (const r of entry.byRule.flat()) if (r.placed) r.placed.wholeLines = true;
  }

  /** The entry's findings with their offsets read through `moves`, or undefined when one lies outside the run. */
  private movable(entry: Entry, origin: OffsetMap): Moves | undefined {
    const holds = origin.movedTo(origin);
    if (!holds) return undefined;
    const moves = new Moves();
    let lost = false;
    const then = (offset: number): number => {
      if (holds(offset) < 0) lost = true;
      if (offset < moves.lo) moves.lo = offset;
      if (offset > moves.hi) moves.hi = offset;
      return offset;
    };
    const edit = (e: Edit): Edit => new MovedEdit(then(e.start), then(e.end), moves, e.newText);
    const fix = (f: Fix): Fix => ({ ...f, edits: f.edits.map(edit) });
    // The final form keeps its identity (the editor keeps the Diagnostic made of it): its offsets are swapped once all hold.
    const swaps: (() => void)[] = [];
    const keepOne = (r: Reported): Reported => {
      const span = new MovedSpan(then(r.span.start), then(r.span.end), moves);
      const fixes = r.fixes.map(fix);
      const kept = new KeptReport(r, span, fixes, then(r.anchor), moves);
      const placed = r.placed;
      if (placed) {
        const all = [...fixes, ...placed.finding.fixes.slice(fixes.length).map(fix)];
        swaps.push(() => Object.assign(placed.finding, { span, fixes: all }));
        kept.placed = placed;
      }
      return kept;
    };
    const byRule = entry.byRule.map((list) => list.map(keepOne));
    if (lost) return undefined;
    for (const swap of swaps) swap();
    entry.byRule = byRule;
    entry.moves = moves;
    return moves;
  }
}

/** True when the offsets the entry's findings were placed with lie where `map` puts them, every one inside the placement. */
function unmoved(entry: Entry, origin: OffsetMap, map: OffsetMap): boolean {
  const move = origin.movedTo(map);
  if (!move) return false;
  const still = (offset: number): boolean => move(offset) === offset;
  return entry.byRule.every((list) =>
    list.every(
      (r) =>
        still(r.span.start) &&
        still(r.span.end) &&
        still(r.anchor) &&
        (r.placed?.finding.fixes ?? r.fixes).every((f) => f.edits.every((e) => still(e.start) && still(e.end))),
    ),
  );
}

/** The counts kept against those of now, counted from each mount's `source` (a count per mount: this runs for every run on every edit). */
function sameSharing<T>(then: Sharing, sources: readonly T[], count: (source: T) => number): boolean {
  if (then.length !== sources.length) return false;
  for (let i = 0; i < sources.length; i++) if (then[i] !== count(sources[i])) return false;
  return true;
}
