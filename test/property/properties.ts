// The properties every analysis and fix must have, whatever the text, as plain checks that throw
// (fast-check shrinks the text that makes one throw). Used by test/property/*.test.ts.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, applyEdits, fixAll, safeFixEdits, type AnalyzeOptions, type Finding, type Fix } from '../../server/src/core';
import type { Edit, Span } from '../../server/src/core/model';

/**
 * `npm test`: a fixed seed and 200-400 runs per property (2,000 cases). `npm run fuzz` sets FUZZ_RUNS (and a
 * random seed); FC_SEED and FC_PATH, from a failure's report, replay that one case.
 */
const fuzzRuns = Number(process.env.FUZZ_RUNS ?? 0);
const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : fuzzRuns ? (Date.now() ^ (Math.random() * 2 ** 31)) | 0 : 20261202;

export function runParameters(numRuns: number): fc.Parameters<unknown> {
  return { seed, path: process.env.FC_PATH, numRuns: fuzzRuns || numRuns, endOnFailure: !!process.env.FC_PATH };
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** An offset inside the text, neither between the halves of a surrogate pair nor between \r and \n. */
function assertBoundary(text: string, offset: number, what: string): void {
  assert.ok(Number.isInteger(offset) && offset >= 0 && offset <= text.length, `${what}: ${offset} outside 0..${text.length}`);
  if (offset === 0 || offset === text.length) return;
  assert.ok(!(isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset))), `${what}: ${offset} splits a surrogate pair`);
  assert.ok(!(text[offset - 1] === '\r' && text[offset] === '\n'), `${what}: ${offset} splits a CRLF`);
}

function assertSpan(text: string, span: Span, what: string): void {
  assertBoundary(text, span.start, `${what} start`);
  assertBoundary(text, span.end, `${what} end`);
  assert.ok(span.start <= span.end, `${what}: start ${span.start} after end ${span.end}`);
}

const describeFinding = (f: Finding): string => `${f.ruleId}@${f.span.start}-${f.span.end}`;

/** Analysis never throws; every finding's and edit's range is inside the text, on boundaries. */
export function rangesAreSound(text: string, options: AnalyzeOptions): void {
  for (const f of analyze(text, options).findings) {
    assertSpan(text, f.span, describeFinding(f));
    for (const fix of f.fixes) for (const e of fix.edits) assertSpan(text, e, `${describeFinding(f)} fix "${fix.title}" edit`);
  }
}

/** Where `offset` of the text before `edits` is in the text after them. */
function mapOffset(offset: number, edits: readonly Edit[]): number {
  let shift = 0;
  for (const e of edits) {
    if (e.end <= offset && e.start < offset) shift += e.newText.length - (e.end - e.start);
    else if (e.start < offset) return e.start + shift; // inside a replaced range: its start
  }
  return offset + shift;
}

/** The fix `--fix` and fix-all choose for a finding. */
const chosenFix = (f: Finding): Fix | undefined => f.fixes.find((x) => x.safe && x.isPreferred) ?? f.fixes.find((x) => x.safe);

/** Each safe fix, applied alone, has disjoint edits and removes its finding. */
export function eachSafeFixRemovesItsFinding(text: string, options: AnalyzeOptions): void {
  for (const finding of analyze(text, options).findings) {
    const fix = chosenFix(finding);
    if (!fix) continue;
    const edits = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
    edits.forEach((e, i) => assert.ok(i === 0 || edits[i - 1].end <= e.start, `${describeFinding(finding)}: edits of "${fix.title}" overlap`));
    const fixed = applyEdits(text, edits);
    assert.notEqual(fixed, text, `${describeFinding(finding)}: "${fix.title}" changes nothing`);
    const at = mapOffset(finding.span.start, edits);
    const after = analyze(fixed, options).findings;
    const still = after.find((f) => f.ruleId === finding.ruleId && f.messageId === finding.messageId && f.span.start === at);
    assert.equal(still, undefined, `${describeFinding(finding)} still reported after "${fix.title}":\n${fixed}`);
  }
}

/** Fixing everything, then fixing again, changes nothing more. */
export function fixAllIsIdempotent(text: string, options: AnalyzeOptions): void {
  const once = fixAll(text, options).text;
  assert.deepEqual(safeFixEdits(once, options), [], `safe fixes left after fix-all:\n${once}`);
  assert.equal(fixAll(once, options).text, once);
}

/** Fix-all gives the text that applying the safe fixes one at a time, re-checking each time, gives. */
export function fixAllEqualsOneByOne(text: string, options: AnalyzeOptions): void {
  let oneByOne = text;
  for (let step = 0; step < 200; step++) {
    const finding = analyze(oneByOne, options).findings.find((f) => chosenFix(f));
    if (!finding) break;
    oneByOne = applyEdits(oneByOne, chosenFix(finding)!.edits);
  }
  assert.equal(fixAll(text, options).text, oneByOne);
}
