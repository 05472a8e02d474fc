// The browser build of the server (dist/web/server.js, what VS Code for the Web runs in a web worker),
// run as a worker would run it: in a global of its own with no `process`, `require` or Node module,
// speaking LSP through postMessage, and fetching the bash grammar's wasm over http. Any Node access
// left in its code path fails here. The whole extension in VS Code for the Web is tested by
// `npm run test:vscode` (test/vscode/webWorker.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { until } from '../helpers/workspaceLsp';

const root = path.resolve(__dirname, '..', '..');
const bundle = path.join(root, 'dist', 'web', 'server.js');
const everyKind = path.join(__dirname, '..', 'fixtures', 'every-kind');

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: unknown;
}

/**
 * The bundle in a fresh global that has only what a dedicated worker has (the parts it uses).
 * `answer` answers the server's requests to the client, as the extension does.
 */
function startWorker(answer?: (request: Message) => unknown): { send(message: Message): void; received: Message[]; next(check: (m: Message) => boolean): Promise<Message>; closed: Promise<void> } {
  const received: Message[] = [];
  const waiting: { check: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  let close!: () => void;
  const closed = new Promise<void>((resolve) => (close = resolve));
  const worker: Record<string, unknown> = {
    console,
    fetch,
    // (typed in no library the tests compile with)
    WebAssembly: (globalThis as { WebAssembly?: unknown }).WebAssembly,
    TextEncoder,
    TextDecoder,
    URL,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    performance,
    addEventListener: () => undefined,
    postMessage: (message: Message) => {
      received.push(message);
      // (JSON, as it would cross postMessage: the worker's objects are of another realm.)
      if (answer && message.method && message.id !== undefined) {
        const request = JSON.parse(JSON.stringify(message)) as Message;
        void Promise.resolve(answer(request)).then((result) => onmessage({ data: { jsonrpc: '2.0', id: request.id, result: result ?? null } as Message }));
      }
      for (const w of waiting.splice(0)) {
        if (w.check(message)) w.resolve(message);
        else waiting.push(w);
      }
    },
    close: () => close(),
  };
  worker.self = worker;
  vm.runInNewContext(fs.readFileSync(bundle, 'utf8'), vm.createContext(worker), { filename: bundle });
  const onmessage = worker.onmessage as (event: { data: Message }) => void;
  return {
    send: (message) => onmessage({ data: { jsonrpc: '2.0', ...message } as Message }),
    received,
    next: (check) =>
      new Promise((resolve) => {
        const seen = received.find(check);
        if (seen) resolve(seen);
        else waiting.push({ check, resolve });
      }),
    closed,
  };
}

describe('lsp: the browser build of the server (dist/web/server.js)', () => {
  let server: http.Server;
  let base: string;

  before(async () => {
    // The grammar's wasm, served as the extension serves it to the worker.
    server = http.createServer((req, res) => {
      const file = path.join(root, 'dist', path.basename(req.url ?? ''));
      if (!file.endsWith('.wasm') || !fs.existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/wasm' }).end(fs.readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('holds no Node module: it requires nothing, and the extension bundle only vscode', () => {
    assert.doesNotMatch(fs.readFileSync(bundle, 'utf8'), /\brequire\(["']/);
    const requires = new Set(fs.readFileSync(path.join(root, 'dist', 'web', 'extension.js'), 'utf8').match(/\brequire\(["'][^"']+["']\)/g));
    assert.deepEqual([...requires], ['require("vscode")']);
  });

  it('checks a compose file, a shell script and a Dockerfile, offers the quick fix, hover and completion, and closes on exit', async () => {
    const worker = startWorker();
    const shellGrammar = { treeSitter: `${base}/tree-sitter.wasm`, bash: `${base}/tree-sitter-bash.wasm` };
    worker.send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: { textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } }, initializationOptions: { shellGrammar } } });
    const init = (await worker.next((m) => m.id === 1)) as { result: { capabilities: { codeActionProvider?: unknown } } };
    assert.ok(init.result.capabilities.codeActionProvider);
    worker.send({ method: 'initialized', params: {} });
    const diagnostics = async (uri: string) =>
      ((await worker.next((m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri)).params as { diagnostics: { code: string; range: unknown }[] }).diagnostics;

    // Not file: URIs, as in a virtual workspace.
    const compose = 'vscode-vfs://github/acme/app/compose.yaml';
    worker.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: compose, languageId: 'dockercompose', version: 1, text: 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./data:/data\n' } } });
    const script = 'vscode-vfs://github/acme/app/run.sh';
    worker.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: script, languageId: 'shellscript', version: 1, text: '#!/bin/sh\npodman run -v "$PWD/data:/data" alpine\n' } } });

    // dockerfile-ast, which reads it, looks for a byte order mark with Node's Buffer (scripts/build.mjs).
    const dockerfile = 'vscode-vfs://github/acme/app/Dockerfile';
    worker.send({ method: 'textDocument/didOpen', params: { textDocument: { uri: dockerfile, languageId: 'dockerfile', version: 1, text: 'FROM alpine\nRUN docker run -v /srv/app:/app img\n' } } });

    const [onCompose] = await diagnostics(compose);
    assert.equal(onCompose?.code, 'missing-relabel');
    // The shell script's and the Dockerfile's findings need the bash grammar, fetched from the URLs above.
    assert.deepEqual([...(await diagnostics(script)).map((d) => d.code)], ['missing-relabel']);
    assert.deepEqual([...(await diagnostics(dockerfile)).map((d) => d.code)], ['missing-relabel']);
    assert.ok(!worker.received.some((m) => m.method === 'window/logMessage' && /will not be checked/.test(JSON.stringify(m.params))));

    worker.send({ id: 2, method: 'textDocument/codeAction', params: { textDocument: { uri: compose }, range: onCompose.range, context: { diagnostics: [onCompose], only: ['quickfix'] } } });
    const actions = (await worker.next((m) => m.id === 2)).result as { title: string; edit?: { changes: Record<string, { newText: string }[]> } }[];
    const fix = actions.find((a) => a.title.startsWith('Add :Z'));
    assert.deepEqual([...(fix?.edit?.changes[compose] ?? []).map((e) => e.newText)], [':Z']);

    worker.send({ id: 3, method: 'textDocument/hover', params: { textDocument: { uri: compose }, position: { line: 4, character: 10 } } });
    assert.match(JSON.stringify((await worker.next((m) => m.id === 3)).result), /Host bind mount \.\/data → \/data/);
    // After the `:` that opens the option list of `./data:/data:`.
    worker.send({ method: 'textDocument/didChange', params: { textDocument: { uri: compose, version: 2 }, contentChanges: [{ range: { start: { line: 4, character: 20 }, end: { line: 4, character: 20 } }, text: ':' }] } });
    worker.send({ id: 4, method: 'textDocument/completion', params: { textDocument: { uri: compose }, position: { line: 4, character: 21 } } });
    const completion = (await worker.next((m) => m.id === 4)).result as { label: string }[] | { items: { label: string }[] };
    const labels = (Array.isArray(completion) ? completion : completion.items).map((i) => i.label);
    assert.ok(labels.includes('Z') && labels.includes('z'), JSON.stringify(labels));

    // "Show Host Label": there is no host to read labels from.
    worker.send({ id: 5, method: 'selinuxMounts/hostLabel', params: { textDocument: { uri: compose }, position: { line: 4, character: 10 } } });
    // (JSON, as it would cross postMessage: the worker's objects are of another realm.)
    assert.equal(JSON.stringify((await worker.next((m) => m.id === 5)).result), '{"reason":"host labels are off (no host to read them from in the browser)"}');

    worker.send({ id: 6, method: 'shutdown' });
    await worker.next((m) => m.id === 6);
    worker.send({ method: 'exit' });
    await worker.closed;
  });

  it('diagnosticsScope workspace: checks the files its client lists and reads for it (selinuxMounts/listFiles, selinuxMounts/readFile)', async () => {
    // test/fixtures/every-kind as a virtual workspace, with a dependency folder and a binary file the scan passes over.
    const folder = 'vscode-vfs://github/acme/app';
    const files = new Map<string, string>();
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files.set(`${folder}/${path.relative(everyKind, full).split(path.sep).join('/')}`, fs.readFileSync(full, 'utf8'));
      }
    };
    walk(everyKind);
    const compose = files.get(`${folder}/compose.yaml`)!;
    files.set(`${folder}/node_modules/x/compose.yaml`, compose);
    files.set(`${folder}/blob`, 'services:\0\0');
    const reads: string[] = [];
    const lists: { folder: string; pattern: string }[] = [];
    const worker = startWorker((request) => {
      if (request.method === 'selinuxMounts/listFiles') {
        const params = request.params as { folder: string; pattern: string };
        lists.push(params);
        // The stand-in for findFiles: every file, or the one a pattern of a file's own path names.
        return [...files.keys()].filter((uri) => params.pattern === '**/*' || uri === `${params.folder}/${params.pattern}`);
      }
      if (request.method === 'selinuxMounts/readFile') {
        const { uri } = request.params as { uri: string };
        reads.push(uri);
        const text = files.get(uri);
        return text === undefined ? null : { text };
      }
      return null;
    });
    const shellGrammar = { treeSitter: `${base}/tree-sitter.wasm`, bash: `${base}/tree-sitter-bash.wasm` };
    worker.send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, workspaceFolders: [{ uri: folder, name: 'app' }], capabilities: { window: { workDoneProgress: true } }, initializationOptions: { shellGrammar } } });
    await worker.next((m) => m.id === 1);
    worker.send({ method: 'initialized', params: {} });
    worker.send({ method: 'workspace/didChangeConfiguration', params: { settings: { selinuxMounts: { debounceMs: 0, diagnosticsScope: 'workspace' } } } });
    const latest = () => {
      const out = new Map<string, number>();
      for (const m of worker.received) if (m.method === 'textDocument/publishDiagnostics') out.set((m.params as { uri: string }).uri, (m.params as { diagnostics: unknown[] }).diagnostics.length);
      return out;
    };
    const withFindings = () => [...latest()].filter(([, n]) => n > 0).map(([uri]) => uri.slice(folder.length + 1)).sort();
    const everyKindFiles = ['.devcontainer/devcontainer.json', '.github/workflows/ci.yml', 'Dockerfile', 'Makefile', 'README.md', 'app.container', 'audit.log', 'compose.yaml', 'deploy.sh'];
    const scanEnded = () => worker.received.some((m) => m.method === '$/progress' && (m.params as { value: { kind: string } }).value.kind === 'end');
    await until(scanEnded, 'the end of the scan', 10_000);
    assert.deepEqual(withFindings(), everyKindFiles);
    assert.deepEqual(lists, [{ folder, pattern: '**/*' }]);
    assert.ok(!reads.some((uri) => uri.includes('/node_modules/')), 'a dependency folder is not read');

    // A file created: the client is asked whether files.exclude leaves it out, then it is read.
    files.set(`${folder}/sub/compose.yaml`, compose);
    worker.send({ method: 'workspace/didChangeWatchedFiles', params: { changes: [{ uri: `${folder}/sub/compose.yaml`, type: 1 }] } });
    await until(() => (latest().get(`${folder}/sub/compose.yaml`) ?? 0) > 0, 'the created file checked', 10_000);
    assert.deepEqual(lists.at(-1), { folder, pattern: 'sub/compose.yaml' });
    worker.send({ id: 2, method: 'shutdown' });
    await worker.next((m) => m.id === 2);
    worker.send({ method: 'exit' });
    await worker.closed;
  });
});
