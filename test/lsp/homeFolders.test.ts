// A real script mounting home folders (test/corpus: synthesis-labs/polaris run-polaris.sh), as an
// editor sees it: the message and the hover name the folder's policy type and what a relabel would
// expose; no quick fix relabels ~/.ssh; the credential folder's preferred quick fix is :Z.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { codeActionsOf, range, textAt } from './support';

const file = path.resolve(__dirname, '..', 'corpus', 'files', 'synthesis-labs__polaris', 'run-polaris.sh');
const uri = pathToFileURL(file).href;
const text = fs.readFileSync(file, 'utf8');

describe('lsp: home folders (reference §5c)', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(() => client.kill());

  it('reports ~/.ssh with its type and harm, and offers no relabel for it', async () => {
    const diagnostics = await client.open(uri, text, 'shellscript');
    const ssh = diagnostics.find((d) => d.range.start.line === 1);
    assert.ok(ssh, JSON.stringify(diagnostics));
    assert.equal(ssh.code, 'system-path-mount');
    assert.equal(ssh.severity, DiagnosticSeverity.Information);
    assert.equal(textAt(text, ssh.range), '"$HOME"/.ssh:/root/.ssh:rw'); // quotes inside a word: the whole argument
    const message = String(ssh.message);
    assert.match(message, /ssh_home_t/);
    assert.match(message, /exposes your SSH keys to containers/);
    assert.match(message, /label=disable/);
    const actions = codeActionsOf(await client.codeActions(uri, ssh.range, { diagnostics: [ssh] }));
    assert.deepEqual(
      actions.filter((a) => a.kind === 'quickfix').map((a) => a.title),
      ['Run docker run with --security-opt label=disable (no relabel, no confinement)', 'Ignore system-path-mount on this line'],
    );
    // Fix-all relabels the other binds of the command, never ~/.ssh (line 2 of the file).
    const all = actions.find((a) => a.kind === 'source.fixAll.selinuxMounts');
    const edits = all?.edit?.changes?.[uri] ?? [];
    assert.ok(edits.length > 0, 'fix-all has edits for the other binds');
    assert.deepEqual(edits.filter((e) => e.range.start.line === 1), []);
  });

  it('prefers :Z for ~/.aws, which holds credentials', async () => {
    const diagnostics = client.published.filter((p) => p.uri === uri).at(-1)!.diagnostics;
    const aws = diagnostics.find((d) => d.range.start.line === 2)!;
    assert.equal(aws.code, 'missing-relabel');
    assert.match(String(aws.message), /Add :Z \(private\): it usually holds credentials, and :z would let every confined container read them/);
    const [preferred] = codeActionsOf(await client.codeActions(uri, aws.range, { diagnostics: [aws] }));
    assert.equal(preferred.title, 'Add :Z (private label, this container only)');
    assert.equal(preferred.isPreferred, true);
    assert.deepEqual(preferred.edit?.changes?.[uri], [{ range: range(2, 31, 31), newText: ',Z' }]);
  });

  it('hover over ~/.ssh names its type and what a relabel exposes', async () => {
    const hover = await client.hover(uri, { line: 1, character: 10 });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /ssh_home_t/);
    assert.match(value, /do not relabel it, since it exposes your SSH keys to containers/);
    assert.match(value, /tcontext=unconfined_u:object_r:ssh_home_t:s0/);
  });

  it('hover over ~/.aws advises :Z for credentials', async () => {
    const hover = await client.hover(uri, { line: 2, character: 10 });
    assert.match((hover?.contents as MarkupContent).value, /usually holds credentials, and `:z` would let every confined container read them/);
  });
});
