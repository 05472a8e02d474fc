/**
 * Podman quadlet `.container` units → the model (reference §9a). INI with `#`/`;` comments and
 * `\` continuations; `Volume=` is podman's `-v`, `Mount=` its `--mount`; `.` sources are relative
 * to the unit file (quadlet's `handleStorageSource` joins them to its folder), `%h`-style
 * specifiers are host paths, `NAME.volume` is a quadlet volume. PodmanArgs= are passed on as
 * written, so podman resolves their relative sources against its working directory: the
 * `[Service]` `WorkingDirectory=` (docs/quadlet.md).
 */
import type { ContainerRun, Edit, LabelOption, Labeling, Mount, MountOption, ParsedFile, Span } from '../model';
import { normalizePath } from '../paths';
import { LineIndex, eolOf } from '../text';
import { noEdits, shortSyntaxEditor } from './edits';
import { parseMountFlag } from './mountFlag';
import type { SourceParser } from './parser';
import { readRun } from './shell/runCommand';
import { splitBlanks } from './shell/scope';
import type { Word } from './shell/words';
import { splitShortVolume } from './shortVolume';
import { readEntries, resolveSource, type Entry } from './unitFile';

export const quadletParser: SourceParser = {
  kind: 'quadlet',
  languageIds: [],
  matchesName: (name) => /\.container$/.test(name),
  matchesContent: (_name, text, byContent) => byContent && /^\[Container\]\s*$/m.test(text),
  parse: (text) => parseQuadlet(text),
};

/** `NAME.volume` names a quadlet volume unit; `./x.volume` is a path (quadlet makes a `.` source absolute first). */
const quadletVolume = (text: string): boolean => /\.volume$/.test(text) && !text.startsWith('.');

/** Quadlet joins a `Volume=`/`Mount=` source starting with `.` to the unit file's folder (podman pkg/systemd/quadlet `handleStorageSource`). */
const beside = (text: string): { besideFile?: true } => (text.startsWith('.') ? { besideFile: true } : {});

/**
 * The folder podman runs in, which its relative `-v`/`--mount` sources resolve against: the last
 * `[Service]` `WorkingDirectory=` (an absolute path, `%h/...`, or `~` when no `User=` names
 * another user; a leading `-` only makes a missing folder no error; none under `RootDirectory=`). Unset, systemd starts it in
 * `/` for a system unit and in the home folder for a user unit: the file does not tell which.
 */
function podmanWorkingDir(entries: readonly Entry[]): { dir: string; entry: string } | undefined {
  const service = entries.filter((e) => e.section === 'Service');
  const written = service.filter((e) => e.key === 'WorkingDirectory').at(-1)?.value;
  const value = written?.replace(/^-/, '');
  // Under RootDirectory=/RootImage= the folder is inside another root.
  if (!value || service.some((e) => (e.key === 'RootDirectory' || e.key === 'RootImage') && e.value !== '')) return undefined;
  const entry = `WorkingDirectory=${written}`;
  const otherUser = service.some((e) => e.key === 'User' && e.value !== '');
  if (value === '~') return otherUser ? undefined : { dir: '~', entry };
  const { value: dir, dynamic } = resolveSource(value);
  return !dynamic && /^(?:\/|~(?:\/|$))/.test(dir) ? { dir: normalizePath(dir), entry } : undefined;
}

/** A PodmanArgs= bind whose source is relative, made absolute in podman's working directory when the unit names it. */
function inWorkingDir(mount: Mount, workingDir: { dir: string; entry: string } | undefined): Mount {
  const source = mount.source;
  if (!workingDir || mount.kind !== 'host' || !source || source.dynamic || /^[/~$]/.test(source.path)) return mount;
  const path = normalizePath(`${workingDir.dir}/${source.path}`);
  // `..` above the home folder names a folder of the host the file does not tell.
  if (workingDir.dir.startsWith('~') && !normalizePath(`/~${workingDir.dir.slice(1)}/${source.path}`).startsWith('/~')) return mount;
  return { ...mount, source: { ...source, path, valueFrom: workingDir.entry } };
}

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
    const all = readEntries(this.text, this.lines);
    const entries = all.filter((e) => e.section === 'Container');
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
    const workingDir = podmanWorkingDir(all);
    for (const e of entries.filter((x) => x.key === 'PodmanArgs')) {
      const args = this.podmanArgs(e);
      mounts.push(...args.mounts.map((m) => inWorkingDir(m, workingDir)));
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
