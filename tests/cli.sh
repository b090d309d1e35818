#!/bin/sh
# tests/cli.sh - end-to-end tests of the washboard command line: exit codes (0 ok, 1 runtime,
# 2 usage, 3 bad content or input) and messages (`error: FILE:LINE:COL: message`).
#
# usage: tests/cli.sh BUILD_DIR      (the binary is BUILD_DIR/washboard; run from anywhere)
#
# Prints one line per test, `ok - NAME` or `not ok - NAME: REASON` (followed by the first
# lines of the command's stderr as `#` comments), then exactly one line `N passed, N failed`
# (tests/lib.sh). Exits 1 when a test failed. Every fixture is written into a temporary
# directory.
set -u

# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
tl_washboard "${1:?usage: tests/cli.sh BUILD_DIR}"
ROOT=$(cd "$(dirname "$0")/.." && pwd)

tl_tempdir cli
TL_STDERR=$T/err
export LC_ALL=C.UTF-8 2>/dev/null || true

# ---------------------------------------------------------------------------------------------
# Harness (ok, not_ok, result, status_problem and the summary are in tests/lib.sh)

# run ARG...: run washboard; stdout in $T/out, stderr in $T/err, exit status in $rc.
run() {
	# In a subshell, so that the shell's own "Segmentation fault" notice lands in $T/err.
	("$WB" "$@"; exit $?) >"$T/out" 2>"$T/err"
	rc=$?
}

# expect NAME RC [CHECK ARG]...: judge the last run. CHECKs:
#   err S / out S         stderr / stdout contains the fixed string S
#   no-err S / no-out S   stderr / stdout does not contain S
#   err-re RE             stderr matches the extended regular expression RE
#   out-empty -           stdout is empty
#   no-nan -              neither stream shows NaN or infinity
expect() {
	name=$1
	why=$(status_problem "$2")
	shift 2
	while [ $# -ge 2 ]; do
		if [ -z "$why" ]; then
			case $1 in
			err | out)
				grep -qF -e "$2" "$T/$1" || why="std$1 lacks \"$2\""
				;;
			err-re)
				grep -qE -e "$2" "$T/err" || why="stderr does not match /$2/"
				;;
			no-err | no-out)
				s=${1#no-}
				! grep -qF -e "$2" "$T/$s" || why="std$s contains \"$2\""
				;;
			out-empty)
				[ ! -s "$T/out" ] || why="stdout is not empty"
				;;
			no-nan)
				if grep -qiwE 'nan|-?inf|infinity' "$T/out" "$T/err"; then
					why="output shows NaN or infinity: $(grep -hiwE -m1 'nan|-?inf|infinity' "$T/out" "$T/err" | head -n 1 | cut -c1-120)"
				fi
				;;
			*)
				why="test bug: unknown check $1"
				;;
			esac
		fi
		shift 2
	done
	result "$name" "$why"
}

# fresh NAME: a new copy of the valid fixture tree in $T/NAME; sets D to it.
fresh() {
	D=$T/$1
	rm -rf "$D"
	cp -R "$T/good" "$D"
}

# analyze_expect NAME RC [CHECK ARG]...: analyze $D (see `fresh`) as JSON and judge it like
# `expect`. Shorthand for the many broken-content cases.
analyze_expect() {
	name=$1
	want=$2
	shift 2
	run analyze --content "$D" --format json
	expect "$name" "$want" "$@"
}

# json_check NAME PYTHON: run PYTHON with the JSON report of the last run as `r` (parsed with
# NaN/Infinity rejected); it prints a reason on failure and nothing on success.
json_check() {
	why=$(python3 -c '
import json, sys
def bad(x):
    raise ValueError("non-finite number " + x)
try:
    r = json.load(open(sys.argv[1]), parse_constant=bad)
except Exception as e:
    print("stdout is not valid JSON: %s" % e); sys.exit(0)
'"$2" "$T/out" 2>&1)
	result "$1" "$why"
}

# ---------------------------------------------------------------------------------------------
# The valid fixture tree: 2 cohorts, 6 capability + 4 safety benchmarks (toxicity is lower
# is better, calib correlates with cap1), 8 base and 6 chat models.

G=$T/good
mkdir -p "$G/models/base" "$G/models/chat"
cat >"$G/site.json" <<'EOF'
{
  "title": "CLI test audit",
  "description": "Fixture for tests/cli.sh",
  "thresholds": {"high": 0.6, "low": 0.4},
  "cohorts": [
    {"id": "base", "title": "Base models", "order": 1},
    {"id": "chat", "title": "Chat models", "order": 2}
  ]
}
EOF
cat >"$G/benchmarks.json" <<'EOF'
{
  "benchmarks": [
    {"id": "cap1", "name": "Capability 1", "role": "capability", "higher_is_better": true},
    {"id": "cap2", "name": "Capability 2", "role": "capability", "higher_is_better": true},
    {"id": "cap3", "name": "Capability 3", "role": "capability", "higher_is_better": true},
    {"id": "cap4", "name": "Capability 4", "role": "capability", "higher_is_better": true},
    {"id": "cap5", "name": "Capability 5", "role": "capability", "higher_is_better": true},
    {"id": "cap6", "name": "Capability 6", "role": "capability", "higher_is_better": true},
    {"id": "refusal", "name": "Refusal", "role": "safety", "area": "harm", "higher_is_better": true},
    {"id": "toxicity", "name": "Toxicity", "role": "safety", "area": "harm", "metric": "Toxicity rate", "higher_is_better": false},
    {"id": "calib", "name": "Calibration", "role": "safety", "area": "calibration", "higher_is_better": true, "correlate_with": "cap1"},
    {"id": "truth", "name": "Truthfulness", "role": "safety", "area": "honesty", "higher_is_better": true}
  ]
}
EOF

# gen_models COHORT PREFIX N: models PREFIX1..PREFIXN; capability rises with the index, with
# some noise so that no two benchmarks rank the models identically.
gen_models() {
	awk -v dir="$G/models/$1" -v cohort="$1" -v prefix="$2" -v n="$3" 'BEGIN {
	for (i = 1; i <= n; i++) {
		f = dir "/" prefix i ".json"
		printf "{\n  \"id\": \"%s%d\",\n  \"name\": \"Model %s%d\",\n", prefix, i, prefix, i > f
		printf "  \"cohort\": \"%s\",\n  \"params\": %d000000000,\n", cohort, i > f
		printf "  \"training_flop\": %de+22,\n  \"scores\": {\n", i > f
		for (j = 1; j <= 6; j++) {
			cap[j] = 0.2 + 0.08 * i + (((i * 3 + j * 5) % 7) - 3) * 0.012
			printf "    \"cap%d\": %.4f,\n", j, cap[j] > f
		}
		printf "    \"refusal\": %.4f,\n", 0.5 + ((i * 5) % 8) * 0.04 > f
		printf "    \"toxicity\": %.4f,\n", 0.6 - 0.05 * i + ((i * 7) % 3) * 0.02 > f
		printf "    \"calib\": %.4f,\n", cap[1] * 0.9 + ((i * 3) % 4) * 0.02 > f
		printf "    \"truth\": %.4f\n  }\n}\n", 0.3 + ((i * 7) % 5) * 0.02 + 0.03 * i > f
		close(f)
	}
}'
}
gen_models base m 8
gen_models chat c 6


# =============================================================================================
# 1. Help, version and usage errors

for args in "--help" "-h" "help" "analyze --help" "analyze -h" "import --help" \
	"import csv --help" "import csv -h"; do
	# shellcheck disable=SC2086 # word splitting of args is intended
	run $args
	expect "help: washboard $args exits 0 with usage on stdout" 0 out "usage: washboard" no-err "error"
done
for args in "--version" "-V" "analyze --version" "analyze -V" "import --version" \
	"import csv --version" "import csv -V"; do
	# shellcheck disable=SC2086
	run $args
	expect "version: washboard $args exits 0" 0 out "washboard " no-err "error"
	if ! grep -qE '^washboard [0-9]+\.[0-9]+' "$T/out"; then
		result "version: washboard $args prints 'washboard X.Y'" "stdout is '$(head -n 1 "$T/out")'"
	fi
done

run
expect "usage: no command exits 2 with usage on stderr" 2 err "usage: washboard"
run frobnicate
expect "usage: unknown command exits 2" 2 err "error: unknown command 'frobnicate'"
run --frobnicate
expect "usage: unknown top-level option exits 2" 2 err "error:"
run analyze --bogus
expect "usage: analyze with an unknown option exits 2" 2 err "error: unknown option --bogus" \
	err "see 'washboard analyze --help'"
run analyze --format xml
expect "usage: analyze --format xml exits 2" 2 err "error: --format must be table, json, csv or latex, not xml"
run analyze --format=yaml
expect "usage: analyze --format=yaml exits 2" 2 err "error: --format must be table, json, csv or latex, not yaml"
run analyze --format xml --content "$T/does-not-exist"
expect "usage: a bad --format is reported before the content is read" 2 err "error: --format" \
	no-err "does-not-exist"
run analyze --content
expect "usage: analyze --content without a value exits 2" 2 err "error: missing value after --content"
run analyze --cohort
expect "usage: analyze --cohort without a value exits 2" 2 err "error: missing value after --cohort"
run analyze --format
expect "usage: analyze --format without a value exits 2" 2 err "error: missing value after --format"
run import
expect "usage: import without a format exits 2" 2 err "error: import needs a format"
run import xml
expect "usage: import xml exits 2" 2 err "error: unknown import format (supported: csv, lm-eval, inspect, open-llm-leaderboard, helm): xml"
run import csv
expect "usage: import csv without required options exits 2" 2 \
	err "error: --content, --cohort and --matrix (or --long) are required"
run import csv --content "$T/x" --cohort base
expect "usage: import csv without --matrix exits 2" 2 err "error: --content, --cohort and --matrix (or --long) are required"
run import csv --content "$T/x" --cohort base --matrix
expect "usage: import csv --matrix without a value exits 2" 2 err "error: missing value after --matrix"
run import csv --bogus
expect "usage: import csv with an unknown option exits 2" 2 err "error: unknown option --bogus" \
	err "see 'washboard import csv --help'"
result "usage: a usage error creates no content directory" "$([ -e "$T/x" ] && echo "$T/x exists")"

# The README's synopsis of build names every option build --help describes (the analysis
# options as "[analysis options]"), and its summary line has the form a build prints.
run build --help
cp "$T/out" "$T/build-help"
run analyze --help
why=$(python3 - "$ROOT/README.md" "$T/build-help" "$T/out" <<'PYEOF'
import re, sys
readme, build, analyze = (open(p, encoding="utf-8").read() for p in sys.argv[1:4])
opts = lambda text: set(re.findall(r"^  (--[a-z][a-z-]*|-q)", text, re.M))
syn = re.search(r"^### `washboard build (.*)`$", readme, re.M)
if not syn:
    print("no '### `washboard build ...`' heading in the README"); sys.exit()
named = set(re.findall(r"(--[a-z][a-z-]*|-q)\b", syn.group(1)))
missing = sorted(opts(build) - opts(analyze) - named)
if missing:
    print("the README's build synopsis lacks %s" % ", ".join(missing)); sys.exit()
if "[analysis options]" not in syn.group(1):
    print("the README's build synopsis does not mention [analysis options]"); sys.exit()
line = re.search(r"^washboard: built site: .*$", readme, re.M)
shape = r"^washboard: built site: \d+ pages, \d+ figures \(\d+ drawn, \d+ reused\), \d+ files in \d+\.\d\d s$"
if not line or not re.match(shape, line.group(0)):
    print("the README's build summary %r is not what a build prints" % (line.group(0) if line else None))
PYEOF
)
result "README: the build synopsis has every option of build --help; the summary line has a build's form" "$why"
# ... and the summary line is what a build prints (the same form, from a real build)
run build -q --no-figures --bootstrap 0 --content "$G" --out "$T/summary-site"
run build --force --no-figures --bootstrap 0 --content "$G" --out "$T/summary-site"
expect "build: the summary line has the form the README shows" 0 \
	err-re "^washboard: built $T/summary-site: [0-9]+ pages, [0-9]+ figures \([0-9]+ drawn, [0-9]+ reused\), [0-9]+ files in [0-9]+\.[0-9][0-9] s$"
if grep -q 'http.server' "$ROOT/README.md" && ! grep -q 'make serve' "$ROOT/README.md"; then
	result "README: the preview is make serve (127.0.0.1), not http.server on every interface" "http.server without make serve"
elif grep -qE '^python3 -m http.server -d site' "$ROOT/README.md"; then
	result "README: the preview is make serve (127.0.0.1), not http.server on every interface" "a command line runs http.server on every interface"
else
	result "README: the preview is make serve (127.0.0.1), not http.server on every interface" ""
fi

# =============================================================================================
# 2. The bundled content

cd "$ROOT" || exit 1
"$WB" analyze >"$T/out" 2>"$T/err"
rc=$?
expect "bundled: analyze (table, default ./content) exits 0" 0 out "Base models (base)" \
	out "Chat models (chat)" out "tracks capabilities" no-err "error" no-nan -
"$WB" analyze --format csv >"$T/out" 2>"$T/err"
rc=$?
expect "bundled: analyze --format csv exits 0" 0 no-nan -
first=$(head -n 1 "$T/out" | tr -d '\r')
case $first in
cohort,benchmark,*,verdict,*,verdict_confidence,*) result "bundled: the CSV starts with its header line" "" ;;
*) result "bundled: the CSV starts with its header line" "first line is '$first'" ;;
esac
bad_rows=$(tail -n +2 "$T/out" | grep -cvE '^(base|chat),')
result "bundled: every CSV row starts with a cohort id" \
	"$([ "$bad_rows" -eq 0 ] || echo "$bad_rows rows do not")"
"$WB" analyze --format json >"$T/out" 2>"$T/err"
rc=$?
expect "bundled: analyze --format json exits 0" 0 no-nan -
if python3 -m json.tool "$T/out" >/dev/null 2>"$T/jt"; then
	result "bundled: the JSON report parses with python3 -m json.tool" ""
else
	result "bundled: the JSON report parses with python3 -m json.tool" "$(head -n 1 "$T/jt")"
fi
json_check "bundled: the JSON report has both cohorts with models and benchmarks" '
ids = [c["id"] for c in r["cohorts"]]
if ids != ["base", "chat"]: print("cohorts are %s" % ids)
for c in r["cohorts"]:
    if not c["models"] or not c["benchmarks"]: print("cohort %s is empty" % c["id"])
'
"$WB" analyze --cohort chat >"$T/out" 2>"$T/err"
rc=$?
expect "bundled: --cohort chat prints only chat (table)" 0 out "Chat models (chat)" \
	no-out "Base models" no-out "(base)"
"$WB" analyze --cohort chat --format csv >"$T/out" 2>"$T/err"
rc=$?
others=$(tail -n +2 "$T/out" | grep -cv '^chat,')
rows=$(tail -n +2 "$T/out" | grep -c '^chat,')
expect "bundled: --cohort chat --format csv exits 0" 0
result "bundled: --cohort chat --format csv has only chat rows" \
	"$([ "$others" -eq 0 ] && [ "$rows" -gt 0 ] || echo "$rows chat rows, $others other rows")"
"$WB" analyze --cohort=chat --format=json >"$T/out" 2>"$T/err"
rc=$?
expect "bundled: --cohort=chat --format=json exits 0" 0
json_check "bundled: --cohort chat --format json has only the chat cohort" '
ids = [c["id"] for c in r["cohorts"]]
if ids != ["chat"]: print("cohorts are %s" % ids)
'
"$WB" analyze --cohort nosuch >"$T/out" 2>"$T/err"
rc=$?
expect "bundled: an unknown --cohort fails with exit 2" 2 err "error:" err "nosuch" out-empty -
expect "bundled: an unknown --cohort lists the cohorts there are" 2 \
	err "error: no cohort 'nosuch' in content (its cohorts: base, chat)"
cd "$T" || exit 1

# =============================================================================================
# 3. The valid fixture itself, and content errors

run analyze --content "$G"
expect "fixture: the valid fixture analyses cleanly (table)" 0 no-err "error" no-err "warning" \
	out "Base models (base): 8 models" out "Chat models (chat): 6 models" no-nan -
run analyze --content "$G" --format json
expect "fixture: the valid fixture analyses cleanly (json)" 0 no-nan -
json_check "fixture: toxicity (lower is better) and calib (correlate_with) are reported" '
b = {x["id"]: x for x in r["cohorts"][0]["benchmarks"]}
if b["toxicity"]["higher_is_better"] is not False: print("toxicity higher_is_better %r" % b["toxicity"]["higher_is_better"])
if b["calib"].get("correlate_with") != "cap1": print("calib correlate_with %r" % b["calib"].get("correlate_with"))
if b["calib"]["verdict_basis"] != "reference": print("calib verdict_basis %r" % b["calib"]["verdict_basis"])
if r["cohorts"][0]["n_models_scored"] != 8: print("n_models_scored %r" % r["cohorts"][0]["n_models_scored"])
'
run analyze --content "$G" --format csv
expect "fixture: the valid fixture analyses cleanly (csv)" 0 out "base,toxicity," out "chat,calib," no-nan -
run analyze --content "$G/" -q
expect "fixture: --content with a trailing slash and -q work" 0 out "Base models (base)"
# the table names benchmarks by name, and long names and areas do not push the columns
fresh longnames
sed 's/"name": "Refusal", "role": "safety", "area": "harm"/"name": "Refusal of harmful requests, measured on a very long suite name (v2)", "role": "safety", "area": "harm-of-a-rather-unusually-long-kind"/' \
	"$G/benchmarks.json" >"$D/benchmarks.json"
run analyze --content "$D" --cohort base --bootstrap 0
expect "table: benchmarks are named by their names, not ids" 0 out "Capability 1" out "Refusal of harmful" \
	no-out "cap1 " no-out "refusal "
why=$(python3 -c '
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
head = [i for i, l in enumerate(lines) if l.startswith("benchmark ")]
if not head: print("no header line"); sys.exit()
h = lines[head[0]]
col = h.index("verdict")
rows = [l for l in lines[head[0] + 1:] if l]
if len(rows) != 10: print("%d rows, expected 10" % len(rows))
for l in rows:
    if len(l) < col or l[col - 2:col] != "  " or not l[col].isalpha() or not l[col].islower():
        print("verdict column slipped: %r" % l); break
    if "…" in l[:col] and "Refusal" not in l and "harm" not in l:
        print("cut a short name: %r" % l); break
if not any("Refusal of harmful requests" in l and "…" in l for l in rows): print("the long name was not cut")
' "$T/out")
result "table: long names and areas are cut with an ellipsis; every column stays aligned" "$why"
if [ -w /dev/full ]; then
	"$WB" analyze --content "$G" >/dev/full 2>"$T/err"
	rc=$?
	: >"$T/out"
	expect "runtime: a failed write to stdout exits 1" 1 err "error: cannot write the output"
fi
fresh stray-files
echo "notes" >"$D/models/base/README.txt"
echo "notes" >"$D/models/NOTES"
run analyze --content "$D"
expect "content: stray non-JSON files warn and are ignored" 0 \
	err "warning: $D/models/base/README.txt: not a .json file" err "warning: $D/models/NOTES: not a directory"
fresh no-cohorts-key
printf '{"title": "t"}\n' >"$D/site.json"
run analyze --content "$D" --format csv
expect "content: without 'cohorts' in site.json every directory is a cohort" 0 out "base,cap1," out "chat,cap1," no-err "error"
run analyze --content "$T/does-not-exist"
expect "content: a missing content directory exits 3" 3 \
	err "error: $T/does-not-exist: content directory not found" out-empty -

M=models/base/m1.json

# --- JSON syntax. The parser is exercised on benchmarks.json (read before any model); the
# --- model-file cases after it check that a model file that does not parse is reported too.

BJ=benchmarks.json

fresh syntax
cat >"$D/$BJ" <<'EOF'
{
  "benchmarks": [
    {"id": "cap1", "role": "capability" "higher_is_better": true}
  ]
}
EOF
analyze_expect "json: a missing comma is reported at the next token (3:41)" 3 \
	err "error: $D/$BJ:3:41:" out-empty -

fresh trailing-comma-object
cat >"$D/$BJ" <<'EOF'
{
  "benchmarks": [
    {"id": "cap1", "role": "capability", "higher_is_better": true,}
  ]
}
EOF
analyze_expect "json: a trailing comma in an object is reported at its '}' (3:67)" 3 \
	err "error: $D/$BJ:3:67:"

fresh trailing-comma-array
cat >"$D/$BJ" <<'EOF'
{
  "benchmarks": [
    {"id": "cap1", "role": "capability", "higher_is_better": true},
  ]
}
EOF
analyze_expect "json: a trailing comma in an array is reported at its ']' (4:3)" 3 \
	err "error: $D/$BJ:4:3:"

fresh single-quotes
cat >"$D/$BJ" <<'EOF'
{
  "benchmarks": [
    {'id': "cap1", "role": "capability", "higher_is_better": true}
  ]
}
EOF
analyze_expect "json: single quotes are reported at the quote (3:6)" 3 \
	err "error: $D/$BJ:3:6:"

fresh truncated
printf '{\n  "benchmarks": [\n    {"id": "cap1"' >"$D/$BJ"
analyze_expect "json: a truncated file reports the end of file (3:18)" 3 \
	err "error: $D/$BJ:3:18:" err "end of file"

fresh truncated-nl
printf '{\n  "benchmarks": [\n    {"id": "cap1"\n' >"$D/$BJ"
analyze_expect "json: a truncated file ending in a newline reports the end of file (4:1)" 3 \
	err "error: $D/$BJ:4:1:" err "end of file"

fresh unterminated-string
printf '{"benchmarks": [], "x": "abc' >"$D/$BJ"
analyze_expect "json: an unterminated string is reported at its opening quote (1:25) or the end (1:29)" 3 \
	err-re "^error: .*/unterminated-string/$BJ:1:(25|29): "

fresh bad-escape
printf '{\n  "benchmarks": [\n    {"id": "cap\\x1"}\n  ]\n}\n' >"$D/$BJ"
analyze_expect "json: an invalid escape is reported at the backslash or the letter (3:16/17)" 3 \
	err-re "^error: .*/bad-escape/$BJ:3:1[67]: "

fresh trailing-text
printf '{"benchmarks": []}\n}\n' >"$D/$BJ"
analyze_expect "json: text after the value is reported (2:1)" 3 \
	err "error: $D/$BJ:2:1: unexpected text after the JSON value"

fresh columns-in-code-points
cat >"$D/$BJ" <<'EOF'
{
  "benchmarks": [
    {"name": "Modèle ✓" "id": "cap1", "role": "capability", "higher_is_better": true}
  ]
}
EOF
analyze_expect "json: columns count code points, not bytes (3:25)" 3 \
	err "error: $D/$BJ:3:25:"

fresh empty
: >"$D/$BJ"
analyze_expect "json: an empty file exits 3 (1:1)" 3 err "error: $D/$BJ:1:1: empty file" out-empty -

fresh blank
printf '\n   \n' >"$D/$BJ"
analyze_expect "json: a whitespace-only file is an empty file (3:1)" 3 err "error: $D/$BJ:3:1: empty file"

fresh binary
printf '\177ELF\002\001\001\000\000\000\000\000' >"$D/$BJ"
analyze_expect "json: a binary file (NUL bytes) exits 3 (1:8)" 3 \
	err "error: $D/$BJ:1:8: NUL byte in JSON text"

fresh bad-utf8
printf '{\n  "benchmarks": [\n    {"name": "Mod\377el", "id": "cap1", "role": "capability", "higher_is_better": true}\n  ]\n}\n' >"$D/$BJ"
analyze_expect "json: invalid UTF-8 is reported at the bad byte (3:18)" 3 \
	err "error: $D/$BJ:3:18: invalid UTF-8 byte sequence"

fresh overlong-utf8
printf '{\n  "benchmarks": [\n    {"name": "\300\257", "id": "cap1"}\n  ]\n}\n' >"$D/$BJ"
analyze_expect "json: an overlong UTF-8 sequence is invalid (3:15)" 3 \
	err "error: $D/$BJ:3:15: invalid UTF-8 byte sequence"

fresh surrogate-utf8
printf '{\n  "benchmarks": [\n    {"name": "x\355\240\200", "id": "cap1"}\n  ]\n}\n' >"$D/$BJ"
analyze_expect "json: a UTF-8-encoded surrogate is invalid (3:16)" 3 \
	err "error: $D/$BJ:3:16: invalid UTF-8 byte sequence"

fresh bom
for f in "$M" site.json "$BJ"; do
	{ printf '\357\273\277'; cat "$G/$f"; } >"$D/$f"
done
analyze_expect "json: a UTF-8 BOM is accepted (exit 0)" 0 no-err "error"

fresh bom-position
{ printf '\357\273\277'; printf '{"benchmarks": [] ]\n'; } >"$D/$BJ"
analyze_expect "json: a BOM takes no column (error at 1:19)" 3 \
	err "error: $D/$BJ:1:19:"

fresh duplicate-key
cat >"$D/$BJ" <<'EOF'
{
  "benchmarks": [
    {"id": "cap1", "role": "capability", "id": "cap2", "higher_is_better": true}
  ]
}
EOF
analyze_expect "json: a duplicate key is reported at its second occurrence (3:42)" 3 \
	err "error: $D/$BJ:3:42: duplicate key 'id'"

fresh duplicate-top-key
printf '{\n  "benchmarks": [],\n  "benchmarks": []\n}\n' >"$D/$BJ"
analyze_expect "json: a duplicate top-level key is reported (3:3)" 3 \
	err "error: $D/$BJ:3:3: duplicate key 'benchmarks'"

# nest N: N '[' then N ']' on one line
nest() {
	awk -v n="$1" 'BEGIN { s = ""; for (i = 0; i < n; i++) s = s "["; t = ""; for (i = 0; i < n; i++) t = t "]"; printf "%s%s", s, t }'
}
fresh deep
{
	printf '{\n  "benchmarks": [],\n  "x_nest": '
	nest 70
	printf '\n}\n'
} >"$D/$BJ"
# '{' is level 1; the 64th '[' (column 12 + 64) opens level 65.
analyze_expect "json: nesting deeper than 64 levels is rejected at the 65th level (3:76)" 3 \
	err "error: $D/$BJ:3:76: nesting deeper than 64 levels"

fresh deep-64
{
	printf '{\n  "id": "m1",\n  "x_nest": '
	nest 63
	printf ',\n  "scores": {"cap1": 0.5}\n}\n'
} >"$D/$M"
analyze_expect "json: nesting of exactly 64 levels is accepted (unknown key warns, 3:13)" 0 \
	err "warning: $D/$M:3:13: unknown key 'x_nest'"

fresh deep-string
{
	printf '{\n  "id": "m1",\n  "name": "'
	nest 100
	printf '",\n  "scores": {"cap1": 0.5}\n}\n'
} >"$D/$M"
analyze_expect "json: brackets inside a string do not count as nesting" 0 no-err "error"

fresh overflow
cat >"$D/site.json" <<'EOF'
{
  "title": "t",
  "thresholds": {"high": 1e999, "low": 0.4},
  "cohorts": [{"id": "base"}, {"id": "chat"}]
}
EOF
analyze_expect "json: 1e999 is out of range (3:26)" 3 err "error: $D/site.json:3:26: number out of range"

fresh underflow
cat >"$D/site.json" <<'EOF'
{
  "title": "t",
  "description": "a tiny number is not an error",
  "thresholds": {"high": 0.6, "low": 0.4, "x": 1e-999},
  "cohorts": [{"id": "base"}, {"id": "chat"}]
}
EOF
analyze_expect "json: 1e-999 (underflow to 0) is accepted" 0 no-err "error"

# --- model files that are not JSON objects (each must be reported, not crash)

fresh model-syntax
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "cohort": "base"
  "scores": {"cap1": 0.5}
}
EOF
analyze_expect "model: a JSON syntax error in a model file exits 3 (4:3)" 3 \
	err "error: $D/$M:4:3:" out-empty -

fresh model-empty
: >"$D/$M"
analyze_expect "model: an empty model file exits 3 (1:1)" 3 err "error: $D/$M:1:1: empty file"

fresh model-overflow
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "training_flop": 1e999,
  "scores": {"cap1": 0.5}
}
EOF
analyze_expect "model: \"training_flop\": 1e999 is out of range (3:20)" 3 \
	err "error: $D/$M:3:20: number out of range"

fresh model-duplicate
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "scores": {
    "cap1": 0.5,
    "cap1": 0.6
  }
}
EOF
analyze_expect "model: a duplicate score key exits 3 (5:5)" 3 \
	err "error: $D/$M:5:5: duplicate key 'cap1'"

fresh model-directory
mkdir "$D/models/base/m9.json"
analyze_expect "model: a directory named like a model file exits 3" 3 \
	err "error: $D/models/base/m9.json: is a directory"

fresh top-array
printf '[\n  {"id": "m1"}\n]\n' >"$D/$M"
analyze_expect "model: a top-level array is rejected at 1:1" 3 \
	err "error: $D/$M:1:1: the top level must be an object, not an array"

fresh site-array
printf '["not", "an", "object"]\n' >"$D/site.json"
analyze_expect "site: a top-level array in site.json is rejected at 1:1" 3 \
	err "error: $D/site.json:1:1: the top level must be an object"

fresh bench-array
printf '[]\n' >"$D/benchmarks.json"
analyze_expect "benchmarks: a top-level array in benchmarks.json is rejected at 1:1" 3 \
	err "error: $D/benchmarks.json:1:1: the top level must be an object with a 'benchmarks' array"

# --- types

fresh wrong-type
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "cohort": "base",
  "training_flop": "big",
  "scores": {"cap1": 0.5}
}
EOF
analyze_expect "model: \"training_flop\": \"big\" names the key at 4:20" 3 \
	err "error: $D/$M:4:20: key 'training_flop' must be a number, not a string" out-empty -

fresh params-bool
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "params": true,
  "scores": {"cap1": 0.5}
}
EOF
analyze_expect "model: \"params\": true names the key at 3:13" 3 \
	err "error: $D/$M:3:13: key 'params' must be a number"

fresh weights-string
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "open_weights": "yes",
  "scores": {"cap1": 0.5}
}
EOF
analyze_expect "model: \"open_weights\": \"yes\" names the key at 3:19" 3 \
	err "error: $D/$M:3:19: key 'open_weights' must be true or false, not a string" out-empty -

fresh weights-bool
sed 's/"id": "m1",/"id": "m1", "open_weights": false,/' "$G/$M" >"$D/$M"
analyze_expect "model: \"open_weights\": false is accepted" 0
json_check "model: open_weights is in the report (false) and absent where not given" '
ms = {m["id"]: m for c in r["cohorts"] for m in c["models"] if c["id"] == "base"}
if ms["m1"].get("open_weights") is not False: print("m1 open_weights = %r" % ms["m1"].get("open_weights"))
elif "open_weights" in ms["m2"]: print("m2 has open_weights though its file has none")
'

fresh negative-flop
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "training_flop": -5e22,
  "scores": {"cap1": 0.5}
}
EOF
analyze_expect "model: a negative training_flop is rejected (3:20)" 3 \
	err "error: $D/$M:3:20: key 'training_flop' must be positive"

fresh zero-flop
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "training_flop": 0,
  "scores": {"cap1": 0.5}
}
EOF
analyze_expect "model: a zero training_flop is rejected (3:20)" 3 \
	err "error: $D/$M:3:20: key 'training_flop' must be positive, not 0"

fresh id-mismatch
sed 's/"id": "m1"/"id": "m9"/' "$G/$M" >"$D/$M"
analyze_expect "model: an id that disagrees with the file name (2:9)" 3 \
	err "error: $D/$M:2:9: key 'id' is \"m9\" but the file is named 'm1.json'"

fresh id-not-slug
sed 's/"id": "m1"/"id": "M 1"/' "$G/$M" >"$D/$M"
analyze_expect "model: an id that is not an identifier (2:9)" 3 \
	err "error: $D/$M:2:9: key 'id' is \"M 1\", which is not an identifier"

fresh file-not-slug
mv "$D/$M" "$D/models/base/Model_One.json"
analyze_expect "model: a file name that is not a slug exits 3" 3 \
	err "error: $D/models/base/Model_One.json: file name 'Model_One.json' is not an identifier"

fresh cohort-mismatch
sed 's/"cohort": "base"/"cohort": "chat"/' "$G/$M" >"$D/$M"
analyze_expect "model: a cohort key that disagrees with the directory (4:13)" 3 \
	err "error: $D/$M:4:13: key 'cohort' is \"chat\" but the file is in the 'base' directory"

fresh undeclared-cohort
mkdir "$D/models/extra"
sed 's/"cohort": "base"/"cohort": "extra"/' "$G/$M" >"$D/models/extra/m1.json"
analyze_expect "content: a cohort directory not declared in site.json exits 3" 3 \
	err "error: $D/models/extra: cohort 'extra' is not declared in site.json"

fresh bad-cohort-dir
mkdir "$D/models/Extra Models"
analyze_expect "content: a cohort directory that is not a slug exits 3" 3 \
	err "error: $D/models/Extra Models: cohort directory name is not an identifier"

fresh no-benchmarks
rm "$D/benchmarks.json"
analyze_expect "content: a missing benchmarks.json exits 3" 3 \
	err "error: $D/benchmarks.json: missing" out-empty -

fresh no-site
rm "$D/site.json"
analyze_expect "content: a missing site.json exits 3" 3 err "error: $D/site.json: cannot read"

fresh no-models
rm -r "$D/models"
analyze_expect "content: a missing models directory exits 3" 3 err "error: $D/models: missing"

fresh site-no-title
printf '{\n  "cohorts": [{"id": "base"}, {"id": "chat"}]\n}\n' >"$D/site.json"
analyze_expect "site: a site.json without a title exits 3 (1:1)" 3 \
	err "error: $D/site.json:1:1: missing key 'title'"

fresh duplicate-cohort
printf '{\n  "title": "t",\n  "cohorts": [{"id": "base"}, {"id": "base"}, {"id": "chat"}]\n}\n' >"$D/site.json"
analyze_expect "site: a duplicate cohort id exits 3 (3:38)" 3 \
	err "error: $D/site.json:3:38: duplicate cohort id 'base'"

fresh thresholds
printf '{\n  "title": "t",\n  "thresholds": {"high": 0.3, "low": 0.5},\n  "cohorts": [{"id": "base"}, {"id": "chat"}]\n}\n' >"$D/site.json"
analyze_expect "site: thresholds with low > high exit 3 (3:17)" 3 \
	err "error: $D/site.json:3:17: thresholds must satisfy 0 < low < high <= 1"

# --- benchmarks.json

fresh unknown-correlate
cat >"$D/$BJ" <<'EOF'
{
  "benchmarks": [
    {"id": "cap1", "role": "capability", "higher_is_better": true},
    {"id": "calib", "role": "safety", "higher_is_better": true, "correlate_with": "nope"}
  ]
}
EOF
analyze_expect "benchmarks: correlate_with naming an unknown benchmark (4:83)" 3 \
	err "error: $D/$BJ:4:83: key 'correlate_with' names 'nope', which is not a benchmark"

fresh self-correlate
cat >"$D/$BJ" <<'EOF'
{
  "benchmarks": [
    {"id": "cap1", "role": "capability", "higher_is_better": true},
    {"id": "calib", "role": "safety", "higher_is_better": true, "correlate_with": "calib"}
  ]
}
EOF
analyze_expect "benchmarks: correlate_with naming itself (4:83)" 3 \
	err "error: $D/$BJ:4:83: benchmark 'calib' cannot correlate_with itself"

fresh unknown-role
cat >"$D/$BJ" <<'EOF'
{
  "benchmarks": [
    {"id": "cap1", "role": "capabilty", "higher_is_better": true}
  ]
}
EOF
analyze_expect "benchmarks: an unknown role (3:28)" 3 \
	err "error: $D/$BJ:3:28: key 'role' is \"capabilty\"; use capability, safety, general or ignore"

fresh missing-role
cat >"$D/$BJ" <<'EOF'
{
  "benchmarks": [
    {"id": "cap1", "higher_is_better": true}
  ]
}
EOF
analyze_expect "benchmarks: a missing role (3:5)" 3 err "error: $D/$BJ:3:5: missing key 'role'"

fresh missing-hib
cat >"$D/$BJ" <<'EOF'
{
  "benchmarks": [
    {"id": "cap1", "role": "capability"}
  ]
}
EOF
analyze_expect "benchmarks: a missing higher_is_better (3:5)" 3 \
	err "error: $D/$BJ:3:5: benchmark 'cap1' has no 'higher_is_better'"

fresh string-hib
cat >"$D/$BJ" <<'EOF'
{
  "benchmarks": [
    {"id": "cap1", "role": "capability", "higher_is_better": "yes"}
  ]
}
EOF
analyze_expect "benchmarks: higher_is_better as a string (3:62)" 3 \
	err "error: $D/$BJ:3:62: key 'higher_is_better' must be true or false, not a string"

fresh duplicate-bench
cat >"$D/$BJ" <<'EOF'
{
  "benchmarks": [
    {"id": "cap1", "role": "capability", "higher_is_better": true},
    {"id": "cap1", "role": "safety", "higher_is_better": true}
  ]
}
EOF
analyze_expect "benchmarks: a duplicate benchmark id (4:12)" 3 \
	err "error: $D/$BJ:4:12: duplicate benchmark id 'cap1'"

fresh bench-no-id
cat >"$D/$BJ" <<'EOF'
{
  "benchmarks": [
    {"name": "Nameless", "role": "capability", "higher_is_better": true}
  ]
}
EOF
analyze_expect "benchmarks: an entry without an id (3:5)" 3 \
	err "error: $D/$BJ:3:5: benchmarks[0] has no 'id'"

# --- scores

fresh unknown-score
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "cohort": "base",
  "training_flop": 1e22,
  "scores": {
    "cap1": 0.3, "cap2": 0.3, "cap3": 0.3, "cap4": 0.3, "cap5": 0.3, "cap6": 0.3,
    "mystery": 0.5
  }
}
EOF
analyze_expect "scores: an unknown benchmark id warns (7:16) and exits 0" 0 \
	err "warning: $D/$M:7:16: score for unknown benchmark 'mystery'" no-err "error"
run analyze --content "$D" -q
expect "scores: -q silences the unknown-benchmark warning" 0 no-err "warning"

fresh string-score
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "scores": {
    "cap1": "0.5"
  }
}
EOF
analyze_expect "scores: a score given as a string (4:13)" 3 \
	err "error: $D/$M:4:13: key 'scores.cap1' must be a number, null or {\"value\": ...}, not a string"

fresh object-no-value
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "scores": {
    "cap1": {"stderr": 0.01}
  }
}
EOF
analyze_expect "scores: a score object without value (4:13)" 3 \
	err "error: $D/$M:4:13: key 'scores.cap1' has no 'value'"

fresh object-string-value
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "scores": {
    "cap1": {"value": "high"}
  }
}
EOF
analyze_expect "scores: a score object with a string value (4:23)" 3 \
	err "error: $D/$M:4:23: key 'scores.cap1.value' must be a number"

fresh negative-stderr
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "scores": {
    "cap1": {"value": 0.5, "stderr": -1}
  }
}
EOF
analyze_expect "scores: a negative stderr (4:38)" 3 \
	err "error: $D/$M:4:38: key 'scores.cap1.stderr' must be a number >= 0"

fresh scores-array
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "scores": [0.5]
}
EOF
analyze_expect "scores: scores as an array (3:13)" 3 \
	err "error: $D/$M:3:13: key 'scores' must be an object, not an array"

fresh no-scores
printf '{\n  "id": "m1"\n}\n' >"$D/$M"
analyze_expect "scores: a model without scores (1:1)" 3 err "error: $D/$M:1:1: missing key 'scores'"

fresh score-objects
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "cohort": "base",
  "training_flop": 1e22,
  "scores": {
    "cap1": {"value": 0.31, "stderr": 0.01, "n": 100},
    "cap2": 0.3, "cap3": 0.3, "cap4": 0.3, "cap5": 0.3, "cap6": 0.3,
    "refusal": null
  }
}
EOF
analyze_expect "scores: score objects with stderr and n, and null scores, are valid" 0 no-err "error"

fresh many-errors
cat >"$D/$M" <<'EOF'
{
  "id": "m1",
  "training_flop": "big",
  "scores": {"cap1": "x"}
}
EOF
sed 's/"id": "m2"/"id": "m3"/' "$G/models/base/m2.json" >"$D/models/base/m2.json"
analyze_expect "content: every error is reported, not just the first" 3 \
	err "error: $D/$M:3:20: key 'training_flop'" err "error: $D/$M:4:22: key 'scores.cap1'" \
	err "error: $D/models/base/m2.json:2:9: key 'id'"

# 3b. The rest of the README's table of bad input.
fresh too-big
truncate -s 65M "$D/$M" 2>/dev/null || dd if=/dev/zero of="$D/$M" bs=1M count=0 seek=65 2>/dev/null
analyze_expect "limits: a file over 64 MiB exits 3 without reading it" 3 \
	err "error: $D/$M: file is larger than the 64 MiB limit"

fresh nan-content
sed 's/"refusal": [0-9.]*/"refusal": NaN/' "$G/$M" >"$D/$M"
analyze_expect "json: NaN in a model file is not JSON, exit 3 at the token" 3 \
	err-re "^error: $D/$M:[0-9]+:[0-9]+: NaN and Infinity are not JSON \(use null for a missing value\)"
sed 's/"refusal": [0-9.]*/"refusal": -Infinity/' "$G/$M" >"$D/$M"
analyze_expect "json: -Infinity in a model file exits 3" 3 err "NaN and Infinity are not JSON"

for bad_id in '../m1' 'a/b' ''; do
	fresh bad-id
	sed "s|\"id\": \"m1\"|\"id\": \"$bad_id\"|" "$G/$M" >"$D/$M"
	analyze_expect "ids: a model id '$bad_id' is not an identifier, exit 3 (2:9)" 3 \
		err "error: $D/$M:2:9: key 'id' is \"$bad_id\", which is not an identifier"
done

fresh loop
rm -r "$D/models/chat"
ln -s chat "$D/models/chat"
analyze_expect "dirs: a cohort directory that is a symlink loop exits 3" 3 \
	err "error: $D/models/chat: cannot read: Too many levels of symbolic links"

# Unreadable: permissions do not stop root, so as root the test drops to nobody.
fresh unreadable
chmod 755 "$T"
as=
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null 2>&1 && as="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
# run_as ARG...: run washboard as $as (nobody when root), like run.
run_as() {
	($as "$WB" "$@"; exit $?) >"$T/out" 2>"$T/err"
	rc=$?
}
if [ "$(id -u)" != 0 ] || [ -n "$as" ]; then
	chmod 000 "$D/models/chat"
	run_as analyze --content "$D" --format json
	expect "dirs: an unreadable cohort directory exits 3" 3 \
		err "error: $D/models/chat: cannot open directory: Permission denied"
	chmod 755 "$D/models/chat"
	chmod 000 "$D/models/chat/c1.json"
	run_as analyze --content "$D" --format json
	expect "dirs: an unreadable model file exits 3" 3 \
		err "error: $D/models/chat/c1.json: cannot read: Permission denied"
	chmod 644 "$D/models/chat/c1.json"
fi
chmod 700 "$T"

# =============================================================================================
# 4. Degenerate analyses: exit 0, nulls instead of NaN

# degenerate NAME PYTHON: analyze $D in all three formats (exit 0, no NaN/inf), then check
# the JSON report with PYTHON.
degenerate() {
	for f in table csv json; do
		run analyze --content "$D" --format "$f"
		expect "degenerate: $1 ($f): exit 0, no NaN" 0 no-nan - no-err "error"
	done
	json_check "degenerate: $1 (report)" "$2"
}

fresh small-cohort
rm "$D/models/chat/c4.json" "$D/models/chat/c5.json" "$D/models/chat/c6.json"
degenerate "a cohort with 3 models is insufficient-data" '
c = [x for x in r["cohorts"] if x["id"] == "chat"][0]
if not c["benchmarks"]: print("no benchmarks in chat")
for b in c["benchmarks"]:
    if b["verdict"] != "insufficient-data": print("%s verdict %s" % (b["id"], b["verdict"]))
    if b["capabilities_correlation"] is not None: print("%s capabilities_correlation %r" % (b["id"], b["capabilities_correlation"]))
if c["capability"]["note"] is None: print("no note on the capability block")
base = [x for x in r["cohorts"] if x["id"] == "base"][0]
if base["capability"]["note"] is not None: print("base got a note: %s" % base["capability"]["note"])
'
run analyze --content "$D" --format json
expect "degenerate: a cohort with 3 models warns that it has no capabilities score" 0 \
	err "warning: $D/models/chat: only 3 models have all 6 capability benchmarks (at least 5 are needed); no capabilities score"

fresh constant-safety
for f in "$D"/models/base/*.json; do
	sed 's/"refusal": [0-9.]*/"refusal": 0.5000/' "$f" >"$f.new" && mv "$f.new" "$f"
done
degenerate "a constant safety column" '
b = [x for x in r["cohorts"][0]["benchmarks"] if x["id"] == "refusal"][0]
if b["sd"] != 0: print("sd %r" % b["sd"])
if b["capabilities_correlation"] is not None: print("capabilities_correlation %r" % b["capabilities_correlation"])
if b["verdict"] != "insufficient-data": print("verdict %s" % b["verdict"])
for m in b["models"]:
    if m["z"] is not None: print("z of %s is %r" % (m["model"], m["z"]))
'

fresh constant-capability
for f in "$D"/models/base/*.json; do
	sed 's/"cap3": [0-9.]*/"cap3": 0.7000/' "$f" >"$f.new" && mv "$f.new" "$f"
done
degenerate "a constant capability column" '
c = r["cohorts"][0]
if c["capability"]["note"] is None: print("no note")
for m in c["models"]:
    if m["capability_score"] is not None: print("%s has capability_score %r" % (m["id"], m["capability_score"]))
'

fresh no-capability
for f in "$D"/models/chat/*.json; do
	grep -v '"cap[0-9]"' "$f" >"$f.new" && mv "$f.new" "$f"
done
degenerate "a cohort with no capability benchmarks" '
c = [x for x in r["cohorts"] if x["id"] == "chat"][0]
n = c["capability"]["note"]
if not n or "no capability benchmarks" not in n: print("note is %r" % n)
for m in c["models"]:
    if m["capability_score"] is not None: print("%s has capability_score %r" % (m["id"], m["capability_score"]))
for b in c["benchmarks"]:
    if b["verdict"] != "insufficient-data" and b.get("correlate_with") is None: print("%s verdict %s" % (b["id"], b["verdict"]))
'
run analyze --content "$D" --cohort chat
expect "degenerate: a cohort with no capability benchmarks shows a note in the table" 0 \
	out "note: this cohort has no capability benchmarks"

fresh no-capability-role
sed 's/"role": "capability"/"role": "general"/' "$G/benchmarks.json" >"$D/benchmarks.json"
degenerate "content with no capability benchmark at all" '
for c in r["cohorts"]:
    if not c["capability"]["note"]: print("cohort %s has no note" % c["id"])
    if c["capability"]["variance_explained"] is not None: print("variance_explained %r" % c["capability"]["variance_explained"])
'

fresh missing-capability
grep -v '"cap4"' "$G/$M" >"$D/$M"
degenerate "a model missing a capability benchmark" '
c = r["cohorts"][0]
ms = {m["id"]: m for m in c["models"]}
if ms["m1"]["capability_score"] is not None: print("m1 capability_score %r" % ms["m1"]["capability_score"])
if ms["m1"]["capability_rank"] is not None: print("m1 capability_rank %r" % ms["m1"]["capability_rank"])
if ms["m2"]["capability_score"] is None: print("m2 lost its capability_score")
if c["n_models_scored"] != 7: print("n_models_scored %r" % c["n_models_scored"])
'

fresh empty-cohort
rm "$D"/models/chat/*.json
degenerate "a declared cohort without models" '
c = [x for x in r["cohorts"] if x["id"] == "chat"]
if c and c[0]["n_models"] != 0: print("chat n_models %r" % c[0]["n_models"])
'

fresh no-flop
for f in "$D"/models/base/*.json; do
	grep -v '"training_flop"' "$f" >"$f.new" && mv "$f.new" "$f"
done
degenerate "a cohort without training FLOP" '
for b in r["cohorts"][0]["benchmarks"]:
    if b["compute_correlation"] is not None: print("%s compute_correlation %r" % (b["id"], b["compute_correlation"]))
'

fresh sparse-safety
for f in "$D"/models/base/m[3-8].json; do
	grep -v '"truth"' "$f" | sed 's/"calib": \([0-9.]*\),/"calib": \1/' >"$f.new" && mv "$f.new" "$f"
done
degenerate "a safety benchmark with 2 values" '
b = [x for x in r["cohorts"][0]["benchmarks"] if x["id"] == "truth"][0]
if b["n"] != 2: print("n %r" % b["n"])
if b["verdict"] != "insufficient-data": print("verdict %s" % b["verdict"])
'

fresh huge-values
sed 's/"refusal": [0-9.]*/"refusal": 1.7e308/' "$G/$M" >"$D/$M"
sed 's/"refusal": [0-9.]*/"refusal": -1.7e308/' "$G/models/base/m8.json" >"$D/models/base/m8.json"
degenerate "scores near the largest double (overflowing mean and sd)" '
b = [x for x in r["cohorts"][0]["benchmarks"] if x["id"] == "refusal"][0]
if b["verdict"] not in ("insufficient-data", "tracks-capabilities", "moderate", "distinct", "worsens-with-capabilities"): print("verdict %r" % b["verdict"])
'

# =============================================================================================
# 5. import csv

# 5a. The paper import reproduces the bundled content.
P=$T/paper/content
mkdir -p "$P"
cp "$ROOT/content/site.json" "$P/site.json"
(cd "$ROOT" && sh scripts/import-paper-data.sh "$WB" "$P") >"$T/out" 2>"$T/err"
rc=$?
expect "import: scripts/import-paper-data.sh exits 0" 0 err "imported" no-err "error"
if diff -r "$ROOT/content/models" "$P/models" >"$T/diff" 2>&1; then
	result "import: the paper import reproduces content/models exactly" ""
else
	result "import: the paper import reproduces content/models exactly" \
		"diff -r: $(grep -c '' "$T/diff") lines, first: $(head -n 1 "$T/diff" | cut -c1-150)"
fi
if diff "$ROOT/content/benchmarks.json" "$P/benchmarks.json" >"$T/diff" 2>&1; then
	result "import: the paper import reproduces content/benchmarks.json exactly" ""
else
	result "import: the paper import reproduces content/benchmarks.json exactly" \
		"diff: $(grep -c '' "$T/diff") lines, first: $(head -n 1 "$T/diff" | cut -c1-150)"
fi
if diff "$ROOT/content/site.json" "$P/site.json" >"$T/diff" 2>&1; then
	result "import: the paper import keeps site.json as it was" ""
else
	result "import: the paper import keeps site.json as it was" "$(head -n 3 "$T/diff" | tr '\n' ' ')"
fi
(cd "$ROOT" && sh scripts/import-paper-data.sh "$WB" "$P") >"$T/out" 2>"$T/err"
rc=$?
if [ "$rc" = 0 ] && diff -r "$ROOT/content/models" "$P/models" >/dev/null 2>&1 &&
	diff "$ROOT/content/benchmarks.json" "$P/benchmarks.json" >/dev/null 2>&1; then
	result "import: importing the paper data twice changes nothing" ""
else
	result "import: importing the paper data twice changes nothing" "exit $rc or the content changed"
fi

# 5b. A small matrix with side tables.
S=$T/src
mkdir -p "$S"
cat >"$S/matrix.csv" <<'EOF'
model,name,model_size,FLOP,type,cap1,cap2,cap3,saf1,saf2
New-Model-1,New Model 1,1e9,1e21,fresh,0.30,0.31,0.28,0.50,0.40
New-Model-2,New Model 2,2e9,2e21,fresh,0.38,0.36,0.40,0.42,0.35
New-Model-3,New Model 3,3e9,4e21,fresh,0.45,0.47,0.44,0.61,0.33
New-Model-4,New Model 4,4e9,8e21,fresh,0.52,0.55,0.50,0.47,0.30
New-Model-5,"New Model 5, large",5e9,1.6e22,fresh,0.60,0.58,0.63,0.66,0.26
New-Model-6,New Model 6,6e9,3.2e22,fresh,0.71,0.69,0.70,0.58,0.21
EOF
cat >"$S/info.csv" <<'EOF'
benchmark,name,metric
cap1,Capability One,Accuracy (↑)
saf2,Harm rate,Rate (↓)
EOF
cat >"$S/taxonomy.csv" <<'EOF'
benchmark,role,area,correlate_with
cap1,capability,,
cap2,capability,,
cap3,capability,,
saf1,safety,Honesty,
saf2,safety,Harm,cap1
EOF

N=$T/new/content
run import csv --content "$N" --cohort fresh --cohort-title "Fresh models" --matrix "$S/matrix.csv" \
	--info "$S/info.csv" --taxonomy "$S/taxonomy.csv" --source "cli test"
expect "import: into a brand-new content dir exits 0" 0 err "imported 6 models and 5 benchmarks" no-err "error"
missing=""
for f in site.json benchmarks.json models/fresh/new-model-1.json models/fresh/new-model-6.json; do
	[ -f "$N/$f" ] || missing="$missing $f"
done
result "import: a brand-new content dir gets site.json, benchmarks.json and models/" \
	"$([ -z "$missing" ] || echo "missing:$missing")"
if python3 - "$N" >"$T/py" 2>&1 <<'EOF'
import json, sys
d = sys.argv[1]
site = json.load(open(d + "/site.json"))
assert [c["id"] for c in site["cohorts"]] == ["fresh"], site["cohorts"]
assert site["cohorts"][0]["title"] == "Fresh models", site["cohorts"][0]
b = {x["id"]: x for x in json.load(open(d + "/benchmarks.json"))["benchmarks"]}
assert b["cap1"]["role"] == "capability" and b["cap1"]["name"] == "Capability One", b["cap1"]
assert b["saf2"]["higher_is_better"] is False, b["saf2"]
assert b["saf2"]["correlate_with"] == "cap1", b["saf2"]
assert b["saf1"]["area"] == "honesty", b["saf1"]
m = json.load(open(d + "/models/fresh/new-model-5.json"))
assert m["source_id"] == "New-Model-5" and m["name"] == "New Model 5, large", m
assert m["cohort"] == "fresh" and m["training_flop"] == 1.6e22 and m["params"] == 5e9, m
assert m["scores"]["saf2"] == 0.26 and m["source"] == "cli test", m
EOF
then
	result "import: the imported files hold what the CSVs say" ""
else
	result "import: the imported files hold what the CSVs say" "$(tail -n 1 "$T/py")"
fi
run analyze --content "$N"
expect "import: analyze works on the freshly imported content" 0 out "Fresh models (fresh): 6 models, 6 with" \
	no-err "error" no-nan -
run analyze --content "$N" --format json
json_check "import: the fresh import analyses with saf2 against cap1" '
b = {x["id"]: x for x in r["cohorts"][0]["benchmarks"]}
if b["saf2"]["verdict_basis"] != "reference": print("saf2 verdict_basis %r" % b["saf2"]["verdict_basis"])
if b["saf2"]["capabilities_correlation"] is None: print("saf2 has no capabilities_correlation")
'

# The same CSVs with a BOM and CRLF line ends import to the same files.
for f in matrix info taxonomy; do
	{ printf '\357\273\277'; sed 's/$/\r/' "$S/$f.csv"; } >"$S/$f-crlf.csv"
done
run import csv --content "$T/crlf/content" --cohort fresh --cohort-title "Fresh models" \
	--matrix "$S/matrix-crlf.csv" --info "$S/info-crlf.csv" --taxonomy "$S/taxonomy-crlf.csv" \
	--source "cli test"
expect "import: CSVs with a BOM and CRLF line ends exit 0" 0 no-err "error"
if diff -r "$N" "$T/crlf/content" >"$T/diff" 2>&1; then
	result "import: CSVs with a BOM and CRLF import the same as LF" ""
else
	result "import: CSVs with a BOM and CRLF import the same as LF" "$(head -n 1 "$T/diff" | cut -c1-150)"
fi

# import without side tables: a warning about unclassified benchmarks, still exit 0.
N2=$T/new2/content
run import csv --content "$N2" --cohort fresh --matrix "$S/matrix.csv"
expect "import: without --taxonomy warns about unclassified benchmarks" 0 \
	err "warning: $S/matrix.csv: 5 new benchmarks have no role"
run analyze --content "$N2"
expect "import: analyze on content without capability benchmarks works" 0 \
	out "note: this cohort has no capability benchmarks" no-nan -

# 5c. Bad CSVs: exit 3 with path:line:col, nothing written.
B=$T/badimp/content
mkdir -p "$T/badimp"
cp -R "$N" "$B"
cp -R "$N" "$T/badimp/snapshot"

# bad_import WHAT SUBSTRING: import $S/bad.csv into $B, expect exit 3, SUBSTRING, no change.
bad_import() {
	run import csv --content "$B" --cohort fresh --matrix "$S/bad.csv" --taxonomy "$S/taxonomy.csv"
	expect "import: $1 exits 3 with its position" 3 err "$2"
	if diff -r "$T/badimp/snapshot" "$B" >"$T/diff" 2>&1; then
		result "import: $1 writes nothing" ""
	else
		result "import: $1 writes nothing" "the content dir changed: $(head -n 1 "$T/diff" | cut -c1-150)"
		rm -rf "$B"
		cp -R "$T/badimp/snapshot" "$B"
	fi
}

cat >"$S/bad.csv" <<'EOF'
model,name,cap1,cap2,cap3,saf1,saf2
new-model-1,One,0.31,0.31,0.28,0.50,0.40
new-model-2,Two,0.38,high,0.40,0.42,0.35
new-model-7,Seven,0.9,0.9,0.9,0.9,0.1
EOF
bad_import "a non-number cell (3:22)" "error: $S/bad.csv:3:22: value 'high' in column 'cap2' is not a number"

cat >"$S/bad.csv" <<'EOF'
model,name,cap1,cap2,cap3,saf1,saf2
new-model-1,One,0.31,0.31,0.28,0.50,0.40
new-model-2,Two,nan,0.36,0.40,0.42,0.35
EOF
bad_import "a 'nan' cell (3:17)" "error: $S/bad.csv:3:17: value 'nan' in column 'cap1' is not a number"

cat >"$S/bad.csv" <<'EOF'
model,name,cap1,cap2,cap3,saf1,saf2
new-model-1,One,0.31,0.31,0.28,0.50,0.40
new-model-2,Two,1e999,0.36,0.40,0.42,0.35
EOF
bad_import "a cell too large for a double (3:17)" "error: $S/bad.csv:3:17: value '1e999' in column 'cap1' is out of range"

cat >"$S/bad.csv" <<'EOF'
model,name,cap1,cap2,cap3,saf1,saf2
new-model-1,One,0.31,0.31,0.28,0.50,0.40
new-model-2,"Two,0.38,0.36,0.40,0.42,0.35
new-model-7,Seven,0.9,0.9,0.9,0.9,0.1
EOF
bad_import "an unclosed quote (at the opening quote, 3:13)" \
	"error: $S/bad.csv:3:13: quoted field is never closed"

cat >"$S/bad.csv" <<'EOF'
model,name,cap1,cap2,cap3,saf1,saf2
new-model-1,One,0.31,0.31,0.28,0.50,0.40
new-model-2,Two,0.38,0.36,0.40
new-model-7,Seven,0.9,0.9,0.9,0.9,0.1
EOF
bad_import "a row with too few fields (3:1)" \
	"error: $S/bad.csv:3:1: row has 5 fields but the header has 7"

cat >"$S/bad.csv" <<'EOF'
model,name,cap1,cap2,cap3,saf1,saf2
new-model-1,One,0.31,0.31,0.28,0.50,0.40,0.99
EOF
bad_import "a row with too many fields (2:1)" \
	"error: $S/bad.csv:2:1: row has 8 fields but the header has 7"

cat >"$S/bad.csv" <<'EOF'
model,name,cap1,cap2,cap3,saf1,saf2
new-model-1,"One" x,0.31,0.31,0.28,0.50,0.40
EOF
bad_import "text after a closing quote (2:18)" \
	"error: $S/bad.csv:2:18: unexpected text after a quoted field"

printf 'model,name,cap1\nnew-model-1,Caf\351,0.3\n' >"$S/bad.csv"
bad_import "a Latin-1 CSV (at the bad byte, 2:16)" "error: $S/bad.csv:2:16: invalid UTF-8"

printf 'model,name,cap1\nnew-model-1,One,0.3\000\n' >"$S/bad.csv"
bad_import "a CSV with NUL bytes" "error: $S/bad.csv"

: >"$S/bad.csv"
bad_import "an empty CSV" "error: $S/bad.csv: empty CSV file"

cat >"$S/bad.csv" <<'EOF'
model,name,cap1,cap2,cap3,saf1,saf2
new-model-1,One,0.31,0.31,0.28,0.50,0.40
New Model 1,Again,0.38,0.36,0.40,0.42,0.35
EOF
bad_import "two rows giving the same model id (3:1)" \
	"error: $S/bad.csv:3:1: model id 'new-model-1' appears twice"

cat >"$S/bad.csv" <<'EOF'
model,name,FLOP,cap1
new-model-1,One,-1e21,0.31
EOF
bad_import "a negative FLOP cell (2:17)" "error: $S/bad.csv:2:17: FLOP '-1e21' is not a positive number"

cat >"$S/bad.csv" <<'EOF'
model,name,cap1,cap2,cap3,saf1,saf2
new-model-1,One,0.31,0.31,0.28,0.50,0.40
EOF
printf 'benchmark,role,area,correlate_with\ncap1,capabilities,,\n' >"$S/badtax.csv"
run import csv --content "$B" --cohort fresh --matrix "$S/bad.csv" --taxonomy "$S/badtax.csv"
expect "import: an unknown role in the taxonomy exits 3 (2:6)" 3 \
	err "error: $S/badtax.csv:2:6: role 'capabilities' for 'cap1' is not capability"
if diff -r "$T/badimp/snapshot" "$B" >/dev/null 2>&1; then
	result "import: an unknown role in the taxonomy writes nothing" ""
else
	result "import: an unknown role in the taxonomy writes nothing" "the content dir changed"
	rm -rf "$B"
	cp -R "$T/badimp/snapshot" "$B"
fi

run import csv --content "$B" --cohort "Fresh Models" --matrix "$S/matrix.csv"
expect "import: a --cohort that is not an identifier exits 3" 3 err "error: cohort 'Fresh Models' is not an identifier"

run import csv --content "$B" --cohort fresh --matrix "$S/nonexistent.csv"
expect "import: a missing matrix file exits 3 with its path" 3 err "error: $S/nonexistent.csv: cannot read"

cat >"$S/bad.csv" <<'EOF'
model,name,cap1
new-model-1,One,oops
EOF
run import csv --content "$T/never/content" --cohort fresh --matrix "$S/bad.csv"
expect "import: a bad CSV into a new content dir exits 3" 3 err "error: $S/bad.csv:2:17:"
result "import: a bad CSV into a new content dir creates no directory" \
	"$([ ! -e "$T/never" ] || echo "$(cd "$T" && find never | tr '\n' ' ')was created")"

# Re-import into an existing dir keeps keys the import does not set.
fresh reimport
sed 's/"name": "Model m1"/"name": "Model m1", "family": "m-family"/' "$G/$M" >"$D/$M"
printf 'model,cap1\nm1,0.99\n' >"$S/one.csv"
run import csv --content "$D" --cohort base --matrix "$S/one.csv"
expect "import: a re-import into existing content exits 0" 0
if grep -q '"family": "m-family"' "$D/$M" && grep -q '"cap1": 0.99' "$D/$M" && grep -q '"cap2"' "$D/$M"; then
	result "import: a re-import keeps keys it does not set and updates the rest" ""
else
	result "import: a re-import keeps keys it does not set and updates the rest" "$(tr '\n' ' ' <"$D/$M" | cut -c1-200)"
fi
run analyze --content "$D"
expect "import: analyze still works after a re-import" 0 no-err "error"

# =============================================================================================
# 6. The build without the libraries: make stops, naming the Debian packages to install
#    (a pkg-config that finds nothing, or nothing but cmocka; nothing is compiled)

if command -v make >/dev/null 2>&1 && [ -f "$ROOT/Makefile" ]; then
	# make without the MAKEFLAGS of a make that runs this script (jobserver, CFLAGS, ...)
	mk() {
		(cd "$ROOT" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory \
			BUILD="$T/mk" "$@") >"$T/out" 2>"$T/err"
		rc=$?
	}
	mk PKG_CONFIG=false "$T/mk/washboard"
	expect "build: without the libraries make stops and names their Debian packages" 2 \
		err "libcmark-gfm-dev libcmark-gfm-extensions-dev libcjson-dev libgsl-dev" \
		err "make deps" no-err "No such file"
	result "build: without the libraries nothing is compiled" \
		"$([ ! -e "$T/mk/obj" ] || echo "$T/mk/obj was created")"
	printf '#!/bin/sh\ncase "$*" in *cmocka*) exit 1 ;; esac\nexec pkg-config "$@"\n' \
		>"$T/no-cmocka-pkg-config"
	chmod +x "$T/no-cmocka-pkg-config"
	mk PKG_CONFIG="$T/no-cmocka-pkg-config" check
	expect "build: make check without cmocka stops and names libcmocka-dev" 2 \
		err "libcmocka-dev" err "make deps" no-err "No such file"
fi

# =============================================================================================

tl_summary
