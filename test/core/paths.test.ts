import assert from 'node:assert/strict';
import fc from 'fast-check';
import { normalizePath, sensitivity } from '../../server/src/core/paths';
import { absoluteKey } from '../../server/src/core/project/projectView';
import { runParameters } from '../property/properties';

describe('sensitive host paths', () => {
  const refused = ['/', '/etc', '/etc/', '/home', '/usr', '/var/lib', '/var/log', '/root', '/tmp', '/run', '/opt', '/srv', '/etc/passwd', '/etc/pki', '/var/lib/../lib', '//usr//'];
  for (const p of refused) it(`refused: ${p}`, () => assert.equal(sensitivity(p)?.refused, true));
  const sensitive = [
    '/home/alice', '~', '~/', '~/.ssh', '~/.ssh/id_rsa', '/home/bob/.ssh', '/root/.ssh/authorized_keys', '~/.local/share/containers/storage',
    '/etc/localtime', '/etc/resolv.conf', '/etc/ssl/certs', '/etc/ssh', '/etc/selinux/targeted', '/usr/share/app', '/lib/modules', '/var/lib/docker',
    '/var/lib/containers/storage', '/run/docker.sock', '/var/run/docker.sock', '/var/run/dbus', '/tmp/.X11-unix', '/dev/dri', '/proc/sys', '/sys/fs/cgroup',
    '/srv/x/app.sock', '${XDG_RUNTIME_DIR}/podman/podman.sock', './run/app.sock', 'docker.sock/',
    // Home folders of reference §5c, however the home is written.
    '~/.gnupg', '~/.Xauthority', '/root/.Xauthority-c', '~/.config', '/home/alice/.local', '/var/home/core/.ssh', '/var/home/core', '$XAUTHORITY', '${XAUTHORITY}',
  ];
  for (const p of sensitive) it(`sensitive: ${p}`, () => assert.ok(sensitivity(p)));
  const ordinary = ['~/.kube', '/root/.aws', '~/.config/gcloud', '$XAUTHORITY_FILE', '/var/home', './data', '.', '../x', '/etc/pihole', '/srv/app/data', '/opt/app/data', '/var/lib/ipa-data', '~/projects/app', '/home/alice/projects', '/tmp/data', '/mnt/media', './usr', 'etc/ssl', './home/alice/.ssh', '/usr2', '/etc/sslx', 'C:\\data', '${DATA}', '${DATA}/x'];
  for (const p of ordinary) it(`ordinary: ${p}`, () => assert.equal(sensitivity(p), undefined));
  it('a variable source mounted at a socket is a socket', () => assert.ok(sensitivity('${SOCK}', '/var/run/docker.sock')));
  it('normalizes', () => {
    assert.equal(normalizePath('/a/./b/../c/'), '/a/c');
    assert.equal(normalizePath('~/x/../y'), '~/y');
    assert.equal(normalizePath('./rel/'), './rel');
  });
});

describe('normal paths', () => {
  const part = fc.constantFrom('', '.', '..', 'a', 'b.c', '..x', '.x', 'x.');
  const rooted = fc.tuple(fc.constantFrom('/', '~', '~u/'), fc.array(part, { maxLength: 6 }), fc.boolean()).map(([root, parts, slash]) => root + parts.join('/') + (slash ? '/' : ''));

  it('a rooted path normalised as it is equals it made part by part (a `.` part added makes normalizePath split it)', () => {
    fc.assert(fc.property(rooted, (path) => assert.equal(normalizePath(path), normalizePath(`${path}/.`), path)), runParameters(2000));
  });

  it('a relative host path is made absolute against the project folder', () => {
    assert.equal(absoluteKey('./data/x/', '/srv/app'), '/srv/app/data/x');
    assert.equal(absoluteKey('.//data/./x/../y', '/srv/app'), '/srv/app/data/y');
    assert.equal(absoluteKey('./', '/srv/app'), '/srv/app');
    assert.equal(absoluteKey('../up', '/srv/app'), '/srv/up');
    assert.equal(absoluteKey('data', '/'), '/data');
    assert.equal(absoluteKey('/abs/', '/srv/app'), '/abs');
  });
});
