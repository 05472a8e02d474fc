import type { FileKind, ParsedFile } from '../model';

/** Turns one kind of file into the common model. */
export interface SourceParser {
  kind: FileKind;
  /** VS Code language ids that always mean this kind. */
  languageIds: readonly string[];
  /** True when the file's name alone says it is this kind. */
  matchesName(baseName: string): boolean;
  /** True when a file whose name does not tell looks like this kind (cheap, no full parse). */
  matchesContent(baseName: string, text: string): boolean;
  parse(text: string): ParsedFile;
}
