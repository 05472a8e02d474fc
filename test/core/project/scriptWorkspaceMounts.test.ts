import assert from 'node:assert/strict';
import { analyze, ComposeProjects, FileMounts, fileView, HostPaths, hoverAt, parseFile, WorkspaceIndex, workspaceMountsOf, type WorkspaceMount } from '../../../server/src/core';
import { at, edit, memoryFiles, projectTexts } from '../../helpers/composeProjects';

/** A host's list: compose files read with their project, every other file alone, with the disk (the files) to find the repository root. */
function mountsOf(files: Map<string, string>): WorkspaceMount[] {
  const disk = memoryFiles(files);
  const projects = new ComposeProjects(disk);
  return [...files].filter(([p]) => /\.(sh|ya?ml)$|Makefile$/.test(p)).flatMap(([file, text]) => {
    if (!/docker-compose\.ya?ml$/.test(file)) return workspaceMountsOf(file, analyze(text, { fileName: file }).file!, fileView(file, undefined, undefined, undefined, disk));
    const view = projects.viewFor(file, text);
    return workspaceMountsOf(file, analyze(text, { fileName: file, project: view }).file!, view);
  });
}

function findings(files: Map<string, string>, file: string) {
  const disk = memoryFiles(files);
  const index = new WorkspaceIndex(mountsOf(files));
  const text = files.get(file)!;
  const options = /docker-compose\.ya?ml$/.test(file) ? { project: new ComposeProjects(disk).viewFor(file, text, index) } : { workspace: fileView(file, index, undefined, undefined, disk) };
  return analyze(text, { fileName: file, ...options }).findings;
}

const shared = (files: Map<string, string>, file: string) => findings(files, file).filter((f) => f.ruleId === 'private-label-shared').map((f) => f.message.replace(/\) but .*/, ')'));
const pathsOf = (files: Map<string, string>, file: string) => mountsOf(files).filter((m) => m.file === file).map((m) => m.path);

describe('scripts in the workspace comparison at the folders they name', () => {
  describe('$GITHUB_WORKSPACE and $CI_PROJECT_DIR: the repository root (Clockwork-Pilot/rslite .github/scripts)', () => {
    // run-in-docker-claude.sh mounts "$GITHUB_WORKSPACE:/workspace:Z"; run-in-docker-no-claude.sh
    // mounts "$GITHUB_WORKSPACE:/workspace" (given :Z here). A workflow runs both in the checkout.
    const claude = at('rslite', '.github/scripts/run-in-docker-claude.sh');
    const noClaude = at('rslite', '.github/scripts/run-in-docker-no-claude.sh');
    const workspace = '"$GITHUB_WORKSPACE:/workspace"';
    const root = at('rslite', '');
    const withGit = () => {
      const files = projectTexts('rslite');
      files.set(`${root}/.git/HEAD`, 'ref: refs/heads/main\n');
      return files;
    };

    it('lists a script\'s $GITHUB_WORKSPACE mounts at the nearest folder above it holding .git', () => {
      const files = withGit();
      assert.deepEqual(pathsOf(files, claude), [root]);
      edit(files, noClaude, workspace, '"${GITHUB_WORKSPACE}/hooks_log:/workspace:Z"');
      assert.deepEqual(pathsOf(files, noClaude), [`${root}/hooks_log`]);
      edit(files, noClaude, '"${GITHUB_WORKSPACE}/hooks_log:', '"$CI_PROJECT_DIR/../x:');
      assert.deepEqual(pathsOf(files, noClaude), [`${root.replace(/\/[^/]+$/, '')}/x`]);
      // A worktree's or submodule's .git is a file.
      files.delete(`${root}/.git/HEAD`);
      files.set(`${root}/.git`, 'gitdir: ../.git/worktrees/rslite\n');
      assert.deepEqual(pathsOf(files, claude), [root]);
    });

    it('leaves them out where no repository root is found, or the script sets the name itself', () => {
      const files = projectTexts('rslite');
      assert.deepEqual(pathsOf(files, claude), []);
      const git = withGit();
      edit(git, claude, 'TIMEOUT_SECS="${TIMEOUT_SECS:-0}"', 'TIMEOUT_SECS="${TIMEOUT_SECS:-0}"\nGITHUB_WORKSPACE=$1');
      assert.deepEqual(pathsOf(git, claude), []);
      // Without a disk to ask, as a view of an unsaved document.
      const text = git.get(noClaude)!.replace(workspace, '"$GITHUB_WORKSPACE:/workspace:Z"');
      assert.deepEqual(workspaceMountsOf(noClaude, parseFile(text, { fileName: noClaude })!, fileView(noClaude, undefined)), []);
    });

    it('reports a :Z in one script on the checkout another script mounts, in both', () => {
      const files = withGit();
      assert.deepEqual(shared(files, claude), []);
      edit(files, noClaude, workspace, '"$GITHUB_WORKSPACE:/workspace:Z"');
      assert.deepEqual(shared(files, claude), ['$GITHUB_WORKSPACE is mounted by 2 containers (docker run, docker run (run-in-docker-no-claude.sh, :Z))']);
      assert.deepEqual(shared(files, noClaude), ['$GITHUB_WORKSPACE is mounted by 2 containers (docker run, docker run (run-in-docker-claude.sh, :Z))']);
      // Without a repository root neither names a folder.
      files.delete(`${root}/.git/HEAD`);
      assert.deepEqual(shared(files, claude), []);
    });

    it('compares it with a compose file of the repository root mounting the checkout, and with a workflow step', () => {
      const files = withGit();
      const compose = `${root}/docker-compose.yml`;
      files.set(compose, 'services:\n  agent:\n    image: ghcr.io/clockwork-pilot/rslite-ws:latest\n    volumes:\n      - .:/workspace:Z\n');
      assert.deepEqual(shared(files, compose), ['. is mounted by 2 containers (agent, docker run (.github/scripts/run-in-docker-claude.sh, :Z))']);
      files.delete(compose);
      // A workflow step on a self-hosted runner: $GITHUB_WORKSPACE is the checkout, the folder above .github/workflows.
      const workflow = `${root}/.github/workflows/check.yml`;
      files.set(workflow, 'on: push\njobs:\n  check:\n    runs-on: self-hosted\n    steps:\n      - run: podman run --rm -v "$GITHUB_WORKSPACE:/src:Z" fedora make -C /src\n');
      assert.deepEqual(pathsOf(files, workflow), [root]);
      assert.deepEqual(shared(files, workflow), ['$GITHUB_WORKSPACE is mounted by 2 containers (podman run, docker run (../scripts/run-in-docker-claude.sh, :Z))']);
    });

    it('reads the repository root once per run a script wrote, and again when it is another (its host paths, its workspace mounts)', () => {
      const files = withGit();
      const file = parseFile(files.get(claude)!, { fileName: claude })!;
      const first = workspaceMountsOf(claude, file, fileView(claude, undefined, undefined, undefined, memoryFiles(files)));
      assert.equal(workspaceMountsOf(claude, file, fileView(claude, undefined, undefined, undefined, memoryFiles(files)))[0], first[0]);
      const paths = new HostPaths();
      const mounts = new FileMounts();
      const before = fileView(claude, undefined, undefined, undefined, memoryFiles(files));
      assert.deepEqual(paths.update(file, before), { added: [root], removed: [] });
      assert.deepEqual(mounts.update(claude, file, before).added.map((m) => m.path), [root]);
      // The same runs again: kept, nothing comes or goes.
      assert.deepEqual(mounts.update(claude, file, fileView(claude, undefined, undefined, undefined, memoryFiles(files))), { added: [], removed: [] });
      // The checkout moves up a folder (a .git found higher once the nearer one is gone).
      files.delete(`${root}/.git/HEAD`);
      files.set(`${root.replace(/\/[^/]+$/, '')}/.git/HEAD`, 'ref: refs/heads/main\n');
      const view = fileView(claude, undefined, undefined, undefined, memoryFiles(files));
      assert.deepEqual(workspaceMountsOf(claude, file, view).map((m) => m.path), [root.replace(/\/[^/]+$/, '')]);
      assert.deepEqual(paths.update(file, view), { added: [root.replace(/\/[^/]+$/, '')], removed: [root] });
      // The same runs, placed at the new root: their mounts are made again.
      const moved = mounts.update(claude, file, view);
      assert.deepEqual([moved.added.map((m) => m.path), moved.removed.map((m) => m.path)], [[root.replace(/\/[^/]+$/, '')], [root]]);
    });
  });

  describe('a folder the script names from its own place (Muthaias/quick-poll run-container.sh)', () => {
    // RUN_DIR="$( cd "$( dirname "${BASH_SOURCE[0]}" )" >/dev/null 2>&1 && pwd )", then -v ${RUN_DIR}/src:/exec:z.
    const script = at('quick-poll', 'run-container.sh');
    const folder = at('quick-poll', '');

    it('lists the mount at the script\'s folder, wherever the script is run from', () => {
      const files = projectTexts('quick-poll');
      assert.deepEqual(pathsOf(files, script), [`${folder}/src`]);
      edit(files, script, '${RUN_DIR}/src:', '"$(dirname "$0")/../src":');
      assert.deepEqual(pathsOf(files, script), [`${folder.replace(/\/[^/]+$/, '')}/src`]);
      // A name the script does not tell after it: no folder.
      edit(files, script, '"$(dirname "$0")/../src":', '"$(dirname "$0")/$1":');
      assert.deepEqual(pathsOf(files, script), []);
    });

    it('reports a :Z on it against a compose file beside the script mounting ./src', () => {
      const files = projectTexts('quick-poll');
      const compose = `${folder}/docker-compose.yml`;
      files.set(compose, 'services:\n  poll:\n    image: fedora:quick-poll\n    volumes:\n      - ./src:/exec:Z\n');
      assert.deepEqual(shared(files, compose), ['./src is mounted by 2 containers (poll, podman run (run-container.sh, :z))']);
      assert.deepEqual(shared(files, script), []);
    });
  });

  describe('relative paths where the script cds first (TheHolyRoger/RogerThat)', () => {
    // scripts/start_docker_setup_script.sh: `cd $(dirname $0)/..`, then
    // `docker run --volume "$(pwd)/configs:/configs"`; the docker-compose.yml beside that folder
    // mounts `./configs:/configs` in rogerthat. One folder, both given :Z here.
    const script = at('rogerthat', 'scripts/start_docker_setup_script.sh');
    const compose = at('rogerthat', 'docker-compose.yml');
    const configs = at('rogerthat', 'configs');
    const mount = '"$(pwd)/configs:/configs"';
    const relabelled = () => {
      const files = projectTexts('rogerthat');
      edit(files, script, mount, '"$(pwd)/configs:/configs:Z"');
      edit(files, compose, '- ./configs:/configs', '- ./configs:/configs:Z');
      return files;
    };

    it('lists the mount at the folder the cd went to, however the script writes the working folder', () => {
      for (const source of ['$(pwd)/configs', './configs', '$PWD/configs', '${PWD}/configs', '`pwd`/configs', '$(pwd)/configs/']) {
        const files = relabelled();
        edit(files, script, '"$(pwd)/configs:', `"${source}:`);
        assert.deepEqual(pathsOf(files, script), [configs], source);
      }
      // On the line of the command, in a subshell, and to a folder the script names absolutely.
      const files = relabelled();
      edit(files, script, 'cd $(dirname $0)/..\n\ndocker run', '(cd "$(dirname "$0")/.." && docker run');
      edit(files, script, '"$@"\n', '"$@")\n');
      assert.deepEqual(pathsOf(files, script), [configs]);
      edit(files, script, '(cd "$(dirname "$0")/.."', '(cd /srv/rogerthat');
      assert.deepEqual(pathsOf(files, script), ['/srv/rogerthat/configs']);
    });

    it('leaves it out where the folder is known only at run time', () => {
      for (const cd of ['', 'cd "$1"', 'cd ..', 'if [ -d ../configs ]; then cd $(dirname $0)/..; fi', 'cd $(dirname $0)/..\ncd "$TARGET"']) {
        const files = relabelled();
        edit(files, script, 'cd $(dirname $0)/..', cd);
        assert.deepEqual(pathsOf(files, script), [], cd);
      }
      // A function's cd holds only for its own commands.
      const files = relabelled();
      edit(files, script, 'cd $(dirname $0)/..', 'go() { cd $(dirname $0)/..; }');
      assert.deepEqual(pathsOf(files, script), []);
    });

    it('reports the :Z in the script and in the compose file, the script\'s message saying where it runs', () => {
      const files = relabelled();
      assert.deepEqual(shared(files, script), ['$(pwd)/configs (cd to the folder above the script\'s) is mounted by 2 containers (docker run, rogerthat (../docker-compose.yml, another project, :Z))']);
      assert.deepEqual(shared(files, compose), ['./configs is mounted by 2 containers (rogerthat, docker run (scripts/start_docker_setup_script.sh, :Z))']);
      // The fix shares it.
      const fix = findings(files, script).find((f) => f.ruleId === 'private-label-shared')!.fixes[0];
      assert.deepEqual(fix.edits.map((e) => e.newText), ['z']);
      // Within the script, the mount and one naming the same folder from the script's place are one folder.
      edit(files, script, 'rogerthat:latest', '-v "$(dirname "$0")/../configs:/more:Z" rogerthat:latest');
      assert.deepEqual(shared(files, script).map((m) => m.replace(/ \(docker run, .*/, '')), [
        '$(pwd)/configs (cd to the folder above the script\'s) is mounted by 2 containers',
        '$(dirname "$0")/../configs is mounted by 2 containers',
      ]);
    });

    it('says in the hover of the source where the cd took the command', () => {
      const text = projectTexts('rogerthat').get(script)!;
      const h = hoverAt(text, text.indexOf('$(pwd)/configs') + 2, { fileName: script, markdown: true });
      assert.match(h?.contents ?? '', /^\*\*Host bind mount\*\* `\$\(pwd\)\/configs` \(cd to the folder above the script's\) → `\/configs` in docker run\./);
    });

    it('takes a make recipe or a workflow step where it starts, saying nothing of it', () => {
      const files = relabelled();
      const makefile = at('rogerthat', 'Makefile');
      files.set(makefile, 'setup:\n\tdocker run --rm -v $(CURDIR)/configs:/configs:Z rogerthat:latest\n');
      assert.deepEqual(pathsOf(files, makefile), [configs]);
      assert.deepEqual(shared(files, makefile).map((m) => m.replace(/ is mounted by .*$/, '')), ['$(CURDIR)/configs']);
      assert.deepEqual(shared(files, makefile).map((m) => m.replace(/^.* is mounted/, 'is mounted')), ['is mounted by 3 containers (docker run, rogerthat (docker-compose.yml, another project, :Z), docker run (scripts/start_docker_setup_script.sh, :Z))']);
      const workflow = at('rogerthat', '.github/workflows/setup.yml');
      files.set(workflow, 'on: push\njobs:\n  setup:\n    runs-on: self-hosted\n    steps:\n      - run: docker run --rm -v "$PWD/configs:/configs:Z" rogerthat:latest\n        working-directory: scripts\n');
      assert.deepEqual(pathsOf(files, workflow), [at('rogerthat', 'scripts/configs')]);
    });
  });
});
