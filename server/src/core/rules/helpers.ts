import type { Fix } from '../finding';
import type { ContainerRun, Edit, Mount, Relabel } from '../model';
import { homeWayOut } from '../homeFolders';
import { sensitivity, type Sensitivity } from '../paths';
import { listedPath } from '../projectPaths';
import { relabelMeaning } from '../relabels';
import type { EngineSetting } from '../settings';
import type { RuleContext } from './rule';

/** A bind of a host path, with the run that mounts it. */
export interface HostBind {
  run: ContainerRun;
  mount: Mount & { source: NonNullable<Mount['source']> };
  sensitive?: Sensitivity;
}

/** Each file's binds, worked out once for all the rules that read them (for the project's extra sensitive paths). */
const bindsOf = new WeakMap<RuleContext['file'], { sensitivePaths: string; binds: HostBind[] }>();
/** And each run's: an editor's analysis gets back the runs an edit did not change. */
const bindsOfRun = new WeakMap<ContainerRun, { sensitivePaths: string; binds: HostBind[] }>();

export function hostBinds(ctx: RuleContext): readonly HostBind[] {
  const sensitivePaths = ctx.settings.sensitivePaths.join('\0');
  const known = bindsOf.get(ctx.file);
  if (known?.sensitivePaths === sensitivePaths) return known.binds;
  const binds: HostBind[] = [];
  for (const run of ctx.file.runs) binds.push(...runHostBinds(run, ctx.settings.sensitivePaths, sensitivePaths));
  bindsOf.set(ctx.file, { sensitivePaths, binds });
  return binds;
}

/** One run's binds (`joined`: the sensitive paths joined with NULs, the cache's key). */
export function runHostBinds(run: ContainerRun, sensitivePaths: readonly string[], joined = sensitivePaths.join('\0')): readonly HostBind[] {
  let ofRun = bindsOfRun.get(run);
  if (ofRun?.sensitivePaths !== joined) bindsOfRun.set(run, (ofRun = { sensitivePaths: joined, binds: runBinds(run, sensitivePaths) }));
  return ofRun.binds;
}

function runBinds(run: ContainerRun, sensitivePaths: readonly string[]): HostBind[] {
  const binds: HostBind[] = [];
  for (const mount of run.mounts) {
    if (mount.kind !== 'host' || !mount.source) continue;
    const listed = listedPath(mount.source.path, sensitivePaths);
    const sensitive = sensitivity(mount.source.path, mount.target?.text) ?? (listed ? { reason: `listed as sensitive in the project config (${listed})`, refused: false } : undefined);
    binds.push({ run, mount: mount as HostBind['mount'], sensitive });
  }
  return binds;
}

/**
 * Podman's overlay mount (`:O`): the container writes to an upper layer that podman labels itself
 * (docker and docker compose drop or reject `O`; compose files count as podman's where the project says so).
 */
export function isOverlay(run: ContainerRun, mount: Mount, engine: EngineSetting): boolean {
  const podman = run.engine === 'podman' || run.engine === 'quadlet' || (run.engine === 'compose' && engine === 'podman');
  return podman && mount.options.some((o) => o.word === 'O');
}


/** Message data every mount finding can use (`harm` and `wayOut` for the home folders of reference §5c). */
export function mountData(bind: HostBind): Record<string, string> {
  const { mount, run } = bind;
  const home = bind.sensitive?.home;
  return {
    source: mount.source.valueFrom ? `${mount.source.text} (${mount.source.valueFrom})` : mount.source.text,
    target: mount.target?.text ?? '?',
    service: run.name,
    reason: bind.sensitive?.reason ?? '',
    relabel: mount.relabels.map((r) => r.word).join(',') || (mount.ignoredRelabel?.detail ?? ''),
    ...(home && { harm: home.harm, wayOut: homeWayOut(home, run.name) }),
  };
}

function relabelTitle(mount: Mount, r: Relabel): string {
  const listed = `relabel=${r === 'Z' ? 'private' : 'shared'}`;
  const option = { long: `bind.selinux: ${r}`, mount: listed, 'run-mount': listed }[mount.syntax as string] ?? `:${r}`;
  return mount.edits.describeAdd?.(r) ?? `Add ${option} (${relabelMeaning[r]})`;
}

/** Both relabel fixes, the preferred one first and marked safe for fix-all. */
export function addRelabelFixes(ctx: RuleContext, mount: Mount): Fix[] {
  const preferred = ctx.preferredRelabel(mount);
  const other: Relabel = preferred === 'Z' ? 'z' : 'Z';
  const fixes: Fix[] = [];
  for (const r of [preferred, other]) {
    const edits = mount.edits.add(r);
    const safe = r === preferred && mount.edits.addIsSafe !== false;
    if (edits) fixes.push({ title: relabelTitle(mount, r), edits, isPreferred: r === preferred, safe });
  }
  return fixes;
}

/** The fix that turns labeling off for the run, when its syntax allows. */
export function disableLabelingFix(run: ContainerRun, also: Edit[] = []): Fix | undefined {
  const edits = run.disableLabeling();
  if (!edits) return undefined;
  const how = run.disableLabelingTitle ?? 'security_opt label=disable';
  return { title: `Run ${run.name} with ${how} (no relabel, no confinement)`, edits: [...also, ...edits], safe: false };
}
