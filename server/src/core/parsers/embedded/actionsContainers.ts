/**
 * GitHub Actions job containers (`jobs.<id>.container`) and service containers
 * (`jobs.<id>.services.<id>`): their `volumes:` entries and the `-v`/`--mount`/`--privileged`/
 * `--security-opt` words of their `options:` string. The runner parses `volumes:` itself and
 * keeps only `ro` (reference §5d): a `:z`/`:Z` there is dropped, so the fix moves the mount into
 * `options:` as `-v SRC:DST:Z`, removing the `volumes:` entry (docker refuses the same mount
 * point twice).
 */
import { interpolate } from '../../interpolation';
import type { ContainerRun, Edit, Mount, MountOption, Relabel, RelabelEditor, Span } from '../../model';
import { eolOf, LineIndex } from '../../text';
import { noEdits } from '../edits';
import { readRun } from '../shell/runCommand';
import type { Word } from '../shell/words';
import { splitShortVolume } from '../shortVolume';
import { isMap, isScalar, isSeq, parseYaml, type Node, type Scalar, type YAMLMap, type YAMLSeq } from '../yaml';

/** `${{ expr }}` as a same-length `$___` variable: a value known only at run time (`${{ github.workspace }}`: `$GITHUB_WORKSPACE___`, the repository root). */
export function maskExpressions(text: string): string {
  return text.replace(/\$\{\{[\s\S]*?\}\}/g, (m) =>
    /^\$\{\{\s*github\.workspace\s*\}\}$/.test(m) ? '$GITHUB_WORKSPACE'.padEnd(m.length, '_') : '$' + m.slice(1).replace(/[^\r\n]/g, '_'),
  );
}

/** Where a scalar's value lies in the file, when it maps 1:1 (no escapes, no folded line breaks that matter). */
function rawOf(text: string, node: Scalar): { raw: string; start: number } | undefined {
  if (!node.range || typeof node.value !== 'string') return undefined;
  let [start, end] = node.range;
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    start = text.indexOf('\n', start) + 1;
    if (start === 0) return undefined;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return { raw: text.slice(start, end), start };
  }
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    // An unclosed quote (a line being typed) does not map onto the file.
    const quote = node.type === 'QUOTE_DOUBLE' ? '"' : "'";
    if (end - start < 2 || text[start] !== quote || text[end - 1] !== quote) return undefined;
    start++;
    end--;
    if (text.slice(start, end) !== node.value) return undefined;
  }
  return { raw: text.slice(start, end), start };
}

/** The words of an `options:` string, split as the docker command line the runner builds. */
function optionWords(raw: string, start: number): Word[] {
  const words: Word[] = [];
  let word: Word | undefined;
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (!quote && /\s/.test(c)) {
      if (word) words.push(word);
      word = undefined;
      continue;
    }
    word ??= { value: '', offsets: [], span: { start: start + i, end: start + i } };
    word.span.end = start + i + 1;
    if (quote ? c === quote : c === '"' || c === "'") {
      quote = quote ? '' : c;
      continue;
    }
    word.value += c;
    word.offsets.push(start + i);
  }
  if (word) words.push(word);
  return words;
}

/** A path (runner side: no shell, so `${{ }}` is the only variable). */
function resolve(source: string): { value: string; dynamic: boolean } {
  return interpolate(source);
}

/** The column a map's keys start at, and whether it is written as a block. */
function keyColumn(lines: LineIndex, map: YAMLMap): number | undefined {
  const first = map.items[0]?.key as Node | undefined;
  if (map.flow || !first?.range) return undefined;
  return lines.position(first.range[0]).character;
}

class ContainerReader {
  private readonly lines: LineIndex;

  constructor(
    private readonly text: string,
    /** Keys from the document root to the container's map. */
    private readonly path: string[],
  ) {
    this.lines = new LineIndex(text);
  }

  /** The container's map in `text` (the file as it is, or as an edit left it). */
  private static mapIn(text: string, path: string[]): YAMLMap | undefined {
    const node = parseYaml(text)?.getIn(path, true);
    return isMap(node) ? node : undefined;
  }

  read(name: string, nameSpan: Span): ContainerRun {
    const map = ContainerReader.mapIn(this.text, this.path)!;
    const options = map.get('options', true);
    const raw = isScalar(options) ? rawOf(this.text, options) : undefined;
    const words = raw ? optionWords(maskExpressions(raw.raw), raw.start) : [];
    const marker: Word = { value: 'run', offsets: [], span: nameSpan };
    const run = readRun({ engine: 'docker', engineWord: { ...marker, value: 'docker' }, sub: marker, rest: words, resolve });
    run.name = name;
    run.nameSpan = nameSpan;
    run.disableLabeling = () => this.appendOption('--security-opt label=disable');
    run.disableLabelingTitle = 'options: --security-opt label=disable';
    const volumes = map.get('volumes', true);
    if (isSeq(volumes)) {
      volumes.items.forEach((item, index) => {
        const mount = isScalar(item) ? this.volume(item as Scalar, index) : undefined;
        if (mount) run.mounts.push(mount);
      });
    }
    return run;
  }

  /** One `volumes:` entry, read as the runner reads it: `SRC:DST[:ro]`; any other mode word is dropped. */
  private volume(node: Scalar, index: number): Mount | undefined {
    const raw = rawOf(this.text, node);
    if (!raw) return undefined;
    const value = maskExpressions(raw.raw);
    const parts = splitShortVolume(value);
    const at = (p: { start: number; text: string }): Span => ({ start: raw.start + p.start, end: raw.start + p.start + p.text.length });
    const options: MountOption[] = parts.options.map((o) => ({ word: o.text, span: at(o) }));
    const target = parts.target && { text: raw.raw.slice(parts.target.start, parts.target.start + parts.target.text.length), span: at(parts.target) };
    const relabel = options.find((o) => /[zZ]/.test(o.word));
    const mount: Mount = {
      syntax: 'short',
      kind: 'anonymous',
      span: { start: raw.start, end: raw.start + raw.raw.length },
      target,
      options,
      relabels: [],
      readOnly: options.length === 1 && options[0].word.toLowerCase() === 'ro',
      edits: noEdits,
    };
    if (!parts.source) return mount;
    const source = { text: raw.raw.slice(parts.source.start, parts.source.start + parts.source.text.length), span: at(parts.source) };
    const { value: path, dynamic } = resolve(parts.source.text);
    // docker decides: an absolute or `.`-relative source is a bind; a `${{ }}` value is a path.
    const host = /^[/.~]/.test(path) || path.startsWith('$');
    if (!host) return { ...mount, kind: 'named', source: { ...source, path, dynamic } };
    // What the entry says goes with it: docker's -v honours every word the runner drops.
    const move = (words: string[]): Edit[] | undefined => (target ? this.moveToOptions(index, `${source.text}:${target.text}:${words.join(',')}`) : undefined);
    return {
      ...mount,
      kind: 'host',
      source: { ...source, path, dynamic },
      ignoredRelabel: relabel && {
        span: relabel.span,
        reason: 'runner-drops',
        detail: relabel.word,
        fix: /^[zZ]$/.test(relabel.word) ? () => move(options.map((o) => o.word)) : undefined,
      },
      edits: this.moveEditor((r) => move([...options.map((o) => o.word), r])),
    };
  }

  private moveEditor(move: (r: Relabel) => Edit[] | undefined): RelabelEditor {
    return {
      add: (r) => move(r),
      remove: () => undefined,
      set: () => undefined,
      describeAdd: (r) => `Move to options: as -v …:${r} (the runner drops relabels in volumes:)`,
    };
  }

  /**
   * The `volumes:` entry leaves (the whole key when it was the last) and `-v SPEC` joins
   * `options:`: separate edits, so that fix-all sees when another fix touches the same place.
   */
  private moveToOptions(index: number, spec: string): Edit[] | undefined {
    if (/[\s"'\\#]/.test(maskExpressions(spec))) return undefined;
    const removal = this.removeVolume(index);
    if (!removal) return undefined;
    const words = `-v ${spec}`;
    if (removal.wholeKey && this.map.get('options', true) === undefined) {
      return [{ ...removal.edit, newText: `${this.optionsLine(words)}${eolOf(this.text)}` }];
    }
    const append = this.appendOption(words);
    return append && [removal.edit, ...append];
  }

  private get map(): YAMLMap {
    return ContainerReader.mapIn(this.text, this.path)!;
  }

  private optionsLine(words: string): string {
    return `${' '.repeat(keyColumn(this.lines, this.map) ?? 0)}options: ${words}`;
  }

  private removeVolume(index: number): { edit: Edit; wholeKey: boolean } | undefined {
    const { text, lines, map } = this;
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === 'volumes');
    const seq = pair?.value;
    const item = isSeq(seq) ? (seq.items[index] as Scalar | undefined) : undefined;
    if (!pair || !isSeq(seq) || !item?.range) return undefined;
    const wholeLines = (from: number, to: number): Edit => {
      const last = lines.position(to).line;
      const end = last + 1 < lines.lineCount ? lines.lineStart(last + 1) : text.length;
      return { start: lines.lineStart(lines.position(from).line), end, newText: '' };
    };
    if (seq.items.length === 1) {
      // An empty `volumes:` would be null, which the workflow schema rejects: the key goes too.
      const key = pair.key as Scalar;
      if (map.flow || !key.range || keyColumn(lines, map) === undefined) return undefined;
      return { edit: wholeLines(key.range[0], lastOffset(text, seq)), wholeKey: true };
    }
    if (seq.flow) {
      const next = seq.items[index + 1] as Scalar | undefined;
      const prev = seq.items[index - 1] as Scalar | undefined;
      const edit = next?.range ? { start: item.range[0], end: next.range[0] } : { start: prev!.range![1], end: item.range[1] };
      return { edit: { ...edit, newText: '' }, wholeKey: false };
    }
    return { edit: wholeLines(item.range[0], item.range[1] - 1), wholeKey: false };
  }

  /** Appends words to `options:`, creating the key (at the map's own indentation) when absent. */
  private appendOption(words: string): Edit[] | undefined {
    const { text, lines, map } = this;
    const options = map.get('options', true);
    if (isScalar(options)) {
      const raw = rawOf(text, options);
      if (!raw || typeof options.value !== 'string') return undefined;
      if (options.type === 'QUOTE_SINGLE' && words.includes("'")) return undefined;
      const at = raw.start + raw.raw.length;
      return [{ start: at, end: at, newText: raw.raw.length > 0 ? ` ${words}` : words }];
    }
    if (options !== undefined || keyColumn(lines, map) === undefined) return undefined;
    const line = lines.position(lastOffset(text, map)).line;
    const at = lines.lineEnd(line);
    return [{ start: at, end: at, newText: `${eolOf(text)}${this.optionsLine(words)}` }];
  }
}

/** The offset of the last character a collection's content holds (before trailing line breaks). */
function lastOffset(text: string, node: YAMLMap | YAMLSeq): number {
  let end = node.range![1];
  while (end > node.range![0] && /\s/.test(text[end - 1])) end--;
  return end - 1;
}

/** The job container and service containers of one job. */
export function jobContainers(text: string, jobId: string, job: YAMLMap): ContainerRun[] {
  const runs: ContainerRun[] = [];
  const span = (node: unknown): Span => {
    const r = (node as Node | undefined)?.range;
    return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
  };
  const containerPair = job.items.find((p) => isScalar(p.key) && p.key.value === 'container');
  if (containerPair && isMap(containerPair.value)) {
    runs.push(new ContainerReader(text, ['jobs', jobId, 'container']).read(`the ${jobId} job container`, span(containerPair.key)));
  }
  const services = job.get('services', true);
  if (isMap(services)) {
    for (const pair of services.items) {
      const id = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (id !== undefined && isMap(pair.value)) {
        runs.push(new ContainerReader(text, ['jobs', jobId, 'services', id]).read(`the ${id} service container`, span(pair.key)));
      }
    }
  }
  return runs;
}
