#!/bin/bash
# The plugin SDK as a user meets it: install pblint to a temporary root,
# build examples/local-policy with nothing but `cc $(pkg-config ...)`, load
# it with --plugin, and check its findings.
#   out-of-tree.sh BUILD_DIR SOURCE_DIR
set -eu
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
DESTDIR="$tmp/root" meson install --no-rebuild --quiet -C "$build" >/dev/null
pc=$(dirname "$(find "$tmp/root" -name pblint.pc | head -1)")
export PKG_CONFIG_PATH="$pc" PKG_CONFIG_SYSROOT_DIR="$tmp/root"
cc -Wall -Wextra -Werror -shared -fPIC -o "$tmp/local_policy.so" \
    "$src/examples/local-policy/local_policy.c" $(pkg-config --cflags --libs pblint)
libdir=$(dirname "$(find "$tmp/root" -name 'libpblint.so' | head -1)")
cd "$src/tests/sdk"
set +e
LD_LIBRARY_PATH="$libdir" "$tmp/root/usr/local/bin/pblint" --plain --no-default-plugins \
    --plugin="$tmp/local_policy.so" breakdown-gift.txt > "$tmp/out.txt" 2>&1
rc=$?
set -e
expected="breakdown-gift.txt:3:57: warning: 单价 600 元 for a 慰问 line is above the local cap of 500 元 [local/unit-price-cap]
breakdown-gift.txt:3:41: note: the line is this one
breakdown-gift.txt:6:52: note: write the percent sign as % (ASCII), as the submission system expects [local/fullwidth-percent]
0 errors, 1 warning, 1 note in 1 file"
if [ "$(cat "$tmp/out.txt")" != "$expected" ] || [ $rc -ne 0 ]; then
    echo "unexpected output (exit $rc):"
    cat "$tmp/out.txt"
    echo "expected:"
    echo "$expected"
    echo "1 passed, 1 failed"
    exit 1
fi
echo "1 passed, 0 failed"
