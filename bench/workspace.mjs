// Typing while the whole workspace is checked: `dist/server.js --stdio` over a workspace folder of
// 5,000 generated files of mixed kinds (the tree bench/cli.mjs checks), with one compose file open.
// With `selinuxMounts.diagnosticsScope: workspace` the server scans the folder from `initialized`
// on; while it does, the bench types into the open file and times each edit to its diagnostics. The
// same edits are then timed with scope `openFiles` (no scan) in a fresh server: the ratio of the two
// is what the scan costs typing. Also printed: the scan's total time (initialized to the end of its
// work done progress). By default the bench client does not pull diagnostics, so closed files'
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
   * runs (`edits` 0 there: no typing, the scan alone).
   */
  async function session(scope, edits, untilScanEnds) {
    const server = {
      command: process.execPath,
      args: [path.join(root, 'dist', 'server.js'), '--stdio'],
      settings: { selinuxMounts: { debounceMs: 0, diagnosticsScope: scope } },
      workspaceFolders: [pathToFileURL(tree).href],
      pull: opts.pull,
    };
    const lsp = new LspSession(server, timeoutMs);
    try {
      await lsp.start();
      const t0 = performance.now();
      let scanMs;
      const scanned = untilScanEnds ? lsp.progressEnded().then((at) => (scanMs = at - t0)) : undefined;
      await lsp.open(uri, 'dockercompose', open.text);
      // Pulled only where the server registered pull diagnostics: with scope workspace.
      const type = opts.pull && scope === 'workspace' ? (...args) => lsp.typeAndPull(...args) : (...args) => lsp.type(...args);
      const samples = [];
      for (let i = 0; untilScanEnds && edits ? scanMs === undefined : i < edits; i++) samples.push(await type(uri, open.edits[i % open.edits.length], 'x'));
      await scanned;
      return { samples, scanMs, pushed: lsp.publishedCount };
    } finally {
      await lsp.stop();
    }
  }

  const workspace = [];
  const openOnly = [];
  const scans = [];
  const scansAlone = [];
  let pushed = 0;
  for (let run = 0; run < Number(opts.runs); run++) {
    process.stderr.write(`run ${run + 1}: scope workspace, no typing\n`);
    scansAlone.push((await session('workspace', 0, true)).scanMs);
    process.stderr.write(`run ${run + 1}: scope workspace, typing\n`);
    const w = await session('workspace', Infinity, true);
    workspace.push(...w.samples);
    scans.push(w.scanMs);
    pushed = w.pushed;
    process.stderr.write(`run ${run + 1}: scope openFiles, ${w.samples.length} edits\n`);
    openOnly.push(...(await session('openFiles', w.samples.length, false)).samples);
  }

  const rows = [['edit → diagnostics of the open file', 'median', 'p90', 'max', 'edits']];
  rows.push([`scope workspace, while ${files} files are scanned`, fmt(median(workspace)), fmt(quantile(workspace, 0.9)), fmt(Math.max(...workspace)), String(workspace.length)]);
  rows.push(['scope openFiles (no scan), same edits', fmt(median(openOnly)), fmt(quantile(openOnly, 0.9)), fmt(Math.max(...openOnly)), String(openOnly.length)]);
  rows.push(['ratio workspace / openFiles', `${(median(workspace) / median(openOnly)).toFixed(2)}x`, `${(quantile(workspace, 0.9) / quantile(openOnly, 0.9)).toFixed(2)}x`, '', '']);
  console.log(markdownTable(rows));
  const fmtLoad = (l) => l.map((x) => x.toFixed(2)).join(', ');
  console.log(
    `\nWhole scan of ${files} files (initialized → end of progress): alone ${scansAlone.map(fmt).join(', ')} (median ${fmt(median(scansAlone))}); ` +
      `while typing ${scans.map(fmt).join(', ')} (median ${fmt(median(scans))}); ` +
      `${pushed} diagnostics notifications in the last workspace run${opts.pull ? ' (pull diagnostics)' : ''}. Open file: ${open.lines} lines, typed back to back (debounceMs 0).` +
      `\n${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${measuredCommit()}; load average before ${fmtLoad(loadBefore)}, after ${fmtLoad(loadavg())}.`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
