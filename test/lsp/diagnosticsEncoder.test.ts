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
    ];
    for (const msg of messages) assert.equal(encode(msg, 'utf-8').toString('utf8'), JSON.stringify(msg));
  });
});
