#!/bin/sh
# The report's schema (generator/report.h) against real reports: the bundled content with and
# without the bootstrap, the site fixture (hostile names, a cohort without a score) and the
# uncertainty fixture with imputation and reduced scores.
# usage: tests/schema.sh BUILD_DIR   (from the repository root); ends with "N passed, N failed"
build=${1:-build}
T=$(mktemp -d "${TMPDIR:-/tmp}/washboard-schema.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
"$build/washboard" analyze -q --format json --bootstrap 200 >"$T/bundled.json" &&
	"$build/washboard" analyze -q --format json --bootstrap 0 >"$T/point.json" &&
	"$build/washboard" analyze -q --format json --bootstrap 100 \
		--content tests/fixtures/site/content >"$T/fixture.json" &&
	"$build/washboard" analyze -q --format json --bootstrap 100 --impute svd --reduced-score \
		--content tests/fixtures/uncertainty/content >"$T/imputed.json" || {
	echo "not ok - washboard analyze failed"
	echo "0 passed, 1 failed"
	exit 1
}
exec /usr/bin/python3 tests/report_schema.py "$T/bundled.json" "$T/point.json" "$T/fixture.json" \
	"$T/imputed.json"
