/**
 * Hover on an SELinux context (`system_u:object_r:container_file_t:s0`), an MCS level
 * (`s0:c324,c837`, `s0-s0:c0.c1023`) or a known type name, in any text (facts: reference §0, §4, §6, §10).
 */
import { toPlainText } from '../hoverTexts';
import type { Span } from '../model';
import {
  canonicalType,
  formatLevel,
  isContainerDomain,
  isContainerFileType,
  knownRoles,
  knownUsers,
  maxCategory,
  parseContext,
  parseRange,
  privilegedLevel,
  typeInfo,
  type McsRange,
  type SelinuxContext,
} from './context';

export interface ContextHover {
  /** Markdown when asked for, else plain text. */
  contents: string;
  span: Span;
}

const cats = String.raw`c\d{1,4}(?:[.,]c\d{1,4})*`;
const level = String.raw`s\d{1,3}(?::${cats})?`;
const range = String.raw`${level}(?:-${level})?`;
/** Not followed by more of a name or of a category list; a `,` or `.` ending a sentence is fine. */
const after = String.raw`(?![\w-]|[.,:]c\d|:s\d)`;

/**
 * A full context. The `_u:` / `_r:` / `_t` shapes (or the old `root` user) keep times (`12:30:45`),
 * ports (`8080:80`) and paths (`/a:/b`) out.
 */
export const contextPattern = new RegExp(String.raw`(?<![\w.:-])(?:\w+_u|root):\w+_r:\w+_t(?::${range})?${after}`, 'g');
/** A level on its own: with categories or as a range; plain `s0` only right after `level:`/`Level=`. */
export const levelPattern = new RegExp(
  String.raw`(?<![\w./-])(?:s\d{1,3}:${cats}(?:-${level})?|s\d{1,3}-${level})${after}|(?<=[Ll]evel[:=])s\d{1,3}${after}`,
  'g',
);
const typePattern = /(?<![\w.-])[a-z][a-z0-9_]*_t(?![\w-])/g;

function code(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}

function lineAround(text: string, offset: number): Span {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  let end = nl < 0 ? text.length : nl;
  if (end > start && text[end - 1] === '\r') end--;
  return { start, end };
}

function find(re: RegExp, text: string, line: Span, offset: number): Span | undefined {
  const slice = text.slice(line.start, line.end);
  for (const m of slice.matchAll(re)) {
    const start = line.start + m.index;
    const end = start + m[0].length;
    if (start <= offset && offset <= end) return { start, end };
    if (start > offset) break;
  }
  return undefined;
}

/** Hover for the context, level or known type at `offset`, if any. */
export function contextHoverAt(text: string, offset: number, markdown: boolean): ContextHover | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const line = lineAround(text, offset);
  const result = (contents: string | undefined, span: Span): ContextHover | undefined =>
    contents === undefined ? undefined : { contents: markdown ? contents : toPlainText(contents), span };
  const ctx = find(contextPattern, text, line, offset);
  if (ctx) return result(contextText(text.slice(ctx.start, ctx.end)), ctx);
  const lvl = find(levelPattern, text, line, offset);
  if (lvl) return result(levelText(text.slice(lvl.start, lvl.end)), lvl);
  const type = find(typePattern, text, line, offset);
  if (type) return result(typeText(text.slice(type.start, type.end)), type);
  return undefined;
}

function typeMeaning(type: string): string {
  const info = typeInfo(type);
  if (!info) return 'a type this extension has no note on';
  return info.aliasOf ? `${info.meaning}: ${typeInfo(info.aliasOf)?.meaning ?? ''}` : info.meaning;
}

/** One level explained, a paragraph each: what the sensitivity and categories are, and who may use what it labels. */
export function describeLevel(text: string, range: McsRange): string[] {
  const lines: string[] = [];
  const single = range.low === range.high;
  const { high } = range;
  const catText = (n: number[]): string =>
    n.length === 0 ? 'no categories' : n.length <= 8 ? `categories ${n.map((c) => code(`c${c}`)).join(', ')}` : `${n.length} categories`;
  if (!single) {
    // General MLS knowledge: a process's clearance (the high end) bounds what it may access.
    lines.push(`A range: low ${code(formatLevel(range.low))}, high ${code(formatLevel(high))}. The high end decides which files the process may use.`);
  } else {
    lines.push(`Sensitivity ${code(`s${high.sensitivity}`)}, ${catText(high.categories)}.`);
  }
  for (const m of text.matchAll(/c(\d+)\.c(\d+)/g)) {
    lines.push(`A \`.\` joins the ends of a category range: ${code(m[0])} is \`c${m[1]}\` through \`c${m[2]}\`, ${Number(m[2]) - Number(m[1]) + 1} categories.`);
  }
  if (high.categories.length === maxCategory + 1) {
    lines.push('That is every category (`c0`–`c1023`), so this level dominates any MCS level: categories keep nothing out of reach of such a process.');
  }
  const pair = single && high.categories.length === 2 && text !== privilegedLevel;
  if (high.categories.length > 0 && !pair) lines.push('Categories run from `c0` to `c1023`; the engine gives each container two of them at random.');
  if (single && high.categories.length === 0 && high.sensitivity === 0) {
    lines.push('Plain `s0` on a file means no categories: every container may use it (it is what `:z` writes). A process at plain `s0` may use only files without categories.');
  } else if (single && text === privilegedLevel) {
    lines.push('`s0:c1022,c1023` is reserved for the mount label of privileged and `label=disable` containers: `:Z` on such a container writes it, and no confined container holds it.');
  } else if (pair) {
    lines.push(`Two categories: the shape of a container's own pair. The engine picks two random categories out of \`c0\`–\`c1023\` for each container; \`:Z\` writes that pair onto the host files, and only processes holding both (that container, its pod, or containers given the same \`label=level:\`) may use them.`);
  }
  return lines.flatMap((l, i) => (i === 0 ? [l] : ['', l]));
}

// The dominance rule in general is MLS/MCS knowledge; the container example is reference §6 "MCS rule".
const dominanceRule =
  'A process may use a file only when its level **dominates** the file\'s: the same or a higher sensitivity, and every category the file has. A container (`container_t`) at `s0:c1,c2` may use content at plain `s0` or with its own categories, not `s0:c3,c4`.';

function contextText(text: string): string | undefined {
  const ctx = parseContext(text);
  if (!ctx) return undefined;
  const levelRange = ctx.level === undefined ? undefined : parseRange(ctx.level);
  const isFile = ctx.role === 'object_r';
  const rows = [
    '| field | value | meaning |',
    '|---|---|---|',
    `| user | ${code(ctx.user)} | ${knownUsers[ctx.user] ?? 'an SELinux user'} (not the Linux user) |`,
    `| role | ${code(ctx.role)} | ${knownRoles[ctx.role] ?? 'an SELinux role'} |`,
    `| type | ${code(ctx.type)} | ${typeMeaning(ctx.type)} |`,
  ];
  if (ctx.level !== undefined) rows.push(`| level | ${code(ctx.level)} | MCS: sensitivity and categories |`);
  const lines = [`**SELinux context** ${code(text)} — the label of ${isFile ? 'a file or other object' : 'a process'}.`, '', ...rows, ''];
  lines.push('The **type** decides first: the policy lists which process types may use which file types, for which permissions (type enforcement). The **level** then decides by MCS.');
  if (levelRange && ctx.level) lines.push('', ...describeLevel(ctx.level, levelRange));
  lines.push('', dominanceRule);
  const verdict = verdictFor(ctx, levelRange);
  if (verdict) lines.push('', verdict);
  return lines.join('\n');
}

function verdictFor(ctx: SelinuxContext, levelRange: McsRange | undefined): string | undefined {
  const lvl = ctx.level ?? 's0';
  if (isContainerDomain(ctx.type)) {
    return levelRange && levelRange.high.categories.length > 0
      ? `This container may use \`container_file_t\` content at plain \`s0\` or at ${code(lvl)}.`
      : undefined;
  }
  if (ctx.role !== 'object_r') return undefined;
  if (isContainerFileType(ctx.type)) {
    const owned = levelRange && levelRange.high.categories.length > 0;
    return owned
      ? `Labelled for one container (as \`:Z\` leaves it): only processes holding ${code(lvl.replace(/^s\d+:?/, ''))} may use it. Host programs with their own types lose access too; \`restorecon -R -F <path>\` restores the default label.`
      : 'Shared container content (as `:z` leaves it): every confined container may use it. Host programs with their own types may lose access; `restorecon -R -F <path>` restores the default label.';
  }
  if (canonicalType(ctx.type) === 'container_ro_file_t') return 'Containers may read it, not write it.';
  if (ctx.type === 'spc_t') return undefined;
  return `A confined container (\`container_t\`) is denied files of type ${code(ctx.type)}; a bind mount of them needs \`:z\`/\`:Z\` (or \`label=disable\` for host paths that must keep their label).`;
}

function levelText(text: string): string | undefined {
  const levelRange = parseRange(text);
  if (!levelRange) return undefined;
  return [`**MCS level** ${code(text)}`, '', ...describeLevel(text, levelRange), '', dominanceRule].join('\n');
}

function typeText(type: string): string | undefined {
  const info = typeInfo(type);
  if (!info) return undefined;
  return `**SELinux type** ${code(type)} — ${typeMeaning(type)}.`;
}
