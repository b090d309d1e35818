#!/bin/sh
# bench/bootstrap.sh WASHBOARD - `make bench`, after bench/run.sh: what the bootstrap costs
# (docs/method.md, section 3; issue 10, Speed).
#
# On the bundled content, times (median of a few interleaved runs, bench/measure.py)
#   analyze --format json --bootstrap 0            the point estimates alone
#   analyze --format json --bootstrap R --jobs 1   R resamples (default 1000), one thread
#   analyze --format json --bootstrap R --jobs N   N = nproc threads
#   build --no-figures --bootstrap 0 / R --jobs N  the analysis + pages and data
# and prints the time per resample (ms), per resample and model-benchmark cell (ns; cells =
# the sum over cohorts of n_models x n_benchmarks, from the report), the parallel speed-up,
# and the ratio of the build with the bootstrap to the build without it against the
# issue's budget of 1.5x (PASS/MISS, informational). Last, a determinism check: the JSON
# of --jobs 1 and of --jobs N (at least 2) must be byte-identical, or the script fails.
#
# BENCH_BOOTSTRAP_RUNS=3        measured runs of each command (after one warm-up)
# BENCH_BOOTSTRAP_RESAMPLES=1000
# BENCH_CONTENT=DIR             content directory (default: content)
#
# Exit status: 0; 1 when a command fails or the two reports differ; 2 on a usage error.
# Missing the budget does not fail.
set -eu

PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
BUDGET=1.5

if [ $# -ne 1 ]; then
	echo "usage: bench/bootstrap.sh WASHBOARD   (e.g. bench/bootstrap.sh build/washboard)" >&2
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
RUNS=${BENCH_BOOTSTRAP_RUNS:-3}
R=${BENCH_BOOTSTRAP_RESAMPLES:-1000}
case "$RUNS$R" in
'' | *[!0-9]*) echo "bench: BENCH_BOOTSTRAP_RUNS and _RESAMPLES must be numbers" >&2; exit 2 ;;
esac
[ "$RUNS" -ge 1 ] || RUNS=1
[ "$R" -ge 1 ] || R=1
JOBS=$(nproc 2>/dev/null || echo 2)
[ "$JOBS" -ge 1 ] || JOBS=1
# the determinism check needs two threads at least to mean anything
DJOBS=$JOBS
[ "$DJOBS" -ge 2 ] || DJOBS=2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/washboard-bench-bootstrap.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

analyze() { "$WB" analyze -q --content "$CONTENT" --format json "$@"; }

# The reports: cells from the point estimates; --jobs 1 against --jobs N (these runs are
# the analyze commands' warm-up too).
analyze --bootstrap 0 >"$tmp/r0.json"
analyze --bootstrap "$R" --jobs 1 >"$tmp/r1.json"
analyze --bootstrap "$R" --jobs "$DJOBS" >"$tmp/rn.json"
set -- $("$PY" - "$tmp/r0.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
c = r.get("cohorts") or []
print(len(c), sum(int(x["n_models"]) * int(x["n_benchmarks"]) for x in c),
      sum(int(x["n_models"]) for x in c))
EOF
)
NCOHORTS=$1 CELLS=$2 NMODELS=$3
if [ "$CELLS" -le 0 ]; then
	echo "bench: the report of $CONTENT has no model-benchmark cells" >&2
	exit 1
fi

echo "bench: the bootstrap on $CONTENT ($NCOHORTS cohorts, $NMODELS models, $CELLS model-benchmark cells), $R resamples; median of $RUNS runs, $JOBS CPUs"

# One warm-up each for the builds; the analyze commands were warmed up above.
for b in 0 "$R"; do
	"$WB" build -q --force --no-figures --bootstrap "$b" --jobs "$JOBS" --content "$CONTENT" \
		--templates templates --out "$tmp/site$b" >/dev/null
done
$PY bench/measure.py --warmup 0 \
	a0 "$RUNS" "$WB" analyze -q --content "$CONTENT" --format json --bootstrap 0 --- \
	a1 "$RUNS" "$WB" analyze -q --content "$CONTENT" --format json --bootstrap "$R" --jobs 1 --- \
	an "$RUNS" "$WB" analyze -q --content "$CONTENT" --format json --bootstrap "$R" --jobs "$JOBS" --- \
	b0 "$RUNS" "$WB" build -q --force --no-figures --bootstrap 0 --jobs "$JOBS" \
		--content "$CONTENT" --templates templates --out "$tmp/site0" --- \
	b1 "$RUNS" "$WB" build -q --force --no-figures --bootstrap "$R" --jobs "$JOBS" \
		--content "$CONTENT" --templates templates --out "$tmp/site$R" >"$tmp/times.tsv"

echo
awk -F'\t' -v R="$R" -v cells="$CELLS" -v jobs="$JOBS" -v budget="$BUDGET" '
	{ med[$1] = $3; min[$1] = $4 }
	function row(label, k) {
		printf "%-50s %9.1f ms %9.1f ms\n", label, med[k] * 1000, min[k] * 1000
	}
	END {
		printf "%-50s %12s %12s\n", "", "median", "min"
		row("analyze --bootstrap 0", "a0")
		row(sprintf("analyze --bootstrap %d --jobs 1", R), "a1")
		row(sprintf("analyze --bootstrap %d --jobs %d", R, jobs), "an")
		row(sprintf("build --no-figures --bootstrap 0 --jobs %d", jobs), "b0")
		row(sprintf("build --no-figures --bootstrap %d --jobs %d", R, jobs), "b1")
		d1 = med["a1"] - med["a0"]; dn = med["an"] - med["a0"]
		if (d1 <= 0) d1 = 1e-9
		if (dn <= 0) dn = 1e-9
		printf "\n"
		printf "per resample: %.3f ms (--jobs 1), %.3f ms (--jobs %d)\n",
		       d1 / R * 1e3, dn / R * 1e3, jobs
		printf "per resample and model-benchmark cell: %.1f ns (--jobs 1), %.1f ns (--jobs %d)\n",
		       d1 / R / cells * 1e9, dn / R / cells * 1e9, jobs
		printf "parallel speed-up, --jobs %d over --jobs 1: %.2fx (the bootstrap), %.2fx (the whole analyze)\n",
		       jobs, d1 / dn, med["a1"] / med["an"]
		ratio = med["b1"] / med["b0"]
		printf "build --no-figures, with the bootstrap / without: %.2fx (%.0f ms / %.0f ms)   budget <= %.1fx   %s\n",
		       ratio, med["b1"] * 1000, med["b0"] * 1000, budget, (ratio <= budget ? "PASS" : "MISS")
	}' "$tmp/times.tsv"

if cmp -s "$tmp/r1.json" "$tmp/rn.json"; then
	echo "determinism: analyze --bootstrap $R JSON of --jobs 1 and --jobs $DJOBS byte-identical ($(wc -c <"$tmp/r1.json" | tr -d ' ') bytes)   OK"
else
	echo "determinism: analyze --bootstrap $R JSON of --jobs 1 and --jobs $DJOBS DIFFER:" >&2
	cmp "$tmp/r1.json" "$tmp/rn.json" >&2 || true
	diff "$tmp/r1.json" "$tmp/rn.json" | head -n 20 >&2 || true
	exit 1
fi
