/**
 * How the core reads the other files of a compose project without touching the disk itself: the
 * host gives it a reader (the CLI reads the disk; the server reads open documents over the disk).
 * Paths are absolute and use `/`.
 */
export interface ProjectFiles {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  read(path: string): string | undefined;
}

export function dirName(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function isAbsolute(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path);
}

/** `dir` joined with a relative `path`, with `.` and `..` collapsed. */
export function resolvePath(dir: string, path: string): string {
  const whole = isAbsolute(path) ? path : `${dir}/${path}`;
  const drive = /^[A-Za-z]:/.exec(whole)?.[0] ?? '';
  const parts: string[] = [];
  for (const part of whole.slice(drive.length).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `${drive}/${parts.join('/')}`;
}

/** `to` as written from the folder `from` (`compose.override.yaml`, `../base/common.yml`). */
export function relativePath(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let same = 0;
  while (same < a.length && same < b.length - 1 && a[same] === b[same]) same++;
  return [...a.slice(same).map(() => '..'), ...b.slice(same)].join('/');
}
