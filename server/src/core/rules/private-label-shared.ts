import { holdsCredentials, pathKey } from '../paths';
import type { Edit } from '../model';
import { mountData, runHostBinds, type HostBind } from './helpers';
import type { Rule, RunsSharing } from './rule';

const isPrivate = (b: HostBind): boolean => !b.sensitive && b.mount.relabels.some((r) => r.word === 'Z');

/** A run's :Z binds, by its list of binds (kept per run). */
const privateOf = new WeakMap<readonly HostBind[], HostBind[]>();

function privateBinds(binds: readonly HostBind[]): HostBind[] {
  let found = privateOf.get(binds);
  if (!found) privateOf.set(binds, (found = binds.filter(isPrivate)));
  return found;
}

/** The containers named in a message: a folder hundreds of files of the workspace mount names the first ones. */
const namedAtMost = 12;

function namesOf(runs: RunsSharing): string {
  const names = runs.first(namedAtMost).map((r) => r.name);
  return runs.count > namedAtMost ? `${names.join(', ')} and ${runs.count - namedAtMost} more` : names.join(', ');
}

export const privateLabelShared: Rule = {
  meta: {
    id: 'private-label-shared',
    defaultSeverity: 'warning',
    description: 'One host path relabelled :Z (private) while several containers mount it: the last to start takes it from the others.',
    messages: {
      shared:
        '{{source}} is mounted by {{count}} containers ({{services}}) but relabelled :Z here: :Z gives it this container\'s own MCS categories, so the last container to start takes it from the others. Use :z (shared) on every mount of it.',
      sharedCredentials:
        '{{source}} is mounted by {{count}} containers ({{services}}) but relabelled :Z here: :Z gives it this container\'s own MCS categories, so the last container to start takes it from the others. It usually holds credentials, which :z would open to every container: give these containers one security_opt label=level:s0:cX,cY so that :Z serves them alone, or mount a copy per container.',
    },
    fixable: true,
    selinuxHostOnly: true,
  },
  check(ctx) {
    // The :Z mounts of each host path, grouped once: files with thousands of mounts stay linear.
    // Read run by run, each run's :Z binds found once, in indexed loops: this rule runs over every
    // run on every edit, before V8 optimises it.
    const privateByPath = new Map<string | undefined, HostBind[]>();
    const joined = ctx.settings.sensitivePaths.join('\0');
    const { runs } = ctx.file;
    for (let r = 0; r < runs.length; r++) {
      const binds = privateBinds(runHostBinds(runs[r], ctx.settings.sensitivePaths, joined));
      for (let b = 0; b < binds.length; b++) {
        const bind = binds[b];
        // A :Z no other container shares (most of a file's) is no matter here, nor in the fix of a bind it shares a text with.
        if (ctx.sharedBy(bind.mount) < 2) continue;
        // Runs of different groups (code blocks of a document) never share a path.
        const key = `${bind.run.group ?? ''}\0${pathKey(bind.mount)}`;
        const list = privateByPath.get(key);
        if (list) list.push(bind);
        else privateByPath.set(key, [bind]);
      }
    }
    for (const sameSource of privateByPath.values()) {
      for (const bind of sameSource) {
        const runs = ctx.runsSharing(bind.mount);
        if (runs.count < 2) continue;
        // Containers given one explicit `label=level:` share their categories, so :Z works for all of them.
        const levels = runs.levels();
        if (levels.size === 1 && [...levels][0] !== undefined) continue;
        const edits: Edit[] = [];
        for (const b of sameSource) for (const e of b.mount.edits.set('z') ?? []) if (!edits.some((x) => x.start === e.start)) edits.push(e);
        // :z on credentials is a choice to make by hand, never applied by fix-all.
        const credentials = holdsCredentials(bind.mount.source.path);
        ctx.report({
          messageId: credentials ? 'sharedCredentials' : 'shared',
          data: { ...mountData(bind), count: String(runs.count), services: namesOf(runs) },
          span: bind.mount.source.span,
          mount: bind.mount,
          run: bind.run,
          fixes: edits.length ? [{ title: `Use :z (shared label) on every mount of ${bind.mount.source.text}`, edits, isPreferred: true, safe: !credentials }] : [],
        });
      }
    }
  },
};
