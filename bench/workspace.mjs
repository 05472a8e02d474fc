// Typing while the whole workspace is checked: `dist/server.js --stdio` over a workspace folder of
// 5,000 generated files of mixed kinds (the tree bench/cli.mjs checks), with one compose file open.
// With `selinuxMounts.diagnosticsScope: workspace` the server scans the folder from `initialized`
// on; while it does, the bench types into the open file and times each edit to its diagnostics. The
// same edits are then timed with scope `openFiles` and `compareWorkspace: false` (no scan) in a fresh
// server: the ratio of the two is what the scan costs typing. The default `openFiles` scope reads the
// workspace too (`compareWorkspace`, for the comparison across files, no diagnostics): its edits are
// timed while it reads, and the open file's didOpen → first diagnostics while it reads, once it has
// read everything, and without it. Also printed: the scans' total time (initialized to the end of
// their work done progress). By default the bench client does not pull diagnostics, so closed files'
// diagnostics are pushed (the heavier way for the server: every report is a notification); with
// --pull it takes pull diagnostics as VS Code does, and with scope workspace each edit is timed to
// the answer of the `textDocument/diagnostic` that follows it.
// Run by hand: `npm run build && node bench/workspace.mjs [options]`. Prints figures; asserts nothing.
//
// Options:
//   --runs N        runs (default 3), each: the scan alone, the scan while typing, the same edits with openFiles
//   --files N       files in the workspace (default 5000, in projects of 10)
//   --lines N       lines of the open compose file (default 400)
//   --timeout S     bound of every wait, in seconds (default 120)
//   --pull          the client takes pull diagnostics (VS Code's way)
//   --baseline P    also time the read for the comparison alone (scope openFiles, no open file:
//                   wall time and the server's CPU time) with P, the dist/server.js of another
//                   build, each run alternating with this build's
//   --read-only     only that read for the comparison (with --baseline: both builds)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { composeFile, writeProjectTree } from './inputs.mjs';
import { LspSession } from './lspClient.mjs';
import { measuredCommit } from './servers.mjs';
import { markdownTable } from './common.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    files: { type: 'string', default: '5000' },
    lines: { type: 'string', default: '400' },
    timeout: { type: 'string', default: '120' },
    pull: { type: 'boolean', default: false },
    baseline: { type: 'string' },
    'read-only': { type: 'boolean', default: false },
  },
});
const timeoutMs = Number(opts.timeout) * 1000;

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return undefined;
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
const median = (xs) => quantile(xs, 0.5);
const fmt = (x) => (x === undefined ? '-' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);

const loadBefore = loadavg();
const dir = mkdtempSync(path.join(tmpdir(), 'selinux-mounts-workspace-bench-'));
try {
  const tree = path.join(dir, 'tree');
  const files = writeProjectTree(tree, Number(opts.files));
  const open = composeFile(Number(opts.lines), 'realistic');
  const openFile = path.join(tree, 'open', 'compose.yaml');
  mkdirSync(path.dirname(openFile), { recursive: true });
  writeFileSync(openFile, open.text);
  const uri = pathToFileURL(openFile).href;

  /**
   * One server: opens the file, types `edits` times, or with `untilScanEnds` as long as the scan
   * runs (`edits` 0 there: no typing, the scan alone). With `openAfterScan` the file is opened once
   * the scan has ended. `compare` is `selinuxMounts.compareWorkspace`.
   */
  async function session(scope, edits, untilScanEnds, { compare = true, openAfterScan = false } = {}) {
    const server = {
      command: process.execPath,
      args: [path.join(root, 'dist', 'server.js'), '--stdio'],
      settings: { selinuxMounts: { debounceMs: 0, diagnosticsScope: scope, compareWorkspace: compare } },
      workspaceFolders: [pathToFileURL(tree).href],
      pull: opts.pull,
    };
    const lsp = new LspSession(server, timeoutMs);
    try {
      await lsp.start();
      const t0 = performance.now();
      let scanMs;
      const scanned = untilScanEnds || openAfterScan ? lsp.progressEnded().then((at) => (scanMs = at - t0)) : undefined;
      if (openAfterScan) await scanned;
      const openMs = await lsp.open(uri, 'dockercompose', open.text);
      // Pulled only where the server registered pull diagnostics: with scope workspace.
      const type = opts.pull && scope === 'workspace' ? (...args) => lsp.typeAndPull(...args) : (...args) => lsp.type(...args);
      const samples = [];
      for (let i = 0; untilScanEnds && edits ? scanMs === undefined : i < edits; i++) samples.push(await type(uri, open.edits[i % open.edits.length], 'x'));
      await scanned;
      return { samples, scanMs, openMs, pushed: lsp.publishedCount };
    } finally {
      await lsp.stop();
    }
  }

  /**
   * The read for the comparison alone with the server `serverJs`: scope openFiles, no document
   * open; the ms from initialized to the end of its progress, and the CPU the server spent on it.
   */
  async function readForComparison(serverJs) {
    const server = {
      command: process.execPath,
      args: [serverJs, '--stdio'],
      settings: { selinuxMounts: { debounceMs: 0 } },
      workspaceFolders: [pathToFileURL(tree).href],
      pull: opts.pull,
    };
    const lsp = new LspSession(server, timeoutMs);
    try {
      await lsp.start();
      const [t0, cpu0] = [performance.now(), lsp.cpuMs()];
      const end = await lsp.progressEnded();
      const cpu = lsp.cpuMs();
      return { ms: end - t0, cpuMs: cpu === undefined || cpu0 === undefined ? undefined : cpu - cpu0 };
    } finally {
      await lsp.stop();
    }
  }

  const builds = [['this build', path.join(root, 'dist', 'server.js')], ...(opts.baseline ? [['baseline', path.resolve(opts.baseline)]] : [])];
  if (opts.baseline || opts['read-only']) {
    const reads = new Map(builds.map(([name]) => [name, []]));
    for (let run = 0; run < Number(opts.runs); run++) {
      // Alternating, so a change of the machine's load falls on both.
      for (const [name, serverJs] of run % 2 ? [...builds].reverse() : builds) {
        process.stderr.write(`run ${run + 1}: the read for the comparison, ${name}\n`);
        reads.get(name).push(await readForComparison(serverJs));
      }
    }
    const readRows = [[`read of ${files} files for the comparison (openFiles, no open file)`, 'wall, each run', 'median wall', 'server CPU, each run', 'median CPU']];
    for (const [name, samples] of reads) {
      const cpu = samples.map((s) => s.cpuMs).filter((x) => x !== undefined);
      readRows.push([name, samples.map((s) => fmt(s.ms)).join(', '), fmt(median(samples.map((s) => s.ms))), cpu.map(fmt).join(', '), fmt(median(cpu))]);
    }
    if (opts.baseline) {
      const [ours, base] = [reads.get('this build'), reads.get('baseline')];
      const ratio = (f) => `${(median(ours.map(f)) / median(base.map(f))).toFixed(2)}x`;
      readRows.push(['ratio this build / baseline', '', ratio((s) => s.ms), '', ratio((s) => s.cpuMs ?? NaN)]);
    }
    console.log(`${markdownTable(readRows)}\n`);
  }
  // The edits timed while the workspace is scanned or read, and the scans' times.
  if (!opts['read-only']) {
    const workspace = [];
    const reading = [];
    const openOnly = [];
    const scans = [];
    const scansAlone = [];
    const indexScans = [];
    const opens = { reading: [], read: [], alone: [] };
    let pushed = 0;
    for (let run = 0; run < Number(opts.runs); run++) {
      process.stderr.write(`run ${run + 1}: scope workspace, no typing\n`);
      scansAlone.push((await session('workspace', 0, true)).scanMs);
      process.stderr.write(`run ${run + 1}: scope workspace, typing\n`);
      const w = await session('workspace', Infinity, true);
      workspace.push(...w.samples);
      scans.push(w.scanMs);
      pushed = w.pushed;
      process.stderr.write(`run ${run + 1}: scope openFiles reading the workspace, typing\n`);
      const r = await session('openFiles', Infinity, true);
      reading.push(...r.samples);
      indexScans.push(r.scanMs);
      opens.reading.push(r.openMs);
      process.stderr.write(`run ${run + 1}: scope openFiles, the workspace read, open\n`);
      opens.read.push((await session('openFiles', 0, false, { openAfterScan: true })).openMs);
      process.stderr.write(`run ${run + 1}: scope openFiles without compareWorkspace, ${w.samples.length} edits\n`);
      const alone = await session('openFiles', w.samples.length, false, { compare: false });
      openOnly.push(...alone.samples);
      opens.alone.push(alone.openMs);
    }

    const rows = [['edit → diagnostics of the open file', 'median', 'p90', 'max', 'edits']];
    rows.push([`scope workspace, while ${files} files are scanned`, fmt(median(workspace)), fmt(quantile(workspace, 0.9)), fmt(Math.max(...workspace)), String(workspace.length)]);
    rows.push([`scope openFiles, while ${files} files are read (compareWorkspace)`, fmt(median(reading)), fmt(quantile(reading, 0.9)), fmt(Math.max(...reading)), String(reading.length)]);
    rows.push(['scope openFiles without compareWorkspace (no scan)', fmt(median(openOnly)), fmt(quantile(openOnly, 0.9)), fmt(Math.max(...openOnly)), String(openOnly.length)]);
    rows.push(['ratio workspace / no scan', `${(median(workspace) / median(openOnly)).toFixed(2)}x`, `${(quantile(workspace, 0.9) / quantile(openOnly, 0.9)).toFixed(2)}x`, '', '']);
    rows.push(['ratio openFiles reading / no scan', `${(median(reading) / median(openOnly)).toFixed(2)}x`, `${(quantile(reading, 0.9) / quantile(openOnly, 0.9)).toFixed(2)}x`, '', '']);
    console.log(markdownTable(rows));
    const openRows = [['didOpen → first diagnostics (scope openFiles)', 'each run', 'median']];
    openRows.push(['while the workspace is read (opened at initialized)', opens.reading.map(fmt).join(', '), fmt(median(opens.reading))]);
    openRows.push([`once all ${files} files are read`, opens.read.map(fmt).join(', '), fmt(median(opens.read))]);
    openRows.push(['without compareWorkspace (no scan)', opens.alone.map(fmt).join(', '), fmt(median(opens.alone))]);
    console.log(`\n${markdownTable(openRows)}`);
    console.log(
      `\nWhole scan of ${files} files (initialized → end of progress): alone ${scansAlone.map(fmt).join(', ')} (median ${fmt(median(scansAlone))}); ` +
        `while typing ${scans.map(fmt).join(', ')} (median ${fmt(median(scans))}); ` +
        `read for the comparison (openFiles) while typing ${indexScans.map(fmt).join(', ')} (median ${fmt(median(indexScans))}); ` +
        `${pushed} diagnostics notifications in the last workspace run${opts.pull ? ' (pull diagnostics)' : ''}. Open file: ${open.lines} lines, typed back to back (debounceMs 0).`,
    );
  }
  const fmtLoad = (l) => l.map((x) => x.toFixed(2)).join(', ');
  console.log(`\n${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${measuredCommit()}; load average before ${fmtLoad(loadBefore)}, after ${fmtLoad(loadavg())}.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
