import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, fullCapabilities, serverPath } from '../helpers/lspClient';
import { fixture } from './support';

describe('lsp: lifecycle', () => {
  const clients: LspClient[] = [];
  const start = async (...args: Parameters<typeof LspClient.start>): Promise<LspClient> => {
    const client = await LspClient.start(...args);
    clients.push(client);
    return client;
  };
  after(() => clients.forEach((c) => c.kill()));

  it('initialize declares incremental sync, hover and the code action kinds', async () => {
    const { capabilities } = (await start()).initializeResult;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.selinuxMounts'] });
  });

  it('a client without code action literals is offered no code actions', async () => {
    const client = await start({ ...fullCapabilities, textDocument: { ...fullCapabilities.textDocument, codeAction: {} } });
    assert.equal(client.initializeResult.capabilities.codeActionProvider, undefined);
  });

  it('a client without workspace/configuration takes its settings from didChangeConfiguration', async () => {
    const client = await start({ textDocument: fullCapabilities.textDocument });
    const { uri, text } = fixture('compose.yaml');
    // Without settings the default debounce (200 ms) applies.
    assert.equal((await client.open(uri, text)).length, 4);
    assert.deepEqual(client.configurationRequests, []);
    assert.deepEqual(client.registrations, []);
    const next = client.nextDiagnostics(uri);
    await client.sendConfiguration({ selinuxMounts: { rules: { 'missing-relabel': 'off' }, debounceMs: 0 } });
    assert.deepEqual((await next).diagnostics.map((d) => d.code), ['system-path-mount']);
  });

  it('speaks over node IPC too, as the VS Code client starts it', async () => {
    const client = await start(fullCapabilities, 'ipc');
    const { uri, text } = fixture('compose.yaml');
    assert.equal((await client.open(uri, text)).length, 4);
    assert.equal(await client.stop(), 0);
  });

  it('runs V8 and Node helper threads at the lowest priority, its main thread at the editor\'s (Linux)', async function () {
    if (process.platform !== 'linux') this.skip();
    const client = await start();
    const { uri, text } = fixture('compose.yaml');
    await client.open(uri, text);
    const pid = client.pid!;
    // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value (after the command name in parentheses: index 16).
    const nice = (tid: string): number => Number(fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ')[16]);
    const threads = fs.readdirSync(`/proc/${pid}/task`);
    assert.equal(nice(String(pid)), os.getPriority());
    const lowered = threads.filter((tid) => tid !== String(pid) && nice(tid) === 19);
    assert.ok(lowered.length >= 1, `threads' nice values: ${threads.map(nice).join(' ')}`);
  });

  it('shutdown then exit ends the process with code 0', async () => {
    const client = await start();
    const { uri, text } = fixture('compose.yaml');
    await client.open(uri, text);
    assert.equal(await client.stop(), 0);
    assert.equal(client.stderr, '');
  });
});

/** Whether `pid` is a live process. A zombie (exited, not yet reaped by its new parent) is not. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S ..."; the state follows the last ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no procfs: kill(0) succeeded
  }
}

/** Polls until `pid` is gone; false when it is still there after `ms`. */
async function goneWithin(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isRunning(pid);
}

/**
 * An editor stand-in: spawns the server with its own stdio (so the test talks to the server through
 * this process's stdio) and writes the server's pid on fd 3.
 */
const editorScript = `
const { spawn } = require('node:child_process');
const server = spawn(process.execPath, [${JSON.stringify(serverPath)}, '--stdio'], { stdio: 'inherit' });
require('node:fs').writeSync(3, String(server.pid) + '\\n');
setInterval(() => {}, 1 << 30);
`;

describe('lsp: the server ends with its client', function () {
  // The library checks the parent every 3 s: allow a few rounds before calling it a leak.
  const boundMs = 15_000;
  this.timeout(boundMs + 10_000);
  const cleanup: (() => void)[] = [];
  after(() => cleanup.forEach((f) => f()));

  it('exits once the editor whose pid initialize named is killed', async () => {
    // The server's stdin is a FIFO the test holds open: killing the stand-in closes no input of the
    // server's (Node would close a pipe it made for the stand-in), so only the pid watch can end it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-lsp-'));
    const fifo = path.join(dir, 'stdin');
    execFileSync('mkfifo', [fifo]);
    const inputFd = fs.openSync(fifo, 'r+'); // read-write: opening does not wait for a reader
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const editor = spawn(process.execPath, ['-e', editorScript], { stdio: [inputFd, 'pipe', 'pipe', 'pipe'] });
    const serverPid = await new Promise<number>((resolve, reject) => {
      editor.stdio[3]!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      editor.once('exit', () => reject(new Error('the editor stand-in ended early')));
    });
    cleanup.push(() => (isRunning(serverPid) ? process.kill(serverPid, 'SIGKILL') : undefined), () => editor.kill('SIGKILL'));
    const client = await LspClient.startThrough(editor, fs.createWriteStream('', { fd: inputFd, autoClose: false }), editor.pid!);
    cleanup.push(() => client.kill(), () => fs.closeSync(inputFd));
    const { uri, text } = fixture('compose.yaml');
    assert.equal((await client.open(uri, text)).length, 4, 'the server works through the stand-in');

    editor.kill('SIGKILL');
    await new Promise((resolve) => editor.once('exit', resolve));
    assert.ok(isRunning(serverPid), 'the server outlives its editor at first');
    assert.ok(await goneWithin(serverPid, boundMs), `server ${serverPid} still running ${boundMs / 1000} s after its editor died`);
  });

  for (const [transport, channel] of [
    ['stdio', 'its stdin is closed'],
    ['ipc', 'its IPC channel is closed, the editor alive'],
  ] as const) {
    it(`exits (code 1, no shutdown) when ${channel}`, async () => {
      const client = await LspClient.start(fullCapabilities, transport);
      cleanup.push(() => client.kill());
      client.closeInput();
      const code = await Promise.race([client.exited, new Promise((resolve) => setTimeout(() => resolve('still running'), boundMs))]);
      assert.equal(code, 1);
    });
  }

  it('shutdown then exit ends the process after it has parsed shell scripts (no compiler job holds it)', async () => {
    const client = await LspClient.start();
    cleanup.push(() => client.kill());
    const script = `#!/bin/sh\n${'docker run --rm -v "$PWD/src":/src -e A="$B" alpine sh -c \'make -C /src\'\n'.repeat(100)}`;
    for (let i = 0; i < 5; i++) assert.equal((await client.open(`file:///tmp/s${i}.sh`, script, 'shellscript')).length, 100);
    assert.equal(await client.stop(), 0);
  });
});
