// The language server's helper threads at the lowest priority (Linux), so that they use only the
// cores its own main thread and the editor leave idle.
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Nice 19: the lowest priority an unprivileged process can give its threads. */
const lowest = 19;

/**
 * Every thread of the process but the main one gets the lowest priority. At start-up these are
 * Node's platform threads: V8 optimises hot functions (TurboFan) and helps its garbage collector
 * on four of them. In a fresh server they took 16–20 ms of CPU per keystroke over the first nine
 * edits of the 9,000-line compose bench against 6 ms on the main thread, and on two cores delayed
 * both the main thread and the editor reading the diagnostics (docs/performance.md). At the lowest
 * priority they still run whenever a core is idle. Call it first: threads started later (libuv's
 * file-system pool) keep the normal priority. Linux only: elsewhere a thread's priority is not
 * set through its id.
 */
export function lowerHelperThreads(): void {
  if (process.platform !== 'linux') return;
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const task of tasks) {
    const id = Number(task);
    if (id === process.pid) continue;
    try {
      setPriority(id, lowest);
    } catch {
      // A thread that has ended, or a sandbox that forbids it: left as it is.
    }
  }
}
