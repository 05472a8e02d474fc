/**
 * The JSON of the messages the Node server writes over a stream (stdio, socket, pipe), as
 * vscode-jsonrpc's default encoder makes it, except for lists of diagnostics (a push, or a pull's
 * full report): the message is put together from the bytes of the last list it follows. convert.ts
 * hands back the same Diagnostic for a finding an edit did not move, in the same order, so a
 * keystroke in a file with ten thousand findings copies a few runs of bytes of its last publish,
 * serialises the few Diagnostics that changed, and makes no string of megabytes (which lands in
 * V8's old generation: the heap then grows until a full collection, and the process's peak memory
 * with it).
 */
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';
import { walkSameOrder } from '../core';

/** A list written: its Diagnostics (never changed once made: convert.ts) and where each one's JSON starts in the bytes. */
interface Written {
  list: readonly unknown[];
  /** The message as sent, the start of `memory`. */
  bytes: Buffer;
  memory: Buffer;
  /** Where each Diagnostic's JSON starts in `bytes`; one more entry, one past the `]`'s offset, so that JSON `i` ends at `starts[i + 1] - 1`. */
  starts: Uint32Array;
}

/** The lists last written, newest last: one per document in the usual case (each publish takes its predecessor's place). */
const recent: Written[] = [];
const keptLists = 8;
/**
 * The memory of the list the last publish replaced, which the next one is written into: a
 * megabyte written for the first time costs the kernel's paging it in (about 0.6 ms), more than
 * the copy. Its message went out two encodes ago: vscode-jsonrpc's writer encodes a message only
 * once the write of the one before has completed. So a Buffer `encode` returns is the caller's
 * until the encode after next.
 */
let spare: Buffer | undefined;
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
  const last = takeLast(list);
  const shell = JSON.stringify(msg, (_key, value: unknown) => (value === list ? placeholder : value));
  const at = shell.indexOf(placeholderJson);
  const head = Buffer.from(shell.slice(0, at));
  const tail = Buffer.from(shell.slice(at + placeholderJson.length));
  const parts = partsOf(list, last);
  // `[`, `]` and a comma between each two parts (a run holds its own).
  let length = head.length + tail.length + parts.length + 1;
  for (const part of parts) length += part.bytes;
  // Written into one buffer: no list of parts to join.
  const memory = spare && spare.length >= length ? spare : Buffer.allocUnsafe(length + (length >> 4));
  spare = undefined;
  const bytes = memory.subarray(0, length);
  const starts = new Uint32Array(list.length + 1);
  bytes.set(head, 0);
  let end = head.length;
  bytes[end++] = bracketOpen;
  let i = 0;
  for (const part of parts) {
    if (i > 0) bytes[end++] = comma;
    if (part.json !== undefined) {
      starts[i++] = end;
      end += bytes.write(part.json, end);
      continue;
    }
    // A run of Diagnostics written last time, in the same order: their bytes with the commas between, in one copy.
    const from = last!.starts;
    const shift = end - from[part.from];
    for (let k = 0; k < part.count; k++) starts[i++] = from[part.from + k] + shift;
    end += last!.bytes.copy(bytes, end, from[part.from], from[part.from + part.count] - 1);
  }
  bytes[end++] = bracketClose;
  starts[i] = end;
  bytes.set(tail, end);
  recent.push({ list, memory, bytes, starts });
  if (recent.length > keptLists) recent.shift();
  spare = last?.memory;
  return bytes;
}

/** A Diagnostic's own JSON, or a run of `count` Diagnostics of the last list from its index `from`; `bytes`: its length in bytes (a run's with the commas between its Diagnostics). */
type Part = { json: string; bytes: number; from?: undefined } | { json?: undefined; bytes: number; from: number; count: number };

/** The list last written that `list` follows (its first or last Diagnostic is the same), taken out of `recent`: `list` replaces it. */
function takeLast(list: readonly unknown[]): Written | undefined {
  for (let r = recent.length - 1; r >= 0; r--) {
    const old = recent[r].list;
    if (old[0] === list[0] || old[old.length - 1] === list[list.length - 1]) return recent.splice(r, 1)[0];
  }
  return undefined;
}

/** How to write `list`: runs of the Diagnostics of `last` that follow one another there as here, and the JSON of the others. */
function partsOf(list: readonly unknown[], last: Written | undefined): Part[] {
  const parts: Part[] = [];
  walkSameOrder(
    list,
    last?.list ?? [],
    (_i, from, count) => parts.push({ from, count, bytes: last!.starts[from + count] - 1 - last!.starts[from] }),
    (i) => {
      // What JSON.stringify writes of an array's item: `null` for what it would leave out alone.
      const json = (JSON.stringify(list[i]) as string | undefined) ?? 'null';
      parts.push({ json, bytes: Buffer.byteLength(json) });
    },
  );
  return parts;
}

/** The diagnostics a message carries: a `textDocument/publishDiagnostics` push, or a full document report answering a pull. */
function diagnosticsOf(msg: Message): unknown[] | undefined {
  const m = msg as { method?: unknown; params?: { diagnostics?: unknown }; result?: { kind?: unknown; items?: unknown } };
  const list = m.method === 'textDocument/publishDiagnostics' ? m.params?.diagnostics : m.result?.kind === 'full' ? m.result.items : undefined;
  return Array.isArray(list) ? list : undefined;
}
