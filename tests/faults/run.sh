#!/bin/sh
# tests/faults/run.sh - washboard under faults and hostile input (issue 12): names built to
# break every escaper, inputs that would block or exhaust memory, SIGKILL at the worst
# moments of publishing and importing, a full disk.
#
# usage: tests/faults/run.sh BUILD_DIR      (the binary is BUILD_DIR/washboard)
#
#  1. names: the site fixture with names that start with ', hold % or U+FFFE, close BibTeX
#     braces or start a spreadsheet formula: the build succeeds, every SVG and the feed are
#     well-formed XML with no forbidden character anywhere, the names are drawn exactly,
#     Python's csv reads them back (formulas neutralised), and Debian's bibtex reads each
#     page's BibTeX as one entry with the name in its title (bibtex is installed with apt when
#     missing and possible, else that test is skipped with a note).
#  2. inputs: a FIFO as a model file, \u0000 and a lone \ud800 in JSON, a 60 MiB array of
#     31 M numbers, a symlink out of the content tree.
#  3. publish: --out X/ (same lock as X), the umask, SIGKILL just before the exchange and,
#     on a file system without exchange (the shim refuses it), between the two renames: the
#     next build puts the previous site back even when it then fails, and says so.
#  4. children: SIGKILL to a build leaves no worker or gnuplot running.
#  5. disk full (a 500 KiB tmpfs, or the shim's /dev/full): exit 1, the site unchanged.
#  6. imports: SIGKILL in the commit's rename loop (the next command completes it) and just
#     before the commit (the next command rolls it back); a reader waits for a running
#     import instead of rolling it back; leftovers of older versions are removed.
#
# The shim (tests/faults/shim.c, an LD_PRELOAD library built here) pauses at a chosen rename
# so that the test can SIGKILL washboard exactly there. Ends with `N passed, N failed`.
set -u

# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
tl_washboard "${1:?usage: tests/faults/run.sh BUILD_DIR}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FIXTURE=$ROOT/tests/fixtures/site/content
CHECK=$ROOT/tests/faults/check.py
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
tl_tempdir faults
TL_STDERR=$T/err
export LC_ALL=C.UTF-8
unset SOURCE_DATE_EPOCH
cd "$ROOT" || exit 1

SHIM=$build/faults-shim.so
if [ ! -f "$SHIM" ] || [ "$ROOT/tests/faults/shim.c" -nt "$SHIM" ]; then
	${CC:-cc} -shared -fPIC -O1 -o "$SHIM" "$ROOT/tests/faults/shim.c" -ldl ||
		tl_fatal "cannot build the fault-injection shim $SHIM"
fi

# wb ARG...: run washboard; stdout in $T/out, stderr in $T/err, exit status in $rc.
wb() {
	("$WB" "$@"; exit $?) >"$T/out" 2>"$T/err"
	rc=$?
}

# py ARG...: run check.py and count its ok / not ok lines.
py() {
	"$PY" "$CHECK" "$@" >"$T/py.out" 2>"$T/py.err"
	prc=$?
	cat "$T/py.out"
	tl_tally "$T/py.out"
	if [ "$prc" -ne 0 ] && [ "$f" -eq 0 ]; then
		not_ok "check.py $1 ran" "exit $prc: $(head -n 5 "$T/py.err")"
	fi
}

# has WHERE STRING: why stderr or stdout (WHERE: err, out) lacks STRING, or nothing.
has() {
	grep -qF -e "$2" "$T/$1" || echo "std$1 lacks \"$2\": $(head -n 3 "$T/$1")"
}

# same_tree A B: why the trees differ (the first lines of diff -r), or nothing.
same_tree() {
	if ! diff -r "$1" "$2" >"$T/diff" 2>&1; then
		echo "$1 and $2 differ:"
		head -n 8 "$T/diff"
	fi
}

# leftovers OUT: what builds leave beside OUT, or nothing.
leftovers() {
	for x in "$1".tmp-* "$1".old-*; do
		[ -e "$x" ] && echo "left behind: $x"
	done
}

# staged DIR: the staged files and journals of imports under DIR, or nothing.
staged() {
	find "$1" -name '*.tmp.*' -o -name '.washboard-journal*' | head -n 5
}

# start_paused PAUSE CMD...: run CMD in the background (pid in $bg) with the shim pausing at
# PAUSE (WB_SHIM_PAUSE: SUFFIX:N), and wait until it is there ($T/flag appears) or has ended.
start_paused() {
	rm -f "$T/flag"
	pause=$1
	shift
	WB_SHIM_PAUSE=$pause WB_SHIM_FLAG=$T/flag LD_PRELOAD=$SHIM "$@" >"$T/bg.out" 2>"$T/bg.err" &
	bg=$!
	i=0
	while [ $i -lt 300 ] && [ ! -e "$T/flag" ] && kill -0 "$bg" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
}

# stop_bg: SIGKILL the background process $bg and reap it.
stop_bg() {
	kill -KILL "$bg" 2>/dev/null
	wait "$bg" 2>/dev/null
	bg=
}

# kill_paused PAUSE CMD...: start_paused, then SIGKILL it there; why it never paused, or
# nothing.
kill_paused() {
	start_paused "$@"
	if [ ! -e "$T/flag" ]; then
		stop_bg
		echo "it never reached the pause: $(head -n 3 "$T/bg.err")"
		return
	fi
	stop_bg
}

start=$(date +%s)

# ---------------------------------------------------------------------------------------------
# 1. Hostile names

H=$T/hostile
cp -r "$FIXTURE" "$H"
names=$("$PY" "$CHECK" hostile "$H") || tl_fatal "check.py hostile failed"
# the base URL too: it goes into feed.xml, canonical links, permalinks and BibTeX
wb build --content "$H" --templates templates --out "$T/hsite" --formats svg --jobs 2 \
	--base-url 'https://example.org/a"b<c&d}'
why=$(status_problem 0)
result "names: a site whose names start with ', hold %, U+FFFE, braces or formulas builds (exit 0)" "$why"
if [ -f "$T/hsite/index.html" ]; then
	py xml "$T/hsite"
	py drawn "$T/hsite/figures/base/_scores.svg" "'quoted start" "50% safe %d %s" \
		'=HYPERLINK("http://x")' "}, title={pwn}} @misc{evil, title={x}"
	py drawn "$T/hsite/figures/chat/_scores.svg" "''two quotes'' and \\ backslash" \
		"$(printf 'bad\357\277\276\357\277\277\001x\302\205y')" "-1+cmd|' /C calc'!A0"
	py drawn "$T/hsite/figures/base/_overview.svg" "Hazard refusal (%)" \
		"Harm} @misc{injected, title={x}" "@SUM(1+1)"
	py drawn "$T/hsite/figures/base/sycophancy.svg" "Hazard refusal (%)"
	models=$(printf '%s\n' "$names" | "$PY" -c 'import json,sys; d=json.load(sys.stdin)["models"]; print(json.dumps({k.split("/")[1]: v for k, v in d.items() if k.startswith("base/")}))')
	py csv "$T/hsite/data/base/models.csv" name id "$models"
	benches=$(printf '%s\n' "$names" | "$PY" -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["benchmarks"]))')
	py csv "$T/hsite/data/benchmarks.csv" name benchmark "$benches"
fi

# BibTeX: Debian's bibtex reads each hostile benchmark's entry, through a style that prints
# every entry's key and title, as exactly one entry with the name (escaped) in its title.
if ! command -v bibtex >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "# note: installing texlive-binaries for bibtex"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		texlive-binaries >"$T/apt.log" 2>&1 ||
		{ apt-get update -q >>"$T/apt.log" 2>&1 &&
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
				texlive-binaries >>"$T/apt.log" 2>&1; }
fi
if ! command -v bibtex >/dev/null 2>&1; then
	echo "# note: bibtex is not installed (apt-get install texlive-binaries): BibTeX parsing not tested"
elif [ -f "$T/hsite/index.html" ]; then
	mkdir -p "$T/bib"
	cat >"$T/bib/t.bst" <<'EOF'
ENTRY { title note } {} {}
FUNCTION {emit} { "ENTRY " cite$ * write$ newline$ "TITLE " title * write$ newline$ }
FUNCTION {misc} { emit }
FUNCTION {default.type} { emit }
READ
ITERATE {call.type$}
EOF
	printf '\\citation{*}\n\\bibstyle{t}\n\\bibdata{t}\n' >"$T/bib/t.aux"
	for b in harm-refusal sycophancy hazard; do
		why=
		"$PY" "$CHECK" bibtex "$T/hsite/base/benchmarks/$b.html" "$T/bib/t.bib" || why="no BibTeX on the page"
		if [ -z "$why" ]; then
			(cd "$T/bib" && BIBINPUTS=. BSTINPUTS=. bibtex t >bibtex.log 2>&1)
			brc=$?
			entries=$(grep -c '^ENTRY ' "$T/bib/t.bbl" 2>/dev/null)
			if [ "$brc" != 0 ]; then
				why="bibtex exit $brc: $(grep -v '^This is' "$T/bib/bibtex.log" | head -n 4)"
			elif [ "$entries" != 1 ] || ! grep -q "^ENTRY washboard-base-$b\$" "$T/bib/t.bbl"; then
				why="$entries entries, want 1 (washboard-base-$b): $(head -n 6 "$T/bib/t.bbl")"
			else
				# bibtex breaks lines longer than 79 characters: join them again
				title=$(sed -n '/^TITLE /,$p' "$T/bib/t.bbl" | tr '\n' ' ')
				case $title in
				"TITLE Fixture audit: "*" (Base models) ") ;;
				*) why="the title is cut short: $title" ;;
				esac
			fi
		fi
		result "bibtex: the entry of '$b' (a hostile name) is one entry, its title whole" "$why"
	done
fi

# ---------------------------------------------------------------------------------------------
# 2. Inputs that would hang, exhaust memory or be misread

C=$T/inputs
cp -r "$FIXTURE" "$C"
mkfifo "$C/models/base/fifo.json"
(timeout 20 "$WB" analyze --content "$C" >"$T/out" 2>"$T/err")
rc=$?
why=$(status_problem 3)
[ "$rc" = 124 ] && why="it hung on the FIFO (killed after 20 s)"
[ -z "$why" ] && why=$(has err "error: $C/models/base/fifo.json: is a FIFO (named pipe), expected a regular file")
result "inputs: a FIFO as a model file is refused at once (exit 3), never read" "$why"
rm -f "$C/models/base/fifo.json"

printf '{\n  "id": "mid-7b\\u0000../../x",\n  "scores": {}\n}\n' >"$C/models/base/mid-7b.json"
wb analyze --content "$C"
why=$(status_problem 3)
[ -z "$why" ] && why=$(has err "error: $C/models/base/mid-7b.json:2:16: \\u0000 (NUL) in a string")
result "inputs: \\u0000 in an id is an error at its place (2:16), not a truncated id" "$why"

printf '{\n  "name": "a\\ud800",\n  "scores": {}\n}\n' >"$C/models/base/mid-7b.json"
wb analyze --content "$C"
why=$(status_problem 3)
[ -z "$why" ] && why=$(has err "error: $C/models/base/mid-7b.json:2:13: \\uD800 is a lone high surrogate")
result "inputs: a lone \\ud800 is an error at its place (2:13)" "$why"
cp "$FIXTURE/models/base/mid-7b.json" "$C/models/base/"

"$PY" -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("{\"name\": \"x\", \"scores\": {}, \"junk\": [" + ",".join(["0"] * 31000000) + "]}")
' "$C/models/base/huge.json"
t0=$(date +%s)
if [ -x /usr/bin/time ]; then
	/usr/bin/time -f '%M' -o "$T/rss" "$WB" analyze --content "$C" >"$T/out" 2>"$T/err"
	rc=$?
else
	wb analyze --content "$C"
fi
t1=$(date +%s)
why=$(status_problem 3)
[ -z "$why" ] && why=$(has err "values in one file (a limit that keeps memory bounded")
[ -z "$why" ] && [ $((t1 - t0)) -gt 10 ] && why="took $((t1 - t0)) s"
[ -z "$why" ] && [ -s "$T/rss" ] && [ "$(tail -n 1 "$T/rss")" -gt 512000 ] &&
	why="peak memory $(tail -n 1 "$T/rss") KiB"
result "inputs: a 60 MiB JSON array of 31 M numbers fails fast with a clear error ($((t1 - t0)) s, $(tail -n 1 "$T/rss" 2>/dev/null || echo '?') KiB)" "$why"
rm -f "$C/models/base/huge.json"

mv "$C/models/base/obrien.json" "$T/outside.json"
ln -s "$T/outside.json" "$C/models/base/obrien.json"
ln -s ../base/mid-7b.json "$C/models/chat/mid-7b.json"
wb analyze --content "$C"
why=$(status_problem 0)
[ -z "$why" ] && why=$(has err "warning: $C/models/base/obrien.json: a symlink to '$T/outside.json', outside the content directory")
[ -z "$why" ] && grep -q 'chat/mid-7b.json' "$T/err" && why="a symlink inside the content tree was warned about"
result "inputs: a model file symlinked from outside the content tree is followed with a warning" "$why"

section_time() { echo "# note: $1 took $(($(date +%s) - start)) s so far"; }
section_time "names and inputs"

# ---------------------------------------------------------------------------------------------
# 3. Publishing

P=$T/pub
mkdir -p "$P"
wb build -q --content "$FIXTURE" --templates templates --out "$P/site" --no-figures --jobs 2
cp -a "$P/site" "$P/snapshot"
wb build -q --force --content "$FIXTURE" --templates templates --out "$P/site/" --no-figures --jobs 2
why=$(status_problem 0)
[ -z "$why" ] && [ -e "$P/site/..lock" ] && why="left $P/site/..lock"
[ -z "$why" ] && why=$(leftovers "$P/site")
[ -z "$why" ] && [ ! -f "$P/site/index.html" ] && why="no site"
result "publish: --out X/ over an existing site works, with X's lock (no X/..lock)" "$why"

# X/ takes X's lock: a build into X paused just before its swap holds it
start_paused "/pub/site:1" "$WB" build -q --force --content "$FIXTURE" --templates templates \
	--out "$P/site" --no-figures --jobs 2
wb build -q --force --content "$FIXTURE" --templates templates --out "$P/site/" --no-figures
why=$(status_problem 1)
[ -z "$why" ] && why=$(has err "another washboard build is writing this site")
[ ! -e "$T/flag" ] && why="the first build never reached its swap: $(head -n 2 "$T/bg.err")"
stop_bg
result "publish: --out X/ and --out X take one lock (a second build fails while the first publishes)" "$why"

# killed just before the exchange: the previous site is whole
why=$(same_tree "$P/snapshot" "$P/site")
result "publish: SIGKILL just before the exchange leaves the previous site whole" "$why"
wb build --content "$FIXTURE" --templates templates --out "$P/site" --no-figures --jobs 2
why=$(status_problem 0)
[ -z "$why" ] && why=$(leftovers "$P/site")
result "publish: the next build removes what the killed one left" "$why"

(umask 027 && "$WB" build -q --force --content "$FIXTURE" --templates templates --out "$P/site" \
	--no-figures >"$T/out" 2>"$T/err")
rc=$?
why=$(status_problem 0)
mode=$(stat -c %a "$P/site" 2>/dev/null)
[ -z "$why" ] && [ "$mode" != 750 ] && why="OUT has mode $mode with umask 027, want 750"
(umask 022 && "$WB" build -q --force --content "$FIXTURE" --templates templates --out "$P/site" \
	--no-figures >"$T/out" 2>"$T/err")
mode=$(stat -c %a "$P/site" 2>/dev/null)
[ -z "$why" ] && [ "$mode" != 755 ] && why="OUT has mode $mode with umask 022, want 755"
result "publish: the published site honours the umask (750 with 027, 755 with 022), not 0700" "$why"
rm -rf "$P/snapshot"
cp -a "$P/site" "$P/snapshot"

# without an exchange (the shim refuses it): killed between the two renames, OUT is gone
export WB_SHIM_NO_EXCHANGE=1
why=$(kill_paused "/pub/site:1" "$WB" build -q --force --content "$FIXTURE" --templates templates \
	--out "$P/site" --no-figures --jobs 2)
unset WB_SHIM_NO_EXCHANGE
[ -z "$why" ] && [ -e "$P/site" ] && why="OUT still exists (the test lost its premise)"
[ -z "$why" ] && ! ls -d "$P"/site.old-* >/dev/null 2>&1 && why="no site.old-* (the test lost its premise)"
result "publish: without RENAME_EXCHANGE, SIGKILL between the renames leaves OUT.old-* and no OUT" "$why"
cp -r templates "$T/tpl-bad"
printf '{{#unclosed}}\n' >>"$T/tpl-bad/index.md"
wb build --content "$FIXTURE" --templates "$T/tpl-bad" --out "$P/site" --no-figures --jobs 2
why=$(status_problem 3)
[ -z "$why" ] && why=$(same_tree "$P/snapshot" "$P/site")
[ -z "$why" ] && why=$(has err "warning: $P/site: restored the previous site from $P/site.old-")
[ -z "$why" ] && why=$(has err "build failed; $P/site is the previous site, put back")
[ -z "$why" ] && grep -q 'is unchanged' "$T/err" && why="it claims the site is unchanged"
[ -z "$why" ] && why=$(leftovers "$P/site")
result "publish: a next build that fails still puts the previous site back, and says so (not 'unchanged')" "$why"

section_time "publishing"

# ---------------------------------------------------------------------------------------------
# 4. Children: SIGKILL to a build whose gnuplots hang leaves no worker or gnuplot behind

printf '#!/bin/sh\necho $$ >>"%s/hang.pids"\nexec sleep 120\n' "$T" >"$T/hang-gnuplot"
chmod +x "$T/hang-gnuplot"
# in_group PGID: "PID NAME" of the live processes of process group PGID (zombies, which
# only wait to be reaped, do not count)
in_group() {
	# /proc/PID/stat: pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses
	cat /proc/[0-9]*/stat 2>/dev/null |
		sed -n 's/^\([0-9]*\) (\(.*\)) \([A-Z]\) [0-9]* \([0-9]*\) .*/\1 \2 \3 \4/p' |
		awk -v g="$1" '$NF == g && $(NF - 1) != "Z" { print $1 " " $2 }'
}
if command -v setsid >/dev/null 2>&1; then
	: >"$T/hang.pids"
	setsid "$WB" build -q --content "$FIXTURE" --templates templates --out "$T/kids" \
		--formats svg,pdf --jobs 2 --gnuplot "$T/hang-gnuplot" >"$T/bg.out" 2>"$T/bg.err" &
	bg=$!
	i=0
	while [ $i -lt 150 ] && [ "$(wc -l <"$T/hang.pids")" -lt 2 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -KILL "$bg"
	wait "$bg" 2>/dev/null
	i=0
	while [ $i -lt 30 ] && [ -n "$(in_group "$bg")" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	left=$(in_group "$bg")
	why=
	[ "$(wc -l <"$T/hang.pids")" -lt 2 ] && why="the gnuplots never started (the test lost its premise)"
	[ -z "$why" ] && [ -n "$left" ] && why="still running after SIGKILL to the build: $(echo "$left" | tr '\n' ' ')"
	for p in $(in_group "$bg" | cut -d' ' -f1); do kill -KILL "$p" 2>/dev/null; done
	bg=
	result "children: SIGKILL to a build leaves no worker or gnuplot running (parent-death signal)" "$why"
else
	echo "# note: no setsid: the children test is skipped"
fi

# ---------------------------------------------------------------------------------------------
# 5. A full disk during a build: exit 1 (a runtime failure), not 3 (bad content)

full_build() { # the build into a 500 KiB tmpfs; its status in $rc, messages in $T/err
	mkdir -p "$T/full"
	unshare --user --map-root-user --mount sh -c '
		mount -t tmpfs -o size=500k tmpfs "$1" || exit 99
		"$2" build -q --content "$3" --templates "$4" --out "$1/site" --no-figures --jobs 2
		rc=$?
		ls -A "$1" | grep -v "^\.site\.lock$" | sed "s/^/left: /" >&2
		exit $rc' sh "$T/full" "$WB" "$FIXTURE" "$ROOT/templates" >"$T/out" 2>"$T/err"
	rc=$?
}
how="a 500 KiB tmpfs"
full_build
if [ "$rc" = 99 ] || ! command -v unshare >/dev/null 2>&1; then
	how="the shim's /dev/full for every .html"
	WB_SHIM_ENOSPC=.html LD_PRELOAD=$SHIM "$WB" build -q --content "$FIXTURE" --templates templates \
		--out "$T/fullsite" --no-figures --jobs 2 >"$T/out" 2>"$T/err"
	rc=$?
fi
why=$(status_problem 1)
[ -z "$why" ] && why=$(has err "No space left on device")
[ -z "$why" ] && grep -q '^left: ' "$T/err" && why="$(grep '^left: ' "$T/err" | head -n 2)"
result "disk full ($how): exit 1 (runtime), nothing left behind" "$why"

section_time "children and disk full"

# ---------------------------------------------------------------------------------------------
# 6. Imports: all or nothing across SIGKILL

I=$T/imp
mkdir -p "$I"
cp -r content "$I/before"
"$PY" - content/sources/safetywashing/benchmarks_chat_models.csv "$I/m.csv" <<'EOF'
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
cp -r content "$I/after"
wb import csv --content "$I/after" --cohort chat --matrix "$I/m.csv" --source "faults test"
result "imports: the reference import (26 models) works" "$(status_problem 0)"

# killed after 8 of the files were put in place: the next command completes the import
cp -r "$I/before" "$I/c"
why=$(kill_paused ".json:9" "$WB" import csv --content "$I/c" --cohort chat \
	--matrix "$I/m.csv" --source "faults test")
[ -z "$why" ] && ! [ -f "$I/c/.washboard-journal" ] && why="no journal after the kill"
result "imports: SIGKILL in the commit's rename loop (8 files renamed) leaves a committed journal" "$why"
wb analyze --content "$I/c"
why=$(status_problem 0)
[ -z "$why" ] && why=$(has err "warning: $I/c: completed an import that was interrupted after it committed")
[ -z "$why" ] && why=$(same_tree "$I/after" "$I/c")
[ -z "$why" ] && why=$(staged "$I/c")
result "imports: the next analyze completes it first (a warning): the content is all new" "$why"

# killed just before the commit: the next command rolls it back
rm -rf "$I/c"
cp -r "$I/before" "$I/c"
why=$(kill_paused "/.washboard-journal:1" "$WB" import csv --content "$I/c" \
	--cohort chat --matrix "$I/m.csv" --source "faults test")
[ -z "$why" ] && [ -z "$(staged "$I/c")" ] && why="no staged files after the kill (the test lost its premise)"
result "imports: SIGKILL just before the journal's commit leaves only hidden staged files" "$why"
wb build --content "$I/c" --templates templates --out "$I/site" --no-figures --jobs 2
why=$(status_problem 0)
[ -z "$why" ] && why=$(has err "warning: $I/c: rolled back an import that was interrupted before it committed")
[ -z "$why" ] && why=$(same_tree "$I/before" "$I/c")
[ -z "$why" ] && why=$(staged "$I/c")
result "imports: the next build rolls it back first (a warning): the content is all old" "$why"

# a reader waits for an import that is running, rather than rolling it back
rm -rf "$I/c"
cp -r "$I/before" "$I/c"
start_paused "/.washboard-journal:1" "$WB" import csv --content "$I/c" --cohort chat \
	--matrix "$I/m.csv" --source "faults test"
"$WB" analyze --content "$I/c" >"$T/reader.out" 2>"$T/reader.err" &
reader=$!
sleep 1
why=
kill -0 "$reader" 2>/dev/null || why="the reader did not wait: $(head -n 2 "$T/reader.err")"
[ -z "$why" ] && [ -z "$(staged "$I/c")" ] && why="the reader removed the running import's staged files"
[ -z "$why" ] && ! grep -q 'another washboard command is importing into it; waiting' "$T/reader.err" &&
	why="no 'waiting' warning: $(head -n 2 "$T/reader.err")"
stop_bg
wait "$reader"
rrc=$?
[ -z "$why" ] && [ "$rrc" != 0 ] && why="the reader then failed: exit $rrc"
[ -z "$why" ] && why=$(same_tree "$I/before" "$I/c")
result "imports: analyze waits for a running import (never rolls it back), then reads all-old content" "$why"

# what older versions left: NAME.json.tmp.PID beside the models
printf '{"name": "half", "scores": {}}\n' >"$I/c/models/chat/llama-2-7b-chat-hf.json.tmp.4242"
wb analyze --content "$I/c"
why=$(status_problem 0)
[ -z "$why" ] && why=$(staged "$I/c")
[ -z "$why" ] && why=$(has err "rolled back an import that was interrupted before it committed (1 staged file removed)")
result "imports: a NAME.json.tmp.PID an older version left is removed, with a warning" "$why"

echo "# note: $(($(date +%s) - start)) s in all"
tl_summary
