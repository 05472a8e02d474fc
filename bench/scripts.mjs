// Times the analysis core on a generated ~2,000-line shell script and ~2,000-line Dockerfile
// against the bare tree-sitter-bash parse of the same text, measured in the same run. Run by hand:
// `npm run bench`. Prints figures; asserts nothing.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const wasm = { treeSitter: require.resolve('web-tree-sitter/tree-sitter.wasm'), bash: require.resolve('tree-sitter-bash/tree-sitter-bash.wasm') };

function script(lines) {
  const out = ['#!/usr/bin/env bash', 'set -euo pipefail', 'ENGINE=${ENGINE:-podman}', 'args=(--rm -e TZ=UTC)'];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `# step ${i}`,
      `start_${i}() {`,
      `  if [ -d "/srv/app${i}" ]; then`,
      `    $ENGINE run -d --name app${i} "\${args[@]}" \\`,
      `      -v "$PWD/data${i}":/data \\`,
      `      -v /srv/app${i}/conf:/etc/app:ro,Z \\`,
      `      --mount type=bind,src=/srv/cache${i},dst=/cache \\`,
      `      registry.example.com/app:${i % 10} serve -v`,
      `  fi`,
      `  docker run --rm -v "$(pwd)/out${i}:/out" alpine ls /out | tee log${i}`,
      `}`,
    );
  }
  return out.join('\n') + '\n';
}

function dockerfile(lines) {
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=fedora:41', 'FROM ${BASE} AS base'];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `FROM base AS stage${i}`,
      `RUN --mount=type=bind,target=/src \\`,
      `    --mount=type=cache,target=/root/.cache \\`,
      `    make -C /src target${i} && \\`,
      `    echo built ${i}`,
      `LABEL RUN="podman run -d -v /srv/app${i}:/data IMAGE"`,
      `RUN dnf -y install pkg${i} && dnf clean all`,
    );
  }
  return out.join('\n') + '\n';
}

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
  await build({
    entryPoints: [path.join(root, 'server/src/core/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    logLevel: 'warning',
    alias: { 'web-tree-sitter': path.join(root, 'node_modules/web-tree-sitter/tree-sitter.cjs'), 'jsonc-parser': path.join(root, 'node_modules/jsonc-parser/lib/esm/main.js') },
  });
  const core = require(out);
  await core.initShellParser(wasm);
  await Parser.init({ locateFile: () => wasm.treeSitter });
  const parser = new Parser();
  parser.setLanguage(await Language.load(wasm.bash));

  console.log('| file | lines | bare tree-sitter parse ms | analyze ms | ratio | findings |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, text] of [
    ['run.sh', script(2000)],
    ['Dockerfile', dockerfile(2000)],
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
