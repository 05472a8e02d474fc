import assert from 'node:assert/strict';
import { analyze, ComposeProjects, composeFileLists } from '../../../server/src/core';
import { at, edit, lineOf, memoryFiles, projectTexts } from '../../helpers/composeProjects';

describe('compose -f lists in scripts and Makefiles', () => {
  it('reads the lists of a real Makefile (burt202/docker-nextjs-typescript), each once', () => {
    const files = projectTexts('docker-nextjs-typescript');
    const dir = at('docker-nextjs-typescript', '');
    assert.deepEqual(composeFileLists(files.get(at('docker-nextjs-typescript', 'Makefile'))!, dir.replace(/\/$/, '')), [
      [at('docker-nextjs-typescript', 'docker-compose.yml'), at('docker-nextjs-typescript', 'docker-compose.prod.yml')],
    ]);
  });

  it('reads every spelling of the option and of the command, and where a cd on the line went', () => {
    const script = [
      'podman-compose -f docker-compose.yml -f docker-compose.integration.yaml run --rm integration_test',
      '\t@sudo docker --context remote compose -p app --file=base.yml -fprod.yml \\',
      '\t  --file "sub dir/c.yml" run --rm web # comment -f x.yml',
      'cd deploy && docker compose -f a.yml -f b.yml up; FOO=1 docker-compose -f \'q.yml\' -f "r.yml" ps | cat',
    ].join('\n');
    assert.deepEqual(composeFileLists(script, '/repo'), [
      ['/repo/docker-compose.yml', '/repo/docker-compose.integration.yaml'],
      ['/repo/base.yml', '/repo/prod.yml', '/repo/sub dir/c.yml'],
      ['/repo/deploy/a.yml', '/repo/deploy/b.yml'],
      // A cd holds for the rest of the line, as in the shell that runs it.
      ['/repo/deploy/q.yml', '/repo/deploy/r.yml'],
    ]);
  });

  it('leaves out one file alone, files known only at run time, and commands that only print the words', () => {
    const script = 'docker compose -f a.yml up\ndocker compose -f $(BASE) -f b.yml up\necho docker compose -f a.yml -f b.yml up\n# docker compose -f a.yml -f b.yml up\n';
    assert.deepEqual(composeFileLists(script, '/repo'), []);
  });

  it('checks a file compose loads only with -f with the files listed before it (labeling off there)', () => {
    const files = projectTexts('docker-nextjs-typescript');
    const base = at('docker-nextjs-typescript', 'docker-compose.yml');
    const prod = at('docker-nextjs-typescript', 'docker-compose.prod.yml');
    const lists = composeFileLists(files.get(at('docker-nextjs-typescript', 'Makefile'))!, base.replace(/\/[^/]+$/, ''));
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
