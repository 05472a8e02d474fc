// Bad input never crashes or hangs the core, the language server or the CLI.
//
// The core runs in a worker thread here, so that a hang fails its test (the worker is ended)
// instead of stalling the whole run: mocha cannot interrupt synchronous code. Nothing asserts on
// time; the guard only turns "never returns" into a failure.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalyzeOptions, Edit, Span } from '../server/src/core';
import { LspClient, serverPath } from './helpers/lspClient';

const repoRoot = path.resolve(__dirname, '..');
const cliPath = path.join(repoRoot, 'dist', 'cli.js');

// The core in a worker

interface FindingSummary {
  ruleId: string;
  span: Span;
  /** The text the span covers. */
  text: string;
  fixes: { title: string; safe: boolean; isPreferred: boolean; edits: Edit[] }[];
}

interface HoverSummary {
  offset: number;
  span: Span;
  markdown: string;
  plain: string;
}

interface Summary {
  kind?: string;
  notice?: string;
  findings: FindingSummary[];
  /** hoverAt (markdown and plain) at each offset asked; null where there is nothing. */
  hovers: (HoverSummary | null)[];
  applied: number;
  /** fixAll's text; undefined when it changed nothing. */
  fixed?: string;
  /** The rule ids found in the fixed text (it is analysed again). */
  afterFix?: string[];
}

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
require(workerData.tsx);
const core = require(workerData.core);
const ready = core.initShellParser(workerData.wasm);
parentPort.on('message', async ({ id, text, options, offsets }) => {
  await ready;
  try {
    const result = core.analyze(text, options);
    const findings = result.findings.map((f) => ({
      ruleId: f.ruleId,
      span: f.span,
      text: text.slice(f.span.start, f.span.end),
      fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe, isPreferred: !!x.isPreferred, edits: x.edits })),
    }));
    const hovers = offsets.map((offset) => {
      const markdown = core.hoverAt(text, offset, { ...options, markdown: true });
      const plain = core.hoverAt(text, offset, { ...options, markdown: false });
      return markdown ? { offset, span: markdown.span, markdown: markdown.contents, plain: plain ? plain.contents : '' } : null;
    });
    const fixed = core.fixAll(text, options);
    const changed = fixed.text !== text;
    const afterFix = changed ? core.analyze(fixed.text, options).findings.map((f) => f.ruleId) : undefined;
    parentPort.postMessage({ id, summary: { kind: result.kind, notice: result.notice, findings, hovers, applied: fixed.applied, fixed: changed ? fixed.text : undefined, afterFix } });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.stack) || error) });
  }
});
`;

/** One worker for the whole file, replaced when a call does not return. */
class CoreWorker {
  private worker: Worker | undefined;
  private nextId = 0;

  private start(): Worker {
    this.worker ??= new Worker(workerSource, {
      eval: true,
      workerData: {
        tsx: require.resolve('tsx/cjs'),
        core: path.join(repoRoot, 'server', 'src', 'core', 'index.ts'),
        wasm: {
          treeSitter: require.resolve('web-tree-sitter/tree-sitter.wasm'),
          bash: require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'),
        },
      },
    });
    return this.worker;
  }

  /** analyze, hoverAt at `offsets` and fixAll; rejects with the stack when the core throws, or when it does not return within `guardMs`. */
  run(text: string, options: AnalyzeOptions, offsets: number[], guardMs: number): Promise<Summary> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      const onMessage = (m: { id: number; summary?: Summary; error?: string }): void => {
        if (m.id !== id) return;
        done();
        if (m.error !== undefined) reject(new Error(`the core threw: ${m.error}`));
        else resolve(m.summary!);
      };
      const onError = (err: Error): void => {
        done();
        this.worker = undefined;
        reject(err);
      };
      const timer = setTimeout(() => {
        done();
        this.worker = undefined;
        void worker.terminate();
        reject(new Error(`the core did not return (hang): no answer within ${guardMs / 1000} s`));
      }, guardMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage({ id, text, options, offsets });
    });
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

const core = new CoreWorker();
const byName: AnalyzeOptions = { fileName: '/project/compose.yaml' };
const byContent: AnalyzeOptions = { fileName: '/project/stack.yml', byContent: true };

/** The offsets every case hovers at: start, middle, end, beyond the end, before the start. */
function offsetsOf(text: string, extra: number[] = []): number[] {
  return [0, text.length >> 1, text.length, text.length + 100, -1, ...extra];
}

function inBounds(text: string, span: Span, what: string): void {
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: span ${JSON.stringify(span)} is not integers`);
  assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length, `${what}: span ${span.start}-${span.end} outside 0-${text.length}`);
}

/** What holds for any text: findings, fixes and hovers point inside it; the fixed text analyses again. */
function checkInvariants(text: string, s: Summary): void {
  for (const f of s.findings) {
    inBounds(text, f.span, f.ruleId);
    for (const fix of f.fixes) for (const e of fix.edits) inBounds(text, e, `${f.ruleId} fix "${fix.title}"`);
  }
  for (const h of s.hovers) {
    if (!h) continue;
    inBounds(text, h.span, `hover at ${h.offset}`);
    assert.ok(h.markdown.length > 0 && h.plain.length > 0, `hover at ${h.offset} is empty`);
  }
  if (s.fixed !== undefined) assert.ok(s.applied > 0, 'fixAll changed the text but says it applied nothing');
}

/** Runs the core on `text` both by file name and by content; returns the by-name summary. */
async function exercise(
  ctx: Mocha.Context,
  text: string,
  options: { extraOffsets?: number[]; modes?: AnalyzeOptions[] } = {},
): Promise<Summary> {
  const guardMs = Math.max(1000, ctx.timeout() - 3000);
  const [first, ...rest] = options.modes ?? [byName, byContent];
  const summary = await core.run(text, first, offsetsOf(text, options.extraOffsets), guardMs);
  checkInvariants(text, summary);
  for (const mode of rest) checkInvariants(text, await core.run(text, mode, offsetsOf(text, options.extraOffsets), guardMs));
  return summary;
}

/** The rule id and covered text of each finding. */
const found = (s: Summary): [string, string][] => s.findings.map((f) => [f.ruleId, f.text]);

// Generated input

/** Deterministic bytes (xorshift), with NULs and every byte value. */
function randomBytes(length: number, seed = 0x2545f491): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = i % 97 === 0 ? 0 : x & 0xff;
  }
  return out;
}

/**
 * A compose file of about `bytes` characters: services of four host binds each, with `env`
 * environment entries between them; `./data/svc0` is the first host path.
 */
function bigCompose(bytes: number, env = 0): string {
  const chunks = ['services:\n'];
  let size = chunks[0].length;
  for (let i = 0; size < bytes; i++) {
    const chunk = [
      `  # service ${i}`,
      `  svc${i}:`,
      `    image: registry.example.com/app/svc${i}:latest`,
      `    environment:`,
      `      NAME: svc${i}`,
      ...Array.from({ length: env }, (_, k) => `      VAR_${k}: "value ${k} of svc${i}"`),
      `    volumes:`,
      `      - ./data/svc${i}:/data`,
      `      - "./conf/svc${i}:/etc/app:ro"`,
      `      - ./cache/svc${i}:/cache:Z`,
      `      - named:/var/named`,
      `      - type: bind`,
      `        source: ./long/svc${i}`,
      `        target: /long`,
      '',
    ].join('\n');
    chunks.push(chunk);
    size += chunk.length;
  }
  return chunks.join('');
}

/** Anchors nested `levels` deep, each holding ten aliases to the one below (10^levels when expanded). */
function sequenceBomb(levels: number): string {
  const lines = ['x-l0: &l0 ["./lol:/lol"]'];
  for (let i = 1; i <= levels; i++) lines.push(`x-l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
  lines.push(
    'services:',
    '  web:',
    '    image: web',
    `    volumes: *l${levels}`,
    '  api:',
    '    image: api',
    `    volumes: [*l${levels}, ./data:/data]`,
    '  worker:',
    '    image: worker',
    '    volumes:',
    `      - *l${levels}`,
    '      - ./work:/work',
  );
  return lines.join('\n') + '\n';
}

function mapBomb(levels: number): string {
  const lines = ['x-l0: &l0 {image: x, volumes: ["./lol:/lol"]}'];
  const keys = 'abcdefghij';
  for (let i = 1; i <= levels; i++) lines.push(`x-l${i}: &l${i} {${[...keys].map((k) => `${k}: *l${i - 1}`).join(', ')}}`);
  lines.push('services:', `  bomb: *l${levels}`, `  inner: *l0`, '  web:', `    labels: *l${levels}`, '    volumes:', '      - ./data:/data');
  return lines.join('\n') + '\n';
}

function mergeBomb(levels: number): string {
  const lines = ['x-l0: &l0 {image: x}'];
  for (let i = 1; i <= levels; i++) lines.push(`x-l${i}: &l${i} {<<: [${Array(10).fill(`*l${i - 1}`).join(', ')}]}`);
  lines.push('services:', '  web:', `    <<: *l${levels}`, '    volumes:', '      - ./data:/data');
  return lines.join('\n') + '\n';
}

const simple = 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./data:/data\n';


describe('robustness: the core on bad input', () => {
  after(() => core.stop());

  describe('nothing to read', () => {
    it('empty text', async function () {
      const s = await exercise(this, '');
      assert.deepEqual(s.findings, []);
      assert.deepEqual(s.hovers, [null, null, null, null, null]);
      assert.equal(s.fixed, undefined);
    });

    it('only whitespace (spaces, tabs, CR, LF, NBSP, U+2028)', async function () {
      for (const text of ['   ', '\n\n\n', '\t\t\n \r\n\r', ' \u00a0\u2028\u2029\u3000\n']) {
        const s = await exercise(this, text);
        assert.deepEqual(s.findings, [], JSON.stringify(text));
        assert.equal(s.fixed, undefined);
      }
    });

    it('a binary blob (random bytes with NULs) decoded as latin1 and as UTF-8', async function () {
      const bytes = randomBytes(64 * 1024);
      for (const text of [bytes.toString('latin1'), bytes.toString('utf8'), new TextDecoder('utf-16le').decode(bytes)]) {
        await exercise(this, text);
        // After a compose head, the parser reaches the blob inside a service.
        const s = await exercise(this, simple + '    x: ' + text);
        assert.ok(s.kind === 'compose' || s.findings.length === 0);
      }
    });

    it('a binary blob before a valid service', async function () {
      const blob = randomBytes(4096).toString('latin1');
      await exercise(this, blob + '\n' + simple);
      await exercise(this, `# ${blob.replace(/[\r\n]/g, ' ')}\n${simple}`);
    });
  });

  describe('large and pathological', () => {
    it('a 20 MB compose file: checked, or skipped with a notice', async function () {
      const text = bigCompose(20 * 1024 * 1024);
      assert.ok(text.length >= 20 * 1024 * 1024);
      const at = text.indexOf('./data/svc0') + 2;
      const s = await exercise(this, text, { extraOffsets: [at], modes: [byName] });
      if (s.findings.length === 0) {
        assert.match(s.notice ?? '', /not checked/, 'no findings and no notice saying why');
        assert.equal(s.fixed, undefined);
      } else {
        assert.deepEqual(s.findings[0].text, './data/svc0');
      }
    });

    it('an alias bomb: sequences nested 10 levels deep, used as volumes', async function () {
      const text = sequenceBomb(10);
      const s = await exercise(this, text);
      // Nested sequences are not mounts; the plain binds beside them still are.
      assert.deepEqual(found(s), [
        ['missing-relabel', './data'],
        ['missing-relabel', './work'],
      ]);
      assert.equal(s.fixed, text.replace('./data:/data', './data:/data:Z').replace('./work:/work', './work:/work:Z'));
      assert.deepEqual(s.afterFix, []);
    });

    it('an alias bomb: maps nested 10 levels deep, used as services and keys', async function () {
      const text = mapBomb(10);
      const s = await exercise(this, text);
      // `inner` is the l0 map through an alias: its bind is found where the anchor writes it.
      assert.deepEqual(found(s), [
        ['missing-relabel', './lol'],
        ['missing-relabel', './data'],
      ]);
    });

    it('an alias bomb: merge keys nested 2 levels deep', async function () {
      const text = mergeBomb(2);
      const s = await exercise(this, text);
      assert.deepEqual(found(s), [['missing-relabel', './data']]);
    });

    it(
      'an alias bomb: merge keys nested 10 levels deep',
      async function () {
        const s = await exercise(this, mergeBomb(10));
        assert.deepEqual(found(s), [['missing-relabel', './data']]);
      },
    );

    it('50k nested flow sequences, unclosed and closed, and 50k flow maps', async function () {
      const n = 50_000;
      for (const nest of ['['.repeat(n), '['.repeat(n) + ']'.repeat(n), '{a: '.repeat(n), '[ {{'.repeat(n / 4)]) {
        await exercise(this, nest);
        await exercise(this, simple + 'x-deep: ' + nest + '\n');
        await exercise(this, simple.replace('- ./data:/data', `- ${nest}`));
      }
    });

    it('a flow nest past a quote inside a flow collection', async function () {
      // `[a"` is a plain scalar holding a quote to YAML; a scan that takes it for a string opening sees no nesting.
      const text = 'services:\n  web:\n    volumes: [a"' + '['.repeat(20_000) + '\n';
      await exercise(this, text);
    });

    it(
      'a 4.8 MB flow nest past a quote inside a flow collection',
      async function () {
        await exercise(this, 'services:\n  web:\n    volumes: [a"' + '[ {{'.repeat(1_200_000) + '\n', { modes: [byName] });
      },
    );

    it('50k nested block sequences (`- - - …` on one line)', async function () {
      const nest = '- '.repeat(50_000) + 'x';
      await exercise(this, nest);
      await exercise(this, simple + 'x-deep:\n' + nest + '\n');
    });

    it('10k nested block maps (over the size limit) and 2k before a service', async function () {
      const nest = (n: number): string => Array.from({ length: n }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' x\n';
      await exercise(this, nest(10_000), { modes: [byName] });
      const text = 'x-deep:\n' + nest(2_000).replace(/^/gm, ' ') + simple;
      const s = await exercise(this, text);
      // The yaml parser runs out of stack on nesting this deep: the file is skipped quietly, whole.
      assert.deepEqual(found(s), []);
    });
  });

  describe('encodings and line ends', () => {
    const mounts = [
      'services:',
      '  web:',
      '    image: nginx',
      '    volumes:',
      '      - ./data:/data',
      '      - "./quoted:/quoted:ro"',
      '      - type: bind',
      '        source: ./long',
      '        target: /long',
      '',
    ];
    const fixedMounts = [
      'services:',
      '  web:',
      '    image: nginx',
      '    volumes:',
      '      - ./data:/data:Z',
      '      - "./quoted:/quoted:ro,Z"',
      '      - type: bind',
      '        source: ./long',
      '        target: /long',
      '        bind:',
      '          selinux: Z',
      '          create_host_path: true',
      '',
    ];
    const expected: [string, string][] = [
      ['missing-relabel', './data'],
      ['missing-relabel', './quoted'],
      ['missing-relabel', './long'],
    ];

    it('CRLF line endings: spans on the host paths, fixes keep CRLF', async function () {
      const text = mounts.join('\r\n');
      const at = text.indexOf('./data') + 1;
      const s = await exercise(this, text, { extraOffsets: [at] });
      assert.deepEqual(found(s), expected);
      assert.equal(s.fixed, fixedMounts.join('\r\n'));
      assert.deepEqual(s.afterFix, []);
      const hover = s.hovers.find((h) => h?.offset === at);
      assert.deepEqual(hover?.span, s.findings[0].span);
    });

    it('old Mac CR-only line endings', async function () {
      await exercise(this, mounts.join('\r'));
    });

    it('a BOM: spans shifted by it, the fix lands after the target', async function () {
      const text = '\uFEFF' + mounts.join('\n');
      const s = await exercise(this, text, { modes: [byName] });
      assert.deepEqual(found(s), expected);
      assert.equal(s.fixed, '\uFEFF' + fixedMounts.join('\n'));
    });

    it(
      'a BOM, recognised by content',
      async function () {
        const s = await exercise(this, '\uFEFF' + mounts.join('\n'), { modes: [byContent] });
        assert.deepEqual(found(s), expected);
      },
    );

    it('non-ASCII (é, 🚀, CJK) before and inside mounts', async function () {
      const text = [
        '# Café 🚀 服务 — résumé',
        'services:',
        '  wéb🚀:',
        '    image: "nginx" # 日本語',
        '    environment:',
        '      GREETING: "héllo 🚀 世界"',
        '    volumes:',
        '      - ./données/🚀/漢字:/data/é',
        '      - "./引用/🚀:/q:ro"',
        '      - type: bind',
        '        source: ./長い/é',
        '        target: /长',
        '',
      ].join('\n');
      const at = text.indexOf('🚀/漢字') + 1; // between the surrogates of 🚀
      const s = await exercise(this, text, { extraOffsets: [at] });
      assert.deepEqual(found(s), [
        ['missing-relabel', './données/🚀/漢字'],
        ['missing-relabel', './引用/🚀'],
        ['missing-relabel', './長い/é'],
      ]);
      assert.equal(
        s.fixed,
        text
          .replace('- ./données/🚀/漢字:/data/é', '- ./données/🚀/漢字:/data/é:Z')
          .replace('"./引用/🚀:/q:ro"', '"./引用/🚀:/q:ro,Z"')
          .replace('        target: /长\n', '        target: /长\n        bind:\n          selinux: Z\n          create_host_path: true\n'),
      );
      assert.deepEqual(s.afterFix, []);
      assert.deepEqual(s.hovers.find((h) => h?.offset === at)?.span, s.findings[0].span);
    });

    it('lone surrogates and control characters in a mount', async function () {
      const text = simple.replace('./data:/data', './da\uD800ta\u0001:/da\uDC00ta\u007f');
      const s = await exercise(this, text);
      assert.deepEqual(found(s), [['missing-relabel', './da\uD800ta\u0001']]);
    });
  });

  describe('half-typed files', () => {
    const head = 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./ok:/ok\n';

    for (const [title, tail] of [
      ['`- ./data:` at EOF', '      - ./data:'],
      ['`- ./data` at EOF', '      - ./data'],
      ['`- ` at EOF', '      - '],
      ['`-` at EOF', '      -'],
      ['an unterminated double quote', '      - "./data:/data'],
      ['an unterminated single quote', "      - './data:/data"],
      ['an unterminated flow sequence', '      - [./data:/data'],
      ['an unterminated long syntax', '      - type: bind\n        source: ./data\n        target:'],
      ['a key with no value', '      - type:'],
      ['an interpolation never closed', '      - ${DATA:-./data:/data'],
    ]) {
      it(title, async function () {
        const s = await exercise(this, head + tail);
        // The complete line before the half-typed one is still read.
        assert.deepEqual(found(s)[0], ['missing-relabel', './ok']);
      });
    }

    it('tab indentation', async function () {
      const text = 'services:\n\tweb:\n\t\tvolumes:\n\t\t\t- ./data:/data\n';
      await exercise(this, text);
      await exercise(this, 'services:\n  web:\n    volumes:\n\t- ./data:/data\n');
      await exercise(this, 'services:\n  web:\n    volumes:\n      -\t./data:/data\n');
    });

    it('every prefix of a compose file', async function () {
      const text = [
        'x-common: &common',
        '  security_opt: ["label=type:spc_t"]',
        'services:',
        '  web:',
        '    <<: *common',
        '    volumes:',
        '      - "./a b:/c:ro,z"',
        "      - './d:/e'",
        '      - ${X:-./f}:/g:Z',
        '      - type: bind',
        '        source: ./h',
        '        target: /i',
        '        bind: { selinux: z }',
        '  api:',
        '    extends: web',
        '    privileged: true',
        '    volumes: [./j:/k]',
        '',
      ].join('\n');
      for (let end = 0; end <= text.length; end += 3) await exercise(this, text.slice(0, end), { modes: [byName] });
    });
  });

  describe('the wrong shapes', () => {
    it('`services` as a scalar, a sequence, null, a number, an alias to a scalar', async function () {
      for (const services of ['web', '[web, api]', '', '~', 'null', '42', 'true', '*s', '"./data:/data"', '- ./data:/data']) {
        const text = `x-s: &s web\nservices: ${services}\n${services.startsWith('-') ? services : ''}\n`;
        const s = await exercise(this, text);
        assert.deepEqual(s.findings, [], text);
      }
      const s = await exercise(this, 'services:\n  - web:\n      volumes:\n        - ./data:/data\n');
      assert.deepEqual(s.findings, []);
    });

    it('a service that is a scalar, a sequence or null beside one that is a map', async function () {
      const text = 'services:\n  a: web\n  b: [./x:/x]\n  c:\n  d: ~\n  e: 42\n' + simple.replace('services:\n', '');
      const s = await exercise(this, text);
      assert.deepEqual(found(s), [['missing-relabel', './data']]);
    });

    it('duplicate keys: services, a service, its volumes', async function () {
      const text = [
        'services:',
        '  web:',
        '    volumes:',
        '      - ./a:/a',
        '    volumes:',
        '      - ./b:/b',
        '  web:',
        '    volumes:',
        '      - ./c:/c',
        'services:',
        '  api:',
        '    volumes:',
        '      - ./d:/d',
        '',
      ].join('\n');
      const s = await exercise(this, text);
      for (const f of s.findings) assert.equal(f.ruleId === 'missing-relabel' ? f.text.startsWith('./') : true, true);
    });

    it('`volumes` as a map, a scalar, a number, null', async function () {
      for (const volumes of ['\n      ./data: /data', ' ./data:/data', ' 42', ' ~', ' {./data: /data}', ' true']) {
        const s = await exercise(this, `services:\n  web:\n    image: x\n    volumes:${volumes}\n`);
        if (volumes !== ' ./data:/data') assert.deepEqual(s.findings, [], volumes);
      }
    });

    it('numbers, booleans and nulls where strings are expected', async function () {
      const text = [
        'x-num: &num 42',
        'services:',
        '  123:',
        '    volumes:',
        '      - 42',
        '      - true',
        '      - null',
        '      - ~',
        '      - 3.14',
        '      - 0x1F',
        '      - *num',
        '      - {}',
        '      - []',
        '      - type: bind',
        '        source: 42',
        '        target: null',
        '      - type: bind',
        '        source: null',
        '        target: /x',
        '      - type: 123',
        '      - type: bind',
        '        source: ./b',
        '        target: ~',
        '        bind: { selinux: 42, create_host_path: 1 }',
        '      - type: bind',
        '        source: ./c',
        '        target: /c',
        '        bind: { selinux: true }',
        '      - type: bind',
        '        source: ./e',
        '        target: /e',
        '        bind: 7',
        '      - type: volume',
        '        source: 12',
        '        target: 13',
        '    security_opt: [true, 1, null, label=disable]',
        '    privileged: 1',
        '    pid: 42',
        '    ipc: null',
        '    extends: 42',
        '  web:',
        '    extends: { service: null, file: 7 }',
        '    security_opt: 5',
        '    privileged: null',
        '    volumes: [./data:/data]',
        '  api:',
        '    extends: { service: 123 }',
        '    volumes:',
        '      - ./n:/n',
        'volumes:',
        '  42: { driver_opts: { o: bind, device: 7 } }',
        '  v: { driver: 1, driver_opts: 2 }',
        '  w: { driver_opts: { o: 3, device: ./w } }',
        '',
      ].join('\n');
      const s = await exercise(this, text);
      assert.deepEqual(found(s), [
        ['relabel-ignored', './c'],
        ['missing-relabel', './data'],
        ['missing-relabel', './n'],
      ]);
    });

    it(
      'service names that YAML reads as numbers, booleans or null',
      async function () {
        const text = ['services:', '  123:', '    volumes: [./a:/a]', '  true:', '    volumes: [./b:/b]', '  1.5:', '    volumes: [./c:/c]', ''].join('\n');
        const s = await exercise(this, text);
        assert.deepEqual(found(s), [
          ['missing-relabel', './a'],
          ['missing-relabel', './b'],
          ['missing-relabel', './c'],
        ]);
      },
    );

    it('extends cycles and self-references', async function () {
      const text = [
        'services:',
        '  a:',
        '    extends: b',
        '    volumes: [./a:/a]',
        '  b:',
        '    extends: { service: a }',
        '  c:',
        '    extends: c',
        '    volumes: [./c:/c]',
        '',
      ].join('\n');
      const s = await exercise(this, text);
      assert.deepEqual(found(s), [
        ['missing-relabel', './a'],
        ['missing-relabel', './c'],
      ]);
    });

    it('several documents, directives, tags', async function () {
      await exercise(this, '%YAML 1.2\n---\n' + simple + '...\n---\nservices: 7\n');
      await exercise(this, '--- !!map\nservices: !!seq\n  - a\n');
      const s = await exercise(this, simple.replace('volumes:', 'volumes: !reset'));
      assert.deepEqual(s.findings, []);
      await exercise(this, simple.replace('- ./data:/data', '- !!binary ./data:/data'));
      await exercise(this, simple.replace('- ./data:/data', '- !custom ./data:/data'));
    });
  });
});

// The language server and the CLI, as built

describe('robustness: the language server survives bad documents', () => {
  let client: LspClient | undefined;

  before(async function () {
    if (!existsSync(serverPath)) this.skip();
    client = await LspClient.start();
  });
  after(() => client?.kill());

  /** Opens `text`, then replaces it with a valid file and expects its diagnostic: the server is alive. */
  async function survives(name: string, text: string, waitMs = 5000): Promise<void> {
    const uri = `file:///robustness/${name}/compose.yaml`;
    const next = client!.nextDiagnostics(uri, waitMs);
    // open() gives up after 5 s; `next` is the wait that counts.
    const opened = client!.open(uri, text).catch(() => undefined);
    await next;
    await opened;
    const diagnostics = await client!.change(uri, simple);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      [['missing-relabel', { start: { line: 4, character: 8 }, end: { line: 4, character: 14 } }]],
    );
    await client!.close(uri);
  }

  it('a binary-ish document', async () => {
    await survives('binary', randomBytes(64 * 1024).toString('latin1'));
    await survives('binary-utf8', simple + '    x: ' + randomBytes(64 * 1024).toString('utf8'));
  });

  it('a 5 MB compose document', async function () {
    // Mostly environment entries, ~1k services of four binds: parsing 5 MB takes seconds, so wait up to the test's time.
    await survives('big', bigCompose(5_000_000, 100), this.timeout() - 4000);
  });

  it('a compose document over the 5 MiB the core reads', async () => {
    await survives('too-big', bigCompose(5 * 1024 * 1024 + 1));
  });

  it('an alias bomb', async () => {
    await survives('sequence-bomb', sequenceBomb(10));
    await survives('map-bomb', mapBomb(10));
  });

  it('deep nesting', async () => {
    await survives('deep', simple + 'x-deep: ' + '['.repeat(50_000) + '\n');
  });

  it('the server is still running and answers hover', async () => {
    const uri = 'file:///robustness/last/compose.yaml';
    await client!.open(uri, simple);
    const hover = await client!.hover(uri, { line: 4, character: 10 });
    assert.ok(hover, 'no hover on ./data');
    await client!.close(uri);
  });
});

describe('robustness: the CLI on bad files', () => {
  let dir = '';
  before(function () {
    if (!existsSync(cliPath)) this.skip();
    dir = mkdtempSync(path.join(tmpdir(), 'selinux-mounts-robustness-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  function cli(file: string, contents: string | Buffer): { code: number | null; stdout: string; stderr: string } {
    const target = path.join(dir, file);
    writeFileSync(target, contents);
    const r = spawnSync(process.execPath, [cliPath, target], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.error) throw r.error;
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  function noCrash(r: { code: number | null; stderr: string }, what: string): void {
    assert.ok(r.code === 0 || r.code === 1, `${what}: exit code ${r.code}\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, /^\s+at .+\(.*:\d+:\d+\)$|internal error|Error:/m, `${what}: a stack trace on stderr`);
  }

  it('a binary file (NULs), named compose.yaml', () => {
    const r = cli('compose.yaml', randomBytes(64 * 1024));
    noCrash(r, 'binary');
    assert.equal(r.stdout, '');
  });

  it('a binary file without NUL in its first 8 KB (invalid UTF-8), named compose.yaml', () => {
    const bytes = Buffer.concat([Buffer.from(simple), randomBytes(64 * 1024).map((b) => b || 1)]);
    noCrash(cli('compose.yaml', bytes), 'binary without NUL');
  });

  it('a 20 MB compose file', () => {
    const r = cli('big.yaml', bigCompose(20 * 1024 * 1024));
    noCrash(r, '20 MB');
  });

  it('an alias bomb and a deep nest', () => {
    noCrash(cli('bomb.yaml', sequenceBomb(10)), 'alias bomb');
    noCrash(cli('deep.yaml', simple + 'x-deep: ' + '['.repeat(50_000) + '\n'), 'deep nest');
  });
});
