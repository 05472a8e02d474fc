// A document typed into, change after change, gets the diagnostics a fresh open of the same text
// gets: the server keeps what it read between edits (incremental compose, shell and Dockerfile
// readers, the findings of unchanged runs, their Diagnostics), and what it publishes must not depend on that.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../helpers/lspClient';

const corpus = path.resolve(__dirname, '../corpus/files');

/** The texts an editor sends while `typed` is typed at `at`, then taken back character by character. */
function typing(text: string, at: number, typed: string): string[] {
  const texts: string[] = [];
  for (let i = 1; i <= typed.length; i++) texts.push(text.slice(0, at) + typed.slice(0, i) + text.slice(at));
  for (let i = typed.length - 1; i >= 0; i--) texts.push(text.slice(0, at) + typed.slice(0, i) + text.slice(at));
  return texts;
}

const cases = [
  {
    file: 'matiaslagoevia__devbox/run.sh',
    languageId: 'shellscript',
    // A relabel typed into a mount, a command after it, then a definition it reads, above it.
    edits: (text: string) => [
      ...typing(text, text.indexOf('/root/.config/') + '/root/.config/'.length, ':z'),
      ...typing(text, text.length, 'podman run -v "$REPOS_DIR":/r i\n'),
      ...typing(text, text.indexOf('docker run'), 'REPOS_DIR=/srv/repos\n'),
    ],
  },
  {
    file: 'ottok__debcraft/src/build.inc.sh',
    languageId: 'shellscript',
    // With `bash -lc` strings: a new option in an array, then a definition at the top.
    edits: (text: string) => [
      ...typing(text, text.indexOf('\n', text.indexOf('--volume="$BUILD_DIR"')) + 1, '  --volume=/srv/x:/x\n'),
      ...typing(text, 0, 'CONTAINER_CMD=podman\n'),
    ],
  },
  {
    file: 'astral-sh__uv-docker-example/multistage.Dockerfile',
    languageId: 'dockerfile',
    // Typed into a RUN's bind mount, then a new instruction above it.
    edits: (text: string) => [...typing(text, text.indexOf('source=uv.lock') + 'source='.length, 'z,Z'), ...typing(text, text.indexOf('RUN'), 'RUN docker run -v /d:/d i\n')],
  },
  {
    file: 'jasongwartz__github-authorized-keys-docker/docker-compose.yaml',
    languageId: 'dockercompose',
    // A relabel typed into the mount, then a comment line after the first: the service's findings
    // are kept and move a line down, then back (their Diagnostics with them).
    edits: (text: string) => [...typing(text, text.indexOf('/perl/.ssh') + '/perl/.ssh'.length, ':z'), ...typing(text, text.indexOf('\n'), '\n# note')],
  },
];

describe('lsp: typing into a document agrees with opening its text', function () {
  this.timeout(120_000);
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(() => client.kill());

  for (const { file, languageId, edits } of cases) {
    it(path.basename(file), async () => {
      const full = path.join(corpus, file);
      const uri = pathToFileURL(full).href;
      const text = readFileSync(full, 'utf8');
      assert.notEqual((await client.open(uri, text, languageId)).length, 0, 'the file has findings to keep track of');
      let fresh = 0;
      for (const edited of edits(text)) {
        const typed = await client.change(uri, edited);
        const other = pathToFileURL(path.join(path.dirname(full), `fresh-${fresh++}-${path.basename(full)}`)).href;
        const opened = await client.open(other, edited, languageId);
        await client.close(other);
        assert.deepEqual(typed, opened, `after typing, the text:\n${edited}`);
      }
      await client.close(uri);
    });
  }
});
