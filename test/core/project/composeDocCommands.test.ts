import assert from 'node:assert/strict';
import { analyze, ComposeProjects, composeFileLists, parseFile, type ComposeCommand } from '../../../server/src/core';
import { at, edit, memoryFiles, projectTexts } from '../../helpers/composeProjects';

/** The compose commands of a document at /repo, each as the options it gives its project. */
const commandsOf = (text: string, fileName: string): ComposeCommand[] => composeFileLists(parseFile(text, { fileName }), '/repo', `/repo/${fileName}`).map(({ script: _, ...c }) => c);

/** fpdrozd/express-api-boilerplate: its README runs docker-compose.yml with docker-compose.dev.yml, which only that command loads. */
const project = 'express-api-boilerplate';

describe('compose commands in documentation', () => {
  it('a README\'s code block: the files named together are one project, run from the document\'s folder (fpdrozd/express-api-boilerplate)', () => {
    const files = projectTexts(project);
    const readme = at(project, 'README.md');
    const commands = composeFileLists(parseFile(files.get(readme)!, { fileName: readme }), at(project, '').replace(/\/$/, ''), readme);
    // `docker-compose down` and `docker-compose up --build -d` name nothing of their project.
    assert.deepEqual(commands, [{ files: [at(project, 'docker-compose.yml'), at(project, 'docker-compose.dev.yml')], cwd: at(project, '').replace(/\/$/, ''), script: readme }]);
  });

  it('Markdown: terminal sessions, prefixes and -p as in a script; each block on its own; a placeholder or a name only the run tells leaves the path out', () => {
    const readme = [
      '```console',
      '$ COMPOSE_PROJECT_NAME=demo docker compose -f compose.yml up -d',
      'Creating network "demo_default"',
      '$ cd deploy && docker compose -f prod.yml -p shop up',
      '```',
      '',
      '> ```sh',
      '> docker compose --env-file ops/prod.env -f compose.yml -f compose.prod.yml config',
      '> ```',
      '',
      '```bash',
      'cd deploy',
      '```',
      '```bash',
      'docker compose -f <your file> up',
      'docker compose -f compose.yml -p "$NAME" up',
      '```',
    ].join('\n');
    assert.deepEqual(commandsOf(readme, 'README.md'), [
      { files: ['/repo/compose.yml'], cwd: '/repo', projectName: 'demo' },
      { files: ['/repo/deploy/prod.yml'], cwd: '/repo/deploy', projectName: 'shop' },
      { files: ['/repo/compose.yml', '/repo/compose.prod.yml'], cwd: '/repo', envFiles: ['/repo/ops/prod.env'] },
      // The `cd` of another block does not carry over.
      { files: ['/repo/compose.yml'], cwd: '/repo', projectName: null },
    ]);
  });

  it('reStructuredText: literal blocks and code-block directives', () => {
    const rst = 'Run::\n\n    docker compose -f a.yml -f b.yml up\n\n.. code-block:: bash\n\n   docker-compose -p web -f c.yml up -d\n\n.. code-block:: yaml\n\n   command: docker compose -f d.yml up\n';
    assert.deepEqual(commandsOf(rst, 'index.rst'), [
      { files: ['/repo/a.yml', '/repo/b.yml'], cwd: '/repo' },
      { files: ['/repo/c.yml'], cwd: '/repo', projectName: 'web' },
    ]);
  });

  describe('the project a document\'s command makes', () => {
    /** The fixture with labeling off for `app` in the base file and a private relabel on the override's bind. */
    const files = () => {
      const set = projectTexts(project);
      edit(set, at(project, 'docker-compose.yml'), '    restart: always\n', '    restart: always\n    security_opt:\n      - label=disable\n');
      edit(set, at(project, 'docker-compose.dev.yml'), '      - .:/usr/src/app\n', '      - .:/usr/src/app:Z\n');
      return set;
    };
    const disabled = (set: Map<string, string>, commands: ComposeCommand[]) => {
      const dev = at(project, 'docker-compose.dev.yml');
      const view = new ComposeProjects(memoryFiles(set)).viewFor(dev, set.get(dev)!, undefined, commands);
      return analyze(set.get(dev)!, { fileName: dev, project: view }).findings.filter((f) => f.ruleId === 'relabel-label-disabled').map((f) => f.message.replace(/, so .*/, ''));
    };

    it('the override a README runs with the base file is checked with the base file\'s settings', () => {
      const set = files();
      const readme = at(project, 'README.md');
      const commands = composeFileLists(parseFile(set.get(readme)!, { fileName: readme }), at(project, '').replace(/\/$/, ''), readme);
      assert.deepEqual(disabled(set, []), []);
      assert.deepEqual(disabled(set, commands), ['Labeling is off for app (label=disable in docker-compose.yml line 8)']);
    });

    it('two names in a README are alternatives a reader picks from, not two sets of containers as in a script', () => {
      const set = new Map([['/repo/compose.yaml', 'services:\n  db:\n    image: postgres\n    volumes:\n      - /srv/db:/var/lib/postgresql/data:Z\n']]);
      const shared = (text: string, fileName: string) => {
        const commands = composeFileLists(parseFile(text, { fileName }), '/repo', `/repo/${fileName}`);
        const view = new ComposeProjects(memoryFiles(set)).viewFor('/repo/compose.yaml', set.get('/repo/compose.yaml')!, undefined, commands);
        return analyze(set.get('/repo/compose.yaml')!, { fileName: '/repo/compose.yaml', project: view }).findings.filter((f) => f.ruleId === 'private-label-shared').length;
      };
      const commands = 'docker compose -p staging up -d\ndocker compose -p prod up -d\n';
      assert.equal(shared(commands, 'deploy.sh'), 1);
      assert.equal(shared('```sh\n' + commands + '```\n', 'README.md'), 0);
    });

    it('a README\'s -p is what ${COMPOSE_PROJECT_NAME} becomes, and the message names the document', () => {
      const set = new Map([['/repo/compose.yaml', 'services:\n  db:\n    image: postgres\n    volumes:\n      - /srv/${COMPOSE_PROJECT_NAME}/db:/var/lib/postgresql/data\n']]);
      const commands = composeFileLists(parseFile('```\ndocker compose -p shop up -d\n```\n', { fileName: 'README.md' }), '/repo', '/repo/README.md');
      const view = new ComposeProjects(memoryFiles(set)).viewFor('/repo/compose.yaml', set.get('/repo/compose.yaml')!, undefined, commands);
      const messages = analyze(set.get('/repo/compose.yaml')!, { fileName: '/repo/compose.yaml', project: view }).findings.map((f) => f.message.replace(/ into .*/, ''));
      assert.deepEqual(messages, ['Bind mount of /srv/${COMPOSE_PROJECT_NAME}/db (COMPOSE_PROJECT_NAME=shop from the command in README.md)']);
    });
  });
});
