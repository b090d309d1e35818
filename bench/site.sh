#!/bin/sh
# bench/site.sh WASHBOARD - `make bench`, second part: how long the bundled site takes.
#
# Side by side in one run, on the bundled content:
#   full      a fresh build, all formats (SVG, PNG, PDF)         target < 10 s
#   svg       a fresh build, SVG figures only
#   forced    `--force` rebuild over the full site: nothing changed, figures reused
#   no-change a rebuild with nothing changed (the input fingerprint matches)  target < 0.5 s
#   gnuplot   gnuplot alone drawing the same figures from their .gp scripts, as many
#             processes as washboard uses, fed the same way (the next script to whichever
#             finishes one; bench/gnuplot_alone.py), next to each full build: the ratio is
#             taken per pair, so that the machine's load drifts alike over both, and the
#             pairs alternate their order (gnuplot alone first in every second one), so that
#             a steady drift over the runs moves half the ratios up and half down;
#             target: full / gnuplot <= 1.1, i.e. < 10 % of the build outside gnuplot
#   own CPU   within each full build, its CPU less its gnuplot processes' (the build runs
#             gnuplot through bench/gnuplot_cpu.py, which writes down what each took, and
#             its own CPU, which is left out too): washboard's own work, as a share
#             of its gnuplot's, measured inside one run so that no drift of the machine's
#             speed between runs moves it; the wall ratio is about 1 + this share when the
#             two cores are kept busy
#
# Wall and CPU seconds (user + system, gnuplot included) are printed. Nothing is deleted
# while measuring: on ext4 without a journal, the kernel skips inodes freed in the last
# 60-300 s when it allocates one (fs/ext4/ialloc.c, recently_deleted()), so every file
# made after a big deletion costs a scan of them, and a benchmark that removed the last
# run's site would mostly time that scan. The same runs are made again in memory
# (/dev/shm, when it is a tmpfs with room): there, the difference is washboard's own work.
#
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
PY=/usr/bin/python3 # Debian's, as the other benchmarks use
JOBS=$(nproc 2>/dev/null || echo 2)
tmp=
trap 'rm -rf "$tmp"' EXIT INT TERM

now() { date +%s.%N; }
# cpu: the CPU seconds (user + system) of every child this shell has waited for so far,
# into $tmp/times (`times` runs here, not in a $(...) subshell, which has waited for none)
cpu() { times >"$tmp/times"; }
cpu_read() { awk 'NR == 2 { gsub(/[ms]/, " "); printf "%.3f\n", $1 * 60 + $2 + $3 * 60 + $4 }' "$tmp/times"; }
# time_it NAME COMMAND... : one measurement appended to $tmp/t.NAME (wall seconds) and
# $tmp/c.NAME (CPU seconds of the command and its children)
time_it() {
	name=$1
	shift
	cpu
	c0=$(cpu_read)
	t0=$(now)
	"$@" >/dev/null 2>"$tmp/err" || { echo "bench: '$*' failed:" >&2; cat "$tmp/err" >&2; exit 1; }
	t1=$(now)
	cpu
	c1=$(cpu_read)
	echo "$t0 $t1" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$tmp/t.$name"
	echo "$c0 $c1" | awk '{ printf "%.4f\n", $2 - $1 }' >>"$tmp/c.$name"
}
median() { sort -n "$tmp/$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
pass() { awk -v x="$1" -v t="$2" 'BEGIN { print (x <= t) ? "PASS" : "MISS" }'; }

# gnuplot_alone DIR: the scripts of $tmp/scripts drawn in DIR by $JOBS gnuplot processes,
# each given the next script when it finishes one, as washboard gives them
# (bench/gnuplot_alone.py); fails when any of them does
gnuplot_alone() {
	"$PY" bench/gnuplot_alone.py "$1" "$JOBS" "$tmp/scripts" 2>"$tmp/gnuplot.err" ||
		{ cat "$tmp/gnuplot.err" >&2; return 1; }
}

# full_build I: full build number I, in $tmp/fullI, and washboard's own CPU in it
full_build() {
	time_it full env BENCH_GNUPLOT_CPU="$tmp/gpcpu$1" "$WB" build -q --jobs "$JOBS" \
		--gnuplot "$(pwd)/bench/gnuplot_cpu.py" --out "$tmp/full$1"
	# washboard's own CPU in it: the build's less its gnuplot processes' (and wrappers')
	awk -v c="$(tail -1 "$tmp/c.full")" '{ g += $1; w += $2 }
		END { printf "%.4f %.4f\n", c - g - w, (c - g - w) / g }' "$tmp/gpcpu$1" >>"$tmp/own"
}

# gnuplot_pair I J: gnuplot alone, for pair I, drawing the figures of full build J from the
# same scripts and data, without the images gnuplot is to draw
gnuplot_pair() {
	(cd "$tmp/full$2/figures" && find . -name '*.gp' | sort) >"$tmp/scripts"
	mkdir "$tmp/gp$1"
	(cd "$tmp/full$2/figures" && find . -type d -o -name '*.gp' -o -name '*.csv' | tar -cf - --no-recursion -T -) |
		(cd "$tmp/gp$1" && tar -xf -)
	time_it gnuplot gnuplot_alone "$tmp/gp$1"
}

# measure WHERE: every run in a new directory under WHERE, then the table
measure() {
	tmp=$(mktemp -d "$1/washboard-bench-site.XXXXXX")
	echo "bench: bundled site, $RUNS runs each, $JOBS jobs, in $1 ($(df -P "$tmp" | awk 'NR == 2 { print $1 }'))"
	for i in $(seq "$RUNS"); do
		# pairs alternate their order: gnuplot alone first in every second one, on the last
		# build's scripts (builds are deterministic: the same scripts as this one's)
		if [ $((i % 2)) -eq 0 ]; then
			gnuplot_pair "$i" "$((i - 1))"
			full_build "$i"
		else
			full_build "$i"
			gnuplot_pair "$i" "$i"
		fi
		paste "$tmp/t.full" "$tmp/t.gnuplot" | tail -1 | awk '{ printf "%.4f\n", $1 / $2 }' >>"$tmp/r.wall"
		paste "$tmp/c.full" "$tmp/c.gnuplot" | tail -1 | awk '{ printf "%.4f\n", $1 / $2 }' >>"$tmp/r.cpu"
		time_it svg "$WB" build -q --jobs "$JOBS" --formats svg --out "$tmp/svg$i"
	done
	# a rebuild replaces the site and deletes the old one: these come last
	for i in $(seq "$RUNS"); do
		time_it forced "$WB" build -q --jobs "$JOBS" --force --out "$tmp/full$i"
		time_it nochange "$WB" build -q --jobs "$JOBS" --out "$tmp/full$i"
	done
	full=$(median t.full)
	nochange=$(median t.nochange)
	ratio=$(median r.wall)
	echo
	printf '%-36s %9s   %s\n' "" "median" "target"
	printf '%-36s %8.2fs   < 10 s  %s\n' "full build (svg, png, pdf)" "$full" "$(pass "$full" 9.999)"
	printf '%-36s %8.2fs\n' "fresh build, svg only" "$(median t.svg)"
	printf '%-36s %8.2fs\n' "--force rebuild, figures reused" "$(median t.forced)"
	printf '%-36s %8.3fs   < 0.5 s %s\n' "rebuild with no change" "$nochange" "$(pass "$nochange" 0.4999)"
	printf '%-36s %8.2fs   (%d figures, all formats)\n' "gnuplot alone, same figures" "$(median t.gnuplot)" "$(wc -l <"$tmp/scripts")"
	printf '%-36s %8.2fs   (gnuplot alone %.2fs)\n' "CPU of the full build" "$(median c.full)" "$(median c.gnuplot)"
	printf '%-36s %8.2fx   <= 1.1x %s\n' "full build / gnuplot alone (wall)" "$ratio" "$(pass "$ratio" 1.1)"
	printf '%-36s %8.2fx\n' "full build / gnuplot alone (CPU)" "$(median r.cpu)"
	awk '{ print $1 }' "$tmp/own" >"$tmp/own.s"
	awk '{ print $2 * 100 }' "$tmp/own" >"$tmp/own.r"
	printf '%-36s %8.2fs   (%.1f%% of its gnuplot'"'"'s CPU; <= 10%% for 1.1x)\n' \
		"washboard's own CPU in a full build" "$(median own.s)" "$(median own.r)"
	awk -v r="$ratio" 'BEGIN { s = (1 - 1 / r) * 100; printf "%-36s %8.1f%%\n", "outside gnuplot (1 - gnuplot / full)", (s > 0) ? s : 0 }'
	rm -rf "$tmp"
	tmp=
}

measure "${TMPDIR:-/tmp}"
# in memory too, when there is a tmpfs with room for the runs (~40 MB each)
if [ "$(df -P /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -gt $((RUNS * 200000)) ] 2>/dev/null &&
	[ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then
	echo
	measure /dev/shm
fi
