/**
 * Folders in a home directory, judged by the policy (reference §5c): the ones the policy gives a
 * type of its own because they hold keys, cookies, units or content a confined program needs, the
 * folders that contain them (a relabel is recursive), and typed or credential folders that stay
 * ordinary binds. Patterns are home-relative; `*` matches within one path segment, as the policy's
 * `HOME_DIR/\.Xauthority.*` does for the cookie files.
 */

export interface TypedHomeFolder {
  /** Home-relative patterns, as the policy's file contexts write them. */
  patterns: string[];
  /** The policy type these folders carry. */
  type: string;
  /** What a `:z`/`:Z` relabel there breaks or exposes. */
  harm: string;
  /** The way out where it is not a folder of the container's own; `{service}` names the container. */
  wayOut?: string;
}

/**
 * GUI containers: label=disable is their usual way (reference §5c; the X socket cannot be
 * relabelled either), and a cookie file made for the container (the common recipe in GUI scripts)
 * keeps the user's own cookie out of it.
 */
const XAUTH_WAY =
  "Run {service} with label=disable, the usual way for GUI containers (the X socket cannot be relabelled either), and give it a cookie of its own rather than yours (xauth nlist $DISPLAY | sed -e 's/^..../ffff/' | xauth -f /tmp/.docker.xauth nmerge -)";

/** Reference §5c table, one row per entry, the gravest first (a containing folder names the first it holds). */
export const typedHomeFolders: TypedHomeFolder[] = [
  { patterns: ['.ssh', '.shosts', '.ansible/cp/*'], type: 'ssh_home_t', harm: 'it exposes your SSH keys to containers, and the ssh client of confined users is denied them' },
  { patterns: ['.gnupg'], type: 'gpg_secret_t', harm: 'it exposes your private keys to containers, and gpg and gpg-agent of confined users are denied them' },
  { patterns: ['.Xauthority*', '.xauth*', '.serverauth*'], type: 'xauth_home_t', harm: 'it exposes the display cookie (control of your desktop) to containers, and xauth of confined users is denied it', wayOut: XAUTH_WAY },
  { patterns: ['.config/systemd/user'], type: 'systemd_unit_file_t', harm: 'a container that can write your units runs code as you at your next login' },
  { patterns: ['.local/share/keyrings', '.gnome2/keyrings'], type: 'gkeyringd_gnome_home_t', harm: 'it exposes your keyring (saved passwords) to containers, and the keyring daemon of confined users is denied it' },
  { patterns: ['.pki', '.cert', '.local/share/networkmanagement/certificates'], type: 'home_cert_t', harm: 'it exposes your certificates and their keys to containers' },
  { patterns: ['.k5login', '.k5users', '.k5identity'], type: 'krb5_home_t', harm: 'a container that can write it decides who may log in as you (Kerberos), and local login of confined users is denied it' },
  { patterns: ['.google_authenticator', '.yubico', '.config/Yubico'], type: 'auth_home_t', harm: 'it exposes the two-factor secrets PAM reads to containers' },
  { patterns: ['.mozilla', '.cache/mozilla'], type: 'mozilla_home_t', harm: 'it exposes your Firefox profile (cookies, saved passwords) to containers, and the browser sandbox is denied it' },
  {
    patterns: ['.config/chromium', '.cache/chromium', '.cache/google-chrome'],
    type: 'chrome_sandbox_home_t',
    harm: 'it exposes your Chromium profile (cookies, saved passwords) to containers, and the browser sandbox is denied it',
  },
  { patterns: ['.local/bin', 'bin'], type: 'home_bin_t', harm: 'a container that can write them puts programs you run in your path' },
  { patterns: ['.ICEauthority*'], type: 'iceauth_home_t', harm: 'it exposes the session manager\'s cookie to containers' },
  { patterns: ['.dbus'], type: 'dbus_home_t', harm: 'it hands the session bus state to containers' },
  { patterns: ['.local/share/containers', '.local/share/ramalama'], type: 'container_ro_file_t', harm: 'it relabels rootless podman\'s own images and containers, which podman then cannot use as it should' },
  {
    patterns: ['.libvirt', 'VirtualMachines', '.config/libvirt', '.local/share/libvirt/images', '.local/share/libvirt/boot', '.cache/libvirt'],
    type: 'virt_home_t',
    harm: 'virtual machines (svirt_t) are denied their images',
  },
  { patterns: ['public_html', 'www', 'web'], type: 'httpd_user_content_t', harm: 'httpd is denied the UserDir content it serves' },
  { patterns: ['Maildir', '.maildir'], type: 'mail_home_rw_t', harm: 'mail delivery is denied your mailbox, and containers can read your mail' },
];

/**
 * The generic types of the folders that contain typed ones (reference §5c; a relabel of them is
 * recursive, so it takes the typed folders inside along). Any other folder holding a typed one
 * (`~/.ansible`, `~/.config/systemd`) contains it too, with the home's generic type.
 */
export const containingHomeFolders: Record<string, string> = {
  '': 'user_home_dir_t',
  '.config': 'config_home_t',
  '.local': 'gconf_home_t',
  '.local/share': 'data_home_t',
  '.cache': 'cache_home_t',
  '.gnome2': 'gnome_home_t',
};

export interface OrdinaryHomeFolder {
  pattern: string;
  /** The type a few of them have, read only by the user's own programs. */
  type?: string;
  /** Usually holds credentials: `:Z` is preferred over `:z`, which would share them with every container. */
  credentials?: boolean;
}

/** Reference §5c "Ordinary": a relabel is safe for the host. */
export const ordinaryHomeFolders: OrdinaryHomeFolder[] = [
  { pattern: '.aws', credentials: true },
  { pattern: '.kube', credentials: true },
  { pattern: '.docker', credentials: true },
  { pattern: '.config/gcloud', credentials: true },
  // Not named in §5c; the same kind of folder (cloud and registry tokens), so the same advice.
  { pattern: '.azure', credentials: true },
  { pattern: '.config/gh', credentials: true },
  { pattern: '.netrc', credentials: true },
  { pattern: '.git-credentials', credentials: true },
  { pattern: '.npmrc', credentials: true },
  { pattern: '.m2' },
  { pattern: '.cargo' },
  { pattern: '.npm' },
  { pattern: '.gradle' },
  { pattern: '.gitconfig' },
  { pattern: '.config/containers' },
  { pattern: 'Music', type: 'audio_home_t' },
  { pattern: 'Audio', type: 'audio_home_t' },
  { pattern: '.fonts' },
  { pattern: '.cache/thumbnails' },
];

export type HomeFolderVerdict =
  | { kind: 'typed'; folder: string; type: string; harm: string; wayOut?: string }
  | { kind: 'containing'; folder: string; type: string; harm: string; contains: string[] };

const segments = (path: string): string[] => path.split('/').filter(Boolean);

/** A pattern segment as a test: exact text, or a glob whose `*` stays within the segment. */
type SegmentTest = (segment: string) => boolean;

function segmentTest(pattern: string): SegmentTest {
  if (!pattern.includes('*')) return (segment) => segment === pattern;
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*') + '$');
  return (segment) => re.test(segment);
}

/** Patterns compiled once: the analysis asks for every bind of every file. */
const compiled = typedHomeFolders.flatMap((entry) => entry.patterns.map((pattern) => ({ entry, pattern, tests: segments(pattern).map(segmentTest) })));

/** The first `count` segments of `path` pass the pattern's first `count` tests. */
function prefixMatches(tests: SegmentTest[], path: string[], count: number): boolean {
  for (let i = 0; i < count; i++) if (!tests[i](path[i])) return false;
  return true;
}

/** How a home-relative path (`''` for the home itself) stands under reference §5c; undefined when ordinary. */
export function homeFolderVerdict(relative: string): HomeFolderVerdict | undefined {
  const path = segments(relative);
  const contained: { pattern: string; entry: TypedHomeFolder }[] = [];
  for (const { entry, pattern, tests } of compiled) {
    if (path.length >= tests.length && prefixMatches(tests, path, tests.length)) {
      return { kind: 'typed', folder: '~/' + path.slice(0, tests.length).join('/'), type: entry.type, harm: entry.harm, wayOut: entry.wayOut };
    }
    // One pattern per entry is enough to name what the folder holds.
    if (path.length < tests.length && prefixMatches(tests, path, path.length) && !contained.some((c) => c.entry === entry)) contained.push({ pattern, entry });
  }
  if (contained.length === 0) return undefined;
  const folder = path.join('/');
  const contains = contained.map((c) => `~/${c.pattern}`);
  const named = contained.map((c) => `~/${c.pattern} (${c.entry.type})`);
  return {
    kind: 'containing',
    folder: folder ? `~/${folder}` : '~',
    type: containingHomeFolders[folder] ?? 'user_home_t',
    contains,
    harm: `the relabel is recursive and takes ${listed(named)} from ${contains.length === 1 ? 'its own type' : 'their own types'}: ${contained[0].entry.harm}`,
  };
}

function listed(items: string[]): string {
  const shown = items.slice(0, 3);
  return shown.join(', ') + (items.length > shown.length ? ` and ${items.length - shown.length} more` : '');
}

/** The ordinary entry a home-relative path falls in, if any. */
export function ordinaryHomeFolder(relative: string): OrdinaryHomeFolder | undefined {
  const path = segments(relative);
  return ordinaryHomeFolders.find((o) => {
    const p = segments(o.pattern);
    return path.length >= p.length && p.every((segment, i) => segment === path[i]);
  });
}

/** `$XAUTHORITY` as a mount source: the display cookie, wherever the session keeps it (reference §5c). */
export const xauthorityVariable: HomeFolderVerdict = {
  kind: 'typed',
  folder: '$XAUTHORITY',
  type: 'xauth_home_t in a home, a runtime file under /run/user',
  harm: 'it exposes the display cookie (control of your desktop) to containers',
  wayOut: XAUTH_WAY,
};

/** What to do instead of relabelling, in the words of reference §5c. */
export function homeWayOut(verdict: HomeFolderVerdict, service: string): string {
  const disable = `run ${service} with label=disable`;
  if (verdict.kind === 'containing') return `Mount only the subfolder the container needs (such as ${verdict.folder === '~' ? '~/projects/app' : `${verdict.folder}/<app>`}), or ${disable}`;
  if (verdict.wayOut) return verdict.wayOut.replace('{service}', service);
  return `Give the container a folder of its own holding only what it needs, or ${disable}`;
}

/** The words a message uses for the folder: its type and what it holds. */
export function homeReason(verdict: HomeFolderVerdict): string {
  if (verdict.folder === '~') return `a home directory (${verdict.type})`;
  if (verdict.kind === 'containing') return `a home folder (${verdict.type}) that holds folders with types of their own`;
  if (verdict.folder === '$XAUTHORITY') return `the X display cookie (${verdict.type})`;
  return `home content the policy labels ${verdict.type}`;
}
