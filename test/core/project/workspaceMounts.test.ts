import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze, AnalysisCache, ComposeProjects, FileMounts, fileView, HostPaths, mountChanges, treeMounts, WorkspaceIndex, workspaceMountsOf, type WorkspaceMount } from '../../../server/src/core';
import { at, edit, memoryFiles, projectTexts } from '../../helpers/composeProjects';

// Two compose projects of one workspace (goug76/docker-templates): radarr and qbittorrent, each in
// its own folder, both mount /mnt/downloads.
const radarr = at('docker-templates', 'templates/radarr/docker-compose.yml');
const qbittorrent = at('docker-templates', 'templates/qbittorrent/docker-compose.yml');

/** What a host gives the core: every compose file's relabelled mounts, read with its own project. */
function workspaceOf(files: Map<string, string>): WorkspaceMount[] {
  const projects = new ComposeProjects(memoryFiles(files));
  return [...files.keys()].filter((p) => p.endsWith('.yml')).flatMap((file) => {
    const text = files.get(file)!;
    const view = projects.viewFor(file, text);
    return workspaceMountsOf(file, analyze(text, { fileName: file, project: view }).file!, view);
  });
}

function check(files: Map<string, string>, file: string, workspace = workspaceOf(files)) {
  const text = files.get(file)!;
  const view = new ComposeProjects(memoryFiles(files)).viewFor(file, text, new WorkspaceIndex(workspace));
  return { view, result: analyze(text, { fileName: file, project: view }) };
}

describe('compose projects of one workspace', () => {
  it('keeps the host paths and the relabelled mounts a file has per run over edits, as read afresh', () => {
    const file = '/w/app/compose.yaml';
    const service = (i: number, path = `/srv/s${i}`): string => `  s${i}:\n    image: x\n    volumes:\n      - ${path}:/d:Z\n      - ./rel${i}:/r\n      - /mnt/shared:/m:z\n`;
    const base = 'services:\n' + [0, 1, 2, 3, 4, 5].map((i) => service(i)).join('');
    const texts = [
      base,
      base.replace(service(2), service(2, '/srv/s2x')),
      base.replace(service(5), service(5) + service(6, '/mnt/shared')),
      base.replace(service(1), ''),
      base.replace(service(0), service(0, '/srv/s0/')),
      base,
    ];
    const projects = new ComposeProjects(memoryFiles(new Map([[file, base]])));
    const cache = new AnalysisCache();
    const kept = new HostPaths();
    const keptMounts = new FileMounts();
    /** The workspace's list as the server keeps it: changed by what each update says came and went. */
    let listed: WorkspaceMount[] = [];
    const textOf = (m: WorkspaceMount) => JSON.stringify([m.path, m.file, m.project, m.service, m.relabel, m.level]);
    let runs: unknown[] = [];
    let reused = 0;
    for (const text of [...texts, ...texts]) {
      const view = projects.viewFor(file, text);
      const analysed = analyze(text, { fileName: file, project: view, cache }).file!;
      reused += analysed.runs.filter((run) => runs.includes(run)).length;
      runs = analysed.runs;
      kept.update(analysed, view);
      const fresh = new HostPaths();
      fresh.update(analyze(text, { fileName: file, project: view }).file!, view);
      assert.deepEqual([...kept].sort(), [...fresh].sort(), text);
      assert.ok([...fresh].every((p) => kept.has(p)) && !kept.has('/srv/nowhere'));
      const { removed, added } = keptMounts.update(file, analysed, view);
      for (const m of removed) {
        const at = listed.findIndex((l) => textOf(l) === textOf(m));
        assert.ok(at >= 0, `removed only what was listed: ${textOf(m)}`);
        listed.splice(at, 1);
      }
      listed = [...listed, ...added];
      const freshMounts = workspaceMountsOf(file, analyze(text, { fileName: file, project: view }).file!, view);
      assert.deepEqual(listed.map(textOf).sort(), freshMounts.map(textOf).sort(), text);
    }
    assert.deepEqual(keptMounts.update(undefined, undefined, undefined).removed.length, listed.length, 'a file no longer analysed takes all its mounts out');
    // The edits leave most services' runs as they were: those paths are kept, not read again.
    assert.ok(reused > 30, `runs kept over the edits: ${reused}`);
    assert.ok(kept.has('/w/app/rel3') && kept.has('/mnt/shared'));
  });

  it('lists a file\'s relabelled mounts with its project, containers with labeling off too (they still relabel)', () => {
    const files = projectTexts('docker-templates');
    edit(files, radarr, '/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z');
    edit(files, radarr, '/mnt/multimedia:/multimedia', '/mnt/multimedia:/multimedia:z');
    assert.deepEqual(workspaceOf(files), [
      { path: '/mnt/multimedia', file: radarr, project: at('docker-templates', 'templates/radarr'), service: 'radarr', relabel: 'z' },
      { path: '/mnt/downloads', file: radarr, project: at('docker-templates', 'templates/radarr'), service: 'radarr', relabel: 'Z' },
    ]);
    edit(files, radarr, '    restart: unless-stopped\n', '    restart: unless-stopped\n    privileged: true\n');
    assert.deepEqual(workspaceOf(files).map((m) => m.path), ['/mnt/multimedia', '/mnt/downloads']);
    edit(files, radarr, '/mnt/multimedia:/multimedia:z', '${MEDIA}:/multimedia:z');
    assert.deepEqual(workspaceOf(files).map((m) => m.path), ['/mnt/downloads']);
  });

  it('reports a :Z on a path another project mounts :Z, naming its file, and offers :z', () => {
    const files = projectTexts('docker-templates');
    edit(files, radarr, '/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z');
    edit(files, qbittorrent, '/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z');
    const { result } = check(files, radarr);
    const shared = result.findings.filter((f) => f.ruleId === 'private-label-shared');
    assert.equal(shared.length, 1);
    assert.match(shared[0].message, /^\/mnt\/downloads is mounted by 2 containers \(radarr, qbittorrent \(\.\.\/qbittorrent\/docker-compose\.yml, another project, :Z\)\)/);
    const text = files.get(radarr)!;
    assert.equal(text.slice(shared[0].span.start, shared[0].span.end), '/mnt/downloads');
    assert.deepEqual(shared[0].fixes[0].edits.map((e) => e.newText), ['z']);
    // Without the workspace's list, the file alone shares nothing.
    assert.deepEqual(check(files, radarr, []).result.findings.filter((f) => f.ruleId === 'private-label-shared'), []);
  });

  it('offers :z for an unlabelled mount of a path another project relabels', () => {
    const files = projectTexts('docker-templates');
    edit(files, qbittorrent, '/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z');
    const missing = check(files, radarr).result.findings.find((f) => f.ruleId === 'missing-relabel' && files.get(radarr)!.slice(f.span.start, f.span.end) === '/mnt/downloads');
    assert.ok(missing);
    assert.equal(missing.fixes.find((f) => f.isPreferred)?.edits[0].newText, ':z');
  });

  it('leaves out mounts of its own project and of files in its folder', () => {
    const files = projectTexts('docker-templates');
    edit(files, radarr, '/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z');
    const prod = at('docker-templates', 'templates/radarr/compose.prod.yml');
    files.set(prod, 'services:\n  fetch:\n    image: x\n    volumes:\n      - /mnt/downloads:/d:Z\n');
    const { view, result } = check(files, radarr);
    assert.equal(view.workspace?.keyFor(view.project), '');
    assert.deepEqual(result.findings.filter((f) => f.ruleId === 'private-label-shared'), []);
  });

  it('keys the view on the other projects\' mounts, not its own', () => {
    const files = projectTexts('docker-templates');
    edit(files, radarr, '/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z');
    edit(files, qbittorrent, '/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z');
    const before = check(files, radarr).view.key;
    edit(files, radarr, '/mnt/multimedia:/multimedia', '/mnt/multimedia:/multimedia:Z');
    assert.equal(check(files, radarr).view.key, before);
    edit(files, qbittorrent, '/mnt/downloads:/downloads:Z', '/mnt/downloads:/downloads:z');
    assert.notEqual(check(files, radarr).view.key, before);
  });

  it('keeps its index file by file as the server does: a mount taken out again gives the key back', () => {
    const files = projectTexts('docker-templates');
    edit(files, radarr, '/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z');
    edit(files, qbittorrent, '/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z');
    const [mine, theirs] = [workspaceOf(files).filter((m) => m.file === radarr), workspaceOf(files).filter((m) => m.file === qbittorrent)];
    const index = new WorkspaceIndex(mine);
    const project = mine[0].project;
    const alone = index.keyFor(project);
    theirs.forEach((m) => index.add(m));
    assert.notEqual(index.keyFor(project), alone);
    assert.deepEqual(index.at('/mnt/downloads').map((m) => m.service), ['radarr', 'qbittorrent']);
    // Taken at the paths the file mounts: a mount of another project elsewhere leaves it alone.
    const atPaths = index.keyFor(project, ['/mnt/downloads', '/mnt/multimedia']);
    index.add({ ...theirs[0], path: '/srv/elsewhere' });
    assert.equal(index.keyFor(project, ['/mnt/downloads', '/mnt/multimedia']), atPaths);
    assert.notEqual(index.keyFor(project, ['/mnt/multimedia']), atPaths);
    // A path no other project mounts counts for nothing: typing in the file's own host path keeps the key.
    assert.equal(index.keyFor(project, ['/mnt/downloads', '/mnt/multimediax']), atPaths);
    index.remove({ ...theirs[0], path: '/srv/elsewhere' });
    theirs.forEach((m) => index.remove({ ...m }));
    assert.notEqual(index.keyFor(project, ['/mnt/downloads', '/mnt/multimedia']), atPaths);
    assert.equal(index.keyFor(project), alone);
    assert.deepEqual(index.at('/mnt/downloads').map((m) => m.service), ['radarr']);
  });

  it('counts, names and gives the label levels of the other containers at a path, leaving out the view\'s own project and the files it read', () => {
    const at = (file: string, project: string, service: string, relabel: 'z' | 'Z', level?: string): WorkspaceMount => ({ path: '/srv/x', file, project, service, relabel, ...(level ? { level } : {}) });
    const script = at('/a/run.sh', '/a/run.sh', 'a', 'Z');
    const db = at('/b/compose.yml', '/b', 'db', 'z', 's0:c1,c2');
    const unit = at('/c/x.container', '/c/x.container', 'c', 'Z', 's0:c1,c2');
    // The script mounts the folder twice: one container.
    const index = new WorkspaceIndex([script, { ...script }, db, unit]);
    const fromScript = index.othersAt('/srv/x', '/a/run.sh', new Set(['/a/run.sh']))!;
    assert.equal(fromScript.count, 2);
    assert.deepEqual(fromScript.first(1).map((m) => m.service), ['db']);
    assert.deepEqual(fromScript.first(12).map((m) => m.service), ['db', 'c']);
    assert.deepEqual([...fromScript.levels()], ['s0:c1,c2']);
    const fromCompose = index.othersAt('/srv/x', '/b', new Set(['/b/compose.yml']))!;
    assert.deepEqual(fromCompose.first(12).map((m) => m.service), ['a', 'c']);
    assert.deepEqual(new Set(fromCompose.levels()), new Set([undefined, 's0:c1,c2']));
    // A file the view read (one it includes or extends) is its own too, whatever its project.
    assert.equal(index.othersAt('/srv/x', '/b', new Set(['/b/compose.yml', '/c/x.container']))!.count, 1);
    index.remove(script);
    assert.equal(index.othersAt('/srv/x', '/b', new Set())!.count, 2);
    index.remove({ ...script });
    index.remove(unit);
    assert.equal(index.othersAt('/srv/x', '/b', new Set()), undefined);
    assert.equal(index.othersAt('/srv/y', '/a/run.sh', new Set()), undefined);
    assert.deepEqual(index.at('/srv/x'), [db]);
  });

  it('tells a file\'s changed mounts apart from those an edit kept or made again equal', () => {
    const files = projectTexts('docker-templates');
    edit(files, radarr, '/mnt/downloads:/downloads', '/mnt/downloads:/downloads:Z');
    edit(files, radarr, '/mnt/multimedia:/multimedia', '/mnt/multimedia:/multimedia:z');
    const before = workspaceOf(files).filter((m) => m.file === radarr);
    assert.equal(before.length, 2);
    const [downloads, multimedia] = before;
    assert.deepEqual(mountChanges(before, [multimedia, { ...downloads }]), { removed: [], added: [] });
    const moved = { ...downloads, path: '/mnt/downloadsx' };
    assert.deepEqual(mountChanges(before, [multimedia, moved]), { removed: [downloads], added: [moved] });
    assert.deepEqual(mountChanges([downloads, { ...downloads }], [downloads]), { removed: [downloads], added: [] });
    assert.deepEqual(mountChanges([], [downloads]), { removed: [], added: [downloads] });
  });

  describe('the list of a whole tree (CLI), parsing only files that can share a folder with another project', () => {
    const tree = (files: Map<string, string>) =>
      treeMounts(new ComposeProjects(memoryFiles(files)), [...files].filter(([p]) => p.endsWith('.yml')).map(([path, text]) => ({ path, text })), []).map((m) => `${m.service} ${m.path}`);
    const templates = at('docker-templates', 'templates');

    it('leaves out mounts below each project\'s own folder when no other project is there', () => {
      const files = projectTexts('docker-templates');
      edit(files, radarr, '$DOCKERDIR/radarr/data:/config', './data:/config:Z');
      edit(files, qbittorrent, '$DOCKERDIR/qbittorrent:/config', './config:/config:Z');
      assert.deepEqual(tree(files), []);
    });

    it('keeps them when a project reaches in, or one sits in a folder above or below', () => {
      const files = projectTexts('docker-templates');
      edit(files, radarr, '$DOCKERDIR/radarr/data:/config', './data:/config:Z');
      edit(files, qbittorrent, '/mnt/downloads:/downloads', '../radarr/data:/downloads:Z');
      assert.deepEqual(tree(files), [`qbittorrent ${templates}/radarr/data`, `radarr ${templates}/radarr/data`]);
      edit(files, qbittorrent, '../radarr/data:/downloads:Z', '/mnt/downloads:/downloads');
      files.set(`${templates}/compose.yml`, 'services:\n  backup:\n    image: x\n    volumes:\n      - ./radarr/data:/b:z\n');
      assert.deepEqual(tree(files), [`radarr ${templates}/radarr/data`, `backup ${templates}/radarr/data`]);
    });
  });

  describe('quadlet units\' relative paths (containers/podman test/e2e/quadlet)', () => {
    // podman's own quadlet tests, whose `## assert-podman-args` lines say what quadlet makes of
    // them: volume.container's `Volume=./host/dir3` becomes `<the unit's folder>/host/dir3`,
    // mount.container's `Mount=type=bind,source=./path/on/host` likewise;
    // comment-with-continuation.container (ContainerName=greatName) mounts ./downloads.
    const dir = at('podman-quadlet-e2e', 'test/e2e/quadlet');
    const volume = `${dir}/volume.container`;
    const mount = `${dir}/mount.container`;
    const greatName = `${dir}/comment-with-continuation.container`;
    const unitMounts = (files: Map<string, string>) => [...files].flatMap(([f, t]) => workspaceMountsOf(f, analyze(t, { fileName: f }).file!, fileView(f, undefined)));
    const sharedIn = (files: Map<string, string>, file: string) => {
      const index = new WorkspaceIndex(mountsOfAll(files));
      const text = files.get(file)!;
      const options = file.endsWith('.yaml') ? { project: new ComposeProjects(memoryFiles(files)).viewFor(file, text, index) } : { workspace: fileView(file, index) };
      return analyze(text, { fileName: file, ...options }).findings.filter((f) => f.ruleId === 'private-label-shared').map((f) => f.message.replace(/ but .*/, ''));
    };
    /** Units each alone, compose files with their project. */
    const mountsOfAll = (files: Map<string, string>) => {
      const projects = new ComposeProjects(memoryFiles(files));
      return [...files].flatMap(([f, t]) => {
        if (!f.endsWith('.yaml')) return unitMounts(new Map([[f, t]]));
        const view = projects.viewFor(f, t);
        return workspaceMountsOf(f, analyze(t, { fileName: f, project: view }).file!, view);
      });
    };

    it('lists a relative Volume= and Mount= source at the unit\'s folder, as quadlet joins it; %h in the home folder; NAME.volume is no folder', () => {
      const files = projectTexts('podman-quadlet-e2e');
      edit(files, volume, 'Volume=./host/dir3:/container/volume3', 'Volume=./host/dir3:/container/volume3:Z');
      edit(files, volume, 'Volume=%h/container:/container/volume4', 'Volume=%h/container:/container/volume4:z');
      edit(files, volume, 'Volume=basic.volume:/container/quadlet', 'Volume=basic.volume:/container/quadlet:z');
      edit(files, mount, 'source=./path/on/host,destination=/path/in/container', 'source=./path/on/host,destination=/path/in/container,relabel=private');
      const listed = unitMounts(files).map((m) => `${m.file === volume ? 'volume' : m.file === mount ? 'mount' : m.file} ${m.path} :${m.relabel}`);
      assert.deepEqual(listed.filter((l) => l.startsWith('volume')), ['volume /host/dir2 :Z', `volume ${dir}/host/dir3 :Z`, 'volume ~/container :z']);
      assert.ok(listed.includes(`mount ${dir}/path/on/host :Z`), listed.join('\n'));
    });

    it('compares two units of one folder at the folder they both name', () => {
      const files = projectTexts('podman-quadlet-e2e');
      edit(files, volume, 'Volume=./host/dir3:/container/volume3', 'Volume=./downloads/:/container/volume3:Z');
      assert.deepEqual(sharedIn(files, volume), []);
      edit(files, greatName, 'Volume=./downloads:/downloads', 'Volume=./downloads:/downloads:z');
      assert.deepEqual(sharedIn(files, volume), ['./downloads/ is mounted by 2 containers (the container, greatName (comment-with-continuation.container, :z))']);
      // The same words in a unit of another folder name another folder.
      const elsewhere = greatName.replace('/quadlet/', '/quadlet/other/');
      files.set(elsewhere, files.get(greatName)!);
      files.delete(greatName);
      assert.deepEqual(sharedIn(files, volume), []);
    });

    it('compares a unit with a compose file of its folder, both ways', () => {
      const files = projectTexts('podman-quadlet-e2e');
      const compose = `${dir}/compose.yaml`;
      files.set(compose, 'services:\n  web:\n    image: x\n    volumes:\n      - ./host/dir3:/srv:Z\n');
      edit(files, volume, 'Volume=./host/dir3:/container/volume3', 'Volume=./host/dir3:/container/volume3:z');
      assert.deepEqual(sharedIn(files, compose), ['./host/dir3 is mounted by 2 containers (web, the container (volume.container, :z))']);
      edit(files, volume, 'Volume=./host/dir3:/container/volume3:z', 'Volume=./host/dir3:/container/volume3:Z');
      assert.deepEqual(sharedIn(files, volume), ['./host/dir3 is mounted by 2 containers (the container, web (compose.yaml, another project, :Z))']);
    });
  });

  describe('scripts and other files with compose projects', () => {
    // Two scripts of one repository (bbguimaraes/deployments) that run containers mounting the same
    // folders of /mnt/bbguimaraes1-vol/nextcloud, each with :z.
    const php = at('bbguimaraes-deployments', 'nextcloud/php.sh');
    const nginx = at('bbguimaraes-deployments', 'nextcloud/nginx.sh');
    const apps = '"$vol/apps:/usr/share/webapps/nextcloud/wapps:z"';

    /** A host's list: compose files read with their project, the other files each alone. */
    function mountsOf(files: Map<string, string>): WorkspaceMount[] {
      const projects = new ComposeProjects(memoryFiles(files));
      return [...files].filter(([p]) => /\.(sh|yml)$/.test(p)).flatMap(([file, text]) => {
        if (!file.endsWith('.yml')) return workspaceMountsOf(file, analyze(text, { fileName: file }).file!, fileView(file, undefined));
        const view = projects.viewFor(file, text);
        return workspaceMountsOf(file, analyze(text, { fileName: file, project: view }).file!, view);
      });
    }
    function checkFile(files: Map<string, string>, file: string) {
      const index = new WorkspaceIndex(mountsOf(files));
      const text = files.get(file)!;
      const options = file.endsWith('.yml') ? { project: new ComposeProjects(memoryFiles(files)).viewFor(file, text, index) } : { workspace: fileView(file, index) };
      return analyze(text, { fileName: file, ...options }).findings;
    }
    const shared = (files: Map<string, string>, file: string) => checkFile(files, file).filter((f) => f.ruleId === 'private-label-shared').map((f) => f.message.replace(/\) but .*/, ')'));
    const both = () => new Map([...projectTexts('bbguimaraes-deployments'), ...projectTexts('docker-templates')]);

    it('lists a script\'s relabelled mounts at absolute paths, each script its own project', () => {
      const files = projectTexts('bbguimaraes-deployments');
      assert.deepEqual(mountsOf(files).filter((m) => m.file === nginx), [
        { path: '/mnt/bbguimaraes1-vol/nextcloud/apps', file: nginx, project: nginx, service: 'nextcloud-nginx', relabel: 'z' },
        { path: '/mnt/bbguimaraes1-vol/nextcloud/data', file: nginx, project: nginx, service: 'nextcloud-nginx', relabel: 'z' },
      ]);
      // Relative paths depend on the folder the script runs in: not compared across files.
      edit(files, nginx, apps, '"./apps:/usr/share/webapps/nextcloud/wapps:Z"');
      assert.deepEqual(mountsOf(files).filter((m) => m.file === nginx).map((m) => m.path), ['/mnt/bbguimaraes1-vol/nextcloud/data']);
    });

    it('reports a :Z in one script on a folder another script mounts, naming it, in both when both say :Z', () => {
      const files = projectTexts('bbguimaraes-deployments');
      assert.deepEqual(shared(files, nginx), []);
      assert.deepEqual(shared(files, php), []);
      edit(files, nginx, apps, apps.replace(':z"', ':Z"'));
      assert.deepEqual(shared(files, nginx), ['$vol/apps is mounted by 2 containers (nextcloud-nginx, nextcloud-php (php.sh, :z))']);
      const fix = checkFile(files, nginx).find((f) => f.ruleId === 'private-label-shared')!.fixes[0];
      assert.deepEqual(fix.edits.map((e) => e.newText), ['z']);
      // php.sh keeps its :z: nothing to report there until it says :Z too.
      assert.deepEqual(shared(files, php), []);
      edit(files, php, apps, apps.replace(':z"', ':Z"'));
      assert.deepEqual(shared(files, php), ['$vol/apps is mounted by 2 containers (nextcloud-php, nextcloud-nginx (nginx.sh, :Z))']);
    });

    it('compares nothing at different or relative paths', () => {
      const files = projectTexts('bbguimaraes-deployments');
      edit(files, nginx, apps, '"$vol/apps2:/usr/share/webapps/nextcloud/wapps:Z"');
      edit(files, php, apps, apps.replace(':z"', ':Z"'));
      assert.deepEqual(shared(files, nginx), []);
      assert.deepEqual(shared(files, php), []);
      edit(files, nginx, '"$vol/apps2:', '"./apps:');
      edit(files, php, apps.replace(':z"', ':Z"'), '"./apps:/usr/share/webapps/nextcloud/wapps:Z"');
      assert.deepEqual(shared(files, nginx), []);
      assert.deepEqual(shared(files, php), []);
    });

    it('compares a script with a compose project mounting the same folder, both ways, and counts it for the z/Z choice', () => {
      const files = both();
      edit(files, radarr, '/mnt/downloads:/downloads', '/mnt/bbguimaraes1-vol/nextcloud/data:/downloads:Z');
      assert.deepEqual(shared(files, radarr), ['/mnt/bbguimaraes1-vol/nextcloud/data is mounted by 3 containers (radarr, nextcloud-nginx (../../../bbguimaraes-deployments/nextcloud/nginx.sh, :z), nextcloud-php (../../../bbguimaraes-deployments/nextcloud/php.sh, :z))']);
      edit(files, nginx, '"$vol/data:/usr/share/webapps/nextcloud/data:z"', '"$vol/data:/usr/share/webapps/nextcloud/data:Z"');
      assert.deepEqual(shared(files, nginx), ['$vol/data is mounted by 3 containers (nextcloud-nginx, nextcloud-php (php.sh, :z), radarr (../../docker-templates/templates/radarr/docker-compose.yml, another project, :Z))']);
      // A mount without a relabel of that folder: :z is the preferred fix, the folder being shared.
      edit(files, nginx, '"$vol/data:/usr/share/webapps/nextcloud/data:Z"', '"$vol/data:/usr/share/webapps/nextcloud/data"');
      const missing = checkFile(files, nginx).find((f) => f.ruleId === 'missing-relabel');
      assert.equal(missing?.fixes.find((f) => f.isPreferred)?.edits[0].newText, ':z');
    });

    it('names the first 12 containers of a folder many files mount, and counts the others', () => {
      const files = projectTexts('bbguimaraes-deployments');
      edit(files, nginx, apps, apps.replace(':z"', ':Z"'));
      // The same script under 14 more names: 16 containers in all.
      for (let i = 0; i < 14; i++) files.set(php.replace('php.sh', `php${i}.sh`), files.get(php)!);
      const [message] = shared(files, nginx);
      assert.match(message, /^\$vol\/apps is mounted by 16 containers \(nextcloud-nginx, nextcloud-php \(php\.sh, :z\), nextcloud-php \(php0\.sh, :z\), .* and 4 more\)$/);
      assert.equal(message.split('nextcloud-php (').length - 1, 11);
    });

    it('keys a script\'s view on the other files\' mounts at its paths, not its own', () => {
      const files = projectTexts('bbguimaraes-deployments');
      const index = new WorkspaceIndex(mountsOf(files));
      const paths = ['/mnt/bbguimaraes1-vol/nextcloud/apps', '/mnt/bbguimaraes1-vol/nextcloud/data'];
      const before = fileView(nginx, index, paths).key;
      for (const m of mountsOf(files).filter((x) => x.file === nginx)) index.remove(m);
      assert.equal(fileView(nginx, index, paths).key, before);
      for (const m of mountsOf(files).filter((x) => x.file === php && x.path.endsWith('/apps'))) index.remove(m);
      assert.notEqual(fileView(nginx, index, paths).key, before);
    });

    describe('quadlet units and documents (test/corpus)', () => {
      // nmasse-itix/podman-quadlet-cookbook: two units of the nextcloud pod mount
      // /var/lib/virtiofs/data/nextcloud with :z; containers/podman's troubleshooting.md runs
      // `podman run --rm -v /var/test:/dir:z` in a code block.
      const corpus = (file: string) => path.resolve(__dirname, '../../corpus/files', file).split(path.sep).join('/');
      const nginxUnit = corpus('nmasse-itix__podman-quadlet-cookbook/nextcloud/nextcloud-nginx.container');
      const upgradeUnit = corpus('nmasse-itix__podman-quadlet-cookbook/nextcloud/nextcloud-upgrade.container');
      const doc = corpus('containers__podman/troubleshooting.md');
      const read = () => new Map([nginxUnit, upgradeUnit, doc].map((f) => [f, readFileSync(f, 'utf8')]));
      const mounts = (files: Map<string, string>) => [...files].flatMap(([f, t]) => workspaceMountsOf(f, analyze(t, { fileName: f }).file!, fileView(f, undefined)));
      const sharedIn = (files: Map<string, string>, file: string) => {
        const result = analyze(files.get(file)!, { fileName: file, workspace: fileView(file, new WorkspaceIndex(mounts(files))) });
        return result.findings.filter((f) => f.ruleId === 'private-label-shared').map((f) => f.message.replace(/ but .*/, ''));
      };
      const volume = 'Volume=/var/lib/virtiofs/data/nextcloud:/var/www/html:z';

      it('reports a :Z in one unit on the folder another unit mounts :z, and nothing while both say :z', () => {
        const files = read();
        assert.deepEqual(sharedIn(files, nginxUnit), []);
        edit(files, nginxUnit, volume, volume.replace(/z$/, 'Z'));
        assert.deepEqual(sharedIn(files, nginxUnit), ['/var/lib/virtiofs/data/nextcloud is mounted by 2 containers (nextcloud-nginx, nextcloud-upgrade-to-${NEXTCLOUD_MAJOR}-job (nextcloud-upgrade.container, :z))']);
      });

      it('counts a document\'s code block, each block on its own', () => {
        const files = read();
        edit(files, doc, 'podman run --rm -v /var/test:/dir:z fedora ls /dir', 'podman run --rm -v /var/lib/virtiofs/data/nextcloud:/dir:Z fedora ls /dir');
        assert.deepEqual(sharedIn(files, doc), ['/var/lib/virtiofs/data/nextcloud is mounted by 3 containers (podman run, nextcloud-nginx (../nmasse-itix__podman-quadlet-cookbook/nextcloud/nextcloud-nginx.container, :z), nextcloud-upgrade-to-${NEXTCLOUD_MAJOR}-job (../nmasse-itix__podman-quadlet-cookbook/nextcloud/nextcloud-upgrade.container, :z))']);
        edit(files, nginxUnit, volume, volume.replace(/z$/, 'Z'));
        assert.match(sharedIn(files, nginxUnit)[0], /^\/var\/lib\/virtiofs\/data\/nextcloud is mounted by 3 containers \(nextcloud-nginx, nextcloud-upgrade-to-\$\{NEXTCLOUD_MAJOR\}-job \(nextcloud-upgrade\.container, :z\), podman run \(\.\.\/\.\.\/containers__podman\/troubleshooting\.md, :Z\)\)/);
      });

      it('leaves out a container on a GitHub-hosted runner (no SELinux, another host) both ways', () => {
        // petrknap/molireali: a workflow step `docker run -v ./composer:/app` on ubuntu-latest.
        const workflow = corpus('petrknap__molireali/.github/workflows/composer.yaml');
        const files = read();
        files.set(workflow, readFileSync(workflow, 'utf8'));
        edit(files, workflow, 'docker run -v ./composer:/app', 'docker run -v /var/lib/virtiofs/data/nextcloud:/app:Z');
        assert.deepEqual(sharedIn(files, workflow), []);
        assert.deepEqual(mounts(files).filter((m) => m.file === workflow), []);
      });
    });
  });
});
