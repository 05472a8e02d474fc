// The server as an editor uses it, over real devcontainer.json files and workflows (test/corpus):
// diagnostics with the runner's severity, and the quick fixes applied and compared byte for byte.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';
import { applyAction, codeActionsOf } from './support';

const corpus = (name: string): { uri: string; text: string } => {
  const file = path.resolve(__dirname, '..', 'corpus', 'files', name);
  return { uri: pathToFileURL(file).href, text: readFileSync(file, 'utf8') };
};

describe('lsp: devcontainer.json and CI workflows', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(() => client.kill());

  async function preferredFix(uri: string, diagnostic: Diagnostic): Promise<ReturnType<typeof codeActionsOf>[number]> {
    const actions = codeActionsOf(await client.codeActions(uri, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }));
    assert.equal(actions[0].isPreferred, true);
    return actions[0];
  }

  it('a job container on a self-hosted runner: the move into options: is applied and the warning goes', async () => {
    const { uri, text } = corpus('openvinotoolkit__openvino/.github/workflows/fedora_29.yml');
    const [d, ...rest] = await client.open(uri, text, 'github-actions-workflow');
    assert.deepEqual([rest.length, d.code, d.severity, d.range.start], [0, 'missing-relabel', 2, { line: 66, character: 10 }]);
    const action = await preferredFix(uri, d);
    assert.equal(action.title, 'Move to options: as -v …:Z (the runner drops relabels in volumes:)');
    const fixed = applyAction(uri, text, action);
    assert.equal(fixed, text.replace('      volumes:\n        - /mount:/mount\n', '      options: -v /mount:/mount:Z\n'));
    assert.deepEqual(await client.change(uri, fixed), []);
    await client.close(uri);
  });

  it('docker run steps on ubuntu-latest: information, saying why', async () => {
    const { uri, text } = corpus('apache__apisix/.github/workflows/source-install.yml');
    const diagnostics = await client.open(uri, text);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range.start.line]), [['missing-relabel', 3, 73], ['missing-relabel', 3, 79]]);
    assert.match(String(diagnostics[0].message), /The job runs on ubuntu-latest: GitHub-hosted, without SELinux/);
    const fixed = applyAction(uri, text, await preferredFix(uri, diagnostics[0]));
    assert.equal(fixed, text.replace('${{ github.workspace }}:/apisix --name ubi8', '${{ github.workspace }}:/apisix:z --name ubi8'));
    await client.close(uri);
  });

  it('devcontainer.json: the docker-outside-of-docker Feature turns labeling off; a mount moves into runArgs', async () => {
    const sleeper = corpus('gchq__sleeper/.devcontainer/devcontainer.json');
    assert.deepEqual(await client.open(sleeper.uri, sleeper.text, 'jsonc'), []);
    const { uri, text } = corpus('CenterEdge__CenterEdgeOps/.devcontainer/devcontainer.json');
    const diagnostics = await client.open(uri, text, 'jsonc');
    assert.deepEqual(diagnostics.map((d) => d.range.start.line), [10, 11, 12]);
    const fixed = applyAction(uri, text, await preferredFix(uri, diagnostics[0]));
    assert.equal(
      fixed,
      text
        .replace('    "source=${localEnv:HOME}${localEnv:USERPROFILE}/.aws,target=/home/vscode/.aws,type=bind",\n', '')
        .replace(/\n\}\n$/, ',\n  "runArgs": [\n    "-v",\n    "${localEnv:HOME}${localEnv:USERPROFILE}/.aws:/home/vscode/.aws:Z"\n  ]\n}\n'),
    );
    assert.deepEqual((await client.change(uri, fixed)).map((d) => d.range.start.line), [10, 11]);
  });
});
