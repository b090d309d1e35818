#!/bin/sh
# tests/imports.sh BUILD_DIR: `washboard import lm-eval` on the fixtures in
# tests/fixtures/lm-eval/ (v0.4 runs with NaN/Infinity tokens, "N/A" stderr, groups and
# filters; a v0.3 file), `import csv --long`, their errors, and the README's new-release
# walkthrough end to end.
# Prints ok/not ok lines and ends with "N passed, N failed" (tests/lib.sh).
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
tl_washboard "${1:-build}"
wb=$WB
fx=tests/fixtures/lm-eval
tl_tempdir imports
tmp=$T
# check NAME PYTHON-EXPR FILE: the expression over the JSON document `d` must be true
check() {
	if /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$3" 2>"$tmp/py.err"; then
		ok "$1"
	else
		not_ok "$1" "expression false: $2 ($(head -c 200 "$tmp/py.err"))"
	fi
}
# run NAME EXPECTED-EXIT STDERR-SUBSTRING COMMAND...
run() {
	name=$1 want=$2 text=$3
	shift 3
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		not_ok "$name" "exit $got, expected $want: $(head -c 300 "$tmp/err")"
	elif [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/err"; then
		not_ok "$name" "stderr lacks '$text': $(head -c 300 "$tmp/err")"
	else
		ok "$name"
	fi
}

cp -r content "$tmp/c"
m=$tmp/c/models/chat/acme-7b-chat.json
run "v0.4: two runs of one model import (exit 0)" 0 "imported 16 scores for acme-7b-chat from 2 runs" \
	"$wb" import lm-eval --content "$tmp/c" --cohort chat --params 7e9 --tokens 2e12 "$fx/run-a" "$fx/run-b"
check "v0.4: the newest run wins (arc_challenge acc_norm from run-b)" "d['scores']['arc_challenge']['value'] == 0.56" "$m"
check "v0.4: a benchmark only in the older run is kept" "d['scores']['mmlu']['value'] == 0.58" "$m"
check "v0.4: the group aggregate is used, not its leaves" "'mmlu_abstract_algebra' not in d['scores']" "$m"
check "v0.4: a metric without a filter matches any filter (bbh exact_match,get-answer)" "d['scores']['bbh']['value'] == 0.41" "$m"
check "v0.4: stderr \"N/A\" is left out, not 0" "'stderr' not in d['scores']['hellaswag']" "$m"
check "v0.4: a bare NaN stderr is left out" "'stderr' not in d['scores']['truthfulqa_mc1'] and d['scores']['truthfulqa_mc1']['value'] == 0.36" "$m"
check "v0.4: n comes from n-samples" "d['scores']['piqa']['n'] == 1838" "$m"
check "v0.4: a sign -1 mapping negates (crows_pairs likelihood_diff)" "d['scores']['crows_pairs_english']['value'] == -3.9" "$m"
check "v0.4: the model name comes from model_name, the id from its last part" "d['id'] == 'acme-7b-chat' and d['source_id'] == 'acme/Acme-7B-Chat'" "$m"
check "v0.4: FLOP estimated as 6 x params x tokens" "d['training_flop'] == 8.4e22 and d['flop_source'] == 'estimated'" "$m"
if grep -q 'my_custom_task' "$tmp/err" && ! grep -q 'mmlu_abstract_algebra\|bbh_boolean' "$tmp/err"; then
	ok "v0.4: unmapped tasks are listed in one warning, leaves of mapped groups are not"
else
	not_ok "v0.4: unmapped tasks are listed in one warning, leaves of mapped groups are not" "$(cat "$tmp/err")"
fi

/usr/bin/python3 -c "import json,sys; p=sys.argv[1]; d=json.load(open(p)); d['family']='acme'; json.dump(d, open(p,'w'))" "$m"
run "re-import keeps keys the import does not set" 0 "" \
	"$wb" import lm-eval --content "$tmp/c" --cohort chat "$fx/run-b"
check "re-import keeps keys the import does not set (family)" "d.get('family') == 'acme' and d['scores']['mmlu']['value'] == 0.58" "$m"

run "v0.3: model from config.model_args (string)" 0 "imported 2 scores for old-1b" \
	"$wb" import lm-eval --content "$tmp/c" --cohort base "$fx/v03/results.json"
check "v0.3: results.task.acc with acc_stderr" "d['scores']['superglue_copa'] == {'value': 0.81, 'stderr': 0.039}" "$tmp/c/models/base/old-1b.json"

# errors: nothing written, a clear message
cp -r "$tmp/c" "$tmp/before"
printf '{"results": {"copa": {"acc,none": 0.5,}}}\n' >"$tmp/bad.json"
run "a syntax error names FILE:LINE:COL (exit 3)" 3 "bad.json:1:39:" \
	"$wb" import lm-eval --content "$tmp/c" --cohort chat --model-id x "$tmp/bad.json"
printf '{"config": {}}\n' >"$tmp/nores.json"
run "a file without results is refused (exit 3)" 3 "no 'results' object" \
	"$wb" import lm-eval --content "$tmp/c" --cohort chat "$tmp/nores.json"
printf '{"results": {"copa": {"acc,none": 0.5}}}\n' >"$tmp/noname.json"
run "a run without a model name asks for --model-id (exit 3)" 3 "pass --model-id" \
	"$wb" import lm-eval --content "$tmp/c" --cohort chat "$tmp/noname.json"
run "an undeclared cohort is refused (exit 3)" 3 "cohort 'nope' is not declared" \
	"$wb" import lm-eval --content "$tmp/c" --cohort nope "$fx/run-b"
run "--training-flop and --tokens together are a usage error (exit 2)" 2 "not both" \
	"$wb" import lm-eval --content "$tmp/c" --cohort chat --params 1e9 --training-flop 1e22 --tokens 1e12 "$fx/run-b"
printf '{"results": {"nothing_mapped": {"acc,none": 0.5}}, "model_name": "z/z"}\n' >"$tmp/unmapped.json"
run "a run where no task maps is an error (exit 3)" 3 "maps to a benchmark" \
	"$wb" import lm-eval --content "$tmp/c" --cohort chat "$tmp/unmapped.json"
mkdir -p "$tmp/two"
printf '{"results": {"arc_challenge": {"acc_norm,none": 0.5}}, "model_name": "good/Fresh-1B"}\n' >"$tmp/two/results_a.json"
printf '{"results": {"nothing_mapped": {"acc,none": 0.5}}, "model_name": "bad/Other-1B"}\n' >"$tmp/two/results_b.json"
run "one bad model of two: exit 3, and the good one is not written either" 3 "model 'bad/Other-1B' maps to a benchmark" \
	"$wb" import lm-eval --content "$tmp/c" --cohort chat "$tmp/two"
mkdir -p "$tmp/same"
printf '{"results": {"arc_challenge": {"acc_norm,none": 0.5}}, "model_name": "a/Same-1B"}\n' >"$tmp/same/results_a.json"
printf '{"results": {"arc_challenge": {"acc_norm,none": 0.6}}, "model_name": "b/same-1b"}\n' >"$tmp/same/results_b.json"
run "two model names that become one id: exit 3, nothing written" 3 "becomes id 'same-1b', as an earlier model does" \
	"$wb" import lm-eval --content "$tmp/c" --cohort chat "$tmp/same"
if diff -r "$tmp/before" "$tmp/c" >/dev/null; then
	ok "failed imports wrote nothing"
else
	not_ok "failed imports wrote nothing" "$(diff -r "$tmp/before" "$tmp/c" | head -5)"
fi

# import inspect: JSON eval logs, newest wins, NaN stderr left out, .eval refused
cp -r content "$tmp/i"
run "inspect: a directory of JSON logs imports (exit 0)" 0 "from 3 runs" \
	"$wb" import inspect --content "$tmp/i" --cohort chat tests/fixtures/inspect/logs
check "inspect: the newest log wins; NaN stderr is left out; n from completed_samples" "d['scores']['truthfulqa_mc1'] == {'value': 0.4, 'n': 817}" "$tmp/i/models/chat/acme-7b-chat.json"
if grep -q 'theory_of_mind' "$tmp/err"; then ok "inspect: an unmapped task is named in the warning"; else not_ok "inspect: an unmapped task is named in the warning" "$(cat "$tmp/err")"; fi
run "inspect: an older log alone gives its own value, stderr and scored_samples" 0 "" \
	"$wb" import inspect --content "$tmp/i" --cohort chat --model-id older tests/fixtures/inspect/logs/2024-05-29T12-38-21_truthfulqa_abc.json
check "inspect: task with a package prefix maps; stderr metric and scored_samples read" "d['scores']['truthfulqa_mc1'] == {'value': 0.38, 'stderr': 0.017, 'n': 800}" "$tmp/i/models/chat/older.json"
printf 'PK\003\004' >"$tmp/log.eval"
run "inspect: a .eval archive is refused with the conversion command" 3 "inspect log convert --to json" \
	"$wb" import inspect --content "$tmp/i" --cohort chat "$tmp/log.eval"
truncate -s 65M "$tmp/huge-log.json"
run "inspect: a log over 64 MiB is refused with the header-only dump command" 3 "inspect log dump --header-only $tmp/huge-log.json > header.json" \
	"$wb" import inspect --content "$tmp/i" --cohort chat "$tmp/huge-log.json"
printf '{"eval": {"task": "x"}, "results": {}}\n' >"$tmp/unfinished.json"
run "inspect: a log without results.scores is refused" 3 "was the evaluation finished" \
	"$wb" import inspect --content "$tmp/i" --cohort chat "$tmp/unfinished.json"

# import csv --long: model,benchmark,value[,stderr,n]
printf 'model,benchmark,value,stderr,n\nAcme/X-1,truthfulqa_mc1,0.41,0.017,817\nAcme/X-1,mmlu,0.6,,\n"Acme/Y-2",mmlu,0.5,0.01,\n' >"$tmp/long.csv"
cp -r content "$tmp/l"
run "csv --long: a long table imports (exit 0)" 0 "imported 2 models" \
	"$wb" import csv --long "$tmp/long.csv" --content "$tmp/l" --cohort chat
check "csv --long: stderr and n make a score object" "d['scores']['truthfulqa_mc1'] == {'value': 0.41, 'stderr': 0.017, 'n': 817}" "$tmp/l/models/chat/acme-x-1.json"
check "csv --long: a bare value stays a number" "d['scores']['mmlu'] == 0.6 and d['source_id'] == 'Acme/X-1'" "$tmp/l/models/chat/acme-x-1.json"
printf 'model,benchmark,value\nA,mmlu,0.5\nA,mmlu,0.6\n' >"$tmp/dup.csv"
run "csv --long: two values for one model and benchmark are an error at the second" 3 "dup.csv:3:8:" \
	"$wb" import csv --long "$tmp/dup.csv" --content "$tmp/l" --cohort chat
printf 'model,value\nA,0.5\n' >"$tmp/nobench.csv"
run "csv --long: a table without a benchmark column is refused" 3 "needs the columns model,benchmark,value" \
	"$wb" import csv --long "$tmp/nobench.csv" --content "$tmp/l" --cohort chat
printf 'model,benchmark,value,stderr\nA,mmlu,0.5,-1\n' >"$tmp/negse.csv"
run "csv --long: a negative stderr is refused with its position" 3 "negse.csv:2:12:" \
	"$wb" import csv --long "$tmp/negse.csv" --content "$tmp/l" --cohort chat
printf 'model,benchmark,value,stderr,n\nA,mmlu,0.5,0.01,2.5\n' >"$tmp/fracn.csv"
run "csv --long: a fractional n is refused with its position" 3 "fracn.csv:2:17: n '2.5' is not a whole number" \
	"$wb" import csv --long "$tmp/fracn.csv" --content "$tmp/l" --cohort chat

# Every file of an import or none: the model files can be written, benchmarks.json cannot
# (as nobody: root ignores permissions), so the model files written first must go again.
as=
[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 && as="setpriv --reuid=65534 --regid=65534 --clear-groups"
if [ "$(id -u)" != 0 ] || [ -n "$as" ]; then
	cp -r content "$tmp/tx"
	chmod 755 "$tmp"
	chmod 777 "$tmp/tx/models/chat"
	chmod 555 "$tmp/tx"
	cp -r "$tmp/tx" "$tmp/tx-before"
	run "csv --long: a file that cannot be written: exit 3, and no other file was written" 3 "cannot write" \
		$as "$wb" import csv --long "$tmp/long.csv" --content "$tmp/tx" --cohort chat
	left=$(find "$tmp/tx" -name '*.tmp.*')
	if [ -z "$left" ] && diff -r "$tmp/tx-before" "$tmp/tx" >/dev/null; then
		ok "csv --long: the files written before the failure were removed"
	else
		not_ok "csv --long: the files written before the failure were removed" "$left $(diff -r "$tmp/tx-before" "$tmp/tx" | head -3)"
	fi
	chmod 755 "$tmp/tx"
	chmod 700 "$tmp"
fi

# The README walkthrough: a new model was released; import its lm-eval run, rebuild.
"$wb" analyze --content "$tmp/c" --cohort chat --format json >"$tmp/report.json" 2>"$tmp/err"
check "walkthrough: the new model gets a capabilities score" "[m for m in d['cohorts'][0]['models'] if m['id'] == 'acme-7b-chat'][0]['capability_score'] is not None" "$tmp/report.json"
check "walkthrough: it is on the decorrelated leaderboard" "[l for l in d['cohorts'][0]['leaderboard'] if l['model'] == 'acme-7b-chat'][0]['decorrelated_rank'] is not None" "$tmp/report.json"
check "walkthrough: its TruthfulQA residual is computed" "[x for b in d['cohorts'][0]['benchmarks'] if b['id'] == 'truthfulqa_mc1' for x in b['models'] if x['model'] == 'acme-7b-chat'][0]['residual'] is not None" "$tmp/report.json"
run "walkthrough: the site builds" 0 "" "$wb" build -q --no-figures --content "$tmp/c" --out "$tmp/site"
if grep -q 'acme/Acme-7B-Chat' "$tmp/site/chat/models/acme-7b-chat.html" 2>/dev/null; then
	ok "walkthrough: the model has its page"
else
	not_ok "walkthrough: the model has its page"
fi

# releases: a build per release keeps the earlier ones; diff compares two reports
run "releases: the first release builds" 0 "" "$wb" build -q --no-figures --release r1 --out "$tmp/rel"
run "releases: a second release with the new model builds" 0 "" \
	"$wb" build -q --no-figures --content "$tmp/c" --release r2 --out "$tmp/rel"
check "releases: both are listed in order" "[r['version'] for r in d['releases']] == ['r1', 'r2']" "$tmp/rel/releases/index.json"
if [ -f "$tmp/rel/releases/r1/report.json" ] && grep -q 'New model: acme/Acme-7B-Chat' "$tmp/rel/releases/r2/index.html"; then
	ok "releases: the earlier report is kept and the new page says what changed"
else
	not_ok "releases: the earlier report is kept and the new page says what changed"
fi
if [ "$(grep -c '<entry>' "$tmp/rel/feed.xml")" -eq 2 ]; then ok "releases: feed.xml has an entry per release"; else not_ok "releases: feed.xml has an entry per release"; fi
run "diff: two reports compare in the terminal" 0 "" \
	"$wb" diff "$tmp/rel/releases/r1/report.json" "$tmp/rel/releases/r2/report.json"
if grep -q 'models added (1): acme-7b-chat' "$tmp/out" && grep -q 'correlation truthfulqa_mc1' "$tmp/out"; then
	ok "diff: new models and correlation movements are listed"
else
	not_ok "diff: new models and correlation movements are listed" "$(head -c 400 "$tmp/out")"
fi
"$wb" diff --format json "$tmp/rel/releases/r1/report.json" "$tmp/rel/releases/r2/report.json" >"$tmp/diff.json" 2>/dev/null
check "diff: --format json has the same comparison" "[c for c in d['cohorts'] if c['id'] == 'chat'][0]['models_added'][0]['id'] == 'acme-7b-chat'" "$tmp/diff.json"
printf '{"x": 1}\n' >"$tmp/notreport.json"
run "diff: a file that is not a report is refused (exit 3)" 3 "not a washboard report" \
	"$wb" diff "$tmp/notreport.json" "$tmp/rel/releases/r1/report.json"

tl_summary
