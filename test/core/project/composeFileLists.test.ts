import assert from 'node:assert/strict';
import { AnalysisCache, analyze, ComposeProjects, composeFileLists, parseFile } from '../../../server/src/core';
import { at, edit, lineOf, memoryFiles, projectTexts } from '../../helpers/composeProjects';

/** The `-f` lists of a script (or a Makefile, by its name) at `dir`, as the shell reader reads them. */
const listsOf = (text: string, dir: string, fileName = 'run.sh'): string[][] => composeFileLists(parseFile(text, { fileName }), dir).map((c) => c.files);

describe('compose -f lists in scripts and Makefiles', () => {
  it('reads the lists of a real Makefile (burt202/docker-nextjs-typescript), each once', () => {
    const files = projectTexts('docker-nextjs-typescript');
    const dir = at('docker-nextjs-typescript', '');
    assert.deepEqual(listsOf(files.get(at('docker-nextjs-typescript', 'Makefile'))!, dir.replace(/\/$/, ''), 'Makefile'), [
      [at('docker-nextjs-typescript', 'docker-compose.yml'), at('docker-nextjs-typescript', 'docker-compose.prod.yml')],
    ]);
  });

  it('reads every spelling of the option and of the command, and where a cd on the line went', () => {
    const script = [
      'podman-compose -f docker-compose.yml -f docker-compose.integration.yaml run --rm integration_test',
      'cd deploy && docker compose -f a.yml -f b.yml up; FOO=1 docker-compose -f \'q.yml\' -f "r.yml" ps | cat',
    ].join('\n');
    const makefile = [
      'prod:',
      '\t@sudo docker --context remote compose -p app --file=base.yml -fprod.yml \\',
      '\t  --file "sub dir/c.yml" run --rm web # comment -f x.yml',
    ].join('\n');
    const [integration, ...cds] = listsOf(script, '/repo');
    assert.deepEqual([integration, ...listsOf(makefile, '/repo', 'Makefile'), ...cds], [
      ['/repo/docker-compose.yml', '/repo/docker-compose.integration.yaml'],
      ['/repo/base.yml', '/repo/prod.yml', '/repo/sub dir/c.yml'],
      ['/repo/deploy/a.yml', '/repo/deploy/b.yml'],
      // A cd holds for the rest of the line, as in the shell that runs it.
      ['/repo/deploy/q.yml', '/repo/deploy/r.yml'],
    ]);
  });

  it('reads one file alone, and leaves out files known only at run time, and commands that only print the words', () => {
    const script = 'docker compose -f a.yml up\ndocker compose -f $(BASE) -f b.yml up\necho docker compose -f a.yml -f b.yml up\n# docker compose -f a.yml -f b.yml up\n';
    assert.deepEqual(listsOf(script, '/repo'), [['/repo/a.yml']]);
  });

  it('reads the same lists from a script an editor reads statement by statement after an edit', () => {
    const before = 'cd deploy && docker compose -f a.yml -f b.yml up\nsudo env X=1 docker-compose -f c.yml -f d.yml build\n';
    const after = before.replace('d.yml build', 'e.yml build') + 'podman compose --file f.yml --file=g.yml config\n';
    const cache = new AnalysisCache();
    for (const text of [before, after]) {
      const options = { fileName: '/repo/run.sh', cache };
      assert.ok(analyze(text, options).file);
      assert.deepEqual(composeFileLists(parseFile(text, options), '/repo').map((c) => c.files), listsOf(text, '/repo'));
    }
    // The top-level `cd` holds for the rest of the script, as in the shell that runs it.
    assert.deepEqual(listsOf(after, '/repo'), [
      ['/repo/deploy/a.yml', '/repo/deploy/b.yml'],
      ['/repo/deploy/c.yml', '/repo/deploy/e.yml'],
      ['/repo/deploy/f.yml', '/repo/deploy/g.yml'],
    ]);
  });

  it('checks a file compose loads only with -f with the files listed before it (labeling off there)', () => {
    const files = projectTexts('docker-nextjs-typescript');
    const base = at('docker-nextjs-typescript', 'docker-compose.yml');
    const prod = at('docker-nextjs-typescript', 'docker-compose.prod.yml');
    const lists = composeFileLists(parseFile(files.get(at('docker-nextjs-typescript', 'Makefile'))!, { fileName: 'Makefile' }), base.replace(/\/[^/]+$/, ''));
    edit(files, prod, '    command: npm run start\n', '    command: npm run start\n    volumes:\n      - ./:/usr/src/app:Z\n');
    edit(files, base, '      - ./:/usr/src/app\n', '      - ./:/usr/src/app:Z\n');
    const check = (file: string, withLists: boolean) => {
      const text = files.get(file)!;
      const view = new ComposeProjects(memoryFiles(files)).viewFor(file, text, undefined, withLists ? lists : []);
      return analyze(text, { fileName: file, project: view }).findings.map((f) => `${f.ruleId} ${lineOf(text, f.span.start)}`);
    };
    // Alone, the prod file is a project of its own; with the Makefile's list, app is one container
    // with the base's mount: the same folder twice in one container is no sharing either.
    assert.deepEqual(check(prod, false), []);
    assert.deepEqual(check(prod, true), []);
    edit(files, base, '    command: npm run dev\n', '    command: npm run dev\n    privileged: true\n');
    assert.deepEqual(check(prod, false), []);
    assert.deepEqual(check(prod, true), ['relabel-label-disabled 9']);
  });
});
