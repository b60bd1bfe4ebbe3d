#!/bin/bash
# Configuration files, local policies and baselines, end to end: each case
# writes a small tree (copies of tests/config/fixtures) under a temporary
# folder, runs pblint there and compares its whole output (stdout and
# stderr) and exit status with the expected ones, exactly.
#   config.sh PBLINT SOURCE_DIR
set -eu
pblint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$2" && pwd)
fixtures=$src/tests/config/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# nothing of the user's may leak in: no user configuration, no plugin path
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/xdg
unset PBLINT_PLUGIN_PATH
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
cd "$tmp"
pass=0
fail=0

# run CMD...: runs it, keeping its output (stdout, then stderr, as the
# terminal shows them) in $out and its status in $rc.
run() {
    set +e
    out=$("$@" 2>&1)
    rc=$?
    set -e
}

# expect NAME STATUS <<EOF (expected output) EOF
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

# tree DIR...: fresh folders, each with a copy of the declaration as d.txt
tree() {
    for d in "$@"; do
        rm -rf "$d"
        mkdir -p "$d"
        cp "$fixtures/declaration.txt" "$d/d.txt"
    done
}

lint() { run "$pblint" --plain --select='policy/*' "$@"; }
lintall() { run "$pblint" --plain "$@"; }

# ------------------------------------------------------------ errors

tree e
printf 'rules:\n  - id: parse/*\n    severty: warning\n' > e/.pblint.yaml
lintall e/d.txt
expect unknown-key 2 <<'EOF'
e/.pblint.yaml:3:5: error: rules[0]: unknown key 'severty' (the keys here are: id, severity)
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
0 errors, 0 warnings in 0 files (1 file not linted: see the errors above)
EOF

printf 'color: always\n' > e/.pblint.yaml
lintall e/d.txt
expect unknown-top-key 2 <<'EOF'
e/.pblint.yaml:1:1: error: unknown key 'color' (the keys here are: rules, options, plugins, overrides, policies)
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
0 errors, 0 warnings in 0 files (1 file not linted: see the errors above)
EOF

printf 'rules: indicators/*\n' > e/.pblint.yaml
lintall e/d.txt
expect wrong-type 2 <<'EOF'
e/.pblint.yaml:1:8: error: rules: expected a list, got a single value
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
0 errors, 0 warnings in 0 files (1 file not linted: see the errors above)
EOF

printf 'rules:\n  - id: [parse/*]\n    severity: off\n' > e/.pblint.yaml
lintall e/d.txt
expect wrong-type-nested 2 <<'EOF'
e/.pblint.yaml:2:9: error: rules[0].id: expected a single value, got a list
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
0 errors, 0 warnings in 0 files (1 file not linted: see the errors above)
EOF

printf 'rules:\n  - id: parse/*\n    severity: off\n  - id: indicator/*\n    severity: warning\n' \
    > e/.pblint.yaml
lintall e/d.txt
expect unknown-rule 2 <<'EOF'
e/.pblint.yaml:4:9: error: rules[1].id: no rule matches 'indicator/*' (see pblint --list-rules)
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
0 errors, 0 warnings in 0 files (1 file not linted: see the errors above)
EOF

printf 'options:\n  - rule: amounts/no-such-rule\n    key: threshold\n    value: "85"\n' \
    > e/.pblint.yaml
lintall e/d.txt
expect unknown-option-rule 2 <<'EOF'
e/.pblint.yaml:2:11: error: options[0].rule: no rule 'amounts/no-such-rule' (an option belongs to one rule id; see pblint --list-rules)
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
0 errors, 0 warnings in 0 files (1 file not linted: see the errors above)
EOF

printf 'rules:\n  - id: parse/*\n    severity: warn\n' > e/.pblint.yaml
lintall e/d.txt
expect bad-severity 2 <<'EOF'
e/.pblint.yaml:3:15: error: rules[0].severity: 'warn' is not a severity (error, warning, note or off)
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
0 errors, 0 warnings in 0 files (1 file not linted: see the errors above)
EOF

cat > e/.pblint.yaml <<'EOF'
overrides:
  - files: ["archive/[0-9", "../other/*.txt", "a**b/c.txt"]
    rules:
      - id: parse/*
        severity: off
EOF
lintall e/d.txt
expect bad-glob 2 <<'EOF'
e/.pblint.yaml:2:13: error: overrides[0].files[0]: bad pattern 'archive/[0-9': a '[' is not closed by ']'
e/.pblint.yaml:2:29: error: overrides[0].files[1]: bad pattern '../other/*.txt': '..' is not allowed: patterns match files under the configuration's folder
e/.pblint.yaml:2:47: error: overrides[0].files[2]: bad pattern 'a**b/c.txt': '**' must be a whole path segment (like archive/**/x.txt)
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
0 errors, 0 warnings in 0 files (1 file not linted: see the errors above)
EOF

cat > e/.pblint.yaml <<'EOF'
policies:
  - name: phone
    kind: require-field
    field: phone
    match: "^([0-9]{8}|[0-9]{11}$"
EOF
lintall e/d.txt
expect bad-regex 2 <<'EOF'
e/.pblint.yaml:5:12: error: policies[0].match: '^([0-9]{8}|[0-9]{11}$' is not a valid regular expression (POSIX ERE): Unmatched ( or \(
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
0 errors, 0 warnings in 0 files (1 file not linted: see the errors above)
EOF

printf 'rules:\n  - id: parse/*\n   severity: off\n' > e/.pblint.yaml
lintall e/d.txt
expect syntax-error 2 <<'EOF'
e/.pblint.yaml:3:4: error: YAML syntax error: did not find expected '-' indicator while parsing a block collection
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
0 errors, 0 warnings in 0 files (1 file not linted: see the errors above)
EOF

printf 'rules:\n  - id: parse/*\n    severity: off\nrules: []\n' > e/.pblint.yaml
lintall e/d.txt
expect duplicate-key 2 <<'EOF'
e/.pblint.yaml:4:1: error: key 'rules' is given twice
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
0 errors, 0 warnings in 0 files (1 file not linted: see the errors above)
EOF

printf 'options:\n  - rule: amounts/execution-rate\n    key: threshold\n' > e/.pblint.yaml
lintall e/d.txt
expect option-without-value 2 <<'EOF'
e/.pblint.yaml:2:5: error: options[0]: missing required key 'value' (or 'values', a list)
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
0 errors, 0 warnings in 0 files (1 file not linted: see the errors above)
EOF

printf 'overrides:\n  - rules:\n      - id: parse/*\n        severity: off\n' > e/.pblint.yaml
lintall e/d.txt
expect missing-files 2 <<'EOF'
e/.pblint.yaml:2:5: error: overrides[0]: missing required key 'files'
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
0 errors, 0 warnings in 0 files (1 file not linted: see the errors above)
EOF

cat > e/.pblint.yaml <<'EOF'
policies:
  - name: Vague_Words
    kind: prohibit
  - name: tel
    kind: require-field
    field: telephone
    words: [电话]
  - name: gift
    kind: cap-amount
    max: 五百元
    column: price
  - name: sat
    kind: require-indicator
    pattern: 满意度
    min: 很高
    message: "{name} is below {minimum}"
EOF
lintall e/d.txt
expect policy-errors 2 <<'EOF'
e/.pblint.yaml:2:11: error: policies[0].name: 'Vague_Words' is not a valid rule name (lower-case letters, digits and '-'; the rule is policy/NAME)
e/.pblint.yaml:3:11: error: policies[0].kind: 'prohibit' is not a policy kind (require-indicator, require-field, forbid or cap-amount)
e/.pblint.yaml:6:12: error: policies[1].field: 'telephone' is not a field key (see the keys listed in rules-doc/configuration.md), nor a label in Chinese
e/.pblint.yaml:7:5: error: policies[1].words: 'words' is not a key of a require-field policy (its keys: field, match)
e/.pblint.yaml:10:10: error: policies[2].max: '五百元' is not an amount of money (e.g. "500", "500元", "0.05万元")
e/.pblint.yaml:11:13: error: policies[2].column: 'price' is not a column (unit-price, amount, budget, executed, ... as pblint --dump-model names them)
e/.pblint.yaml:15:10: error: policies[3].min: '很高' is not a number, percentage or quantity (e.g. "90%", "100", "2400人")
e/.pblint.yaml:16:14: error: policies[3].message: unknown placeholder {minimum} (a message may use {value}, {limit} and {name})
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
0 errors, 0 warnings in 0 files (1 file not linted: see the errors above)
EOF

# a broken configuration stops only its own files
tree e good
printf 'rules:\n  - id: parse/*\n    severity: of\n' > e/.pblint.yaml
cat > good/.pblint.yaml <<'EOF'
policies:
  - name: code
    kind: require-field
    field: project_code
EOF
lint e/d.txt good/d.txt
expect others-go-on 2 <<'EOF'
e/.pblint.yaml:3:15: error: rules[0].severity: 'of' is not a severity (error, warning, note or off)
pblint: error: e/d.txt: not linted: its configuration e/.pblint.yaml has errors
good/d.txt:1:1: warning: the filing has no field 'project_code', which the local policy requires [policy/code]
0 errors, 1 warning in 1 file (1 file not linted: see the errors above)
EOF

# the user's own configuration is checked too
mkdir -p "$XDG_CONFIG_HOME/pblint"
printf 'trusted-plugins:\n  - plugins/local.so\n' > "$XDG_CONFIG_HOME/pblint/config.yaml"
lint good/d.txt
expect user-config-error 2 <<EOF
xdg/pblint/config.yaml:2:5: error: trusted-plugins[0]: 'plugins/local.so' is not an absolute path (trusted plugins are named by absolute file or folder paths)
EOF
printf 'trusted_plugins: []\n' > "$XDG_CONFIG_HOME/pblint/config.yaml"
lint good/d.txt
expect user-config-unknown-key 2 <<EOF
xdg/pblint/config.yaml:1:1: error: unknown key 'trusted_plugins' (the keys here are: trusted-plugins)
EOF
rm "$XDG_CONFIG_HOME/pblint/config.yaml"

# ------------------------------------------------ nearest configuration

tree n n/sub n/sub/deep n/other
cat > n/.pblint.yaml <<'EOF'
policies:
  - name: top
    kind: require-field
    field: project_code
EOF
cat > n/sub/.pblint.yaml <<'EOF'
policies:
  - name: sub
    kind: require-indicator
    pattern: 成本
EOF
lint n/d.txt n/sub/deep/d.txt n/other/d.txt n/sub/d.txt
expect nearest-wins 0 <<'EOF'
n/d.txt:1:1: warning: the filing has no field 'project_code', which the local policy requires [policy/top]
n/sub/deep/d.txt:47:9: warning: no indicator matches '成本', which the local policy requires [policy/sub]
n/other/d.txt:1:1: warning: the filing has no field 'project_code', which the local policy requires [policy/top]
n/sub/d.txt:47:9: warning: no indicator matches '成本', which the local policy requires [policy/sub]
0 errors, 4 warnings in 4 files
EOF
# the same with four workers
lint -j4 n/d.txt n/sub/deep/d.txt n/other/d.txt n/sub/d.txt
expect nearest-wins-j4 0 <<'EOF'
n/d.txt:1:1: warning: the filing has no field 'project_code', which the local policy requires [policy/top]
n/sub/deep/d.txt:47:9: warning: no indicator matches '成本', which the local policy requires [policy/sub]
n/other/d.txt:1:1: warning: the filing has no field 'project_code', which the local policy requires [policy/top]
n/sub/d.txt:47:9: warning: no indicator matches '成本', which the local policy requires [policy/sub]
0 errors, 4 warnings in 4 files
EOF
(cd n/sub/deep && run "$pblint" --print-config d.txt && printf '%s\n' "$out" | sed -n 1,2p > ../../../where.txt)
run cat where.txt
expect nearest-print-config 0 <<EOF
file: d.txt
configuration: $tmp/n/sub/.pblint.yaml
EOF
# --config names one file for all
lint --config=n/.pblint.yaml n/sub/d.txt
expect explicit-config 0 <<'EOF'
n/sub/d.txt:1:1: warning: the filing has no field 'project_code', which the local policy requires [policy/top]
0 errors, 1 warning in 1 file
EOF

# ------------------------------------------------------------ overrides

tree o o/archive/2019 o/drafts
cp o/d.txt o/plan-draft.txt
cat > o/.pblint.yaml <<'EOF'
policies:
  - name: code
    kind: require-field
    field: project_code
overrides:
  - files: ["archive/**"]
    rules:
      - id: policy/*
        severity: off
  - files: ["*-draft.txt", "drafts/*.txt"]
    rules:
      - id: policy/code
        severity: note
EOF
lint o/d.txt o/archive/2019/d.txt o/plan-draft.txt o/drafts/d.txt
expect overrides 0 <<'EOF'
o/d.txt:1:1: warning: the filing has no field 'project_code', which the local policy requires [policy/code]
o/plan-draft.txt:1:1: note: the filing has no field 'project_code', which the local policy requires [policy/code]
o/drafts/d.txt:1:1: note: the filing has no field 'project_code', which the local policy requires [policy/code]
0 errors, 1 warning, 2 notes in 4 files
EOF

# ------------------------------------------------- keys and --print-config

tree k
cat > k/.pblint.yaml <<'EOF'
rules:
  - id: amounts/*
    severity: note
  - id: amounts/execution-rate
    severity: off
  - id: policy/*
    severity: error
options:
  - rule: amounts/execution-rate
    key: threshold
    value: 85
  - rule: completeness/placeholder-name
    key: words
    values: [某某, 待定]
policies:
  - name: code
    kind: require-field
    field: project_code
    severity: note
overrides:
  - files: ["d.txt"]
    options:
      - rule: amounts/execution-rate
        key: threshold
        value: "80"
EOF
run "$pblint" --print-config k/d.txt
printf '%s\n' "$out" | grep -E '^(file|configuration|override|options|policies):|amounts/(fund-total-sum|execution-rate) |policy/|placeholder-name  ' > keys.txt || true
run cat keys.txt
expect print-config 0 <<'EOF'
file: k/d.txt
configuration: k/.pblint.yaml
override: k/.pblint.yaml:21 files ["d.txt"]
  amounts/fund-total-sum                     note     k/.pblint.yaml:3
  amounts/execution-rate                     off      k/.pblint.yaml:5
  completeness/placeholder-name              note     default
  policy/code                                error    k/.pblint.yaml:7
options:
  amounts/execution-rate  threshold = "80"  k/.pblint.yaml:25
  completeness/placeholder-name  words = "某某,待定"  k/.pblint.yaml:14
policies:
  policy/code  require-field  the field 'project_code' must be filled  k/.pblint.yaml:16
EOF
lint k/d.txt
expect rules-severity 1 <<'EOF'
k/d.txt:1:1: error: the filing has no field 'project_code', which the local policy requires [policy/code]
1 error, 0 warnings in 1 file
EOF

# ------------------------------------------------------------ policies

tree p
cat > p/.pblint.yaml <<'EOF'
policies:
  - name: cost
    kind: require-indicator
    pattern: 成本
  - name: satisfaction
    kind: require-indicator
    pattern: 满意度
    min: "95%"
  - name: awareness
    kind: require-indicator
    pattern: 知晓率
    level: 三级
    min: "80%"
  - name: completion
    kind: require-indicator
    pattern: ^走访工作完成率$
    max: "98%"
    message: "{name} 的目标值 {value} 高于本区上限 {limit}"
  - name: phone
    kind: require-field
    field: phone
    match: "^[0-9]{11}$"
  - name: code
    kind: require-field
    field: project_code
  - name: vague
    kind: forbid
    words: [提高]
    regexes: ["走访[^，；]*经费"]
    fields: [necessity]
    tables: [indicator]
  - name: gift
    kind: cap-amount
    match: 慰问
    max: "500"
EOF
lint p/d.txt
expect policies-fire 0 <<'EOF'
p/d.txt:1:1: warning: the filing has no field 'project_code', which the local policy requires [policy/code]
p/d.txt:13:57: warning: 联系电话 is '34226718', which does not match the local format ^[0-9]{11}$ [policy/phone]
p/d.txt:17:174: warning: '走访经费' (matching 走访[^，；]*经费) is not allowed in 必要性 by the local policy [policy/vague]
p/d.txt:47:9: warning: no indicator matches '成本', which the local policy requires [policy/cost]
p/d.txt:48:57: warning: 走访工作完成率 的目标值 100% 高于本区上限 98% [policy/completion]
p/d.txt:48:41: note: the indicator is this one
p/d.txt:51:57: warning: the target of 政策知晓率 is '提高', which cannot be held to the local minimum of 80%: write it as a quantity in the same unit [policy/awareness]
p/d.txt:51:41: note: the indicator is this one
p/d.txt:51:57: warning: '提高' is not allowed in the indicator table by the local policy [policy/vague]
p/d.txt:52:41: warning: '提高' is not allowed in the indicator table by the local policy [policy/vague]
p/d.txt:53:49: warning: the target of 受访群众满意度 is 90%, below the local minimum of 95% (5 percentage points short) [policy/satisfaction]
p/d.txt:53:33: note: the indicator is this one
p/d.txt:54:41: warning: the target of 受访骨干满意度 is 90%, below the local minimum of 95% (5 percentage points short) [policy/satisfaction]
p/d.txt:54:25: note: the indicator is this one
p/d.txt:56:153: warning: 单价 244800 元 for the line '慰问费' is above the local cap of 500 元 (244300 元 more) [policy/gift]
p/d.txt:56:129: note: the line is this one
0 errors, 11 warnings in 1 file
EOF

# the same kinds, each given a filing that meets it
cat > p/.pblint.yaml <<'EOF'
policies:
  - name: satisfaction
    kind: require-indicator
    pattern: 满意度
    level: 二级
    min: "90%"
    max: "100%"
  - name: phone
    kind: require-field
    field: 联系电话
    match: "^([0-9]{8}|[0-9]{11})$"
  - name: vague
    kind: forbid
    words: [左右, 基本]
    regexes: ["力争[^，；]*"]
  - name: gift
    kind: cap-amount
    match: 慰问
    max: "250000"
  - name: price
    kind: cap-amount
    match: 会务
    max: "100"
EOF
lint p/d.txt
expect policies-quiet 0 <<'EOF'
0 errors, 0 warnings in 1 file
EOF

# an empty field, a word in running text, a cap in 万元 on the amount column
sed -e 's/联系电话:\t34226718/联系电话:\t/' \
    -e 's/进一步巩固发展/基本巩固发展/' \
    -e 's/^金额单位：元$/金额单位：万元/' p/d.txt > p/e.txt
cat > p/.pblint.yaml <<'EOF'
policies:
  - name: phone
    kind: require-field
    field: phone
  - name: vague
    kind: forbid
    words: [基本]
  - name: gift
    kind: cap-amount
    column: amount
    max: "10万元"
EOF
lint p/e.txt
expect policies-variants 0 <<'EOF'
p/e.txt:13:50: warning: 联系电话 is empty; the local policy requires it to be filled [policy/phone]
p/e.txt:15:211: warning: '基本' is not allowed in 项目概况 by the local policy [policy/vague]
p/e.txt:56:137: warning: 明细金额 244800 万元 for the line '慰问费' is above the local cap of 10 万元 (244790 万元 more) [policy/gift]
0 errors, 3 warnings in 1 file
EOF

# a dash is no value either
sed 's/联系电话:\t34226718/联系电话:\t——/' p/d.txt > p/f.txt
printf 'policies:\n  - name: phone\n    kind: require-field\n    field: 联系电话\n' > p/.pblint.yaml
lint p/f.txt
expect require-field-dash 0 <<'EOF'
p/f.txt:13:57: warning: 联系电话 is empty; the local policy requires it to be filled [policy/phone]
0 errors, 1 warning in 1 file
EOF

# ------------------------------------------------------------ baseline

tree b
cat > b/.pblint.yaml <<'EOF'
policies:
  - name: vague
    kind: forbid
    words: [历年经验]
EOF
lint --write-baseline=b/baseline.json b/d.txt
expect baseline-write 0 <<'EOF'
b/d.txt:48:65: warning: '历年经验' is not allowed in the indicator table by the local policy [policy/vague]
b/d.txt:50:57: warning: '历年经验' is not allowed in the indicator table by the local policy [policy/vague]
b/d.txt:51:65: warning: '历年经验' is not allowed in the indicator table by the local policy [policy/vague]
b/d.txt:52:49: warning: '历年经验' is not allowed in the indicator table by the local policy [policy/vague]
b/d.txt:53:57: warning: '历年经验' is not allowed in the indicator table by the local policy [policy/vague]
b/d.txt:54:49: warning: '历年经验' is not allowed in the indicator table by the local policy [policy/vague]
pblint: wrote the baseline b/baseline.json (6 findings)
0 errors, 6 warnings in 1 file
EOF
lint --baseline=b/baseline.json b/d.txt
expect baseline-same 0 <<'EOF'
pblint: 6 findings left out as recorded in the baseline b/baseline.json
0 errors, 0 warnings in 1 file
EOF
# lines inserted above: every finding moves, none comes back
sed -i '2i 补充说明：本表于复核后重新导出。\n（第二次报送）' b/d.txt
lint --baseline=b/baseline.json b/d.txt
expect baseline-lines-moved 0 <<'EOF'
pblint: 6 findings left out as recorded in the baseline b/baseline.json
0 errors, 0 warnings in 1 file
EOF
# a copy of an indicator row gives a second finding identical to one the
# baseline holds once: one of the two is reported; and a new finding elsewhere
sed -i -e 's/^需要说明的其他问题\t无/需要说明的其他问题\t历年经验/' b/d.txt
sed -i -e "$(grep -n '受访群众满意度' b/d.txt | head -1 | cut -d: -f1)p" b/d.txt
lint --baseline=b/baseline.json b/d.txt
expect baseline-counts 0 <<'EOF'
b/d.txt:31:25: warning: '历年经验' is not allowed in 需要说明的其他问题 by the local policy [policy/vague]
b/d.txt:56:57: warning: '历年经验' is not allowed in the indicator table by the local policy [policy/vague]
pblint: 6 findings left out as recorded in the baseline b/baseline.json
0 errors, 2 warnings in 1 file
EOF
printf '{"pblint_baseline_version": 2, "findings": []}\n' > b/bad.json
lint --baseline=b/bad.json b/d.txt
expect baseline-bad 2 <<'EOF'
b/bad.json: error: not a pblint baseline: "pblint_baseline_version" is not 1
EOF

# ------------------------------------------------------------ --statistics

# a folder that makes a rule an error: its findings count as errors there
tree sa sb
printf 'rules:\n  - id: indicators/vague-target\n    severity: error\n' > sb/.pblint.yaml
run "$pblint" --plain --statistics --select=indicators/vague-target sa/d.txt sb/d.txt
expect statistics-per-severity 1 <<'EOF'
sa/d.txt:50:49: error: target '及时' of the 时效 indicator '走访工作开展及时率' is a qualitative word, not a measurable value; it only repeats '及时' from the name: give the figure the 年度绩效目标 promises, 100% ('走访工作完成及时率达100%') [indicators/vague-target]
sa/d.txt:28:57: note: the 年度绩效目标 gives the figure here
sa/d.txt:51:57: warning: target '提高' of the 社会效益 indicator '政策知晓率' is a qualitative word, not a measurable value: give a percentage with an operator, e.g. ≥90% [indicators/vague-target]
sa/d.txt:52:41: warning: target '提高' of the 社会效益 indicator '骨干人员激励度' is a qualitative word, not a measurable value: give the size of the change, e.g. ≥90% or 提高N个百分点 [indicators/vague-target]
sb/d.txt:50:49: error: target '及时' of the 时效 indicator '走访工作开展及时率' is a qualitative word, not a measurable value; it only repeats '及时' from the name: give the figure the 年度绩效目标 promises, 100% ('走访工作完成及时率达100%') [indicators/vague-target]
sb/d.txt:28:57: note: the 年度绩效目标 gives the figure here
sb/d.txt:51:57: error: target '提高' of the 社会效益 indicator '政策知晓率' is a qualitative word, not a measurable value: give a percentage with an operator, e.g. ≥90% [indicators/vague-target]
sb/d.txt:52:41: error: target '提高' of the 社会效益 indicator '骨干人员激励度' is a qualitative word, not a measurable value: give the size of the change, e.g. ≥90% or 提高N个百分点 [indicators/vague-target]
     4  error    indicators/vague-target
     2  warning  indicators/vague-target
4 errors, 2 warnings in 2 files
EOF
# with a JSON log on stdout, the counts go to stderr
set +e
json=$("$pblint" --format=json --statistics --select=indicators/vague-target sa/d.txt 2>"$tmp/stats.err")
rc=$?
set -e
if [ "$rc" -eq 1 ] && printf '%s' "$json" | python3 -c 'import json,sys; json.load(sys.stdin)' &&
   [ "$(cat "$tmp/stats.err")" == "$(printf '     1  error    indicators/vague-target\n     2  warning  indicators/vague-target\n1 error, 2 warnings in 1 file')" ]; then
    pass=$((pass + 1))
else
    echo "FAIL statistics-json (exit $rc)"
    sed 's/^/    /' "$tmp/stats.err"
    fail=$((fail + 1))
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
