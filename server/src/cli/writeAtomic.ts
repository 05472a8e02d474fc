import * as fs from 'node:fs';
import * as path from 'node:path';

let interruptsDeferred = false;

/**
 * Ctrl-C (SIGINT), a CI timeout (SIGTERM) or a closed terminal (SIGHUP) must not stop the process
 * between writing a temp file and renaming it over the target: with the default action the process
 * dies wherever it is, and a `.name.pid.time.tmp` stayed beside the file (about 1 interrupted run
 * in 40; the file itself was whole, the rename being atomic). With a listener, Node takes the signal
 * as an event between tasks, never inside a synchronous function such as `writeAtomic`; the CLI
 * yields after each file (cli/main.ts), so the listener runs between files and re-raises the signal
 * with its default action, and the process still ends by that signal, as a shell expects.
 * SIGKILL or a power cut can still leave a temp file (never a cut-short target): `.*.tmp`.
 */
function deferInterruptsToFileBoundaries(): void {
  if (interruptsDeferred) return;
  interruptsDeferred = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // `once`: the listener is removed before it runs, which restores the default action.
    process.once(signal, () => process.kill(process.pid, signal));
  }
}

/**
 * Replaces a file's content so that readers see the old or the new file, never half of one:
 * a temp file in the same directory (same filesystem), flushed to disk, then renamed over the file.
 * The mode (and, when we may, the owner) is kept; a symlink is written through, not replaced.
 */
export function writeAtomic(file: string, data: string | Uint8Array): void {
  deferInterruptsToFileBoundaries();
  const target = fs.realpathSync(file);
  const stat = fs.statSync(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', stat.mode & 0o7777);
    try {
      fs.writeFileSync(fd, data);
      // Without it, a crash soon after the rename can leave an empty file on some filesystems.
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(temp, stat.mode & 0o7777); // the umask may have narrowed it
    try {
      fs.chownSync(temp, stat.uid, stat.gid);
    } catch {
      // Only root may give a file away; an ordinary user's file stays theirs anyway.
    }
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}
