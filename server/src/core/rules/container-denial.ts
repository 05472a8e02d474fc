import type { Rule } from './rule';

export const containerDenial: Rule = {
  meta: {
    id: 'container-denial',
    defaultSeverity: 'info',
    description: 'An AVC denial of a container process in an open audit log, with why it happened; the hover explains it in full.',
    messages: {
      'type-enforcement':
        '{{comm}} in a container ({{source}}) was denied {{perms}} on the {{tclass}} {{name}}: its type {{target}} is not container content. Relabel the mount with :Z (or :z if several containers share it). Hover for details.',
      mcs: '{{comm}} in a container ({{source}}) was denied {{perms}} on the {{tclass}} {{name}}: an MCS mismatch, the file carries categories this container does not hold (another container\'s :Z). Use :z, or one shared label=level:. Hover for details.',
      'engine-socket':
        '{{comm}} in a container ({{source}}) was denied {{perms}} on the container engine\'s socket ({{target}}): run it with label=disable; never relabel the socket. Hover for details.',
      'labels-match': '{{comm}} in a container ({{source}}) was denied {{perms}} on the {{tclass}} {{name}} although the labels look compatible ({{target}}). Hover for details.',
    },
    fixable: false,
  },
  check(ctx) {
    for (const d of ctx.file.denials ?? []) {
      if (!d.container || !(d.kind in containerDenial.meta.messages)) continue;
      ctx.report({
        messageId: d.kind,
        data: {
          comm: d.comm ? `"${d.comm}"` : 'a process',
          source: d.sourceType,
          target: d.targetType,
          perms: `{ ${d.permissions.join(' ')} }`,
          tclass: d.tclass ?? 'object',
          name: d.name ? `"${d.name}"` : '',
        },
        span: d.span,
      });
    }
  },
};
