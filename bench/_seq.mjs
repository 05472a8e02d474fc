import { lspInputs } from './inputs.mjs';
import { LspSession } from './lspClient.mjs';
import { ours } from './servers.mjs';
import { readFileSync } from 'node:fs';
const size = Number(process.argv[2] ?? 9000), variant = process.argv[3] ?? 'all';
const input = lspInputs().find((i) => i.kind === 'compose' && i.size === size && i.variant === variant);
const server = { ...ours, args: [process.env.SERVER ?? ours.args[0], '--stdio'] };
const s = new LspSession(server, 60000);
await s.start();
const uri = 'file:///tmp/prof/compose.yaml';
const cpu = () => { const f = readFileSync(`/proc/${s.child.pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const open = await s.open(uri, 'dockercompose', input.text);
const out = [];
for (let r = 0; r < Number(process.env.ROUNDS ?? 1); r++) for (const p of input.edits) { const c = cpu(); const t = await s.type(uri, p, 'x'); out.push([t, cpu() - c]); }
const wall = out.map((x) => x[0]).sort((a, b) => a - b);
console.log(`open ${open.toFixed(0)} edits ${out.map((x) => `${x[0].toFixed(0)}/${x[1]}`).join(' ')} median ${wall[wall.length >> 1].toFixed(1)} rss ${s.peakRssMB().toFixed(0)}`);
await s.stop();
