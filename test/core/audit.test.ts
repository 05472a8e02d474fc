import assert from 'node:assert/strict';
import { auditHoverAt, diagnoseDenial, type DenialKind } from '../../server/src/core/audit/hover';
import { decodeHex, eventOf, fieldOf, isAuditLog, parseAuditLine, parseAuditLog } from '../../server/src/core/audit/parse';

/** The denial from a real report quoted in issue 4. */
const reported =
  'type=AVC msg=audit(1700000000.123:456): avc:  denied  { write } for  pid=8881 comm="touch" name="haproxy" dev="sda1" ino=655362 scontext=system_u:system_r:container_t:s0:c324,c837 tcontext=unconfined_u:object_r:default_t:s0 tclass=dir permissive=0';

const slice = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);

describe('audit records', () => {
  it(reported, () => {
    const r = parseAuditLine(reported)!;
    assert.equal(r.type, 'AVC');
    assert.deepEqual({ text: r.stamp.text, seconds: r.stamp.seconds, serial: r.stamp.serial }, { text: '1700000000.123:456', seconds: 1700000000.123, serial: 456 });
    assert.equal(slice(reported, r.stamp.span), '1700000000.123:456');
    const avc = r.avc!;
    assert.equal(avc.result, 'denied');
    assert.deepEqual(avc.permissions, ['write']);
    assert.equal(avc.tclass, 'dir');
    assert.equal(avc.permissive, false);
    assert.equal(fieldOf(avc.fields, 'comm'), 'touch');
    assert.equal(fieldOf(avc.fields, 'ino'), '655362');
    assert.equal(slice(reported, avc.fields.find((f) => f.key === 'comm')!.span), '"touch"');
    assert.equal(slice(reported, avc.scontext!.span), 'system_u:system_r:container_t:s0:c324,c837');
    assert.deepEqual(avc.tcontext!.context, { user: 'unconfined_u', role: 'object_r', type: 'default_t', level: 's0' });
    assert.equal(slice(reported, avc.span), reported.slice(reported.indexOf('avc:')));
  });

  it('type=AVC msg=audit(…): avc:  denied  { read write } for … (two permissions)', () => {
    const r = parseAuditLine('type=AVC msg=audit(1700000000.123:456): avc:  denied  { read write } for  pid=4242 comm="nginx" name="data" dev="dm-0" ino=1234 scontext=system_u:system_r:container_t:s0:c324,c837 tcontext=unconfined_u:object_r:user_home_t:s0 tclass=dir permissive=0')!;
    assert.deepEqual(r.avc!.permissions, ['read', 'write']);
  });

  it('node=web1 type=AVC msg=audit(…) (node prefix)', () => {
    const r = parseAuditLine(`node=web1 ${reported}`)!;
    assert.equal(r.node, 'web1');
    assert.equal(r.stamp.serial, 456);
  });

  it('type=AVC msg=audit(11/14/2023 22:13:20.123:456) : avc:  denied … comm=touch (ausearch -i)', () => {
    const line = 'type=AVC msg=audit(11/14/2023 22:13:20.123:456) : avc:  denied  { write } for  pid=8881 comm=touch name=haproxy dev="sda1" ino=655362 scontext=system_u:system_r:container_t:s0:c324,c837 tcontext=unconfined_u:object_r:default_t:s0 tclass=dir permissive=0';
    const r = parseAuditLine(line)!;
    assert.deepEqual({ text: r.stamp.text, seconds: r.stamp.seconds, serial: r.stamp.serial }, { text: '11/14/2023 22:13:20.123:456', seconds: undefined, serial: 456 });
    assert.equal(fieldOf(r.avc!.fields, 'comm'), 'touch');
  });

  it('type=SYSCALL … exit=EACCES(Permission denied) … (interpreted value with a space)', () => {
    const line = 'type=SYSCALL msg=audit(11/14/2023 22:13:20.123:456) : arch=x86_64 syscall=openat success=no exit=EACCES(Permission denied) a0=AT_FDCWD pid=8881 comm=touch subj=system_u:system_r:container_t:s0:c324,c837 key=(null)';
    const r = parseAuditLine(line)!;
    assert.equal(fieldOf(r.fields, 'exit'), 'EACCES(Permission denied)');
    assert.equal(fieldOf(r.fields, 'a0'), 'AT_FDCWD');
    assert.equal(fieldOf(r.fields, 'key'), '(null)');
  });

  it('type=PROCTITLE … proctitle=746F756368002F686170726F78792F78 (hex, NUL-separated)', () => {
    const r = parseAuditLine('type=PROCTITLE msg=audit(1700000000.123:456): proctitle=746F756368002F686170726F78792F78')!;
    assert.equal(fieldOf(r.fields, 'proctitle'), 'touch /haproxy/x');
    assert.equal(decodeHex('6E67696E78'), 'nginx');
  });

  it('type=PROCTITLE … proctitle="nginx" (quoted, not hex)', () => {
    assert.equal(fieldOf(parseAuditLine('type=PROCTITLE msg=audit(1700000000.123:456): proctitle="nginx"')!.fields, 'proctitle'), 'nginx');
  });

  it("type=USER_AVC … msg='avc:  denied  { start } for … exe=\"/usr/lib/systemd/systemd\" …'", () => {
    const line = "type=USER_AVC msg=audit(1700000001.000:789): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=system_u:system_r:init_t:s0 msg='avc:  denied  { start } for auid=n/a uid=0 gid=0 path=\"/usr/lib/systemd/system/app.service\" cmdline=\"\" scontext=system_u:system_r:init_t:s0 tcontext=system_u:object_r:app_unit_file_t:s0 tclass=service permissive=0  exe=\"/usr/lib/systemd/systemd\" sauid=0 hostname=? addr=? terminal=?'";
    const r = parseAuditLine(line)!;
    assert.equal(r.type, 'USER_AVC');
    assert.deepEqual(r.avc!.permissions, ['start']);
    assert.equal(r.avc!.tclass, 'service');
    assert.equal(fieldOf(r.avc!.fields, 'path'), '/usr/lib/systemd/system/app.service');
    assert.equal(fieldOf(r.fields, 'pid'), '1');
    assert.equal(fieldOf(r.fields, 'msg'), undefined);
    assert.equal(slice(line, r.avc!.span).endsWith('terminal=?'), true);
  });

  it('type=SYSCALL … comm="touch" …\\x1dARCH=x86_64 SYSCALL=openat (enriched)', () => {
    const line = 'type=SYSCALL msg=audit(1700000000.123:456): arch=c000003e syscall=257 success=no exit=-13 pid=8881 comm="touch" exe="/usr/bin/touch" subj=system_u:system_r:container_t:s0:c324,c837 key=(null)\x1dARCH=x86_64 SYSCALL=openat AUID="unset"';
    const r = parseAuditLine(line)!;
    assert.equal(fieldOf(r.fields, 'key'), '(null)');
    assert.equal(fieldOf(r.fields, 'SYSCALL'), 'openat');
    assert.equal(fieldOf(r.fields, 'exit'), '-13');
  });

  it('time->Tue Nov 14 22:13:20 2023 is no record', () => assert.equal(parseAuditLine('time->Tue Nov 14 22:13:20 2023'), undefined));

  it('parseAuditLog: records of an ausearch block, CRLF', () => {
    const text = ['----', 'time->Tue Nov 14 22:13:20 2023', 'type=PROCTITLE msg=audit(1700000000.123:456): proctitle=746F756368', reported, ''].join('\r\n');
    const records = parseAuditLog(text);
    assert.deepEqual(records.map((r) => r.type), ['PROCTITLE', 'AVC']);
    assert.equal(slice(text, records[1].span), reported);
  });

  it('eventOf: same stamp only, and not past ----', () => {
    const text = [
      'type=AVC msg=audit(1699999999.000:455): avc:  denied  { read } for  pid=1 comm="a" scontext=system_u:system_r:container_t:s0:c1,c2 tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=0',
      '----',
      'type=SYSCALL msg=audit(1700000000.123:456): arch=c000003e syscall=257 success=no exit=-13 pid=8881 comm="touch"',
      'type=CWD msg=audit(1700000000.123:457): cwd="/"',
      reported,
    ].join('\n');
    const avc = parseAuditLog(text).at(-1)!;
    assert.deepEqual(eventOf(text, avc).map((r) => r.type), ['SYSCALL', 'AVC']);
  });
});

describe('isAuditLog', () => {
  const yes: [string, string][] = [
    ['/var/log/audit/audit.log', ''],
    ['audit.log.1', ''],
    ['denials.audit', ''],
    ['notes.txt', `${reported}\n`],
    ['untitled', `\n${reported}`],
    ['out', '----\ntime->Tue Nov 14 22:13:20 2023\ntype=AVC msg=audit(1700000000.123:456): avc: …'],
    ['out', '----\ntype=AVC msg=audit(11/14/2023 22:13:20.123:456) : avc: …'],
    ['out', `node=web1 ${reported}`],
  ];
  for (const [name, text] of yes) it(`yes: ${name} ${JSON.stringify(text.slice(0, 40))}`, () => assert.ok(isAuditLog(name, text)));
  const no: [string, string][] = [
    ['compose.yaml', 'services:\n  web:\n'],
    ['audit.logger', ''],
    ['notes.md', '----\nsome text\n'],
    ['empty', ''],
  ];
  for (const [name, text] of no) it(`no: ${name} ${JSON.stringify(text.slice(0, 40))}`, () => assert.equal(isAuditLog(name, text), false));
});

function avcLine(s: string, t: string, perms = 'read', tclass = 'dir', extra = ''): string {
  return `type=AVC msg=audit(1700000000.123:456): avc:  denied  { ${perms} } for  pid=4242 comm="nginx" name="data" dev="dm-0" ino=1234 ${extra}scontext=${s} tcontext=${t} tclass=${tclass} permissive=0`;
}

describe('why a denial happened', () => {
  const cases: [string, string, DenialKind, number[]][] = [
    [reported, 'reported', 'type-enforcement', []],
    [avcLine('system_u:system_r:container_t:s0:c324,c837', 'unconfined_u:object_r:user_home_t:s0', 'read write'), 'home dir', 'type-enforcement', []],
    [avcLine('system_u:system_r:container_t:s0:c1,c2', 'system_u:object_r:container_file_t:s0:c3,c4'), 'other pair', 'mcs', [3, 4]],
    [avcLine('system_u:system_r:container_t:s0:c324,c837', 'system_u:object_r:container_file_t:s0:c324,c838'), 'one category off', 'mcs', [838]],
    [avcLine('system_u:system_r:svirt_lxc_net_t:s0:c1,c2', 'system_u:object_r:svirt_sandbox_file_t:s0:c5,c6'), 'old names', 'mcs', [5, 6]],
    [avcLine('system_u:system_r:container_t:s0:c1,c2', 'system_u:object_r:container_file_t:s0:c1022,c1023'), 'privileged pair', 'mcs', [1022, 1023]],
    [avcLine('system_u:system_r:container_t:s0:c1,c2', 'system_u:object_r:user_home_t:s0:c7,c8'), 'wrong type and level', 'type-enforcement', [7, 8]],
    [avcLine('system_u:system_r:container_t:s0:c1,c2', 'system_u:object_r:container_ro_file_t:s0', 'write'), 'read-only content, write', 'type-enforcement', []],
    [avcLine('system_u:system_r:container_t:s0:c1,c2', 'system_u:object_r:container_file_t:s0', 'mounton'), 'shared content', 'labels-match', []],
    [avcLine('system_u:system_r:container_t:s0:c55,c471', 'system_u:system_r:container_runtime_t:s0', 'connectto', 'unix_stream_socket'), 'docker.sock', 'engine-socket', []],
    [avcLine('system_u:system_r:sshd_t:s0-s0:c0.c1023', 'system_u:object_r:container_file_t:s0:c12,c34', 'read', 'file'), 'sshd after :Z', 'host-lost-access', []],
    [avcLine('system_u:system_r:httpd_t:s0', 'unconfined_u:object_r:user_home_t:s0'), 'httpd, home', 'not-container', []],
  ];
  for (const [line, label, kind, missing] of cases) {
    it(`${label}: ${line.slice(line.indexOf('{'))}`, () => {
      const d = diagnoseDenial(parseAuditLine(line)!.avc!)!;
      assert.equal(d.kind, kind);
      assert.deepEqual(d.missing, missing);
    });
  }
});

function hover(text: string, needle: string, markdown = true): { contents: string; range: string } | undefined {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const h = auditHoverAt(text, at, markdown);
  return h && { contents: h.contents, range: text.slice(h.span.start, h.span.end) };
}

describe('audit hover', () => {
  it(`${reported} (the reported denial)`, () => {
    const h = hover(reported, 'tclass')!;
    assert.equal(h.range, reported);
    assert.match(h.contents, /^\*\*SELinux denied\*\* `touch`: `write` on a directory \(`dir`\) — \*\*type enforcement\*\*/);
    assert.match(h.contents, /\*\*Who:\*\* `touch` \(pid 8881\), running as `container_t` at `s0:c324,c837`/);
    assert.match(h.contents, /\*\*On:\*\* `haproxy` \(inode 655362 on `sda1`\), type `default_t` at `s0`/);
    assert.match(h.contents, /`default_t` is not that type/);
    assert.match(h.contents, /`:Z` if only this container uses it, `:z` if several do/);
    assert.match(h.contents, /chcon -R -t container_file_t/);
    assert.match(h.contents, /label=disable/);
    assert.match(h.contents, /udica/);
    assert.match(h.contents, /ls -ldZ <host path of haproxy>/);
    assert.match(h.contents, /ausearch -m avc -ts recent/);
    assert.match(h.contents, /When: 2023-11-14 22:13:20\.123 UTC, event 456/);
    assert.doesNotMatch(h.contents, /Only logged/);
  });

  it('MCS mismatch names the categories the process lacks', () => {
    const line = avcLine('system_u:system_r:container_t:s0:c1,c2', 'system_u:object_r:container_file_t:s0:c3,c4');
    const h = hover(line, 'avc')!;
    assert.match(h.contents, /— \*\*MCS mismatch\*\*/);
    assert.match(h.contents, /labelled for categories `c3,c4` and the process holds `c1,c2`: it lacks `c3`, `c4`/);
    assert.match(h.contents, /another container mounted this path with `:Z`/);
    assert.match(h.contents, /`:z` \(shared, plain `s0`\)/);
    assert.match(h.contents, /label=level:/);
  });

  it('MCS mismatch on s0:c1022,c1023 points at a privileged container\'s Z', () => {
    const h = hover(avcLine('system_u:system_r:container_t:s0:c1,c2', 'system_u:object_r:container_file_t:s0:c1022,c1023'), 'avc')!;
    assert.match(h.contents, /privileged or `label=disable` container/);
  });

  it('permissive=1: only logged', () => {
    const h = hover(reported.replace('permissive=0', 'permissive=1'), 'avc')!;
    assert.match(h.contents, /\*\*Only logged\*\* \(`permissive=1`\)/);
  });

  it('docker.sock: relabel does not help', () => {
    const h = hover(avcLine('system_u:system_r:container_t:s0:c55,c471', 'system_u:system_r:container_runtime_t:s0', 'connectto', 'unix_stream_socket', 'path="/run/docker.sock" '), 'avc')!;
    assert.match(h.contents, /does not change that/);
    assert.match(h.contents, /do not put `z`\/`Z` on `docker\.sock`/);
    assert.match(h.contents, /\*\*On:\*\* `\/run\/docker\.sock`/);
  });

  it('a host program denied container content: restorecon -R -F', () => {
    const h = hover(avcLine('system_u:system_r:sshd_t:s0-s0:c0.c1023', 'system_u:object_r:container_file_t:s0:c12,c34', 'read', 'file'), 'avc')!;
    assert.match(h.contents, /a host program \(`sshd_t`\)/);
    assert.match(h.contents, /restorecon -R -F <path>/);
  });

  it('USER_AVC of init_t: reported by a userspace program; no container fix', () => {
    const line = "type=USER_AVC msg=audit(1700000001.000:789): pid=1 uid=0 auid=4294967295 ses=4294967295 subj=system_u:system_r:init_t:s0 msg='avc:  denied  { start } for auid=n/a uid=0 gid=0 path=\"/usr/lib/systemd/system/app.service\" cmdline=\"\" scontext=system_u:system_r:init_t:s0 tcontext=system_u:object_r:app_unit_file_t:s0 tclass=service permissive=0  exe=\"/usr/lib/systemd/systemd\" sauid=0 hostname=? addr=? terminal=?'";
    const h = hover(line, 'USER_AVC')!;
    assert.match(h.contents, /\*\*Reported by\*\* a program that enforces SELinux itself \(`\/usr\/lib\/systemd\/systemd`\)/);
    assert.match(h.contents, /neither side is a container type/);
    assert.doesNotMatch(h.contents, /chcon/);
  });

  const block = [
    '----',
    'time->Tue Nov 14 22:13:20 2023',
    'type=PROCTITLE msg=audit(1700000000.123:456): proctitle=746F756368002F686170726F78792F78',
    'type=PATH msg=audit(1700000000.123:456): item=0 name="/haproxy/" inode=655362 dev=08:01 mode=040755 ouid=0 ogid=0 rdev=00:00 obj=unconfined_u:object_r:default_t:s0 nametype=PARENT cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0',
    'type=CWD msg=audit(1700000000.123:456): cwd="/"',
    'type=SYSCALL msg=audit(1700000000.123:456): arch=c000003e syscall=257 success=no exit=-13 a0=ffffff9c a1=7ffd a2=941 a3=1b6 items=2 ppid=1 pid=8881 auid=4294967295 uid=0 gid=0 comm="touch" exe="/usr/bin/touch" subj=system_u:system_r:container_t:s0:c324,c837 key=(null)',
    reported,
    '----',
  ].join('\n');

  it('ausearch block: the AVC hover uses PATH, SYSCALL and PROCTITLE of the same event', () => {
    const h = hover(block, 'avc:')!;
    assert.equal(h.range, reported);
    assert.match(h.contents, /`touch` \(pid 8881, `\/usr\/bin\/touch`\)/);
    assert.match(h.contents, /Command line: `touch \/haproxy\/x`/);
    assert.match(h.contents, /\*\*On:\*\* `\/haproxy\/` \(inode 655362 on `sda1`\)/);
    assert.match(h.contents, /as the process saw it: inside the container/);
    assert.match(h.contents, /`exit=-13` \(EACCES, permission denied\)/);
  });

  it('ausearch block: SYSCALL hover', () => {
    const h = hover(block, 'type=SYSCALL')!;
    assert.match(h.range, /^type=SYSCALL .*key=\(null\)$/);
    assert.match(h.contents, /\*\*failed\*\* with `exit=-13` \(EACCES, permission denied\)/);
    assert.match(h.contents, /denied \(type enforcement\)/);
  });

  it('ausearch block: PATH and PROCTITLE hovers', () => {
    assert.match(hover(block, 'nametype')!.contents, /\*\*Path\*\* item 0 \(`PARENT`\): `\/haproxy\/`, labelled `unconfined_u:object_r:default_t:s0`/);
    assert.match(hover(block, 'proctitle=')!.contents, /`touch \/haproxy\/x`/);
  });

  it('no hover on ---- and time-> lines', () => {
    assert.equal(hover(block, '----'), undefined);
    assert.equal(hover(block, 'time->'), undefined);
  });

  it('ausearch -i block (interpreted): the AVC hover', () => {
    const text = [
      '----',
      'type=PROCTITLE msg=audit(11/14/2023 22:13:20.123:456) : proctitle=touch /haproxy/x',
      'type=SYSCALL msg=audit(11/14/2023 22:13:20.123:456) : arch=x86_64 syscall=openat success=no exit=EACCES(Permission denied) a0=AT_FDCWD pid=8881 comm=touch exe=/usr/bin/touch subj=system_u:system_r:container_t:s0:c324,c837 key=(null)',
      'type=AVC msg=audit(11/14/2023 22:13:20.123:456) : avc:  denied  { write } for  pid=8881 comm=touch name=haproxy dev="sda1" ino=655362 scontext=system_u:system_r:container_t:s0:c324,c837 tcontext=unconfined_u:object_r:default_t:s0 tclass=dir permissive=no',
    ].join('\n');
    const h = hover(text, 'avc:')!;
    assert.match(h.contents, /type enforcement/);
    assert.match(h.contents, /`\/usr\/bin\/touch`/);
    assert.match(h.contents, /When: 11\/14\/2023 22:13:20\.123, event 456/);
    assert.match(h.contents, /`exit=EACCES\(Permission denied\)`/);
  });

  it('plain text: no markdown marks', () => {
    const h = hover(block, 'avc:', false)!;
    assert.doesNotMatch(h.contents, /[`*]|\|---|```/);
    assert.match(h.contents, /^SELinux denied touch: write on a directory \(dir\) — type enforcement/);
    assert.match(h.contents, /type — container_t — default_t/);
  });

  it('no hover on other text', () => {
    assert.equal(auditHoverAt('time: 12:30:45', 3, true), undefined);
    assert.equal(auditHoverAt('', 0, true), undefined);
  });
});
