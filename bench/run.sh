#!/bin/sh
# bench/run.sh WASHBOARD - `make bench`: washboard (C) against the same analysis in pandas.
#
# Times `WASHBOARD analyze --content content --format json --bootstrap 0` (the point
# estimates, which is what pandas computes; bench/bootstrap.sh times the bootstrap) and
# `/usr/bin/python3 bench/analysis_pandas.py --content content` side by side (one warm-up
# each, then interleaved runs), prints median/min wall time, the pandas/C ratio and the peak
# RSS of the C run against the targets (ratio >= 30x, RSS < 20 MB; informational), and
# cross-checks the C report's numbers against pandas to 1e-9: on the bundled content, and
# on a sparse synthetic cohort (the generator of bench/scale.sh with 50 benchmarks and 10 %
# of the cells missing, so that most models lack a capabilities score, plus the cases the
# bundled content lacks: a target, lower-is-better columns, correlate_with against a
# capability and a safety benchmark, aggregates, a near-constant column, models without FLOP).
#
# BENCH_RUNS=C[,PANDAS]  measured runs (default 20,5; a single N means N for C, N/4 for pandas)
# BENCH_CONTENT=DIR      content directory (default: content, relative to the repository)
# BENCH_SPARSE_MODELS=N  models of the sparse synthetic cohort (default 3000; 0 skips it)
#
# Exit status: 0, or 1 when a command fails or the cross-check finds a mismatch;
# 2 on a usage error. Missing a target does not fail.
set -eu

PY=/usr/bin/python3
TARGET_RATIO=30
TARGET_RSS_MB=20

if [ $# -ne 1 ]; then
	echo "usage: bench/run.sh WASHBOARD   (e.g. bench/run.sh build/washboard)" >&2
	exit 2
fi
case "$1" in
/*) WB=$1 ;;
*) WB=$(pwd)/$1 ;;
esac
if [ ! -x "$WB" ]; then
	echo "bench: $1 is not an executable (run 'make build/washboard' first)" >&2
	exit 2
fi
cd "$(dirname "$0")/.."
CONTENT=${BENCH_CONTENT:-content}
RUNS=${BENCH_RUNS:-20,5}
case "$RUNS" in
*,*) C_RUNS=${RUNS%%,*} PD_RUNS=${RUNS#*,} ;;
*) C_RUNS=$RUNS PD_RUNS=$((RUNS / 4)) ;;
esac
case "$C_RUNS$PD_RUNS" in
'' | *[!0-9]*) echo "bench: BENCH_RUNS must be N or C,PANDAS (got '$RUNS')" >&2; exit 2 ;;
esac
SPARSE=${BENCH_SPARSE_MODELS:-3000}
case "$SPARSE" in
'' | *[!0-9]*) echo "bench: BENCH_SPARSE_MODELS must be a number (got '$SPARSE')" >&2; exit 2 ;;
esac
[ "$C_RUNS" -ge 1 ] || C_RUNS=1
[ "$PD_RUNS" -ge 1 ] || PD_RUNS=1
if ! $PY -c 'import pandas, numpy' 2>/dev/null; then
	echo "bench: $PY cannot import pandas and numpy (apt-get install python3-pandas)" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/washboard-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

echo "bench: content $CONTENT; $C_RUNS C runs and $PD_RUNS pandas runs after one warm-up each"
echo "bench: $("$WB" --version 2>/dev/null || echo "$WB"); $($PY -c 'import sys, pandas, numpy; print("python %d.%d.%d, pandas %s, numpy %s" % (sys.version_info[:3] + (pandas.__version__, numpy.__version__)))')"

# The cross-check: one C report, every figure compared with the pandas computation.
check_status=0
"$WB" analyze --content "$CONTENT" --format json --bootstrap 0 >"$tmp/report.json"
$PY bench/analysis_pandas.py --content "$CONTENT" --check "$tmp/report.json" \
	>"$tmp/check.txt" 2>&1 || check_status=$?

# sparse DIR N: a synthetic cohort of N models x 50 benchmarks, 10 % of the cells missing
sparse() {
	"$PY" - "$1" "$2" <<'EOF'
import json, os, random, sys
out, n, missing = sys.argv[1], int(sys.argv[2]), 0.1
rng = random.Random(20241129)
os.makedirs(os.path.join(out, "models", "sparse"))
with open(os.path.join(out, "site.json"), "w") as f:
    json.dump({"title": "Sparse", "cohorts": [{"id": "sparse", "title": "Sparse", "order": 1}]}, f)
bench = [{"id": "cap%d" % i, "name": "Capability %d" % i, "role": "capability",
          "higher_is_better": i != 3} for i in range(12)]
bench += [{"id": "saf%d" % i, "name": "Safety %d" % i, "role": "safety",
           "area": "area%d" % (i % 4), "higher_is_better": i != 3} for i in range(36)]
bench[12 + 1]["correlate_with"] = "cap0"
bench[12 + 2]["correlate_with"] = "cap5"
bench[12 + 7]["correlate_with"] = "saf8"
del bench[12 + 4]["higher_is_better"]
bench[12 + 4]["target"] = 0.5
bench[12 + 5]["aggregate_of"] = ["saf9", "saf13"]
bench[12 + 6]["aggregate_of"] = ["saf10"]
bench += [{"id": "ties", "name": "Ties", "role": "safety", "area": "area9", "higher_is_better": True},
          {"id": "general", "name": "General", "role": "general", "higher_is_better": True},
          {"id": "ignored", "name": "Ignored", "role": "ignore", "higher_is_better": True}]
with open(os.path.join(out, "benchmarks.json"), "w") as f:
    json.dump({"benchmarks": bench}, f)
for m in range(n):
    g = rng.gauss(0, 1)
    scores = {"cap%d" % i: round(g + rng.gauss(0, 0.5), 4) for i in range(12)}
    scores.update({"saf%d" % i: round(g * i / 36 + rng.gauss(0, 1), 4) for i in range(36)})
    scores.update(ties=float(rng.random() < 0.7), general=round(g + rng.gauss(0, 1), 1),
                  ignored=1.0)
    scores = {k: v for k, v in scores.items() if rng.random() >= missing}
    model = {"id": "m%05d" % m, "name": "Model %d" % m, "params": 1e9 * (1 + m % 70),
             "scores": scores}
    if m % 7:
        model["training_flop"] = 1e21 * (1 + m % 500)
    with open(os.path.join(out, "models", "sparse", "m%05d.json" % m), "w") as f:
        json.dump(model, f)
EOF
}

sparse_status=0
if [ "$SPARSE" -gt 0 ]; then
	sparse "$tmp/sparse" "$SPARSE"
	"$WB" analyze --content "$tmp/sparse" --format json --bootstrap 0 >"$tmp/sparse.json" \
		2>"$tmp/sparse.err" || { cat "$tmp/sparse.err" >&2; exit 1; }
	$PY bench/analysis_pandas.py --content "$tmp/sparse" --check "$tmp/sparse.json" \
		>"$tmp/sparse.txt" 2>&1 || sparse_status=$?
	rm -rf "$tmp/sparse"
fi

$PY bench/measure.py --warmup 1 \
	C "$C_RUNS" "$WB" analyze -q --content "$CONTENT" --format json --bootstrap 0 --- \
	pandas "$PD_RUNS" $PY bench/analysis_pandas.py --content "$CONTENT" >"$tmp/times.tsv"

echo
awk -F'\t' -v tr="$TARGET_RATIO" -v trss="$TARGET_RSS_MB" '
	{ name[NR] = $1; runs[NR] = $2; med[NR] = $3; min[NR] = $4; rss[NR] = $6; floor = $7 }
	function mb(kb) { return kb / 1024 }
	function rsscell(i) {
		return rss[i] > floor ? sprintf("%.1f MB", mb(rss[i])) : sprintf("<= %.1f MB", mb(rss[i]))
	}
	END {
		printf "%-8s %5s %12s %12s %14s\n", "", "runs", "median", "min", "peak RSS"
		for (i = 1; i <= NR; i++)
			printf "%-8s %5d %9.1f ms %9.1f ms %14s\n", name[i], runs[i], med[i] * 1000,
			       min[i] * 1000, rsscell(i)
		ratio = med[2] / med[1]
		printf "\n"
		printf "speed: pandas / C = %.1fx (median), %.1fx (min)   target >= %dx   %s\n",
		       ratio, min[2] / min[1], tr, (ratio >= tr ? "PASS" : "MISS")
		printf "peak RSS of C: %s   target < %d MB   %s\n", rsscell(1), trss,
		       (mb(rss[1]) < trss ? "PASS" : "MISS")
		if (rss[1] <= floor)
			printf "  (ru_maxrss cannot go below the %.1f MB of the spawning Python helper)\n",
			       mb(floor)
	}' "$tmp/times.tsv"

echo
status=0
if [ "$check_status" -eq 0 ]; then
	cat "$tmp/check.txt"
else
	echo "cross-check FAILED (exit $check_status):"
	cat "$tmp/check.txt"
	status=1
fi
if [ "$SPARSE" -gt 0 ]; then
	echo "sparse synthetic cohort ($SPARSE models x 50 benchmarks, 10 % of the cells missing):"
	if [ "$sparse_status" -eq 0 ]; then
		sed 's/^/  /' "$tmp/sparse.txt"
	else
		echo "  cross-check FAILED (exit $sparse_status):"
		sed 's/^/  /' "$tmp/sparse.txt" | head -n 60
		status=1
	fi
fi
exit $status
