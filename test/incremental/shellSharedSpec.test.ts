// A mount spec kept in a variable and used by several commands is one place in the file: one mount,
// on the first run. The incremental reader leaves that pass out while every statement's mounts lie
// in the statement (shellIncremental.ts): a spec shared between statements must still count once,
// before and after edits above, between and inside its commands.
import assert from 'node:assert/strict';
import { AnalysisCache, analyze, type AnalysisResult } from '../../server/src/core';

const lines = ['#!/bin/bash', 'VOL="/srv/data:/data"', 'a() {', '  podman run -v "$VOL" img', '}', 'b() {', '  podman run -v "$VOL" -v /srv/b:/b img', '}', ''];

/** Each run's mounts, as the text they span. */
function mounts(result: AnalysisResult, text: string): string[][] {
  return result.file!.runs.map((run) => run.mounts.map((m) => text.slice(m.span.start, m.span.end)));
}

describe('a mount spec shared by two statements, read incrementally', () => {
  it('is one mount, on the first run, after each edit as when read whole', () => {
    const cache = new AnalysisCache();
    let text = lines.join('\n');
    // What, after which text, and what is typed there.
    const edits: [string, string, string][] = [
      ['a line above', '#!/bin/bash\n', 'true\n'],
      ['a comment between the commands', '}\n', '# between\n'],
      ['an argument of the second command', '/srv/b:/b img', ' x'],
      ['an argument of the first command', '"$VOL" img', ' y'],
    ];
    assert.deepEqual(mounts(analyze(text, { fileName: 'run.sh', cache }), text), [['"/srv/data:/data"'], ['/srv/b:/b']]);
    for (const [what, after, typed] of edits) {
      const at = text.indexOf(after) + after.length;
      text = `${text.slice(0, at)}${typed}${text.slice(at)}`;
      const incremental = analyze(text, { fileName: 'run.sh', cache });
      const fresh = analyze(text, { fileName: 'run.sh' });
      assert.deepEqual(mounts(incremental, text), [['"/srv/data:/data"'], ['/srv/b:/b']], what);
      assert.deepEqual(mounts(incremental, text), mounts(fresh, text), what);
      assert.deepEqual(
        incremental.findings.map((f) => [f.ruleId, f.span.start, f.span.end]),
        fresh.findings.map((f) => [f.ruleId, f.span.start, f.span.end]),
        what,
      );
    }
  });
});
