/**
 * The words a short-syntax mount's option list takes (`SRC:DST:OPT,OPT`), by engine, each with one
 * line of documentation (reference §1a docker, §1b podman, §9a quadlet `Volume=`). Words of one
 * class exclude each other: the engines reject a second one.
 */

export type OptionEngine = 'docker' | 'podman';

export interface MountOptionWord {
  word: string;
  /** Words of the same class exclude each other. */
  group: string;
  /** Engines that accept the word. */
  engines: readonly OptionEngine[];
  doc: string;
}

const both: readonly OptionEngine[] = ['docker', 'podman'];
const podman: readonly OptionEngine[] = ['podman'];
const docker: readonly OptionEngine[] = ['docker'];

export const mountOptionWords: readonly MountOptionWord[] = [
  { word: 'z', group: 'label', engines: both, doc: 'Relabel the host path with the shared container label (container_file_t:s0): every container may use it.' },
  { word: 'Z', group: 'label', engines: both, doc: "Relabel the host path with this container's private MCS label: only this container may use it." },
  { word: 'ro', group: 'rw', engines: both, doc: 'Read-only mount.' },
  { word: 'rw', group: 'rw', engines: both, doc: 'Read-write mount (the default).' },
  { word: 'O', group: 'label', engines: podman, doc: 'Overlay mount: writes go to a temporary upper layer; the source is not relabelled (podman).' },
  { word: 'U', group: 'chown', engines: podman, doc: "Chown the source recursively to the container's user (podman)." },
  { word: 'nocopy', group: 'copy', engines: both, doc: "Do not copy the image's content at the target into a new volume." },
  { word: 'copy', group: 'copy', engines: podman, doc: "Copy the image's content at the target into a new volume (podman's default)." },
  { word: 'rprivate', group: 'propagation', engines: both, doc: 'Mount propagation: recursive private (the default for binds).' },
  { word: 'private', group: 'propagation', engines: both, doc: 'Mount propagation: private.' },
  { word: 'rshared', group: 'propagation', engines: both, doc: 'Mount propagation: recursive shared, mounts propagate both ways.' },
  { word: 'shared', group: 'propagation', engines: both, doc: 'Mount propagation: shared.' },
  { word: 'rslave', group: 'propagation', engines: both, doc: 'Mount propagation: recursive slave, host mounts propagate into the container.' },
  { word: 'slave', group: 'propagation', engines: both, doc: 'Mount propagation: slave.' },
  { word: 'runbindable', group: 'propagation', engines: podman, doc: 'Mount propagation: recursive unbindable (podman).' },
  { word: 'unbindable', group: 'propagation', engines: podman, doc: 'Mount propagation: unbindable (podman).' },
  { word: 'noexec', group: 'exec', engines: podman, doc: 'Programs on the mount may not be executed (podman).' },
  { word: 'exec', group: 'exec', engines: podman, doc: 'Programs on the mount may be executed (podman).' },
  { word: 'nodev', group: 'dev', engines: podman, doc: 'Device files on the mount are not usable (podman).' },
  { word: 'dev', group: 'dev', engines: podman, doc: 'Device files on the mount are usable (podman).' },
  { word: 'nosuid', group: 'suid', engines: podman, doc: 'Set-user-ID bits on the mount are ignored (podman).' },
  { word: 'suid', group: 'suid', engines: podman, doc: 'Set-user-ID bits on the mount are honoured (podman).' },
  { word: 'rbind', group: 'bind', engines: podman, doc: 'Recursive bind: mounts below the source come along (podman default).' },
  { word: 'bind', group: 'bind', engines: podman, doc: 'Non-recursive bind: mounts below the source are not included (podman).' },
  { word: 'idmap', group: 'idmap', engines: podman, doc: "ID-mapped mount: the source's owners are mapped into the user namespace (podman)." },
  { word: 'nocreate', group: 'nocreate', engines: podman, doc: 'Fail instead of creating a missing named volume (podman).' },
  { word: 'cached', group: 'consistency', engines: docker, doc: 'Consistency hint for Docker Desktop on macOS; ignored on Linux.' },
  { word: 'delegated', group: 'consistency', engines: docker, doc: 'Consistency hint for Docker Desktop on macOS; ignored on Linux.' },
  { word: 'consistent', group: 'consistency', engines: docker, doc: 'Consistency hint for Docker Desktop on macOS; ignored on Linux (podman rejects it).' },
];

/** `label=` values of `--security-opt` / `security_opt` (reference §3f, §6). */
export const labelValues: readonly { value: string; doc: string; podmanOnly?: boolean }[] = [
  { value: 'disable', doc: 'Turn SELinux separation off for this container: it runs unconfined (spc_t) and bind mounts need no relabel.' },
  { value: 'level:', doc: 'The MCS level of the process and of :Z mounts, e.g. level:s0:c100,c200; containers given the same level share :Z content.' },
  { value: 'type:', doc: 'The process type, e.g. type:spc_t (unconfined) or type:container_init_t.' },
  { value: 'filetype:', doc: 'The type that :z/:Z relabels write to the mounted content (default container_file_t).' },
  { value: 'user:', doc: 'The SELinux user of the process and its mounts (default system_u).' },
  { value: 'role:', doc: 'The SELinux role of the process (default system_r).' },
  { value: 'nested', doc: 'podman only: lets processes inside set labels where the policy allows (mounts /sys/fs/selinux).', podmanOnly: true },
];

/** Quadlet `[Container]` keys about SELinux labels (reference §9a). */
export const quadletLabelKeys: readonly { key: string; doc: string }[] = [
  { key: 'SecurityLabelDisable', doc: 'true: turn SELinux separation off (--security-opt label=disable); bind mounts then need no relabel.' },
  { key: 'SecurityLabelType', doc: 'The process type (--security-opt label=type:...), e.g. spc_t.' },
  { key: 'SecurityLabelLevel', doc: 'The MCS level (--security-opt label=level:...), e.g. s0:c100,c200.' },
  { key: 'SecurityLabelFileType', doc: 'The type relabelled content gets (--security-opt label=filetype:...).' },
  { key: 'SecurityLabelNested', doc: 'true: processes inside may set labels where the policy allows (--security-opt label=nested).' },
];
