/**
 * Compose files read service by service, with what the last reading built kept between edits.
 *
 * A service is parsed from a text made of its own block, the `services:` header, the top-level
 * `volumes:` when it declares binds (`driver_opts.device`), and the blocks that define the anchors it aliases (`<<:
 * *defaults`), in file order; with `extends`, every service. A block's parse is kept under the
 * exact text it was made of, so an edit re-parses only the services whose text or dependencies
 * changed, and the others are only moved to their new offsets. Whenever a piece does not parse
 * cleanly, the whole file is read at once instead: on broken YAML the pieces need not agree with
 * the whole.
 */
import type { ContainerRun, ParsedFile } from '../model';
import { parseYaml } from '../parsers/yaml';
import { diffEdit, eolOf } from '../text';
import { composeLayout, editedLayout, type Block, type ComposeLayout, type Edit } from './composeLayout';
import { PieceMap, PlacedInPlace, Placement, type Piece, type RunPlacement } from './remap';

interface Reading {
  /** The texts of the pieces the service was read from, its own included. */
  pieces: string[];
  /** Where each piece starts in the text the service's model was read from. */
  origins: number[];
  placement: RunPlacement<PieceMap>;
}

/**
 * The last whole reading of the file: the first edit after it takes from it the services it did
 * not change, instead of reading every service again (which cost about 1.3x one whole parse, and
 * its garbage set the server's peak memory). They are placed as they are, not copied: a copy of
 * every service with its edit functions answered cost the first edit about half its time and the
 * open file a third more memory than the whole reading (docs/performance.md).
 */
interface Seed {
  layout: ComposeLayout;
  definedIn: Map<string, Block[]>;
  /**
   * Each service's runs, by the service's text (services whose text is not unique are left out),
   * and its reading once placed ahead of the first edit (`prepare`), until that edit takes it.
   */
  services: Map<string, SeedService>;
  /** The spans placed so far: a span two services share is placed with neither. */
  claimed: WeakSet<object>;
  /** How many of the layout's services `prepare` went through. */
  prepared: number;
}

interface SeedService {
  block: Block;
  runs: ContainerRun[];
  prepared: Reading | undefined;
}

interface Scanned {
  text: string;
  layout: ComposeLayout;
}

/** The last text read service by service: its layout and each service's reading, in the layout's order. */
interface Last extends Scanned {
  readings: Reading[];
}

export class ComposeCache {
  private last: Last | undefined;
  /** The last text with a layout, and its layout (the text read whole on open, or since). */
  private scanned: Scanned | undefined;
  /** Top-level blocks checked to parse cleanly, by text. */
  private cleanBlocks = new Set<string>();
  private seed: Seed | undefined;
  private opened = false;
  /** The file's line break, which the fixes that add lines write: a service read alone writes the whole file's. */
  private eol: string | undefined;

  /** The file's runs. `parseWhole` reads a text as the compose parser does, writing `eol` for line breaks. */
  read(text: string, parseWhole: (text: string, eol?: string) => ParsedFile): ParsedFile {
    const eol = eolOf(text);
    if (eol !== this.eol) {
      // The readings of before write the other line break: the file is read whole again.
      this.eol = eol;
      this.last = undefined;
      this.opened = false;
    }
    // Only the lines an edit touched are scanned, when the blocks around them are the last scan's.
    const scanned = this.scanned;
    const edit = scanned && editBetween(scanned.text, text);
    const layout = (scanned && editedLayout(scanned.text, scanned.layout, text, edit!)) ?? composeLayout(text);
    this.scanned = layout && { text, layout };
    const clean = layout && this.topBlocksParse(layout) ? layout : undefined;
    // A document that is opened and never edited is read whole, once.
    if (!clean || !this.opened) return this.readWhole(text, clean, parseWhole);
    const readings: Reading[] = [];
    const runs: ContainerRun[] = [];
    const volumes = deviceVolumes(clean);
    const last = this.last;
    const known = last && unchangedBlocks(last, last.text === scanned?.text ? edit! : editBetween(last.text, text), text, clean);
    // Without the blocks the edit left alone, the readings are looked up by their service's text.
    const byText = known ? known.nearby : readingsByText(last);
    const looked = new Set<Reading>();
    let definedIn: Map<string, Block[]> | undefined;
    const anchors = () => (definedIn ??= anchorIndex(clean));
    for (let i = 0; i < clean.services.length; i++) {
      const service = clean.services[i];
      const parts = piecesOf(clean, service, volumes, anchors);
      // A service the edit left alone, its pieces the header (and volumes) it left alone too: the same texts as its reading's.
      let reading = known?.reading(i);
      if (!reading || !isUsual(clean, service, volumes)) {
        // Keyed by the service's own text; the other pieces must be the same too. One reading places one service.
        if (!reading) reading = byText.get(service.text);
        if (!reading || looked.has(reading) || !sameTexts(reading.pieces, parts)) {
          reading = this.seeded(service, parts) ?? readPieces(service, parts, (pieces) => parseWhole(pieces, eol));
          // On broken YAML the pieces need not agree with the whole.
          if (!reading) return this.readWhole(text, undefined, parseWhole);
        }
        looked.add(reading);
      }
      if (!liesAt(reading.placement.map, reading.origins, parts)) reading.placement.moveTo(pieceMap(reading.origins, parts));
      readings.push(reading);
      runs.push(...reading.placement.runs);
    }
    // Only what this text needs is kept: memory follows the open file, not its history.
    this.last = { text, layout: clean, readings };
    this.seed = undefined;
    return { kind: 'compose', runs };
  }

  private readWhole(text: string, layout: ComposeLayout | undefined, parseWhole: (text: string) => ParsedFile): ParsedFile {
    this.opened = true;
    const file = parseWhole(text);
    this.seed = layout && !file.recovered ? seedOf(layout, file.runs) : undefined;
    return file;
  }

  /**
   * Does part of the first edit's work ahead of it, while the editor is idle: places the whole
   * reading's next services, about `count` runs, as that edit would (their pieces where they lie
   * now), each told to `placed`. That edit takes them as they are, or moves them, as a later edit
   * does; what it reads is the same either way. False once there is nothing left to prepare.
   */
  prepare(count: number, placed: (runs: readonly ContainerRun[]) => void): boolean {
    const seed = this.seed;
    if (!seed || this.last) return false;
    const { layout } = seed;
    const volumes = deviceVolumes(layout);
    for (; count > 0 && seed.prepared < layout.services.length; seed.prepared++) {
      const block = layout.services[seed.prepared];
      const known = seed.services.get(block.text);
      if (!known) continue;
      // One that cannot be placed is left to that edit.
      known.prepared = this.seeded(block, piecesOf(layout, block, volumes, () => seed.definedIn));
      const runs = known.prepared?.placement.runs ?? [];
      placed(runs);
      count -= Math.max(runs.length, 1);
    }
    return seed.prepared < layout.services.length;
  }

  /**
   * The service's reading taken from the last whole reading, when it and its pieces are unchanged
   * since: its runs are placed as they are, so the findings the open's analysis kept with them stay.
   */
  private seeded(service: Block, parts: Block[]): Reading | undefined {
    const seed = this.seed;
    const known = seed?.services.get(service.text);
    if (!seed || !known) return undefined;
    const { prepared } = known;
    if (prepared) {
      // Taken once: one reading places one service.
      known.prepared = undefined;
      return sameTexts(prepared.pieces, parts) ? prepared : undefined;
    }
    const then = piecesOf(seed.layout, known.block, deviceVolumes(seed.layout), () => seed.definedIn);
    if (!sameTexts(then.map((b) => b.text), parts)) return undefined;
    const origins = then.map((b) => b.start);
    const placement = PlacedInPlace.place(known.runs, pieceMap(origins, parts), seed.claimed);
    return placement && { pieces: parts.map((b) => ownCopy(b.text)), origins, placement };
  }

  private topBlocksParse(layout: ComposeLayout): boolean {
    const clean = new Set<string>();
    for (const block of layout.top) {
      if (!this.cleanBlocks.has(block.text) && hasErrors(block.text)) return false;
      clean.add(block.text);
    }
    this.cleanBlocks = clean;
    return true;
  }
}

function hasErrors(text: string): boolean {
  const doc = parseYaml(text);
  return !doc || doc.errors.length > 0;
}

/** Which blocks define each anchor. */
function anchorIndex(layout: ComposeLayout): Map<string, Block[]> {
  const index = new Map<string, Block[]>();
  for (const block of [...layout.top, ...layout.services]) {
    for (const anchor of block.anchors) {
      const list = index.get(anchor);
      if (list) list.push(block);
      else index.set(anchor, [block]);
    }
  }
  return index;
}

/**
 * The top-level `volumes:` block when it matters to services: when one of its volumes binds a host
 * folder (`driver_opts.device`). Most files name volumes only, and a block at the end would move
 * every service's pieces on each edit.
 */
function deviceVolumes(layout: ComposeLayout): Block | undefined {
  return layout.top.find((b) => b.key === 'volumes' && b.text.includes('device'));
}

/** The usual service: no alias and no `extends` anywhere in its pieces (`header`, its own block and `volumes`). */
function isUsual(layout: ComposeLayout, service: Block, volumes: Block | undefined): boolean {
  return !service.extends && service.aliases.length === 0 && layout.header.aliases.length === 0 && !volumes?.aliases.length;
}

/** The blocks a service is read from, in file order. */
function piecesOf(layout: ComposeLayout, service: Block, volumes: Block | undefined, definedIn: () => Map<string, Block[]>): Block[] {
  const { header } = layout;
  // This runs for every service on every edit.
  if (isUsual(layout, service, volumes)) {
    return !volumes ? [header, service] : volumes.start < header.start ? [volumes, header, service] : [header, service, volumes];
  }
  const wanted = new Set<Block>([header, service]);
  if (volumes) wanted.add(volumes);
  if (service.extends) for (const s of layout.services) wanted.add(s);
  // The blocks defining the anchors that wanted blocks alias, until nothing new is added.
  const queue = [...wanted];
  const index = definedIn();
  while (queue.length > 0) {
    for (const alias of queue.pop()!.aliases) {
      for (const other of index.get(alias) ?? []) {
        if (wanted.has(other)) continue;
        wanted.add(other);
        queue.push(other);
      }
    }
  }
  return [...wanted].sort((a, b) => a.start - b.start);
}

/** The readings of the last text by their service's text (the last of services with the same text). */
function readingsByText(last: Last | undefined): Map<string, Reading> {
  const byText = new Map<string, Reading>();
  if (last) last.layout.services.forEach((b, i) => byText.set(b.text, last.readings[i]));
  return byText;
}

/** What an edit left of the last text's blocks (found from the common start and end of the two texts, not by comparing each block). */
interface Unchanged {
  /** The reading of the last text's service that lies in the same text as service `i` of the new one, if any. */
  reading(i: number): Reading | undefined;
  /** The readings of the last text's services the edit touched, by their text. */
  nearby: Map<string, Reading>;
}

/**
 * Undefined unless every top-level block and the services header are ones the edit left alone:
 * then a service the edit left alone has the same pieces as before. A block lies wholly in the
 * texts' common start or common end, at the same place there as a block of the last layout.
 */
function unchangedBlocks(last: Last, { head, tail }: Edit, text: string, layout: ComposeLayout): Unchanged | undefined {
  const before = last.text;
  const shift = before.length - text.length;
  const editEnd = text.length - tail;
  const same = (b: Block, old: Block | undefined): boolean =>
    old !== undefined && (b.end <= head ? old.start === b.start && old.end === b.end : b.start >= editEnd && old.start === b.start + shift && old.end === b.end + shift);
  const then = last.layout;
  if (then.top.length !== layout.top.length || !same(layout.header, then.header) || !layout.top.every((b, k) => same(b, then.top[k]))) return undefined;
  const nearby = new Map<string, Reading>();
  then.services.forEach((old, j) => {
    if (old.end > head && old.start < before.length - tail) nearby.set(old.text, last.readings[j]);
  });
  const fromEnd = then.services.length - layout.services.length;
  return {
    reading: (i) => {
      const b = layout.services[i];
      const j = b.end <= head ? i : b.start >= editEnd ? i + fromEnd : -1;
      return j >= 0 && same(b, then.services[j]) ? last.readings[j] : undefined;
    },
    nearby,
  };
}

/** Where two texts differ. */
function editBetween(before: string, text: string): Edit {
  const { start, end } = diffEdit(before, text);
  return { head: start, tail: before.length - end };
}

function sameTexts(texts: string[], blocks: Block[]): boolean {
  return texts.length === blocks.length && texts.every((t, i) => t === blocks[i].text);
}

/** The service read from a text made of its pieces, or undefined when that text has errors. */
function readPieces(service: Block, parts: Block[], parseWhole: (text: string) => ParsedFile): Reading | undefined {
  const parsed = parseWhole(parts.map((b) => b.text).join(''));
  if (parsed.recovered) return undefined;
  const origins: number[] = [];
  let at = 0;
  for (const b of parts) {
    origins.push(at);
    at += b.text.length;
  }
  const own = origins[parts.indexOf(service)];
  const mine = parsed.runs.filter((r) => r.nameSpan.start >= own && r.nameSpan.start < own + service.text.length);
  return { pieces: parts.map((b) => ownCopy(b.text)), origins, placement: new Placement(mine, pieceMap(origins, parts)) };
}

/** True when `map` already puts each piece where it lies in the file now. */
function liesAt(map: PieceMap, origins: number[], parts: Block[]): boolean {
  const { pieces } = map;
  if (pieces.length !== parts.length) return false;
  for (let i = 0; i < parts.length; i++) {
    if (pieces[i].to !== parts[i].start || pieces[i].from !== origins[i] || pieces[i].length !== parts[i].text.length) return false;
  }
  return true;
}

/** Offsets of the text the model was read from (where each piece starts there: `origins`) onto the file. */
function pieceMap(origins: number[], parts: Block[]): PieceMap {
  const pieces: Piece[] = parts.map((b, i) => ({ from: origins[i], to: b.start, length: b.text.length }));
  return new PieceMap(pieces);
}

function seedOf(layout: ComposeLayout, runs: ContainerRun[]): Seed {
  const services = new Map<string, SeedService>();
  const repeated = new Set<string>();
  let at = 0;
  for (const block of layout.services) {
    const mine: ContainerRun[] = [];
    while (at < runs.length && runs[at].nameSpan.start < block.start) at++;
    while (at < runs.length && runs[at].nameSpan.start < block.end) mine.push(runs[at++]);
    if (services.has(block.text)) repeated.add(block.text);
    services.set(block.text, { block, runs: mine, prepared: undefined });
  }
  for (const text of repeated) services.delete(text);
  return { layout, definedIn: anchorIndex(layout), services, claimed: new WeakSet(), prepared: 0 };
}

/**
 * The text as a string of its own: a block's text is a slice that keeps the whole file's text of
 * that version alive, and a reading outlives many versions. Slicing a concatenation copies it.
 */
function ownCopy(text: string): string {
  return (' ' + text).slice(1);
}
