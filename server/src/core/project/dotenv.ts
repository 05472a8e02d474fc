/**
 * A compose `.env` file, read the way compose-go's `dotenv` parser reads it: `KEY=VALUE` or
 * `KEY: VALUE`, an optional `export `, `#` comments; an unquoted value ends at `#` and is trimmed,
 * a single-quoted one is literal, a double-quoted one may span lines and takes `\n` escapes; unquoted
 * and double-quoted values expand `${VAR}` from the lines above. A line it cannot read is skipped
 * (compose stops with an error; we keep what we have).
 */
import { interpolate } from '../interpolation';

export interface EnvValue {
  value: string;
  /** 1-based line of the assignment. */
  line: number;
}

export type DotEnv = Map<string, EnvValue>;

export function parseDotEnv(text: string): DotEnv {
  const out: DotEnv = new Map();
  const values = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(?:export\s+)?([A-Za-z0-9_.]+)\s*[=:][ \t]*(.*)$/.exec(lines[i]);
    if (!m) continue;
    const [, key, rest] = m;
    const line = i + 1;
    let value: string;
    const quote = rest[0];
    if (quote === "'" || quote === '"') {
      let body = rest.slice(1);
      // A double-quoted value may go on over the next lines until its closing quote.
      while (quote === '"' && !closes(body, quote) && i + 1 < lines.length) body += '\n' + lines[++i];
      const end = closingQuote(body, quote);
      if (end < 0) continue;
      value = body.slice(0, end);
      if (quote === '"') value = expand(value.replace(/\\n/g, '\n').replace(/\\r/g, '\r').replace(/\\(["\\])/g, '$1'), values);
    } else {
      value = expand(rest.split('#')[0].trimEnd(), values);
    }
    values.set(key, value);
    out.set(key, { value, line });
  }
  return out;
}

function closingQuote(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) if (body[i] === quote && body[i - 1] !== '\\') return i;
  return -1;
}

function closes(body: string, quote: string): boolean {
  return closingQuote(body, quote) >= 0;
}

/** `${VAR}` from the values above; one still unknown is left as written. */
function expand(value: string, values: ReadonlyMap<string, string>): string {
  return value.includes('$') ? interpolate(value, values).value : value;
}
