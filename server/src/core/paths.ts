/**
 * Host paths that must never be relabelled (architecture.md "Sensitive host paths"; reference §5).
 * Paths come in the form the parsers resolve them to: absolute, `~`-rooted, relative, or still
 * holding an unresolved `${VAR}`.
 */

import { homeFolderVerdict, homeReason, ordinaryHomeFolder, xauthorityVariable, type HomeFolderVerdict, type OrdinaryHomeFolder } from './homeFolders';
import type { Mount } from './model';

export interface Sensitivity {
  /** Why relabelling this path harms the host, in a few words. */
  reason: string;
  /** go-selinux refuses to relabel it: `SELinux relabeling of <path> is not allowed`. */
  refused: boolean;
  /** A home folder of reference §5c: its policy type and what a relabel breaks or exposes. */
  home?: HomeFolderVerdict;
}

/** go-selinux `excludePaths`: exact matches only. */
const refusedPaths = new Set([
  '/', '/bin', '/boot', '/dev', '/etc', '/etc/passwd', '/etc/pki', '/etc/shadow', '/home', '/lib', '/lib64',
  '/media', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/var', '/var/lib', '/var/log',
]);

/** Prefixes whose whole subtree is host content other programs rely on. */
const sensitiveTrees: [prefix: string, reason: string][] = [
  ['/usr', 'system software (under /usr)'],
  ['/bin', 'system binaries'],
  ['/sbin', 'system binaries'],
  ['/lib', 'system libraries'],
  ['/lib64', 'system libraries'],
  ['/boot', 'the boot partition'],
  ['/dev', 'a device node of the host'],
  ['/proc', 'the kernel\'s process filesystem'],
  ['/sys', 'the kernel\'s sysfs'],
  ['/run', 'runtime state of host services (sockets, pid files)'],
  ['/var/run', 'runtime state of host services (sockets, pid files)'],
  ['/var/lib/docker', 'the container engine\'s own state'],
  ['/var/lib/containers', 'the container engine\'s own state'],
  ['/etc/ssl', 'the host\'s TLS certificates'],
  ['/etc/pki', 'the host\'s certificates and keys'],
  ['/etc/ssh', 'the host\'s SSH configuration and keys'],
  ['/etc/selinux', 'the host\'s SELinux policy'],
  ['/tmp/.X11-unix', 'the X server\'s sockets'],
];

/** Shared files in /etc that every host program reads. */
const sharedEtcFiles = new Set([
  '/etc/localtime', '/etc/timezone', '/etc/hosts', '/etc/resolv.conf', '/etc/passwd', '/etc/shadow', '/etc/group',
  '/etc/gshadow', '/etc/machine-id', '/etc/hostname', '/etc/os-release', '/etc/sudoers', '/etc/fstab',
]);

function within(path: string, prefix: string): boolean {
  return path.startsWith(prefix) && (path.length === prefix.length || path[prefix.length] === '/');
}

/** Collapses `//`, `/./`, `..` and a trailing `/` of an absolute or `~` path. */
export function normalizePath(path: string): string {
  const rooted = path.startsWith('/') ? '/' : path.startsWith('~') ? '' : undefined;
  if (rooted === undefined) return trimSlashes(path) || path;
  // Most paths are normal already (no `//`, `.` or `..` part, no trailing slash): as they are, without splitting.
  if (!notNormal.test(path) && (path.length === 1 || !path.endsWith('/'))) return path;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > (rooted ? 0 : 1)) parts.pop();
    } else parts.push(part);
  }
  return rooted + parts.join('/') || '/';
}

const notNormal = /\/(?:\/|\.{1,2}(?:\/|$))/;

/** `path` without its trailing slashes; the regular expression only when there is one (it ran for every mount's key). */
export function trimSlashes(path: string): string {
  return path.endsWith('/') ? path.replace(/\/+$/, '') : path;
}

/**
 * The home-relative rest of a path (`~/x`, `/home/u/x`, `/var/home/u/x` (Silverblue, CoreOS),
 * `/root/x` → `x`; a home itself → ''). Parsers turn `$HOME`, `${HOME}`, `${localEnv:HOME}` and
 * quadlet's `%h` into `~`.
 */
function homeRelative(path: string): string | undefined {
  const m = /^(?:~[^/]*|(?:\/var)?\/home\/[^/]+|\/root)(?:\/(.*))?$/.exec(path);
  return m ? (m[1] ?? '') : undefined;
}

const hostSocket = (): Sensitivity => ({ reason: 'a socket of a host service', refused: false });

/** How relabelling `path` would harm the host, or undefined for an ordinary host folder. */
export function sensitivity(rawPath: string, targetPath?: string): Sensitivity | undefined {
  const path = normalizePath(rawPath);
  // A relative path (`./data`, the usual bind) is no system tree, home or variable: at most a socket.
  if (!/^[/~$]/.test(path)) return /\.sock$/.test(path) ? hostSocket() : undefined;
  if (refusedPaths.has(path)) return { reason: refusedReason(path), refused: true };
  const home = homeRelative(path);
  const verdict = home !== undefined ? homeFolderVerdict(home) : /^\$\{?XAUTHORITY\b/.test(path) ? xauthorityVariable : undefined;
  if (verdict) return { reason: homeReason(verdict), refused: false, home: verdict };
  if (/^\$\{?XDG_RUNTIME_DIR\b/.test(path)) return { reason: 'the user\'s runtime directory and sockets', refused: false };
  if (sharedEtcFiles.has(path) || within(path, '/etc/sudoers.d')) return { reason: 'a shared system file that host programs read', refused: false };
  if (within(path, '/lib/modules')) return { reason: 'the kernel\'s modules', refused: false };
  for (const [prefix, reason] of sensitiveTrees) if (within(path, prefix)) return { reason, refused: false };
  if (/\.sock$/.test(path) || (/^\$/.test(path) && targetPath && /\.sock$/.test(targetPath))) return hostSocket();
  return undefined;
}

/** The ordinary home folder of reference §5c a path falls in (`~/.aws`, `~/Music`...), if any. */
export function ordinaryHome(rawPath: string): OrdinaryHomeFolder | undefined {
  const home = homeRelative(normalizePath(rawPath));
  return home === undefined ? undefined : ordinaryHomeFolder(home);
}

/** A home folder that usually holds credentials (`~/.aws`, `~/.kube`...): `:Z` keeps them from other containers. */
export function holdsCredentials(rawPath: string): boolean {
  return ordinaryHome(rawPath)?.credentials === true;
}

function refusedReason(path: string): string {
  if (path === '/') return 'the root of the host filesystem';
  if (path === '/home' || path === '/root') return 'home directories';
  return `the system directory ${path}`;
}

/** Host path key: the same directory written `./a/` and `./a` is one path. */
export function pathKey(mount: Mount): string | undefined {
  if (mount.kind !== 'host' || !mount.source) return undefined;
  return trimSlashes(mount.source.path) || '/';
}
