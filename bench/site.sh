#!/bin/sh
# bench/site.sh WASHBOARD - `make bench`, second part: how long the bundled site takes.
#
# Side by side in one run, on the bundled content:
#   full      a fresh build, all formats (SVG, PNG, PDF)         target < 10 s
#   svg       a fresh build, SVG figures only
#   forced    `--force` rebuild over the full site: nothing changed, figures reused
#   no-change a rebuild with nothing changed (the input fingerprint matches)  target < 0.5 s
#   gnuplot   gnuplot alone drawing the same figures from their .gp scripts, as many
#             processes as washboard uses; full - gnuplot is everything outside gnuplot,
#             target < 20 % of full
# BENCH_SITE_RUNS=N  runs of each (median reported; default 3)
set -eu
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
	echo "usage: bench/site.sh WASHBOARD" >&2
	exit 2
fi
case "$1" in
/*) WB=$1 ;;
*) WB=$(pwd)/$1 ;;
esac
cd "$(dirname "$0")/.."
RUNS=${BENCH_SITE_RUNS:-3}
JOBS=$(nproc 2>/dev/null || echo 2)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/washboard-bench-site.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

now() { date +%s.%N; }
# time_it NAME COMMAND... : one wall-clock measurement appended to $tmp/NAME
time_it() {
	name=$1
	shift
	t0=$(now)
	"$@" >/dev/null 2>"$tmp/err" || { echo "bench: '$*' failed:" >&2; cat "$tmp/err" >&2; exit 1; }
	t1=$(now)
	echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$tmp/t.$name"
}
median() { sort -n "$tmp/t.$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "bench: bundled site, $RUNS runs each, $JOBS jobs"
for i in $(seq "$RUNS"); do
	rm -rf "$tmp/full" "$tmp/svg"
	time_it full "$WB" build -q --jobs "$JOBS" --out "$tmp/full"
	time_it svg "$WB" build -q --jobs "$JOBS" --formats svg --out "$tmp/svg"
	time_it forced "$WB" build -q --jobs "$JOBS" --force --out "$tmp/full"
	time_it nochange "$WB" build -q --jobs "$JOBS" --out "$tmp/full"
done

# gnuplot alone: the same scripts, shared round-robin between $JOBS processes
(cd "$tmp/full/figures" && find . -name '*.gp' | sort) >"$tmp/scripts"
figures=$(wc -l <"$tmp/scripts")
for i in $(seq "$RUNS"); do
	rm -rf "$tmp/gp" && cp -r "$tmp/full/figures" "$tmp/gp"
	find "$tmp/gp" -name '*.svg' -o -name '*.png' -o -name '*.pdf' | xargs rm -f
	t0=$(now)
	j=0
	while [ "$j" -lt "$JOBS" ]; do
		awk -v j="$j" -v n="$JOBS" '(NR - 1) % n == j { printf "reset\nload \"%s\"\n", $0 }' \
			"$tmp/scripts" >"$tmp/batch$j.gp"
		(cd "$tmp/gp" && gnuplot "$tmp/batch$j.gp" >/dev/null 2>&1) &
		j=$((j + 1))
	done
	wait
	t1=$(now)
	echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$tmp/t.gnuplot"
done

full=$(median full)
svg=$(median svg)
forced=$(median forced)
nochange=$(median nochange)
gp=$(median gnuplot)
echo
printf '%-34s %9s   %s\n' "" "median" "target"
printf '%-34s %8.2fs   < 10 s  %s\n' "full build (svg, png, pdf)" "$full" "$(awk -v x="$full" 'BEGIN { print (x < 10) ? "PASS" : "MISS" }')"
printf '%-34s %8.2fs\n' "fresh build, svg only" "$svg"
printf '%-34s %8.2fs\n' "--force rebuild, figures reused" "$forced"
printf '%-34s %8.3fs   < 0.5 s %s\n' "rebuild with no change" "$nochange" "$(awk -v x="$nochange" 'BEGIN { print (x < 0.5) ? "PASS" : "MISS" }')"
printf '%-34s %8.2fs   (%d figures, all formats)\n' "gnuplot alone, same figures" "$gp" "$figures"
awk -v f="$full" -v g="$gp" 'BEGIN {
	share = (f - g) / f * 100; if (share < 0) share = 0
	printf "%-34s %8.1f%%   < 20 %%  %s\n", "outside gnuplot (full - gnuplot)", share, (share < 20) ? "PASS" : "MISS"
	printf "%-34s %8.2fx\n", "full build / gnuplot alone", f / g
}'
