/**
 * Compose files → the model, on the yaml AST (through `yaml.ts`): exact ranges, and edits inserted
 * into the original text, never re-serialised.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, Pair, parseYaml as parse, Scalar, visit, YAMLMap, YAMLSeq, type Document, type Node } from './yaml';
import { interpolate } from '../interpolation';
import type { ContainerRun, Edit, HostSource, LabelOption, Labeling, Mount, MountOption, ParsedFile, RelabelEditor, Span } from '../model';
import { LineIndex, eolOf } from '../text';
import { noEdits, shortSyntaxEditor } from './edits';
import type { SourceParser } from './parser';
import { isMisspeltRelabel, looksLikeHostPath, splitShortVolume } from './shortVolume';
import { skimCompose, type SkimmedScalar, type SkimmedService } from './composeSkim';

const composeName = /^(?:compose(?:\..+)?|docker-compose.*|podman-compose|.*docker.*compose.*)\.ya?ml$/i;
const yamlName = /\.ya?ml$/i;
const servicesAtTop = /^\uFEFF?services[ \t]*:/m;

export const composeParser: SourceParser = {
  kind: 'compose',
  languageIds: ['dockercompose'],
  matchesName: (name) => composeName.test(name),
  matchesContent: (name, text, byContent) => (byContent || yamlName.test(name)) && servicesAtTop.test(text) && hasServiceMap(text),
  parse: (text, options) => readCompose(text, true, options.eol),
};

/** The model of a compose text; `skim` false parses every entry (the tests compare both). */
export function readCompose(text: string, skim = true, eol = eolOf(text)): ParsedFile {
  return new ComposeReader(text, skim, eol).read();
}

function hasServiceMap(text: string): boolean {
  const { doc, services: whole } = parseSkimmed(text);
  const services = doc?.get('services', true);
  return (isMap(services) && services.items.some((p) => isMap(p.value) || isAlias(p.value))) || whole.length > 0;
}

/** The text's parse with its skim (composeSkim.ts) read where yaml no longer sees it. */
interface SkimmedParse {
  doc: Document.Parsed | undefined;
  volumes: Map<number, SkimmedScalar[]>;
  services: SkimmedService[];
}

/**
 * The skimmed text's parse; the whole text's when the skim read services whole but yaml found the
 * skimmed text broken, or its `services` not a key of the top map: then yaml's recovery decides
 * what the services are, on the text as written. Not when yaml gave up (nesting too deep): the
 * skim blanks no bracket and only takes nesting away, so it would give up on the whole text too.
 * The last one is kept: recognising a file by content and reading it ask for the same text.
 */
function parseSkimmed(text: string): SkimmedParse {
  if (lastSkimmedParse?.text === text) return lastSkimmedParse.parsed;
  const skimmed = skimCompose(text);
  const doc = parse(skimmed.text);
  const services = isMap(doc?.contents) ? doc.contents.get('services', true) : undefined;
  const whole = skimmed.services.length > 0 && !!doc && (doc.errors.length > 0 || !(isMap(services) || (isScalar(services) && services.value === null)));
  const parsed = whole ? { doc: parse(text), volumes: new Map(), services: [] } : { doc, volumes: skimmed.volumes, services: doc ? skimmed.services : [] };
  lastSkimmedParse = { text, parsed };
  return parsed;
}

let lastSkimmedParse: { text: string; parsed: SkimmedParse } | undefined;

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const v = key.value;
  return v === '<<' || (typeof v === 'symbol' && v.description === '<<');
}

/** A key as compose reads it: `123:` or `true:` name a service "123" or "true" too. */
function keyName(pair: Pair): string | undefined {
  return isMergeKey(pair.key) ? undefined : scalarString(pair.key);
}

function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function truthy(node: unknown): boolean {
  const v = isScalar(node) ? node.value : undefined;
  return v === true || v === 'true';
}

class ComposeReader {
  private readonly lines: LineIndex;
  private doc: Document.Parsed | undefined;
  /** The `volumes:` lists read by the skim instead of yaml, by where their key starts. */
  private skimmedVolumes = new Map<number, SkimmedScalar[]>();
  /** The services the skim read whole, which yaml never saw. */
  private skimmedServices: SkimmedService[] = [];
  private targets: Map<unknown, unknown> | undefined;
  private indentStep = 2;

  constructor(
    private readonly text: string,
    private readonly skim: boolean,
    private readonly eol: string,
  ) {
    this.lines = new LineIndex(text);
  }

  read(): ParsedFile {
    if (this.skim) ({ doc: this.doc, volumes: this.skimmedVolumes, services: this.skimmedServices } = parseSkimmed(this.text));
    else this.doc = parse(this.text);
    const runs: ContainerRun[] = [];
    const recovered = !this.doc || this.doc.errors.length > 0;
    const parsed = this.resolve(this.doc?.get('services', true));
    if (this.skimmedServices.length === 0 && !isMap(parsed)) return { kind: 'compose', runs, recovered };
    this.services = this.withSkimmedServices(isMap(parsed) ? parsed.items : []);
    const first = this.services[0];
    const firstKey = first === undefined || isPair(first) ? first?.key : undefined;
    const firstStart = first !== undefined && !isPair(first) ? first.start : isScalar(firstKey) ? firstKey.range?.[0] : undefined;
    if (firstStart !== undefined) this.indentStep = Math.max(1, this.column(firstStart));
    const bindVolumes = this.bindVolumes();
    for (const entry of this.services) {
      if (!isPair(entry)) {
        runs.push(this.readSkimmedService(entry, bindVolumes));
        continue;
      }
      const name = keyName(entry);
      const service = this.resolve(entry.value);
      if (!name || !isMap(service) || !isScalar(entry.key) || !entry.key.range) continue;
      runs.push(this.readService(name, entry.key as Scalar, service, bindVolumes));
    }
    return { kind: 'compose', runs, recovered };
  }

  /** The parsed services' pairs with the services the skim read whole put back in their places. */
  private withSkimmedServices(parsed: unknown[]): (Pair | SkimmedService)[] {
    if (this.skimmedServices.length === 0) return parsed as Pair[];
    const skimmed = this.skimmedServices;
    const out: (Pair | SkimmedService)[] = [];
    let next = 0;
    for (const pair of parsed as Pair[]) {
      const at = isNode(pair.key) ? pair.key.range?.[0] : undefined;
      while (at !== undefined && next < skimmed.length && skimmed[next].start < at) out.push(skimmed[next++]);
      out.push(pair);
    }
    while (next < skimmed.length) out.push(skimmed[next++]);
    return out;
  }

  /**
   * The services by name, as `extends` finds them, those the skim read whole as nodes of their
   * `volumes` key (`skimmedService`). Made only when a service extends another: a new map, since
   * the parse of the skimmed text is kept (parseYaml) and read again.
   */
  private servicesMap(): YAMLMap {
    if (this.lookup) return this.lookup;
    this.lookup = new YAMLMap();
    this.lookup.items = this.services.map((entry) => (isPair(entry) ? entry : skimmedService(entry)));
    return this.lookup;
  }

  private services: (Pair | SkimmedService)[] = [];
  private lookup: YAMLMap | undefined;

  /** A service the skim read whole: what readService reads from the nodes yaml would have made of it. */
  private readSkimmedService(service: SkimmedService, bindVolumes: Map<string, BindVolume>): ContainerRun {
    const labelOptions: LabelOption[] = [];
    const mounts: Mount[] = [];
    for (const item of service.volumesKey === undefined ? [] : this.skimmedVolumes.get(service.volumesKey)!) {
      const mount = this.readShort(item, bindVolumes);
      if (mount) mounts.push(mount);
    }
    return {
      name: service.name,
      nameSpan: { start: service.start, end: service.start + service.name.length },
      engine: 'compose',
      labeling: this.labeling(() => undefined, labelOptions),
      labelOptions,
      mounts: distinctTargets(mounts),
      disableLabeling: () => [this.appendLinesAt(service.end, this.securityOptLines(service.column, 'label=disable'))],
    };
  }

  /**
   * What an alias points at, from one walk of the document: yaml's `Alias.resolve(doc)` walks the
   * whole document on every call, which made files with many `<<: *x` quadratic.
   */
  private aliasTargets(): Map<unknown, unknown> {
    if (this.targets) return this.targets;
    const targets = new Map<unknown, unknown>();
    const anchors = new Map<string, unknown>();
    if (this.doc) {
      visit(this.doc, (_key, node) => {
        if (isAlias(node)) targets.set(node, anchors.get(node.source));
        else if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
      });
    }
    return (this.targets = targets);
  }

  private resolve(node: unknown): unknown {
    return isAlias(node) ? this.aliasTargets().get(node) : node;
  }

  /** A map's value for `key`, looking through merge keys (`<<: *x`) as compose does; each map is searched once. */
  private get(map: YAMLMap, key: string, seen?: Set<YAMLMap>): Pair | undefined {
    seen?.add(map);
    const own = map.items.find((p) => keyName(p) === key);
    if (own) return own;
    for (const pair of map.items) {
      if (!isMergeKey(pair.key)) continue;
      // Made only once a merge key is met: most maps have none, and this runs for every key read.
      seen ??= new Set<YAMLMap>([map]);
      const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
      for (const source of sources) {
        const resolved = this.resolve(source);
        const found = isMap(resolved) && !seen.has(resolved) ? this.get(resolved, key, seen) : undefined;
        if (found) return found;
      }
    }
    return undefined;
  }

  private value(map: YAMLMap, key: string): unknown {
    return this.resolve(this.get(map, key)?.value);
  }

  private column(offset: number): number {
    return this.lines.position(offset).character;
  }

  private readService(name: string, key: Scalar, service: YAMLMap, bindVolumes: Map<string, BindVolume>): ContainerRun {
    const labelOptions: LabelOption[] = [];
    const securityOpt = this.resolve(this.inherited(service, 'security_opt')?.value);
    if (isSeq(securityOpt)) {
      for (const item of securityOpt.items) {
        const node = this.resolve(item);
        const text = scalarString(node);
        if (text !== undefined && /^label[=:]/.test(text) && isScalar(node) && node.range) {
          labelOptions.push({ text, span: this.span(node as Scalar, 0, text.length) });
        }
      }
    }
    return {
      name,
      nameSpan: { start: key.range![0], end: key.range![1] },
      engine: 'compose',
      labeling: this.labeling((key) => this.inherited(service, key), labelOptions),
      labelOptions,
      mounts: distinctTargets(this.serviceMounts(service, bindVolumes, 0)),
      disableLabeling: () => this.addSecurityOpt(service, 'label=disable'),
    };
  }

  /** The service's own mounts, then those it inherits through `extends` (same file only). */
  private serviceMounts(service: YAMLMap, bindVolumes: Map<string, BindVolume>, depth: number): Mount[] {
    const mounts: Mount[] = [];
    const pair = this.get(service, 'volumes');
    const skimmed = isScalar(pair?.key) && pair.key.range ? this.skimmedVolumes.get(pair.key.range[0]) : undefined;
    const volumes = this.resolve(pair?.value);
    const items = skimmed ?? (isSeq(volumes) && volumes.tag !== '!reset' ? volumes.items : []);
    for (const item of items) {
      const mount = skimmed ? this.readShort(item as SkimmedScalar, bindVolumes) : this.readVolume(this.resolve(item), bindVolumes);
      if (mount) mounts.push(mount);
    }
    const base = this.extended(service);
    if (base && depth < 10) mounts.push(...this.serviceMounts(base, bindVolumes, depth + 1));
    return mounts;
  }

  /** The service this one `extends` in the same file (one in another file is not read). */
  private extended(service: YAMLMap): YAMLMap | undefined {
    const ext = this.value(service, 'extends');
    const baseName = isMap(ext) ? (this.value(ext, 'file') === undefined ? scalarString(this.value(ext, 'service')) : undefined) : scalarString(ext);
    const base = baseName !== undefined ? this.resolve(this.servicesMap().get(baseName, true)) : undefined;
    return isMap(base) && base !== service ? base : undefined;
  }

  /** A service key's pair, inherited through `extends` when the service does not set it. */
  private inherited(service: YAMLMap, key: string): Pair | undefined {
    let current: YAMLMap | undefined = service;
    for (let depth = 0; current && depth < 10; depth++, current = this.extended(current)) {
      const pair = this.get(current, key);
      if (pair) return pair;
    }
    return undefined;
  }

  private labeling(get: (key: string) => Pair | undefined, labelOptions: LabelOption[]): Labeling {
    const disable = labelOptions.find((o) => /^label[=:]disable$/.test(o.text));
    const privileged = get('privileged');
    if (privileged && truthy(this.resolve(privileged.value))) return { disabled: true, reason: 'privileged: true', reasonSpan: this.pairSpan(privileged) };
    if (disable) return { disabled: true, reason: disable.text, reasonSpan: disable.span };
    const level = labelOptions.map((o) => /^label[=:]level:(.+)$/.exec(o.text)?.[1]).find(Boolean);
    // Host namespaces turn labeling off unless an explicit `label=` option keeps it (reference §3f).
    const explicit = labelOptions.some((o) => o.text.startsWith('label='));
    for (const ns of ['pid', 'ipc']) {
      const pair = get(ns);
      if (pair && scalarString(this.resolve(pair.value)) === 'host' && !explicit) {
        return { disabled: true, reason: `${ns}: host`, reasonSpan: this.pairSpan(pair), level };
      }
    }
    return { disabled: false, level };
  }

  private pairSpan(pair: Pair): Span | undefined {
    const k = pair.key as Node | null;
    const v = pair.value as Node | null;
    return k?.range ? { start: k.range[0], end: v?.range?.[1] ?? k.range[1] } : undefined;
  }

  private readVolume(node: unknown, bindVolumes: Map<string, BindVolume>): Mount | undefined {
    if (isScalar(node) && typeof node.value === 'string') return this.readShort(node as Scalar<string>, bindVolumes);
    if (isMap(node)) return this.readLong(node, bindVolumes);
    return undefined;
  }

  /**
   * Where a scalar's value starts in the text, when each value character is one source character
   * (plain, or quoted on one line without escapes); undefined otherwise, and then no edit is offered.
   */
  private valueStart(node: ScalarText): number | undefined {
    if (!node.range) return undefined;
    // A flow scalar's source is the text of its range (skimmed scalars have no source token).
    const src = this.text.slice(node.range[0], node.range[1]);
    if (/[\r\n]/.test(src)) return undefined;
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    if (node.type !== 'PLAIN' && !quoted) return undefined;
    const inner = quoted ? src.slice(1, -1) : src;
    return inner === String(node.value) ? node.range[0] + (quoted ? 1 : 0) : undefined;
  }

  private span(node: ScalarText, from: number, to: number, start = this.valueStart(node)): Span {
    if (start === undefined) return { start: node.range![0], end: node.range![1] };
    return { start: start + from, end: start + to };
  }

  private readShort(node: ScalarText<string>, bindVolumes: Map<string, BindVolume>): Mount | undefined {
    if (!node.range) return undefined;
    const value = node.value;
    const parts = splitShortVolume(value);
    const whole: Span = { start: node.range[0], end: node.range[1] };
    const start = this.valueStart(node);
    const options: MountOption[] = parts.options.map((o) => ({ word: o.text, span: this.span(node, o.start, o.start + o.text.length, start) }));
    const relabels = options.filter((o) => o.word === 'z' || o.word === 'Z');
    const misspelt = options.find((o) => isMisspeltRelabel(o.word));
    const target = parts.target && { text: parts.target.text, span: this.span(node, parts.target.start, parts.target.start + parts.target.text.length, start) };
    const readOnly = options.some((o) => o.word === 'ro');
    const ignoredRelabel = misspelt && { span: misspelt.span, reason: 'unknown-word' as const, detail: misspelt.word };
    if (!parts.source) return { syntax: 'short', span: whole, target, options, relabels, readOnly, ignoredRelabel, kind: 'anonymous', edits: noEdits };
    const sourceSpan = this.span(node, parts.source.start, parts.source.start + parts.source.text.length, start);
    const { value: path, dynamic } = interpolate(parts.source.text);
    const isHost = looksLikeHostPath(path) || (dynamic && path.startsWith('$'));
    const colon = start !== undefined && parts.modeStart !== undefined ? start + parts.modeStart - 1 : undefined;
    const edits = shortSyntaxEditor(start === undefined ? undefined : start + value.length, options, relabels, colon);
    const bind = isHost ? undefined : bindVolumes.get(path);
    const source: HostSource = bind ? { ...bind.source, span: sourceSpan } : { text: parts.source.text, span: sourceSpan, path, dynamic };
    // Built whole, not spread from a shared part: spreading was most of this function's time.
    return { syntax: bind ? 'driver-opts' : 'short', span: whole, target, options, relabels, readOnly, ignoredRelabel, kind: isHost || bind ? 'host' : 'named', source, edits };
  }

  private readLong(map: YAMLMap, bindVolumes: Map<string, BindVolume>): Mount | undefined {
    const type = scalarString(this.value(map, 'type'));
    if (type !== 'bind' && type !== 'volume') return undefined;
    if (!map.range) return undefined;
    const sourceNode = this.value(map, 'source');
    const targetNode = this.value(map, 'target');
    const target = isScalar(targetNode) && targetNode.range ? { text: String(targetNode.value), span: this.span(targetNode, 0, String(targetNode.value).length) } : undefined;
    const bindNode = this.value(map, 'bind');
    const bind = isMap(bindNode) ? bindNode : undefined;
    const selinuxNode = bind ? this.value(bind, 'selinux') : undefined;
    const selinux = scalarString(selinuxNode);
    const relabels: MountOption[] = [];
    let ignoredRelabel: Mount['ignoredRelabel'];
    const selinuxSpan = isScalar(selinuxNode) && selinuxNode.range ? { start: selinuxNode.range[0], end: selinuxNode.range[1] } : undefined;
    const blocker = bind && this.mountApiKey(bind);
    if (selinuxSpan && selinux !== undefined) {
      if (type !== 'bind') ignoredRelabel = { span: selinuxSpan, reason: 'not-a-bind', detail: 'type: volume' };
      else if (selinux !== 'z' && selinux !== 'Z') ignoredRelabel = { span: selinuxSpan, reason: 'unknown-word', detail: selinux };
      else if (blocker) ignoredRelabel = { span: selinuxSpan, reason: 'mount-api', detail: blocker };
      else {
        relabels.push({ word: selinux, span: selinuxSpan });
        if (bind && !this.get(bind, 'create_host_path')) {
          const fix = (): Edit[] | undefined => this.addEntries(bind, ['create_host_path: true']);
          ignoredRelabel = { span: selinuxSpan, reason: 'needs-create-host-path', detail: 'create_host_path', fix };
        }
      }
    }
    const base = {
      syntax: 'long' as const,
      span: { start: map.range[0], end: map.range[1] },
      target,
      options: relabels,
      relabels,
      ignoredRelabel,
      readOnly: truthy(this.value(map, 'read_only')),
    };
    if (!isScalar(sourceNode) || !sourceNode.range || scalarString(sourceNode) === undefined) {
      return type === 'volume' ? { ...base, kind: 'anonymous', edits: noEdits } : undefined;
    }
    const text = scalarString(sourceNode)!;
    const { value: path, dynamic } = interpolate(text);
    const source: HostSource = { text, span: this.span(sourceNode, 0, text.length), path, dynamic };
    if (type === 'volume') {
      const bindVolume = bindVolumes.get(path);
      if (!bindVolume) return { ...base, kind: 'named', source, edits: noEdits };
      // The relabel of a driver_opts bind is written on the service's use of it, in short syntax only.
      return { ...base, syntax: 'driver-opts', kind: 'host', source: { ...bindVolume.source, span: source.span }, edits: noEdits };
    }
    return { ...base, kind: 'host', source, edits: this.longEditor(map, bind, blocker, selinuxNode) };
  }

  /** The `bind` key that makes docker compose use the Mount API, which cannot carry a relabel. */
  private mountApiKey(bind: YAMLMap): string | undefined {
    const chp = this.value(bind, 'create_host_path');
    if (isScalar(chp) && (chp.value === false || chp.value === 'false')) return 'create_host_path: false';
    if (this.get(bind, 'propagation')) return 'propagation';
    if (this.get(bind, 'recursive')) return 'recursive';
    return undefined;
  }

  private longEditor(map: YAMLMap, bind: YAMLMap | undefined, blocker: string | undefined, selinuxNode: unknown): RelabelEditor {
    const selinux = isScalar(selinuxNode) && selinuxNode.range ? selinuxNode : undefined;
    return {
      add: (r) => {
        if (blocker || selinux) return undefined;
        // Docker compose before v5.0.2 treats a missing create_host_path as false and drops the relabel.
        const needsCreate = !bind || this.get(bind, 'create_host_path') === undefined;
        const entries = [`selinux: ${r}`, ...(needsCreate ? ['create_host_path: true'] : [])];
        if (bind) return this.addEntries(bind, entries);
        if (this.get(map, 'bind')) return undefined;
        if (map.flow) return this.addFlowEntry(map, `bind: { ${entries.join(', ')} }`);
        const keyColumn = this.keyColumn(map);
        if (keyColumn === undefined) return undefined;
        const child = ' '.repeat(keyColumn + this.indentStep);
        return [this.appendLines(map, [' '.repeat(keyColumn) + 'bind:', ...entries.map((e) => child + e)])];
      },
      remove: () => {
        if (!selinux || !bind) return undefined;
        const pair = bind.items.find((p) => p.value === selinux);
        if (!pair || bind.flow || !isScalar(pair.key) || !pair.key.range) return undefined;
        const line = this.lines.position(pair.key.range[0]).line;
        if (bind.items.length === 1) return undefined;
        return [{ start: this.lines.lineStart(line), end: this.lines.lineStart(line + 1) ?? this.text.length, newText: '' }];
      },
      set: (r) => (selinux && selinux.value !== r ? [{ start: selinux.range![0], end: selinux.range![1], newText: r }] : undefined),
    };
  }

  private keyColumn(map: YAMLMap): number | undefined {
    const key = map.items[0]?.key as Node | undefined;
    return key?.range ? this.column(key.range[0]) : undefined;
  }

  /** Adds `key: value` entries to a block or flow map. */
  private addEntries(map: YAMLMap, entries: string[]): Edit[] | undefined {
    if (map.flow) return this.addFlowEntry(map, entries.join(', '));
    const column = this.keyColumn(map);
    if (column === undefined) return undefined;
    return [this.appendLines(map, entries.map((e) => ' '.repeat(column) + e))];
  }

  private addFlowEntry(collection: { range?: [number, number, number] | null; items: unknown[] }, entry: string): Edit[] | undefined {
    if (!collection.range) return undefined;
    let close = collection.range[1] - 1;
    while (close > collection.range[0] && /\s/.test(this.text[close])) close--;
    if (!'}]'.includes(this.text[close])) return undefined;
    let at = close;
    while (at > collection.range[0] && /[ \t]/.test(this.text[at - 1])) at--;
    return [{ start: at, end: at, newText: (collection.items.length > 0 ? ', ' : '') + entry }];
  }

  /** Inserts whole lines after the last line of a block collection, keeping its comments. */
  private appendLines(collection: { items: unknown[] }, lines: string[]): Edit {
    const last = collection.items[collection.items.length - 1];
    const node = (isPair(last) ? ((last.value as Node | null) ?? (last.key as Node)) : (last as Node)) as Node;
    return this.appendLinesAt(node.range![1], lines);
  }

  /** Inserts whole lines after the block collection whose last node ends at `end`. */
  private appendLinesAt(end: number, lines: string[]): Edit {
    const endsLine = this.text[end - 1] === '\n';
    const at = endsLine ? end : this.lines.lineEnd(this.lines.position(end).line);
    const body = lines.join(this.eol);
    return endsLine ? { start: at, end: at, newText: body + this.eol } : { start: at, end: at, newText: this.eol + body };
  }

  /** Adds an entry to the service's `security_opt`, creating the key when it is absent. */
  private addSecurityOpt(service: YAMLMap, option: string): Edit[] | undefined {
    const existing = this.get(service, 'security_opt');
    if (existing && !service.items.includes(existing)) return undefined; // Inherited through a merge key.
    const seq = this.resolve(existing?.value);
    if (existing) {
      if (!isSeq(seq) || !seq.range) return undefined;
      if (seq.flow) return this.addFlowEntry(seq, option);
      const lastItem = seq.items[seq.items.length - 1] as Node | undefined;
      if (!lastItem?.range) return undefined;
      const line = this.lines.position(lastItem.range[0]).line;
      const indent = /^[ \t]*(?:-[ \t]*)?/.exec(this.text.slice(this.lines.lineStart(line), this.lines.lineEnd(line)))![0];
      return [this.appendLines(seq, [indent.replace(/-[ \t]*$/, '') + '- ' + option])];
    }
    if (service.flow) return this.addFlowEntry(service, `security_opt: [${option}]`);
    const column = this.keyColumn(service);
    if (column === undefined) return undefined;
    return [this.appendLines(service, this.securityOptLines(column, option))];
  }

  /** A new `security_opt` key of one option, for a map whose keys start at `column`. */
  private securityOptLines(column: number, option: string): string[] {
    return [' '.repeat(column) + 'security_opt:', ' '.repeat(column + this.indentStep) + '- ' + option];
  }

  /** Top-level local volumes that are binds of a host directory (`driver_opts` `o: bind`, `device`). */
  private bindVolumes(): Map<string, BindVolume> {
    const out = new Map<string, BindVolume>();
    const volumes = this.resolve(this.doc?.get('volumes', true));
    if (!isMap(volumes)) return out;
    for (const pair of volumes.items) {
      const name = keyName(pair);
      const volume = this.resolve(pair.value);
      if (!name || !isMap(volume)) continue;
      const driver = scalarString(this.value(volume, 'driver'));
      const opts = this.value(volume, 'driver_opts');
      if ((driver !== undefined && driver !== 'local') || !isMap(opts)) continue;
      const o = scalarString(this.value(opts, 'o')) ?? '';
      const device = this.value(opts, 'device');
      const deviceText = scalarString(device);
      if (!/(^|,)r?bind(,|$)/.test(o) || deviceText === undefined || !isScalar(device) || !device.range) continue;
      const { value: path, dynamic } = interpolate(deviceText);
      out.set(name, { source: { text: deviceText, span: this.span(device, 0, deviceText.length), path, dynamic } });
    }
    return out;
  }
}

/** What the short-syntax reader reads of a scalar: yaml's node, or a list item the skim read (`SkimmedScalar`). */
interface ScalarText<T = unknown> {
  value: T;
  range?: [number, number, number] | null;
  type?: Scalar.Type;
}

/** Mounts without those whose target an earlier one already mounts (compose keeps the first). */
function distinctTargets(mounts: Mount[]): Mount[] {
  const seen = new Set<string>();
  return mounts.filter((mount) => {
    const target = mount.target?.text;
    if (target !== undefined && seen.has(target)) return false;
    if (target !== undefined) seen.add(target);
    return true;
  });
}

/**
 * A service the skim read whole, for `extends` to find: its key and a map of its `volumes` key,
 * all that the reader reads of a service it extends (its mounts; the skim reads a service whole
 * only without `extends`, `security_opt`, `privileged`, `pid` or `ipc`).
 */
function skimmedService(service: SkimmedService): Pair {
  const plainKey = (name: string, start: number): Scalar<string> => {
    const node = new Scalar(name);
    node.range = [start, start + name.length, start + name.length];
    node.type = 'PLAIN';
    return node;
  };
  const entries = new YAMLMap();
  // The list's items are never read from it: the reader takes them from `Skimmed.volumes`.
  if (service.volumesKey !== undefined) entries.items.push(new Pair(plainKey('volumes', service.volumesKey), new YAMLSeq()));
  return new Pair(plainKey(service.name, service.start), entries);
}

interface BindVolume {
  source: HostSource;
}

