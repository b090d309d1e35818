/*
 * import_helm.c - `washboard import helm`: HELM's benchmark_output/runs/<suite>/ directories.
 *
 * A suite holds one directory per run (a scenario, its arguments and a model), each with
 * run_spec.json (adapter_spec.model, groups: the run groups it belongs to) and stats.json
 * (a list of statistics: name {name, split, sub_split, perturbation}, count, sum, mean,
 * stddev, ...); helm-summarize adds schema.json, whose run_groups[].environment gives each
 * group's headline metric (main_name) and split (main_split), and models[] display names.
 *
 * A benchmark maps to a run group with {"harness": "helm", "task": GROUP, "metric": NAME}.
 * Its score for a model is the statistic NAME on the group's main split (schema.json, else
 * "test"), without perturbation, over every sub-split, pooled over the model's runs in the
 * group as helm-summarize pools them (total sum / total count): the number in the group's
 * table. n is the runs' num_instances; there is no standard error (a statistic's stddev
 * is the spread over trials, not an uncertainty of the mean).
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
#include "json.h"
#include "util.h"
#include "value.h"

/* A JSON file Python wrote (NaN allowed); NULL after a diagnostic. */
static struct value *read_python_json(const char *path)
{
	char *text;
	size_t len;
	struct json_error err;
	struct value *v;
	if (file_read(path, &text, &len) < 0)
		return NULL;
	v = json_parse_python(text, len, &err);
	free(text);
	if (!v)
		diag_error(path, err.line, err.col, "%s", err.msg);
	return v;
}

static bool helm_wanted(const char *name)
{
	return strcmp(name, "run_spec.json") == 0;
}

/* A run spec: an object with adapter_spec and groups (r->doc before helm_open). */
static bool helm_recognise(const struct value *doc)
{
	const struct value *groups = value_get(doc, "groups");
	return doc->kind == VALUE_OBJECT && value_get(doc, "adapter_spec") && groups &&
	       groups->kind == VALUE_ARRAY;
}

/* The directory part of path ("." when none). Caller frees. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

/*
 * The main split of every group of the run (from schema.json in the suite, the run's
 * parent directory) into the run's doc as "main_splits": {group: split}; and the model's
 * display name into r->display.
 */
static void read_schema(const char *suite, struct import_run *r, const char *model)
{
	char *path = path_join(suite, "schema.json");
	struct value *schema = path_is_file(path) ? read_python_json(path) : NULL;
	const struct value *groups = value_get(schema, "run_groups"),
			   *models = value_get(schema, "models");
	const struct value *mine = value_get(r->doc, "groups");
	struct value *splits = value_set(r->doc, "main_splits", value_object());

	for (size_t i = 0; groups && groups->kind == VALUE_ARRAY && i < groups->n; i++) {
		const char *name = value_get_string(groups->items[i], "name");
		const char *split = value_get_string(value_get(groups->items[i], "environment"),
						     "main_split");
		for (size_t j = 0; name && split && j < mine->n; j++)
			if (mine->items[j]->kind == VALUE_STRING &&
			    strcmp(mine->items[j]->string, name) == 0)
				value_set_string(splits, name, split);
	}
	for (size_t i = 0; models && models->kind == VALUE_ARRAY && i < models->n; i++) {
		const char *name = value_get_string(models->items[i], "name");
		const char *display = value_get_string(models->items[i], "display_name");
		if (name && display && strcmp(name, model) == 0 && !r->display)
			r->display = xstrdup(display);
	}
	value_free(schema);
	free(path);
}

/*
 * Open a run: r->doc is its run_spec.json; its stats.json (beside it) is added as "stats",
 * the main splits of its groups as "main_splits" (read_schema()). A run without stats.json
 * is skipped with a note, as helm-summarize skips it.
 */
static int helm_open(const char *path, struct import_run *r, const struct import_lm_eval_options *o)
{
	const struct value *spec = r->doc;
	const char *model = value_get_string(value_get(spec, "adapter_spec"), "model");
	char *run_dir, *suite, *stats_path;
	struct value *stats;
	int rc = -1;

	if (!helm_recognise(spec)) {
		diag_error(path, spec->line, spec->col,
			   "not a HELM run_spec.json (needs 'adapter_spec' and 'groups')");
		return -1;
	}
	if (!o->model_id && (!model || !model[0])) {
		diag_error(path, 0, 0, "no adapter_spec.model: pass --model-id");
		return -1;
	}
	run_dir = dir_of(path);
	suite = dir_of(run_dir);
	stats_path = path_join(run_dir, "stats.json");
	if (!path_is_file(stats_path)) {
		import_note(run_dir, "a HELM run without stats.json (skipped, as helm-summarize "
				     "skips it)");
		rc = 1;
		goto out;
	}
	stats = read_python_json(stats_path);
	if (!stats)
		goto out;
	if (stats->kind != VALUE_ARRAY) {
		diag_error(stats_path, stats->line, stats->col, "HELM stats must be a list of statistics");
		value_free(stats);
		goto out;
	}
	value_set(r->doc, "stats", stats);
	r->model = xstrdup(o->model_id ? o->model_id : model);
	r->date = 0; /* runs carry no date; the model's runs are pooled, not ordered */
	read_schema(suite, r, model ? model : "");
	rc = 0;
out:
	free(run_dir);
	free(suite);
	free(stats_path);
	return rc;
}

/* Is this statistic metric `name` on `split`, unperturbed? */
static bool stat_is(const struct value *st, const char *name, const char *split)
{
	const struct value *n = value_get(st, "name");
	const char *nn = value_get_string(n, "name"), *sp = value_get_string(n, "split");
	const struct value *pert = value_get(n, "perturbation");
	return nn && sp && strcmp(nn, name) == 0 && strcmp(sp, split) == 0 && value_is_null(pert);
}

/*
 * Add the run's statistic name on split (every sub-split pooled) to *sum and *count;
 * false when the run has none.
 */
static bool pool_stat(const struct value *stats, const char *name, const char *split,
		      double *sum, double *count)
{
	bool found = false;
	for (size_t i = 0; i < stats->n; i++) {
		const struct value *st = stats->items[i];
		double s = import_number(st, "sum"), c = import_number(st, "count");
		if (!stat_is(st, name, split) || !isfinite(s) || !(isfinite(c) && c > 0))
			continue;
		*sum += s;
		*count += c;
		found = true;
	}
	return found;
}

static bool in_groups(const struct import_run *r, const char *group)
{
	const struct value *groups = value_get(r->doc, "groups");
	for (size_t i = 0; i < groups->n; i++)
		if (groups->items[i]->kind == VALUE_STRING &&
		    strcmp(groups->items[i]->string, group) == 0)
			return true;
	return false;
}

/* The main split of group for run r: schema.json's, else "test". */
static const char *main_split(const struct import_run *r, const char *group)
{
	const char *s = value_get_string(value_get(r->doc, "main_splits"), group);
	return s ? s : "test";
}

/*
 * Is run i superseded by a run of the same name found later (the same run in a suite given
 * after it on the command line: helm-summarize, too, keeps the last suite's)?
 */
static bool superseded(const struct import_run *runs, size_t nruns, size_t i)
{
	const char *name = value_get_string(runs[i].doc, "name");
	for (size_t j = 0; name && j < nruns; j++)
		if (j != i && runs[j].order > runs[i].order && value_get_string(runs[j].doc, "name") &&
		    strcmp(value_get_string(runs[j].doc, "name"), name) == 0)
			return true;
	return false;
}

/* Pool one source over the model's runs in its group into scores; true when it gave one. */
static bool apply_source(const struct source *src, const char *bench, const struct import_run *runs,
			 size_t nruns, struct buf *missing, struct value *scores)
{
	double sum = 0, count = 0, instances = 0;
	bool all_instances = true;
	size_t in_group = 0, with_stat = 0;

	for (size_t i = 0; i < nruns; i++) {
		const struct value *stats = value_get(runs[i].doc, "stats");
		const char *split = main_split(&runs[i], src->task);
		double isum = 0, icount = 0;
		if (!in_groups(&runs[i], src->task) || superseded(runs, nruns, i))
			continue;
		in_group++;
		if (!pool_stat(stats, src->metric, split, &sum, &count))
			continue;
		with_stat++;
		/* num_instances: its mean over trials is the run's number of instances */
		if (pool_stat(stats, "num_instances", split, &isum, &icount))
			instances += isum / icount;
		else
			all_instances = false;
	}
	if (!in_group)
		return false;
	if (with_stat < in_group) {
		buf_printf(missing, "%s%s (%zu of %zu runs have '%s' on split '%s')",
			   missing->len ? "; " : "", src->task, with_stat, in_group, src->metric,
			   main_split(&runs[0], src->task));
		return false;
	}
	value_set(scores, bench,
		  import_score_object(src->sign * sum / count, NAN,
				      all_instances ? floor(instances + 0.5) : NAN));
	return true;
}

static size_t apply_helm_model(const struct import_ctx *x, const struct import_run *runs,
			       size_t nruns, struct value *scores, struct value *unmapped)
{
	const struct corpus *c = x->c;
	struct buf missing = BUF_INIT;
	size_t applied = 0;

	for (size_t b = 0; b < c->nbench; b++) {
		const struct benchmark *bench = &c->benchmarks[b];
		for (size_t s = 0; s < bench->nsources; s++)
			if (strcmp(bench->sources[s].harness, "helm") == 0 &&
			    apply_source(&bench->sources[s], bench->id, runs, nruns, &missing, scores)) {
				applied++;
				break;
			}
	}
	if (missing.len)
		diag_warning(runs[0].path, 0, 0, "model '%s': mapped run groups without the mapped "
						 "statistic on every run, not imported: %s",
			     runs[0].model, buf_str(&missing));
	/* the run groups no benchmark maps */
	for (size_t i = 0; i < nruns; i++) {
		const struct value *groups = value_get(runs[i].doc, "groups");
		for (size_t g = 0; g < groups->n; g++) {
			const struct value *gv = groups->items[g];
			const char *group = gv->kind == VALUE_STRING ? gv->string : NULL;
			bool mapped = false;
			for (size_t b = 0; group && !mapped && b < c->nbench; b++)
				for (size_t s = 0; !mapped && s < c->benchmarks[b].nsources; s++)
					mapped = strcmp(c->benchmarks[b].sources[s].harness, "helm") == 0 &&
						 strcmp(c->benchmarks[b].sources[s].task, group) == 0;
			if (group && !mapped)
				value_set_bool(unmapped, group, true);
		}
	}
	buf_release(&missing);
	return applied;
}

/* HELM's scores are pooled over a model's runs: apply_helm_model() does it all at once. */
static size_t apply_helm_run(const struct import_ctx *x, const struct import_run *r,
			     struct value *scores, struct value *unmapped)
{
	return apply_helm_model(x, r, 1, scores, unmapped);
}

static const struct import_harness helm_harness = {"helm",		 "HELM",
						   helm_wanted,		 helm_recognise,
						   helm_open,		 apply_helm_run,
						   apply_helm_model};

int import_helm(const struct import_lm_eval_options *o)
{
	return import_runs(&helm_harness, o);
}
