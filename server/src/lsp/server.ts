import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type TextDocumentPositionParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { serverCapabilities, type ClientFeatures } from './capabilities';
import { codeActions, fixAllUri, resolveFixAll } from './codeActions';
import { ConfigDiagnostics, isConfigUri } from './configDiagnostics';
import { completion } from './completion';
import { DiagnosticsPublisher, errorText } from './diagnostics';
import type { HostLabels } from './hostLabels';
import { HostSeverity } from './hostSeverity';
import { hostLabelAt, hover, type HostLabelAnswer } from './hover';
import { IdlePreparation } from './idlePreparation';
import { LspComposeProjects, projectFileGlobs } from './composeProject';
import { analyzeOptions, useComposeProjects } from './convert';
import type { ServerHost } from './serverHost';
import { SettingsStore, configurationSection } from './settings';
import { WorkspaceDiagnostics } from './workspaceDiagnostics';

export const hostLabelRequest = 'selinuxMounts/hostLabel';

/** One per connection, created at initialize: wires the LSP features to the analysis core. */
export class SelinuxMountsServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly settings: SettingsStore;
  private readonly diagnostics: DiagnosticsPublisher;
  /** Host labels are read only in trusted workspaces (reference §10; issue: never for untrusted code). */
  private readonly hostLabels: HostLabels | undefined;
  /** Why no host labels are read whatever the settings say (no host in the browser, an untrusted workspace). */
  private readonly hostLabelsOff: string | undefined;
  /** Diagnostics of the workspace folders' files (selinuxMounts.diagnosticsScope), where the host can list them. */
  private readonly workspace: WorkspaceDiagnostics | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly features: ClientFeatures,
    host: ServerHost,
    workspaceFolders: string[] = [],
  ) {
    // A client that pulls without run-time registration pulls a closed config file's errors with the workspace's reports.
    const publishConfig = (uri: string, diagnostics: Diagnostic[]) =>
      this.workspace && features.staticPullDiagnostics ? this.workspace.configErrors(uri, diagnostics) : void connection.sendDiagnostics({ uri, diagnostics });
    const configDiagnostics = new ConfigDiagnostics(publishConfig, (uri) => this.documents.get(uri) !== undefined, host.configs);
    this.settings = new SettingsStore(connection, features.pullConfiguration, host.configs, (config) => configDiagnostics.show(config));
    this.hostLabels = features.trustedWorkspace ? host.hostLabels?.() : undefined;
    this.hostLabelsOff = !host.hostLabels ? 'no host to read them from in the browser' : !features.trustedWorkspace ? 'untrusted workspace' : undefined;
    const hostSeverity = this.hostLabels && new HostSeverity(this.hostLabels);
    // A compose file is checked with its project; a change to one of its files re-checks the open ones that read it.
    const projects = new LspComposeProjects(this.documents, host.projectDisk);
    useComposeProjects((doc) => projects.viewFor(doc), (doc, file) => projects.analysed(doc, file), (doc) => projects.workspaceFor(doc));
    const reanalyseOpenDocuments = () => this.documents.all().forEach((doc) => void this.diagnostics.schedule(doc.uri));
    const forgetFile = (uri: string) => projects.forget(uri);
    const source = host.workspaceSource?.(connection);
    this.workspace = source && new WorkspaceDiagnostics(connection, this.documents, this.settings, features, workspaceFolders, reanalyseOpenDocuments, forgetFile, () => this.diagnostics.pending, source, hostSeverity);
    const preparation = new IdlePreparation(this.documents, (error) => connection.console.error(`selinux-mounts: preparing the next edit failed: ${errorText(error)}`));
    this.diagnostics = new DiagnosticsPublisher(connection, this.documents, this.settings, hostSeverity, () => this.workspace?.pulling ?? false, (uri, version) => preparation.analysed(uri, version));
    if (this.workspace) this.workspace.onDocumentReported = (uri, version) => preparation.analysed(uri, version);

    // Pulled diagnostics are re-read by the client when told to; pushed ones are published again.
    // Closed files are checked again by the workspace scan (read again, with `mountsOnly` only where it reports them).
    const recheck = (uris: string[], mountsOnly = false) => {
      if (mountsOnly && this.workspace?.deferred(uris)) return;
      const open = uris.filter((uri) => this.documents.get(uri));
      this.workspace?.recheck(uris.filter((uri) => !this.documents.get(uri)), mountsOnly);
      if (this.workspace?.pulling) {
        if (open.length) this.workspace.refresh();
      } else open.forEach((uri) => void this.diagnostics.schedule(uri));
    };
    projects.onSharedChange = recheck;

    // Fires on open too.
    this.documents.onDidChangeContent(({ document }) => {
      preparation.stop(document.uri);
      void this.diagnostics.schedule(document.uri);
      recheck(projects.dependents(document.uri));
    });
    this.documents.onDidClose(({ document }) => {
      preparation.stop(document.uri);
      this.settings.forget(document.uri);
      this.diagnostics.clear(document.uri);
      recheck(projects.closed(document.uri));
      this.workspace?.documentClosed(document.uri);
    });
    connection.onInitialized(() => {
      this.registerForConfiguration();
      this.workspace?.start();
    });
    connection.onDidChangeConfiguration(({ settings }) => {
      this.settings.changed(settings);
      for (const doc of this.documents.all()) void this.diagnostics.schedule(doc.uri);
      void this.workspace?.reconfigure();
    });
    // A project config, compose or .env file was saved, created or deleted: the open documents are
    // checked again (all of them for a project config, those whose compose project read it otherwise).
    // With the workspace scope every file is watched: the closed ones are checked again.
    connection.onDidChangeWatchedFiles(({ changes }) => {
      recheck(projects.changed(changes.map((c) => c.uri)));
      const configs = changes.filter(({ uri }) => isConfigUri(uri));
      if (configs.length) {
        this.settings.configChanged();
        for (const { uri } of configs) configDiagnostics.reload(uri);
        for (const doc of this.documents.all()) void this.diagnostics.schedule(doc.uri);
      }
      this.workspace?.filesChanged(changes);
    });
    // The document is read after settings arrive, so the edits match the latest text.
    connection.onCodeAction(async (params) => {
      preparation.postpone(params.textDocument.uri);
      const settings = await this.settings.get(params.textDocument.uri);
      const doc = this.documents.get(params.textDocument.uri);
      if (!doc) return [];
      return this.guard('code actions', () => codeActions(doc, params, settings, features.codeActionResolve), []);
    });
    connection.onCodeActionResolve(async (action) => {
      const uri = fixAllUri(action);
      if (!uri) return action;
      preparation.postpone(uri);
      const settings = await this.settings.get(uri);
      return this.guard('fix-all', () => resolveFixAll(action, this.documents.get(uri), settings), action);
    });
    connection.onHover(async ({ textDocument, position }) => {
      preparation.postpone(textDocument.uri);
      const settings = await this.settings.get(textDocument.uri);
      const doc = this.documents.get(textDocument.uri);
      if (!doc) return null;
      try {
        return await hover(doc, position, settings, features.markdownHover, this.hostLabels);
      } catch (error) {
        this.connection.console.error(`selinux-mounts: hover failed: ${errorText(error)}`);
        return null;
      }
    });
    connection.onCompletion(async ({ textDocument, position }) => {
      preparation.postpone(textDocument.uri);
      const settings = await this.settings.get(textDocument.uri);
      const doc = this.documents.get(textDocument.uri);
      if (!doc) return [];
      return this.guard('completion', () => completion(doc, position, settings, features.markdownCompletion), []);
    });
    // The "Show Host Label" command: the label of the mount under the cursor, or why there is none.
    connection.onRequest(hostLabelRequest, async ({ textDocument, position }: TextDocumentPositionParams): Promise<HostLabelAnswer> => {
      preparation.postpone(textDocument.uri);
      const settings = await this.settings.get(textDocument.uri);
      const doc = this.documents.get(textDocument.uri);
      if (!doc) return { reason: 'the document is not open' };
      if (!this.hostLabels || !settings.hostAware) return { reason: `host labels are off (${this.hostLabelsOff ?? 'selinuxMounts.hostAware'})` };
      return hostLabelAt(doc, doc.offsetAt(position), analyzeOptions(doc, settings), this.hostLabels);
    });
    connection.onShutdown(() => {
      preparation.dispose();
      this.diagnostics.dispose();
      this.workspace?.dispose();
    });
    this.documents.listen(connection);
  }

  initializeResult(): InitializeResult {
    return { capabilities: serverCapabilities(this.features, this.workspace !== undefined), serverInfo: { name: 'selinux-mounts' } };
  }

  private registerForConfiguration(): void {
    const failed = (error: unknown) => this.connection.console.error(`selinux-mounts: registration failed: ${errorText(error)}`);
    if (this.features.dynamicConfigurationRegistration) {
      this.connection.client.register(DidChangeConfigurationNotification.type, { section: configurationSection }).catch(failed);
    }
    if (this.features.watchedFilesRegistration) {
      const watchers = ['**/.selinux-mounts.{yaml,yml,json}', ...projectFileGlobs].map((globPattern) => ({ globPattern }));
      this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(failed);
    }
  }

  /** A bug in the core answers one request with nothing; it never takes the server down. */
  private guard<T>(what: string, run: () => T, fallback: T): T {
    try {
      return run();
    } catch (error) {
      this.connection.console.error(`selinux-mounts: ${what} failed: ${errorText(error)}`);
      return fallback;
    }
  }
}
