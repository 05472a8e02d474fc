// `fixes: false` (the CLI's text reports) skips building fixes: every other part of the result
// must be what a full analysis gives, over every file the project keeps and generated ones.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, AnalysisCache, type AnalysisResult, type AnalyzeOptions } from '../../server/src/core';
import { composeFile, shellScript } from '../property/generators';
import { runParameters } from '../property/properties';

const repoRoot = path.resolve(__dirname, '..', '..');

/** Every file under the examples, fixtures and corpus (the core picks those it reads by name or content). */
function keptFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (fs.statSync(full).size < 200_000) out.push(full);
    }
  };
  ['examples', 'test/fixtures', 'test/corpus/files'].forEach((d) => walk(path.join(repoRoot, d)));
  return out;
}

/** A result without its fixes and model references: what a report without fixes prints. */
function withoutFixes(result: AnalysisResult): unknown {
  const plain = (findings: AnalysisResult['findings'] = []) => findings.map(({ fixes: _fixes, mount: _mount, run: _run, ...rest }) => rest);
  return { kind: result.kind, findings: plain(result.findings), suppressed: plain(result.suppressed), unused: result.unusedSuppressions, notice: result.notice };
}

/** Checks one text; returns the full result. */
function assertSameWithoutFixes(text: string, options: AnalyzeOptions): AnalysisResult {
  const full = analyze(text, options);
  const bare = analyze(text, { ...options, fixes: false });
  assert.deepEqual(withoutFixes(bare), withoutFixes(full));
  for (const f of [...bare.findings, ...(bare.suppressed ?? [])]) assert.deepEqual(f.fixes, []);
  return full;
}

describe('analysis without fixes', () => {
  const files = keptFiles();

  it('equals the full analysis, fixes aside, for every kept file', () => {
    let withFindings = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const full = assertSameWithoutFixes(text, { fileName: file, byContent: true });
      if (full.findings.some((f) => f.fixes.length > 0)) withFindings++;
    }
    // The comparison means something only if many of them have fixes to leave out.
    assert.ok(withFindings > 50, `${withFindings} files with fixes`);
  });

  it('equals the full analysis, fixes aside, for generated compose files and scripts', () => {
    fc.assert(fc.property(composeFile, (t) => void assertSameWithoutFixes(t, { fileName: 'compose.yaml' })), runParameters(150));
    fc.assert(fc.property(shellScript, (t) => void assertSameWithoutFixes(t, { fileName: 'run.sh' })), runParameters(150));
  });

  it('is ignored with a cache: an editor reuses its findings for code actions', () => {
    const text = 'services:\n  app:\n    image: x\n    volumes:\n      - ./data:/data\n';
    const result = analyze(text, { fileName: 'compose.yaml', fixes: false, cache: new AnalysisCache() });
    assert.deepEqual(
      result.findings[0].fixes.map((f) => f.title),
      ['Add :Z (private label, this container only)', 'Add :z (shared label, every container)', 'Ignore missing-relabel on this line'],
    );
  });
});
