import { holdsCredentials } from '../paths';
import { addRelabelFixes, hostBinds, isOverlay, mountData, type HostBind } from './helpers';
import type { Rule } from './rule';

export const missingRelabel: Rule = {
  meta: {
    id: 'missing-relabel',
    defaultSeverity: 'warning',
    description: 'A host bind mount in a confined container has no :z/:Z, so SELinux denies the container access to it.',
    messages: {
      missing:
        'Bind mount of {{source}} into {{target}} has no SELinux relabel option: on an SELinux host the container (container_t) is denied access to it ("Permission denied"). Add :Z (private) or :z (shared).',
      missingCredentials:
        'Bind mount of {{source}} into {{target}} has no SELinux relabel option: on an SELinux host the container (container_t) is denied access to it ("Permission denied"). Add :Z (private): it usually holds credentials, and :z would let every confined container read them.',
      missingDynamic:
        'Bind mount of {{source}} into {{target}} has no SELinux relabel option: if {{source}} is a host path, the container (container_t) is denied access to it on an SELinux host. Add :Z (private) or :z (shared).',
      missingBuild:
        'RUN --mount binds {{source}} of the build context with no relabel: on an SELinux host the build container (container_t) is denied access to it. podman and buildah take z (or relabel=shared) on the mount; docker\'s BuildKit takes none, so there build with podman or label the context on the host (chcon -Rt container_file_t {{source}}).',
    },
    fixable: true,
    perRun: true,
    selinuxHostOnly: true,
  },
  check(ctx) {
    for (const bind of hostBinds(ctx)) {
      const { run, mount } = bind;
      if (run.labeling.disabled || bind.sensitive || mount.relabels.length > 0 || mount.ignoredRelabel || isOverlay(run, mount, ctx.settings.engine)) continue;
      ctx.report({
        messageId: messageFor(mount),
        data: mountData(bind),
        span: mount.source.span,
        mount,
        run,
        fixes: () => addRelabelFixes(ctx, mount),
      });
    }
  },
};

function messageFor(mount: HostBind['mount']): string {
  if (mount.syntax === 'run-mount') return 'missingBuild';
  if (mount.source.dynamic && mount.source.path.startsWith('$')) return 'missingDynamic';
  return holdsCredentials(mount.source.path) ? 'missingCredentials' : 'missing';
}
