// Real scripts from the project's corpus (test/corpus/files, each kept with its repository and
// commit in manifests/shell.json) for the ways scripts keep the engine and the mount spec: each
// with the text its preferred fixes give, compared byte for byte by the CLI and LSP suites.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const corpusFiles = path.resolve(__dirname, '..', 'corpus', 'files');

export interface ShellPattern {
  pattern: string;
  /** Under test/corpus/files. */
  file: string;
  /** [written, fixed] pairs: the whole fixed file is the original with each replaced once. */
  fixes: [string, string][];
}

export const shellPatterns: ShellPattern[] = [
  {
    pattern: 'the engine in a variable holding "sudo -A docker" or podman',
    file: 'aravindhv10__burn_experiments/host.image_names.sh',
    fixes: [
      ['-v "$(realpath .):/data"', '-v "$(realpath .):/data:Z"'],
      ['-v "$(realpath .)/cache:/root/.cache"', '-v "$(realpath .)/cache:/root/.cache:Z"'],
    ],
  },
  {
    pattern: 'the engine in a variable set by if/else',
    file: 'aleph-im__aleph-client/scripts/build-and-shell.sh',
    fixes: [['-v "$(pwd)":/opt/aleph-client', '-v "$(pwd)":/opt/aleph-client:Z']],
  },
  {
    pattern: 'docker compose -f … --env-file … run -v',
    file: 'xtuml__munin/bin/test.sh',
    fixes: [['-v /${PWD}:/work', '-v /${PWD}:/work:Z']],
  },
  {
    pattern: 'a whole docker compose run kept in a variable: fixed where it is written',
    file: 'xtuml__munin/models/SequenceVerificationDataCentric/test1.sh',
    fixes: [['-v /${PWD}:/work run"', '-v /${PWD}:/work:Z run"']],
  },
  {
    pattern: 'a mount spec in an array element: fixed in the array',
    file: 'org101org101__buildkite-playground/docker-run.sh',
    fixes: [['--volume "$PWD:/workspace"', '--volume "$PWD:/workspace:Z"']],
  },
  {
    pattern: 'a variable holding a volume name ("${APP_NAME}-db-data") is no bind',
    file: 'JinayJain__strand/scripts/start-db.sh',
    fixes: [],
  },
];

export function readPattern(p: ShellPattern): { text: string; fixed: string } {
  const text = fs.readFileSync(path.join(corpusFiles, p.file), 'utf8');
  let fixed = text;
  for (const [from, to] of p.fixes) {
    if (fixed.split(from).length !== 2) throw new Error(`${p.file}: "${from}" is not written exactly once`);
    fixed = fixed.replace(from, () => to);
  }
  return { text, fixed };
}
