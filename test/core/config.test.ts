import assert from 'node:assert/strict';
import { analyze, applyEdits, configKeys, defaultSettings, globMatches, parseProjectConfig, rules, type Settings } from '../../server/src/core';
import { listedPath } from '../../server/src/core/projectPaths';

const errorsOf = (text: string): [string, string][] => parseProjectConfig(text).errors.map((e) => [text.slice(e.span.start, e.span.end), e.message]);

describe('project config (.selinux-mounts.yaml): parsing and validation', () => {
  it('every setting, in YAML', () => {
    const text = [
      'rules:',
      '  system-path-mount: off',
      '  missing-relabel: error',
      'ignore: [vendor/, "**/testdata/**"]',
      'preferredRelabel: z',
      'engine: podman',
      'buildEngine: docker',
      'devcontainerEngine: podman',
      'sensitivePaths: [/srv/backup]',
      'sharedPaths: [./media]',
      '',
    ].join('\n');
    assert.deepEqual(parseProjectConfig(text), {
      config: {
        rules: { 'system-path-mount': 'off', 'missing-relabel': 'error' },
        ignore: ['vendor/', '**/testdata/**'],
        preferredRelabel: 'z',
        engine: 'podman',
        buildEngine: 'docker',
        devcontainerEngine: 'podman',
        sensitivePaths: ['/srv/backup'],
        sharedPaths: ['./media'],
      },
      errors: [],
    });
  });
  it('JSON is read the same way', () =>
    assert.deepEqual(parseProjectConfig('{"engine": "docker", "rules": {"missing-relabel": "warning"}}\n').config, { engine: 'docker', rules: { 'missing-relabel': 'warning' } }));
  it('an empty file is an empty config', () => assert.deepEqual(parseProjectConfig(''), { config: {}, errors: [] }));
  it('a comment-only file is an empty config', () => assert.deepEqual(parseProjectConfig('# nothing decided yet\n'), { config: {}, errors: [] }));

  it('each mistake is reported at its place; the valid settings are kept', () => {
    const text = 'rules:\n  missing-relabl: off\n  relabel-ignored: loud\nengnie: podman\nengine: rkt\nignore: vendor\npreferredRelabel: Z\n';
    assert.deepEqual(errorsOf(text), [
      ['missing-relabl', 'unknown rule id "missing-relabl" (selinux-mounts --list-rules)'],
      ['loud', 'rules.relabel-ignored must be one of off, info, warning, error'],
      ['engnie', `unknown setting "engnie"; known: ${configKeys.join(', ')}`],
      ['rkt', 'engine must be one of auto, docker, podman'],
      ['vendor', 'ignore must be a list of paths (strings)'],
    ]);
    assert.deepEqual(parseProjectConfig(text).config, { rules: {}, preferredRelabel: 'Z' });
  });
  it('broken YAML is one error at the place the parser stopped', () => {
    const text = 'rules: {missing-relabel: off\nengine: podman\n';
    const { errors } = parseProjectConfig(text);
    assert.equal(errors.length >= 1, true);
    assert.match(errors[0].message, /^not valid YAML\/JSON: /);
  });
  it('a list at the top is not a config', () => assert.deepEqual(errorsOf('- engine: podman\n').map((e) => e[1]), ['the config must be a mapping of settings (rules, ignore, engine...)']));
  it('binary or huge nesting never throws', () => {
    assert.doesNotThrow(() => parseProjectConfig('\u0000\u0001\u00ff'.repeat(1000)));
    assert.equal(parseProjectConfig('['.repeat(100000)).errors.length, 1);
  });
  it('the rule ids it knows are the registry', () => {
    for (const { meta } of rules) assert.deepEqual(parseProjectConfig(`rules: {${meta.id}: off}`).errors, []);
  });
});

describe('project config: ignore globs', () => {
  const cases: [string, string, boolean][] = [
    ['vendor/', 'vendor/x/compose.yaml', true],
    ['vendor', 'a/vendor/compose.yaml', true],
    ['/vendor', 'a/vendor/compose.yaml', false],
    ['*.sh', 'scripts/deploy.sh', true],
    ['scripts/*.sh', 'scripts/deploy.sh', true],
    ['scripts/*.sh', 'scripts/ci/deploy.sh', false],
    ['scripts/**/*.sh', 'scripts/ci/deploy.sh', true],
    ['scripts/**/*.sh', 'scripts/deploy.sh', true],
    ['**/testdata/**', 'x/testdata/y/compose.yaml', true],
    ['compose.?ml', 'compose.yml', true],
    ['compose.yaml', 'other.yaml', false],
    ['a+b(c)/compose.yaml', 'a+b(c)/compose.yaml', true],
  ];
  for (const [glob, file, expected] of cases) it(`${glob} ${expected ? 'matches' : 'does not match'} ${file}`, () => assert.equal(globMatches(glob, file), expected));
});

describe('project config: listed host paths', () => {
  const cases: [string, string[], string | undefined][] = [
    ['/srv/shared/media', ['/srv/shared'], '/srv/shared'],
    ['/srv/sharedx', ['/srv/shared'], undefined],
    ['./media/', ['./media'], './media'],
    ['media/x', ['./media'], './media'],
    ['./a/../media', ['media'], 'media'],
    ['../up', ['.'], undefined],
    ['./here', ['.'], '.'],
    ['/abs', ['.'], undefined],
  ];
  for (const [p, listed, expected] of cases) it(`${p} in ${listed.join(',')}`, () => assert.equal(listedPath(p, listed), expected));
});

describe('project config settings in the analysis', () => {
  const settings = (s: Partial<Settings>): Settings => ({ ...defaultSettings, ...s });
  const compose = 'services:\n  app:\n    image: x\n    volumes:\n      - ./media:/media\n      - ./db:/var/lib/db\n';
  it('sharedPaths: :z is the preferred fix there, :Z elsewhere', () => {
    const { findings } = analyze(compose, { fileName: 'compose.yaml', settings: settings({ sharedPaths: ['./media'] }) });
    const preferred = findings.map((f) => applyEdits(compose, f.fixes.find((x) => x.isPreferred)!.edits).split('\n')[4 + findings.indexOf(f)]);
    assert.deepEqual(preferred, ['      - ./media:/media:z', '      - ./db:/var/lib/db:Z']);
  });
  it('sensitivePaths: reported like a system path, and never offered a relabel', () => {
    const { findings } = analyze(compose, { fileName: 'compose.yaml', settings: settings({ sensitivePaths: ['./db'] }) });
    assert.deepEqual(findings.map((f) => [f.ruleId, compose.slice(f.span.start, f.span.end)]), [['missing-relabel', './media'], ['system-path-mount', './db']]);
    assert.match(findings[1].message, /listed as sensitive in the project config \(\.\/db\)/);
    assert.ok(!findings[1].fixes.some((f) => f.edits.some((e) => /:[zZ]/.test(e.newText))));
  });
  it('sensitivePaths: a relabel on it is reported as harmful', () => {
    const text = compose.replace('./db:/var/lib/db', './db:/var/lib/db:Z');
    const { findings } = analyze(text, { fileName: 'compose.yaml', settings: settings({ sensitivePaths: ['./db'] }) });
    assert.deepEqual(findings.map((f) => f.ruleId), ['missing-relabel', 'relabel-system-path']);
  });

  describe('engine: what runs commands whose engine the script leaves open', () => {
    const script = '$CONTAINER_ENGINE run --mount type=bind,src=/srv/a,dst=/b img\n';
    const fix = (engine: Settings['engine']): string => {
      const [f] = analyze(script, { fileName: 'run.sh', settings: settings({ engine }) }).findings;
      return applyEdits(script, f.fixes.find((x) => x.isPreferred)!.edits);
    };
    it('auto: the rewrite as -v suits both', () => assert.equal(fix('auto'), '$CONTAINER_ENGINE run -v /srv/a:/b:Z img\n'));
    it('docker: the same rewrite (docker --mount takes no relabel)', () => assert.equal(fix('docker'), '$CONTAINER_ENGINE run -v /srv/a:/b:Z img\n'));
    it('podman: relabel=private on the --mount itself', () => assert.equal(fix('podman'), '$CONTAINER_ENGINE run --mount type=bind,src=/srv/a,dst=/b,relabel=private img\n'));
    it('docker: relabel= on the --mount is rejected', () => {
      const text = '$CONTAINER_ENGINE run --mount type=bind,src=/srv/a,dst=/b,relabel=shared img\n';
      assert.deepEqual(analyze(text, { fileName: 'run.sh', settings: settings({ engine: 'docker' }) }).findings.map((f) => f.ruleId), ['conflicting-relabel']);
      assert.deepEqual(analyze(text, { fileName: 'run.sh', settings: settings({ engine: 'podman' }) }).findings, []);
    });
    it('a script that names its engine is not overridden', () => {
      const text = 'docker run --mount type=bind,src=/srv/a,dst=/b,relabel=shared img\n';
      assert.deepEqual(analyze(text, { fileName: 'run.sh', settings: settings({ engine: 'podman' }) }).findings.map((f) => f.ruleId), ['conflicting-relabel']);
    });
    it('in Makefile recipes and Markdown code blocks too', () => {
      const makefile = 'run:\n\t$(CONTAINER_ENGINE) run --mount type=bind,src=/srv/a,dst=/b img\n';
      const markdown = '```sh\n$CONTAINER_ENGINE run --mount type=bind,src=/srv/a,dst=/b img\n```\n';
      for (const [fileName, text] of [['Makefile', makefile], ['README.md', markdown]]) {
        const preferred = (engine: Settings['engine']) => {
          const [f] = analyze(text, { fileName, settings: settings({ engine }) }).findings;
          return applyEdits(text, f.fixes.find((x) => x.isPreferred)!.edits);
        };
        assert.match(preferred('podman'), /--mount type=bind,src=\/srv\/a,dst=\/b,relabel=private img/, fileName);
        assert.match(preferred('auto'), / run -v \/srv\/a:\/b:Z img/, fileName);
      }
    });
    it('podman: a compose overlay mount (:O) needs no relabel', () => {
      const text = 'services:\n  app:\n    image: x\n    volumes:\n      - ./src:/src:O\n';
      assert.deepEqual(analyze(text, { fileName: 'compose.yaml', settings: settings({ engine: 'podman' }) }).findings, []);
      assert.deepEqual(analyze(text, { fileName: 'compose.yaml' }).findings.map((f) => f.ruleId), ['missing-relabel']);
    });
  });
});
