#!/bin/sh
# Run every test suite and end with one line "N passed, N failed" (CI reads it).
# usage: tests/run.sh [BUILD_DIR]   (from the repository root)
# Each cmocka binary's full output goes to BUILD_DIR/test-logs/; failures are echoed.
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

for src in tests/test_*.c; do
	name=$(basename "$src" .c)
	bin=$build/$name
	log=$logs/$name.log
	WB_SPEC_DIR=tests/mustache-spec $TEST_WRAPPER "$bin" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\..*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s).*/\1/p' "$log" | head -n 1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed or failed outside a test
	fi
	grep -h '^mustache spec' "$log" || true
	add "$name" "$p" "$f"
	if [ "$rc" -ne 0 ]; then
		status=1
		echo "--- $name failed; its log ($log):"
		grep -E '^\[  (FAILED|ERROR) |^\[  ERROR|error|Error|fail' "$log" | head -n 40
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
	"$build/washboard" build -q --force --formats svg --out "$build/site-browser" &&
		tests/browser/run.sh "$build/site-browser" "$build"
}

[ -x tests/cli.sh ] && suite cli "$logs/cli.log" tests/cli.sh "$build"
[ -x tests/imports.sh ] && suite imports "$logs/imports.log" tests/imports.sh "$build"
[ -x tests/site/run.sh ] && suite site "$logs/site.log" tests/site/run.sh "$build"
[ -x tests/browser/run.sh ] && suite browser "$logs/browser.log" browser
[ -x tests/fuzz/run.sh ] && suite fuzz-regress "$logs/fuzz-regress.log" tests/fuzz/run.sh --regress

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
