import { ruleTester } from '../../helpers/ruleTester';

ruleTester('old-libselinux-image', {
  fileName: 'Dockerfile',
  valid: ['FROM centos:7\n', 'FROM ubuntu:14.04\n', 'FROM quay.io/centos/centos:stream9\n', 'FROM centos:60\n', 'FROM scratch\n'],
  invalid: [
    { code: 'FROM centos:6\nRUN yum -y install openssh-server\n', messageId: 'old', range: 'centos:6' },
    { code: 'FROM centos:centos6\n', messageId: 'old', range: 'centos:centos6' },
    { code: 'FROM centos:6.10 AS base\n', messageId: 'old', range: 'centos:6.10' },
    { code: 'FROM docker.io/library/ubuntu:12.04\n', messageId: 'old', range: 'docker.io/library/ubuntu:12.04' },
    { code: 'FROM ubuntu:precise\n', messageId: 'old', range: 'ubuntu:precise' },
    { code: 'ARG VERSION=6\nFROM centos:${VERSION}\n', messageId: 'old', range: 'centos:${VERSION}' },
  ],
});
