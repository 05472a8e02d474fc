/**
 * The `.volume` units a quadlet `.container` names (`Volume=data.volume:/d:Z`,
 * `Mount=type=volume,source=data.volume,...`), read beside it: quadlet finds a unit by its file
 * name among the units it loads, and a project keeps the units it installs together in one
 * folder. A unit that binds a host folder (`Device=`, `Options=bind`) makes the mount a bind of
 * that folder, as a compose `driver_opts` bind volume is (reference §3c): the rules, and the
 * workspace comparison, see the host path.
 */
import type { ContainerRun, Mount, ParsedFile } from '../model';
import { readVolumeUnit, type VolumeBind } from '../parsers/quadletVolume';
import { dirName } from './projectFiles';

/** The units a `.container` names, as read: a name whose unit is missing or binds no folder maps to undefined. */
export interface QuadletVolumes {
  binds: ReadonlyMap<string, VolumeBind | undefined>;
  /** The unit files looked for (a change to one re-checks the `.container`). */
  paths: readonly string[];
  /** Changes with what the units bind (for the analysis cache). */
  key: string;
}

/** Every word ending in `.volume` that could name a unit (not a path): read before the unit is parsed, for the view's key. */
const volumeName = /(?<![\w.@%/-])[\w@%-][\w.@%-]*\.volume(?![\w.-])/g;

/** The volume units `text` (a `.container` at `path`) may name, read with `read`; undefined when it names none. */
export function quadletVolumesOf(text: string, path: string, read: (path: string) => string | undefined): QuadletVolumes | undefined {
  const names = new Set(text.match(volumeName) ?? []);
  if (!names.size) return undefined;
  const dir = dirName(path);
  const binds = new Map<string, VolumeBind | undefined>();
  const paths: string[] = [];
  for (const name of names) {
    const unit = `${dir === '/' ? '' : dir}/${name}`;
    paths.push(unit);
    const unitText = read(unit);
    binds.set(name, unitText === undefined ? undefined : readVolumeUnit(unitText));
  }
  const bound = [...binds].filter(([, bind]) => bind).map(([name, bind]) => [name, bind!.source.text]);
  return { binds, paths, key: bound.length ? `\n\u0002${JSON.stringify(bound)}` : '' };
}

/** The file with each mount of a `.volume` unit that binds a host folder made a bind of that folder; the runs it leaves alone are the same objects. */
export function withQuadletVolumes(file: ParsedFile, volumes: QuadletVolumes): ParsedFile {
  let changed = false;
  const runs = file.runs.map((run): ContainerRun => {
    const mounts = run.mounts.map((mount) => boundMount(mount, volumes));
    if (mounts.every((m, i) => m === run.mounts[i])) return run;
    changed = true;
    return { ...run, mounts };
  });
  return changed ? { ...file, runs } : file;
}

function boundMount(mount: Mount, volumes: QuadletVolumes): Mount {
  const bind = mount.kind === 'named' && mount.source ? volumes.binds.get(mount.source.text) : undefined;
  if (!bind || !mount.source) return mount;
  // The relabel, and the name, stay where they are written: on the container's mount of the volume.
  const source = { ...mount.source, path: bind.source.path, dynamic: bind.source.dynamic, valueFrom: `${bind.entry} in ${mount.source.text}` };
  return { ...mount, syntax: 'driver-opts', kind: 'host', source };
}
