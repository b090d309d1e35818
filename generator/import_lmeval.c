/*
 * import_lmeval.c - `washboard import lm-eval`: lm-evaluation-harness results files (v0.4.x
 * and v0.3), mapped to benchmarks through the "lm-eval" sources in benchmarks.json.
 */
#include "importers.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "content.h"
#include "import.h"
#include "import_runs.h"
#include "util.h"
#include "value.h"

/* The value of key=... in a "k=v,k=v" model_args string, or NULL. Caller frees. */
static char *arg_value(const char *args, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = args; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL) {
		while (*p == ' ')
			p++;
		if (strncmp(p, key, n) == 0 && p[n] == '=')
			return xstrndup(p + n + 1, strcspn(p + n + 1, ","));
	}
	return NULL;
}

/* A model_args entry: the object's member, or key= in the string. Caller frees. */
static char *model_arg(const struct value *doc, const char *key)
{
	const struct value *args = value_get(value_get(doc, "config"), "model_args");
	if (args && args->kind == VALUE_OBJECT)
		return value_get_string(args, key) ? xstrdup(value_get_string(args, key)) : NULL;
	if (args && args->kind == VALUE_STRING)
		return arg_value(args->string, key);
	return NULL;
}

/*
 * The model a run is of: "model_name", else pretrained= in config.model_args; with the
 * revision (config.model_revision, else revision= in model_args) when it is not "main", so
 * that the checkpoints of one model are models of their own.
 */
static char *run_model(const struct value *doc)
{
	const char *name = value_get_string(doc, "model_name");
	const char *rev = value_get_string(value_get(doc, "config"), "model_revision");
	char *pretrained = NULL, *revision = NULL, *id;

	if (!name || !name[0]) {
		pretrained = model_arg(doc, "pretrained");
		name = pretrained;
	}
	if (!name || !name[0]) {
		free(pretrained);
		return NULL;
	}
	if (!rev || !rev[0]) {
		revision = model_arg(doc, "revision");
		rev = revision;
	}
	id = import_model_identity(name, rev);
	free(pretrained);
	free(revision);
	return id;
}

/* Filters in the order a metric given without one takes them (then any other, by name). */
static const char *const filter_order[] = {"none", "strict-match", "flexible-extract", NULL};

/*
 * Find metric ("acc,none", or "acc" meaning any filter, in filter_order) in a task's
 * results; fills the key that matched. v0.3 files have plain "acc".
 */
static const char *find_metric(const struct value *task, const char *metric, struct buf *key)
{
	const char *best = NULL;
	size_t mlen = strlen(metric);

	buf_reset(key);
	if (strchr(metric, ',')) {
		buf_puts(key, metric);
		return value_get(task, metric) ? buf_str(key) : NULL;
	}
	for (int f = 0; filter_order[f]; f++) {
		buf_reset(key);
		buf_printf(key, "%s,%s", metric, filter_order[f]);
		if (value_get(task, buf_str(key)))
			return buf_str(key);
	}
	for (size_t i = 0; i < task->n; i++)
		if (strncmp(task->keys[i], metric, mlen) == 0 && task->keys[i][mlen] == ',' &&
		    (!best || strcmp(task->keys[i], best) < 0))
			best = task->keys[i];
	buf_reset(key);
	buf_puts(key, best ? best : metric);
	return best || value_get(task, metric) ? buf_str(key) : NULL;
}

/* "acc,none" -> "acc_stderr,none"; "acc" -> "acc_stderr" */
static void stderr_key(const char *key, struct buf *se)
{
	const char *comma = strchr(key, ',');
	buf_reset(se);
	buf_add(se, key, comma ? (size_t)(comma - key) : strlen(key));
	buf_puts(se, "_stderr");
	if (comma)
		buf_puts(se, comma);
}

static const struct value *lm_eval_task(const struct import_run *r, const char *name)
{
	const struct value *task = value_get(value_get(r->doc, "results"), name);
	if (!task || task->kind != VALUE_OBJECT)
		task = value_get(value_get(r->doc, "groups"), name);
	return task && task->kind == VALUE_OBJECT ? task : NULL;
}

static double lm_eval_count(const struct import_run *r, const char *name)
{
	return import_number(value_get(value_get(r->doc, "n-samples"), name), "effective");
}

static bool same_name(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static const struct import_tasks lm_eval_tasks = {"lm-eval", lm_eval_task, find_metric,
						  stderr_key, lm_eval_count, same_name};

/*
 * The (transitive) subtasks of the groups that some benchmark maps, as an object of
 * task -> true (caller frees). Each task is expanded once, so a cycle in "group_subtasks"
 * (a group listed under itself) ends, and nothing is walked twice.
 */
static struct value *group_covered(const struct value *doc, const struct import_ctx *x)
{
	const struct value *gs = value_get(doc, "group_subtasks");
	struct value *covered = value_object();
	const char **todo = NULL;
	size_t n = 0, cap = 0;

	for (size_t g = 0; gs && gs->kind == VALUE_OBJECT && g < gs->n; g++)
		if (import_task_mapped(&lm_eval_tasks, x, gs->keys[g])) {
			xgrow((void **)&todo, &cap, n + 1, sizeof(*todo));
			todo[n++] = gs->keys[g];
		}
	while (n) {
		const struct value *subs = value_get(gs, todo[--n]);
		for (size_t i = 0; subs && subs->kind == VALUE_ARRAY && i < subs->n; i++) {
			const char *sub = subs->items[i]->string;
			if (!sub || value_get(covered, sub))
				continue;
			value_set_bool(covered, sub, true);
			xgrow((void **)&todo, &cap, n + 1, sizeof(*todo));
			todo[n++] = sub;
		}
	}
	free(todo);
	return covered;
}

/* Apply one run's results to scores; count what mapped and list what did not. */
static size_t apply_lm_eval(const struct import_ctx *x, const struct import_run *r,
			    struct value *scores, struct value *unmapped)
{
	const struct value *results = value_get(r->doc, "results");
	size_t applied = import_apply_tasks(&lm_eval_tasks, x, r, scores);
	struct value *covered = group_covered(r->doc, x);

	for (size_t t = 0; results && results->kind == VALUE_OBJECT && t < results->n; t++) {
		if (!import_task_mapped(&lm_eval_tasks, x, results->keys[t]) &&
		    !value_get(covered, results->keys[t]))
			value_set_bool(unmapped, results->keys[t], true);
	}
	value_free(covered);
	return applied;
}

/* lm-evaluation-harness names its files results*.json; v0.3 output is named freely */
static bool lm_eval_wanted(const char *name)
{
	return ends_with(name, ".json");
}

/* An Open LLM Leaderboard v1 details file: lighteval's "config_general" and task keys. */
bool import_is_oll_v1(const struct value *doc)
{
	return value_get(doc, "config_general") != NULL;
}

static bool lm_eval_recognise(const struct value *doc)
{
	const struct value *results = value_get(doc, "results");
	return doc->kind == VALUE_OBJECT && results && results->kind == VALUE_OBJECT &&
	       !import_is_oll_v1(doc);
}

static int lm_eval_open(const char *path, struct import_run *r,
			const struct import_lm_eval_options *o)
{
	if (r->doc->kind == VALUE_OBJECT && import_is_oll_v1(r->doc)) {
		diag_error(path, 0, 0, "an Open LLM Leaderboard v1 details file (it has "
				       "'config_general'): import it with 'washboard import "
				       "open-llm-leaderboard'");
		return -1;
	}
	if (!lm_eval_recognise(r->doc)) {
		diag_error(path, r->doc->line, r->doc->col,
			   "not an lm-evaluation-harness results file (no 'results' object)");
		return -1;
	}
	r->model = o->model_id ? xstrdup(o->model_id) : run_model(r->doc);
	if (!r->model) {
		diag_error(path, 0, 0, "no model name (neither 'model_name' nor 'pretrained=' in "
				       "config.model_args): pass --model-id");
		return -1;
	}
	r->date = import_number(r->doc, "date");
	if (!isfinite(r->date))
		r->date = 0;
	return 0;
}

const struct import_harness import_lm_eval_harness = {
	"lm-eval", "lm-evaluation-harness", lm_eval_wanted, lm_eval_recognise, lm_eval_open,
	apply_lm_eval, NULL};

int import_lm_eval(const struct import_lm_eval_options *o)
{
	return import_runs(&import_lm_eval_harness, o);
}
