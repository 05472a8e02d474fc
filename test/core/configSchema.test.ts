// The JSON schema shipped for .selinux-mounts.yaml/.json (VS Code's JSON support and Red Hat's YAML
// extension read it) accepts and rejects what the checker itself accepts and rejects.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { configKeys, parseProjectConfig, rules } from '../../server/src/core';

const root = path.resolve(__dirname, '..', '..');
const schemaPath = path.join(root, 'schemas', 'selinux-mounts.schema.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as { properties: Record<string, { propertyNames?: { enum: string[] } }> };
const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { jsonValidation: { fileMatch: string; url: string }[]; yamlValidation: { fileMatch: string; url: string }[] };
};

const valid: Record<string, unknown> = {
  'an empty config': {},
  'every setting': {
    rules: { 'missing-relabel': 'error', 'system-path-mount': 'off' },
    ignore: ['vendor/', '**/testdata/**'],
    preferredRelabel: 'Z',
    engine: 'podman',
    buildEngine: 'docker',
    devcontainerEngine: 'podman',
    sensitivePaths: ['/srv/backup', '~/media'],
    sharedPaths: ['./shared'],
  },
  'auto everywhere it exists': { preferredRelabel: 'auto', engine: 'auto', buildEngine: 'auto' },
};
const invalid: Record<string, unknown> = {
  'a misspelt setting': { engnie: 'podman' },
  'an unknown rule id': { rules: { 'missing-relabl': 'off' } },
  'a severity that is not one': { rules: { 'missing-relabel': 'loud' } },
  'an engine that is not one': { engine: 'rkt' },
  'devcontainerEngine auto (Dev Containers has no auto)': { devcontainerEngine: 'auto' },
  'ignore as a string': { ignore: 'vendor' },
  'an empty path': { sharedPaths: [''] },
  'a list at the top': [{ engine: 'podman' }],
};

describe('the config JSON schema (schemas/selinux-mounts.schema.json)', () => {
  for (const [name, config] of Object.entries(valid)) {
    it(`accepts ${name}, as the checker does`, () => {
      assert.equal(validate(config), true, JSON.stringify(validate.errors));
      assert.deepEqual(parseProjectConfig(JSON.stringify(config)).errors, []);
    });
  }
  for (const [name, config] of Object.entries(invalid)) {
    it(`rejects ${name}, as the checker does`, () => {
      assert.equal(validate(config), false);
      assert.notDeepEqual(parseProjectConfig(JSON.stringify(config)).errors, []);
    });
  }
  it('names every setting the checker reads, and every rule id', () => {
    assert.deepEqual(Object.keys(schema.properties).sort(), [...configKeys].sort());
    assert.deepEqual(schema.properties.rules.propertyNames?.enum, rules.map((r) => r.meta.id));
  });
  it('is contributed for .selinux-mounts.json (jsonValidation) and .yaml/.yml (yamlValidation)', () => {
    const url = './schemas/selinux-mounts.schema.json';
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '.selinux-mounts.json', url }]);
    assert.deepEqual(manifest.contributes.yamlValidation.map((v) => [v.fileMatch, v.url]), [['.selinux-mounts.yaml', url], ['.selinux-mounts.yml', url]]);
  });
});
