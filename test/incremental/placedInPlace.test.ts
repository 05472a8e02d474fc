// A whole reading's services are placed as they are at the first edit (remap.ts PlacedInPlace):
// their spans are moved in place and their edit functions answer in the file's offsets of the
// moment, exactly as a fresh reading of the moved text gives them, and nothing shared is changed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ContainerRun } from '../../server/src/core/model';
import { composeLayout, type Block } from '../../server/src/core/incremental/composeLayout';
import { PieceMap, PlacedInPlace, placementOf } from '../../server/src/core/incremental/remap';
import { readCompose } from '../../server/src/core/parsers/compose';
import { noEdits } from '../../server/src/core/parsers/edits';

const root = path.resolve(__dirname, '../..');
// groupsky/homy: 37 services, short and long syntax, named volumes (provenance: test/fixtures/compose-projects/README.md).
const text = readFileSync(path.join(root, 'test/fixtures/compose-projects/homy/docker-compose.yml'), 'utf8');

/** What a run shows the rules and the fixes: its spans and what each edit function answers. */
function shown(run: ContainerRun): unknown {
  const span = (s: { start: number; end: number } | undefined) => s && [s.start, s.end];
  return {
    name: run.name,
    nameSpan: span(run.nameSpan),
    disable: run.disableLabeling(),
    reason: span(run.labeling.reasonSpan),
    mounts: run.mounts.map((m) => ({
      span: span(m.span),
      source: span(m.source?.span),
      target: span(m.target?.span),
      options: m.options.map((o) => span(o.span)),
      edits: [m.edits.add('z'), m.edits.add('Z'), m.edits.remove(), m.edits.set('z'), m.edits.set('Z')],
      ignored: m.ignoredRelabel && [span(m.ignoredRelabel.span), m.ignoredRelabel.fix?.()],
    })),
  };
}

function runsIn(runs: ContainerRun[], block: Block): ContainerRun[] {
  return runs.filter((r) => r.nameSpan.start >= block.start && r.nameSpan.start < block.end);
}

/** Pieces (the `services:` header and the service) from where they lay in `before` to where they lie in `after`. */
function mapOf(before: Block[], after: Block[]): PieceMap {
  return new PieceMap(before.map((b, i) => ({ from: b.start, to: after[i].start, length: b.text.length })));
}

describe('runs placed in place', () => {
  const layout = composeLayout(text)!;
  // Two lines typed above every service.
  const moved = `# one\n# two\n${text}`;
  const movedLayout = composeLayout(moved)!;

  it('lie, and answer, where a fresh reading of the moved text puts them', () => {
    const whole = readCompose(text, false).runs;
    const fresh = readCompose(moved, false).runs;
    const claimed = new WeakSet<object>();
    let checked = 0;
    layout.services.forEach((service, i) => {
      const runs = runsIn(whole, service);
      if (runs.length === 0) return;
      const placement = PlacedInPlace.place(runs, mapOf([layout.header, service], [movedLayout.header, movedLayout.services[i]]), claimed);
      assert.ok(placement, `${service.key} placed`);
      assert.equal(placementOf(runs[0]), placement);
      assert.deepEqual(runs.map(shown), runsIn(fresh, movedLayout.services[i]).map(shown), service.key);
      checked += runs.length;
    });
    assert.equal(checked, whole.length, 'every run of the file');
    assert.ok(checked >= 30);
  });

  it('move again, and back, from where they were read', () => {
    const runs = runsIn(readCompose(text, false).runs, layout.services[3]);
    const before = runs.map(shown);
    const placement = PlacedInPlace.place(runs, mapOf([layout.header, layout.services[3]], [movedLayout.header, movedLayout.services[3]]), new WeakSet())!;
    assert.notDeepEqual(runs.map(shown), before);
    placement.moveTo(mapOf([layout.header, layout.services[3]], [layout.header, layout.services[3]]));
    assert.deepEqual(runs.map(shown), before);
  });

  it('are not placed twice, and leave shared objects as they were', () => {
    const runs = runsIn(readCompose(text, false).runs, layout.services[0]);
    const claimed = new WeakSet<object>();
    const map = mapOf([layout.header, layout.services[0]], [movedLayout.header, movedLayout.services[0]]);
    const sharedAdd = noEdits.add;
    const anonymous = readCompose('services:\n  a:\n    volumes: [/data]\n', false).runs;
    assert.equal(anonymous[0].mounts[0].edits, noEdits, 'an anonymous volume has no edits: the shared editor');
    assert.ok(PlacedInPlace.place(anonymous, new PieceMap([{ from: 0, to: 5, length: 40 }]), new WeakSet()));
    assert.notEqual(anonymous[0].mounts[0].edits, noEdits, 'the mount got a copy');
    assert.equal(noEdits.add, sharedAdd, 'the shared editor is unchanged');
    assert.ok(PlacedInPlace.place(runs, map, claimed));
    assert.equal(PlacedInPlace.place(runs, map, claimed), undefined, 'spans another placement holds');
  });
});
