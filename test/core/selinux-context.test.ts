import assert from 'node:assert/strict';
import {
  canonicalType,
  dominates,
  expandCategories,
  formatCategories,
  isContainerDomain,
  isContainerFileType,
  mcsAllows,
  parseContext,
  parseLevel,
  parseRange,
  typeInfo,
} from '../../server/src/core/selinux/context';
import { contextHoverAt } from '../../server/src/core/selinux/contextHover';

describe('SELinux contexts', () => {
  it('system_u:system_r:container_t:s0:c324,c837', () => {
    assert.deepEqual(parseContext('system_u:system_r:container_t:s0:c324,c837'), { user: 'system_u', role: 'system_r', type: 'container_t', level: 's0:c324,c837' });
  });
  it('unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023 (the level keeps its colons)', () => {
    assert.equal(parseContext('unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023')?.level, 's0-s0:c0.c1023');
  });
  it('system_u:object_r:etc_t (no level)', () => {
    assert.deepEqual(parseContext('system_u:object_r:etc_t'), { user: 'system_u', role: 'object_r', type: 'etc_t', level: undefined });
  });
  for (const bad of ['12:30', 'a::b', 'system_u:object_r:etc_t:s0:c1024', 'system_u:object_r:etc_t:banana']) {
    it(`not a context: ${bad}`, () => assert.equal(parseContext(bad), undefined));
  }
});

describe('MCS levels', () => {
  it('c324,c837', () => assert.deepEqual(expandCategories('c324,c837'), [324, 837]));
  it('c0.c3,c7', () => assert.deepEqual(expandCategories('c0.c3,c7'), [0, 1, 2, 3, 7]));
  it('c0.c1023 has 1024 categories', () => assert.equal(expandCategories('c0.c1023')?.length, 1024));
  for (const bad of ['c1024', 'c5.c2', 'x1', 'c1,,c2', '']) it(`bad categories: ${JSON.stringify(bad)}`, () => assert.equal(expandCategories(bad), undefined));
  it('formats [0..3, 7, 9, 10] as c0.c3,c7,c9,c10', () => assert.equal(formatCategories([0, 1, 2, 3, 7, 9, 10]), 'c0.c3,c7,c9,c10'));
  it('s0', () => assert.deepEqual(parseLevel('s0'), { sensitivity: 0, categories: [] }));
  it('s0:c837,c324 (sorted)', () => assert.deepEqual(parseLevel('s0:c837,c324'), { sensitivity: 0, categories: [324, 837] }));
  it('s0-s0:c0.c1023: low s0, high all categories', () => {
    const r = parseRange('s0-s0:c0.c1023')!;
    assert.deepEqual(r.low, { sensitivity: 0, categories: [] });
    assert.equal(r.high.categories.length, 1024);
  });
  it('s0:c1,c2-s0 (high does not dominate low) is no range', () => assert.equal(parseRange('s0:c1,c2-s0'), undefined));
});

describe('dominance and the container MCS rule', () => {
  it('s0:c1,c2 dominates s0', () => assert.ok(dominates('s0:c1,c2', 's0')));
  it('s0:c1,c2 dominates s0:c1,c2', () => assert.ok(dominates('s0:c1,c2', 's0:c1,c2')));
  it('s0:c1,c2 does not dominate s0:c3,c4', () => assert.equal(dominates('s0:c1,c2', 's0:c3,c4'), false));
  it('s0 does not dominate s0:c1,c2', () => assert.equal(dominates('s0', 's0:c1,c2'), false));
  it('s0-s0:c0.c1023 dominates s0:c324,c837 (range: its high level)', () => assert.ok(dominates('s0-s0:c0.c1023', 's0:c324,c837')));
  it('container s0:c1,c2 may use a file at s0', () => assert.deepEqual(mcsAllows('s0:c1,c2', 's0'), { allowed: true, missing: [] }));
  it('container s0:c1,c2 may use a file at s0:c1,c2', () => assert.deepEqual(mcsAllows('s0:c1,c2', 's0:c1,c2'), { allowed: true, missing: [] }));
  it('container s0:c1,c2 may not use a file at s0:c3,c4: missing c3, c4', () => assert.deepEqual(mcsAllows('s0:c1,c2', 's0:c3,c4'), { allowed: false, missing: [3, 4] }));
  it('container s0:c324,c837 vs file s0:c324,c838: missing c838', () => assert.deepEqual(mcsAllows('s0:c324,c837', 's0:c324,c838'), { allowed: false, missing: [838] }));
});

describe('known types', () => {
  it('svirt_sandbox_file_t is container_file_t', () => {
    assert.equal(canonicalType('svirt_sandbox_file_t'), 'container_file_t');
    assert.ok(isContainerFileType('svirt_lxc_file_t'));
  });
  it('svirt_lxc_net_t is container_t', () => assert.ok(isContainerDomain('svirt_lxc_net_t')));
  it('docker_t, docker_var_lib_t, docker_share_t are aliases', () => {
    assert.equal(canonicalType('docker_t'), 'container_runtime_t');
    assert.equal(canonicalType('docker_var_lib_t'), 'container_var_lib_t');
    assert.equal(canonicalType('docker_share_t'), 'container_ro_file_t');
  });
  it('spc_t is not an MCS-separated container domain', () => assert.equal(isContainerDomain('spc_t'), false));
  it('every alias points at a known type', () => {
    for (const t of ['svirt_lxc_net_t', 'svirt_sandbox_file_t', 'svirt_lxc_file_t', 'container_share_t', 'docker_share_t', 'docker_t', 'docker_var_lib_t', 'docker_var_run_t']) {
      assert.ok(typeInfo(canonicalType(t)) && !typeInfo(canonicalType(t))!.aliasOf, t);
    }
  });
  it('toString is not a type', () => assert.equal(typeInfo('toString'), undefined));
});

function hover(text: string, needle: string, delta = 0, markdown = true): { contents: string; range: string } | undefined {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const h = contextHoverAt(text, at + delta, markdown);
  return h && { contents: h.contents, range: text.slice(h.span.start, h.span.end) };
}

describe('context hover', () => {
  const psLine = 'system_u:system_r:container_t:s0:c324,c837 4242 ?  00:00:01 nginx';
  it(`${psLine} (on the type)`, () => {
    const h = hover(psLine, 'container_t', 3)!;
    assert.equal(h.range, 'system_u:system_r:container_t:s0:c324,c837');
    assert.match(h.contents, /\| user \| `system_u` \|/);
    assert.match(h.contents, /\| role \| `system_r` \|/);
    assert.match(h.contents, /\| type \| `container_t` \| a confined container process/);
    assert.match(h.contents, /\| level \| `s0:c324,c837` \|/);
    assert.match(h.contents, /categories `c324`, `c837`/);
    assert.match(h.contents, /`c0`–`c1023`/);
    assert.match(h.contents, /\*\*dominates\*\*/);
  });
  it(`${psLine} (on the first and the last character)`, () => {
    assert.equal(hover(psLine, 'system_u', 0)!.range, 'system_u:system_r:container_t:s0:c324,c837');
    assert.equal(hover(psLine, 'c837', 3)!.range, 'system_u:system_r:container_t:s0:c324,c837');
    assert.equal(hover(psLine, ' 4242', 2), undefined);
  });
  it('drwxr-xr-x. root root unconfined_u:object_r:user_home_t:s0 /home/alice/data', () => {
    const text = 'drwxr-xr-x. root root unconfined_u:object_r:user_home_t:s0 /home/alice/data';
    const h = hover(text, 'user_home_t')!;
    assert.equal(h.range, 'unconfined_u:object_r:user_home_t:s0');
    assert.match(h.contents, /the label of a file/);
    assert.match(h.contents, /files in a user's home directory/);
    assert.match(h.contents, /Plain `s0`/);
    assert.match(h.contents, /container \(`container_t`\) is denied files of type `user_home_t`/);
  });
  it('system_u:object_r:container_file_t:s0:c1,c2 — one container\'s files', () => {
    const text = 'label: system_u:object_r:container_file_t:s0:c1,c2';
    const h = hover(text, 'container_file_t')!;
    assert.equal(h.range, 'system_u:object_r:container_file_t:s0:c1,c2');
    assert.match(h.contents, /only processes holding `c1,c2`/);
    assert.match(h.contents, /restorecon -R -F/);
  });
  it('    security_opt: ["label=level:s0:c100,c200"] (the level)', () => {
    const text = '    security_opt: ["label=level:s0:c100,c200"]';
    const h = hover(text, 's0:c100', 4)!;
    assert.equal(h.range, 's0:c100,c200');
    assert.match(h.contents, /^\*\*MCS level\*\* `s0:c100,c200`/);
    assert.match(h.contents, /two random categories/);
  });
  it('SecurityLabelLevel=s0 (plain s0 after a level key)', () => {
    const h = hover('SecurityLabelLevel=s0', 's0')!;
    assert.equal(h.range, 's0');
    assert.match(h.contents, /every container may use it/);
  });
  it('unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023', () => {
    const text = 'id -Z → unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023';
    const h = hover(text, 's0-s0', 2)!;
    assert.equal(h.range, 'unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023');
    assert.match(h.contents, /A range: low `s0`, high `s0:c0\.c1023`/);
    assert.match(h.contents, /`c0\.c1023` is `c0` through `c1023`, 1024 categories/);
    assert.match(h.contents, /dominates any MCS level/);
  });
  it('level s0-s0:c0.c1023 on its own', () => {
    const h = hover('range s0-s0:c0.c1023.', 's0-', 1)!;
    assert.equal(h.range, 's0-s0:c0.c1023');
  });
  it('s0:c1022,c1023 — the privileged pair', () => {
    const h = hover('files at s0:c1022,c1023 here', 's0:c1022')!;
    assert.equal(h.range, 's0:c1022,c1023');
    assert.match(h.contents, /privileged and `label=disable`/);
  });
  it('chcon -R -t svirt_sandbox_file_t /data (a known type on its own)', () => {
    const text = 'chcon -R -t svirt_sandbox_file_t /data';
    const h = hover(text, 'svirt_sandbox_file_t', 5)!;
    assert.equal(h.range, 'svirt_sandbox_file_t');
    assert.match(h.contents, /old name of `container_file_t`/);
  });
  it('a line in CRLF text: "x\\r\\nobj=system_u:object_r:etc_t:s0\\r\\ny"', () => {
    const text = 'x\r\nobj=system_u:object_r:etc_t:s0\r\ny';
    assert.equal(hover(text, 'etc_t')!.range, 'system_u:object_r:etc_t:s0');
  });
  it('after a non-ASCII prefix: "é🚀 system_u:object_r:etc_t:s0"', () => {
    const text = 'é🚀 system_u:object_r:etc_t:s0';
    const h = contextHoverAt(text, text.indexOf('etc_t'), true)!;
    assert.deepEqual(h.span, { start: 4, end: text.length });
  });

  const misses: [string, string][] = [
    ['time: 12:30:45', '12:30'],
    ['ports: ["8080:80"]', '8080'],
    ['- /a:/b', '/a:/b'],
    ['aws s3 cp x s3://bucket', 's3'],
    ['key: s0', 's0'],
    ['user:role:type:s0', 'role'],
    ['system_u:object_r:etc_t:s0:c1024', 'etc_t'],
    ['foo_t is not a known type', 'foo_t'],
  ];
  for (const [text, needle] of misses) {
    it(`no hover: ${text} (at ${needle})`, () => {
      const at = text.indexOf(needle);
      for (let i = at; i <= at + needle.length; i++) assert.equal(contextHoverAt(text, i, true), undefined, `offset ${i}`);
    });
  }

  it('plain text: no markdown marks', () => {
    const h = hover(psLine, 'container_t', 0, false)!;
    assert.doesNotMatch(h.contents, /[`*]|\|---/);
    assert.match(h.contents, /^SELinux context system_u:system_r:container_t:s0:c324,c837/);
    assert.match(h.contents, /type — container_t — a confined container process/);
  });
});
