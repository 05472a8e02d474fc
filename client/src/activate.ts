// What the extension does on both of its hosts: the language client, its settings middleware and
// the commands. All analysis happens in the server; the commands only drive what the server offers
// (its fix-all code action) or open the rule docs shipped in the extension. The entries differ only
// in how the server runs: a Node process (extension.ts) or a web worker (browserExtension.ts).
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';

/** The server's fix-all code action kind (server/src/lsp/codeActions.ts). */
const fixAllKind = 'source.fixAll.selinuxMounts';
/** The `source` of the server's diagnostics (server/src/lsp/convert.ts). */
const diagnosticSource = 'selinux-mounts';
/** The client's id makes `selinuxMounts.trace.server` the trace setting. */
export const clientId = 'selinuxMounts';
export const clientName = 'SELinux Mounts';

// The client lives between activate and deactivate; VS Code gives deactivate no context to find it in.
let client: BaseLanguageClient | undefined;

/** What activate hands back, for the integration tests (test/vscode). */
export interface SelinuxMountsApi {
  /** The running language client (a new one after a restart). */
  readonly client: BaseLanguageClient | undefined;
}

/** What differs between the hosts, besides the client. */
export interface HostOptions {
  /** Limits the selectors by file name to local files (Node); in the browser the workspace has other schemes. */
  fileScheme?: string;
  /** More initializationOptions for the server. */
  initializationOptions?: Record<string, unknown>;
}

/** Starts the client made by `createClient` from the shared options. */
export async function activateClient(
  context: vscode.ExtensionContext,
  createClient: (clientOptions: LanguageClientOptions) => BaseLanguageClient,
  host: HostOptions,
): Promise<SelinuxMountsApi> {
  const scheme = host.fileScheme ? { scheme: host.fileScheme } : {};
  const clientOptions: LanguageClientOptions = {
    // The server decides by name and content what it reads (any YAML may be compose or CI, any
    // JSON a devcontainer.json); quadlet units have no language of their own.
    documentSelector: [
      ...['dockercompose', 'yaml', 'shellscript', 'dockerfile', 'markdown', 'mdx', 'restructuredtext', 'makefile', 'json', 'jsonc', 'selinux-audit'].map((language) => ({ language })),
      { ...scheme, pattern: '**/podman-compose.y{a,}ml' },
      { ...scheme, pattern: '**/*.container' },
      // Read for the host folder a quadlet volume binds: its edits re-check the units that mount it.
      { ...scheme, pattern: '**/*.volume' },
      // MDX and reStructuredText have a language only when an extension for them is installed.
      { ...scheme, pattern: '**/*.{mdx,rst}' },
      { ...scheme, pattern: '**/audit.log*' },
    ],
    synchronize: { configurationSection: 'selinuxMounts' },
    // The server lays the editor's settings over the project's .selinux-mounts.yaml: send only the
    // ones the user set, so a default does not hide the project's choice.
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return params.items.map((item, i) => (item.section === 'selinuxMounts' ? explicitSettings(context, item.scopeUri) : result[i]));
        },
      },
    },
    // Host labels are read only in trusted workspaces; the client is restarted once trust is granted.
    initializationOptions: { ...host.initializationOptions, trustedWorkspace: vscode.workspace.isTrusted },
  };
  client = createClient(clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('selinuxMounts.fixAll', fixAllInActiveEditor),
    vscode.commands.registerCommand('selinuxMounts.explainRule', (ruleId?: unknown) => explainRule(context, ruleId)),
    vscode.commands.registerCommand('selinuxMounts.showHostLabel', showHostLabel),
    vscode.commands.registerCommand('selinuxMounts.restartServer', restartClient),
    // The workspace scope (selinuxMounts.diagnosticsScope) leaves out what files.exclude does: the
    // server pulls it again on this notification. (Listed in `synchronize`, the client would read
    // it without a resource, which VS Code warns about.)
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('files.exclude')) void client?.sendNotification('workspace/didChangeConfiguration', { settings: null });
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (clientOptions.initializationOptions) clientOptions.initializationOptions.trustedWorkspace = true;
      await restartClient();
    }),
  );

  await client.start();
  return {
    get client() {
      return client;
    },
  };
}

/** Stops and starts the client again (as the Node client's own restart() does), on either host. */
async function restartClient(): Promise<void> {
  await client?.stop();
  await client?.start();
}

/** The `selinuxMounts.*` settings the user set (in any scope, language-specific ones first), without defaults. */
function explicitSettings(context: vscode.ExtensionContext, scopeUri: string | undefined): Record<string, unknown> {
  const properties = (context.extension.packageJSON as { contributes: { configuration: { properties: Record<string, unknown> } } }).contributes.configuration.properties;
  const config = vscode.workspace.getConfiguration('selinuxMounts', scopeUri ? vscode.Uri.parse(scopeUri) : undefined);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(properties).map((k) => k.slice('selinuxMounts.'.length))) {
    const i = config.inspect(key);
    const value =
      i?.workspaceFolderLanguageValue ?? i?.workspaceLanguageValue ?? i?.globalLanguageValue ?? i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
    if (value === undefined) continue;
    // `trace.server` is read by the client itself; nested keys land where the server expects them.
    const [head, ...rest] = key.split('.');
    if (rest.length) out[head] = { ...(out[head] as object), [rest.join('.')]: value };
    else out[key] = value;
  }
  return out;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** The server's answer to `selinuxMounts/hostLabel` (server/src/lsp/hover.ts). */
interface HostLabelAnswer {
  path?: string;
  label?: string;
  verdict?: string;
  reason?: string;
}

/** Shows the current SELinux label of the host path under the cursor and what it means; returns the answer. */
async function showHostLabel(): Promise<HostLabelAnswer | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client) return undefined;
  const answer = await client.sendRequest<HostLabelAnswer>('selinuxMounts/hostLabel', {
    textDocument: { uri: editor.document.uri.toString() },
    position: editor.selection.active,
  });
  const text = answer.verdict ?? `SELinux Mounts: no host label${answer.path ? ` for ${answer.path}` : ''}: ${answer.reason}.`;
  void vscode.window.showInformationMessage(text.replace(/\*\*|`/g, ''));
  return answer;
}

/** Applies the server's fix-all action to the active editor's document; true when something changed. */
async function fixAllInActiveEditor(): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('SELinux Mounts: open a compose file first.');
    return false;
  }
  const doc = editor.document;
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, fixAllKind)) ?? [];
  const fixAll = actions.find((a) => a.kind?.value === fixAllKind && a.edit);
  if (!fixAll?.edit) {
    void vscode.window.showInformationMessage('SELinux Mounts: nothing to fix in this file.');
    return false;
  }
  return vscode.workspace.applyEdit(fixAll.edit);
}

/** Opens a rule's documentation (docs/rules/<id>.md, shipped in the extension) in the Markdown preview. */
async function explainRule(context: vscode.ExtensionContext, arg: unknown): Promise<void> {
  const rulesDir = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  const known = (await vscode.workspace.fs.readDirectory(rulesDir))
    .map(([name]) => name)
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -'.md'.length))
    .sort();
  let ruleId = typeof arg === 'string' && known.includes(arg) ? arg : undefined;
  if (!ruleId) {
    // The rules reported at the cursor come first; any rule can be picked.
    const editor = vscode.window.activeTextEditor;
    const here = editor
      ? vscode.languages
          .getDiagnostics(editor.document.uri)
          .filter((d) => d.source === diagnosticSource && d.range.contains(editor.selection.active))
          .map((d) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code)))
      : [];
    const atCursor = [...new Set(here)].filter((id) => known.includes(id));
    ruleId =
      atCursor.length === 1
        ? atCursor[0]
        : await vscode.window.showQuickPick([...atCursor, ...known.filter((id) => !atCursor.includes(id))], {
            placeHolder: 'Rule to explain',
          });
  }
  if (!ruleId) return;
  await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(rulesDir, `${ruleId}.md`));
}
