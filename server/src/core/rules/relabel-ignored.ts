import type { Fix } from '../finding';
import { hostBinds, mountData } from './helpers';
import type { Rule } from './rule';

/** What a misspelt relabel word most likely meant (`rwz` → `rw,z`). */
function intended(word: string): string | undefined {
  const m = /^(rw|ro)([zZ])$/.exec(word) ?? /^([zZ])(rw|ro)$/.exec(word);
  if (m) return `${m[1]},${m[2]}`;
  return /^[zZ]+$/.test(word) ? word[word.length - 1] : undefined;
}

export const relabelIgnored: Rule = {
  meta: {
    id: 'relabel-ignored',
    defaultSeverity: 'warning',
    description: 'A relabel that is silently dropped: compose bind.selinux with propagation, recursive or create_host_path: false, a misspelt option word, or :z/:Z in a GitHub Actions volumes: entry.',
    messages: {
      'mount-api':
        'docker compose drops bind.selinux on {{source}} because the bind also sets {{detail}}: it then uses the Mount API, which cannot carry an SELinux option, so nothing is relabelled. Use the short syntax ({{source}}:{{target}}:{{written}}) or drop {{detail}}.',
      'needs-create-host-path':
        'docker compose before v5.0.2 drops bind.selinux on {{source}} unless the bind also sets create_host_path: true (its default was false), so nothing is relabelled. Add create_host_path: true.',
      'unknown-word': '"{{detail}}" is not a relabel option compose knows, so {{source}} is not relabelled.',
      'not-a-bind': 'bind.selinux on a volume mount is ignored: only binds are relabelled this way.',
      'runner-drops':
        'The Actions runner reads volumes: itself and keeps only ro, so "{{detail}}" on {{source}} is dropped and nothing is relabelled. Move the mount into the container\'s options: as -v {{source}}:{{target}}:{{detail}} (not in both places: docker refuses a duplicate mount point).',
    },
    fixable: true,
    perRun: true,
    selinuxHostOnly: true,
  },
  check(ctx) {
    for (const bind of hostBinds(ctx)) {
      const { mount, run } = bind;
      const ignored = mount.ignoredRelabel;
      if (!ignored || ignored.reason === 'rejected' || (ignored.reason === 'needs-create-host-path' && bind.sensitive)) continue;
      const fixes: Fix[] = [];
      // Only where the span is exactly the word (a value that does not map onto the file gets no edit).
      const exact = ctx.text.slice(ignored.span.start, ignored.span.end) === ignored.detail;
      const meant = ignored.reason === 'unknown-word' && mount.syntax !== 'long' && !bind.sensitive && exact ? intended(ignored.detail) : undefined;
      if (meant) fixes.push({ title: `Change "${ignored.detail}" to "${meant}"`, edits: [{ start: ignored.span.start, end: ignored.span.end, newText: meant }], isPreferred: true, safe: false });
      const create = ignored.reason === 'needs-create-host-path' ? ignored.fix?.() : undefined;
      if (create) fixes.push({ title: 'Add create_host_path: true', edits: create, isPreferred: true, safe: false });
      const moved = ignored.reason === 'runner-drops' && !bind.sensitive ? ignored.fix?.() : undefined;
      if (moved) fixes.push({ title: `Move to options: as -v …:${ignored.detail}`, edits: moved, isPreferred: true, safe: false });
      const written = ctx.text.slice(ignored.span.start, ignored.span.end);
      ctx.report({ messageId: ignored.reason, data: { ...mountData(bind), detail: ignored.detail, written }, span: mount.source.span, mount, run, fixes });
    }
  },
};
