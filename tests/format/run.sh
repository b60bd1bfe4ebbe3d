#!/bin/bash
# Output formats and --fix.
#
#   run.sh GROUP PBLINT SEEDS_DIR FIXTURE_PLUGIN [--update]
#
# GROUP is one of
#   seeds         every format on the three seeds (--no-default-plugins: the
#                 reader's own rules only, so the output does not change while
#                 the plugins are being written)
#   fixture       every format, and the text format in every column unit, on
#                 tests/format/fixture.txt with the test plugin's findings
#   github        escaping of the github format (a file named a,b:c%d.txt)
#   sarif-schema  the SARIF logs validate against the SARIF 2.1.0 schema, and
#                 their regions, rule indices and descriptions are consistent
#   json-schema   the JSON logs validate against tests/format/json-format.schema.json
#                 and their positions agree with the files' bytes
#   fix           --fix and --fix --dry-run on copies in a temporary directory
#   jobs          -j 1 and -j 4 give the same output, in every format
#
# With --update the expected files under tests/expected/ are rewritten
# instead of compared (tests/expected/update.sh does it for every group);
# read every changed line before committing them.
set -u
group=$1
pblint=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
seeds=$(cd "$3" && pwd)
fixture_so=$(cd "$(dirname "$4")" && pwd)/$(basename "$4")
update=${5:-}
here=$(cd "$(dirname "$0")" && pwd)
expected=$(cd "$here/../expected" && pwd)
schema=$(cd "$here/../../.." && pwd)/shared/specs/sarif-schema-2.1.0.json
export PBLINT_RULES_DOC=$here/../plugins/rules-doc
unset PBLINT_PLUGIN_PATH NO_COLOR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() {
    echo "FAIL $*"
    fail=$((fail + 1))
}

# compare NAME FILE: FILE must equal tests/expected/NAME (or becomes it with --update)
compare() {
    local name=$1 file=$2
    if [ "$update" = "--update" ]; then
        cp "$file" "$expected/$name"
        return
    fi
    if [ ! -f "$expected/$name" ]; then
        bad "$name: no tests/expected/$name"
    elif cmp -s "$expected/$name" "$file"; then
        ok
    else
        bad "$name differs from tests/expected/$name:"
        diff "$expected/$name" "$file" | head -40 | sed 's/^/    /'
    fi
}

# check DESCRIPTION COMMAND...: the command must succeed
check() {
    local what=$1
    shift
    if "$@"; then ok; else bad "$what"; fi
}

fixture_args=(--no-default-plugins "--plugin=$fixture_so" --color=never)

case $group in
seeds)
    cd "$seeds" || exit 2
    for fmt in text json sarif github; do
        "$pblint" --no-default-plugins --color=never --format=$fmt *.txt >"$tmp/out" 2>"$tmp/err"
        rc=$?
        [ $rc -eq 0 ] && ok || bad "seeds --format=$fmt: exit status $rc"
        compare "seeds.$fmt" "$tmp/out"
    done
    ;;

fixture)
    cd "$here" || exit 2
    for fmt in text json sarif github; do
        "$pblint" "${fixture_args[@]}" --format=$fmt fixture.txt >"$tmp/out" 2>"$tmp/err"
        rc=$?
        # the fixture has an error: exit status 1
        [ $rc -eq 1 ] && ok || bad "fixture --format=$fmt: exit status $rc, not 1"
        compare "fixture.$fmt" "$tmp/out"
        if [ "$fmt" != text ]; then
            # the machine formats carry their own units: --column-unit changes nothing
            for unit in byte codepoint display; do
                "$pblint" "${fixture_args[@]}" --format=$fmt --column-unit=$unit fixture.txt \
                    >"$tmp/out2" 2>/dev/null
                check "--format=$fmt --column-unit=$unit changes the output" cmp -s "$tmp/out" "$tmp/out2"
            done
        fi
    done
    for unit in display byte codepoint; do
        "$pblint" "${fixture_args[@]}" --plain --column-unit=$unit fixture.txt >"$tmp/out" 2>/dev/null
        compare "fixture.column-$unit" "$tmp/out"
    done
    "$pblint" "${fixture_args[@]}" --quiet --format=json fixture.txt >"$tmp/out" 2>/dev/null
    compare "fixture-quiet.json" "$tmp/out"
    ;;

github)
    cp "$here/fixture.txt" "$tmp/a,b:c%d.txt"
    cd "$tmp" || exit 2
    "$pblint" "${fixture_args[@]}" --select=fixture/percent,fixture/total --format=github \
        'a,b:c%d.txt' >"$tmp/out" 2>/dev/null
    compare "github-escaping.github" "$tmp/out"
    # undo the escaping as the Actions runner does and compare with the messages
    python3 - "$tmp/out" <<'EOF' && ok || bad "github escaping does not round-trip"
import re, sys
lines = open(sys.argv[1], encoding="utf-8", newline="").read().split("\n")
assert lines[-1] == "", "no final line break"
lines = lines[:-1]
assert len(lines) == 2, lines
def unescape(s, prop):
    s = s.replace("%0D", "\r").replace("%0A", "\n")
    if prop:
        s = s.replace("%3A", ":").replace("%2C", ",")
    return s.replace("%25", "%")
want = {
    "fixture/percent": ("notice", "100% of 90%, said: twice\nsecond line\r\nthird line"),
    "fixture/total": ("error",
                      "the total row \u5408\ufffd... has no amount of its own\n"
                      "note: a,b:c%d.txt:14:1: the row above it is here\n"
                      "note: a,b:c%d.txt:14:1: the row above it is here"),
}
for ln in lines:
    m = re.fullmatch(r"::(error|warning|notice) ([^:]*)::(.*)", ln, re.S)
    assert m, ln
    assert "\n" not in ln and "\r" not in ln
    props = {}
    for p in m.group(2).split(","):
        k, v = p.split("=", 1)
        props[k] = unescape(v, True)
    assert props["file"] == "a,b:c%d.txt", props
    level, msg = want[props["title"]]
    assert m.group(1) == level, (m.group(1), level)
    got = unescape(m.group(3), False)
    assert got == msg, (got, msg)
    for k in ("line", "endLine", "col", "endColumn"):
        assert int(props[k]) >= 1
EOF
    ;;

sarif-schema)
    # the logs to validate: seeds with the reader's rules, seeds with every
    # plugin, the fixture, a file that cannot be read, GB18030, BOM and CRLF copies
    cd "$seeds" || exit 2
    "$pblint" --no-default-plugins --format=sarif *.txt >"$tmp/seeds-core.sarif" 2>/dev/null
    "$pblint" --format=sarif *.txt >"$tmp/seeds-all.sarif" 2>/dev/null
    cd "$here" || exit 2
    cp fixture.txt "$tmp/fixture.txt"
    iconv -f UTF-8 -t GB18030 fixture.txt >"$tmp/fixture-gb.txt"
    { printf '\xef\xbb\xbf'; cat fixture.txt; } >"$tmp/fixture-bom.txt"
    sed 's/$/\r/' fixture.txt >"$tmp/fixture-crlf.txt"
    mkdir -p "$tmp/目录 with space"
    cp fixture.txt "$tmp/目录 with space/a:b#c?.txt"
    cd "$tmp" || exit 2
    "$pblint" "${fixture_args[@]}" --format=sarif fixture.txt fixture-gb.txt fixture-bom.txt \
        fixture-crlf.txt "目录 with space/a:b#c?.txt" "$tmp/fixture.txt" missing.txt \
        >"$tmp/fixture.sarif" 2>/dev/null
    check "SARIF logs validate" python3 "$here/validate.py" sarif "$schema" "$tmp" \
        "$tmp/seeds-core.sarif:$seeds" "$tmp/seeds-all.sarif:$seeds" "$tmp/fixture.sarif:$tmp"
    ;;

json-schema)
    cd "$seeds" || exit 2
    "$pblint" --format=json *.txt >"$tmp/seeds-all.json" 2>/dev/null
    cd "$here" || exit 2
    cp fixture.txt "$tmp/fixture.txt"
    iconv -f UTF-8 -t GB18030 fixture.txt >"$tmp/fixture-gb.txt"
    { printf '\xef\xbb\xbf'; cat fixture.txt; } >"$tmp/fixture-bom.txt"
    sed 's/$/\r/' fixture.txt >"$tmp/fixture-crlf.txt"
    cd "$tmp" || exit 2
    "$pblint" "${fixture_args[@]}" --format=json fixture.txt fixture-gb.txt fixture-bom.txt \
        fixture-crlf.txt missing.txt >"$tmp/fixture.json" 2>/dev/null
    check "JSON logs validate" python3 "$here/validate.py" json "$here/json-format.schema.json" \
        "$tmp" "$tmp/seeds-all.json:$seeds" "$tmp/fixture.json:$tmp"
    ;;

fix)
    sel=(--select='fixture/*')
    fixable=fixture/ascii-colon,fixture/colon-space,fixture/trailing-space,fixture/paren,fixture/final-newline,fixture/blank-run
    # 1. --fix in place; what remains is printed; the overlap is reported
    mkdir "$tmp/fix" && cp "$here/fixture.txt" "$tmp/fix/fixture.txt" && chmod 640 "$tmp/fix/fixture.txt"
    cd "$tmp/fix" || exit 2
    "$pblint" "${fixture_args[@]}" "${sel[@]}" --plain --fix fixture.txt >"$tmp/out" 2>"$tmp/err"
    rc=$?
    [ $rc -eq 1 ] && ok || bad "--fix: exit status $rc, not 1 (the error of fixture/total remains)"
    compare fixture.fixed "$tmp/fix/fixture.txt"
    compare fixture.fix.out "$tmp/out"
    compare fixture.fix.err "$tmp/err"
    check "--fix keeps the file's mode" test "$(stat -c %a fixture.txt)" = 640
    check "--fix leaves no temporary file" test "$(ls -A | wc -l)" -eq 1
    # the fixed file lints clean of the fixed rules but the one whose fix was
    # dropped (colon-space, overlapping ascii-colon); a second --fix applies it
    "$pblint" "${fixture_args[@]}" --plain --select=$fixable fixture.txt >"$tmp/out" 2>/dev/null
    check "after --fix only colon-space remains of the fixable rules" \
        test "$(grep -c '' "$tmp/out")" -eq 1 -a "$(grep -c '\[fixture/colon-space\]' "$tmp/out")" -eq 1
    "$pblint" "${fixture_args[@]}" "${sel[@]}" --plain --fix fixture.txt >/dev/null 2>"$tmp/err2"
    compare fixture.fixed2 "$tmp/fix/fixture.txt"
    "$pblint" "${fixture_args[@]}" --plain --select=$fixable fixture.txt >"$tmp/out" 2>/dev/null
    check "after a second --fix no fixable finding remains" test ! -s "$tmp/out"
    "$pblint" "${fixture_args[@]}" "${sel[@]}" --plain --fix fixture.txt >/dev/null 2>"$tmp/err3"
    check "a third --fix changes nothing" cmp -s "$tmp/fix/fixture.txt" "$expected/fixture.fixed2"
    check "a third --fix says it fixed nothing" grep -q '^pblint: fixed 0 findings in 0 files$' "$tmp/err3"

    # 2. --fix --dry-run: the file is untouched, the diff is exact and applies with patch
    mkdir "$tmp/dry" && cp "$here/fixture.txt" "$tmp/dry/fixture.txt"
    cd "$tmp/dry" || exit 2
    "$pblint" "${fixture_args[@]}" "${sel[@]}" --fix --dry-run fixture.txt >"$tmp/fixture.diff" 2>"$tmp/err"
    check "--dry-run leaves the file alone" cmp -s fixture.txt "$here/fixture.txt"
    compare fixture.diff "$tmp/fixture.diff"
    compare fixture.dry-run.err "$tmp/err"
    # no fuzz, no offset: patch says nothing but the file's name
    check "patch -p0 --dry-run accepts the diff as it is" \
        test "$(patch -p0 -F0 --dry-run -i "$tmp/fixture.diff" 2>&1)" = "checking file fixture.txt"
    if command -v git >/dev/null; then
        check "git apply --check accepts the diff" git apply -p0 --check "$tmp/fixture.diff"
    fi
    check "patch -p0 applies the diff" patch -s -p0 -F0 -i "$tmp/fixture.diff"
    check "the patched file is the --fix result" cmp -s fixture.txt "$expected/fixture.fixed"

    # 3. the same on a BOM file and on a CRLF file: the diff applies, gives the --fix result
    for kind in bom crlf; do
        mkdir "$tmp/$kind" && cd "$tmp/$kind" || exit 2
        if [ $kind = bom ]; then
            { printf '\xef\xbb\xbf'; cat "$here/fixture.txt"; } >f.txt
        else
            sed 's/$/\r/' "$here/fixture.txt" | head -c -1 >f.txt # no line break at the end
        fi
        cp f.txt g.txt
        "$pblint" "${fixture_args[@]}" "${sel[@]}" --fix --dry-run f.txt >"$tmp/$kind.diff" 2>/dev/null
        "$pblint" "${fixture_args[@]}" "${sel[@]}" --fix g.txt >/dev/null 2>&1
        check "$kind: the diff applies as it is" \
            test "$(patch -p0 -F0 --dry-run -i "$tmp/$kind.diff" 2>&1)" = "checking file f.txt"
        check "$kind: the diff applies" patch -s -p0 -F0 -i "$tmp/$kind.diff"
        check "$kind: patched = fixed" cmp -s f.txt g.txt
        check "$kind: something was fixed" test -s "$tmp/$kind.diff"
        if [ $kind = bom ]; then
            check "bom: the BOM is kept" test "$(head -c 3 g.txt | od -An -tx1 | tr -d ' ')" = efbbbf
            check "bom: the text is the fixed fixture" cmp -s <(tail -c +4 g.txt) "$expected/fixture.fixed"
        fi
    done

    # names with a space or a quote: the diff's headers still work for patch and git
    mkdir -p "$tmp/names/a dir" && cd "$tmp/names" || exit 2
    cp "$here/fixture.txt" "a dir/b c.txt"
    cp "$here/fixture.txt" 'q"uote.txt'
    "$pblint" "${fixture_args[@]}" "${sel[@]}" --fix --dry-run "a dir/b c.txt" 'q"uote.txt' \
        >"$tmp/names.diff" 2>/dev/null
    check "a name with a space or a quote: patch reads the diff" \
        test "$(patch -p0 -F0 --dry-run -i "$tmp/names.diff" 2>&1)" = "checking file 'a dir/b c.txt'
checking file 'q\"uote.txt'"
    if command -v git >/dev/null; then
        check "a name with a space or a quote: git apply reads the diff" \
            git apply -p0 --check "$tmp/names.diff"
    fi
    patch -s -p0 -F0 -i "$tmp/names.diff"
    check "a name with a space: patched = fixed" cmp -s "a dir/b c.txt" "$expected/fixture.fixed"
    check "a name with a quote: patched = fixed" cmp -s 'q"uote.txt' "$expected/fixture.fixed"

    # 4. a GB18030 file is not fixed, and says why
    mkdir "$tmp/gb" && cd "$tmp/gb" || exit 2
    iconv -f UTF-8 -t GB18030 "$here/fixture.txt" >gb.txt
    cp gb.txt gb.orig
    "$pblint" "${fixture_args[@]}" "${sel[@]}" --plain --fix gb.txt >/dev/null 2>"$tmp/err"
    check "GB18030: the file is untouched" cmp -s gb.txt gb.orig
    check "GB18030: --fix says why" grep -q '^pblint: warning: gb.txt: not fixed: the file is encoded in GB18030; applying the fixes would mean re-encoding all of it (convert it to UTF-8 first)$' "$tmp/err"

    # 5. through a symbolic link: the target is fixed, the link stays a link;
    #    the same file named twice is fixed once, with -j 2
    mkdir "$tmp/link" && cd "$tmp/link" || exit 2
    cp "$here/fixture.txt" real.txt
    ln -s real.txt link.txt
    "$pblint" "${fixture_args[@]}" "${sel[@]}" -j 2 --fix link.txt real.txt >/dev/null 2>"$tmp/err"
    check "symlink: still a link" test -L link.txt
    check "symlink: the target is fixed" cmp -s real.txt "$expected/fixture.fixed"
    check "named twice: said so" grep -q '^pblint: note: real.txt is a file named before; it is linted and fixed once$' "$tmp/err"

    # 6. a rule not flagged fixable is never applied (suggest-yuan has a fix-it)
    check "suggest-yuan's fix-it is not applied" grep -q '^金额单位：万元$' "$expected/fixture.fixed2"
    check "suggest-yuan's fix-it is offered" grep -q 'fix-it:"fixture.txt":{5:16-5:22}:"元"' "$expected/fixture.text"

    # 7. usage errors
    "$pblint" --dry-run "$here/fixture.txt" >/dev/null 2>"$tmp/err"
    check "--dry-run without --fix is an error" test $? -eq 2
    "$pblint" --fix --dry-run --format=json "$here/fixture.txt" >/dev/null 2>"$tmp/err"
    check "--dry-run with --format=json is an error" test $? -eq 2
    ;;

jobs)
    cd "$here" || exit 2
    files=("$seeds"/*.txt fixture.txt missing.txt "$seeds"/*.txt fixture.txt)
    for fmt in text json sarif github; do
        "$pblint" "${fixture_args[@]}" --format=$fmt -j 1 "${files[@]}" >"$tmp/j1" 2>"$tmp/e1"
        "$pblint" "${fixture_args[@]}" --format=$fmt -j 4 "${files[@]}" >"$tmp/j4" 2>"$tmp/e4"
        check "--format=$fmt: -j 1 and -j 4 differ on stdout" cmp -s "$tmp/j1" "$tmp/j4"
        check "--format=$fmt: -j 1 and -j 4 differ on stderr" cmp -s "$tmp/e1" "$tmp/e4"
    done
    cp fixture.txt "$tmp/a.txt" && cp fixture.txt "$tmp/b.txt" && cp fixture.txt "$tmp/c.txt"
    cd "$tmp" || exit 2
    "$pblint" "${fixture_args[@]}" --fix --dry-run -j 1 a.txt b.txt c.txt >"$tmp/j1" 2>"$tmp/e1"
    "$pblint" "${fixture_args[@]}" --fix --dry-run -j 4 a.txt b.txt c.txt >"$tmp/j4" 2>"$tmp/e4"
    check "--fix --dry-run: -j 1 and -j 4 differ" cmp -s "$tmp/j1" "$tmp/j4"
    check "--fix --dry-run: -j 1 and -j 4 differ on stderr" cmp -s "$tmp/e1" "$tmp/e4"
    ;;

*)
    echo "run.sh: unknown group '$group'" >&2
    exit 2
    ;;
esac

[ "$update" = "--update" ] && exit 0
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
