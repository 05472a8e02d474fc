import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectsRoot } from '../helpers/composeProjects';
import { runCli, useScratch } from './cli';

describe('cli: compose projects', () => {
  const scratch = useScratch();
  /** A copy of a real project (test/fixtures/compose-projects) to change. */
  const copy = (name: string): string => {
    const dir = scratch(name);
    fs.cpSync(path.join(projectsRoot, name), dir, { recursive: true });
    return dir;
  };
  const located = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => l.replace(/: (warning|info|error): .*\[([\w-]+)\]$/, ' $2'));

  it('reads the override beside a compose file: labeling off there drops the base file\'s finding', () => {
    const dir = copy('neosync');
    const before = located(runCli(['compose.yml'], { cwd: dir }).stdout);
    assert.ok(before.includes('compose.yml:52:9 missing-relabel'), before.join('\n'));
    fs.writeFileSync(path.join(dir, 'compose.override.yml'), 'services:\n  db:\n    security_opt:\n      - label=disable\n');
    const after = located(runCli(['compose.yml'], { cwd: dir }).stdout);
    assert.deepEqual(after, before.filter((l) => l !== 'compose.yml:52:9 missing-relabel'));
  });

  it('names the override in the message of a finding in the base file', () => {
    const dir = copy('neosync');
    fs.writeFileSync(path.join(dir, 'compose.override.yml'), 'services:\n  db:\n    privileged: true\n');
    const compose = path.join(dir, 'compose.yml');
    fs.writeFileSync(compose, fs.readFileSync(compose, 'utf8').replace('./scripts/pg-init:/docker-entrypoint-initdb.d', './scripts/pg-init:/docker-entrypoint-initdb.d:Z'));
    const r = runCli(['--format', 'json', '.'], { cwd: dir });
    const findings = JSON.parse(r.stdout) as { file: string; ruleId: string; message: string; line: number }[];
    const found = findings.find((x) => x.ruleId === 'relabel-label-disabled');
    assert.equal(found?.file, 'compose.yml');
    assert.equal(found?.line, 52);
    assert.match(found?.message ?? '', /privileged: true in compose\.override\.yml line 3/);
  });

  it('checks an included file given alone with the project that includes it', () => {
    const dir = copy('neosync');
    const compose = path.join(dir, 'compose.yml');
    fs.writeFileSync(compose, fs.readFileSync(compose, 'utf8').replace('      - ./scripts/wait-for-it.sh:/scripts/wait-for-it.sh\n', '      - ./scripts/wait-for-it.sh:/scripts/wait-for-it.sh\n      - ./scripts/seed-test-prod-db.sql:/prod.sql:z\n'));
    const db = path.join(dir, 'compose', 'compose-db.yml');
    fs.writeFileSync(db, fs.readFileSync(db, 'utf8').replace('../scripts/seed-test-prod-db.sql:/docker-entrypoint-initdb.d/seed.sql', '../scripts/seed-test-prod-db.sql:/docker-entrypoint-initdb.d/seed.sql:Z'));
    const r = runCli(['compose/compose-db.yml'], { cwd: dir });
    assert.match(r.stdout, /compose\/compose-db\.yml:19:9: warning: \.\.\/scripts\/seed-test-prod-db\.sql is mounted by 2 containers \(test-prod-db, api-seed \(\.\.\/compose\.yml\)\)/);
  });

  it('fixes a ${VAR} path that the .env says is a folder, and reports what it used', () => {
    const dir = copy('immich');
    const r = runCli(['docker'], { cwd: dir });
    assert.match(r.stdout, /docker\/docker-compose\.yml:21:9: warning: Bind mount of \$\{UPLOAD_LOCATION\} \(UPLOAD_LOCATION=\.\/library from \.env line 4\)/);
    runCli(['--fix', 'docker'], { cwd: dir });
    const fixed = fs.readFileSync(path.join(dir, 'docker', 'docker-compose.yml'), 'utf8');
    assert.match(fixed, /- \$\{UPLOAD_LOCATION\}:\/data:Z\n/);
    assert.match(fixed, /- \$\{DB_DATA_LOCATION\}:\/var\/lib\/postgresql\/data:Z\n/);
    assert.doesNotMatch(runCli(['docker'], { cwd: dir }).stdout, /missing-relabel/);
  });

  it('reads the project around --stdin-filename for text on standard input', () => {
    const dir = copy('neosync');
    fs.writeFileSync(path.join(dir, 'compose.override.yml'), 'services:\n  db:\n    privileged: true\n');
    const text = fs.readFileSync(path.join(dir, 'compose.yml'), 'utf8');
    const named = runCli(['--stdin-filename', 'compose.yml', '-'], { cwd: dir, input: text });
    assert.doesNotMatch(named.stdout, /compose\.yml:52:9/);
    assert.match(named.stdout, /compose\.yml:95:9: warning/);
    assert.match(runCli(['-'], { cwd: dir, input: text }).stdout, /:52:9: warning/);
  });

  it('is quiet about a missing include and an override that is not YAML', () => {
    const dir = copy('neosync');
    fs.rmSync(path.join(dir, 'compose', 'compose-db.yml'));
    fs.writeFileSync(path.join(dir, 'compose.override.yml'), Buffer.from([0x73, 0x65, 0x72, 0x76, 0x3a, 0x20, 0x5b, 0x00, 0xff, 0xfe]));
    const r = runCli(['compose.yml'], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('selinux-mounts:')).length, 0, r.stderr);
    assert.match(r.stdout, /compose\.yml:52:9: warning/);
  });

  describe('compose projects of one tree (docker-templates: radarr and qbittorrent in their own folders)', () => {
    const relabel = (dir: string, app: string, from: string, to: string) => {
      const file = path.join(dir, 'templates', app, 'docker-compose.yml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(from, to));
    };

    for (const jobs of ['1', '2']) {
      it(`reports a :Z on a folder another project mounts :Z, in each file (--jobs ${jobs})`, () => {
        const dir = copy('docker-templates');
        relabel(dir, 'radarr', '/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z');
        relabel(dir, 'qbittorrent', '/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z');
        const r = runCli(['--jobs', jobs, '.'], { cwd: dir });
        const shared = r.stdout.split('\n').filter((l) => l.endsWith('[private-label-shared]'));
        assert.deepEqual(shared.map((l) => l.replace(/ but relabelled.*/, '')), [
          'templates/qbittorrent/docker-compose.yml:19:9: warning: /mnt/downloads is mounted by 2 containers (qbittorrent, radarr (../radarr/docker-compose.yml, another project, :Z))',
          'templates/radarr/docker-compose.yml:16:9: warning: /mnt/downloads is mounted by 2 containers (radarr, qbittorrent (../qbittorrent/docker-compose.yml, another project, :Z))',
        ]);
      });
    }

    it('compares relative paths as the folders they name, and --fix shares the folder in both', () => {
      const dir = copy('docker-templates');
      relabel(dir, 'radarr', '/mnt/downloads:/downloads', '../../downloads:/downloads:Z');
      relabel(dir, 'qbittorrent', '/mnt/downloads:/downloads', '../../downloads/:/downloads:Z');
      const r = runCli(['--format', 'json', '.'], { cwd: dir });
      const findings = JSON.parse(r.stdout) as { file: string; ruleId: string; message: string }[];
      assert.deepEqual(findings.filter((f) => f.ruleId === 'private-label-shared').map((f) => f.file), ['templates/qbittorrent/docker-compose.yml', 'templates/radarr/docker-compose.yml']);
      runCli(['--fix', '.'], { cwd: dir });
      for (const app of ['radarr', 'qbittorrent']) assert.match(fs.readFileSync(path.join(dir, 'templates', app, 'docker-compose.yml'), 'utf8'), /downloads\/?:\/downloads:z\n/);
    });

    it('counts a project that relabels the folder, even with labeling off, and none that does not', () => {
      const dir = copy('docker-templates');
      relabel(dir, 'radarr', '/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z');
      assert.doesNotMatch(runCli(['.'], { cwd: dir }).stdout, /private-label-shared/);
      // label=disable: the engine still relabels a :Z, to categories no confined container has.
      relabel(dir, 'qbittorrent', '/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z');
      relabel(dir, 'qbittorrent', '    restart: unless-stopped\n', '    restart: unless-stopped\n    security_opt: [label=disable]\n');
      assert.match(runCli(['.'], { cwd: dir }).stdout, /radarr\/docker-compose\.yml:16:9: warning: \/mnt\/downloads is mounted by 2 containers \(radarr, qbittorrent \(\.\.\/qbittorrent\/docker-compose\.yml, another project, :Z\)\)/);
    });
  });

  describe('-f lists in a Makefile (docker-nextjs-typescript: docker-compose.yml with docker-compose.prod.yml)', () => {
    const setUp = () => {
      const dir = copy('docker-nextjs-typescript');
      const prod = path.join(dir, 'docker-compose.prod.yml');
      fs.writeFileSync(prod, fs.readFileSync(prod, 'utf8').replace('    command: npm run start\n', '    command: npm run start\n    volumes:\n      - ./dist:/usr/src/app/dist:Z\n'));
      const base = path.join(dir, 'docker-compose.yml');
      fs.writeFileSync(base, fs.readFileSync(base, 'utf8').replace('    command: npm run dev\n', '    command: npm run dev\n    security_opt: [label=disable]\n'));
      return dir;
    };

    it('checks the prod file with the base file the Makefile names before it', () => {
      const dir = setUp();
      const r = runCli(['--jobs', '2', '.'], { cwd: dir });
      assert.match(r.stdout, /^docker-compose\.prod\.yml:9:9: info: Labeling is off for app \(label=disable in docker-compose\.yml line 16\)/m);
    });

    it('without the Makefile the prod file is a project of its own', () => {
      const dir = setUp();
      fs.rmSync(path.join(dir, 'Makefile'));
      assert.doesNotMatch(runCli(['.'], { cwd: dir }).stdout, /docker-compose\.prod\.yml.*relabel-label-disabled/);
    });
  });
  describe('project names', () => {
    it('${COMPOSE_PROJECT_NAME} is the name a script gives with -p; the .env\'s appXdev, which compose refuses, names nothing (manaphp/app-admin)', () => {
      const dir = copy('manaphp-app-admin');
      const logs = () => runCli(['.'], { cwd: dir }).stdout.split('\n').filter((l) => l.startsWith('docker/docker-compose.yml:18:'));
      assert.doesNotMatch(logs()[0], /COMPOSE_PROJECT_NAME=/);
      fs.mkdirSync(path.join(dir, 'bin'));
      fs.writeFileSync(path.join(dir, 'bin', 'up.sh'), '#!/bin/sh\ncd "$(dirname "$0")/../docker" && docker compose -p appxdev up -d\n');
      assert.match(logs()[0], /\/data\/volumes\/\$\{COMPOSE_PROJECT_NAME\}\/admin\/nginx\/log \(COMPOSE_PROJECT_NAME=appxdev from the command in \.\.\/bin\/up\.sh\)/);
    });

    it('one project started under two names by a Makefile shares its :Z folders between them (Scarletsang/inception)', () => {
      const dir = copy('scarletsang-inception');
      const compose = path.join(dir, 'srcs', 'docker-compose.yml');
      fs.writeFileSync(compose, fs.readFileSync(compose, 'utf8').replace('nginx\n    env_file:\n      - .env\n    volumes:\n', 'nginx\n    env_file:\n      - .env\n    volumes:\n      - /srv/www:/var/www/html:Z\n'));
      const shared = () => runCli(['--jobs', '2', '.'], { cwd: dir }).stdout.split('\n').filter((l) => l.endsWith('[private-label-shared]'));
      // `make config` starts no container.
      assert.deepEqual(shared(), []);
      const makefile = path.join(dir, 'Makefile');
      fs.writeFileSync(makefile, fs.readFileSync(makefile, 'utf8').replace('docker-compose.yml config', 'docker-compose.yml up -d'));
      const [line, ...more] = shared();
      assert.deepEqual(more, []);
      assert.match(line, /^srcs\/docker-compose\.yml:35:\d+: warning: \/srv\/www is mounted by 2 containers \(nginx, nginx \(-p srcs, \.\.\/Makefile\)\)/);
    });
  });

  describe('--env-file in a CI workflow (groupsky/homy: docker compose --env-file example.env in its steps)', () => {
    const ingress = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('docker-compose.yml:18:'));

    it('puts the env file\'s values into the compose file and says where they come from', () => {
      const dir = copy('homy');
      const r = runCli(['--jobs', '2', '.'], { cwd: dir });
      assert.equal(ingress(r.stdout).length, 1, r.stdout);
      assert.match(ingress(r.stdout)[0], /\$\{INGRESS_DATA_PATH\} \(INGRESS_DATA_PATH=\.\/data\/ingress from example\.env line 40\)/);
    });

    it('a script that runs the project with another env file from its own folder counts too', () => {
      const dir = copy('homy');
      fs.rmSync(path.join(dir, '.github'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'scripts'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'prod.env'), 'INGRESS_DATA_PATH=/srv/ingress\n');
      fs.writeFileSync(path.join(dir, 'scripts', 'up.sh'), '#!/bin/sh\ncd .. && docker compose --env-file prod.env up -d\n');
      assert.match(ingress(runCli(['.'], { cwd: dir }).stdout)[0], /\(INGRESS_DATA_PATH=\/srv\/ingress from prod\.env line 1\)/);
    });

    it('a script of its own naming $GITHUB_WORKSPACE: the repository root, the folder above it holding .git', () => {
      const dir = copy('homy');
      fs.rmSync(path.join(dir, '.github'), { recursive: true });
      fs.mkdirSync(path.join(dir, '.git'));
      fs.writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
      fs.mkdirSync(path.join(dir, 'scripts', 'ci'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'scripts', 'ci', 'deploy.sh'), '#!/bin/bash -e\ndocker compose --env-file "$GITHUB_WORKSPACE/example.env" up -d\n');
      assert.match(ingress(runCli(['.'], { cwd: dir }).stdout)[0], /\(INGRESS_DATA_PATH=\.\/data\/ingress from example\.env line 40\)/);
    });

    it('without the workflow the variable stays unknown (the repository has no .env)', () => {
      const dir = copy('homy');
      fs.rmSync(path.join(dir, '.github'), { recursive: true });
      const [line] = ingress(runCli(['.'], { cwd: dir }).stdout);
      assert.match(line, /\$\{INGRESS_DATA_PATH\}/);
      assert.doesNotMatch(line, /INGRESS_DATA_PATH=/);
    });
  });

  it('a README\'s compose command makes a project of the files it names (fpdrozd/express-api-boilerplate)', () => {
    const dir = copy('express-api-boilerplate');
    const base = path.join(dir, 'docker-compose.yml');
    fs.writeFileSync(base, fs.readFileSync(base, 'utf8').replace('    restart: always\n', '    restart: always\n    security_opt:\n      - label=disable\n'));
    const dev = path.join(dir, 'docker-compose.dev.yml');
    fs.writeFileSync(dev, fs.readFileSync(dev, 'utf8').replace('      - .:/usr/src/app\n', '      - .:/usr/src/app:Z\n'));
    const disabled = (args: string[]) => runCli(args, { cwd: dir }).stdout.split('\n').filter((l) => l.endsWith('[relabel-label-disabled]'));
    assert.match(disabled(['.'])[0] ?? '', /^docker-compose\.dev\.yml:7:\d+: .*label=disable in docker-compose\.yml line 8/);
    // Without the README the dev file is a project of its own.
    assert.deepEqual(disabled(['docker-compose.yml', 'docker-compose.dev.yml']), []);
  });
});
