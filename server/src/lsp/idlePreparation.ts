import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { prepareNextEdit } from './diagnostics';
import { onNextTurn } from './nextTurn';

/**
 * How long a document must see no change or request before its next edit's work is prepared:
 * twice the default debounce, so typing (keys come well under that apart) never meets it, while
 * a user who opens a file and reads it before typing has it done by the first keystroke.
 */
export const idleMs = 400;

/** Runs placed per step (their services or statements): a few milliseconds, the most a message waits. */
const stepSize = 32;

/**
 * The first edit after a document is opened places what the open's whole reading built and moves
 * its kept findings: several times what a later edit costs (docs/performance.md). Once the
 * document's diagnostics are out and it has been idle for `idleMs`, that work is done ahead, one
 * step per turn of the event loop: a message that arrives meanwhile is handled before the next
 * step, a change stops it and a request starts the idle wait again. Results are the same with or
 * without it (AnalysisCache.prepare).
 */
export class IdlePreparation {
  /** Per document: the version analysed, and a way to cancel what is waiting or under way. */
  private readonly pending = new Map<string, { version: number; cancel: () => void }>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** The document's diagnostics for `version` are out: its next edit is prepared once it has been idle. */
  analysed(uri: string, version: number): void {
    // Diagnostics of a version already changed again: that change's own follow.
    if (this.documents.get(uri)?.version !== version) return;
    this.stop(uri);
    const timer = setTimeout(() => this.step(uri, version), idleMs);
    this.pending.set(uri, { version, cancel: () => clearTimeout(timer) });
  }

  /** A request for the document: the preparation waits for idleness again. */
  postpone(uri: string): void {
    const pending = this.pending.get(uri);
    if (pending) this.analysed(uri, pending.version);
  }

  /** The document changed or closed: what was prepared for its last version is not needed. */
  stop(uri: string): void {
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.pending.keys()]) this.stop(uri);
  }

  private step(uri: string, version: number): void {
    const doc = this.documents.get(uri);
    let more = false;
    try {
      more = doc?.version === version && prepareNextEdit(doc, stepSize);
    } catch (error) {
      // Only work ahead: a bug in it is reported, and never takes the server down.
      this.failed(error);
    }
    if (more) this.pending.set(uri, { version, cancel: onNextTurn(() => this.step(uri, version)) });
    else this.pending.delete(uri);
  }
}
