#!/bin/sh
# A real client: headless Neovim runs tests/lsp/init.lua against `pblint lsp`
# on a copy of seed 001 and writes one line per check; this checks them.
#   neovim.sh PBLINT SEEDS_DIR
# Skips (status 77) when nvim is not installed (scripts/deps.txt lists it),
# except under CI, where that is a failure.
set -u
pblint=$(realpath "$1")
seeds=$2
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v nvim >/dev/null 2>&1; then
    echo "nvim is not installed (apt-get install neovim; scripts/deps.txt lists it)"
    [ -n "${CI:-}" ] && exit 1
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/doc"
doc="$tmp/doc/001 申报表.txt"
cp "$seeds/001_fcbd786c23210c20.txt" "$doc"
# the editor must hold what the CLI reports
count=$(XDG_CONFIG_HOME="$tmp/home" "$pblint" --format=json "$doc" 2>/dev/null |
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)["files"][0]["diagnostics"]))')

HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/config" XDG_DATA_HOME="$tmp/home/data" \
XDG_STATE_HOME="$tmp/home/state" XDG_CACHE_HOME="$tmp/home/cache" \
PBLINT="$pblint" PBLINT_DOC="$doc" PBLINT_OUT="$tmp/results" PBLINT_COUNT="$count" \
    timeout -k 5 90 nvim --headless --clean -u "$here/init.lua" </dev/null >"$tmp/nvim.out" 2>&1
status=$?

if [ -f "$tmp/results" ]; then
    cat "$tmp/results"
else
    echo "FAIL: Neovim wrote no results (status $status)"
    cat "$tmp/nvim.out"
fi
if [ "$status" -ne 0 ]; then
    echo "FAIL: nvim exited with status $status"
    [ -f "$tmp/home/cache/nvim/lsp.log" ] && tail -20 "$tmp/home/cache/nvim/lsp.log"
    exit 1
fi
if [ "$(tail -n 1 "$tmp/results")" != PASS ] || grep -q '^FAIL' "$tmp/results"; then
    exit 1
fi
n=$(grep -c '^ok ' "$tmp/results")
echo "neovim: $n checks passed"
