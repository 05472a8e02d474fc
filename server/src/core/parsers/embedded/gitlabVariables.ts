/**
 * GitLab CI `variables:` (global and per job) as shell assignments the job's `script:` lines see:
 * `DATA: /srv/data` becomes `DATA=/srv/data`, written where the value is in the file so offsets
 * hold. Values that do not map 1:1 onto a shell word (plain text with blanks, escapes, `value:`
 * maps) are left out, as values the file does not tell.
 */
import { isMap, isScalar, type Scalar } from '../yaml';
import type { ShellPiece } from './embedded';

export function variablePieces(text: string, owner: unknown): ShellPiece[] {
  const variables = isMap(owner) ? owner.get('variables', true) : undefined;
  if (!isMap(variables)) return [];
  const out: ShellPiece[] = [];
  for (const pair of variables.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Scalar | null;
    if (!/^[A-Za-z_]\w*$/.test(name) || !isScalar(value) || !value.range || typeof value.value !== 'string') continue;
    const raw = text.slice(value.range[0], value.range[1]);
    const quoted = value.type === 'QUOTE_DOUBLE' || value.type === 'QUOTE_SINGLE';
    if (quoted ? raw.slice(1, -1) !== value.value || raw.includes('\n') : value.type !== 'PLAIN' || /\s/.test(raw)) continue;
    out.push({ text: `${name}=${raw}`, start: value.range[0] - name.length - 1 });
  }
  return out;
}

/** Pieces as one shell text (file line breaks between them kept), so assignments reach the commands. */
export function joinPieces(text: string, pieces: ShellPiece[]): ShellPiece[] {
  if (pieces.length < 2) return pieces;
  const start = Math.min(...pieces.map((p) => p.start));
  const end = Math.max(...pieces.map((p) => p.start + p.text.length));
  const chars = text.slice(start, end).replace(/[^\r\n]/g, ' ').split('');
  for (const p of pieces) for (let i = 0; i < p.text.length; i++) chars[p.start - start + i] = p.text[i];
  return [{ text: chars.join(''), start }];
}
