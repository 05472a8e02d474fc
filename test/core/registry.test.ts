import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyEdits, rules, type Rule } from '../../server/src/core';

// The registry's consistency checks, after ESLint's `Makefile.js checkRuleFiles`: every rule has
// sound metadata, a docs page with ruff's headings, a test file, a README row and an example.

const root = path.resolve(__dirname, '..', '..');
const severities = ['error', 'warning', 'info'];
const docHeadings = ['## What it does', '## Why is this bad?', '## Example', '## Fix', '## Suppressing', '## References'];
const rulesStart = '<!-- rules:start -->';
const rulesEnd = '<!-- rules:end -->';

const docPath = (id: string): string => path.join(root, 'docs', 'rules', `${id}.md`);

/** The README rules table, one row per rule in registry order. */
function rulesTable(list: readonly Rule[] = rules): string {
  const rows = list.map(({ meta }) => `| [\`${meta.id}\`](docs/rules/${meta.id}.md) | ${meta.defaultSeverity} | ${meta.fixable ? 'yes' : '—'} | ${meta.description} |`);
  return ['| Rule | Default | Fix | What it reports |', '|---|---|---|---|', ...rows].join('\n');
}

/**
 * The file a fenced block is analysed as, from its info string: "```LANG [FILE]". The optional
 * second word names the file (```dockerfile Containerfile); else the language gives the kind.
 */
const fileForLanguage: Record<string, string> = {
  yaml: 'compose.yaml',
  yml: 'compose.yaml',
  dockerfile: 'Dockerfile',
  sh: 'run.sh',
  bash: 'run.sh',
  shell: 'run.sh',
  ini: 'app.container',
  systemd: 'app.container',
  log: 'audit.log',
};

interface Block {
  /** The file name the block is analysed as. */
  fileName: string;
  text: string;
}

/** The first fenced block after the line `marker`, or undefined (also when its language is not one we analyse). */
function blockAfter(doc: string, marker: string): Block | undefined {
  const lines = doc.split('\n');
  const at = lines.indexOf(marker);
  if (at < 0) return undefined;
  const m = /^```(.*)\n([\s\S]*?)^```$/m.exec(lines.slice(at + 1).join('\n'));
  if (!m) return undefined;
  const [language = '', name] = m[1].trim().split(/\s+/);
  const fileName = name ?? fileForLanguage[language.toLowerCase()];
  return fileName ? { fileName, text: m[2] } : undefined;
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

describe('rule registry', () => {
  const ids = rules.map((r) => r.meta.id);

  it('ids are unique', () => {
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  });

  it('ids are sorted', () => {
    assert.deepEqual(ids, [...ids].sort());
  });

  for (const rule of rules) {
    const { id, defaultSeverity, description, messages, fixable } = rule.meta;
    describe(id, () => {
      it('id is kebab-case', () => {
        assert.match(id, /^[a-z]+(-[a-z]+)*$/);
      });

      it('defaultSeverity is error, warning or info', () => {
        assert.ok(severities.includes(defaultSeverity), `defaultSeverity ${defaultSeverity}`);
      });

      it('description is one non-empty line that fits a table cell', () => {
        assert.ok(description.trim().length > 0);
        assert.doesNotMatch(description, /[\n|]/);
      });

      it('message templates use plain-word {{placeholders}}', () => {
        assert.ok(Object.keys(messages).length > 0, 'at least one message');
        for (const [messageId, template] of Object.entries(messages)) {
          assert.ok(template.trim().length > 0, `message ${messageId} is empty`);
          for (const [, name] of template.matchAll(/\{\{(.*?)\}\}/g)) {
            assert.match(name, /^[A-Za-z]+$/, `placeholder {{${name}}} in message ${messageId}`);
          }
          assert.doesNotMatch(template.replace(/\{\{[A-Za-z]+\}\}/g, ''), /\{\{|\}\}/, `stray braces in message ${messageId}`);
        }
      });

      it(`docs/rules/${id}.md has the title, the defaults and the headings in order`, () => {
        assert.ok(fs.existsSync(docPath(id)), `missing docs/rules/${id}.md`);
        const lines = fs.readFileSync(docPath(id), 'utf8').split('\n');
        assert.equal(lines[0], `# ${id}`);
        const defaults = lines.find((l) => l.startsWith('**Default severity:**'));
        assert.ok(defaults, 'a "**Default severity:** … · **Fix:** …" line');
        assert.ok(defaults.startsWith(`**Default severity:** ${defaultSeverity} · **Fix:** ${fixable ? 'yes' : 'no'}`), defaults);
        assert.deepEqual(lines.filter((l) => l.startsWith('## ')), docHeadings);
        const useInstead = lines.indexOf('Use instead:');
        assert.ok(useInstead > lines.indexOf('## Example') && useInstead < lines.indexOf('## Fix'), '"Use instead:" between Example and Fix');
      });

      it('the docs example triggers the rule, and "Use instead" is its preferred fix (or, without an edit fix, clean)', () => {
        const doc = fs.readFileSync(docPath(id), 'utf8');
        const example = blockAfter(doc, '## Example');
        const fixed = blockAfter(doc, 'Use instead:');
        assert.ok(example !== undefined && fixed !== undefined, 'a fenced block (yaml, dockerfile, sh, ini...) under Example and one after "Use instead:"');
        // A denial in an audit log is fixed where the mount is written, another kind of file.
        if (example.fileName !== 'audit.log') assert.equal(fixed.fileName, example.fileName, 'Example and "Use instead" are the same kind of file');
        const { fileName } = example;
        const finding = analyze(example.text, { fileName }).findings.find((f) => f.ruleId === id);
        assert.ok(finding, `the example, read as ${fileName}, gives no ${id} finding`);
        const preferred = finding.fixes.find((f) => f.isPreferred);
        if (fixable) {
          assert.ok(preferred, 'the finding has a preferred fix');
          assert.equal(applyEdits(example.text, preferred.edits), fixed.text);
        } else {
          // Without an edit fix, "Use instead" is the file as a person would correct it.
          assert.deepEqual(finding.fixes.filter((f) => !f.suppression).map((f) => f.title), [], 'a rule with fixable: false offers no edit');
        }
        assert.deepEqual(analyze(fixed.text, { fileName: fixed.fileName }).findings.filter((f) => f.ruleId === id).map((f) => f.message), []);
      });

      it(`test/core/rules/${id}.test.ts exists`, () => {
        assert.ok(fs.existsSync(path.join(root, 'test', 'core', 'rules', `${id}.test.ts`)), `missing test/core/rules/${id}.test.ts`);
      });
    });
  }

  it('README.md holds the generated rules table between the markers', () => {
    const expected = rulesTable();
    const hint = `\nREADME.md must hold, between ${rulesStart} and ${rulesEnd}:\n\n${expected}\n`;
    const readme = fs.existsSync(path.join(root, 'README.md')) ? fs.readFileSync(path.join(root, 'README.md'), 'utf8') : '';
    const start = readme.indexOf(rulesStart);
    const end = readme.indexOf(rulesEnd);
    assert.ok(start >= 0 && end > start, `no rules markers in README.md${hint}`);
    const actual = readme.slice(start + rulesStart.length, end).replace(/\r\n/g, '\n').trim();
    assert.equal(actual, expected, `the README rules table is out of date${hint}`);
  });

  it('examples/ demonstrate every rule, in every file kind, and examples/fixed/ is clean', () => {
    const found = new Set<string>();
    const kinds = new Set<string>();
    const fixedKinds = new Set<string>();
    for (const file of filesUnder(path.join(root, 'examples'))) {
      const shown = path.relative(root, file).split(path.sep).join('/');
      // As the CLI reads a file it is given: the name tells the kind, else the content.
      const result = analyze(fs.readFileSync(file, 'utf8'), { fileName: file, byContent: true });
      assert.ok(result.kind, `${shown} is not a kind of file the checker reads`);
      if (shown.startsWith('examples/fixed/')) {
        assert.deepEqual(result.findings.map((f) => `${f.ruleId}: ${f.message}`), [], shown);
        fixedKinds.add(result.kind);
      } else {
        kinds.add(result.kind);
      }
      for (const f of result.findings) found.add(f.ruleId);
    }
    assert.deepEqual(ids.filter((id) => !found.has(id)), [], 'rules no example demonstrates');
    const expectedKinds = ['compose', 'dockerfile', 'quadlet', 'shell'];
    assert.deepEqual(expectedKinds.filter((k) => !kinds.has(k)), [], 'file kinds no example shows');
    assert.deepEqual([...kinds].filter((k) => !fixedKinds.has(k)), [], 'kinds with no clean file in examples/fixed/');
    assert.ok(fs.existsSync(path.join(root, 'examples', 'fixed', 'compose.yaml')), 'examples/fixed/compose.yaml');
  });
});
