/**
 * The one module that imports `yaml`: parsing with the options compose uses (merge keys), source
 * tokens kept for exact ranges, and guards against input that makes the parser crawl.
 */
import { parseDocument, type Document } from 'yaml';

export { isAlias, isMap, isNode, isPair, isScalar, isSeq, Pair, Scalar, visit, YAMLMap, YAMLSeq } from 'yaml';
export type { Document, Node } from 'yaml';

/** The last parse, since recognising a file by content and reading it parse the same text. */
let lastParse: { text: string; doc: Document.Parsed | undefined } | undefined;

/**
 * How deep flow collections (`[`, `{`) nest, outside quotes and comments, stopping past `limit`.
 * Unclosed flow collections make the yaml parser's time grow much faster than the text (900 KB of
 * `[ {{` takes 15 s), and no compose file nests them deeply.
 */
export function flowDepthExceeds(text: string, limit: number): boolean {
  // Fewer openers in all than the limit (most files): no need to scan every character.
  const opener = /[[{]/g;
  let openers = 0;
  while (opener.exec(text) && openers <= limit) openers++;
  if (openers <= limit) return false;
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
      else if (c === '\n' && depth === 0) quote = '';
    } else if (c === '"' || c === "'") {
      // A quote opens a string only where a scalar starts; `a"` is a plain word, in brackets too.
      if (/[\s:\-[{,]/.test(text[i - 1] ?? ' ')) quote = c;
    } else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > limit) return true;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return false;
}

export function parseYaml(text: string): Document.Parsed | undefined {
  if (lastParse?.text === text) return lastParse.doc;
  let doc: Document.Parsed | undefined;
  if (flowDepthExceeds(text, 64)) {
    lastParse = { text, doc };
    return doc;
  }
  try {
    doc = parseDocument(text, { keepSourceTokens: true, merge: true, uniqueKeys: false, prettyErrors: false });
  } catch {
    // Pathological input (nesting deep enough to exhaust the stack): nothing we can read.
    doc = undefined;
  }
  lastParse = { text, doc };
  return doc;
}

