import type { Relabel } from './model';

/** What each relabel letter means, as fix titles say it. */
export const relabelMeaning: Record<Relabel, string> = {
  Z: 'private label, this container only',
  z: 'shared label, every container',
};
