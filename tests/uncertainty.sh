#!/bin/sh
# The bootstrap of `washboard analyze` against the independent reference tests/uncertainty_ref.py
# (Python, numpy + scipy; docs/method.md sections 1-5), for a few settings on the hand-made
# fixture tests/fixtures/uncertainty/content and on the bundled content.
#
# usage: tests/uncertainty.sh [BUILD_DIR]     (default: build; needs BUILD_DIR/washboard)
#
# Prints one TAP-like line per setting, "ok N - what" or "not ok N - what" followed by
# "#   " detail lines, and ends with "N passed, N failed"; exits 1 when anything failed.
set -u
cd "$(dirname "$0")/.."
. tests/lib.sh
PY=/usr/bin/python3
REF=tests/uncertainty_ref.py
FIXTURE=tests/fixtures/uncertainty/content
tl_tempdir uncertainty
TMP=$T
tl_washboard "${1:-build}"
BIN=$WB

detail() {  # the first lines of a file as "#   " lines
	head -n "${2:-25}" "$1" | sed 's/^/#   /'
}

# check WHAT CONTENT C-OPTIONS -- REF-OPTIONS
check() {
	what=$1 content=$2
	shift 2
	copts=""
	while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
		copts="$copts $1"
		shift
	done
	[ "$#" -gt 0 ] && shift
	ropts="$*"
	if [ -n "$pyerr" ]; then
		not_ok "$what"
		echo "#   the reference cannot run: $pyerr"
		return
	fi
	# shellcheck disable=SC2086
	"$BIN" analyze -q --content "$content" --format json $copts >"$TMP/report.json" 2>"$TMP/err"
	rc=$?
	if [ "$rc" -ne 0 ]; then
		not_ok "$what"
		echo "#   washboard analyze$copts exited $rc:"
		detail "$TMP/err" 10
		return
	fi
	# shellcheck disable=SC2086
	"$PY" "$REF" --content "$content" $ropts --check "$TMP/report.json" >"$TMP/out" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		ok "$what"
	else
		not_ok "$what"
		echo "#   washboard analyze$copts vs $REF $ropts (exit $rc):"
		# the first mismatches, then the summary (the kinds of mismatch and their count)
		lines=$(wc -l <"$TMP/out")
		if [ "$lines" -le 26 ]; then
			detail "$TMP/out" 26
		else
			detail "$TMP/out" 22
			echo "#   ... ($((lines - 24)) more lines)"
			tail -n 2 "$TMP/out" | sed 's/^/#   /'
		fi
	fi
}

pyerr=""
if ! "$PY" -c 'import numpy, scipy.stats' 2>"$TMP/pyerr"; then
	pyerr="$PY lacks numpy or scipy (Debian: python3-numpy python3-scipy): $(tail -n 1 "$TMP/pyerr")"
fi

check "fixture, point estimates only (--bootstrap 0)" "$FIXTURE" \
	--bootstrap 0 -- --bootstrap 0
check "fixture, model unit, N=200, seed 7" "$FIXTURE" \
	--bootstrap 200 --seed 7 -- --bootstrap 200 --seed 7
check "fixture, family unit, N=200, seed 7" "$FIXTURE" \
	--bootstrap 200 --seed 7 --bootstrap-unit family -- --bootstrap 200 --seed 7 --unit family
check "fixture, BCa, N=300, seed 7" "$FIXTURE" \
	--bootstrap 300 --seed 7 --ci-method bca -- --bootstrap 300 --seed 7 --ci-method bca
check "fixture, ci-level 0.9, N=200, seed 7" "$FIXTURE" \
	--bootstrap 200 --seed 7 --ci-level 0.9 -- --bootstrap 200 --seed 7 --ci-level 0.9
check "bundled content, N=200, seed 7" content \
	--bootstrap 200 --seed 7 -- --bootstrap 200 --seed 7

# Determinism: the same report whatever --jobs is.
for j in 1 3; do
	"$BIN" analyze -q --format json --bootstrap 200 --jobs "$j" >"$TMP/jobs$j.json" 2>"$TMP/err"
done
if cmp -s "$TMP/jobs1.json" "$TMP/jobs3.json" && [ -s "$TMP/jobs1.json" ]; then
	ok "bundled content: the report is byte-identical with --jobs 1 and --jobs 3"
else
	not_ok "bundled content: the report is byte-identical with --jobs 1 and --jobs 3" \
		"$(cmp "$TMP/jobs1.json" "$TMP/jobs3.json" 2>&1)"
fi

# --bootstrap 0 is the point estimates alone: the bootstrap adds keys and changes nothing.
"$BIN" analyze -q --format json --bootstrap 0 >"$TMP/point.json" 2>"$TMP/err"
why=$("$PY" - "$TMP/point.json" "$TMP/jobs1.json" <<'PY'
import json, sys
point, boot = (json.load(open(p)) for p in sys.argv[1:3])
added = ("_ci_low", "_ci_high", "_valid", "_fisher_low", "_fisher_high")
extra = {"bootstrap", "eigenvalue_ratio", "pc1_cosine_median", "pc1_cosine_p05", "pc1_warning",
         "verdict_confidence", "verdict_confidence_label", "verdict_sentence", "loo_model_low",
         "loo_model_high", "loo_model_flips", "loo_capability_low", "loo_capability_high",
         "loo_capability_flips", "loo_rank_move", "loo_rank_move_model"}
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if k not in extra and not k.endswith(added)}
    return [strip(v) for v in x] if isinstance(x, list) else x
if strip(boot) != point:
    print("the bootstrap's report without its own keys is not the --bootstrap 0 report")
PY
)
result "bundled content: --bootstrap 0 is the bootstrap's report without the interval keys" "$why"
cmp -s "$TMP/point.json" "$TMP/jobs1.json" && not_ok "the bootstrap added nothing"
tl_summary
