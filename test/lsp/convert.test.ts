// A kept finding's Diagnostic is sent again only while its range is where the finding lies now:
// convert.ts checks that from the line starts, without searching the lines. Random edits over real
// files (line breaks, CRLF, edits on the finding's own line and the line before) compare every
// Diagnostic's range with the one a fresh conversion of the offsets gives, and the publish's bytes
// with JSON.stringify's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, analyze } from '../../server/src/core';
import { toDiagnostic, toDiagnostics, toRange } from '../../server/src/lsp/convert';
import { encode } from '../../server/src/lsp/diagnosticsEncoder';
import { random, realFiles } from '../helpers/realFiles';

const pieces = ['\n', '\r\n', 'x', ' ', ':z', '\n\n', ''];

describe('lsp: Diagnostics of kept findings', () => {
  it('lie where their findings lie after every edit', () => {
    const files = realFiles((name) => /compose.*\.ya?ml$/i.test(name) || name === 'Dockerfile', 100_000).slice(0, 30);
    assert.ok(files.length >= 10, 'real files to edit');
    const next = random(20261203);
    let kept = 0;
    for (const file of files) {
      for (const eol of ['\n', '\r\n']) {
        const fileName = file.name.endsWith('Dockerfile') ? 'Dockerfile' : 'compose.yaml';
        const doc = TextDocument.create('file:///x/' + fileName, '', 1, file.text.replace(/\r?\n/g, eol));
        const cache = new AnalysisCache();
        let last = new Set<object>();
        for (let i = 0; i < 25; i++) {
          const { findings } = analyze(doc.getText(), { fileName, cache });
          const diagnostics = toDiagnostics(doc, findings);
          findings.forEach((f, k) => assert.deepEqual(diagnostics[k].range, toRange(doc, f.span), `${file.name}, edit ${i}`));
          findings.forEach((f, k) => assert.equal(diagnostics[k].message, f.message));
          // The stdio encoder copies the runs of Diagnostics the last publish had: the bytes are JSON.stringify's.
          const push = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: doc.uri, version: doc.version, diagnostics } };
          assert.equal(encode(push, 'utf-8').toString('utf8'), JSON.stringify(push), `${file.name}, edit ${i}`);
          kept += diagnostics.filter((d) => last.has(d)).length;
          last = new Set(diagnostics);
          // Near a finding half the time: on its line, just before it, or at its line's start.
          const text = doc.getText();
          const near = findings.length > 0 && next() < 0.5 ? findings[Math.floor(next() * findings.length)].span.start - Math.floor(next() * 3) : Math.floor(next() * text.length);
          const at = Math.max(0, Math.min(text.length, near));
          const removed = next() < 0.3 ? Math.floor(next() * 3) : 0;
          const range = { start: doc.positionAt(at), end: doc.positionAt(Math.min(text.length, at + removed)) };
          TextDocument.update(doc, [{ range, text: pieces[Math.floor(next() * pieces.length)] }], doc.version + 1);
        }
      }
    }
    assert.ok(kept > 50, 'Diagnostics of kept findings were sent again');
  });

  it('are made again when the old position would only clamp onto the offset', () => {
    // A kept finding's span moves in place (runFindings.ts): here it ends at its line's end, and
    // a character before it is deleted, so the old end (line 1, character 14) clamps onto the new
    // end offset, and one past the line's end lands on the next line's start.
    const doc = TextDocument.create('file:///x/compose.yaml', 'dockercompose', 1, 'services:\n  - ./data:/data\n  x\n');
    const finding = { ruleId: 'missing-relabel', messageId: 'm', message: 'm', severity: 'warning' as const, span: { start: 12, end: 26 }, fixes: [] };
    const first = toDiagnostic(doc, finding);
    assert.deepEqual(first.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 16 } });
    TextDocument.update(doc, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 5 } }, text: '' }], 2);
    finding.span = { start: 12, end: 25 };
    assert.deepEqual(toDiagnostic(doc, finding).range, { start: { line: 1, character: 2 }, end: { line: 1, character: 15 } });
    finding.span = { start: 12, end: 26 };
    assert.deepEqual(toDiagnostic(doc, finding).range, { start: { line: 1, character: 2 }, end: { line: 2, character: 0 } });
    assert.equal(toDiagnostic(doc, { ...finding }).range.end.line, 2, 'a finding never converted gets its range from the offsets');
  });

  it('are made again when an edit just before their line moves its start, the line count kept', () => {
    // `b\n` becomes `\nb`: as many lines, the text after the edit where it was, but the finding's
    // line now starts one character earlier.
    const doc = TextDocument.create('file:///x/compose.yaml', 'dockercompose', 1, 'aa\nbb\ncc');
    const finding = { ruleId: 'missing-relabel', messageId: 'm', message: 'm', severity: 'warning' as const, span: { start: 6, end: 8 }, fixes: [] };
    const before = { ...finding, span: { start: 0, end: 2 } };
    assert.deepEqual(toDiagnostics(doc, [before, finding])[1].range, { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } });
    TextDocument.update(doc, [{ range: { start: { line: 1, character: 1 }, end: { line: 2, character: 0 } }, text: '\nb' }], 2);
    const [first, moved] = toDiagnostics(doc, [before, finding]);
    assert.deepEqual(moved.range, { start: { line: 2, character: 1 }, end: { line: 2, character: 3 } });
    assert.deepEqual(first.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } });
  });
  it('after a keystroke, keep the Diagnostics of other lines and move those of its line', () => {
    // groupsky/homy (test/fixtures/compose-projects/README.md): typed into a host path one service mounts, then into a comment.
    const text = readFileSync(path.join(__dirname, '../fixtures/compose-projects/homy/docker-compose.yml'), 'utf8');
    const doc = TextDocument.create('file:///x/docker-compose.yml', 'dockercompose', 1, text);
    const cache = new AnalysisCache();
    const fileName = 'docker-compose.yml';
    const opened = analyze(text, { fileName, cache }).findings;
    toDiagnostics(doc, opened);
    const alone = opened.find((f) => f.ruleId === 'missing-relabel' && text.split(text.slice(f.span.start, f.span.end)).length === 2)!;
    const comment = text.indexOf('  # Manualy run with') + '  # Manualy'.length;
    assert.ok(comment > 100);
    for (const at of [alone.span.start + 1, comment]) {
      const beforeFindings = analyze(doc.getText(), { fileName, cache }).findings;
      const before = toDiagnostics(doc, beforeFindings);
      const { line } = doc.positionAt(at);
      TextDocument.update(doc, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at) }, text: 'x' }], doc.version + 1);
      const { findings } = analyze(doc.getText(), { fileName, cache });
      const after = toDiagnostics(doc, findings);
      findings.forEach((f, k) => assert.deepEqual(after[k].range, toRange(doc, f.span), `typed on line ${line}`));
      const others = after.filter((d, k) => d.range.start.line !== line && beforeFindings.includes(findings[k]));
      assert.ok(others.length >= 20 && others.every((d) => before.includes(d)), 'a kept finding off the line typed in keeps its Diagnostic');
      if (at !== comment) assert.ok(after.some((d) => d.range.start.line === line && !before.includes(d)), 'the one on the line typed in is made again');
    }
  });
  it('move a kept finding typed before on its line (two commands on one line)', () => {
    // happyearthbytes/stable_diffusion_playground download.sh (test/corpus/manifests): its `mkdir` and `podman run` lines
    // joined with `; ` by a first edit; then a keystroke in the `mkdir` moves the kept `podman run` on the same line.
    const fileName = 'download.sh';
    const real = readFileSync(path.join(__dirname, '../corpus/files/happyearthbytes__stable_diffusion_playground/download.sh'), 'utf8');
    assert.ok(real.includes('build/download\npodman run'));
    const doc = TextDocument.create('file:///x/download.sh', 'shellscript', 1, real);
    const cache = new AnalysisCache();
    toDiagnostics(doc, analyze(doc.getText(), { fileName, cache }).findings);
    const joined = real.indexOf('build/download\n') + 'build/download'.length;
    TextDocument.update(doc, [{ range: { start: doc.positionAt(joined), end: doc.positionAt(joined + 1) }, text: '; ' }], 2);
    const before = analyze(doc.getText(), { fileName, cache }).findings;
    const sent = toDiagnostics(doc, before);
    assert.ok(sent.length > 0, 'the podman run is flagged');
    TextDocument.update(doc, [{ range: { start: doc.positionAt(joined), end: doc.positionAt(joined) }, text: 's' }], 3);
    const { findings } = analyze(doc.getText(), { fileName, cache });
    assert.ok(findings.some((f) => before.includes(f)), 'the podman run is kept, moved');
    toDiagnostics(doc, findings).forEach((d, k) => assert.deepEqual(d.range, toRange(doc, findings[k].span)));
  });
});
