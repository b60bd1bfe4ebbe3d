#!/bin/bash
# Faulty plugins must never take the run down: a crash, an abort or an
# endless loop in one rule costs that rule's findings on that file only; a
# plugin built for another ABI, one registering a rule twice, one without an
# entry point and a file that is no shared object are each refused with one
# sentence naming the file.
#   check.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
pblint="$build/cli/pblint"
# these plugins crash on purpose: under AddressSanitizer, let the signal kill
# the worker as it would in a normal build instead of ASan reporting it
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0:handle_sigbus=0:handle_abort=0"
fp="$build/tests/faulty"
cd "$src/samples"
pass=0
fail=0
expect() { # name, expected exit, expected output, actual exit, actual output
    if [ "$4" = "$2" ] && [ "$5" = "$3" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $1 (exit $4, expected $2)"
        diff <(echo "$3") <(echo "$5") | sed 's/^/    /'
    fi
}
amounts='declaration-2024.txt:19:33: error: 财政拨款 + 其他资金 = 350000 元, but 当年预算 is 360000 元 (10000 元 more) [amounts/fund-total-sum]
declaration-2024.txt:20:33: note: 财政拨款 is 350000 元
declaration-2024.txt:24:33: note: 其他资金 is 0 元'

for kind in crash abort loop; do
    case $kind in
        crash) why="crashed (Segmentation fault)" ;;
        abort) why="crashed (Aborted)" ;;
        loop) why="ran for more than 300 ms and was stopped" ;;
    esac
    out=$(PBLINT_CHECK_TIMEOUT_MS=300 "$pblint" --plain --plugin="$fp/faulty-$kind.so" \
        --select="faulty-$kind/*,amounts/fund-total-sum" declaration-2024.txt 2>&1)
    rc=$?
    expect "$kind" 1 "declaration-2024.txt:1:1: error: rule faulty-$kind/boom of plugin 'faulty-$kind' ($fp/faulty-$kind.so) $why on this file; its findings here are missing, the other rules' are kept [core/plugin-failed]
$amounts
2 errors, 0 warnings in 1 file" $rc "$out"
done

# the same crash on two files: both files are still linted, in order
out=$("$pblint" --plain --plugin="$fp/faulty-crash.so" --select='faulty-crash/*' \
    declaration-2024.txt declaration-2024.txt 2>&1)
expect "crash-two-files" 1 "declaration-2024.txt:1:1: error: rule faulty-crash/boom of plugin 'faulty-crash' ($fp/faulty-crash.so) crashed (Segmentation fault) on this file; its findings here are missing, the other rules' are kept [core/plugin-failed]
declaration-2024.txt:1:1: error: rule faulty-crash/boom of plugin 'faulty-crash' ($fp/faulty-crash.so) crashed (Segmentation fault) on this file; its findings here are missing, the other rules' are kept [core/plugin-failed]
2 errors, 0 warnings in 2 files" $? "$out"

# one job keeps two files in flight to its worker: a crash, an abort or a
# loop on every file costs each file that rule only, and the other rules'
# findings are those of one run per file
for kind in crash abort loop; do
    one=""
    for f in declaration-2024.txt declaration-2024.txt declaration-2024.txt; do
        one+=$(PBLINT_CHECK_TIMEOUT_MS=300 "$pblint" -j 1 --plain --plugin="$fp/faulty-$kind.so" \
            --select="faulty-$kind/*,amounts/*" "$f" 2>/dev/null)$'\n'
    done
    all=$(PBLINT_CHECK_TIMEOUT_MS=300 "$pblint" -j 1 --plain --plugin="$fp/faulty-$kind.so" \
        --select="faulty-$kind/*,amounts/*" declaration-2024.txt declaration-2024.txt \
        declaration-2024.txt 2>/dev/null)
    n=$(echo "$all" | grep -c "faulty-$kind/boom .*\[core/plugin-failed\]")
    if [ "$all"$'\n' = "$one" ] && [ "$n" = 3 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $kind-in-flight: $n failures reported; diff:"
        diff <(echo "$one") <(echo "$all") | head -5
    fi
done

load_case() { # name, plugin file, expected error sentence
    out=$("$pblint" --plain --plugin="$2" --select='amounts/fund-total-sum' declaration-2024.txt 2>&1)
    expect "$1" 2 "pblint: error: $3
$amounts
1 error, 0 warnings in 1 file" $? "$out"
}
abi=$("$pblint" --version | sed -n 's/.*plugin ABI \([0-9]*\.[0-9]*\).*/\1/p')
load_case badabi "$fp/faulty-badabi.so" "$fp/faulty-badabi.so: built for pblint plugin ABI 2.0, while this pblint provides $abi (a plugin loads when its major version equals the host's and its minor is not newer); rebuild it against this pblint"
load_case duprule "$fp/faulty-duprule.so" "$fp/faulty-duprule.so: rule id 'faulty-duprule/same' is registered twice by plugin 'faulty-duprule'"
load_case noentry "$fp/faulty-noentry.so" "$fp/faulty-noentry.so: no entry point: the shared object does not export pblint_plugin_entry(), so it is not a pblint plugin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "not a plugin" > "$tmp/text.so"
out=$("$pblint" --plain --plugin="$tmp/text.so" --select='amounts/fund-total-sum' declaration-2024.txt 2>&1)
rc=$?
first=$(echo "$out" | head -1)
case "$first" in
    "pblint: error: $tmp/text.so: not a shared object, so not a plugin ("*) [ $rc -eq 2 ] && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL not-elf exit $rc"; } ;;
    *) fail=$((fail + 1)); echo "FAIL not-elf: $first" ;;
esac
load_case taken "$build/plugins/amounts.so" "$build/plugins/amounts.so: a plugin named 'amounts' is already loaded from $build/plugins/amounts.so"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
