/**
 * Podman quadlet `.container` units → the model (reference §9a). INI with `#`/`;` comments and
 * `\` continuations; `Volume=` is podman's `-v`, `Mount=` its `--mount`; `.` sources are relative
 * to the unit file (quadlet's `handleStorageSource` joins them to its folder; PodmanArgs= are
 * passed on as written), `%h`-style specifiers are host paths, `NAME.volume` is a quadlet volume.
 */
import type { ContainerRun, Edit, LabelOption, Labeling, Mount, MountOption, ParsedFile, Span } from '../model';
import { LineIndex, eolOf } from '../text';
import { noEdits, shortSyntaxEditor } from './edits';
import { parseMountFlag } from './mountFlag';
import type { SourceParser } from './parser';
import { readRun } from './shell/runCommand';
import { splitBlanks } from './shell/scope';
import type { Word } from './shell/words';
import { splitShortVolume } from './shortVolume';

export const quadletParser: SourceParser = {
  kind: 'quadlet',
  languageIds: [],
  matchesName: (name) => /\.container$/.test(name),
  matchesContent: (_name, text, byContent) => byContent && /^\[Container\]\s*$/m.test(text),
  parse: (text) => parseQuadlet(text),
};

interface Entry {
  section: string;
  key: string;
  /** The value with continuations joined, and where each of its characters is in the file. */
  value: string;
  offsets: number[];
  /** The entry's lines, first to last. */
  firstLine: number;
  lastLine: number;
}

function readEntries(text: string, lines: LineIndex): Entry[] {
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
function resolveSource(source: string): { value: string; dynamic: boolean } {
  const value = source.replace(/^%h(?=\/|$)/, '~').replace(/^%t(?=\/|$)/, '${XDG_RUNTIME_DIR}');
  return { value, dynamic: /%[a-zA-Z]/.test(value) || value.includes('$') };
}

/** Quadlet joins a `Volume=`/`Mount=` source starting with `.` to the unit file's folder (podman pkg/systemd/quadlet `handleStorageSource`). */
/** `NAME.volume` names a quadlet volume unit; `./x.volume` is a path (quadlet makes a `.` source absolute first). */
const quadletVolume = (text: string): boolean => /\.volume$/.test(text) && !text.startsWith('.');

const beside = (text: string): { besideFile?: true } => (text.startsWith('.') ? { besideFile: true } : {});

class QuadletReader {
  private readonly lines: LineIndex;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  /** The file span of value characters [from, to), when they are contiguous in the file. */
  private span(entry: Entry, from: number, to: number): Span | undefined {
    if (to <= from) return { start: entry.offsets[from] ?? 0, end: entry.offsets[from] ?? 0 };
    const start = entry.offsets[from];
    const last = entry.offsets[to - 1];
    return last - start === to - 1 - from ? { start, end: last + 1 } : undefined;
  }

  private wholeSpan(entry: Entry): Span {
    if (entry.offsets.length === 0) {
      const end = this.lines.lineEnd(entry.firstLine);
      return { start: end, end };
    }
    return { start: entry.offsets[0], end: entry.offsets[entry.offsets.length - 1] + 1 };
  }

  read(): ParsedFile {
    const entries = readEntries(this.text, this.lines).filter((e) => e.section === 'Container');
    if (entries.length === 0) return { kind: 'quadlet', runs: [] };
    const labelOptions: LabelOption[] = [];
    const labeling: Labeling = { disabled: false };
    for (const e of entries) {
      if (!e.key.startsWith('SecurityLabel')) continue;
      labelOptions.push({ text: `${e.key}=${e.value}`, span: { start: this.lines.lineStart(e.firstLine), end: this.wholeSpan(e).end } });
      if (e.key === 'SecurityLabelDisable' && /^(true|yes|1|on)$/i.test(e.value)) {
        Object.assign(labeling, { disabled: true, reason: `SecurityLabelDisable=${e.value}`, reasonSpan: this.wholeSpan(e) });
      }
      if (e.key === 'SecurityLabelLevel') labeling.level = e.value;
    }
    const mounts: Mount[] = [];
    for (const e of entries) {
      const mount = e.key === 'Volume' ? this.volume(e) : e.key === 'Mount' ? this.mount(e) : undefined;
      if (mount) mounts.push(mount);
    }
    // PodmanArgs= passes options straight to podman: read them as a `podman run` command line.
    for (const e of entries.filter((x) => x.key === 'PodmanArgs')) {
      const args = this.podmanArgs(e);
      mounts.push(...args.mounts);
      labelOptions.push(...args.labelOptions);
      if (args.labeling.disabled && !labeling.disabled) Object.assign(labeling, args.labeling);
      labeling.level ??= args.labeling.level;
    }
    const last = entries[entries.length - 1];
    const name = entries.find((e) => e.key === 'ContainerName')?.value ?? 'the container';
    const run: ContainerRun = {
      name,
      nameSpan: { start: this.lines.lineStart(entries[0].firstLine), end: this.lines.lineStart(entries[0].firstLine) },
      engine: 'quadlet',
      labeling,
      labelOptions,
      mounts,
      disableLabeling: () => this.insertLineAfter(last.lastLine, 'SecurityLabelDisable=true'),
      disableLabelingTitle: 'SecurityLabelDisable=true',
    };
    return { kind: 'quadlet', runs: [run] };
  }

  private podmanArgs(e: Entry): ContainerRun {
    const words = splitBlanks({ value: e.value, offsets: e.offsets, span: this.wholeSpan(e) });
    const marker: Word = { value: 'run', offsets: [], span: this.wholeSpan(e) };
    return readRun({ engine: 'podman', engineWord: { ...marker, value: 'podman' }, sub: marker, rest: words, resolve: resolveSource });
  }

  private insertLineAfter(line: number, content: string): Edit[] {
    const at = this.lines.lineEnd(line);
    return [{ start: at, end: at, newText: eolOf(this.text) + content }];
  }

  private volume(e: Entry): Mount | undefined {
    const parts = splitShortVolume(e.value);
    const whole = this.wholeSpan(e);
    const at = (from: number, to: number): Span => this.span(e, from, to) ?? whole;
    const options: MountOption[] = parts.options.map((o) => ({ word: o.text, span: at(o.start, o.start + o.text.length) }));
    const relabels = options.filter((o) => o.word === 'z' || o.word === 'Z');
    const target = parts.target && { text: parts.target.text, span: at(parts.target.start, parts.target.start + parts.target.text.length) };
    const mapped = this.span(e, 0, e.value.length) !== undefined;
    const base = { syntax: 'short' as const, span: whole, target, options, relabels, readOnly: options.some((o) => o.word === 'ro') };
    if (!parts.source) return { ...base, kind: 'anonymous', edits: noEdits };
    const text = parts.source.text;
    const { value: path, dynamic } = resolveSource(text);
    const source = { text, span: at(parts.source.start, parts.source.start + text.length), path, dynamic, ...beside(text) };
    const isHost = /^[./%]/.test(text) || text.startsWith('$');
    const colon = mapped && parts.modeStart !== undefined ? this.span(e, parts.modeStart - 1, parts.modeStart)?.start : undefined;
    const edits = shortSyntaxEditor(mapped ? whole.end : undefined, options, relabels, colon);
    return { ...base, kind: isHost && !quadletVolume(text) ? 'host' : 'named', source, edits };
  }

  private mount(e: Entry): Mount | undefined {
    // systemd unquotes a value written in double quotes; escaped quotes inside break the 1:1 mapping.
    let value = e.value;
    let from = 0;
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
      value = value.slice(1, -1);
      from = 1;
    }
    const escaped = value.includes('\\');
    if (escaped) value = value.replace(/\\(.)/g, '$1');
    const base = escaped ? undefined : this.span(e, from, from + value.length)?.start;
    const mount = parseMountFlag(value, { engine: 'podman', base, whole: this.wholeSpan(e), resolve: resolveSource });
    if (mount?.kind === 'host' && mount.source && quadletVolume(mount.source.text)) return { ...mount, kind: 'named' };
    return mount?.source && beside(mount.source.text).besideFile ? { ...mount, source: { ...mount.source, besideFile: true } } : mount;
  }
}

function parseQuadlet(text: string): ParsedFile {
  return new QuadletReader(text).read();
}
