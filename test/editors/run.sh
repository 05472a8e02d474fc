#!/usr/bin/env bash
# Headless editor tests: real Neovim and real Emacs + eglot start `node dist/server.js --stdio`,
# open a copy of a fixture, wait for the diagnostics, hover, apply the preferred code action, save;
# then this script checks the file on disk against the expected one, byte for byte.
#
# Usage: test/editors/run.sh [nvim] [emacs]      (default: both)
#   needs: a built server (npm run build), node, and the editors (scripts/ci/install-editors.sh).
#   KEEP_TMP=1 keeps the temporary directory; VERBOSE=1 prints every probe's log (stderr).
# Output (stdout): one line per editor and fixture, `ok <editor> (...)` or `FAIL <editor>: <reason>`,
# then `N passed, N failed`. Probe logs of failures go to stderr. Exit status 1 if any failed.
# An editor that is not installed is skipped with one `skip <editor>: ...` line naming how to install
# it, unless SELINUX_MOUNTS_REQUIRE_EDITORS=1 (set by .ci/run), where it is a failure.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$root/test/editors
server=$root/dist/server.js
hard_timeout=60 # seconds per probe run; the probes' own safety nets are shorter (30 s)

if [[ ! -f $server ]]; then
  echo "FAIL: $server is missing: build it first (npm run build)" >&2
  exit 2
fi
if ! command -v node >/dev/null; then
  echo "FAIL: node is not on PATH" >&2
  exit 2
fi

editors=("$@")
[[ ${#editors[@]} -gt 0 ]] || editors=(nvim emacs)
for editor in "${editors[@]}"; do
  case $editor in nvim | emacs) ;; *) echo "unknown editor: $editor (nvim, emacs)" >&2; exit 2 ;; esac
done

# What a missing editor is and how to get it, or nothing when it is there.
missing_editor() {
  case $1 in
    nvim) command -v nvim >/dev/null || echo "Neovim (nvim) is not installed; install: sudo apt-get install neovim (or scripts/ci/install-editors.sh)" ;;
    emacs)
      if ! command -v emacs >/dev/null; then
        echo "Emacs is not installed; install: sudo apt-get install emacs-nox elpa-eglot elpa-yaml-mode (or scripts/ci/install-editors.sh)"
      elif ! emacs --batch -q --eval "(progn (package-initialize) (require 'eglot) (require 'yaml-mode))" >/dev/null 2>&1; then
        echo "Emacs lacks eglot or yaml-mode; install: sudo apt-get install elpa-eglot elpa-yaml-mode (or scripts/ci/install-editors.sh)"
      fi
      ;;
  esac
}

if [[ ${SELINUX_MOUNTS_REQUIRE_EDITORS:-} != 1 ]]; then
  present=()
  for editor in "${editors[@]}"; do
    why=$(missing_editor "$editor")
    if [[ -n $why ]]; then echo "skip $editor: $why"; else present+=("$editor"); fi
  done
  [[ ${#present[@]} -gt 0 ]] || { echo "0 passed, 0 failed"; exit 0; }
  editors=("${present[@]}")
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/selinux-mounts-editors.XXXXXX")
if [[ ${KEEP_TMP:-} == 1 ]]; then echo "keeping $tmp" >&2; else trap 'rm -rf "$tmp"' EXIT; fi

passed=0
failed=0

# Prints a probe log to stderr, indented.
show_log() { sed 's/^/    /' "$1" >&2; }

# Runs one editor's probe on a fresh copy of a fixture and checks the result.
#   run_probe <editor> <case> <fixture> <expected> <line> <col> <rule> <nvim filetype> <emacs mode> <hover> <hover after>
run_probe() {
  local editor=$1 name=$2 fixture=$3 expected=$4 line=$5 col=$6 rule=$7 filetype=$8 mode=$9 hover=${10} hover_after=${11}
  local dir=$tmp/$editor-$name
  local file=$dir/$(basename "$fixture") log=$dir.log
  mkdir -p "$dir" "$dir.home"
  cp "$fixture" "$file"

  local reason='' rc=0 start end
  local -a cmd
  case $editor in
    nvim) cmd=(nvim --headless -n -i NONE -u "$here/nvim/probe.lua" "$file") ;;
    emacs) cmd=(emacs --batch -q -l "$here/emacs/probe.el" "$file") ;; # -q, not -Q: -Q hides Debian's elpa-eglot
  esac

  start=$(date +%s%N)
  if ! command -v "${cmd[0]}" >/dev/null; then
    reason="${cmd[0]} is not installed (scripts/ci/install-editors.sh)"
  else
    # A private HOME/XDG: no user config, no swap/shada/eln-cache left behind.
    (
      cd "$dir"
      export HOME=$dir.home XDG_CONFIG_HOME=$dir.home/.config XDG_DATA_HOME=$dir.home/.local/share \
        XDG_STATE_HOME=$dir.home/.local/state XDG_CACHE_HOME=$dir.home/.cache
      export PROBE_SERVER=$server PROBE_LINE=$line PROBE_COL=$col PROBE_CODE=$rule PROBE_FILETYPE=$filetype \
        PROBE_MODE=$mode PROBE_HOVER=$hover PROBE_HOVER_AFTER=$hover_after PROBE_TIMEOUT_MS=30000 PROBE_TIMEOUT=30
      exec timeout -k 5 "$hard_timeout" "${cmd[@]}"
    ) </dev/null >"$log" 2>&1 || rc=$?
    end=$(date +%s%N)

    local probe_fail
    probe_fail=$(grep -m1 '^FAIL: ' "$log" | cut -c7- || true)
    if [[ $rc -eq 124 || $rc -eq 137 ]]; then
      reason="$name: no result within ${hard_timeout} s (killed by timeout)"
    elif [[ -n $probe_fail ]]; then
      reason="$name: $probe_fail"
    elif [[ $rc -ne 0 ]]; then
      reason="$name: probe exited with status $rc without a FAIL line (see its log)"
    elif ! grep -q 'PASS$' "$log"; then
      reason="$name: probe exited 0 without passing (see its log)"
    elif ! cmp -s "$expected" "$file"; then
      reason="$name: the saved file differs from $(basename "$expected"): $({ diff "$expected" "$file" || true; } | grep '^[<>]' | head -4 | tr '\n' ' ')"
    fi

    # The server must not outlive the editor (an orphan would hang CI).
    local pid
    pid=$(sed -n 's/^server-pid \([0-9][0-9]*\)$/\1/p' "$log" | head -1)
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
      timeout 5 tail --pid="$pid" -f /dev/null || true
      if kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        [[ -n $reason ]] || reason="$name: the server (pid $pid) was still running 5 s after $editor exited"
      fi
    fi
  fi
  end=${end:-$(date +%s%N)}
  local secs
  secs=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.1f", ns / 1e9 }')

  if [[ -z $reason ]]; then
    echo "ok $editor ($name, $secs s)"
    passed=$((passed + 1))
    [[ ${VERBOSE:-} != 1 ]] || show_log "$log"
  else
    echo "FAIL $editor: $reason"
    failed=$((failed + 1))
    [[ ! -f $log ]] || { echo "--- $editor log ($name):" >&2; show_log "$log"; }
  fi
}

# One file kind: runs every editor on it.
#   check <case> <fixture> <line> <col> <rule> <nvim filetype> <emacs mode> <hover> <hover after the fix>
# <fixture> is under fixtures/; the expected result is <stem>.expected.<ext> next to it.
# <line>/<col>: 1-based start of the diagnostic whose preferred fix is applied.
# <hover>: `|`-separated texts, one of which the hover at the diagnostic must contain; <hover after
# the fix>: the same for the hover on the last character the fix inserted.
check() {
  local name=$1 fixture=$here/fixtures/$2
  local stem=${2%.*} ext=${2##*.}
  local expected=$here/fixtures/$stem.expected.$ext
  for editor in "${editors[@]}"; do
    run_probe "$editor" "$name" "$fixture" "$expected" "$3" "$4" "$5" "$6" "$7" "$8" "$9"
  done
}

check compose docker-compose.yml 6 9 missing-relabel yaml yaml-mode 'container_t|Permission denied' 'container_file_t'
check shell deploy.sh 4 6 missing-relabel sh sh-mode 'container_t|Permission denied' 'container_file_t'

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
