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
import { composeLayout, type Block, type ComposeLayout } from './composeLayout';
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
  /** Each service's runs, by the service's text (services whose text is not unique are left out). */
  services: Map<string, { block: Block; runs: ContainerRun[] }>;
  /** The spans placed so far: a span two services share is placed with neither. */
  claimed: WeakSet<object>;
}

export class ComposeCache {
  private readings = new Map<string, Reading>();
  /** Top-level blocks checked to parse cleanly, by text. */
  private cleanBlocks = new Set<string>();
  private seed: Seed | undefined;
  private opened = false;

  /** The file's runs. `parseWhole` reads a text as the compose parser does. */
  read(text: string, parseWhole: (text: string) => ParsedFile): ParsedFile {
    const layout = composeLayout(text);
    const clean = layout && this.topBlocksParse(layout) ? layout : undefined;
    // A document that is opened and never edited is read whole, once.
    if (!clean || !this.opened) return this.readWhole(text, clean, parseWhole);
    const next = new Map<string, Reading>();
    const runs: ContainerRun[] = [];
    const definedIn = anchorIndex(clean);
    for (const service of clean.services) {
      const parts = piecesOf(clean, service, definedIn);
      // Keyed by the service's own text; the other pieces must be the same too.
      let reading = this.readings.get(service.text);
      if (!reading || next.has(service.text) || !sameTexts(reading.pieces, parts)) {
        reading = this.seeded(service, parts) ?? readPieces(service, parts, parseWhole);
        // On broken YAML the pieces need not agree with the whole.
        if (!reading) return this.readWhole(text, undefined, parseWhole);
      } else if (!liesAt(reading.placement.map, reading.origins, parts)) reading.placement.moveTo(pieceMap(reading.origins, parts));
      next.set(service.text, reading);
      runs.push(...reading.placement.runs);
    }
    // Only what this text needs is kept: memory follows the open file, not its history.
    this.readings = next;
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
   * The service's reading taken from the last whole reading, when it and its pieces are unchanged
   * since: its runs are placed as they are, so the findings the open's analysis kept with them stay.
   */
  private seeded(service: Block, parts: Block[]): Reading | undefined {
    const seed = this.seed;
    const known = seed?.services.get(service.text);
    if (!seed || !known) return undefined;
    const then = piecesOf(seed.layout, known.block, seed.definedIn);
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

/** The blocks a service is read from, in file order. */
function piecesOf(layout: ComposeLayout, service: Block, definedIn: Map<string, Block[]>): Block[] {
  const { header } = layout;
  // Top-level volumes matter to a service only when one of them binds a host folder (`driver_opts.device`):
  // most files name volumes only, and a block at the end would move every service's pieces on each edit.
  const volumes = layout.top.find((b) => b.key === 'volumes' && b.text.includes('device'));
  // The usual service: no alias and no `extends` anywhere in its pieces (this runs for every service on every edit).
  if (!service.extends && service.aliases.length === 0 && header.aliases.length === 0 && !volumes?.aliases.length) {
    return !volumes ? [header, service] : volumes.start < header.start ? [volumes, header, service] : [header, service, volumes];
  }
  const wanted = new Set<Block>([header, service]);
  if (volumes) wanted.add(volumes);
  if (service.extends) for (const s of layout.services) wanted.add(s);
  // The blocks defining the anchors that wanted blocks alias, until nothing new is added.
  const queue = [...wanted];
  while (queue.length > 0) {
    for (const alias of queue.pop()!.aliases) {
      for (const other of definedIn.get(alias) ?? []) {
        if (wanted.has(other)) continue;
        wanted.add(other);
        queue.push(other);
      }
    }
  }
  return [...wanted].sort((a, b) => a.start - b.start);
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
  const services = new Map<string, { block: Block; runs: ContainerRun[] }>();
  const repeated = new Set<string>();
  let at = 0;
  for (const block of layout.services) {
    const mine: ContainerRun[] = [];
    while (at < runs.length && runs[at].nameSpan.start < block.start) at++;
    while (at < runs.length && runs[at].nameSpan.start < block.end) mine.push(runs[at++]);
    if (services.has(block.text)) repeated.add(block.text);
    services.set(block.text, { block, runs: mine });
  }
  for (const text of repeated) services.delete(text);
  return { layout, definedIn: anchorIndex(layout), services, claimed: new WeakSet() };
}

/**
 * The text as a string of its own: a block's text is a slice that keeps the whole file's text of
 * that version alive, and a reading outlives many versions. Slicing a concatenation copies it.
 */
function ownCopy(text: string): string {
  return (' ' + text).slice(1);
}
