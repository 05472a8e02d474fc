// The server's CPU per keystroke over LSP, builds side by side: for each run, each build's
// dist/server.js in a fresh process in turn opens a generated compose file (bench/inputs.mjs) and
// gets the bench's nine edits (one character typed at 10%, 20%, ... 90% of the lines, each waiting
// for its diagnostics) — or a generated script or Dockerfile with `--kind` — and the process's CPU time (utime + stime from /proc/<pid>/stat: all its
// threads, in clock ticks) is read around edits 2–9, those that run before V8 has optimised the
// code and set the median of bench/lsp.mjs. CPU rather than wall time: the machine is shared.
// Run by hand, after building each dist: `node bench/keystrokeCpu.mjs [options] DIST...`
// (a DIST is a folder holding server.js; default: this checkout's dist). Prints figures; asserts nothing.
//
// Options:
//   --runs N            fresh processes per build (default 8), the builds alternating
//   --kind K            compose | shell | dockerfile (default compose)
//   --size N            lines of the input (default 9000)
//   --variant V         all | realistic, for compose (default all)
//   --prof DIR          run the servers under --cpu-prof (100 µs), profiles in DIR
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { median, root } from './common.mjs';
import { inputOfKind, openedAs } from './inputs.mjs';
import { LspSession } from './lspClient.mjs';
import { ours } from './servers.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { kind: { type: 'string', default: 'compose' }, runs: { type: 'string', default: '8' }, size: { type: 'string', default: '9000' }, variant: { type: 'string', default: 'all' }, prof: { type: 'string' } },
});
const dists = positionals.length ? positionals.map((d) => path.resolve(d)) : [path.join(root, 'dist')];
const input = inputOfKind(values.kind, Number(values.size), values.variant);
const { languageId, fileName } = openedAs[values.kind];
const dir = mkdtempSync(path.join(tmpdir(), 'selinux-mounts-keystroke-cpu-'));
mkdirSync(path.join(dir, 'project'));
const uri = `file://${dir}/project/${fileName}`;
const profile = values.prof ? ['--cpu-prof', '--cpu-prof-interval=100', `--cpu-prof-dir=${path.resolve(values.prof)}`] : [];

/** One fresh server on the input: its CPU per edit over edits 2–9, and the median wall time of those edits. */
async function measure(dist) {
  const session = new LspSession({ ...ours, args: [...profile, path.join(dist, 'server.js'), '--stdio'] }, 60_000);
  try {
    await session.start();
    await session.open(uri, languageId, input.text);
    const walls = [];
    let before;
    for (const [i, position] of input.edits.entries()) {
      if (i === 1) before = session.cpuMs();
      walls.push(await session.type(uri, position, 'x'));
    }
    const later = walls.slice(1);
    return { cpu: (session.cpuMs() - before) / later.length, wall: median(later), diagnostics: session.diagnostics.get(uri)?.length };
  } finally {
    await session.stop();
  }
}

const results = new Map(dists.map((d) => [d, []]));
const loads = [loadavg()[0]];
try {
  for (let run = 0; run < Number(values.runs); run++) {
    // The order alternates between runs: neither build always follows the other.
    for (const dist of run % 2 ? [...dists].reverse() : dists) results.get(dist).push(await measure(dist));
    loads.push(loadavg()[0]);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${values.kind} ${input.lines} lines${values.kind === 'compose' ? ` (${values.variant})` : ''}, ${values.runs} fresh processes per build, load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
for (const [dist, rs] of results) {
  const f = (x) => x.toFixed(1);
  console.log(`${dist}: server CPU per edit (edits 2–9) median ${f(median(rs.map((r) => r.cpu)))} ms [${rs.map((r) => f(r.cpu)).join(' ')}]; wall median ${f(median(rs.map((r) => r.wall)))} ms; ${rs[0]?.diagnostics} diagnostics`);
}
