#!/usr/bin/env bash
# npm run test:vscode: the extension in a real VS Code (code-server 4.139.1 = VS Code 1.139.1).
# Installs what is missing (scripts/ci/setup-vscode.sh), packages the .vsix (npm run package), then
# runs test/vscode/run.ts: the .vsix contents, mocha inside the extension host, the installed
# .vsix driven through the UI with screenshots written to docs/images/, and, on the browser build
# alone in the web worker extension host (VS Code for the Web), the same UI steps and the same mocha suite.
# VSCODE_TEST_CACHE: where the tools go (default .vscode-test/, gitignored). Extra arguments go to
# run.ts, e.g. --only ext. The last line is `N passed, N failed`; the exit code is non-zero on failure.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${VSCODE_TEST_CACHE:-$ROOT/.vscode-test}
cd "$ROOT"
start=$SECONDS

fail() {
  echo "test:vscode: $1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

bash scripts/ci/setup-vscode.sh "$CACHE" || fail "installing code-server, Node 24 or chromium failed"
echo "test:vscode: tools ready ($((SECONDS - start)) s)"
npm run --silent package >/tmp/selinux-mounts-package.$$.log 2>&1 || { cat /tmp/selinux-mounts-package.$$.log; rm -f /tmp/selinux-mounts-package.$$.log; fail "npm run package failed"; }
rm -f /tmp/selinux-mounts-package.$$.log
VERSION=$(node -p 'require("./package.json").version')
echo "test:vscode: packaged selinux-mounts-$VERSION.vsix ($((SECONDS - start)) s)"

node node_modules/tsx/dist/cli.mjs test/vscode/run.ts --cache "$CACHE" --vsix "selinux-mounts-$VERSION.vsix" "$@"
status=$?
exit $status
