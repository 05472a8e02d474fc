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
 * Scripts and compose projects of one workspace sharing a folder (test/fixtures/compose-projects):
 * bbguimaraes-deployments' nextcloud/php.sh and nextcloud/nginx.sh, whose `podman run --volume
 * "$vol/apps:...:z"` mount the same folders of /mnt/bbguimaraes1-vol/nextcloud, and
 * docker-templates' radarr, a compose project, made to mount one of them.
 */
function makeWorkspace(appsRelabel: ':z' | ':Z'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-scripts-'));
  fs.mkdirSync(path.join(root, '.git'));
  for (const name of ['bbguimaraes-deployments', 'docker-templates']) fs.cpSync(path.join(projectsRoot, name), path.join(root, name), { recursive: true });
  for (const script of ['php.sh', 'nginx.sh']) replace(path.join(root, 'bbguimaraes-deployments', 'nextcloud', script), apps, apps.replace(':z"', `${appsRelabel}"`));
  replace(path.join(root, 'docker-templates', 'templates', 'radarr', 'docker-compose.yml'), '/mnt/downloads:/downloads', '/mnt/bbguimaraes1-vol/nextcloud/data:/downloads:Z');
  return root;
}

const apps = '"$vol/apps:/usr/share/webapps/nextcloud/wapps:z"';
const data = '"$vol/data:/usr/share/webapps/nextcloud/data:z"';

function replace(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} is not in ${file}`);
  fs.writeFileSync(file, text.replace(from, to));
}

describe('lsp: scripts and compose projects of one workspace sharing a folder', () => {
  let root: string;
  let client: LspClient;
  const script = (name: string) => path.join(root, 'bbguimaraes-deployments', 'nextcloud', name);
  const uriOf = (file: string) => pathToFileURL(file).href;
  const radarr = () => path.join(root, 'docker-templates', 'templates', 'radarr', 'docker-compose.yml');
  const latest = (u: string) => client.published.filter((p) => p.uri === u).at(-1)?.diagnostics ?? [];
  const start = async (appsRelabel: ':z' | ':Z', diagnosticsScope: string) => {
    root = makeWorkspace(appsRelabel);
    client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
    // Open documents compared with each other only: what the disk holds is left out (compareWorkspace).
    client.settings = { debounceMs: 0, diagnosticsScope, compareWorkspace: false };
  };
  afterEach(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('open documents: the second script opened re-checks the first, and an unsaved edit to it too', async () => {
    await start(':Z', 'openFiles');
    const php = uriOf(script('php.sh'));
    const nginx = uriOf(script('nginx.sh'));
    assert.deepEqual(shared(await client.open(php, fs.readFileSync(script('php.sh'), 'utf8'), 'shellscript')), []);
    const rechecked = client.nextDiagnostics(php);
    const nginxText = fs.readFileSync(script('nginx.sh'), 'utf8');
    assert.deepEqual(shared(await client.open(nginx, nginxText, 'shellscript')), ['$vol/apps is mounted by 2 containers (nextcloud-nginx, nextcloud-php (php.sh, :Z))']);
    assert.deepEqual(shared((await rechecked).diagnostics), ['$vol/apps is mounted by 2 containers (nextcloud-php, nextcloud-nginx (nginx.sh, :Z))']);
    // Another folder, then a relative path: neither is php.sh's folder any more; back again, it is.
    for (const other of ['"$vol/apps2:', '"./apps:']) {
      const dropped = client.nextDiagnostics(php);
      await client.sendChange(nginx, nginxText.replace('"$vol/apps:', other));
      assert.deepEqual(shared((await dropped).diagnostics), [], other);
      const back = client.nextDiagnostics(php);
      await client.sendChange(nginx, nginxText);
      assert.deepEqual(shared((await back).diagnostics), ['$vol/apps is mounted by 2 containers (nextcloud-php, nextcloud-nginx (nginx.sh, :Z))'], other);
    }
  });

  it('open documents: a compose project and a script mounting one folder report each other', async () => {
    await start(':z', 'openFiles');
    const compose = uriOf(radarr());
    const nginx = uriOf(script('nginx.sh'));
    assert.deepEqual(shared(await client.open(compose, fs.readFileSync(radarr(), 'utf8'))), []);
    const rechecked = client.nextDiagnostics(compose);
    const nginxText = fs.readFileSync(script('nginx.sh'), 'utf8');
    assert.deepEqual(shared(await client.open(nginx, nginxText, 'shellscript')), []);
    assert.deepEqual(shared((await rechecked).diagnostics), [
      '/mnt/bbguimaraes1-vol/nextcloud/data is mounted by 2 containers (radarr, nextcloud-nginx (../../../bbguimaraes-deployments/nextcloud/nginx.sh, :z))',
    ]);
    const edited = await client.change(nginx, nginxText.replace(data, data.replace(':z"', ':Z"')));
    assert.deepEqual(shared(edited), ['$vol/data is mounted by 2 containers (nextcloud-nginx, radarr (../../docker-templates/templates/radarr/docker-compose.yml, another project, :Z))']);
  });

  it('openFiles reads the workspace from disk: an open compose file is compared with the closed scripts mounting its folder', async () => {
    root = makeWorkspace(':z');
    client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
    client.settings = { debounceMs: 0 };
    const compose = uriOf(radarr());
    await client.open(compose, fs.readFileSync(radarr(), 'utf8'));
    await until(() => shared(latest(compose)).length > 0, 'radarr compared with the scripts on disk');
    assert.deepEqual(shared(latest(compose)), [
      '/mnt/bbguimaraes1-vol/nextcloud/data is mounted by 3 containers (radarr, nextcloud-nginx (../../../bbguimaraes-deployments/nextcloud/nginx.sh, :z), nextcloud-php (../../../bbguimaraes-deployments/nextcloud/php.sh, :z))',
    ]);
    assert.deepEqual([...new Set(client.published.map((p) => p.uri))], [compose], 'the scripts, closed, get no diagnostics');
  });

  it('the workspace scope: closed scripts report each other, none where both say :z, and a change on disk re-checks the other', async () => {
    await start(':Z', 'workspace');
    const php = uriOf(script('php.sh'));
    const nginx = uriOf(script('nginx.sh'));
    await until(() => shared(latest(php)).length > 0 && shared(latest(nginx)).length > 0, 'both scripts reported');
    assert.deepEqual(shared(latest(nginx)), ['$vol/apps is mounted by 2 containers (nextcloud-nginx, nextcloud-php (php.sh, :Z))']);
    replace(script('nginx.sh'), apps.replace(':z"', ':Z"'), apps);
    await client.sendWatchedFiles([{ uri: nginx, type: FileChangeType.Changed }]);
    // php.sh's :Z still takes the folder from nginx.sh's container; nginx.sh's :z reports nothing.
    await until(() => shared(latest(nginx)).length === 0, 'nginx.sh re-checked');
    await until(() => shared(latest(php)).join() === '$vol/apps is mounted by 2 containers (nextcloud-php, nextcloud-nginx (nginx.sh, :z))', 'php.sh re-checked with nginx.sh\'s :z');
    replace(script('php.sh'), apps.replace(':z"', ':Z"'), apps);
    await client.sendWatchedFiles([{ uri: php, type: FileChangeType.Changed }]);
    await until(() => shared(latest(php)).length === 0, 'php.sh re-checked with :z');
    assert.deepEqual(shared(latest(nginx)), []);
  });

  it('open documents: two quadlet units of one folder share the folder their relative Volume= names (podman-quadlet-e2e)', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-quadlet-'));
    fs.cpSync(path.join(projectsRoot, 'podman-quadlet-e2e'), root, { recursive: true });
    client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
    // The open documents only: the disk's texts of the units would race the edited ones.
    client.settings = { debounceMs: 0, diagnosticsScope: 'openFiles', compareWorkspace: false };
    const unit = (name: string) => path.join(root, 'test/e2e/quadlet', name);
    const volumeText = fs.readFileSync(unit('volume.container'), 'utf8').replace('Volume=./host/dir3:/container/volume3', 'Volume=./downloads:/container/volume3:Z');
    const greatNameText = fs.readFileSync(unit('comment-with-continuation.container'), 'utf8').replace('Volume=./downloads:/downloads', 'Volume=./downloads:/downloads:z');
    const volume = uriOf(unit('volume.container'));
    assert.deepEqual(shared(await client.open(volume, volumeText, 'plaintext')), []);
    const rechecked = client.nextDiagnostics(volume);
    assert.deepEqual(shared(await client.open(uriOf(unit('comment-with-continuation.container')), greatNameText, 'plaintext')), []);
    assert.deepEqual(shared((await rechecked).diagnostics), ['./downloads is mounted by 2 containers (the container, greatName (comment-with-continuation.container, :z))']);
  });

  it('the workspace scope: many scripts mounting one folder, each checked again at most once after the scan reached it', async () => {
    root = makeWorkspace(':Z');
    // php.sh under 14 more folders: 16 containers mount $vol/apps, nginx.sh's among them.
    const copies = Array.from({ length: 14 }, (_, i) => path.join(root, `copy${i}`, 'php.sh'));
    for (const copy of copies) fs.cpSync(script('php.sh'), copy);
    client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
    client.settings = { debounceMs: 0, diagnosticsScope: 'workspace' };
    const uris = [script('php.sh'), script('nginx.sh'), ...copies].map(uriOf);
    const final = (u: string) => shared(latest(u)).some((m) => /^\$vol\/apps is mounted by 16 containers \(.* and 4 more\)$/.test(m));
    await until(() => uris.every(final), 'every script reported with all 16 containers');
    // Checked as the scan reached it, and once more if a script scanned later mounts the folder too:
    // never once per script that shares it.
    for (const u of uris) assert.ok(client.published.filter((p) => p.uri === u).length <= 2, u);
  });
});
