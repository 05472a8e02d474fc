// Mocha root hooks: the shell grammar loads asynchronously once, before any test analyses text.
import { initShellParser } from '../../server/src/core';

export const mochaHooks = {
  async beforeAll(): Promise<void> {
    await initShellParser({
      treeSitter: require.resolve('web-tree-sitter/tree-sitter.wasm'),
      bash: require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'),
    });
  },
};
