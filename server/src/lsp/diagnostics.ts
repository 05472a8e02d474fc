import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../core';
import { analyzeOptions, toDiagnostic } from './convert';
import type { ServerSettings, SettingsStore } from './settings';

/** Findings as diagnostics; files that are not compose (no parser) get none, and YAML syntax errors are never reported. */
export function computeDiagnostics(doc: TextDocument, settings: ServerSettings): Diagnostic[] {
  if (!settings.enable) return [];
  return analyze(doc.getText(), analyzeOptions(doc, settings)).findings.map((f) => toDiagnostic(doc, f));
}

/** Pushes diagnostics per document, debounced by the document's `debounceMs`. */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The latest request per document; an older one still waiting for its settings is dropped. */
  private readonly tickets = new Map<string, number>();
  private nextTicket = 0;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
  ) {}

  async schedule(uri: string): Promise<void> {
    const ticket = ++this.nextTicket;
    this.tickets.set(uri, ticket);
    clearTimeout(this.timers.get(uri));
    const settings = await this.settings.get(uri);
    if (this.tickets.get(uri) !== ticket) return;
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.tickets.delete(uri);
        this.publish(uri, settings);
      }, settings.debounceMs),
    );
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
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.tickets.delete(uri);
  }

  private publish(uri: string, settings: ServerSettings): void {
    const doc = this.documents.get(uri);
    if (!doc) return;
    let diagnostics: Diagnostic[] = [];
    try {
      diagnostics = computeDiagnostics(doc, settings);
    } catch (error) {
      // A bug in a parser or rule must cost this document its diagnostics, never the server.
      this.connection.console.error(`selinux-mounts: analysing ${uri} failed: ${errorText(error)}`);
    }
    void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
