import type { Relabel } from './model';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type PreferredRelabel = 'auto' | Relabel;
/** Who builds Dockerfiles: auto (a Containerfile means podman, a Dockerfile either), podman, docker. */
export type BuildEngine = 'auto' | 'podman' | 'docker';

export interface Settings {
  /** Severity overrides by rule id; `off` removes the rule's findings. */
  rules: Record<string, SeveritySetting>;
  preferredRelabel: PreferredRelabel;
  buildEngine: BuildEngine;
}

export const defaultSettings: Settings = { rules: {}, preferredRelabel: 'auto', buildEngine: 'auto' };

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
  return { rules, preferredRelabel, buildEngine };
}
