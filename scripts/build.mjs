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

// The CLI's readers of other kinds than compose use libraries that a compose-only run never calls:
// bundled apart (dist/cliLibs.js) and loaded on first use, so a run compiles about half the code
// (docs/performance.md, "One compose file against a bare parse"). Each import of them in the CLI's
// bundles becomes an object whose getters load dist/cliLibs.js.
const lazyLibs = ['dockerfile-ast', 'web-tree-sitter', 'jsonc-parser'];
const lazyLibNames = Object.fromEntries(lazyLibs.map((lib) => [lib, Object.keys(require(lib))]));
const loadedOnFirstUse = {
  name: 'loaded-on-first-use',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${lazyLibs.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'lazy-lib' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-lib' }, (args) => ({
      contents:
        `let lib;\nconst load = () => (lib ??= require('./cliLibs.js')[${JSON.stringify(args.path)}]);\n` +
        `module.exports = Object.defineProperties({}, {${lazyLibNames[args.path].map((n) => `${JSON.stringify(n)}: { enumerable: true, get: () => load()[${JSON.stringify(n)}] }`).join(', ')}});\n`,
    }));
  },
};
const cli = { ...common, plugins: [loadedOnFirstUse], external: ['./cliLibs.js'] };

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({
    ...cli,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  build({ ...web, entryPoints: ['client/src/browserExtension.ts'], outfile: 'dist/web/extension.js', format: 'cjs', external: ['vscode'] }),
  build({ ...web, entryPoints: ['server/src/lsp/browserMain.ts'], outfile: 'dist/web/server.js' }),
  // The CLI's worker threads (server/src/cli/pool.ts), loaded from next to dist/cli.js.
  build({ ...cli, entryPoints: ['server/src/cli/worker.ts'], outfile: 'dist/cliWorker.js' }),
  build({
    ...common,
    stdin: { contents: `module.exports = {${lazyLibs.map((lib) => `${JSON.stringify(lib)}: require(${JSON.stringify(lib)})`).join(', ')}};`, resolveDir: '.', loader: 'js' },
    outfile: 'dist/cliLibs.js',
  }),
]);
// The bash grammar and tree-sitter's runtime, from the pinned npm packages, next to the bundles.
// The browser server fetches the same files (client/src/browserExtension.ts).
await mkdir('dist', { recursive: true });
await copyFile(require.resolve('web-tree-sitter/tree-sitter.wasm'), 'dist/tree-sitter.wasm');
await copyFile(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'), 'dist/tree-sitter-bash.wasm');
// The CLI is also run directly (`./dist/cli.js`), not only through npm's bin link.
await chmod('dist/cli.js', 0o755);
