// A minimal LSP client for tests: spawns the bundled server over stdio and speaks JSON-RPC to it.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  CompletionRequest,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  UnregistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  DiagnosticRefreshRequest,
  WorkDoneProgress,
  WorkspaceDiagnosticRequest,
  createProtocolConnection,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionContext,
  type Command,
  type ConfigurationItem,
  type FileEvent,
  type Diagnostic,
  type CompletionContext,
  type CompletionItem,
  type CompletionList,
  type DocumentDiagnosticReport,
  type PreviousResultId,
  type ProgressToken,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  type WorkspaceDocumentDiagnosticReport,
  type Hover,
  type InitializeResult,
  type LogMessageParams,
  type MessageReader,
  type MessageWriter,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
} from 'vscode-languageserver-protocol/node';

export const serverPath = path.resolve(__dirname, '../../dist/server.js');

/** What VS Code declares for the features the server uses. */
export const fullCapabilities: ClientCapabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
    codeAction: {
      isPreferredSupport: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
    },
  },
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
};

/** Resolves `promise`, or fails after `ms`: a safety net, never a way to wait. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class LspClient {
  /** The `selinuxMounts` section answered to `workspace/configuration`. */
  settings: Record<string, unknown> = { debounceMs: 0 };
  readonly configurationRequests: ConfigurationItem[] = [];
  readonly registrations: Registration[] = [];
  /** Methods the server unregistered. */
  readonly unregistrations: string[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly published: PublishDiagnosticsParams[] = [];
  /** The `files.exclude` section answered to `workspace/configuration`. */
  filesExclude: Record<string, unknown> = {};
  /** Work done progress the server sent (`$/progress` of tokens it created or the client gave). */
  readonly progress: { token: ProgressToken; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }[] = [];
  /** How often the server asked to pull diagnostics again (`workspace/diagnostic/refresh`). */
  refreshes = 0;
  initializeResult!: InitializeResult;
  stderr = '';
  /** The server's exit code once it has exited. */
  readonly exited: Promise<number | null>;

  private readonly connection: ProtocolConnection;
  private readonly waiters = new Map<string, { version?: number; resolve: (params: PublishDiagnosticsParams) => void }[]>();
  private readonly versions = new Map<string, number>();

  /** The server process's id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  private constructor(
    private readonly child: ChildProcess,
    reader: MessageReader,
    writer: MessageWriter,
  ) {
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    this.connection = createProtocolConnection(reader, writer);
    this.connection.onRequest(ConfigurationRequest.type, ({ items }) => {
      this.configurationRequests.push(...items);
      return items.map((item) => (item.section === 'selinuxMounts' ? this.settings : item.section === 'files.exclude' ? this.filesExclude : null));
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => this.watchProgress(token));
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshes++;
    });
    this.connection.onRequest(RegistrationRequest.type, ({ registrations }) => {
      this.registrations.push(...registrations);
    });
    this.connection.onRequest(UnregistrationRequest.type, ({ unregisterations }) => {
      this.unregistrations.push(...unregisterations.map((u) => u.method));
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      const waiting = this.waiters.get(params.uri) ?? [];
      const served = waiting.filter((w) => w.version === undefined || w.version === params.version);
      this.waiters.set(params.uri, waiting.filter((w) => !served.includes(w)));
      for (const { resolve } of served) resolve(params);
    });
    this.connection.listen();
  }

  /** Spawns the server and completes the initialize handshake; `ipc` is how the VS Code client talks to it. */
  static async start(capabilities: ClientCapabilities = fullCapabilities, transport: 'stdio' | 'ipc' = 'stdio', workspaceFolders: string[] = []): Promise<LspClient> {
    const client =
      transport === 'stdio'
        ? LspClient.overStdio(spawn(process.execPath, [serverPath, '--stdio'], { stdio: 'pipe' }))
        : LspClient.overIpc(fork(serverPath, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] }));
    await client.initialize(capabilities, process.pid, workspaceFolders);
    return client;
  }

  /**
   * Speaks LSP to a server that `child` (an editor's stand-in) runs with its own stdio: messages go
   * in through `input`, come out of `child`'s stdout. Initializes with `processId` as the editor's pid.
   */
  static async startThrough(child: ChildProcess, input: NodeJS.WritableStream, processId: number | null): Promise<LspClient> {
    const client = new LspClient(child, new StreamMessageReader(child.stdout!), new StreamMessageWriter(input));
    await client.initialize(fullCapabilities, processId);
    return client;
  }

  private async initialize(capabilities: ClientCapabilities, processId: number | null, folders: string[] = []): Promise<void> {
    const workspaceFolders = folders.length ? folders.map((uri) => ({ uri, name: uri.replace(/^.*\//, '') })) : null;
    this.initializeResult = await within(this.connection.sendRequest(InitializeRequest.type, { processId, rootUri: null, workspaceFolders, capabilities }), 10_000, 'initialize');
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  private static overStdio(child: ChildProcess): LspClient {
    return new LspClient(child, new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  }

  private static overIpc(child: ChildProcess): LspClient {
    return new LspClient(child, new IPCMessageReader(child), new IPCMessageWriter(child));
  }

  /** The next diagnostics published for `uri`; call it before sending what triggers them. */
  /** The next diagnostics published for `uri`; with `version`, the next of that version (an earlier publish may still be on its way). */
  nextDiagnostics(uri: string, ms = 5000, version?: number): Promise<PublishDiagnosticsParams> {
    const published = new Promise<PublishDiagnosticsParams>((resolve) => {
      this.waiters.set(uri, [...(this.waiters.get(uri) ?? []), { version, resolve }]);
    });
    return within(published, ms, `diagnostics for ${uri}`);
  }

  async open(uri: string, text: string, languageId = 'yaml'): Promise<Diagnostic[]> {
    const next = this.nextDiagnostics(uri);
    await this.sendOpen(uri, text, languageId);
    return (await next).diagnostics;
  }

  /** Opens the document without waiting for pushed diagnostics (a client that pulls them). */
  sendOpen(uri: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(uri, 1);
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Replaces the whole text; resolves with the diagnostics that follow. */
  async change(uri: string, text: string): Promise<Diagnostic[]> {
    const next = this.nextDiagnostics(uri, 5000, (this.versions.get(uri) ?? 0) + 1);
    await this.sendChange(uri, text);
    return (await next).diagnostics;
  }

  /** Sends a full-text change without waiting for diagnostics. */
  async sendChange(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  async close(uri: string): Promise<Diagnostic[]> {
    const next = this.nextDiagnostics(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return (await next).diagnostics;
  }

  /** Sets the settings and tells the server; resolves with the diagnostics `uri` gets afterwards. */
  async configure(settings: Record<string, unknown>, uri: string): Promise<Diagnostic[]> {
    this.settings = { debounceMs: 0, ...settings };
    const next = this.nextDiagnostics(uri);
    await this.sendConfiguration(null);
    return (await next).diagnostics;
  }

  /** `workspace/didChangeConfiguration`; clients that pull settings send null. */
  sendConfiguration(settings: unknown): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** `workspace/didChangeWatchedFiles`, as a client sends it for the globs the server registered. */
  sendWatchedFiles(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  codeActions(uri: string, range: Range, context: CodeActionContext): Promise<(Command | CodeAction)[] | null> {
    return within(
      this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context }),
      5000,
      'codeAction',
    );
  }

  /** `codeAction/resolve`: the action with what the client left for later (its edit). */
  resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    return within(this.connection.sendRequest(CodeActionResolveRequest.type, action), 5000, 'codeAction/resolve');
  }

  /** Any notification (`workspace/didChangeWorkspaceFolders`...). */
  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** Any request, for the server's own methods (`selinuxMounts/hostLabel`). */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  private watchProgress(token: ProgressToken): void {
    this.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      this.progress.push({ token, value });
    });
  }

  /** `textDocument/diagnostic` (pull). */
  documentDiagnostics(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return within(this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId }), 10_000, 'textDocument/diagnostic');
  }

  /**
   * `workspace/diagnostic` (pull), as VS Code sends it: with a partial result token, and a work done
   * token when `workDoneToken` is given. Resolves with every report, streamed or in the response.
   */
  async workspaceDiagnostics(previousResultIds: PreviousResultId[] = [], workDoneToken?: string): Promise<WorkspaceDocumentDiagnosticReport[]> {
    const partialResultToken = `partial-${Math.random()}`;
    const streamed: WorkspaceDocumentDiagnosticReport[] = [];
    const listening = this.connection.onProgress(WorkspaceDiagnosticRequest.partialResult, partialResultToken, ({ items }) => {
      streamed.push(...items);
    });
    if (workDoneToken) this.watchProgress(workDoneToken);
    try {
      const { items } = await within(this.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds, partialResultToken, workDoneToken }), 60_000, 'workspace/diagnostic');
      return [...streamed, ...items];
    } finally {
      listening.dispose();
    }
  }

  completion(uri: string, position: Position, context?: CompletionContext): Promise<CompletionItem[] | CompletionList | null> {
    return within(this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position, context }), 5000, 'completion');
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return within(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), 5000, 'hover');
  }

  /** shutdown + exit; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    await within(this.connection.sendRequest(ShutdownRequest.type), 5000, 'shutdown');
    await this.connection.sendNotification(ExitNotification.type);
    const code = await within(this.exited, 5000, 'the server to exit');
    this.connection.dispose();
    return code;
  }

  /** Closes the channel the server reads (stdin, or the IPC channel), as an editor gone without a word. */
  closeInput(): void {
    if (this.child.connected) this.child.disconnect();
    else this.child.stdin!.end();
  }

  /** For `after` hooks: ends the server whatever state the test left it in. */
  kill(): void {
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}
