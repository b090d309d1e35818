#!/bin/sh
# Run every test suite and end with one line "N passed, N failed" (CI reads it).
# usage: tests/run.sh [BUILD_DIR]   (from the repository root)
# Each cmocka binary writes TAP (CMOCKA_MESSAGE_OUTPUT=TAP) to BUILD_DIR/test-logs/NAME.tap
# and its stderr to NAME.log; the counts come from the TAP, failures are echoed.
build=${1:-build}
logs=$build/test-logs
mkdir -p "$logs"
passed=0
failed=0
status=0

add() { # suite passed failed
	passed=$((passed + $2))
	failed=$((failed + $3))
	printf '%-14s %4d passed, %d failed\n' "$1" "$2" "$3"
}

# tap_count TAP RC: set p and f from cmocka's TAP output and the binary's exit status RC.
# Every planned test ("1..N", one plan per group) that did not print "ok" failed, so a
# crash, an exit in the middle, or a missing plan counts as failures; "# SKIP" is neither.
tap_count() {
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' "$1" | awk '{ n += $1 } END { print n + 0 }')
	p=$(grep -Ec '^ok [0-9]+( |$)' "$1")
	s=$(grep -Ec '^(not )?ok [0-9]+ # SKIP' "$1")
	notok=$(grep -E '^not ok [0-9]+( |$)' "$1" | grep -vc ' # SKIP')
	f=$((plan - p - s))
	[ "$f" -lt "$notok" ] && f=$notok # group setup and teardown failures are "not ok 0"
	if [ "$plan" -eq 0 ] || [ "$2" -ne 0 ]; then
		[ "$f" -eq 0 ] && f=1 # no plan: it died before its tests; or failed outside them
	fi
}

for src in tests/test_*.c; do
	name=$(basename "$src" .c)
	bin=$build/$name
	tap=$logs/$name.tap
	log=$logs/$name.log
	CMOCKA_MESSAGE_OUTPUT=TAP WB_SPEC_DIR=tests/mustache-spec $TEST_WRAPPER "$bin" >"$tap" 2>"$log"
	rc=$?
	tap_count "$tap" "$rc"
	grep -h '^mustache spec' "$tap" || true
	add "$name" "$p" "$f"
	if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
		status=1
		echo "--- $name failed (exit $rc); its TAP ($tap) and stderr ($log):"
		{
			grep -E '^not ok|^# ' "$tap" | grep -v '^# ok - '
			grep -E 'error|Error|fail|ERROR|Sanitizer' "$log"
		} | head -n 40
	fi
done

# suite NAME LOG COMMAND...: run a script suite that ends with "N passed, N failed"
suite() {
	name=$1
	log=$2
	shift 2
	"$@" >"$log" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	p=${p:-0}
	f=${f:-0}
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	add "$name" "$p" "$f"
	if [ "$rc" -ne 0 ]; then
		status=1
		echo "--- $name failed; its log ($log):"
		grep -E '^not ok|^#   |error:' "$log" | head -n 40
	fi
}

# the browser suite runs against a site built for it
browser() {
	# a new site each time: a release built by an earlier washboard may have another report,
	# and a published release is never rewritten
	rm -rf "$build/site-browser"
	"$build/washboard" build -q --force --formats svg --out "$build/site-browser" &&
		tests/browser/run.sh "$build/site-browser" "$build"
}

[ -x tests/cli.sh ] && suite cli "$logs/cli.log" tests/cli.sh "$build"
[ -x tests/imports.sh ] && suite imports "$logs/imports.log" tests/imports.sh "$build"
[ -x tests/schema.sh ] && suite schema "$logs/schema.log" tests/schema.sh "$build"
[ -x tests/uncertainty.sh ] && suite uncertainty "$logs/uncertainty.log" tests/uncertainty.sh "$build"
[ -x tests/impute.sh ] && suite impute "$logs/impute.log" tests/impute.sh "$build"
[ -x tests/site/run.sh ] && suite site "$logs/site.log" tests/site/run.sh "$build"
[ -x tests/faults/run.sh ] && suite faults "$logs/faults.log" tests/faults/run.sh "$build"
[ -x tests/browser/run.sh ] && suite browser "$logs/browser.log" browser
[ -x tests/fuzz/run.sh ] && suite fuzz-regress "$logs/fuzz-regress.log" tests/fuzz/run.sh --regress

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
