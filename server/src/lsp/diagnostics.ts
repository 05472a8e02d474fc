import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, parseFile, projectFile, type AnalyzeOptions } from '../core';
import { configTextDiagnostics, isConfigUri } from './configDiagnostics';
import { analysedForDiagnostics, analyzeOptions, toDiagnostics } from './convert';
import type { HostSeverity } from './hostSeverity';
import { onNextTurn } from './nextTurn';
import type { ServerSettings, SettingsStore } from './settings';

/** The options each document's diagnostics were last computed with: its next edit is prepared for them. */
const analysedWith = new WeakMap<TextDocument, AnalyzeOptions>();

/** Findings as diagnostics; files of no kind the core reads get none, and syntax errors are never reported. */
export async function computeDiagnostics(doc: TextDocument, settings: ServerSettings, hostSeverity?: HostSeverity): Promise<Diagnostic[]> {
  if (isConfigUri(doc.uri)) return configTextDiagnostics(doc);
  if (!settings.enable || settings.ignored) {
    analysedWith.delete(doc);
    analysedForDiagnostics(doc, undefined);
    return [];
  }
  const options = analyzeOptions(doc, settings);
  analysedWith.set(doc, options);
  const { findings, file } = analyze(doc.getText(), options);
  analysedForDiagnostics(doc, file);
  const adjusted = hostSeverity && settings.hostAware ? await hostSeverity.adjust(doc, findings) : findings;
  return toDiagnostics(doc, adjusted);
}

/**
 * Does a step (about `count` runs) of the work of the document's next edit ahead of it, for the
 * text and options of its last diagnostics; false once there is nothing left to do.
 */
export function prepareNextEdit(doc: TextDocument, count: number): boolean {
  const options = analysedWith.get(doc);
  return !!options?.cache?.prepare(doc.getText(), options, count);
}

/**
 * Reads a closed file only for what it tells the other files (its mounts, its compose commands'
 * `-f` lists): the comparison reads the model (with its compose project applied), not findings, so
 * the file is parsed and no rule runs.
 */
export function indexDocument(doc: TextDocument, settings: ServerSettings): void {
  if (isConfigUri(doc.uri)) return;
  if (!settings.enable || settings.ignored) return analysedForDiagnostics(doc, undefined);
  // The options build the document's project or workspace view, which the comparison reads back.
  const options = { ...analyzeOptions(doc, settings), cache: undefined };
  const parsed = parseFile(doc.getText(), options);
  analysedForDiagnostics(doc, parsed?.kind === 'compose' && options.project ? projectFile(parsed, options.project) : parsed);
}

/** Pushes diagnostics per document, debounced by the document's `debounceMs`. */
export class DiagnosticsPublisher {
  /** The pending publish of each document: a way to cancel it. */
  private readonly timers = new Map<string, () => void>();
  /** The latest request per document; an older one still waiting for its settings is dropped. */
  private readonly tickets = new Map<string, number>();
  private nextTicket = 0;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly hostSeverity?: HostSeverity,
    /** The client pulls open documents' diagnostics (workspaceDiagnostics.ts): nothing to push. */
    private readonly pulled: () => boolean = () => false,
    /** Told each version whose diagnostics were pushed. */
    private readonly published: (uri: string, version: number) => void = () => {},
  ) {}

  async schedule(uri: string): Promise<void> {
    if (this.pulled()) return;
    const ticket = ++this.nextTicket;
    this.tickets.set(uri, ticket);
    this.timers.get(uri)?.();
    const settings = await this.settings.get(uri);
    if (this.tickets.get(uri) !== ticket) return;
    const run = () => {
      this.timers.delete(uri);
      this.tickets.delete(uri);
      void this.publish(uri, settings);
    };
    if (settings.debounceMs > 0) {
      const timer = setTimeout(run, settings.debounceMs);
      this.timers.set(uri, () => clearTimeout(timer));
    } else this.timers.set(uri, onNextTurn(run));
  }

  /** A document's diagnostics are waiting for their debounce, settings or turn (the workspace scan lets them go first). */
  get pending(): boolean {
    return this.tickets.size > 0;
  }

  /** Cancels pending work and clears what the editor shows for a closed document. */
  clear(uri: string): void {
    this.cancel(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
  }

  private cancel(uri: string): void {
    this.timers.get(uri)?.();
    this.timers.delete(uri);
    this.tickets.delete(uri);
  }

  private async publish(uri: string, settings: ServerSettings): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    let diagnostics: Diagnostic[] = [];
    try {
      diagnostics = await computeDiagnostics(doc, settings, this.hostSeverity);
    } catch (error) {
      // A bug in a parser or rule must cost this document its diagnostics, never the server.
      this.connection.console.error(`selinux-mounts: analysing ${uri} failed: ${errorText(error)}`);
    }
    // A newer edit arrived while host labels were read: its own publish follows.
    if (this.documents.get(uri)?.version !== doc.version) return;
    // The client pulls since this was scheduled (the scope became `workspace`): a push now would show twice.
    if (this.pulled()) return;
    void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    this.published(uri, doc.version);
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
