/**
 * devcontainer.json (JSON with comments, read with jsonc-parser as VS Code does): `mounts` (strings
 * in `--mount` syntax, or objects), `workspaceMount`, and `runArgs` (a `docker run` command line).
 * Dev Containers runs docker by default, whose `--mount` cannot relabel: the fix moves a mount into
 * `runArgs` as `-v SRC:DST:Z`; with podman (`selinuxMounts.devcontainerEngine`) it adds
 * `relabel=private` instead.
 */
import { modify, parseTree, type Node } from 'jsonc-parser';
import { interpolate } from '../interpolation';
import type { ContainerRun, Edit, Mount, ParsedFile, RelabelEditor, Span } from '../model';
import { applyEdits, diffEdit, eolOf } from '../text';
import { featureDisablesLabeling } from './devcontainerFeatures';
import { noEdits } from './edits';
import { parseMountFlag } from './mountFlag';
import type { SourceParser } from './parser';
import { readRun } from './shell/runCommand';
import type { Word } from './shell/words';

export const devcontainerParser: SourceParser = {
  kind: 'devcontainer',
  languageIds: [],
  matchesName: (name) => /^\.?devcontainer\.json$/.test(name),
  matchesContent: () => false,
  parse: (text, options) => new DevcontainerReader(text, options.devcontainerEngine).read(),
  commentPrefix: '//',
};

/**
 * Dev Containers variables: the workspace folder is the project, `localEnv:HOME` (and the older
 * `env:HOME`) the home; the common `${localEnv:HOME}${localEnv:USERPROFILE}` is the home on Linux,
 * where USERPROFILE is unset and so empty.
 */
function resolve(source: string): { value: string; dynamic: boolean } {
  const local = source
    .replace(/^\$\{localWorkspaceFolder\}/, '.')
    .replace(/^\$\{(?:localEnv|env):HOME\}(?:\$\{(?:localEnv|env):USERPROFILE\})?/, '~')
    .replace(/^\$\{(?:localEnv|env):USERPROFILE\}/, '~');
  return interpolate(local);
}

const escapes: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class DevcontainerReader {
  constructor(
    private readonly text: string,
    private readonly engine: 'docker' | 'podman',
  ) {}

  /** A JSON string as a word: its value, with each character's offset (escapes resolved). */
  private word(node: Node): Word {
    const word: Word = { value: '', offsets: [], span: { start: node.offset, end: node.offset + node.length } };
    const end = node.offset + node.length - 1;
    for (let i = node.offset + 1; i < end; i++) {
      let c = this.text[i];
      const at = i;
      if (c === '\\') {
        const e = this.text[++i];
        if (e === 'u') {
          c = String.fromCharCode(parseInt(this.text.slice(i + 1, i + 5), 16));
          i += 4;
        } else c = escapes[e] ?? e;
      }
      word.value += c;
      word.offsets.push(at);
    }
    return word;
  }

  private child(node: Node | undefined, key: string): Node | undefined {
    return node?.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
  }

  read(): ParsedFile {
    const root = parseTree(this.text, [], { allowTrailingComma: true, disallowComments: false });
    if (root?.type !== 'object') return { kind: 'devcontainer', runs: [] };
    const runArgs = this.child(root, 'runArgs');
    const words = runArgs?.type === 'array' ? (runArgs.children ?? []).filter((n) => n.type === 'string').map((n) => this.word(n)) : [];
    const at = runArgs ?? root;
    const marker: Word = { value: 'run', offsets: [], span: { start: at.offset, end: at.offset } };
    const run: ContainerRun = readRun({ engine: this.engine, engineWord: { ...marker, value: this.engine }, sub: marker, rest: words, resolve });
    run.name = 'the dev container';
    this.readLabeling(root, run);
    run.disableLabeling = () => this.addRunArgs(this.text, ['--security-opt', 'label=disable']);
    const mounts = this.child(root, 'mounts');
    (mounts?.children ?? []).forEach((entry, index) => {
      const mount = this.mountEntry(entry, index);
      if (mount) run.mounts.push(mount);
    });
    const workspace = this.child(root, 'workspaceMount');
    if (workspace?.type === 'string') {
      const mount = this.flagMount(this.word(workspace));
      if (mount?.kind === 'host' && this.engine === 'docker') {
        // The workspace mount cannot move into runArgs: the way out under docker is label=disable.
        mount.edits = { ...mount.edits, add: () => run.disableLabeling(), describeAdd: () => 'Run the dev container with --security-opt label=disable (docker\'s --mount cannot relabel the workspace)' };
      }
      if (mount) run.mounts.push(mount);
    }
    return { kind: 'devcontainer', runs: [run] };
  }

  /** Top-level `privileged` and `securityOpt`, and Features that set them (devcontainerFeatures.ts). */
  private readLabeling(root: Node, run: ContainerRun): void {
    const securityOpt = this.child(root, 'securityOpt');
    for (const opt of securityOpt?.type === 'array' ? (securityOpt.children ?? []) : []) {
      if (opt.type === 'string' && /^label[=:]/.test(String(opt.value))) run.labelOptions.push({ text: String(opt.value), span: { start: opt.offset, end: opt.offset + opt.length } });
    }
    const level = run.labeling.level ?? run.labelOptions.map((o) => /^label[=:]level:(.+)$/.exec(o.text)?.[1]).find(Boolean);
    const off = (reason: string, reasonSpan: Span): void => {
      if (!run.labeling.disabled) run.labeling = { disabled: true, reason, reasonSpan, level };
    };
    const spanOf = (node: Node): Span => ({ start: node.offset, end: node.offset + node.length });
    const privileged = this.child(root, 'privileged');
    if (privileged?.value === true) off('"privileged": true', spanOf(privileged));
    const disable = run.labelOptions.find((o) => /^label[=:]disable$/.test(o.text));
    if (disable) off(`"securityOpt": ["${disable.text}"]`, disable.span);
    const features = this.child(root, 'features');
    for (const pair of features?.type === 'object' ? (features.children ?? []) : []) {
      const key = pair.children?.[0];
      const reason = typeof key?.value === 'string' ? featureDisablesLabeling(key.value) : undefined;
      if (key && reason) off(reason, spanOf(key));
    }
    if (!run.labeling.disabled && level) run.labeling = { ...run.labeling, level };
  }

  private flagMount(word: Word): Mount | undefined {
    const contiguous = word.offsets.length === 0 || word.offsets[word.offsets.length - 1] - word.offsets[0] === word.value.length - 1;
    return parseMountFlag(word.value, { engine: this.engine, base: contiguous ? word.offsets[0] : undefined, whole: word.span, resolve });
  }

  /** One `mounts` entry: a `--mount` string or a `{source, target, type}` object. */
  private mountEntry(entry: Node, index: number): Mount | undefined {
    let mount: Mount | undefined;
    if (entry.type === 'string') mount = this.flagMount(this.word(entry));
    else if (entry.type === 'object') {
      const get = (key: string): Node | undefined => this.child(entry, key);
      const source = get('source');
      const target = get('target');
      const type = get('type')?.value ?? 'volume';
      if (type !== 'bind' && type !== 'volume') return undefined;
      if (source?.type !== 'string') return undefined;
      const src = this.word(source);
      const { value: path, dynamic } = resolve(src.value);
      mount = {
        syntax: 'mount',
        kind: type === 'bind' ? 'host' : 'named',
        span: { start: entry.offset, end: entry.offset + entry.length },
        source: { text: src.value, span: src.span, path, dynamic },
        target: target?.type === 'string' ? { text: String(target.value), span: this.word(target).span } : undefined,
        options: [],
        relabels: [],
        readOnly: false,
        edits: noEdits,
      };
    }
    if (!mount || mount.kind !== 'host' || this.engine !== 'docker') return mount;
    return { ...mount, edits: this.moveToRunArgs(mount, index) };
  }

  /** Docker's `--mount` cannot relabel: the entry leaves `mounts` and joins `runArgs` as `-v SRC:DST:Z`. */
  private moveToRunArgs(mount: Mount, index: number): RelabelEditor {
    return {
      add: (r) => {
        if (!mount.source || !mount.target) return undefined;
        const spec = `${mount.source.text}:${mount.target.text}:${mount.readOnly ? 'ro,' : ''}${r}`;
        // The two changes can touch (jsonc-parser rewrites a whole emptied array): apply them in
        // turn and hand back the one edit between the old text and the new.
        const removed = applyEdits(this.text, modify(this.text, ['mounts', index], undefined, { formattingOptions: this.formatting() }).map(toEdit));
        const added = applyEdits(removed, this.addRunArgs(removed, ['-v', spec]));
        return [diffEdit(this.text, added)];
      },
      remove: () => undefined,
      set: () => undefined,
      describeAdd: (r) => `Move to runArgs as -v …:${r} (docker's --mount cannot relabel)`,
    };
  }

  private formatting(): { insertSpaces: boolean; tabSize: number; eol: string } {
    const indent = /\n([ \t]+)"/.exec(this.text)?.[1] ?? '  ';
    return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: eolOf(this.text) };
  }

  /** Appends strings to the `runArgs` of `text`, creating it when there is none. */
  private addRunArgs(text: string, values: string[]): Edit[] {
    const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    const runArgs = this.child(root, 'runArgs');
    const json = values.map((v) => JSON.stringify(v)).join(', ');
    if (runArgs?.type === 'array') {
      const last = runArgs.children?.[runArgs.children.length - 1];
      const at = last ? last.offset + last.length : runArgs.offset + 1;
      // An array written one entry per line gets one more line per value, at the entries' indentation.
      const lineStart = last ? text.lastIndexOf('\n', last.offset) + 1 : 0;
      const indent = last && text.slice(runArgs.offset, last.offset).includes('\n') ? /^[ \t]*/.exec(text.slice(lineStart))![0] : undefined;
      const eol = eolOf(text);
      const newText = indent !== undefined ? values.map((v) => `,${eol}${indent}${JSON.stringify(v)}`).join('') : last ? `, ${json}` : json;
      return [{ start: at, end: at, newText }];
    }
    return modify(text, ['runArgs'], values, { formattingOptions: this.formatting() }).map(toEdit);
  }
}

function toEdit(e: { offset: number; length: number; content: string }): Edit {
  return { start: e.offset, end: e.offset + e.length, newText: e.content };
}
