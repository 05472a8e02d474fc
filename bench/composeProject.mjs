// Times what a compose project adds to the analysis of an edit (docs/compose-projects.md): the
// editor's loop (a per-document AnalysisCache, two alternating texts as an edit makes) on a base
// file, alone and with its project view built for each edit (override, include, extends file and
// .env read through an in-memory reader, as the server reads open documents). Both are measured
// in the same run; the ratio is the figure. Run by hand: `node bench/composeProject.mjs`. Asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { bundleCore, median } from './common.mjs';

const service = (i, extra = []) => [
  `  svc${i}:`,
  `    image: registry.example.com/app/svc${i}:1.0`,
  ...extra,
  `    volumes:`,
  `      - ./data/svc${i}:/var/lib/svc`,
  `      - ./conf/svc${i}:/etc/svc:ro`,
  `      - ./cache/svc${i}:/cache:Z`,
  `      - ./shared:/shared:z,ro`,
  `      - \${DATA_DIR}/svc${i}:/dyn`,
  `      - named${i % 20}:/var/named`,
];

/** A project of `n` services: compose.yaml (including inc/compose.yaml, extending common.yml), its override, and .env. */
function project(n) {
  const dir = '/bench/project';
  const base = ['include:', '  - path: ./inc/compose.yaml', 'services:'];
  for (let i = 0; i < n; i++) base.push(...service(i, i % 10 === 0 ? ['    extends:', '      file: common.yml', `      service: common${i}`] : []));
  const override = ['services:'];
  for (let i = 0; i < n; i += 3) override.push(...service(i, i % 9 === 0 ? ['    privileged: true'] : []).slice(0, 4));
  const common = ['services:'];
  for (let i = 0; i < n; i += 10) common.push(...service(i).map((l) => l.replace(`svc${i}:`, `common${i}:`)));
  const inc = ['services:'];
  for (let i = 0; i < n / 4; i++) inc.push(...service(i).map((l) => l.replace(`svc${i}:`, `inc${i}:`)));
  const files = new Map([
    [`${dir}/compose.yaml`, base.join('\n') + '\n'],
    [`${dir}/compose.override.yaml`, override.join('\n') + '\n'],
    [`${dir}/common.yml`, common.join('\n') + '\n'],
    [`${dir}/inc/compose.yaml`, inc.join('\n') + '\n'],
    [`${dir}/.env`, 'DATA_DIR=./volumes\n'],
  ]);
  return { files, path: `${dir}/compose.yaml` };
}


async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'selinux-mounts-bench-'));
  const corePath = path.join(dir, 'core.cjs');
  try {
    await bundleCore(corePath);
    const { analyze, AnalysisCache, ComposeProjects } = createRequire(import.meta.url)(corePath);
    console.log(`node ${process.version}, ${cpus()[0]?.model ?? '?'} x${cpus().length}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log('| base file | services | alone (ms/edit) | with its project (ms/edit) | ratio | findings alone / with project |');
    console.log('|---|---|---|---|---|---|');
    for (const n of [30, 250]) {
      const { files, path: file } = project(n);
      const texts = [files.get(file), files.get(file) + '# edited\n'];
      const projects = new ComposeProjects({ read: (p) => files.get(p) });
      const runs = {
        alone: { cache: new AnalysisCache(), options: () => ({}) },
        project: { cache: new AnalysisCache(), options: (text) => ({ project: projects.viewFor(file, text) }) },
      };
      const samples = { alone: [], project: [] };
      let sink = 0;
      const rounds = n > 100 ? 31 : 101;
      // Interleaved, so that load on the machine falls on both alike.
      for (let r = 0; r < rounds; r++) {
        for (const name of ['alone', 'project']) {
          const text = texts[r % 2];
          const { cache, options } = runs[name];
          const t0 = performance.now();
          sink += analyze(text, { fileName: file, cache, ...options(text) }).findings.length;
          if (r >= 3) samples[name].push(performance.now() - t0);
        }
      }
      const alone = median(samples.alone);
      const withProject = median(samples.project);
      const found = (name) => analyze(texts[0], { fileName: file, ...runs[name].options(texts[0]) }).findings.length;
      console.log(`| ${texts[0].split('\n').length} lines | ${n} | ${alone.toFixed(2)} | ${withProject.toFixed(2)} | ${(withProject / alone).toFixed(2)} | ${found('alone')} / ${found('project')} |`);
      if (sink < 0) console.log(sink);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
