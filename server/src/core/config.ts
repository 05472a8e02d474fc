import { isMap, isScalar, isSeq, parseYaml, type Node } from './parsers/yaml';
import { rules } from './rules';
import type { BuildEngine, DevcontainerEngine, EngineSetting, PreferredRelabel, SeveritySetting } from './settings';

/** The names the project config file may have, the first found wins in a folder. */
export const configFileNames = ['.selinux-mounts.yaml', '.selinux-mounts.yml', '.selinux-mounts.json'] as const;

/** A project's `.selinux-mounts.yaml`: decisions for the whole repository, read by the CLI and the server. */
export interface ProjectConfig {
  rules?: Record<string, SeveritySetting>;
  /** Globs of files not checked, relative to the config file's folder. */
  ignore?: string[];
  preferredRelabel?: PreferredRelabel;
  engine?: EngineSetting;
  buildEngine?: BuildEngine;
  devcontainerEngine?: DevcontainerEngine;
  /** Host paths treated as sensitive (never relabelled); absolute, `~/`, or relative to the config file. */
  sensitivePaths?: string[];
  /** Host paths several containers share, so `:z` is preferred for them. */
  sharedPaths?: string[];
}

export interface ConfigError {
  message: string;
  /** UTF-16 offsets into the config text. */
  span: { start: number; end: number };
}

const severityWords = ['off', 'info', 'warning', 'error'];
const enums: Record<string, readonly string[]> = {
  preferredRelabel: ['auto', 'z', 'Z'],
  engine: ['auto', 'docker', 'podman'],
  buildEngine: ['auto', 'podman', 'docker'],
  devcontainerEngine: ['docker', 'podman'],
};
const pathLists = ['ignore', 'sensitivePaths', 'sharedPaths'];
/** Every key the file may hold (kept in step with schemas/selinux-mounts.schema.json by a test). */
export const configKeys = ['rules', ...Object.keys(enums), ...pathLists];

function spanOf(node: Node | null | undefined, fallback: { start: number; end: number }): { start: number; end: number } {
  const r = node?.range;
  return r ? { start: r[0], end: Math.max(r[1], r[0] + 1) } : fallback;
}

/**
 * Reads a config file's text (YAML, of which JSON is a subset). Every problem is reported with its
 * place; the parts that are valid are kept, so one typo does not discard the rest.
 */
export function parseProjectConfig(text: string): { config: ProjectConfig; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const config: ProjectConfig = {};
  const whole = { start: 0, end: Math.max(1, Math.min(text.length, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'))) };
  const doc = parseYaml(text);
  if (!doc) return { config, errors: [{ message: 'not valid YAML/JSON: nested too deeply to read', span: whole }] };
  for (const e of doc.errors) errors.push({ message: `not valid YAML/JSON: ${e.message.split('\n')[0]}`, span: { start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) } });
  if (errors.length) return { config, errors };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config, errors };
  if (!isMap(root)) return { config, errors: [{ message: 'the config must be a mapping of settings (rules, ignore, engine...)', span: spanOf(root, whole) }] };
  const ruleIds = new Set(rules.map((r) => r.meta.id));
  for (const pair of root.items) {
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    const value = pair.value as Node | null;
    const at = spanOf(value ?? keyNode, whole);
    const fail = (message: string, span = at) => errors.push({ message, span });
    if (key === undefined || !configKeys.includes(key)) {
      fail(`unknown setting ${JSON.stringify(key ?? '?')}; known: ${configKeys.join(', ')}`, spanOf(keyNode, whole));
    } else if (key === 'rules') {
      if (!isMap(value)) {
        fail('rules must map rule ids to off, info, warning or error');
        continue;
      }
      const map: Record<string, SeveritySetting> = {};
      for (const rule of value.items) {
        const id = isScalar(rule.key) ? String(rule.key.value) : '?';
        const sev = isScalar(rule.value) ? rule.value.value : undefined;
        if (!ruleIds.has(id)) fail(`unknown rule id ${JSON.stringify(id)} (selinux-mounts --list-rules)`, spanOf(rule.key as Node, at));
        else if (typeof sev !== 'string' || !severityWords.includes(sev)) fail(`rules.${id} must be one of ${severityWords.join(', ')}`, spanOf(rule.value as Node, at));
        else map[id] = sev as SeveritySetting;
      }
      config.rules = map;
    } else if (key in enums) {
      const v = isScalar(value) ? value.value : undefined;
      if (typeof v !== 'string' || !enums[key].includes(v)) fail(`${key} must be one of ${enums[key].join(', ')}`);
      else (config as Record<string, unknown>)[key] = v;
    } else {
      const items = isSeq(value) ? value.items : undefined;
      const strings = items?.map((i) => (isScalar(i) && typeof i.value === 'string' && i.value !== '' ? i.value : undefined));
      if (!strings || strings.some((s) => s === undefined)) fail(`${key} must be a list of paths (strings)`);
      else (config as Record<string, unknown>)[key] = strings as string[];
    }
  }
  return { config, errors };
}
