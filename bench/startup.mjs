// CLI start-up as whole processes: one small file of each kind, and a 100-line shell script against
// ShellCheck on the same script, run interleaved (one of each command per round, so a busy machine
// slows all alike), medians of ROUNDS rounds (default 7). Wall time, CPU time (user + system, less
// sensitive to other load on the machine) and peak RSS, from /usr/bin/time.
// Run by hand after `npm run build`: `node bench/startup.mjs` (docs/performance.md has the figures).
// Extra node flags for the CLI runs: `CLI_NODE_FLAGS='--no-wasm-lazy-compilation' node bench/startup.mjs`;
// only some rows: `ONLY=script100,shellcheck node bench/startup.mjs`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { root } from './common.mjs';
import { shellScript } from './inputs.mjs';

// CLI=a/cli.js,b/cli.js compares builds (each with its wasm files beside it), interleaved too.
const clis = (process.env.CLI ?? path.join(root, 'dist', 'cli.js')).split(',');
const cli = clis[0];
const rounds = Number(process.env.ROUNDS ?? 7);
const cliFlags = (process.env.CLI_NODE_FLAGS ?? '').split(' ').filter(Boolean);
if (!existsSync(cli)) throw new Error('run `npm run build` first');

/** bench/inputs.mjs's script (whole functions: a cut-off one is a syntax error, after which ShellCheck stops early), made 100 lines long. */
function script(lines) {
  const { text, lines: count } = shellScript(lines);
  return text + Array.from({ length: lines - count }, (_, i) => `echo "step ${count + i}" >> "$LOG"\n`).join('');
}

// One small file per kind (the same files test/cli/neverHangs.test.ts runs), and the script.
const kinds = path.join(root, 'test', 'fixtures', 'every-kind');
const kindNames = readdirSync(kinds, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => path.relative(kinds, path.join(e.parentPath, e.name)));
const files = { ...Object.fromEntries(kindNames.map((name) => [name, readFileSync(path.join(kinds, name), 'utf8')])), 'script100.sh': script(100) };

if (process.env.WRITE_SCRIPT) {
  writeFileSync(process.env.WRITE_SCRIPT, files['script100.sh']);
  process.exit(0);
}

const dir = mkdtempSync(path.join(tmpdir(), 'selinux-mounts-startup-'));
for (const [name, text] of Object.entries(files)) {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), text);
}

const commands = [
  ['node -e 0', process.execPath, ['-e', '0']],
  // The bundle loaded and its modules initialised, no file read: start-up less the analysis.
  ...clis.map((c, i) => [`cli${clis.length > 1 ? `#${i + 1}` : ''} --version`, process.execPath, [...cliFlags, c, '--version']]),
  ...Object.keys(files).flatMap((name) =>
    clis.map((c, i) => [`cli${clis.length > 1 ? `#${i + 1}` : ''} ${name}`, process.execPath, [...cliFlags, c, name]]),
  ),
  ['shellcheck script100.sh', 'shellcheck', ['script100.sh']],
];
if (spawnSync('shellcheck', ['--version']).error) {
  console.log('shellcheck not found (apt-get install -y shellcheck): its row is left out');
  commands.pop();
}
const only = process.env.ONLY?.split(',');
if (only) commands.splice(0, commands.length, ...commands.filter(([name]) => only.some((o) => name.includes(o))));

/** One run under /usr/bin/time: [wall s, CPU s, peak RSS in MB]. */
function timed(command, args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', command, ...args], { cwd: dir, encoding: 'utf8' });
  const [wall, user, system, kb] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return [wall, user + system, kb / 1024];
}

const samples = new Map(commands.map(([name]) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (const [name, command, args] of commands) samples.get(name).push(timed(command, args));
}
rmSync(dir, { recursive: true, force: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = commands.map(([name]) => {
  const s = samples.get(name);
  return [name, median(s.map((x) => x[0])), median(s.map((x) => x[1])), median(s.map((x) => x[2]))];
});
console.log(`node ${process.version}, ${rounds} rounds, medians${cliFlags.length ? `, CLI flags ${cliFlags.join(' ')}` : ''}`);
console.log('| command | wall s | CPU s | peak RSS MB |\n|---|---|---|---|');
for (const [name, wall, cpu, mb] of rows) console.log(`| ${name} | ${wall.toFixed(2)} | ${cpu.toFixed(2)} | ${mb.toFixed(0)} |`);
const of = (name, column) => rows.find((r) => r[0] === name)?.[column];
if (of('shellcheck script100.sh', 1) && of('cli script100.sh', 1) && of('node -e 0', 1)) {
  for (const [column, what] of [[1, 'wall'], [2, 'CPU']]) {
    const ratio = (name) => (of(name, column) / of('shellcheck script100.sh', column)).toFixed(2);
    console.log(`${what}: CLI / ShellCheck on the 100-line script ${ratio('cli script100.sh')}x; node -e 0 / ShellCheck ${ratio('node -e 0')}x`);
  }
}
