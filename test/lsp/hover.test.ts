import assert from 'node:assert/strict';
import { MarkupKind, type MarkupContent, type Position } from 'vscode-languageserver-protocol';
import { LspClient, fullCapabilities } from '../helpers/lspClient';
import { fixture, range } from './support';

const { uri, text } = fixture('compose.yaml');
const onData: Position = { line: 4, character: 10 }; // inside ./data of ./data:/data

describe('lsp: hover', () => {
  let markdown: LspClient;
  let plain: LspClient;
  before(async () => {
    [markdown, plain] = await Promise.all([
      LspClient.start(),
      LspClient.start({ ...fullCapabilities, textDocument: { ...fullCapabilities.textDocument, hover: { contentFormat: ['plaintext'] } } }),
    ]);
    await Promise.all([markdown.open(uri, text), plain.open(uri, text)]);
  });
  after(() => {
    markdown.kill();
    plain.kill();
  });

  it('explains a bind without relabel in markdown, with its own path', async () => {
    const hover = await markdown.hover(uri, onData);
    assert.ok(hover, 'a hover over ./data');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, MarkupKind.Markdown);
    assert.match(contents.value, /`\.\/data`/);
    assert.deepEqual(hover.range, range(4, 8, 14));
  });

  it('gives plain text to a client that takes no markdown', async () => {
    const hover = await plain.hover(uri, onData);
    assert.ok(hover, 'a hover over ./data');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, MarkupKind.PlainText);
    assert.match(contents.value, /\.\/data/);
    assert.doesNotMatch(contents.value, /[`*]/);
    assert.deepEqual(hover.range, range(4, 8, 14));
  });

  it('explains a relabel option', async () => {
    const rules = fixture('compose.rules.yaml');
    await markdown.open(rules.uri, rules.text);
    const hover = await markdown.hover(rules.uri, { line: 9, character: 21 }); // Z of ./both:/both:Z
    assert.ok(hover, 'a hover over Z');
    assert.equal((hover.contents as MarkupContent).kind, MarkupKind.Markdown);
    assert.deepEqual(hover.range, range(9, 21, 22));
  });

  it('nothing to say over a key that is not a mount', async () => {
    assert.equal(await markdown.hover(uri, { line: 2, character: 6 }), null);
  });

  it('a workflow: the job container bind has a hover, the runs-on line has none', async () => {
    const other = fixture('workflow.yaml');
    await markdown.open(other.uri, other.text);
    assert.equal(await markdown.hover(other.uri, { line: 4, character: 14 }), null);
    const hover = await markdown.hover(other.uri, { line: 8, character: 12 });
    assert.match(JSON.stringify(hover?.contents), /in the test job container/);
  });
});
