import assert from 'node:assert/strict';
import { hoverAt } from '../../server/src/core';

const text = [
  'services:',
  '  web:',
  '    image: nginx',
  '    security_opt: ["label=level:s0:c100,c200"]',
  '    volumes:',
  '      - ./site:/usr/share/nginx/html:ro,z',
  '      - /srv/app/data:/data:Z',
  '      - ./logs:/var/log/nginx',
  '      - /home:/home:Z',
  '  tool:',
  '    image: x',
  '    privileged: true',
  '    security_opt: [label:disable]',
  '    volumes: [./cache:/cache:Z]',
  '',
].join('\n');

function hover(needle: string, delta = 0, markdown = true): { contents: string; range: string } | undefined {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const h = hoverAt(text, at + delta, { fileName: 'compose.yaml', markdown });
  return h && { contents: h.contents, range: text.slice(h.span.start, h.span.end) };
}

describe('hover', () => {
  it('z: shared label container_file_t:s0, recursive, restorecon -R -F', () => {
    const h = hover('ro,z', 3)!;
    assert.equal(h.range, 'z');
    assert.match(h.contents, /system_u:object_r:container_file_t:s0`/);
    assert.match(h.contents, /every confined container/);
    assert.match(h.contents, /recursive/);
    assert.match(h.contents, /restorecon -R -F \.\/site/);
    assert.match(h.contents, /c0`–`c1023/);
  });

  it('Z: private label with the container level', () => {
    const h = hover('/data:Z', 6)!;
    assert.equal(h.range, 'Z');
    assert.match(h.contents, /container_file_t:s0:c100,c200/);
    assert.match(h.contents, /another container that mounts it with `:Z` takes it away/);
  });

  it('a bind without relabel: the AVC denial with its own paths, and how to confirm', () => {
    const h = hover('./logs', 2)!;
    assert.equal(h.range, './logs');
    assert.match(h.contents, /avc: {2}denied {2}\{ read \}.*name="logs".*scontext=system_u:system_r:container_t:s0:c\d+,c\d+ tcontext=unconfined_u:object_r:user_home_t:s0 tclass=dir/);
    assert.match(h.contents, /ls -ldZ \.\/logs/);
    assert.match(h.contents, /ausearch -m avc/);
    assert.match(h.contents, /`:Z` if only this container uses it/);
  });

  it('Z on a system path warns that the engine refuses', () => {
    const h = hover('/home:Z', 6)!;
    assert.match(h.contents, /SELinux relabeling of \/home is not allowed/);
  });

  it('Z on a label-disabled container: s0:c1022,c1023', () => {
    const h = hover('/cache:Z', 7)!;
    assert.match(h.contents, /s0:c1022,c1023/);
    assert.match(h.contents, /Labeling is off for tool \(privileged: true\)/);
  });

  it('label=level: and label:disable options', () => {
    assert.match(hover('label=level', 3)!.contents, /MCS level `s0:c100,c200`/);
    const d = hover('label:disable', 1)!;
    assert.equal(d.range, 'label:disable');
    assert.match(d.contents, /spc_t/);
    assert.match(d.contents, /deprecated/);
  });

  it('plain text when the client does not take markdown', () => {
    const h = hover('./logs', 2, false)!;
    assert.doesNotMatch(h.contents, /[`*]{1,2}[^`*]+[`*]{1,2}/);
    assert.match(h.contents, /ls -ldZ \.\/logs/);
  });

  it('nothing over other text', () => {
    assert.equal(hover('image: nginx', 2), undefined);
    assert.equal(hoverAt('not: compose', 2, { fileName: 'x.yaml', markdown: true }), undefined);
  });
});

describe('hover over home folders (reference §5c)', () => {
  const home = 'services:\n  dev:\n    image: x\n    volumes:\n      - ~/.ssh:/root/.ssh:ro,Z\n      - ~/.config:/root/.config\n';
  const at = (needle: string, delta: number): string => {
    const h = hoverAt(home, home.indexOf(needle) + delta, { fileName: 'compose.yaml', markdown: true });
    assert.ok(h, needle);
    return h.contents;
  };

  it('Z on ~/.ssh: its type, what the relabel exposes, the way out', () => {
    const contents = at('ro,Z', 3);
    assert.match(contents, /`~\/\.ssh` is home content the policy labels ssh_home_t, and the relabel takes that type away: it exposes your SSH keys to containers/);
    assert.match(contents, /Give the container a folder of its own holding only what it needs, or run dev with label=disable/);
  });

  it('~/Music has a type of its own that only the user reads: an ordinary bind', () => {
    const music = 'services:\n  mpd:\n    image: x\n    volumes:\n      - ~/Music:/var/lib/mpd/music:ro\n';
    const h = hoverAt(music, music.indexOf('~/Music') + 2, { fileName: 'compose.yaml', markdown: true })!;
    assert.match(h.contents, /tcontext=unconfined_u:object_r:audio_home_t:s0/);
    assert.match(h.contents, /has a type of its own \(`audio_home_t`\), read only by your own programs: a relabel is safe/);
  });

  it('~/.config without relabel: the denial names config_home_t, and what the folder holds', () => {
    const contents = at('~/.config', 2);
    assert.match(contents, /tcontext=unconfined_u:object_r:config_home_t:s0/);
    assert.match(contents, /takes ~\/\.config\/systemd\/user \(systemd_unit_file_t\)/);
    assert.match(contents, /Mount only the subfolder the container needs \(such as ~\/\.config\/<app>\)/);
  });
});

describe('hover beyond mounts', () => {
  it('an SELinux context in a compose file', () => {
    const text = 'services:\n  web:\n    image: x\n    # runs as system_u:system_r:container_t:s0:c324,c837\n';
    const at = text.indexOf('container_t');
    const h = hoverAt(text, at, { fileName: 'compose.yaml', markdown: true })!;
    assert.equal(text.slice(h.span.start, h.span.end + 1).startsWith('system_u'), true);
    assert.match(h.contents, /c324/);
  });

  it('an AVC denial line in an audit log', () => {
    const text =
      'type=AVC msg=audit(1700000000.123:456): avc:  denied  { write } for  pid=4242 comm="nginx" name="data" dev="dm-0" ino=1234 scontext=system_u:system_r:container_t:s0:c324,c837 tcontext=unconfined_u:object_r:user_home_t:s0 tclass=dir permissive=0\n';
    const h = hoverAt(text, text.indexOf('denied'), { fileName: 'audit.log', markdown: true })!;
    assert.match(h.contents, /type enforcement/i);
    assert.match(h.contents, /:Z/);
  });
});

describe('hover in build files', () => {
  const dockerfile = 'ARG V=6\nFROM centos:${V}\nRUN setenforce 0 && restorecon -R /srv\n';
  const at = (needle: string, delta = 1) => hoverAt(dockerfile, dockerfile.indexOf(needle) + delta, { fileName: 'Dockerfile', markdown: true })!;

  it('an old base image: why tools think SELinux is on, and the way out', () => {
    const h = at('centos:');
    assert.equal(dockerfile.slice(h.span.start, h.span.end), 'centos:${V}');
    assert.match(h.contents, /centos:6/);
    assert.match(h.contents, /ssh_selinux_getctxbyname/);
    assert.match(h.contents, /newer base image/);
  });

  it('an SELinux tool in a RUN step: what it does in a container', () => {
    assert.match(at('setenforce').contents, /exits 1/);
    assert.match(at('restorecon').contents, /without doing anything/);
  });
});
