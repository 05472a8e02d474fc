import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces a file's content so that readers see the old or the new file, never half of one:
 * a temp file in the same directory (same filesystem), then rename. The mode (and, when we
 * may, the owner) is kept; a symlink is written through, not replaced.
 */
export function writeAtomic(file: string, data: string | Uint8Array): void {
  const target = fs.realpathSync(file);
  const stat = fs.statSync(target);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(temp, data, { mode: stat.mode & 0o7777, flag: 'wx' });
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
