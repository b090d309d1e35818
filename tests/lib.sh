# tests/lib.sh - what the shell test scripts share: counting, `ok` / `not ok` lines, the
# washboard binary, a temporary directory removed at exit, and the one summary line.
#
# Sourced (`. tests/lib.sh`) by tests/cli.sh, tests/imports.sh, tests/site/run.sh and
# tests/browser/run.sh. What they print, and tests/run.sh reads:
#   ok - NAME
#   not ok - NAME: REASON     the first line of REASON; its other lines follow as `#   ` lines,
#   #   stderr: ...           then the first lines of $TL_STDERR when the script sets it
#   N passed, N failed        exactly once, last (tl_summary); tests/run.sh takes the counts
#                             from it and, on failure, greps '^not ok|^#   |error:'
#
# Variables: pass and fail count the tests; T is the temporary directory (tl_tempdir); bg is
# the pid of a background process the script started (a server, a build it interrupts), or
# empty: it is stopped at exit; TL_STDERR names the file whose first lines follow a failure.

# shellcheck disable=SC2034 # used by the scripts that source this file
{
	pass=0
	fail=0
	bg=
	TL_STDERR=
	T=
	p=0
	f=0
}

# ok NAME: a test passed.
ok() {
	pass=$((pass + 1))
	echo "ok - $1"
}

# not_ok NAME [REASON]: a test failed, and why (any number of lines).
not_ok() {
	fail=$((fail + 1))
	if [ -n "${2:-}" ]; then
		echo "not ok - $1: $(printf '%s' "$2" | head -n 1)"
		printf '%s\n' "$2" | sed -n '2,40s/^/#   /p'
	else
		echo "not ok - $1"
	fi
	if [ -n "$TL_STDERR" ] && [ -s "$TL_STDERR" ]; then
		head -n 4 "$TL_STDERR" | sed 's/^/#   stderr: /'
	fi
}

# result NAME WHY: `ok` when WHY is empty, else `not ok` with WHY as the reason.
result() {
	if [ -z "$2" ]; then
		ok "$1"
	else
		not_ok "$1" "$2"
	fi
}

# tl_tally FILE: add the `ok - ` and `not ok - ` lines in FILE (the output of a program that
# prints them) to the counts; p and f are set to what FILE holds.
tl_tally() {
	p=$(grep -c '^ok - ' "$1")
	f=$(grep -c '^not ok - ' "$1")
	pass=$((pass + p))
	fail=$((fail + f))
}

# tl_summary: the summary line; true when no test failed (end a script with it).
tl_summary() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}

# tl_fatal REASON [DETAIL]: the script cannot run its tests: one failure, the summary, exit 1.
tl_fatal() {
	echo "not ok - $1"
	[ $# -gt 1 ] && echo "#   $2"
	echo "$pass passed, $((fail + 1)) failed"
	exit 1
}

# tl_washboard BUILD_DIR: set build (made absolute) and WB, the binary BUILD_DIR/washboard;
# tl_fatal when it is not built.
tl_washboard() {
	case $1 in
	/*) build=$1 ;;
	*) build=$(pwd)/$1 ;;
	esac
	WB=$build/washboard
	[ -x "$WB" ] || tl_fatal "no executable $WB" "build it first: make $1/washboard"
}

# tl_tempdir NAME: a new directory T (washboard-NAME.XXXXXX in $TMPDIR), removed at exit
# after stopping $bg; INT and TERM exit 130 and 143, through the same cleanup.
tl_tempdir() {
	T=$(mktemp -d "${TMPDIR:-/tmp}/washboard-$1.XXXXXX") || exit 1
	trap tl_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

tl_cleanup() {
	if [ -n "$bg" ]; then
		kill "$bg" 2>/dev/null
		wait "$bg" 2>/dev/null
	fi
	rm -rf "$T"
}

# status_problem WANT: why the exit status $rc is not WANT (a crash is reported as such), or
# nothing.
# shellcheck disable=SC2154 # rc is set by the script's command runner
status_problem() {
	if [ "$rc" -ge 128 ]; then
		echo "crashed: exit $rc (signal $((rc - 128))), expected $1"
	elif [ "$rc" != "$1" ]; then
		echo "exit $rc, expected $1"
	fi
}
