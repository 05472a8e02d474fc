import {
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  FileChangeType,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type Disposable,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type FileEvent,
  type ResultProgressReporter,
  type TextDocuments,
  type WorkDoneProgressReporter,
  type WorkDoneProgressServerReporter,
  type WorkspaceDiagnosticParams,
  type WorkspaceDiagnosticReport,
  type WorkspaceDiagnosticReportPartialResult,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnosticOptions, type ClientFeatures } from './capabilities';
import { isConfigUri } from './configDiagnostics';
import { computeDiagnostics, errorText, indexDocument } from './diagnostics';
import type { HostSeverity } from './hostSeverity';
import type { SettingsStore } from './settings';
import { onNextTurn } from './nextTurn';
import type { FolderFiles, WorkspaceSource } from './workspaceSource';

/** How long one slice of the scan may hold the event loop before an edit or a hover is let through. */
const sliceMs = 8;
/** How often the scan's progress is reported: a report per slice was 6% of the scan's CPU (its writes to the client). */
const progressMs = 100;
const nextTurn = (): Promise<void> => new Promise((resolve) => onNextTurn(resolve));
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2));

interface Report {
  resultId: string;
  diagnostics: Diagnostic[];
}

interface Folder {
  uri: string;
  files: FolderFiles;
  /** Its files get diagnostics (scope `workspace`); otherwise they are read only to be compared with the open documents. */
  report: boolean;
}

/** FNV-1a of the report's JSON: the same diagnostics keep the same id, so the client hears `unchanged`. */
function reportOf(diagnostics: Diagnostic[]): Report {
  const json = JSON.stringify(diagnostics);
  let hash = 0x811c9dc5;
  for (let i = 0; i < json.length; i++) hash = Math.imul(hash ^ json.charCodeAt(i), 0x01000193);
  return { resultId: `${(hash >>> 0).toString(36)}.${json.length.toString(36)}`, diagnostics };
}

/**
 * With `selinuxMounts.diagnosticsScope: workspace`, every file of the kinds the core reads in the
 * workspace folders is checked, not only the open documents. Clients that register pull diagnostics
 * at run time get them pulled (`workspace/diagnostic`, and `textDocument/diagnostic` for the open
 * documents, registered only while the scope is `workspace` so the default stays push); clients
 * that declare pull diagnostics without run-time registration get `diagnosticProvider` in the
 * initialize result and every diagnostic pulled (closed files' are pushed until their first
 * `workspace/diagnostic`: some such clients never send one); the others get closed files'
 * diagnostics pushed. With scope `openFiles` (and `compareWorkspace` on) the same scan reads the
 * files only for what they tell the open documents (shared host folders, `-f` lists): no
 * diagnostics. The scan runs in slices that yield to the event loop, so an edit's diagnostics never
 * wait for it; open documents are never read from disk.
 */
export class WorkspaceDiagnostics {
  /** The folders read from disk, reported (scope `workspace`) or only compared; empty when only open documents are. */
  private folders: Folder[] = [];
  /** Closed files the scan analysed: their mounts and compose commands are in the comparison across files. */
  private readonly indexed = new Set<string>();
  /** Closed files the running scan checks again at its end: another file's mounts of their paths changed. */
  private readonly stale = new Set<string>();
  /** Files a change on disk had checked while the scan ran (created after its listing): its end keeps them. */
  private readonly checkedMeanwhile = new Set<string>();
  /** The client sent a `workspace/diagnostic`: closed files' reports are pulled from now on, not pushed. */
  private workspacePulled = false;
  /** Closed files' reports by URI: those with findings, and those that had some (now empty). */
  private readonly reports = new Map<string, Report>();
  /** Closed project config files' errors, for a client that pulls without run-time registration (in any scope). */
  private readonly configReports = new Map<string, Report>();
  private generation = 0;
  private scan: Promise<void> = Promise.resolve();
  private scanning = false;
  /** Told the URIs each slice of the scan reported (to stream partial results). */
  private readonly sliceListeners = new Set<(uris: string[]) => void>();
  /** Told when a report changed or the scope ended (to answer a held workspace pull). */
  private readonly changeListeners = new Set<() => void>();
  private pullRegistration: Promise<Disposable | undefined> | undefined;
  private watching = false;
  /** Changes on disk are applied one after another, and before an answer reads the reports. */
  private updates: Promise<void> = Promise.resolve();

  /** Told each version of an open document whose diagnostics were pulled. */
  onDocumentReported: (uri: string, version: number) => void = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly features: ClientFeatures,
    private folderUris: string[],
    /** Open documents' diagnostics are made again (pushed, unless the client pulls them: then `refresh` tells it). */
    private readonly reanalyseOpenDocuments: () => void,
    /** Closed files no longer read (gone from the scan, or the scan off): out of the comparison. */
    private readonly forgetFile: (uri: string) => void,
    /** An open document's pushed diagnostics are on their way: the scan waits for them. */
    private readonly publishPending: () => boolean,
    /** Where the folders' files are listed and read (the disk, or the client's file system). */
    private readonly source: WorkspaceSource,
    private readonly hostSeverity?: HostSeverity,
  ) {
    connection.languages.diagnostics.on((params) => this.documentReport(params));
    connection.languages.diagnostics.onWorkspace((params, token, workDone, partial) => this.workspaceReport(params, token, workDone, partial));
  }

  /**
   * At `initialized`. Listening to folder changes earlier (during initialize) makes the library
   * register for them at run time before it knows the capability declares them; a client that
   * refuses that request then ends the server with an unhandled rejection (seen in VS Code).
   */
  start(): void {
    if (this.features.workspaceFolderChanges) {
      this.connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        const gone = new Set(removed.map((f) => f.uri));
        this.folderUris = [...this.folderUris.filter((uri) => !gone.has(uri)), ...added.map((f) => f.uri)];
        void this.reconfigure();
      });
    }
    void this.reconfigure();
  }

  /** Open documents' diagnostics are pulled by the client, not pushed. */
  get pulling(): boolean {
    return this.features.staticPullDiagnostics || this.pullRegistration !== undefined;
  }

  /** Closed files' diagnostics are pulled (`workspace/diagnostic`), not pushed. */
  private get workspacePulling(): boolean {
    return this.pullRegistration !== undefined || (this.features.staticPullDiagnostics && this.workspacePulled);
  }

  /** Some folder's files get diagnostics (scope `workspace`). */
  private get reporting(): boolean {
    return this.folders.some((f) => f.report);
  }

  /** Reads the scope and `files.exclude` of each folder again, and checks the workspace again. */
  async reconfigure(): Promise<void> {
    const generation = ++this.generation;
    const folders: Folder[] = [];
    for (const uri of this.folderUris) {
      const settings = await this.settings.folderSettings(uri);
      const report = settings.diagnosticsScope === 'workspace';
      if (!report && !(settings.compareWorkspace && this.source.compares)) continue;
      const files = this.source.folder(uri, await this.filesExclude(uri));
      if (files) folders.push({ uri, files, report });
    }
    if (generation !== this.generation) return;
    this.folders = folders;
    if (folders.length) this.watch();
    if (this.reporting) this.activate();
    else this.deactivate();
    // A held workspace pull answers with what the scope change did.
    this.changed();
    this.rescan();
    // Settings or a project config changed: open documents are pulled again now, not after the scan.
    this.refresh();
  }

  /** Files changed on disk (the client watches them for us while the scope is `workspace`). */
  filesChanged(changes: readonly FileEvent[]): void {
    if (!this.folders.length) return;
    // What is left out, or with which settings, may have changed for any file.
    if (changes.some(({ uri }) => uri.endsWith('/.gitignore') || isConfigUri(uri))) {
      void this.reconfigure();
      return;
    }
    this.updates = this.updates.then(() => this.update([...changes, ...this.namedByWhen(changes)])).catch((error) => this.failed(error));
  }

  /** The files a created or deleted file leaves out or lets back in (`files.exclude`'s `when`): checked again too. */
  private namedByWhen(changes: readonly FileEvent[]): FileEvent[] {
    return changes.flatMap(({ uri, type }) => {
      const folder = type === FileChangeType.Changed ? undefined : this.folderOf(uri);
      return folder ? folder.files.namedByWhen(uri).map((sibling) => ({ uri: sibling, type: FileChangeType.Changed })) : [];
    });
  }

  /**
   * Closed files to check again: a file of their compose project changed, or (`mountsOnly`) another
   * project's mounts of their paths, which changes their diagnostics but not what they tell others.
   */
  recheck(uris: readonly string[], mountsOnly: boolean): void {
    const wanted = mountsOnly ? uris.filter((uri) => this.folderOf(uri)?.report) : uris;
    if (!this.folders.length || !wanted.length) return;
    this.updates = this.updates.then(() => this.update(wanted.map((uri) => ({ uri, type: FileChangeType.Changed })))).catch((error) => this.failed(error));
  }

  /**
   * Files, open or closed, to check again because another file's mounts of their paths changed:
   * while the scan runs, each file it adds would re-check every other mounting its paths (quadratic
   * over the scan, and an open document re-analysed after every slice), so it checks them once at
   * its end. True when it took them.
   */
  deferred(uris: readonly string[]): boolean {
    if (!this.scanning) return false;
    for (const uri of uris) this.stale.add(uri);
    return true;
  }

  private folderOf(uri: string): Folder | undefined {
    return this.folders.find((f) => f.files.contains(uri));
  }

  /** A closed document is read from disk again: its unsaved text's findings are gone with it. */
  documentClosed(uri: string): void {
    if (!this.folders.length) return;
    this.reports.delete(uri);
    this.updates = this.updates.then(() => this.update([{ uri, type: FileChangeType.Changed }])).catch((error) => this.failed(error));
  }

  dispose(): void {
    this.generation++;
  }

  /**
   * A closed project config file's errors (configDiagnostics.ts), for a client that pulls without
   * run-time registration: pushed, as closed files' reports are, until it pulls the workspace; then
   * in its `workspace/diagnostic` answers.
   */
  configErrors(uri: string, diagnostics: Diagnostic[]): void {
    const report = reportOf(diagnostics);
    if (this.configReports.get(uri)?.resultId === report.resultId) return;
    this.configReports.set(uri, report);
    if (!this.workspacePulled) return void this.connection.sendDiagnostics({ uri, diagnostics });
    this.changed();
    this.refresh();
  }

  /** The report of a closed file: its findings, or a config file's errors. */
  private closedReport(uri: string): Report | undefined {
    return this.reports.get(uri) ?? this.configReports.get(uri);
  }

  private reportedUris(): string[] {
    return [...this.reports.keys(), ...this.configReports.keys()];
  }

  private activate(): void {
    if (this.features.pullDiagnosticsRegistration && !this.pullRegistration) {
      // What was pushed for open documents would show twice next to what the client now pulls.
      for (const doc of this.documents.all()) void this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] });
      this.pullRegistration = this.connection.client
        .register(DocumentDiagnosticRequest.type, { documentSelector: null, ...diagnosticOptions })
        .catch((error) => void this.connection.console.error(`selinux-mounts: registering pull diagnostics failed: ${errorText(error)}`));
    }
  }

  private watch(): void {
    if (this.features.watchedFilesRegistration && !this.watching) {
      this.watching = true;
      // Every file: which ones are read is decided here (by name, .gitignore, files.exclude).
      this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] })
        .catch((error) => this.connection.console.error(`selinux-mounts: registering file watchers failed: ${errorText(error)}`));
    }
  }

  /** Back to open documents only: closed files' diagnostics go away, open ones are pushed again. */
  private deactivate(): void {
    const registration = this.pullRegistration;
    this.pullRegistration = undefined;
    if (registration) {
      void registration.then((d) => d?.dispose());
      this.reanalyseOpenDocuments();
    } else if (this.workspacePulling) {
      // The client keeps what it pulled until it pulls an empty report for it.
      for (const uri of [...this.reports.keys()]) this.record(uri, []);
      return;
    } else for (const uri of this.reports.keys()) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.reports.clear();
  }

  /** The folder's `files.exclude` setting as the editor holds it (undefined when it cannot be asked). */
  private async filesExclude(uri: string): Promise<unknown> {
    if (!this.features.pullConfiguration) return undefined;
    try {
      return await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'files.exclude' });
    } catch {
      return undefined;
    }
  }

  private rescan(): void {
    const generation = this.generation;
    const previous = this.scan;
    this.scan = previous.then(() => this.run(generation)).catch((error) => this.failed(error));
  }

  /** A bug in the scan costs the closed files their diagnostics, never the server. */
  private failed(error: unknown): void {
    this.connection.console.error(`selinux-mounts: checking the workspace failed: ${errorText(error)}`);
  }

  /** One scan, with progress; a newer scan or reconfigure cancels it. */
  private async run(generation: number): Promise<void> {
    if (generation !== this.generation) return;
    if (!this.folders.length) {
      for (const uri of this.indexed) this.forgetFile(uri);
      this.indexed.clear();
      return;
    }
    this.scanning = true;
    try {
      const progress = await this.connection.window.createWorkDoneProgress();
      progress.begin('SELinux Mounts', 0, 'Listing the workspace files', false);
      try {
        await this.checkFolders(generation, progress);
      } finally {
        progress.done();
      }
    } finally {
      this.scanning = false;
    }
  }

  /** Lists each folder's files, then checks them in slices that let the event loop turn. */
  private async checkFolders(generation: number, progress: WorkDoneProgressServerReporter): Promise<void> {
    const cancelled = (): boolean => generation !== this.generation;
    // From before the listing: a file created while the folders are listed may be missing from it.
    this.checkedMeanwhile.clear();
    const files: { folder: Folder; uri: string }[] = [];
    for (const folder of this.folders) {
      for (const uri of await folder.files.list(nextTurn, cancelled)) files.push({ folder, uri });
    }
    /** Files reported, and files only read. */
    const seen = new Set<string>();
    const found = new Set<string>();
    const jobs = [...files];
    this.stale.clear();
    let slice: string[] = [];
    let sliceStart = performance.now();
    let reported = sliceStart;
    for (let i = 0; i < jobs.length && !cancelled(); i++) {
      const { folder, uri } = jobs[i];
      (folder.report ? seen : found).add(uri);
      // Checked now, from disk: up to date (an open document is not checked here).
      if (!this.documents.get(uri)) this.stale.delete(uri);
      if (await this.check(folder, uri)) slice.push(uri);
      // At the end, the files checked before another file's mounts of their paths came: once each.
      if (i === jobs.length - 1) jobs.push(...this.staleJobs());
      if (performance.now() - sliceStart >= sliceMs) {
        this.endSlice(slice);
        slice = [];
        if (performance.now() - reported >= progressMs) {
          const done = Math.min(i + 1, files.length);
          progress.report(Math.floor((100 * done) / files.length), `${done}/${files.length} files`);
          reported = performance.now();
        }
        await nextTurn();
        // An edit that came in during the slice is published before the next one (its turn would
        // come after the slice's), and typing (the debounce) pauses the scan.
        while (this.publishPending() && !cancelled()) await pause();
        sliceStart = performance.now();
      }
    }
    if (cancelled()) return;
    // Files that had findings and are gone, excluded, ignored or only read now.
    for (const uri of this.reports.keys()) if (!seen.has(uri) && !this.checkedMeanwhile.has(uri) && this.record(uri, [])) slice.push(uri);
    for (const uri of [...this.indexed]) {
      if (seen.has(uri) || found.has(uri) || this.checkedMeanwhile.has(uri)) continue;
      this.indexed.delete(uri);
      this.forgetFile(uri);
    }
    this.endSlice(slice);
    this.refresh();
  }

  /** The closed files to check again at the end of the scan (in folders it reports); the open documents are analysed again at once. */
  private staleJobs(): { folder: Folder; uri: string }[] {
    const stale = [...this.stale];
    this.stale.clear();
    if (stale.some((uri) => this.documents.get(uri))) this.reanalyseOpenDocuments();
    return stale.flatMap((uri) => {
      const folder = this.folderOf(uri);
      return folder?.report && !this.documents.get(uri) ? [{ folder, uri }] : [];
    });
  }

  /** Asks the client to pull again (`workspace/diagnostic/refresh`). */
  refresh(): void {
    if (this.pulling && this.features.diagnosticsRefresh) this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  private endSlice(uris: string[]): void {
    for (const listener of this.sliceListeners) listener(uris);
  }

  private async update(changes: readonly FileEvent[]): Promise<void> {
    // Hundreds of files can share a folder with the one that changed: in slices, as the scan.
    let sliceStart = performance.now();
    for (const { uri, type } of changes) {
      if (performance.now() - sliceStart >= sliceMs) {
        await nextTurn();
        sliceStart = performance.now();
      }
      const folder = this.folderOf(uri);
      if (!folder || this.documents.get(uri)) continue;
      if (type === FileChangeType.Deleted) {
        // A folder deleted is one event: the files under it go with it.
        const under = (known: string) => known === uri || known.startsWith(`${uri}/`);
        for (const known of [...this.reports.keys()]) if (under(known)) this.record(known, []);
        for (const known of [...this.indexed]) if (under(known)) this.unindex(known);
      } else if (await this.source.isDirectory(uri)) {
        // A folder created or moved in is one event too: its files are found by a new scan.
        this.rescan();
      } else if (await folder.files.skipsFile(uri)) {
        this.record(uri, []);
        this.unindex(uri);
      } else {
        await this.check(folder, uri);
        if (this.scanning) this.checkedMeanwhile.add(uri);
      }
    }
  }

  private unindex(uri: string): void {
    if (this.indexed.delete(uri)) this.forgetFile(uri);
  }

  /** Checks one closed file from disk (in a folder only compared, reads it); true when its report changed. */
  private async check(folder: Folder, uri: string): Promise<boolean> {
    if (this.documents.get(uri) || isConfigUri(uri)) return false;
    const text = await this.source.read(uri);
    let diagnostics: Diagnostic[] = [];
    if (text === undefined) this.unindex(uri);
    else {
      const settings = await this.settings.forScannedFile(uri, folder.uri);
      // Opened while it was read: the editor's text wins.
      if (this.documents.get(uri)) return false;
      this.indexed.add(uri);
      try {
        const doc = TextDocument.create(uri, '', 0, text);
        if (!folder.report) {
          indexDocument(doc, settings);
          return false;
        }
        diagnostics = await computeDiagnostics(doc, settings);
      } catch (error) {
        this.connection.console.error(`selinux-mounts: analysing ${uri} failed: ${errorText(error)}`);
      }
    }
    return this.record(uri, diagnostics);
  }

  /** Keeps the file's report (pushes it when the client does not pull); true when it changed. */
  private record(uri: string, diagnostics: Diagnostic[]): boolean {
    const old = this.reports.get(uri);
    if (!old && !diagnostics.length) return false;
    const report = reportOf(diagnostics);
    if (old?.resultId === report.resultId) return false;
    this.reports.set(uri, report);
    if (!this.workspacePulling) void this.connection.sendDiagnostics({ uri, diagnostics });
    this.changed();
    return true;
  }

  private changed(): void {
    for (const listener of [...this.changeListeners]) listener();
  }

  /** Resolves at the next change of a report, the end of the scope, or the request's cancellation. */
  private nextChange(token: CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.changeListeners.delete(done);
        cancelled.dispose();
        resolve();
      };
      this.changeListeners.add(done);
      const cancelled = token.onCancellationRequested(done);
    });
  }

  /** Resolves once the latest scan and the changes on disk before it are done. */
  private async idle(): Promise<void> {
    for (;;) {
      const [scan, updates] = [this.scan, this.updates];
      await scan;
      await updates;
      if (scan === this.scan && updates === this.updates) return;
    }
  }

  private async documentReport({ textDocument: { uri }, previousResultId }: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    let report: Report;
    const doc = this.documents.get(uri);
    if (doc) {
      const settings = await this.settings.get(uri);
      try {
        const { version } = doc;
        report = reportOf(await computeDiagnostics(doc, settings, this.hostSeverity));
        this.onDocumentReported(uri, version);
      } catch (error) {
        this.connection.console.error(`selinux-mounts: analysing ${uri} failed: ${errorText(error)}`);
        report = reportOf([]);
      }
    } else {
      if (this.reporting) await this.idle();
      report = this.closedReport(uri) ?? reportOf([]);
    }
    return report.resultId === previousResultId
      ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId: report.resultId }
      : { kind: DocumentDiagnosticReportKind.Full, resultId: report.resultId, items: report.diagnostics };
  }

  /**
   * Every closed file's report, `unchanged` where the client holds the same result id. While a scan
   * runs, a client that takes partial results gets each slice's reports as they come.
   */
  private async workspaceReport(
    params: WorkspaceDiagnosticParams,
    token: CancellationToken,
    workDone: WorkDoneProgressReporter,
    partial: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult> | undefined,
  ): Promise<WorkspaceDiagnosticReport> {
    if (this.features.staticPullDiagnostics && !this.workspacePulled) {
      this.workspacePulled = true;
      // What was pushed for closed files would show twice next to what the client now pulls.
      for (const [uri, { diagnostics }] of [...this.reports, ...this.configReports]) if (diagnostics.length && !this.documents.get(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    const previous = new Map(params.previousResultIds.map(({ uri, value }) => [uri, value]));
    const sent = new Set<string>();
    const itemsOf = (uris: Iterable<string>): WorkspaceDocumentDiagnosticReport[] => {
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      for (const uri of uris) {
        const report = this.closedReport(uri);
        if (!report || sent.has(uri) || this.documents.get(uri)) continue;
        sent.add(uri);
        const { resultId, diagnostics } = report;
        items.push(
          previous.get(uri) === resultId
            ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId, version: null }
            : { kind: DocumentDiagnosticReportKind.Full, uri, resultId, items: diagnostics, version: null },
        );
      }
      return items;
    };
    if (!this.scanning || !this.reporting) {
      // A scan only for the comparison (scope openFiles) changes no report: nothing to wait for.
      if (this.reporting) await this.idle();
      let items = itemsOf(this.reportedUris());
      // Nothing new for a client that holds every report: the answer waits for a change (a long
      // poll, as LSP 3.17 allows), instead of thousands of `unchanged` items every two seconds.
      while (previous.size && items.every((r) => r.kind === DocumentDiagnosticReportKind.Unchanged) && this.reporting && !token.isCancellationRequested) {
        await this.nextChange(token);
        await this.idle();
        sent.clear();
        items = itemsOf(this.reportedUris());
      }
      return { items };
    }
    // Clients that cannot show the server's own progress see it on their request.
    if (!this.features.workDoneProgress) workDone.begin('SELinux Mounts', undefined, 'Checking the workspace files', false);
    const stream = partial && ((uris: string[]) => {
      const items = itemsOf(uris);
      if (items.length && !token.isCancellationRequested) partial.report({ items });
    });
    if (stream) this.sliceListeners.add(stream);
    try {
      await this.idle();
    } finally {
      if (stream) this.sliceListeners.delete(stream);
      workDone.done();
    }
    const items = itemsOf(this.reportedUris());
    if (!stream) return { items };
    // With partial results the whole result goes through them; the response is empty (LSP 3.17).
    if (items.length) partial.report({ items });
    return { items: [] };
  }
}
