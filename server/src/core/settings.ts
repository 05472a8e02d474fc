import type { Relabel } from './model';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type PreferredRelabel = 'auto' | Relabel;
/** Who builds Dockerfiles: auto (a Containerfile means podman, a Dockerfile either), podman, docker. */
export type BuildEngine = 'auto' | 'podman' | 'docker';
/** What runs dev containers: docker (the Dev Containers default) or podman (`dev.containers.dockerPath`). */
export type DevcontainerEngine = 'docker' | 'podman';

export interface Settings {
  /** Severity overrides by rule id; `off` removes the rule's findings. */
  rules: Record<string, SeveritySetting>;
  preferredRelabel: PreferredRelabel;
  buildEngine: BuildEngine;
  devcontainerEngine: DevcontainerEngine;
}

export const defaultSettings: Settings = { rules: {}, preferredRelabel: 'auto', buildEngine: 'auto', devcontainerEngine: 'docker' };

const severities = new Set(['off', 'error', 'warning', 'info']);

/** Reads settings from untrusted input (a client's configuration, CLI flags), dropping what is invalid. */
export function normalizeSettings(raw: unknown): Settings {
  const obj = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, SeveritySetting> = {};
  if (obj.rules && typeof obj.rules === 'object') {
    for (const [id, value] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (typeof value === 'string' && severities.has(value)) rules[id] = value as SeveritySetting;
    }
  }
  const pref = obj.preferredRelabel;
  const preferredRelabel: PreferredRelabel = pref === 'z' || pref === 'Z' ? pref : 'auto';
  const engine = obj.buildEngine;
  const buildEngine: BuildEngine = engine === 'podman' || engine === 'docker' ? engine : 'auto';
  const devcontainerEngine: DevcontainerEngine = obj.devcontainerEngine === 'podman' ? 'podman' : 'docker';
  return { rules, preferredRelabel, buildEngine, devcontainerEngine };
}
