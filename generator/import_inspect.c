/*
 * import_inspect.c - `washboard import inspect`: Inspect AI eval logs in JSON, mapped to
 * benchmarks through the "inspect" sources in benchmarks.json.
 */
#include "importers.h"

#include <math.h>
#include <stdbool.h>
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

static int inspect_open(const char *path, struct import_run *r, const char *model_id)
{
	const struct value *eval = value_get(r->doc, "eval");
	const char *model = value_get_string(eval, "model"), *created;
	const struct value *scores = value_get(value_get(r->doc, "results"), "scores");
	if (r->doc->kind != VALUE_OBJECT || !eval || !value_get_string(eval, "task") ||
	    !scores || scores->kind != VALUE_ARRAY) {
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

static size_t apply_inspect(const struct corpus *c, const struct import_run *r,
			    struct value *scores, struct value *unmapped)
{
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

static const struct import_harness inspect_harness = {"inspect", "Inspect", inspect_wanted,
					       inspect_open, apply_inspect};

int import_inspect(const struct import_lm_eval_options *o)
{
	return import_runs(&inspect_harness, o);
}
