#!/bin/bash
# Rule tests: every CASE.txt under DIR is linted with `pblint --plain
# --select=SEL` (SEL from CASE.select if present, else DIR's name + "/*"), and
# the output must equal CASE.expected byte for byte.  An empty .expected is a
# case where the rules must stay quiet.  CASE.args, if present, holds extra
# command-line arguments (e.g. --fix --dry-run, --config=CASE.yaml).
#   check.sh PBLINT DIR [--update]
set -u
pblint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$2
update=${3:-}
cd "$dir" || exit 2
plugin=$(basename "$dir")
pass=0
fail=0
shopt -s nullglob
for case in *.txt; do
    base=${case%.txt}
    sel="$plugin/*"
    [ -f "$base.select" ] && sel=$(cat "$base.select")
    args=()
    [ -f "$base.args" ] && read -r -a args < "$base.args"
    actual=$("$pblint" --plain --color=never --select="$sel" "${args[@]}" "$case" 2>/dev/null)
    if [ "$update" = "--update" ]; then
        printf '%s' "$actual" > "$base.expected"
        [ -n "$actual" ] && echo >> "$base.expected"
        continue
    fi
    if [ ! -f "$base.expected" ]; then
        echo "FAIL $dir/$case: no $base.expected"
        fail=$((fail + 1))
        continue
    fi
    expected=$(cat "$base.expected")
    if [ "$actual" == "$expected" ]; then
        pass=$((pass + 1))
    else
        echo "FAIL $dir/$case (select $sel)"
        diff <(echo "$expected") <(echo "$actual") | sed 's/^/    /'
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
