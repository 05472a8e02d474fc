/**
 * A stream for vscode-jsonrpc's StreamMessageWriter that writes each message's header and body
 * in one call. The writer writes them apart, and over a pipe each write is a system call that
 * wakes the client, which then reads a header without its body and waits again: two wake-ups per
 * publish, on each keystroke.
 */
export function oneWritePerMessage(out: NodeJS.WritableStream): NodeJS.WritableStream {
  let header: Buffer | undefined;
  const write = (data: string | Uint8Array, encoding?: BufferEncoding | ((error?: Error | null) => void), callback?: (error?: Error | null) => void): boolean => {
    const done = typeof encoding === 'function' ? encoding : callback;
    // The writer's header: ASCII, ended by an empty line, written (and awaited) before its body.
    if (typeof data === 'string' && encoding === 'ascii' && data.endsWith('\r\n\r\n')) {
      header = header ? Buffer.concat([header, Buffer.from(data, 'ascii')]) : Buffer.from(data, 'ascii');
      done?.();
      return true;
    }
    const body = typeof data === 'string' ? Buffer.from(data, typeof encoding === 'string' ? encoding : 'utf8') : data;
    const whole = header ? Buffer.concat([header, body]) : body;
    header = undefined;
    return out.write(whole, done);
  };
  return new Proxy(out, {
    get(target, key) {
      if (key === 'write') return write;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
