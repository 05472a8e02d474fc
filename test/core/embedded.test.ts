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

describe('review regressions', () => {
  it('a Makefile recipe continued with \\ is one command; $$(pwd) is the working directory', () => {
    const text = 'run:\n\tdocker run \\\n\t  -v $$(pwd)/a:/b img\n';
    assert.deepEqual(
      analyze(text, { fileName: 'Makefile' }).findings.map((f) => [slice(text, f.span), f.mount?.source?.path]),
      [['$(pwd)/a', './a']],
    );
  });

  it('a comment line inside a continued RUN does not end the command', () => {
    const text = 'FROM x\nRUN docker run \\\n# the data\n  -v ./a:/b img\n';
    assert.deepEqual(found(text, 'Dockerfile'), [['missing-relabel', './a']]);
  });

  it('devcontainer.json is silenced with a // comment', () => {
    const text = '{\n  "runArgs": ["-v", "/srv/a:/a"]\n}\n';
    const [f] = analyze(text, { fileName: 'devcontainer.json' }).findings;
    const ignored = applyEdits(text, f.fixes[f.fixes.length - 1].edits);
    assert.match(ignored, /^ {2}\/\/ selinux-mounts ignore=missing-relabel$/m);
    assert.deepEqual(analyze(ignored, { fileName: 'devcontainer.json' }).findings, []);
  });

  it('removing a relabel behind a quote leaves no broken quote: no edit is offered', () => {
    const text = 'docker run --privileged -v ./a:/b:"z" img\n';
    const [f] = analyze(text, { fileName: 'run.sh' }).findings;
    assert.equal(f.ruleId, 'relabel-label-disabled');
    assert.deepEqual(f.fixes.map((x) => x.title), ['Ignore relabel-label-disabled on this line']);
  });

  it('a misspelt relabel in a value that does not map onto the file gets no edit', () => {
    const text = "services:\n  web:\n    image: x\n    volumes:\n      - './it''s:/data:rwz'\n";
    const [f] = analyze(text, { fileName: 'compose.yaml' }).findings;
    assert.equal(f.ruleId, 'relabel-ignored');
    assert.deepEqual(f.fixes.filter((x) => !x.suppression), []);
  });

  it('private-label-shared rewrites the mounts of its own path only', () => {
    const text = 'services:\n  a:\n    image: x\n    volumes: [./x:/x:Z, ./y:/y:Z]\n  b:\n    image: x\n    volumes: [./x:/x:Z, ./y:/y:Z]\n';
    const [f] = analyze(text, { fileName: 'compose.yaml' }).findings;
    assert.equal(applyEdits(text, f.fixes[0].edits), text.replace(/\.\/x:\/x:Z/g, './x:/x:z'));
  });
});
