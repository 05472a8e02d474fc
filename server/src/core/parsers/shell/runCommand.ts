/**
 * One `docker run` / `podman create` / `docker compose run` command line, from its words to a
 * ContainerRun: global options, the subcommand, the run options with their arity, and the mounts.
 */
import type { ContainerRun, Edit, Engine, LabelOption, Labeling, Mount, MountOption, Span } from '../../model';
import { relabelMeaning } from '../../relabels';
import { noEdits, shortSyntaxEditor } from '../edits';
import { parseMountFlag } from '../mountFlag';
import { isMisspeltRelabel, splitShortVolume } from '../shortVolume';
import {
  booleanBuildOptions,
  booleanLongOptions,
  composeValueOptions,
  globalValueOptions,
  valueShortBuildOptions,
  valueShortOptions,
} from './runOptions';
import { volumeSubstitution } from './scope';
import { sliceWord, spanOf, type Word } from './words';

export type ShellEngine = Extract<Engine, 'docker' | 'podman' | 'unknown'>;

interface Option {
  name: string;
  /** The option's own word (`--volume`, `-v`, `--volume=x`). */
  flag: Word;
  value?: Word;
}

/** The index of the first word from `i` on that is not an option, or an option's value. */
export function skipOptions(words: Word[], i: number, valued: Set<string>): number {
  while (i < words.length && words[i].value.startsWith('-')) {
    const name = words[i].value.replace(/^--?/, '').split('=')[0];
    i += !words[i].value.includes('=') && valued.has(name) ? 2 : 1;
  }
  return i;
}

/** The words after the engine: `[global options] run|create|container run|compose [options] run ...`. */
export function findRunArgs(words: Word[], builds = false): { sub: Word; rest: Word[]; compose: boolean } | undefined {
  let i = skipOptions(words, 0, globalValueOptions);
  let sub = words[i]?.value;
  const compose = sub === 'compose';
  if (compose) i = skipOptions(words, i + 1, composeValueOptions) - 1;
  if (sub === 'container' || compose || (builds && sub === 'image')) {
    const next = words[i + 1]?.value;
    const ok = sub === 'image' ? next === 'build' : next === 'run' || (!compose && next === 'create');
    if (!ok) return undefined;
    i++;
    sub = next;
  }
  // podman and buildah also bind with -v while building (`podman build -v`, `buildah bud -v`).
  const building = builds && (sub === 'build' || sub === 'bud' || sub === 'from');
  if (sub !== 'run' && sub !== 'create' && !building) return undefined;
  return { sub: words[i], rest: words.slice(i + 1), compose };
}

/**
 * An expansion whose words the script does not tell (`$EXTRA_ARGS`, `"${opts[@]}"`, `$(gpu_flags)`),
 * unless its name says it is the image (`$IMAGE -v` passes `-v` to the image).
 */
const unknownExpansion = /^\$(?:\w+|\{[^}]*\}|\(.*\))$/s;
const imageName = /image|img|tag|repo/i;

/** Run options up to the image; the image and its arguments are not options. */
function readOptions(words: Word[], build: boolean): Option[] {
  const booleanLong = build ? booleanBuildOptions : booleanLongOptions;
  const valueShort = build ? valueShortBuildOptions : valueShortOptions;
  const options: Option[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    // Unknown expansions followed by more options are options themselves: read on.
    if (unknownExpansion.test(w.value) && !imageName.test(w.value) && words[i + 1]?.value.startsWith('-')) continue;
    if (w.value === '--' || !w.value.startsWith('-') || w.value === '-') break;
    if (w.value.startsWith('--')) {
      const eq = w.value.indexOf('=');
      const name = w.value.slice(2, eq < 0 ? undefined : eq);
      if (eq >= 0) options.push({ name, flag: w, value: sliceWord(w, eq + 1) });
      else if (booleanLong.has(name)) options.push({ name, flag: w });
      else options.push({ name, flag: w, value: words[++i] });
      continue;
    }
    // A cluster of short flags: `-it`, `-v x`, `-vx`, `-v=x`.
    for (let j = 1; j < w.value.length; j++) {
      const c = w.value[j];
      if (!valueShort.has(c)) {
        options.push({ name: c, flag: w });
        continue;
      }
      const from = w.value[j + 1] === '=' ? j + 2 : j + 1;
      options.push({ name: c, flag: w, value: from < w.value.length ? sliceWord(w, from) : words[++i] });
      break;
    }
  }
  return options;
}

const span = (word: Word, from: number, to: number): Span => spanOf(word, from, to) ?? word.span;

/** `-v SRC:DST[:OPTS]` as a Mount. */
function volumeMount(word: Word, engine: ShellEngine, resolve: RunContext['resolve']): Mount {
  const parts = splitShortVolume(word.value);
  const options: MountOption[] = parts.options.map((o) => ({ word: o.text, span: span(word, o.start, o.start + o.text.length) }));
  const relabels = options.filter((o) => o.word === 'z' || o.word === 'Z');
  const target = parts.target && { text: parts.target.text, span: span(word, parts.target.start, parts.target.start + parts.target.text.length) };
  // `:Z` goes right after the last character, wherever quotes split the word (`"$PWD":/src`).
  const last = word.offsets[word.offsets.length - 1];
  const end = last === undefined ? undefined : last + 1;
  const unknown = options.find((o) => isMisspeltRelabel(o.word));
  const base = {
    syntax: 'short' as const,
    span: word.span,
    target,
    options,
    relabels,
    readOnly: options.some((o) => o.word === 'ro'),
    ignoredRelabel: unknown && { span: unknown.span, reason: 'unknown-word' as const, detail: unknown.word },
  };
  if (!parts.source) return { ...base, kind: 'anonymous', edits: noEdits };
  const text = parts.source.text;
  const { value: path, dynamic } = resolve(text);
  const source = { text, span: span(word, parts.source.start, parts.source.start + text.length), path, dynamic };
  // docker CLI ≥ 23 and podman: an absolute or `.`-relative source is a bind (reference §1, §2).
  // A variable the script does not tell stays a host path; one it assigns a plain name, or
  // `$(docker volume create)`, is a volume.
  const isHost =
    path === '' || (!volumeSubstitution.test(path) && (/^[/.~$`]/.test(path) || (engine !== 'podman' && /^\p{L}:[\\/]/u.test(path))));
  if (!isHost) return { ...base, kind: 'named', source, edits: noEdits };
  const colonAt = parts.modeStart !== undefined ? spanOf(word, parts.modeStart - 1, parts.modeStart) : undefined;
  // The colon must be the file's own character, not one behind a quote (`./a:/b:"z"`).
  const colon = colonAt && word.value[parts.modeStart! - 1] === ':' && colonAt.end === (options[0]?.span.start ?? -1) ? colonAt.start : undefined;
  return { ...base, kind: 'host', source, edits: shortSyntaxEditor(end, options, relabels, colon) };
}

/** `--mount` keys that `-v` can say too; any other key is lost by the rewrite, so it is not safe. */
const rewritable = new Set(['type', 'src', 'source', 'dst', 'target', 'destination', 'ro', 'readonly', 'bind-propagation', 'consistency']);

/**
 * The source as `-v` reads it as a path: `-v data:/x` names a volume where `--mount type=bind,source=data`
 * binds the folder `data`, so a bare name gets `./` (found by test/property: the rewrite turned a
 * bind into a volume, which changed the relabel preferred for the other mounts).
 */
function asBindSource(source: string): string {
  // Docker's volume name syntax; anything else (`/x`, `./x`, `$X`, a `<placeholder>`) stays a path.
  return /^[A-Za-z0-9][\w.-]*$/.test(source) ? `./${source}` : source;
}

/** Docker's `--mount` cannot relabel: the fix rewrites it as `-v SRC:DST[:ro,propagation],Z` (reference §11.1). */
function rewriteAsVolume(mount: Mount, flag: Word, value: Word): Mount['edits'] {
  const field = (key: string): string | undefined => new RegExp(`(?:^|,)${key}=([^,]*)`).exec(value.value)?.[1];
  const carried = [mount.readOnly ? 'ro' : '', field('bind-propagation') ?? '', field('consistency') ?? ''].filter(Boolean);
  return {
    add: (r) => {
      if (!mount.source || !mount.target) return undefined;
      const spec = `${asBindSource(mount.source.text)}:${mount.target.text}:${[...carried, r].join(',')}`;
      // A `$` made literal (by single quotes or a backslash) stays literal in single quotes.
      const quoted = value.literalDollar
        ? `'${spec.replace(/'/g, `'\\''`)}'`
        : /[\s"'\\;&|<>()]/.test(spec)
          ? `"${spec.replace(/(["\\`])/g, '\\$1')}"`
          : spec;
      const edit: Edit = { start: flag.span.start, end: value.span.end, newText: `-v ${quoted}` };
      return [edit];
    },
    remove: () => undefined,
    set: () => undefined,
    describeAdd: (r) => `Rewrite as -v …:${r} (docker's --mount cannot relabel; ${relabelMeaning[r]})`,
    // Single quotes around a value with literal `$` may have held expansions too (`'a'$X'b'`), and a
    // bare relative source (`source=data`) is one older docker refuses: review those.
    addIsSafe: mount.options.every((o) => rewritable.has(o.word)) && !value.literalDollar && asBindSource(mount.source?.text ?? '') === mount.source?.text,
  };
}

export interface RunContext {
  engine: ShellEngine;
  engineWord: Word;
  sub: Word;
  rest: Word[];
  /** The specs a `-v "$VOL"` value stands for, where the script writes them. */
  specs?: (value: Word) => Word[] | undefined;
  /** Resolves a source as far as the script tells (its own variables included). */
  resolve: (source: string) => { value: string; dynamic: boolean };
  /** The whole command, when it is one in the file (not assembled from an array). */
  statement?: Span;
  /** `docker compose run`: it has no `--security-opt`. */
  composeRun?: boolean;
}

/** A value kept in a variable (`VOL="$DIR:/data"`, then `-v "$VOL"`) is read where it is written. */
function specsOf(value: Word, ctx: RunContext): Word[] {
  const specs = ctx.specs?.(value)?.filter((w) => splitShortVolume(w.value).source);
  return specs?.length ? specs : [value];
}

/** The container a run command describes. */
export function readRun(ctx: RunContext): ContainerRun {
  const { engine } = ctx;
  const options = readOptions(ctx.rest, ['build', 'bud', 'from'].includes(ctx.sub.value));
  const mounts: Mount[] = [];
  const labelOptions: LabelOption[] = [];
  let name: string | undefined;
  let privileged: Option | undefined;
  const hostNamespaces: Option[] = [];
  for (const o of options) {
    const v = o.value;
    if (o.name === 'v' || o.name === 'volume') {
      for (const spec of v ? specsOf(v, ctx) : []) mounts.push(volumeMount(spec, engine, ctx.resolve));
    } else if (o.name === 'mount' && v) {
      const kept = ctx.specs?.(v)?.filter((w) => /(?:^|,)(?:type|src|source)=/.test(w.value));
      for (const spec of kept?.length ? kept : [v]) {
        const contiguous = spanOf(spec, 0, spec.value.length);
        // An unknown engine may be podman, whose --mount takes relabel=: read it as podman's.
        const podmanish = engine !== 'docker';
        const mount = parseMountFlag(spec.value, {
          engine: podmanish ? 'podman' : 'docker',
          base: contiguous?.start,
          whole: spec.span,
          resolve: ctx.resolve,
        });
        if (!mount) continue;
        // An unknown engine may be docker, whose --mount takes no relabel: rewrite as -v there too
        // (where the spec is the flag's own value; one kept in a variable gets no rewrite).
        const edits = engine !== 'podman' && mount.kind === 'host' ? (spec === v ? rewriteAsVolume(mount, o.flag, v) : noEdits) : mount.edits;
        mounts.push({ ...mount, edits });
      }
    } else if (o.name === 'privileged' && (!v || /^(true|1)$/.test(v.value))) {
      privileged = o;
    } else if (o.name === 'security-opt' && v && /^label[=:]/.test(v.value)) {
      labelOptions.push({ text: v.value, span: v.span });
    } else if ((o.name === 'pid' || o.name === 'ipc') && v?.value === 'host') {
      hostNamespaces.push(o);
    } else if (o.name === 'name' && v) {
      name = v.value;
    }
  }
  const engineName = engine === 'unknown' || /(^|\/)buildah$/.test(ctx.engineWord.value) ? ctx.engineWord.value.replace(/^.*\//, '') : engine;
  return {
    name: name ?? `${engineName}${ctx.composeRun ? ' compose' : ''} ${ctx.sub.value}`,
    nameSpan: ctx.engineWord.span,
    engine,
    labeling: labeling(privileged, labelOptions, hostNamespaces),
    labelOptions,
    mounts,
    disableLabeling: () => (ctx.composeRun ? undefined : [{ start: ctx.sub.span.end, end: ctx.sub.span.end, newText: ' --security-opt label=disable' }]),
    disableLabelingTitle: '--security-opt label=disable',
    statement: ctx.statement,
  };
}

function labeling(privileged: Option | undefined, labelOptions: LabelOption[], hostNamespaces: Option[]): Labeling {
  const level = labelOptions.map((o) => /^label[=:]level:(.+)$/.exec(o.text)?.[1]).find(Boolean);
  if (privileged) return { disabled: true, reason: '--privileged', reasonSpan: privileged.flag.span, level };
  const disable = labelOptions.find((o) => /^label[=:]disable$/.test(o.text));
  if (disable) return { disabled: true, reason: `--security-opt ${disable.text}`, reasonSpan: disable.span, level };
  // Host namespaces turn labeling off unless an explicit `label=` option keeps it (reference §3f).
  const ns = hostNamespaces[0];
  if (ns && !labelOptions.some((o) => o.text.startsWith('label='))) {
    return { disabled: true, reason: `--${ns.name}=host`, reasonSpan: ns.flag.span, level };
  }
  return { disabled: false, level };
}
