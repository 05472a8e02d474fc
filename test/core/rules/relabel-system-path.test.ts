import { ruleTester } from '../../helpers/ruleTester';

const svc = (volume: string, extra = ''): string => `services:\n  web:\n    image: nginx\n${extra}    volumes:\n      - ${volume}\n`;

ruleTester('relabel-system-path', {
  valid: [
    svc('/home:/home'),
    svc('./data:/data:Z'),
    svc('/home/alice/projects/app:/app:Z'),
    svc('/etc/pihole:/etc/pihole:z'),
    svc('/var/lib/ipa-data:/data:Z'),
    svc('data:/etc:Z'),
  ],
  invalid: [
    { code: svc('/home:/home:Z'), messageId: 'refused', range: '/home', output: svc('/home:/home'),
      fixes: ['Remove the Z relabel', 'Remove the relabel and run web with security_opt label=disable'] },
    { code: svc('/:/host:ro,z'), messageId: 'refused', range: '/', output: svc('/:/host:ro') },
    { code: svc('/usr/:/usr:z,ro'), messageId: 'refused', range: '/usr/', output: svc('/usr/:/usr:ro') },
    { code: svc('/var/run/docker.sock:/var/run/docker.sock:Z'), messageId: 'harmful', range: '/var/run/docker.sock', output: svc('/var/run/docker.sock:/var/run/docker.sock') },
    { code: svc('~:/home/me:z'), messageId: 'home', range: '~', output: svc('~:/home/me') },
    { code: svc('${HOME}:/h:z'), messageId: 'home', range: '${HOME}', output: svc('${HOME}:/h') },
    { code: svc('/home/alice:/h:Z'), messageId: 'home', range: '/home/alice', output: svc('/home/alice:/h') },
    { code: svc('~/.ssh:/root/.ssh:ro,Z'), messageId: 'home', range: '~/.ssh', output: svc('~/.ssh:/root/.ssh:ro') },
    { code: svc('/etc/localtime:/etc/localtime:ro,z'), messageId: 'harmful', range: '/etc/localtime', output: svc('/etc/localtime:/etc/localtime:ro') },
    { code: svc('/usr/share/app:/app:Z'), messageId: 'harmful', range: '/usr/share/app', output: svc('/usr/share/app:/app') },
    { code: svc('/lib/modules:/lib/modules:z'), messageId: 'harmful', range: '/lib/modules', output: svc('/lib/modules:/lib/modules') },
    { code: svc('/var/lib/docker:/var/lib/docker:Z'), messageId: 'harmful', range: '/var/lib/docker', output: svc('/var/lib/docker:/var/lib/docker') },
    { code: svc('/run/user/1000/podman/podman.sock:/run/podman.sock:z'), messageId: 'harmful', range: '/run/user/1000/podman/podman.sock', output: svc('/run/user/1000/podman/podman.sock:/run/podman.sock') },
    { code: svc('${SOCK}:/var/run/docker.sock:ro,z', '    privileged: true\n'), messageId: 'harmful', range: '${SOCK}', output: svc('${SOCK}:/var/run/docker.sock:ro', '    privileged: true\n'),
      fixes: ['Remove the z relabel'] },
    { code: svc('/var/lib/../lib:/x:Z'), messageId: 'refused', range: '/var/lib/../lib', output: svc('/var/lib/../lib:/x') },
    {
      code: svc('type: bind\n        source: /etc\n        target: /host-etc\n        bind:\n          selinux: z\n          create_host_path: true'),
      messageId: 'refused', range: '/etc',
      output: svc('type: bind\n        source: /etc\n        target: /host-etc\n        bind:\n          create_host_path: true'),
    },
    {
      code: 'services:\n  a:\n    image: x\n    volumes:\n      - home:/h:Z\nvolumes:\n  home:\n    driver_opts:\n      type: none\n      o: bind\n      device: /home\n',
      messageId: 'harmful', range: 'home',
      output: 'services:\n  a:\n    image: x\n    volumes:\n      - home:/h\nvolumes:\n  home:\n    driver_opts:\n      type: none\n      o: bind\n      device: /home\n',
    },
  ],
});
