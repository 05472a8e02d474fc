import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type ClientCapabilities, type WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { fullCapabilities, LspClient } from '../helpers/lspClient';
import { until } from '../helpers/workspaceLsp';

const everyKind = path.join(__dirname, '..', 'fixtures', 'every-kind');
/** The fixture's files, each with a finding (the CLI reports all nine). */
const everyKindFiles = ['.devcontainer/devcontainer.json', '.github/workflows/ci.yml', 'Dockerfile', 'Makefile', 'README.md', 'app.container', 'audit.log', 'compose.yaml', 'deploy.sh'];
const compose = fs.readFileSync(path.join(everyKind, 'compose.yaml'), 'utf8');

/**
 * A repository as a workspace folder: every kind at its root, and copies of compose.yaml that are
 * left out by .gitignore (root and nested), by files.exclude, by the project config's `ignore`, by
 * being a dependency; plus one kept in a subfolder.
 */
function makeWorkspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-workspace-'));
  fs.cpSync(everyKind, root, { recursive: true });
  fs.rmSync(path.join(root, 'lsp'), { recursive: true, force: true });
  fs.mkdirSync(path.join(root, '.git'));
  fs.writeFileSync(path.join(root, '.gitignore'), 'build/\n*.generated.yaml\n');
  fs.writeFileSync(path.join(root, '.selinux-mounts.yaml'), 'ignore:\n  - legacy/**\n');
  for (const rel of ['build/compose.yaml', 'out.generated.yaml', 'vendor/compose.yaml', 'legacy/compose.yaml', 'node_modules/x/compose.yaml', 'sub/compose.yaml', 'sub/local.yaml']) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), compose);
  }
  fs.writeFileSync(path.join(root, 'sub', '.gitignore'), 'local.yaml\n');
  // Made from a template beside it: left out by the `when` clause of `filesExclude` below.
  fs.mkdirSync(path.join(root, 'gen'));
  fs.writeFileSync(path.join(root, 'gen', 'compose.yaml'), compose);
  fs.writeFileSync(path.join(root, 'gen', 'compose.jsonnet'), '{}\n');
  return root;
}

/** `files.exclude` as a user sets it: folders, brace alternatives, and a file left out where its source is beside it. */
const filesExclude = { '**/vendor': true, '**/*.{tmp,bak}': true, '**/*.yaml': { when: '$(basename).jsonnet' } };

const expected = [...everyKindFiles, 'sub/compose.yaml'].sort();

const relOf = (root: string, uri: string): string => path.relative(root, new URL(uri).pathname).split(path.sep).join('/');

/** The files whose latest report has findings. */
function withFindings(root: string, reports: WorkspaceDocumentDiagnosticReport[]): string[] {
  const latest = new Map<string, number>();
  for (const r of reports) if (r.kind === 'full') latest.set(r.uri, r.items.length);
  return [...latest].filter(([, n]) => n > 0).map(([uri]) => relOf(root, uri)).sort();
}

const pullCapabilities: ClientCapabilities = {
  ...fullCapabilities,
  textDocument: { ...fullCapabilities.textDocument, diagnostic: { dynamicRegistration: true } },
  workspace: {
    ...fullCapabilities.workspace,
    workspaceFolders: true,
    diagnostics: { refreshSupport: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  window: { workDoneProgress: true },
};
const { diagnostic: _pull, ...pushTextDocument } = pullCapabilities.textDocument!;
const pushCapabilities: ClientCapabilities = { ...pullCapabilities, textDocument: pushTextDocument };

describe('lsp: every problem in the workspace (diagnosticsScope: workspace)', () => {
  describe('a client that pulls diagnostics', () => {
    let root: string;
    let client: LspClient;
    let first: WorkspaceDocumentDiagnosticReport[];
    const uriOf = (rel: string) => pathToFileURL(path.join(root, rel)).href;

    before(async () => {
      root = makeWorkspace();
      client = await LspClient.start(pullCapabilities, 'stdio', [pathToFileURL(root).href]);
      client.settings = { debounceMs: 0, diagnosticsScope: 'workspace' };
      client.filesExclude = filesExclude;
      await until(() => client.registrations.some((r) => r.method === 'textDocument/diagnostic'), 'the pull registration');
      first = await client.workspaceDiagnostics();
    });
    after(() => {
      client.kill();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it('registers pull diagnostics for the workspace and a watcher for every file', () => {
      const pull = client.registrations.find((r) => r.method === 'textDocument/diagnostic');
      assert.equal((pull?.registerOptions as { workspaceDiagnostics?: boolean }).workspaceDiagnostics, true);
      const watchers = client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').map((r) => r.registerOptions);
      // The project configs, compose projects' files and quadlet .volume units are watched in any scope; every file with this one.
      const always = ['**/.selinux-mounts.{yaml,yml,json}', '**/*.{yaml,yml}', '**/.env', '**/*.env', '**/.env.*', '**/*.volume'].map((globPattern) => ({ globPattern }));
      assert.deepEqual(watchers, [{ watchers: always }, { watchers: [{ globPattern: '**/*' }] }]);
    });

    it('workspace/diagnostic reports exactly the files read, less .gitignore, files.exclude, the config ignore and dependencies', () => {
      assert.deepEqual(withFindings(root, first), expected);
      const composeReport = first.find((r) => r.uri === uriOf('sub/compose.yaml'));
      assert.equal(composeReport?.kind === 'full' && composeReport.items[0].code, 'missing-relabel');
    });

    it('shows progress while scanning: begin, then end', () => {
      const kinds = client.progress.map((p) => p.value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds.at(-1), 'end');
    });

    it('holds a pull while nothing changed; a file changed on disk (didChangeWatchedFiles) then gets a new report, the others unchanged', async () => {
      let answered = false;
      const pending = client.workspaceDiagnostics(first.map((r) => ({ uri: r.uri, value: r.resultId! }))).finally(() => (answered = true));
      // A request sent after it is answered first: the pull is held, not answered with no news.
      await client.documentDiagnostics(uriOf('compose.yaml'));
      assert.equal(answered, false);
      fs.writeFileSync(path.join(root, 'deploy.sh'), fs.readFileSync(path.join(root, 'deploy.sh'), 'utf8').replace('/srv/app:/app', '/srv/app:/app:Z'));
      fs.mkdirSync(path.join(root, 'added'));
      fs.writeFileSync(path.join(root, 'added', 'compose.yaml'), compose);
      fs.writeFileSync(path.join(root, 'added', 'skip.generated.yaml'), compose);
      await client.sendWatchedFiles([
        { uri: uriOf('added/skip.generated.yaml'), type: FileChangeType.Created },
        { uri: uriOf('deploy.sh'), type: FileChangeType.Changed },
        { uri: uriOf('added/compose.yaml'), type: FileChangeType.Created },
      ]);
      // Answered at the first change; pulled again with what it said, until the client holds the rest.
      const held = new Map(first.map((r) => [r.uri, r.resultId!]));
      const full = new Map<string, number>();
      for (let reports = await pending; ; ) {
        for (const r of reports) {
          held.set(r.uri, r.resultId!);
          if (r.kind === 'full') full.set(relOf(root, r.uri), r.items.length);
          else assert.ok(first.some((f) => f.uri === r.uri));
        }
        if (full.size >= 2) break;
        reports = await client.workspaceDiagnostics([...held].map(([uri, value]) => ({ uri, value })));
      }
      assert.deepEqual([...full].sort(), [['added/compose.yaml', 1], ['deploy.sh', 0]]);
    });

    it('a folder deleted or created is one event: the files under it go or come with it', async () => {
      fs.rmSync(path.join(root, 'added'), { recursive: true });
      fs.mkdirSync(path.join(root, 'moved', 'deep'), { recursive: true });
      fs.writeFileSync(path.join(root, 'moved', 'deep', 'compose.yaml'), compose);
      await client.sendWatchedFiles([
        { uri: uriOf('added'), type: FileChangeType.Deleted },
        { uri: uriOf('moved'), type: FileChangeType.Created },
      ]);
      const reports = await client.workspaceDiagnostics();
      const gone = reports.find((r) => r.uri === uriOf('added/compose.yaml'));
      assert.equal(gone?.kind, 'full');
      assert.deepEqual(gone.kind === 'full' && gone.items, []);
      assert.equal(withFindings(root, reports).includes('moved/deep/compose.yaml'), true);
    });

    it('textDocument/diagnostic: an open document is judged by its text, unchanged while it is the same', async () => {
      const uri = uriOf('compose.yaml');
      await client.sendOpen(uri, compose.replace('/var/lib/postgresql/data', '/var/lib/postgresql/data:Z'));
      const report = await client.documentDiagnostics(uri);
      assert.equal(report.kind, 'full');
      assert.deepEqual(report.kind === 'full' && report.items, []);
      assert.deepEqual(await client.documentDiagnostics(uri, report.resultId), { kind: 'unchanged', resultId: report.resultId });
      await client.sendChange(uri, compose);
      const edited = await client.documentDiagnostics(uri, report.resultId);
      assert.equal(edited.kind === 'full' && edited.items[0].code, 'missing-relabel');
      // The open document's report comes from textDocument/diagnostic, not from the workspace's.
      assert.equal((await client.workspaceDiagnostics()).some((r) => r.uri === uri), false);
      assert.equal(client.published.some((p) => p.uri === uri && p.diagnostics.length > 0), false);
    });

    it('a .gitignore change re-scans: a file it now ignores gets an empty report', async () => {
      const held = (await client.workspaceDiagnostics()).map((r) => ({ uri: r.uri, value: r.resultId! }));
      const refreshes = client.refreshes;
      fs.appendFileSync(path.join(root, '.gitignore'), 'Makefile\n');
      await client.sendWatchedFiles([{ uri: uriOf('.gitignore'), type: FileChangeType.Changed }]);
      await until(() => client.refreshes > refreshes, 'a diagnostics refresh after the re-scan');
      const after = await client.workspaceDiagnostics(held);
      assert.deepEqual(after.filter((r) => r.kind === 'full').map((r) => [relOf(root, r.uri), r.kind === 'full' && r.items.length]), [['Makefile', 0]]);
    });

    it('a project config change re-checks the workspace with it', async () => {
      const refreshes = client.refreshes;
      fs.writeFileSync(path.join(root, '.selinux-mounts.yaml'), 'ignore:\n  - legacy/**\nrules:\n  missing-relabel: off\n');
      await client.sendWatchedFiles([{ uri: uriOf('.selinux-mounts.yaml'), type: FileChangeType.Changed }]);
      await until(() => client.refreshes > refreshes, 'a diagnostics refresh');
      const codes = (await client.workspaceDiagnostics()).flatMap((r) => (r.kind === 'full' ? r.items.map((d) => d.code) : []));
      assert.ok(codes.length > 0);
      assert.equal(codes.includes('missing-relabel'), false);
    });

    it('a workspace folder added later is checked too (its changes declared in the capabilities, not registered at run time)', async () => {
      const second = makeWorkspace();
      const secondUri = pathToFileURL(second).href;
      try {
        const refreshes = client.refreshes;
        await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: secondUri, name: 'second' }], removed: [] } });
        await until(() => client.refreshes > refreshes, 'a diagnostics refresh');
        const reports = (await client.workspaceDiagnostics()).filter((r) => r.uri.startsWith(`${secondUri}/`));
        assert.deepEqual(withFindings(second, reports), expected);
        assert.deepEqual(client.initializeResult.capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
        assert.equal(client.registrations.some((r) => r.method === 'workspace/didChangeWorkspaceFolders'), false);
      } finally {
        await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: secondUri, name: 'second' }] } });
        fs.rmSync(second, { recursive: true, force: true });
      }
    });

    it('back to openFiles: pull diagnostics are unregistered and the open document is pushed again', async () => {
      const uri = uriOf('compose.yaml');
      const next = client.nextDiagnostics(uri);
      client.settings = { debounceMs: 0 };
      await client.sendConfiguration(null);
      await next;
      assert.deepEqual(client.unregistrations, ['textDocument/diagnostic']);
    });
  });

  describe('a client without pull diagnostics', () => {
    let root: string;
    let client: LspClient;

    before(async () => {
      root = makeWorkspace();
      client = await LspClient.start(pushCapabilities, 'stdio', [pathToFileURL(root).href]);
      client.settings = { debounceMs: 0, diagnosticsScope: 'workspace' };
      client.filesExclude = filesExclude;
    });
    after(() => {
      client.kill();
      fs.rmSync(root, { recursive: true, force: true });
    });

    const pushedWithFindings = () => {
      const latest = new Map(client.published.map((p) => [p.uri, p.diagnostics.length]));
      return [...latest].filter(([, n]) => n > 0).map(([uri]) => relOf(root, uri)).sort();
    };

    it('gets closed files’ diagnostics pushed, for exactly the files read', async () => {
      await until(() => pushedWithFindings().length >= expected.length, 'pushed diagnostics of the workspace');
      // The server answers a pull only once its scan is over: everything is pushed by then.
      assert.deepEqual(withFindings(root, await client.workspaceDiagnostics()), expected);
      assert.deepEqual(pushedWithFindings(), expected);
      assert.equal(client.registrations.some((r) => r.method === 'textDocument/diagnostic'), false);
    });

    it('a file changed on disk is pushed again', async () => {
      const uri = pathToFileURL(path.join(root, 'compose.yaml')).href;
      fs.writeFileSync(path.join(root, 'compose.yaml'), compose.replace('/var/lib/postgresql/data', '/var/lib/postgresql/data:Z'));
      const next = client.nextDiagnostics(uri);
      await client.sendWatchedFiles([{ uri, type: FileChangeType.Changed }]);
      assert.deepEqual((await next).diagnostics, []);
    });

    it('files.exclude with a when clause: a file is left out while the sibling it names exists', async () => {
      const uri = pathToFileURL(path.join(root, 'gen', 'compose.yaml')).href;
      const template = path.join(root, 'gen', 'compose.jsonnet');
      assert.equal(client.published.some((p) => p.uri === uri), false);
      // Only the sibling's own event, as an editor sends it: the file it named is checked again.
      fs.rmSync(template);
      let next = client.nextDiagnostics(uri);
      await client.sendWatchedFiles([{ uri: pathToFileURL(template).href, type: FileChangeType.Deleted }]);
      assert.equal((await next).diagnostics[0].code, 'missing-relabel');
      fs.writeFileSync(template, '{}\n');
      next = client.nextDiagnostics(uri);
      await client.sendWatchedFiles([{ uri: pathToFileURL(template).href, type: FileChangeType.Created }]);
      assert.deepEqual((await next).diagnostics, [], 'left out again: its diagnostics cleared');
    });

    it('back to openFiles: the closed files’ diagnostics are cleared', async () => {
      const uri = pathToFileURL(path.join(root, 'deploy.sh')).href;
      const next = client.nextDiagnostics(uri);
      client.settings = { debounceMs: 0 };
      await client.sendConfiguration(null);
      assert.deepEqual((await next).diagnostics, []);
    });
  });

  describe('a client that declares pull diagnostics without run-time registration (LSP 3.17: the server declares them at initialize)', () => {
    let root: string;
    let client: LspClient;
    const uriOf = (rel: string) => pathToFileURL(path.join(root, rel)).href;
    const staticPull: ClientCapabilities = { ...pullCapabilities, textDocument: { ...pullCapabilities.textDocument, diagnostic: {} } };
    const pushedWithFindings = () => {
      const latest = new Map(client.published.map((p) => [p.uri, p.diagnostics.length]));
      return [...latest].filter(([, n]) => n > 0).map(([uri]) => relOf(root, uri)).sort();
    };
    let held: { uri: string; value: string }[] = [];

    before(async () => {
      root = makeWorkspace();
      client = await LspClient.start(staticPull, 'stdio', [pathToFileURL(root).href]);
      client.filesExclude = filesExclude;
    });
    after(() => {
      client.kill();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it('the initialize result declares diagnosticProvider; nothing is registered at run time', () => {
      assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, { identifier: 'selinux-mounts', interFileDependencies: false, workspaceDiagnostics: true });
      assert.equal(client.registrations.some((r) => r.method === 'textDocument/diagnostic'), false);
    });

    it('openFiles: an open document is pulled, never pushed', async () => {
      // vendor/ is left out of the workspace by files.exclude, not from the editor.
      const uri = uriOf('vendor/compose.yaml');
      await client.sendOpen(uri, compose);
      const report = await client.documentDiagnostics(uri);
      assert.equal(report.kind === 'full' && report.items[0].code, 'missing-relabel');
      await client.sendChange(uri, compose.replace('/var/lib/postgresql/data', '/var/lib/postgresql/data:Z'));
      const edited = await client.documentDiagnostics(uri, report.resultId);
      assert.deepEqual(edited.kind === 'full' && edited.items, []);
      await client.hover(uri, { line: 0, character: 0 });
      assert.deepEqual(client.published.filter((p) => p.uri === uri), []);
    });

    it('scope workspace: closed files are pushed until the client pulls the workspace, then pulled (what was pushed is cleared)', async () => {
      client.settings = { debounceMs: 0, diagnosticsScope: 'workspace' };
      await client.sendConfiguration(null);
      await until(() => pushedWithFindings().length >= expected.length, 'pushed diagnostics of the workspace');
      const reports = await client.workspaceDiagnostics();
      assert.deepEqual(withFindings(root, reports), expected);
      assert.deepEqual(pushedWithFindings(), []);
      held = reports.map((r) => ({ uri: r.uri, value: r.resultId! }));
    });

    it('scope workspace: a file changed on disk answers the held pull, and is not pushed', async () => {
      const published = client.published.length;
      const pending = client.workspaceDiagnostics(held);
      fs.writeFileSync(path.join(root, 'sub', 'compose.yaml'), compose.replace('/var/lib/postgresql/data', '/var/lib/postgresql/data:Z'));
      await client.sendWatchedFiles([{ uri: uriOf('sub/compose.yaml'), type: FileChangeType.Changed }]);
      const full = (await pending).filter((r) => r.kind === 'full');
      assert.deepEqual(full.map((r) => [relOf(root, r.uri), r.kind === 'full' && r.items.length]), [['sub/compose.yaml', 0]]);
      assert.equal(client.published.length, published);
    });

    it('back to openFiles: the closed files get empty reports', async () => {
      const refreshes = client.refreshes;
      client.settings = { debounceMs: 0 };
      await client.sendConfiguration(null);
      await until(() => client.refreshes > refreshes, 'a diagnostics refresh');
      const reports = await client.workspaceDiagnostics(held);
      assert.deepEqual(withFindings(root, reports), []);
      assert.ok(reports.some((r) => r.uri === uriOf('deploy.sh') && r.kind === 'full'));
    });
  });

  describe('the default scope (openFiles)', () => {
    let root: string;
    let client: LspClient;

    before(async () => {
      root = makeWorkspace();
      client = await LspClient.start(pullCapabilities, 'stdio', [pathToFileURL(root).href]);
    });
    after(() => {
      client.kill();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it('checks the open documents only, pushed as before', async () => {
      const uri = pathToFileURL(path.join(root, 'sub', 'compose.yaml')).href;
      const diagnostics = await client.open(uri, compose);
      assert.equal(diagnostics[0].code, 'missing-relabel');
      assert.deepEqual(await client.workspaceDiagnostics(), []);
      assert.deepEqual([...new Set(client.published.filter((p) => p.diagnostics.length).map((p) => p.uri))], [uri]);
      assert.equal(client.registrations.some((r) => r.method === 'textDocument/diagnostic'), false);
    });

    it('a push already scheduled when the scope becomes workspace is dropped: the client pulls it, and would show it twice', async () => {
      const uri = pathToFileURL(path.join(root, 'compose.yaml')).href;
      client.settings = { debounceMs: 400 };
      await client.sendConfiguration(null);
      await client.open(uri, compose);
      // An edit whose push waits for its debounce, then the scope changes before it is due.
      await client.sendChange(uri, compose.replace('./data', './dat'));
      client.settings = { debounceMs: 400, diagnosticsScope: 'workspace' };
      await client.sendConfiguration(null);
      await until(() => client.registrations.some((r) => r.method === 'textDocument/diagnostic'), 'the pull registration');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const mine = client.published.filter((p) => p.uri === uri);
      assert.deepEqual(mine.at(-1)?.diagnostics, [], 'what was pushed is cleared, and nothing is pushed after');
      assert.ok((await client.documentDiagnostics(uri)).kind === 'full', 'the document is pulled instead');
    });
  });
});
