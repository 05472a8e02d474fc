import type { Fix } from '../finding';
import { normalizePath } from '../paths';
import { disableLabelingFix, hostBinds, mountData } from './helpers';
import type { Rule } from './rule';

export const relabelSystemPath: Rule = {
  meta: {
    id: 'relabel-system-path',
    defaultSeverity: 'error',
    description: 'A :z/:Z relabel on a system or sensitive host path, which rewrites labels other host programs rely on.',
    messages: {
      refused:
        'Relabelling {{source}} ({{reason}}) with {{relabel}} is refused by the engine ("SELinux relabeling of {{resolved}} is not allowed") and the container will not start. Remove it; use security_opt label=disable if the container must reach this path.',
      harmful:
        '{{relabel}} relabels {{source}} ({{reason}}) to container_file_t on the host, recursively (docker repeats it on every start): host programs that read it are then denied. Remove it; use security_opt label=disable if the container must reach this path.',
      home:
        '{{relabel}} relabels {{source}}, {{reason}}, to container_file_t on the host: {{harm}}. Remove it. {{wayOut}}; undo the relabel with restorecon -R -F.',
    },
    fixable: true,
    perRun: true,
    selinuxHostOnly: true,
  },
  check(ctx) {
    for (const bind of hostBinds(ctx)) {
      const { run, mount, sensitive } = bind;
      if (!sensitive || mount.relabels.length === 0) continue;
      const fixes: Fix[] = [];
      const removal = mount.edits.remove();
      if (removal) {
        fixes.push({ title: `Remove the ${mount.relabels[0].word} relabel`, edits: removal, isPreferred: true, safe: false });
        const disable = run.labeling.disabled ? undefined : disableLabelingFix(run, removal);
        if (disable) fixes.push({ ...disable, title: `Remove the relabel and run ${run.name} with ${run.disableLabelingTitle ?? 'security_opt label=disable'}` });
      }
      ctx.report({
        messageId: sensitive.refused && mount.syntax !== 'driver-opts' ? 'refused' : sensitive.home ? 'home' : 'harmful',
        data: { ...mountData(bind), resolved: normalizePath(mount.source.path) },
        span: mount.source.span,
        mount,
        run,
        fixes,
      });
    }
  },
};
