import assert from 'node:assert/strict';
import { parserFor } from '../../server/src/core';

const composeText = 'services:\n  web:\n    image: x\n';

describe('file kinds', () => {
  for (const name of ['compose.yaml', 'compose.yml', 'compose.prod.yaml', 'docker-compose.yml', 'docker-compose.override.yaml', 'podman-compose.yml', 'my-docker-compose.yml', 'dir/sub/compose.yaml']) {
    it(`by name: ${name}`, () => assert.equal(parserFor({ fileName: name }, '')?.kind, 'compose'));
  }
  for (const name of ['cat.yaml', 'hwaccel.yml', 'x.YML']) {
    it(`by content: ${name}`, () => assert.equal(parserFor({ fileName: name }, composeText)?.kind, 'compose'));
  }
  it('language id dockercompose', () => assert.equal(parserFor({ fileName: 'untitled-1', languageId: 'dockercompose' }, '')?.kind, 'compose'));
  it('byContent for any name (the CLI given a file)', () => assert.equal(parserFor({ fileName: 'compose.txt', byContent: true }, composeText)?.kind, 'compose'));
  for (const [name, text] of [
    ['values.yaml', 'image: x\nservices: true\n'],
    ['k8s.yaml', 'apiVersion: v1\nkind: Service\n'],
    ['notes.txt', composeText],
    ['ci.yml', 'jobs:\n  services:\n    x: 1\n'],
  ]) {
    it(`not compose: ${name}`, () => assert.equal(parserFor({ fileName: name }, text), undefined));
  }
});

describe('file kinds: documentation', () => {
  for (const [name, kind] of [
    ['README.md', 'markdown'],
    ['docs/intro.markdown', 'markdown'],
    ['docs/install.mdx', 'markdown'],
    ['docs/usage.rst', 'restructuredtext'],
    ['README.RST', 'restructuredtext'],
  ]) {
    it(`by name: ${name}`, () => assert.equal(parserFor({ fileName: name }, '')?.kind, kind));
  }
  it('language ids mdx and restructuredtext', () => {
    assert.equal(parserFor({ fileName: 'untitled-1', languageId: 'mdx' }, '')?.kind, 'markdown');
    assert.equal(parserFor({ fileName: 'untitled-2', languageId: 'restructuredtext' }, '')?.kind, 'restructuredtext');
  });
  it('not documentation: notes.txt', () => assert.equal(parserFor({ fileName: 'notes.txt' }, '.. code:: sh\n\n   docker run -v ./a:/a x\n'), undefined));
});
