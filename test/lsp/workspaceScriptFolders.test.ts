import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectsRoot } from '../helpers/composeProjects';
import { LspClient } from '../helpers/lspClient';
import { sharedMessages as shared, until, watchingCapabilities as capabilities } from '../helpers/workspaceLsp';

/**
 * Scripts compared at the folders they name or `cd` to (test/fixtures/compose-projects):
 * TheHolyRoger/RogerThat's scripts/start_docker_setup_script.sh (`cd $(dirname $0)/..`, then
 * `--volume "$(pwd)/configs:/configs"`) and its docker-compose.yml (`./configs:/configs`), both
 * given :Z; Clockwork-Pilot/rslite's two .github/scripts mounting `$GITHUB_WORKSPACE`.
 */
describe('lsp: scripts compared at the folder they cd to or name', () => {
  let root: string;
  let client: LspClient;
  const uriOf = (file: string) => pathToFileURL(file).href;
  const latest = (u: string) => client.published.filter((p) => p.uri === u).at(-1)?.diagnostics ?? [];
  const copy = (name: string, edits: [string, string, string][]) => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-script-folders-'));
    fs.cpSync(path.join(projectsRoot, name), root, { recursive: true });
    for (const [file, from, to] of edits) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      if (!text.includes(from)) throw new Error(`${from} is not in ${file}`);
      fs.writeFileSync(path.join(root, file), text.replace(from, to));
    }
  };
  afterEach(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('open documents: a script\'s $(pwd)/configs after cd $(dirname $0)/.. and the compose file\'s ./configs report each other; without the cd, not', async () => {
    copy('rogerthat', [
      ['scripts/start_docker_setup_script.sh', '"$(pwd)/configs:/configs"', '"$(pwd)/configs:/configs:Z"'],
      ['docker-compose.yml', '- ./configs:/configs', '- ./configs:/configs:Z'],
    ]);
    client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
    client.settings = { debounceMs: 0, diagnosticsScope: 'openFiles', compareWorkspace: false };
    const composeFile = path.join(root, 'docker-compose.yml');
    const scriptFile = path.join(root, 'scripts/start_docker_setup_script.sh');
    const compose = uriOf(composeFile);
    const script = uriOf(scriptFile);
    assert.deepEqual(shared(await client.open(compose, fs.readFileSync(composeFile, 'utf8'))), []);
    const rechecked = client.nextDiagnostics(compose);
    const scriptText = fs.readFileSync(scriptFile, 'utf8');
    assert.deepEqual(shared(await client.open(script, scriptText, 'shellscript')), [
      "$(pwd)/configs (cd to the folder above the script's) is mounted by 2 containers (docker run, rogerthat (../docker-compose.yml, another project, :Z))",
    ]);
    assert.deepEqual(shared((await rechecked).diagnostics), ['./configs is mounted by 2 containers (rogerthat, docker run (scripts/start_docker_setup_script.sh, :Z))']);
    // The cd typed away: the script may run anywhere, and its folder is no longer the compose file's.
    const dropped = client.nextDiagnostics(compose);
    assert.deepEqual(shared(await client.change(script, scriptText.replace('cd $(dirname $0)/..', ''))), []);
    assert.deepEqual(shared((await dropped).diagnostics), []);
    const back = client.nextDiagnostics(compose);
    await client.sendChange(script, scriptText);
    assert.deepEqual(shared((await back).diagnostics), ['./configs is mounted by 2 containers (rogerthat, docker run (scripts/start_docker_setup_script.sh, :Z))']);
  });

  it('the workspace scope: two closed scripts mounting $GITHUB_WORKSPACE report each other at the repository root', async () => {
    copy('rslite', [['.github/scripts/run-in-docker-no-claude.sh', '"$GITHUB_WORKSPACE:/workspace"', '"$GITHUB_WORKSPACE:/workspace:Z"']]);
    fs.mkdirSync(path.join(root, '.git'));
    fs.writeFileSync(path.join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
    client.settings = { debounceMs: 0, diagnosticsScope: 'workspace' };
    const claude = uriOf(path.join(root, '.github/scripts/run-in-docker-claude.sh'));
    const noClaude = uriOf(path.join(root, '.github/scripts/run-in-docker-no-claude.sh'));
    await until(() => shared(latest(claude)).length > 0 && shared(latest(noClaude)).length > 0, 'both scripts reported');
    assert.deepEqual(shared(latest(claude)), ['$GITHUB_WORKSPACE is mounted by 2 containers (docker run, docker run (run-in-docker-no-claude.sh, :Z))']);
    assert.deepEqual(shared(latest(noClaude)), ['$GITHUB_WORKSPACE is mounted by 2 containers (docker run, docker run (run-in-docker-claude.sh, :Z))']);
  });
});
