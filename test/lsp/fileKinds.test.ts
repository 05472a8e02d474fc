import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CorpusEntry } from '../helpers/corpusScore';
import { LspClient } from '../helpers/lspClient';
import { applyAction, codeActionsOf, textAt } from './support';

const uriOf = (name: string): string => pathToFileURL(`/tmp/selinux-mounts-lsp/${name}`).href;

/** Every file kind, through the real server: the grammar loads, findings land, fixes apply. */
describe('lsp: other file kinds', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(() => client.kill());

  const cases: [name: string, languageId: string, text: string, range: string, fixed: string][] = [
    ['deploy.sh', 'shellscript', 'docker run -d \\\n  -v /srv/app:/app img\n', '/srv/app', 'docker run -d \\\n  -v /srv/app:/app:Z img\n'],
    ['Containerfile', 'dockerfile', 'FROM alpine\nRUN --mount=type=bind,target=/src make\n', 'type=bind,target=/src', 'FROM alpine\nRUN --mount=type=bind,target=/src,relabel=shared make\n'],
    ['app.container', 'plaintext', '[Container]\nImage=x\nVolume=./data:/data\n', './data', '[Container]\nImage=x\nVolume=./data:/data:Z\n'],
    ['README.md', 'markdown', '```sh\npodman run -v /srv/a:/a img\n```\n', '/srv/a', '```sh\npodman run -v /srv/a:/a:Z img\n```\n'],
    ['devcontainer.json', 'jsonc', '{ "runArgs": ["-v", "/srv/a:/a"] }', '/srv/a', '{ "runArgs": ["-v", "/srv/a:/a:Z"] }'],
  ];
  for (const [name, languageId, text, expectedRange, fixed] of cases) {
    it(`${name} (${languageId})`, async () => {
      const uri = uriOf(name);
      const [d] = await client.open(uri, text, languageId);
      assert.equal(d?.code, 'missing-relabel');
      assert.equal(textAt(text, d.range), expectedRange);
      const actions = codeActionsOf(await client.codeActions(uri, d.range, { diagnostics: [d] }));
      assert.equal(applyAction(uri, text, actions[0]), fixed);
      await client.close(uri);
    });
  }

  it('audit.log: hover explains a denial', async () => {
    const uri = uriOf('audit.log');
    const text = 'type=AVC msg=audit(1700000000.123:456): avc:  denied  { read } for  pid=42 comm="app" name="data" scontext=system_u:system_r:container_t:s0:c1,c2 tcontext=system_u:object_r:container_file_t:s0:c3,c4 tclass=dir permissive=0\n';
    await client.open(uri, text, 'selinux-audit');
    const hover = await client.hover(uri, { line: 0, character: 45 });
    assert.match(JSON.stringify(hover), /MCS/);
  });
});

describe('lsp: selinuxMounts/hostLabel', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(() => client.kill());

  it('names the host path and says why there is no label on a host without SELinux', async () => {
    const uri = pathToFileURL('/srv/project/compose.yaml').href;
    await client.open(uri, 'services:\n  web:\n    image: x\n    volumes:\n      - ./data:/data\n', 'dockercompose');
    const answer = await client.request('selinuxMounts/hostLabel', { textDocument: { uri }, position: { line: 4, character: 10 } });
    assert.deepEqual(answer, { path: '/srv/project/data', reason: 'SELinux is not enabled on this host' });
    const off = await client.request('selinuxMounts/hostLabel', { textDocument: { uri }, position: { line: 2, character: 6 } });
    assert.deepEqual(off, { reason: 'the cursor is not on the host path of a bind mount' });
  });

  it('says the setting turned host labels off', async () => {
    const uri = pathToFileURL('/srv/project/docker-compose.yml').href;
    await client.open(uri, 'services:\n  web:\n    image: x\n    volumes:\n      - ./data:/data\n', 'dockercompose');
    await client.configure({ hostAware: false }, uri);
    const answer = await client.request('selinuxMounts/hostLabel', { textDocument: { uri }, position: { line: 4, character: 10 } });
    assert.deepEqual(answer, { reason: 'host labels are off (selinuxMounts.hostAware)' });
  });
});

describe('lsp: hover on every kind of place', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(() => client.kill());

  const cases: [name: string, languageId: string, text: string, needle: string, range: string, content: RegExp][] = [
    ['compose.yaml', 'dockercompose', 'services:\n  web:\n    image: x\n    volumes: [./d:/d:z]\n', ':z', 'z', /container_file_t:s0/],
    ['compose.yaml', 'dockercompose', 'services:\n  web:\n    image: x\n    volumes: [./d:/d]\n', './d', './d', /avc: {2}denied/],
    ['compose.yaml', 'dockercompose', 'services:\n  web:\n    image: x\n    security_opt: ["label=level:s0:c5,c6"]\n', 'label=', 'label=level:s0:c5,c6', /MCS level `s0:c5,c6`/],
    ['compose.yaml', 'dockercompose', 'services:\n  web:\n    image: x\n    privileged: true\n', 'privileged', 'privileged: true', /spc_t/],
    ['compose.yaml', 'dockercompose', 'services:\n  web:\n    image: x\n    # system_u:object_r:container_file_t:s0:c1,c2\n', 'container_file_t', 'system_u:object_r:container_file_t:s0:c1,c2', /c1/],
    ['app.container', 'plaintext', '[Container]\nImage=x\nSecurityLabelDisable=true\n', 'SecurityLabel', 'SecurityLabelDisable=true', /spc_t/],
    ['run.sh', 'shellscript', 'podman run --security-opt label=disable -v /a:/a:Z img\n', ':Z', 'Z', /s0:c1022,c1023/],
    ['Dockerfile', 'dockerfile', 'FROM centos:6\n', 'centos', 'centos:6', /ssh_selinux_getctxbyname/],
  ];
  for (const [name, languageId, text, needle, range, content] of cases) {
    it(`${name}: over ${JSON.stringify(needle)}`, async () => {
      const uri = uriOf(`hover-${cases.findIndex((c) => c[3] === needle)}-${name}`);
      await client.open(uri, text, languageId);
      const offset = text.indexOf(needle) + (needle.startsWith(':') ? 1 : 0);
      const line = text.slice(0, offset).split('\n').length - 1;
      const character = offset - text.lastIndexOf('\n', offset - 1) - 1;
      const hover = await client.hover(uri, { line, character });
      assert.ok(hover?.range, 'a hover with a range');
      assert.equal(textAt(text, hover.range), range);
      assert.match((hover.contents as { value: string }).value, content);
      await client.close(uri);
    });
  }
});

/**
 * Commands in documentation through the real server: real files of the project's corpus, opened
 * as an editor opens them (Markdown, MDX, reStructuredText; without an extension for MDX or rst,
 * VS Code calls them plaintext). Every missing relabel the labels list is reported on its line and
 * nothing else; the quick fix of one is applied and the whole text compared.
 */
describe('lsp: commands in documentation (real files)', function () {
  this.timeout(60_000);
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(() => client.kill());

  const corpus = path.join(__dirname, '..', 'corpus');
  const entries = JSON.parse(readFileSync(path.join(corpus, 'manifests', 'docs.json'), 'utf8')) as CorpusEntry[];
  const cases: [file: string, languageId: string, line: number, before: string, after: string][] = [
    ['squidfunk__mkdocs-material/docs/creating-your-site.md', 'markdown', 22, '"%cd%":/docs ', '"%cd%":/docs:Z '],
    ['open-webui__docs/docs/getting-started/updating.mdx', 'mdx', 277, '$(pwd):/backup ', '$(pwd):/backup:Z '],
    ['PennLINC__xcp_d/docs/contributing.rst', 'restructuredtext', 172, '/site-packages/xcp_d \\', '/site-packages/xcp_d:Z \\'],
    ['ClusterHQ__flocker/docs/supported/flockercontainers.rst', 'plaintext', 47, '/etc/flocker:/etc/flocker ', '/etc/flocker:/etc/flocker:Z '],
    ['jellyfin__jellyfin.org/docs/general/installation/_container-docker-cli.md', 'markdown', 49, '/cache \\ #', '/cache:Z \\ #'],
  ];
  for (const [file, languageId, line, before, after] of cases) {
    it(`${file} (${languageId})`, async () => {
      const text = readFileSync(path.join(corpus, 'files', file), 'utf8');
      const uri = pathToFileURL(path.join('/tmp/selinux-mounts-lsp/docs', file)).href;
      const diagnostics = (await client.open(uri, text, languageId)).filter((d) => d.code === 'missing-relabel');
      const entry = entries.find((e) => e.file === file)!;
      const wanted = entry.mounts.filter((m) => m.expected === 'missing-relabel' && !m.sensitive_subpath).map((m) => m.line);
      assert.deepEqual(diagnostics.map((d) => d.range.start.line + 1), wanted);
      const d = diagnostics.find((x) => x.range.start.line === line - 1)!;
      const [fix] = codeActionsOf(await client.codeActions(uri, d.range, { diagnostics: [d] }));
      const lines = text.split('\n');
      lines[line - 1] = lines[line - 1].replace(before, after);
      assert.equal(applyAction(uri, text, fix), lines.join('\n'));
      await client.close(uri);
    });
  }
});
