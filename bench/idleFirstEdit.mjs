// What the first keystroke after open costs the server when the user pauses before typing (the
// idle-time preparation, lsp/idlePreparation.ts), in server CPU from /proc/<pid>/stat and wall
// time: each input in fresh processes, opened, `--wait` ms of idleness, one character typed at
// its first edit position, the diagnostics of that version awaited; the peak RSS (VmHWM) before
// the edit and after it.
// Run by hand, on a built dist/ or another server file:
//
//   node bench/idleFirstEdit.mjs [--server dist/server.js] [--wait 1500] [--runs 5] [--sizes 9000,36000,2000]
//
// Prints figures; asserts nothing.
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { median, root } from './common.mjs';
import { lspInputs, openedAs } from './inputs.mjs';
import { LspSession } from './lspClient.mjs';
import { ours } from './servers.mjs';

const { values: opts } = parseArgs({
  options: {
    server: { type: 'string', default: path.join(root, 'dist/server.js') },
    wait: { type: 'string', default: '1500' },
    runs: { type: 'string', default: '5' },
    sizes: { type: 'string', default: '9000,36000,2000' },
  },
});
const sizes = opts.sizes.split(',').map(Number);
const wait = Number(opts.wait);
const inputs = lspInputs().filter((i) => sizes.includes(i.size) && (i.kind !== 'compose' || i.variant === 'all'));
const server = { ...ours, args: [path.resolve(opts.server), '--stdio'] };

async function once(input) {
  const session = new LspSession(server, 60_000);
  try {
    await session.start();
    const uri = `file:///bench/${input.size}/${openedAs[input.kind].fileName}`;
    await session.open(uri, openedAs[input.kind].languageId, input.text);
    await new Promise((resolve) => setTimeout(resolve, wait));
    const rssIdle = session.peakRssMB();
    const cpu0 = session.cpuMs();
    const ms = await session.type(uri, input.edits[0], 'x');
    const cpu = session.cpuMs() - cpu0;
    return { ms, cpu, rssIdle, rss: session.peakRssMB(), diagnostics: session.diagnostics.get(uri).length };
  } finally {
    await session.stop();
  }
}

console.log(`server ${opts.server}, wait ${wait} ms, ${opts.runs} runs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const input of inputs) {
  const samples = [];
  for (let r = 0; r < Number(opts.runs); r++) samples.push(await once(input));
  const m = (key) => median(samples.map((s) => s[key])).toFixed(0);
  console.log(
    `${input.name.padEnd(28)} first edit cpu ${m('cpu')} ms [${samples.map((s) => s.cpu.toFixed(0)).join(' ')}], wall ${m('ms')} ms, peak RSS ${m('rssIdle')} MB before the edit, ${m('rss')} MB after, ${samples[0].diagnostics} diagnostics`,
  );
}
console.log(`load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
