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

/* The model a run is of: "model_name", else pretrained= in config.model_args. */
static char *run_model(const struct value *doc)
{
	const char *name = value_get_string(doc, "model_name");
	const struct value *args = value_get(value_get(doc, "config"), "model_args");
	if (name && name[0])
		return xstrdup(name);
	if (args && args->kind == VALUE_OBJECT && value_get_string(args, "pretrained"))
		return xstrdup(value_get_string(args, "pretrained"));
	if (args && args->kind == VALUE_STRING) {
		const char *p = strstr(args->string, "pretrained=");
		if (p) {
			p += strlen("pretrained=");
			return xstrndup(p, strcspn(p, ","));
		}
	}
	return NULL;
}

/*
 * Find metric ("acc,none", or "acc" meaning any filter, preferring "none") in a task's
 * results; fills the key that matched. v0.3 files have plain "acc".
 */
static const char *find_metric(const struct value *task, const char *metric, struct buf *key)
{
	buf_reset(key);
	if (strchr(metric, ',')) {
		buf_puts(key, metric);
		return value_get(task, metric) ? buf_str(key) : NULL;
	}
	buf_printf(key, "%s,none", metric);
	if (value_get(task, buf_str(key)))
		return buf_str(key);
	for (size_t i = 0; i < task->n; i++)
		if (strncmp(task->keys[i], metric, strlen(metric)) == 0 &&
		    task->keys[i][strlen(metric)] == ',') {
			buf_reset(key);
			buf_puts(key, task->keys[i]);
			return buf_str(key);
		}
	buf_reset(key);
	buf_puts(key, metric);
	return value_get(task, metric) ? buf_str(key) : NULL;
}

/* Does some benchmark take its scores from this task of harness? */
static bool task_mapped(const struct corpus *c, const char *harness, const char *task)
{
	for (size_t b = 0; b < c->nbench; b++)
		for (size_t s = 0; s < c->benchmarks[b].nsources; s++)
			if (strcmp(c->benchmarks[b].sources[s].harness, harness) == 0 &&
			    strcmp(c->benchmarks[b].sources[s].task, task) == 0)
				return true;
	return false;
}

/*
 * The (transitive) subtasks of the groups that some benchmark maps, as an object of
 * task -> true (caller frees). Each task is expanded once, so a cycle in "group_subtasks"
 * (a group listed under itself) ends, and nothing is walked twice.
 */
static struct value *group_covered(const struct value *doc, const struct corpus *c)
{
	const struct value *gs = value_get(doc, "group_subtasks");
	struct value *covered = value_object();
	const char **todo = NULL;
	size_t n = 0, cap = 0;

	for (size_t g = 0; gs && gs->kind == VALUE_OBJECT && g < gs->n; g++)
		if (task_mapped(c, "lm-eval", gs->keys[g])) {
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
static size_t apply_lm_eval(const struct corpus *c, const struct import_run *r,
			    struct value *scores, struct value *unmapped)
{
	const struct value *results = value_get(r->doc, "results");
	const struct value *groups = value_get(r->doc, "groups");
	const struct value *nsamples = value_get(r->doc, "n-samples");
	struct value *covered;
	struct buf key = BUF_INIT, se = BUF_INIT;
	size_t applied = 0;

	for (size_t b = 0; b < c->nbench; b++) {
		const struct benchmark *bench = &c->benchmarks[b];
		for (size_t s = 0; s < bench->nsources; s++) {
			const struct source *src = &bench->sources[s];
			const struct value *task;
			const char *k;
			double v, err, n;
			char *comma;
			if (strcmp(src->harness, "lm-eval") != 0)
				continue;
			task = value_get(results, src->task);
			if (!task || task->kind != VALUE_OBJECT)
				task = value_get(groups, src->task);
			if (!task || task->kind != VALUE_OBJECT)
				continue;
			k = find_metric(task, src->metric, &key);
			v = k ? import_number(task, k) : NAN;
			if (!isfinite(v))
				continue;
			/* "acc,none" -> "acc_stderr,none"; "acc" -> "acc_stderr" */
			buf_reset(&se);
			comma = strchr(key.data, ',');
			buf_add(&se, key.data, comma ? (size_t)(comma - key.data) : key.len);
			buf_puts(&se, "_stderr");
			if (comma)
				buf_puts(&se, comma);
			err = import_number(task, buf_str(&se));
			n = import_number(value_get(nsamples, src->task), "effective");
			/* "N/A" and NaN stderr are unknown: left out, never 0 */
			value_set(scores, bench->id, import_score_object(src->sign * v, err, n));
			applied++;
			break;
		}
	}
	covered = group_covered(r->doc, c);
	for (size_t t = 0; results && results->kind == VALUE_OBJECT && t < results->n; t++) {
		if (!task_mapped(c, "lm-eval", results->keys[t]) &&
		    !value_get(covered, results->keys[t]))
			value_set_bool(unmapped, results->keys[t], true);
	}
	value_free(covered);
	buf_release(&key);
	buf_release(&se);
	return applied;
}

/* lm-evaluation-harness: results*.json, v0.4.x and v0.3 */
static bool lm_eval_wanted(const char *name)
{
	return strncmp(name, "results", 7) == 0 && ends_with(name, ".json");
}

static int lm_eval_open(const char *path, struct import_run *r, const char *model_id)
{
	const struct value *results = value_get(r->doc, "results");
	if (r->doc->kind != VALUE_OBJECT || !results || results->kind != VALUE_OBJECT) {
		diag_error(path, r->doc->line, r->doc->col,
			   "not an lm-evaluation-harness results file (no 'results' object)");
		return -1;
	}
	r->model = model_id ? xstrdup(model_id) : run_model(r->doc);
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

static const struct import_harness lm_eval_harness = {"lm-eval", "lm-evaluation-harness",
					       lm_eval_wanted, lm_eval_open, apply_lm_eval};

int import_lm_eval(const struct import_lm_eval_options *o)
{
	return import_runs(&lm_eval_harness, o);
}
