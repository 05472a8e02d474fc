// The benchmark's generated inputs are what bench/lsp.mjs and bench/cli.mjs say they are: the
// sizes asked for, the flagged share of mounts, and edits that land inside a mount's host path.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import path from 'node:path';
import { analyze, parserFor } from '../../server/src/core';

interface Position {
  line: number;
  character: number;
}
interface Input {
  kind: string;
  name: string;
  text: string;
  lines: number;
  edits: Position[];
  hover: Position;
  mounts?: number;
  flagged?: number;
}
interface Inputs {
  composeFile(target: number, variant: 'all' | 'realistic'): Input;
  dockerfile(target: number): Input;
  shellScript(target: number): Input;
  projectFiles(i: number): Record<string, string>;
  writeProjectTree(root: string, count: number): number;
  applyInsert(text: string, position: Position, insert: string): string;
}

const load = (): Promise<Inputs> => import(path.resolve(__dirname, '../../bench/inputs.mjs')) as Promise<Inputs>;

function ruleCounts(text: string, fileName: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of analyze(text, { fileName }).findings) counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
  return counts;
}

/** The text after every edit of the input, one character each, as the bench types them. */
function edited(inputs: Inputs, input: Input): string {
  return input.edits.reduce((text, position) => inputs.applyInsert(text, position, 'x'), input.text);
}

describe('bench inputs', () => {
  it('compose "all": about 900 lines, every mount flagged, and still every mount after the edits', async () => {
    const inputs = await load();
    const input = inputs.composeFile(900, 'all');
    assert.ok(Math.abs(input.lines - 900) < 20, `${input.lines} lines`);
    assert.equal(input.flagged, input.mounts);
    assert.deepEqual(ruleCounts(input.text, 'compose.yaml'), { 'missing-relabel': input.mounts });
    assert.deepEqual(ruleCounts(edited(inputs, input), 'compose.yaml'), { 'missing-relabel': input.mounts });
  });

  it('compose "realistic": one mount in 20 flagged, the others relabelled or named volumes', async () => {
    const inputs = await load();
    const input = inputs.composeFile(900, 'realistic');
    assert.equal(input.flagged, Math.ceil(input.mounts! / 20));
    assert.deepEqual(ruleCounts(input.text, 'compose.yaml'), { 'missing-relabel': input.flagged });
    assert.deepEqual(ruleCounts(edited(inputs, input), 'compose.yaml'), { 'missing-relabel': input.flagged });
  });

  it('edits: nine, on nine different lines spread over the file, each inside a host path', async () => {
    const inputs = await load();
    for (const input of [inputs.composeFile(900, 'all'), inputs.dockerfile(2000), inputs.shellScript(2000)]) {
      const lines = input.edits.map((e) => e.line);
      assert.equal(new Set(lines).size, 9, input.name);
      assert.deepEqual([...lines].sort((a, b) => a - b), lines, input.name);
      assert.ok(lines[0] < input.lines * 0.2 && lines[8] >= input.lines * 0.8, `${input.name}: ${lines.join(',')}`);
      const textLines = input.text.split('\n');
      for (const { line, character } of [...input.edits, input.hover]) {
        // The character before the edit is the path's own ('/' of ./ or $PWD/, '=' of source=).
        assert.match(textLines[line].slice(0, character), /(\.\/|\$PWD\/|source=)$/, `${input.name}:${line}`);
      }
    }
  });

  it('Dockerfiles and scripts: the size asked for, at most, and mounts the core flags', async () => {
    const inputs = await load();
    for (const target of [100, 2000, 20000]) {
      for (const input of [inputs.dockerfile(target), inputs.shellScript(target)]) {
        assert.ok(input.lines <= target && input.lines > 0.9 * target, `${input.name}: ${input.lines}`);
      }
    }
    assert.ok((ruleCounts(inputs.dockerfile(100).text, 'Dockerfile')['missing-relabel'] ?? 0) > 0);
    assert.ok((ruleCounts(inputs.shellScript(100).text, 'run.sh')['missing-relabel'] ?? 0) > 0);
  });

  it('CLI tree: each project has ten files, nine the core reads, each with a finding', async () => {
    const inputs = await load();
    const files = Object.entries(inputs.projectFiles(7));
    assert.equal(files.length, 10);
    const read = files.filter(([name, text]) => parserFor({ fileName: name, byContent: true }, text));
    assert.deepEqual(
      files.filter((f) => !read.includes(f)).map(([name]) => name),
      ['src/app.py'],
    );
    for (const [name, text] of read) assert.ok(analyze(text, { fileName: name, byContent: true }).findings.length > 0, name);
  });

  it('CLI and workspace tree: exactly the number of files asked for, projects of ten', async () => {
    const inputs = await load();
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'selinux-mounts-tree-'));
    try {
      assert.equal(inputs.writeProjectTree(root, 25), 25);
      const written = (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile());
      assert.equal(written.length, 25);
      assert.deepEqual(fs.readdirSync(root).sort(), ['project0', 'project1', 'project2']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
