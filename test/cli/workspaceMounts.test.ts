import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectsRoot } from '../helpers/composeProjects';
import { runCli, useScratch } from './cli';

// Scripts and compose projects of one tree that mount the same absolute folder
// (test/fixtures/compose-projects: bbguimaraes-deployments' nextcloud/php.sh and nextcloud/nginx.sh,
// both `podman run --volume "$vol/apps:...:z"`; docker-templates' radarr compose project).
describe('cli: scripts and compose projects of one tree sharing a folder', () => {
  const scratch = useScratch();
  const setUp = (...names: string[]): string => {
    const dir = scratch('tree');
    for (const name of names) fs.cpSync(path.join(projectsRoot, name), path.join(dir, name), { recursive: true });
    return dir;
  };
  const replace = (dir: string, file: string, from: string, to: string): void => {
    const full = path.join(dir, file);
    const text = fs.readFileSync(full, 'utf8');
    assert.ok(text.includes(from), `${from} is not in ${file}`);
    fs.writeFileSync(full, text.replace(from, to));
  };
  const php = 'bbguimaraes-deployments/nextcloud/php.sh';
  const nginx = 'bbguimaraes-deployments/nextcloud/nginx.sh';
  const apps = '"$vol/apps:/usr/share/webapps/nextcloud/wapps:z"';
  const shared = (stdout: string) => stdout.split('\n').filter((l) => l.endsWith('[private-label-shared]')).map((l) => l.replace(/ but relabelled.*/, ''));

  it('reports nothing where every script mounts the folder :z', () => {
    const dir = setUp('bbguimaraes-deployments');
    assert.deepEqual(shared(runCli(['.'], { cwd: dir }).stdout), []);
  });

  for (const jobs of ['1', '2']) {
    it(`reports a :Z in two scripts on one folder, in each, naming the other (--jobs ${jobs}); --fix shares it`, () => {
      const dir = setUp('bbguimaraes-deployments');
      replace(dir, php, apps, apps.replace(':z"', ':Z"'));
      replace(dir, nginx, apps, apps.replace(':z"', ':Z"'));
      assert.deepEqual(shared(runCli(['--jobs', jobs, '.'], { cwd: dir }).stdout), [
        `${nginx}:14:15: warning: $vol/apps is mounted by 2 containers (nextcloud-nginx, nextcloud-php (php.sh, :Z))`,
        `${php}:14:15: warning: $vol/apps is mounted by 2 containers (nextcloud-php, nextcloud-nginx (nginx.sh, :Z))`,
      ]);
      runCli(['--fix', '.'], { cwd: dir });
      for (const file of [php, nginx]) assert.ok(fs.readFileSync(path.join(dir, file), 'utf8').includes(apps), file);
    });
  }

  it('compares a script with a compose project mounting the folder, and offers :z for a mount without a relabel', () => {
    const dir = setUp('bbguimaraes-deployments', 'docker-templates');
    const radarr = 'docker-templates/templates/radarr/docker-compose.yml';
    replace(dir, radarr, '/mnt/downloads:/downloads', '/mnt/bbguimaraes1-vol/nextcloud/data:/downloads:Z');
    replace(dir, nginx, '"$vol/data:/usr/share/webapps/nextcloud/data:z"', '"$vol/data:/usr/share/webapps/nextcloud/data:Z"');
    assert.deepEqual(shared(runCli(['.'], { cwd: dir }).stdout), [
      `${nginx}:15:15: warning: $vol/data is mounted by 3 containers (nextcloud-nginx, nextcloud-php (php.sh, :z), radarr (../../docker-templates/templates/radarr/docker-compose.yml, another project, :Z))`,
      `${radarr}:16:9: warning: /mnt/bbguimaraes1-vol/nextcloud/data is mounted by 3 containers (radarr, nextcloud-nginx (../../../bbguimaraes-deployments/nextcloud/nginx.sh, :Z), nextcloud-php (../../../bbguimaraes-deployments/nextcloud/php.sh, :z))`,
    ]);
    // The script alone, given with the tree: the same; given without it, nothing to compare.
    assert.equal(shared(runCli([nginx, radarr], { cwd: dir }).stdout).length, 2);
    assert.deepEqual(shared(runCli([nginx], { cwd: dir }).stdout), []);
    replace(dir, nginx, '"$vol/data:/usr/share/webapps/nextcloud/data:Z"', '"$vol/data:/usr/share/webapps/nextcloud/data"');
    const preferred = (files: string[]) => {
      const findings = JSON.parse(runCli(['--format', 'json', ...files], { cwd: dir }).stdout) as { file: string; ruleId: string; line: number; fixes?: { title: string }[] }[];
      return findings.find((f) => f.file === nginx && f.ruleId === 'missing-relabel' && f.line === 15)?.fixes?.[0].title;
    };
    assert.match(preferred([nginx, radarr]) ?? '', /^Add :z /);
    assert.match(preferred([nginx]) ?? '', /^Add :Z /);
  });

  it('compares quadlet units of one folder at the folder their relative Volume= names, as quadlet joins it to the unit\'s folder', () => {
    // containers/podman's own quadlet test units (test/fixtures/compose-projects/podman-quadlet-e2e).
    const dir = setUp('podman-quadlet-e2e');
    const q = 'podman-quadlet-e2e/test/e2e/quadlet';
    replace(dir, `${q}/volume.container`, 'Volume=./host/dir3:/container/volume3', 'Volume=./downloads:/container/volume3:Z');
    assert.deepEqual(shared(runCli(['.'], { cwd: dir }).stdout), []);
    replace(dir, `${q}/comment-with-continuation.container`, 'Volume=./downloads:/downloads', 'Volume=./downloads:/downloads:z');
    assert.deepEqual(shared(runCli(['.'], { cwd: dir }).stdout), [`${q}/volume.container:12:8: warning: ./downloads is mounted by 2 containers (the container, greatName (comment-with-continuation.container, :z))`]);
  });

  it('compares quadlet units at the host folder of the .volume unit they mount (Roxabi/lyra), and --fix shares it', () => {
    // Roxabi/lyra deploy/quadlet: lyra-hub, lyra-discord and lyra-telegram mount lyra-data.volume
    // (Device=%h/.lyra, Options=bind) with :z; a :Z in the hub would take the folder from the others.
    const dir = setUp('lyra-quadlet');
    const q = 'lyra-quadlet/deploy/quadlet';
    assert.deepEqual(shared(runCli(['.'], { cwd: dir }).stdout), []);
    replace(dir, `${q}/lyra-hub.container`, 'Volume=lyra-data.volume:/home/lyra/.lyra:z', 'Volume=lyra-data.volume:/home/lyra/.lyra:Z');
    const expected = `${q}/lyra-hub.container:32:8: warning: lyra-data.volume (Device=%h/.lyra in lyra-data.volume) is mounted by 3 containers (lyra-hub, lyra-discord (lyra-discord.container, :z), lyra-telegram (lyra-telegram.container, :z))`;
    assert.deepEqual(shared(runCli(['.'], { cwd: dir }).stdout), [expected]);
    // The unit alone reads its .volume unit beside it, but has no other container to compare with.
    assert.deepEqual(shared(runCli([`${q}/lyra-hub.container`], { cwd: dir }).stdout), []);
    runCli(['--fix', '.'], { cwd: dir });
    assert.ok(fs.readFileSync(path.join(dir, q, 'lyra-hub.container'), 'utf8').includes('Volume=lyra-data.volume:/home/lyra/.lyra:z'));
  });

  it('compares a PodmanArgs= relative source in the unit\'s WorkingDirectory= with the folder another unit mounts', () => {
    const dir = setUp('lyra-quadlet');
    const q = 'lyra-quadlet/deploy/quadlet';
    replace(dir, `${q}/lyra-telegram.container`, 'Volume=lyra-data.volume:/home/lyra/.lyra:z', 'PodmanArgs=-v ./.lyra:/home/lyra/.lyra:Z');
    assert.deepEqual(shared(runCli(['.'], { cwd: dir }).stdout), []);
    replace(dir, `${q}/lyra-telegram.container`, '[Service]', '[Service]\nWorkingDirectory=%h');
    assert.deepEqual(shared(runCli(['.'], { cwd: dir }).stdout), [
      `${q}/lyra-telegram.container:30:15: warning: ./.lyra (WorkingDirectory=%h) is mounted by 3 containers (lyra-telegram, lyra-discord (lyra-discord.container, :z), lyra-hub (lyra-hub.container, :z))`,
    ]);
  });

  it('compares no relative paths and no different folders across files', () => {
    const dir = setUp('bbguimaraes-deployments');
    replace(dir, php, apps, '"./apps:/usr/share/webapps/nextcloud/wapps:Z"');
    replace(dir, nginx, apps, '"./apps:/usr/share/webapps/nextcloud/wapps:Z"');
    replace(dir, nginx, '"$vol/data:/usr/share/webapps/nextcloud/data:z"', '"$vol/data2:/usr/share/webapps/nextcloud/data:Z"');
    replace(dir, php, '"$vol/data:/usr/share/webapps/nextcloud/data:z"', '"$vol/data:/usr/share/webapps/nextcloud/data:Z"');
    assert.deepEqual(shared(runCli(['.'], { cwd: dir }).stdout), []);
  });

  it('compares two scripts mounting $GITHUB_WORKSPACE at the repository root, and not without a .git above them (Clockwork-Pilot/rslite)', () => {
    const dir = setUp('rslite');
    const scripts = 'rslite/.github/scripts';
    replace(dir, `${scripts}/run-in-docker-no-claude.sh`, '"$GITHUB_WORKSPACE:/workspace"', '"$GITHUB_WORKSPACE:/workspace:Z"');
    assert.deepEqual(shared(runCli(['.'], { cwd: dir }).stdout), []);
    fs.mkdirSync(path.join(dir, 'rslite', '.git'));
    fs.writeFileSync(path.join(dir, 'rslite', '.git', 'HEAD'), 'ref: refs/heads/main\n');
    assert.deepEqual(shared(runCli(['.'], { cwd: dir }).stdout), [
      `${scripts}/run-in-docker-claude.sh:31:7: warning: $GITHUB_WORKSPACE is mounted by 2 containers (docker run, docker run (run-in-docker-no-claude.sh, :Z))`,
      `${scripts}/run-in-docker-no-claude.sh:14:7: warning: $GITHUB_WORKSPACE is mounted by 2 containers (docker run, docker run (run-in-docker-claude.sh, :Z))`,
    ]);
  });
});
