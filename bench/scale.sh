#!/bin/sh
# bench/scale.sh WASHBOARD - `make bench`, last part: is washboard linear in the size of a
# cohort, and how much memory does a model-benchmark cell cost?
#
# Synthetic cohorts (12 capability benchmarks, the rest safety benchmarks in 8 areas, 10 % of
# the cells missing at random, a fixed seed) of models x benchmarks for each size in
# BENCH_SCALE_SIZES (default "1000x50 10000x50 30000x20 10000x200"). For each: the CPU time
# (user + system) and peak RSS of `analyze --format json --bootstrap 0` and of
# `build --no-figures --bootstrap 0` (pages and data: what grows with the cells), per cell;
# then the bootstrap alone, per resample and cell: the difference between BENCH_SCALE_RESAMPLES
# (default 100) and twice as many resamples (one job), which leaves out the fixed cost of the
# leave-one-out refits; only up to 600,000 cells, to keep the bench short. Sizes up to
# 600,000 cells are measured three times and the least CPU time kept (a shared machine's
# noise is larger than such a run), the larger ones twice (a run at 10000x200 takes two
# minutes, and once was seen 15-40 % slow under a neighbour's load, which the small sizes'
# least of three escaped). Linear means the per-cell times stay flat: the last lines print
# the largest size's per-cell time over the smallest's (target <= 1.3x) and the build's RSS
# per cell at 10000x200 (target <= 0.5 KB; informational).
# BENCH_SCALE_SIZES="MxB ...", BENCH_SCALE_RESAMPLES=N.
set -eu
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
	echo "usage: bench/scale.sh WASHBOARD" >&2
	exit 2
fi
case "$1" in
/*) WB=$1 ;;
*) WB=$(pwd)/$1 ;;
esac
cd "$(dirname "$0")/.."
SIZES=${BENCH_SCALE_SIZES:-1000x50 10000x50 30000x20 10000x200}
RESAMPLES=${BENCH_SCALE_RESAMPLES:-100}
JOBS=$(nproc 2>/dev/null || echo 2)
PY=/usr/bin/python3
# the site goes to memory when it can: this measures washboard, not the disk
OUTROOT=${TMPDIR:-/tmp}
[ -d /dev/shm ] && [ -w /dev/shm ] && OUTROOT=/dev/shm
tmp=$(mktemp -d "${TMPDIR:-/tmp}/washboard-bench-scale.XXXXXX")
out=$(mktemp -d "$OUTROOT/washboard-bench-scale-site.XXXXXX")
trap 'rm -rf "$tmp" "$out"' EXIT INT TERM

# content DIR MODELS BENCHMARKS: the synthetic cohort
content() {
	"$PY" - "$1" "$2" "$3" <<'EOF'
import json, os, random, sys
out, n, nb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(20241202)
os.makedirs(os.path.join(out, "models", "big"))
with open(os.path.join(out, "site.json"), "w") as f:
    json.dump({"title": "Scale", "cohorts": [{"id": "big", "title": "Big", "order": 1}]}, f)
bench = [{"id": "cap%d" % i, "role": "capability", "higher_is_better": True} for i in range(12)]
bench += [{"id": "saf%d" % i, "role": "safety", "area": "area%d" % (i % 8),
           "higher_is_better": True} for i in range(nb - 12)]
with open(os.path.join(out, "benchmarks.json"), "w") as f:
    json.dump({"benchmarks": bench}, f)
for m in range(n):
    g = rng.gauss(0, 1)
    s = {}
    for i in range(12):
        if rng.random() >= 0.1:
            s["cap%d" % i] = round(g + rng.gauss(0, 0.5), 4)
    for i in range(nb - 12):
        if rng.random() >= 0.1:
            s["saf%d" % i] = round(g * (i % 7) / 7 + rng.gauss(0, 1), 4)
    with open(os.path.join(out, "models", "big", "m%05d.json" % m), "w") as f:
        json.dump({"id": "m%05d" % m, "training_flop": 1e21 * (1 + m % 500), "scores": s}, f)
EOF
}

# measure COMMAND...: "CPU_SECONDS PEAK_RSS_KB" (GNU time's user + sys, max RSS): the least
# CPU time of $REPEAT runs, with the largest RSS
measure() {
	: >"$tmp/times"
	i=0
	while [ "$i" -lt "$REPEAT" ]; do
		/usr/bin/time -f "%U %S %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" ||
			{ echo "bench: '$*' failed:" >&2; cat "$tmp/err" >&2; exit 1; }
		cat "$tmp/time" >>"$tmp/times"
		i=$((i + 1))
	done
	awk 'NR == 1 || $1 + $2 < t { t = $1 + $2 } $3 > m { m = $3 }
	     END { printf "%.3f %d\n", t, m }' "$tmp/times"
}

[ -x /usr/bin/time ] || { echo "bench: needs GNU time (/usr/bin/time, Debian package time)" >&2; exit 1; }
echo "bench: scaling with the cells of one cohort (10% missing), $JOBS jobs for the build"
printf '%10s %9s | %9s %9s %8s | %9s %9s %8s | %12s\n' size cells "analyze s" "us/cell" "B/cell" \
	"build s" "us/cell" "B/cell" "boot ns/cell"
: >"$tmp/rows"
for size in $SIZES; do
	m=${size%x*}
	nb=${size#*x}
	content "$tmp/c" "$m" "$nb"
	cells=$((m * nb))
	REPEAT=2
	[ "$cells" -le 600000 ] && REPEAT=3
	set -- $(measure "$WB" analyze -q --content "$tmp/c" --format json --bootstrap 0)
	a=$1 ar=$2
	set -- $(measure "$WB" build -q --force --no-figures --bootstrap 0 --jobs "$JOBS" \
		--content "$tmp/c" --templates templates --out "$out/s")
	b=$1 br=$2
	bt=0
	if [ "$cells" -le 600000 ]; then
		set -- $(measure "$WB" analyze -q --content "$tmp/c" --format json --bootstrap "$RESAMPLES" \
			--jobs 1)
		b1=$1
		set -- $(measure "$WB" analyze -q --content "$tmp/c" --format json \
			--bootstrap $((2 * RESAMPLES)) --jobs 1)
		bt=$(echo "$1 $b1" | awk '{ printf "%.3f", $1 - $2 }')
	fi
	echo "$size $cells $a $ar $b $br $bt" | awk -v r="$RESAMPLES" '{
		boot = $7 > 0 ? sprintf("%12.1f", $7 * 1e9 / r / $2) : sprintf("%12s", "-")
		printf "%10s %9d | %9.2f %9.2f %8.0f | %9.2f %9.2f %8.0f | %s\n", $1, $2,
		    $3, $3 * 1e6 / $2, $4 * 1024 / $2, $5, $5 * 1e6 / $2, $6 * 1024 / $2, boot }'
	echo "$size $cells $a $ar $b $br $bt" >>"$tmp/rows"
	rm -rf "$tmp/c" "$out/s"
done
awk -v r="$RESAMPLES" '
	{ s[NR] = $1; c[NR] = $2; a[NR] = $3 / $2; b[NR] = $5 / $2; br[NR] = $6 * 1024 / $2
	  if ($7 > 0) { bt[NR] = $7 / r / $2; lb = NR } }
	END {
		printf "per-cell time, largest size (%s) / smallest (%s): analyze %.2fx, build %.2fx   target <= 1.3x   %s\n",
		    s[NR], s[1], a[NR] / a[1], b[NR] / b[1],
		    (a[NR] / a[1] <= 1.3 && b[NR] / b[1] <= 1.3) ? "PASS" : "MISS"
		if (lb > 1)
			printf "bootstrap per resample and cell, %s / %s: %.2fx\n", s[lb], s[1],
			    bt[lb] / bt[1]
		for (i = 1; i <= NR; i++)
			if (s[i] == "10000x200")
				printf "build peak RSS per cell at 10000x200: %.0f B   target <= 512 B   %s\n",
				    br[i], br[i] <= 512 ? "PASS" : "MISS"
	}' "$tmp/rows"

# The figures with a row per model at a large cohort: _ranks and _scores of 3000 models x 20
# benchmarks, their pixel size and what gnuplot takes to draw each (SVG, PNG and PDF, the
# least of three runs), and of that the PNG (the same script without its PNG). Above 150
# models they have a fixed height instead of 18 pixels a model (figures_models.c).
echo
echo "bench: the figures with a row per model, 3000 models x 20 benchmarks"
content "$tmp/c" 3000 20
"$WB" build -q --bootstrap 0 --jobs "$JOBS" --content "$tmp/c" --templates templates \
	--out "$out/s" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
# draw SCRIPT: the least wall time of three gnuplot runs, in ms
draw() {
	best=
	for i in 1 2 3; do
		t0=$(date +%s%N)
		gnuplot -d "$1" 2>/dev/null || { echo "bench: gnuplot failed on $1" >&2; exit 1; }
		t=$((($(date +%s%N) - t0) / 1000000))
		[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
	done
	echo "$best"
}
(
	cd "$out/s/figures" || exit 1
	for g in _ranks _scores; do
		awk '/^set terminal pngcairo/ { skip = 3 } skip > 0 { skip--; next } { print }' \
			"big/$g.gp" >"big/$g-nopng.gp"
		all=$(draw "big/$g.gp")
		nopng=$(draw "big/$g-nopng.gp")
		size=$(file "big/$g.png" | grep -o '[0-9]* x [0-9]*')
		printf '%-8s %12s px: %5d ms to draw, of which the PNG %5d ms\n' "$g" "$size" "$all" \
			$((all - nopng))
	done
)
rm -rf "$tmp/c" "$out/s"
