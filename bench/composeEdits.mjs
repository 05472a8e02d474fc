// What one keystroke costs the server in process on the inputs of bench/lsp.mjs: the
// analysis with the document's cache, the Diagnostic conversion (`computeDiagnostics`, as the
// server publishes) and the JSON of the publish, in CPU time (steadier than wall time on a shared
// machine), and the JS heap the open document keeps. Run by hand:
//
//   node bench/composeEdits.mjs [--sizes 9000,36000] [--variants all,realistic] [--rounds 4] [--no-project]
//   node bench/composeEdits.mjs --kinds shell,dockerfile --sizes 2000 [--rounds 4]
//
// A compose document is analysed with its compose project and the workspace's list of relabelled
// mounts, as the server does for a saved file (lsp/composeProject.ts); --no-project leaves them out.
// Scripts and Dockerfiles run with --liftoff-only, as the server does.
// The server's modules are bundled here (esbuild, into a temp dir) as in bench/compose.mjs. Each
// input runs in its own process (a fresh heap, as a fresh server has). Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCore, markdownTable, median, root } from './common.mjs';
import { composeFile, dockerfile, shellScript } from './inputs.mjs';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const heapMB = () => {
  globalThis.gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1e6);
};

/** One input in this process: open, a warm-up round of the bench's edits, then `rounds` timed rounds. */
async function measure(bundle, kind, size, variant, rounds, withProject) {
  const require = createRequire(import.meta.url);
  const { computeDiagnostics, defaultSettings, initShellParser, TextDocument, LspComposeProjects, DiskProjectFiles, useComposeProjects } = require(bundle);
  await initShellParser({ treeSitter: require.resolve('web-tree-sitter/tree-sitter.wasm'), bash: require.resolve('tree-sitter-bash/tree-sitter-bash.wasm') });
  const settings = { ...defaultSettings, enable: true, ignored: false, hostAware: false, debounceMs: 0 };
  const input = kind === 'shell' ? shellScript(size) : kind === 'dockerfile' ? dockerfile(size) : composeFile(size, variant);
  const [uri, languageId] = { shell: ['script.sh', 'shellscript'], dockerfile: ['Dockerfile', 'dockerfile'] }[kind] ?? ['compose.yaml', 'dockercompose'];
  const doc = TextDocument.create(`file:///bench/${uri}`, languageId, 1, input.text);
  if (withProject) {
    const documents = { all: () => [doc], keys: () => [doc.uri], get: (uri) => (uri === doc.uri ? doc : undefined) };
    const projects = new LspComposeProjects(documents, new DiskProjectFiles());
    useComposeProjects((d) => projects.viewFor(d), (d, file) => projects.analysed(d, file));
  }
  let version = 1;
  const keystroke = async (position) => {
    TextDocument.update(doc, [{ range: { start: position, end: position }, text: 'x' }], ++version);
    const diagnostics = await computeDiagnostics(doc, settings);
    return JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: doc.uri, version, diagnostics } }).length;
  };
  let at = cpuMs();
  const diagnostics = (await computeDiagnostics(doc, settings)).length;
  const open = cpuMs() - at;
  const openHeap = heapMB();
  at = cpuMs();
  await keystroke(input.edits[0]);
  const first = cpuMs() - at;
  for (const position of input.edits.slice(1)) await keystroke(position);
  const edits = [];
  for (let r = 0; r < rounds; r++) {
    for (const position of input.edits) {
      at = cpuMs();
      await keystroke(position);
      edits.push(cpuMs() - at);
    }
  }
  return { input: kind === 'compose' ? `compose ${variant}` : kind, lines: input.lines, diagnostics, open, first, edit: median(edits), openHeap, editedHeap: heapMB() };
}

async function main() {
  const kinds = option('kinds', 'compose').split(',');
  const sizes = option('sizes', kinds.includes('compose') ? '9000,36000' : '2000').split(',').map(Number);
  const variants = option('variants', 'all,realistic').split(',');
  const rounds = Number(option('rounds', '4'));
  if (process.env.COMPOSE_EDITS_CHILD) {
    const [kind, size, variant] = process.env.COMPOSE_EDITS_CHILD.split(':');
    process.stdout.write(JSON.stringify(await measure(process.env.COMPOSE_EDITS_BUNDLE, kind, Number(size), variant, rounds, !process.argv.includes('--no-project'))));
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'selinux-mounts-edits-'));
  try {
    const bundle = path.join(dir, 'server.cjs');
    const entry = path.join(dir, 'entry.ts');
    writeFileSync(
      entry,
      [
        `export { computeDiagnostics } from ${JSON.stringify(path.join(root, 'server/src/lsp/diagnostics'))};`,
        `export { LspComposeProjects } from ${JSON.stringify(path.join(root, 'server/src/lsp/composeProject'))};`,
        `export { useComposeProjects } from ${JSON.stringify(path.join(root, 'server/src/lsp/convert'))};`,
        `export { DiskProjectFiles } from ${JSON.stringify(path.join(root, 'server/src/host/projectFiles'))};`,
        `export { defaultSettings, initShellParser } from ${JSON.stringify(path.join(root, 'server/src/core'))};`,
        `export { TextDocument } from 'vscode-languageserver-textdocument';`,
      ].join('\n'),
    );
    await bundleCore(bundle, entry);
    const rows = [['input', 'lines', 'diagnostics', 'open ms', 'first edit ms', 'edit ms (median)', 'heap opened MB', 'heap after edits MB']];
    const runs = kinds.flatMap((kind) => sizes.flatMap((size) => (kind === 'compose' ? variants : ['']).map((variant) => ({ kind, size, variant }))));
    for (const { kind, size, variant } of runs) {
      const flags = kind === 'compose' ? ['--expose-gc'] : ['--expose-gc', '--liftoff-only'];
      const out = execFileSync(process.execPath, [...flags, fileURLToPath(import.meta.url), '--rounds', String(rounds), ...(process.argv.includes('--no-project') ? ['--no-project'] : [])], {
        env: { ...process.env, COMPOSE_EDITS_CHILD: `${kind}:${size}:${variant}`, COMPOSE_EDITS_BUNDLE: bundle },
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      const r = JSON.parse(out);
      rows.push([r.input, String(r.lines), String(r.diagnostics), r.open.toFixed(0), r.first.toFixed(0), r.edit.toFixed(1), String(r.openHeap), String(r.editedHeap)]);
    }
    console.log(markdownTable(rows));
    console.log(`\nCPU time (user + system) of this process per step; edits: the bench's ${composeFile(900, 'all').edits.length} places, ${rounds} rounds after a warm-up round. Heap: used after a forced collection.`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
