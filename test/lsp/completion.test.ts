import assert from 'node:assert/strict';
import { CompletionItemKind, CompletionTriggerKind, MarkupKind, type CompletionItem, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { range } from './support';

const compose = [
  'services:',
  '  web:',
  '    image: nginx',
  '    volumes:',
  '      - ./site:/usr/share/nginx/html:',
  '  worker:',
  '    image: worker',
  '    volumes: ["./site:/site:ro,z"]',
  '    security_opt:',
  '      - label=',
  '',
].join('\n');

const byRank = (items: CompletionItem[]): string[] => [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);

describe('lsp: completion', () => {
  let client: LspClient;
  const uri = 'file:///work/compose.yaml';
  before(async () => {
    client = await LspClient.start();
    await client.open(uri, compose);
  });
  after(() => client.kill());

  it('advertises completion with the option list and label= trigger characters', () => {
    const provider = client.initializeResult.capabilities.completionProvider;
    assert.deepEqual(provider?.triggerCharacters, [':', ',', '=']);
  });

  it('offers the mount options after the colon, z first when another service mounts the path', async () => {
    const items = (await client.completion(uri, { line: 4, character: 37 }, { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: ':' })) as CompletionItem[];
    assert.deepEqual(byRank(items).slice(0, 3), ['z', 'Z', 'ro']);
    const z = items.find((i) => i.label === 'z')!;
    assert.equal(z.kind, CompletionItemKind.EnumMember);
    assert.match(z.detail ?? '', /worker also mounts this path/);
    assert.equal((z.documentation as MarkupContent).kind, MarkupKind.Markdown);
    assert.deepEqual((z.textEdit as TextEdit).range, range(4, 37, 37));
    assert.equal((z.textEdit as TextEdit).newText, 'z');
  });

  it('offers label= values in security_opt', async () => {
    const items = (await client.completion(uri, { line: 9, character: 14 })) as CompletionItem[];
    assert.deepEqual(items.slice(0, 2).map((i) => i.label), ['disable', 'level:']);
    assert.equal(items[0].kind, CompletionItemKind.Value);
  });

  it('nothing where no option is written', async () => {
    assert.deepEqual(await client.completion(uri, { line: 2, character: 16 }), []);
  });

  it('in a shell script, podman words for podman', async () => {
    const script = 'file:///work/run.sh';
    await client.open(script, '#!/bin/sh\npodman run --rm -v "$PWD/data:/data:" alpine\n', 'shellscript');
    const items = (await client.completion(script, { line: 1, character: 36 })) as CompletionItem[];
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('U') && labels.includes('Z'), labels.join(' '));
    assert.ok(!labels.includes('consistent'));
  });
});
