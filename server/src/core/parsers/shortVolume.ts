/**
 * The compose short volume syntax `[SOURCE:]TARGET[:MODE,...]`, split as compose-go's
 * `format.ParseVolume` splits it: colons inside `${...}` and a Windows drive letter's colon are
 * not separators. Offsets are relative to the value.
 */
import { closingBrace } from '../interpolation';

export interface Part {
  text: string;
  start: number;
}

export interface ShortVolume {
  source?: Part;
  target?: Part;
  options: Part[];
  /** Where the option list starts (after its colon), when there is one. */
  modeStart?: number;
}

export function splitShortVolume(value: string): ShortVolume {
  const sections: Part[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '$' && value[i + 1] === '{') {
      const close = closingBrace(value, i);
      if (close < 0) break;
      i = close;
    } else if (c === ':') {
      const isDrive = i - start === 1 && /\p{L}/u.test(value[start]) && sections.length === 0;
      if (isDrive) continue;
      sections.push({ text: value.slice(start, i), start });
      start = i + 1;
    }
  }
  sections.push({ text: value.slice(start), start });
  if (sections.length === 1) return { target: sections[0], options: [] };
  const [source, target, mode] = sections;
  if (!mode) return { source, target, options: [] };
  const options: Part[] = [];
  let at = mode.start;
  for (const word of value.slice(mode.start).split(',')) {
    options.push({ text: word, start: at });
    at += word.length + 1;
  }
  return { source, target, options, modeStart: mode.start };
}

/** compose-go `isFilePath`: what makes a short-syntax source a bind rather than a volume name. */
export function looksLikeHostPath(source: string): boolean {
  return /^[./~]/.test(source) || source.startsWith('\\\\') || /^\p{L}:/u.test(source);
}

/** Option words compose and the engines know (reference §1, §2, §3a); other words holding z/Z are misspelt relabels. */
export const knownModes = new Set([
  'ro', 'rw', 'z', 'Z', 'nocopy', 'shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate', 'unbindable', 'runbindable',
  'consistent', 'cached', 'delegated', 'U', 'O', 'exec', 'noexec', 'dev', 'nodev', 'suid', 'nosuid', 'copy', 'nocreate', 'bind', 'rbind', 'norbind', 'chown', 'notmpcopyup',
]);

/** A word that holds z or Z but is no known option (or idmap's own syntax): a relabel that is dropped. */
export function isMisspeltRelabel(word: string): boolean {
  return !knownModes.has(word) && !/^idmap/.test(word) && /[zZ]/.test(word);
}
