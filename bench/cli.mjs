// CLI throughput, as whole processes: `node dist/cli.js` over a generated tree of 5,000 files of
// mixed kinds (as it runs by default, and with `--jobs N` for every core, interleaved), and on the
// 36,000-line compose files against a process that only runs a bare `yaml`
// parseDocument of the same file (bundled by esbuild like dist/cli.js, same parse options as the
// core), interleaved, medians. Run by hand: `npm run build && node bench/cli.mjs [options]` or
// `npm run bench`. Prints figures; asserts nothing.
//
// Options:
//   --runs N        runs of the tree in each mode (default 3); the 36k-line comparison runs 2N+1 times each
//   --files N       files in the tree (default 5000, in projects of 10)
//   --timeout S     bound of each process, in seconds (default 120)
//   --compose-only  only the 36k-line files against the bare parse (no tree)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { yamlOptions } from './baselines.mjs';
import { composeFile, writeProjectTree } from './inputs.mjs';
import { measuredCommit } from './servers.mjs';
import { markdownTable, median } from './common.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/cli.js');
const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    files: { type: 'string', default: '5000' },
    timeout: { type: 'string', default: '120' },
    'compose-only': { type: 'boolean', default: false },
  },
});
const runs = Number(opts.runs);
const timeoutMs = Number(opts.timeout) * 1000;
const withTree = !opts['compose-only'];

/** Runs a process to its end, output discarded; resolves its wall time in ms, or undefined past the timeout. */
function timeProcess(args) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // The CLI exits 1 when it found problems: that is its normal result here.
      if (signal || code > 1) {
        process.stderr.write(`${args.slice(-1)}: ${signal ?? `exit ${code}`} ${stderr.slice(-500)}\n`);
        resolve(undefined);
      } else resolve(performance.now() - t0);
    });
  });
}


const fmt = (x) => (x === undefined ? `timeout (> ${timeoutMs / 1000} s)` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const mark = (ok) => (ok === undefined ? 'not measured' : ok ? 'pass' : 'miss');
const loadBefore = loadavg();
const dir = mkdtempSync(path.join(tmpdir(), 'selinux-mounts-cli-bench-'));
try {
  // The tree: projects of ten files, one of each kind the CLI reads and one it skips.
  const tree = path.join(dir, 'tree');
  const files = withTree ? writeProjectTree(tree, Number(opts.files)) : 0;
  // The 36k-line files and the bare-parse process, bundled as dist/cli.js is.
  const bigFiles = ['all', 'realistic'].map((variant) => {
    const file = path.join(dir, variant, 'compose.yaml');
    mkdirSync(path.dirname(file), { recursive: true });
    const input = composeFile(36000, variant);
    writeFileSync(file, input.text);
    return { variant, file, lines: input.lines };
  });
  const bareParse = path.join(dir, 'bare-parse.cjs');
  writeFileSync(
    path.join(dir, 'bare-parse-entry.js'),
    `const { readFileSync } = require('node:fs');\nconst { parseDocument } = require('yaml');\n` +
      `const doc = parseDocument(readFileSync(process.argv[2], 'utf8'), ${JSON.stringify(yamlOptions)});\n` +
      `process.stdout.write(doc.errors.length + ' errors\\n');\n`,
  );
  await build({ entryPoints: [path.join(dir, 'bare-parse-entry.js')], outfile: bareParse, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', nodePaths: [path.join(root, 'node_modules')] });

  const cores = availableParallelism();
  const treeTimes = { default: [], all: [] };
  const big = new Map(bigFiles.map((b) => [b.variant, { cli: [], bare: [] }]));
  for (let run = 0; run < 2 * runs + 1; run++) {
    // The 36k-line comparison, interleaved, the order alternating between runs.
    for (const b of bigFiles) {
      const pair = [
        ['cli', [cli, b.file]],
        ['bare', [bareParse, b.file]],
      ];
      if (run % 2) pair.reverse();
      for (const [which, args] of pair) {
        process.stderr.write(`run ${run + 1} ${which} ${b.variant}\n`);
        big.get(b.variant)[which].push(await timeProcess(args));
      }
    }
    if (withTree && run < runs) {
      const modes = [
        ['default', [cli, tree]],
        ['all', [cli, '--jobs', String(cores), tree]],
      ];
      if (run % 2) modes.reverse();
      for (const [mode, args] of modes) {
        process.stderr.write(`run ${run + 1} tree of ${files} files, ${mode}\n`);
        treeTimes[mode].push(await timeProcess(args));
      }
    }
  }

  const rows = [['target (issue 9)', 'ours', 'reference', 'ratio', 'limit', 'result']];
  const tree5k = median(treeTimes.default);
  const allCores = median(treeTimes.all);
  // The target is for 5,000 files; a smaller tree (--files) is only a figure.
  const judged = files >= 5000;
  if (withTree) rows.push([
    `CLI over a tree of ${files} files (${files / 10} projects of 10 kinds)`,
    fmt(tree5k),
    `--jobs ${cores} (every core) ${fmt(allCores)}`,
    tree5k === undefined || allCores === undefined ? '-' : `${(tree5k / allCores).toFixed(2)}x`,
    judged ? '≤ 10 s' : '-',
    judged ? mark(tree5k === undefined ? undefined : tree5k <= 10_000) : '-',
  ]);
  for (const b of bigFiles) {
    const { cli: c, bare } = big.get(b.variant);
    const ours = median(c);
    const base = median(bare);
    const ratio = ours === undefined || base === undefined ? undefined : ours / base;
    rows.push([`CLI on compose ${b.variant}, ${b.lines} lines`, fmt(ours), `bare parseDocument process ${fmt(base)}`, ratio === undefined ? '-' : `${ratio.toFixed(2)}x`, '≤ 1.0x', mark(ratio === undefined ? undefined : ratio <= 1)]);
  }
  console.log(markdownTable(rows));
  const fmtLoad = (l) => l.map((x) => x.toFixed(2)).join(', ');
  console.log(
    `\nWall time of whole processes (node startup included), medians: ${withTree ? `the tree over ${runs} runs in each mode, ` : ''}each 36k-line file and its baseline over ${2 * runs + 1} runs, interleaved.` +
      (withTree ? `\nTree samples: default ${treeTimes.default.map(fmt).join(', ')}; --jobs ${cores} ${treeTimes.all.map(fmt).join(', ')}.` : '') +
      `\n36k-line samples: ${bigFiles.map((b) => `${b.variant} ${big.get(b.variant).cli.map(fmt).join(', ')} (bare ${big.get(b.variant).bare.map(fmt).join(', ')})`).join('; ')}.` +
      `\n${cores} cores, Node ${process.version}, ${measuredCommit()}; load average before ${fmtLoad(loadBefore)}, after ${fmtLoad(loadavg())}.`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
