// The language servers bench/lsp.mjs compares: ours and the peer that an editor runs on the same
// file kind, each from its pinned devDependency's stdio entry point, each with its debounce at 0 or
// at its minimum. What each does on an edit is said beside it: the bench times what the editor
// waits for, not the same work.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
// The project's own node_modules (some of these packages export no package.json to resolve).
const packageDir = (name) => path.join(root, 'node_modules', name);

/**
 * selinux-mounts (dist/server.js). On an edit (incremental sync), after `debounceMs` (0 here) it
 * analyses the document's text and publishes the findings with the document's version; hover and
 * code actions answer from the current text.
 */
export const ours = {
  name: 'selinux-mounts',
  command: node,
  args: [path.join(root, 'dist/server.js'), '--stdio'],
  settings: { selinuxMounts: { debounceMs: 0 } },
};

/**
 * @microsoft/compose-language-service (the Container Tools / Docker extensions' compose server).
 * On an edit (incremental sync) it drops its cached YAML document; `diagnosticDelay` ms later
 * (initialization option, default 1000, 0 here) it parses the whole text with `yaml`
 * parseDocument and publishes its syntax errors and warnings, without a version. Hover reads the
 * lines above the position (keys only); it has no code actions.
 */
export const composeLanguageService = {
  name: 'compose-language-service',
  command: node,
  args: [path.join(packageDir('@microsoft/compose-language-service'), 'dist/cjs/server.js'), '--stdio'],
  initializationOptions: { diagnosticDelay: 0 },
};

/**
 * dockerfile-language-server-nodejs. On every edit (incremental sync), with no debounce at all, it
 * rebuilds the text and runs dockerfile-utils' validator over the whole file, publishing without a
 * version. Hover and code actions (for its own diagnostics) are computed from the text per request.
 */
export const dockerfileLanguageServer = {
  name: 'dockerfile-language-server-nodejs',
  command: node,
  args: [path.join(packageDir('dockerfile-language-server-nodejs'), 'lib/server.js'), '--stdio'],
};

/**
 * bash-language-server. On every edit (incremental sync) it parses the whole text with its own
 * tree-sitter-bash (no incremental reparse) and, when ShellCheck is found, runs `shellcheck` on the
 * text after a fixed 500 ms debounce (DEBOUNCE_MS in out/shellcheck/index.js, not a setting: this
 * is its minimum) and gives up on a run after 10 s; it publishes once, with the version, after
 * ShellCheck answered. Without ShellCheck (shellcheckPath '') it publishes right after the parse.
 * Code actions are ShellCheck's fixes. Background analysis of a workspace is off (no root).
 */
export function bashLanguageServer(withShellCheck) {
  return {
    name: withShellCheck ? 'bash-language-server + ShellCheck' : 'bash-language-server (no ShellCheck)',
    command: node,
    args: [path.join(packageDir('bash-language-server'), 'out/cli.js'), 'start'],
    settings: { bashIde: { shellcheckPath: withShellCheck ? 'shellcheck' : '', backgroundAnalysisMaxFiles: 0, logLevel: 'warning' } },
    env: { BASH_IDE_LOG_LEVEL: 'warning' },
  };
}

/** ShellCheck's version line, or undefined when `shellcheck` is not on the PATH. */
export function shellCheckVersion() {
  try {
    return /version: (\S+)/.exec(execFileSync('shellcheck', ['--version'], { encoding: 'utf8', timeout: 5000 }))?.[1] ?? 'unknown';
  } catch {
    return undefined;
  }
}

/** The version of a pinned package, for the table's notes. */
export function versionOf(name) {
  return JSON.parse(readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')).version;
}

/** The commit measured; dist/ is built from the work tree, so changes not committed are said. */
export function measuredCommit() {
  try {
    const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', timeout: 5000 }).trim();
    const dirty = git('status', '--porcelain', '--', 'server', 'package.json');
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes' : ''}`;
  } catch {
    return 'commit unknown';
  }
}
