// Fix-all is offered without its edits where the editor resolves them later (lsp/codeActions.ts):
// whether it is offered at all must be what making its edits would say.
import assert from 'node:assert/strict';
import { analyze, hasSafeFix, isRecognisedName, safeEditsOf } from '../../server/src/core';
import { realFiles } from '../helpers/realFiles';

describe('hasSafeFix', () => {
  it('is true exactly where safeEditsOf gives an edit, over every real file the core reads by name', () => {
    const files = realFiles((name) => isRecognisedName(name), 200_000);
    let withFix = 0;
    let without = 0;
    for (const { name, text } of files) {
      const { findings } = analyze(text, { fileName: name });
      const has = hasSafeFix(findings);
      assert.equal(has, safeEditsOf(findings).length > 0, name);
      if (has) withFix++;
      else without++;
    }
    // Both answers occur, so the comparison means something.
    assert.ok(withFix > 10 && without > 10, `${withFix} files with a safe fix, ${without} without`);
  });
});
