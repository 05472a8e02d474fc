import type { Fix } from '../finding';
import type { Relabel } from '../model';
import { removeListWords } from '../parsers/edits';
import { hostBinds, mountData } from './helpers';
import type { Rule } from './rule';

export const conflictingRelabel: Rule = {
  meta: {
    id: 'conflicting-relabel',
    defaultSeverity: 'error',
    description: 'z and Z together on one mount: docker and podman reject the pair, compose silently keeps the last.',
    messages: {
      both: 'Both z and Z on the mount of {{source}}: docker ("invalid mode") and podman reject the pair, and compose silently keeps only the last one. Keep one.',
    },
    fixable: true,
  },
  check(ctx) {
    for (const bind of hostBinds(ctx)) {
      const { mount, run } = bind;
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
