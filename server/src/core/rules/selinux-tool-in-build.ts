import type { Rule } from './rule';

/** What each tool does in a build container, where SELinux looks disabled (reference §7, §8). */
const tools: Record<string, string> = {
  setenforce: 'prints "setenforce: SELinux is disabled" and exits 1, so this step fails the build',
  restorecon: 'exits 0 without doing anything when SELinux looks disabled, so no label changes',
  chcon: 'fails ("failed to change context"): the image root is mounted with a fixed context= label and container_t may not relabel files',
  semanage: 'edits a policy store inside the image that the host never loads: the host\'s policy alone decides labels',
  load_policy: 'cannot load a policy from inside a container: the host\'s policy alone applies',
  fixfiles: 'relabels nothing in a container, where SELinux looks disabled',
};

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
      const effect = tools[command.name];
      if (effect) ctx.report({ messageId: 'tool', data: { tool: command.name, effect }, span: command.span });
    }
  },
};
