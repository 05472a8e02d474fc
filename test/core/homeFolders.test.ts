import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { homeFolderVerdict, homeWayOut, ordinaryHomeFolder, ordinaryHomeFolders, typedHomeFolders, xauthorityVariable } from '../../server/src/core/homeFolders';
import { holdsCredentials, sensitivity } from '../../server/src/core/paths';

// The home folders of reference §5c, as data: which folder a path falls in, by the policy's patterns.

describe('home folders (reference §5c)', () => {
  const typed: [string, string, string][] = [
    ['.ssh', 'ssh_home_t', '~/.ssh'],
    ['.ssh/id_ed25519', 'ssh_home_t', '~/.ssh'],
    ['.shosts', 'ssh_home_t', '~/.shosts'],
    ['.ansible/cp/ab12cd', 'ssh_home_t', '~/.ansible/cp/ab12cd'],
    ['.gnupg', 'gpg_secret_t', '~/.gnupg'],
    ['.Xauthority', 'xauth_home_t', '~/.Xauthority'],
    ['.Xauthority-c', 'xauth_home_t', '~/.Xauthority-c'],
    ['.xauthXYZ123', 'xauth_home_t', '~/.xauthXYZ123'],
    ['.serverauth.1234', 'xauth_home_t', '~/.serverauth.1234'],
    ['.ICEauthority', 'iceauth_home_t', '~/.ICEauthority'],
    ['.k5login', 'krb5_home_t', '~/.k5login'],
    ['.config/Yubico/u2f_keys', 'auth_home_t', '~/.config/Yubico'],
    ['.pki/nssdb', 'home_cert_t', '~/.pki'],
    ['.config/systemd/user', 'systemd_unit_file_t', '~/.config/systemd/user'],
    ['.local/share/keyrings', 'gkeyringd_gnome_home_t', '~/.local/share/keyrings'],
    ['.local/share/containers/storage', 'container_ro_file_t', '~/.local/share/containers'],
    ['VirtualMachines', 'virt_home_t', '~/VirtualMachines'],
    ['public_html', 'httpd_user_content_t', '~/public_html'],
    ['Maildir/new', 'mail_home_rw_t', '~/Maildir'],
    ['.mozilla/firefox', 'mozilla_home_t', '~/.mozilla'],
    ['.cache/google-chrome', 'chrome_sandbox_home_t', '~/.cache/google-chrome'],
    ['.local/bin', 'home_bin_t', '~/.local/bin'],
    ['bin/tool', 'home_bin_t', '~/bin'],
  ];
  for (const [rel, type, folder] of typed) {
    it(`typed: ~/${rel} is ${type}`, () => assert.deepEqual(pick(homeFolderVerdict(rel)), { kind: 'typed', type, folder }));
  }

  const containing: [string, string, string][] = [
    ['', 'user_home_dir_t', '~/.ssh'],
    ['.config', 'config_home_t', '~/.config/systemd/user'],
    ['.local', 'gconf_home_t', '~/.local/share/keyrings'],
    ['.local/share', 'data_home_t', '~/.local/share/keyrings'],
    ['.cache', 'cache_home_t', '~/.cache/mozilla'],
    ['.gnome2', 'gnome_home_t', '~/.gnome2/keyrings'],
    ['.ansible', 'user_home_t', '~/.ansible/cp/*'],
    ['.config/systemd', 'user_home_t', '~/.config/systemd/user'],
  ];
  for (const [rel, type, holds] of containing) {
    it(`containing: ~/${rel} (${type}) holds ${holds}`, () => {
      const v = homeFolderVerdict(rel);
      assert.equal(v?.kind, 'containing');
      assert.equal(v.type, type);
      assert.ok(v.kind === 'containing' && v.contains.includes(holds), JSON.stringify(v));
      assert.match(v.harm, /^the relabel is recursive and takes /);
    });
  }

  const ordinary = ['.aws', '.kube/config', '.docker', '.m2', '.cargo', '.npm', '.gradle', '.gitconfig', '.npmrc', '.config/containers', '.config/gcloud', 'projects/app', 'Music', 'Audio', '.fonts', '.cache/thumbnails', '.cache/pip', '.config/myapp', '.Xauth', 'website', '.sshd', 'binaries'];
  for (const rel of ordinary) it(`ordinary: ~/${rel}`, () => assert.equal(homeFolderVerdict(rel), undefined));

  it('every folder listed as ordinary stays an ordinary bind', () => {
    for (const o of ordinaryHomeFolders) assert.equal(sensitivity(`~/${o.pattern}`), undefined, o.pattern);
  });

  it('no pattern is listed twice, and every typed entry says what a relabel breaks or exposes', () => {
    const all = typedHomeFolders.flatMap((e) => e.patterns);
    assert.equal(new Set(all).size, all.length);
    for (const e of typedHomeFolders) assert.match(e.harm, /expos|denied|runs code|puts programs|relabels|hands/, e.type);
  });

  it('sshd still reads a relabelled ~/.ssh on current policy: the harm is exposure, not a lockout', () => {
    const v = homeFolderVerdict('.ssh')!;
    assert.match(v.harm, /exposes your SSH keys to containers/);
    assert.doesNotMatch(v.harm, /sshd/);
  });

  it('the way out: a subfolder of its own, label=disable, and for the X cookie a cookie of its own', () => {
    assert.equal(homeWayOut(homeFolderVerdict('.config')!, 'web'), 'Mount only the subfolder the container needs (such as ~/.config/<app>), or run web with label=disable');
    assert.equal(homeWayOut(homeFolderVerdict('.gnupg')!, 'web'), 'Give the container a folder of its own holding only what it needs, or run web with label=disable');
    for (const v of [homeFolderVerdict('.Xauthority')!, xauthorityVariable]) {
      assert.match(homeWayOut(v, 'gui'), /^Run gui with label=disable, the usual way for GUI containers .* a cookie of its own rather than yours \(xauth nlist \$DISPLAY/);
    }
  });

  it('credential folders prefer :Z; other ordinary folders do not say so', () => {
    for (const p of ['~/.aws', '/root/.kube/config', '/home/u/.docker', '~/.config/gcloud', '/var/home/core/.aws']) assert.ok(holdsCredentials(p), p);
    for (const p of ['~/.m2', '~/Music', './.aws', '/srv/.aws']) assert.equal(holdsCredentials(p), false, p);
    assert.equal(ordinaryHomeFolder('.cache/thumbnails/large')?.pattern, '.cache/thumbnails');
  });

  it('docs/rules/system-path-mount.md lists every typed folder with its type and harm (what --explain prints)', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'rules', 'system-path-mount.md'), 'utf8');
    for (const e of typedHomeFolders) {
      const row = `| ${e.patterns.map((p) => `\`~/${p}\``).join(', ')} | \`${e.type}\` | ${e.harm} |`;
      assert.ok(doc.includes(row), `missing row:\n${row}`);
    }
  });
});

function pick(v: ReturnType<typeof homeFolderVerdict>): unknown {
  return v && { kind: v.kind, type: v.type, folder: v.folder };
}
