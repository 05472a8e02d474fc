// Keystroke latency and memory: our language server (dist/server.js --stdio) against the peer an
// editor runs on the same file kind, side by side in one run, interleaved (for each run and input,
// each server in turn, the order alternating between runs), over stdio. Run by hand:
// `npm run build && node bench/lsp.mjs [options]` or `npm run bench`. Prints figures; asserts nothing.
//
// Per server and input, each in a fresh server process: initialize (spawn to result), didOpen to
// the first diagnostics, one character typed into a mount's host path at 10%, 20%, ... 90% of the
// lines (incremental sync; each edit waits for the diagnostics of its own version before the next),
// a hover and code actions at a mount right after the last edit, and the process's peak RSS
// (VmHWM). Baselines in the same run, each in a fresh process: a bare `yaml` parseDocument of each
// compose file and tree-sitter-bash's bare incremental reparse of each script, after the same edits;
// and the round trip's floor (transportFloor.mjs): a server that answers each edit with the
// diagnostics ours last published on that input, ready made, so what it takes is the handing over.
//
// Options:
//   --only compose,dockerfile,shell   file kinds to run (default: all)
//   --sizes 900,2000                  input sizes in lines (default: all)
//   --variants all,realistic          compose variants (default: both)
//   --runs N                          runs per server and input (default 3)
//   --timeout S                       bound of every wait, in seconds (default 30)
//   --json FILE                       also write the raw results there
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBaseline } from './baselines.mjs';
import { median } from './common.mjs';
import { lspInputs, openedAs } from './inputs.mjs';
import { LspSession, Timeout } from './lspClient.mjs';
import { bashLanguageServer, composeLanguageService, dockerfileLanguageServer, measuredCommit, ours, shellCheckVersion, versionOf } from './servers.mjs';

const { values: opts } = parseArgs({
  options: {
    only: { type: 'string' },
    sizes: { type: 'string' },
    variants: { type: 'string' },
    runs: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '30' },
    json: { type: 'string' },
  },
});
const list = (s) => s?.split(',').map((x) => x.trim()).filter(Boolean);
const only = list(opts.only);
const sizes = list(opts.sizes)?.map(Number);
const variants = list(opts.variants);
const runs = Number(opts.runs);
const timeoutMs = Number(opts.timeout) * 1000;

const shellCheck = shellCheckVersion();
if (!shellCheck) console.log('ShellCheck is not on the PATH: the bash-language-server + ShellCheck figures are skipped (apt-get install -y shellcheck).');

const inputs = lspInputs().filter(
  (i) => (!only || only.includes(i.kind)) && (!sizes || sizes.includes(i.size)) && (!variants || !i.variant || variants.includes(i.variant)),
);
const peersOf = {
  compose: [composeLanguageService],
  dockerfile: [dockerfileLanguageServer],
  shell: [bashLanguageServer(false), ...(shellCheck ? [bashLanguageServer(true)] : [])],
};
const baselineOf = { compose: 'yaml', shell: 'reparse' };
const floorName = 'transport floor';
/** The floor server for an input, given the file holding our last publish on it. */
const floorServer = (published) => ({ name: floorName, command: process.execPath, args: [fileURLToPath(new URL('./transportFloor.mjs', import.meta.url)), published] });

/** One server on one input, in a fresh process; every figure it could not get stays undefined. */
async function measure(server, input, dir) {
  const session = new LspSession(server, timeoutMs);
  // A path of its own per input: a file name the servers recognise, in a directory that exists.
  const uri = `file://${dir}/${input.name}/${openedAs[input.kind].fileName}`;
  const r = { edits: [], timeouts: [] };
  const step = async (what, fn) => {
    try {
      return await fn();
    } catch (error) {
      r.timeouts.push(what);
      if (!(error instanceof Timeout)) r.error = String(error?.message ?? error);
      return undefined;
    }
  };
  try {
    r.init = await step('initialize', () => session.start());
    if (r.init === undefined) return r;
    r.open = await step('open', () => session.open(uri, openedAs[input.kind].languageId, input.text));
    if (r.open === undefined) return r;
    for (const position of input.edits) {
      const ms = await step('edit', () => session.type(uri, position, 'x'));
      if (ms === undefined) break; // The next edit would wait as long: the rest of this run is skipped.
      r.edits.push(ms);
    }
    r.diagnostics = session.diagnostics.get(uri)?.length;
    if (server === ours) lastPublished.set(input.name, session.diagnostics.get(uri));
    const offered = session.initializeResult.capabilities;
    if (offered.hoverProvider) r.hover = await step('hover', () => session.hover(uri, input.hover));
    if (offered.codeActionProvider) r.codeActions = await step('code actions', () => session.codeActions(uri, input.hover));
    else r.noCodeActions = true;
    r.rssMB = session.peakRssMB();
  } finally {
    await session.stop();
    if (r.error) process.stderr.write(`\n${server.name} on ${input.name}: ${r.error}\n${session.stderr.slice(-1000)}\n`);
  }
  return r;
}


/** Per server and input, the samples of every run. */
const results = new Map();
/** Our server's last publish per input, for the floor server. */
const lastPublished = new Map();
const key = (input, serverName) => `${input.name}\u0000${serverName}`;
const add = (input, serverName, r) => {
  const k = key(input, serverName);
  if (!results.has(k)) results.set(k, []);
  results.get(k).push(r);
};

const uptimeBefore = loadAverage();
const dir = mkdtempSync(path.join(tmpdir(), 'selinux-mounts-lsp-bench-'));
for (const input of inputs) mkdirSync(path.join(dir, input.name));
try {
  for (let run = 0; run < runs; run++) {
    for (const input of inputs) {
      const servers = [ours, ...peersOf[input.kind]];
      if (run % 2 === 1) servers.reverse();
      for (const server of servers) {
        process.stderr.write(`run ${run + 1}/${runs} ${input.name} ${server.name}\n`);
        add(input, server.name, await measure(server, input, dir));
      }
      const published = lastPublished.get(input.name);
      if (published) {
        const file = path.join(dir, 'published.json');
        writeFileSync(file, JSON.stringify(published));
        process.stderr.write(`run ${run + 1}/${runs} ${input.name} ${floorName}\n`);
        add(input, floorName, await measure(floorServer(file), input, dir));
      }
      const baseline = baselineOf[input.kind];
      if (baseline) {
        const times = await runBaseline(baseline, input, path.join(dir, 'baseline-input.json'), timeoutMs * 2);
        add(input, baseline, { edits: times ?? [], timeouts: times ? [] : ['baseline'] });
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const uptimeAfter = loadAverage();

if (opts.json) writeFileSync(opts.json, JSON.stringify({ inputs: inputs.map(({ text, ...i }) => i), results: Object.fromEntries(results) }, null, 1));
printTables();

/** The 1, 5 and 15 minute load averages, as `uptime` prints them. */
function loadAverage() {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(', ');
}

/** Summary of one server on one input over all runs. */
function summary(input, serverName) {
  const rs = results.get(key(input, serverName));
  if (!rs) return undefined;
  const timeouts = rs.flatMap((r) => r.timeouts);
  return {
    init: median(rs.map((r) => r.init)),
    open: median(rs.map((r) => r.open)),
    edit: median(rs.flatMap((r) => r.edits)),
    editSamples: rs.reduce((n, r) => n + r.edits.length, 0),
    hover: median(rs.map((r) => r.hover?.ms)),
    hoverAnswered: rs.some((r) => r.hover?.answered),
    codeAction: median(rs.map((r) => r.codeActions?.ms)),
    actions: median(rs.map((r) => r.codeActions?.actions)),
    rss: median(rs.map((r) => r.rssMB)),
    diagnostics: median(rs.map((r) => r.diagnostics)),
    timeouts: [...new Set(timeouts)],
    noCodeActions: rs.some((r) => r.noCodeActions),
  };
}

function printTables() {
  const ms = (x) => (x === undefined ? '-' : x < 10 ? x.toFixed(1) : x.toFixed(0));
  const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? '-' : `${(a / b).toFixed(2)}x`);
  const rows = [['input', 'lines', 'server', 'initialize ms', 'open → diagnostics ms', 'edit → diagnostics ms', 'hover ms', 'code action ms', 'peak RSS MB', 'diagnostics']];
  const targets = [];
  for (const input of inputs) {
    const label = input.kind === 'compose' ? `compose ${input.variant}` : input.kind;
    const mine = summary(input, ours.name);
    const cell = (s, k) => {
      if (!s) return '-';
      if (s[k] === undefined && s.timeouts.some((t) => ({ init: 'initialize', open: 'open', edit: 'edit', hover: 'hover', codeAction: 'code actions' })[k] === t))
        return `timeout (> ${timeoutMs / 1000} s)`;
      if (k === 'codeAction' && s.noCodeActions) return 'n/a';
      if (k === 'edit' && s.timeouts.includes('edit')) return `${ms(s.edit)} (${s.editSamples} edits, then timeout)`;
      if (k === 'hover' && s.hover !== undefined && !s.hoverAnswered) return `${ms(s.hover)} (none)`;
      if (k === 'codeAction' && s.codeAction !== undefined) return `${ms(s.codeAction)} (${s.actions})`;
      if (k === 'rss') return s.rss === undefined ? '-' : s.rss.toFixed(0);
      if (k === 'diagnostics') return s.diagnostics === undefined ? '-' : String(s.diagnostics);
      return ms(s[k]);
    };
    const row = (name, s) => [label, String(input.lines), name, ...['init', 'open', 'edit', 'hover', 'codeAction', 'rss', 'diagnostics'].map((k) => cell(s, k))];
    rows.push(row(ours.name, mine));
    for (const peer of peersOf[input.kind]) {
      const theirs = summary(input, peer.name);
      rows.push(row(peer.name, theirs));
      rows.push([label, String(input.lines), `ratio ours / ${peer.name}`, ...['init', 'open', 'edit', 'hover', 'codeAction', 'rss'].map((k) => ratio(mine?.[k], theirs?.[k])), '']);
    }
    const baseline = baselineOf[input.kind];
    const base = baseline && summary(input, baseline);
    if (base) {
      const name = baseline === 'yaml' ? 'bare yaml parseDocument' : 'bare incremental reparse (Liftoff)';
      rows.push([label, String(input.lines), name, '', '', ms(base.edit), '', '', '', '']);
      rows.push([label, String(input.lines), `ratio ours / ${name.replace(' (Liftoff)', '')}`, '', '', ratio(mine?.edit, base.edit), '', '', '', '']);
    }
    const floor = summary(input, floorName);
    if (floor) {
      rows.push([label, String(input.lines), `${floorName} (our publish, ready made)`, '', ms(floor.open), ms(floor.edit), '', '', '', cell(floor, 'diagnostics')]);
      rows.push([label, String(input.lines), `ratio ours / ${floorName}`, '', '', ratio(mine?.edit, floor.edit), '', '', '', '']);
      // The best a server could do over LSP on a script: reparse, then hand the publish over.
      if (base && input.kind === 'shell')
        rows.push([label, String(input.lines), `ratio ours / (reparse + ${floorName})`, '', '', ratio(mine?.edit, base.edit + floor.edit), '', '', '', '']);
    }
    // The targets of issue 9.
    const peer = peersOf[input.kind][0];
    const theirs = summary(input, peer.name);
    const target = (what, a, b, reference, limit) =>
      targets.push([what, `${ms(a)} ms`, `${reference} ${ms(b)} ms`, ratio(a, b), `≤ ${limit}x`, a === undefined || b === undefined ? 'not measured' : a / b <= limit ? 'pass' : 'miss']);
    if (input.kind === 'compose') {
      const limit = input.lines >= 5000 ? 0.3 : 1;
      target(`edit → diagnostics, ${label}, ${input.lines} lines`, mine?.edit, theirs?.edit, peer.name, limit);
      if (input.lines >= 30000)
        targets.push([`peak RSS, ${label}, ${input.lines} lines`, cell(mine, 'rss') + ' MB', `${peer.name} ${cell(theirs, 'rss')} MB`, ratio(mine?.rss, theirs?.rss), '≤ 1x', mine?.rss === undefined || theirs?.rss === undefined ? 'not measured' : mine.rss <= theirs.rss ? 'pass' : 'miss']);
    }
    if (input.kind === 'dockerfile' && input.lines >= 1000) target(`edit → diagnostics, Dockerfile, ${input.lines} lines`, mine?.edit, theirs?.edit, peer.name, 0.5);
    if (input.kind === 'shell' && input.lines >= 1000 && input.lines < 10000) target(`edit → diagnostics, script, ${input.lines} lines`, mine?.edit, base?.edit, 'bare incremental reparse', 1.5);
  }
  printMarkdown(rows);
  console.log('');
  printMarkdown([['target (issue 9)', 'ours', 'reference', 'ratio', 'limit', 'result'], ...targets]);
  console.log(
    [
      '',
      `Medians over ${runs} run(s); edit → diagnostics over every edit of every run (${inputs[0]?.edits.length ?? 0} per run). Timeout: ${timeoutMs / 1000} s per wait.`,
      'hover/code action: one request each at a mount right after the last edit; "(none)" = no hover content, (N) = actions returned, n/a = no code actions offered.',
      'Peak RSS: VmHWM of the server process (not of its children: ShellCheck runs in its own).',
      `Peers: @microsoft/compose-language-service ${versionOf('@microsoft/compose-language-service')}, dockerfile-language-server-nodejs ${versionOf('dockerfile-language-server-nodejs')}, bash-language-server ${versionOf('bash-language-server')}${shellCheck ? ` with ShellCheck ${shellCheck}` : ' (ShellCheck not found)'}.`,
      `Node ${process.version}; ${measuredCommit()}; load average before ${uptimeBefore}, after ${uptimeAfter}.`,
    ].join('\n'),
  );
}

function printMarkdown(table) {
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => String(row[c]).length)));
  const line = (row) => `| ${row.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(table[0]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of table.slice(1)) console.log(line(row));
}
