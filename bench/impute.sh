#!/bin/sh
# bench/impute.sh WASHBOARD - `make bench`, the imputation (issue 11): how well it recovers the
# capabilities scores and what it costs.
#
# 10 % of the bundled content's measured capability cells are removed at random (seed 7, by
# tests/impute_ref.py --write-removed); washboard then analyses the copy with --impute svd and
# the Spearman correlation of each cohort's capabilities scores with the full-data scores is
# printed (target >= 0.95). Then the time of `analyze --bootstrap 0` on the copy without and
# with --impute, and of the bootstrap (N resamples, every one re-imputing) with it.
# BENCH_IMPUTE_RUNS=N runs of each (median; default 3); BENCH_IMPUTE_RESAMPLES=N (default 200).
set -eu
[ $# -eq 1 ] && [ -x "$1" ] || { echo "usage: bench/impute.sh WASHBOARD" >&2; exit 2; }
case "$1" in
/*) WB=$1 ;;
*) WB=$(pwd)/$1 ;;
esac
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
RUNS=${BENCH_IMPUTE_RUNS:-3}
N=${BENCH_IMPUTE_RESAMPLES:-200}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/washboard-bench-impute.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

$PY tests/impute_ref.py --content content --remove 0.1 --remove-seed 7 --write-removed "$tmp/removed" >/dev/null
"$WB" analyze -q --content content --format json --bootstrap 0 >"$tmp/full.json"
"$WB" analyze -q --content "$tmp/removed" --format json --bootstrap 0 --impute svd >"$tmp/imputed.json"
"$WB" analyze -q --content "$tmp/removed" --format json --bootstrap 0 >"$tmp/paper.json"
echo "bench: imputation, bundled content with 10% of its capability cells removed (seed 7)"
$PY - "$tmp/full.json" "$tmp/imputed.json" "$tmp/paper.json" <<'PY'
import json, sys
from scipy import stats
full, imp, paper = (json.load(open(p)) for p in sys.argv[1:4])
fs = {c["id"]: {m["id"]: m["capability_score"] for m in c["models"]} for c in full["cohorts"]}
for name, rep in (("with --impute svd", imp), ("paper mode", paper)):
    for c in rep["cohorts"]:
        pairs = [(m["capability_score"], fs[c["id"]][m["id"]]) for m in c["models"]
                 if m["capability_score"] is not None and fs[c["id"]].get(m["id"]) is not None]
        rho = stats.spearmanr(*zip(*pairs)).statistic if len(pairs) > 2 else float("nan")
        im = c["capability"].get("imputation") or {}
        extra = (", %d cells imputed in %d iterations, mask-and-recover %.2f SD over %d cells"
                 % (im["n_imputed"], im["iterations"], im["recover_rmse_z"] or float("nan"),
                    im["recover_cells"])) if im else ""
        verdict = ("PASS" if rho >= 0.95 else "MISS") if im else ""
        print("  %-5s %-18s %2d of %2d models scored, Spearman with the full data %.4f %s%s"
              % (c["id"], name, len(pairs), len(c["models"]), rho, verdict, extra))
PY
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
time_of() { # RUNS COMMAND...: median wall seconds
	runs=$1
	shift
	for i in $(seq "$runs"); do
		t0=$(date +%s.%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s.%N)
		echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }'
	done | median
}
plain=$(time_of "$RUNS" "$WB" analyze -q --content "$tmp/removed" --format json --bootstrap 0)
imp=$(time_of "$RUNS" "$WB" analyze -q --content "$tmp/removed" --format json --bootstrap 0 --impute svd)
bp=$(time_of "$RUNS" "$WB" analyze -q --content "$tmp/removed" --format json --bootstrap "$N" --jobs 1)
bi=$(time_of "$RUNS" "$WB" analyze -q --content "$tmp/removed" --format json --bootstrap "$N" --jobs 1 --impute svd)
awk -v p="$plain" -v i="$imp" -v bp="$bp" -v bi="$bi" -v n="$N" 'BEGIN {
	printf "  analyze --bootstrap 0: %.1f ms without imputation, %.1f ms with (+%.1f ms)\n",
	       p * 1000, i * 1000, (i - p) * 1000
	printf "  analyze --bootstrap %d --jobs 1: %.0f ms without, %.0f ms with: the imputation costs %.3f ms per resample (%.2fx)\n",
	       n, bp * 1000, bi * 1000, (bi - bp) * 1000 / n, bi / bp
}'
