import { ruleTester } from '../../helpers/ruleTester';

const svc = (volume: string): string => `services:\n  web:\n    image: nginx\n    volumes:\n      - ${volume}\n`;

ruleTester('conflicting-relabel', {
  valid: [svc('./d:/d:z'), svc('./d:/d:ro,Z'), svc('./d:/d')],
  invalid: [
    { code: svc('./d:/d:z,Z'), messageId: 'both', range: './d', output: svc('./d:/d:Z'), fixes: ['Keep only Z', 'Keep only z'] },
    { code: svc('./d:/d:Z,ro,z'), messageId: 'both', range: './d', output: svc('./d:/d:Z,ro') },
    { code: svc('./d:/d:z,Z'), messageId: 'both', range: './d', output: svc('./d:/d:z'), settings: { preferredRelabel: 'z' } },
  ],
});
