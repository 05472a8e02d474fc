// The grammars in the TextMate engine VS Code uses (vscode-textmate + the Oniguruma wasm): they
// load, and sample lines get the scopes the README promises.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { OnigScanner, OnigString, loadWASM } from 'vscode-oniguruma';

const root = path.resolve(__dirname, '..');
const grammarFiles: Record<string, string> = {
  'source.selinux-audit': 'syntaxes/selinux-audit.tmLanguage.json',
  'selinux-mounts.injection': 'syntaxes/selinux-injection.tmLanguage.json',
};

async function load(scope: string): Promise<IGrammar> {
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new OnigScanner(p), createOnigString: (s: string) => new OnigString(s) }),
    loadGrammar: async (name) => {
      const file = grammarFiles[name];
      return file ? parseRawGrammar(fs.readFileSync(path.join(root, file), 'utf8'), file) : null;
    },
  });
  const grammar = await registry.loadGrammar(scope);
  assert.ok(grammar, scope);
  return grammar;
}

/** The scopes of the token that holds the first occurrence of `needle`. */
function scopesAt(grammar: IGrammar, line: string, needle: string): string[] {
  const at = line.indexOf(needle);
  const { tokens } = grammar.tokenizeLine(line, INITIAL);
  return tokens.find((t) => t.startIndex <= at && at < t.endIndex)?.scopes ?? [];
}

describe('grammars in vscode-textmate', () => {
  before(async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  });

  it('audit log: record type, denied, permissions, contexts, tclass, permissive', async () => {
    const g = await load('source.selinux-audit');
    const line =
      'type=AVC msg=audit(1700000000.123:456): avc:  denied  { write } for  pid=8881 comm="touch" name="haproxy" scontext=system_u:system_r:container_t:s0:c324,c837 tcontext=unconfined_u:object_r:default_t:s0 tclass=dir permissive=0';
    assert.ok(scopesAt(g, line, 'AVC').some((s) => s.startsWith('keyword.other.record-type')));
    assert.ok(scopesAt(g, line, 'denied').includes('keyword.control.denied.selinux-audit'));
    assert.ok(scopesAt(g, line, 'write').some((s) => s.startsWith('constant.language.permission')));
    assert.ok(scopesAt(g, line, 'container_t').some((s) => s.includes('selinux-type')));
    assert.ok(scopesAt(g, line, 'c324').some((s) => s.includes('mcs-level')));
    assert.ok(scopesAt(g, line, '1700000000.123').some((s) => s.includes('timestamp')));
  });

  it('injection: relabel options and contexts stand out in the lines they are injected into', async () => {
    const g = await load('selinux-mounts.injection');
    const has = (line: string, needle: string, scope: RegExp): boolean => scopesAt(g, line, needle).some((s) => scope.test(s));
    assert.ok(has('      - ./data:/data:Z', 'Z', /relabel/), 'the Z of :Z');
    assert.ok(has('      - ./data:/data:ro,z', 'z', /relabel/), 'the z of ,z');
    assert.ok(has('docker run --mount type=bind,src=/a,dst=/b,relabel=private img', 'private', /relabel/), 'relabel=private');
    assert.ok(has('        selinux: Z', 'Z', /relabel/), 'bind.selinux: Z');
    assert.ok(has('    security_opt: [label=disable]', 'disable', /label-option/), 'label=disable');
    assert.ok(has('# runs as system_u:system_r:container_t:s0:c1,c2', 'container_t', /selinux-type/), 'a context');
    assert.ok(!has('      - ./zoo:/zoo', 'zoo', /relabel/), 'z inside a word is not a relabel');
  });
});
