// Integration tests against the real `vscode` API, run inside VS Code's extension host with the
// extension loaded: the Node host with the extension under development (index.ts), and the web worker
// host with the browser build alone (web.ts). Nothing here sleeps: every wait is on an event
// (diagnostics, configuration, tabs), bounded by a timeout that only turns a hang into a failure.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const extensionId = 'selinux-mounts.selinux-mounts';
const source = 'selinux-mounts';
const fixAllKind = 'source.fixAll.selinuxMounts';
const waitLimitMs = 15000;

/** One service, one bind mount without a relabel option: `./data` is on line 4, characters 8–14. */
const oneMount = 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./data:/data\n';
const twoMounts = 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./a:/a\n      - ./logs:/logs:ro\n';
const twoMountsFixed = 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./a:/a:Z\n      - ./logs:/logs:ro,Z\n';

/** The extension's exports (client/src/extension.ts). */
interface Api {
  readonly client: { isRunning(): boolean } | undefined;
}

let caseNumber = 0;

/** Writes `text` to a new folder of the workspace under `name` (with `beside`, other files) and opens it in an editor. */
async function openFile(name: string, text: string, beside: Record<string, string> = {}): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'the tests need a workspace folder');
  const dir = vscode.Uri.joinPath(folder, `case-${++caseNumber}`);
  await vscode.workspace.fs.createDirectory(dir);
  for (const [other, content] of Object.entries(beside)) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, other), new TextEncoder().encode(content));
  const uri = vscode.Uri.joinPath(dir, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === source);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Resolves with `what` once it is defined, re-checked on each `event`; rejects after the wait limit. */
function until<T>(event: vscode.Event<unknown>, check: () => T | undefined, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = (value: T) => {
      sub.dispose();
      clearTimeout(timer);
      resolve(value);
    };
    const sub = event(() => {
      const value = check();
      if (value !== undefined) done(value);
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${waitLimitMs} ms waiting for ${what}`));
    }, waitLimitMs);
    const now = check();
    if (now !== undefined) done(now);
  });
}

/** Waits until this extension's diagnostics for `uri` satisfy `ok`. */
function diagnostics(uri: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  return until(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const d = ours(uri);
      return ok(d) ? d : undefined;
    },
    `${what} (now: ${JSON.stringify(ours(uri).map((d) => [codeOf(d), d.range.start.line]))})`,
  );
}

/** The next change of the diagnostics of `uri`, whatever it is: a republish after a settings change. */
function nextDiagnosticsChange(uri: vscode.Uri): Promise<void> {
  return new Promise((resolve, reject) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      sub.dispose();
      clearTimeout(timer);
      resolve();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${waitLimitMs} ms waiting for new diagnostics for ${uri.path}`));
    }, waitLimitMs);
  });
}

async function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('selinuxMounts').update(key, value, vscode.ConfigurationTarget.Workspace);
}

function wholeRange(doc: vscode.TextDocument): vscode.Range {
  return new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
}

/**
 * Where the extension runs: `desktop` is its Node entry with the server in a Node process; `web` is
 * its browser entry with the server in a web worker, which reads only the documents the client
 * sends and the workspace files it lists and reads for it (no project config file) and no host labels.
 */
export type Host = 'desktop' | 'web';

export function extensionTests(host: Host): void {
  /** Tests of what only the Node server does. */
  const desktopIt = host === 'desktop' ? it : it.skip;
  describe(`SELinux Mounts in VS Code (${host === 'desktop' ? 'desktop, Node extension host' : 'for the Web, web worker extension host'})`, () => {
    after(async () => {
      await setSetting('rules', undefined);
      await setSetting('preferredRelabel', undefined);
    });

    it('activates on a docker-compose.yml (language dockercompose) and reports its missing relabel', async () => {
      const ext = vscode.extensions.getExtension<Api>(extensionId);
      assert.ok(ext, `extension ${extensionId} is loaded`);
      assert.equal(ext.isActive, false, 'not active before a compose file is opened');
      if (host === 'web') {
        // The suite runs in a web worker (only a worker has importScripts), beside the browser build alone.
        assert.equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function');
        assert.equal(ext.packageJSON.main, undefined);
        assert.equal(ext.packageJSON.browser, './dist/web/extension.js');
      }
      const doc = await openFile('docker-compose.yml', oneMount);
      assert.equal(doc.languageId, 'dockercompose');
      await diagnostics(doc.uri, (d) => d.length > 0, 'the first diagnostics');
      assert.equal(ext.isActive, true);
      assert.equal(ext.exports.client?.isRunning(), true);
    });

    it('registers every command the manifest contributes', async () => {
      const ext = vscode.extensions.getExtension<Api>(extensionId)!;
      const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
      assert.deepEqual(contributed.sort(), ['selinuxMounts.explainRule', 'selinuxMounts.fixAll', 'selinuxMounts.restartServer', 'selinuxMounts.showHostLabel']);
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
    });

    it(`"SELinux Mounts: Show Host Label" answers for the mount under the cursor (${host === 'desktop' ? 'no SELinux on this host' : 'no host labels in the browser'})`, async () => {
      const doc = await openFile('docker-compose.yml', oneMount);
      await diagnostics(doc.uri, (d) => d.length > 0, 'diagnostics');
      const editor = vscode.window.activeTextEditor!;
      editor.selection = new vscode.Selection(4, 10, 4, 10);
      const answer = await vscode.commands.executeCommand<{ path?: string; reason?: string }>('selinuxMounts.showHostLabel');
      if (host === 'desktop') {
        assert.ok(answer?.path?.endsWith('/data'), JSON.stringify(answer));
        assert.match(answer!.reason ?? '', /SELinux is not enabled/);
      } else {
        // The server in the web worker has no host to read labels from: it answers without a path.
        assert.equal(answer?.path, undefined, JSON.stringify(answer));
        assert.equal(answer?.reason, 'host labels are off (no host to read them from in the browser)');
      }
    });

    it('reads YAML-language compose files too (podman-compose.yml)', async () => {
      const doc = await openFile('podman-compose.yml', oneMount);
      assert.equal(doc.languageId, 'yaml');
      const [d] = await diagnostics(doc.uri, (all) => all.length === 1, 'one diagnostic');
      assert.equal(codeOf(d!), 'missing-relabel');
    });

    for (const [name, languageId, text] of [
      ['deploy.sh', 'shellscript', 'docker run -d \\\n  -v /srv/app:/app img\n'],
      ['Dockerfile', 'dockerfile', 'FROM alpine\nRUN docker run -v /srv/app:/app img\n'],
      ['README.md', 'markdown', '```sh\npodman run -v /srv/app:/app img\n```\n'],
      ['app.container', undefined, '[Container]\nImage=x\nVolume=/srv/app:/app\n'],
    ] as const) {
      it(`reads ${name}${languageId ? ` (${languageId})` : ''}`, async () => {
        const doc = await openFile(name, text);
        if (languageId) assert.equal(doc.languageId, languageId);
        const [d] = await diagnostics(doc.uri, (all) => all.length === 1, 'one diagnostic');
        assert.equal(codeOf(d!), 'missing-relabel');
        assert.equal(doc.getText(d!.range), '/srv/app');
      });
    }

    it('reports missing-relabel on the host path of ./data:/data', async () => {
      const doc = await openFile('docker-compose.yml', oneMount);
      const all = await diagnostics(doc.uri, (d) => d.length > 0, 'diagnostics');
      assert.equal(all.length, 1, JSON.stringify(all));
      const d = all[0]!;
      assert.equal(codeOf(d), 'missing-relabel');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [4, 8, 4, 14]);
      assert.equal(doc.getText(d.range), './data');
      assert.match(d.message, /no SELinux relabel option/);
      assert.equal(typeof d.code === 'object' && d.code.target.toString().includes('missing-relabel'), true, 'the code links to the rule doc');
    });

    it('applies the preferred quick fix: ./data:/data becomes ./data:/data:Z', async () => {
      const doc = await openFile('docker-compose.yml', oneMount);
      const [d] = await diagnostics(doc.uri, (all) => all.length === 1, 'one diagnostic');
      const actions = await codeActions(doc.uri, d!.range, vscode.CodeActionKind.QuickFix.value);
      const preferred = actions.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1, `one preferred fix among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(preferred[0]!.title, 'Add :Z (private label, this container only)');
      assert.ok(actions.some((a) => a.title.startsWith('Add :z')), 'the shared relabel is offered too');
      assert.ok(await vscode.workspace.applyEdit(preferred[0]!.edit!));
      assert.equal(doc.lineAt(4).text, '      - ./data:/data:Z');
      await diagnostics(doc.uri, (all) => all.length === 0, 'the diagnostic to go away');
    });

    it('offers the fix-all source action (source.fixAll.selinuxMounts) and it fixes every mount', async () => {
      const doc = await openFile('compose.yaml', twoMounts);
      await diagnostics(doc.uri, (all) => all.length === 2, 'two diagnostics');
      const actions = await codeActions(doc.uri, wholeRange(doc), fixAllKind);
      const fixAll = actions.filter((a) => a.kind?.value === fixAllKind);
      assert.equal(fixAll.length, 1, JSON.stringify(actions.map((a) => [a.title, a.kind?.value])));
      assert.equal(fixAll[0]!.title, 'Fix all SELinux relabel problems');
      // editor.codeActionsOnSave asks for the parent kind `source.fixAll`: the action answers it too.
      const viaParent = await codeActions(doc.uri, wholeRange(doc), vscode.CodeActionKind.SourceFixAll.value);
      assert.ok(viaParent.some((a) => a.kind?.value === fixAllKind));
      assert.ok(await vscode.workspace.applyEdit(fixAll[0]!.edit!));
      assert.equal(doc.getText(), twoMountsFixed);
      await diagnostics(doc.uri, (all) => all.length === 0, 'no diagnostics left');
    });

    it('lists fix-all beside a finding\'s quick fixes, its edit made when VS Code resolves it', async () => {
      const doc = await openFile('compose.yaml', twoMounts);
      await diagnostics(doc.uri, (all) => all.length === 2, 'two diagnostics');
      // As the light bulb asks: no kind. Unresolved, the server leaves fix-all's edit for later.
      const line = new vscode.Range(4, 8, 4, 14);
      const listed = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, line)) ?? [];
      const unresolved = listed.find((a) => a.kind?.value === fixAllKind);
      assert.ok(unresolved, JSON.stringify(listed.map((a) => [a.title, a.kind?.value])));
      assert.equal(unresolved.edit, undefined);
      // Resolved (as picking it does), it fixes every mount.
      const resolved = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, line, undefined, 10)) ?? [];
      const fixAll = resolved.find((a) => a.kind?.value === fixAllKind);
      assert.ok(fixAll?.edit, 'fix-all resolved with its edit');
      assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
      assert.equal(doc.getText(), twoMountsFixed);
    });

    it('"SELinux Mounts: Fix All in File" fixes the active editor', async () => {
      const doc = await openFile('compose.yaml', twoMounts);
      await diagnostics(doc.uri, (all) => all.length === 2, 'two diagnostics');
      assert.equal(await vscode.commands.executeCommand('selinuxMounts.fixAll'), true);
      assert.equal(doc.getText(), twoMountsFixed);
    });

    it('answers hover on the mount with the explanation', async () => {
      const doc = await openFile('docker-compose.yml', oneMount);
      await diagnostics(doc.uri, (d) => d.length > 0, 'diagnostics');
      const hovers =
        (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(4, 10))) ?? [];
      const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
      const ourHover = hovers.find((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('Host bind mount')));
      assert.ok(ourHover, `our hover among ${JSON.stringify(texts)}`);
      const text = ourHover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
      assert.match(text, /container_t/);
      assert.match(text, /its own MCS level/);
      assert.match(text, /ls -ldZ \.\/data/);
      assert.deepEqual([ourHover.range?.start.character, ourHover.range?.end.character], [8, 14]);
    });

    it('completes the mount options after the colon, relabels first', async () => {
      // ./logs gives a diagnostic to wait on: the server has seen the file then.
      const doc = await openFile('docker-compose.yml', 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./logs:/logs\n      - ./data:/data:\n');
      await diagnostics(doc.uri, (d) => d.length === 1, 'the diagnostic of ./logs');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(5, 21), ':');
      const mine = list.items.filter((i) => ['z', 'Z', 'ro'].includes(typeof i.label === 'string' ? i.label : i.label.label));
      const ranked = mine.sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.deepEqual(ranked, ['Z', 'z', 'ro']);
    });

    it('selinuxMounts.rules changes severities and turns a rule off', async () => {
      const doc = await openFile('docker-compose.yml', oneMount);
      await diagnostics(doc.uri, (d) => d.length === 1 && d[0]!.severity === vscode.DiagnosticSeverity.Warning, 'a warning');
      await setSetting('rules', { 'missing-relabel': 'error' });
      await diagnostics(doc.uri, (d) => d.length === 1 && d[0]!.severity === vscode.DiagnosticSeverity.Error, 'an error');
      await setSetting('rules', { 'missing-relabel': 'off' });
      await diagnostics(doc.uri, (d) => d.length === 0, 'no diagnostics with the rule off');
      await setSetting('rules', undefined);
      await diagnostics(doc.uri, (d) => d.length === 1 && d[0]!.severity === vscode.DiagnosticSeverity.Warning, 'the warning back');
    });

    it('selinuxMounts.preferredRelabel "z" makes :z the preferred fix', async () => {
      const doc = await openFile('docker-compose.yml', oneMount);
      const [before] = await diagnostics(doc.uri, (d) => d.length === 1, 'one diagnostic');
      // The server republishes on a settings change; after that it has read the new value.
      const republished = nextDiagnosticsChange(doc.uri);
      await setSetting('preferredRelabel', 'z');
      await republished;
      const actions = await codeActions(doc.uri, before!.range, vscode.CodeActionKind.QuickFix.value);
      const preferred = actions.filter((a) => a.isPreferred);
      assert.deepEqual(
        preferred.map((a) => a.title),
        ['Add :z (shared label, every container)'],
      );
      assert.ok(await vscode.workspace.applyEdit(preferred[0]!.edit!));
      assert.equal(doc.lineAt(4).text, '      - ./data:/data:z');
      await setSetting('preferredRelabel', undefined);
    });

    desktopIt('the project .selinux-mounts.yaml applies where the user set nothing; a setting the user set wins', async () => {
      const config = 'preferredRelabel: z\nrules:\n  missing-relabel: error\n';
      const doc = await openFile('docker-compose.yml', oneMount, { '.selinux-mounts.yaml': config });
      const [d] = await diagnostics(doc.uri, (all) => all.length === 1 && all[0]!.severity === vscode.DiagnosticSeverity.Error, "the config's severity");
      const preferred = async () =>
        (await codeActions(doc.uri, d!.range, vscode.CodeActionKind.QuickFix.value)).filter((a) => a.isPreferred).map((a) => a.title);
      // The default of selinuxMounts.preferredRelabel (auto) is not sent: the config's z holds.
      assert.deepEqual(await preferred(), ['Add :z (shared label, every container)']);
      const republished = nextDiagnosticsChange(doc.uri);
      await setSetting('preferredRelabel', 'Z');
      await republished;
      assert.deepEqual(await preferred(), ['Add :Z (private label, this container only)']);
      await setSetting('preferredRelabel', undefined);
    });

    it('"SELinux Mounts: Restart Language Server" restarts it cleanly', async () => {
      const doc = await openFile('docker-compose.yml', oneMount);
      await diagnostics(doc.uri, (d) => d.length === 1, 'one diagnostic');
      await vscode.commands.executeCommand('selinuxMounts.restartServer');
      const api = vscode.extensions.getExtension<Api>(extensionId)!.exports;
      assert.equal(api.client?.isRunning(), true);
      // The new server sees the open document and answers edits to it.
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((b) => b.insert(new vscode.Position(5, 0), '      - ./more:/more\n'));
      await diagnostics(doc.uri, (d) => d.length === 2, 'two diagnostics from the restarted server');
      const other = await openFile('compose.yaml', twoMounts);
      await diagnostics(other.uri, (d) => d.length === 2, 'diagnostics for a file opened after the restart');
    });

    it('"SELinux Mounts: Explain Rule" opens the rule documentation', async () => {
      const isPreview = () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('missing-relabel'));
      const opened = until(vscode.window.tabGroups.onDidChangeTabs, isPreview, 'the Markdown preview of missing-relabel.md');
      await vscode.commands.executeCommand('selinuxMounts.explainRule', 'missing-relabel');
      await opened;
    });

    // In the browser the server lists and reads the files through the client (findFiles, workspace.fs).
    it('diagnosticsScope workspace: closed files get diagnostics (pulled), kept current on disk, less files.exclude; an open file shows its own once', async () => {
      const open = await openFile('docker-compose.yml', oneMount);
      await diagnostics(open.uri, (d) => d.length === 1, 'the open file, pushed');
      const closed = vscode.Uri.joinPath(open.uri, '..', 'closed', 'compose.yaml');
      // Listed before `closed` (the scan goes in name order), and left out by files.exclude.
      const excluded = vscode.Uri.joinPath(open.uri, '..', 'a-excluded', 'compose.yaml');
      for (const file of [closed, excluded]) {
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
        await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(twoMounts));
      }
      const files = vscode.workspace.getConfiguration('files');
      await files.update('exclude', { '**/a-excluded': true }, vscode.ConfigurationTarget.Workspace);
      await setSetting('diagnosticsScope', 'workspace');
      try {
        await diagnostics(closed, (d) => d.length === 2, "the closed file's diagnostics");
        assert.deepEqual(vscode.languages.getDiagnostics(excluded), []);
        // Pulled now, no longer pushed: the open file's finding is not shown twice.
        await diagnostics(open.uri, (d) => d.length === 1, 'the open file, pulled');
        await vscode.workspace.fs.writeFile(closed, new TextEncoder().encode(twoMountsFixed));
        await diagnostics(closed, (d) => d.length === 0, 'the closed file fixed on disk');
      } finally {
        await setSetting('diagnosticsScope', undefined);
        await files.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await diagnostics(open.uri, (d) => d.length === 1, 'the open file, pushed again');
    });
  });
}
