import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, defaultSettings } from '../../server/src/core';
import { HostLabels, type Exec } from '../../server/src/lsp/hostLabels';
import { hover } from '../../server/src/lsp/hover';
import { HostSeverity } from '../../server/src/lsp/hostSeverity';

/** A fake host: a root with /proc/self/mountinfo, and `stat` answered from a table. */
function fakeHost(selinuxfs: 'rw' | 'ro' | 'none', labels: Record<string, string>): { root: string; calls: string[][]; hostLabels: HostLabels } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-host-'));
  fs.mkdirSync(path.join(root, 'proc/self'), { recursive: true });
  const mount = selinuxfs === 'none' ? '' : `36 35 0:31 / /sys/fs/selinux ${selinuxfs},nosuid,noexec,relatime shared:8 - selinuxfs selinuxfs ${selinuxfs}\n`;
  fs.writeFileSync(path.join(root, 'proc/self/mountinfo'), `22 1 253:0 / / rw,relatime shared:1 - xfs /dev/vda1 rw\n${mount}`);
  const calls: string[][] = [];
  const exec: Exec = async (file, args) => {
    calls.push([file, ...args]);
    const label = labels[args[args.length - 1].slice(root.length)];
    if (label === undefined) throw new Error('stat: cannot stat');
    return `${label}\n`;
  };
  return { root, calls, hostLabels: new HostLabels(root, exec) };
}

describe('host labels (fake host root)', () => {
  it('SELinux is on only with a read-write selinuxfs mount', () => {
    assert.equal(fakeHost('rw', {}).hostLabels.enabled(), true);
    assert.equal(fakeHost('ro', {}).hostLabels.enabled(), false);
    assert.equal(fakeHost('none', {}).hostLabels.enabled(), false);
    assert.equal(new HostLabels('/nonexistent-root').enabled(), false);
  });

  it('reads a label with stat -c %C and a fixed argument list; unreadable or "?" is no label', async () => {
    const host = fakeHost('rw', { '/srv/data': 'unconfined_u:object_r:var_t:s0', '/srv/nolabel': '?' });
    assert.equal(await host.hostLabels.label('/srv/data'), 'unconfined_u:object_r:var_t:s0');
    assert.deepEqual(host.calls[0], ['stat', '-c', '%C', '--', path.join(host.root, '/srv/data')]);
    assert.equal(await host.hostLabels.label('/srv/nolabel'), undefined);
    assert.equal(await host.hostLabels.label('/srv/missing'), undefined);
    assert.equal(await fakeHost('ro', { '/srv/data': 'x:y:z_t:s0' }).hostLabels.label('/srv/data'), undefined);
  });

  describe('the hover tells what the label means', () => {
    const dir = '/srv/project';
    const compose = (volume: string): TextDocument =>
      TextDocument.create(pathToFileURL(path.join(dir, 'compose.yaml')).href, 'dockercompose', 1, `services:\n  web:\n    image: x\n    volumes:\n      - ${volume}\n`);
    const settings = { ...defaultSettings, enable: true, debounceMs: 0, hostAware: true };
    const at = { line: 4, character: 9 };
    const hoverText = async (volume: string, labels: Record<string, string>, aware = true): Promise<string> => {
      const h = await hover(compose(volume), at, { ...settings, hostAware: aware }, true, fakeHost('rw', labels).hostLabels);
      return (h?.contents as { value: string }).value;
    };

    it('a relative path, resolved next to the file, labelled default_t: denied', async () => {
      const text = await hoverText('./data:/data', { '/srv/project/data': 'system_u:object_r:default_t:s0' });
      assert.match(text, /\*\*On this host\*\* `\/srv\/project\/data` is labelled `system_u:object_r:default_t:s0`/);
      assert.match(text, /will be denied/);
    });

    it('container_file_t:s0 already: shared, no relabel needed', async () => {
      const text = await hoverText('/srv/shared:/s', { '/srv/shared': 'system_u:object_r:container_file_t:s0' });
      assert.match(text, /every container may use it/);
    });

    it('container_file_t with categories: private to one container', async () => {
      const text = await hoverText('/srv/private:/p', { '/srv/private': 'system_u:object_r:container_file_t:s0:c1,c2' });
      assert.match(text, /private to the container holding `s0:c1,c2`/);
    });

    it('not read when the setting is off', async () => {
      const text = await hoverText('/srv/shared:/s', { '/srv/shared': 'system_u:object_r:container_file_t:s0' }, false);
      assert.doesNotMatch(text, /On this host/);
    });
  });
});

describe('host labels settle severities (fake host root)', () => {
  const text = 'services:\n  web:\n    image: x\n    volumes:\n      - /srv/shared:/s\n      - /srv/home:/h\n';
  const doc = TextDocument.create(pathToFileURL('/srv/project/compose.yaml').href, 'dockercompose', 1, text);

  it('a path already labelled container_file_t:s0 is lowered to info; one labelled for the host stays a warning', async () => {
    const host = fakeHost('rw', { '/srv/shared': 'system_u:object_r:container_file_t:s0', '/srv/home': 'unconfined_u:object_r:user_home_t:s0' });
    const findings = analyze(text, { fileName: 'compose.yaml' }).findings;
    const adjusted = await new HostSeverity(host.hostLabels).adjust(doc, findings);
    assert.deepEqual(adjusted.map((f) => [f.ruleId, f.severity]), [['missing-relabel', 'info'], ['missing-relabel', 'warning']]);
    assert.match(adjusted[0].message, /labelled system_u:object_r:container_file_t:s0 already/);
  });

  it('without SELinux nothing changes', async () => {
    const findings = analyze(text, { fileName: 'compose.yaml' }).findings;
    assert.deepEqual(await new HostSeverity(fakeHost('none', {}).hostLabels).adjust(doc, findings), findings);
  });
});
