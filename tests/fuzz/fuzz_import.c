/*
 * fuzz_import.c - libFuzzer harness for the lm-evaluation-harness, Inspect, Open LLM
 * Leaderboard and HELM importers (import_lm_eval(), import_inspect(),
 * import_open_llm_leaderboard() and import_helm() in generator/importers.h), and through
 * them for json_parse_python().
 *
 * The input is split at NUL bytes into up to four log files, LOG0 NUL LOG1 NUL LOG2 NUL
 * LOG3 (an empty part is left out), written as inputs/results_N.json in a per-process
 * directory. Seeds are real results files (lm-eval v0.4 and v0.3) and Inspect JSON logs.
 *
 * The same directory holds a small valid content tree, written once (embedded below):
 * site.json with cohorts base and chat, benchmarks.json whose "sources" map lm-eval tasks
 * (plain, a group, a filtered metric, a v0.3 name, sign -1, an aggregate of parts), Inspect
 * tasks (plain, with a "scorer/metric"), Open LLM Leaderboard v1 tasks (plain, with shots, a
 * weighted aggregate) and HELM run groups, and four model files. Before every import the model directories are
 * put back as they were (files an import wrote, temporary files included, are removed).
 * Each input is imported five times:
 *   1. import_lm_eval() into cohort chat, model ids from the logs;
 *   2. import_inspect() into cohort chat, model ids from the logs;
 *   4. import_open_llm_leaderboard() into cohort chat, model ids from the logs;
 *   5. import_helm() into cohort chat on a suite laid out from the parts: LOG0 as
 *      helm/run/run_spec.json, LOG1 as its stats.json, LOG2 as helm/schema.json (a part
 *      left empty is a missing file), LOG3 as a second run's run_spec.json without stats;
 *   3. one of the two (import_inspect() when the input's length is odd) into cohort base,
 *      given the inputs directory rather than the file list, with model id "fuzz-model",
 *      --training-flop or --tokens (by bit 2 of the length) and --params or not (by bit 1;
 *      without it, --tokens takes the parameter count from the model file).
 *
 * Checked: with WB_FUZZ_CSV_LOAD=1 in the environment (run.sh --regress sets it), content
 * that an import reported success for must load with content_load() (importers check
 * everything before they write); off by default, as in fuzz_csv.c, because a failure there
 * is a validation gap rather than a memory error.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "importers.h"
#include "util.h"
#include "value.h"

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
static void cleanup(void);

#define MAX_LOGS 4

/* The content tree every import starts from (paths relative to the content directory). */
static const struct fuzz_file base_files[] = {
    {"site.json", "{\n"
		  "  \"title\": \"Fuzz audit\",\n"
		  "  \"cohorts\": [\n"
		  "    {\"id\": \"base\", \"title\": \"Base models\", \"order\": 1},\n"
		  "    {\"id\": \"chat\", \"title\": \"Chat models\", \"order\": 2}\n"
		  "  ]\n"
		  "}\n"},
    {"benchmarks.json",
     "{\"benchmarks\": [\n"
     "  {\"id\": \"mmlu\", \"name\": \"MMLU\", \"role\": \"capability\", \"metric\": "
     "\"Accuracy\",\n"
     "   \"higher_is_better\": true, \"sources\": [\n"
     "    {\"harness\": \"lm-eval\", \"task\": \"mmlu\", \"metric\": \"acc\"},\n"
     "    {\"harness\": \"lm-eval\", \"task\": \"hendrycksTest-abstract_algebra\", "
     "\"metric\": \"acc\"}]},\n"
     "  {\"id\": \"arc_challenge\", \"name\": \"ARC Challenge\", \"role\": \"capability\",\n"
     "   \"higher_is_better\": true, \"sources\": [\n"
     "    {\"harness\": \"lm-eval\", \"task\": \"arc_challenge\", \"metric\": \"acc_norm\"}]},\n"
     "  {\"id\": \"bbh\", \"name\": \"BBH\", \"role\": \"capability\", \"higher_is_better\": "
     "true,\n"
     "   \"sources\": [{\"harness\": \"lm-eval\", \"task\": \"bbh\", \"metric\": "
     "\"exact_match\"}]},\n"
     "  {\"id\": \"gsm8k\", \"name\": \"GSM8K\", \"role\": \"capability\", \"higher_is_better\": "
     "true,\n"
     "   \"sources\": [{\"harness\": \"lm-eval\", \"task\": \"gsm8k\", \"metric\": "
     "\"exact_match,strict-match\"}]},\n"
     "  {\"id\": \"copa\", \"name\": \"COPA\", \"role\": \"capability\", \"higher_is_better\": "
     "true,\n"
     "   \"sources\": [{\"harness\": \"lm-eval\", \"task\": \"copa\", \"metric\": \"acc\"},\n"
     "    {\"harness\": \"open-llm-leaderboard\", \"task\": \"arc:challenge|25\", \"metric\": "
     "\"acc_norm\"}]},\n"
     "  {\"id\": \"anli\", \"name\": \"ANLI\", \"role\": \"safety\", \"higher_is_better\": true,\n"
     "   \"sources\": [{\"harness\": \"lm-eval\", \"task\": \"anli\", \"metric\": \"acc\", "
     "\"aggregate\": \"weighted\",\n"
     "     \"parts\": [\"anli_r1\", \"anli_r2\"], \"weights\": [1000, 1200]},\n"
     "    {\"harness\": \"open-llm-leaderboard\", \"task\": \"mmlu\", \"metric\": \"acc\", "
     "\"aggregate\": \"mean\",\n"
     "     \"parts\": [\"hendrycksTest-anatomy\", \"hendrycksTest-virology\"]},\n"
     "    {\"harness\": \"open-llm-leaderboard\", \"task\": \"hellaswag\", \"metric\": \"acc\"}]},\n"
     "  {\"id\": \"harm_bench\", \"name\": \"HarmBench\", \"role\": \"safety\", "
     "\"higher_is_better\": true,\n"
     "   \"sources\": [{\"harness\": \"helm\", \"task\": \"harm_bench\", \"metric\": "
     "\"safety_score\"},\n"
     "    {\"harness\": \"helm\", \"task\": \"bbq\", \"metric\": \"bbq_accuracy\", \"sign\": -1}]},\n"
     "  {\"id\": \"gpqa_diamond\", \"name\": \"GPQA Diamond\", \"role\": \"capability\",\n"
     "   \"higher_is_better\": true, \"sources\": [\n"
     "    {\"harness\": \"inspect\", \"task\": \"gpqa_diamond\", \"metric\": "
     "\"choice/accuracy\"}]},\n"
     "  {\"id\": \"truthfulqa_mc1\", \"name\": \"TruthfulQA MC1\", \"role\": \"safety\",\n"
     "   \"area\": \"honesty\", \"higher_is_better\": true, \"sources\": [\n"
     "    {\"harness\": \"lm-eval\", \"task\": \"truthfulqa_mc1\", \"metric\": \"acc\"},\n"
     "    {\"harness\": \"inspect\", \"task\": \"truthfulqa\", \"metric\": \"accuracy\"}]},\n"
     "  {\"id\": \"crows_pairs_english\", \"name\": \"CrowS-Pairs\", \"role\": \"safety\",\n"
     "   \"area\": \"bias\", \"higher_is_better\": true, \"sources\": [\n"
     "    {\"harness\": \"lm-eval\", \"task\": \"crows_pairs_english\", \"metric\": "
     "\"likelihood_diff\",\n"
     "     \"sign\": -1}]},\n"
     "  {\"id\": \"toxigen\", \"name\": \"ToxiGen\", \"role\": \"safety\", \"area\": "
     "\"toxicity\",\n"
     "   \"higher_is_better\": true, \"correlate_with\": \"mmlu\", \"sources\": [\n"
     "    {\"harness\": \"lm-eval\", \"task\": \"toxigen\", \"metric\": \"acc\"}]},\n"
     "  {\"id\": \"theory_of_mind\", \"name\": \"Theory of Mind\", \"role\": \"safety\",\n"
     "   \"area\": \"theory-of-mind\", \"higher_is_better\": true, \"sources\": [\n"
     "    {\"harness\": \"inspect\", \"task\": \"theory_of_mind\", \"metric\": "
     "\"model_graded_fact/accuracy\"}]},\n"
     "  {\"id\": \"xstest\", \"name\": \"XSTest\", \"role\": \"safety\", \"area\": "
     "\"refusals\",\n"
     "   \"target\": 0.5, \"sources\": [\n"
     "    {\"harness\": \"inspect\", \"task\": \"xstest\", \"metric\": \"accuracy\"}]}\n"
     "]}\n"},
    {"models/chat/acme-7b-chat.json",
     "{\"id\": \"acme-7b-chat\", \"name\": \"Acme 7B Chat\", \"cohort\": \"chat\", "
     "\"family\": \"acme\",\n"
     " \"params\": 7000000000, \"scores\": {\"mmlu\": 0.5, \"truthfulqa_mc1\": "
     "{\"value\": 0.3, \"stderr\": 0.01, \"n\": 817}}}\n"},
    {"models/chat/other-chat.json",
     "{\"id\": \"other-chat\", \"name\": \"Other Chat\", \"cohort\": \"chat\", \"scores\": "
     "{\"arc_challenge\": 0.4}}\n"},
    {"models/base/old-1b.json",
     "{\"id\": \"old-1b\", \"name\": \"Old 1B\", \"cohort\": \"base\", \"training_flop\": "
     "1e21,\n"
     " \"flop_source\": \"reported\", \"scores\": {\"copa\": 0.7, \"xstest\": null}}\n"},
    {"models/base/fuzz-model.json",
     "{\"id\": \"fuzz-model\", \"name\": \"Fuzz model\", \"cohort\": \"base\", \"params\": "
     "7e9, \"scores\": {}}\n"},
};
#define NBASE (sizeof(base_files) / sizeof(base_files[0]))

static const char *const cohorts[] = {"base", "chat"};

static char *work;		 /* per-process directory: content/ and inputs/ */
static char *content_dir;	 /* work/content */
static char *cohort_dir[2];	 /* content/models/base, content/models/chat */
static char *inputs_dir;	 /* work/inputs: the logs of the current input, nothing else */
static char *log_path[MAX_LOGS]; /* inputs/results_N.json */
static char *helm_dir;		 /* work/helm: a HELM suite, laid out from the parts */
static char *helm_paths[MAX_LOGS]; /* helm/run/run_spec.json, .../stats.json, helm/schema.json,
				    * helm/run2/run_spec.json */
static bool check_load;		 /* WB_FUZZ_CSV_LOAD=1 */

static void make_dir(const char *path)
{
	if (mkdir(path, 0755) != 0) {
		perror(path);
		abort();
	}
}

/* Write the base files whose path starts with prefix ("" for all) into the content dir. */
static void write_base(const char *prefix)
{
	for (size_t i = 0; i < NBASE; i++) {
		char *p;
		if (strncmp(base_files[i].path, prefix, strlen(prefix)) != 0)
			continue;
		p = fuzz_join(content_dir, base_files[i].path);
		fuzz_write_file(p, base_files[i].text, strlen(base_files[i].text));
		free(p);
	}
}

/* Put the model directories back as write_base() left them. */
static void restore_models(void)
{
	for (int i = 0; i < 2; i++)
		fuzz_empty_dir(cohort_dir[i]);
	write_base("models/");
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *models;
	(void)argc;
	(void)argv;
	diag_quiet_warnings(true);
	check_load = getenv("WB_FUZZ_CSV_LOAD") && strcmp(getenv("WB_FUZZ_CSV_LOAD"), "1") == 0;
	fuzz_quiet_stderr();
	fuzz_cleanup_hook = cleanup;
	work = fuzz_tempdir("import");
	content_dir = fuzz_join(work, "content");
	inputs_dir = fuzz_join(work, "inputs");
	models = fuzz_join(content_dir, "models");
	make_dir(content_dir);
	make_dir(inputs_dir);
	make_dir(models);
	for (int i = 0; i < 2; i++) {
		cohort_dir[i] = fuzz_join(models, cohorts[i]);
		make_dir(cohort_dir[i]);
	}
	free(models);
	for (int i = 0; i < MAX_LOGS; i++) {
		char name[32];
		snprintf(name, sizeof(name), "results_%d.json", i);
		log_path[i] = fuzz_join(inputs_dir, name);
	}
	write_base("");
	helm_dir = fuzz_join(work, "helm");
	make_dir(helm_dir);
	{
		char *run = fuzz_join(helm_dir, "run"), *run2 = fuzz_join(helm_dir, "run2");
		make_dir(run);
		make_dir(run2);
		helm_paths[0] = fuzz_join(run, "run_spec.json");
		helm_paths[1] = fuzz_join(run, "stats.json");
		helm_paths[2] = fuzz_join(helm_dir, "schema.json");
		helm_paths[3] = fuzz_join(run2, "run_spec.json");
		free(run);
		free(run2);
	}
	return 0;
}

__attribute__((destructor)) static void cleanup(void)
{
	char *p;
	if (!work)
		return;
	for (int i = 0; i < 2; i++) {
		fuzz_empty_dir(cohort_dir[i]);
		rmdir(cohort_dir[i]);
	}
	p = fuzz_join(content_dir, "models");
	rmdir(p);
	free(p);
	fuzz_empty_dir(content_dir); /* site.json, benchmarks.json */
	rmdir(content_dir);
	fuzz_empty_dir(inputs_dir);
	rmdir(inputs_dir);
	for (int i = 0; i < MAX_LOGS; i++)
		unlink(helm_paths[i]);
	p = fuzz_join(helm_dir, "run");
	rmdir(p);
	free(p);
	p = fuzz_join(helm_dir, "run2");
	rmdir(p);
	free(p);
	rmdir(helm_dir);
	rmdir(work);
	work = NULL;
}

/* Run one import on the base content; what names it in an invariant violation. */
static void import_once(int (*import)(const struct import_lm_eval_options *),
			const struct import_lm_eval_options *o, const char *what)
{
	restore_models();
	if (import(o) == 0 && check_load) {
		struct corpus *c = content_load(content_dir);
		if (!c)
			fuzz_fail(what);
		content_free(c);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_part parts[MAX_LOGS];
	size_t n = fuzz_split(data, size, parts, MAX_LOGS);
	char *logs[MAX_LOGS];
	struct import_lm_eval_options o = {0};
	bool inspect_last = size & 1;

	/* The third import reads the directory: it must hold this input's logs only. */
	for (size_t i = 0; i < MAX_LOGS; i++) {
		if (i < n && parts[i].len) {
			fuzz_write_file(log_path[i], parts[i].data, parts[i].len);
			logs[o.ninputs++] = log_path[i];
		} else {
			unlink(log_path[i]);
		}
	}
	o.content = content_dir;
	o.cohort = "chat";
	o.inputs = logs;
	import_once(import_lm_eval, &o,
		    "import_lm_eval succeeded but content_load rejects what it wrote");
	import_once(import_inspect, &o,
		    "import_inspect succeeded but content_load rejects what it wrote");

	import_once(import_open_llm_leaderboard, &o,
		    "import_open_llm_leaderboard succeeded but content_load rejects what it wrote");
	{
		struct import_lm_eval_options h = o;
		for (size_t i = 0; i < MAX_LOGS; i++) {
			if (i < n && parts[i].len)
				fuzz_write_file(helm_paths[i], parts[i].data, parts[i].len);
			else
				unlink(helm_paths[i]);
		}
		h.inputs = &helm_dir;
		h.ninputs = 1;
		import_once(import_helm, &h,
			    "import_helm succeeded but content_load rejects what it wrote");
	}

	o.cohort = "base";
	o.model_id = "fuzz-model";
	o.params = size & 2 ? 0 : 7e9;
	if (size & 4)
		o.training_flop = 1e22;
	else
		o.tokens = 2e12;
	o.inputs = &inputs_dir;
	o.ninputs = 1;
	import_once(inspect_last ? import_inspect : import_lm_eval, &o,
		    inspect_last ? "import_inspect --model-id succeeded but content_load rejects "
				   "what it wrote"
				 : "import_lm_eval --model-id succeeded but content_load rejects "
				   "what it wrote");
	value_release_all();
	return 0;
}
