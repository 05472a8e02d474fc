import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixtures, runCli, useScratch, type CliResult } from './cli';

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

describe('cli: output formats', () => {
  it('text: one compiler-style line per finding, summary on stderr', () => {
    const r = runCli(['project/compose.yaml']);
    assert.equal(r.code, 1);
    // The messages are the core's; the CLI owns the frame around them.
    const findings = JSON.parse(runCli(['--format', 'json', 'project/compose.yaml']).stdout) as JsonFinding[];
    const message = (i: number): string => findings[i].message;
    assert.match(message(0), /^Bind mount of \.\/data into \/data has no SELinux relabel option/);
    assert.deepEqual(r.stdout.split('\n'), [
      `project/compose.yaml:5:9: warning: ${message(0)} [missing-relabel]`,
      `project/compose.yaml:6:9: warning: ${message(1)} [missing-relabel]`,
      `project/compose.yaml:8:9: info: ${message(2)} [system-path-mount]`,
      '',
    ]);
    assert.equal(r.stderr, '3 problems (0 errors, 2 warnings, 1 info) in 1 file checked\n');
  });

  it('text: paths under a directory given are joined to it as given', () => {
    const r = runCli(['./project/'], { cwd: fixtures });
    const files = new Set(r.stdout.trim().split('\n').map((l) => l.split(':')[0]));
    assert.deepEqual([...files], ['project/compose.yaml', 'project/overrides/hwaccel.yml']);
    assert.equal(r.stderr, '4 problems (0 errors, 3 warnings, 1 info) in 3 files checked\n');
  });

  it('json: findings with 1-based ranges and every fix with its edits', () => {
    const r = runCli(['--format', 'json', 'project/compose.yaml']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout);
    assert.equal(out.length, 3);
    assert.deepEqual(
      out.map((f: JsonFinding) => [f.ruleId, f.line]),
      [['missing-relabel', 5], ['missing-relabel', 6], ['system-path-mount', 8]],
    );
    const data = out[0];
    assert.match(data.message, /^Bind mount of \.\/data into \/data has no SELinux relabel option/);
    assert.deepEqual(
      { ...data, message: undefined, fixes: undefined },
      {
        file: 'project/compose.yaml',
        ruleId: 'missing-relabel',
        severity: 'warning',
        message: undefined,
        line: 5,
        column: 9,
        endLine: 5,
        endColumn: 15,
        fixes: undefined,
      },
    );
    assert.match(data.fixes[0].title, /^Add :Z\b/);
    assert.deepEqual(data.fixes[0], {
      title: data.fixes[0].title,
      safe: true,
      isPreferred: true,
      edits: [{ line: 5, column: 21, endLine: 5, endColumn: 21, newText: ':Z' }],
    });
    // The preferred fix first, the other relabel, then the suppression comment.
    assert.deepEqual(
      data.fixes.map((f: { safe: boolean; edits: { newText: string }[] }) => [f.edits[0].newText, f.safe]),
      [
        [':Z', true],
        [':z', false],
        ['      # selinux-mounts ignore=missing-relabel\n', false],
      ],
    );
    assert.deepEqual(out[1].fixes[0].edits, [{ line: 6, column: 27, endLine: 6, endColumn: 27, newText: ',Z' }]);
  });

  it('json: columns count UTF-16 code units', () => {
    const text = 'services:\n  app:\n    volumes: ["./é😀:/a:Z", "./b:/b"]\n';
    const r = runCli(['--format', 'json', '--stdin-filename', 'compose.yaml', '-'], { input: text });
    const [f] = JSON.parse(r.stdout);
    const line = text.split('\n')[2];
    assert.deepEqual([f.line, f.column, f.endColumn], [3, line.indexOf('./b') + 1, line.indexOf('./b') + 4]);
  });

  describe('sarif', () => {
    const scratch = useScratch();
    const pkg = require('../../package.json') as { version: string };
    let r: CliResult;
    let log: any, run: any; // SARIF read as plain JSON
    before(() => {
      r = runCli(['--format', 'sarif', 'project'], { cwd: fixtures });
      log = JSON.parse(r.stdout);
      run = log.runs[0];
    });

    it('is SARIF 2.1.0 with the tool, its version and every rule with help', () => {
      assert.equal(r.code, 1);
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema, /sarif-2\.1\.0/);
      assert.equal(log.runs.length, 1);
      assert.equal(run.tool.driver.name, 'selinux-mounts');
      assert.equal(run.tool.driver.version, pkg.version);
      assert.match(run.tool.driver.informationUri, /^https:\/\//);
      assert.equal(run.columnKind, 'utf16CodeUnits');
      const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
      for (const id of ['missing-relabel', 'relabel-system-path', 'system-path-mount']) assert.ok(ids.includes(id), id);
      for (const rule of run.tool.driver.rules) {
        assert.ok(rule.shortDescription.text, rule.id);
        assert.equal(rule.helpUri, `https://github.com/selinux-mounts/selinux-mounts/blob/main/docs/rules/${rule.id}.md`);
        assert.ok(rule.help.text.includes(rule.helpUri), rule.id);
        assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
      }
    });

    it('results point at their rule and carry 1-based regions in relative URIs', () => {
      assert.equal(run.results.length, 4);
      for (const result of run.results) {
        assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
        assert.ok(result.message.text);
      }
      const [data] = run.results;
      assert.equal(data.ruleId, 'missing-relabel');
      assert.equal(data.level, 'warning');
      assert.deepEqual(data.locations[0].physicalLocation, {
        artifactLocation: { uri: 'project/compose.yaml', uriBaseId: 'SRCROOT' },
        region: { startLine: 5, startColumn: 9, endLine: 5, endColumn: 15 },
      });
      const sock = run.results.find((x: { ruleId: string }) => x.ruleId === 'system-path-mount');
      assert.equal(sock.level, 'note');
      assert.equal(run.results[3].locations[0].physicalLocation.artifactLocation.uri, 'project/overrides/hwaccel.yml');
      assert.match(run.originalUriBaseIds.SRCROOT.uri, /^file:\/\/.*\/$/);
    });

    it('fixes carry the relabel edits, never the ignore comment', () => {
      const [data] = run.results;
      assert.match(data.fixes[0].description.text, /^Add :Z\b/);
      assert.deepEqual(data.fixes[0], {
        description: data.fixes[0].description,
        artifactChanges: [
          {
            artifactLocation: { uri: 'project/compose.yaml', uriBaseId: 'SRCROOT' },
            replacements: [
              {
                deletedRegion: { startLine: 5, startColumn: 21, endLine: 5, endColumn: 21 },
                insertedContent: { text: ':Z' },
              },
            ],
          },
        ],
      });
      assert.deepEqual(
        data.fixes.map((f: { artifactChanges: { replacements: { insertedContent: { text: string } }[] }[] }) => f.artifactChanges[0].replacements[0].insertedContent.text),
        [':Z', ':z'],
      );
      const fixes = run.results.flatMap((x: { fixes?: object[] }) => x.fixes ?? []);
      assert.ok(!JSON.stringify(fixes).includes('selinux-mounts ignore='));
      const sock = run.results.find((x: { ruleId: string }) => x.ruleId === 'system-path-mount');
      assert.ok(!/:[zZ]\b/.test(JSON.stringify(sock.fixes ?? [])), 'no relabel proposed for the docker socket');
    });

    it('files outside the working directory get file URIs', () => {
      const file = path.join(fixtures, 'project', 'compose.yaml');
      const out = JSON.parse(runCli(['--format', 'sarif', file], { cwd: scratch('elsewhere') }).stdout);
      const { artifactLocation } = out.runs[0].results[0].locations[0].physicalLocation;
      assert.deepEqual(artifactLocation, { uri: pathToFileURL(file).href });
    });
  });
});
