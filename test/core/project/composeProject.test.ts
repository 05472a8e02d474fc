import assert from 'node:assert/strict';
import { analyze, ComposeProjects } from '../../../server/src/core';
import { analyzeInProject, at, edit, lineOf, memoryFiles, projectTexts } from '../../helpers/composeProjects';

const summary = (files: Map<string, string>, file: string) => {
  const text = files.get(file)!;
  return analyzeInProject(files, file).findings.map((f) => `${f.ruleId} ${lineOf(text, f.span.start)}: ${text.slice(f.span.start, f.span.end)}`);
};

describe('compose projects', () => {
  describe('a default file with its override (symfony-docker)', () => {
    const base = at('symfony-docker', 'compose.yaml');
    const override = at('symfony-docker', 'compose.override.yaml');

    it('checks the mount the override adds, on its own file', () => {
      const files = projectTexts('symfony-docker');
      assert.deepEqual(summary(files, override), [
        'missing-relabel 10: ./',
        'missing-relabel 11: ./frankenphp/Caddyfile',
        'missing-relabel 12: ./frankenphp/conf.d/20-app.dev.ini',
      ]);
      assert.deepEqual(summary(files, base), []);
    });

    it('checks a mount the override adds with the base file\'s labeling', () => {
      const files = projectTexts('symfony-docker');
      edit(files, base, '    restart: unless-stopped\n', '    restart: unless-stopped\n    security_opt:\n      - label=disable\n');
      edit(files, override, '      - ./:/app\n', '      - ./:/app:Z\n');
      const [finding] = analyzeInProject(files, override).findings;
      assert.equal(finding.ruleId, 'relabel-label-disabled');
      assert.match(finding.message, /Labeling is off for php \(label=disable in compose\.yaml line 6\)/);
    });

    it('finds the override under any of compose-go\'s override names, the first one only', () => {
      const files = projectTexts('symfony-docker');
      const other = at('symfony-docker', 'docker-compose.override.yml');
      files.set(other, 'services:\n  other:\n    image: x\n');
      const wheres = () => new Set(new ComposeProjects(memoryFiles(files)).viewFor(base, files.get(base)!).contributions.map((c) => c.where));
      assert.deepEqual(wheres(), new Set(['compose.override.yaml']));
      files.delete(override);
      assert.deepEqual(wheres(), new Set(['docker-compose.override.yml']));
    });

    it('loads the files COMPOSE_FILE in the .env lists instead', () => {
      const files = projectTexts('symfony-docker');
      const wheres = () => new Set(new ComposeProjects(memoryFiles(files)).viewFor(base, files.get(base)!).contributions.map((c) => c.where));
      files.set(at('symfony-docker', '.env'), 'COMPOSE_FILE=compose.yaml:compose.prod.yaml\n');
      assert.deepEqual(wheres(), new Set(['compose.prod.yaml']));
      files.set(at('symfony-docker', '.env'), 'COMPOSE_PATH_SEPARATOR=,\nCOMPOSE_FILE=compose.yaml,compose.override.yaml,compose.prod.yaml\n');
      assert.deepEqual(wheres(), new Set(['compose.override.yaml', 'compose.prod.yaml']));
    });

    it('does not count a file compose would not load (compose.prod.yaml is for -f)', () => {
      const files = projectTexts('symfony-docker');
      const view = new ComposeProjects(memoryFiles(files)).viewFor(base, files.get(base)!);
      assert.ok(!view.contributions.some((c) => c.where === 'compose.prod.yaml'));
    });
  });

  describe('an override that turns labeling off (neosync with an added compose.override.yml)', () => {
    const root = at('neosync', 'compose.yml');
    const override = at('neosync', 'compose.override.yml');

    it('turns the base file\'s findings off, and names the override where a relabel remains', () => {
      const files = projectTexts('neosync');
      assert.deepEqual(summary(files, root), [
        'missing-relabel 52: ./scripts/pg-init',
        'missing-relabel 95: ./scripts/seed-neosync.sql',
        'missing-relabel 96: ./scripts/wait-for-it.sh',
        'missing-relabel 109: ./scripts/create_schedules.sh',
      ]);
      const before = summary(files, root).length;
      files.set(override, 'services:\n  db:\n    security_opt:\n      - label=disable\n');
      assert.equal(summary(files, root).length, before - 1);
      assert.ok(!summary(files, root).some((s) => s.endsWith('./scripts/pg-init')));
      edit(files, root, '- ./scripts/pg-init:/docker-entrypoint-initdb.d', '- ./scripts/pg-init:/docker-entrypoint-initdb.d:Z');
      const disabled = analyzeInProject(files, root).findings.find((f) => f.ruleId === 'relabel-label-disabled');
      assert.match(disabled?.message ?? '', /\(label=disable in compose\.override\.yml line 4\)/);
    });

    it('takes privileged, pid: host and ipc: host in the override the same way', () => {
      for (const setting of ['privileged: true', 'pid: host', 'ipc: host']) {
        const files = projectTexts('neosync');
        files.set(override, `services:\n  db:\n    ${setting}\n`);
        assert.ok(!summary(files, root).some((s) => s.endsWith('./scripts/pg-init')), setting);
      }
    });
  });

  describe('include (neosync)', () => {
    const root = at('neosync', 'compose.yml');
    const db = at('neosync', 'compose/compose-db.yml');
    const seed = '- ./scripts/seed-neosync.sql:/scripts/seed.sql';
    const sharedSeed = '- ./scripts/seed-test-prod-db.sql:/scripts/prod.sql:Z';

    it('resolves an included file\'s paths against its own folder: ../scripts is the root\'s ./scripts', () => {
      const files = projectTexts('neosync');
      edit(files, root, seed, `${seed}\n      ${sharedSeed}`);
      const shared = analyzeInProject(files, root).findings.find((f) => f.ruleId === 'private-label-shared');
      assert.ok(shared, 'private-label-shared across the include');
      assert.match(shared.message, /mounted by 2 containers \(api-seed, test-prod-db \(compose\/compose-db\.yml\)\)/);
    });

    it('reads the string form', () => {
      const files = projectTexts('neosync');
      edit(files, root, '  - path: ./compose/compose-db.yml\n', '  - ./compose/compose-db.yml\n');
      edit(files, root, seed, `${seed}\n      ${sharedSeed}`);
      assert.ok(analyzeInProject(files, root).findings.some((f) => f.ruleId === 'private-label-shared'));
    });

    it('resolves against project_directory when the include sets one', () => {
      const files = projectTexts('neosync');
      edit(files, root, '  - path: ./compose/compose-db.yml\n', '  - path: ./compose/compose-db.yml\n    project_directory: .\n');
      edit(files, root, seed, `${seed}\n      ${sharedSeed}`);
      // ../scripts now points above the project: another folder.
      assert.ok(!analyzeInProject(files, root).findings.some((f) => f.ruleId === 'private-label-shared'));
    });

    it('counts the root\'s mounts when the included file is the one analysed', () => {
      const files = projectTexts('neosync');
      edit(files, root, seed, `${seed}\n      ${sharedSeed}`);
      edit(files, db, '- ../scripts/seed-test-prod-db.sql:/docker-entrypoint-initdb.d/seed.sql', '- ../scripts/seed-test-prod-db.sql:/docker-entrypoint-initdb.d/seed.sql:Z');
      const shared = analyzeInProject(files, db).findings.find((f) => f.ruleId === 'private-label-shared');
      assert.match(shared?.message ?? '', /\(test-prod-db, api-seed \(\.\.\/compose\.yml\)\)/);
    });

    it('gives an included file the values of its env_file', () => {
      const files = projectTexts('neosync');
      const temporal = at('neosync', 'compose/temporal/compose.yml');
      edit(files, temporal, '- ./dynamicconfig:/etc/temporal/config/dynamicconfig', '- ./es-${ELASTICSEARCH_VERSION}:/usr/share/elasticsearch/data');
      const [finding] = analyzeInProject(files, temporal).findings.filter((f) => f.ruleId === 'missing-relabel');
      assert.match(finding.message, /\$\{ELASTICSEARCH_VERSION\} \(ELASTICSEARCH_VERSION=7\.17\.27 from \.env line 3\)/);
    });

    it('stops at include and extends cycles', () => {
      const files = projectTexts('neosync');
      edit(files, db, 'services:\n', 'include:\n  - ../compose.yml\nservices:\n');
      edit(files, root, '  redis:\n', '  redis:\n    extends:\n      file: ./compose.yml\n      service: redis\n');
      assert.doesNotThrow(() => summary(files, root));
      assert.doesNotThrow(() => summary(files, db));
    });

    it('is quiet about a missing or broken included file', () => {
      const files = projectTexts('neosync');
      const expected = summary(files, root);
      files.delete(db);
      assert.deepEqual(summary(files, root), expected);
      files.set(db, 'services:\n  x: [unclosed\n\0\0');
      assert.deepEqual(summary(files, root), expected);
      files.set(root, files.get(root)!.replace('include:', 'include: {oops: [1, 2'));
      assert.doesNotThrow(() => summary(files, root));
    });
  });

  describe('extends with file (fabric-samples first-network)', () => {
    const cli = at('fabric-samples', 'first-network/docker-compose-cli.yaml');
    const base = at('fabric-samples', 'first-network/base/docker-compose-base.yaml');
    const msp = 'crypto-config/ordererOrganizations/example.com/orderers/orderer.example.com/msp';

    it('resolves the extended file\'s paths against its folder: base/../crypto-config is ./crypto-config', () => {
      const files = projectTexts('fabric-samples');
      edit(files, cli, '        - ./scripts:/opt', `        - ./${msp}:/msp:Z\n        - ./scripts:/opt`);
      const shared = analyzeInProject(files, cli).findings.find((f) => f.ruleId === 'private-label-shared');
      assert.match(shared?.message ?? '', /\(cli, orderer\.example\.com \(base\/docker-compose-base\.yaml\)\)/);
    });

    it('inherits labeling off from the extended service', () => {
      const files = projectTexts('fabric-samples');
      edit(files, cli, '      service: orderer.example.com\n', '      service: orderer.example.com\n    volumes:\n      - ./channel-artifacts:/artifacts:Z\n');
      assert.deepEqual(analyzeInProject(files, cli).findings.filter((f) => f.ruleId === 'relabel-label-disabled'), []);
      edit(files, base, '    command: orderer\n', '    command: orderer\n    privileged: true\n');
      const disabled = analyzeInProject(files, cli).findings.find((f) => f.ruleId === 'relabel-label-disabled');
      assert.match(disabled?.message ?? '', /\(privileged: true in base\/docker-compose-base\.yaml line 27\)/);
    });
  });

  describe('.env values (immich)', () => {
    const compose = at('immich', 'docker/docker-compose.yml');

    it('resolves ${VAR} from the .env beside the file and says which value it used', () => {
      const files = projectTexts('immich');
      const findings = analyzeInProject(files, compose).findings.filter((f) => f.ruleId === 'missing-relabel');
      assert.deepEqual(findings.map((f) => files.get(compose)!.slice(f.span.start, f.span.end)), ['${UPLOAD_LOCATION}', '${DB_DATA_LOCATION}']);
      assert.match(findings[0].message, /Bind mount of \$\{UPLOAD_LOCATION\} \(UPLOAD_LOCATION=\.\/library from \.env line 4\) into \/data has no SELinux relabel/);
      // Alone, the file cannot tell: the value might be a named volume or a path.
      const alone = analyze(files.get(compose)!, { fileName: compose }).findings.filter((f) => f.ruleId === 'missing-relabel');
      assert.match(alone[0].message, /if \$\{UPLOAD_LOCATION\} is a host path/);
    });

    it('judges the value: a system path from .env is refused a relabel', () => {
      const files = projectTexts('immich');
      edit(files, at('immich', 'docker/.env'), 'UPLOAD_LOCATION=./library', 'UPLOAD_LOCATION=/etc');
      edit(files, compose, '- ${UPLOAD_LOCATION}:/data', '- ${UPLOAD_LOCATION}:/data:Z');
      const finding = analyzeInProject(files, compose).findings.find((f) => f.ruleId === 'relabel-system-path');
      assert.match(finding?.message ?? '', /UPLOAD_LOCATION=\/etc from \.env line 4/);
    });

    it('takes a value that names a volume as a named volume', () => {
      const files = projectTexts('immich');
      edit(files, at('immich', 'docker/.env'), 'UPLOAD_LOCATION=./library', 'UPLOAD_LOCATION=immich-library');
      const sources = analyzeInProject(files, compose).findings.map((f) => files.get(compose)!.slice(f.span.start, f.span.end));
      assert.ok(!sources.includes('${UPLOAD_LOCATION}'));
    });
  });

  describe('the view', () => {
    it('changes its key when a sibling changes, and keeps it otherwise', () => {
      const files = projectTexts('symfony-docker');
      const base = at('symfony-docker', 'compose.yaml');
      const projects = new ComposeProjects(memoryFiles(files));
      const first = projects.viewFor(base, files.get(base)!).key;
      assert.equal(projects.viewFor(base, files.get(base)! + '# edit\n').key, first, 'the analysed file\'s own text is keyed apart');
      assert.equal(projects.viewFor(base, files.get(base)!).key, projects.viewFor(base, files.get(base)!).key);
      files.set(at('symfony-docker', 'compose.override.yaml'), 'services: {}\n');
      assert.notEqual(projects.viewFor(base, files.get(base)!).key, first);
    });

    it('follows an edit to the analysed file\'s include and extends, read again only when their lines change', () => {
      const files = projectTexts('neosync');
      const root = at('neosync', 'compose.yml');
      const projects = new ComposeProjects(memoryFiles(files));
      const included = (text: string) => new Set(projects.viewFor(root, text).contributions.map((c) => c.where));
      const text = files.get(root)!;
      assert.ok(included(text).has('compose/compose-db.yml'));
      assert.ok(included(text.replace('    image: redis:7.2.4', '    image: redis:7.4')).has('compose/compose-db.yml'));
      assert.ok(!included(text.replace('  - path: ./compose/compose-db.yml', '  - path: ./compose/compose-db-mysql.yml')).has('compose/compose-db.yml'));
      const extending = text.replace('  redis:\n', '  redis:\n    extends: { file: ./compose/compose-db.yml, service: test-prod-db }\n');
      const extended = projects.viewFor(root, extending).contributions.filter((c) => c.service === 'redis');
      assert.deepEqual(extended.map((c) => c.where), ['compose/compose-db.yml']);
    });

    it('follows extends typed a character at a time, as a view made afresh reads it', () => {
      // The analysed file's `extends` are read again only when an edit touches a line that can hold them.
      const root = '/w/app/compose.yaml';
      const base = 'services:\n  db:\n    image: postgres\n    volumes:\n      - ./data:/var/lib/postgresql/data:Z\n    security_opt: [label=disable]\n';
      const start = 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./site:/usr/share/nginx/html\n  db:\n    image: x\n';
      const typed = '    extends:\n      file: ./base.yaml\n      service: db\n';
      const texts = [start];
      for (let i = 1; i <= typed.length; i++) texts.push(start + typed.slice(0, i));
      // Typed into the mount of a service, the extending service renamed, the extended file's name changed, all taken away.
      const full = start + typed;
      texts.push(full.replace('./site:', './siteX:'), full.replace('  db:\n    image: x', '  dbx:\n    image: x'), full, full.replace('./base.yaml', './base2.yaml'), full, start);
      const files = new Map([[root, start], ['/w/app/base.yaml', base]]);
      const kept = new ComposeProjects(memoryFiles(files));
      const read = (projects: ComposeProjects, text: string) => projects.viewFor(root, text).contributions.map((c) => `${c.service} ${c.where} ${c.labelingOff ?? ''}`);
      let extended = 0;
      for (const text of texts) {
        files.set(root, text);
        const now = read(kept, text);
        assert.deepEqual(now, read(new ComposeProjects(memoryFiles(files)), text), JSON.stringify(text));
        if (now.length) extended++;
      }
      assert.ok(extended >= 3, `the extended service counted once its lines are whole: ${extended}`);
    });

    it('lists the paths it looked for, found or not, so a new override is noticed', () => {
      const files = projectTexts('immich');
      const compose = at('immich', 'docker/docker-compose.yml');
      const view = new ComposeProjects(memoryFiles(files)).viewFor(compose, files.get(compose)!);
      assert.ok(view.paths.includes(at('immich', 'docker/docker-compose.override.yml')));
      assert.ok(view.paths.includes(at('immich', 'docker/.env')));
    });
  });
});
