import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type ClientCapabilities } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { until, watchingCapabilities } from '../helpers/workspaceLsp';

const compose = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'every-kind', 'compose.yaml'), 'utf8');

describe('lsp: a file created while the workspace is scanned', function () {
  this.timeout(60_000);
  let root: string;
  let client: LspClient;

  before(() => {
    // Enough files that the scan runs a while (it yields every few ms): the file is created during it.
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-scan-changes-'));
    fs.mkdirSync(path.join(root, '.git'));
    for (let i = 0; i < 600; i++) {
      fs.mkdirSync(path.join(root, `app${i}`));
      fs.writeFileSync(path.join(root, `app${i}`, 'compose.yaml'), compose);
    }
  });
  after(() => {
    client.kill();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('keeps its diagnostics at the end of the scan, whose listing may have missed it', async () => {
    const capabilities: ClientCapabilities = { ...watchingCapabilities, window: { workDoneProgress: true } };
    client = await LspClient.start(capabilities, 'stdio', [pathToFileURL(root).href]);
    client.settings = { debounceMs: 0, diagnosticsScope: 'workspace' };
    await until(() => client.progress.some((p) => p.value.kind === 'begin'), 'the scan begun');
    const created = path.join(root, 'new', 'compose.yaml');
    fs.mkdirSync(path.dirname(created));
    fs.writeFileSync(created, compose);
    const uri = pathToFileURL(created).href;
    const latest = () => client.published.filter((p) => p.uri === uri).at(-1)?.diagnostics.length ?? 0;
    await client.sendWatchedFiles([{ uri, type: FileChangeType.Created }]);
    await until(() => latest() > 0, 'the created file checked', 50_000);
    await until(() => client.progress.some((p) => p.value.kind === 'end'), 'the end of the scan', 50_000);
    assert.equal(latest(), 1);
  });
});
