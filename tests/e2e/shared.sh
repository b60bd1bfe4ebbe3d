#!/bin/bash
# tests/e2e/shared.sh PBLINT SHARED_PLUGIN SEEDS_DIR
# pblint_check_shared(): data one rule stores for a document reaches the
# plugin's other rules, is built once per document (by whichever rule runs
# first), never leaks into the next document, and is freed when the
# document's checks are over; in the isolation worker and in-process.
set -u
PBLINT=$1
PLUGIN=$2
SEEDS=$3
fail=0
files=("$SEEDS"/001_*.txt "$SEEDS"/003_*.txt)
run() { # MODE SELECT
    PBLINT_ISOLATION=$1 "$PBLINT" -j 1 --plain --color=never --no-default-plugins \
        --plugin="$PLUGIN" --select="$2" "${files[@]}" 2>/dev/null |
        sed -n 's/^\([^:]*\):1:1: note: \(.*\) \[\(shared\/[a-z]*\)\]$/\1|\2|\3/p' |
        sed "s|^$SEEDS/||"
}
expect() { # NAME GOT WANT
    if [ "$2" != "$3" ]; then
        echo "FAIL $1:"
        diff <(echo "$3") <(echo "$2") | sed 's/^/  /'
        fail=1
    fi
}
for mode in on off; do
    got=$(run $mode 'shared/*')
    want="001_fcbd786c23210c20.txt|build: built data #1 for this document; 0 freed before; other key empty|shared/build
001_fcbd786c23210c20.txt|use: found data #1 for this document; 0 freed before; other key empty|shared/use
003_15b5cc2a07eb4fba.txt|build: built data #2 for this document; 1 freed before; other key empty|shared/build
003_15b5cc2a07eb4fba.txt|use: found data #2 for this document; 1 freed before; other key empty|shared/use"
    expect "both rules, isolation $mode" "$got" "$want"
    got=$(run $mode 'shared/use')
    want="001_fcbd786c23210c20.txt|use: built data #1 for this document; 0 freed before; other key empty|shared/use
003_15b5cc2a07eb4fba.txt|use: built data #2 for this document; 1 freed before; other key empty|shared/use"
    expect "the second rule alone builds it, isolation $mode" "$got" "$want"
done
[ $fail = 0 ] && echo "shared: ok"
exit $fail
