import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver';
import { encode } from '../../server/src/lsp/diagnosticsEncoder';

const diagnostic = (line: number, message: string): Diagnostic => ({
  range: { start: { line, character: 8 }, end: { line, character: 20 } },
  severity: 2,
  source: 'selinux-mounts',
  code: 'missing-relabel',
  codeDescription: { href: 'https://example.invalid/docs/rules/missing-relabel.md' },
  message,
});

describe('lsp: the stdio encoder of diagnostics', () => {
  const diagnostics = [diagnostic(3, 'Bind mount of ./données into /data has no relabel: "Permission denied" — add :Z'), diagnostic(9, 'tab\there, emoji 🐳, quote " and \\ back')];

  it('writes a push as JSON.stringify would, non-ASCII text and escapes included', () => {
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///srv/app/compose.yaml', version: 7, diagnostics } };
    const bytes = encode(msg, 'utf-8');
    assert.equal(bytes.toString('utf8'), JSON.stringify(msg));
    assert.equal(bytes.byteLength, Buffer.byteLength(JSON.stringify(msg)));
  });

  it('writes a pull\'s full report as JSON.stringify would', () => {
    const msg = { jsonrpc: '2.0', id: 12, result: { kind: 'full', resultId: '3', items: diagnostics } };
    assert.equal(encode(msg, 'utf-8').toString('utf8'), JSON.stringify(msg));
  });

  it('keeps each Diagnostic\'s JSON: the same object gives the same bytes, a new one its own', () => {
    const push = (list: Diagnostic[]) => {
      const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/compose.yaml', diagnostics: list } };
      return encode(msg, 'utf-8').toString('utf8');
    };
    const first = push(diagnostics);
    // Sent a second and a third time: the list is put together from each Diagnostic's JSON (made, then kept).
    assert.equal(push(diagnostics), first);
    assert.equal(push(diagnostics), first);
    const moved = { ...diagnostics[0], range: { start: { line: 4, character: 8 }, end: { line: 4, character: 20 } } };
    const next = push([moved, diagnostics[1]]);
    assert.notEqual(next, first);
    assert.deepEqual(JSON.parse(next).params.diagnostics[0].range.start, { line: 4, character: 8 });
  });

  it('writes every other message, and empty lists, as JSON.stringify does', () => {
    const messages = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a/x.sh', diagnostics: [] } },
      { jsonrpc: '2.0', id: 1, result: { capabilities: { hoverProvider: true } } },
      { jsonrpc: '2.0', id: 2, result: { items: [{ uri: 'file:///a/compose.yaml', kind: 'full', version: null, items: diagnostics }] } },
      { jsonrpc: '2.0', id: 3, method: 'workspace/configuration', params: { items: [{ section: 'selinuxMounts' }] } },
      // Not Diagnostics at all: written as an array's items are.
      { jsonrpc: '2.0', id: 4, result: { kind: 'full', items: [null, undefined, 3, 'text', () => 1, diagnostics[0]] } },
      { jsonrpc: '2.0', id: 5, result: { kind: 'full', items: [diagnostics[0], undefined, 3] } },
    ];
    for (const msg of messages) assert.equal(encode(msg, 'utf-8').toString('utf8'), JSON.stringify(msg));
  });

  it('copies the runs of a list it wrote before and writes what changed, as JSON.stringify would', () => {
    const uri = 'file:///srv/app/compose.yaml';
    const push = (list: Diagnostic[], version: number) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics: list } });
    const list = Array.from({ length: 40 }, (_, i) => diagnostic(i, `mount ${i} — données ${'🐳'.repeat(i % 3)}`));
    assert.equal(encode(push(list, 1), 'utf-8').toString('utf8'), JSON.stringify(push(list, 1)));
    // An edit in the middle: two Diagnostics made anew, one dropped, one added; the rest the same objects.
    const next = [...list.slice(0, 10), diagnostic(10, 'typed: ./données/x'), diagnostic(11, 'new "quoted" \\ one'), ...list.slice(13, 30), diagnostic(99, 'added'), ...list.slice(30)];
    assert.equal(encode(push(next, 2), 'utf-8').toString('utf8'), JSON.stringify(push(next, 2)));
    // The same list again, then its first and last taken away.
    assert.equal(encode(push(next, 3), 'utf-8').toString('utf8'), JSON.stringify(push(next, 3)));
    const inner = next.slice(1, -1);
    assert.equal(encode(push(inner, 4), 'utf-8').toString('utf8'), JSON.stringify(push(inner, 4)));
  });

  it('matches JSON.stringify over random edits of interleaved lists, pushed and pulled', () => {
    // A fixed seed (mulberry32): the same cases every run.
    let seed = 0x5e11;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = (n: number) => Math.floor(random() * n);
    const words = ['./data', 'données', '🐳', 'tab\there', '"quoted"', 'back\\slash', '\u2028', 'é', ':Z'];
    let made = 0;
    const fresh = () => diagnostic(pick(500), `finding ${made++} ${words[pick(words.length)]}${words[pick(words.length)]}`);
    const documents = Array.from({ length: 5 }, () => Array.from({ length: pick(60) }, fresh));
    let previous: { bytes: Buffer; json: string } | undefined;
    for (let step = 0; step < 600; step++) {
      const d = pick(documents.length);
      let list = documents[d];
      const at = pick(list.length + 1);
      const n = 1 + pick(4);
      switch (pick(7)) {
        case 0: // replaced (a service re-read)
          list = [...list.slice(0, at), ...Array.from({ length: n }, fresh), ...list.slice(at + n)];
          break;
        case 1: // inserted
          list = [...list.slice(0, at), ...Array.from({ length: n }, fresh), ...list.slice(at)];
          break;
        case 2: // dropped
          list = [...list.slice(0, at), ...list.slice(at + n)];
          break;
        case 3: // moved elsewhere
          list = [...list.slice(0, at), ...list.slice(at + n)];
          list.splice(pick(list.length + 1), 0, ...documents[d].slice(at, at + n));
          break;
        case 4: // everything after a line made anew (an Enter typed)
          list = [...list.slice(0, at), ...list.slice(at).map(() => fresh())];
          break;
        case 5: // all new, or none at all now and then
          list = pick(4) ? Array.from({ length: pick(80) }, fresh) : [];
          break;
        default: // unchanged, or one Diagnostic twice
          if (list.length && pick(2)) list = [...list, list[pick(list.length)]];
      }
      documents[d] = list;
      const uri = `file:///srv/app${d}/compose.yaml`;
      const msg = pick(3)
        ? { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: step, diagnostics: list } }
        : { jsonrpc: '2.0', id: step, result: { kind: 'full', resultId: String(step), items: list } };
      const bytes = encode(msg, 'utf-8');
      assert.equal(bytes.toString('utf8'), JSON.stringify(msg), `step ${step}`);
      // The writer is done with a message before the next is encoded; its bytes stay the caller's until then.
      if (previous) assert.equal(previous.bytes.toString('utf8'), previous.json, `step ${step - 1} after step ${step}`);
      previous = { bytes, json: JSON.stringify(msg) };
    }
  });
});
