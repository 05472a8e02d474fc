// The incremental readers of shell scripts and Dockerfiles must always agree with a fresh analysis:
// thousands of random edits (the characters that change shell structure included: quotes,
// continuations, heredocs, definitions, `sh -c` strings), applied one after another to one cache
// as an editor does, each compared with analysing the same text from scratch.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnalysisCache, analyze, type AnalysisResult, type Finding } from '../../server/src/core';
import { editAndCompare } from '../helpers/preparation';
import { random, realFiles } from '../helpers/realFiles';

const shebang = /^#!.*\b(?:ba|da|k|z)?sh\b/;

/** Real scripts and Dockerfiles: the fixtures, the project's corpus, and ../shared's when it is there. */
const kindFiles = (kind: 'shell' | 'dockerfile') =>
  realFiles((name, text) => (kind === 'shell' ? /\.(?:sh|bash)$/.test(name) || (!name.includes('.') && shebang.test(text)) : /(?:docker|container)file/i.test(name)), 60_000);

const shellPieces = [' ', '\n', '\\\n', ';', '&', '|', '"', "'", '`', '$', '${', '}', '(', ')', '$(', '#', '=', '@', '*', 'z', ':Z', ',', 'x', 'é', '\t', '\r\n', '\r', '<<EOF\n', '\nEOF\n', 'if true; then\n', '\nfi\n', 'f() {\n', '\n}\n', 'docker run -v ./a:/a img\n', ' -v "$PWD/b":/b', 'ENGINE=podman\n', 'OPTS="-v /o:/o"\n', '$OPTS ', 'args=(-v /r:/r)\n', '"${args[@]}" ', 'alias d=docker\n', 'd run -v /d:/d i\n', 'run() { podman "$@"; }\n', "sh -c 'docker run -v /s:/s i'\n", 'eval "podman run -v /e:/e i"\n', 'shopt -s expand_aliases\n', '  docker run -v ./i:/i img\n', 'true; podman run -v /t:/t img\n'];
const dockerfilePieces = [' ', '\n', '\\\n', '`\n', '#', '"', "'", '&&', 'z', ',Z', 'x', '=', 'RUN ', 'FROM ', 'ARG V=1\n', '# escape=`\n', '--mount=type=bind,source=a,target=/a ', 'RUN --mount=type=bind,src=.,dst=/s make\n', 'LABEL RUN="podman run -v /l:/l IMAGE"\n', 'RUN docker run -v /r:/r i\n', 'RUN <<EOF\n', '\nEOF\n', 'RUN ["sh", "-c", "x"]\n', '  LABEL RUN="podman run -v /i:/i IMAGE"\n', 'ENGINE=podman; $ENGINE run -v /e:/e i', '\r\n', '\r'];

/** Ignore comments, above a line or at its end: kept findings reuse their "ignore" fix only while the file has none. */
const ignoreComments = ['# selinux-mounts ignore=missing-relabel\n', ' # selinux-mounts ignore=missing-relabel,system-path-mount -- why'];

function edit(text: string, pieces: string[], next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const roll = next();
  if (roll < 0.4) return text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at);
  const start = text.lastIndexOf('\n', at - 1) + 1;
  if (roll < 0.5) {
    // Indent or outdent a line: text outside every statement, before one (a finding's "ignore" fix copies the indentation).
    return /[ \t]/.test(text[start] ?? '') && next() < 0.5 ? text.slice(0, start) + text.slice(start + 1) : text.slice(0, start) + (next() < 0.5 ? ' ' : '\t') + text.slice(start);
  }
  if (roll < 0.55) {
    // Text before a statement on its line (a command, or a word that joins it), after the indentation.
    const indent = start + /^[ \t]*/.exec(text.slice(start))![0].length;
    return text.slice(0, indent) + ['true; ', 'x', 'sudo ', '# '][Math.floor(next() * 4)] + text.slice(indent);
  }
  if (roll < 0.6) {
    // An ignore comment added, or the first one taken out again.
    const comment = text.indexOf('selinux-mounts ignore=');
    if (comment >= 0 && next() < 0.5) return text.slice(0, comment) + text.slice(comment + 'selinux-mounts'.length);
    return text.slice(0, at) + ignoreComments[Math.floor(next() * ignoreComments.length)] + text.slice(at);
  }
  if (roll < 0.85) return text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 3));
  // Copy a line elsewhere: repeated definitions, moved commands.
  const lines = text.split('\n');
  const line = lines[Math.floor(next() * lines.length)];
  lines.splice(Math.floor(next() * lines.length), 0, line);
  return lines.join('\n');
}

/** What a finding shows and does, without the model objects behind it; offsets read one by one (kept findings read theirs through getters). */
function shown(result: AnalysisResult): unknown {
  const finding = (f: Finding) => ({
    rule: f.ruleId,
    severity: f.severity,
    span: [f.span.start, f.span.end],
    message: f.message,
    fixes: f.fixes.map((x) => [x.title, x.safe, x.isPreferred, x.edits.map((e) => [e.start, e.end, e.newText])]),
  });
  return { recovered: result.file?.recovered, findings: result.findings.map(finding), suppressed: result.suppressed?.map(finding) };
}

for (const [kind, fileName, pieces] of [
  ['shell', 'script.sh', shellPieces],
  ['dockerfile', 'Dockerfile', dockerfilePieces],
] as const) {
  describe(`incremental ${kind} reading agrees with a fresh analysis`, function () {
    this.timeout(300_000);
    const files = kindFiles(kind);
    const seed = Number(process.env.EQUIVALENCE_SEED ?? 20261203);
    const editsPerFile = Number(process.env.EQUIVALENCE_EDITS ?? 40);

    // Prepared: between edits, the server's idle-time preparation of the next edit, some of its steps or all.
    for (const prepared of [false, true]) {
      it(`over ${files.length} real files, ${editsPerFile} edits each (seed ${seed})${prepared ? ', prepared while idle' : ''}`, () => {
        assert.ok(files.length >= 10, `${kind} files to edit`);
        const next = random(seed);
        const idle = random(seed + 1);
        for (const file of files) editAndCompare(file, fileName, editsPerFile, (text) => edit(text, [...pieces], next), shown, prepared ? idle : undefined);
      });
    }

    // A kept finding's "ignore" fix copies its line's indentation, which may lie outside what the
    // reader re-reads: a top-level command's indentation is in no statement, and a file with a
    // heredoc is parsed whole, reusing instructions by their text.
    it('re-indenting the lines of kept findings', () => {
      let compared = 0;
      for (const file of files) {
        const cache = new AnalysisCache();
        const indented = file.text.split('\n').map((line) => (line ? `  ${line}` : line));
        let text = [...indented, ...(kind === 'dockerfile' ? ['RUN <<EOF', 'true', 'EOF', ''] : [''])].join('\n');
        const first = analyze(text, { fileName, cache });
        // Each line twice: the first edit moves the findings after it (they are made again, placed), the second reuses them.
        let shift = 0;
        for (const finding of first.findings.slice(0, 12)) {
          const lineStart = text.lastIndexOf('\n', finding.span.start + shift - 1) + 1;
          for (let i = 0; i < 2; i++) {
            // A tab before the spaces: the edit then lies before the statement, not at its start (the text diff would put a space there).
            text = `${text.slice(0, lineStart)}\t${text.slice(lineStart)}`;
            assert.deepEqual(shown(analyze(text, { fileName, cache })), shown(analyze(text, { fileName })), `${file.name}: the texts differ in analysis:\n${text}`);
            compared++;
          }
          shift += 2;
        }
      }
      assert.ok(compared >= 20, 'findings to re-indent');
    });
  });
}

// What the server's Diagnostic reuse and the stdio encoder's cached JSON stand on: a finding an edit
// did not change is the same object in the next analysis, also where its statement does not start
// its line (indented, or after another command), so that its "ignore" fix reads text outside it.
describe('incremental shell reading keeps the findings an edit did not touch', () => {
  const root = path.resolve(__dirname, '..', '..');
  const scripts = ['examples/scripts/dev.sh', 'test/corpus/files/mkjois__home/macosx/files/bin/pysh', 'test/corpus/files/ottok__debcraft/src/build.inc.sh'];
  const layouts: [string, (line: string) => string][] = [
    ['as written', (line) => line],
    ['indented', (line) => (line ? `  ${line}` : line)],
    ['after another command', (line) => (/^\s*(?:docker|podman|sudo)\b/.test(line) ? `true; ${line}` : line)],
  ];
  for (const script of scripts) {
    for (const [layout, relaid] of layouts) {
      it(`${script}, ${layout}: the same objects after lines are added above`, () => {
        const lines = fs.readFileSync(path.join(root, script), 'utf8').split('\n');
        // The first line stays as written: a shebang or comment, which the added lines only move.
        let text = [lines[0], ...lines.slice(1).map(relaid)].join('\n');
        const cache = new AnalysisCache();
        const results: Finding[][] = [];
        // The first edits place the statements and make their findings movable: from then on, nothing is made again.
        for (let i = 0; i < 4; i++) {
          results.push(analyze(text, { fileName: 'script.sh', cache }).findings);
          assert.deepEqual(shown(analyze(text, { fileName: 'script.sh', cache })), shown(analyze(text, { fileName: 'script.sh' })));
          text = `# line ${i}\n${text}`;
        }
        const [before, after] = results.slice(-2);
        assert.ok(after.length >= 3, 'findings to keep');
        assert.deepEqual(
          after.map((f, i) => f === before[i]),
          after.map(() => true),
        );
      });
    }
  }
});
