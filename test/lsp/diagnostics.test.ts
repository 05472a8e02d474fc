import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { docsBase, fixture, range, summary, textAt } from './support';

const { Error, Warning, Information } = DiagnosticSeverity;
const ruleIds = [
  'missing-relabel',
  'relabel-system-path',
  'system-path-mount',
  'private-label-shared',
  'conflicting-relabel',
  'relabel-ignored',
  'relabel-label-disabled',
];

describe('lsp: diagnostics', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(() => client.kill());

  it('compose.yaml: one diagnostic per problem mount, on its host path', async () => {
    const { uri, text } = fixture('compose.yaml');
    const diagnostics = await client.open(uri, text);
    assert.deepEqual(summary(diagnostics), [
      { code: 'missing-relabel', severity: Warning, range: range(4, 8, 14) }, // ./data:/data
      { code: 'missing-relabel', severity: Warning, range: range(5, 8, 14) }, // ./conf:/etc/app:ro
      { code: 'system-path-mount', severity: Information, range: range(7, 8, 28) }, // /var/run/docker.sock
      { code: 'missing-relabel', severity: Warning, range: range(9, 16, 22) }, // long syntax source: ./logs
    ]);
    for (const d of diagnostics) {
      assert.equal(d.source, 'selinux-mounts');
      assert.deepEqual(d.codeDescription, { href: `${docsBase}${d.code}.md` });
      assert.ok(typeof d.message === 'string' && d.message.length > 0);
    }
    await client.close(uri);
  });

  it('publishes the document version it checked', async () => {
    const { uri, text } = fixture('compose.yaml');
    const next = client.nextDiagnostics(uri);
    await client.open(uri, text);
    assert.equal((await next).version, 1);
    const changed = client.nextDiagnostics(uri);
    await client.sendChange(uri, text);
    assert.equal((await changed).version, 2);
    await client.close(uri);
  });

  it('maps every compose rule to its code and severity', async () => {
    const { uri, text } = fixture('compose.rules.yaml');
    const byCode = new Map((await client.open(uri, text)).map((d) => [d.code, d.severity]));
    assert.deepEqual(
      ruleIds.filter((id) => id !== 'missing-relabel' && id !== 'system-path-mount').map((id) => [id, byCode.get(id)]),
      [
        ['relabel-system-path', Error],
        ['private-label-shared', Warning],
        ['conflicting-relabel', Error],
        ['relabel-ignored', Warning],
        ['relabel-label-disabled', Information],
      ],
    );
    await client.close(uri);
  });

  it('closing a document clears its diagnostics', async () => {
    const { uri, text } = fixture('compose.yaml');
    assert.notEqual((await client.open(uri, text)).length, 0);
    assert.deepEqual(await client.close(uri), []);
  });

  it('a change re-checks: a new bind gets a diagnostic, a relabelled one loses it', async () => {
    const { uri, text } = fixture('compose.yaml');
    await client.open(uri, text);
    const edited = text.replace('./data:/data', './data:/data:Z').replace('cache:/var/cache/app', './new:/new');
    assert.deepEqual(summary(await client.change(uri, edited)).slice(0, 2), [
      { code: 'missing-relabel', severity: Warning, range: range(5, 8, 14) },
      { code: 'missing-relabel', severity: Warning, range: range(6, 8, 13) },
    ]);
    await client.close(uri);
  });

  it('debounces: rapid changes are checked once, at the last version', async () => {
    const { uri, text } = fixture('compose.yaml');
    client.settings = { debounceMs: 100 };
    try {
      await client.open(uri, text);
      const next = client.nextDiagnostics(uri);
      const before = client.published.length;
      await client.sendChange(uri, text.replace('./data', './d1'));
      await client.sendChange(uri, text.replace('./data', './d2'));
      const last = await client.sendChange(uri, text.replace('./data', './d3'));
      const published = await next;
      assert.equal(published.version, last);
      assert.deepEqual(
        client.published.slice(before).map((p) => p.version),
        [last],
      );
      assert.deepEqual(published.diagnostics[0].range, range(4, 8, 12));
    } finally {
      client.settings = { debounceMs: 0 };
      await client.close(uri);
    }
  });

  it('CRLF, a BOM and non-ASCII paths: ranges in UTF-16 characters of their line', async () => {
    const uri = 'file:///tmp/lsp/crlf/compose.yaml';
    const text = '\ufeffservices:\r\n  s:\r\n    volumes:\r\n      - ./données🚀:/d\r\n';
    const diagnostics = await client.open(uri, text);
    assert.deepEqual(summary(diagnostics), [
      { code: 'missing-relabel', severity: Warning, range: range(3, 8, 8 + './données🚀'.length) },
    ]);
    await client.close(uri);
  });

  it('recognises compose by content in a YAML file whatever its name', async () => {
    const { uri, text } = fixture('cat.yaml');
    assert.deepEqual(summary(await client.open(uri, text)), [
      { code: 'missing-relabel', severity: Warning, range: range(4, 8, 16) },
    ]);
    await client.close(uri);
  });

  it('the dockercompose language id is compose whatever the name', async () => {
    const { text } = fixture('compose.yaml');
    const uri = 'untitled:Untitled-1';
    assert.equal((await client.open(uri, text, 'dockercompose')).length, 4);
    await client.close(uri);
  });

  it('a workflow is read as CI, not compose: its job container bind is information on ubuntu-latest', async () => {
    const { uri, text } = fixture('workflow.yaml');
    const diagnostics = await client.open(uri, text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range.start.line]), [['missing-relabel', 3, 8]]);
    await client.close(uri);
  });

  it('broken or half-typed YAML still gets findings for what parses, never a syntax error', async () => {
    const { uri, text } = fixture('compose.yaml');
    await client.open(uri, text);
    const halfTyped = [
      text.replace('      - cache:/var/cache/app\n', '      - ./hal\n'),
      text.replace('    image: nginx\n', '    image: nginx\n    ports: [80\n'),
      text.replace('    image: nginx\n', '    image: "nginx\n'),
      `${text}  other:\n    volumes:\n      - ./x:/x:\n  \t bad: [}\n`,
      text.slice(0, text.indexOf('./conf') + 3),
    ];
    for (const broken of halfTyped) {
      const diagnostics = await client.change(uri, broken);
      for (const d of diagnostics) assert.ok(ruleIds.includes(String(d.code)), `unexpected ${d.code}: ${d.message}`);
      if (!broken.includes('"nginx')) {
        assert.ok(
          diagnostics.some((d) => d.code === 'missing-relabel' && textAt(broken, d.range) === './data'),
          `./data still reported in:\n${broken}\n${JSON.stringify(diagnostics)}`,
        );
      }
    }
    await client.close(uri);
  });

  it('survives input that is not YAML at all', async () => {
    const uri = 'file:///tmp/lsp/bad/compose.yaml';
    await client.open(uri, '');
    const inputs = [
      '\u0000\u0001\u0002\uffff\ud800',
      `services:\n  s: ${'['.repeat(5000)}`,
      'a: &a [x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b]\nservices: {s: {volumes: [*c]}}\n',
      'services:\n\tweb:\n\t\tvolumes: [./a:/a]\n',
    ];
    for (const input of inputs) assert.ok(Array.isArray(await client.change(uri, input)));
    await client.close(uri);
    assert.equal(client.logs.filter((l) => l.type === 1).length, 0, JSON.stringify(client.logs));
  });
});
