import assert from 'node:assert/strict';
import { analyze, ComposeProjects, composeFileLists, parseFile, type ComposeCommand } from '../../../server/src/core';
import { at, edit, lineOf, memoryFiles, projectOptionsOf, projectTexts } from '../../helpers/composeProjects';

/** The compose commands of a script (a Makefile or CI file, by its name) at `dir`. */
const commandsOf = (text: string, dir = '/repo', fileName = 'run.sh'): ComposeCommand[] => composeFileLists(parseFile(text, { fileName }), dir, `${dir}/${fileName}`);

/** The findings of a compose file with the project the commands make: rule, line, message up to its first sentence. */
function check(files: Map<string, string>, file: string, commands: ComposeCommand[] = []): string[] {
  const text = files.get(file)!;
  const view = new ComposeProjects(memoryFiles(files)).viewFor(file, text, undefined, commands);
  return analyze(text, { fileName: file, project: view }).findings.map((f) => `${f.ruleId} ${lineOf(text, f.span.start)} ${f.message.replace(/ (?:into|but) .*/, '')}`);
}

const compose = (mount: string, extra = '') => `${extra}services:\n  db:\n    image: postgres\n    volumes:\n      - ${mount}\n`;

describe('compose commands: the project name and COMPOSE_DISABLE_ENV_FILE', () => {
  describe('the shell reader', () => {
    it('reads -p and --project-name, else COMPOSE_PROJECT_NAME of the command\'s environment; a name only the run tells is null', () => {
      const script = [
        'docker compose -p app up -d',
        'docker compose --project-name=staging -f compose.yaml up',
        'NAME=prod',
        'docker-compose -p "$NAME" up',
        'docker compose -p "$1" up',
        'COMPOSE_PROJECT_NAME=ci docker compose up',
        'COMPOSE_PROJECT_NAME=ci docker compose -p web up',
      ].join('\n');
      assert.deepEqual(projectOptionsOf(script, '/repo', 'run.sh'), [
        { files: [], cwd: '/repo', projectName: 'app' },
        { files: ['/repo/compose.yaml'], cwd: '/repo', projectName: 'staging' },
        { files: [], cwd: '/repo', projectName: 'prod' },
        { files: [], cwd: '/repo', projectName: null },
        { files: [], cwd: '/repo', projectName: 'ci' },
        { files: [], cwd: '/repo', projectName: 'web' },
      ]);
      assert.deepEqual(commandsOf(script).map((c) => c.script), Array(6).fill('/repo/run.sh'));
    });

    it('takes COMPOSE_PROJECT_NAME from an export, a Makefile, a workflow\'s env and GitLab variables', () => {
      const names = (text: string, fileName: string, dir = '/repo') => commandsOf(text, dir, fileName).map((c) => c.projectName);
      assert.deepEqual(names('export COMPOSE_PROJECT_NAME=shop\ndocker compose up\n', 'run.sh'), ['shop']);
      assert.deepEqual(names('export COMPOSE_PROJECT_NAME := shop\nNAME = web\nup:\n\tdocker compose up\n\tdocker compose -p $(NAME) up\n', 'Makefile'), ['shop', 'web']);
      // A make variable reaches the recipe's environment only when exported.
      assert.deepEqual(names('COMPOSE_PROJECT_NAME = shop\nup:\n\tdocker compose up\n', 'Makefile'), []);
      assert.deepEqual(names('.EXPORT_ALL_VARIABLES:\nCOMPOSE_PROJECT_NAME = shop\nup:\n\tdocker compose up\n', 'Makefile'), ['shop']);
      const workflow = 'on: push\nenv:\n  COMPOSE_PROJECT_NAME: ci\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker compose up -d\n      - run: docker compose up -d\n        env:\n          COMPOSE_PROJECT_NAME: ci-${{ github.run_id }}\n';
      assert.deepEqual(names(workflow, 'ci.yml', '/repo/.github/workflows'), ['ci', null]);
      assert.deepEqual(names('variables:\n  COMPOSE_PROJECT_NAME: gl\ntest:\n  script:\n    - docker compose up -d\n', '.gitlab-ci.yml'), ['gl']);
    });

    it('takes COMPOSE_PROJECT_NAME from env and sudo, from declare -x and after set -a, as the shell hands it to compose', () => {
      const names = (text: string) => commandsOf(text).map((c) => c.projectName);
      assert.deepEqual(names('env COMPOSE_PROJECT_NAME=ci docker compose -f a.yml up'), ['ci']);
      assert.deepEqual(names('sudo -E COMPOSE_PROJECT_NAME=ci docker compose -f a.yml up'), ['ci']);
      assert.deepEqual(names('COMPOSE_PROJECT_NAME=outer env COMPOSE_PROJECT_NAME=inner docker compose -f a.yml up'), ['inner']);
      assert.deepEqual(names('declare -x COMPOSE_PROJECT_NAME=shop\ndocker compose up'), ['shop']);
      assert.deepEqual(names('typeset -x COMPOSE_PROJECT_NAME=shop\ndocker compose up'), ['shop']);
      assert.deepEqual(names('set -a\nCOMPOSE_PROJECT_NAME=shop\nset +a\ndocker compose up'), ['shop']);
      assert.deepEqual(names('set -o allexport\nCOMPOSE_PROJECT_NAME=shop\ndocker compose up'), ['shop']);
      // Set but not exported: compose does not see it.
      assert.deepEqual(names('COMPOSE_PROJECT_NAME=shop\ndocker compose up'), []);
      assert.deepEqual(names('set +a\nCOMPOSE_PROJECT_NAME=shop\ndocker compose up'), []);
    });

    it('sudo starts the command in a new environment (env_reset) unless -E or --preserve-env keeps it; env -i starts from none', () => {
      const names = (text: string) => commandsOf(text).map((c) => c.projectName);
      assert.deepEqual(names('export COMPOSE_PROJECT_NAME=shop\nsudo docker compose -f a.yml up'), [undefined]);
      assert.deepEqual(names('COMPOSE_PROJECT_NAME=shop sudo docker compose -f a.yml up'), [undefined]);
      assert.deepEqual(names('export COMPOSE_PROJECT_NAME=shop\nsudo -E docker compose -f a.yml up'), ['shop']);
      assert.deepEqual(names('export COMPOSE_PROJECT_NAME=shop\nsudo --preserve-env=COMPOSE_PROJECT_NAME,PATH docker compose -f a.yml up'), ['shop']);
      assert.deepEqual(names('export COMPOSE_PROJECT_NAME=shop\nsudo --preserve-env=PATH docker compose -f a.yml up'), [undefined]);
      assert.deepEqual(names('export COMPOSE_PROJECT_NAME=shop\nenv -i PATH=/usr/bin docker compose -f a.yml up'), [undefined]);
      // The files too: an exported COMPOSE_FILE does not reach a command sudo starts.
      assert.deepEqual(commandsOf('export COMPOSE_FILE=a.yml:b.yml\nsudo docker compose up\nsudo -E docker compose up').map((c) => c.files), [['/repo/a.yml', '/repo/b.yml']]);
    });

    it('an empty -p is none (compose-go), and a name exported twice, or to a value only the run tells, is unknown', () => {
      const names = (text: string) => commandsOf(text).map((c) => c.projectName);
      assert.deepEqual(names('COMPOSE_PROJECT_NAME=ci docker compose -p "" -f a.yml up'), ['ci']);
      assert.deepEqual(names('export COMPOSE_PROJECT_NAME=a\ndocker compose -f a.yml up\nexport COMPOSE_PROJECT_NAME=b\ndocker compose -f b.yml up'), [null, null]);
      assert.deepEqual(names('export COMPOSE_PROJECT_NAME="$(basename "$PWD")"\ndocker compose up'), [null]);
    });

    it('reads COMPOSE_DISABLE_ENV_FILE as Go\'s ParseBool does; a value that is no boolean, or known only at run time, leaves the command out', () => {
      const script = [
        'COMPOSE_DISABLE_ENV_FILE=1 docker compose up',
        'COMPOSE_DISABLE_ENV_FILE=True docker compose -f a.yml up',
        'COMPOSE_DISABLE_ENV_FILE=false docker compose -f b.yml up',
        'COMPOSE_DISABLE_ENV_FILE=yes docker compose -f c.yml up',
        'COMPOSE_DISABLE_ENV_FILE="$X" docker compose -f d.yml up',
      ].join('\n');
      assert.deepEqual(commandsOf(script).map(({ files, disableEnvFile }) => ({ files, disableEnvFile })), [
        { files: [], disableEnvFile: true },
        { files: ['/repo/a.yml'], disableEnvFile: true },
        { files: ['/repo/b.yml'], disableEnvFile: undefined },
      ]);
    });
  });

  describe('${COMPOSE_PROJECT_NAME} in a mount', () => {
    const files = () => new Map([['/repo/My App/compose.yaml', compose('/srv/${COMPOSE_PROJECT_NAME}/db:/var/lib/postgresql/data')]]);
    const file = '/repo/My App/compose.yaml';

    it('is the project folder\'s name, normalised as compose-go does, without a command', () => {
      assert.deepEqual(check(files(), file), ['missing-relabel 5 Bind mount of /srv/${COMPOSE_PROJECT_NAME}/db (COMPOSE_PROJECT_NAME=myapp from the project folder\'s name)']);
    });

    it('is the top-level name: of the compose file, then COMPOSE_PROJECT_NAME of the .env, then the command\'s -p', () => {
      const set = files();
      set.set(file, compose('/srv/${COMPOSE_PROJECT_NAME}/db:/var/lib/postgresql/data', 'name: "Shop_${STAGE:-dev}" # the project\n'));
      assert.deepEqual(check(set, file), ['missing-relabel 6 Bind mount of /srv/${COMPOSE_PROJECT_NAME}/db (COMPOSE_PROJECT_NAME=shop_dev from name: in compose.yaml line 1)']);
      set.set('/repo/My App/.env', 'STAGE=prod\nCOMPOSE_PROJECT_NAME=env-name\n');
      assert.deepEqual(check(set, file), ['missing-relabel 6 Bind mount of /srv/${COMPOSE_PROJECT_NAME}/db (COMPOSE_PROJECT_NAME=env-name from .env line 2)']);
      const commands = commandsOf('cd "My App" && docker compose -p blue up -d');
      assert.deepEqual(check(set, file, commands), ['missing-relabel 6 Bind mount of /srv/${COMPOSE_PROJECT_NAME}/db (COMPOSE_PROJECT_NAME=blue from the command in ../run.sh)']);
    });

    it('stays unknown when only the run tells it; a name compose refuses (-p Blue) loads nothing from that command', () => {
      const dynamic = commandsOf('cd "My App" && docker compose -p "$1" up -d');
      assert.deepEqual(check(files(), file, dynamic), ['missing-relabel 5 Bind mount of /srv/${COMPOSE_PROJECT_NAME}/db']);
      const refused = commandsOf('cd "My App" && docker compose -p Blue up -d');
      assert.deepEqual(check(files(), file, refused), check(files(), file));
    });
  });

  describe('podman-compose, which names projects its own way', () => {
    it('takes -p as given, and strips other names to [-_a-z0-9] (manaphp/app-admin: appXdev is appdev)', () => {
      const files = projectTexts('manaphp-app-admin');
      const file = at('manaphp-app-admin', 'docker/docker-compose.yml');
      const dir = at('manaphp-app-admin', '').replace(/\/$/, '');
      const logs = (commands: ComposeCommand[]) => check(files, file, commands).filter((f) => f.includes('nginx/log'));
      assert.deepEqual(logs(commandsOf('cd docker && podman-compose up -d', dir)), [
        'missing-relabel 18 Bind mount of /data/volumes/${COMPOSE_PROJECT_NAME}/admin/nginx/log (COMPOSE_PROJECT_NAME=appdev from .env line 1)',
      ]);
      assert.deepEqual(logs(commandsOf('cd docker && podman-compose -p AppX up -d', dir)), [
        'missing-relabel 18 Bind mount of /data/volumes/${COMPOSE_PROJECT_NAME}/admin/nginx/log (COMPOSE_PROJECT_NAME=AppX from the command in ../run.sh)',
      ]);
    });
  });

  describe('one project run under several names', () => {
    const files = () => new Map([['/repo/compose.yaml', compose('/srv/db:/var/lib/postgresql/data:Z')]]);

    it('two names are two sets of containers: a :Z mount is taken from one by the other', () => {
      const commands = commandsOf('docker compose -p staging up -d\ndocker compose -p prod up -d\n');
      assert.deepEqual(check(files(), '/repo/compose.yaml'), []);
      assert.deepEqual(check(files(), '/repo/compose.yaml', commands), ['private-label-shared 5 /srv/db is mounted by 2 containers (db, db (-p prod, run.sh))']);
    });

    it('the same name twice, or a path holding the name, shares nothing', () => {
      assert.deepEqual(check(files(), '/repo/compose.yaml', commandsOf('docker compose -p prod up -d\ndocker compose -p prod restart\n')), []);
      const named = new Map([['/repo/compose.yaml', compose('/srv/${COMPOSE_PROJECT_NAME}/db:/var/lib/postgresql/data:Z')]]);
      assert.deepEqual(check(named, '/repo/compose.yaml', commandsOf('docker compose -p staging up -d\ndocker compose -p prod up -d\n')), []);
    });
  });

  describe('COMPOSE_DISABLE_ENV_FILE', () => {
    it('leaves the default .env unread; an --env-file is still read', () => {
      const files = new Map([
        ['/repo/compose.yaml', compose('${DATA}:/var/lib/postgresql/data')],
        ['/repo/.env', 'DATA=./data\n'],
        ['/repo/ops/prod.env', 'DATA=/srv/x\n'],
      ]);
      assert.deepEqual(check(files, '/repo/compose.yaml', commandsOf('COMPOSE_DISABLE_ENV_FILE=1 docker compose up -d')), ['missing-relabel 5 Bind mount of ${DATA}']);
      const withFile = commandsOf('export COMPOSE_DISABLE_ENV_FILE=true\ndocker compose --env-file ops/prod.env up -d');
      assert.deepEqual(check(files, '/repo/compose.yaml', withFile), ['missing-relabel 5 Bind mount of ${DATA} (DATA=/srv/x from ops/prod.env line 1)']);
    });
  });
});

describe('real projects named by their command lines', () => {
  it('a .env COMPOSE_PROJECT_NAME compose refuses names nothing (manaphp/app-admin: appXdev); a valid one goes into the mounts', () => {
    const files = projectTexts('manaphp-app-admin');
    const file = at('manaphp-app-admin', 'docker/docker-compose.yml');
    const logs = (set: Map<string, string>, commands: ComposeCommand[] = []) => check(set, file, commands).filter((f) => f.includes('nginx/log'));
    // compose-go refuses a name given imperatively that normalising would change.
    assert.deepEqual(logs(files), ['missing-relabel 18 Bind mount of /data/volumes/${COMPOSE_PROJECT_NAME}/admin/nginx/log']);
    const dir = at('manaphp-app-admin', '').replace(/\/$/, '');
    assert.deepEqual(logs(files, commandsOf('cd docker && docker compose -p appxdev up -d', dir)), [
      'missing-relabel 18 Bind mount of /data/volumes/${COMPOSE_PROJECT_NAME}/admin/nginx/log (COMPOSE_PROJECT_NAME=appxdev from the command in ../run.sh)',
    ]);
    edit(files, at('manaphp-app-admin', 'docker/.env'), 'appXdev', 'appxdev');
    assert.deepEqual(logs(files), ['missing-relabel 18 Bind mount of /data/volumes/${COMPOSE_PROJECT_NAME}/admin/nginx/log (COMPOSE_PROJECT_NAME=appxdev from .env line 1)']);
  });

  it('a script that exports COMPOSE_PROJECT_NAME and names its file from ${0%/*} (liveandrew/workflow2)', () => {
    const files = projectTexts('liveandrew-workflow2');
    const script = at('liveandrew-workflow2', 'test_docker/start-mysql.sh');
    const file = at('liveandrew-workflow2', 'test_docker/test-db-compose.yml');
    const dir = at('liveandrew-workflow2', 'test_docker');
    const commands = composeFileLists(parseFile(files.get(script)!, { fileName: script }), dir, script);
    // `pull` and `up -d` load the same project: one command, that starts containers.
    assert.deepEqual(commands.map(({ files: f, projectName, startsContainers }) => ({ files: f, projectName, startsContainers })), [{ files: [file], projectName: 'workflow_test', startsContainers: true }]);
    // A data folder under the project's name (not in the repository's file) shows the name the script gives.
    edit(files, file, '    - 31313:3306\n', '    - 31313:3306\n    volumes:\n    - /srv/${COMPOSE_PROJECT_NAME}/mysql:/var/lib/mysql\n');
    assert.deepEqual(check(files, file, commands), ['missing-relabel 11 Bind mount of /srv/${COMPOSE_PROJECT_NAME}/mysql (COMPOSE_PROJECT_NAME=workflow_test from the command in start-mysql.sh)']);
    assert.deepEqual(check(files, file), ['missing-relabel 11 Bind mount of /srv/${COMPOSE_PROJECT_NAME}/mysql (COMPOSE_PROJECT_NAME=test_docker from the project folder\'s name)']);
  });

  it('a Makefile\'s -p names the project; a command that starts no container (config) is no second set of them (Scarletsang/inception)', () => {
    const files = projectTexts('scarletsang-inception');
    const makefile = at('scarletsang-inception', 'Makefile');
    const file = at('scarletsang-inception', 'srcs/docker-compose.yml');
    const dir = at('scarletsang-inception', '').replace(/\/$/, '');
    const commands = () => composeFileLists(parseFile(files.get(makefile)!, { fileName: 'Makefile' }), dir, makefile);
    assert.deepEqual(commands().map(({ projectName, startsContainers }) => ({ projectName, startsContainers })), [
      { projectName: 'inception', startsContainers: true },
      { projectName: undefined, startsContainers: undefined },
    ]);
    const view = () => new ComposeProjects(memoryFiles(files)).viewFor(file, files.get(file)!, undefined, commands());
    assert.equal(view().valueFrom('COMPOSE_PROJECT_NAME'), 'the command in ../Makefile');
    edit(files, file, 'nginx\n    env_file:\n      - .env\n    volumes:\n      - wordpress:', 'nginx\n    env_file:\n      - .env\n    volumes:\n      - /srv/www:/var/www/html:Z\n      - wordpress:');
    assert.deepEqual(check(files, file, commands()).filter((f) => f.startsWith('private')), []);
    // Were `make config` an `up`, the project would run as `srcs` (its folder) beside `inception`.
    edit(files, makefile, 'docker-compose.yml config', 'docker-compose.yml up -d');
    assert.deepEqual(check(files, file, commands()).filter((f) => f.startsWith('private')), ['private-label-shared 35 /srv/www is mounted by 2 containers (nginx, nginx (-p srcs, ../Makefile))']);
  });
});
