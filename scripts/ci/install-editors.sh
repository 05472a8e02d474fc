#!/usr/bin/env bash
# Installs the editors for the headless editor tests (test/editors/run.sh) from Debian's archive:
# Neovim, and Emacs (no X) with eglot and yaml-mode. Idempotent: does nothing when all are installed.
# Runs as root, or through sudo when it is there.
set -euo pipefail

packages=(neovim emacs-nox elpa-eglot elpa-yaml-mode)

missing=()
for p in "${packages[@]}"; do
  if [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true) != installed ]]; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-editors: already installed: ${packages[*]}"
  exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-editors: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi

echo "install-editors: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
