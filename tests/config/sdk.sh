#!/bin/bash
# A plugin built out of tree reads its options from a .pblint.yaml exactly as
# the built-in ones do, and a plugin named by a configuration file loads only
# when the user allows it.  Installs pblint to a temporary root, builds
# examples/local-policy with `cc $(pkg-config ...)` (options `match` and
# `max-yuan`), and runs the installed pblint on a tree whose .pblint.yaml
# names the plugin and sets its options.
#   sdk.sh BUILD_DIR SOURCE_DIR
set -eu
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/xdg
unset PBLINT_PLUGIN_PATH
mkdir -p "$HOME" "$XDG_CONFIG_HOME/pblint"
DESTDIR="$tmp/root" meson install --no-rebuild --quiet -C "$build" >/dev/null
pc=$(dirname "$(find "$tmp/root" -name pblint.pc | head -1)")
libdir=$(dirname "$(find "$tmp/root" -name 'libpblint.so' | head -1)")
pblint=$(find "$tmp/root" -path '*/bin/pblint' | head -1)
mkdir -p "$tmp/t/plugins" "$tmp/t/gifts"
PKG_CONFIG_PATH="$pc" PKG_CONFIG_SYSROOT_DIR="$tmp/root" \
    sh -c 'cc -Wall -Wextra -Werror -shared -fPIC -o "$1" "$2" $(pkg-config --cflags --libs pblint)' \
    sh "$tmp/t/plugins/local_policy.so" "$src/examples/local-policy/local_policy.c"
cp "$src/tests/sdk/breakdown-gift.txt" "$tmp/t/a.txt"
sed 's/慰问品\t60000\t600\t/慰问品\t65000\t650\t/' "$src/tests/sdk/breakdown-gift.txt" \
    > "$tmp/t/gifts/b.txt"
cat > "$tmp/t/.pblint.yaml" <<'EOF'
plugins:
  - ./plugins/local_policy.so
rules:
  - id: local/fullwidth-percent
    severity: off
options:
  - rule: local/unit-price-cap
    key: max-yuan
    value: "550"
  - rule: local/unit-price-cap
    key: match
    value: 慰问
overrides:
  - files: ["gifts/**"]
    options:
      - rule: local/unit-price-cap
        key: max-yuan
        value: "700"
EOF
cd "$tmp/t"
pass=0
fail=0

run() {
    set +e
    out=$(LD_LIBRARY_PATH="$libdir" "$pblint" --plain --no-default-plugins "$@" 2>&1)
    rc=$?
    set -e
}

expect() {
    local name=$1 want_rc=$2 want
    want=$(cat)
    if [ "$out" == "$want" ] && [ "$rc" -eq "$want_rc" ]; then
        pass=$((pass + 1))
    else
        echo "FAIL $name (exit $rc, expected $want_rc)"
        diff <(echo "$want") <(echo "$out") | sed 's/^/    /' || true
        fail=$((fail + 1))
    fi
}

# allowed: the plugin's options come from the file (550 here, 700 under gifts/)
run --allow-config-plugins a.txt gifts/b.txt
expect options-from-config 0 <<'EOF'
a.txt:3:57: warning: 单价 600 元 for a 慰问 line is above the local cap of 550 元 [local/unit-price-cap]
a.txt:3:41: note: the line is this one
0 errors, 1 warning in 2 files
EOF

run --allow-config-plugins --print-config gifts/b.txt
printf '%s\n' "$out" | grep -E '^(override|plugins|options):|^  local' > "$tmp/pc.txt" || true
out=$(cat "$tmp/pc.txt")
expect print-config-plugin 0 <<'EOF'
override: .pblint.yaml:14 files ["gifts/**"]
plugins:
  local  ./plugins/local_policy.so  .pblint.yaml:2
  local/unit-price-cap         warning  default
  local/fullwidth-percent      off      .pblint.yaml:5
options:
  local/unit-price-cap  max-yuan = "700"  .pblint.yaml:18
  local/unit-price-cap  match = "慰问"  .pblint.yaml:12
EOF

# not allowed: pblint says which plugin it refused and why, ignores the
# settings of the rules it would have had, and lints with the rest
run a.txt
expect refused 0 <<EOF
.pblint.yaml:2:5: warning: plugins[0]: not loading plugin ./plugins/local_policy.so, which this configuration names: a plugin runs code, so pblint loads one from a configuration file only with --allow-config-plugins or when $XDG_CONFIG_HOME/pblint/config.yaml lists it under trusted-plugins
.pblint.yaml:4:9: warning: rules[0].id: no loaded rule matches 'local/fullwidth-percent'; it may be a rule of a plugin this configuration names and pblint refused, so the setting is ignored
.pblint.yaml:7:11: warning: options[0].rule: no loaded rule 'local/unit-price-cap'; it may be a rule of a plugin this configuration names and pblint refused, so the option is ignored
.pblint.yaml:10:11: warning: options[1].rule: no loaded rule 'local/unit-price-cap'; it may be a rule of a plugin this configuration names and pblint refused, so the option is ignored
.pblint.yaml:16:15: warning: overrides[0].options[0].rule: no loaded rule 'local/unit-price-cap'; it may be a rule of a plugin this configuration names and pblint refused, so the option is ignored
0 errors, 0 warnings in 1 file
EOF

# trusted in the user's own configuration: loads without the flag
printf 'trusted-plugins:\n  - %s/t/plugins\n' "$tmp" > "$XDG_CONFIG_HOME/pblint/config.yaml"
run a.txt
expect trusted-folder 0 <<'EOF'
a.txt:3:57: warning: 单价 600 元 for a 慰问 line is above the local cap of 550 元 [local/unit-price-cap]
a.txt:3:41: note: the line is this one
0 errors, 1 warning in 1 file
EOF
printf 'trusted-plugins:\n  - %s/t/plugins/other.so\n' "$tmp" > "$XDG_CONFIG_HOME/pblint/config.yaml"
run a.txt
printf '%s\n' "$out" | head -1 > "$tmp/first.txt"
out=$(cat "$tmp/first.txt")
expect trusted-other-file 0 <<EOF
.pblint.yaml:2:5: warning: plugins[0]: not loading plugin ./plugins/local_policy.so, which this configuration names: a plugin runs code, so pblint loads one from a configuration file only with --allow-config-plugins or when $XDG_CONFIG_HOME/pblint/config.yaml lists it under trusted-plugins
EOF

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
