/**
 * Podman quadlet `.volume` units (docs/quadlet.md). Quadlet turns one into `podman volume create`;
 * with `Device=` and `Type=bind`, or `Options=` holding `bind`/`rbind` (`Type=` none or unset), the
 * local driver mounts that host folder on the volume's `_data`, and a container's `:z`/`:Z` on the
 * volume relabels the folder's files. The unit starts no container: it holds no mounts of its
 * own, and the `.container` units that name it read its folder (`readVolumeUnit`).
 */
import type { HostSource } from '../model';
import { LineIndex } from '../text';
import type { SourceParser } from './parser';
import { readEntries, resolveSource } from './unitFile';

export const quadletVolumeParser: SourceParser = {
  kind: 'quadlet-volume',
  languageIds: [],
  matchesName: (name) => /\.volume$/.test(name),
  matchesContent: (_name, text, byContent) => byContent && /^\[Volume\]\s*$/m.test(text),
  parse: () => ({ kind: 'quadlet-volume', runs: [] }),
};

/** The host folder a `.volume` unit binds: its `Device=` as a host source (no span: it is in another file), and the entry as written. */
export interface VolumeBind {
  source: Omit<HostSource, 'span'>;
  entry: string;
}

/**
 * The host folder of a `.volume` unit that binds one; undefined for any other volume, and for a
 * relative `Device=`: quadlet passes it on as written (`--opt device=`), so `mount` would resolve
 * it in the folder podman runs in, which the volume unit does not tell.
 */
export function readVolumeUnit(text: string): VolumeBind | undefined {
  const values = new Map<string, string>();
  // systemd keeps the last of a key written twice.
  for (const e of readEntries(text, new LineIndex(text))) if (e.section === 'Volume') values.set(e.key, e.value);
  const device = values.get('Device');
  const driver = values.get('Driver');
  if (!device || (driver && driver !== 'local')) return undefined;
  const type = values.get('Type') ?? '';
  const options = (values.get('Options') ?? '').split(',').map((o) => o.trim());
  const binds = type === 'bind' || ((type === '' || type === 'none') && options.some((o) => o === 'bind' || o === 'rbind'));
  if (!binds) return undefined;
  const { value: path, dynamic } = resolveSource(device);
  if (!dynamic && !/^(?:\/|~(?:\/|$))/.test(path)) return undefined;
  return { source: { text: device, path, dynamic }, entry: `Device=${device}` };
}
