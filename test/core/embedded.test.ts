import assert from 'node:assert/strict';
import { analyze, applyEdits } from '../../server/src/core';

const slice = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);
const found = (text: string, fileName: string): string[][] =>
  analyze(text, { fileName }).findings.map((f) => [f.ruleId, slice(text, f.span)]);

describe('commands embedded in other files', () => {
  describe('Markdown fenced blocks', () => {
    it('sh, bash, shell and console blocks; other blocks and prose are not commands', () => {
      const text = [
        '# App',
        'Run `docker run -v /srv/prose:/x img` is prose.',
        '```sh',
        'docker run -v /srv/a:/a img',
        '```',
        '```bash',
        'podman run \\',
        '  -v /srv/b:/b img',
        '```',
        '```console',
        '$ docker run -v /srv/c:/c img',
        'docker: output line -v /srv/out:/out',
        'user@host:~$ podman run -v /srv/d:/d img',
        '```',
        '```yaml',
        'docker run -v /srv/yaml:/y img',
        '```',
        '',
      ].join('\n');
      assert.deepEqual(found(text, 'README.md'), [
        ['missing-relabel', '/srv/a'],
        ['missing-relabel', '/srv/b'],
        ['missing-relabel', '/srv/c'],
        ['missing-relabel', '/srv/d'],
      ]);
    });

    it('the fix lands in the block', () => {
      const text = 'Try:\n\n```console\n$ docker run -v "$PWD":/src img\n```\n';
      const [f] = analyze(text, { fileName: 'docs/usage.md' }).findings;
      assert.equal(applyEdits(text, f.fixes[0].edits), 'Try:\n\n```console\n$ docker run -v "$PWD":/src:Z img\n```\n');
    });
  });

  describe('Makefile recipes', () => {
    it('recipe lines with make variables and prefixes; variables and other lines are not recipes', () => {
      const text = [
        'IMAGE ?= app',
        'DOCKER_RUN = docker run -v /srv/var:/v img',
        '',
        'test: build',
        '\t@docker run --rm -v $(CURDIR):/src:ro $(IMAGE) make check',
        '\t-podman run -v $(shell pwd)/out:/out $(IMAGE)',
        '\tdocker run -v $$HOME/.cache/app:/cache $(IMAGE)',
        '',
      ].join('\n');
      assert.deepEqual(found(text, 'Makefile'), [
        ['missing-relabel', '$(CURDIR)'],
        ['missing-relabel', '$(shell pwd)/out'],
        ['missing-relabel', '$HOME/.cache/app'],
      ]);
      const [f] = analyze(text, { fileName: 'Makefile' }).findings;
      assert.equal(applyEdits(text, f.fixes[0].edits), text.replace('$(CURDIR):/src:ro', '$(CURDIR):/src:ro,Z'));
    });
  });

  describe('CI YAML', () => {
    it('GitHub Actions run: steps (block, plain, ${{ }} masked)', () => {
      const text = [
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - run: docker run -v /srv/plain:/p img',
        '      - name: tests',
        '        run: |',
        '          podman run --rm \\',
        '            -v ${{ github.workspace }}:/src \\',
        '            img make test',
        '',
      ].join('\n');
      assert.deepEqual(found(text, '.github/workflows/ci.yml'), [
        ['missing-relabel', '/srv/plain'],
        ['missing-relabel', '${{ github.workspace }}'],
      ]);
      const f = analyze(text, { fileName: 'ci.yml' }).findings[1];
      assert.equal(applyEdits(text, f.fixes[0].edits), text.replace('}}:/src', '}}:/src:Z'));
    });

    it('GitLab CI script lines', () => {
      const text = 'before_script:\n  - docker info\ntest:\n  image: docker:27\n  script:\n    - docker run -v "$CI_PROJECT_DIR:/src" img\n    - echo done\n';
      assert.deepEqual(found(text, '.gitlab-ci.yml'), [['missing-relabel', '$CI_PROJECT_DIR']]);
    });
  });
});
