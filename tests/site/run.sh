#!/bin/sh
# tests/site/run.sh - end-to-end tests of `washboard build`, the static site.
#
# usage: tests/site/run.sh BUILD_DIR                  (the binary is BUILD_DIR/washboard)
#        UPDATE_GOLDEN=1 tests/site/run.sh BUILD_DIR  (rewrite tests/golden/site/ first)
#
#  1. links: the bundled content built with every format into BUILD_DIR/site-check; every
#     page parsed (tests/site/sitecheck.py): structure, CSP meta tag, every href/src and
#     #fragment resolves inside the site, nothing loaded from outside, <img> alt, no NaN/inf
#     or unrendered Mustache, data files parse, figure files complete.
#  2. determinism: two SVG builds (different --jobs, cwd, TZ, locale) are byte-identical, so
#     are the PDFs of two builds, a rebuild that reuses figures, and `analyze --format json`.
#  3. atomicity: builds that fail (broken template, broken content, missing gnuplot, OUT a
#     file, a concurrent build holding the lock) exit with the documented code and message
#     and leave the previous site byte-identical, with no OUT.tmp-* / OUT.old-* left behind;
#     a cohort whose models have no scores yet must not crash the build.
#  4. golden: tests/fixtures/site/content (two cohorts, hostile model names) built with
#     --formats svg; pages, data and figure scripts/CSV equal tests/golden/site/; hostile
#     names are shown as text, never as markup, in pages and SVG.
#  5. interrupt: SIGTERM to washboard, and to its process group, while gnuplot hangs: exit
#     143, every gnuplot stopped, nothing left behind, the previous site unchanged; after a
#     SIGKILL the next build removes the leftover OUT.tmp-*.
#
# Prints `ok - NAME` / `not ok - NAME: REASON` (with `#` detail lines), `# note:` lines, and
# ends with exactly one line `N passed, N failed`. Exits 1 when a test failed. Python: the
# Debian python3 and its standard library only. Takes about 35 s on 2 cores.
set -u

# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
tl_washboard "${1:?usage: tests/site/run.sh BUILD_DIR}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
CHECK=$ROOT/tests/site/sitecheck.py
FIXTURE=$ROOT/tests/fixtures/site/content
GOLDEN=$ROOT/tests/golden/site
JOBS=2

# Two runs on one BUILD_DIR (two `make test` at once) would clobber each other's site-check:
# the second waits for the first.
if command -v flock >/dev/null 2>&1; then
	exec 9>"$build/.site-test.lock"
	if ! flock -n 9; then
		echo "# note: waiting for another tests/site/run.sh on $build"
		flock 9
	fi
fi

tl_tempdir site
TL_STDERR=$T/err
# nothing of washboard's may stay in $TMPDIR: keep it where leftovers can be seen
mkdir -p "$T/tmp"
export TMPDIR="$T/tmp"
export LC_ALL=C.UTF-8
unset SOURCE_DATE_EPOCH
cd "$ROOT" || exit 1

start=$(date +%s)
lap=$start

# section NAME: a note with the seconds the previous section took
section() {
	now=$(date +%s)
	echo "# note: $1 took $((now - lap)) s"
	lap=$now
}

# ---------------------------------------------------------------------------------------------
# Harness (ok, not_ok, result, status_problem and the summary are in tests/lib.sh)

# wb ARG...: run washboard; stderr in $T/err, stdout in $T/out, exit status in $rc.
wb() {
	("$WB" "$@" 9>&-; exit $?) >"$T/out" 2>"$T/err"
	rc=$?
}

# py ARG...: run sitecheck.py, echo its lines and count its ok / not ok lines.
py() {
	: >"$T/err"
	"$PY" "$CHECK" "$@" >"$T/py.out" 2>"$T/py.err"
	prc=$?
	cat "$T/py.out"
	tl_tally "$T/py.out"
	if [ "$prc" -ne 0 ] && [ "$f" -eq 0 ]; then
		result "sitecheck.py $1 ran" "exit $prc: $(head -n 5 "$T/py.err")"
	fi
}

# leftovers OUT: temporary siblings of OUT and gnuplot batch directories, or nothing.
leftovers() {
	for x in "$1".tmp-* "$1".old-* "$TMPDIR"/* "$1"/figures/.washboard-batches-*; do
		[ -e "$x" ] && echo "left behind: $x"
	done
}

# same_tree A B: why the trees differ (first lines of diff -r), or nothing.
same_tree() {
	if ! diff -r "$1" "$2" >"$T/diff" 2>&1; then
		echo "$1 and $2 differ:"
		head -n 12 "$T/diff"
	fi
}

# ---------------------------------------------------------------------------------------------
# 1. Link checker over the bundled site, every format

site=$build/site-check
rm -rf "$site"
t0=$(date +%s)
wb build -q --content content --templates templates --out "$site" --jobs "$JOBS"
t1=$(date +%s)
why=$(status_problem 0)
[ -z "$why" ] && [ ! -f "$site/index.html" ] && why="no index.html"
[ -z "$why" ] && why=$(leftovers "$site")
[ -z "$why" ] && [ -s "$T/err" ] && why="-q build wrote to stderr"
result "build: bundled content, svg,png,pdf into BUILD_DIR/site-check ($((t1 - t0)) s)" "$why"
if [ -f "$site/index.html" ]; then
	py links "$site"
	py figures "$site" svg,png,pdf
fi

section "links"

# ---------------------------------------------------------------------------------------------
# 2. Determinism

# A build into a new directory makes a new release, dated when it is made (now, or
# SOURCE_DATE_EPOCH): two such builds are byte-identical only with the date fixed. (A rebuild
# of a release keeps its recorded date whatever the clock says; tests/imports.sh checks it.)
export SOURCE_DATE_EPOCH=0

wb build -q --content content --templates templates --out "$T/det1" --formats svg --jobs "$JOBS"
r1=$rc
# the second build: one job, another working directory, time zone and locale, paths absolute
(cd "$T" && TZ=Pacific/Kiritimati LC_ALL=C LANG='' "$WB" build -q --content "$ROOT/content" \
	--templates "$ROOT/templates" --out det2 --formats svg --jobs 1 9>&-) >"$T/out" 2>"$T/err"
r2=$?
if [ "$r1" != 0 ] || [ "$r2" != 0 ]; then
	why="exit $r1 and $r2, expected 0"
else
	why=$(same_tree "$T/det1" "$T/det2")
fi
result "determinism: two SVG builds (--jobs $JOBS vs 1, other cwd/TZ/locale) are byte-identical" "$why"

# a rebuild over an existing site, with other inputs (a base URL), reuses the figures:
# the figures it publishes must be the same bytes as freshly drawn ones
cp -a "$T/det1" "$T/det3"
wb build -q --content content --templates templates --out "$T/det3" --formats svg \
	--jobs "$JOBS" --base-url https://example.org/reuse
why=$(status_problem 0)
[ -z "$why" ] && why=$(same_tree "$T/det1/figures" "$T/det3/figures")
[ -z "$why" ] && why=$(leftovers "$T/det3")
[ -z "$why" ] && ! grep -q 'https://example.org/reuse/chat/index.html' "$T/det3/chat/index.html" &&
	why="the rebuild did not publish the new pages (no canonical link with the base URL)"
result "determinism: a rebuild reusing figures publishes the same figures/ bytes" "$why"

if [ -d "$site/figures" ]; then
	wb build -q --content content --templates templates --out "$T/detpdf" --formats pdf \
		--jobs "$JOBS"
	why=$(status_problem 0)
	if [ -z "$why" ]; then
		(cd "$site" && find figures -name '*.pdf' | sort) >"$T/pdf1"
		(cd "$T/detpdf" && find figures -name '*.pdf' | sort) >"$T/pdf2"
		if ! cmp -s "$T/pdf1" "$T/pdf2"; then
			why="different PDF file lists: $(diff "$T/pdf1" "$T/pdf2" | head -n 3 | tr '\n' ' ')"
		elif [ ! -s "$T/pdf1" ]; then
			why="no PDF at all"
		else
			# one diff over both trees; the .gp scripts differ (their output lines), the rest
			# exists only in the first
			diff -r -q "$site/figures" "$T/detpdf/figures" 2>&1 | grep '\.pdf' >"$T/pdfdiff"
			if [ -s "$T/pdfdiff" ]; then
				why="$(wc -l <"$T/pdfdiff") of $(wc -l <"$T/pdf1") PDFs differ:
$(head -n 3 "$T/pdfdiff")"
			fi
		fi
	fi
	result "determinism: the PDFs of two builds (svg,png,pdf and pdf only) are byte-identical ($(wc -l <"$T/pdf1" 2>/dev/null) PDFs)" "$why"
fi

wb analyze --content content --format json
cp "$T/out" "$T/a1.json"
r1=$rc
(cd "$T" && "$WB" analyze --content "$ROOT/content" --format json 9>&-) >"$T/a2.json" 2>"$T/err"
r2=$?
why=
if [ "$r1" != 0 ] || [ "$r2" != 0 ]; then
	why="exit $r1 and $r2, expected 0"
elif ! cmp -s "$T/a1.json" "$T/a2.json"; then
	why="outputs differ: $(cmp "$T/a1.json" "$T/a2.json")"
elif [ ! -s "$T/a1.json" ]; then
	why="empty output"
elif [ -f "$site/data/report.json" ] && ! cmp -s "$T/a1.json" "$site/data/report.json"; then
	why="differs from the site's data/report.json: $(cmp "$T/a1.json" "$site/data/report.json")"
fi
result "determinism: analyze --format json twice is byte-identical (and equals data/report.json)" "$why"

section "determinism"

# ---------------------------------------------------------------------------------------------
# 3. Atomicity: failed builds leave the previous site as it was

atom=$T/atom
wb build -q --content "$FIXTURE" --templates templates --out "$atom" --formats svg --jobs "$JOBS"
result "atomicity: build the fixture site to fail over" "$(status_problem 0)"
cp -a "$atom" "$T/atom.snapshot"

# unchanged: why $atom is not as it was or has leftovers, or nothing.
unchanged() {
	same_tree "$T/atom.snapshot" "$atom"
	leftovers "$atom"
}

cp -r templates "$T/tpl-bad"
sed '3i\
{{#x}}' templates/index.md >"$T/tpl-bad/index.md"
wb build -q --content "$FIXTURE" --templates "$T/tpl-bad" --out "$atom" --formats svg --jobs "$JOBS"
why=$(status_problem 3)
[ -z "$why" ] && ! grep -q "^error: $T/tpl-bad/index.md:3:1: " "$T/err" &&
	why="no 'error: $T/tpl-bad/index.md:3:1: ...' message"
[ -z "$why" ] && why=$(unchanged)
result "atomicity: unclosed {{#x}} in index.md: exit 3, error: .../index.md:3:1:, site unchanged" "$why"

# every template error at once, each at its place: two in one file, a missing partial in
# another, a broken partial
rm -rf "$T/tpl-bad"
cp -r templates "$T/tpl-bad"
sed '3i\
{{#x}}{{bad name}}' templates/index.md >"$T/tpl-bad/index.md"
printf '\n{{>no-such-partial}}\n' >>"$T/tpl-bad/model.md"
printf '\n{{/stray}}\n' >>"$T/tpl-bad/partials/verdict.md"
wb build -q --content "$FIXTURE" --templates "$T/tpl-bad" --out "$atom" --formats svg --jobs "$JOBS"
why=$(status_problem 3)
n=$(wc -l <"$T/tpl-bad/model.md")
for want in "$T/tpl-bad/index.md:3:1: section 'x' is never closed" \
	"$T/tpl-bad/index.md:3:7: bad tag name 'bad name'" \
	"$T/tpl-bad/model.md:$n:1: no partial 'no-such-partial'" \
	"$T/tpl-bad/partials/verdict.md:$(wc -l <"$T/tpl-bad/partials/verdict.md"):1: closing tag 'stray' has no opening tag"; do
	[ -z "$why" ] && ! grep -qF "error: $want" "$T/err" && why="no 'error: $want'"
done
[ -z "$why" ] && why=$(unchanged)
result "templates: every error is reported at once, each at FILE:LINE:COL (a missing partial too); site unchanged" "$why"

# an unknown name: a warning at its place, once however many pages and workers render it
rm -rf "$T/tpl-bad"
cp -r templates "$T/tpl-bad"
sed 's/{{site.title}}/{{site.titel}}/' templates/layout.html >"$T/tpl-bad/layout.html"
line=$(grep -n 'site.titel' "$T/tpl-bad/layout.html" | head -n 1 | cut -d: -f1)
col=$(grep 'site.titel' "$T/tpl-bad/layout.html" | head -n 1 | awk '{ print index($0, "{{site.titel}}") }')
wb build --content "$FIXTURE" --templates "$T/tpl-bad" --out "$T/titel" --no-figures --bootstrap 0 --jobs "$JOBS"
why=$(status_problem 0)
[ -z "$why" ] && [ "$(grep -c "^warning: $T/tpl-bad/layout.html:$line:$col: unknown name 'site.titel' renders as nothing" "$T/err")" != 1 ] &&
	why="not exactly one 'warning: .../layout.html:$line:$col: unknown name 'site.titel'': $(grep -c titel "$T/err") lines"
[ -z "$why" ] && [ "$(grep -c 'unknown name' "$T/err")" != 1 ] && why="other unknown names: $(grep 'unknown name' "$T/err" | head -n 3)"
result "templates: {{site.titel}} warns once, at layout.html:$line:$col, with --jobs $JOBS" "$why"
cp -a "$T/titel" "$T/titel.snapshot"
wb build --strict --force --content "$FIXTURE" --templates "$T/tpl-bad" --out "$T/titel" --no-figures --bootstrap 0
why=$(status_problem 3)
[ -z "$why" ] && ! grep -q "^error: $T/tpl-bad/layout.html:$line:$col: unknown name 'site.titel'" "$T/err" &&
	why="no error at layout.html:$line:$col"
[ -z "$why" ] && why=$(same_tree "$T/titel.snapshot" "$T/titel")
result "templates: build --strict makes an unknown name an error (exit 3), site unchanged" "$why"

# the bundled templates name nothing that is not there: bundled content and the fixtures,
# with and without the bootstrap, with the missing-data options
for args in "content" "content --bootstrap 0" "$FIXTURE --bootstrap 0 --impute svd --reduced-score --min-coverage 0" \
	"tests/fixtures/impute/content --bootstrap 50 --impute svd --reduced-score" \
	"tests/fixtures/uncertainty/content --bootstrap 50 --bootstrap-unit family --ci-method bca"; do
	rm -rf "$T/clean"
	# shellcheck disable=SC2086 # args is a list
	wb build --strict --no-figures --jobs "$JOBS" --out "$T/clean" --content $args
	why=$(status_problem 0)
	[ -z "$why" ] && grep -q 'unknown name' "$T/err" && why=$(grep 'unknown name' "$T/err" | head -n 3)
	result "templates: no unknown name on --content $args (--strict)" "$why"
done

cp -r "$FIXTURE" "$T/content-bad"
printf '{\n  "name": "Broken",\n  "scores": {"cap-qa": 0.5,}\n}\n' >"$T/content-bad/models/base/tiny-1b.json"
wb build -q --content "$T/content-bad" --templates templates --out "$atom" --formats svg --jobs "$JOBS"
why=$(status_problem 3)
[ -z "$why" ] && ! grep -q "^error: $T/content-bad/models/base/tiny-1b.json:3:[0-9]*: " "$T/err" &&
	why="no 'error: .../models/base/tiny-1b.json:3:COL: ...' message"
[ -z "$why" ] && why=$(unchanged)
result "atomicity: a model file with bad JSON: exit 3, error: FILE:LINE:COL:, site unchanged" "$why"

# svg,pdf: nothing can be reused from the SVG-only site, so gnuplot is needed
wb build -q --content "$FIXTURE" --templates templates --out "$atom" --formats svg,pdf \
	--jobs "$JOBS" --gnuplot /nonexistent/gnuplot
why=$(status_problem 1)
[ -z "$why" ] && ! grep -q -- '--no-figures' "$T/err" && why="the message does not mention --no-figures"
[ -z "$why" ] && why=$(unchanged)
result "atomicity: --gnuplot /nonexistent: exit 1, message mentions --no-figures, site unchanged" "$why"

# a cohort declared in site.json whose models have no scores yet (a new cohort being set up):
# `analyze` reports it; `build` must not crash (exit 0, or 3 with a message) nor leave OUT.tmp-*
cp -r "$FIXTURE" "$T/content-empty"
mkdir "$T/content-empty/models/empty"
printf '{"name": "No results yet", "scores": {}}\n' >"$T/content-empty/models/empty/none.json"
sed 's/"cohorts": \[/"cohorts": [{"id": "empty", "title": "Empty", "order": 3}, /' \
	"$FIXTURE/site.json" >"$T/content-empty/site.json"
wb build -q --content "$T/content-empty" --templates templates --out "$T/empty-site" --no-figures
why=
if [ "$rc" -ge 128 ]; then
	why="crashed: exit $rc (signal $((rc - 128)))"
elif [ "$rc" != 0 ] && [ "$rc" != 3 ]; then
	why="exit $rc, expected 0 (or 3 with an error message)"
elif [ "$rc" = 3 ] && ! grep -q '^error: ' "$T/err"; then
	why="exit 3 without an error: message"
fi
[ -z "$why" ] && why=$(leftovers "$T/empty-site")
result "robustness: a cohort whose models have no scores yet: no crash, no OUT.tmp-* left" "$why"

printf 'not a site\n' >"$T/plainfile"
wb build -q --content "$FIXTURE" --templates templates --out "$T/plainfile" --no-figures
why=$(status_problem 1)
[ -z "$why" ] && [ "$(cat "$T/plainfile")" != "not a site" ] && why="the file was changed"
[ -z "$why" ] && why=$(leftovers "$T/plainfile")
result "atomicity: --out naming a regular file: exit 1, file untouched" "$why"

# A concurrent build: the first holds the lock while a slow gnuplot draws its figures.
gnuplot=$(command -v gnuplot)
if [ -z "$gnuplot" ]; then
	result "atomicity: a second build while another holds the lock fails cleanly" "gnuplot not in PATH"
else
	printf '#!/bin/sh\nsleep 2\nexec %s "$@"\n' "$gnuplot" >"$T/slow-gnuplot"
	chmod +x "$T/slow-gnuplot"
	"$WB" build -q --content "$FIXTURE" --templates templates --out "$T/locked" \
		--formats svg --jobs "$JOBS" --gnuplot "$T/slow-gnuplot" >"$T/bg.out" 2>"$T/bg.err" 9>&- &
	bg=$!
	i=0
	while [ $i -lt 100 ] && ! ls -d "$T"/locked.tmp-* >/dev/null 2>&1; do
		sleep 0.1
		i=$((i + 1))
	done
	wb build -q --content "$FIXTURE" --templates templates --out "$T/locked" --no-figures
	why=$(status_problem 1)
	[ -z "$why" ] && ! grep -q 'another washboard build' "$T/err" &&
		why="no message about another build"
	wait "$bg"
	brc=$?
	bg=
	[ -z "$why" ] && [ "$brc" != 0 ] && why="the first build failed: exit $brc: $(head -n 2 "$T/bg.err")"
	[ -z "$why" ] && [ ! -f "$T/locked/index.html" ] && why="the first build published nothing"
	[ -z "$why" ] && [ ! -f "$T/locked/figures/base/_scores.svg" ] && why="the first build drew no figures"
	[ -z "$why" ] && why=$(leftovers "$T/locked")
	result "atomicity: a second build while another holds the lock: exit 1, 'another washboard build'; the first succeeds" "$why"
fi

section "atomicity"

# ---------------------------------------------------------------------------------------------
# 4. Golden test on the fixture content

fx=$T/fixture-site
wb build --content "$FIXTURE" --templates templates --out "$fx" --formats svg --jobs "$JOBS"
why=$(status_problem 0)
[ -z "$why" ] && grep -q '^warning' "$T/err" && why="warnings: $(grep '^warning' "$T/err" | head -n 3)"
result "golden: build the fixture content (svg) without warnings" "$why"

if [ -f "$fx/index.html" ]; then
	sel=$T/golden-new
	mkdir -p "$sel"
	(cd "$fx" && find . -type f \( -name '*.html' -o -path './data/*.json' -o \
		-path './data/*.csv' -o -path './figures/*.gp' -o -path './figures/*.csv' \) |
		sed 's|^\./||' | sort) >"$T/golden.list"
	(cd "$fx" && tar cf - -T "$T/golden.list") | (cd "$sel" && tar xf -)
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		rm -rf "$GOLDEN"
		mkdir -p "$(dirname "$GOLDEN")"
		cp -r "$sel" "$GOLDEN"
		echo "# note: UPDATE_GOLDEN=1: wrote $(wc -l <"$T/golden.list") files to tests/golden/site/"
	fi
	why=
	: >"$T/err"
	if [ ! -d "$GOLDEN" ]; then
		why="no $GOLDEN (create it: UPDATE_GOLDEN=1 tests/site/run.sh $1)"
	elif ! diff -r "$GOLDEN" "$sel" >/dev/null 2>&1; then
		why="the fixture site differs from tests/golden/site/ (UPDATE_GOLDEN=1 accepts the change):
$(diff -r -q "$GOLDEN" "$sel" 2>&1 | sed "s|$T/golden-new|NEW|g; s|$GOLDEN|GOLDEN|g" | head -n 8)
$(diff -r -u "$GOLDEN" "$sel" 2>&1 | sed "s|$T/golden-new|NEW|g; s|$GOLDEN|GOLDEN|g" | head -n 30)"
	fi
	result "golden: $(wc -l <"$T/golden.list") pages, data files and figure scripts/CSV equal tests/golden/site/" "$why"

	py links "$fx" --base-url https://example.org/audit
	M=$FIXTURE/models/base
	py hostile "$fx" base script="$M/script.json" img="$M/img.json" \
		markdown="$M/markdown.json" obrien="$M/obrien.json"
fi

# the footer links site.json's repository and the cited paper; BibTeX has the permalink
why=
grep -q '<a href="https://example.org/washboard-fixture">' "$fx/base/index.html" ||
	why="no footer link to site.json's repository"
[ -z "$why" ] && ! grep -q '<a href="https://example.org/fixture-paper">' "$fx/about.html" &&
	why="no footer link to site.json's citation_url"
[ -z "$why" ] && ! grep -q 'howpublished = {\\url{https://example.org/audit/base/benchmarks/' \
	"$fx/base/benchmarks/harm-refusal.html" && why="the BibTeX has no absolute permalink"
result "footer: links the repository and the paper; with a base URL the BibTeX has the permalink" "$why"

# without a base URL: a warning, and no relative address in BibTeX
cp -r "$FIXTURE" "$T/nobase"
sed '/"base_url"/d' "$FIXTURE/site.json" >"$T/nobase/site.json"
wb build --content "$T/nobase" --templates templates --out "$T/nobase-site" --no-figures \
	--bootstrap 0
why=$(status_problem 0)
[ -z "$why" ] && ! grep -q "^warning: $T/nobase/site.json: no base URL" "$T/err" &&
	why="no 'warning: .../site.json: no base URL' at build time"
[ -z "$why" ] && grep -q 'howpublished\|\\url{' "$T/nobase-site/base/benchmarks/harm-refusal.html" &&
	why="the BibTeX still has a (relative) URL"
[ -z "$why" ] && ! grep -q 'note   = {washboard audit, release fixture-1}' \
	"$T/nobase-site/base/benchmarks/harm-refusal.html" && why="no BibTeX entry at all"
result "base URL: without one the build warns and BibTeX leaves the permalink out" "$why"
wb build --content "$FIXTURE" --templates templates --out "$T/badbase" --no-figures --base-url example.org/audit
why=$(status_problem 2)
[ -z "$why" ] && ! grep -q 'error: --base-url must be an absolute URL starting with http:// or https://, not example.org/audit' "$T/err" &&
	why="no usage error naming the scheme"
[ -z "$why" ] && [ -e "$T/badbase" ] && why="it wrote $T/badbase"
result "base URL: --base-url without http:// or https:// is a usage error (exit 2)" "$why"
sed 's|"base_url": "https://example.org/audit"|"base_url": "example.org/audit"|' "$FIXTURE/site.json" >"$T/nobase/site.json"
wb build --content "$T/nobase" --templates templates --out "$T/badbase" --no-figures
why=$(status_problem 3)
[ -z "$why" ] && ! grep -q "error: $T/nobase/site.json:[0-9]*:[0-9]*: key 'base_url' must be an absolute URL" "$T/err" &&
	why="no error at site.json's base_url"
result "base URL: a site.json base_url without a scheme is bad content (exit 3, at its place)" "$why"

section "golden"

# ---------------------------------------------------------------------------------------------
# 4b. History: two releases of the fixture, the second with a new model and changed scores

hs=$T/history
wb build -q --content "$FIXTURE" --templates templates --out "$hs" --formats svg --jobs "$JOBS" --release h1
why=$(status_problem 0)
[ -z "$why" ] && grep -q 'Across releases' "$hs/base/benchmarks/harm-refusal.html" &&
	why="a single release has a history section"
[ -z "$why" ] && [ -e "$hs/figures/base/history" ] && why="a single release has history figures"
result "history: one release shows none (no section, no C/history/ figures)" "$why"
cp -r "$FIXTURE" "$T/content-h2"
sed 's/"harm-refusal": 0.669/"harm-refusal": 0.2/' "$FIXTURE/models/base/mid-7b.json" >"$T/content-h2/models/base/mid-7b.json"
sed 's/"name": "Mid 7B"/"name": "Newcomer 8B"/; s/"id": "mid-7b"/"id": "newcomer-8b"/; s/"harm-refusal": 0.669/"harm-refusal": 0.7/' \
	"$FIXTURE/models/base/mid-7b.json" >"$T/content-h2/models/base/newcomer-8b.json"
wb build -q --strict --content "$T/content-h2" --templates templates --out "$hs" --formats svg --jobs "$JOBS" --release h2
why=$(status_problem 0)
page=$hs/base/benchmarks/harm-refusal.html
[ -z "$why" ] && why=$("$PY" - "$page" "$hs/base/leaderboard.html" "$hs/figures/base/history/harm-refusal.csv" <<'PYEOF'
import re, sys
page, lb, csv = (open(p, encoding="utf-8").read() for p in sys.argv[1:4])
sec = page.split('id="across-releases"', 1)
if len(sec) < 2:
    print("no 'Across releases' section on the benchmark page"); sys.exit()
rows = re.findall(r"<tr>\s*<td><a href=\"\.\./\.\./releases/(h[12])/index\.html\">", sec[1])
if rows != ["h1", "h2"]:
    print("history rows %r, want ['h1', 'h2']" % rows); sys.exit()
if "(this release)" not in sec[1].split("h2/index.html", 1)[1].split("</tr>", 1)[0]:
    print("h2 is not marked as this release"); sys.exit()
if 'src="../../figures/base/history/harm-refusal.svg"' not in sec[1]:
    print("the history figure is not on the page"); sys.exit()
lines = csv.strip().split("\n")
if len(lines) != 3 or not lines[1].startswith("h1,") or not lines[2].startswith("h2,"):
    print("the figure's CSV has %r" % lines[:4]); sys.exit()
if float(lines[1].split(",")[3]) == float(lines[2].split(",")[3]):
    print("the correlation did not move between the releases"); sys.exit()
lsec = lb.split('id="across-releases"', 1)
if len(lsec) < 2:
    print("no 'Across releases' section on the leaderboard"); sys.exit()
row = re.search(r"<td><a href=\"\.\./base/models/newcomer-8b\.html\">Newcomer 8B</a></td>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>", lsec[1])
if not row or row.group(1) != "" or not row.group(2).strip():
    print("the new model's ranks are %r, want a blank for h1 and a rank for h2" % (row.groups() if row else None))
PYEOF
)
[ -z "$why" ] && [ ! -s "$hs/figures/base/history/harm-refusal.svg" ] && why="no history SVG"
result "history: two releases: the benchmark page's table and figure, its CSV, the leaderboard's ranks per release" "$why"
py links "$hs" --base-url https://example.org/audit
unset SOURCE_DATE_EPOCH

# ---------------------------------------------------------------------------------------------
# 5. Interrupted builds: a gnuplot that hangs (and records its pid) keeps the build in the
# figures stage; a signal then must stop the whole tree, remove what it wrote and leave the
# previous site as it was. A build killed outright (SIGKILL) cannot clean up: the next build
# removes its OUT.tmp-* instead.
printf '#!/bin/sh\necho $$ >>"%s/hang.pids"\nexec sleep 120\n' "$T" >"$T/hang-gnuplot"
chmod +x "$T/hang-gnuplot"

# hung_build OUT [setsid]: start a build in the background (pid in $bg) and wait until its
# gnuplots run; svg,pdf so that nothing is reused from an earlier SVG-only site.
hung_build() {
	: >"$T/hang.pids"
	${2:-} "$WB" build -q --content "$FIXTURE" --templates templates --out "$1" \
		--formats svg,pdf --jobs "$JOBS" --gnuplot "$T/hang-gnuplot" >"$T/bg.out" 2>"$T/bg.err" 9>&- &
	bg=$!
	i=0
	while [ $i -lt 150 ] && [ ! -s "$T/hang.pids" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.3
}

# gnuplots_alive: the pids of hang-gnuplot processes still running, or nothing.
gnuplots_alive() {
	for p in $(cat "$T/hang.pids"); do
		kill -0 "$p" 2>/dev/null && echo "$p"
	done
}

# stop_hung PID: send SIGTERM to PID (-PID: the process group) and wait; sets rc and why.
stop_hung() {
	kill -TERM "$1" 2>/dev/null
	{ wait "$bg"; } 2>/dev/null # no "Terminated" from the shell
	rc=$?
	bg=
	sleep 0.2
	why=
	[ "$rc" != 143 ] && why="exit $rc, expected 143 (killed by SIGTERM): $(head -n 3 "$T/bg.err")"
	[ -z "$why" ] && ! grep -q 'build interrupted by signal 15; .* is unchanged' "$T/bg.err" &&
		why="no 'build interrupted ... is unchanged' message: $(head -n 3 "$T/bg.err")"
	[ -z "$why" ] && [ -n "$(gnuplots_alive)" ] && why="gnuplot still running: $(gnuplots_alive)"
	[ -z "$why" ] && why=$(unchanged)
	kill $(gnuplots_alive) 2>/dev/null
}

hung_build "$atom"
stop_hung "$bg"
result "interrupt: SIGTERM to washboard during the figures: exit 143, gnuplots stopped, nothing left behind, site unchanged" "$why"

if command -v setsid >/dev/null 2>&1; then
	hung_build "$atom" setsid
	# a background job of this shell is no group leader, so setsid does not fork: $bg is
	# washboard's pid and the id of its new process group
	stop_hung -"$bg"
	result "interrupt: SIGTERM to the whole process group: exit 143, nothing left behind, site unchanged" "$why"
fi

# A gnuplot that fails on a script line, given by a path relative to the working directory
# (gnuplot itself runs in the figures directory).
cat >"$T/fail-gnuplot" <<'EOF'
#!/bin/sh
echo '"x.gp" line 3: undefined variable: foo' >&2
exit 1
EOF
chmod +x "$T/fail-gnuplot"
cd "$T" || exit 1
wb build -q --content "$FIXTURE" --templates "$ROOT/templates" --out "$atom" --formats svg,pdf \
	--jobs "$JOBS" --gnuplot ./fail-gnuplot
cd "$ROOT" || exit 1
why=$(status_problem 1)
[ -z "$why" ] && ! grep -q '^error: figures/x.gp:3: gnuplot: undefined variable: foo$' "$T/err" &&
	why="no 'error: figures/x.gp:3: gnuplot: undefined variable: foo'"
[ -z "$why" ] && why=$(unchanged)
result "gnuplot: a failing script (--gnuplot ./relative): exit 1, gnuplot's message at its line, site unchanged" "$why"

: >"$T/hang.pids"
wb build -q --content "$FIXTURE" --templates templates --out "$atom" --formats svg,pdf \
	--jobs "$JOBS" --gnuplot "$T/hang-gnuplot" --gnuplot-timeout 1
why=$(status_problem 1)
[ -z "$why" ] && ! grep -q "^error: figures/.*\.gp: gnuplot: no figure finished in 1 s, so the process was killed as hung (washboard build --gnuplot-timeout SECONDS allows longer)" "$T/err" &&
	why="no 'killed as hung' message naming the figure"
[ -z "$why" ] && [ -n "$(gnuplots_alive)" ] && why="gnuplot still running: $(gnuplots_alive)"
[ -z "$why" ] && why=$(unchanged)
kill $(gnuplots_alive) 2>/dev/null
result "gnuplot: a hung gnuplot is killed after --gnuplot-timeout 1: exit 1, the figure named, site unchanged" "$why"

hung_build "$atom"
kill -KILL "$bg" 2>/dev/null
wait "$bg" 2>/dev/null
bg=
kill $(gnuplots_alive) 2>/dev/null
why=
ls -d "$atom".tmp-* >/dev/null 2>&1 || why="SIGKILL left no $atom.tmp-* (the test lost its premise)"
[ -z "$why" ] && why=$(same_tree "$T/atom.snapshot" "$atom")
result "interrupt: SIGKILL during the figures leaves the previous site as it was" "$why"
wb build --content "$FIXTURE" --templates templates --out "$atom" --formats svg --jobs "$JOBS"
why=$(status_problem 0)
[ -z "$why" ] && ! grep -q "^warning: $atom.tmp-[A-Za-z0-9]*: removed, left behind by an interrupted build" "$T/err" &&
	why="no 'removed, left behind' warning"
[ -z "$why" ] && why=$(leftovers "$atom")
result "interrupt: the next build removes what a SIGKILLed build left beside OUT" "$why"

section "interrupted build"

# A cohort with more tasks than a pipe holds numbers (16k): the work queue must not block
# (it once was a pipe filled before any worker started, and such a build hung forever).
# In memory when it can be: 16,500 small files are slow on some disks.
MANY=$T
[ -d /dev/shm ] && [ -w /dev/shm ] && MANY=$(mktemp -d /dev/shm/washboard-many.XXXXXX)
/usr/bin/python3 - "$MANY/many" <<'PY'
import json, os, sys
out = sys.argv[1]
os.makedirs(os.path.join(out, "models", "c"))
json.dump({"title": "Many", "cohorts": [{"id": "c", "title": "C"}]}, open(os.path.join(out, "site.json"), "w"))
bench = [{"id": "cap%d" % j, "role": "capability", "higher_is_better": True} for j in range(3)]
bench.append({"id": "s", "role": "safety", "area": "a", "higher_is_better": True})
json.dump({"benchmarks": bench}, open(os.path.join(out, "benchmarks.json"), "w"))
for i in range(16500):
    x = (i * 7919 % 1000) / 1000
    json.dump({"scores": {"cap0": x, "cap1": x * x, "cap2": 1 - x, "s": (i * 31 % 97) / 97}},
              open(os.path.join(out, "models", "c", "m%05d.json" % i), "w"))
PY
"$WB" build -q --no-figures --bootstrap 0 --jobs "$JOBS" --content "$MANY/many" \
	--templates templates --out "$MANY/many-site" >"$T/out" 2>"$T/err" &
bg=$!
waited=0
while kill -0 "$bg" 2>/dev/null && [ "$waited" -lt 240 ]; do
	sleep 1
	waited=$((waited + 1))
done
if kill -0 "$bg" 2>/dev/null; then
	kill -KILL "$bg" 2>/dev/null
	why="the build of 16,500 models did not finish in 240 s (a blocked work queue?)"
else
	wait "$bg"
	rc=$?
	why=$(status_problem 0)
	[ -z "$why" ] && [ ! -f "$MANY/many-site/c/models/m16499.html" ] && why="no page for the last model"
fi
bg=
result "tasks: a build of 16,500 models (more tasks than a pipe holds) finishes" "$why"
# the lock files beside the content and the site go too
rm -rf "$MANY/many" "$MANY/many-site" "$MANY/.many.content-lock" "$MANY/.many-site.lock"
[ "$MANY" != "$T" ] && rmdir "$MANY"

echo "# note: $(($(date +%s) - start)) s in all"
tl_summary
