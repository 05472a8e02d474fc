// Commands in documentation, read the way a reader pastes them, through the CLI: real files of the
// project's corpus (test/corpus/files, each kept with its repository and commit), fixed with
// --fix, and compared byte for byte with the file as the hand-checked labels say it must become.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CorpusEntry } from '../helpers/corpusScore';
import { repoRoot, runCli, useScratch } from './cli';

const corpus = path.join(repoRoot, 'test', 'corpus');
const original = (file: string): string => fs.readFileSync(path.join(corpus, 'files', file), 'utf8');

/** The file with `before` replaced by `after` on each 1-based line; each `before` must be there once. */
function edited(text: string, edits: [line: number, before: string, after: string][]): string {
  const lines = text.split('\n');
  for (const [line, before, after] of edits) {
    const at = lines[line - 1];
    assert.equal(at.split(before).length, 2, `line ${line} holds "${before}" once: ${at}`);
    lines[line - 1] = at.replace(before, () => after);
  }
  return lines.join('\n');
}

describe('cli: commands in documentation, fixed in place', function () {
  this.timeout(60_000);
  const scratch = useScratch();

  const cases: { pattern: string; file: string; edits: [number, string, string][] }[] = [
    {
      pattern: 'untagged fences indented under MkDocs content tabs; cmd\'s %cd%',
      file: 'squidfunk__mkdocs-material/docs/creating-your-site.md',
      edits: [16, 216, 247].flatMap((l): [number, string, string][] => [[l, '${PWD}:/docs ', '${PWD}:/docs:Z ']]).concat(
        [22, 222, 253].map((l): [number, string, string] => [l, '"%cd%":/docs ', '"%cd%":/docs:Z ']),
      ),
    },
    {
      pattern: 'a shell fence in a tab with a $ prompt and the server\'s output after it',
      file: 'dstackai__dstack/mkdocs/docs/installation.md',
      edits: [[60, ':/root/.dstack/server \\', ':/root/.dstack/server:Z \\']],
    },
    {
      pattern: 'lines ending in "\\ # comment" are continued; docker\'s --mount is rewritten as -v',
      file: 'jellyfin__jellyfin.org/docs/general/installation/_container-docker-cli.md',
      edits: [
        [48, '/path/to/config:/config \\', '/path/to/config:/config:Z \\'],
        [49, '/path/to/cache:/cache \\', '/path/to/cache:/cache:Z \\'],
        [50, '--mount type=bind,source=/path/to/media,target=/media', '-v /path/to/media:/media:Z'],
      ],
    },
    {
      pattern: 'a <placeholder> host path in --mount (a redirection to bash)',
      file: 'jellyfin__jellyfin.org/docs/general/administration/migrate.md',
      edits: [
        [56, '--mount type=bind,source=/etc/jellyfin,target=/etc/jellyfin', '-v /etc/jellyfin:/etc/jellyfin:Z'],
        [57, '--mount type=bind,source=/var/cache/jellyfin,target=/var/cache/jellyfin', '-v /var/cache/jellyfin:/var/cache/jellyfin:Z'],
        [58, '--mount type=bind,source=/var/lib/jellyfin,target=/var/lib/jellyfin', '-v /var/lib/jellyfin:/var/lib/jellyfin:Z'],
        [59, '--mount type=bind,source=/var/log/jellyfin,target=/var/log/jellyfin', '-v /var/log/jellyfin:/var/log/jellyfin:Z'],
        [60, '--mount type=bind,source=</path/to/media>,target=</path/to/media>', '-v "</path/to/media>:</path/to/media>:Z"'],
      ],
    },
    {
      pattern: '`#optional` backtick comments and <...> placeholders (LinuxServer style)',
      file: 'jellyfin__jellyfin.org/docs/general/post-install/networking/9_advanced/letsencrypt.md',
      edits: [
        [167, '</path/to/appdata/config>:/config \\', '</path/to/appdata/config>:/config:Z \\'],
        [175, '/path/to/appdata/swag/:/config ', '/path/to/appdata/swag/:/config:Z '],
      ],
    },
    {
      pattern: 'MDX with <Tabs>; named volumes left alone',
      file: 'open-webui__docs/docs/getting-started/updating.mdx',
      edits: [
        [277, '$(pwd):/backup \\', '$(pwd):/backup:Z \\'],
        [291, '$(pwd):/backup \\', '$(pwd):/backup:Z \\'],
      ],
    },
    {
      pattern: 'reStructuredText :: literal blocks with $ prompts; "RUNNING: docker run" output lines untouched',
      file: 'nipreps__fmriprep/docs/usage.rst',
      edits: [
        [94, '/data:ro \\', '/data:ro,Z \\'],
        [95, '/dockerout:/out \\', '/dockerout:/out:Z \\'],
        [96, '/opt/freesurfer/license.txt \\', '/opt/freesurfer/license.txt:Z \\'],
      ],
    },
    {
      pattern: 'reStructuredText .. code:: sh written as a terminal session',
      file: 'searxng__searxng/docs/admin/installation-docker.rst',
      edits: [
        [193, '"./config/:/etc/searxng/"', '"./config/:/etc/searxng/:Z"'],
        [194, '"./data/:/var/cache/searxng/"', '"./data/:/var/cache/searxng/:Z"'],
      ],
    },
    {
      pattern: 'reStructuredText .. prompt:: bash $; a --privileged container untouched',
      file: 'ClusterHQ__flocker/docs/gettinginvolved/infrastructure/packaging.rst',
      edits: [
        [184, '/var/lib/flocker:/var/lib/flocker  \\', '/var/lib/flocker:/var/lib/flocker:Z  \\'],
        [185, '/etc/flocker:ro \\', '/etc/flocker:ro,Z \\'],
        [201, '/etc/flocker:ro \\', '/etc/flocker:ro,Z \\'],
      ],
    },
    {
      pattern: 'YOUR_CONFIG.YML placeholder; a Maven ${minifi.version} property does not cut the word',
      file: 'apache__nifi-minifi/README.md',
      edits: [[106, '/conf/config.yml ', '/conf/config.yml:Z ']],
    },
    {
      pattern: 'fences inside blockquotes: the fix keeps the "> " prefix',
      file: 'hermantolentino__docker-jupyterhub/README.md',
      edits: [[42, '$(pwd):/home/jupyterhub/hostdir ', '$(pwd):/home/jupyterhub/hostdir:Z ']],
    },
    {
      pattern: 'a {{ placeholder with spaces }} as the host path',
      file: 'golang-migrate__migrate/README.md',
      edits: [[101, '}}:/migrations ', '}}:/migrations:Z ']],
    },
    {
      pattern: 'text fences with $ prompts and output, under GitBook tabs',
      file: 'genomehubs__genomehubs/quick-start/mysql-setup.md',
      edits: [
        [30, '/var/lib/mysql \\', '/var/lib/mysql:Z \\'],
        [141, '/ensembl/conf:ro \\', '/ensembl/conf:ro,Z \\'],
        [150, '/ensembl/conf:ro \\', '/ensembl/conf:ro,Z \\'],
        [160, '/ensembl/conf:ro \\', '/ensembl/conf:ro,Z \\'],
      ],
    },
    {
      pattern: 'nvidia-docker run with your_..._path/ placeholders in an untagged fence',
      file: 'WongKinYiu__PyTorch_YOLOv4/README.md',
      edits: [
        [154, 'your_coco_path/:/coco/ ', 'your_coco_path/:/coco/:Z '],
        [154, 'your_code_path/:/yolo ', 'your_code_path/:/yolo:Z '],
      ],
    },
    {
      pattern: 'Windows prompts: cmd\'s >, PowerShell\'s PS:\\>',
      file: 'dstmodders__docker-imagemagick/README.md',
      edits: [
        [83, '"$(pwd):/data/"', '"$(pwd):/data/:Z"'],
        [89, '"%CD%:/data/"', '"%CD%:/data/:Z"'],
        [95, '"${PWD}:/data/"', '"${PWD}:/data/:Z"'],
      ],
    },
    {
      pattern: '~~~ fences',
      file: 'sitespeedio__sitespeed.io/docs/documentation/sitespeed.io/browsers/index.md',
      edits: [91, 124, 227, 261, 279, 296].map((l): [number, string, string] => [l, '"$(pwd):/sitespeed.io"', '"$(pwd):/sitespeed.io:Z"']),
    },
    {
      pattern: 'console fences with $ and # prompts and output; untagged fences in list items; authors\' :Z kept',
      file: 'containers__podman/troubleshooting.md',
      edits: [
        [22, '~/mycontent:/content ', '~/mycontent:/content:Z '],
        [63, '"$PWD":/home/jovyan/work ', '"$PWD":/home/jovyan/work:Z '],
        [1566, '/var/test:/dir ', '/var/test:/dir:Z '],
        [1617, '/var/test:/dir ', '/var/test:/dir:Z '],
      ],
    },
  ];

  for (const c of cases) {
    it(c.pattern, () => {
      const dir = scratch('docs');
      const name = path.basename(c.file);
      fs.writeFileSync(path.join(dir, name), original(c.file));
      const r = runCli(['--fix', name], { cwd: dir });
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      assert.equal(fs.readFileSync(path.join(dir, name), 'utf8'), edited(original(c.file), c.edits));
    });
  }

  it('over every documentation file of the corpus, --fix touches exactly the lines labelled missing-relabel', () => {
    const entries = JSON.parse(fs.readFileSync(path.join(corpus, 'manifests', 'docs.json'), 'utf8')) as CorpusEntry[];
    const dir = scratch('all');
    for (const e of entries) fs.cpSync(path.join(corpus, 'files', e.file), path.join(dir, e.file));
    runCli(['--fix', '.'], { cwd: dir });
    for (const e of entries) {
      const before = original(e.file).split('\n');
      const after = fs.readFileSync(path.join(dir, e.file), 'utf8').split('\n');
      assert.equal(after.length, before.length, e.file);
      const changed = before.flatMap((l, i) => (l === after[i] ? [] : [i + 1]));
      const wanted = [...new Set(e.mounts.filter((m) => m.expected === 'missing-relabel' && !m.sensitive_subpath).map((m) => m.line))].sort((a, b) => a - b);
      assert.deepEqual(changed, wanted, e.file);
    }
  });
});
