import { ruleTester } from '../../helpers/ruleTester';

ruleTester('selinux-tool-in-build', {
  fileName: 'Dockerfile',
  valid: [
    'FROM fedora:41\nRUN dnf -y install policycoreutils && dnf clean all\n',
    'FROM fedora:41\n# RUN setenforce 0\nRUN echo setenforce\n',
    'FROM fedora:41\nCMD ["setenforce", "0"]\n',
  ],
  invalid: [
    { code: 'FROM fedora:41\nRUN setenforce 0\n', messageId: 'tool', range: 'setenforce' },
    { code: 'FROM fedora:41\nRUN mkdir /data && \\\n    chcon -Rt container_file_t /data\n', messageId: 'tool', range: 'chcon' },
    { code: 'FROM fedora:41\nRUN sudo restorecon -R /var/www\n', messageId: 'tool', range: 'restorecon' },
    { code: 'FROM fedora:41\nRUN if true; then semanage fcontext -a -t httpd_sys_content_t "/srv(/.*)?"; fi\n', messageId: 'tool', range: 'semanage' },
    { code: 'FROM fedora:41\nRUN ["/usr/sbin/setenforce", "0"]\n', messageId: 'tool', range: '/usr/sbin/setenforce' },
    { code: '# escape=`\nFROM fedora:41\nRUN echo a && `\n    /usr/sbin/setenforce 0\n', messageId: 'tool', range: '/usr/sbin/setenforce' },
  ],
});
