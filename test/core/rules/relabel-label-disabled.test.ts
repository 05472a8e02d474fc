import { ruleTester } from '../../helpers/ruleTester';

const svc = (volume: string, extra: string): string => `services:\n  web:\n    image: nginx\n${extra}    volumes:\n      - ${volume}\n`;

ruleTester('relabel-label-disabled', {
  valid: [
    svc('./d:/d:Z', ''),
    svc('./d:/d', '    privileged: true\n'),
    svc('/home:/home:Z', '    privileged: true\n'),
    svc('./d:/d:Z', '    ipc: host\n    security_opt: [label=type:spc_t]\n'),
  ],
  invalid: [
    { code: svc('./d:/d:Z', '    privileged: true\n'), messageId: 'disabled', range: './d', output: svc('./d:/d', '    privileged: true\n'), fixes: ['Remove the relabel option'] },
    { code: svc('./d:/d:ro,z', '    security_opt:\n      - label=disable\n'), messageId: 'disabled', range: './d', output: svc('./d:/d:ro', '    security_opt:\n      - label=disable\n') },
    { code: svc('./d:/d:z,ro', '    pid: host\n'), messageId: 'disabled', range: './d', output: svc('./d:/d:ro', '    pid: host\n') },
    { code: svc('./d:/d:Z', '    ipc: "host"\n    security_opt: ["label:type:spc_t"]\n'), messageId: 'disabled', range: './d', output: svc('./d:/d', '    ipc: "host"\n    security_opt: ["label:type:spc_t"]\n') },
  ],
});
