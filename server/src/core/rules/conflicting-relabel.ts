import type { Fix } from '../finding';
import type { Relabel } from '../model';
import { removeListWords } from '../parsers/edits';
import { hostBinds, mountData } from './helpers';
import type { Rule } from './rule';

export const conflictingRelabel: Rule = {
  meta: {
    id: 'conflicting-relabel',
    defaultSeverity: 'error',
    description: 'z and Z together on one mount, or a relabel the engine rejects (docker --mount, BuildKit RUN --mount).',
    messages: {
      both: 'Both z and Z on the mount of {{source}}: docker ("invalid mode") and podman reject the pair, and compose silently keeps only the last one. Keep one.',
      rejected: '{{detail}} on the mount of {{source}} is rejected: {{engine}} has no relabel option on --mount. {{instead}}',
    },
    fixable: true,
    perRun: true,
  },
  check(ctx) {
    for (const bind of hostBinds(ctx)) {
      const { mount, run } = bind;
      const rejected = mount.ignoredRelabel?.reason === 'rejected' ? mount.ignoredRelabel : undefined;
      if (rejected) {
        const option = mount.options.find((o) => o.span.start === rejected.span.start && o.span.end === rejected.span.end);
        const edits = option ? removeListWords(mount.options, [option]) : [];
        const build = mount.syntax === 'run-mount';
        const engine = build ? "docker's BuildKit" : 'docker';
        const instead = build
          ? 'Build with podman or buildah, which take relabel=shared, or label the build context on the host.'
          : `Use -v ${mount.source.text}:${mount.target?.text ?? '…'}:${rejected.detail.includes('private') || rejected.detail === 'Z' ? 'Z' : 'z'} instead.`;
        const fixes: Fix[] = edits.length ? [{ title: `Remove ${rejected.detail}`, edits, isPreferred: true, safe: false }] : [];
        ctx.report({ messageId: 'rejected', data: { ...mountData(bind), detail: rejected.detail, engine, instead }, span: mount.source.span, mount, run, fixes });
      }
      const words = new Set(mount.relabels.map((r) => r.word));
      if (!(words.has('z') && words.has('Z'))) continue;
      const preferred = ctx.preferredRelabel(mount);
      const fixes: Fix[] = [];
      for (const keep of [preferred, preferred === 'Z' ? 'z' : 'Z'] as Relabel[]) {
        const edits = removeListWords(mount.options, mount.relabels.filter((r) => r.word !== keep));
        if (edits.length) fixes.push({ title: `Keep only ${keep}`, edits, isPreferred: keep === preferred, safe: false });
      }
      ctx.report({ messageId: 'both', data: mountData(bind), span: mount.source.span, mount, run, fixes });
    }
  },
};
