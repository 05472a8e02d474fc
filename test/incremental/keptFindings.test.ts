// The findings of the runs an edit leaves alone stay the same objects from the first edit after
// open on, moved where their runs now lie: the server keeps the Diagnostic made of each (and its
// JSON), so a keystroke converts and sends only what it changed. The first edit after a whole
// reading places every compose service (and a Dockerfile's first move places each instruction):
// their findings move onto the placed runs instead of the rules checking them again.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AnalysisCache, analyze, ComposeProjects, type AnalysisResult, type Finding } from '../../server/src/core';
import { analyzeInProject, at, memoryFiles, projectTexts } from '../helpers/composeProjects';

const root = path.resolve(__dirname, '../..');

function where(finding: Finding): [string, number, number] {
  return [finding.ruleId, finding.span.start, finding.span.end];
}

/** Findings of `after` that are objects of `before`, and the fresh analysis's spans for all of `after`. */
function compare(before: AnalysisResult, after: AnalysisResult, text: string, fileName: string): { kept: number; total: number } {
  const fresh = analyze(text, { fileName });
  assert.deepEqual(after.findings.map(where), fresh.findings.map(where), 'the kept findings lie where a fresh analysis puts them');
  const old = new Set(before.findings);
  return { kept: after.findings.filter((f) => old.has(f)).length, total: after.findings.length };
}

describe('kept findings stay the same objects', () => {
  it('compose: the first edit after open re-checks only the service it touched, a line above moves them all', () => {
    // groupsky/homy: 64 services, 35 findings (provenance: test/fixtures/compose-projects/README.md).
    const fileName = 'docker-compose.yml';
    const text = readFileSync(path.join(root, 'test/fixtures/compose-projects/homy/docker-compose.yml'), 'utf8');
    const cache = new AnalysisCache();
    const opened = analyze(text, { fileName, cache });
    assert.ok(opened.findings.length >= 30, 'a file with findings in many services');

    // Typed into the container path of the last flagged mount (its host path is shared: the
    // sharing services' preferred relabel would follow): only that service is read again.
    const last = opened.findings[opened.findings.length - 1];
    const at = text.indexOf(':/', last.span.start) + 2;
    const typed = text.slice(0, at) + 'x' + text.slice(at);
    const first = analyze(typed, { fileName, cache });
    const onFirst = compare(opened, first, typed, fileName);
    const touched = opened.findings.filter((f) => f.run?.name === last.run?.name).length;
    assert.equal(onFirst.kept, onFirst.total - touched, 'every finding of the other services is the one made on open');

    // A comment line above `services:` moves every service: none is read or checked again.
    const moved = '# a note\n' + typed;
    const firstStart = first.findings[0].span.start;
    const second = analyze(moved, { fileName, cache });
    const onSecond = compare(first, second, moved, fileName);
    assert.equal(onSecond.kept, onSecond.total, 'every finding moved, none made again');
    // The same object as the first edit's: its span reads where its run lies now.
    assert.equal(second.findings[0].span.start, firstStart + '# a note\n'.length);
  });

  it('compose in a project: runs the project changes (.env values in their paths) move with their services', () => {
    // immich-app/immich: `${UPLOAD_LOCATION}` and `${DB_DATA_LOCATION}` from docker/.env (test/fixtures/compose-projects/README.md).
    const files = projectTexts('immich');
    const file = at('immich', 'docker/docker-compose.yml');
    const projects = new ComposeProjects(memoryFiles(files));
    const cache = new AnalysisCache();
    const check = (text: string): AnalysisResult => {
      files.set(file, text);
      const result = analyze(text, { fileName: file, cache, project: projects.viewFor(file, text) });
      assert.deepEqual(result.findings.map(where), analyzeInProject(files, file).findings.map(where));
      return result;
    };
    const text = files.get(file)!;
    const opened = check(text);
    assert.ok(opened.findings.some((f) => f.message.includes('.env')), 'a finding whose path comes from .env');
    // Lines above the services, then typed into the first service: every service moves, twice.
    let now = check('# one\n' + text);
    now = check('# one\n# two\n' + text);
    const at2 = now.findings[0].span.start;
    check(files.get(file)!.slice(0, at2) + 'x' + files.get(file)!.slice(at2));
  });

  it('compose: an edit to a bind declared in top-level volumes re-reads the services that use it', () => {
    // AxonIQ/running-axon-server: named volumes bound to ${PWD}/... folders (test/fixtures/compose-projects/README.md).
    const fileName = 'docker-compose.yml';
    const text = readFileSync(path.join(root, 'test/fixtures/compose-projects/running-axon-server/2-docker/3-docker-compose-ee/docker-compose.yml'), 'utf8');
    const cache = new AnalysisCache();
    const opened = analyze(text, { fileName, cache });
    assert.equal(opened.findings.length, 12);
    const at = text.indexOf('${PWD}/data1') + '${PWD}/data1'.length;
    const edited = text.slice(0, at) + '-x' + text.slice(at);
    const after = analyze(edited, { fileName, cache });
    compare(opened, after, edited, fileName);
    assert.deepEqual(after.findings.map((f) => f.message), analyze(edited, { fileName }).findings.map((f) => f.message));
    assert.ok(after.findings.some((f) => f.message.includes('${PWD}/data1-x')));
  });

  it('Dockerfile: instructions moved by an edit above keep their findings', () => {
    // astral-sh/uv-docker-example (provenance: test/corpus/manifests/).
    const fileName = 'Dockerfile';
    const text = readFileSync(path.join(root, 'test/corpus/files/astral-sh__uv-docker-example/multistage.Dockerfile'), 'utf8');
    const cache = new AnalysisCache();
    const opened = analyze(text, { fileName, cache });
    assert.equal(opened.findings.length, 2);
    // On the same lines: a RUN's own run is named after its line.
    const at = text.indexOf('WORKDIR /app') + 'WORKDIR /app'.length;
    const edited = text.slice(0, at) + '/src' + text.slice(at);
    const after = analyze(edited, { fileName, cache });
    const { kept, total } = compare(opened, after, edited, fileName);
    assert.equal(kept, total, 'both findings moved with their RUN');
  });
  it('compose: services merging one volume list (<<: *netbox) report its mount once, edit after edit', () => {
    // netbox-community/netbox-docker (test/fixtures/compose-projects/README.md): three services share `netbox`'s `volumes:`.
    const fileName = 'docker-compose.yml';
    const real = readFileSync(path.join(root, 'test/fixtures/compose-projects/netbox-docker/docker-compose.yml'), 'utf8');
    const mount = './configuration:/etc/netbox/config:z,ro';
    assert.ok(real.includes(mount));
    const cache = new AnalysisCache();
    analyze(real, { fileName, cache });
    // The relabel taken off: each of the three services reports the mount, at one place.
    let text = real.replace(mount, './configuration:/etc/netbox/config:ro');
    const at = text.indexOf('./configuration');
    const texts = [text];
    // Then typing in another service, and above every service.
    const typed = text.indexOf('start_period: 20s') + 'start_period: 2'.length;
    texts.push((text = text.slice(0, typed) + '5' + text.slice(typed)));
    texts.push((text = '# netbox\n' + text));
    texts.push(text);
    for (const t of texts) {
      const kept = analyze(t, { fileName, cache });
      const fresh = analyze(t, { fileName });
      assert.deepEqual(kept.findings.map(where), fresh.findings.map(where), 'the incremental analysis reports what a fresh one does');
      const start = at + (t.startsWith('# netbox') ? '# netbox\n'.length : 0);
      assert.equal(kept.findings.filter((f) => f.ruleId === 'missing-relabel' && f.span.start === start).length, 1, 'one finding for the three services');
    }
  });
  it('compose: a pasted CRLF line changes the line break every kept fix writes', () => {
    // containers/podman-compose (test/fixtures/compose-projects/README.md): long-syntax binds, whose fix adds a `bind:` block.
    const fileName = 'docker-compose.yml';
    const text = readFileSync(path.join(root, 'test/fixtures/compose-projects/podman-compose-long-syntax/tests/integration/vol/long_syntax/docker-compose.yml'), 'utf8');
    const cache = new AnalysisCache();
    const fixTexts = (r: AnalysisResult): string[] => r.findings.flatMap((f) => f.fixes.flatMap((x) => x.edits.map((e) => e.newText)));
    assert.ok(fixTexts(analyze(text, { fileName, cache })).some((t) => t.includes('bind:\n')));
    const edited = text.indexOf('  create_host_path_false:');
    for (const t of [text.slice(0, edited) + '  # pasted\r\n' + text.slice(edited), text.replace('# default is to always create', '# default: always create')]) {
      const kept = fixTexts(analyze(t, { fileName, cache }));
      assert.deepEqual(kept, fixTexts(analyze(t, { fileName })), 'the fixes write what a fresh analysis writes');
    }
  });
});
