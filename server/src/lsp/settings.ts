import type { Connection } from 'vscode-languageserver';
import { normalizeSettings, type Settings } from '../core';

export const configurationSection = 'selinuxMounts';

/** The core's settings plus what only the editor needs. */
export interface ServerSettings extends Settings {
  enable: boolean;
  debounceMs: number;
  /** Show the host path's current label in hovers, on SELinux hosts and in trusted workspaces. */
  hostAware: boolean;
}

export function normalizeServerSettings(raw: unknown): ServerSettings {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const debounce = obj.debounceMs;
  return {
    ...normalizeSettings(raw),
    enable: obj.enable !== false,
    hostAware: obj.hostAware !== false,
    debounceMs: typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 ? debounce : 200,
  };
}

/**
 * Settings per document. With `workspace/configuration` they are pulled per URI and cached until the
 * next `didChangeConfiguration`; otherwise the notification itself carries one global value.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<ServerSettings>>();
  private global = normalizeServerSettings(undefined);

  constructor(
    private readonly connection: Connection,
    private readonly pull: boolean,
  ) {}

  get(uri: string): Promise<ServerSettings> {
    if (!this.pull) return Promise.resolve(this.global);
    let settings = this.cache.get(uri);
    if (!settings) this.cache.set(uri, (settings = this.fetch(uri)));
    return settings;
  }

  /** Handles `workspace/didChangeConfiguration` (whose payload is the whole settings tree, or null). */
  changed(settings: unknown): void {
    this.cache.clear();
    if (!this.pull && settings && typeof settings === 'object') {
      this.global = normalizeServerSettings((settings as Record<string, unknown>)[configurationSection]);
    }
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  private async fetch(uri: string): Promise<ServerSettings> {
    try {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: configurationSection });
      return normalizeServerSettings(raw);
    } catch (error) {
      this.connection.console.error(`selinux-mounts: reading settings failed, using defaults: ${String(error)}`);
      return normalizeServerSettings(undefined);
    }
  }
}
