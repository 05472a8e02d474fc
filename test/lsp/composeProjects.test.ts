import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import { projectsRoot } from '../helpers/composeProjects';
import { fullCapabilities, LspClient } from '../helpers/lspClient';

/** neosync (a real project, test/fixtures/compose-projects) with an override on disk that turns labeling off for `db`. */
describe('lsp: compose projects', () => {
  let client: LspClient;
  let dir: string;
  let baseUri: string;
  let base: string;
  let overrideFile: string;
  let overrideUri: string;
  const labelingOff = 'services:\n  db:\n    security_opt:\n      - label=disable\n';
  const labelingOn = 'services:\n  db:\n    security_opt: []\n';
  /** The finding on db's ./scripts/pg-init bind (line 52), which the override decides. */
  const pgInit = (ds: Diagnostic[]) => ds.filter((d) => d.range.start.line === 51).map((d) => d.code);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-project-'));
    fs.cpSync(path.join(projectsRoot, 'neosync'), dir, { recursive: true });
    overrideFile = path.join(dir, 'compose.override.yml');
    fs.writeFileSync(overrideFile, labelingOff);
    base = fs.readFileSync(path.join(dir, 'compose.yml'), 'utf8');
    baseUri = pathToFileURL(path.join(dir, 'compose.yml')).href;
    overrideUri = pathToFileURL(overrideFile).href;
    const capabilities = { ...fullCapabilities, workspace: { ...fullCapabilities.workspace, didChangeWatchedFiles: { dynamicRegistration: true } } };
    client = await LspClient.start(capabilities);
  });
  after(() => {
    client.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checks an opened file with the override on disk', async () => {
    const diagnostics = await client.open(baseUri, base);
    assert.deepEqual(pgInit(diagnostics), []);
    assert.ok(diagnostics.some((d) => d.code === 'missing-relabel' && d.range.start.line === 94), 'the other services keep theirs');
  });

  it('re-checks it when the open override changes, unsaved', async () => {
    await client.open(overrideUri, labelingOff);
    const next = client.nextDiagnostics(baseUri);
    await client.sendChange(overrideUri, labelingOn);
    assert.deepEqual(pgInit((await next).diagnostics), ['missing-relabel']);
  });

  it('goes back to the disk text when the override is closed unsaved', async () => {
    const next = client.nextDiagnostics(baseUri);
    await client.close(overrideUri);
    assert.deepEqual(pgInit((await next).diagnostics), []);
  });

  it('re-checks it when a project file changes on disk', async () => {
    fs.writeFileSync(overrideFile, labelingOn);
    const next = client.nextDiagnostics(baseUri);
    await client.sendWatchedFiles([{ uri: overrideUri, type: FileChangeType.Changed }]);
    assert.deepEqual(pgInit((await next).diagnostics), ['missing-relabel']);
  });

  it('names the override in the message when a relabel remains', async () => {
    fs.writeFileSync(overrideFile, labelingOff);
    await client.sendWatchedFiles([{ uri: overrideUri, type: FileChangeType.Changed }]);
    const diagnostics = await client.change(baseUri, base.replace('./scripts/pg-init:/docker-entrypoint-initdb.d', './scripts/pg-init:/docker-entrypoint-initdb.d:Z'));
    const disabled = diagnostics.find((d) => d.code === 'relabel-label-disabled');
    assert.match(String(disabled?.message), /label=disable in compose\.override\.yml line 4/);
  });
});
