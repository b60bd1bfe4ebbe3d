#!/bin/bash
# Runs each libFuzzer harness for a fixed number of executions and reports
# how many ran and how many crashes were found.
#   fuzz/run.sh BUILD_DIR [RUNS] [HARNESS...]
# BUILD_DIR is a build with -Dfuzz=true (CC=clang meson setup build-fuzz
# -Dfuzz=true); RUNS defaults to 200000 executions per harness; HARNESS is
# reader, value, config or lsp_frame (default: all of them).
#
# Corpora start from the real filings (../shared/seeds), tests/model,
# tests/rules, tests/config/fixtures, samples and tests/hostile/regressions;
# the value parser's from the cells and lines of those files; the config
# parser's from fuzz/seeds/config, the YAML in rules-doc/configuration.md
# and in tests/config/config.sh; the editor server's frame parser's from
# fuzz/seeds/lsp_frame (client sessions, and frames of every kind the
# server refuses).  They live in BUILD_DIR/fuzz/work/ and grow from run to
# run.  A crash, leak, time-out (10 s) or out-of-memory input is saved there
# as crash-*, leak-*, timeout-* or oom-*, with the log next to it; the
# harness is then started again on the remaining executions (at most
# 3 findings per harness).  Exit status: 0 when nothing was found, 1 when
# something was, 2 on a usage error.
set -u
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
    echo "usage: fuzz/run.sh BUILD_DIR [RUNS] [reader|value|config|lsp_frame ...]" >&2
    exit 2
fi
build=$(cd "$1" && pwd)
runs=${2:-200000}
shift $(($# >= 2 ? 2 : 1))
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(reader value config lsp_frame)
case $runs in '' | *[!0-9]*) echo "fuzz/run.sh: RUNS must be a number, not '$runs'" >&2; exit 2 ;; esac
src=$(cd "$(dirname "$0")/.." && pwd)
seeds=$(cd "$src/.." && pwd)/shared/seeds
work=$build/fuzz/work
mkdir -p "$work"

# Seeds, copied in under their source path so that a later run adds only
# what is new (libFuzzer adds what it finds under content hashes).
seed_reader() {
    local dir=$1 f
    shopt -s nullglob
    for f in "$seeds"/*.txt "$src"/tests/model/*.txt "$src"/tests/rules/*/*.txt \
        "$src"/tests/config/fixtures/*.txt "$src"/samples/*.txt "$src"/tests/hostile/regressions/*; do
        [ -f "$f" ] || continue
        local name=${f#"$src"/}
        name=${name#"$seeds"/}
        cp -n "$f" "$dir/seed-${name//\//_}"
    done
    # the encodings the reader converts, from one real filing
    local one=$src/samples/declaration-2024.txt
    if [ -f "$one" ]; then
        iconv -f UTF-8 -t GB18030 "$one" > "$dir/seed-gb18030.txt" 2>/dev/null
        { printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE "$one"; } > "$dir/seed-utf16le-bom.txt" 2>/dev/null
        iconv -f UTF-8 -t UTF-16BE "$one" > "$dir/seed-utf16be.txt" 2>/dev/null
        { printf '\xef\xbb\xbf'; sed 's/$/\r/' "$one"; } > "$dir/seed-bom-crlf.txt"
    fi
    shopt -u nullglob
}

seed_value() {
    python3 - "$1" "$seeds" "$src" <<'EOF'
import glob, hashlib, os, sys
out, seeds, src = sys.argv[1:4]
files = sorted(glob.glob(seeds + '/*.txt') + glob.glob(src + '/tests/model/*.txt') +
               glob.glob(src + '/tests/rules/*/*.txt') + glob.glob(src + '/samples/*.txt'))
pieces = set()
for f in files:
    text = open(f, 'rb').read()
    for line in text.splitlines():
        for cell in line.split(b'\t'):
            cell = cell.strip()
            if cell and len(cell) <= 200 and any(0x30 <= c <= 0x39 or c >= 0x80 for c in cell):
                pieces.add(cell)
for p in sorted(pieces)[:4000]:
    name = os.path.join(out, 'seed-' + hashlib.sha1(p).hexdigest()[:16])
    if not os.path.exists(name):
        open(name, 'wb').write(p)
EOF
}

seed_config() {
    local dir=$1 f
    for f in "$src"/fuzz/seeds/config/*.yaml; do
        cp -n "$f" "$dir/seed-$(basename "$f")"
    done
    python3 - "$dir" "$src" <<'EOF'
import os, re, sys
out, src = sys.argv[1:3]
blocks = []
doc = os.path.join(src, 'rules-doc/configuration.md')
if os.path.exists(doc):
    blocks += re.findall(r'```yaml\n(.*?)```', open(doc, encoding='utf-8').read(), re.S)
sh = os.path.join(src, 'tests/config/config.sh')
if os.path.exists(sh):
    text = open(sh, encoding='utf-8').read()
    blocks += re.findall(r"cat > \S+\.yaml <<'EOF'\n(.*?)\nEOF\n", text, re.S)
    for m in re.findall(r"printf '((?:[^'\\]|\\.)*)' > \S+\.yaml", text):
        blocks.append(m.encode().decode('unicode_escape').encode('latin-1').decode('utf-8', 'replace'))
for i, b in enumerate(blocks):
    name = os.path.join(out, 'seed-doc-%03d.yaml' % i)
    if not os.path.exists(name):
        open(name, 'w', encoding='utf-8').write(b)
EOF
}

seed_lsp_frame() {
    local dir=$1 f
    for f in "$src"/fuzz/seeds/lsp_frame/*; do
        cp -n "$f" "$dir/seed-$(basename "$f")"
    done
}

total_execs=0
total_found=0
printf '%-10s %12s %8s %8s %8s\n' harness executions crashes corpus seconds
for h in "${harnesses[@]}"; do
    exe=$build/fuzz/fuzz-$h
    if [ ! -x "$exe" ]; then
        echo "fuzz/run.sh: no $exe (is $build configured with -Dfuzz=true and built?)" >&2
        exit 2
    fi
    corpus=$work/corpus-$h
    art=$work/findings-$h
    mkdir -p "$corpus" "$art"
    "seed_$h" "$corpus"
    case $h in
        reader) max_len=16384 ;;
        value) max_len=256 ;;
        config) max_len=4096 ;;
        lsp_frame) max_len=20480 ;; # past two header lines of the longest length
    esac
    done_runs=0
    found=0
    start=$(date +%s)
    attempt=0
    while [ "$done_runs" -lt "$runs" ] && [ "$found" -lt 3 ]; do
        attempt=$((attempt + 1))
        log=$work/$h-$attempt.log
        before=$(ls "$art" | wc -l)
        left=$((runs - done_runs))
        # a finding stops libFuzzer with a non-zero status; its input is
        # written under -artifact_prefix
        "$exe" -runs="$left" -max_len="$max_len" -timeout=10 -rss_limit_mb=2560 \
            -dict="$src/fuzz/dict/$h.dict" -artifact_prefix="$art/" -print_final_stats=1 \
            "$corpus" > "$log" 2>&1
        rc=$?
        n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
        if [ -z "$n" ]; then # stopped by a finding: the last status line
            n=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
            n=${n:-0}
        fi
        done_runs=$((done_runs + n))
        after=$(ls "$art" | wc -l)
        if [ "$after" -gt "$before" ] || [ $rc -ne 0 ]; then
            found=$((found + 1))
            newest=$(ls -t "$art" | grep -v '\.log$' | head -1)
            [ -n "$newest" ] && cp "$log" "$art/$newest.log"
            echo "  $h: finding ${newest:-(none saved)} after $done_runs executions (exit $rc):" >&2
            grep -m1 -E 'ERROR: |broken promise|runtime error' "$log" | sed 's/^/    /' >&2
            echo "    log: $art/${newest:-}.log" >&2
            [ $n -eq 0 ] && [ $rc -ne 0 ] && break # fails at once: do not loop
        fi
    done
    secs=$(($(date +%s) - start))
    printf '%-10s %12d %8d %8d %8d\n' "$h" "$done_runs" "$found" "$(ls "$corpus" | wc -l)" "$secs"
    total_execs=$((total_execs + done_runs))
    total_found=$((total_found + found))
done
echo "fuzz: $total_execs executions, $total_found crashes found"
[ "$total_found" -eq 0 ]
