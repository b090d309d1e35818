#!/bin/sh
# Build and run the libFuzzer harnesses (clang, -fsanitize=fuzzer,address,undefined).
#
# usage: tests/fuzz/run.sh SECONDS [TARGET...]   fuzz each target for SECONDS
#        tests/fuzz/run.sh --regress [TARGET...]  run each harness once over its seed corpus
#                                                 and tests/fuzz/regressions/<target>-* (no
#                                                 fuzzing; for the test suite; fuzz_csv and
#                                                 fuzz_import run with WB_FUZZ_CSV_LOAD=1)
#        tests/fuzz/run.sh --build [TARGET...]    only build
# (from the repository root). Targets: json content mustache csv markdown import escape
# (default: all). --regress also reads every CSV field fuzz_escape wrote back with Python's
# csv module (WB_FUZZ_ESCAPE_DUMP).
#
# Environment: CLANG (default clang), BUILD (default build; binaries go to $BUILD/fuzz/),
# FUZZ_PARALLEL (targets fuzzed at once, default 1), FUZZ_ARGS (extra libFuzzer flags).
#
# Fuzzing keeps a working corpus in $BUILD/fuzz/corpus/<target> (the seeds in
# tests/fuzz/corpus/<target> are read, never written), logs in $BUILD/fuzz/logs/ and crash
# inputs in $BUILD/fuzz/artifacts/<target>/. Per target it prints
#   fuzz <target>: <execs> execs, cov <N>, ft <N>, corpus <N>, <crashes> crashes
# and ends with "N passed, N failed" (failed = targets that crashed, leaked or hung).
# A crash input worth keeping goes to tests/fuzz/regressions/<target>-<short-name>.
set -u

ALL_TARGETS="json content mustache csv markdown import escape"
CLANG=${CLANG:-clang}
BUILD=${BUILD:-build}
out=$BUILD/fuzz
here=tests/fuzz
PKGS="libcmark-gfm libcjson gsl"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
CFLAGS_FUZZ="-std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fno-omit-frame-pointer"

usage() {
	echo "usage: tests/fuzz/run.sh SECONDS|--regress|--build [TARGET...]" >&2
	exit 2
}

[ $# -ge 1 ] || usage
mode=$1
shift
case $mode in
--regress | --build) ;;
'' | *[!0-9]*) usage ;;
esac
targets=${*:-$ALL_TARGETS}
for t in $targets; do
	[ -f "$here/fuzz_$t.c" ] || { echo "unknown fuzz target '$t'" >&2; exit 2; }
done

if ! command -v "$CLANG" >/dev/null 2>&1; then
	echo "error: '$CLANG' not found (apt-get install clang)" >&2
	exit 1
fi
# shellcheck disable=SC2086 # PKGS is a list
if ! pkg_flags=$(pkg-config --cflags --libs $PKGS); then
	echo "error: pkg-config cannot find $PKGS" >&2
	exit 1
fi
# shellcheck disable=SC2086
pkg_cflags=$(pkg-config --cflags $PKGS)

newer() { # FILE THAN: is FILE newer than THAN (POSIX sh has no -nt)?
	[ -n "$(find "$1" -prune -newer "$2" 2>/dev/null)" ]
}

# The generator, compiled once per change for every harness (main.c excluded).
build_objects() {
	mkdir -p "$out/obj"
	objs=""
	for src in generator/*.c; do
		[ "$src" = generator/main.c ] && continue
		obj=$out/obj/$(basename "$src" .c).o
		stale=0
		[ -f "$obj" ] || stale=1
		for dep in "$src" generator/*.h "$0"; do
			newer "$dep" "$obj" && stale=1
		done
		if [ "$stale" = 1 ]; then
			# shellcheck disable=SC2086
			$CLANG $CFLAGS_FUZZ $SAN -fsanitize=fuzzer-no-link $pkg_cflags -c "$src" -o "$obj" ||
				return 1
		fi
		objs="$objs $obj"
	done
}

build_target() { # target
	bin=$out/fuzz_$1
	for dep in "$here/fuzz_$1.c" "$here/fuzz_common.h" $objs; do
		if [ ! -f "$bin" ] || newer "$dep" "$bin"; then
			# shellcheck disable=SC2086
			$CLANG $CFLAGS_FUZZ $SAN -fsanitize=fuzzer -Igenerator "$here/fuzz_$1.c" $objs \
				$pkg_flags -lm -o "$bin" || return 1
			return 0
		fi
	done
}

build_objects || { echo "error: building the generator for fuzzing failed" >&2; exit 1; }
for t in $targets; do
	build_target "$t" || { echo "error: building fuzz_$t failed" >&2; exit 1; }
done
[ "$mode" = --build ] && exit 0

passed=0
failed=0

# regress_run TARGET LOG FILE...: run the harness once over the files (no fuzzing).
# WB_FUZZ_CSV_LOAD=1: content that fuzz_csv and fuzz_import import must also load (see
# fuzz_csv.c).
regress_run() {
	t=$1
	log=$2
	shift 2
	if WB_FUZZ_CSV_LOAD=1 "$out/fuzz_$t" -timeout=10 -rss_limit_mb=2048 "$@" >"$log" 2>&1; then
		return 0
	fi
	grep '^Running: ' "$log" | tail -n 1 | sed 's/^/    /'
	grep -E '==ERROR|ERROR: libFuzzer|^SUMMARY|invariant|runtime error' "$log" |
		head -n 6 | sed 's/^/    /'
	return 1
}

# escape_python FILE...: fuzz_escape writes each text of FILE... with its csv_field() as a
# CSV row (WB_FUZZ_ESCAPE_DUMP); Python's csv module must read every field back as the text
# (with a ' before a text a spreadsheet would run as a formula).
escape_python() {
	dumpf=$out/logs/escape-fields.csv
	rm -f "$dumpf"
	files=$(find "$@" -type f 2>/dev/null | sort)
	# shellcheck disable=SC2086 # seed file names are plain
	WB_FUZZ_ESCAPE_DUMP=$dumpf "$out/fuzz_escape" -runs=0 $files >/dev/null 2>&1 || true
	[ -s "$dumpf" ] || { echo "    no CSV fields were written to $dumpf"; return 1; }
	python3 - "$dumpf" <<'EOF'
import csv, re, sys
plain = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
bad = 0
with open(sys.argv[1], newline="", encoding="utf-8", errors="surrogateescape") as f:
    for row in csv.reader(f):
        text = bytes.fromhex(row[0]).decode("utf-8", errors="surrogateescape")
        want = text
        if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not plain.fullmatch(text):
            want = "'" + text
        if len(row) != 2 or row[1] != want:
            bad += 1
            if bad <= 3:
                print("    python csv reads %r back as %r" % (want, row[1:]))
sys.exit(1 if bad else 0)
EOF
}

if [ "$mode" = --regress ]; then
	mkdir -p "$out/logs"
	for t in $targets; do
		n=0
		bad=0
		# The seed corpus in one run (it must all pass); each regression in a run of its
		# own, so that one known failure does not hide the others.
		if [ -d "$here/corpus/$t" ]; then
			n=$(find "$here/corpus/$t" -type f | wc -l)
			# shellcheck disable=SC2046 # seed file names are plain
			if [ "$n" -gt 0 ] &&
				! regress_run "$t" "$out/logs/regress-$t-corpus.log" \
					$(find "$here/corpus/$t" -type f | sort); then
				bad=$((bad + 1))
			fi
		fi
		for f in "$here"/regressions/"$t"-*; do
			[ -f "$f" ] || continue
			n=$((n + 1))
			regress_run "$t" "$out/logs/regress-$(basename "$f").log" "$f" ||
				bad=$((bad + 1))
		done
		if [ "$t" = escape ] && ! escape_python "$here/corpus/$t" "$here"/regressions/escape-*; then
			bad=$((bad + 1))
		fi
		if [ "$bad" -eq 0 ]; then
			echo "regress $t: $n inputs ok"
			passed=$((passed + 1))
		else
			echo "regress $t: FAILED ($bad failing runs; logs in $out/logs/regress-$t*.log)"
			failed=$((failed + 1))
		fi
	done
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

# Fuzz one target; writes its summary line to $out/logs/<target>.summary.
fuzz_one() { # target seconds
	t=$1
	work=$out/corpus/$t
	art=$out/artifacts/$t
	log=$out/logs/$t.log
	mkdir -p "$work" "$art" "$out/logs"
	rm -f "$art"/crash-* "$art"/leak-* "$art"/timeout-* "$art"/oom-* "$art"/slow-unit-*
	dict=""
	[ -f "$here/$t.dict" ] && dict="-dict=$here/$t.dict"
	seeds=""
	[ -d "$here/corpus/$t" ] && seeds="$here/corpus/$t"
	# shellcheck disable=SC2086
	"$out/fuzz_$t" -max_total_time="$2" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$art/" $dict ${FUZZ_ARGS:-} "$work" $seeds \
		>"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	if [ -z "$execs" ]; then # no final stats after a crash: take the last status line
		execs=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
	fi
	last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -n 1)
	cov=$(printf '%s' "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
	ft=$(printf '%s' "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
	corp=$(printf '%s' "$last" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
	crashes=$(find "$art" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
		-o -name 'oom-*' \) | wc -l)
	if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
		crashes=1 # died without leaving an artifact (e.g. killed)
	fi
	echo "fuzz $t: ${execs:-0} execs, cov ${cov:-0}, ft ${ft:-0}, corpus ${corp:-0}, $crashes crashes" \
		>"$out/logs/$t.summary"
}

parallel=${FUZZ_PARALLEL:-1}
running=0
for t in $targets; do
	rm -f "$out/logs/$t.summary"
	fuzz_one "$t" "$mode" &
	running=$((running + 1))
	if [ "$running" -ge "$parallel" ]; then
		wait
		running=0
	fi
done
wait

for t in $targets; do
	line=$(cat "$out/logs/$t.summary" 2>/dev/null || echo "fuzz $t: did not run, 1 crashes")
	echo "$line"
	case $line in
	*" 0 crashes") passed=$((passed + 1)) ;;
	*)
		failed=$((failed + 1))
		grep -E '^==[0-9]+==ERROR|^SUMMARY|runtime error|invariant|ALARM|Test unit written' \
			"$out/logs/$t.log" 2>/dev/null | head -n 8 | sed 's/^/    /'
		;;
	esac
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
