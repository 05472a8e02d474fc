import * as path from 'node:path';
import { defaultSettings, rules, type Settings } from '../core';
import { configSettings, errorPosition, findConfigFile, isIgnored, loadConfig, type LoadedConfig } from '../host/projectConfig';

/** A config file's errors as compiler-style lines (`file:line:col: error: ... [config]`). */
export function configErrorLines(loaded: LoadedConfig, display = loaded.file): string[] {
  return loaded.errors.map((e) => {
    const { line, col } = errorPosition(loaded, e);
    return `${display}:${line}:${col}: error: ${e.message} [config]`;
  });
}

/** `--list-rules`: id, default severity, whether it has a fix, what it reports. */
export function listRules(): string {
  const width = Math.max(...rules.map((r) => r.meta.id.length));
  return rules.map(({ meta }) => `${meta.id.padEnd(width)}  ${meta.defaultSeverity.padEnd(7)}  ${meta.fixable ? 'fix' : '   '}  ${meta.description}\n`).join('');
}

/**
 * `--print-config FILE`: every setting that applies to the file, and where it comes from (the
 * default, the project config file, or a command-line flag). Returns the text and whether the
 * config file is broken.
 */
export function printConfig(file: string, flags: Partial<Settings>): { text: string; broken: boolean } {
  const absolute = path.resolve(file);
  const configFile = findConfigFile(absolute);
  const loaded = configFile ? loadConfig(configFile) : undefined;
  const fromConfig = configSettings(loaded, absolute);
  const configName = loaded ? path.relative(process.cwd(), loaded.file) || loaded.file : '';
  const lines: string[] = [`file: ${file}`, `config file: ${loaded ? configName : 'none (looked from the file up to the repository root)'}`];
  if (loaded?.errors.length) lines.push(...configErrorLines(loaded, configName));
  lines.push(`checked: ${isIgnored(loaded, absolute) ? 'no, ignored by the config file' : 'yes'}`);
  const source = (has: boolean, fromFlag: boolean): string => (fromFlag ? 'command line' : has ? configName : 'default');
  for (const { meta } of rules) {
    const flag = flags.rules?.[meta.id];
    const config = fromConfig.rules?.[meta.id];
    lines.push(`rules.${meta.id}: ${flag ?? config ?? meta.defaultSeverity} (${source(config !== undefined, flag !== undefined)})`);
  }
  const keys = ['preferredRelabel', 'engine', 'buildEngine', 'devcontainerEngine', 'sensitivePaths', 'sharedPaths'] as const;
  for (const key of keys) {
    // Paths as the config file writes them (relative to it), not as the checked file would.
    const written = key === 'sensitivePaths' || key === 'sharedPaths' ? loaded?.config[key] : fromConfig[key];
    const value = flags[key] ?? written ?? defaultSettings[key];
    const shown = Array.isArray(value) ? (value.length ? value.join(', ') : '(none)') : value;
    lines.push(`${key}: ${shown} (${source(fromConfig[key] !== undefined, flags[key] !== undefined)})`);
  }
  return { text: lines.join('\n') + '\n', broken: !!loaded?.errors.length };
}
