// The workspace comparison when many files mount one folder: N scripts (bench/inputs.mjs
// shellScript, each in a folder of its own, as the 5,000-file tree's deploy/run.sh) that all mount
// /srv/app0/conf, /srv/app1/conf... with :Z; the CPU time to analyse every one of them against the
// workspace index of all (what the CLI does, and the server's scan once it has read them). Near
// linear in N when adding a file costs what it names; quadratic when each file walks all the others.
// With --against DIR, the core of another checkout (a `git worktree` of an older commit) is
// measured too, interleaved. Run by hand: `node bench/sharedFolder.mjs [options]`. Prints figures; asserts nothing.
//
// Options:
//   --sizes N,N     numbers of scripts (default 250,500,1000,2000)
//   --runs N        runs of each size (default 3; medians)
//   --against DIR   another checkout's root, measured the same way
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleCore, markdownTable, median, root } from './common.mjs';
import { shellScript } from './inputs.mjs';
import { measuredCommit } from './servers.mjs';

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '250,500,1000,2000' },
    runs: { type: 'string', default: '3' },
    against: { type: 'string' },
  },
});
const require = createRequire(import.meta.url);
const wasm = { treeSitter: require.resolve('web-tree-sitter/tree-sitter.wasm'), bash: require.resolve('tree-sitter-bash/tree-sitter-bash.wasm') };

/** CPU ms to analyse `n` scripts against the index of all their relabelled mounts. */
function timeAnalyses(core, n) {
  const files = Array.from({ length: n }, (_, i) => ({ path: `/w/project${i}/deploy/run.sh`, text: shellScript(40 + (i % 4) * 10).text }));
  const mounts = files.flatMap((f) => core.workspaceMountsOf(f.path, core.analyze(f.text, { fileName: f.path }).file, core.fileView(f.path, undefined)));
  const index = new core.WorkspaceIndex(mounts);
  const t0 = process.cpuUsage();
  let findings = 0;
  for (const f of files) findings += core.analyze(f.text, { fileName: f.path, workspace: core.fileView(f.path, index) }).findings.length;
  const t = process.cpuUsage(t0);
  return { ms: (t.user + t.system) / 1000, findings };
}

const loadBefore = loadavg();
const dir = mkdtempSync(path.join(tmpdir(), 'selinux-mounts-shared-folder-'));
try {
  const cores = [['this tree', root]];
  if (opts.against) cores.push([`--against ${opts.against}`, path.resolve(opts.against)]);
  const loaded = [];
  for (const [name, checkout] of cores) {
    const bundle = path.join(dir, `core${loaded.length}.cjs`);
    await bundleCore(bundle, path.join(checkout, 'server/src/core/index.ts'));
    const core = require(bundle);
    await core.initShellParser(wasm);
    // Warm up the parsers and rules before anything is timed.
    timeAnalyses(core, 100);
    loaded.push({ name, core, times: new Map() });
  }
  const sizes = opts.sizes.split(',').map(Number);
  for (let run = 0; run < Number(opts.runs); run++) {
    for (const n of sizes) {
      for (const entry of run % 2 ? [...loaded].reverse() : loaded) {
        process.stderr.write(`run ${run + 1}: ${n} scripts, ${entry.name}\n`);
        const { ms, findings } = timeAnalyses(entry.core, n);
        entry.times.set(n, [...(entry.times.get(n) ?? []), ms]);
        entry.findings = { ...entry.findings, [n]: findings };
      }
    }
  }
  const rows = [['scripts mounting one folder', ...loaded.flatMap((e) => [`${e.name}: CPU`, 'per script'])]];
  for (const n of sizes) rows.push([String(n), ...loaded.flatMap((e) => [`${median(e.times.get(n)).toFixed(0)} ms`, `${(median(e.times.get(n)) / n).toFixed(2)} ms`])]);
  console.log(markdownTable(rows));
  const same = loaded.every((e) => sizes.every((n) => e.findings[n] === loaded[0].findings[n]));
  const fmtLoad = (l) => l.map((x) => x.toFixed(2)).join(', ');
  console.log(
    `\nMedians of ${opts.runs} interleaved runs, CPU time (user + system) of the analyses alone; ${same ? 'the same findings in each' : 'DIFFERENT findings'}.` +
      `\n${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${measuredCommit()}; load average before ${fmtLoad(loadBefore)}, after ${fmtLoad(loadavg())}.`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
