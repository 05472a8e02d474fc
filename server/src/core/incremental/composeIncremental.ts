/**
 * Compose files read service by service, with what the last reading built kept between edits.
 *
 * A service is parsed from a text made of its own block, the `services:` header, the top-level
 * `volumes:` (binds declared there), and the blocks that define the anchors it aliases (`<<:
 * *defaults`), in file order; with `extends`, every service. A block's parse is kept under the
 * exact text it was made of, so an edit re-parses only the services whose text or dependencies
 * changed, and the others are only moved to their new offsets. Whenever a piece does not parse
 * cleanly, the whole file is read at once instead: on broken YAML the pieces need not agree with
 * the whole.
 */
import type { ContainerRun, ParsedFile } from '../model';
import { parseYaml } from '../parsers/yaml';
import { composeLayout, type Block, type ComposeLayout } from './composeLayout';
import { PieceMap, Placement, type Piece } from './remap';

interface Reading {
  /** The texts of the pieces the service was read from, its own included. */
  pieces: string[];
  placement: Placement;
}

export class ComposeCache {
  private readings = new Map<string, Reading>();
  /** Top-level blocks checked to parse cleanly, by text. */
  private cleanBlocks = new Set<string>();
  private opened = false;

  /**
   * The file's runs, or undefined when it must be read whole. `parseWhole` reads a text as the
   * compose parser does.
   */
  read(text: string, parseWhole: (text: string) => ParsedFile): ParsedFile | undefined {
    // Reading service by service costs about 1.3x one whole parse; a document that is opened and
    // never edited should not pay it, so the pieces are first read on the first edit.
    if (!this.opened) {
      this.opened = true;
      return undefined;
    }
    const layout = composeLayout(text);
    if (!layout || !this.topBlocksParse(layout)) return undefined;
    const next = new Map<string, Reading>();
    const runs: ContainerRun[] = [];
    const definedIn = anchorIndex(layout);
    for (const service of layout.services) {
      const parts = piecesOf(layout, service, definedIn);
      const map = pieceMap(parts);
      // Keyed by the service's own text; the other pieces must be the same too.
      let reading = this.readings.get(service.text);
      if (!reading || next.has(service.text) || !sameTexts(reading.pieces, parts)) {
        const pieced = parts.map((b) => b.text).join('');
        if (hasErrors(pieced)) return undefined;
        const own = offsetOf(parts, service);
        const mine = parseWhole(pieced).runs.filter((r) => r.nameSpan.start >= own && r.nameSpan.start < own + service.text.length);
        reading = { pieces: parts.map((b) => b.text), placement: new Placement(mine, map) };
      } else if (!reading.placement.map.sameAs(map)) reading.placement.map = map;
      next.set(service.text, reading);
      runs.push(...reading.placement.runs);
    }
    // Only what this text needs is kept: memory follows the open file, not its history.
    this.readings = next;
    return { kind: 'compose', runs };
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
  const wanted = new Set<Block>([layout.header, service]);
  const volumes = layout.top.find((b) => b.key === 'volumes');
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

function offsetOf(parts: Block[], block: Block): number {
  let at = 0;
  for (const b of parts) {
    if (b === block) return at;
    at += b.text.length;
  }
  return at;
}

function pieceMap(parts: Block[]): PieceMap {
  const pieces: Piece[] = [];
  let from = 0;
  for (const b of parts) {
    pieces.push({ from, to: b.start, length: b.text.length });
    from += b.text.length;
  }
  return new PieceMap(pieces);
}
