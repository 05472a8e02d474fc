// The round trip's floor: a language server that does nothing but answer each change with a
// publish it has ready, the diagnostics our server last published for the same input (read from
// the JSON file named by its argument, serialised once). What the bench times for it is what any
// server pays to hand those diagnostics over stdio: the client's change written and read, the
// publish written, and the client's parse of it. Speaks JSON-RPC by hand: no library's work counts.
import { readFileSync } from 'node:fs';

const diagnostics = JSON.stringify(JSON.parse(readFileSync(process.argv[2], 'utf8')));
let pending = Buffer.alloc(0);

process.stdin.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  for (;;) {
    const headerEnd = pending.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: *(\d+)/i.exec(pending.subarray(0, headerEnd).toString('ascii'))?.[1]);
    if (pending.length < headerEnd + 4 + length) return;
    const message = JSON.parse(pending.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
    pending = pending.subarray(headerEnd + 4 + length);
    handle(message);
  }
});
process.stdin.on('end', () => process.exit(0));

function handle(message) {
  const { id, method, params } = message;
  if (method === 'initialize') return send(`{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":{"capabilities":{"textDocumentSync":2}}}`);
  if (method === 'exit') return process.exit(0);
  if (method === 'textDocument/didOpen' || method === 'textDocument/didChange') {
    const { uri, version } = params.textDocument;
    return send(`{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":${JSON.stringify(uri)},"version":${version},"diagnostics":${diagnostics}}}`);
  }
  // Every other request (shutdown, hover, code actions) gets null; notifications nothing.
  if (id !== undefined) send(`{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":null}`);
}

function send(body) {
  const bytes = Buffer.from(body, 'utf8');
  process.stdout.write(Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]));
}
