/**
 * The findings of the rules that look at one run at a time (`RuleMeta.perRun`), kept per run
 * between analyses of one document. A run the compose reader kept (the same object: its pieces did
 * not change) whose mounts are shared by as many runs as before gets its findings back, moved to
 * where its pieces lie now; only the runs an edit changed go through those rules again. On a file
 * where every mount is flagged, rebuilding every finding (message, fixes, edits) on each keystroke
 * cost far more than re-reading the edited service.
 */
import type { ContainerRun, Edit } from '../model';
import type { Finding, Fix } from '../finding';
import { PieceMap, placementOf } from './remap';

/** A finding as its rule reported it, before ignore comments and the "ignore" fix are applied. */
export interface Reported extends Omit<Finding, 'suppression'> {
  /** Where an ignore comment for it goes. */
  anchor: number;
  /**
   * The finding it became in a file without ignore comments whose line breaks are `eol`: its
   * "ignore" fix then reads only its own line, which does not change while the finding is kept.
   */
  placed?: { eol: string; finding: Finding };
}

/** Per run: how many runs share each of its mounts' host paths, in mount order (all a per-run rule may know of the others). */
export type Sharing = readonly number[];

interface Entry {
  map: PieceMap;
  sharing: Sharing;
  /** By position of the rule among the per-run rules. */
  byRule: Reported[][];
}

export class RunFindings {
  private readonly entries = new WeakMap<ContainerRun, Entry>();

  /** `key`: the options the findings were made with; other options start a new store. */
  constructor(readonly key: string) {}

  /** The run's findings per per-run rule, or undefined when the rules must check it again. */
  reuse(run: ContainerRun, sharing: Sharing): Reported[][] | undefined {
    const entry = this.entries.get(run);
    const map = pieceMapOf(run);
    if (!entry || !map || !sameSharing(entry.sharing, sharing)) return undefined;
    if (entry.map !== map) {
      const move = entry.map.movedTo(map);
      const moved = move && moveAll(entry.byRule, move);
      if (!moved) return undefined;
      entry.byRule = moved;
      entry.map = map;
    }
    return entry.byRule;
  }

  keep(run: ContainerRun, sharing: Sharing, byRule: Reported[][]): void {
    const map = pieceMapOf(run);
    if (map) this.entries.set(run, { map, sharing, byRule });
  }
}

/** The compose reader's map of a run it placed (the shell and Dockerfile readers' runs move otherwise: their findings are not kept). */
function pieceMapOf(run: ContainerRun): PieceMap | undefined {
  const map = placementOf(run)?.map;
  return map instanceof PieceMap ? map : undefined;
}

function sameSharing(a: Sharing, b: Sharing): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** The findings at their new offsets, or undefined when one lies outside the run's pieces. */
function moveAll(byRule: Reported[][], move: (offset: number) => number): Reported[][] | undefined {
  let lost = false;
  const to = (offset: number): number => {
    const moved = move(offset);
    if (moved < 0) lost = true;
    return moved;
  };
  const edit = (e: Edit): Edit => ({ start: to(e.start), end: to(e.end), newText: e.newText });
  const fix = (f: Fix): Fix => ({ ...f, edits: f.edits.map(edit) });
  const stays = (offset: number): boolean => move(offset) === offset;
  const editStays = (e: Edit): boolean => stays(e.start) && stays(e.end);
  // A finding in a block the edit did not move (above it) is kept as it is.
  const unmoved = (f: Reported): boolean =>
    stays(f.span.start) && stays(f.span.end) && stays(f.anchor) && (f.placed?.finding ?? f).fixes.every((x) => x.edits.every(editStays));
  // Object literals, not spreads: this runs for every finding below an edit.
  const moveOne = (f: Reported): Reported => {
    if (unmoved(f)) return f;
    const { ruleId, messageId, message, severity, mount, run } = f;
    const span = { start: to(f.span.start), end: to(f.span.end) };
    const fixes = f.fixes.map(fix);
    const moved: Reported = { ruleId, messageId, message, severity, span, fixes, mount, run, anchor: to(f.anchor) };
    // The placed finding has the same fixes and its "ignore" fix after them, on the finding's line.
    if (f.placed) {
      const ignore = f.placed.finding.fixes.slice(fixes.length).map(fix);
      moved.placed = { eol: f.placed.eol, finding: { ruleId, messageId, message, severity, span, fixes: [...fixes, ...ignore], mount, run } };
    }
    return moved;
  };
  const out = byRule.map((list) => list.map(moveOne));
  return lost ? undefined : out;
}
