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

# The fixes of issue 13, each on a fixture that imitates a real layout.
# v0.3 files named freely (Pythia's 12b-deduped_step143000.json), two checkpoints of one model
cp -r content "$tmp/p"
run "v0.3: a directory's freely named results files import; a revision makes a model of its own" 0 "imported 5 scores for pythia-12b-deduped-step3000" \
	"$wb" import lm-eval --content "$tmp/p" --cohort base "$fx/pythia"
p143=$tmp/p/models/base/pythia-12b-deduped-step143000.json
p3=$tmp/p/models/base/pythia-12b-deduped-step3000.json
check "checkpoints: step3000 and step143000 are two models, each with its own value" "d['scores']['arc_challenge']['value'] == 0.32 and json.load(open('$p3'))['scores']['arc_challenge']['value'] == 0.21" "$p143"
check "checkpoints: the name and source_id carry the revision" "d['name'] == 'EleutherAI/pythia-12b-deduped@step143000' and d['source_id'] == 'EleutherAI/pythia-12b-deduped@step143000'" "$p143"
if grep -qF "eval_config.json: not an lm-evaluation-harness log (skipped)" "$tmp/err"; then ok "directory: a JSON file that is no results file is skipped with a note"; else not_ok "directory: a JSON file that is no results file is skipped with a note" "$(cat "$tmp/err")"; fi
if grep -qF "12b-deduped_step143000.json: 1 mapped task without the mapped metric, not imported: gsm8k (maps 'exact_match'; has acc)" "$tmp/err"; then
	ok "silent drop: a mapped task without the mapped metric is reported, naming the metrics found"
else
	not_ok "silent drop: a mapped task without the mapped metric is reported, naming the metrics found" "$(cat "$tmp/err")"
fi
check "v0.3 names: crows_pairs_english likelihood_difference maps (negated), truthfulqa_mc mc1 too" "d['scores']['crows_pairs_english']['value'] == -3.61 and d['scores']['truthfulqa_mc1']['value'] == 0.22" "$p143"
check "aggregate: ANLI r1-r3 weighted by test-set size (1000, 1000, 1200), n their sum" "abs(d['scores']['anli']['value'] - (0.34*1000 + 0.336*1000 + 0.348*1200) / 3200) < 1e-12 and d['scores']['anli']['n'] == 3200" "$p143"
if grep -qF "1 aggregated source not imported: mmlu (3 of 57 parts, missing hendrycksTest-business_ethics" "$tmp/err" && ! grep -q "map to no benchmark" "$tmp/err"; then
	ok "aggregate: MMLU with 3 of its 57 v0.3 parts gives no value, with a warning; the parts are not 'unmapped'"
else
	not_ok "aggregate: MMLU with 3 of its 57 v0.3 parts gives no value, with a warning; the parts are not 'unmapped'" "$(cat "$tmp/err")"
fi
check "a zero stderr is left out (no measured uncertainty), never written as 0" "d['scores']['piqa'] == {'value': 0.76}" "$p143"
run "undated runs of one model that disagree: a warning says which won" 0 "twin_a.json both give 'arc_challenge' for model 'acme/Twin-1B' (0.41 and 0.44) and neither has a date" \
	"$wb" import lm-eval --content "$tmp/p" --cohort base "$fx/undated"
check "undated runs: the later file name won" "d['scores']['arc_challenge']['value'] == 0.44" "$tmp/p/models/base/twin-1b.json"
run "--model-id merges the checkpoints again (the older file first, so step3000 wins by name)" 0 "from 2 runs" \
	"$wb" import lm-eval --content "$tmp/p" --cohort base --model-id pythia-12b "$fx/pythia"
run "--name sets the display name" 0 "" \
	"$wb" import lm-eval --content "$tmp/p" --cohort chat --name "Acme 7B Chat" "$fx/run-a"
check "--name sets the display name (the id still comes from the model name)" "d['name'] == 'Acme 7B Chat' and d['id'] == 'acme-7b-chat'" "$tmp/p/models/chat/acme-7b-chat.json"
if grep -qF "no 'none' filter, so used (in the order none, strict-match, flexible-extract, then by name): bbh exact_match,get-answer, gsm8k exact_match,strict-match" "$tmp/err"; then
	ok "filters: without 'none' the documented order picks strict-match, and a note says which was used"
else
	not_ok "filters: without 'none' the documented order picks strict-match, and a note says which was used" "$(cat "$tmp/err")"
fi
check "filters: gsm8k took exact_match,strict-match" "d['scores']['gsm8k']['value'] == 0.35" "$tmp/p/models/chat/acme-7b-chat.json"
run "inspect: a cancelled log is refused, saying so (exit 3)" 3 "the evaluation was cancelled (status 'cancelled', 3 of 817 samples)" \
	"$wb" import inspect --content "$tmp/p" --cohort chat "$fx/../inspect/incomplete/2024-07-01T10-00-00_truthfulqa_cancelled.json"
run "inspect: a failed log is refused (exit 3)" 3 "the evaluation failed (status 'error'" \
	"$wb" import inspect --content "$tmp/p" --cohort chat "$fx/../inspect/incomplete"
run "inspect: --allow-incomplete imports a cancelled log, with a warning" 0 "imported although the evaluation was cancelled" \
	"$wb" import inspect --content "$tmp/p" --cohort chat --allow-incomplete "$fx/../inspect/incomplete/2024-07-01T10-00-00_truthfulqa_cancelled.json"
check "inspect: --allow-incomplete: the 3 samples' score, n = 3" "d['scores']['truthfulqa_mc1'] == {'value': 0.6667, 'stderr': 0.27, 'n': 3}" "$tmp/p/models/chat/acme-7b-chat.json"
run "inspect: a log in the older schema (results.scorer) is refused, naming inspect log convert" 3 "an Inspect log in an older schema (results.scorer, no results.scores): rewrite it in the current one with a current Inspect (inspect log convert --to json" \
	"$wb" import inspect --content "$tmp/p" --cohort chat "$fx/../inspect/old"
printf '{"version": 2, "eval": {"task": "truthfulqa", "model": "a/b"}, "results": {"scorers": [{"name": "choice"}]}}\n' >"$tmp/scorers.json"
run "inspect: a log with results.scorers is refused too" 3 "older schema (results.scorers" \
	"$wb" import inspect --content "$tmp/p" --cohort chat "$tmp/scorers.json"
run "lm-eval: an Open LLM Leaderboard v1 file is refused with the command to use" 3 "import it with 'washboard import open-llm-leaderboard'" \
	"$wb" import lm-eval --content "$tmp/p" --cohort base tests/fixtures/oll/v1/acme/Acme-7B/results_2023-10-23T05-40-09.123456.json
printf 'benchmark,harness,task,metric,sign,aggregate,parts\nmmlu,lm-eval,mmlu,acc,1,mean,a:10 b:30\n' >"$tmp/agg-map.csv"
printf 'model,mmlu\nm1,0.5\n' >"$tmp/agg.csv"
mkdir -p "$tmp/agg"
printf '{"title": "t", "cohorts": [{"id": "base", "title": "Base"}]}\n' >"$tmp/agg/site.json"
run "task map: the aggregate and parts columns make an aggregated source" 0 "" \
	"$wb" import csv --content "$tmp/agg" --cohort base --matrix "$tmp/agg.csv" --task-map "$tmp/agg-map.csv"
check "task map: parts 'task:count' become parts and weights" "d['benchmarks'][0]['sources'] == [{'harness': 'lm-eval', 'task': 'mmlu', 'metric': 'acc', 'aggregate': 'mean', 'parts': ['a', 'b'], 'weights': [10, 30]}]" "$tmp/agg/benchmarks.json"
/usr/bin/python3 -c "import json,sys; p=sys.argv[1]; d=json.load(open(p)); d['benchmarks'][0]['sources'][0]['aggregate'] = 'median'; json.dump(d, open(p,'w'))" "$tmp/agg/benchmarks.json"
mkdir -p "$tmp/agg/models/base"
printf '{"results": {"a": {"acc": 0.5}, "b": {"acc": 0.7}}, "config": {"model_args": "pretrained=x/agg-1b"}}\n' >"$tmp/agg-run.json"
run "aggregate: a malformed aggregated source is reported at its place and not used" 3 "agg/benchmarks.json:1:148: sources[0] of 'mmlu' is not used: an aggregated source needs \"aggregate\": \"mean\" or \"weighted\"" \
	"$wb" import lm-eval --content "$tmp/agg" --cohort base "$tmp/agg-run.json"

# HELM walkthrough: a suite directory (benchmark_output/runs/v1.0.0) of HELM Safety runs
hs=tests/fixtures/helm/benchmark_output/runs/v1.0.0
cp -r content "$tmp/h"
run "helm: a suite directory imports (exit 0)" 0 "imported 3 scores for acme-7b-chat from 5 runs" \
	"$wb" import helm --content "$tmp/h" --cohort chat "$hs"
hm=$tmp/h/models/chat/acme-7b-chat.json
check "helm: the group's main metric on its main split, the perturbed stat left out; n from num_instances; no stderr" "d['scores']['helm-safety-harm_bench'] == {'value': 0.912, 'n': 400}" "$hm"
check "helm: sub-splits pooled by count, as helm-summarize pools them (0.9 x 1 + 0.7 x 3) / 4" "abs(d['scores']['helm-safety-bbq']['value'] - 0.75) < 1e-12" "$hm"
check "helm: a model's runs in one group pooled ((0.96 + 0.9 x 3) / 4, n 250 + 200)" "abs(d['scores']['helm-safety-xstest']['value'] - 0.915) < 1e-12 and d['scores']['helm-safety-xstest']['n'] == 450" "$hm"
check "helm: a new model is named by schema.json's display name; the id from adapter_spec.model" "d['name'] == 'Other 1B Instruct' and d['source_id'] == 'other/other-1b-instruct' and d['source'].startswith('HELM: harm_bench:model=')" "$tmp/h/models/chat/other-1b-instruct.json"
if grep -qF "a HELM run without stats.json (skipped" "$tmp/err" && grep -qF "map to no benchmark and were not imported: mmlu" "$tmp/err" &&
	grep -qF "for benchmarks of role 'ignore'" "$tmp/err"; then
	ok "helm: a run without stats.json is skipped with a note; unmapped groups are listed; role-ignore benchmarks are noted"
else
	not_ok "helm: a run without stats.json is skipped with a note; unmapped groups are listed; role-ignore benchmarks are noted" "$(cat "$tmp/err")"
fi
/usr/bin/python3 -c "import json,sys; p=sys.argv[1]; d=json.load(open(p)); [b.update(role='safety') for b in d['benchmarks'] if b['id'].startswith('helm-safety-')]; json.dump(d, open(p,'w'), indent=2)" "$tmp/h/benchmarks.json"
"$wb" analyze --content "$tmp/h" --cohort chat --bootstrap 0 --format json >"$tmp/helm-report.json" 2>"$tmp/err"
check "helm walkthrough: set to role safety, the HarmBench scores are analysed" "[b for b in d['cohorts'][0]['benchmarks'] if b['id'] == 'helm-safety-harm_bench'][0]['n_values'] == 2" "$tmp/helm-report.json"
cp -r "$hs" "$tmp/v1.1.0"
/usr/bin/python3 -c "import json,sys; p=sys.argv[1]; d=json.load(open(p)); d[0]['sum'] = d[0]['mean'] = 0.5; json.dump(d, open(p,'w'))" "$tmp/v1.1.0/harm_bench:model=acme_acme-7b-chat/stats.json"
run "helm: the same run in two suites counts once, from the suite given later" 0 "" \
	"$wb" import helm --content "$tmp/h" --cohort chat "$hs" "$tmp/v1.1.0"
check "helm: the same run in two suites counts once, from the suite given later (0.5, not pooled)" "d['scores']['helm-safety-harm_bench']['value'] == 0.5 and d['scores']['helm-safety-xstest']['n'] == 450" "$hm"
run "helm: a directory with no runs is an error (exit 3)" 3 "no HELM logs found" \
	"$wb" import helm --content "$tmp/h" --cohort chat tests/fixtures/lm-eval/run-b

# Open LLM Leaderboard walkthrough: v1 details files (two dates) and a v2 results file
cp -r content "$tmp/o"
run "oll v1: a model's details files import, oldest first (exit 0)" 0 "imported 10 scores for acme-7b from 2 runs" \
	"$wb" import open-llm-leaderboard --content "$tmp/o" --cohort base tests/fixtures/oll/v1
om=$tmp/o/models/base/acme-7b.json
check "oll v1: the newer file (by the date in its name) wins; arc:challenge|25 acc_norm, hellaswag acc, truthfulqa:mc mc1" "d['scores']['arc_challenge'] == {'value': 0.53, 'stderr': 0.0145} and d['scores']['hellaswag']['value'] == 0.6 and d['scores']['truthfulqa_mc1']['value'] == 0.26" "$om"
check "oll v1: MMLU is its 57 hendrycksTest tasks weighted by test-set size (n 14042)" "d['scores']['mmlu']['n'] == 14042 and abs(d['scores']['mmlu']['value'] - 0.4700541233442529) < 1e-12" "$om"
if grep -qF "requests_acme__Acme-7B_eval_request_False_float16_Original.json: not an Open LLM Leaderboard log (skipped)" "$tmp/err" && grep -qF "harness|gsm8k|5" "$tmp/err"; then
	ok "oll v1: a request file is skipped with a note; gsm8k (v0.3 scoring) is listed as unmapped"
else
	not_ok "oll v1: a request file is skipped with a note; gsm8k (v0.3 scoring) is listed as unmapped" "$(cat "$tmp/err")"
fi
run "oll v2: an lm-eval v0.4 file with leaderboard_* tasks imports (exit 0)" 0 "imported 6 scores for acme-7b-chat from 1 run" \
	"$wb" import oll --content "$tmp/o" --cohort chat tests/fixtures/oll/v2
ov=$tmp/o/models/chat/acme-7b-chat.json
check "oll v2: the leaderboard_* tasks land in the registry's oll2-* benchmarks; \"N/A\" stderrs left out" "d['scores']['oll2-ifeval'] == {'value': 0.3771, 'stderr': 0.0209, 'n': 541} and d['scores']['oll2-math_hard'] == {'value': 0.0453} and d['scores']['oll2-mmlu_pro']['n'] == 12032" "$ov"
check "oll v2: a commit-hash revision pins a version of the same model: no suffix in the id" "d['id'] == 'acme-7b-chat'" "$ov"

# LaTeX tables for papers: analyze --format latex and the site's .tex beside each CSV, with a
# hostile benchmark name, cohort title and model names; compiled with pdflatex when there is
# one (Debian's texlive-latex-base, installed here when apt-get can and it is missing).
cp -r tests/fixtures/site/content "$tmp/tex"
hostile='R&D 100% $x$ #1 a_b {c} ~d ^e \f <g> |h| "q" --- [z] Ünïcödé 中文 Σρ→'
/usr/bin/python3 -c "
import json,sys
p=sys.argv[1]+'/benchmarks.json'; d=json.load(open(p))
[b.update(name=sys.argv[2]) for b in d['benchmarks'] if b['id'] == 'harm-refusal']
json.dump(d, open(p,'w'), indent=2)
p=sys.argv[1]+'/site.json'; d=json.load(open(p))
[c.update(title='Chat & co. 50% #2 \\\\ ~') for c in d['cohorts'] if c['id'] == 'chat']
json.dump(d, open(p,'w'), indent=2)" "$tmp/tex" "$hostile"
run "latex: analyze --format latex (exit 0)" 0 "" \
	"$wb" analyze --content "$tmp/tex" --format latex --bootstrap 200 --jobs 2
cp "$tmp/out" "$tmp/tables.tex"
esc='R\&D 100\% \$x\$ \#1 a\_b \{c\} \textasciitilde{}d \textasciicircum{}e \textbackslash{}f \textless{}g\textgreater{} \textbar{}h\textbar{} \textquotedbl{}q\textquotedbl{} -{}-{}- {[}z{]} Ünïcödé ?? \ensuremath{\Sigma}\ensuremath{\rho}?'
if grep -qF -- "$esc & safety &" "$tmp/tables.tex" && grep -qF 'Chat \& co. 50\% \#2 \textbackslash{} \textasciitilde{}:' "$tmp/tables.tex"; then
	ok "latex: names and titles are escaped (& % \$ # _ { } ~ ^ \\ < > | \" -- [ ]); Latin-1 kept, other characters transliterated"
else
	not_ok "latex: names and titles are escaped (& % \$ # _ { } ~ ^ \\ < > | \" -- [ ]); Latin-1 kept, other characters transliterated" "$(grep -F 'safety &' "$tmp/tables.tex" | head -3)"
fi
"$wb" analyze --cohort chat --format latex --bootstrap 200 --jobs 2 >"$tmp/chat.tex" 2>/dev/null
if grep -q '\\toprule' "$tmp/tables.tex" && grep -qF 'Capabilities $\rho$ [95\% CI]' "$tmp/chat.tex" &&
	grep -Eq '& [0-9]+ & (\$-\$)?[01]\.[0-9]{2} \[(\$-\$)?[01]\.[0-9]{2}, (\$-\$)?[01]\.[0-9]{2}\] & .* \((firm|likely|uncertain|unstable)[a-z ]*\) \\\\$' "$tmp/chat.tex"; then
	ok "latex: a booktabs table per cohort: n, capabilities rho with its interval, compute rho, verdict (confidence)"
else
	not_ok "latex: a booktabs table per cohort: n, capabilities rho with its interval, compute rho, verdict (confidence)" "$(sed -n '1,14p' "$tmp/chat.tex")"
fi
"$wb" analyze --content "$tmp/tex" --format latex --bootstrap 0 >"$tmp/tables0.tex" 2>/dev/null
if ! grep -q 'CI\]' "$tmp/tables0.tex" && ! grep -Eq '\((firm|likely|uncertain|unstable)' "$tmp/tables0.tex" && grep -q '\\bottomrule' "$tmp/tables0.tex"; then
	ok "latex: --bootstrap 0 gives the same table without intervals or confidence"
else
	not_ok "latex: --bootstrap 0 gives the same table without intervals or confidence" "$(sed -n '8,12p' "$tmp/tables0.tex")"
fi
run "latex: the site build writes a .tex beside each CSV download" 0 "" \
	"$wb" build -q --no-figures --bootstrap 100 --content "$tmp/tex" --out "$tmp/texsite"
missing=$(cd "$tmp/texsite" && for c in $(find data -name '*.csv'); do [ -f "${c%.csv}.tex" ] || echo "$c"; done)
if [ -z "$missing" ] && [ -f "$tmp/texsite/data/chat/models.tex" ] && grep -q '\\label{tab:washboard-chat-models}' "$tmp/texsite/data/chat/models.tex"; then
	ok "latex: every data/**/X.csv has its X.tex"
else
	not_ok "latex: every data/**/X.csv has its X.tex" "missing: $missing"
fi
if ! command -v pdflatex >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "# note: installing texlive-latex-base for the LaTeX compile test"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends texlive-latex-base >"$tmp/apt.log" 2>&1 ||
		{ apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends texlive-latex-base >"$tmp/apt.log" 2>&1; }
fi
if command -v pdflatex >/dev/null 2>&1; then
	# booktabs is in texlive-latex-recommended: without it, its three rules as \hline
	if kpsewhich booktabs.sty >/dev/null 2>&1; then
		rules='\usepackage{booktabs}'
	else
		echo "# note: no booktabs.sty (texlive-latex-recommended): its rules stand in as \\hline"
		rules='\newcommand\toprule{\hline}\newcommand\midrule{\hline}\newcommand\bottomrule{\hline}'
	fi
	for f in "$tmp/tables.tex" "$tmp/tables0.tex" "$tmp/chat.tex" "$tmp/texsite/data/chat/models.tex" "$tmp/texsite/data/chat/benchmarks/harm-refusal.tex" "$tmp/texsite/data/base/leaderboard.tex"; do
		name=$(basename "$f" .tex)-$(basename "$(dirname "$f")")
		printf '\\documentclass{article}\n\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n%s\n\\begin{document}\n\\input{%s}\n\\end{document}\n' "$rules" "$f" >"$tmp/$name-doc.tex"
		if (cd "$tmp" && pdflatex -interaction=nonstopmode -halt-on-error "$name-doc.tex" >"$tmp/$name-pdflatex.log" 2>&1) && [ -s "$tmp/$name-doc.pdf" ]; then
			ok "latex: $(basename "$(dirname "$f")")/$(basename "$f") with a hostile name compiles with pdflatex"
		else
			not_ok "latex: $(basename "$(dirname "$f")")/$(basename "$f") with a hostile name compiles with pdflatex" "$(grep -A3 '^!' "$tmp/$name-pdflatex.log" | head -8)"
		fi
	done
else
	ok "latex: compile test # SKIP no pdflatex (apt-get install texlive-latex-base)"
fi

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
check "walkthrough: it has a decorrelated score but, with 2 of 10 safety areas, no rank (listed apart)" "[(l['decorrelated_score'] is not None and l['decorrelated_rank'] is None and not l['ranked']) for l in d['cohorts'][0]['leaderboard'] if l['model'] == 'acme-7b-chat'][0]" "$tmp/report.json"
"$wb" analyze --content "$tmp/c" --cohort chat --format json --bootstrap 0 --min-coverage 0 >"$tmp/report0.json" 2>"$tmp/err"
check "walkthrough: --min-coverage 0 ranks it on the decorrelated leaderboard" "[l for l in d['cohorts'][0]['leaderboard'] if l['model'] == 'acme-7b-chat'][0]['decorrelated_rank'] is not None" "$tmp/report0.json"
check "walkthrough: its TruthfulQA residual is computed" "[x for b in d['cohorts'][0]['benchmarks'] if b['id'] == 'truthfulqa_mc1' for x in b['models'] if x['model'] == 'acme-7b-chat'][0]['residual'] is not None" "$tmp/report.json"
# The published site: the bundled release (the content before the import), then the import,
# then a build as the README says: a new release, since a published one is never rewritten.
unset SOURCE_DATE_EPOCH
pub=$tmp/pub
run "walkthrough: the bundled release is published" 0 "" "$wb" build -q --no-figures --out "$pub"
cp -a "$pub" "$tmp/pub-before"
run "walkthrough: rebuilding the published release with the new model fails (exit 3), saying what to do" 3 \
	"release '2024.07-paper' is already published, with another report than this build's" \
	"$wb" build -q --no-figures --content "$tmp/c" --out "$pub"
if grep -qF 'bump "version" in' "$tmp/err" && grep -qF -- '--release NEW_VERSION' "$tmp/err" &&
	diff -r "$tmp/pub-before" "$pub" >/dev/null; then
	ok "walkthrough: the refusal names both remedies and leaves the site as it was"
else
	not_ok "walkthrough: the refusal names both remedies and leaves the site as it was" "$(head -c 300 "$tmp/err")"
fi
run "walkthrough: the site builds as a new release (--release 2024.08-acme)" 0 "" \
	"$wb" build -q --no-figures --content "$tmp/c" --release 2024.08-acme --out "$pub"
if grep -q 'acme/Acme-7B-Chat' "$pub/chat/models/acme-7b-chat.html" 2>/dev/null; then
	ok "walkthrough: the model has its page"
else
	not_ok "walkthrough: the model has its page"
fi
check "walkthrough: both releases are listed, the old one kept" "[r['version'] for r in d['releases']] == ['2024.07-paper', '2024.08-acme']" "$pub/releases/index.json"
check "walkthrough: --release is the report's version" "d['site']['version'] == '2024.08-acme'" "$pub/data/report.json"
check "walkthrough: the archived old release still has its own version" "d['site']['version'] == '2024.07-paper' and not [m for m in d['cohorts'][1]['models'] if m['id'] == 'acme-7b-chat']" "$pub/releases/2024.07-paper/report.json"
why=
grep -q 'release 2024.08-acme\.</p>' "$pub/index.html" || why="the footer does not name release 2024.08-acme"
grep -q 'note   = {washboard audit, release 2024.08-acme}' "$pub/chat/benchmarks/mt_bench.html" ||
	why="${why:+$why; }the BibTeX note does not name release 2024.08-acme"
grep -q '<title>Release 2024.08-acme</title>' "$pub/feed.xml" || why="${why:+$why; }no feed entry for 2024.08-acme"
grep -q 'release 2024.07-paper' "$pub/index.html" "$pub/chat/benchmarks/mt_bench.html" && why="${why:+$why; }footers or BibTeX still name release 2024.07-paper"
result "walkthrough: footers, BibTeX notes and the feed name the new release" "$why"
why=$(/usr/bin/python3 - "$pub/chat/benchmarks/mt_bench.html" "$pub/chat/leaderboard.html" <<'PYEOF'
import re, sys
page, lb = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
sec = page.split('id="across-releases"', 1)
if len(sec) < 2:
    print("no 'Across releases' on the MT-Bench page"); sys.exit()
rows = re.findall(r'<tr>\s*<td><a href="\.\./\.\./releases/([^/]+)/index\.html">[^<]*</a>([^<]*)</td>(.*?)</tr>', sec[1].split("</table>")[0], re.S)
if [r[0] for r in rows] != ["2024.07-paper", "2024.08-acme"]:
    print("history rows %r" % [r[0] for r in rows]); sys.exit()
for ver, mark, cells in rows:
    if not re.search(r"\[-?\d+%, -?\d+%\]", cells):
        print("release %s has no bootstrap interval: %r" % (ver, cells[:200])); sys.exit()
if "(this release)" not in rows[1][1]:
    print("2024.08-acme is not marked as this release")
lsec = lb.split('id="across-releases"', 1)
if len(lsec) < 2:
    print("no 'Across releases' on the leaderboard"); sys.exit()
m = re.search(r'models/acme-7b-chat\.html">[^<]*</a></td>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>', lsec[1])
if not m or m.group(1) != "" or m.group(2) != "unranked":
    print("the new model's cells are %r, want blank (not in 2024.07-paper) and unranked" % (m.groups() if m else None))
PYEOF
)
result "history: the benchmark page lists both releases with their intervals; the leaderboard's history has the new model" "$why"
run "walkthrough: diff of the two releases says 2024.07-paper -> 2024.08-acme" 0 "" \
	"$wb" diff "$pub/releases/2024.07-paper/report.json" "$pub/releases/2024.08-acme/report.json"
if head -n 1 "$tmp/out" | grep -q '^washboard diff: 2024.07-paper -> 2024.08-acme: [1-9][0-9]* changes$' &&
	grep -q 'models added (1): acme-7b-chat' "$tmp/out"; then
	ok "walkthrough: the diff names both releases and the new model"
else
	not_ok "walkthrough: the diff names both releases and the new model" "$(head -c 300 "$tmp/out")"
fi

# Release dates: recorded once, from the clock, and kept; a rebuild of a release is the same
# site, byte for byte.
today=$(date -u +%Y-%m-%d)
check "dates: a new release is dated now (SOURCE_DATE_EPOCH unset), not 1970" "d['releases'][1]['date'].startswith('$today') or d['releases'][1]['date'] >= '$today'" "$pub/releases/index.json"
cp -a "$pub" "$tmp/pub-snap"
SOURCE_DATE_EPOCH=86400 run "dates: a forced rebuild of the same release and content works (not a difference)" 0 "" \
	"$wb" build -q --force --no-figures --content "$tmp/c" --release 2024.08-acme --out "$pub"
unset SOURCE_DATE_EPOCH
if diff -r "$tmp/pub-snap" "$pub" >"$tmp/d" 2>&1; then
	ok "dates: the rebuild keeps the recorded date (not SOURCE_DATE_EPOCH's) and is byte-identical"
else
	not_ok "dates: the rebuild keeps the recorded date (not SOURCE_DATE_EPOCH's) and is byte-identical" "$(head -n 6 "$tmp/d")"
fi
SOURCE_DATE_EPOCH=86400 run "dates: a new release with SOURCE_DATE_EPOCH set builds" 0 "" \
	"$wb" build -q --no-figures --bootstrap 0 --content "$tmp/c" --release 2024.09-point --out "$pub"
check "dates: ... and is dated SOURCE_DATE_EPOCH, the earlier dates kept" "[r['date'] for r in d['releases']][2] == '1970-01-02T00:00:00Z' and [r['date'] for r in d['releases']][:2] == [r['date'] for r in json.load(open('$tmp/pub-snap/releases/index.json'))['releases']]" "$pub/releases/index.json"
unset SOURCE_DATE_EPOCH
run "immutability: another option (--bootstrap 0) for a published release fails (exit 3)" 3 \
	"release '2024.08-acme' is already published" \
	"$wb" build -q --no-figures --bootstrap 0 --content "$tmp/c" --release 2024.08-acme --out "$pub"
# The archived report is compared as this build's streams by: one byte short, or one over
cp -a "$pub" "$tmp/pub-cut"
rel=$tmp/pub-cut/releases/2024.08-acme/report.json
head -c "$(($(wc -c <"$rel") - 1))" "$rel" >"$tmp/cut" && mv "$tmp/cut" "$rel"
run "immutability: an archived report one byte shorter than this build's is another (exit 3)" 3 \
	"release '2024.08-acme' is already published" \
	"$wb" build -q --force --no-figures --content "$tmp/c" --release 2024.08-acme --out "$tmp/pub-cut"
rm -rf "$tmp/pub-cut"
cp -a "$pub" "$tmp/pub-cut"
printf ' ' >>"$tmp/pub-cut/releases/2024.08-acme/report.json"
run "immutability: an archived report one byte longer than this build's is another (exit 3)" 3 \
	"release '2024.08-acme' is already published" \
	"$wb" build -q --force --no-figures --content "$tmp/c" --release 2024.08-acme --out "$tmp/pub-cut"
rm -rf "$tmp/pub-cut"
run "immutability: --release must be an identifier (exit 2)" 2 "--release must be an identifier" \
	"$wb" build -q --no-figures --content "$tmp/c" --release "2024 08" --out "$pub"

# diff of a report against itself: nothing changed, in every cohort
run "diff: a report against itself (exit 0)" 0 "" \
	"$wb" diff "$pub/releases/2024.08-acme/report.json" "$pub/releases/2024.08-acme/report.json"
if head -n 1 "$tmp/out" | grep -q '^washboard diff: 2024.08-acme -> 2024.08-acme: 0 changes$' &&
	[ "$(grep -c ': unchanged$' "$tmp/out")" -eq 2 ] && ! grep -v ': unchanged$' "$tmp/out" | grep -q 'changed'; then
	ok "diff: a report against itself is '0 changes' and every cohort 'unchanged'"
else
	not_ok "diff: a report against itself is '0 changes' and every cohort 'unchanged'" "$(head -c 300 "$tmp/out")"
fi

# releases: a build per release keeps the earlier ones; diff compares two reports
run "releases: the first release builds" 0 "" "$wb" build -q --no-figures --release r1 --out "$tmp/rel"
run "releases: a second release with the new model builds" 0 "" \
	"$wb" build -q --no-figures --content "$tmp/c" --release r2 --out "$tmp/rel"
check "releases: both are listed in order" "[r['version'] for r in d['releases']] == ['r1', 'r2']" "$tmp/rel/releases/index.json"
check "releases: each archived report carries its own release as its version" "d['site']['version'] == 'r1'" "$tmp/rel/releases/r1/report.json"
if [ -f "$tmp/rel/releases/r1/report.json" ] && grep -q 'New model: acme/Acme-7B-Chat' "$tmp/rel/releases/r2/index.html"; then
	ok "releases: the earlier report is kept and the new page says what changed"
else
	not_ok "releases: the earlier report is kept and the new page says what changed"
fi
if [ "$(grep -c '<entry>' "$tmp/rel/feed.xml")" -eq 2 ]; then ok "releases: feed.xml has an entry per release"; else not_ok "releases: feed.xml has an entry per release"; fi
run "diff: two reports compare in the terminal" 0 "" \
	"$wb" diff "$tmp/rel/releases/r1/report.json" "$tmp/rel/releases/r2/report.json"
if grep -q 'models added (1): acme-7b-chat' "$tmp/out" && grep -q 'correlation truthfulqa_mc1' "$tmp/out" &&
	head -n 1 "$tmp/out" | grep -q '^washboard diff: r1 -> r2: '; then
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
