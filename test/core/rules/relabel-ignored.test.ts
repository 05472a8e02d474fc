import { ruleTester } from '../../helpers/ruleTester';

const svc = (volume: string): string => `services:\n  web:\n    image: nginx\n    volumes:\n      - ${volume}\n`;
const long = (bind: string): string => svc(`type: bind\n        source: ./d\n        target: /d\n        bind:\n${bind}`);

ruleTester('relabel-ignored', {
  valid: [
    svc('./d:/d:z'),
    svc('./d:/d:ro,nocopy'),
    long('          selinux: Z\n          create_host_path: true'),
  ],
  invalid: [
    { code: svc('./d:/d:rwz'), messageId: 'unknown-word', range: './d', output: svc('./d:/d:rw,z'), fixes: ['Change "rwz" to "rw,z"'] },
    { code: svc('./d:/d:Zro'), messageId: 'unknown-word', range: './d', output: svc('./d:/d:Z,ro') },
    { code: svc('./d:/d:ro,zZ'), messageId: 'unknown-word', range: './d', output: svc('./d:/d:ro,Z') },
    { code: svc('./d:/d:ro.Z'), messageId: 'unknown-word', range: './d' },
    { code: long('          selinux: Z\n          propagation: rshared'), messageId: 'mount-api', range: './d' },
    { code: long('          selinux: z\n          create_host_path: false'), messageId: 'mount-api', range: './d' },
    { code: long('          recursive: disabled\n          selinux: Z'), messageId: 'mount-api', range: './d' },
    { code: long('          selinux: shared'), messageId: 'unknown-word', range: './d' },
    {
      code: long('          selinux: z'), messageId: 'needs-create-host-path', range: './d',
      output: long('          selinux: z\n          create_host_path: true'), fixes: ['Add create_host_path: true'],
    },
  ],
});
