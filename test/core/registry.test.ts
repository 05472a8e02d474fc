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

/** The first fenced yaml block after the line `marker`. */
function yamlBlockAfter(doc: string, marker: string): string | undefined {
  const at = doc.split('\n').indexOf(marker);
  if (at < 0) return undefined;
  const rest = doc.split('\n').slice(at + 1).join('\n');
  return /^```ya?ml\n([\s\S]*?)^```$/m.exec(rest)?.[1];
}

function composeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? composeFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
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

      it('the docs example triggers the rule and "Use instead" is what its preferred fix produces', () => {
        const doc = fs.readFileSync(docPath(id), 'utf8');
        const example = yamlBlockAfter(doc, '## Example');
        const fixed = yamlBlockAfter(doc, 'Use instead:');
        assert.ok(example !== undefined && fixed !== undefined, 'a yaml block under Example and one after "Use instead:"');
        const finding = analyze(example, { fileName: 'compose.yaml' }).findings.find((f) => f.ruleId === id);
        assert.ok(finding, `the example gives no ${id} finding`);
        const preferred = finding.fixes.find((f) => f.isPreferred);
        assert.ok(preferred, 'the finding has a preferred fix');
        assert.equal(applyEdits(example, preferred.edits), fixed);
        assert.deepEqual(analyze(fixed, { fileName: 'compose.yaml' }).findings.filter((f) => f.ruleId === id).map((f) => f.message), []);
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

  it('examples/ demonstrate every rule, and examples/fixed/compose.yaml is clean', () => {
    const found = new Set<string>();
    for (const file of composeFiles(path.join(root, 'examples'))) {
      const findings = analyze(fs.readFileSync(file, 'utf8'), { fileName: file, byContent: true }).findings;
      if (path.relative(root, file).split(path.sep).join('/') === 'examples/fixed/compose.yaml') {
        assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), [], 'examples/fixed/compose.yaml');
      }
      for (const f of findings) found.add(f.ruleId);
    }
    assert.deepEqual(ids.filter((id) => !found.has(id)), [], 'rules no example demonstrates');
    assert.ok(fs.existsSync(path.join(root, 'examples', 'fixed', 'compose.yaml')), 'examples/fixed/compose.yaml');
  });
});
