import { addRelabelFixes, hostBinds, mountData } from './helpers';
import type { Rule } from './rule';

export const missingRelabel: Rule = {
  meta: {
    id: 'missing-relabel',
    defaultSeverity: 'warning',
    description: 'A host bind mount in a confined container has no :z/:Z, so SELinux denies the container access to it.',
    messages: {
      missing:
        'Bind mount of {{source}} into {{target}} has no SELinux relabel option: on an SELinux host the container (container_t) is denied access to it ("Permission denied"). Add :Z (private) or :z (shared).',
      missingDynamic:
        'Bind mount of {{source}} into {{target}} has no SELinux relabel option: if {{source}} is a host path, the container (container_t) is denied access to it on an SELinux host. Add :Z (private) or :z (shared).',
    },
    fixable: true,
  },
  check(ctx) {
    for (const bind of hostBinds(ctx)) {
      const { run, mount } = bind;
      if (run.labeling.disabled || bind.sensitive || mount.relabels.length > 0 || mount.ignoredRelabel) continue;
      ctx.report({
        messageId: mount.source.dynamic && mount.source.path.startsWith('$') ? 'missingDynamic' : 'missing',
        data: mountData(bind),
        span: mount.source.span,
        mount,
        run,
        fixes: addRelabelFixes(ctx, mount),
      });
    }
  },
};
