import assert from 'node:assert/strict';
import { AnalysisCache, analyze, ComposeProjects, composeFileLists, parseFile, type ComposeCommand } from '../../../server/src/core';
import { at, memoryFiles, projectOptionsOf, projectTexts } from '../../helpers/composeProjects';

/** The compose commands of a file at `dir`, by its name: a script, a Makefile, a CI file. */
const commandsOf = (text: string, fileName: string, dir = '/repo'): ComposeCommand[] => projectOptionsOf(text, dir, fileName);
const filesOf = (text: string, fileName: string, dir?: string) => commandsOf(text, fileName, dir).map((c) => c.files);

describe('compose commands assembled from variables, and the CI workspace', () => {
  describe('a command kept in a variable', () => {
    it('a script: a string, an array, a function or an alias holding the command and its options', () => {
      const script = [
        'DC="docker compose -f a.yaml -f b.yaml"',
        '$DC up -d',
        'cmd=(docker compose -f c.yml)',
        'cmd+=(--file d.yml)',
        '"${cmd[@]}" up',
        'dc() { docker compose -f e.yml "$@"; }',
        'dc up',
      ].join('\n');
      assert.deepEqual(filesOf(script, 'run.sh'), [['/repo/a.yaml', '/repo/b.yaml'], ['/repo/c.yml', '/repo/d.yml'], ['/repo/e.yml']]);
    });

    it('a Makefile: a variable holding a compose command and its project options, used as a recipe\'s command; one that goes on to a subcommand stands for nothing', () => {
      const makefile = [
        'COMPOSE = docker compose',
        'PROD := sudo docker-compose -f compose.yml -f compose.prod.yml -p shop',
        'RUNNER = docker compose -f x.yml run --rm -v ./data:/data app',
        'up:',
        '\t$(COMPOSE) --env-file ops/dev.env up -d',
        '\t@$(PROD) up -d',
        '\t$(RUNNER) sh',
      ].join('\n');
      const commands = commandsOf(makefile, 'Makefile');
      assert.deepEqual(commands, [
        { files: [], cwd: '/repo', envFiles: ['/repo/ops/dev.env'] },
        { files: ['/repo/compose.yml', '/repo/compose.prod.yml'], cwd: '/repo', projectName: 'shop' },
      ]);
    });

    it('a real Makefile (Techondorius/heltra_gmo: DOCKER=docker compose, $(DOCKER) -f ./compose.dev.yml up) runs the file it names', () => {
      const files = projectTexts('heltra-gmo');
      const dir = at('heltra-gmo', '').replace(/\/$/, '');
      const commands = commandsOf(files.get(at('heltra-gmo', 'Makefile'))!, 'Makefile', dir);
      // `$(DOCKER) down` and `up` name nothing: the default project, as without the Makefile.
      assert.deepEqual(commands, [{ files: [at('heltra-gmo', 'compose.dev.yml')], cwd: dir }]);
      const file = at('heltra-gmo', 'compose.dev.yml');
      const view = (lists: ComposeCommand[]) => new ComposeProjects(memoryFiles(files)).viewFor(file, files.get(file)!, undefined, lists);
      const made = view(composeFileLists(parseFile(files.get(at('heltra-gmo', 'Makefile'))!, { fileName: 'Makefile' }), dir));
      // The file is checked in the Makefile's project (its key changes with the command), which holds it alone.
      assert.equal(made.project, dir);
      assert.deepEqual(made.contributions, []);
      assert.notEqual(made.key, view([]).key);
    });

    it('a Makefile variable that names others set once: at use for `=`, before it for `:=`', () => {
      const makefile = [
        'DIR = srcs',
        'DC = docker compose -f $(DIR)/docker-compose.yml -p ${NAME}',
        'EARLY := docker compose -f $(LATE)',
        'NAME := shop',
        'LATE = late.yml',
        'up:',
        '\t$(DC) up -d',
        '\t$(EARLY) up -d',
      ].join('\n');
      assert.deepEqual(commandsOf(makefile, 'Makefile'), [{ files: ['/repo/srcs/docker-compose.yml'], cwd: '/repo', projectName: 'shop' }]);
    });

    it('leaves out a Makefile variable set twice or to a value only the run tells; one the recipe\'s shell sets is read as in a script', () => {
      const makefile = [
        'ifeq ($(CI),true)',
        'COMPOSE = docker compose -f ci.yml',
        'else',
        'COMPOSE = docker compose -f dev.yml',
        'endif',
        'DC = docker compose -f $(FILE)',
        'up:',
        '\t$(COMPOSE) up',
        '\t$(DC) up',
        '\tDC="docker compose -f shell.yml"; $$DC up',
      ].join('\n');
      assert.deepEqual(filesOf(makefile, 'Makefile'), [['/repo/shell.yml']]);
    });

    it('a Makefile read again after an edit gives the same commands', () => {
      const before = 'COMPOSE = docker compose -f a.yml\nup:\n\t$(COMPOSE) up\n';
      const after = before.replace('a.yml', 'b.yml');
      const cache = new AnalysisCache();
      for (const text of [before, after]) {
        assert.ok(analyze(text, { fileName: '/repo/Makefile', cache }).file);
        assert.deepEqual(composeFileLists(parseFile(text, { fileName: '/repo/Makefile', cache }), '/repo'), composeFileLists(parseFile(text, { fileName: 'Makefile' }), '/repo'));
      }
    });
  });

  describe('the CI workspace', () => {
    it('GitHub Actions: $GITHUB_WORKSPACE and ${{ github.workspace }} are the repository root, in a cd, a path and a working-directory', () => {
      const workflow = [
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: [self-hosted, linux]',
        '    steps:',
        '      - run: docker compose -f $GITHUB_WORKSPACE/deploy/compose.yaml up -d',
        '      - run: cd ${{ github.workspace }}/sub && docker compose -f c.yml up',
        '      - run: docker compose -f ${{github.workspace}}/a.yml -f b.yml up',
        '        working-directory: deploy',
        '      - run: |',
        '          cd "$GITHUB_WORKSPACE/ops"',
        '          docker compose --env-file prod.env up',
        '        working-directory: ${{ github.workspace }}/x',
        '      - run: docker compose -f d.yml up',
        '        working-directory: ${{ github.workspace }}',
        '      - run: docker compose -f e.yml up',
        '        working-directory: ${{ inputs.dir }}',
      ].join('\n');
      assert.deepEqual(commandsOf(workflow, 'ci.yml', '/repo/.github/workflows'), [
        { files: ['/repo/deploy/compose.yaml'], cwd: '/repo' },
        { files: ['/repo/sub/c.yml'], cwd: '/repo/sub' },
        // The step starts in deploy; the workspace is still the root.
        { files: ['/repo/a.yml', '/repo/deploy/b.yml'], cwd: '/repo/deploy' },
        { files: [], cwd: '/repo/ops', envFiles: ['/repo/ops/prod.env'] },
        { files: ['/repo/d.yml'], cwd: '/repo' },
      ]);
    });

    it('the workspace in COMPOSE_FILE and COMPOSE_ENV_FILES, from env: or a prefix', () => {
      const workflow = [
        'on: push',
        'env:',
        '  COMPOSE_FILE: ${{ github.workspace }}/ci/compose.yml:extra.yml',
        'jobs:',
        '  test:',
        '    runs-on: [self-hosted]',
        '    steps:',
        '      - run: docker compose up -d',
        '        working-directory: deploy',
        '      - run: COMPOSE_ENV_FILES=$GITHUB_WORKSPACE/ci/ci.env docker compose -f a.yml up',
        '      - run: docker compose up -d',
        '        env:',
        '          COMPOSE_FILE: ${{ github.workspace }}/${{ matrix.file }}',
      ].join('\n');
      assert.deepEqual(commandsOf(workflow, 'ci.yml', '/repo/.github/workflows'), [
        { files: ['/repo/ci/compose.yml', '/repo/deploy/extra.yml'], cwd: '/repo/deploy' },
        { files: ['/repo/a.yml'], cwd: '/repo', envFiles: ['/repo/ci/ci.env'] },
      ]);
      const gitlab = 'variables:\n  COMPOSE_FILE: $CI_PROJECT_DIR/a.yml:${CI_PROJECT_DIR}/b.yml\ntest:\n  script:\n    - cd sub && docker compose up -d\n';
      assert.deepEqual(commandsOf(gitlab, '.gitlab-ci.yml'), [{ files: ['/repo/a.yml', '/repo/b.yml'], cwd: '/repo/sub' }]);
    });

    it('GitLab CI: $CI_PROJECT_DIR is the repository root', () => {
      const gitlab = 'test:\n  script:\n    - docker compose -f $CI_PROJECT_DIR/ci/compose.yml up\n    - cd sub\n    - docker compose --env-file ${CI_PROJECT_DIR}/e.env up\n';
      assert.deepEqual(commandsOf(gitlab, '.gitlab-ci.yml'), [
        { files: ['/repo/ci/compose.yml'], cwd: '/repo' },
        { files: [], cwd: '/repo/sub', envFiles: ['/repo/e.env'] },
      ]);
    });

    describe('a script of its own that a CI job runs', () => {
      /** A repository at /repo (its `.git` folder's HEAD, or a worktree's `.git` file) with a script in `scripts/`. */
      const disk = (git = '/repo/.git/HEAD') => memoryFiles(new Map([[git, 'ref: refs/heads/main\n']]));
      const lists = (text: string, files = disk()) => composeFileLists(parseFile(text, { fileName: 'ci.sh' }), '/repo/scripts', '/repo/scripts/ci.sh', files).map(({ startsContainers: _, script: __, ...c }) => c);

      it('$GITHUB_WORKSPACE and ${GITHUB_WORKSPACE} are the repository root: the nearest folder above the script holding .git', () => {
        const script = [
          '#! /bin/bash -e',
          'docker compose -f $GITHUB_WORKSPACE/docker-compose.test.yml down',
          'docker compose -f "${GITHUB_WORKSPACE}/deploy/compose.yml" -f ../ci.yml --env-file "$GITHUB_WORKSPACE/ci.env" up -d',
          'docker compose --project-directory "$GITHUB_WORKSPACE" -f compose.yml up',
          'cd "$GITHUB_WORKSPACE/deploy"',
          'docker compose -f compose.prod.yml -p ci up -d',
        ].join('\n');
        const expected = [
          { files: ['/repo/docker-compose.test.yml'], cwd: '/repo/scripts' },
          { files: ['/repo/deploy/compose.yml', '/repo/ci.yml'], cwd: '/repo/scripts', envFiles: ['/repo/ci.env'] },
          { files: ['/repo/scripts/compose.yml'], cwd: '/repo/scripts', projectDirectory: '/repo' },
          { files: ['/repo/deploy/compose.prod.yml'], cwd: '/repo/deploy', projectName: 'ci' },
        ];
        assert.deepEqual(lists(script), expected);
        // A worktree or submodule: `.git` is a file.
        assert.deepEqual(lists(script, disk('/repo/.git')), expected);
        assert.deepEqual(lists(script.replace(/\$\{?GITHUB_WORKSPACE\}?/g, '$CI_PROJECT_DIR')), expected);
      });

      it('no .git above the script, or no disk to ask: the commands with such a path are left out, the others kept', () => {
        const script = 'docker compose -f $GITHUB_WORKSPACE/a.yml up\ndocker compose -f b.yml up\n';
        assert.deepEqual(lists(script, memoryFiles(new Map())), [{ files: ['/repo/scripts/b.yml'], cwd: '/repo/scripts' }]);
        assert.deepEqual(projectOptionsOf(script, '/repo/scripts', 'ci.sh'), [{ files: ['/repo/scripts/b.yml'], cwd: '/repo/scripts' }]);
      });

      it('a script that sets GITHUB_WORKSPACE itself means its own value', () => {
        assert.deepEqual(lists('GITHUB_WORKSPACE=/srv/app\ndocker compose -f $GITHUB_WORKSPACE/a.yml up\n'), [{ files: ['/srv/app/a.yml'], cwd: '/repo/scripts' }]);
      });

      it('the script\'s project is the one its compose file is checked with (a real compose file: the homy fixture)', () => {
        const files = projectTexts('homy');
        const root = at('homy', '');
        files.set(`${root}/.git/HEAD`, 'ref: refs/heads/main\n');
        const script = 'docker compose --env-file "$GITHUB_WORKSPACE/example.env" -f "$GITHUB_WORKSPACE/docker-compose.yml" up -d\n';
        const commands = composeFileLists(parseFile(script, { fileName: 'deploy.sh' }), `${root}/scripts/ci`, `${root}/scripts/ci/deploy.sh`, memoryFiles(files));
        assert.deepEqual(commands.map((c) => [c.files, c.envFiles]), [[[`${root}/docker-compose.yml`], [`${root}/example.env`]]]);
        const compose = `${root}/docker-compose.yml`;
        const messages = (withCommands: ComposeCommand[]) => {
          const view = new ComposeProjects(memoryFiles(files)).viewFor(compose, files.get(compose)!, undefined, withCommands);
          return analyze(files.get(compose)!, { fileName: compose, project: view }).findings.map((f) => f.message).join('\n');
        };
        // example.env tells ${INGRESS_DATA_PATH} (./data/ingress) only through the script's --env-file.
        assert.match(messages(commands), /\.\/data\/ingress/);
        assert.doesNotMatch(messages([]), /\.\/data\/ingress/);
      });
    });

    it('a mount naming the workspace keeps its text as written in messages', () => {
      const workflow = 'on: push\njobs:\n  t:\n    runs-on: [self-hosted]\n    steps:\n      - run: docker run -v ${{ github.workspace }}:/src:z alpine ls\n';
      const sources = analyze(workflow, { fileName: 'ci.yml' }).file?.runs.flatMap((r) => r.mounts.map((m) => m.source?.text));
      assert.deepEqual(sources, ['${{ github.workspace }}']);
    });
  });
});
