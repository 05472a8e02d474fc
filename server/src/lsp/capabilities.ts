import {
  CodeActionKind,
  MarkupKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { fixAllKind } from './codeActions';
import { completionTriggers } from './completion';

/** What the client can do, decided once at initialize and handed to the features as plain booleans. */
export interface ClientFeatures {
  markdownHover: boolean;
  markdownCompletion: boolean;
  /** The client takes CodeAction literals (with edits); without it we offer no code actions. */
  codeActionLiterals: boolean;
  /** The client asks for an action's edit when it is chosen (`codeAction/resolve`). */
  codeActionResolve: boolean;
  /** Settings are pulled per document through `workspace/configuration`. */
  pullConfiguration: boolean;
  dynamicConfigurationRegistration: boolean;
  /** The client watches files for us when asked at run time (`workspace/didChangeWatchedFiles`). */
  watchedFilesRegistration: boolean;
  /** The workspace is trusted (the VS Code client says so; other clients are taken as trusted). */
  trustedWorkspace: boolean;
  /** Pull diagnostics (`textDocument/diagnostic`, `workspace/diagnostic`) can be registered at run time. */
  pullDiagnosticsRegistration: boolean;
  /** The client pulls diagnostics but takes no run-time registration: the initialize result declares them (LSP 3.17). */
  staticPullDiagnostics: boolean;
  /** `workspace/diagnostic/refresh` makes the client pull again. */
  diagnosticsRefresh: boolean;
  /** The server may start progress of its own (`window/workDoneProgress/create`). */
  workDoneProgress: boolean;
  /** The client tells of workspace folders added and removed. */
  workspaceFolderChanges: boolean;
}

export function clientFeatures(caps: ClientCapabilities, initializationOptions?: unknown): ClientFeatures {
  const init = (initializationOptions ?? {}) as { trustedWorkspace?: unknown };
  return {
    trustedWorkspace: init.trustedWorkspace !== false,
    markdownHover: caps.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) ?? false,
    markdownCompletion: caps.textDocument?.completion?.completionItem?.documentationFormat?.includes(MarkupKind.Markdown) ?? false,
    codeActionLiterals: caps.textDocument?.codeAction?.codeActionLiteralSupport !== undefined,
    codeActionResolve: caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
    pullConfiguration: caps.workspace?.configuration === true,
    dynamicConfigurationRegistration: caps.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesRegistration: caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    pullDiagnosticsRegistration: caps.textDocument?.diagnostic?.dynamicRegistration === true,
    staticPullDiagnostics: caps.textDocument?.diagnostic !== undefined && caps.textDocument.diagnostic.dynamicRegistration !== true,
    diagnosticsRefresh: caps.workspace?.diagnostics?.refreshSupport === true,
    workDoneProgress: caps.window?.workDoneProgress === true,
    workspaceFolderChanges: caps.workspace?.workspaceFolders === true,
  };
}

/** The options of pull diagnostics: one diagnostics source, reporting the closed files too. */
export const diagnosticOptions = { identifier: 'selinux-mounts', interFileDependencies: false, workspaceDiagnostics: true };

/** @param servesPull the server answers pull diagnostics (it has a workspace source: the disk, or the browser client). */
export function serverCapabilities(features: ClientFeatures, servesPull: boolean): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    completionProvider: { triggerCharacters: completionTriggers },
    // CodeActionOptions may only be sent to clients that take literals (LSP spec).
    ...(features.codeActionLiterals && {
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, fixAllKind], ...(features.codeActionResolve && { resolveProvider: true }) },
    }),
    ...(features.staticPullDiagnostics && servesPull && { diagnosticProvider: diagnosticOptions }),
    ...(features.workspaceFolderChanges && { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } }),
  };
}
