/**
 * systemd unit files as quadlet reads them: `[Section]` headers, `KEY=value` entries, `#`/`;`
 * comment lines, `\` continuations (systemd.syntax(7)), with where each value character sits.
 */
import type { LineIndex } from '../text';

export interface Entry {
  section: string;
  key: string;
  /** The value with continuations joined, and where each of its characters is in the file. */
  value: string;
  offsets: number[];
  /** The entry's lines, first to last. */
  firstLine: number;
  lastLine: number;
}

export function readEntries(text: string, lines: LineIndex): Entry[] {
  const entries: Entry[] = [];
  let section = '';
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const content = text.slice(start, lines.lineEnd(line));
    const trimmed = content.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(trimmed);
    if (header) {
      section = header[1];
      continue;
    }
    const eq = content.indexOf('=');
    if (eq < 0) continue;
    const entry: Entry = { section, key: content.slice(0, eq).trim(), value: '', offsets: [], firstLine: line, lastLine: line };
    let from = start + eq + 1;
    let end = lines.lineEnd(line);
    for (;;) {
      while (from < end && /[ \t]/.test(text[from])) from++;
      const continued = text[end - 1] === '\\';
      const stop = continued ? end - 1 : end;
      for (let i = from; i < stop; i++) {
        entry.value += text[i];
        entry.offsets.push(i);
      }
      if (!continued || line + 1 >= lines.lineCount) break;
      // systemd joins a continued line with the next, skipping comment lines in between.
      do line++;
      while (line < lines.lineCount && /^\s*[#;]/.test(text.slice(lines.lineStart(line), lines.lineEnd(line))));
      if (line >= lines.lineCount) break;
      entry.value += ' ';
      entry.offsets.push(end);
      from = lines.lineStart(line);
      end = lines.lineEnd(line);
      entry.lastLine = line;
    }
    entry.value = entry.value.replace(/\s+$/, '');
    entries.push(entry);
  }
  return entries;
}

/** A quadlet source as a host path: `%h` is the home, `%t` the runtime dir; `./` stays relative. */
export function resolveSource(source: string): { value: string; dynamic: boolean } {
  const value = source.replace(/^%h(?=\/|$)/, '~').replace(/^%t(?=\/|$)/, '${XDG_RUNTIME_DIR}');
  return { value, dynamic: /%[a-zA-Z]/.test(value) || value.includes('$') };
}
