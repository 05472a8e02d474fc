import type { AnalyzeOptions } from './analyze';
import type { Span } from './model';

export interface HoverResult {
  /** Markdown when `markdown` was asked for, else plain text. */
  contents: string;
  span: Span;
}

/** Hover text for what lies at `offset`, or undefined. */
export function hoverAt(
  _text: string,
  _offset: number,
  _options: AnalyzeOptions & { markdown: boolean },
): HoverResult | undefined {
  return undefined;
}
