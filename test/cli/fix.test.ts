import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copyFixture, fixtures, runCli, useScratch } from './cli';

describe('cli: --fix', () => {
  const scratch = useScratch();

  it('adds the preferred relabel, keeps every other byte, then reports what remains', () => {
    const dir = copyFixture(scratch, 'project');
    const file = path.join(dir, 'compose.yaml');
    const before = fs.readFileSync(file, 'utf8');
    fs.chmodSync(file, 0o640);
    const r = runCli(['--fix', 'compose.yaml'], { cwd: dir });
    assert.equal(
      fs.readFileSync(file, 'utf8'),
      before.replace('- ./data:/data\n', '- ./data:/data:Z\n').replace('- ./conf:/etc/app:ro\n', '- ./conf:/etc/app:ro,Z\n'),
    );
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    // The docker socket has no safe fix: it is still reported, so the run still fails.
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^compose\.yaml:8:9: info: .*\[system-path-mount\]\n$/);
    assert.equal(r.stderr, '1 problem (0 errors, 0 warnings, 1 info) in 1 file checked, 1 file fixed\n');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['clean', 'compose.yaml', 'notes.yaml', 'overrides'], 'no temp file left');
  });

  it('keeps CRLF line endings and the BOM, and a second run changes nothing', () => {
    const dir = copyFixture(scratch, 'crlf');
    const file = path.join(dir, 'docker-compose.yml');
    const original = fs.readFileSync(file);
    const r = runCli(['--fix', dir]);
    assert.deepEqual([r.code, r.stdout], [0, '']);
    const fixed = fs.readFileSync(file);
    assert.deepEqual(fixed, Buffer.from(original.toString('latin1').replace('./data:/data\r\n', './data:/data:Z\r\n'), 'latin1'));
    assert.deepEqual([...fixed.subarray(0, 3)], [0xef, 0xbb, 0xbf]);

    const again = runCli(['--fix', dir]);
    assert.deepEqual([again.code, again.stdout, again.stderr], [0, '', 'No problems (1 file checked)\n']);
    assert.deepEqual(fs.readFileSync(file), fixed);
  });

  it('writes through a symlink, leaving the link in place', () => {
    const dir = copyFixture(scratch, 'project');
    fs.symlinkSync('compose.yaml', path.join(dir, 'link.yml'));
    runCli(['--fix', 'link.yml'], { cwd: dir });
    assert.ok(fs.lstatSync(path.join(dir, 'link.yml')).isSymbolicLink());
    assert.match(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'), /- \.\/data:\/data:Z\n/);
  });

  it('does not rewrite a file that is not valid UTF-8', () => {
    const dir = scratch('latin1');
    const file = path.join(dir, 'compose.yaml');
    const bytes = Buffer.concat([
      Buffer.from('# caf'),
      Buffer.from([0xe9]), // é in Latin-1
      Buffer.from('\n' + fs.readFileSync(path.join(fixtures, 'named', 'app-stack.txt'), 'utf8')),
    ]);
    fs.writeFileSync(file, bytes);
    const r = runCli(['--fix', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /compose\.yaml is not valid UTF-8; not fixed/);
    assert.deepEqual(fs.readFileSync(file), bytes);
  });
});
