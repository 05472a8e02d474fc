import assert from 'node:assert/strict';
import { AnalysisCache, analyze, ComposeProjects, composeFileLists, parseFile, type ComposeCommand } from '../../../server/src/core';
import { at, lineOf, memoryFiles, projectOptionsOf, projectTexts } from '../../helpers/composeProjects';

/** The compose commands of a script (or a Makefile, by its name) at `dir`, as the shell reader reads them. */
const commandsOf = (text: string, dir = '/repo', fileName = 'run.sh'): ComposeCommand[] => projectOptionsOf(text, dir, fileName);

/** The findings of a compose file of `files`, with the project the commands make; each as rule, line and message. */
function check(files: Map<string, string>, file: string, commands: ComposeCommand[] = []): string[] {
  const text = files.get(file)!;
  const view = new ComposeProjects(memoryFiles(files)).viewFor(file, text, undefined, commands);
  return analyze(text, { fileName: file, project: view }).findings.map((f) => `${f.ruleId} ${lineOf(text, f.span.start)} ${f.message.replace(/ into .*/, '')}`);
}

describe('compose commands: --env-file, --project-directory, COMPOSE_FILE', () => {
  describe('the shell reader', () => {
    it('reads --env-file (repeated, with =), --project-directory and -f, resolved where the command runs', () => {
      const script = [
        'docker compose --env-file ops/prod.env --env-file=ops/secrets.env -f compose.yaml up -d',
        '(cd deploy && podman-compose --project-directory .. --file c.yml run --rm web)',
        'docker-compose --workdir /srv/app up',
      ].join('\n');
      assert.deepEqual(commandsOf(script), [
        { files: ['/repo/compose.yaml'], cwd: '/repo', envFiles: ['/repo/ops/prod.env', '/repo/ops/secrets.env'] },
        { files: ['/repo/deploy/c.yml'], cwd: '/repo/deploy', projectDirectory: '/repo', podmanCompose: true },
        // The subshell's cd is left with it.
        { files: [], cwd: '/repo', projectDirectory: '/srv/app' },
      ]);
    });

    it('reads COMPOSE_FILE and COMPOSE_ENV_FILES from a prefix or an export of the script; -f and --env-file win', () => {
      const script = [
        'export COMPOSE_FILE=compose.yaml:compose.prod.yaml',
        'docker compose up -d',
        'COMPOSE_FILE=a.yml COMPOSE_ENV_FILES=x.env,y.env docker compose up',
        'COMPOSE_FILE=a.yml docker compose -f b.yml --env-file z.env up',
        'COMPOSE_PATH_SEPARATOR=, COMPOSE_FILE=c.yml,d.yml docker compose up',
      ].join('\n');
      assert.deepEqual(commandsOf(script), [
        { files: ['/repo/compose.yaml', '/repo/compose.prod.yaml'], cwd: '/repo' },
        { files: ['/repo/a.yml'], cwd: '/repo', envFiles: ['/repo/x.env', '/repo/y.env'] },
        { files: ['/repo/b.yml'], cwd: '/repo', envFiles: ['/repo/z.env'] },
        { files: ['/repo/c.yml', '/repo/d.yml'], cwd: '/repo' },
      ]);
    });

    it('takes the script\'s own variables, and leaves out values known only at run time, unexported names, and commands that say nothing', () => {
      const script = [
        'ENV_FILE=ops/prod.env',
        'docker compose --env-file "$ENV_FILE" up',
        'docker compose --env-file "$1" up',
        'docker compose --env-file ~/prod.env up',
        'COMPOSE_FILE="$1" docker compose --env-file ops/prod.env up',
        'COMPOSE_FILE=local.yml',
        'docker compose up',
        'echo docker compose --env-file ops/x.env up',
        'docker compose up -d',
      ].join('\n');
      assert.deepEqual(commandsOf(script), [{ files: [], cwd: '/repo', envFiles: ['/repo/ops/prod.env'] }]);
    });

    it('takes the cds before a command, and the script\'s folder as scripts name it', () => {
      const script = [
        '#!/usr/bin/env bash',
        'SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"',
        'ROOT="$SCRIPT_DIR/.."',
        'docker compose -f "$SCRIPT_DIR/compose.yml" --env-file "${ROOT}/ops/prod.env" up -d',
        'cd "$(dirname "$0")/.." || exit 1',
        'docker compose --env-file .env.prod up -d',
        'cd deploy',
        'docker compose -f compose.yml -f "$SCRIPT_DIR/extra.yml" up',
        'if [ -n "$STAGING" ]; then cd staging; fi',
        'docker compose --env-file x.env up',
        'cd /srv/stack && docker compose --project-directory . up',
      ].join('\n');
      assert.deepEqual(commandsOf(script, '/repo/scripts'), [
        { files: ['/repo/scripts/compose.yml'], cwd: '/repo/scripts', envFiles: ['/repo/ops/prod.env'] },
        { files: [], cwd: '/repo', envFiles: ['/repo/.env.prod'] },
        { files: ['/repo/deploy/compose.yml', '/repo/scripts/extra.yml'], cwd: '/repo/deploy' },
        // After a cd only some runs make, the folder is known again only from an absolute cd.
        { files: [], cwd: '/srv/stack', projectDirectory: '/srv/stack' },
      ]);
    });

    it('reads a Makefile\'s variables in a recipe\'s options (anythingthannothing/nestjs-auth-kit: --env-file $(ENV_FILE))', () => {
      const makefile = at('nestjs-auth-kit', 'Makefile');
      const root = at('nestjs-auth-kit', '').replace(/\/$/, '');
      assert.deepEqual(commandsOf(projectTexts('nestjs-auth-kit').get(makefile)!, root, 'Makefile'), [{ files: [], cwd: root, envFiles: [`${root}/.env.development`] }]);
      const written = [
        'export COMPOSE_FILE := compose.yaml:compose.prod.yaml',
        'TWICE = a.env',
        'ifeq ($(CI),true)',
        'TWICE = b.env',
        'endif',
        'LATER = $(shell pwd)/x.env',
        'up:',
        '\tdocker compose up -d',
        '\tdocker compose --env-file $(TWICE) up -d',
        '\tdocker compose --env-file $(LATER) up -d',
      ].join('\n');
      assert.deepEqual(commandsOf(written, '/repo', 'Makefile'), [{ files: ['/repo/compose.yaml', '/repo/compose.prod.yaml'], cwd: '/repo' }]);
      // An exported variable whose value only the run tells: compose reads it, so the command is left out.
      assert.deepEqual(commandsOf('export COMPOSE_FILE = $(shell ls *.yml | paste -sd:)\nup:\n\tdocker compose --env-file ci.env up\n', '/repo', 'Makefile'), []);
    });

    it('reads the same commands from a script an editor reads statement by statement after an edit', () => {
      const before = 'export COMPOSE_FILE=a.yml:b.yml\ndocker compose up\ncd x\ndocker compose --env-file one.env up\n';
      const after = before.replace('one.env', 'two.env').replace('a.yml:b.yml', 'a.yml:c.yml').replace('cd x', 'cd ..') + 'docker compose --project-directory ops up\n';
      const cache = new AnalysisCache();
      // Then lines put in before the cd and after it: the cd's offset moves, the commands stay.
      const moved = after.replace('cd ..', 'echo up\ncd ..\necho in').replace('docker compose up', 'docker  compose up');
      for (const text of [before, after, moved]) {
        const options = { fileName: '/repo/run.sh', cache };
        assert.ok(analyze(text, options).file);
        assert.deepEqual(composeFileLists(parseFile(text, options), '/repo'), composeFileLists(parseFile(text, { fileName: 'run.sh' }), '/repo'));
      }
      assert.deepEqual(commandsOf(moved), commandsOf(after));
      assert.deepEqual(commandsOf(after, '/repo/scripts'), [
        { files: ['/repo/scripts/a.yml', '/repo/scripts/c.yml'], cwd: '/repo/scripts' },
        { files: ['/repo/a.yml', '/repo/c.yml'], cwd: '/repo', envFiles: ['/repo/two.env'] },
        { files: ['/repo/a.yml', '/repo/c.yml'], cwd: '/repo', projectDirectory: '/repo/ops' },
      ]);
    });
  });

  describe('CI files', () => {
    const ciCommands = (text: string, fileName: string, dir: string) => projectOptionsOf(text, dir, fileName);

    it('takes COMPOSE_FILE and COMPOSE_ENV_FILES from a workflow\'s env (workflow, job, step) and a step\'s working-directory', () => {
      const workflow = [
        'on: push',
        'env:',
        '  COMPOSE_FILE: docker-compose.yml:docker-compose.ci.yml',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    env:',
        '      COMPOSE_ENV_FILES: ci.env',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '      - run: docker compose up -d',
        '      - run: docker compose up -d',
        '        working-directory: deploy',
        '        env:',
        '          COMPOSE_FILE: ${{ matrix.files }}',
        '      - run: docker compose -f other.yml up',
        '        working-directory: ${{ inputs.dir }}',
      ].join('\n');
      assert.deepEqual(ciCommands(workflow, 'ci.yml', '/repo/.github/workflows'), [
        // The second step's own COMPOSE_FILE is an expression, the third's folder too: only the run tells.
        { files: ['/repo/docker-compose.yml', '/repo/docker-compose.ci.yml'], cwd: '/repo', envFiles: ['/repo/ci.env'] },
      ]);
    });

    it('takes COMPOSE_FILE from GitLab CI variables (global, then the job\'s)', () => {
      const gitlab = [
        'variables:',
        '  COMPOSE_FILE: docker-compose.yml:docker-compose.ci.yml',
        'test:',
        '  script:',
        '    - docker compose up -d',
        'deploy:',
        '  variables:',
        '    COMPOSE_FILE: docker-compose.yml:docker-compose.deployments.yml',
        '  script:',
        '    - docker compose up -d',
      ].join('\n');
      assert.deepEqual(ciCommands(gitlab, '.gitlab-ci.yml', '/repo'), [
        { files: ['/repo/docker-compose.yml', '/repo/docker-compose.ci.yml'], cwd: '/repo' },
        { files: ['/repo/docker-compose.yml', '/repo/docker-compose.deployments.yml'], cwd: '/repo' },
      ]);
    });
  });

  describe('a real CI workflow (groupsky/homy: docker compose --env-file example.env in its steps)', () => {
    const files = projectTexts('homy');
    const workflow = at('homy', '.github/workflows/infrastructure.yml');
    const compose = at('homy', 'docker-compose.yml');
    // Read in the tests, once the shell grammar is loaded.
    const workflowCommands = () => projectOptionsOf(files.get(workflow)!, workflow.replace(/\/[^/]+$/, ''), workflow);

    it('reads the steps\' commands where they run: the repository root', () => {
      assert.deepEqual(workflowCommands(), [
        { files: [compose], cwd: at('homy', '').replace(/\/$/, ''), envFiles: [at('homy', 'example.env')] },
        { files: [], cwd: at('homy', '').replace(/\/$/, ''), envFiles: [at('homy', 'example.env')] },
      ]);
    });

    it('puts the env file\'s values into the compose file\'s mounts and names where they come from', () => {
      const ingress = (commands: ComposeCommand[]) => check(files, compose, commands).filter((f) => / 1[68] /.test(f));
      // No `.env` in the repository: alone, the variable is unknown.
      assert.deepEqual(ingress([]), ['missing-relabel 18 Bind mount of ${INGRESS_DATA_PATH}']);
      assert.deepEqual(ingress(workflowCommands()), ['missing-relabel 18 Bind mount of ${INGRESS_DATA_PATH} (INGRESS_DATA_PATH=./data/ingress from example.env line 40)']);
    });
  });

  describe('a real script (r0892111/MobileDevelopmentTeam6: finds its folder, cds above it, runs --env-file app/env/.env)', () => {
    const files = projectTexts('mobile-dev-team6');
    const script = at('mobile-dev-team6', 'backend/usefull-scripts/start-docker.sh');
    const compose = at('mobile-dev-team6', 'backend/docker-compose.yml');

    it('runs the command in the folder the cd went to, and takes the env file from there', () => {
      const commands = commandsOf(files.get(script)!, script.replace(/\/[^/]+$/, ''));
      assert.deepEqual(commands, [{ files: [], cwd: at('mobile-dev-team6', 'backend'), envFiles: [at('mobile-dev-team6', 'backend/app/env/.env')] }]);
      const text = files.get(compose)!;
      const alone = new ComposeProjects(memoryFiles(files)).viewFor(compose, text);
      assert.equal(alone.env.get('PRISMA_IP'), undefined);
      const view = new ComposeProjects(memoryFiles(files)).viewFor(compose, text, undefined, commands);
      assert.deepEqual(view.env.get('PRISMA_IP'), { value: '172.20.0.4', file: at('mobile-dev-team6', 'backend/app/env/.env'), line: 11 });
      assert.equal(view.envFile('PRISMA_IP'), 'app/env/.env');
    });
  });

  describe('a real script (honganqi/Attendance-System: --project-directory "$base" --file "$base/docker-compose-dev.yml", base the folder above its own)', () => {
    it('resolves the folder the script names from its own place, and the project takes it', () => {
      const files = projectTexts('attendance-system');
      const script = at('attendance-system', 'helpers/5-docker_compose_dev.sh');
      const compose = at('attendance-system', 'docker-compose-dev.yml');
      const root = at('attendance-system', '').replace(/\/$/, '');
      const commands = commandsOf(files.get(script)!, `${root}/helpers`);
      assert.deepEqual(commands, [{ files: [compose], cwd: `${root}/helpers`, projectDirectory: root }]);
      const view = new ComposeProjects(memoryFiles(files)).viewFor(compose, files.get(compose)!, undefined, commands);
      assert.equal(view.project, root);
      assert.equal(view.workingDir, root);
      // The same script with the project directory it runs in: relative paths then resolve there.
      const [own] = commandsOf(files.get(script)!.replace('--project-directory "$base"', '--project-directory "$SCRIPT_DIR"'), `${root}/helpers`);
      assert.equal(new ComposeProjects(memoryFiles(files)).viewFor(compose, files.get(compose)!, undefined, [own]).workingDir, `${root}/helpers`);
    });

    it('reads the other ways scripts name their folder', () => {
      const script = [
        'SCRIPT_PATH="$(realpath "${BASH_SOURCE[0]}")"',
        'SCRIPT_DIR="$(dirname "$SCRIPT_PATH")"',
        'docker compose -f $SCRIPT_DIR/docker-compose.yml up -d',
        'script_file=`readlink -f "$0"`',
        'script_dir=`dirname "$script_file"`',
        'docker-compose -f "$script_dir/../docker-compose.yaml" up -d',
        'DIR=$( cd -- "$( dirname -- "${BASH_SOURCE[0]}" )" &> /dev/null && pwd )',
        'cd $DIR/../deploy',
        'docker compose --env-file prod.env up',
      ].join('\n');
      assert.deepEqual(commandsOf(script, '/repo/bin'), [
        { files: ['/repo/bin/docker-compose.yml'], cwd: '/repo/bin' },
        { files: ['/repo/docker-compose.yaml'], cwd: '/repo/bin' },
        { files: [], cwd: '/repo/deploy', envFiles: ['/repo/deploy/prod.env'] },
      ]);
    });
  });

  describe('projects', () => {
    const base = () =>
      new Map([
        ['/repo/compose.yaml', 'services:\n  db:\n    image: postgres\n    volumes:\n      - ${DATA}:/var/lib/postgresql/data\n'],
        ['/repo/.env', 'DATA=./data\n'],
        ['/repo/ops/prod.env', '# production\nTZ=UTC\nDATA=/srv/x\n'],
      ]);
    const messages = (files: Map<string, string>, file: string, commands: ComposeCommand[]) => check(files, file, commands).map((f) => f.replace(/^\S+ \d+ /, ''));

    it('--env-file replaces the default .env for the default project the command runs', () => {
      const files = base();
      assert.deepEqual(messages(files, '/repo/compose.yaml', []), ['Bind mount of ${DATA} (DATA=./data from .env line 1)']);
      const prod = commandsOf('docker compose --env-file ops/prod.env up -d');
      assert.deepEqual(messages(files, '/repo/compose.yaml', prod), ['Bind mount of ${DATA} (DATA=/srv/x from ops/prod.env line 3)']);
      // From another folder, the command loads the default files above it: the same project.
      const fromBelow = commandsOf('docker compose --env-file ../ops/prod.env up -d', '/repo/scripts');
      assert.deepEqual(messages(files, '/repo/compose.yaml', fromBelow), ['Bind mount of ${DATA} (DATA=/srv/x from ops/prod.env line 3)']);
    });

    it('a command whose env file is not there loads nothing (compose stops): the default project keeps its .env', () => {
      const files = base();
      const missing = commandsOf('docker compose --env-file ops/staging.env up -d');
      assert.deepEqual(messages(files, '/repo/compose.yaml', missing), ['Bind mount of ${DATA} (DATA=./data from .env line 1)']);
      files.set('/repo/ops/staging.env', 'DATA=/srv/staging\n');
      assert.deepEqual(messages(files, '/repo/compose.yaml', missing), ['Bind mount of ${DATA} (DATA=/srv/staging from ops/staging.env line 1)']);
    });

    it('a command that loads other files leaves a default file its default project', () => {
      const files = base();
      files.set('/repo/compose.prod.yaml', 'services:\n  db:\n    restart: always\n');
      const other = commandsOf('docker compose -f compose.yaml -f compose.prod.yaml --env-file ops/prod.env up');
      assert.deepEqual(messages(files, '/repo/compose.yaml', other), ['Bind mount of ${DATA} (DATA=./data from .env line 1)']);
    });

    it('a single -f names a file no default project loads: its project, with the command\'s env file', () => {
      const files = base();
      files.set('/repo/stack/backup.yml', 'services:\n  backup:\n    image: restic\n    volumes:\n      - ${DATA}:/data:ro\n');
      const alone = messages(files, '/repo/stack/backup.yml', []);
      assert.deepEqual(alone, ['Bind mount of ${DATA}']);
      const run = commandsOf('docker compose -f stack/backup.yml --env-file ops/prod.env run --rm backup');
      assert.deepEqual(messages(files, '/repo/stack/backup.yml', run), ['Bind mount of ${DATA} (DATA=/srv/x from ../ops/prod.env line 3)']);
    });

    it('--project-directory: relative paths and the default .env resolve against it', () => {
      const files = base();
      files.set('/repo/deploy/compose.yml', 'services:\n  app:\n    image: nginx\n    volumes:\n      - ${DATA}/www:/usr/share/nginx/html:Z\n      - ./conf:/etc/nginx/conf.d:Z\n');
      const projects = new ComposeProjects(memoryFiles(files));
      const text = files.get('/repo/deploy/compose.yml')!;
      const alone = projects.viewFor('/repo/deploy/compose.yml', text);
      assert.equal(alone.workingDir, '/repo/deploy');
      assert.equal(alone.env.get('DATA'), undefined);
      const [command] = commandsOf('docker compose --project-directory . -f deploy/compose.yml up');
      const view = projects.viewFor('/repo/deploy/compose.yml', text, undefined, [command]);
      assert.equal(view.workingDir, '/repo');
      assert.equal(view.project, '/repo');
      assert.deepEqual(view.env.get('DATA'), { value: './data', file: '/repo/.env', line: 1 });
    });

    it('COMPOSE_FILE in an env file the command names loads the files it lists together', () => {
      const files = base();
      files.set('/repo/compose.yaml', 'services:\n  db:\n    image: postgres\n    privileged: true\n');
      files.set('/repo/compose.prod.yaml', 'services:\n  db:\n    volumes:\n      - /srv/db:/var/lib/postgresql/data:Z\n');
      files.set('/repo/ops/prod.env', 'COMPOSE_FILE=compose.yaml:compose.prod.yaml\n');
      assert.deepEqual(check(files, '/repo/compose.prod.yaml', []), []);
      const [command] = commandsOf('docker compose --env-file ops/prod.env up -d');
      assert.deepEqual(check(files, '/repo/compose.prod.yaml', [command]).map((f) => f.replace(/,.*/, '')), ['relabel-label-disabled 4 Labeling is off for db (privileged: true in compose.yaml line 4)']);
    });

    it('COMPOSE_FILE exported by the script does the same', () => {
      const files = base();
      files.set('/repo/compose.yaml', 'services:\n  db:\n    image: postgres\n    privileged: true\n');
      files.set('/repo/compose.prod.yaml', 'services:\n  db:\n    volumes:\n      - /srv/db:/var/lib/postgresql/data:Z\n');
      const commands = commandsOf('#!/bin/sh\nexport COMPOSE_FILE=compose.yaml:compose.prod.yaml\ndocker compose pull\ndocker compose up -d\n');
      assert.deepEqual(check(files, '/repo/compose.prod.yaml', commands).map((f) => f.replace(/,.*/, '')), ['relabel-label-disabled 4 Labeling is off for db (privileged: true in compose.yaml line 4)']);
    });
  });
});
