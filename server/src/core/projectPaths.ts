import { normalizePath } from './paths';

/** A path in comparable form: `./a/../b/` and `b` are one relative path; absolute and `~` paths are collapsed. */
function comparable(path: string): string {
  if (/^[/~]/.test(path)) return normalizePath(path);
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/') || '.';
}

/** The listed path that `path` is or lies under (settings' `sensitivePaths`, `sharedPaths`), if any. */
export function listedPath(path: string, listed: readonly string[]): string | undefined {
  if (listed.length === 0) return undefined;
  const p = comparable(path);
  return listed.find((l) => {
    const c = comparable(l);
    if (c === '.') return !/^([/~$]|\.\.(\/|$))/.test(p);
    return p === c || p.startsWith(c === '/' ? '/' : `${c}/`);
  });
}
