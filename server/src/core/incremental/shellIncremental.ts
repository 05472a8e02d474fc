/**
 * Shell scripts read again after an edit, keeping what the last reading built.
 *
 * The tree of the last text is kept: an edit (the common prefix and suffix of the old and new
 * texts) is told to it and tree-sitter re-parses incrementally. The script's names (scope.ts) are
 * collected over the whole file before commands are read, so the commands of each top-level
 * statement are read, and kept, on their own. An edit re-reads only the statements it touches,
 * as long as the names they define stay the same (the same assignments, as written, none of them
 * under the edit; no function forwarding its arguments or alias among them) and no `sh -c`/`eval`
 * string is read (its names join the scope while commands are read): otherwise the whole file is
 * read again, from the tree already re-parsed. The other statements keep their runs, whose spans follow the edits through the log of
 * edits since they were read (the statement itself and the definitions it uses are untouched by
 * those edits, so every offset they hold moves by whole edits).
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { ComposeFileList, ContainerRun, ParsedFile } from '../model';
import { Scope } from '../parsers/shell/scope';
import { firstMountsOnly, ScriptReader } from '../parsers/shell/shell';
import { parseBash } from '../parsers/shell/treeSitter';
import type { EngineSetting } from '../settings';
import { Placement, type OffsetMap } from './remap';
import { diff, type Edit } from './textDiff';

/** The edits since some version, applied in order to offsets outside every edited range. */
class EditLogMap implements OffsetMap {
  /** A statement need not start its line: text before it on its line is not its own. */
  readonly wholeLines = false;

  constructor(
    private readonly log: readonly Edit[],
    private readonly from: number,
  ) {}

  map(offset: number): number {
    return applyEdits(offset, this.log, this.from);
  }

  unmoved(): EditLogMap {
    return new EditLogMap(this.log.slice(0, this.from), this.from);
  }

  /** `to` logs the same edits and later ones: offsets move by the later ones. */
  movedTo(to: OffsetMap): ((offset: number) => number) | undefined {
    const { log } = this;
    const later = to instanceof EditLogMap && to.from === this.from && to.log.length >= log.length && to.log[log.length - 1] === log[log.length - 1] ? to.log : undefined;
    return later && ((offset) => applyEdits(offset, later, log.length));
  }
}

function applyEdits(offset: number, log: readonly Edit[], from: number): number {
  let at = offset;
  for (let i = from; i < log.length; i++) if (at >= log[i].oldEnd) at += log[i].delta;
  return at;
}

interface Statement {
  /** Where the statement lies in the current text. */
  start: number;
  end: number;
  type: string;
  /** Its text may define a function that forwards its arguments, or an alias: edited, the file is read whole. */
  forwards: boolean;
  /** Its assignments (`X=1`, `local a=(…)`) and `cd`s, as offsets from its start and texts: what it gives the scope. */
  assignments: { at: number; text: string }[];
  /**
   * Its runs' mounts lie inside it (after its first character), none twice: `firstMountsOnly` drops
   * none of them, nor another statement's (statements do not overlap).
   */
  ownMounts: boolean;
  /** Spans unsure here (glued arguments, a bare `$`). */
  recovered: boolean;
  /** Its runs, in the offsets of the text it was read from (log version `version`). */
  runs: ContainerRun[];
  /** Its compose commands' `-f` lists (no offsets: they need no placement). */
  composeFiles: ComposeFileList[];
  version: number;
  placement?: Placement<EditLogMap>;
}

interface Reading {
  text: string;
  engine: EngineSetting;
  tree: Tree;
  scope: Scope;
  statements: Statement[];
  /** A `sh -c`/`eval` string was read: the next edit reads the whole file. */
  nested: boolean;
  /** The text turns `expand_aliases` on. */
  aliases: boolean;
  /** Edits since the whole file was read. */
  log: Edit[];
  /** How many of its statements `prepare` went through. */
  prepared: number;
}

/** Readings older than this many edits are dropped for a whole reading: mapping a span costs one step per edit. */
const maxLog = 64;

/** `shopt -s expand_aliases` anywhere in the text (Scope.collect reads the whole text for it). */
const expandAliases = /\bshopt\s+-s\s+expand_aliases\b/;

/** `includes` first: the regex alone scans the whole text slower on every keystroke. */
function expandsAliases(text: string): boolean {
  return text.includes('expand_aliases') && expandAliases.test(text);
}

/** Trees hold wasm memory, which the garbage collector does not see: freed with their cache. */
const trees = new FinalizationRegistry<Tree>((tree) => tree.delete());

export class ShellCache {
  private last: Reading | undefined;

  /** The script's model, or undefined before the grammar is loaded. */
  read(text: string, engine: EngineSetting): ParsedFile | undefined {
    const last = this.last;
    const edit = last ? diff(last.text, text) : undefined;
    let tree: Tree | undefined;
    if (last && edit) {
      last.tree.edit({
        startIndex: edit.at,
        oldEndIndex: edit.oldEnd,
        newEndIndex: edit.oldEnd + edit.delta,
        startPosition: pointAt(last.text, edit.at),
        oldEndPosition: pointAt(last.text, edit.oldEnd),
        newEndPosition: pointAt(text, edit.oldEnd + edit.delta),
      });
      tree = parseBash(text, last.tree);
      // Around a syntax error an incremental reparse can recover otherwise than a fresh one (seen
      // with a tab typed in a continued command): the fresh parse is the one to agree with.
      if (tree?.rootNode.hasError) {
        tree.delete();
        tree = parseBash(text);
      }
    } else tree = parseBash(text);
    if (!tree) return undefined;
    if (last) {
      trees.unregister(this);
      last.tree.delete();
      this.last = undefined;
    }
    const reading = (last && edit && last.engine === engine && update(last, text, tree, edit)) || readWhole(text, tree, engine);
    this.last = reading;
    trees.register(this, tree, this);
    const runs: ContainerRun[] = [];
    const composeFiles: ComposeFileList[] = [];
    let recovered = tree.rootNode.hasError;
    let ownMounts = true;
    for (const s of reading.statements) {
      for (const run of s.placement?.runs ?? s.runs) runs.push(run);
      for (const list of s.composeFiles) composeFiles.push(list);
      recovered ||= s.recovered;
      ownMounts &&= s.ownMounts;
    }
    // Reading every mount's span would map the spans of every statement an edit moved.
    return { kind: 'shell', runs: ownMounts ? runs : firstMountsOnly(runs), recovered, ...(composeFiles.length ? { composeFiles } : {}) };
  }

  /**
   * Places the next statements with runs and no placement, about `count` runs, ahead of the next
   * edit, which places those below it (idle time), each told to `placed`; a statement placed lies
   * where it is until an edit moves it. False once none is left.
   */
  prepare(count: number, placed: (runs: readonly ContainerRun[]) => void): boolean {
    const reading = this.last;
    // The next edit reads the whole file again.
    if (!reading || reading.nested || reading.log.length >= maxLog) return false;
    const { statements, log } = reading;
    const maps = new Map<number, EditLogMap>();
    for (; count > 0 && reading.prepared < statements.length; reading.prepared++) {
      const s = statements[reading.prepared];
      if (s.runs.length === 0 || s.placement) continue;
      let map = maps.get(s.version);
      if (!map) maps.set(s.version, (map = new EditLogMap(log, s.version)));
      s.placement = new Placement(s.runs, map);
      placed(s.placement.runs);
      count -= s.runs.length;
    }
    return reading.prepared < statements.length;
  }
}

function readWhole(text: string, tree: Tree, engine: EngineSetting): Reading {
  const scope = new Scope();
  scope.collect(tree.rootNode, 0);
  let nested = false;
  const statements = tree.rootNode.children.flatMap((node) => {
    if (!node) return [];
    const statement = readStatement(node, text, scope, engine, 0);
    nested ||= statement.nested;
    return [statement];
  });
  return { text, engine, tree, scope, statements, nested, aliases: expandsAliases(text), log: [], prepared: 0 };
}

/**
 * The reading after `edit`, or undefined when the whole file must be read again. Only the
 * statements the edit touches are read again; those before it keep their placement, those after it
 * are moved. The root's children away from the edit are the reparse's reused nodes: their starts
 * are checked (free: web-tree-sitter reads them with the node), their ends and types next to the edit.
 */
function update(last: Reading, text: string, tree: Tree, edit: Edit): Reading | undefined {
  const { at, oldEnd, delta } = edit;
  const newEnd = oldEnd + delta;
  const aliases = expandsAliases(text);
  if (last.nested || last.log.length >= maxLog || aliases !== last.aliases) return undefined;
  // Ranges are closed: a statement ending where the edit starts may have grown.
  const touches = (start: number, end: number, editEnd: number): boolean => start <= editEnd && end >= at;
  const old = last.statements;
  // old[first, after) touch the edit; the nodes in their place, children[first, first + count), are read again.
  let first = 0;
  while (first < old.length && old[first].end < at) first++;
  let after = first;
  while (after < old.length && old[after].start <= oldEnd) after++;
  const children = tree.rootNode.children;
  const count = children.length - first - (old.length - after);
  if (count < 0) return undefined;
  for (let i = 0; i < first; i++) if (children[i]?.startIndex !== old[i].start) return undefined;
  for (let i = after; i < old.length; i++) if (children[i - after + first + count]?.startIndex !== old[i].start + delta) return undefined;
  const unchanged = (node: Node | null | undefined, s: Statement, shift: number): boolean => node?.endIndex === s.end + shift && node.type === s.type;
  if (first > 0 && !unchanged(children[first - 1], old[first - 1], 0)) return undefined;
  if (after < old.length && !unchanged(children[first + count], old[after], delta)) return undefined;
  // The assignments of the statements the edit touches, before and after it, where they lie after it.
  const assignedBefore: string[] = [];
  const assignedAfter: string[] = [];
  for (let i = first; i < after; i++) {
    const s = old[i];
    if (s.forwards) return undefined;
    for (const a of s.assignments) {
      const start = s.start + a.at;
      if (touches(start, start + a.text.length, oldEnd)) return undefined;
      assignedBefore.push(`${start < at ? start : start + delta}:${a.text}`);
    }
  }
  const log = [...last.log, edit];
  const scope = delta === 0 ? last.scope : last.scope.moved((offset) => (offset >= oldEnd ? offset + delta : offset));
  // A statement before the edit keeps its placement (or none): its runs, and their kept findings, did not move.
  const statements = old.slice(0, first);
  for (let i = first; i < first + count; i++) {
    const node = children[i];
    if (!node) return undefined;
    const statement = readStatement(node, text, scope, last.engine, log.length);
    // A statement that appeared away from the edit: the tree changed more than the edit, read it all.
    if (statement.forwards || statement.nested || !touches(statement.start, statement.end, newEnd)) return undefined;
    for (const a of statement.assignments) assignedAfter.push(`${statement.start + a.at}:${a.text}`);
    statements.push(statement);
  }
  // The scope is the last one, moved, only when the names defined are the same.
  if (assignedBefore.join('\0') !== assignedAfter.join('\0')) return undefined;
  if (delta === 0) for (let i = after; i < old.length; i++) statements.push(old[i]);
  else {
    // One map per version read: a span is mapped once per map, whichever statement holds it.
    const maps = new Map<number, EditLogMap>();
    for (let i = after; i < old.length; i++) {
      // The last reading is dropped: its statements move in place.
      const s = old[i];
      s.start += delta;
      s.end += delta;
      statements.push(s);
      // Nothing of it to place (a comment, a command that runs no container).
      if (s.runs.length === 0) continue;
      let placed = maps.get(s.version);
      if (!placed) maps.set(s.version, (placed = new EditLogMap(log, s.version)));
      if (s.placement) s.placement.moveTo(placed);
      else s.placement = new Placement(s.runs, placed);
    }
  }
  return { text, engine: last.engine, tree, scope, statements, nested: false, aliases, log, prepared: 0 };
}

function readStatement(node: Node, text: string, scope: Scope, engine: EngineSetting, version: number): Statement & { nested: boolean } {
  const reader = new ScriptReader(scope, engine);
  reader.read(node, 0, 0);
  return {
    start: node.startIndex,
    end: node.endIndex,
    type: node.type,
    forwards: forwardsOrAliases.test(text.slice(node.startIndex, node.endIndex)),
    // `cd`s too: where the commands after them run is part of the scope (workingDirectory.ts).
    assignments: node
      .descendantsOfType(['variable_assignment', 'command'])
      .flatMap((a) => (a && (a.type === 'variable_assignment' || a.childForFieldName('name')?.text === 'cd') ? [{ at: a.startIndex - node.startIndex, text: a.text }] : [])),
    ownMounts: mountsInside(reader.runs, node.startIndex, node.endIndex),
    recovered: reader.recovered,
    runs: reader.runs,
    composeFiles: reader.composeFiles,
    version,
    nested: reader.nested,
  };
}

function mountsInside(runs: readonly ContainerRun[], start: number, end: number): boolean {
  const seen = new Set<number>();
  for (const run of runs)
    for (const { span } of run.mounts) {
      // As firstMountsOnly keys them.
      const key = span.start * 0x800000 + span.end;
      if (span.start <= start || span.end > end || span.start > span.end || seen.has(key)) return false;
      seen.add(key);
    }
  return true;
}

/** `$@`, `${*}`, `$\<newline>@` (a function may forward its arguments: Scope.collectFunction), `alias`. */
const forwardsOrAliases = /\$[^@*]{0,4}[@*]|\balias\b/;

/** tree-sitter's point (row, UTF-16 column, as web-tree-sitter counts) of an offset. */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    row++;
    lineStart = nl + 1;
  }
  return { row, column: offset - lineStart };
}
