#!/usr/bin/env bash
# `npm test`: type-check, build, the mocha suites (core, rules, LSP over stdio, CLI, corpus), the
# grammar scope tests, then the real-editor tests unless SKIP_EDITOR_TESTS=1: Neovim and Emacs +
# eglot (`.ci/run` installs them first), and a real VS Code (code-server; scripts/ci/test-vscode.sh
# installs what it needs).
set -uo pipefail
cd "$(dirname "$0")/.."
npm run check-types && npm run build || exit 1
status=0
npx mocha 'test/**/*.test.ts' || status=1
# Scope assertions on sample audit logs (the injection grammar is checked in test/syntaxes.textmate.test.ts).
npm run --silent test:grammars || status=1
if [ -n "${SKIP_EDITOR_TESTS:-}" ]; then
  echo "editor tests skipped (SKIP_EDITOR_TESTS is set)"
else
  test/editors/run.sh || status=1
  bash scripts/ci/test-vscode.sh || status=1
fi
exit "$status"
