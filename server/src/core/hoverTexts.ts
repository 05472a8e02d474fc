/**
 * Hover texts, written with the mount's own paths (facts: reference §0, §3f, §4, §5, §6). Markdown;
 * `toPlainText` turns them into plain text for clients that do not take markdown.
 */
import { homeWayOut } from './homeFolders';
import type { ContainerRun, Mount, Relabel } from './model';
import { holdsCredentials, ordinaryHome, type Sensitivity } from './paths';

/** An example pair; the engine picks two random categories per container. */
const samplePair = 's0:c324,c837';

/** The label a host path most likely has before any relabel (what the denial will name). */
export function likelyHostType(path: string): string {
  if (/^(~|\/home\/|\/root\b)/.test(path)) return 'user_home_t';
  if (/^\.|^[^/$~\\]/.test(path)) return 'user_home_t'; // Relative: a project checkout, usually in a home.
  const byPrefix: [RegExp, string][] = [
    [/^\/etc\b/, 'etc_t'],
    [/^\/var\/lib\b/, 'var_lib_t'],
    [/^\/var\/log\b/, 'var_log_t'],
    [/^\/(var\/)?run\b/, 'var_run_t'],
    [/^\/tmp\b/, 'tmp_t'],
    [/^\/(usr|opt)\b/, 'usr_t'],
    [/^\/(mnt|media)\b/, 'mnt_t'],
    [/^\/srv\b/, 'var_t'],
    [/^\/var\b/, 'var_t'],
  ];
  return byPrefix.find(([re]) => re.test(path))?.[1] ?? 'default_t';
}

function code(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}

export function relabelHover(run: ContainerRun, mount: Mount, relabel: Relabel, sensitive?: Sensitivity): string {
  const src = mount.source?.text ?? '?';
  const level = run.labeling.disabled ? 's0:c1022,c1023' : run.labeling.level ?? samplePair;
  const lines = [
    relabel === 'z'
      ? `**\`z\` — shared SELinux label.** Before ${run.name} starts, the engine relabels ${code(src)} on the host to ${code('system_u:object_r:container_file_t:s0')}.`
      : `**\`Z\` — private SELinux label.** Before ${run.name} starts, the engine relabels ${code(src)} on the host to ${code(`system_u:object_r:container_file_t:${level}`)}: this container's own MCS categories.`,
    '',
    '| | `z` (shared) | `Z` (private) |',
    '|---|---|---|',
    '| label written | `container_file_t:s0` | `container_file_t:s0:cA,cB` (this container\'s pair) |',
    '| who can use it | every confined container | only processes holding cA,cB (this container, its pod, or containers given the same `label=level:`) |',
    '| risk | every container may write it | another container that mounts it with `:Z` takes it away |',
    '',
    'An MCS level such as `s0:c324,c837` is a sensitivity (`s0`) and a set of categories out of `c0`–`c1023`. Each confined container (`container_t`) gets two random categories; it may use files whose level is plain `s0` or carries exactly its own pair.',
    '',
    'The relabel is **recursive** and changes the **host files themselves**; docker repeats it on every start (podman skips it when the top label already matches), so a large tree slows every start. Undo it with ' +
      code(`restorecon -R -F ${src}`) + ' (`-F` is needed: `container_file_t` is a customizable type).',
  ];
  if (run.labeling.disabled) {
    lines.push('', `Labeling is off for ${run.name} (${run.labeling.reason}): the relabel is not needed, yet still runs — with \`Z\` the files get \`s0:c1022,c1023\`, which no confined container can use.`);
  }
  if (sensitive?.home) {
    lines.push('', `⚠ ${code(src)} is ${sensitive.reason}, and the relabel takes that type away: ${sensitive.home.harm}. ${homeWayOut(sensitive.home, run.name)}.`);
  } else if (sensitive) {
    lines.push('', `⚠ ${code(src)} is ${sensitive.reason}: relabelling it takes it away from the host programs that use it.${sensitive.refused ? ` The engine refuses: \`SELinux relabeling of ${src} is not allowed\`.` : ''}`);
  }
  return lines.join('\n');
}

export function bindHover(run: ContainerRun, mount: Mount, sensitive?: Sensitivity): string {
  const src = mount.source?.text ?? '?';
  const path = mount.source?.path ?? src;
  const target = mount.target?.text ?? '?';
  // A home folder of reference §5c carries its own type (except `$XAUTHORITY`, which may be anywhere).
  const home = sensitive?.home;
  const ordinary = ordinaryHome(path);
  const hostType = home && !home.folder.startsWith('$') ? home.type : (ordinary?.type ?? likelyHostType(path));
  const name = path.replace(/\/+$/, '').replace(/^.*\//, '') || path;
  // Where the path came from when the file does not write it (a `.env` value, a quadlet `.volume` unit's `Device=`).
  const from = mount.source?.valueFrom ? ` (${mount.source.valueFrom})` : '';
  const lines = [`**Host bind mount** ${code(src)}${from} → ${code(target)} in ${run.name}.`, ''];
  if (mount.relabels.length > 0) {
    lines.push(`Relabelled with \`${mount.relabels[0].word}\`: hover the option for what it writes.`);
    return lines.join('\n');
  }
  if (run.labeling.disabled) {
    lines.push(`Labeling is off for ${run.name} (${run.labeling.reason}): it runs unconfined (\`spc_t\`), so SELinux does not stop it from using ${code(src)}, and no relabel is needed.`);
    return lines.join('\n');
  }
  lines.push(
    `With no \`:z\`/\`:Z\`, ${code(src)} keeps its host label (likely \`${hostType}\`). The container runs as \`container_t\` with its own MCS level (e.g. \`${samplePair}\`), and the policy lets it use only \`container_file_t\` content, so its first access fails with \`Permission denied\` and the audit log shows:`,
    '',
    '```',
    `type=AVC msg=audit(…): avc:  denied  { read } for  pid=… comm="…" name="${name}" scontext=system_u:system_r:container_t:${samplePair} tcontext=unconfined_u:object_r:${hostType}:s0 tclass=dir permissive=0`,
    '```',
    '',
    `Confirm on the host: ${code(`ls -ldZ ${path}`)} (the file's label), ${code(`docker inspect -f '{{ .ProcessLabel }}' <container>`)} or \`ps -eZ\` (the container's label), \`ausearch -m avc -ts recent\` (the denials).`,
  );
  if (home && sensitive) {
    lines.push('', `⚠ ${code(src)} is ${sensitive.reason}: do not relabel it, since ${home.harm}. ${homeWayOut(home, run.name)}.`);
  } else if (sensitive) {
    lines.push('', `⚠ ${code(src)} is ${sensitive.reason}: do not relabel it. Run ${run.name} with \`security_opt: [label=disable]\`, or mount a directory of its own.`);
  } else if (ordinary?.type) {
    lines.push('', `${code(src)} has a type of its own (\`${ordinary.type}\`), read only by your own programs: a relabel is safe for the host (reference §5c). Fix: \`:Z\` if only this container uses it, \`:z\` if several do.`);
  } else if (holdsCredentials(path)) {
    lines.push('', `Fix: \`:Z\` (with \`:ro\` where the container only reads): ${code(src)} usually holds credentials, and \`:z\` would let every confined container read them.`);
  } else {
    lines.push('', `Fix: \`:Z\` if only this container uses it, \`:z\` if several do.`);
  }
  return lines.join('\n');
}

const labelOptionTexts: [RegExp, (value: string) => string][] = [
  [/^disable$/, () => 'Turns SELinux separation off for this container: it runs as the unconfined `spc_t`, so bind mounts need no relabel — and nothing confines it. `:z`/`:Z` on its mounts still relabel the host files.'],
  [/^level:(.*)$/, (v) => `Runs the container at MCS level \`${v}\` instead of a random pair, and labels its \`:Z\` mounts with it. Containers given the same level share \`:Z\` content. The level is reserved, not checked for uniqueness.`],
  [/^type:(.*)$/, (v) => `Runs the container process as type \`${v}\` instead of \`container_t\` (e.g. \`spc_t\` is unconfined, \`container_init_t\` for systemd).`],
  [/^user:(.*)$/, (v) => `Sets the SELinux user \`${v}\` of the container process and its mount label.`],
  [/^role:(.*)$/, (v) => `Sets the SELinux role \`${v}\` of the container process.`],
  [/^filetype:(.*)$/, (v) => `Sets the file type \`${v}\` that the container's mount label (and \`:z\`/\`:Z\` relabels) use instead of \`container_file_t\`.`],
  [/^nested$/, () => 'Podman only: lets processes inside the container set SELinux labels (as far as policy allows), by exposing `/sys/fs/selinux`.'],
];

/** Quadlet's keys for the same options (podman-container.unit.5). */
const quadletKeys: Record<string, (value: string) => string | undefined> = {
  SecurityLabelDisable: (v) => (/^(true|yes|1|on)$/i.test(v) ? 'disable' : undefined),
  SecurityLabelLevel: (v) => `level:${v}`,
  SecurityLabelType: (v) => `type:${v}`,
  SecurityLabelFileType: (v) => `filetype:${v}`,
  SecurityLabelNested: (v) => (/^(true|yes|1|on)$/i.test(v) ? 'nested' : undefined),
};

/** Hover over what turns labeling off: `privileged`, host namespaces. */
export function labelingOffHover(reason: string): string | undefined {
  if (/privileged/.test(reason)) {
    return `**\`${reason}\`** turns SELinux separation off along with the other protections: the process runs unconfined (\`spc_t\`), so bind mounts need no relabel. Docker always runs a privileged container unconfined; podman keeps an explicit \`label=\` option. \`:z\`/\`:Z\` on its mounts still relabel the host files (\`Z\` to \`s0:c1022,c1023\`).`;
  }
  if (/pid|ipc/.test(reason)) {
    return `**\`${reason}\`** shares a host namespace, so the engine turns labeling off (the process runs as \`spc_t\`) unless a \`label=\` option is given.`;
  }
  return undefined;
}

export function labelOptionHover(option: string): string | undefined {
  const quadlet = /^(SecurityLabel\w+)=(.*)$/.exec(option);
  if (quadlet) {
    const value = quadletKeys[quadlet[1]]?.(quadlet[2]);
    const inner = value ? labelOptionHover(`label=${value}`) : undefined;
    return inner && `**\`${option}\`** is quadlet's \`--security-opt label=${value}\`.\n\n${inner}`;
  }
  const value = option.replace(/^label[=:]/, '');
  for (const [re, text] of labelOptionTexts) {
    const m = re.exec(value);
    if (m) return `**\`${option}\`** — ${text(m[1] ?? '')}${option.startsWith('label:') ? '\n\nThe `label:` spelling is deprecated in docker; `label=` is the current one.' : ''}`;
  }
  return undefined;
}

/** Markdown → plain text: drops emphasis and code marks, keeps fenced blocks' content. */
export function toPlainText(markdown: string): string {
  return markdown
    .split('\n')
    .filter((l) => !/^```/.test(l) && !/^\|---/.test(l))
    .map((l) => l.replace(/\*\*/g, '').replace(/`/g, '').replace(/^\|(.*)\|$/, (_, row: string) => row.split('|').map((c) => c.trim()).filter(Boolean).join(' — ')))
    .join('\n');
}
