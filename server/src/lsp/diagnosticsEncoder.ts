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
const comma = 0x2c;
const bracketOpen = 0x5b;
const bracketClose = 0x5d;

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
  // One pass over the list (this runs for every diagnostic on every keystroke): the JSON kept of each, how many were sent before.
  const jsons: (Buffer | undefined)[] = new Array(list.length);
  let again = 0;
  for (let i = 0; i < list.length; i++) {
    const json = sent.get(list[i]);
    jsons[i] = json;
    if (json || seen.has(list[i])) again++;
  }
  // A list mostly new (the first publish, or a file kind whose findings are made anew) is written whole.
  if (again * 2 < list.length) {
    for (const diagnostic of list) seen.add(diagnostic);
    return Buffer.from(JSON.stringify(msg), charset);
  }
  const shell = JSON.stringify(msg, (_key, value: unknown) => (value === list ? placeholder : value));
  const at = shell.indexOf(placeholderJson);
  const head = Buffer.from(shell.slice(0, at));
  const tail = Buffer.from(shell.slice(at + placeholderJson.length));
  // `[`, `]` and a comma between each two.
  let length = head.length + tail.length + list.length + 1;
  for (let i = 0; i < list.length; i++) {
    let json = jsons[i];
    if (!json) sent.set(list[i], (json = jsons[i] = Buffer.from(JSON.stringify(list[i]))));
    length += json.length;
  }
  // Written into one buffer of the message's length: no list of parts to join.
  const out = Buffer.allocUnsafe(length);
  out.set(head, 0);
  let end = head.length;
  out[end++] = bracketOpen;
  for (let i = 0; i < jsons.length; i++) {
    if (i > 0) out[end++] = comma;
    out.set(jsons[i]!, end);
    end += jsons[i]!.length;
  }
  out[end++] = bracketClose;
  out.set(tail, end);
  return out;
}

/** The diagnostics a message carries: a `textDocument/publishDiagnostics` push, or a full document report answering a pull. */
function diagnosticsOf(msg: Message): object[] | undefined {
  const m = msg as { method?: unknown; params?: { diagnostics?: unknown }; result?: { kind?: unknown; items?: unknown } };
  const list = m.method === 'textDocument/publishDiagnostics' ? m.params?.diagnostics : m.result?.kind === 'full' ? m.result.items : undefined;
  return Array.isArray(list) && list.every((d) => d !== null && typeof d === 'object') ? list : undefined;
}
