// A document left idle after it is opened has its first edit's work done ahead (lsp/idlePreparation.ts):
// the edits after it, and hovers and code actions on them, must be what a fresh open of the same
// text gets, whether the preparation ran, was put off by a request, or never started (an edit right
// after the open), for a client that pulls diagnostics too.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { idleMs } from '../../server/src/lsp/idlePreparation';
import { fullCapabilities, LspClient } from '../helpers/lspClient';

const root = path.resolve(__dirname, '../..');

const cases = [
  // groupsky/homy: 64 services, several steps of preparation (provenance: test/fixtures/compose-projects/README.md).
  { file: 'test/fixtures/compose-projects/homy/docker-compose.yml', languageId: 'dockercompose' },
  // ottok/debcraft (provenance: test/corpus/manifests/shell.json).
  { file: 'test/corpus/files/ottok__debcraft/src/build.inc.sh', languageId: 'shellscript' },
  // moby/buildkit: 26 RUN --mount steps, about half below the edit (provenance: test/fixtures/dockerfiles/README.md).
  { file: 'test/fixtures/dockerfiles/moby-buildkit/Dockerfile', languageId: 'dockerfile' },
];

/** Longer than the idle wait and the preparation of these files, even on a loaded machine. */
const idle = () => new Promise((resolve) => setTimeout(resolve, idleMs + 1500));

/** `before` with `typed` inserted one character into the diagnostic's range (a mount's host path). */
function typedInto(before: string, d: Diagnostic, typed: string): string {
  const lines = before.split('\n');
  const { line, character } = d.range.start;
  lines[line] = lines[line].slice(0, character + 1) + typed + lines[line].slice(character + 1);
  return lines.join('\n');
}

/** What the editor shows and offers at each diagnostic: its hover and its quick fixes (their edits for `uri`). */
async function offered(client: LspClient, uri: string, diagnostics: Diagnostic[]): Promise<unknown[]> {
  return Promise.all(
    diagnostics.map(async (d) => {
      const hover = await client.hover(uri, d.range.start);
      const actions = (await client.codeActions(uri, d.range, { diagnostics: [d] })) ?? [];
      return { hover, actions: actions.map((a) => ('edit' in a ? [a.title, a.edit?.changes?.[uri]] : [a.title])) };
    }),
  );
}

describe('lsp: edits after the idle-time preparation agree with opening their text', function () {
  this.timeout(120_000);
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(() => client.kill());

  let fresh = 0;
  /** The diagnostics, hovers and quick fixes of `text` opened in a new document beside `full`. */
  async function opened(full: string, text: string, languageId: string): Promise<{ diagnostics: Diagnostic[]; offered: unknown[] }> {
    const uri = pathToFileURL(path.join(path.dirname(full), `fresh-${fresh++}-${path.basename(full)}`)).href;
    const diagnostics = await client.open(uri, text, languageId);
    const result = { diagnostics, offered: JSON.parse(JSON.stringify(await offered(client, uri, diagnostics)).replaceAll(uri, '<uri>')) };
    await client.close(uri);
    return result;
  }

  for (const { file, languageId } of cases) {
    const full = path.join(root, file);
    const uri = pathToFileURL(full).href;
    const text = readFileSync(full, 'utf8');
    for (const pause of ['idle: prepared', 'a hover while idle, then prepared', 'typed into right after open: not prepared']) {
      it(`${path.basename(file)}, ${pause}`, async () => {
        const diagnostics = await client.open(uri, text, languageId);
        assert.ok(diagnostics.length >= 3, 'the file has findings');
        const middle = diagnostics[diagnostics.length >> 1];
        if (pause.startsWith('a hover')) {
          await new Promise((resolve) => setTimeout(resolve, idleMs / 2));
          await client.hover(uri, middle.range.start);
        }
        if (!pause.startsWith('typed into')) await idle();
        // Typed into the middle finding's mount, then a line added at the top (every run moves), then one at the end.
        const typed = typedInto(text, middle, 'x');
        const edits = [typed, `# a line\n${typed}`, `# a line\n${typed}# the end\n`];
        for (const [i, after] of edits.entries()) {
          const diagnostics = await client.change(uri, after);
          const expected = await opened(full, after, languageId);
          assert.deepEqual(diagnostics, expected.diagnostics, `edit ${i}: the diagnostics of a fresh open`);
          const shown = JSON.parse(JSON.stringify(await offered(client, uri, diagnostics)).replaceAll(uri, '<uri>'));
          assert.deepEqual(shown, expected.offered, `edit ${i}: the hovers and quick fixes of a fresh open`);
          // Idle again: what the first edit read anew is prepared for the next.
          if (i === 0) await idle();
        }
        await client.close(uri);
      });
    }
  }

  it('a client that pulls diagnostics: the pull after an idle wait and an edit is a fresh open\'s', async () => {
    const puller = await LspClient.start({ ...fullCapabilities, textDocument: { ...fullCapabilities.textDocument, diagnostic: {} } });
    try {
      const { file, languageId } = cases[0];
      const full = path.join(root, file);
      const uri = pathToFileURL(full).href;
      const text = readFileSync(full, 'utf8');
      const pulled = async (u: string) => {
        const report = await puller.documentDiagnostics(u);
        return report.kind === 'full' ? report.items : undefined;
      };
      await puller.sendOpen(uri, text, languageId);
      const opened = await pulled(uri);
      assert.ok(opened && opened.length >= 3, 'the file has findings');
      await idle();
      const edited = typedInto(text, opened[opened.length >> 1], 'x');
      await puller.sendChange(uri, edited);
      const after = await pulled(uri);
      const other = pathToFileURL(path.join(path.dirname(full), `fresh-pull-${path.basename(full)}`)).href;
      await puller.sendOpen(other, edited, languageId);
      assert.deepEqual(after, await pulled(other));
      assert.deepEqual(puller.published, [], 'nothing pushed');
    } finally {
      puller.kill();
    }
  });
});
