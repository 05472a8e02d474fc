// Files the parser had to recover from (a syntax error): findings stand, fixes are offered for
// review, none is applied unreviewed. Both cases were found by test/property (fix-all idempotence
// and fix-all against one fix at a time); each input below is the shrunk counterexample.
import assert from 'node:assert/strict';
import { analyze, fixAll, type AnalyzeOptions } from '../../server/src/core';

function assertFixesOfferedNotApplied(text: string, options: AnalyzeOptions): void {
  const [finding] = analyze(text, options).findings;
  assert.equal(finding?.ruleId, 'missing-relabel');
  assert.ok(finding.fixes.some((f) => !f.suppression), 'a relabel fix is still offered');
  assert.deepEqual(finding.fixes.filter((f) => f.safe), []);
  assert.equal(fixAll(text, options).text, text);
}

describe('recovered files: no unreviewed fix', () => {
  it('compose: `target: /:` nests a map the `bind:` key then misses (the fix never took effect)', () => {
    const text = 'services:\n  app:\n    image: img:1\n    volumes:\n      - type: bind\n        source: ./data\n        target: /:\n      - *shared\n';
    assert.equal(analyze(text.replace('/:', '/data'), { fileName: 'compose.yaml' }).findings[0].fixes[0].safe, true, 'valid YAML: safe');
    assertFixesOfferedNotApplied(text, { fileName: 'compose.yaml' });
  });

  it('shell: after a `${{` syntax error, one fix made tree-sitter drop the next command', () => {
    const text = 'docker run -v "${{ github.workspace }}/😀𝔘aaa😀/a𝔘a🚀:/data:ro,U" --rm alpine && docker run --mount type=bind,source=$PWD,target=/é alpine\n';
    const valid = text.replace('${{ github.workspace }}', '$PWD');
    assert.deepEqual(analyze(valid, { fileName: 'run.sh' }).findings.map((f) => f.fixes[0].safe), [true, true], 'valid script: safe');
    assertFixesOfferedNotApplied(text, { fileName: 'run.sh' });
  });

  it('shell: `"$PWD":/$é`, which tree-sitter splits in two with no error node (the fix landed inside the word)', () => {
    const text = 'docker run -v "$PWD":/$é --rm alpine\ndocker run --rm alpine\n';
    assertFixesOfferedNotApplied(text, { fileName: 'run.sh' });
    assert.equal(analyze('docker run -v "$PWD":/$x --rm alpine\n', { fileName: 'run.sh' }).findings[0].fixes[0].safe, true, 'ASCII: safe');
  });

  it('shell: a word ending in a bare `$` (`"$PWD":/$`), which tree-sitter splits once `:z` follows it', () => {
    assertFixesOfferedNotApplied('docker run -v "$PWD":/$ --rm alpine\n', { fileName: 'run.sh' });
  });
});

describe('docker --mount rewritten as -v', () => {
  it("keeps a `$` that single quotes made literal literal (it was rewritten into double quotes, where it expands)", () => {
    const text = "docker run --mount 'type=bind,source=${{ github.workspace }},target=/data' alpine\n";
    const [finding] = analyze(text, { fileName: 'run.sh' }).findings;
    const [rewrite] = finding.fixes;
    assert.equal(rewrite.safe, false);
    assert.deepEqual(
      rewrite.edits.map((e) => e.newText),
      ["-v '${{ github.workspace }}:/data:Z'"],
    );
    assert.equal(fixAll(text, { fileName: 'run.sh' }).text, text);
  });

  it('keeps a `$` that a backslash made literal literal', () => {
    const text = 'docker run --mount "type=bind,source=\\${{ github.workspace }},target=/data" alpine\n';
    const [rewrite] = analyze(text, { fileName: 'run.sh' }).findings[0].fixes;
    assert.deepEqual([rewrite.safe, rewrite.edits.map((e) => e.newText)], [false, ["-v '${{ github.workspace }}:/data:Z'"]]);
  });

  it('keeps a bare relative bind source a path (`-v data:/x` would name a volume), for review', () => {
    const text = 'docker run --mount type=bind,source=pgdata,target=/data alpine\n';
    const [rewrite] = analyze(text, { fileName: 'run.sh' }).findings[0].fixes;
    assert.deepEqual([rewrite.safe, rewrite.edits.map((e) => e.newText)], [false, ['-v ./pgdata:/data:Z']]);
  });
});
