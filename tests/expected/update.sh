#!/bin/bash
# Regenerates the expected outputs of the format tests (tests/format/run.sh)
# from a build directory:
#
#   tests/expected/update.sh [BUILD_DIR]      (default: build)
#
# Then READ the diff (git diff tests/expected/) line by line before
# committing: an expected file is only as good as the check of it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
ninja -C "$build" cli/pblint tests/fixture.so >/dev/null
for group in seeds fixture github fix; do
    "$root/tests/format/run.sh" "$group" "$build/cli/pblint" "$root/../shared/seeds" \
        "$build/tests/fixture.so" --update
done
echo "updated $(ls "$here" | grep -vc '^update.sh$') files in tests/expected/; now check them by hand"
