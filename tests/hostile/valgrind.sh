#!/bin/bash
# Valgrind memcheck over the real filings, the sample and the small hostile
# inputs of check.sh (and the fuzzers' regressions): invalid reads and
# writes, uses of uninitialised values, and definite leaks all fail.
#   valgrind.sh BUILD_DIR SOURCE_DIR
# Each pass is one pblint run over all the files (-j 1): the plain text
# output with every rule; the JSON and SARIF logs; --dump-model; and the
# text output again with the checks isolated in their worker process
# (valgrind follows the fork), the way the CLI runs by default.  The other
# passes set PBLINT_ISOLATION=off so the checks run in the process valgrind
# watches most closely.  A sanitizer build is skipped (exit 77): ASan and
# valgrind do not mix.
set -u
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
pblint=$build/cli/pblint
here=$src/tests/hostile
if ! command -v valgrind > /dev/null; then
    echo "SKIP: valgrind is not installed (Debian package 'valgrind')"
    exit 77
fi
sanitize=$(python3 -c 'import json,sys
for o in json.load(open(sys.argv[1])):
    if o["name"] == "b_sanitize": print(o["value"])' "$build/meson-info/intro-buildoptions.json" 2>/dev/null)
if [ -n "$sanitize" ] && [ "$sanitize" != none ]; then
    echo "SKIP: $build is a sanitizer build (b_sanitize=$sanitize); valgrind needs a plain one"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/xdg
unset PBLINT_PLUGIN_PATH PBLINT_CHECK_TIMEOUT_MS
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$tmp/in"
cd "$tmp/in" || exit 2
python3 "$here/gen.py" . "$src/samples/declaration-2024.txt" small || exit 2
# the 10 MB line takes minutes under valgrind; the others are small
rm -f line-10mb.txt
cp "$src/../shared/seeds/"*.txt "$src/samples/declaration-2024.txt" .
shopt -s nullglob
for r in "$here"/regressions/*; do
    [ "$(basename "$r")" = README.md ] || cp "$r" "regression-$(basename "$r")"
done
shopt -u nullglob
mkfifo pipe.txt
ln -s no-such-target.txt dangling.txt
files=(*)

pass=0
fail=0
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
    --show-leak-kinds=definite --track-origins=yes --num-callers=30)
# pass NAME ENV ARGS...: one valgrind run; pblint's own exit status (0, 1,
# 2) is expected, 99 is valgrind's
pass_() {
    local name=$1 isolation=$2
    shift 2
    local t0=$SECONDS
    PBLINT_ISOLATION=$isolation "${vg[@]}" --log-file="$tmp/$name.vg.%p" "$pblint" -j 1 "$@" \
        > "$tmp/$name.out" 2> "$tmp/$name.err"
    local rc=$?
    local report logs
    logs=$(ls "$tmp/$name.vg."* 2>/dev/null | wc -l)
    report=$(cat "$tmp/$name.vg."* 2>/dev/null)
    [ "$logs" -eq 0 ] && report="valgrind wrote no log: did it run?"
    if [ $rc -le 2 ] && [ -z "$report" ]; then
        pass=$((pass + 1))
        echo "ok   $name (exit $rc, $((SECONDS - t0)) s, $logs process(es) checked)"
    else
        fail=$((fail + 1))
        echo "FAIL $name (exit $rc, $((SECONDS - t0)) s)"
        printf '%s\n' "$report" | head -60 | sed 's/^/    /'
        tail -3 "$tmp/$name.err" | sed 's/^/    /'
    fi
}
pass_ text off --plain --color=never "${files[@]}"
pass_ json off --format=json "${files[@]}"
pass_ sarif off --format=sarif "${files[@]}"
pass_ dump-model off --dump-model "${files[@]}"
pass_ isolated on --plain --color=never "${files[@]}"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
