import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { StreamMessageReader, StreamMessageWriter, type Message } from 'vscode-languageserver/node';
import { diagnosticsEncoder } from '../../server/src/lsp/diagnosticsEncoder';
import { oneWritePerMessage } from '../../server/src/lsp/oneWritePerMessage';

describe('lsp: the stdio writer writes each message at once', () => {
  it('one write per message, header and body, which a reader reads back whole', async () => {
    const chunks: Buffer[] = [];
    const wire = new PassThrough();
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        wire.write(chunk, done);
      },
    });
    // As lsp/main.ts builds it over stdio.
    const writer = new StreamMessageWriter(oneWritePerMessage(out), { charset: 'utf-8', contentTypeEncoder: diagnosticsEncoder });
    const messages: Message[] = [
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'données 🐳' } } as Message,
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///srv/run.sh', version: 2, diagnostics: [] } } as Message,
    ];
    const read: Message[] = [];
    const reader = new StreamMessageReader(wire);
    reader.listen((m) => read.push(m));
    for (const m of messages) await writer.write(m);
    while (read.length < messages.length) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(chunks.length, messages.length);
    assert.match(chunks[0].toString('utf8'), /^Content-Length: \d+\r\n\r\n\{/);
    assert.deepEqual(read, messages);
    reader.dispose();
  });
});
