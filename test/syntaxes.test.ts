// The TextMate grammars in syntaxes/, checked without vscode-textmate: every regex is compiled with
// JS RegExp (the grammars avoid Oniguruma-only syntax, checked below), and a small tokenizer that
// follows TextMate's rules for one line — earliest match wins, ties go to the first pattern, the end
// of a begin/end rule before its patterns — runs them over sample lines. The injection grammar is
// run on its own, as if injected into plain text; how it mixes with the YAML, shell and Dockerfile
// grammars (which it only adds scopes on top of) is left to the editor.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Capture {
  name?: string;
}
interface Rule {
  include?: string;
  match?: string;
  begin?: string;
  end?: string;
  name?: string;
  captures?: Record<string, Capture>;
  beginCaptures?: Record<string, Capture>;
  endCaptures?: Record<string, Capture>;
  patterns?: Rule[];
}
interface Grammar extends Rule {
  scopeName: string;
  injectionSelector?: string;
  repository: Record<string, Rule>;
}

const root = path.resolve(__dirname, '..');
const load = (file: string): Grammar => JSON.parse(readFileSync(path.join(root, 'syntaxes', file), 'utf8')) as Grammar;
const audit = load('selinux-audit.tmLanguage.json');
const injection = load('selinux-injection.tmLanguage.json');

function regexesOf(rule: Rule, out: string[] = []): string[] {
  for (const key of ['match', 'begin', 'end'] as const) if (rule[key] !== undefined) out.push(rule[key]!);
  for (const p of rule.patterns ?? []) regexesOf(p, out);
  return out;
}

function allRegexes(g: Grammar): string[] {
  const out = regexesOf(g);
  for (const r of Object.values(g.repository)) regexesOf(r, out);
  return out;
}

const compiled = new Map<string, RegExp>();
function re(source: string): RegExp {
  let r = compiled.get(source);
  if (!r) compiled.set(source, (r = new RegExp(source, 'dg')));
  return r;
}

/** Includes resolved to match and begin/end rules. */
function flatten(g: Grammar, rules: Rule[], seen = new Set<string>()): Rule[] {
  const out: Rule[] = [];
  for (const r of rules) {
    if (r.include) {
      assert.match(r.include, /^#/, `only repository includes: ${r.include}`);
      const name = r.include.slice(1);
      const target = g.repository[name];
      assert.ok(target, `missing repository entry ${name}`);
      if (seen.has(name)) continue;
      out.push(...(target.match || target.begin ? [target] : flatten(g, target.patterns ?? [], new Set([...seen, name]))));
    } else if (r.match || r.begin) {
      out.push(r);
    } else {
      out.push(...flatten(g, r.patterns ?? [], seen));
    }
  }
  return out;
}

/** The scopes of every character of `line`. */
function tokenize(g: Grammar, line: string): string[][] {
  const scopes: string[][] = Array.from({ length: line.length }, () => []);
  const paint = (start: number, end: number, names: string[]): void => {
    for (let i = start; i < end; i++) scopes[i] = [...names];
  };
  const add = (start: number, end: number, name: string): void => {
    for (let i = start; i < end; i++) scopes[i] = [...scopes[i], name];
  };
  const captures = (m: RegExpExecArray, caps: Record<string, Capture> | undefined): void => {
    for (const [group, cap] of Object.entries(caps ?? {})) {
      const span = m.indices?.[Number(group)];
      if (span && cap.name) add(span[0], span[1], cap.name);
    }
  };
  const stack: { scopes: string[]; patterns: Rule[]; end?: RegExp; rule?: Rule }[] = [{ scopes: [g.scopeName], patterns: flatten(g, g.patterns ?? []) }];
  let pos = 0;
  while (pos <= line.length) {
    const frame = stack[stack.length - 1];
    let best: { m: RegExpExecArray; rule?: Rule } | undefined;
    const candidates: { r: RegExp; rule?: Rule }[] = [...(frame.end ? [{ r: frame.end }] : []), ...frame.patterns.map((rule) => ({ r: re((rule.match ?? rule.begin)!), rule }))];
    for (const c of candidates) {
      c.r.lastIndex = pos;
      const m = c.r.exec(line);
      if (m && (!best || m.index < best.m.index)) best = { m, rule: c.rule };
    }
    if (!best) {
      paint(pos, line.length, frame.scopes);
      break;
    }
    const { m, rule } = best;
    const end = m.index + m[0].length;
    paint(pos, m.index, frame.scopes);
    if (!rule) {
      paint(m.index, end, frame.scopes);
      captures(m, frame.rule?.endCaptures);
      stack.pop();
    } else if (rule.match !== undefined) {
      paint(m.index, end, rule.name ? [...frame.scopes, rule.name] : frame.scopes);
      captures(m, rule.captures);
    } else {
      const inner = rule.name ? [...frame.scopes, rule.name] : frame.scopes;
      paint(m.index, end, inner);
      captures(m, rule.beginCaptures ?? rule.captures);
      stack.push({ scopes: inner, patterns: flatten(g, rule.patterns ?? []), end: re(rule.end!), rule });
    }
    pos = end > pos ? end : pos + 1;
    if (end === m.index && m.index >= line.length) break;
  }
  return scopes;
}

/** The scopes shared by every character of the `nth` occurrence of `needle` in `line`. */
function scopesOf(g: Grammar, line: string, needle: string, nth = 0): string[] {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = line.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} in ${line}`);
  const all = tokenize(g, line);
  const first = all[at];
  for (let i = at; i < at + needle.length; i++) assert.deepEqual(all[i], first, `${needle}: character ${i - at} differs`);
  return first;
}

function has(g: Grammar, line: string, needle: string, scope: string, nth = 0): void {
  const scopes = scopesOf(g, line, needle, nth);
  assert.ok(scopes.includes(scope), `${needle}: expected ${scope}, got ${scopes.join(' ')}`);
}

function plain(g: Grammar, line: string, needle: string): void {
  const scopes = scopesOf(g, line, needle);
  assert.deepEqual(scopes, [g.scopeName], `${needle}: expected no scope, got ${scopes.join(' ')}`);
}

describe('grammars', () => {
  for (const [file, g] of [['selinux-audit.tmLanguage.json', audit], ['selinux-injection.tmLanguage.json', injection]] as const) {
    it(`${file}: every regex compiles, without Oniguruma-only syntax`, () => {
      const sources = allRegexes(g);
      assert.ok(sources.length > 10);
      for (const s of sources) {
        // \h \H \A \G \z \Z, atomic groups, possessive quantifiers, inline flags: JS would read them differently.
        assert.doesNotMatch(s, /\\[hHAGzZ]|\(\?>|[*+?}]\+|\(\?[imx]+[):]/, s);
        assert.doesNotThrow(() => new RegExp(s, 'dg'), s);
      }
    });
    it(`${file}: every include resolves`, () => {
      flatten(g, g.patterns ?? []);
      for (const r of Object.values(g.repository)) flatten(g, r.patterns ?? []);
    });
  }

  it('the audit grammar is source.selinux-audit; the injection goes into YAML, shell, Dockerfile and JSON outside comments', () => {
    assert.equal(audit.scopeName, 'source.selinux-audit');
    assert.equal(injection.scopeName, 'selinux-mounts.injection');
    assert.deepEqual(injection.injectionSelector!.split(/,\s*/), ['L:source.yaml -comment', 'L:source.shell -comment', 'L:source.dockerfile -comment', 'L:source.json -comment']);
  });
});

const S = 'selinux-audit';

describe('selinux-audit grammar', () => {
  const avc =
    'type=AVC msg=audit(1700000000.123:456): avc:  denied  { read write } for  pid=8881 comm="touch" name="haproxy" dev="sda1" ino=655362 scontext=system_u:system_r:container_t:s0:c324,c837 tcontext=unconfined_u:object_r:default_t:s0 tclass=dir permissive=0';
  it(avc, () => {
    has(audit, avc, 'AVC', `keyword.other.record-type.avc.${S}`);
    has(audit, avc, 'type', `variable.other.key.${S}`);
    has(audit, avc, 'audit', `support.function.audit.${S}`);
    has(audit, avc, '1700000000.123', `constant.numeric.timestamp.${S}`);
    has(audit, avc, '456', `constant.numeric.serial.${S}`);
    has(audit, avc, 'avc', `keyword.other.avc.${S}`, 0);
    has(audit, avc, 'denied', `keyword.control.denied.${S}`);
    has(audit, avc, '{', `punctuation.definition.permissions.begin.${S}`);
    has(audit, avc, 'read', `constant.language.permission.${S}`);
    has(audit, avc, 'write', `constant.language.permission.${S}`);
    has(audit, avc, 'write', `meta.permissions.${S}`);
    has(audit, avc, '8881', `constant.numeric.${S}`);
    has(audit, avc, '"touch"', `string.quoted.double.${S}`);
    has(audit, avc, 'scontext', `variable.other.key.${S}`);
    has(audit, avc, 'system_u', `variable.other.selinux-user.${S}`);
    has(audit, avc, 'system_r', `variable.other.selinux-role.${S}`);
    has(audit, avc, 'container_t', `entity.name.type.selinux-type.${S}`);
    has(audit, avc, 'container_t', `meta.context.${S}`);
    has(audit, avc, 's0:c324,c837', `constant.numeric.mcs-level.${S}`);
    has(audit, avc, 'unconfined_u', `variable.other.selinux-user.${S}`);
    has(audit, avc, 'object_r', `variable.other.selinux-role.${S}`);
    has(audit, avc, 'default_t', `entity.name.type.selinux-type.${S}`);
    has(audit, avc, 'dir', `storage.type.class.${S}`);
    has(audit, avc, '0', `constant.language.enforcing.${S}`, avc.split('0').length - 2);
  });

  it('…avc:  granted  { setenforce } … permissive=1', () => {
    const line = 'type=AVC msg=audit(1700000000.5:9): avc:  granted  { setenforce } for  pid=1 comm="setenforce" scontext=unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023 tcontext=system_u:object_r:security_t:s0 tclass=security permissive=1';
    has(audit, line, 'granted', `keyword.control.granted.${S}`);
    has(audit, line, 's0-s0:c0.c1023', `constant.numeric.mcs-level.${S}`);
    has(audit, line, '1', `constant.language.permissive.${S}`, line.split('1').length - 2);
  });

  it('----', () => has(audit, '----', '----', `punctuation.separator.event.${S}`));
  it('time->Tue Nov 14 22:13:20 2023', () => has(audit, 'time->Tue Nov 14 22:13:20 2023', 'Tue Nov 14 22:13:20 2023', `constant.other.date.${S}`));

  it('type=AVC msg=audit(11/14/2023 22:13:20.123:456) : avc: … (ausearch -i)', () => {
    const line = 'type=AVC msg=audit(11/14/2023 22:13:20.123:456) : avc:  denied  { write } for  pid=8881 comm=touch scontext=system_u:system_r:container_t:s0:c1,c2 tcontext=system_u:object_r:container_file_t:s0:c3,c4 tclass=file permissive=no';
    has(audit, line, '11/14/2023 22:13:20.123', `constant.numeric.timestamp.${S}`);
    has(audit, line, '456', `constant.numeric.serial.${S}`);
    has(audit, line, 'touch', `string.unquoted.value.${S}`);
    has(audit, line, 'container_file_t', `entity.name.type.selinux-type.${S}`);
    has(audit, line, 'no', `constant.language.enforcing.${S}`);
  });

  it('type=SYSCALL … success=no exit=-13 … subj=…container_t:s0:c1,c2 key=(null)', () => {
    const line = 'type=SYSCALL msg=audit(1700000000.123:456): arch=c000003e syscall=257 success=no exit=-13 a0=ffffff9c comm="touch" exe="/usr/bin/touch" subj=system_u:system_r:container_t:s0:c1,c2 key=(null)';
    has(audit, line, 'SYSCALL', `keyword.other.record-type.${S}`);
    has(audit, line, 'no', `constant.language.failure.${S}`);
    has(audit, line, '-13', `constant.numeric.${S}`);
    has(audit, line, 'ffffff9c', `string.unquoted.value.${S}`);
    has(audit, line, 'container_t', `entity.name.type.selinux-type.${S}`);
    has(audit, line, '(null)', `string.unquoted.value.${S}`);
  });

  it('type=PROCTITLE … proctitle=746F756368002F78', () => {
    has(audit, 'type=PROCTITLE msg=audit(1700000000.123:456): proctitle=746F756368002F78', '746F756368002F78', `constant.other.hex.${S}`);
  });

  it('type=PATH … obj=unconfined_u:object_r:user_home_t:s0 nametype=NORMAL', () => {
    const line = 'type=PATH msg=audit(1700000000.123:456): item=0 name="/data" inode=12 obj=unconfined_u:object_r:user_home_t:s0 nametype=NORMAL';
    has(audit, line, 'user_home_t', `entity.name.type.selinux-type.${S}`);
    has(audit, line, 'NORMAL', `string.unquoted.value.${S}`);
  });

  it("type=USER_AVC … msg='avc:  denied  { start } for … scontext=… tclass=service …'", () => {
    const line = "type=USER_AVC msg=audit(1700000001.000:789): pid=1 uid=0 msg='avc:  denied  { start } for auid=n/a uid=0 scontext=system_u:system_r:init_t:s0 tcontext=system_u:object_r:app_unit_file_t:s0 tclass=service permissive=0  exe=\"/usr/lib/systemd/systemd\" terminal=?'";
    has(audit, line, 'USER_AVC', `keyword.other.record-type.avc.${S}`);
    has(audit, line, "'", `punctuation.definition.string.begin.${S}`);
    has(audit, line, 'denied', `keyword.control.denied.${S}`);
    has(audit, line, 'denied', `meta.user-message.${S}`);
    has(audit, line, 'init_t', `entity.name.type.selinux-type.${S}`);
    has(audit, line, 'service', `storage.type.class.${S}`);
    has(audit, line, '"/usr/lib/systemd/systemd"', `string.quoted.double.${S}`);
    has(audit, line, "'", `punctuation.definition.string.end.${S}`, 1);
  });

  it('node=web1 type=AVC msg=audit(…)', () => {
    const line = 'node=web1 type=AVC msg=audit(1700000000.123:456): avc:  denied  { read } for  pid=1';
    has(audit, line, 'web1', `string.unquoted.value.${S}`);
    has(audit, line, 'AVC', `keyword.other.record-type.avc.${S}`);
  });
});

const M = 'selinux-mounts';

describe('injection grammar', () => {
  const marked: [string, string, string][] = [
    ['      - ./data:/data:Z', 'Z', `storage.modifier.relabel.private.${M}`],
    ['      - ./site:/usr/share/nginx/html:ro,z', 'z', `storage.modifier.relabel.shared.${M}`],
    ['      - "./site:/srv:z"', 'z', `storage.modifier.relabel.shared.${M}`],
    ['    volumes: [./cache:/cache:Z]', 'Z', `storage.modifier.relabel.private.${M}`],
    ['podman run -v "$PWD/data:/data:Z,U" img', 'Z', `storage.modifier.relabel.private.${M}`],
    ['docker run -v /srv/a:/a:z img', 'z', `storage.modifier.relabel.shared.${M}`],
    ['RUN --mount=type=bind,src=.,dst=/src,Z make', 'Z', `storage.modifier.relabel.private.${M}`],
    ['podman run --mount type=bind,src=/a,dst=/b,relabel=shared img', 'shared', `storage.modifier.relabel.shared.${M}`],
    ['podman run --mount type=bind,src=/a,dst=/b,relabel=private img', 'private', `storage.modifier.relabel.private.${M}`],
    ['podman run --mount type=bind,src=/a,dst=/b,relabel=private img', 'relabel', `keyword.other.relabel.${M}`],
    ['          selinux: Z', 'Z', `storage.modifier.relabel.private.${M}`],
    ['          selinux: "z"', 'z', `storage.modifier.relabel.shared.${M}`],
    ['    security_opt: [label=disable]', 'disable', `constant.language.label-option.${M}`],
    ['    security_opt: [label:disable]', 'label', `keyword.other.label-option.${M}`],
    ['    security_opt: ["label=level:s0:c100,c200"]', 's0:c100,c200', `constant.numeric.mcs-level.${M}`],
    ['    security_opt: ["label=type:spc_t"]', 'spc_t', `entity.name.type.selinux-type.${M}`],
    ['    security_opt: ["label=user:system_u"]', 'system_u', `variable.other.selinux-user.${M}`],
    ['RUN chcon system_u:object_r:container_file_t:s0 /data', 'container_file_t', `entity.name.type.selinux-type.${M}`],
    ['RUN chcon system_u:object_r:container_file_t:s0 /data', 'object_r', `variable.other.selinux-role.${M}`],
    ['RUN chcon system_u:object_r:container_file_t:s0 /data', 's0', `constant.numeric.mcs-level.${M}`],
    ['RUN chcon system_u:object_r:container_file_t:s0 /data', 'container_file_t', `meta.selinux-context.${M}`],
    ['# level s0-s0:c0.c1023', 's0-s0:c0.c1023', `constant.numeric.mcs-level.${M}`],
  ];
  for (const [line, needle, scope] of marked) it(`${line} (${needle})`, () => has(injection, line, needle, scope));

  const unmarked: [string, string][] = [
    ['    ports: ["8080:80"]', '8080:80'],
    ['    time: 12:30:45', '12:30:45'],
    ['      - /a:/b', '/a:/b'],
    ['tar -xzf x.tgz', 'xzf'],
    ['echo a:zoo', 'zoo'],
    ['      - ./data:/data:ro', 'ro'],
    ['aws s3 cp x s3://bucket', 's3'],
    ['user:role:type:s0', 'user:role:type:s0'],
  ];
  for (const [line, needle] of unmarked) it(`not marked: ${line}`, () => plain(injection, line, needle));
});
