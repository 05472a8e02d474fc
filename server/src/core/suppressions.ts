import type { Edit, Span } from './model';
import { LineIndex, eolOf } from './text';

/** `ignore=<id>[,<id>]`, then optionally ` -- <why>`: the reason travels with suppressed results (SARIF). */
const directive = /(?:#|\/\/)\s*selinux-mounts\s+ignore=([\w-]+(?:\s*,\s*[\w-]+)*)(?:\s+--\s*(.*?))?\s*$/;

interface LineComment {
  /** Rule id → its span in the text. */
  ids: Map<string, Span>;
  /** The comment is alone on its line, so it speaks of the next line. */
  standalone: boolean;
  reason?: string;
  used: Set<string>;
}

/** A suppression that silenced a finding. */
export interface Suppression {
  /** The reason written after `--`, if any. */
  justification?: string;
}

/** A rule id in an ignore comment that silenced nothing. */
export interface UnusedSuppression {
  ruleId: string;
  span: Span;
}

/**
 * Inline suppressions, one syntax for every file kind: `# selinux-mounts ignore=<id>[,<id>] -- why`,
 * on the line above a finding or at the end of its line.
 */
export class Suppressions {
  private readonly byLine = new Map<number, LineComment>();
  private readonly eol: string;

  constructor(
    private readonly lines: LineIndex,
    /** The file kind's line comment (`#`, `//`). */
    private readonly prefix = '#',
  ) {
    this.eol = eolOf(lines.text);
    const text = lines.text;
    if (!text.includes('selinux-mounts')) return;
    for (let line = 0; line < lines.lineCount; line++) {
      const start = lines.lineStart(line);
      const content = text.slice(start, lines.lineEnd(line));
      const m = directive.exec(content);
      if (!m) continue;
      const ids = new Map<string, Span>();
      const listAt = start + m.index + m[0].indexOf(m[1]);
      for (const id of m[1].matchAll(/[\w-]+/g)) ids.set(id[0], { start: listAt + id.index, end: listAt + id.index + id[0].length });
      this.byLine.set(line, { ids, standalone: /^\s*(?:#|\/\/)/.test(content), reason: m[2] || undefined, used: new Set() });
    }
  }

  /** No ignore comment in the file: nothing is silenced, and an "ignore" fix reads only its own line. */
  get none(): boolean {
    return this.byLine.size === 0;
  }

  /** The suppression that silences `ruleId` at `offset`, if any (and records that it was used). */
  suppression(ruleId: string, offset: number): Suppression | undefined {
    if (this.byLine.size === 0) return undefined;
    const line = this.lines.position(offset).line;
    const here = this.byLine.get(line);
    const above = this.byLine.get(line - 1);
    const comment = here && !here.standalone && here.ids.has(ruleId) ? here : above?.standalone && above.ids.has(ruleId) ? above : undefined;
    if (!comment) return undefined;
    comment.used.add(ruleId);
    return { justification: comment.reason };
  }

  isSuppressed(ruleId: string, offset: number): boolean {
    return this.suppression(ruleId, offset) !== undefined;
  }

  /** Ids that silenced nothing, except those of rules that did not run (`ran` false: off in the settings). */
  unused(ran: (ruleId: string) => boolean): UnusedSuppression[] {
    const out: UnusedSuppression[] = [];
    for (const comment of this.byLine.values()) {
      for (const [ruleId, span] of comment.ids) if (!comment.used.has(ruleId) && ran(ruleId)) out.push({ ruleId, span });
    }
    return out.sort((a, b) => a.span.start - b.span.start);
  }

  /**
   * True when `edit`, the edit `ignoreEdit(ruleId, …)` gave for a kept finding on an older text of
   * the same line breaks, is the one it gives at `offset` now. Without ignore comments that edit is
   * the line's indentation then the comment: the same where the line starts at the same offset
   * with the same indentation. Nothing is allocated: this runs for every kept finding on each keystroke.
   */
  isIgnoreEdit(edit: Edit, ruleId: string, offset: number): boolean {
    if (this.byLine.size > 0) {
      const now = this.ignoreEdit(ruleId, offset);
      return edit.start === now.start && edit.end === now.end && edit.newText === now.newText;
    }
    const start = this.lines.startOf(offset);
    if (edit.start !== start || edit.end !== start) return false;
    const { text } = this.lines;
    const { newText } = edit;
    let i = 0;
    for (; newText.charCodeAt(i) === 32 || newText.charCodeAt(i) === 9; i++) if (text.charCodeAt(start + i) !== newText.charCodeAt(i)) return false;
    const next = text.charCodeAt(start + i);
    return next !== 32 && next !== 9;
  }

  /** The edit that suppresses `ruleId` at `offset`: extends a comment above, or adds one. */
  ignoreEdit(ruleId: string, offset: number): Edit {
    const text = this.lines.text;
    if (this.byLine.size > 0) {
      const line = this.lines.lineAt(offset);
      const above = this.byLine.get(line - 1);
      if (above && above.standalone) {
        const end = this.lines.lineEnd(line - 1);
        const content = text.slice(this.lines.lineStart(line - 1), end);
        const trimmed = content.replace(/\s+$/, '');
        const at = this.lines.lineStart(line - 1) + trimmed.length;
        return { start: at, end: at, newText: `,${ruleId}` };
      }
    }
    const start = this.lines.startOf(offset);
    let end = start;
    while (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9) end++;
    return { start, end: start, newText: `${text.slice(start, end)}${this.prefix} selinux-mounts ignore=${ruleId}${this.eol}` };
  }
}
