#!/bin/bash
# tests/e2e/time-report.sh PBLINT SEEDS_DIR
# --time-report: one line per phase and per loaded plugin (with its number of
# rules), on stderr only, in every mode (isolated or not, -j 1 or 2, JSON);
# the findings on stdout are the same with and without it.
set -u
PBLINT=$1
SEEDS=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

"$PBLINT" --color=never "$SEEDS"/*.txt >"$T/plain.out" 2>/dev/null
# rules per plugin that have a check (parse/ and core/ are the reader's own)
"$PBLINT" --list-rules | awk '{split($1, a, "/"); if (a[1] != "parse" && a[1] != "core") n[a[1]]++}
    END {for (p in n) print p, n[p]}' | sort >"$T/want-plugins"
[ -s "$T/want-plugins" ] || bad "--list-rules listed no plugin rule"

check() { # MODE-NAME, then pblint arguments
    local name=$1
    shift
    "$@" >"$T/$name.out" 2>"$T/$name.err"
    local rc=$?
    [ $rc -le 1 ] || bad "$name: exit status $rc"
    python3 - "$T/$name.err" "$T/want-plugins" "$name" <<'PY' || fail=1
import re, sys
err, want, name = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3]
lines = err.splitlines()
try:
    i = next(k for k, l in enumerate(lines) if l.startswith("pblint: time report: "))
except StopIteration:
    sys.exit(f"FAIL: {name}: no time report on stderr:\n{err}")
m = re.match(r"pblint: time report: 3 files, [0-9.]+ MB, (\d+) jobs?; time summed over the jobs$", lines[i])
if not m:
    sys.exit(f"FAIL: {name}: bad header {lines[i]!r}")
rep = lines[i + 1:]
ms = r"\s+([0-9]+\.[0-9]{2}) ms"
def row(label):
    for l in rep:
        mm = re.match(r"  " + re.escape(label) + ms + r"\s+([0-9.]+)%", l)
        if mm:
            return float(mm.group(1))
    sys.exit(f"FAIL: {name}: no line for {label!r} in:\n" + "\n".join(rep))
phases = [row(p) for p in ("reading files", "decoding text", "building the model",
                           "running the checks", "writing the output")]
total = row("total of the phases")
if abs(sum(phases) - total) > 0.05 + 0.01 * total:
    sys.exit(f"FAIL: {name}: phases {phases} do not add up to {total}")
if not any(re.match(r"  wall time of the run" + ms + "$", l) for l in rep):
    sys.exit(f"FAIL: {name}: no wall time")
got = sorted(
    (mm.group(1), int(mm.group(2)))
    for mm in (re.match(r"    plugin (\S+) \((\d+) rules?\)" + ms, l) for l in rep) if mm)
exp = sorted((p, int(n)) for p, n in (l.split() for l in open(want)))
if got != exp:
    sys.exit(f"FAIL: {name}: plugins {got}, expected {exp}")
try:
    k = rep.index("  the busiest rules:")
except ValueError:
    sys.exit(f"FAIL: {name}: no list of the busiest rules")
top = rep[k + 1:]
if not 1 <= len(top) <= 10:
    sys.exit(f"FAIL: {name}: {len(top)} busiest rules, expected 1 to 10")
prev = None
for l in top:
    mm = re.match(r"    ([a-z0-9-]+/[a-z0-9-]+)" + ms + r"\s+[0-9.]+%$", l)
    if not mm or mm.group(1).split("/")[0] not in dict(exp):
        sys.exit(f"FAIL: {name}: bad busiest-rule line {l!r}")
    if prev is not None and float(mm.group(2)) > prev:
        sys.exit(f"FAIL: {name}: the busiest rules are not in order")
    prev = float(mm.group(2))
busy = [l for l in rep if l.startswith("    plugin ")]
for l in busy:
    if not re.search(r"busiest: \S+/\S+ [0-9]+\.[0-9]{2} ms$", l):
        sys.exit(f"FAIL: {name}: no busiest rule in {l!r}")
PY
}

check isolated "$PBLINT" --color=never --time-report -j 1 "$SEEDS"/*.txt
cmp -s "$T/plain.out" "$T/isolated.out" || bad "the findings differ with --time-report"
check inproc env PBLINT_ISOLATION=off "$PBLINT" --color=never --time-report -j 1 "$SEEDS"/*.txt
cmp -s "$T/plain.out" "$T/inproc.out" || bad "the findings differ with --time-report in-process"
check jobs2 "$PBLINT" --color=never --time-report -j 2 "$SEEDS"/*.txt
cmp -s "$T/plain.out" "$T/jobs2.out" || bad "the findings differ with --time-report -j 2"
grep -q "^pblint: time report: 3 files, [0-9.]* MB, 2 jobs;" "$T/jobs2.err" || bad "-j 2: the header does not say 2 jobs"
check json "$PBLINT" --format=json --time-report "$SEEDS"/*.txt
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/json.out" || bad "--format=json stdout is not one JSON document with --time-report"
# without the option, no report
grep -q "time report" "$T/plain.out" && bad "a time report without --time-report"
"$PBLINT" --color=never "$SEEDS"/*.txt 2>&1 >/dev/null | grep -q "time report" && bad "a time report on stderr without --time-report"

[ $fail = 0 ] && echo "time-report: ok"
exit $fail
