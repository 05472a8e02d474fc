import { buildTools } from '../buildFacts';
import type { Rule } from './rule';

export const selinuxToolInBuild: Rule = {
  meta: {
    id: 'selinux-tool-in-build',
    defaultSeverity: 'warning',
    description: 'setenforce, chcon, restorecon, semanage or load_policy in a build step: they fail or do nothing inside a container.',
    messages: {
      tool: '{{tool}} in a build step {{effect}}. Labels that containers need are set on the host (:z/:Z on the mount, or chcon/semanage fcontext there), not in the image.',
    },
    fixable: false,
  },
  check(ctx) {
    for (const command of ctx.file.buildCommands ?? []) {
      const effect = buildTools[command.name];
      if (effect) ctx.report({ messageId: 'tool', data: { tool: command.name, effect }, span: command.span });
    }
  },
};
