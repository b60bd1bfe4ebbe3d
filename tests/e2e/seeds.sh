#!/bin/bash
# End to end on the real filings: lint the three seeds with every built-in
# plugin and compare with tests/e2e/seeds.expected, exactly.  Why each finding
# is right is written down in tests/e2e/seeds.md.
#   seeds.sh PBLINT SEEDS_DIR [--update]
set -u
pblint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
cd "$2" || { echo "no seeds at $2"; exit 2; }
files="001_fcbd786c23210c20.txt 003_15b5cc2a07eb4fba.txt 004_d54df65a39392abc.txt"
actual=$("$pblint" --plain --color=never -j 1 $files 2>&1)
rc=$?
if [ "${3:-}" = "--update" ]; then
    printf '%s\n' "$actual" > "$here/seeds.expected"
    exit 0
fi
fail=0
if [ "$actual" != "$(cat "$here/seeds.expected")" ]; then
    diff <(cat "$here/seeds.expected") <(echo "$actual") | sed 's/^/    /'
    fail=1
fi
# the seeds hold real errors, so pblint must say so with exit status 1
if [ $rc -ne 1 ]; then
    echo "exit status $rc, expected 1"
    fail=1
fi
# and no arithmetic finding: the seeds' sums are all right, so the amounts
# plugin's arithmetic rules are silent (its two form rules, fund-source-label
# and lump-sum-breakdown, do fire on S-001/S-003: see seeds.md)
arith='amounts/fund-total-sum,amounts/fiscal-subtotal-sum,amounts/current-exceeds-total,amounts/breakdown-sum,amounts/line-unit-price,amounts/narrative-amount-mismatch,amounts/subtotal-tree,amounts/actual-exceeds-budget,amounts/execution-rate,amounts/amount-unit-plausibility,amounts/amount-precision'
amounts=$("$pblint" --plain --color=never --select="$arith" $files 2>/dev/null)
arc=$?
if [ -n "$amounts" ] || [ $arc -ne 0 ]; then
    echo "arithmetic findings on the seeds (exit $arc):"
    echo "$amounts"
    fail=1
fi
if [ $fail -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; exit 1; fi
