/**
 * Compose-style variable interpolation, resolved only as far as the file tells (reference §3e):
 * defaults are taken, `$$` is a literal `$`, `HOME` is `~` and `PWD` the project directory; any
 * other variable stays as written and marks the result dynamic.
 */
export interface Interpolated {
  value: string;
  dynamic: boolean;
  /** The variables whose value came from `env`. */
  used?: string[];
}

/** Values for interpolation a compose project supplies (its `.env`); the shell's own are unknown. */
export type Env = ReadonlyMap<string, string>;

const known: Record<string, string> = { HOME: '~', PWD: '.' };

/** Index of the `}` closing the `${` at `open`, counting nested `${...}`; -1 when unclosed. */
export function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

export function interpolate(text: string, env?: Env): Interpolated {
  // Most paths hold no variable: no copy built a character at a time (a 36,000-line file has 10,000 of them).
  if (!text.includes('$')) return { value: text, dynamic: false };
  const used: string[] = [];
  const result = interpolateWith(text, env, used);
  return used.length ? { ...result, used: [...new Set(used)] } : result;
}

function interpolateWith(text: string, env: Env | undefined, used: string[]): Interpolated {
  let value = '';
  let dynamic = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '$') {
      value += c;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      value += '$';
      i++;
    } else if (next === '{') {
      const close = closingBrace(text, i);
      if (close < 0) {
        value += text.slice(i);
        dynamic = true;
        break;
      }
      const inner = interpolateBraced(text.slice(i + 2, close), env, used);
      value += inner.value;
      dynamic ||= inner.dynamic;
      i = close;
    } else {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0];
      if (!name) {
        value += c;
        continue;
      }
      if (name in known) value += known[name];
      else if (env?.has(name)) {
        value += env.get(name);
        used.push(name);
      } else {
        value += `$${name}`;
        dynamic = true;
      }
      i += name.length;
    }
  }
  return { value, dynamic };
}

function interpolateBraced(body: string, env: Env | undefined, used: string[]): Interpolated {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?([\s\S]*)$/.exec(body);
  if (!m) return { value: `\${${body}}`, dynamic: true };
  const [, name, op, rest] = m;
  if (name in known && op !== '+' && op !== ':+') return { value: known[name], dynamic: false };
  const set = env?.get(name);
  // compose: `-`/`?` take the value when set, `:-`/`:?` when set and not empty; `+`/`:+` the alternative then.
  const taken = set !== undefined && (set !== '' || !op?.startsWith(':'));
  if (taken) used.push(name);
  if (taken && (op === '+' || op === ':+')) return interpolateWith(rest, env, used);
  if (taken) return { value: set, dynamic: false };
  // A default is what the file says the value is when the variable is not set.
  if (op === ':-' || (op === '-' && set === undefined)) return interpolateWith(rest, env, used);
  return { value: `\${${name}}`, dynamic: true };
}
