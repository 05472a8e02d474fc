import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, FileChangeType } from 'vscode-languageserver-protocol';
import { fullCapabilities, LspClient } from '../helpers/lspClient';

/** A repository with a compose file in a subfolder and the project config at its root. */
describe('lsp: project config (.selinux-mounts.yaml)', () => {
  let client: LspClient;
  let repo: string;
  let composeUri: string;
  let configFile: string;
  let configUri: string;
  const compose = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'cli', 'project', 'compose.yaml'), 'utf8');
  const rulesOf = (ds: { code?: unknown; severity?: number }[]) => ds.map((d) => [d.code, d.severity]);

  before(async () => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-config-'));
    fs.mkdirSync(path.join(repo, '.git'));
    fs.mkdirSync(path.join(repo, 'deploy'));
    fs.writeFileSync(path.join(repo, 'deploy', 'compose.yaml'), compose);
    configFile = path.join(repo, '.selinux-mounts.yaml');
    fs.writeFileSync(configFile, 'rules:\n  missing-relabel: error\n');
    composeUri = pathToFileURL(path.join(repo, 'deploy', 'compose.yaml')).href;
    configUri = pathToFileURL(configFile).href;
    const capabilities = { ...fullCapabilities, workspace: { ...fullCapabilities.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } };
    client = await LspClient.start(capabilities);
  });
  after(() => {
    client.kill();
    fs.rmSync(repo, { recursive: true, force: true });
  });

  it('the config found above the file applies', async () => {
    const diagnostics = await client.open(composeUri, compose);
    assert.deepEqual(rulesOf(diagnostics), [
      ['missing-relabel', DiagnosticSeverity.Error],
      ['missing-relabel', DiagnosticSeverity.Error],
      ['system-path-mount', DiagnosticSeverity.Information],
    ]);
  });

  it('registers a watcher for the config files, compose files, .env and quadlet .volume units (at initialized, before the first diagnostics)', () => {
    const watch = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    const globs = ['**/.selinux-mounts.{yaml,yml,json}', '**/*.{yaml,yml}', '**/.env', '**/*.env', '**/.env.*', '**/*.volume'];
    assert.deepEqual(watch?.registerOptions, { watchers: globs.map((globPattern) => ({ globPattern })) });
  });

  it('an editor setting the user set wins over the config', async () => {
    const diagnostics = await client.configure({ rules: { 'missing-relabel': 'info' } }, composeUri);
    assert.deepEqual(rulesOf(diagnostics).map((r) => r[1]), [DiagnosticSeverity.Information, DiagnosticSeverity.Information, DiagnosticSeverity.Information]);
    // Not set in the editor: the config's value is back.
    assert.deepEqual(rulesOf(await client.configure({}, composeUri)).map((r) => r[1]), [DiagnosticSeverity.Error, DiagnosticSeverity.Error, DiagnosticSeverity.Information]);
  });

  it('a change to the config on disk re-checks the open file', async () => {
    fs.writeFileSync(configFile, 'rules:\n  missing-relabel: off\nignore: []\n');
    const next = client.nextDiagnostics(composeUri);
    await client.sendWatchedFiles([{ uri: configUri, type: FileChangeType.Changed }]);
    assert.deepEqual(rulesOf((await next).diagnostics), [['system-path-mount', DiagnosticSeverity.Information]]);
  });

  it('ignore: the file gets no diagnostics', async () => {
    fs.writeFileSync(configFile, 'ignore: [deploy/]\n');
    const next = client.nextDiagnostics(composeUri);
    await client.sendWatchedFiles([{ uri: configUri, type: FileChangeType.Changed }]);
    assert.deepEqual((await next).diagnostics, []);
  });

  it('a broken config is one diagnostic per mistake on the config file, and the server goes on', async () => {
    fs.writeFileSync(configFile, 'rules:\n  missing-relabel: loud\n');
    const onConfig = client.nextDiagnostics(configUri);
    const onCompose = client.nextDiagnostics(composeUri);
    await client.sendWatchedFiles([{ uri: configUri, type: FileChangeType.Changed }]);
    const [config, composeDiagnostics] = await Promise.all([onConfig, onCompose]);
    assert.deepEqual(
      config.diagnostics.map((d) => [d.range, d.severity, d.code, d.message]),
      [
        [
          { start: { line: 1, character: 19 }, end: { line: 1, character: 23 } },
          DiagnosticSeverity.Error,
          'config',
          'rules.missing-relabel must be one of off, info, warning, error (this project config is not applied where it is wrong)',
        ],
      ],
    );
    // The valid rest (none here) applies: the defaults.
    assert.deepEqual(rulesOf(composeDiagnostics.diagnostics).map((r) => r[0]), ['missing-relabel', 'missing-relabel', 'system-path-mount']);
  });

  it('the config file open in the editor is checked as it is typed', async () => {
    const broken = await client.open(configUri, 'engine: rkt\n');
    assert.deepEqual(broken.map((d) => d.message), ['engine must be one of auto, docker, podman (this project config is not applied where it is wrong)']);
    assert.deepEqual(await client.change(configUri, 'engine: podman\n'), []);
    await client.close(configUri);
  });

  it('fixed or deleted: the config file diagnostics are cleared', async () => {
    fs.rmSync(configFile);
    const onConfig = client.nextDiagnostics(configUri);
    await client.sendWatchedFiles([{ uri: configUri, type: FileChangeType.Deleted }]);
    assert.deepEqual((await onConfig).diagnostics, []);
  });
});
