import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type ClientCapabilities, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { until, watchingCapabilities } from '../helpers/workspaceLsp';

/**
 * A closed, broken `.selinux-mounts.yaml`: its errors reach a client that pulls diagnostics the
 * way every other closed file's do (workspace/diagnostic), and a client that does not pull gets
 * them pushed.
 */
const compose = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'cli', 'project', 'compose.yaml'), 'utf8');
const broken = 'rules:\n  missing-relabel: loud\n';
const brokenMessage = 'rules.missing-relabel must be one of off, info, warning, error (this project config is not applied where it is wrong)';

function makeRepo(): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-config-pull-'));
  fs.mkdirSync(path.join(repo, '.git'));
  fs.mkdirSync(path.join(repo, 'deploy'));
  fs.writeFileSync(path.join(repo, 'deploy', 'compose.yaml'), compose);
  fs.writeFileSync(path.join(repo, '.selinux-mounts.yaml'), broken);
  return repo;
}

const messagesOf = (reports: WorkspaceDocumentDiagnosticReport[], uri: string): string[] | undefined => {
  const report = reports.filter((r) => r.uri === uri).at(-1);
  return report?.kind === 'full' ? report.items.map((d) => String(d.message)) : undefined;
};

describe('lsp: a closed project config file’s errors', () => {
  let repo: string;
  let client: LspClient;
  let configUri: string;
  let composeUri: string;
  const pushedTo = (uri: string) => client.published.filter((p) => p.uri === uri).map((p) => p.diagnostics.map((d) => d.message));

  beforeEach(() => {
    repo = makeRepo();
    configUri = pathToFileURL(path.join(repo, '.selinux-mounts.yaml')).href;
    composeUri = pathToFileURL(path.join(repo, 'deploy', 'compose.yaml')).href;
  });
  afterEach(() => {
    client.kill();
    fs.rmSync(repo, { recursive: true, force: true });
  });

  it('a client that pulls without run-time registration pulls them with the workspace; a change on disk is pulled, not pushed', async () => {
    const capabilities: ClientCapabilities = {
      ...watchingCapabilities,
      textDocument: { ...watchingCapabilities.textDocument, diagnostic: {} },
      workspace: { ...watchingCapabilities.workspace, diagnostics: { refreshSupport: true } },
    };
    client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(repo).href]);
    await client.sendOpen(composeUri, compose);
    const open = await client.documentDiagnostics(composeUri);
    assert.equal(open.kind === 'full' && open.items[0].code, 'missing-relabel');
    const reports = await client.workspaceDiagnostics();
    assert.deepEqual(messagesOf(reports, configUri), [brokenMessage]);
    // Pushed before the client pulled the workspace (some such clients never do), cleared once it did.
    assert.deepEqual(pushedTo(configUri).at(-1), []);

    const published = client.published.length;
    const refreshes = client.refreshes;
    fs.writeFileSync(path.join(repo, '.selinux-mounts.yaml'), 'rules:\n  missing-relabel: error\n');
    await client.sendWatchedFiles([{ uri: configUri, type: FileChangeType.Changed }]);
    await until(() => client.refreshes > refreshes, 'a diagnostics refresh');
    const held = reports.map((r) => ({ uri: r.uri, value: r.resultId! }));
    assert.deepEqual(messagesOf(await client.workspaceDiagnostics(held), configUri), []);
    const unchanged = await client.workspaceDiagnostics([{ uri: configUri, value: (await client.workspaceDiagnostics()).find((r) => r.uri === configUri)!.resultId! }]);
    assert.equal(unchanged.find((r) => r.uri === configUri)?.kind, 'unchanged');
    assert.equal(client.published.length, published, 'nothing pushed once the client pulls');
  });

  it('a client that does not pull gets them pushed, and cleared when fixed', async () => {
    client = await LspClient.start(watchingCapabilities, 'stdio', [pathToFileURL(repo).href]);
    const onConfig = client.nextDiagnostics(configUri);
    await client.open(composeUri, compose);
    assert.deepEqual((await onConfig).diagnostics.map((d) => d.message), [brokenMessage]);
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
    fs.writeFileSync(path.join(repo, '.selinux-mounts.yaml'), 'rules:\n  missing-relabel: error\n');
    const cleared = client.nextDiagnostics(configUri);
    await client.sendWatchedFiles([{ uri: configUri, type: FileChangeType.Changed }]);
    assert.deepEqual((await cleared).diagnostics, []);
  });
});
