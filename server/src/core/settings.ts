import type { Relabel } from './model';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type PreferredRelabel = 'auto' | Relabel;

export interface Settings {
  /** Severity overrides by rule id; `off` removes the rule's findings. */
  rules: Record<string, SeveritySetting>;
  preferredRelabel: PreferredRelabel;
}

export const defaultSettings: Settings = { rules: {}, preferredRelabel: 'auto' };

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
  return { rules, preferredRelabel };
}
