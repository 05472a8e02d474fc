/**
 * A compose file's model as its project makes it: `.env` values put into its paths, labeling
 * turned off where another file of the project turns it off for the same service, and the mounts
 * of other files counted for the host paths they share.
 */
import { placedLike, placementOf, type RunPlacement } from '../incremental/remap';
import { interpolate } from '../interpolation';
import type { ContainerRun, Labeling, Mount, ParsedFile } from '../model';
import { pathKey } from '../paths';
import { looksLikeHostPath } from '../parsers/shortVolume';
import { absoluteKey, type ComposeProjectView } from './projectView';
import { walkSameOrder } from '../sameOrder';

/** The runs other files contribute, by the service they belong to (the analysed file's runs go by name). */
const serviceOfRun = new WeakMap<ContainerRun, string>();

function serviceOf(run: ContainerRun): string {
  return serviceOfRun.get(run) ?? run.name;
}

/**
 * Each run as the project made it, for the view's key: a view is made anew on each keystroke, and
 * its key says what it tells (the analysis keeps findings under the same key).
 */
const appliedTo = new WeakMap<ContainerRun, { key: string; run: ContainerRun; placement: RunPlacement | undefined }>();

/**
 * The runs of the last file projected and what they became, under the view's key: an edit keeps
 * the runs of the services it did not touch, in order (sameOrder.ts), and a run the project left
 * as it was is taken again with no lookup.
 */
let lastProjected: { key: string; runs: readonly ContainerRun[]; applied: readonly ContainerRun[] } | undefined;
/** The last view key met: kept keys are this one object while views tell the same, so each run compares them at once. */
let lastKey = '';

export function projectFile(file: ParsedFile, view: ComposeProjectView): ParsedFile {
  let values: Map<string, string> | undefined;
  const key = view.key === lastKey ? lastKey : (lastKey = view.key);
  const apply = (run: ContainerRun): ContainerRun => {
    const known = appliedTo.get(run);
    // A copy made before the run was placed holds its functions of then (placed in place since: remap.ts).
    if (known?.key === key && known.placement === placementOf(run)) return known.run;
    values ??= new Map([...view.env].map(([k, v]) => [k, v.value]));
    const labeling = mergedLabeling(run, view);
    const mounts = values.size ? run.mounts.map((m) => withEnv(m, values!, view)) : run.mounts;
    // A copy keeps the run's placement: the findings kept with it move as the run's spans do.
    const applied = labeling === run.labeling && mounts.every((m, i) => m === run.mounts[i]) ? run : placedLike({ ...run, labeling, mounts }, run);
    appliedTo.set(run, { key, run: applied, placement: placementOf(run) });
    return applied;
  };
  const runs: ContainerRun[] = new Array(file.runs.length);
  const last = lastProjected?.key === key ? lastProjected : undefined;
  let same = true;
  walkSameOrder(
    file.runs,
    last?.runs ?? [],
    (i, j, count) => {
      for (let k = 0; k < count; k++) {
        const run = file.runs[i + k];
        // Left as it was: no copy whose placement could be behind.
        runs[i + k] = last!.applied[j + k] === run ? run : apply(run);
        same &&= runs[i + k] === run;
      }
    },
    (i) => {
      runs[i] = apply(file.runs[i]);
      same &&= runs[i] === file.runs[i];
    },
  );
  lastProjected = { key, runs: file.runs, applied: runs };
  return same ? file : { ...file, runs };
}

/** Labeling off in any file of the project for this service turns it off here; the message names that file. */
function mergedLabeling(run: ContainerRun, view: ComposeProjectView): Labeling {
  const same = view.contributions.filter((c) => c.service === run.name);
  const level = run.labeling.level ?? same.map((c) => c.run.labeling.level).find(Boolean);
  if (run.labeling.disabled) return run.labeling;
  const off = same.filter((c) => c.labelingOff).pop();
  if (off) return { disabled: true, reason: off.labelingOff, level };
  return level === run.labeling.level ? run.labeling : { ...run.labeling, level };
}

function withEnv(mount: Mount, values: ReadonlyMap<string, string>, view: ComposeProjectView): Mount {
  const source = mount.source;
  if (!source?.text.includes('$')) return mount;
  const { value: path, dynamic, used } = interpolate(source.text, values);
  if (!used) return mount;
  const valueFrom = used.map((name) => `${name}=${values.get(name)} from ${view.valueFrom(name)}`).join(', ');
  // In short syntax the value decides between a host path and a named volume, as compose decides it.
  const kind = mount.syntax === 'short' ? (looksLikeHostPath(path) ? 'host' : dynamic && path.startsWith('$') ? mount.kind : 'named') : mount.kind;
  return { ...mount, kind, source: { ...source, path, dynamic, valueFrom } };
}

/**
 * Each run's mounts' keys, for the folder they were made against: an edit keeps the runs of the
 * services it did not touch, and the analysis asks for every mount's key on each keystroke.
 */
const keysOfRun = new WeakMap<ContainerRun, { workingDir: string; keys: (string | undefined)[] }>();

/** The sharing keys of a run of the analysed file, in the order of its mounts: host paths made absolute against the project's folder. */
export function projectPathKeys(run: ContainerRun, workingDir: string): readonly (string | undefined)[] {
  const known = keysOfRun.get(run);
  if (known?.workingDir === workingDir) return known.keys;
  const keys = run.mounts.map((mount) => {
    const path = pathKey(mount);
    return path === undefined ? undefined : absoluteKey(path, workingDir);
  });
  keysOfRun.set(run, { workingDir, keys });
  return keys;
}

/** Adds the runs of other files to the runs sharing each host path, one per service. */
export function shareAcrossProject(sharing: Map<string, ContainerRun[]>, view: ComposeProjectView): void {
  const shown = new Map<string, ContainerRun>();
  for (const c of view.contributions) {
    for (const key of c.keys) {
      if (key === undefined) continue;
      const list = sharing.get(key) ?? [];
      if (list.some((r) => serviceOf(r) === c.service)) continue;
      let run = shown.get(`${c.service}\0${c.where}`);
      if (!run) {
        run = { ...c.run, name: `${c.service} (${c.where})` };
        serviceOfRun.set(run, c.service);
        shown.set(`${c.service}\0${c.where}`, run);
      }
      list.push(run);
      sharing.set(key, list);
    }
  }
}

/**
 * Adds, for each other name the project runs under (`-p prod` beside `-p staging`), its containers
 * at the host paths they mount: the analysed file's runs and the other files' (`contributions`). A
 * path holding `${COMPOSE_PROJECT_NAME}` differs between the names, so it is not shared.
 */
export function shareAcrossInstances(sharing: Map<string, ContainerRun[]>, runs: readonly ContainerRun[], view: ComposeProjectView): void {
  if (!view.instances.length) return;
  const own = runs.map((run) => ({ service: run.name, run, keys: projectPathKeys(run, view.workingDir) }));
  for (const { name, script } of view.instances) {
    for (const { service, run, keys } of [...own, ...view.contributions]) {
      const copy = { ...run, name: `${service} (-p ${name}${script ? `, ${script}` : ''})` };
      serviceOfRun.set(copy, `${service}\0${name}`);
      run.mounts.forEach((mount, i) => {
        const key = keys[i];
        if (key === undefined || mount.source?.text.includes('COMPOSE_PROJECT_NAME')) return;
        const list = sharing.get(key) ?? [];
        if (list.some((r) => serviceOf(r) === serviceOf(copy))) return;
        list.push(copy);
        sharing.set(key, list);
      });
    }
  }
}
