import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import { projectsRoot } from '../helpers/composeProjects';
import { LspClient } from '../helpers/lspClient';
import { sharedMessages as shared, until, watchingCapabilities as capabilities } from '../helpers/workspaceLsp';

/**
 * Compose projects of one workspace (test/fixtures/compose-projects): docker-templates' radarr and
 * qbittorrent, two projects that both mount /mnt/downloads, and neosync, a project with an
 * override written on disk later.
 */
function makeWorkspace(relabel: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-projects-'));
  fs.mkdirSync(path.join(root, '.git'));
  for (const name of ['docker-templates', 'neosync', 'docker-nextjs-typescript']) fs.cpSync(path.join(projectsRoot, name), path.join(root, name), { recursive: true });
  for (const app of ['radarr', 'qbittorrent']) {
    const file = path.join(root, 'docker-templates', 'templates', app, 'docker-compose.yml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('/mnt/downloads:/downloads', `/mnt/downloads:/downloads${relabel}`));
  }
  // docker-nextjs-typescript: the prod file, run after the base file by the Makefile, mounts a
  // folder; the base file turns labeling off.
  const next = path.join(root, 'docker-nextjs-typescript');
  fs.writeFileSync(path.join(next, 'docker-compose.prod.yml'), fs.readFileSync(path.join(next, 'docker-compose.prod.yml'), 'utf8').replace('    command: npm run start\n', '    command: npm run start\n    volumes:\n      - ./dist:/usr/src/app/dist:Z\n'));
  fs.writeFileSync(path.join(next, 'docker-compose.yml'), fs.readFileSync(path.join(next, 'docker-compose.yml'), 'utf8').replace('    command: npm run dev\n', '    command: npm run dev\n    security_opt: [label=disable]\n'));
  return root;
}

describe('lsp: compose projects of one workspace', () => {
  let root: string;
  let client: LspClient;
  const file = (app: string) => path.join(root, 'docker-templates', 'templates', app, 'docker-compose.yml');
  const uri = (app: string) => pathToFileURL(file(app)).href;
  const latest = (u: string) => client.published.filter((p) => p.uri === u).at(-1)?.diagnostics ?? [];
  afterEach(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('open documents (openFiles): the second project opened re-checks the first, and an unsaved edit to it too', async () => {
    root = makeWorkspace(':Z');
    client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
    client.settings = { debounceMs: 0, compareWorkspace: false };
    const radarr = fs.readFileSync(file('radarr'), 'utf8');
    const qbittorrent = fs.readFileSync(file('qbittorrent'), 'utf8');
    assert.deepEqual(shared(await client.open(uri('radarr'), radarr)), []);
    const rechecked = client.nextDiagnostics(uri('radarr'));
    assert.deepEqual(shared(await client.open(uri('qbittorrent'), qbittorrent)), [
      '/mnt/downloads is mounted by 2 containers (qbittorrent, radarr (../radarr/docker-compose.yml, another project, :Z))',
    ]);
    assert.deepEqual(shared((await rechecked).diagnostics), [
      '/mnt/downloads is mounted by 2 containers (radarr, qbittorrent (../qbittorrent/docker-compose.yml, another project, :Z))',
    ]);
    const dropped = client.nextDiagnostics(uri('radarr'));
    await client.sendChange(uri('qbittorrent'), qbittorrent.replace('/mnt/downloads:/downloads:Z', '/mnt/downloads:/downloads'));
    assert.deepEqual(shared((await dropped).diagnostics), []);
  });

  it('open documents: typing in one service of a project gives the other project the mounts of every service as they are now', async () => {
    root = makeWorkspace(':Z');
    client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
    client.settings = { debounceMs: 0, compareWorkspace: false };
    const radarr = fs.readFileSync(file('radarr'), 'utf8');
    // qbittorrent gets a second service, which mounts a folder of its own first.
    const qbittorrent = fs.readFileSync(file('qbittorrent'), 'utf8').replace('services:\n', 'services:\n  extra:\n    image: x\n    volumes:\n      - /srv/extra:/e:Z\n');
    await client.open(uri('radarr'), radarr);
    const rechecked = client.nextDiagnostics(uri('radarr'));
    await client.open(uri('qbittorrent'), qbittorrent);
    assert.deepEqual(shared((await rechecked).diagnostics), ['/mnt/downloads is mounted by 2 containers (radarr, qbittorrent (../qbittorrent/docker-compose.yml, another project, :Z))']);
    // Typed into qbittorrent's environment, character by character: its mounts stay, the extra service is kept as read.
    let text = qbittorrent;
    for (const typed of ['1', '2', '3']) {
      text = text.replace('WEBUI_PORT=8080', `WEBUI_PORT=8080${typed}`);
      await client.change(uri('qbittorrent'), text);
    }
    // The extra service's folder typed over: the folder radarr mounts, then labeling taken off qbittorrent's own mount.
    const three = client.nextDiagnostics(uri('radarr'));
    text = text.replace('/srv/extra:/e:Z', '/mnt/downloads:/e:Z');
    await client.change(uri('qbittorrent'), text);
    // The other containers are named in the order they came.
    assert.deepEqual(shared((await three).diagnostics), [
      '/mnt/downloads is mounted by 3 containers (radarr, qbittorrent (../qbittorrent/docker-compose.yml, another project, :Z), extra (../qbittorrent/docker-compose.yml, another project, :Z))',
    ]);
    const two = client.nextDiagnostics(uri('radarr'));
    text = text.replace('/mnt/downloads:/downloads:Z', '/mnt/downloads:/downloads');
    await client.change(uri('qbittorrent'), text);
    assert.deepEqual(shared((await two).diagnostics), ['/mnt/downloads is mounted by 2 containers (radarr, extra (../qbittorrent/docker-compose.yml, another project, :Z))']);
  });

  it('openFiles reads the workspace from disk: the open file is compared with the closed project, which gets no diagnostics; a change on disk re-checks it', async () => {
    root = makeWorkspace(':Z');
    client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
    client.settings = { debounceMs: 0 };
    await client.open(uri('radarr'), fs.readFileSync(file('radarr'), 'utf8'));
    await until(() => shared(latest(uri('radarr'))).length > 0, 'radarr compared with qbittorrent on disk');
    assert.deepEqual(shared(latest(uri('radarr'))), ['/mnt/downloads is mounted by 2 containers (radarr, qbittorrent (../qbittorrent/docker-compose.yml, another project, :Z))']);
    fs.writeFileSync(file('qbittorrent'), fs.readFileSync(file('qbittorrent'), 'utf8').replace('/mnt/downloads:/downloads:Z', '/mnt/downloads:/downloads'));
    await client.sendWatchedFiles([{ uri: uri('qbittorrent'), type: FileChangeType.Changed }]);
    await until(() => shared(latest(uri('radarr'))).length === 0, 'radarr re-checked with qbittorrent\'s new text');
    assert.deepEqual([...new Set(client.published.map((p) => p.uri))], [uri('radarr')], 'only the open document gets diagnostics');
  });

  it('the workspace scope: closed files of two projects report each other, and a change on disk re-checks the other', async () => {
    root = makeWorkspace(':Z');
    client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
    client.settings = { debounceMs: 0, diagnosticsScope: 'workspace' };
    await until(() => shared(latest(uri('radarr'))).length > 0 && shared(latest(uri('qbittorrent'))).length > 0, 'both files reported');
    assert.match(shared(latest(uri('radarr')))[0], /qbittorrent \(\.\.\/qbittorrent\/docker-compose\.yml, another project, :Z\)/);
    fs.writeFileSync(file('qbittorrent'), fs.readFileSync(file('qbittorrent'), 'utf8').replace('/mnt/downloads:/downloads:Z', '/mnt/downloads:/downloads'));
    await client.sendWatchedFiles([{ uri: uri('qbittorrent'), type: FileChangeType.Changed }]);
    await until(() => shared(latest(uri('radarr'))).length === 0, 'radarr re-checked without the other project');
    fs.rmSync(file('radarr'));
    fs.writeFileSync(file('qbittorrent'), fs.readFileSync(file('qbittorrent'), 'utf8').replace('/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z'));
    await client.sendWatchedFiles([{ uri: uri('radarr'), type: FileChangeType.Deleted }, { uri: uri('qbittorrent'), type: FileChangeType.Changed }]);
    const published = client.published.length;
    await until(() => client.published.length > published && latest(uri('qbittorrent')).some((d) => d.code === 'missing-relabel'), 'qbittorrent checked again');
    assert.deepEqual(shared(latest(uri('qbittorrent'))), [], 'a deleted file mounts nothing');
  });

  it('the workspace scope: a closed compose file is checked again when its override changes on disk', async () => {
    root = makeWorkspace('');
    client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
    client.settings = { debounceMs: 0, diagnosticsScope: 'workspace' };
    const compose = pathToFileURL(path.join(root, 'neosync', 'compose.yml')).href;
    /** db's ./scripts/pg-init bind (line 52), which the override decides. */
    const pgInit = () => latest(compose).filter((d) => d.range.start.line === 51).map((d) => d.code);
    await until(() => pgInit().length > 0, 'compose.yml reported');
    assert.deepEqual(pgInit(), ['missing-relabel']);
    const override = path.join(root, 'neosync', 'compose.override.yml');
    fs.writeFileSync(override, 'services:\n  db:\n    security_opt:\n      - label=disable\n');
    await client.sendWatchedFiles([{ uri: pathToFileURL(override).href, type: FileChangeType.Created }]);
    await until(() => pgInit().length === 0, 'compose.yml re-checked with its override');
  });

  describe('-f lists (docker-nextjs-typescript: the Makefile runs docker-compose.yml with docker-compose.prod.yml)', () => {
    const prodUri = () => pathToFileURL(path.join(root, 'docker-nextjs-typescript', 'docker-compose.prod.yml')).href;
    const makefile = () => path.join(root, 'docker-nextjs-typescript', 'Makefile');
    const disabled = (ds: readonly Diagnostic[]) => ds.filter((d) => d.code === 'relabel-label-disabled').map((d) => String(d.message).replace(/, so .*/, ''));

    it('open documents: opening the Makefile re-checks the prod file with the base file, and an edit to its list too', async () => {
      root = makeWorkspace('');
      client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
      client.settings = { debounceMs: 0, compareWorkspace: false };
      const prod = fs.readFileSync(new URL(prodUri()), 'utf8');
      assert.deepEqual(disabled(await client.open(prodUri(), prod)), []);
      const rechecked = client.nextDiagnostics(prodUri());
      const text = fs.readFileSync(makefile(), 'utf8');
      await client.open(pathToFileURL(makefile()).href, text, 'makefile');
      assert.deepEqual(disabled((await rechecked).diagnostics), ['Labeling is off for app (label=disable in docker-compose.yml line 16)']);
      const edited = client.nextDiagnostics(prodUri());
      await client.sendChange(pathToFileURL(makefile()).href, text.replaceAll(' -f docker-compose.prod.yml', ''));
      assert.deepEqual(disabled((await edited).diagnostics), []);
    });

    it('openFiles reads the workspace from disk: the closed Makefile\'s list makes the open prod file part of the base file\'s project', async () => {
      root = makeWorkspace('');
      client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
      client.settings = { debounceMs: 0 };
      await client.open(prodUri(), fs.readFileSync(new URL(prodUri()), 'utf8'));
      await until(() => disabled(latest(prodUri())).length > 0, 'the prod file checked with the base file');
      assert.deepEqual(disabled(latest(prodUri())), ['Labeling is off for app (label=disable in docker-compose.yml line 16)']);
      // Off: the open documents are compared with each other only.
      client.settings = { debounceMs: 0, compareWorkspace: false };
      await client.sendConfiguration(null);
      await until(() => disabled(latest(prodUri())).length === 0, 'the prod file checked alone');
      assert.deepEqual([...new Set(client.published.map((p) => p.uri))], [prodUri()]);
    });

    it('the workspace scope: the scan reads the Makefile\'s lists, and a change to it on disk re-checks the files it named', async () => {
      root = makeWorkspace('');
      client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
      client.settings = { debounceMs: 0, diagnosticsScope: 'workspace' };
      await until(() => disabled(latest(prodUri())).length > 0, 'the prod file checked with the base file');
      fs.writeFileSync(makefile(), fs.readFileSync(makefile(), 'utf8').replaceAll(' -f docker-compose.prod.yml', ''));
      await client.sendWatchedFiles([{ uri: pathToFileURL(makefile()).href, type: FileChangeType.Changed }]);
      await until(() => latest(prodUri()).length === 0, 'the prod file checked alone (its :Z is then right)');
    });
  });
  describe('project names (Scarletsang/inception: its Makefile runs the project as -p inception, and config without -p)', () => {
    const compose = () => path.join(root, 'srcs', 'docker-compose.yml');
    const makefile = () => path.join(root, 'Makefile');
    const inception = (): string => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-inception-'));
      fs.mkdirSync(path.join(dir, '.git'));
      fs.cpSync(path.join(projectsRoot, 'scarletsang-inception'), dir, { recursive: true });
      // nginx mounts a folder with :Z.
      const text = fs.readFileSync(path.join(dir, 'srcs', 'docker-compose.yml'), 'utf8');
      fs.writeFileSync(path.join(dir, 'srcs', 'docker-compose.yml'), text.replace('nginx\n    env_file:\n      - .env\n    volumes:\n', 'nginx\n    env_file:\n      - .env\n    volumes:\n      - /srv/www:/var/www/html:Z\n'));
      return dir;
    };

    it('open documents: a Makefile that runs the project under a second name re-checks the compose file, and an edit to the name too', async () => {
      root = inception();
      client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
      client.settings = { debounceMs: 0 };
      const composeUri = pathToFileURL(compose()).href;
      const makefileUri = pathToFileURL(makefile()).href;
      assert.deepEqual(shared(await client.open(composeUri, fs.readFileSync(compose(), 'utf8'))), []);
      // `make config` made an `up`: the project runs as srcs (its folder's name) beside inception.
      const text = fs.readFileSync(makefile(), 'utf8').replace('docker-compose.yml config', 'docker-compose.yml up -d');
      const rechecked = client.nextDiagnostics(composeUri);
      await client.open(makefileUri, text, 'makefile');
      assert.deepEqual(shared((await rechecked).diagnostics), ['/srv/www is mounted by 2 containers (nginx, nginx (-p srcs, ../Makefile))']);
      const named = client.nextDiagnostics(composeUri);
      await client.sendChange(makefileUri, text.replace('docker-compose.yml up -d', 'docker-compose.yml -p inception up -d'));
      assert.deepEqual(shared((await named).diagnostics), []);
    });
  });
  describe('a name the script exports (liveandrew/workflow2: export COMPOSE_PROJECT_NAME=workflow_test, then docker-compose -f "$DIR/test-db-compose.yml" up -d)', () => {
    it('open documents: opening the script names the project in the compose file\'s message, and an edit to its export too', async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-workflow2-'));
      fs.cpSync(path.join(projectsRoot, 'liveandrew-workflow2'), root, { recursive: true });
      const compose = path.join(root, 'test_docker', 'test-db-compose.yml');
      // A data folder under the project's name (not in the repository's file).
      fs.writeFileSync(compose, fs.readFileSync(compose, 'utf8').replace('    - 31313:3306\n', '    - 31313:3306\n    volumes:\n    - /srv/${COMPOSE_PROJECT_NAME}/mysql:/var/lib/mysql\n'));
      const script = path.join(root, 'test_docker', 'start-mysql.sh');
      client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
      client.settings = { debounceMs: 0, compareWorkspace: false };
      const composeUri = pathToFileURL(compose).href;
      const scriptUri = pathToFileURL(script).href;
      const named = (ds: readonly Diagnostic[]) => ds.map((d) => /\(COMPOSE_PROJECT_NAME=[^)]*\)/.exec(String(d.message))?.[0] ?? 'unknown');
      assert.deepEqual(named(await client.open(composeUri, fs.readFileSync(compose, 'utf8'))), ["(COMPOSE_PROJECT_NAME=test_docker from the project folder's name)"]);
      const rechecked = client.nextDiagnostics(composeUri);
      const text = fs.readFileSync(script, 'utf8');
      await client.open(scriptUri, text, 'shellscript');
      assert.deepEqual(named((await rechecked).diagnostics), ['(COMPOSE_PROJECT_NAME=workflow_test from the command in start-mysql.sh)']);
      const edited = client.nextDiagnostics(composeUri);
      await client.sendChange(scriptUri, text.replace('export COMPOSE_PROJECT_NAME=workflow_test', 'COMPOSE_PROJECT_NAME=workflow_test'));
      assert.deepEqual(named((await edited).diagnostics), ["(COMPOSE_PROJECT_NAME=test_docker from the project folder's name)"]);
    });
  });
  describe('compose commands with --env-file (groupsky/homy: its CI workflow runs docker compose --env-file example.env)', () => {
    const compose = () => path.join(root, 'docker-compose.yml');
    const workflow = () => path.join(root, '.github', 'workflows', 'infrastructure.yml');
    /** The finding on line 18, `${INGRESS_DATA_PATH}:/etc/nginx/conf.d:ro`: what the message says the variable is. */
    const ingress = (ds: readonly Diagnostic[]) => ds.filter((d) => d.range.start.line === 17).map((d) => /\(INGRESS_DATA_PATH=[^)]*\)/.exec(String(d.message))?.[0] ?? 'unknown');
    const homy = (): string => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-homy-'));
      fs.mkdirSync(path.join(dir, '.git'));
      fs.cpSync(path.join(projectsRoot, 'homy'), dir, { recursive: true });
      return dir;
    };

    it('open documents: opening the workflow re-checks the compose file with its env file, and an edit to the workflow too', async () => {
      root = homy();
      client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
      client.settings = { debounceMs: 0, compareWorkspace: false };
      const composeUri = pathToFileURL(compose()).href;
      assert.deepEqual(ingress(await client.open(composeUri, fs.readFileSync(compose(), 'utf8'))), ['unknown']);
      const rechecked = client.nextDiagnostics(composeUri);
      const text = fs.readFileSync(workflow(), 'utf8');
      await client.open(pathToFileURL(workflow()).href, text, 'yaml');
      assert.deepEqual(ingress((await rechecked).diagnostics), ['(INGRESS_DATA_PATH=./data/ingress from example.env line 40)']);
      const edited = client.nextDiagnostics(composeUri);
      await client.sendChange(pathToFileURL(workflow()).href, text.replaceAll('--env-file example.env', ''));
      assert.deepEqual(ingress((await edited).diagnostics), ['unknown']);
    });

    it('open documents: a script that cds to the project names the env file; an edit to its cd or its env file re-checks the compose file', async () => {
      root = homy();
      fs.rmSync(path.join(root, '.github'), { recursive: true });
      fs.writeFileSync(path.join(root, 'prod.env'), 'INGRESS_DATA_PATH=/srv/ingress\n');
      fs.mkdirSync(path.join(root, 'scripts'));
      const script = path.join(root, 'scripts', 'up.sh');
      const text = '#!/bin/sh\nset -e\ncd "$(dirname "$0")/.."\ndocker compose --env-file prod.env pull\ndocker compose --env-file prod.env up -d\n';
      fs.writeFileSync(script, text);
      client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
      client.settings = { debounceMs: 0, compareWorkspace: false };
      const composeUri = pathToFileURL(compose()).href;
      const scriptUri = pathToFileURL(script).href;
      assert.deepEqual(ingress(await client.open(composeUri, fs.readFileSync(compose(), 'utf8'))), ['unknown']);
      const rechecked = client.nextDiagnostics(composeUri);
      await client.open(scriptUri, text, 'shellscript');
      assert.deepEqual(ingress((await rechecked).diagnostics), ['(INGRESS_DATA_PATH=/srv/ingress from prod.env line 1)']);
      // Without the cd the script runs in scripts/, where there is no prod.env: compose would stop.
      const uncd = client.nextDiagnostics(composeUri);
      await client.sendChange(scriptUri, text.replace('cd "$(dirname "$0")/.."', 'echo "$(dirname "$0")/.."'));
      assert.deepEqual(ingress((await uncd).diagnostics), ['unknown']);
      const back = client.nextDiagnostics(composeUri);
      await client.sendChange(scriptUri, text.replaceAll('prod.env', 'example.env'));
      assert.deepEqual(ingress((await back).diagnostics), ['(INGRESS_DATA_PATH=./data/ingress from example.env line 40)']);
    });

    it('open documents: a script of its own naming $GITHUB_WORKSPACE takes it as the repository root (the folder holding .git)', async () => {
      root = homy();
      fs.rmSync(path.join(root, '.github'), { recursive: true });
      fs.writeFileSync(path.join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
      fs.mkdirSync(path.join(root, 'scripts', 'ci'), { recursive: true });
      const script = path.join(root, 'scripts', 'ci', 'deploy.sh');
      const text = '#!/bin/bash -e\ndocker compose --env-file "$GITHUB_WORKSPACE/example.env" -f "${GITHUB_WORKSPACE}/docker-compose.yml" up -d\n';
      fs.writeFileSync(script, text);
      client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
      client.settings = { debounceMs: 0, compareWorkspace: false };
      const composeUri = pathToFileURL(compose()).href;
      assert.deepEqual(ingress(await client.open(composeUri, fs.readFileSync(compose(), 'utf8'))), ['unknown']);
      const rechecked = client.nextDiagnostics(composeUri);
      await client.open(pathToFileURL(script).href, text, 'shellscript');
      assert.deepEqual(ingress((await rechecked).diagnostics), ['(INGRESS_DATA_PATH=./data/ingress from example.env line 40)']);
    });

    it('the workspace scope: the scan reads the workflow, and a change to the env file on disk re-checks the compose file', async () => {
      root = homy();
      client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
      client.settings = { debounceMs: 0, diagnosticsScope: 'workspace' };
      const composeUri = pathToFileURL(compose()).href;
      await until(() => ingress(latest(composeUri)).includes('(INGRESS_DATA_PATH=./data/ingress from example.env line 40)'), 'the compose file checked with example.env');
      const env = path.join(root, 'example.env');
      fs.writeFileSync(env, fs.readFileSync(env, 'utf8').replace('INGRESS_DATA_PATH=./data/ingress', 'INGRESS_DATA_PATH=/srv/ingress'));
      await client.sendWatchedFiles([{ uri: pathToFileURL(env).href, type: FileChangeType.Changed }]);
      await until(() => ingress(latest(composeUri)).includes('(INGRESS_DATA_PATH=/srv/ingress from example.env line 40)'), 'the compose file re-checked with the new value');
    });
  });
  describe('compose commands in a README (fpdrozd/express-api-boilerplate: docker-compose -f docker-compose.yml -f docker-compose.dev.yml up --build)', () => {
    const dev = () => path.join(root, 'docker-compose.dev.yml');
    const readme = () => path.join(root, 'README.md');
    const disabled = (ds: readonly Diagnostic[]) => ds.filter((d) => d.code === 'relabel-label-disabled').map((d) => String(d.message).replace(/, so .*/, ''));
    /** The fixture with labeling off for `app` in the base file and `:Z` on the dev file's bind. */
    const boilerplate = (): string => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-readme-'));
      fs.cpSync(path.join(projectsRoot, 'express-api-boilerplate'), dir, { recursive: true });
      const base = path.join(dir, 'docker-compose.yml');
      fs.writeFileSync(base, fs.readFileSync(base, 'utf8').replace('    restart: always\n', '    restart: always\n    security_opt:\n      - label=disable\n'));
      const file = path.join(dir, 'docker-compose.dev.yml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('      - .:/usr/src/app\n', '      - .:/usr/src/app:Z\n'));
      return dir;
    };

    it('open documents: opening the README re-checks the dev file with the base file, and an edit to its command too', async () => {
      root = boilerplate();
      client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
      client.settings = { debounceMs: 0, compareWorkspace: false };
      const devUri = pathToFileURL(dev()).href;
      const readmeUri = pathToFileURL(readme()).href;
      assert.deepEqual(disabled(await client.open(devUri, fs.readFileSync(dev(), 'utf8'))), []);
      const rechecked = client.nextDiagnostics(devUri);
      const text = fs.readFileSync(readme(), 'utf8');
      await client.open(readmeUri, text, 'markdown');
      assert.deepEqual(disabled((await rechecked).diagnostics), ['Labeling is off for app (label=disable in docker-compose.yml line 8)']);
      const edited = client.nextDiagnostics(devUri);
      await client.sendChange(readmeUri, text.replace('docker-compose -f docker-compose.yml -f docker-compose.dev.yml', 'docker-compose -f docker-compose.dev.yml'));
      assert.deepEqual(disabled((await edited).diagnostics), []);
    });

    it('openFiles reads the workspace from disk: the closed README\'s command makes the open dev file part of the base file\'s project', async () => {
      root = boilerplate();
      client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
      client.settings = { debounceMs: 0 };
      const devUri = pathToFileURL(dev()).href;
      await client.open(devUri, fs.readFileSync(dev(), 'utf8'));
      await until(() => disabled(latest(devUri)).length > 0, 'the dev file checked with the base file');
      assert.deepEqual(disabled(latest(devUri)), ['Labeling is off for app (label=disable in docker-compose.yml line 8)']);
    });
  });
});
