/*
 * import_oll.c - `washboard import open-llm-leaderboard`: the Open LLM Leaderboard's results.
 *
 * v1 (2023-2024) published lighteval "details" files: config_general.model_name, and
 * results keyed "suite|task|shots" ("harness|arc:challenge|25", "harness|truthfulqa:mc|0",
 * 57 "harness|hendrycksTest-*|5" for MMLU) holding plain acc/acc_norm/mc1/mc2 with their
 * "_stderr", no sample counts and no date but in the file name (results_2023-10-23T05-40-09
 * .123456.json). They map through sources of harness "open-llm-leaderboard", whose task is
 * the task name ("arc:challenge": any number of shots) or name and shots ("arc:challenge|25").
 *
 * v2 (2024-2025) files are lm-evaluation-harness v0.4 results with "leaderboard_*" tasks:
 * they are read as `import lm-eval` reads them, through "lm-eval" sources.
 */
#include "importers.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "buf.h"
#include "content.h"
#include "import.h"
#include "import_runs.h"
#include "util.h"
#include "value.h"

/* Does a source's task ("arc:challenge" or "arc:challenge|25") name log key "harness|arc:challenge|25"? */
static bool oll_same(const char *want, const char *key)
{
	const char *task = strchr(key, '|'), *shots;
	size_t n;
	if (!task)
		return strcmp(want, key) == 0;
	task++;
	shots = strchr(task, '|');
	n = shots ? (size_t)(shots - task) : strlen(task);
	return (strncmp(want, task, n) == 0 && want[n] == '\0') || strcmp(want, task) == 0;
}

static const struct value *oll_task(const struct import_run *r, const char *name)
{
	const struct value *results = value_get(r->doc, "results");
	for (size_t i = 0; results && results->kind == VALUE_OBJECT && i < results->n; i++)
		if (results->items[i]->kind == VALUE_OBJECT && oll_same(name, results->keys[i]))
			return results->items[i];
	return NULL;
}

static const char *oll_metric(const struct value *task, const char *metric, struct buf *key)
{
	buf_reset(key);
	buf_puts(key, metric);
	return value_get(task, metric) ? buf_str(key) : NULL;
}

static void oll_stderr_key(const char *key, struct buf *out)
{
	buf_reset(out);
	buf_printf(out, "%s_stderr", key);
}

/* v1 details files give no sample counts. */
static double oll_count(const struct import_run *r, const char *name)
{
	(void)r;
	(void)name;
	return NAN;
}

static const struct import_tasks oll_tasks = {"open-llm-leaderboard", oll_task, oll_metric,
					      oll_stderr_key, oll_count, oll_same};

static size_t apply_oll(const struct import_ctx *x, const struct import_run *r,
			struct value *scores, struct value *unmapped)
{
	const struct value *results = value_get(r->doc, "results");
	size_t applied;

	if (!import_is_oll_v1(r->doc))
		return import_lm_eval_harness.apply(x, r, scores, unmapped);
	applied = import_apply_tasks(&oll_tasks, x, r, scores);
	for (size_t t = 0; results && t < results->n; t++)
		if (strcmp(results->keys[t], "all") != 0 &&
		    !import_task_mapped(&oll_tasks, x, results->keys[t]))
			value_set_bool(unmapped, results->keys[t], true);
	return applied;
}

static bool oll_wanted(const char *name)
{
	return ends_with(name, ".json");
}

static bool oll_recognise(const struct value *doc)
{
	const struct value *results = value_get(doc, "results");
	if (import_is_oll_v1(doc))
		return results && results->kind == VALUE_OBJECT;
	return import_lm_eval_harness.recognise(doc);
}

/* "results_2023-10-23T05-40-09.123456.json" -> 20231023054009, 0 when it has no date. */
static double date_from_name(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	double d = 0;
	int digits = 0;
	if (strncmp(base, "results_", 8) != 0)
		return 0;
	for (const char *p = base + 8; *p && *p != '.' && digits < 14; p++)
		if (*p >= '0' && *p <= '9') {
			d = d * 10 + (*p - '0');
			digits++;
		}
	return digits == 14 ? d : 0;
}

static int oll_open(const char *path, struct import_run *r, const struct import_lm_eval_options *o)
{
	const struct value *cfg = value_get(r->doc, "config_general");
	const char *model;

	if (r->doc->kind != VALUE_OBJECT || !import_is_oll_v1(r->doc))
		return import_lm_eval_harness.open(path, r, o);
	if (!oll_recognise(r->doc)) {
		diag_error(path, 0, 0, "not an Open LLM Leaderboard details file (no 'results' object)");
		return -1;
	}
	model = value_get_string(cfg, "model_name");
	if (!o->model_id && (!model || !model[0])) {
		diag_error(path, 0, 0, "no config_general.model_name: pass --model-id");
		return -1;
	}
	r->model = xstrdup(o->model_id ? o->model_id : model);
	r->date = date_from_name(path);
	return 0;
}

static const struct import_harness oll_harness = {
	"open-llm-leaderboard", "Open LLM Leaderboard", oll_wanted, oll_recognise, oll_open,
	apply_oll, NULL};

int import_open_llm_leaderboard(const struct import_lm_eval_options *o)
{
	return import_runs(&oll_harness, o);
}
