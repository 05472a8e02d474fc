// The current SELinux label of host paths, read on SELinux hosts only (reference §10): selinuxfs
// must be mounted read-write, and the label comes from `stat -c %C` run with a fixed argument list
// and a short timeout, never through a shell. `root` lets tests stand up a fake host.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Exec = (file: string, args: string[], timeoutMs: number) => Promise<string>;

const execText: Exec = (file, args, timeoutMs) =>
  new Promise((resolve, reject) =>
    execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );

/** Labels are kept this long, so hovers and re-checks on each edit do not run `stat` again. */
const ttlMs = 5000;

export class HostLabels {
  private selinux: boolean | undefined;
  private readonly cache = new Map<string, { label: string | undefined; at: number }>();

  constructor(
    private readonly root = '/',
    private readonly exec: Exec = execText,
    private readonly timeoutMs = 500,
  ) {}

  /** SELinux is on here: a selinuxfs mount that is not read-only (a read-only one means "disabled"). */
  enabled(): boolean {
    if (this.selinux === undefined) {
      try {
        const mounts = fs.readFileSync(path.join(this.root, 'proc/self/mountinfo'), 'utf8').split('\n');
        this.selinux = mounts.some((line) => / - selinuxfs /.test(line) && (line.split(' ')[5] ?? '').split(',').includes('rw'));
      } catch {
        this.selinux = false;
      }
    }
    return this.selinux;
  }

  /**
   * Where a mount's source lies on this host, for a document at `docUri`: `~` is the home, a
   * relative path is relative to the document's folder. Undefined for a document that is not a
   * local file and for Windows paths (another host).
   */
  hostPath(docUri: string, source: string): string | undefined {
    if (!docUri.startsWith('file:') || /^\p{L}:|^\\\\/u.test(source)) return undefined;
    if (source === '~' || source.startsWith('~/')) return path.join(os.homedir(), source.slice(1));
    return path.resolve(path.dirname(fileURLToPath(docUri)), source);
  }

  /** The path's label, or undefined when it cannot be read in time (or the file system has none). */
  async label(hostPath: string): Promise<string | undefined> {
    if (!this.enabled()) return undefined;
    const hit = this.cache.get(hostPath);
    if (hit && Date.now() - hit.at < ttlMs) return hit.label;
    let label: string | undefined;
    try {
      const out = (await this.exec('stat', ['-c', '%C', '--', path.join(this.root, hostPath)], this.timeoutMs)).trim();
      label = out && out !== '?' ? out : undefined;
    } catch {
      label = undefined;
    }
    this.cache.set(hostPath, { label, at: Date.now() });
    return label;
  }
}
