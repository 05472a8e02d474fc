// The compose layout made from the last one and the lines an edit touched (editedLayout) must be the
// layout a scan of the whole new text gives, whenever it gives one: random edits over every real
// compose file the project keeps, typed one after another as in an editor.
import assert from 'node:assert/strict';
import { composeLayout, editedLayout, type ComposeLayout } from '../../server/src/core/incremental/composeLayout';
import { random, realFiles } from '../helpers/realFiles';

const pieces = ['x', ' ', '  ', '\n', '\n  ', '\n    ', '\n      - ./a:/a:z\n', ':', '#', '&a', '*a', 'extends: ', '\t', '\r', '\r\n', '---\n', 'services:\n', '  new:\n', 'volumes:\n'];

/** Every block as plain values (the layout's own fields, in order). */
function plain(layout: ComposeLayout | undefined): unknown {
  const block = (b: ComposeLayout['header']) => [b.key, b.start, b.end, b.text, [...b.anchors], [...b.aliases], b.extends];
  return layout && { top: layout.top.map(block), header: block(layout.header), services: layout.services.map(block) };
}

function commonStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

describe('a compose layout made from the lines an edit touched', function () {
  this.timeout(60_000);

  it('is the whole scan of the new text', () => {
    const files = realFiles((name) => /compose.*\.ya?ml$/i.test(name), 100_000);
    const next = random(20261203);
    let made = 0;
    for (const { text: original } of files) {
      let text = original;
      let layout = composeLayout(text);
      for (let i = 0; i < 40; i++) {
        // Edits inside the services mostly (where the layout can be made from the last one), anywhere sometimes.
        const services = layout?.services;
        const inside = services && next() < 0.8;
        const from = inside ? services[0].start : 0;
        const to = inside ? services[services.length - 1].end : text.length;
        const at = from + Math.floor(next() * (to - from + 1));
        const edited = next() < 0.6 ? text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 4));
        const head = commonStart(text, edited);
        let tail = 0;
        while (tail < Math.min(text.length, edited.length) - head && text[text.length - 1 - tail] === edited[edited.length - 1 - tail]) tail++;
        const fromLast = layout && editedLayout(text, layout, edited, { head, tail });
        const scanned = composeLayout(edited);
        if (fromLast) {
          made++;
          assert.deepEqual(plain(fromLast), plain(scanned), `edit at ${at}`);
        }
        text = edited;
        layout = scanned;
      }
    }
    // Many edits inside a service change none of its key lines (others break the layout for the edits after them: tabs, `---`).
    assert.ok(made > files.length * 2, `made from the last layout ${made} times over ${files.length} files`);
  });
});
