/**
 * What a host path's current SELinux label means for a container that mounts it (reference §0, §4,
 * §6, §10): the editor reads the label on an SELinux host; this turns it into a verdict.
 */
import type { ContainerRun, Mount } from './model';
import { isContainerFileType, parseContext, parseLevel } from './selinux/context';

export interface HostLabelVerdict {
  /** The container (confined, without a relabel) is denied access as things stand. */
  denied: boolean;
  /** Markdown, written with the path and the label. */
  text: string;
}

export function judgeHostLabel(label: string, path: string, mount: Mount, run: ContainerRun): HostLabelVerdict | undefined {
  const context = parseContext(label.replace(/\0$/, '').trim());
  if (!context) return undefined;
  const head = `**On this host** \`${path}\` is labelled \`${label.trim()}\`.`;
  const relabel = mount.relabels[0]?.word;
  if (run.labeling.disabled) return { denied: false, text: `${head} Labeling is off for ${run.name}: it runs unconfined and is not denied.` };
  if (relabel) {
    const to = relabel === 'z' ? 'container_file_t:s0' : 'container_file_t with the container\'s own categories';
    return { denied: false, text: `${head} The \`${relabel}\` option relabels it to \`${to}\` when ${run.name} starts.` };
  }
  if (!isContainerFileType(context.type)) {
    return {
      denied: true,
      text: `${head} A confined container (\`container_t\`) may not use \`${context.type}\` content: its access will be denied until the mount is relabelled.`,
    };
  }
  const level = context.level ? parseLevel(context.level) : undefined;
  if (!level || level.categories.length === 0) {
    return { denied: false, text: `${head} It already carries the shared container label: every container may use it, no relabel needed.` };
  }
  return {
    denied: true,
    text: `${head} It is private to the container holding \`${context.level}\` (an earlier \`:Z\`): another container is denied unless it runs at that level. Use \`:z\` if several containers share it.`,
  };
}
