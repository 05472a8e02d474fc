/**
 * Runs `run` on the next turn of the event loop, after the messages already received (a timer of
 * 0 ms waits at least 1 ms in Node; a web worker has no setImmediate). Returns a way to cancel it.
 */
export function onNextTurn(run: () => void): () => void {
  if (typeof setImmediate !== 'function') {
    const timer = setTimeout(run, 0);
    return () => clearTimeout(timer);
  }
  const next = setImmediate(run);
  return () => clearImmediate(next);
}
