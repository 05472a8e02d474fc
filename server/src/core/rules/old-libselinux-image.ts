import { oldLibselinuxImage as oldImages } from '../buildFacts';
import type { Rule } from './rule';

export const oldLibselinuxImage: Rule = {
  meta: {
    id: 'old-libselinux-image',
    defaultSeverity: 'info',
    description: 'A base image whose libselinux predates 2.1.1 (centos:6, ubuntu:12.04): tools inside think SELinux is on, and sshd logins fail.',
    messages: {
      old:
        '{{image}} ships a libselinux older than 2.1.1, which thinks SELinux is enabled inside a container (it reads the host kernel\'s /proc/filesystems): sshd logins fail with "ssh_selinux_getctxbyname", useradd and vipw fail. Use a newer base image or update libselinux in the image.',
    },
    fixable: false,
  },
  check(ctx) {
    for (const image of ctx.file.baseImages ?? []) {
      if (oldImages.test(image.ref)) ctx.report({ messageId: 'old', data: { image: image.ref }, span: image.span });
    }
  },
};
