// esbuild inlines the manifest into dist/cli.js, so the CLI reports the version it was built as.
const manifest = require('../../../package.json') as { version: string; repository: { url: string } };

export const version = manifest.version;
export const homepage = manifest.repository.url;
