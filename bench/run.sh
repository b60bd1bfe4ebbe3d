#!/usr/bin/env bash
# bench/run.sh [BUILD_DIR]  - pblint performance benchmark (see bench/README.md)
#
# Measures, in one run and on the same synthetic corpus (bench/corpus, 2000 files):
#   cat > /dev/null, wc -l, pblint --quiet --color=never (and -j 1 / -j 2 if supported)
#   best of $BENCH_RUNS wall-clock runs each; files/s, MB/s, peak RSS, xargs invocations;
#   start-up time on one 10 KB filing (best of $BENCH_STARTUP_RUNS);
#   linear-time check on 5 MB and 50 MB files; stress files (1,000,000 rows; one 10,000-cell row).
#
# Environment knobs (defaults in brackets):
#   BENCH_RUNS [3]  BENCH_STARTUP_RUNS [20]  BENCH_N [2000]  BENCH_SEED [1]
#   BENCH_TIMEOUT [600] seconds per pblint invocation batch   BENCH_STRESS [1] (0 = skip stress files)
#   BENCH_BIG ["5 50"] sizes (MiB) for the linear-time check   PYTHON [python3]
#   BENCH_TIME [/usr/bin/time] GNU time, for peak RSS ("none": do not measure RSS)
# pblint exiting 1 (findings) is normal; exit >= 2 marks the run invalid.

set -u -o pipefail
# C number formatting for awk/printf; a UTF-8 C locale when the system has one
if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then export LC_ALL=C.UTF-8; else export LC_ALL=C; fi

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
BUILD=${1:-build}
if [[ ! -d $BUILD && -d $ROOT/$BUILD ]]; then BUILD=$ROOT/$BUILD; fi
BUILD=$(cd "$BUILD" 2>/dev/null && pwd || echo "$BUILD")
PBLINT=$BUILD/cli/pblint

RUNS=${BENCH_RUNS:-3}
SRUNS=${BENCH_STARTUP_RUNS:-20}
N=${BENCH_N:-2000}
SEED=${BENCH_SEED:-1}
TMO=${BENCH_TIMEOUT:-600}
STRESS=${BENCH_STRESS:-1}
BIG=${BENCH_BIG:-5 50}
PY=${PYTHON:-python3}
CORPUS=$HERE/corpus
STRESSDIR=$CORPUS/stress
GEN=$HERE/gen-corpus.py

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pblint-bench.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT
ERRLOG=$WORK/stderr.log
LIST=$WORK/files.list
RESULTS=$CORPUS/last-run.tsv
: > "$ERRLOG"

die() { printf 'bench/run.sh: %s\n' "$*" >&2; exit 2; }
note() { printf '%s\n' "$*" >&2; }

# ---------------------------------------------------------------- clock (µs, no fork with bash >= 5)
if [[ -n ${EPOCHREALTIME:-} ]]; then
  CLOCK="bash \$EPOCHREALTIME"
  clock() { T=${EPOCHREALTIME/[.,]/}; }
else
  CLOCK="date +%s%N"
  clock() { T=$(( $(date +%s%N) / 1000 )); }
fi

# ---------------------------------------------------------------- tools
command -v "$PY" >/dev/null || die "python3 is needed to generate the corpus"
HAVE_TIME=0
TIMEBIN=${BENCH_TIME:-/usr/bin/time}
if [[ -x $TIMEBIN ]] && "$TIMEBIN" -f '%M' true 2>/dev/null; then HAVE_TIME=1; fi
if ((HAVE_TIME == 0)); then
  note "note: GNU time ($TIMEBIN) not found - peak RSS will not be measured; install it with: apt-get install time"
fi
HAVE_PBLINT=0
if [[ -x $PBLINT ]]; then HAVE_PBLINT=1; else
  note "note: $PBLINT not found - build first: meson setup build && ninja -C build"
  note "      measuring the cat / wc -l baselines only"
fi
# largest command line xargs may build: keeps the corpus to one pblint invocation
XS=$(xargs --show-limits </dev/null 2>&1 | awk -F: '/actually use/ {gsub(/ /, "", $2); print $2}')
[[ $XS =~ ^[0-9]+$ ]] || XS=131072
XS=$((XS - 4096))

# ---------------------------------------------------------------- corpus
gen_hash=$(md5sum "$GEN" | cut -d' ' -f1)
stamp="n=$N seed=$SEED gen=$gen_hash"
have=$(find "$CORPUS" -maxdepth 1 -name '*.txt' 2>/dev/null | wc -l)
if [[ $have -ne $N || ! -f $CORPUS/.stamp || $(cat "$CORPUS/.stamp") != "$stamp" ]]; then
  note "generating corpus: $N files, seed $SEED -> $CORPUS"
  mkdir -p "$CORPUS"
  find "$CORPUS" -maxdepth 1 -name '*.txt' -delete
  rm -rf "$STRESSDIR"
  "$PY" "$GEN" -n "$N" --seed "$SEED" --out "$CORPUS" || die "corpus generation failed"
  printf '%s\n' "$stamp" > "$CORPUS/.stamp"
fi
stress_file() {  # stress_file NAME GEN-ARGS... : path of a generated stress file (generated once)
  local name=$1; shift
  if [[ ! -f $STRESSDIR/$name ]]; then
    mkdir -p "$STRESSDIR"
    note "generating $name"
    "$PY" "$GEN" --seed "$SEED" --out "$STRESSDIR" "$@" >/dev/null || die "generating $name failed"
  fi
  printf '%s\n' "$STRESSDIR/$name"
}
ONE=$(stress_file one-10KB.txt --one-kb 10)
declare -A BIGF=()
STRESSF=()
if ((HAVE_PBLINT)); then  # generate everything before measuring anything
  for mb in $BIG; do BIGF[$mb]=$(stress_file "big-${mb}MB.txt" --big "$mb"); done
  if ((STRESS)); then
    STRESSF+=("$(stress_file lines-1000000.txt --lines 1000000)")
    STRESSF+=("$(stress_file cells-10000.txt --cells 10000)")
  fi
fi

cd "$CORPUS" || die "cannot cd to $CORPUS"
find . -maxdepth 1 -name '*.txt' -printf '%P\0' | sort -z > "$LIST"
NFILES=$(tr -cd '\0' < "$LIST" | wc -c)
BYTES=$(xargs -0 -a "$LIST" cat | wc -c)
((NFILES > 0)) || die "no files in $CORPUS"

# ---------------------------------------------------------------- measurement helpers
# time_list CMD... : runs CMD over the corpus file list $RUNS times; sets BEST (µs) and ALL, RC
time_list() {
  local i t0 dt rc
  BEST=; ALL=; RC=0
  for ((i = 0; i < RUNS; i++)); do
    clock; t0=$T
    timeout "$TMO" xargs -0 -s "$XS" -a "$LIST" "$@" >/dev/null 2>>"$ERRLOG"
    rc=$?
    clock; dt=$((T - t0))
    # xargs: 0 = all ok, 123 = some invocation exited 1..125 (pblint: 1 = findings)
    if ((rc != 0 && rc != 123)); then RC=$rc; fi
    ALL+=" $(fmt_s "$dt")"
    if [[ -z $BEST ]] || ((dt < BEST)); then BEST=$dt; fi
  done
}
# check_list CMD... : one more run recording, per invocation, peak RSS (KiB) and exit status.
# sets INV (invocations), RSS (max KiB, or empty), XRC (max exit status)
check_list() {
  local out=$WORK/rss.$RANDOM
  : > "$out"
  if ((HAVE_TIME)); then
    timeout "$TMO" xargs -0 -s "$XS" -a "$LIST" "$TIMEBIN" -a -o "$out" -f '%M %x' "$@" >/dev/null 2>>"$ERRLOG"
  else
    # shellcheck disable=SC2016 # $0/$@/$OUT expand in the inner sh
    OUT=$out timeout "$TMO" xargs -0 -s "$XS" -a "$LIST" sh -c '"$0" "$@"; echo "- $?" >> "$OUT"' "$@" >/dev/null 2>>"$ERRLOG"
  fi
  read -r INV RSS XRC < <(parse_time "$out")
  [[ $RSS == - ]] && RSS=
}
# parse_time FILE : "invocations maxRSS maxExit" from GNU time -f '%M %x' lines (a signal counts as 128+N)
parse_time() {
  awk '/terminated by signal/ {s = $NF + 128; if (s > x) x = s}
       /^(-|[0-9]+) [0-9]+$/ {n++; if ($1 != "-" && $1 + 0 > m) m = $1 + 0; if ($2 + 0 > x) x = $2 + 0}
       END {print n + 0, (m ? m : "-"), x + 0}' "$1"
}
# time_one RUNS CMD... : best wall time (µs) of CMD run directly (no xargs); sets BEST, RC
time_one() {
  local n=$1 i t0 dt rc; shift
  BEST=; RC=0
  for ((i = 0; i < n; i++)); do
    clock; t0=$T
    "$@" >/dev/null 2>>"$ERRLOG"
    rc=$?
    clock; dt=$((T - t0))
    ((rc > RC)) && RC=$rc
    if [[ -z $BEST ]] || ((dt < BEST)); then BEST=$dt; fi
  done
}
rss_one() {  # rss_one CMD... : peak RSS KiB of one run (empty without GNU time); sets RSS, XRC
  time_rss 1 "$@"
}
# time_rss RUNS CMD... : best wall time (µs) and max RSS / exit status over RUNS runs, each under
# GNU time (its cost, ~1 ms, is noise for the multi-second big-file runs); sets BEST, RSS, XRC, TO
time_rss() {
  local n=$1 i t0 dt rc r x out=$WORK/rss1.$RANDOM; shift
  BEST=; RSS=; XRC=0; TO=0; ALL=
  for ((i = 0; i < n; i++)); do
    : > "$out"
    clock; t0=$T
    if ((HAVE_TIME)); then
      timeout "$TMO" "$TIMEBIN" -o "$out" -f '%M %x' "$@" >/dev/null 2>>"$ERRLOG"; rc=$?
      read -r _ r x < <(parse_time "$out")
    else
      timeout "$TMO" "$@" >/dev/null 2>>"$ERRLOG"; rc=$?; r=-; x=$rc
    fi
    clock; dt=$((T - t0))
    ((rc == 124)) && TO=1
    ((x > XRC)) && XRC=$x
    [[ $r != - ]] && { [[ -z $RSS ]] || ((r > RSS)); } && RSS=$r
    if [[ -z $BEST ]] || ((dt < BEST)); then BEST=$dt; fi
    ALL+=" $(fmt_s "$dt")"
    ((TO)) && break
  done
}
fmt_s() { awk -v u="$1" 'BEGIN {printf "%.3f", u / 1e6}'; }
fmt_ms() { awk -v u="$1" 'BEGIN {printf "%.2f", u / 1e3}'; }
mib() { [[ -n $1 ]] && awk -v k="$1" 'BEGIN {printf "%.1f MiB", k / 1024}' || printf 'n/a'; }
rate() { awk -v n="$1" -v u="$2" 'BEGIN {printf "%.0f", n / (u / 1e6)}'; }
mbps() { awk -v b="$1" -v u="$2" 'BEGIN {printf "%.1f", b / 1e6 / (u / 1e6)}'; }

declare -A R  # results for last-run.tsv
row() {  # row LABEL BEST_us INV RSS_KiB ALL
  printf '  %-34s %9s s %10s %9s %11s %5s   %s\n' "$1" "$(fmt_s "$2")" "$(rate "$NFILES" "$2")" \
    "$(mbps "$BYTES" "$2")" "$(mib "$4")" "$3" "${5# }"
}
INVALID=()
check_rc() {  # check_rc LABEL RC(xargs/time) XRC(max per-invocation)
  if [[ ${3:-0} -ge 2 || ( $2 -ne 0 && $2 -ne 123 && $2 -ne 1 ) ]]; then
    INVALID+=("$1: exit status ${3:-?} (xargs/timeout status $2) - see stderr below")
  fi
}

# ---------------------------------------------------------------- header
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null)
gov=$(cat /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor 2>/dev/null || echo n/a)
ndef=$(awk -F'\t' 'NR > 1 && $6 != "-"' "$CORPUS/MANIFEST.tsv" 2>/dev/null | wc -l)
read -r smin smed smax < <(find . -maxdepth 1 -name '*.txt' -printf '%s\n' | sort -n |
  awk '{a[NR] = $1} END {printf "%.1f %.1f %.1f", a[1] / 1024, a[int((NR + 1) / 2)] / 1024, a[NR] / 1024}')
echo "pblint benchmark - $(date '+%Y-%m-%d %H:%M')"
echo "  host    : ${cpu:-unknown CPU}, $(nproc) CPU(s), $(uname -sr), governor $gov, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  corpus  : $CORPUS"
echo "            $NFILES files, $(awk -v b="$BYTES" 'BEGIN {printf "%.2f", b / 1e6}') MB, sizes min/median/max $smin/$smed/$smax KiB, $ndef with injected defects (seed $SEED)"
if ((HAVE_PBLINT)); then
  ver=$("$PBLINT" --version 2>/dev/null | head -n1)
  JOBS=0; JOBOPT=()
  help=$("$PBLINT" --help 2>&1)
  # a short -j (not the "-j" inside --json); else a long --jobs
  if grep -qE -- '(^|[^-[:alnum:]])-j([^[:alpha:]-]|$)' <<<"$help"; then JOBS=1; JOBOPT=(-j)
  elif grep -q -- '--jobs' <<<"$help"; then JOBS=1; JOBOPT=(--jobs)
  fi
  echo "  pblint  : $PBLINT ${ver:+($ver)}, parallel option: $( ((JOBS)) && echo "${JOBOPT[0]}" || echo none)"
else
  echo "  pblint  : $PBLINT - NOT BUILT (build first: meson setup build && ninja -C build)"
fi
echo "  method  : wall clock ($CLOCK), best of $RUNS; files passed with xargs -0 -s $XS; MB = 10^6 bytes;"
if ((HAVE_TIME)); then
  echo "            peak RSS = largest max-RSS of any single process ($TIMEBIN -f %M), in a separate run for the corpus rows"
else
  echo "            peak RSS not measured (no GNU time: apt-get install time)"
fi
echo

# ---------------------------------------------------------------- corpus throughput
echo "Corpus throughput ($NFILES files, same files for every command)"
printf '  %-34s %11s %10s %9s %11s %5s   %s\n' command "best" "files/s" "MB/s" "peak RSS" "inv." "all runs (s)"
xargs -0 -a "$LIST" cat >/dev/null  # warm the page cache

time_list cat; b=$BEST; a=$ALL; check_list cat
row "cat > /dev/null" "$b" "$INV" "$RSS" "$a"; R[cat_us]=$b; R[cat_rss]=$RSS
time_list wc -l; b=$BEST; a=$ALL; check_list wc -l
row "wc -l" "$b" "$INV" "$RSS" "$a"; R[wc_us]=$b; R[wc_rss]=$RSS; WC_US=$b

ST_US=; ST_RSS=; J1=; J2=; ST_INV=
if ((HAVE_PBLINT)); then
  P=("$PBLINT" --quiet --color=never)
  time_list "${P[@]}"; b=$BEST; a=$ALL; rc=$RC; check_list "${P[@]}"; check_rc "pblint" "$rc" "$XRC"
  # with a parallel option the plain command uses pblint's default job count: not single-threaded
  row "pblint --quiet --color=never$( ((JOBS)) && echo ' (dflt)')" "$b" "$INV" "$RSS" "$a"
  R[pblint_us]=$b; R[pblint_rss]=$RSS; R[pblint_inv]=$INV; R[pblint_exit]=$XRC
  ST_US=$b; ST_RSS=$RSS; ST_INV=$INV
  if ((JOBS)); then
    for j in 1 2; do
      jo=("${JOBOPT[0]}" "$j"); [[ ${JOBOPT[0]} == --jobs ]] && jo=("--jobs=$j")
      time_list "${P[@]}" "${jo[@]}"; b=$BEST; a=$ALL; rc=$RC; check_list "${P[@]}" "${jo[@]}"
      check_rc "pblint ${jo[*]}" "$rc" "$XRC"
      row "pblint --quiet --color=never ${jo[*]}" "$b" "$INV" "$RSS" "$a"
      R[pblint_j${j}_us]=$b; R[pblint_j${j}_rss]=$RSS
      [[ $j == 1 ]] && J1=$b || J2=$b
    done
    ST_US=$J1; ST_RSS=${R[pblint_j1_rss]}
  fi
  if [[ -n $ST_INV && $ST_INV -gt 1 ]]; then
    echo "  note: xargs split the file list into $ST_INV pblint invocations; start-up cost is paid $ST_INV times"
  fi
else
  echo "  pblint                              not measured: $PBLINT is missing"
fi
echo

# ---------------------------------------------------------------- start-up
SU=
if ((HAVE_PBLINT)); then
  onesz=$(wc -c < "$ONE")
  echo "Start-up: one filing of $onesz bytes ($(basename "$ONE")), best of $SRUNS"
  TRUE=$(command -v true); [[ $TRUE == true ]] && TRUE=/bin/true
  method="$CLOCK"
  if command -v hyperfine >/dev/null; then
    hj=$WORK/hf.json
    if hyperfine -N -w 3 -r "$SRUNS" -i --export-json "$hj" "$TRUE" "$PBLINT --quiet --color=never $ONE" >/dev/null 2>>"$ERRLOG"; then
      read -r t_true t_pb < <("$PY" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print(*(int(x["min"]*1e6) for x in r))' "$hj")
      method="hyperfine -N"
    fi
  fi
  if [[ $method != "hyperfine -N" ]]; then
    time_one "$SRUNS" "$TRUE"; t_true=$BEST
    time_one "$SRUNS" "$PBLINT" --quiet --color=never "$ONE"; t_pb=$BEST
  fi
  rss_one "$PBLINT" --quiet --color=never "$ONE"; check_rc "pblint (start-up file)" 0 "$XRC"
  st_rss=$RSS
  printf '  %-34s %9s ms\n' "$TRUE (process spawn floor)" "$(fmt_ms "$t_true")"
  printf '  %-34s %9s ms   peak RSS %s, exit %s   [%s]\n' "pblint --quiet --color=never FILE" "$(fmt_ms "$t_pb")" "$(mib "$st_rss")" "${XRC:-?}" "$method"
  SU=$t_pb; R[startup_us]=$t_pb; R[spawn_us]=$t_true
  echo
fi

# ---------------------------------------------------------------- linear time
LIN=
if ((HAVE_PBLINT)); then
  echo "Linear-time check: concatenated declarations, best of $RUNS"
  printf '  %-16s %9s %12s %12s %12s %11s %5s   %s\n' file MB "wc -l s/MB" "pblint s" "pblint s/MB" "peak RSS" exit "all runs (s)"
  declare -a lin_spm=()
  for mb in $BIG; do
    f=${BIGF[$mb]}
    sz=$(wc -c < "$f")
    time_one "$RUNS" wc -l "$f"; w=$BEST
    time_rss "$RUNS" "$PBLINT" --quiet --color=never "$f"; p=$BEST; pall=$ALL
    if ((TO)); then INVALID+=("$(basename "$f"): timed out after ${TMO}s"); XRC=timeout
    else check_rc "pblint $(basename "$f")" 0 "$XRC"; fi
    spm=$(awk -v u="$p" -v b="$sz" 'BEGIN {printf "%.5f", (u / 1e6) / (b / 1e6)}')
    lin_spm+=("$spm")
    printf '  %-16s %9.2f %12.5f %12.3f %12s %11s %5s   %s\n' "$(basename "$f")" "$(awk -v b="$sz" 'BEGIN {print b / 1e6}')" \
      "$(awk -v u="$w" -v b="$sz" 'BEGIN {printf "%.5f", (u / 1e6) / (b / 1e6)}')" "$(fmt_s "$p")" "$spm" "$(mib "$RSS")" "${XRC:-?}" "${pall# }"
    R[big_${mb}_us]=$p; R[big_${mb}_rss]=$RSS
  done
  if ((${#lin_spm[@]} >= 2)); then
    LIN=$(awk -v a="${lin_spm[0]}" -v b="${lin_spm[${#lin_spm[@]} - 1]}" 'BEGIN {printf "%.2f", (a > 0 ? b / a : 0)}')
    echo "  s/MB of the largest file / s/MB of the smallest: $LIN"
    R[linear_ratio]=$LIN
  fi
  echo
fi

# ---------------------------------------------------------------- stress files
if ((HAVE_PBLINT && STRESS)); then
  echo "Stress files (one run each, timeout ${TMO}s)"
  for f in "${STRESSF[@]}"; do
    sz=$(wc -c < "$f")
    time_rss 1 "$PBLINT" --quiet --color=never "$f"; p=$BEST
    if ((TO)); then XRC="timeout"; INVALID+=("$(basename "$f"): timed out after ${TMO}s"); else check_rc "pblint $(basename "$f")" 0 "$XRC"; fi
    printf '  %-22s %8.1f MB %10s s %12s   exit %s\n' "$(basename "$f")" "$(awk -v b="$sz" 'BEGIN {print b / 1e6}')" "$(fmt_s "$p")" "$(mib "$RSS")" "${XRC:-?}"
    k=$(basename "$f" .txt); R[stress_${k}_us]=$p; R[stress_${k}_rss]=$RSS
  done
  echo
fi

# ---------------------------------------------------------------- targets
verdict() { case $1 in 1) printf 'PASS' ;; 0) printf 'FAIL' ;; *) printf 'n/a ' ;; esac; }
cmp_le() { awk -v a="$1" -v b="$2" 'BEGIN {print (a <= b) ? 1 : 0}'; }
echo "Targets (project issue)"
if [[ -n $ST_US ]]; then
  ratio=$(awk -v w="$WC_US" -v p="$ST_US" 'BEGIN {printf "%.3f", w / p}')
  printf '  [%s] single-thread throughput >= 1/3 of wc -l   pblint %s MB/s, wc -l %s MB/s: ratio %s (need >= 0.333)\n' \
    "$(verdict "$(cmp_le 0.3333 "$ratio")")" "$(mbps "$BYTES" "$ST_US")" "$(mbps "$BYTES" "$WC_US")" "$ratio"
else
  printf '  [n/a ] single-thread throughput >= 1/3 of wc -l   wc -l %s MB/s, i.e. pblint needs >= %s MB/s\n' \
    "$(mbps "$BYTES" "$WC_US")" "$(awk -v b="$BYTES" -v u="$WC_US" 'BEGIN {printf "%.1f", b / 1e6 / (u / 1e6) / 3}')"
fi
if [[ -n $SU ]]; then
  printf '  [%s] 10 KB filing in < 5 ms wall                %s ms\n' "$(verdict "$(cmp_le "$SU" 4999)")" "$(fmt_ms "$SU")"
else
  printf '  [n/a ] 10 KB filing in < 5 ms wall\n'
fi
if [[ -n $ST_RSS ]]; then
  printf '  [%s] peak RSS < 32 MiB (corpus run)             %s\n' "$(verdict "$(cmp_le "$ST_RSS" 32767)")" "$(mib "$ST_RSS")"
else
  printf '  [n/a ] peak RSS < 32 MiB (corpus run)%s\n' "$( ((HAVE_TIME)) || echo '             GNU time missing: apt-get install time')"
fi
if [[ -n $LIN ]]; then
  printf '  [%s] 50 MB file <= 1.2x per MB of a 5 MB one    ratio %s\n' "$(verdict "$(cmp_le "$LIN" 1.2)")" "$LIN"
else
  printf '  [n/a ] 50 MB file <= 1.2x per MB of a 5 MB one\n'
fi
if [[ -n $J1 && -n $J2 ]]; then
  sp=$(awk -v a="$J1" -v b="$J2" 'BEGIN {printf "%.2f", a / b}')
  extra=""; (( $(nproc) < 2 )) && extra=" (only $(nproc) CPU: not meaningful)"
  printf '  [%s] -j 2 >= 1.7x -j 1                           speed-up %sx%s\n' "$(verdict "$(cmp_le 1.7 "$sp")")" "$sp" "$extra"
  R[j2_speedup]=$sp
else
  printf '  [n/a ] -j 2 >= 1.7x -j 1%s\n' "$( ((HAVE_PBLINT)) && echo '                           pblint --help shows no -j option')"
fi

{
  printf 'key\tvalue\n'
  printf 'date\t%s\nfiles\t%s\nbytes\t%s\n' "$(date -Is)" "$NFILES" "$BYTES"
  for k in "${!R[@]}"; do printf '%s\t%s\n' "$k" "${R[$k]}"; done | sort
} > "$RESULTS" 2>/dev/null

status=0
if ((${#INVALID[@]})); then
  echo
  echo "INVALID measurements (pblint exit >= 2 or timeout; exit 1 = findings is fine):"
  printf '  %s\n' "${INVALID[@]}"
  echo "first lines of stderr:"
  head -n 15 "$ERRLOG" | sed 's/^/  | /'
  status=1
fi
if ((!HAVE_PBLINT)); then
  echo
  echo "pblint is not built ($PBLINT missing) - build first: meson setup build && ninja -C build" >&2
  status=2
fi
exit $status
