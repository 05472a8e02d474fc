// The report formats CI systems read: GitHub workflow annotations, GitLab Code Quality, Checkstyle
// XML, SARIF suppressions; and --max-warnings, --report-unused-suppressions.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixtures, runCli, useScratch } from './cli';

interface SarifResult {
  ruleId: string;
  level: string;
  locations: { physicalLocation: { region: { startLine: number } } }[];
  suppressions?: { kind: string; status: string; justification?: string }[];
}

describe('cli: formats for CI', () => {
  const scratch = useScratch();
  /** The project fixture, with a reason on one suppression and a stale one. */
  const suppressedCopy = (): string => {
    const dir = scratch('suppressed');
    fs.mkdirSync(path.join(dir, '.git'));
    const text = fs
      .readFileSync(path.join(fixtures, 'project', 'compose.yaml'), 'utf8')
      .replace('      - ./data:/data\n', '      # selinux-mounts ignore=missing-relabel -- shared with the host on purpose\n      - ./data:/data\n')
      .replace('      - cache:/var/cache/app\n', '      - cache:/var/cache/app # selinux-mounts ignore=missing-relabel\n');
    fs.writeFileSync(path.join(dir, 'compose.yaml'), text);
    return dir;
  };

  it('github: one workflow command per finding, with position and title', () => {
    const r = runCli(['--format', 'github', 'project/compose.yaml']);
    assert.equal(r.code, 1);
    const out = r.stdout.trim().split('\n');
    assert.equal(out.length, 3);
    assert.match(out[0], /^::warning file=project\/compose\.yaml,line=5,col=9,endLine=5,endColumn=15,title=selinux-mounts missing-relabel::Bind mount of \.\/data into \/data has no SELinux relabel option/);
    assert.match(out[2], /^::notice file=project\/compose\.yaml,line=8,col=9,endLine=8,endColumn=29,title=selinux-mounts system-path-mount::/);
  });

  it('github: %, CR, LF escaped in messages, and : , too in properties', () => {
    const dir = scratch('escapes');
    fs.mkdirSync(path.join(dir, '.git'));
    // A file name with the characters that separate properties.
    const name = 'a,b:c%d.compose.yaml';
    fs.writeFileSync(path.join(dir, name), 'services:\n  web:\n    image: x\n    volumes:\n      - "./50%:/data"\n');
    const r = runCli(['--format', 'github', name], { cwd: dir });
    assert.match(r.stdout, /^::warning file=a%2Cb%3Ac%25d\.compose\.yaml,line=5,col=10,/);
    assert.match(r.stdout, /::Bind mount of \.\/50%25 into \/data /);
    assert.equal(r.stdout.trim().split('\n').length, 1);
  });

  it('gitlab: Code Quality JSON with stable fingerprints', () => {
    const r = runCli(['--format', 'gitlab', 'project/compose.yaml']);
    const report = JSON.parse(r.stdout) as { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    assert.deepEqual(
      report.map((x) => [x.check_name, x.severity, x.location.path, x.location.lines.begin]),
      [
        ['missing-relabel', 'minor', 'project/compose.yaml', 5],
        ['missing-relabel', 'minor', 'project/compose.yaml', 6],
        ['system-path-mount', 'info', 'project/compose.yaml', 8],
      ],
    );
    assert.match(report[0].description, /^Bind mount of \.\/data/);
    assert.equal(new Set(report.map((x) => x.fingerprint)).size, 3);
    for (const x of report) assert.match(x.fingerprint, /^[0-9a-f]{64}$/);
    // A line added above moves the findings, not their fingerprints.
    const dir = scratch('moved');
    fs.mkdirSync(path.join(dir, 'project'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'project', 'compose.yaml'), '# a comment added above\n' + fs.readFileSync(path.join(fixtures, 'project', 'compose.yaml'), 'utf8'));
    const moved = JSON.parse(runCli(['--format', 'gitlab', 'project/compose.yaml'], { cwd: dir }).stdout) as typeof report;
    assert.deepEqual(moved.map((x) => x.fingerprint), report.map((x) => x.fingerprint));
    assert.deepEqual(moved.map((x) => x.location.lines.begin), [6, 7, 9]);
  });

  it('checkstyle: XML with every attribute escaped', () => {
    const r = runCli(['--format', 'checkstyle', 'project/compose.yaml']);
    const out = r.stdout.split('\n');
    assert.deepEqual(out.slice(0, 3), ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">', '  <file name="project/compose.yaml">']);
    assert.match(out[3], /^ {4}<error line="5" column="9" severity="warning" message="Bind mount of \.\/data into \/data [^"]*\(&quot;Permission denied&quot;\)[^"]*" source="selinux-mounts\.missing-relabel"\/>$/);
    assert.equal(out.filter((l) => l.includes('<error ')).length, 3);
    assert.deepEqual(out.slice(-3), ['  </file>', '</checkstyle>', '']);
  });

  it('sarif: suppressed results are kept, marked inSource with the reason', () => {
    const dir = suppressedCopy();
    const r = runCli(['--format', 'sarif', '.'], { cwd: dir });
    const results = (JSON.parse(r.stdout) as { runs: { results: SarifResult[] }[] }).runs[0].results;
    const suppressed = results.filter((x) => x.suppressions);
    assert.deepEqual(
      suppressed.map((x) => [x.ruleId, x.locations[0].physicalLocation.region.startLine, x.suppressions]),
      [['missing-relabel', 6, [{ kind: 'inSource', status: 'accepted', justification: 'shared with the host on purpose' }]]],
    );
    assert.equal(results.filter((x) => !x.suppressions).length, 2);
    // Text output shows only what is left.
    assert.equal(runCli(['.'], { cwd: dir }).stdout.trim().split('\n').length, 2);
  });

  it('--report-unused-suppressions: an ignore comment that silences nothing is a warning', () => {
    const dir = suppressedCopy();
    const r = runCli(['--report-unused-suppressions', '.'], { cwd: dir });
    assert.match(r.stdout, /^compose\.yaml:8:54: warning: ignore=missing-relabel silences nothing here: remove it \[unused-suppression\]$/m);
    assert.doesNotMatch(runCli(['.'], { cwd: dir }).stdout, /unused-suppression/);
  });

  describe('--max-warnings', () => {
    it('at most N warnings pass (info findings never fail it)', () => {
      const r = runCli(['--max-warnings', '2', 'project/compose.yaml']);
      assert.equal(r.code, 0, r.stderr);
    });
    it('more than N fail, and say so', () => {
      const r = runCli(['--max-warnings', '1', 'project/compose.yaml']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^selinux-mounts: 2 warnings, more than --max-warnings 1$/m);
    });
    it('an error fails whatever N is', () => {
      assert.equal(runCli(['--max-warnings', '100', '--rule', 'missing-relabel=error', 'project/compose.yaml']).code, 1);
    });
    it('not a number: usage error', () => {
      const r = runCli(['--max-warnings', 'many', 'project/compose.yaml']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--max-warnings expects a number, not 'many'/);
    });
  });
});
