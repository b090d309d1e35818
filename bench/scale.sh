#!/bin/sh
# bench/scale.sh WASHBOARD - `make bench`, third part: does washboard stay linear in the number
# of models? A synthetic cohort (12 capability and 30 safety benchmarks, every model scored
# on all of them, fixed random seed) of 500, 1500 and 3000 models; for each size the median
# wall time of `analyze --format json` and of `build --no-figures` (pages and data, the part
# that grows with the models; figures grow with the benchmarks), and its time per 1000 models.
# Linear means the per-1000 figure stays flat: the last line prints the ratio of the largest
# size's per-1000 time to the smallest's (1.0 is perfectly linear; the old quadratic page
# lookups gave about 3 from 1000 to 3000 models).
# BENCH_SCALE_SIZES="500 1500 3000", BENCH_SCALE_RUNS=3 (median reported).
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
SIZES=${BENCH_SCALE_SIZES:-500 1500 3000}
RUNS=${BENCH_SCALE_RUNS:-3}
JOBS=$(nproc 2>/dev/null || echo 2)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/washboard-bench-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# content DIR N: the synthetic content with N models
content() {
	"$PY" - "$1" "$2" <<'EOF'
import json, os, random, sys
out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(20241129)
os.makedirs(os.path.join(out, "models", "big"))
with open(os.path.join(out, "site.json"), "w") as f:
    json.dump({"title": "Scale", "cohorts": [{"id": "big", "title": "Big", "order": 1}]}, f)
bench = [{"id": "cap%d" % i, "name": "Capability %d" % i, "role": "capability",
          "higher_is_better": True} for i in range(12)]
bench += [{"id": "saf%d" % i, "name": "Safety %d" % i, "role": "safety",
           "area": "area%d" % (i % 4), "higher_is_better": True} for i in range(30)]
with open(os.path.join(out, "benchmarks.json"), "w") as f:
    json.dump({"benchmarks": bench}, f)
for m in range(n):
    g = rng.gauss(0, 1)
    scores = {"cap%d" % i: round(g + rng.gauss(0, 0.5), 4) for i in range(12)}
    scores.update({"saf%d" % i: round(g * i / 30 + rng.gauss(0, 1), 4) for i in range(30)})
    model = {"id": "m%05d" % m, "name": "Model %d" % m, "params": 1e9 * (1 + m % 70),
             "training_flop": 1e21 * (1 + m % 500), "scores": scores}
    with open(os.path.join(out, "models", "big", "m%05d.json" % m), "w") as f:
        json.dump(model, f)
EOF
}

now() { date +%s.%N; }
# median_of N COMMAND...: the median wall time of N runs
median_of() {
	runs=$1
	shift
	: >"$tmp/t"
	i=0
	while [ $i -lt "$runs" ]; do
		t0=$(now)
		"$@" >/dev/null 2>"$tmp/err" || { echo "bench: '$*' failed:" >&2; cat "$tmp/err" >&2; exit 1; }
		t1=$(now)
		echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$tmp/t"
		i=$((i + 1))
	done
	sort -n "$tmp/t" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "bench: scaling with the number of models (42 benchmarks), $RUNS runs each, $JOBS jobs"
printf '%8s %12s %14s %18s %20s\n' models "analyze s" "per 1000 s" "build (pages) s" "per 1000 s"
first_a= first_b= last_a= last_b=
for n in $SIZES; do
	content "$tmp/c$n" "$n"
	a=$(median_of "$RUNS" "$WB" analyze --content "$tmp/c$n" --format json)
	b=$(median_of "$RUNS" "$WB" build -q --force --no-figures --jobs "$JOBS" \
		--content "$tmp/c$n" --templates templates --out "$tmp/s$n")
	pa=$(echo "$a $n" | awk '{ printf "%.3f", $1 * 1000 / $2 }')
	pb=$(echo "$b $n" | awk '{ printf "%.3f", $1 * 1000 / $2 }')
	printf '%8d %12.3f %14s %18.3f %20s\n' "$n" "$a" "$pa" "$b" "$pb"
	[ -z "$first_a" ] && first_a=$pa first_b=$pb
	last_a=$pa last_b=$pb
	rm -rf "$tmp/c$n" "$tmp/s$n"
done
echo "$first_a $last_a $first_b $last_b" | awk '{
	printf "per-1000-models time, largest size / smallest: analyze %.2fx, build %.2fx (1.00x = linear)\n",
	    $2 / $1, $4 / $3 }'
