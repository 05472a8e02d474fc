/**
 * Hover on an audit record: an AVC denial explained in plain words, and the SYSCALL, PATH, CWD and
 * PROCTITLE records of the same event. Facts about containers: reference §0, §4, §5b, §6, §10;
 * what an AVC record, `permissive=1`, `USER_AVC` and errno values mean is general Linux audit and
 * SELinux knowledge (marked where used).
 */
import { toPlainText } from '../hoverTexts';
import type { Span } from '../model';
import { canonicalType, isContainerDomain, isContainerFileType, mcsAllows, privilegedLevel, typeInfo } from '../selinux/context';
import { eventOf, fieldOf, lineAt, parseAuditLine, type AuditRecord, type Avc } from './parse';

export interface AuditHover {
  /** Markdown when asked for, else plain text. */
  contents: string;
  /** The record's line. */
  span: Span;
}

/**
 * Why a denial happened:
 * - `type-enforcement`: a container process and a target type it may not use (not `container_file_t`);
 * - `mcs`: `container_file_t`, but with categories the process does not hold;
 * - `engine-socket`: the engine daemon or its socket (reference §5b);
 * - `host-lost-access`: a host program denied `container_file_t` content, i.e. a relabel took it away;
 * - `labels-match`: a container, `container_file_t` within its categories: not a label problem;
 * - `not-container`: neither side is a container type.
 */
export type DenialKind = 'type-enforcement' | 'mcs' | 'engine-socket' | 'host-lost-access' | 'labels-match' | 'not-container';

export interface Diagnosis {
  kind: DenialKind;
  /** The source is a confined container domain (`container_t` and kin). */
  container: boolean;
  /** The target's categories the process does not hold. */
  missing: number[];
}

/** Permissions that change content (general SELinux permission names); `container_ro_file_t` denies them. */
const writePermissions = new Set(['write', 'append', 'create', 'add_name', 'remove_name', 'unlink', 'rename', 'setattr', 'link', 'rmdir', 'reparent']);

/** Decides what kind of denial `avc` is by comparing its source and target labels. */
export function diagnoseDenial(avc: Avc): Diagnosis | undefined {
  const s = avc.scontext?.context;
  const t = avc.tcontext?.context;
  if (!s || !t) return undefined;
  const container = isContainerDomain(s.type);
  const mcs = s.level !== undefined && t.level !== undefined ? mcsAllows(s.level, t.level) : { allowed: true, missing: [] };
  const missing = container ? mcs.missing : [];
  const target = canonicalType(t.type);
  if (!container) return { kind: isContainerFileType(t.type) ? 'host-lost-access' : 'not-container', container, missing };
  if (target === 'container_runtime_t' || target === 'container_var_run_t') return { kind: 'engine-socket', container, missing };
  const typeAllowed = isContainerFileType(t.type) || (target === 'container_ro_file_t' && !avc.permissions.some((p) => writePermissions.has(p)));
  if (!typeAllowed) return { kind: 'type-enforcement', container, missing };
  return { kind: mcs.allowed ? 'labels-match' : 'mcs', container, missing };
}

function code(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}

const classWords: Record<string, string> = {
  dir: 'a directory',
  file: 'a file',
  lnk_file: 'a symbolic link',
  chr_file: 'a character device',
  blk_file: 'a block device',
  sock_file: 'a socket file',
  fifo_file: 'a named pipe',
  unix_stream_socket: 'a Unix stream socket',
  unix_dgram_socket: 'a Unix datagram socket',
  tcp_socket: 'a TCP socket',
  udp_socket: 'a UDP socket',
  process: 'a process',
  filesystem: 'a filesystem',
  capability: 'a capability',
};

function classWord(tclass: string | undefined): string {
  if (!tclass) return 'an object';
  return `${classWords[tclass] ?? 'an object'} (${code(tclass)})`;
}

function typeNote(type: string): string {
  const info = typeInfo(type);
  return info ? ` (${info.aliasOf ? `old name of \`${info.aliasOf}\`: ${typeInfo(info.aliasOf)?.meaning}` : info.meaning})` : '';
}

function cats(n: number[]): string {
  return n.map((c) => code(`c${c}`)).join(', ');
}

function categoriesOf(level: string | undefined): string {
  const m = level ? /^s\d+:([^-]*)/.exec(level) : null;
  return m ? m[1] : '';
}

function when(record: AuditRecord): string {
  const { seconds, serial, text } = record.stamp;
  const time = seconds === undefined ? text.slice(0, text.lastIndexOf(':')) : new Date(seconds * 1000).toISOString().replace('T', ' ').replace('Z', ' UTC');
  return `${time}, event ${serial}`;
}

function basename(path: string): string {
  return path.replace(/\/+$/, '').replace(/^.*\//, '');
}

/** The target's path: the AVC's `path=`, else the PATH record of the same event that carries the target label. */
function targetPath(avc: Avc, event: AuditRecord[]): string | undefined {
  const direct = fieldOf(avc.fields, 'path');
  if (direct) return direct;
  const name = fieldOf(avc.fields, 'name');
  const labelled = event.filter((r) => r.type === 'PATH' && fieldOf(r.fields, 'obj') === avc.tcontext?.text);
  const item = labelled.find((r) => name !== undefined && basename(fieldOf(r.fields, 'name') ?? '') === name) ?? labelled[0];
  let path = item && fieldOf(item.fields, 'name');
  if (path && !path.startsWith('/')) {
    const cwd = event.find((r) => r.type === 'CWD');
    const dir = cwd && fieldOf(cwd.fields, 'cwd');
    if (dir) path = `${dir.replace(/\/+$/, '')}/${path}`;
  }
  return path;
}

/** errno values a denial produces (general Linux knowledge). */
const errnos: Record<string, string> = { '-13': 'EACCES, permission denied', '-1': 'EPERM, operation not permitted' };

function explainDenial(record: AuditRecord, avc: Avc, event: AuditRecord[]): string {
  const s = avc.scontext?.context;
  const t = avc.tcontext?.context;
  const diagnosis = diagnoseDenial(avc);
  const syscall = event.find((r) => r.type === 'SYSCALL');
  const proctitle = event.find((r) => r.type === 'PROCTITLE');
  const comm = fieldOf(avc.fields, 'comm') ?? (syscall && fieldOf(syscall.fields, 'comm'));
  const pid = fieldOf(avc.fields, 'pid') ?? (syscall && fieldOf(syscall.fields, 'pid'));
  // In a USER_AVC, `exe` names the program that reported the denial, not the subject.
  const userspace = record.type === 'USER_AVC';
  const reporter = fieldOf(avc.fields, 'exe') ?? fieldOf(record.fields, 'exe');
  const exe = userspace ? undefined : (fieldOf(avc.fields, 'exe') ?? (syscall && fieldOf(syscall.fields, 'exe')));
  const name = fieldOf(avc.fields, 'name');
  const path = targetPath(avc, event);
  const ino = fieldOf(avc.fields, 'ino');
  const dev = fieldOf(avc.fields, 'dev');
  const perms = avc.permissions.map(code).join(', ');
  const kindTitle: Record<DenialKind, string> = {
    'type-enforcement': 'type enforcement',
    mcs: 'MCS mismatch',
    'engine-socket': 'the container engine',
    'host-lost-access': 'a host program denied container content',
    'labels-match': 'labels match',
    'not-container': 'type enforcement or another rule',
  };
  const denied = avc.result === 'denied';
  const title = `**SELinux ${denied ? 'denied' : 'granted'}** ${comm ? code(comm) : 'a process'}: ${perms} on ${classWord(avc.tclass)}${denied && diagnosis ? ` — **${kindTitle[diagnosis.kind]}**` : ''}`;
  const lines = [title, ''];
  if (s && t) {
    lines.push(
      '| | process (source) | target |',
      '|---|---|---|',
      `| type | ${code(s.type)} | ${code(t.type)} |`,
      `| level | ${code(s.level ?? '—')} | ${code(t.level ?? '—')} |`,
      `| context | ${code(avc.scontext!.text)} | ${code(avc.tcontext!.text)} |`,
      '',
    );
  }
  const who = [pid && `pid ${pid}`, exe && code(exe)].filter(Boolean).join(', ');
  const cmdline = proctitle && fieldOf(proctitle.fields, 'proctitle');
  lines.push(
    `- **Who:** ${comm ? code(comm) : 'a process'}${who ? ` (${who})` : ''}${s ? `, running as ${code(s.type)}${s.level ? ` at ${code(s.level)}` : ''}${typeNote(s.type)}` : ''}.${cmdline ? ` Command line: ${code(cmdline)}.` : ''}`,
  );
  lines.push(`- **Tried:** ${perms || 'an access'} on ${classWord(avc.tclass)}.`);
  const where = [ino && `inode ${ino}`, dev && `on ${code(dev)}`].filter(Boolean).join(' ');
  const what = path ? code(path) : name ? code(name) : 'the target';
  lines.push(
    `- **On:** ${what}${where ? ` (${where})` : ''}${t ? `, type ${code(t.type)}${t.level ? ` at ${code(t.level)}` : ''}${typeNote(t.type)}` : ''}.` +
      // General knowledge: audit logs the path the process used, i.e. the one in its mount namespace.
      (path && diagnosis?.container ? ' The path is as the process saw it: inside the container.' : ''),
  );
  if (userspace) {
    // General knowledge: USER_AVC comes from a userspace object manager (systemd, dbus), not the kernel.
    lines.push(`- **Reported by** a program that enforces SELinux itself${reporter ? ` (${code(reporter)})` : ''}, not by the kernel.`);
  }
  if (!denied) {
    // General knowledge: `avc: granted` records an access the policy asked to audit (auditallow).
    lines.push('', 'This records an access that was **granted**: the policy asks for it to be logged. Nothing failed.');
  } else if (s && t && diagnosis) {
    lines.push(...whyAndFix(diagnosis, avc, s.type, t.type, s.level, t.level, name ?? path));
  }
  if (denied && avc.permissive) {
    // General knowledge: permissive=1 means the domain or the whole system was permissive.
    lines.push('', '**Only logged** (`permissive=1`): SELinux was permissive for this process or the whole system, so the access went through. In enforcing mode it fails.');
  }
  if (denied) {
    const lsTarget = path && !diagnosis?.container ? path : `<host path of ${path ?? name ?? 'the target'}>`;
    lines.push('', `Confirm: ${code(`ls -ldZ ${lsTarget}`)} (the file's label), \`ps -eZ\` (the process's label), ${code('ausearch -m avc -ts recent')} (the recent denials).`);
  }
  const result = syscall && fieldOf(syscall.fields, 'exit');
  if (result && syscall && fieldOf(syscall.fields, 'success') !== 'yes') lines.push('', `The system call failed with ${code(`exit=${result}`)}${errnos[result] ? ` (${errnos[result]})` : ''}.`);
  lines.push('', `When: ${when(record)}.`);
  return lines.join('\n');
}

function whyAndFix(d: Diagnosis, avc: Avc, stype: string, ttype: string, slevel: string | undefined, tlevel: string | undefined, target: string | undefined): string[] {
  const perm = avc.permissions.map(code).join(', ');
  const it = target ? code(target) : 'it';
  const relabel = `If ${it} is a host path bind-mounted into the container, relabel the mount: \`:Z\` if only this container uses it, \`:z\` if several do (compose long syntax: \`bind.selinux: Z\`). By hand: \`chcon -R -t container_file_t <host path>\`.`;
  const keepLabel = 'Do not relabel system paths, home directories or sockets: run the container with `--security-opt label=disable` (compose: `security_opt: [label=disable]`) instead, or generate a policy that allows just this access with `udica`.';
  switch (d.kind) {
    case 'type-enforcement': {
      const why =
        canonicalType(ttype) === 'container_ro_file_t'
          ? `type enforcement. ${code(ttype)} is content containers may only read; ${perm} changes it.`
          : `type enforcement. A confined container may use \`container_file_t\` content; ${code(ttype)} is not that type, so the policy has no rule that allows ${perm} here.`;
      const alsoMcs = d.missing.length > 0 ? ` Its level ${code(tlevel ?? '')} is also outside the container's categories (it lacks ${cats(d.missing)}).` : '';
      return ['', `- **Why:** ${why}${alsoMcs}`, `- **Fix:** ${relabel} ${keepLabel}`];
    }
    case 'mcs': {
      const own = categoriesOf(slevel);
      const why = `MCS mismatch. The type is right (${code(ttype)}), but the target is labelled for categories ${code(categoriesOf(tlevel))} and the process holds ${own ? code(own) : 'none'}: it lacks ${cats(d.missing)}. A container may use content at plain \`s0\` or with its own categories only.`;
      const fix =
        tlevel === privilegedLevel
          ? '`s0:c1022,c1023` is what `:Z` writes for a privileged or `label=disable` container: drop that `Z`, or use `:z` on every mount of this path.'
          : 'Most likely another container mounted this path with `:Z` and took it for its own pair (a later `:Z` steals the content). Use `:z` (shared, plain `s0`) on every mount of it, or run the containers at one level with `--security-opt label=level:s0:cA,cB` (compose `security_opt: ["label=level:s0:cA,cB"]`), or in one podman pod.';
      return ['', `- **Why:** ${why}`, `- **Fix:** ${fix}`];
    }
    case 'engine-socket':
      return [
        '',
        `- **Why:** ${code(ttype)} is the container engine (its daemon or its socket). Confined containers are not allowed to talk to the engine; relabelling the socket with \`:z\`/\`:Z\` does not change that.`,
        '- **Fix:** run the container that needs the engine socket with `label=disable` (or privileged), and do not put `z`/`Z` on `docker.sock`. Access to the socket is root-equivalent anyway.',
      ];
    case 'host-lost-access':
      return [
        '',
        `- **Why:** a host program (${code(stype)}) is denied content labelled for containers (${code(ttype)}). A \`:z\`/\`:Z\` relabel (or \`chcon\`) changed the host files' label and took them away from it.`,
        `- **Fix:** restore the default label with ${code(`restorecon -R -F <path>`)} (\`-F\` is needed: \`container_file_t\` is a customizable type), and give the container access without relabelling: \`label=disable\`, or a directory of its own.`,
      ];
    case 'labels-match':
      return [
        '',
        `- **Why:** not a label problem. ${code(ttype)} at ${code(tlevel ?? 's0')} is content this container may use, so most likely the policy itself does not grant ${perm} on ${code(avc.tclass ?? '?')} to ${code(stype)}.`,
        '- **Fix:** a relabel will not help. `udica` can generate a policy that allows it; `label=disable` turns confinement off.',
      ];
    case 'not-container':
      return ['', `- **Why:** neither side is a container type: the policy does not let ${code(stype)} do this to ${code(ttype)} (type enforcement, or another rule). The container fixes (\`:z\`/\`:Z\`) do not apply.`];
  }
}

function explainSyscall(record: AuditRecord, event: AuditRecord[]): string {
  const f = (k: string): string | undefined => fieldOf(record.fields, k);
  const exit = f('exit');
  const failed = f('success') === 'no';
  const lines = [
    `**System call** ${code(f('syscall') ?? '?')}${f('arch') ? ` (arch ${code(f('arch')!)})` : ''} by ${f('comm') ? code(f('comm')!) : 'a process'}${f('pid') ? ` (pid ${f('pid')}${f('exe') ? `, ${code(f('exe')!)}` : ''})` : ''}${f('subj') ? ` as ${code(f('subj')!)}` : ''}: ${failed ? `**failed**${exit ? ` with ${code(`exit=${exit}`)}${errnos[exit] ? ` (${errnos[exit]})` : ''}` : ''}` : 'succeeded'}.`,
  ];
  const avc = event.find((r) => r.avc && r.avc.result === 'denied');
  if (avc?.avc) {
    const d = diagnoseDenial(avc.avc);
    lines.push('', `The AVC record of this event: ${avc.avc.permissions.map(code).join(', ')} on ${classWord(avc.avc.tclass)} denied${d ? ` (${d.kind.replace(/-/g, ' ')})` : ''}; hover it for why.`);
  }
  lines.push('', `When: ${when(record)}.`);
  return lines.join('\n');
}

function explainPath(record: AuditRecord): string {
  const f = (k: string): string | undefined => fieldOf(record.fields, k);
  const obj = f('obj');
  const type = obj?.split(':')[2];
  return [
    `**Path** item ${f('item') ?? '?'}${f('nametype') ? ` (${code(f('nametype')!)})` : ''}: ${code(f('name') ?? '?')}${obj ? `, labelled ${code(obj)}${type ? typeNote(type) : ''}` : ''}.`,
    '',
    `When: ${when(record)}.`,
  ].join('\n');
}

/** Hover for the audit record on the line at `offset`, if it is one this explains. */
export function auditHoverAt(text: string, offset: number, markdown: boolean): AuditHover | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const line = lineAt(text, offset);
  const record = parseAuditLine(text, line.start, line.end);
  if (!record) return undefined;
  let contents: string | undefined;
  if (record.avc) {
    contents = explainDenial(record, record.avc, eventOf(text, record));
  } else if (record.type === 'SYSCALL') {
    contents = explainSyscall(record, eventOf(text, record));
  } else if (record.type === 'PATH') {
    contents = explainPath(record);
  } else if (record.type === 'PROCTITLE') {
    const title = fieldOf(record.fields, 'proctitle');
    contents = title === undefined ? undefined : `**Command line** of the process: ${code(title)}.\n\nWhen: ${when(record)}.`;
  } else if (record.type === 'CWD') {
    const cwd = fieldOf(record.fields, 'cwd');
    contents = cwd === undefined ? undefined : `**Working directory** of the process: ${code(cwd)}; relative paths in this event start there.\n\nWhen: ${when(record)}.`;
  }
  if (contents === undefined) return undefined;
  return { contents: markdown ? contents : toPlainText(contents), span: { start: line.start, end: line.end } };
}
