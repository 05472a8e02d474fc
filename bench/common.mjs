// What the benchmarks share: medians, the Markdown tables they print, and the analysis core bundled
// as dist/ bundles it, for the benches that time it in process.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The median of the numbers in `xs` (undefined entries, a timeout's, left out); undefined when none. */
export function median(xs) {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Rows of cells (the first the header) as the lines of a Markdown table, columns padded. */
export function markdownTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  const line = (row) => `| ${row.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

/**
 * Bundles server/src/core (or another `entry`) into `outfile` (CommonJS) as scripts/build.mjs does:
 * tree-sitter's CJS build, jsonc-parser's ESM build (its UMD one requires at run time).
 */
export async function bundleCore(outfile, entry = path.join(root, 'server/src/core/index.ts')) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    nodePaths: [path.join(root, 'node_modules')],
    mainFields: ['module', 'main'],
    alias: { 'web-tree-sitter': path.join(root, 'node_modules/web-tree-sitter/tree-sitter.cjs') },
  });
}
