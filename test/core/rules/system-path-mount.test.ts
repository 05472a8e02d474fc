import { ruleTester } from '../../helpers/ruleTester';

const svc = (volume: string, extra = ''): string => `services:\n  web:\n    image: nginx\n${extra}    volumes:\n      - ${volume}\n`;

ruleTester('system-path-mount', {
  valid: [
    svc('./data:/data'),
    svc('/var/run/docker.sock:/var/run/docker.sock', '    privileged: true\n'),
    svc('/var/run/docker.sock:/var/run/docker.sock', '    security_opt:\n      - label:disable\n'),
    svc('/dev:/dev-host', '    security_opt: [label=disable]\n'),
    svc('/home:/home:Z'),
    svc('/etc/pihole:/etc/pihole'),
  ],
  invalid: [
    {
      code: svc('/var/run/docker.sock:/var/run/docker.sock'), messageId: 'sensitive', range: '/var/run/docker.sock',
      output: svc('/var/run/docker.sock:/var/run/docker.sock') + '    security_opt:\n      - label=disable\n',
      fixes: ['Run web with security_opt label=disable (no relabel, no confinement)'],
    },
    {
      code: svc('/:/host:ro', '    security_opt:\n      - no-new-privileges:true\n'), messageId: 'sensitive', range: '/',
      output: svc('/:/host:ro', '    security_opt:\n      - no-new-privileges:true\n      - label=disable\n'),
    },
    {
      code: svc('/etc/localtime:/etc/localtime:ro', '    security_opt: [no-new-privileges:true]\n'), messageId: 'sensitive', range: '/etc/localtime',
      output: svc('/etc/localtime:/etc/localtime:ro', '    security_opt: [no-new-privileges:true, label=disable]\n'),
    },
    {
      code: 'services:\n  web:\n    image: x\n    volumes:\n      - /home:/home\n    ports: ["80:80"] # web\n  db:\n    image: y\n',
      messageId: 'sensitive', range: '/home',
      output: 'services:\n  web:\n    image: x\n    volumes:\n      - /home:/home\n    ports: ["80:80"] # web\n    security_opt:\n      - label=disable\n  db:\n    image: y\n',
    },
    { code: svc('${SOURCE:-/dev/null}:/tmp/foo'), messageId: 'sensitive', range: '${SOURCE:-/dev/null}', output: svc('${SOURCE:-/dev/null}:/tmp/foo') + '    security_opt:\n      - label=disable\n' },
    { code: svc('/tmp/.X11-unix:/tmp/.X11-unix'), messageId: 'sensitive', range: '/tmp/.X11-unix', output: svc('/tmp/.X11-unix:/tmp/.X11-unix') + '    security_opt:\n      - label=disable\n' },
  ],
});
