/**
 * SELinux contexts and MCS levels (reference §6): parsing, category sets, the dominance rule, and
 * the types a container user meets. Pure data and functions; the hover texts build on them.
 */

/** A parsed `user:role:type[:level]`. */
export interface SelinuxContext {
  user: string;
  role: string;
  type: string;
  /** Everything after the third colon (go-selinux `SplitN(label, ":", 4)`); may hold more colons. */
  level?: string;
}

/** One MCS/MLS level: a sensitivity (`s0`) and a set of categories (`c0`…`c1023`). */
export interface McsLevel {
  sensitivity: number;
  /** Sorted, without duplicates. */
  categories: number[];
}

/** `low[-high]`; a single level is a range whose low and high are the same. */
export interface McsRange {
  low: McsLevel;
  high: McsLevel;
}

/** Categories are `c0`…`c1023` (go-selinux `maxCategory = 1024`). */
export const maxCategory = 1023;

/** go-selinux pre-reserves this pair for the mount label of privileged / `label=disable` containers (reference §4, §6). */
export const privilegedLevel = 's0:c1022,c1023';

const word = /^[A-Za-z0-9_.-]+$/;

/** Splits a context the way go-selinux does: three fields, then the rest as the level. */
export function parseContext(text: string): SelinuxContext | undefined {
  const parts = text.split(':');
  if (parts.length < 3) return undefined;
  const [user, role, type] = parts;
  if (![user, role, type].every((p) => word.test(p))) return undefined;
  const level = parts.length > 3 ? parts.slice(3).join(':') : undefined;
  if (level !== undefined && !parseRange(level)) return undefined;
  return { user, role, type, level };
}

/**
 * Expands a category list such as `c0.c3,c7` (a `.` joins the ends of a range) to `[0, 1, 2, 3, 7]`.
 * Undefined when a category is out of `c0`…`c1023` or a range runs backwards.
 */
export function expandCategories(spec: string): number[] | undefined {
  const out = new Set<number>();
  for (const item of spec.split(',')) {
    const m = /^c(\d{1,4})(?:\.c(\d{1,4}))?$/.exec(item);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to > maxCategory || from > to) return undefined;
    for (let c = from; c <= to; c++) out.add(c);
  }
  return [...out].sort((a, b) => a - b);
}

/** Writes categories back in the short form: runs of three or more as `cA.cB`. */
export function formatCategories(categories: readonly number[]): string {
  const sorted = [...new Set(categories)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    if (j - i >= 2) parts.push(`c${sorted[i]}.c${sorted[j]}`);
    else for (let k = i; k <= j; k++) parts.push(`c${sorted[k]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function formatLevel(level: McsLevel): string {
  return level.categories.length > 0 ? `s${level.sensitivity}:${formatCategories(level.categories)}` : `s${level.sensitivity}`;
}

/** Parses one level: `s0`, `s0:c324,c837`, `s0:c0.c1023`. */
export function parseLevel(text: string): McsLevel | undefined {
  const m = /^s(\d{1,3})(?::(.+))?$/.exec(text);
  if (!m) return undefined;
  const categories = m[2] === undefined ? [] : expandCategories(m[2]);
  return categories && { sensitivity: Number(m[1]), categories };
}

/** Parses a level or a `low-high` range such as `s0-s0:c0.c1023`. */
export function parseRange(text: string): McsRange | undefined {
  const dash = text.indexOf('-');
  const low = parseLevel(dash < 0 ? text : text.slice(0, dash));
  const high = dash < 0 ? low : parseLevel(text.slice(dash + 1));
  if (!low || !high || !dominates(high, low)) return undefined;
  return { low, high };
}

function asLevel(level: McsLevel | McsRange | string): McsLevel | undefined {
  if (typeof level === 'string') return parseRange(level)?.high;
  return 'high' in level ? level.high : level;
}

/**
 * `a` dominates `b` when its sensitivity is at least `b`'s and it holds every category of `b`. For a
 * range, its high level counts. This is the general MLS/MCS rule (not spelled out in the reference,
 * which states the container case it decides: §6 "MCS rule").
 */
export function dominates(a: McsLevel | McsRange | string, b: McsLevel | McsRange | string): boolean {
  const x = asLevel(a);
  const y = asLevel(b);
  if (!x || !y || x.sensitivity < y.sensitivity) return false;
  const held = new Set(x.categories);
  return y.categories.every((c) => held.has(c));
}

export interface McsVerdict {
  allowed: boolean;
  /** The file's categories the process does not hold. */
  missing: number[];
}

/**
 * Whether an MCS-constrained process (`container_t`) at `process` may use a file at `file`
 * (reference §6: a process at `s0:c1,c2` may use content at plain `s0` or with its own categories,
 * not `s0:c3,c4`). Decided by dominance; levels that do not parse are not judged (allowed).
 */
export function mcsAllows(process: McsLevel | McsRange | string, file: McsLevel | McsRange | string): McsVerdict {
  const p = asLevel(process);
  const f = asLevel(file);
  if (!p || !f) return { allowed: true, missing: [] };
  const held = new Set(p.categories);
  const missing = f.categories.filter((c) => !held.has(c));
  return { allowed: missing.length === 0 && p.sensitivity >= f.sensitivity, missing };
}

export interface TypeInfo {
  /** One line, modest. */
  meaning: string;
  /** The current name when this one is an old alias. */
  aliasOf?: string;
}

/**
 * Types a container user meets. Container types and aliases: reference §5b, §6 (container-selinux,
 * Fedora `virt.te`). The host types (`user_home_t`, `etc_t`, …) and process domains are general
 * SELinux knowledge of the targeted policy, kept to what their names say.
 */
export const knownTypes: Readonly<Record<string, TypeInfo>> = {
  container_t: { meaning: 'a confined container process, the default for containers; MCS-constrained: it may only use files at plain `s0` or with its own categories' },
  container_init_t: { meaning: 'a container process run with `label=type:container_init_t` (the `init_process` type, for an init system such as systemd inside the container)' },
  container_kvm_t: { meaning: 'the `kvm_process` type of container-selinux, for containers that run virtual machines' },
  container_engine_t: { meaning: 'the `engine_process` type of container-selinux, for a container engine running inside a container' },
  container_file_t: { meaning: 'content a confined container may read and write; `:z` writes it at `s0`, `:Z` with the container\'s own categories' },
  container_ro_file_t: { meaning: 'content a confined container may only read' },
  spc_t: { meaning: '"super privileged container": unconfined; what privileged and `label=disable` containers run as' },
  container_var_run_t: { meaning: 'the engine\'s runtime files, such as `/run/docker.sock`' },
  container_var_lib_t: { meaning: 'the engine\'s storage, such as `/var/lib/docker`' },
  container_runtime_t: { meaning: 'the container engine daemon process' },
  virt_var_lib_t: { meaning: 'libvirt\'s state type (the lxc `content` label)' },
  svirt_lxc_net_t: { meaning: 'old name of `container_t`', aliasOf: 'container_t' },
  svirt_sandbox_file_t: { meaning: 'old name of `container_file_t`', aliasOf: 'container_file_t' },
  svirt_lxc_file_t: { meaning: 'old name of `container_file_t`', aliasOf: 'container_file_t' },
  container_share_t: { meaning: 'old name of `container_ro_file_t`', aliasOf: 'container_ro_file_t' },
  docker_share_t: { meaning: 'old name of `container_ro_file_t`', aliasOf: 'container_ro_file_t' },
  docker_t: { meaning: 'old name of `container_runtime_t`', aliasOf: 'container_runtime_t' },
  docker_var_lib_t: { meaning: 'old name of `container_var_lib_t`', aliasOf: 'container_var_lib_t' },
  docker_var_run_t: { meaning: 'old name of `container_var_run_t`', aliasOf: 'container_var_run_t' },
  user_home_t: { meaning: 'files in a user\'s home directory' },
  user_home_dir_t: { meaning: 'a user\'s home directory itself (`/home/<user>`)' },
  home_root_t: { meaning: '`/home` itself' },
  admin_home_t: { meaning: 'root\'s home directory (`/root`)' },
  ssh_home_t: { meaning: 'a user\'s `~/.ssh`, read by the SSH daemon' },
  default_t: { meaning: 'files the policy has no more specific label for, e.g. a directory made at the top level like `/data`' },
  etc_t: { meaning: 'configuration files under `/etc`' },
  usr_t: { meaning: 'files under `/usr` (and `/opt`) with no more specific type' },
  var_t: { meaning: 'files under `/var` with no more specific type' },
  var_lib_t: { meaning: 'state under `/var/lib` with no more specific type' },
  var_log_t: { meaning: 'log files under `/var/log`' },
  var_run_t: { meaning: 'runtime files under `/run`' },
  tmp_t: { meaning: 'files in `/tmp`' },
  mnt_t: { meaning: 'mount points such as `/mnt`, `/media`' },
  unlabeled_t: { meaning: 'files with no SELinux label at all' },
  unconfined_t: { meaning: 'an unconfined login user\'s processes (shells and what they start): few SELinux limits' },
  init_t: { meaning: 'systemd (PID 1)' },
  kernel_t: { meaning: 'kernel threads' },
  sshd_t: { meaning: 'the SSH daemon' },
  httpd_t: { meaning: 'a web server on the host (Apache, nginx)' },
};

/** Process types of container-selinux that MCS separates (reference §6 names `container_t`; the others share its domain template). */
const containerDomains = new Set(['container_t', 'container_init_t', 'container_kvm_t']);
const containerFileTypes = new Set(['container_file_t']);

export function typeInfo(type: string): TypeInfo | undefined {
  return Object.hasOwn(knownTypes, type) ? knownTypes[type] : undefined;
}

/** Resolves an old alias (`svirt_sandbox_file_t`) to the current type (`container_file_t`). */
export function canonicalType(type: string): string {
  return typeInfo(type)?.aliasOf ?? type;
}

/** A confined, MCS-separated container process type (`container_t` or its alias, `container_init_t`, `container_kvm_t`). */
export function isContainerDomain(type: string): boolean {
  return containerDomains.has(canonicalType(type));
}

/** `container_file_t` or one of its old names: content a confined container may read and write. */
export function isContainerFileType(type: string): boolean {
  return containerFileTypes.has(canonicalType(type));
}

/** SELinux users and roles (general knowledge of the targeted policy, one line each). */
export const knownUsers: Readonly<Record<string, string>> = {
  system_u: 'the SELinux user of system processes and of most system files',
  unconfined_u: 'the SELinux user of an unconfined login user; files they create carry it',
  staff_u: 'a confined staff login user',
  user_u: 'a confined login user',
  sysadm_u: 'an administrator login user',
  root: 'the SELinux user of root on older policies',
};

export const knownRoles: Readonly<Record<string, string>> = {
  object_r: 'the role every file and other object has',
  system_r: 'the role of system processes and services',
  unconfined_r: 'the role of an unconfined login user',
  staff_r: 'the role of a confined staff user',
  sysadm_r: 'the administrator role',
  user_r: 'the role of a confined login user',
};
