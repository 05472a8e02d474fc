import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, Diagnostic } from 'vscode-languageserver-protocol';
import { projectsRoot } from '../helpers/composeProjects';
import { LspClient } from '../helpers/lspClient';
import { until, watchingCapabilities } from '../helpers/workspaceLsp';

/**
 * The default scope (openFiles) reads every workspace file from disk only to compare the open
 * documents with it, and reads no findings of it: the open documents' diagnostics must be those
 * they get when every file is fully checked (scope workspace). The workspace is every real project
 * of test/fixtures/compose-projects, with radarr and qbittorrent (two projects) both relabelling
 * /mnt/downloads, and qbittorrent mounting radarr's config folder (a path of radarr's .env), so the
 * comparison across files has something to say, some of it only with the closed file's project applied.
 */
function makeWorkspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-compare-'));
  fs.mkdirSync(path.join(root, '.git'));
  fs.cpSync(projectsRoot, root, { recursive: true });
  for (const app of ['radarr', 'qbittorrent']) {
    const file = path.join(root, 'docker-templates', 'templates', app, 'docker-compose.yml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z'));
  }
  // radarr's config folder, a path of its .env's DOCKERDIR, relabelled private there and by qbittorrent too.
  const radarr = path.join(root, 'docker-templates', 'templates', 'radarr', 'docker-compose.yml');
  fs.writeFileSync(radarr, fs.readFileSync(radarr, 'utf8').replace('$DOCKERDIR/radarr/data:/config', '$DOCKERDIR/radarr/data:/config:Z'));
  const qbittorrent = path.join(root, 'docker-templates', 'templates', 'qbittorrent', 'docker-compose.yml');
  fs.writeFileSync(qbittorrent, fs.readFileSync(qbittorrent, 'utf8').replace('      - /mnt/downloads', '      - $DOCKERDIR/radarr/data:/radarr:Z\n      - /mnt/downloads'));
  return root;
}

/** Documents opened: compose files of projects read with their other files, scripts, Makefiles, a quadlet unit. */
const opened: [rel: string, languageId: string][] = [
  ['docker-templates/templates/qbittorrent/docker-compose.yml', 'yaml'],
  ['docker-nextjs-typescript/docker-compose.prod.yml', 'yaml'],
  ['docker-nextjs-typescript/Makefile', 'makefile'],
  ['heltra-gmo/compose.dev.yml', 'yaml'],
  ['fabric-samples/first-network/docker-compose-cli.yaml', 'yaml'],
  ['neosync/compose/compose-db.yml', 'yaml'],
  ['attendance-system/helpers/5-docker_compose_dev.sh', 'shellscript'],
  ['bbguimaraes-deployments/nextcloud/nginx.sh', 'shellscript'],
  ['podman-quadlet-e2e/test/e2e/quadlet/mount.container', 'plaintext'],
  ['symfony-docker/compose.override.yaml', 'yaml'],
];

const capabilities: ClientCapabilities = { ...watchingCapabilities, window: { workDoneProgress: true } };

/**
 * Each document's first diagnostics, opened one after another once the server has read the
 * workspace: an open document's text is the one on disk, so opening it changes nothing the others read.
 */
async function openedDiagnostics(settings: Record<string, unknown>): Promise<Map<string, Diagnostic[]>> {
  const root = makeWorkspace();
  const client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
  try {
    client.settings = { debounceMs: 0, ...settings };
    if (settings.compareWorkspace !== false) await until(() => client.progress.some((p) => p.value.kind === 'end'), 'the end of the workspace scan', 60_000);
    const out = new Map<string, Diagnostic[]>();
    for (const [rel, languageId] of opened) {
      const uri = pathToFileURL(path.join(root, rel)).href;
      const first = client.nextDiagnostics(uri, 10_000, 1);
      await client.sendOpen(uri, fs.readFileSync(path.join(root, rel), 'utf8'), languageId);
      out.set(rel, (await first).diagnostics);
    }
    return out;
  } finally {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('lsp: the workspace read for the comparison only (openFiles, compareWorkspace)', function () {
  this.timeout(120_000);

  it('gives the open documents the diagnostics a full check of every file gives them', async () => {
    const compared = await openedDiagnostics({});
    const full = await openedDiagnostics({ diagnosticsScope: 'workspace' });
    const alone = await openedDiagnostics({ compareWorkspace: false });
    assert.deepEqual(compared, full);
    // The closed files changed what the open ones are told: the comparison is not empty, and it
    // reads radarr's mount with its project's .env applied.
    const qbittorrent = 'docker-templates/templates/qbittorrent/docker-compose.yml';
    const differs = opened.map(([rel]) => rel).filter((rel) => JSON.stringify(compared.get(rel)) !== JSON.stringify(alone.get(rel)));
    assert.deepEqual(differs, [qbittorrent]);
    const shared = compared.get(qbittorrent)!.filter((d) => d.code === 'private-label-shared').map((d) => String(d.message).replace(/ \(DOCKERDIR=.*?\)/, '').replace(/ but relabelled.*/, ''));
    assert.deepEqual(shared, [
      '$DOCKERDIR/radarr/data is mounted by 2 containers (qbittorrent, radarr (../radarr/docker-compose.yml, another project, :Z))',
      '/mnt/downloads is mounted by 2 containers (qbittorrent, radarr (../radarr/docker-compose.yml, another project, :Z))',
    ]);
  });
});
