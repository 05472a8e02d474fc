import { hostBinds, mountData } from './helpers';
import type { Rule } from './rule';

export const relabelLabelDisabled: Rule = {
  meta: {
    id: 'relabel-label-disabled',
    defaultSeverity: 'info',
    description: 'A :z/:Z relabel on a container whose labeling is off: it is not needed, yet still rewrites the host labels.',
    messages: {
      disabled:
        'Labeling is off for {{service}} ({{why}}), so {{relabel}} is not needed, yet the engine still relabels {{source}} on the host: to container_file_t:s0 for z, and for Z to {{zlevel}}{{zlevelNote}}.',
    },
    fixable: true,
    perRun: true,
    selinuxHostOnly: true,
  },
  check(ctx) {
    for (const bind of hostBinds(ctx)) {
      const { mount, run } = bind;
      if (!run.labeling.disabled || bind.sensitive || mount.relabels.length === 0) continue;
      const edits = mount.edits.remove();
      ctx.report({
        messageId: 'disabled',
        data: {
          ...mountData(bind),
          why: run.labeling.reason ?? 'label=disable',
          zlevel: run.labeling.level ?? 's0:c1022,c1023',
          zlevelNote: run.labeling.level ? ' (its label=level:)' : ', which no confined container can use',
        },
        span: mount.source.span,
        mount,
        run,
        fixes: edits ? [{ title: 'Remove the relabel option', edits, isPreferred: true, safe: false }] : [],
      });
    }
  },
};
