import type { Connection } from 'vscode-languageserver';
import { defaultSettings, mergeSettings, partialSettings, type Settings } from '../core';
import type { DocumentConfig, DocumentConfigs } from '../host/projectConfig';

export const configurationSection = 'selinuxMounts';

/** Which files get diagnostics: the open documents, or every file of the workspace folders. */
export type DiagnosticsScope = 'openFiles' | 'workspace';

/** The core's settings plus what only the editor needs. */
export interface ServerSettings extends Settings {
  enable: boolean;
  debounceMs: number;
  /** Show the host path's current label in hovers, on SELinux hosts and in trusted workspaces. */
  hostAware: boolean;
  /** The project config's `ignore` covers this document: no diagnostics. */
  ignored?: boolean;
  /** Unset means `openFiles`. */
  diagnosticsScope?: DiagnosticsScope;
  /** With scope `openFiles`, the open documents are compared with the workspace's files on disk (read in the background). */
  compareWorkspace?: boolean;
}

/**
 * The editor's settings over the project config's over the defaults. `raw` holds what the user
 * set in the editor: the VS Code client sends only explicitly set values (client/src/extension.ts);
 * other editors send what their user configured.
 */
export function normalizeServerSettings(raw: unknown, config: Partial<Settings> = {}, ignored = false): ServerSettings {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const debounce = obj.debounceMs;
  return {
    ...mergeSettings(defaultSettings, config, partialSettings(raw)),
    enable: obj.enable !== false,
    hostAware: obj.hostAware !== false,
    debounceMs: typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 ? debounce : 200,
    ignored,
    diagnosticsScope: obj.diagnosticsScope === 'workspace' ? 'workspace' : 'openFiles',
    compareWorkspace: obj.compareWorkspace !== false,
  };
}

/**
 * Settings per document. With `workspace/configuration` they are pulled per URI and cached until the
 * next `didChangeConfiguration` or project config change; otherwise the notification itself carries
 * one global value. The project config (`.selinux-mounts.yaml`) above the document lies beneath them,
 * where the host can read it (`configs`: not in the browser).
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<ServerSettings>>();
  /** The editor's settings per workspace folder, for the files the workspace scan reads. */
  private readonly folderCache = new Map<string, Promise<unknown>>();
  private global: unknown = undefined;

  constructor(
    private readonly connection: Connection,
    private readonly pull: boolean,
    private readonly configs: DocumentConfigs | undefined,
    /** Told of every project config a document's settings were read from (to show its errors). */
    private readonly onConfig: (config: DocumentConfig) => void = () => undefined,
  ) {}

  get(uri: string): Promise<ServerSettings> {
    let settings = this.cache.get(uri);
    if (!settings) this.cache.set(uri, (settings = this.fetch(uri)));
    return settings;
  }

  /** Handles `workspace/didChangeConfiguration` (whose payload is the whole settings tree, or null). */
  changed(settings: unknown): void {
    this.cache.clear();
    this.folderCache.clear();
    if (!this.pull && settings && typeof settings === 'object') this.global = (settings as Record<string, unknown>)[configurationSection];
  }

  /** A project config file changed on disk: read them again. */
  configChanged(): void {
    this.configs?.clear();
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /**
   * Settings of a file the workspace scan reads from disk: its folder's editor settings (asked once
   * per folder, not once per file of thousands) over the file's project config. Not cached: the
   * scan asks once per file.
   */
  async forScannedFile(uri: string, folderUri: string): Promise<ServerSettings> {
    const { config, ignored } = this.projectLayer(uri);
    return normalizeServerSettings(await this.folderRaw(folderUri), config, ignored);
  }

  /** The editor's settings of a workspace folder (its diagnostics scope), without a project config. */
  async folderSettings(folderUri: string): Promise<ServerSettings> {
    return normalizeServerSettings(await this.folderRaw(folderUri));
  }

  private folderRaw(folderUri: string): Promise<unknown> {
    let raw = this.folderCache.get(folderUri);
    if (!raw) this.folderCache.set(folderUri, (raw = this.editorSettings(folderUri)));
    return raw;
  }

  private async fetch(uri: string): Promise<ServerSettings> {
    const { config, ignored } = this.projectLayer(uri);
    return normalizeServerSettings(await this.editorSettings(uri), config, ignored);
  }

  /** What the editor holds for `scopeUri`: pulled, or the last notification's value. */
  private async editorSettings(scopeUri: string): Promise<unknown> {
    if (!this.pull) return this.global;
    try {
      return await this.connection.workspace.getConfiguration({ scopeUri, section: configurationSection });
    } catch (error) {
      this.connection.console.error(`selinux-mounts: reading settings failed, using defaults: ${String(error)}`);
      return undefined;
    }
  }

  /** The project config's settings for the file, and whether its `ignore` covers it. */
  private projectLayer(uri: string): { config: Partial<Settings>; ignored: boolean } {
    let found: DocumentConfig | undefined;
    try {
      found = this.configs?.forDocument(uri);
    } catch (error) {
      this.connection.console.error(`selinux-mounts: reading the project config failed: ${String(error)}`);
    }
    if (found) this.onConfig(found);
    return { config: found?.settings ?? {}, ignored: found?.ignored ?? false };
  }
}
