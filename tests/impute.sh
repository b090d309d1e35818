#!/bin/sh
# Imputation of missing capability scores (`washboard analyze --impute svd`, docs/method.md
# section 1b) against the independent reference tests/impute_ref.py (Python, numpy + scipy),
# for several settings on the fixture tests/fixtures/impute/content (written by its
# make_content.py), on the bundled content (complete: imputation must be a no-op) and on the
# bundled content with 10 % of its capability cells removed at random (seed 7). Also the
# acceptance figure: the Spearman correlation between the capabilities scores of the data
# with cells removed (imputed) and the full-data scores, at least 0.95, from the reference
# and from washboard.
#
# usage: tests/impute.sh [BUILD_DIR]     (default: build; needs BUILD_DIR/washboard)
#
# Prints "ok - what" or "not ok - what" with "#   " detail lines per setting, and ends with
# "N passed, N failed"; exits 1 when anything failed.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
PY=/usr/bin/python3
REF=tests/impute_ref.py
FIXTURE=tests/fixtures/impute/content
FULL=content
MIN_RECOVERY=0.95
tl_tempdir impute
tl_washboard "${1:-build}"
# shellcheck disable=SC2034 # read by not_ok (tests/lib.sh)
TL_STDERR=$T/err

pyerr=""
if ! "$PY" -c 'import numpy, scipy.stats' 2>"$T/pyerr"; then
	pyerr="$PY lacks numpy or scipy (Debian: python3-numpy python3-scipy): $(tail -n 1 "$T/pyerr")"
fi

# the first lines of a file, then (when longer) a count and its last 2 lines
excerpt() {
	lines=$(wc -l <"$1")
	if [ "$lines" -le 26 ]; then
		cat "$1"
	else
		head -n 22 "$1"
		echo "... ($((lines - 24)) more lines)"
		tail -n 2 "$1"
	fi
}

# run_wb OUT CONTENT OPTIONS...: washboard analyze --format json --bootstrap 0 into OUT;
# sets why (empty when it ran)
run_wb() {
	out=$1 content=$2
	shift 2
	"$WB" analyze -q --format json --bootstrap 0 --content "$content" "$@" >"$out" 2>"$T/err"
	rc=$?
	why=""
	if [ "$rc" -ne 0 ]; then
		why="washboard analyze $* --content $content: $(status_problem 0)"
	fi
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
		not_ok "$what" "the reference cannot run: $pyerr"
		return
	fi
	# shellcheck disable=SC2086
	run_wb "$T/report.json" "$content" $copts
	if [ -n "$why" ]; then
		not_ok "$what" "$why"
		return
	fi
	# shellcheck disable=SC2086
	"$PY" "$REF" --content "$content" $ropts --check "$T/report.json" >"$T/out" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ]; then
		ok "$what"
	else
		not_ok "$what" "washboard analyze$copts vs $REF $ropts ($(status_problem 0)):
$(excerpt "$T/out")"
	fi
}

# the fixture
F=$FIXTURE
check "fixture, --impute svd (defaults: rank 1, min-share 0.5)" "$F" \
	--impute svd -- --rank 1 --min-share 0.5
check "fixture, rank 2, min-share 0.5" "$F" \
	--impute svd --impute-rank 2 --impute-min-share 0.5 -- --rank 2 --min-share 0.5
check "fixture, rank 1, min-share 0.8" "$F" \
	--impute svd --impute-rank 1 --impute-min-share 0.8 -- --rank 1 --min-share 0.8
check "fixture, rank 2, min-share 0.8" "$F" \
	--impute svd --impute-rank 2 --impute-min-share 0.8 -- --rank 2 --min-share 0.8
check "fixture, rank 1, min-share 0.5, --reduced-score" "$F" \
	--impute svd --impute-rank 1 --impute-min-share 0.5 --reduced-score -- \
	--rank 1 --min-share 0.5 --reduced-score
check "fixture, rank 1, min-share 0.8, --reduced-score" "$F" \
	--impute svd --impute-rank 1 --impute-min-share 0.8 --reduced-score -- \
	--rank 1 --min-share 0.8 --reduced-score
check "fixture, rank 2, min-share 0.8, --reduced-score" "$F" \
	--impute svd --impute-rank 2 --impute-min-share 0.8 --reduced-score -- \
	--rank 2 --min-share 0.8 --reduced-score
check "fixture, --reduced-score alone (no imputation)" "$F" \
	--reduced-score -- --impute none --reduced-score

# the bundled content: every model has every capability benchmark, so imputation is a no-op
check "bundled content, --impute svd: a no-op (0 imputed cells)" "$FULL" \
	--impute svd -- --rank 1 --min-share 0.5
what="bundled content: scores with --impute svd = scores without"
run_wb "$T/plain.json" "$FULL"
plain_why=$why
if [ -z "$plain_why" ]; then
	run_wb "$T/noop.json" "$FULL" --impute svd
fi
if [ -n "$plain_why$why" ]; then
	not_ok "$what" "$plain_why$why"
elif [ -n "$pyerr" ]; then
	not_ok "$what" "$pyerr"
else
	diffs=$("$PY" - "$T/plain.json" "$T/noop.json" <<'EOF'
import json, math, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for ca, cb in zip(a["cohorts"], b["cohorts"]):
    mb = {m["id"]: m for m in cb["models"]}
    for m in ca["models"]:
        for k in ("capability_score", "capability_rank"):
            x, y = m.get(k), mb.get(m["id"], {}).get(k)
            if (x is None) != (y is None) or (x is not None and not math.isclose(
                    x, y, rel_tol=1e-12, abs_tol=1e-12)):
                print("%s %s %s: %r without, %r with --impute svd" % (ca["id"], m["id"], k, x, y))
EOF
)
	result "$what" "$diffs"
fi

# the bundled content with 10 % of its capability cells removed (seed 7)
REMOVED=$T/removed
if [ -n "$pyerr" ]; then
	removed_why=$pyerr
elif "$PY" "$REF" --content "$FULL" --remove 0.1 --remove-seed 7 --write-removed "$REMOVED" \
	>"$T/out" 2>&1; then
	removed_why=""
else
	removed_why="cannot write the content with cells removed: $(tail -n 3 "$T/out")"
fi
for setting in "1 0.5" "2 0.5" "1 0.8 --reduced-score"; do
	# shellcheck disable=SC2086
	set -- $setting
	k=$1 s=$2 red=${3:-}
	what="bundled content, 10% of capability cells removed (seed 7), rank $k, min-share $s${red:+, $red}"
	if [ -n "$removed_why" ]; then
		not_ok "$what" "$removed_why"
		continue
	fi
	# shellcheck disable=SC2086
	check "$what" "$REMOVED" --impute svd --impute-rank "$k" --impute-min-share "$s" $red -- \
		--rank "$k" --min-share "$s" $red
done

# reference only: the no-op self-test and the acceptance figure
what="reference self-test: imputation is a no-op on complete content"
if [ -n "$pyerr" ]; then
	not_ok "$what" "$pyerr"
elif "$PY" "$REF" --content "$FULL" --self-test >"$T/out" 2>&1; then
	ok "$what"
	sed 's/^/#   /' "$T/out"
else
	not_ok "$what" "$(excerpt "$T/out")"
fi
what="reference: Spearman(scores with 10% cells removed and imputed, full-data scores) >= $MIN_RECOVERY"
if [ -n "$removed_why" ]; then
	not_ok "$what" "$removed_why"
elif "$PY" "$REF" --content "$REMOVED" --recovery-report "$FULL" \
	--min-recovery "$MIN_RECOVERY" >"$T/out" 2>&1; then
	ok "$what"
	sed 's/^/#   /' "$T/out"
else
	not_ok "$what" "$(excerpt "$T/out")"
fi

# the same figure from washboard's own reports
what="washboard: Spearman(scores with 10% cells removed and imputed, full-data scores) >= $MIN_RECOVERY"
if [ -n "$removed_why" ]; then
	not_ok "$what" "$removed_why"
elif [ -n "$plain_why" ]; then
	not_ok "$what" "$plain_why"
else
	run_wb "$T/imputed.json" "$REMOVED" --impute svd
	if [ -n "$why" ]; then
		not_ok "$what" "$why"
	else
		"$PY" - "$T/plain.json" "$T/imputed.json" "$MIN_RECOVERY" >"$T/out" 2>&1 <<'EOF'
import json, sys
from scipy import stats
full, imp = (json.load(open(p)) for p in sys.argv[1:3])
want = float(sys.argv[3])
bad = 0
fc = {c["id"]: {m["id"]: m.get("capability_score") for m in c["models"]} for c in full["cohorts"]}
for c in imp["cohorts"]:
    f = fc.get(c["id"], {})
    pairs = [(m.get("capability_score"), f.get(m["id"])) for m in c["models"]]
    pairs = [p for p in pairs if p[0] is not None and p[1] is not None]
    if len(pairs) < 3:
        print("%s: %d models scored in both" % (c["id"], len(pairs)))
        bad = 1
        continue
    rho = stats.spearmanr([p[0] for p in pairs], [p[1] for p in pairs]).statistic
    print("%s: Spearman %.4f over %d models" % (c["id"], rho, len(pairs)))
    bad |= int(rho < want)
sys.exit(bad)
EOF
		rc=$?
		if [ "$rc" -eq 0 ]; then
			ok "$what"
			sed 's/^/#   /' "$T/out"
		else
			not_ok "$what" "$(excerpt "$T/out")"
		fi
	fi
fi

tl_summary
