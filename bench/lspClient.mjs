// A small LSP client for the benchmarks: spawns one language server over stdio, speaks JSON-RPC to
// it and times what an editor waits for. Every wait is bounded: a server that never answers costs
// `timeoutMs` and shows as a timeout, never a hung bench.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';

/** What VS Code declares for the features the bench uses (diagnostics with versions, quick fixes). */
const capabilities = {
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: {
      isPreferredSupport: true,
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
      // VS Code (vscode-languageclient) resolves an action's edit when the user picks it.
      resolveSupport: { properties: ['edit'] },
    },
  },
  workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: true } },
};

/** For the workspace bench: progress, and pull diagnostics registered at run time as VS Code takes them. */
function workspaceCapabilities(pull) {
  const textDocument = pull ? { ...capabilities.textDocument, diagnostic: { dynamicRegistration: true } } : capabilities.textDocument;
  return { ...capabilities, textDocument, window: { workDoneProgress: true } };
}

export class Timeout extends Error {}

let ticks;
/** Clock ticks per second, the unit of /proc/<pid>/stat's times. */
function clockTicks() {
  return (ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100);
}

/** Resolves `promise`, or rejects with a Timeout after `ms`. */
function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`no ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class LspSession {
  /**
   * @param server {{ command: string, args: string[], initializationOptions?: unknown, settings?: Record<string, unknown>, workspaceFolders?: string[], pull?: boolean }}
   * @param timeoutMs the bound of every wait
   */
  constructor(server, timeoutMs) {
    this.server = server;
    this.timeoutMs = timeoutMs;
    this.stderr = '';
    this.waiters = [];
    /** The latest diagnostics per URI. */
    this.diagnostics = new Map();
    this.versions = new Map();
    /** Work done progress the server started, each with when it began and ended. */
    this.progress = [];
  }

  /** Spawns the server and completes initialize; returns the ms from spawn to the initialize result. */
  async start() {
    const t0 = performance.now();
    this.child = spawn(this.server.command, this.server.args, { stdio: 'pipe', env: { ...process.env, ...this.server.env } });
    this.child.stderr.on('data', (chunk) => (this.stderr = (this.stderr + chunk).slice(-4000)));
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.once('error', (error) => (this.stderr += String(error)));
    // A server that dies makes writes fail: its waits then time out, the bench goes on.
    this.child.stdin.on('error', () => {});
    const connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection = connection;
    // Requests from the server: settings per section, registrations, progress tokens; answered as an editor would.
    connection.onRequest((method, params) => {
      if (method === 'workspace/configuration') return params.items.map((item) => this.server.settings?.[item.section] ?? null);
      if (method === 'window/workDoneProgress/create') this.watchProgress(params.token);
      return null;
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      this.diagnosticsCount = (this.diagnosticsCount ?? 0) + 1;
      const at = performance.now();
      this.waiters = this.waiters.filter((w) => !(w.uri === params.uri && w.accepts(params) && (w.resolve({ params, at }), true)));
    });
    connection.onError(() => {});
    connection.onClose(() => {});
    connection.listen();
    this.initializeResult = await within(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: this.server.workspaceFolders?.map((uri) => ({ uri, name: uri.replace(/^.*\//, '') })) ?? null,
        // Progress only where the bench waits for it, so the peer servers are asked what they always were.
        capabilities: this.server.workspaceFolders ? workspaceCapabilities(this.server.pull) : capabilities,
        initializationOptions: this.server.initializationOptions,
      }),
      this.timeoutMs,
      'initialize result',
    );
    const ms = performance.now() - t0;
    await connection.sendNotification(InitializedNotification.type, {});
    return ms;
  }

  watchProgress(token) {
    const entry = { token, begun: undefined, ended: undefined };
    this.progress.push(entry);
    entry.done = new Promise((resolve) => {
      this.connection.onProgress(WorkDoneProgress.type, token, (value) => {
        if (value.kind === 'begin') entry.begun = performance.now();
        if (value.kind === 'end') resolve((entry.ended = performance.now()));
      });
    });
  }

  /** Resolves with the time the first progress the server started has ended. */
  async progressEnded() {
    await within(
      (async () => {
        while (!this.progress.length) await new Promise((resolve) => setTimeout(resolve, 5));
      })(),
      this.timeoutMs,
      'work done progress',
    );
    return within(this.progress[0].done, this.timeoutMs, 'the end of the work done progress');
  }

  /**
   * The CPU time (user + system) the server process has used so far, in ms, read from
   * /proc/<pid>/stat; undefined where there is no /proc (the other figures still stand).
   */
  cpuMs() {
    try {
      const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      // utime and stime are the 14th and 15th fields, the 12th and 13th after the command name.
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
    } catch {
      return undefined;
    }
  }

  /** How many diagnostics notifications the server sent. */
  get publishedCount() {
    return this.diagnosticsCount ?? 0;
  }

  /**
   * The next diagnostics for `uri` that belong to `version`: servers that publish versions must
   * name it; for the others (compose-language-service, dockerfile-language-server-nodejs) the first
   * publish after the change is its own, because the bench sends one change at a time.
   */
  diagnosticsFor(uri, version) {
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    this.waiters.push({ uri, resolve, accepts: (p) => p.version === undefined || p.version === null || p.version === version });
    return within(promise, this.timeoutMs, `diagnostics for version ${version}`);
  }

  /** Opens the document; returns the ms from sending didOpen to its first diagnostics. */
  async open(uri, languageId, text) {
    this.versions.set(uri, 1);
    const published = this.diagnosticsFor(uri, 1);
    const t0 = performance.now();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    const { at } = await published;
    return at - t0;
  }

  /** Types `text` at `position` (incremental sync); returns the ms to the diagnostics of that version. */
  async type(uri, position, text) {
    const version = this.versions.get(uri) + 1;
    this.versions.set(uri, version);
    const published = this.diagnosticsFor(uri, version);
    const t0 = performance.now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: position, end: position }, rangeLength: 0, text }],
    });
    const { at } = await published;
    return at - t0;
  }

  /**
   * Types `text` at `position`, then pulls the document's diagnostics (`textDocument/diagnostic`,
   * as VS Code does after a change when the server registered pull diagnostics); returns the ms
   * from the change to the answer.
   */
  async typeAndPull(uri, position, text) {
    const version = this.versions.get(uri) + 1;
    this.versions.set(uri, version);
    const t0 = performance.now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: position, end: position }, rangeLength: 0, text }],
    });
    await within(this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }), this.timeoutMs, 'textDocument/diagnostic');
    return performance.now() - t0;
  }

  /** Hovers at `position`; returns the ms and whether the server had something to show. */
  async hover(uri, position) {
    const t0 = performance.now();
    const result = await within(this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), this.timeoutMs, 'hover');
    return { ms: performance.now() - t0, answered: !!result };
  }

  /**
   * Asks for code actions on the line of `position`, with the diagnostics the editor shows on that
   * line (as VS Code sends them); returns the ms and how many actions came back.
   */
  async codeActions(uri, position) {
    const range = { start: { line: position.line, character: 0 }, end: { line: position.line, character: position.character + 1 } };
    const diagnostics = (this.diagnostics.get(uri) ?? []).filter((d) => d.range.start.line <= position.line && d.range.end.line >= position.line);
    const t0 = performance.now();
    const result = await within(
      this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, triggerKind: 1 } }),
      this.timeoutMs,
      'code actions',
    );
    return { ms: performance.now() - t0, actions: Array.isArray(result) ? result.length : 0 };
  }

  /** The server process's peak resident set (VmHWM) in MB; its child processes are not counted. */
  peakRssMB() {
    try {
      const kB = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return kB ? Number(kB[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** Shutdown and exit, each bounded; a server still running after that is killed. */
  async stop() {
    if (!this.child) return;
    try {
      await within(this.connection.sendRequest(ShutdownRequest.type), 2000, 'shutdown');
      await this.connection.sendNotification(ExitNotification.type);
      await within(this.exited, 2000, 'exit');
    } catch {
      // A server that does not stop is no figure of the bench.
    } finally {
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
      this.connection.dispose();
    }
  }
}
