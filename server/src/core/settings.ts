import type { Relabel } from './model';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type PreferredRelabel = 'auto' | Relabel;
/** Who builds Dockerfiles: auto (a Containerfile means podman, a Dockerfile either), podman, docker. */
export type BuildEngine = 'auto' | 'podman' | 'docker';
/** What runs dev containers: docker (the Dev Containers default) or podman (`dev.containers.dockerPath`). */
export type DevcontainerEngine = 'docker' | 'podman';
/** What runs compose files and scripts whose text does not say (`$ENGINE run`): auto (either), docker or podman. */
export type EngineSetting = 'auto' | 'docker' | 'podman';

export interface Settings {
  /** Severity overrides by rule id; `off` removes the rule's findings. */
  rules: Record<string, SeveritySetting>;
  preferredRelabel: PreferredRelabel;
  buildEngine: BuildEngine;
  devcontainerEngine: DevcontainerEngine;
  engine: EngineSetting;
  /**
   * Extra host paths never to relabel, as the checked file writes them: absolute, `~/...`, or relative
   * to the file's folder (the host turns a project config's paths into these).
   */
  sensitivePaths: string[];
  /** Host paths shared with containers of other files: `:z` is preferred for them. Written as `sensitivePaths`. */
  sharedPaths: string[];
}

export const defaultSettings: Settings = {
  rules: {},
  preferredRelabel: 'auto',
  buildEngine: 'auto',
  devcontainerEngine: 'docker',
  engine: 'auto',
  sensitivePaths: [],
  sharedPaths: [],
};

const severities = new Set(['off', 'error', 'warning', 'info']);

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : undefined;
}

/** The valid settings present in untrusted input (a client's configuration, CLI flags); absent or invalid ones are left out. */
export function partialSettings(raw: unknown): Partial<Settings> {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: Partial<Settings> = {};
  if (obj.rules && typeof obj.rules === 'object') {
    const rules: Record<string, SeveritySetting> = {};
    for (const [id, value] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (typeof value === 'string' && severities.has(value)) rules[id] = value as SeveritySetting;
    }
    out.rules = rules;
  }
  const set = <K extends keyof Settings>(key: K, value: Settings[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('preferredRelabel', oneOf(obj.preferredRelabel, ['auto', 'z', 'Z'] as const));
  set('buildEngine', oneOf(obj.buildEngine, ['auto', 'podman', 'docker'] as const));
  set('devcontainerEngine', oneOf(obj.devcontainerEngine, ['docker', 'podman'] as const));
  set('engine', oneOf(obj.engine, ['auto', 'docker', 'podman'] as const));
  set('sensitivePaths', strings(obj.sensitivePaths));
  set('sharedPaths', strings(obj.sharedPaths));
  return out;
}

/** Reads settings from untrusted input, filling in the defaults. */
export function normalizeSettings(raw: unknown): Settings {
  return mergeSettings(defaultSettings, partialSettings(raw));
}

/** Later layers win key by key; rule severities merge rule by rule. */
export function mergeSettings(base: Settings, ...layers: Partial<Settings>[]): Settings {
  let out = base;
  for (const layer of layers) out = { ...out, ...layer, rules: { ...out.rules, ...layer.rules } };
  return out;
}
