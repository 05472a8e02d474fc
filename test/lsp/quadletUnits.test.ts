import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { projectsRoot } from '../helpers/composeProjects';
import { LspClient } from '../helpers/lspClient';
import { sharedMessages as shared, until, watchingCapabilities as capabilities } from '../helpers/workspaceLsp';

/**
 * Quadlet units of one workspace sharing a host folder (test/fixtures/compose-projects/lyra-quadlet,
 * Roxabi/lyra deploy/quadlet): lyra-hub, lyra-discord and lyra-telegram mount lyra-data.volume,
 * a `.volume` unit that binds `%h/.lyra` (`Options=bind`), each with `:z`.
 */
describe('lsp: quadlet units sharing the folder of a .volume unit, or of PodmanArgs= in WorkingDirectory=', () => {
  let root: string;
  let client: LspClient;
  const unit = (name: string) => path.join(root, 'deploy', 'quadlet', name);
  const uriOf = (file: string) => pathToFileURL(file).href;
  const latest = (u: string) => client.published.filter((p) => p.uri === u).at(-1)?.diagnostics ?? [];
  const hubShared = 'lyra-data.volume (Device=%h/.lyra in lyra-data.volume) is mounted by 2 containers (lyra-hub, lyra-discord (lyra-discord.container, :z))';

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-quadlet-volume-'));
    fs.cpSync(path.join(projectsRoot, 'lyra-quadlet'), root, { recursive: true });
    client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
    // The open documents only: what the disk holds of the other units is left out.
    client.settings = { debounceMs: 0, diagnosticsScope: 'openFiles', compareWorkspace: false };
  });
  afterEach(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a :Z on the volume in one unit is reported with the other unit named; an edit to the open .volume unit, or to the file on disk, checks it again', async () => {
    const hub = uriOf(unit('lyra-hub.container'));
    const hubText = fs.readFileSync(unit('lyra-hub.container'), 'utf8').replace('Volume=lyra-data.volume:/home/lyra/.lyra:z', 'Volume=lyra-data.volume:/home/lyra/.lyra:Z');
    assert.deepEqual(shared(await client.open(hub, hubText, 'plaintext')), []);
    const rechecked = client.nextDiagnostics(hub);
    assert.deepEqual(shared(await client.open(uriOf(unit('lyra-discord.container')), fs.readFileSync(unit('lyra-discord.container'), 'utf8'), 'plaintext')), []);
    assert.deepEqual(shared((await rechecked).diagnostics), [hubShared]);

    // The volume unit opened and made to bind another folder: the hub's mount is of that folder now, the discord unit's too.
    const volume = uriOf(unit('lyra-data.volume'));
    const volumeText = fs.readFileSync(unit('lyra-data.volume'), 'utf8');
    await client.open(volume, volumeText, 'plaintext');
    // Both units read it again (the hub may be checked before the discord unit gives its new folder).
    await client.sendChange(volume, volumeText.replace('Device=%h/.lyra', 'Device=/srv/lyra'));
    const movedShared = hubShared.replace('Device=%h/.lyra', 'Device=/srv/lyra');
    await until(() => shared(latest(hub))[0] === movedShared, 'the hub checked with the folder the unit binds now');
    // No longer a bind: a volume podman labels itself, shared by nobody.
    await client.sendChange(volume, volumeText.replace('Options=bind', 'Options=rw'));
    await until(() => shared(latest(hub)).length === 0, 'the hub checked with a unit that binds no folder');

    // Closed, the disk's text counts again; a change on disk is told by the watcher.
    await client.close(volume);
    await until(() => shared(latest(hub))[0] === hubShared, 'the hub checked with the disk\'s lyra-data.volume');
    fs.writeFileSync(unit('lyra-data.volume'), volumeText.replace('Device=%h/.lyra', 'Device=/dev/vdb1').replace('Type=none', 'Type=xfs'));
    await client.sendWatchedFiles([{ uri: volume, type: FileChangeType.Changed }]);
    await until(() => shared(latest(hub)).length === 0, 'the hub checked again once the unit mounts a device');
  });

  it('a relative PodmanArgs= source is compared at the unit\'s WorkingDirectory=, and not without one', async () => {
    const telegram = uriOf(unit('lyra-telegram.container'));
    const telegramText = fs.readFileSync(unit('lyra-telegram.container'), 'utf8').replace('Volume=lyra-data.volume:/home/lyra/.lyra:z', 'PodmanArgs=-v ./.lyra:/home/lyra/.lyra:Z');
    assert.deepEqual(shared(await client.open(uriOf(unit('lyra-hub.container')), fs.readFileSync(unit('lyra-hub.container'), 'utf8'), 'plaintext')), []);
    // Without WorkingDirectory= podman starts in / (system unit) or the home folder (user unit): no folder to compare.
    assert.deepEqual(shared(await client.open(telegram, telegramText, 'plaintext')), []);
    assert.deepEqual(shared(await client.change(telegram, telegramText.replace('[Service]', '[Service]\nWorkingDirectory=%h'))), [
      './.lyra (WorkingDirectory=%h) is mounted by 2 containers (lyra-telegram, lyra-hub (lyra-hub.container, :z))',
    ]);
  });
});
