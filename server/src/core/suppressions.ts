import type { Edit } from './model';
import { LineIndex, eolOf } from './text';

const directive = /(?:#|\/\/)\s*selinux-mounts\s+ignore=([\w,\s-]+?)\s*$/;

interface LineComment {
  ids: Set<string>;
  /** The comment is alone on its line, so it speaks of the next line. */
  standalone: boolean;
}

/**
 * Inline suppressions, one syntax for every file kind: `# selinux-mounts ignore=<id>[,<id>]`,
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
      const content = text.slice(lines.lineStart(line), lines.lineEnd(line));
      const m = directive.exec(content);
      if (!m) continue;
      const ids = new Set(m[1].split(',').map((s) => s.trim()).filter(Boolean));
      this.byLine.set(line, { ids, standalone: /^\s*(?:#|\/\/)/.test(content) });
    }
  }

  isSuppressed(ruleId: string, offset: number): boolean {
    const line = this.lines.position(offset).line;
    const here = this.byLine.get(line);
    if (here && !here.standalone && here.ids.has(ruleId)) return true;
    const above = this.byLine.get(line - 1);
    return !!above && above.standalone && above.ids.has(ruleId);
  }

  /** The edit that suppresses `ruleId` at `offset`: extends a comment above, or adds one. */
  ignoreEdit(ruleId: string, offset: number): Edit {
    const line = this.lines.position(offset).line;
    const text = this.lines.text;
    const above = this.byLine.get(line - 1);
    if (above && above.standalone) {
      const end = this.lines.lineEnd(line - 1);
      const content = text.slice(this.lines.lineStart(line - 1), end);
      const trimmed = content.replace(/\s+$/, '');
      const at = this.lines.lineStart(line - 1) + trimmed.length;
      return { start: at, end: at, newText: `,${ruleId}` };
    }
    const start = this.lines.lineStart(line);
    const indent = /^[ \t]*/.exec(text.slice(start, this.lines.lineEnd(line)))![0];
    return { start, end: start, newText: `${indent}${this.prefix} selinux-mounts ignore=${ruleId}${this.eol}` };
  }
}
