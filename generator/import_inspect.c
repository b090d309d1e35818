/*
 * import_inspect.c - `washboard import inspect`: Inspect AI eval logs in JSON, mapped to
 * benchmarks through the "inspect" sources in benchmarks.json.
 */
#include "importers.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content.h"
#include "import.h"
#include "import_runs.h"
#include "util.h"
#include "value.h"

/* Inspect AI: JSON eval logs (eval.model, eval.task, results.scores[].metrics) */
static bool inspect_wanted(const char *name)
{
	return ends_with(name, ".json") || ends_with(name, ".eval");
}

/* An Inspect log: an object with "eval" holding its task. */
static bool inspect_recognise(const struct value *doc)
{
	return doc->kind == VALUE_OBJECT && value_get_string(value_get(doc, "eval"), "task");
}

/*
 * A log of an evaluation that did not finish: refused unless --allow-incomplete, which
 * imports it with a warning. Its scores cover the samples that ran, not the benchmark.
 */
static int check_status(const char *path, const struct value *doc,
			const struct import_lm_eval_options *o)
{
	const char *status = value_get_string(doc, "status");
	const struct value *res = value_get(doc, "results");
	double done = import_number(res, "completed_samples");
	double total = import_number(res, "total_samples");
	char counts[96] = "";

	if (!status || strcmp(status, "success") == 0)
		return 0;
	if (isfinite(done) && isfinite(total))
		snprintf(counts, sizeof(counts), ", %.0f of %.0f samples", done, total);
	else if (isfinite(done))
		snprintf(counts, sizeof(counts), ", %.0f samples", done);
	if (strcmp(status, "error") != 0 && strcmp(status, "cancelled") != 0) {
		diag_error(path, 0, 0, "the evaluation has status '%s'%s, not 'success': it has "
				       "not finished (import it when it has)",
			   status, counts);
		return -1;
	}
	if (!o->allow_incomplete) {
		diag_error(path, 0, 0, "the evaluation %s (status '%s'%s): its scores are those of "
				       "the samples that ran, not the benchmark's (rerun it, or pass "
				       "--allow-incomplete to import it anyway)",
			   strcmp(status, "error") == 0 ? "failed" : "was cancelled", status, counts);
		return -1;
	}
	diag_warning(path, 0, 0, "imported although the evaluation %s (status '%s'%s; "
				 "--allow-incomplete)",
		     strcmp(status, "error") == 0 ? "failed" : "was cancelled", status, counts);
	return 0;
}

static int inspect_open(const char *path, struct import_run *r,
			const struct import_lm_eval_options *o)
{
	const struct value *eval = value_get(r->doc, "eval");
	const char *model = value_get_string(eval, "model"), *created;
	const struct value *res = value_get(r->doc, "results");
	const struct value *scores = value_get(res, "scores");
	const char *model_id = o->model_id;
	if (inspect_recognise(r->doc) && res && !scores &&
	    (value_get(res, "scorer") || value_get(res, "scorers") || value_get(res, "metrics"))) {
		diag_error(path, res->line, res->col,
			   "an Inspect log in an older schema (results.%s, no results.scores): "
			   "rewrite it in the current one with a current Inspect (inspect log "
			   "convert --to json --output-dir logs-json %s)",
			   value_get(res, "scorers") ? "scorers" : value_get(res, "scorer") ? "scorer"
											   : "metrics",
			   path);
		return -1;
	}
	if (check_status(path, r->doc, o) < 0)
		return -1;
	if (!inspect_recognise(r->doc) || !scores || scores->kind != VALUE_ARRAY) {
		diag_error(path, r->doc->line, r->doc->col,
			   "not an Inspect eval log with results (needs eval.task and "
			   "results.scores; was the evaluation finished?)");
		return -1;
	}
	if (!model_id && !model) {
		diag_error(path, 0, 0, "no eval.model: pass --model-id");
		return -1;
	}
	r->model = xstrdup(model_id ? model_id : model);
	/* "2024-05-29T12:38:21+00:00" -> 20240529123821, which sorts like the time */
	created = value_get_string(eval, "created");
	r->date = 0;
	for (int digits = 0; created && *created && digits < 14; created++)
		if (*created >= '0' && *created <= '9') {
			r->date = r->date * 10 + (*created - '0');
			digits++;
		}
	return 0;
}

/* Does source task name the eval's task ("gpqa_diamond" or "inspect_evals/gpqa_diamond")? */
static bool same_task(const char *want, const char *task)
{
	const char *slash = strrchr(task, '/');
	return strcmp(want, task) == 0 || (slash && strcmp(want, slash + 1) == 0);
}

static size_t apply_inspect(const struct import_ctx *x, const struct import_run *r,
			    struct value *scores, struct value *unmapped)
{
	const struct corpus *c = x->c;
	const struct value *eval = value_get(r->doc, "eval");
	const struct value *res = value_get(r->doc, "results");
	const struct value *list = value_get(res, "scores");
	const char *task = value_get_string(eval, "task");
	size_t applied = 0;

	for (size_t b = 0; b < c->nbench; b++) {
		const struct benchmark *bench = &c->benchmarks[b];
		for (size_t s = 0; s < bench->nsources; s++) {
			const struct source *src = &bench->sources[s];
			const char *metric = strrchr(src->metric, '/');
			if (strcmp(src->harness, "inspect") != 0 || !same_task(src->task, task))
				continue;
			metric = metric ? metric + 1 : src->metric;
			for (size_t i = 0; i < list->n; i++) {
				const struct value *sc = list->items[i];
				const struct value *ms = value_get(sc, "metrics");
				const char *scorer = value_get_string(sc, "name");
				double v = import_number(value_get(ms, metric), "value");
				double err = import_number(value_get(ms, "stderr"), "value");
				double n = import_number(sc, "scored_samples");
				/* "scorer/metric" picks one scorer of several */
				if (strchr(src->metric, '/') &&
				    (!scorer || strncmp(src->metric, scorer, strlen(scorer)) != 0 ||
				     src->metric[strlen(scorer)] != '/'))
					continue;
				if (!isfinite(v))
					continue;
				if (!isfinite(n))
					n = import_number(res, "completed_samples");
				value_set(scores, bench->id,
					  import_score_object(src->sign * v, err, n));
				applied++;
				break;
			}
			break;
		}
	}
	if (!applied)
		value_set_bool(unmapped, task, true);
	return applied;
}

static const struct import_harness inspect_harness = {
	"inspect", "Inspect", inspect_wanted, inspect_recognise, inspect_open, apply_inspect, NULL};

int import_inspect(const struct import_lm_eval_options *o)
{
	return import_runs(&inspect_harness, o);
}
