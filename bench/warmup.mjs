// How a fresh server's keystrokes change as V8 warms up: each run opens a generated input
// (bench/inputs.mjs) in a fresh process of dist/server.js and types the bench's nine edits (one
// character at 10%, 20%, ... 90% of the lines, each waiting for its diagnostics) several rounds
// over. For each round it prints the median edit → diagnostics time and the server's CPU per edit,
// split between its main thread and its other threads (V8's optimising compiler and GC helpers),
// from /proc/<pid>/task/<tid>/stat. Round 1 leaves out the first edit, as bench/lsp.mjs's median
// is set by edits 2–9. Linux only. Run by hand: `node bench/warmup.mjs [options]`; asserts nothing.
//
// Options:
//   --kind K       compose | shell | dockerfile (default compose)
//   --size N       lines of the input (default 9000)
//   --variant V    all | realistic, for compose (default all)
//   --rounds N     rounds of nine edits per process (default 4)
//   --runs N       fresh processes (default 6)
//   --server PATH  the server's entry (default this checkout's dist/server.js)
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './common.mjs';
import { inputOfKind, openedAs } from './inputs.mjs';
import { LspSession } from './lspClient.mjs';
import { ours } from './servers.mjs';

const { values } = parseArgs({
  options: {
    kind: { type: 'string', default: 'compose' },
    size: { type: 'string', default: '9000' },
    variant: { type: 'string', default: 'all' },
    rounds: { type: 'string', default: '4' },
    runs: { type: 'string', default: '6' },
    server: { type: 'string' },
  },
});
const input = inputOfKind(values.kind, Number(values.size), values.variant);
const { languageId, fileName } = openedAs[values.kind];
const uri = `file:///tmp/selinux-mounts-warmup/${fileName}`;
const rounds = Number(values.rounds);
const server = { ...ours, args: [values.server ? path.resolve(values.server) : ours.args[0], '--stdio'] };

/** CPU ms of the process's main thread and of its other threads. */
function threadsCpu(pid) {
  let main = 0;
  let others = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      // utime and stime, in clock ticks of 10 ms.
      const ms = (Number(fields[11]) + Number(fields[12])) * 10;
      if (Number(tid) === pid) main += ms;
      else others += ms;
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return { main, others };
}

const byRound = Array.from({ length: rounds }, () => ({ walls: [], main: [], others: [] }));
const loads = [loadavg()[0]];
for (let run = 0; run < Number(values.runs); run++) {
  const session = new LspSession(server, 60_000);
  try {
    await session.start();
    await session.open(uri, languageId, input.text);
    for (const [k, round] of byRound.entries()) {
      if (k === 0) await session.type(uri, input.edits[0], 'x');
      const edits = k === 0 ? input.edits.slice(1) : input.edits;
      const before = threadsCpu(session.child.pid);
      for (const position of edits) round.walls.push(await session.type(uri, position, 'x'));
      const after = threadsCpu(session.child.pid);
      round.main.push((after.main - before.main) / edits.length);
      round.others.push((after.others - before.others) / edits.length);
    }
  } finally {
    await session.stop();
  }
  loads.push(loadavg()[0]);
}
console.log(`${values.kind} ${input.lines} lines${values.kind === 'compose' ? ` (${values.variant})` : ''}, ${values.runs} fresh processes, load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
for (const [k, round] of byRound.entries()) {
  const f = (x) => median(x).toFixed(1);
  console.log(`round ${k + 1}${k === 0 ? ' (edits 2–9)' : ''}: edit → diagnostics median ${f(round.walls)} ms; CPU per edit: main thread ${f(round.main)} ms, other threads ${f(round.others)} ms`);
}
