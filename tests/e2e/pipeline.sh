#!/bin/bash
# tests/e2e/pipeline.sh PBLINT SOURCE_DIR SEEDS_DIR
# With one job, pblint keeps two files in flight to its isolation worker.
# Files larger than the pipe to the worker, after files whose answers are
# larger than the pipe back, must neither block (a file too big to queue
# waits its turn) nor change a finding: the output of one run over all the
# files is the output of one run per file, in order.
set -u
PBLINT=$1
SRC=$2
SEEDS=$3
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
python3 "$SRC/bench/gen-corpus.py" --big 2 --seed 7 --out "$T/a" >/dev/null 2>&1 || { echo "FAIL: gen-corpus"; exit 1; }
python3 "$SRC/bench/gen-corpus.py" --big 3 --seed 8 --out "$T/b" >/dev/null 2>&1 || { echo "FAIL: gen-corpus"; exit 1; }
big1=$(ls "$T"/a/*.txt)
big2=$(ls "$T"/b/*.txt)
seeds=("$SEEDS"/*.txt)
files=("${seeds[0]}" "$big1" "$big2" "${seeds[1]}" "$big1" "${seeds[2]}")
for f in "${files[@]}"; do
    "$PBLINT" -j 1 --color=never "$f" 2>/dev/null
done >"$T/one-by-one"
timeout 120 "$PBLINT" -j 1 --color=never "${files[@]}" >"$T/together" 2>/dev/null
rc=$?
[ $rc -eq 124 ] && { echo "FAIL: pblint -j 1 did not finish in 120 s (host and worker blocked?)"; fail=1; }
[ $rc -le 1 ] || [ $rc -eq 124 ] || { echo "FAIL: exit status $rc"; fail=1; }
n=$(grep -c ': note: \|: warning: \|: error: ' "$T/together")
[ "$n" -gt 1000 ] || { echo "FAIL: only $n findings: the answers must be larger than a pipe"; fail=1; }
cmp -s "$T/one-by-one" "$T/together" || { echo "FAIL: the findings differ from one run per file"; diff "$T/one-by-one" "$T/together" | head -5; fail=1; }
# the same in-process (no worker, no files in flight)
PBLINT_ISOLATION=off timeout 120 "$PBLINT" -j 1 --color=never "${files[@]}" >"$T/inproc" 2>/dev/null
cmp -s "$T/one-by-one" "$T/inproc" || { echo "FAIL: in-process findings differ"; fail=1; }
# the reader of a file gets ten times a rule's time limit: past that it is
# stopped as hung, with an error naming the file, and the next file is read
out=$(PBLINT_CHECK_TIMEOUT_MS=1 timeout 60 "$PBLINT" -j 1 --color=never --select='parse/*' \
    "$big2" "${seeds[0]}" 2>&1 >/dev/null)
rc=$?
[ $rc -eq 2 ] || { echo "FAIL: reader time-out: exit status $rc, not 2"; fail=1; }
case "$out" in
    *"pblint: error: $big2: pblint's reader ran for more than 10 ms on this file and was stopped (a bug in pblint; please report it with the file)"*) ;;
    *) echo "FAIL: reader time-out: no error naming the file:"; echo "$out" | head -3; fail=1 ;;
esac
case "$out" in
    *" in 1 file (1 file not linted: see the errors above)"*) ;;
    *) echo "FAIL: reader time-out: the other file was not read:"; echo "$out" | tail -2; fail=1 ;;
esac
[ $fail = 0 ] && echo "pipeline: ok ($n findings over ${#files[@]} files)"
exit $fail
