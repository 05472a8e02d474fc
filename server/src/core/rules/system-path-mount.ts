import { disableLabelingFix, hostBinds, mountData } from './helpers';
import type { Rule } from './rule';

export const systemPathMount: Rule = {
  meta: {
    id: 'system-path-mount',
    defaultSeverity: 'info',
    description: 'A system or sensitive host path mounted into a confined container: it will be denied, and :z/:Z would harm the host.',
    messages: {
      sensitive:
        '{{source}} is {{reason}}: a confined container will be denied access to it, and :z/:Z would relabel content the host relies on. Run {{service}} with security_opt label=disable, or mount a dedicated directory instead.',
      home:
        '{{source}} is {{reason}}: a confined container is denied it, and :z/:Z must not be used there: {{harm}}. {{wayOut}}.',
    },
    fixable: true,
    perRun: true,
    selinuxHostOnly: true,
  },
  check(ctx) {
    for (const bind of hostBinds(ctx)) {
      const { run, mount, sensitive } = bind;
      if (!sensitive || run.labeling.disabled || mount.relabels.length > 0) continue;
      const fix = disableLabelingFix(run);
      ctx.report({ messageId: sensitive.home ? 'home' : 'sensitive', data: mountData(bind), span: mount.source.span, mount, run, fixes: fix ? [{ ...fix, isPreferred: true }] : [] });
    }
  },
};
