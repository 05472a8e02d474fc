// Times the analysis core on the ~2,000-line shell script and Dockerfile of bench/inputs.mjs
// against the bare tree-sitter-bash parse of the same text, measured in the same run. Run by hand:
// `npm run bench`. Prints figures; asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { bundleCore, root } from './common.mjs';
import { dockerfile, shellScript } from './inputs.mjs';

const require = createRequire(import.meta.url);
const wasm = { treeSitter: require.resolve('web-tree-sitter/tree-sitter.wasm'), bash: require.resolve('tree-sitter-bash/tree-sitter-bash.wasm') };

function median(fn, runs) {
  fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return times.sort((a, b) => a - b)[times.length >> 1];
}

const dir = mkdtempSync(path.join(tmpdir(), 'selinux-mounts-bench-'));
try {
  const out = path.join(dir, 'core.cjs');
  await bundleCore(out);
  const core = require(out);
  await core.initShellParser(wasm);
  await Parser.init({ locateFile: () => wasm.treeSitter });
  const parser = new Parser();
  parser.setLanguage(await Language.load(wasm.bash));

  console.log('| file | lines | bare tree-sitter parse ms | analyze ms | ratio | findings |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, text] of [
    ['run.sh', shellScript(2000).text],
    ['Dockerfile', dockerfile(2000).text],
  ]) {
    const lines = text.split('\n').length - 1;
    // The Dockerfile's baseline is the tree-sitter parse of its whole text: the same bytes the RUN bodies hold, and more.
    const base = median(() => parser.parse(text)?.delete(), 7);
    const analyze = median(() => core.analyze(text, { fileName: name }), 7);
    const findings = core.analyze(text, { fileName: name }).findings.length;
    console.log(`| ${name} | ${lines} | ${base.toFixed(1)} | ${analyze.toFixed(1)} | ${(analyze / base).toFixed(1)}x | ${findings} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
