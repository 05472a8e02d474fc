/**
 * The JSON of the messages the Node server writes over a stream (stdio, socket, pipe), as
 * vscode-jsonrpc's default encoder makes it, except for lists of diagnostics (a push, or a pull's
 * full report): each Diagnostic's JSON is made once per object and the message is put together
 * from those bytes. convert.ts hands back the same Diagnostic for a finding an edit did not move,
 * so a keystroke in a file with ten thousand findings serialises the few that changed, and makes
 * no string of megabytes (which lands in V8's old generation: the heap then grows until a full
 * collection, and the process's peak memory with it).
 */
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

/** The JSON of each Diagnostic sent again, by object. Diagnostics are never changed once made (convert.ts). */
const sent = new WeakMap<object, Buffer>();
/** Diagnostics sent once, in a list mostly new: one JSON.stringify of the message is cheaper then. */
const seen = new WeakSet<object>();
const placeholder = '\u0000selinux-mounts diagnostics\u0000';
const placeholderJson = JSON.stringify(placeholder);
const comma = Buffer.from(',');
const open = Buffer.from('[');
const close = Buffer.from(']');

export const diagnosticsEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(msg, options) {
    try {
      return Promise.resolve(encode(msg, options.charset));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};

export function encode(msg: Message, charset: BufferEncoding): Buffer {
  const list = charset === 'utf-8' || charset === 'utf8' ? diagnosticsOf(msg) : undefined;
  if (!list?.length) return Buffer.from(JSON.stringify(msg), charset);
  let again = 0;
  for (const diagnostic of list) if (sent.has(diagnostic) || seen.has(diagnostic)) again++;
  // A list mostly new (the first publish, or a file kind whose findings are made anew) is written whole.
  if (again * 2 < list.length) {
    for (const diagnostic of list) seen.add(diagnostic);
    return Buffer.from(JSON.stringify(msg), charset);
  }
  const shell = JSON.stringify(msg, (_key, value: unknown) => (value === list ? placeholder : value));
  const at = shell.indexOf(placeholderJson);
  const parts: Buffer[] = [Buffer.from(shell.slice(0, at)), open];
  list.forEach((diagnostic, i) => {
    let json = sent.get(diagnostic);
    if (!json) sent.set(diagnostic, (json = Buffer.from(JSON.stringify(diagnostic))));
    if (i > 0) parts.push(comma);
    parts.push(json);
  });
  parts.push(close, Buffer.from(shell.slice(at + placeholderJson.length)));
  return Buffer.concat(parts);
}

/** The diagnostics a message carries: a `textDocument/publishDiagnostics` push, or a full document report answering a pull. */
function diagnosticsOf(msg: Message): object[] | undefined {
  const m = msg as { method?: unknown; params?: { diagnostics?: unknown }; result?: { kind?: unknown; items?: unknown } };
  const list = m.method === 'textDocument/publishDiagnostics' ? m.params?.diagnostics : m.result?.kind === 'full' ? m.result.items : undefined;
  return Array.isArray(list) && list.every((d) => d !== null && typeof d === 'object') ? list : undefined;
}
