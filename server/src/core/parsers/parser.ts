import type { FileKind, ParsedFile } from '../model';
import type { BuildEngine, DevcontainerEngine, EngineSetting } from '../settings';

export interface ParseOptions {
  /** The file's base name (a Containerfile is built by podman). */
  baseName: string;
  buildEngine: BuildEngine;
  devcontainerEngine: DevcontainerEngine;
  /** What runs commands whose engine the file leaves open (`$ENGINE run`). */
  engine: EngineSetting;
  /** The line break fixes write, when the text is a part of a file (the file's); else the text's own. */
  eol?: string;
}

/** Turns one kind of file into the common model. */
export interface SourceParser {
  kind: FileKind;
  /** VS Code language ids that always mean this kind. */
  languageIds: readonly string[];
  /** True when the file's name alone says it is this kind. */
  matchesName(baseName: string): boolean;
  /**
   * True when a file whose name does not tell looks like this kind (cheap, no full parse).
   * `byContent`: the caller wants the kind whatever the name (the CLI, for files it is given).
   */
  matchesContent(baseName: string, text: string, byContent: boolean): boolean;
  parse(text: string, options: ParseOptions): ParsedFile;
  /** How a line comment starts, for the `selinux-mounts ignore=` directive: `#` unless said; null when the kind has none. */
  commentPrefix?: string | null;
  /** True when parsing reads commands with the bash grammar, which the host must load first. */
  usesShellGrammar?: boolean;
}
