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

  describe('documentation read the way a reader pastes it', () => {
    const fixed = (text: string, fileName: string): string => {
      const fixes = analyze(text, { fileName }).findings.flatMap((f) => f.fixes.filter((x) => x.isPreferred).slice(0, 1));
      return applyEdits(text, fixes.flatMap((f) => f.edits));
    };

    it('untagged and text fences: command lines are read, output and YAML are not', () => {
      const text = [
        '```',
        '$ podman run -v ./a:/a img',
        'Error: statfs /srv/out: no such file or directory -v /srv/out:/out',
        'docker: Error response from daemon: -v /srv/out2:/out',
        '```',
        '```text',
        'sudo docker run -v /srv/b:/b img',
        '```',
        '```',
        'services:',
        '  app:',
        '    volumes:',
        '      - ./c:/c',
        '    command: docker run -v /srv/c:/c img',
        '```',
        '```yaml',
        'docker run -v /srv/yaml:/y img',
        '```',
        '',
      ].join('\n');
      assert.deepEqual(found(text, 'README.md'), [
        ['missing-relabel', './a'],
        ['missing-relabel', '/srv/b'],
      ]);
    });

    it('fences in list items (spaces or a tab), under MkDocs tabs, in blockquotes and GitHub alerts, and ~~~ fences: the fix keeps the prefix', () => {
      const text = [
        '1. Run it:',
        '   ```bash',
        '   docker run -v ./a:/a img',
        '   ```',
        '-\t```sh',
        '\tpodman run -v ./b:/b img',
        '\t```',
        '=== "Linux"',
        '',
        '    ```',
        '    docker run -v ./c:/c img',
        '    ```',
        '> [!NOTE]',
        '> ```sh',
        '> podman run --rm \\',
        '>   -v ./d:/d img',
        '> ```',
        '> > ~~~console',
        '> > $ docker run -v ./e:/e img',
        '> > ~~~',
        '',
      ].join('\n');
      assert.deepEqual(found(text, 'docs/index.md').map(([, s]) => s), ['./a', './b', './c', './d', './e']);
      assert.equal(fixed(text, 'docs/index.md'), text.replace(/(\.\/[a-e]:\/[a-e])/g, '$1:Z'));
    });

    it('a blockquote ends the fence inside it when its markers stop', () => {
      const text = '> ```sh\n> docker run -v ./a:/a img\n\ndocker run -v ./prose:/p img\n';
      assert.deepEqual(found(text, 'README.md'), [['missing-relabel', './a']]);
    });

    it('prompts: $, %, ›, ❯, user@host:~$, [user@host dir]$, (venv) $, PS>, C:\\>, cmd\'s >; # and > only before an engine', () => {
      const lines = [
        '$ docker run -v ./a:/a img',
        '% docker run -v ./b:/b img',
        '› podman run -v ./c:/c img',
        '❯ podman run -v ./d:/d img',
        'user@host:~/src$ docker run -v ./e:/e img',
        '[user@host src]$ podman run -v ./f:/f img',
        '(venv) $ docker run -v ./g:/g img',
        'PS> docker run -v ./h:/h img',
        'C:\\src> docker run -v ./i:/i img',
        '> docker run -v ./j:/j img',
        '# podman run -v ./k:/k img',
        '# note: -v ./not:/a comment',
        'root@host:/# ls -v ./not2:/x',
      ];
      const text = '```console\n' + lines.join('\n') + '\n```\n';
      assert.deepEqual(found(text, 'README.md').map(([, s]) => s), ['./a', './b', './c', './d', './e', './f', './g', './h', './i', './j', './k']);
    });

    it('a sh block is shell, but a session when it has prompts; its # lines are comments', () => {
      const text = '```sh\n# docker run -v ./commented:/c img\ndocker run -v ./a:/a img\n```\n```bash\n$ docker run -v ./b:/b img\nlog line -v ./out:/o\n```\n';
      assert.deepEqual(found(text, 'README.md').map(([, s]) => s), ['./a', './b']);
    });

    it('continuations: "\\ # comment" and "\\ " line ends, comment lines inside, > prompts, PowerShell backticks', () => {
      const text = [
        '```bash',
        'docker run -d \\ # detached',
        '  --name x \\  ',
        '  # the data',
        '  -v ./a:/a \\',
        '  img',
        '```',
        '```console',
        '$ podman run \\',
        '>   -v ./b:/b img',
        '```',
        '```powershell',
        'docker run -d `',
        '  -v ${PWD}/c:/c `',
        '  img',
        '```',
        '',
      ].join('\n');
      assert.deepEqual(found(text, 'README.md').map(([, s]) => s), ['./a', './b', '${PWD}/c']);
      assert.equal(fixed(text, 'README.md'), text.replace('./a:/a', './a:/a:Z').replace('./b:/b', './b:/b:Z').replace('/c:/c', '/c:/c:Z'));
    });

    it('placeholders are host paths, and keep their text in messages; one that names a volume stays a volume', () => {
      const text = [
        '```sh',
        'docker run -v <path to your tree>:/tree -v {{data_dir}}:/data -v %%DIR%%:/d -v "%cd%":/w \\',
        '  -v YOUR_PATH:/y -v your_coco_path/:/coco -v YOUR_CONFIG.YML:/c.yml \\',
        '  -v <fastvol>:/v -v {{ volume_name }}:/n -v my_volume:/m img:<version> > out.log 2>&1',
        '```',
        '',
      ].join('\n');
      const findings = analyze(text, { fileName: 'README.md' }).findings;
      assert.deepEqual(
        findings.map((f) => [f.ruleId, slice(text, f.span)]),
        ['<path to your tree>', '{{data_dir}}', '%%DIR%%', '%cd%', 'YOUR_PATH', 'your_coco_path/', 'YOUR_CONFIG.YML'].map((s) => ['missing-relabel', s]),
      );
      assert.match(findings[0].message, /^Bind mount of <path to your tree> into \/tree /);
      assert.equal(fixed(text, 'README.md'), text.replace(':/tree', ':/tree:Z').replace(':/data', ':/data:Z').replace(':/d ', ':/d:Z ').replace(':/w', ':/w:Z').replace(':/y', ':/y:Z').replace(':/coco', ':/coco:Z').replace(':/c.yml', ':/c.yml:Z'));
    });

    it('code blocks are alternatives: a path in two blocks is not shared, so :Z is kept and preferred', () => {
      const text = '```sh\npodman run -v ./data:/data:Z img\n```\n```sh\npodman run -v ./data:/data img\n```\n';
      const findings = analyze(text, { fileName: 'README.md' }).findings;
      assert.deepEqual(findings.map((f) => f.ruleId), ['missing-relabel']);
      assert.equal(fixed(text, 'README.md'), text.replace('/data img', '/data:Z img'));
    });

    it('containers of one block do share: private-label-shared rewrites that block only', () => {
      const text = '```sh\npodman run -v ./data:/data:Z a\npodman run -v ./data:/data:Z b\n```\n```sh\npodman run -v ./data:/data:Z c\n```\n';
      const findings = analyze(text, { fileName: 'README.md' }).findings;
      assert.deepEqual(findings.map((f) => f.ruleId), ['private-label-shared', 'private-label-shared']);
      assert.equal(applyEdits(text, findings[0].fixes[0].edits), text.replace(/Z a\n/, 'z a\n').replace(/Z b\n/, 'z b\n'));
    });

    it('reStructuredText: code-block, code, prompt (bare or auto) and :: literal blocks; other directives are not commands', () => {
      const text = [
        'Run it::',
        '',
        '    $ docker run -v ./a:/a img',
        '    RUNNING: docker run -v ./out:/out img',
        '',
        '.. code-block:: console',
        '   :caption: Example',
        '',
        '   $ podman run -v ./b:/b img',
        '',
        '.. prompt:: bash $',
        '',
        '   docker run -v ./c:/c img',
        '',
        '.. prompt:: bash host:~$, auto',
        '',
        '   host:~$ docker run -v ./d:/d img',
        '',
        '.. code:: yaml',
        '',
        '   command: docker run -v ./yaml:/y img',
        '',
        '.. note:: docker run -v ./note:/n img',
        '',
      ].join('\n');
      assert.deepEqual(found(text, 'docs/usage.rst').map(([, s]) => s), ['./a', './b', './c', './d']);
      assert.equal(fixed(text, 'docs/usage.rst'), text.replace(/(\.\/[a-d]:\/[a-d])/g, '$1:Z'));
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
      const [f, g] = analyze(text, { fileName: 'Makefile' }).findings;
      assert.equal(applyEdits(text, f.fixes[0].edits), text.replace('$(CURDIR):/src:ro', '$(CURDIR):/src:ro,Z'));
      // The message quotes the Makefile, not the shell the recipe was read as.
      assert.match(f.message, /^Bind mount of \$\(CURDIR\) into \/src /);
      assert.match(g.message, /^Bind mount of \$\(shell pwd\)\/out into \/out /);
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
