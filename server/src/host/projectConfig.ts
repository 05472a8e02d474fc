/**
 * The project config file (`.selinux-mounts.yaml`) on disk: found by walking up from a checked file
 * to the repository root, read and validated by the core, and turned into the settings layer for
 * that file. The CLI and the language server both use this module.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { configFileNames, globMatches, parseProjectConfig, type ConfigError, type ProjectConfig, type Settings } from '../core';

export interface LoadedConfig {
  /** Absolute path of the config file. */
  file: string;
  text: string;
  config: ProjectConfig;
  errors: ConfigError[];
}

/** The config file that applies to `file`: the nearest one above it, not above the repository root (the folder holding `.git`). */
export function findConfigFile(file: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    for (const name of configFileNames) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir || fs.existsSync(path.join(dir, '.git'))) return undefined;
    dir = parent;
  }
}

/** Reads and validates one config file; an unreadable file is one error, never an exception. */
export function loadConfig(file: string): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { file, text: '', config: {}, errors: [{ message: `cannot read: ${err instanceof Error ? err.message : String(err)}`, span: { start: 0, end: 0 } }] };
  }
  return { file, text, ...parseProjectConfig(text) };
}

/** Loads each config file once (the CLI's run, the server until the file changes). */
export class ConfigCache {
  private readonly byFile = new Map<string, LoadedConfig>();
  /** The config file found per folder: thousands of files in a few folders look it up once each. */
  private readonly byFolder = new Map<string, string | undefined>();

  /** The config that applies to `file`, if any. */
  for(file: string): LoadedConfig | undefined {
    const folder = path.dirname(path.resolve(file));
    if (!this.byFolder.has(folder)) this.byFolder.set(folder, findConfigFile(file));
    const found = this.byFolder.get(folder);
    if (!found) return undefined;
    let loaded = this.byFile.get(found);
    if (!loaded) this.byFile.set(found, (loaded = loadConfig(found)));
    return loaded;
  }

  clear(): void {
    this.byFile.clear();
    this.byFolder.clear();
  }
}

/** `/`-separated path of `file` relative to the config's folder. */
function relativeToConfig(loaded: LoadedConfig, file: string): string {
  return path.relative(path.dirname(loaded.file), path.resolve(file)).split(path.sep).join('/');
}

/** True when the config's `ignore` globs cover `file`. */
export function isIgnored(loaded: LoadedConfig | undefined, file: string): boolean {
  if (!loaded?.config.ignore) return false;
  const rel = relativeToConfig(loaded, file);
  return !rel.startsWith('..') && loaded.config.ignore.some((glob) => globMatches(glob, rel));
}

/**
 * The config's settings for one checked file. Paths relative to the config file become relative to
 * the checked file's folder, as its mounts write them (`./data` beside a compose file).
 */
export function configSettings(loaded: LoadedConfig | undefined, file: string): Partial<Settings> {
  if (!loaded) return {};
  const { ignore: _ignore, sensitivePaths, sharedPaths, ...rest } = loaded.config;
  const fromFile = (p: string): string => {
    if (/^[/~$]/.test(p)) return p;
    const rel = path.relative(path.dirname(path.resolve(file)), path.resolve(path.dirname(loaded.file), p)).split(path.sep).join('/');
    return rel === '' ? '.' : rel.startsWith('..') ? rel : `./${rel}`;
  };
  const out: Partial<Settings> = { ...rest };
  if (sensitivePaths) out.sensitivePaths = sensitivePaths.map(fromFile);
  if (sharedPaths) out.sharedPaths = sharedPaths.map(fromFile);
  return out;
}

/** `file:line:col` of a config error, 1-based. */
export function errorPosition(loaded: LoadedConfig, error: ConfigError): { line: number; col: number } {
  const before = loaded.text.slice(0, error.span.start).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

/** The file path of a `file:` URI; other schemes have no project config. */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** A project config file as the language server names it. */
export interface ConfigDocument {
  /** `file:` URI of the config file. */
  uri: string;
  loaded: LoadedConfig;
}

/** The project config that applies to one checked document, with its settings layer for it. */
export interface DocumentConfig extends ConfigDocument {
  settings: Partial<Settings>;
  ignored: boolean;
}

/**
 * The project configs of the language server's documents, read from disk (server/src/lsp/main.ts
 * gives it to the server; the browser build has no disk and none).
 */
export class DocumentConfigs {
  private readonly cache = new ConfigCache();

  /** The config above the document at `uri`, when it is a local file and one applies. */
  forDocument(uri: string): DocumentConfig | undefined {
    const file = filePathOf(uri);
    const loaded = file ? this.cache.for(file) : undefined;
    if (!file || !loaded) return undefined;
    return { uri: pathToFileURL(loaded.file).href, loaded, settings: configSettings(loaded, file), ignored: isIgnored(loaded, file) };
  }

  /** The config file at `uri`, read again (it changed on disk); undefined for a URI that is not a local file. */
  reload(uri: string): ConfigDocument | undefined {
    const file = filePathOf(uri);
    return file ? { uri, loaded: loadConfig(file) } : undefined;
  }

  clear(): void {
    this.cache.clear();
  }
}
