import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { configFileNames, parseProjectConfig, type ConfigError } from '../core';
import type { ConfigDocument, DocumentConfigs } from '../host/projectConfig';

/** True when the URI names a project config file (`.selinux-mounts.yaml`...). */
export function isConfigUri(uri: string): boolean {
  const name = decodeURIComponent(uri.replace(/[?#].*$/, '').replace(/^.*\//, ''));
  return (configFileNames as readonly string[]).includes(name);
}

function toDiagnostics(doc: TextDocument, errors: readonly ConfigError[]): Diagnostic[] {
  return errors.map((e) => ({
    range: { start: doc.positionAt(e.span.start), end: doc.positionAt(e.span.end) },
    severity: DiagnosticSeverity.Error,
    source: 'selinux-mounts',
    code: 'config',
    message: `${e.message} (this project config is not applied where it is wrong)`,
  }));
}

/** The errors of a config file's text, as diagnostics on it (for an open config document). */
export function configTextDiagnostics(doc: TextDocument): Diagnostic[] {
  return toDiagnostics(doc, parseProjectConfig(doc.getText()).errors);
}

/**
 * A broken config file that is not open in the editor still gets its errors shown on it: they are
 * given to `publish` (pushed, or kept for the client's pull) when a document's settings read it,
 * and again (or cleared) when it changes on disk.
 */
export class ConfigDiagnostics {
  /** What was last published per config URI (the errors' text), so it is sent once, not per document. */
  private readonly shown = new Map<string, string>();

  constructor(
    private readonly publish: (uri: string, diagnostics: Diagnostic[]) => void,
    private readonly isOpen: (uri: string) => boolean,
    /** Where config files are read from disk (none in the browser). */
    private readonly configs: DocumentConfigs | undefined,
  ) {}

  show({ uri, loaded }: ConfigDocument): void {
    if (this.isOpen(uri)) return;
    const key = JSON.stringify(loaded.errors);
    if (this.shown.get(uri) === key) return;
    this.shown.set(uri, key);
    const doc = TextDocument.create(uri, 'yaml', 0, loaded.text);
    this.publish(uri, toDiagnostics(doc, loaded.errors));
  }

  /** A config file changed, appeared or went away on disk. */
  reload(uri: string): void {
    const config = this.isOpen(uri) ? undefined : this.configs?.reload(uri);
    if (!config) return;
    this.shown.delete(uri);
    const { loaded } = config;
    if (loaded.errors.length && !/ENOENT/.test(loaded.errors[0].message)) this.show(config);
    else this.publish(uri, []);
  }
}
