/**
 * What goes wrong inside images, as data shared by the rules and the hover (reference §7, §8).
 */

/** What each SELinux tool does in a build container, where SELinux looks disabled. */
export const buildTools: Readonly<Record<string, string>> = {
  setenforce: 'prints "setenforce: SELinux is disabled" and exits 1, so this step fails the build',
  restorecon: 'exits 0 without doing anything when SELinux looks disabled, so no label changes',
  chcon: 'fails ("failed to change context"): the image root is mounted with a fixed context= label and container_t may not relabel files',
  semanage: 'edits a policy store inside the image that the host never loads: the host\'s policy alone decides labels',
  load_policy: 'cannot load a policy from inside a container: the host\'s policy alone applies',
  fixfiles: 'relabels nothing in a container, where SELinux looks disabled',
};

/** Base images whose libselinux predates 2.1.1. */
export const oldLibselinuxImage = /^(?:(?:docker\.io\/)?(?:library\/)?)(?:centos:(?:centos)?6(?:\.\d+)?|ubuntu:(?:12\.04(?:\.\d+)?|precise(?:-\d+)?))$/;

export function buildToolHover(tool: string): string | undefined {
  const effect = buildTools[tool];
  if (!effect) return undefined;
  return [
    `**\`${tool}\` in a build step** ${effect}.`,
    '',
    'Inside a container SELinux looks disabled: podman masks `/sys/fs/selinux` and docker mounts `/sys` read-only, so libselinux finds no usable selinuxfs. Labels baked into image layers do not matter either: the engine mounts the root file system with the container\'s own `context=` label.',
    '',
    'Labels containers need are set on the **host**: `:z`/`:Z` on the mount, or `chcon -Rt container_file_t PATH` / `semanage fcontext` + `restorecon` there; podman\'s `label=nested` lets a container set labels where policy allows.',
  ].join('\n');
}

export function oldImageHover(image: string): string {
  return [
    `**\`${image}\` ships a libselinux older than 2.1.1.**`,
    '',
    'Before 2.1.1, `is_selinux_enabled()` fell back to reading `/proc/filesystems` when it found no selinuxfs mount. In a container that file is the host kernel\'s and lists `selinuxfs`, and `getcon()` returns the container\'s label, so the tools inside think SELinux is **on** although the image has no policy.',
    '',
    '| symptom | |',
    '|---|---|',
    '| sshd logins close | `ssh_selinux_getctxbyname: Failed to get default SELinux security context for root` |',
    '| user tools fail | `useradd: failure while writing changes to /etc/passwd`, `vipw: setfscreatecon () failed` |',
    '| `id -Z` | prints a context inside the container |',
    '',
    'The way out: a newer base image (CentOS 7 and Ubuntu 14.04 behave), or an updated libselinux in the image (RHEL 6 errata). Libselinux 2.1.1 and later treat a read-only selinuxfs as "disabled", which is what the engines give containers.',
  ].join('\n');
}
