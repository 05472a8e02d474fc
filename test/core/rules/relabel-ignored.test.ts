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

// GitHub Actions: the runner reads volumes: itself and keeps only ro (reference §5d).
const service = (volumes: string, more = ''): string =>
  `on: push\njobs:\n  test:\n    runs-on: [self-hosted]\n    services:\n      db:\n        image: postgres\n        volumes:\n${volumes}${more}    steps:\n      - run: make\n`;

ruleTester('relabel-ignored', {
  fileName: '.github/workflows/ci.yml',
  valid: [service('          - /srv/pg:/data\n'), service('          - pgdata:/data:Z\n'), service('          - /srv/pg:/data:ro\n')],
  invalid: [
    {
      code: service('          - /srv/pg:/data:Z\n'), messageId: 'runner-drops', range: '/srv/pg',
      output: service('').replace('        volumes:\n', '        options: -v /srv/pg:/data:Z\n'), fixes: ['Move to options: as -v …:Z'],
    },
    {
      code: service('          - /srv/pg:/data:z\n          - /srv/log:/log\n', '        options: --health-cmd pg_isready\n'), messageId: 'runner-drops', range: '/srv/pg',
      output: service('          - /srv/log:/log\n', '        options: --health-cmd pg_isready -v /srv/pg:/data:z\n'),
    },
    {
      code: service('          - /srv/pg:/data:ro,Z\n'), messageId: 'runner-drops', range: '/srv/pg',
      output: service('').replace('        volumes:\n', '        options: -v /srv/pg:/data:ro,Z\n'),
    },
    { code: service('          - /var/run/docker.sock:/var/run/docker.sock:Z\n'), messageId: 'runner-drops', range: '/var/run/docker.sock' },
  ],
});
