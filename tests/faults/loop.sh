#!/bin/sh
# tests/faults/loop.sh - SIGKILL builds and imports at random moments (`make faults`).
#
# usage: tests/faults/loop.sh BUILD_DIR [N]     (N kills of each kind, default 8)
#
# build:  OUT holds site A (the site fixture); a build of content B (one model renamed) into
#         it is SIGKILLed (the whole washboard, not its children: they must die with it) at a
#         random moment within 1.1 times the build's duration; every other build runs on a
#         file system "without" RENAME_EXCHANGE (the shim refuses it), so the two-rename
#         fallback is killed too. After each kill: OUT is byte for byte site A or site B,
#         no washboard or gnuplot of the build is still running; then the next build into
#         OUT puts things right (OUT is site B, nothing left beside it).
# import: content A (the bundled content); an import of the paper's chat matrix with every
#         score times 1.01 (26 model files, benchmarks.json, site.json) is SIGKILLed at a
#         random moment, its renames slowed (the shim: WB_SHIM_SLOW_MS) so that kills land
#         in the commit too. After each kill, the next `analyze` recovers, and the content
#         is byte for byte all old or all new, with no staged file left.
# FAULTS_SEED (default 1) seeds the moments. Prints one line per kill, the survivals per
# kind, and `N passed, N failed` (a kill the invariants did not survive is a failure).
set -u

# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
tl_washboard "${1:?usage: tests/faults/loop.sh BUILD_DIR [N]}"
N=${2:-8}
SEED=${FAULTS_SEED:-1}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FIXTURE=$ROOT/tests/fixtures/site/content
tl_tempdir faults-loop
export LC_ALL=C.UTF-8
unset SOURCE_DATE_EPOCH
cd "$ROOT" || exit 1

SHIM=$build/faults-shim.so
if [ ! -f "$SHIM" ] || [ "$ROOT/tests/faults/shim.c" -nt "$SHIM" ]; then
	${CC:-cc} -shared -fPIC -O1 -o "$SHIM" "$ROOT/tests/faults/shim.c" -ldl ||
		tl_fatal "cannot build the fault-injection shim $SHIM"
fi
command -v setsid >/dev/null 2>&1 || tl_fatal "setsid is needed (util-linux)"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# moment I MAX_MS: a pseudo-random delay in seconds (3 decimals) below MAX_MS for kill I
moment() {
	awk -v s="$SEED" -v i="$1" -v m="$2" 'BEGIN { srand(s * 7919 + i); printf "%.3f", rand() * m / 1000 }'
}

# in_group PGID: the live processes of process group PGID (as in tests/faults/run.sh)
in_group() {
	cat /proc/[0-9]*/stat 2>/dev/null |
		sed -n 's/^\([0-9]*\) (\(.*\)) \([A-Z]\) [0-9]* \([0-9]*\) .*/\1 \2 \3 \4/p' |
		awk -v g="$1" '$NF == g && $(NF - 1) != "Z" { print $1 " " $2 }'
}

# same A B: are the trees byte-identical?
same() {
	diff -r "$1" "$2" >/dev/null 2>&1
}

# ---------------------------------------------------------------------------------------------
# Builds

A=$FIXTURE
B=$T/content-b
cp -r "$FIXTURE" "$B"
sed 's/"name": "Mid 7B"/"name": "Mid 7B (renamed)"/' "$FIXTURE/models/base/mid-7b.json" \
	>"$B/models/base/mid-7b.json"
grep -q 'renamed' "$B/models/base/mid-7b.json" || tl_fatal "content B is not different from A"
BUILD_ARGS="--templates templates --formats svg --jobs 2"
# B is another release (a published one is never rewritten), dated alike in every build of it
B_ARGS="$BUILD_ARGS --release fixture-b"
export SOURCE_DATE_EPOCH=1700000000
# shellcheck disable=SC2086 # BUILD_ARGS is a list
"$WB" build -q --content "$A" $BUILD_ARGS --out "$T/ref-a" || tl_fatal "building site A failed"
cp -a "$T/ref-a" "$T/ref-b"
# shellcheck disable=SC2086
"$WB" build -q --content "$B" $B_ARGS --out "$T/ref-b" || tl_fatal "building site B failed"
# the duration of what each kill interrupts: B built over a fresh copy of A
cp -a "$T/ref-a" "$T/timed"
t0=$(now_ms)
# shellcheck disable=SC2086
"$WB" build -q --content "$B" $B_ARGS --out "$T/timed" || tl_fatal "building site B failed"
t1=$(now_ms)
rm -rf "$T/timed"
span=$(((t1 - t0) * 11 / 10 + 20))
echo "# note: a build takes $((t1 - t0)) ms; kills land within $span ms"

before=0
after=0
done_=0
i=1
while [ "$i" -le "$N" ]; do
	out=$T/out
	rm -rf "$out" "$out".tmp-* "$out".old-*
	cp -a "$T/ref-a" "$out"
	mode=exchange
	noexch=
	if [ $((i % 2)) = 0 ]; then
		mode=renames
		noexch=1
	fi
	at=$(moment "$i" "$span")
	# shellcheck disable=SC2086
	WB_SHIM_NO_EXCHANGE=$noexch LD_PRELOAD=$SHIM setsid "$WB" build -q --content "$B" $B_ARGS \
		--out "$out" >"$T/bg.out" 2>"$T/bg.err" &
	bg=$!
	sleep "$at"
	if kill -KILL "$bg" 2>/dev/null; then
		killed=yes
	else
		killed=no
	fi
	wait "$bg" 2>/dev/null
	k=0
	while [ $k -lt 30 ] && [ -n "$(in_group "$bg")" ]; do
		sleep 0.1
		k=$((k + 1))
	done
	why=
	left=$(in_group "$bg")
	if [ -n "$left" ]; then
		why="still running after the kill: $(echo "$left" | tr '\n' ' ')"
		for p in $(echo "$left" | cut -d' ' -f1); do kill -KILL "$p" 2>/dev/null; done
	fi
	bg=
	if same "$T/ref-a" "$out"; then
		state="the previous site"
		before=$((before + 1))
	elif same "$T/ref-b" "$out"; then
		state="the new site"
		after=$((after + 1))
	elif [ ! -e "$out" ] && [ "$mode" = renames ] && ls -d "$out".old-* >/dev/null 2>&1; then
		# between the fallback's renames: the previous site waits in OUT.old-*, whole
		old=$(ls -d "$out".old-* | head -n 1)
		if same "$T/ref-a" "$old"; then
			state="missing, the previous site whole in $(basename "$old")"
			before=$((before + 1))
		else
			why="${why:+$why; }OUT is missing and $(basename "$old") is not the previous site"
		fi
	else
		why="${why:+$why; }OUT is neither site A nor site B: $(diff -r -q "$T/ref-a" "$out" 2>&1 | head -n 2 | tr '\n' ' ')"
	fi
	[ "$killed" = no ] && done_=$((done_ + 1))
	# the next build puts it right
	# shellcheck disable=SC2086
	"$WB" build -q --content "$B" $B_ARGS --out "$out" >"$T/next.out" 2>"$T/next.err"
	nrc=$?
	if [ "$nrc" != 0 ]; then
		why="${why:+$why; }the next build failed: exit $nrc: $(head -n 2 "$T/next.err")"
	elif ! same "$T/ref-b" "$out"; then
		why="${why:+$why; }after the next build OUT is not site B"
	elif ls -d "$out".tmp-* "$out".old-* >/dev/null 2>&1; then
		why="${why:+$why; }the next build left $(ls -d "$out".tmp-* "$out".old-* | head -n 1)"
	fi
	result "faults: build $i ($mode): SIGKILL at $at s$([ "$killed" = no ] && echo ' (it had finished)'): OUT was ${state:-broken}; the next build completed it" "$why"
	state=
	i=$((i + 1))
done
echo "faults: build: $N kills, $((before + after)) survived (OUT the previous site $before times, the new one $after; $done_ had finished)"

# ---------------------------------------------------------------------------------------------
# Imports

I=$T/imp
mkdir -p "$I"
cp -r content "$I/before"
python3 - content/sources/safetywashing/benchmarks_chat_models.csv "$I/m.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
out = [rows[0]]
for r in rows[1:]:
    new = [r[0]]
    for c in r[1:]:
        try:
            new.append(repr(float(c) * 1.01))
        except ValueError:
            new.append(c)
    out.append(new)
csv.writer(open(sys.argv[2], "w", newline="")).writerows(out)
EOF
IMPORT_ARGS="--cohort chat --source faults-loop"
cp -r content "$I/after"
t0=$(now_ms)
# shellcheck disable=SC2086
WB_SHIM_SLOW_MS=15 LD_PRELOAD=$SHIM "$WB" import csv --content "$I/after" $IMPORT_ARGS \
	--matrix "$I/m.csv" >/dev/null 2>&1 || tl_fatal "the reference import failed"
t1=$(now_ms)
span=$(((t1 - t0) * 12 / 10 + 20))
echo "# note: an import takes $((t1 - t0)) ms with slowed renames; kills land within $span ms"

old=0
new=0
done_=0
i=1
while [ "$i" -le "$N" ]; do
	c=$I/c
	rm -rf "$c"
	cp -r "$I/before" "$c"
	at=$(moment $((i + 1000)) "$span")
	# shellcheck disable=SC2086
	WB_SHIM_SLOW_MS=15 LD_PRELOAD=$SHIM "$WB" import csv --content "$c" $IMPORT_ARGS \
		--matrix "$I/m.csv" >"$T/bg.out" 2>"$T/bg.err" &
	bg=$!
	sleep "$at"
	if kill -KILL "$bg" 2>/dev/null; then
		killed=yes
	else
		killed=no
		done_=$((done_ + 1))
	fi
	wait "$bg" 2>/dev/null
	bg=
	"$WB" analyze --content "$c" >"$T/next.out" 2>"$T/next.err"
	nrc=$?
	why=
	how=$(grep -o 'completed an import\|rolled back an import' "$T/next.err" | head -n 1)
	if [ "$nrc" != 0 ]; then
		why="the next analyze failed: exit $nrc: $(head -n 2 "$T/next.err")"
	elif same "$I/before" "$c"; then
		state="all old"
		old=$((old + 1))
	elif same "$I/after" "$c"; then
		state="all new"
		new=$((new + 1))
	else
		why="the content is neither all old nor all new: $(diff -r -q "$I/before" "$c" 2>&1 | grep -c differ) files new"
	fi
	left=$(find "$c" -name '*.tmp.*' -o -name '.washboard-journal*' | head -n 3)
	[ -n "$left" ] && why="${why:+$why; }left behind: $(echo "$left" | tr '\n' ' ')"
	result "faults: import $i: SIGKILL at $at s$([ "$killed" = no ] && echo ' (it had finished)'): the content is ${state:-broken}${how:+ (the next command $how)}" "$why"
	state=
	i=$((i + 1))
done
echo "faults: import: $N kills, $((old + new)) survived (all old $old times, all new $new; $done_ had finished)"
tl_summary
