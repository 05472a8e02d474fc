/**
 * Gitignore-like globs for the project config's `ignore`, matched against `/`-separated paths
 * relative to the config file: `*` and `?` stay within a folder, `**` crosses folders, a pattern
 * without `/` matches a name at any depth, and a folder's pattern covers everything under it.
 */
export function globMatches(pattern: string, relativePath: string): boolean {
  let p = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  if (!p) return false;
  if (!p.includes('/')) p = `**/${p}`;
  else p = p.replace(/^\//, '');
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' && p[i + 1] === '*') {
      const slash = p[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(?:/.*)?$`).test(relativePath);
}
