// Bundles the client, the server and the CLI into dist/ (type-checking is `tsc -b`, run apart).
import { chmod, copyFile, mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  alias: {
    // esbuild would pick web-tree-sitter's ESM build, which fails at run time in a CJS bundle.
    'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs',
    // jsonc-parser's main is a UMD build whose inner requires esbuild cannot follow.
    'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
  },
};
const require = createRequire(import.meta.url);

// VS Code for the Web: the extension runs in the web worker extension host, the server in a worker
// of its own. web-tree-sitter names Node modules in branches it takes only under Node; they resolve
// to nothing. Any other Node module in these bundles fails the build (esbuild cannot resolve it for
// the browser), so the Node-only host layer cannot creep in.
const nodeOnlyInTreeSitter = {
  name: 'node-only-in-web-tree-sitter',
  setup(b) {
    b.onResolve({ filter: /^(fs|fs\/promises|path|module|url)$/ }, (args) =>
      /[\\/]web-tree-sitter[\\/]/.test(args.importer) ? { path: args.path, namespace: 'node-only' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'node-only' }, () => ({ contents: 'module.exports = {};' }));
  },
};
// dockerfile-ast looks for a UTF-8 byte order mark with Node's Buffer (lib/util.js), which a web
// worker lacks: every Dockerfile failed to parse there. Its one call, Buffer.from(text), is
// TextEncoder's encode in that module.
const bufferInDockerfileAst = {
  name: 'buffer-in-dockerfile-ast',
  setup(b) {
    b.onLoad({ filter: /[\\/]dockerfile-ast[\\/]lib[\\/]util\.js$/ }, async (args) => ({
      contents: `var Buffer = { from: (text) => new TextEncoder().encode(text) };\n${await readFile(args.path, 'utf8')}`,
      loader: 'js',
    }));
  },
};
const web = {
  ...common,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  // The browser entries of packages (vscode-languageclient/browser...), never their Node ones.
  conditions: ['browser'],
  plugins: [nodeOnlyInTreeSitter, bufferInDockerfileAst],
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({ ...web, entryPoints: ['client/src/browserExtension.ts'], outfile: 'dist/web/extension.js', format: 'cjs', external: ['vscode'] }),
  build({ ...web, entryPoints: ['server/src/lsp/browserMain.ts'], outfile: 'dist/web/server.js' }),
  // The CLI's worker threads (server/src/cli/pool.ts), loaded from next to dist/cli.js.
  build({ ...common, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cliWorker.js' }),
]);
// The bash grammar and tree-sitter's runtime, from the pinned npm packages, next to the bundles.
// The browser server fetches the same files (client/src/browserExtension.ts).
await mkdir('dist', { recursive: true });
await copyFile(require.resolve('web-tree-sitter/tree-sitter.wasm'), 'dist/tree-sitter.wasm');
await copyFile(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'), 'dist/tree-sitter-bash.wasm');
// The CLI is also run directly (`./dist/cli.js`), not only through npm's bin link.
await chmod('dist/cli.js', 0o755);
