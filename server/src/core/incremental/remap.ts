/**
 * Offsets in a text made of whole-line pieces of another text, mapped back onto that text. A
 * service parsed from its own block and the blocks it depends on gets its model in the pieced
 * text's offsets; a `Placement` holds a copy of it in the file's offsets, whose edit functions
 * return edits in the file too. When an edit elsewhere moves the pieces, the copy's numbers are
 * rewritten in place: nothing is allocated for the services an edit did not touch. A whole
 * reading's runs are placed as they are instead (`PlacedInPlace`): no copy at the first edit.
 */
import type { ContainerRun, Relabel } from '../model';

export interface Piece {
  /** Where the piece starts in the pieced text, and in the file. */
  from: number;
  to: number;
  length: number;
}

/** Where an offset of the text a model was read from lies in the current text. */
export interface OffsetMap {
  map(offset: number, side: 'start' | 'end'): number;
  /**
   * Where offsets placed with this map lie once placed with `to` (a later map of the same
   * placement): -1 for an offset the placement does not hold; undefined when that cannot be said.
   */
  movedTo(to: OffsetMap): ((offset: number) => number) | undefined;
  /** The placed text is whole lines of the file: the line around a placed offset moves with it, unchanged. */
  readonly wholeLines: boolean;
  /** The map of the same placement that leaves every offset where the model read it (before any move). */
  unmoved(): OffsetMap;
  /**
   * The one shift that every offset in [lo, hi] placed with this map takes once placed with `to`
   * (a later map of the same placement, `movedTo` of which holds), or undefined when there is none.
   */
  shiftTo?(to: OffsetMap, lo: number, hi: number): number | undefined;
}

export class PieceMap implements OffsetMap {
  readonly wholeLines = true;

  constructor(readonly pieces: readonly Piece[]) {}

  /**
   * An offset on the border of two pieces is the end of the first for `end`s and insertions (an
   * edit appending lines to a block) and the start of the second for `start`s.
   */
  map(offset: number, side: 'start' | 'end'): number {
    const { pieces } = this;
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const starts = pieces[mid].from;
      if (side === 'start' ? starts <= offset : starts < offset) lo = mid;
      else hi = mid - 1;
    }
    const p = pieces[lo];
    return p.to + Math.min(Math.max(offset - p.from, 0), p.length);
  }

  /**
   * Where offsets placed with this map lie once the pieces lie where `to` puts them (the same
   * pieces, moved): -1 for an offset in no piece. Undefined when that is ambiguous: two pieces
   * that touched here move apart, so an offset on their border could belong to either.
   */
  movedTo(to: OffsetMap): ((offset: number) => number) | undefined {
    const from = this.pieces;
    if (!(to instanceof PieceMap) || to.pieces.length !== from.length) return undefined;
    const delta = from.map((p, i) => to.pieces[i].to - p.to);
    for (let i = 0; i + 1 < from.length; i++) if (from[i].to + from[i].length === from[i + 1].to && delta[i] !== delta[i + 1]) return undefined;
    return (offset) => {
      let lo = 0;
      let hi = from.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (from[mid].to <= offset) lo = mid;
        else hi = mid - 1;
      }
      const p = from[lo];
      return offset >= p.to && offset <= p.to + p.length ? offset + delta[lo] : -1;
    };
  }

  shiftTo(to: OffsetMap, lo: number, hi: number): number | undefined {
    const from = this.pieces;
    if (!(to instanceof PieceMap) || to.pieces.length !== from.length) return undefined;
    let shift: number | undefined;
    for (let i = 0; i < from.length; i++) {
      if (from[i].to + from[i].length < lo || from[i].to > hi) continue;
      const delta = to.pieces[i].to - from[i].to;
      if (shift === undefined) shift = delta;
      else if (shift !== delta) return undefined;
    }
    return shift;
  }

  unmoved(): PieceMap {
    return new PieceMap(this.pieces.map((p) => ({ from: p.from, to: p.from, length: p.length })));
  }
}

type Spanned = { start: number; end: number };

function isSpan(value: object): value is Spanned {
  return typeof (value as Spanned).start === 'number' && typeof (value as Spanned).end === 'number';
}

/** Where a span lies in the file: read through the placement's map of the moment. */
class PlacedSpan {
  private mappedWith: OffsetMap | undefined;
  private mappedStart = 0;
  private mappedEnd = 0;

  constructor(
    private readonly rawStart: number,
    private readonly rawEnd: number,
    private readonly placement: RunPlacement,
  ) {}

  get start(): number {
    return this.mapped().mappedStart;
  }

  get end(): number {
    return this.mapped().mappedEnd;
  }

  toJSON(): Spanned {
    return { start: this.start, end: this.end };
  }

  /** Rules read spans many times per analysis: each is mapped once per move. */
  private mapped(): this {
    const { map } = this.placement;
    if (this.mappedWith !== map) {
      // An empty span is an insertion point: at a piece's border it belongs to the piece before.
      this.mappedStart = map.map(this.rawStart, this.rawStart === this.rawEnd ? 'end' : 'start');
      this.mappedEnd = map.map(this.rawEnd, 'end');
      this.mappedWith = map;
    }
    return this;
  }
}

/** Where a reader's runs lie in the file now. */
export interface RunPlacement<M extends OffsetMap = OffsetMap> {
  readonly runs: ContainerRun[];
  readonly map: M;
  /** The runs' pieces lie where `map` puts them. */
  moveTo(map: M): void;
}

/** The placement each placed run belongs to: its map says where the run's pieces lie now. */
const placements = new WeakMap<ContainerRun, RunPlacement>();

export function placementOf(run: ContainerRun): RunPlacement | undefined {
  return placements.get(run);
}

/**
 * The run a placed run was copied from, while something else keeps that one (the analysis that
 * found its findings): those findings can move onto the copy (runFindings.ts). Weak, so that a
 * placed run never keeps the parse behind its original alive.
 */
const copiedFrom = new WeakMap<ContainerRun, WeakRef<ContainerRun>>();

export function originalOf(run: ContainerRun): ContainerRun | undefined {
  return copiedFrom.get(run)?.deref();
}

/** Records that `copy` is `original` placed (a reader that copies runs itself). */
export function copiedRun(copy: ContainerRun, original: ContainerRun): void {
  copiedFrom.set(copy, new WeakRef(original));
}

/** `copy`, a placed run with other fields changed (its spans the same objects), placed with `run`. */
export function placedLike(copy: ContainerRun, run: ContainerRun): ContainerRun {
  const placement = placements.get(run);
  if (placement) placements.set(copy, placement);
  return copy;
}

/**
 * Runs kept in the file's offsets for the current position of their pieces. Their spans read
 * the placement's map, so moving them when an edit elsewhere shifts their pieces costs nothing.
 */
export class Placement<M extends OffsetMap = PieceMap> implements RunPlacement<M> {
  readonly runs: ContainerRun[];

  constructor(
    raw: readonly ContainerRun[],
    public map: M,
  ) {
    const seen = new Map<object, unknown>();
    this.runs = raw.map((r) => this.copy(r, seen) as ContainerRun);
    this.runs.forEach((run, i) => {
      placements.set(run, this);
      copiedRun(run, raw[i]);
    });
  }

  moveTo(map: M): void {
    this.map = map;
  }

  /**
   * A function of the model, answered now for every argument it can be given (none, or a relabel:
   * see model.ts), so that the parse behind it (a YAML document per service) is not kept. What
   * it returns (edits) is copied with the map of the moment, for its caller to keep.
   */
  private answered(fn: (relabel?: Relabel) => unknown): (relabel?: Relabel) => unknown {
    return this.replay(fn.length === 0 ? [settle(fn)] : [settle(fn, 'z'), settle(fn, 'Z')]);
  }

  /** Made apart from `answered`, so that the function returned does not hold the one answered. */
  private replay(answers: Settled[]): (relabel?: Relabel) => unknown {
    return (relabel) => {
      const answer = answers[relabel === 'Z' ? answers.length - 1 : 0];
      if ('error' in answer) throw answer.error;
      return placedCopy(answer.value, this.map);
    };
  }

  /** A copy in the file's offsets whose spans follow the map. */
  private copy(value: unknown, seen: Map<object, unknown>): unknown {
    return deepCopy(value, seen, (v) => (isSpan(v) ? (new PlacedSpan(v.start, v.end, this) as unknown as Holder) : {}), (fn) => this.answered(fn));
  }
}

/**
 * Runs placed as they are: a whole reading's services, the objects the open's analysis checked
 * (whose findings stay theirs, with no copy at the first edit; the YAML document behind their edit
 * functions stays too). Each move writes the runs' spans anew from where they were read; their edit
 * functions return edits in the file's offsets of the moment.
 */
export class PlacedInPlace<M extends OffsetMap = PieceMap> implements RunPlacement<M> {
  private readonly spans: Spanned[] = [];
  /** Each span's start and end where it was read. */
  private readonly raw: number[] = [];

  private constructor(
    readonly runs: ContainerRun[],
    public map: M,
  ) {}

  /**
   * Undefined when the runs share a span with runs `claimed` by another placement (YAML aliases
   * may hand two services one object): moved twice, it would lie wrong for one of them.
   */
  static place<M extends OffsetMap>(runs: ContainerRun[], map: M, claimed: WeakSet<object>): PlacedInPlace<M> | undefined {
    const placement = new PlacedInPlace(runs, map);
    const walk: Walk = { kinds: new Map(), claimed, ownFunctions: [], sharedHolders: [] };
    for (const run of runs) {
      const kind = placement.claim(run as unknown as Holder, walk);
      if (kind === Kind.failed || (kind & Kind.functions && !(kind & Kind.owned))) return undefined;
    }
    // Nothing is changed before every span is known to be this placement's.
    for (const holder of walk.ownFunctions) for (const k in holder) if (typeof holder[k] === 'function') holder[k] = placement.answering(holder[k] as Fn, holder);
    for (const [parent, key] of walk.sharedHolders) parent[key] = placement.withAnswers(parent[key] as Holder);
    for (const run of runs) placements.set(run, placement);
    placement.moveTo(map);
    return placement;
  }

  moveTo(map: M): void {
    this.map = map;
    const { spans, raw } = this;
    // Most spans lie inside one piece (a service's own block), where both ends move by its shift:
    // the piece of the last span is tried first. On a piece's border the map decides.
    const pieces = map instanceof PieceMap ? map.pieces : undefined;
    let piece = pieces?.[0];
    for (let i = 0; i < spans.length; i++) {
      const start = raw[2 * i];
      const end = raw[2 * i + 1];
      if (pieces && !(piece!.from < start && end < piece!.from + piece!.length)) piece = pieces.find((p) => p.from < start && end < p.from + p.length) ?? piece;
      if (piece && piece.from < start && end < piece.from + piece.length) {
        spans[i].start = start + piece.to - piece.from;
        spans[i].end = end + piece.to - piece.from;
        continue;
      }
      // An empty span is an insertion point: at a piece's border it belongs to the piece before.
      spans[i].start = map.map(start, start === end ? 'end' : 'start');
      spans[i].end = map.map(end, 'end');
    }
  }

  /**
   * Records every span of `holder` and where its functions are; gives what `holder` is (`span`,
   * `owned`, `functions`), or `failed` when a span is claimed by another placement or a function
   * sits where it cannot be reached without changing an object that may be shared.
   */
  private claim(holder: Holder, walk: Walk): number {
    const known = walk.kinds.get(holder);
    if (known !== undefined) return known;
    // Until it is known (a cycle back to it): a plain object.
    walk.kinds.set(holder, 0);
    let kind = 0;
    if (isSpan(holder)) {
      if (walk.claimed.has(holder)) return Kind.failed;
      walk.claimed.add(holder);
      this.spans.push(holder);
      this.raw.push(holder.start, holder.end);
      kind |= Kind.span | Kind.owned;
    }
    let shared: string[] | undefined;
    for (const k in holder) {
      const v = holder[k];
      if (typeof v === 'function') kind |= Kind.functions;
      else if (v === null || typeof v !== 'object') continue;
      else {
        const child = this.claim(v as Holder, walk);
        if (child === Kind.failed) return Kind.failed;
        if (child & Kind.span) kind |= Kind.owned;
        // An object of functions that holds no span of its own may be shared (`noEdits`): each place that holds it gets a copy.
        if (child & Kind.functions && !(child & Kind.owned) && !Array.isArray(v)) (shared ??= []).push(k);
      }
    }
    if (shared) {
      if (!(kind & Kind.owned) && !Array.isArray(holder)) return Kind.failed;
      for (const k of shared) walk.sharedHolders.push([holder, k]);
    }
    if (kind & Kind.functions && kind & Kind.owned) walk.ownFunctions.push(holder);
    walk.kinds.set(holder, kind);
    return kind;
  }

  private withAnswers(value: Holder): Holder {
    const out: Holder = { ...value };
    for (const k in out) if (typeof out[k] === 'function') out[k] = this.answering(out[k] as Fn, value);
    return out;
  }

  /**
   * The function answers with the offsets it was read at: it may read the model's spans (which
   * then lie where they were read, for the call) as well as the parse's own ranges.
   */
  private answering(fn: Fn, self: unknown): Fn {
    return (...args) => {
      this.moveBack();
      try {
        return placedCopy(fn.apply(self, args), this.map);
      } finally {
        this.moveTo(this.map);
      }
    };
  }

  private moveBack(): void {
    const { spans, raw } = this;
    for (let i = 0; i < spans.length; i++) {
      spans[i].start = raw[2 * i];
      spans[i].end = raw[2 * i + 1];
    }
  }
}

type Holder = Record<string, unknown>;
type Fn = (...args: unknown[]) => unknown;

interface Walk {
  /** What each object met is (see `claim`). */
  kinds: Map<object, number>;
  claimed: WeakSet<object>;
  /** Objects of the placement whose functions answer in place: runs, mounts and what else holds a span. */
  ownFunctions: Holder[];
  /** Where an object of functions that may be shared is held: replaced there by a copy. */
  sharedHolders: [Holder, string][];
}

/** What `PlacedInPlace.claim` finds an object to be: a span; an object that is one or holds one (so belongs to one placement); one with functions. */
const Kind = { span: 1, owned: 2, functions: 4, failed: -1 } as const;


/** A value a model function returned (edits), in the file's offsets `map` gives: a plain copy for its caller to keep. */
function placedCopy(value: unknown, map: OffsetMap): unknown {
  const mapped = (v: object): Holder => (isSpan(v) ? { start: map.map(v.start, v.start === v.end ? 'end' : 'start'), end: map.map(v.end, 'end') } : {});
  return deepCopy(value, new Map(), mapped, (fn) => fn);
}

/**
 * A deep copy of a model value: `shell` makes each object's copy (a span's with its offsets, which
 * are not copied again), `fn` stands for each function.
 */
function deepCopy(value: unknown, seen: Map<object, unknown>, shell: (value: object) => Holder, fn: (value: Fn) => unknown): unknown {
  if (typeof value === 'function') return fn(value as Fn);
  if (value === null || typeof value !== 'object') return value;
  const done = seen.get(value);
  if (done) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(deepCopy(item, seen, shell, fn));
    return out;
  }
  const out = shell(value);
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) if (!(k in out)) out[k] = deepCopy(v, seen, shell, fn);
  return out;
}

type Settled = { value: unknown } | { error: unknown };

function settle(fn: (relabel?: Relabel) => unknown, relabel?: Relabel): Settled {
  try {
    return { value: fn(relabel) };
  } catch (error) {
    return { error };
  }
}
