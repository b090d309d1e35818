#include "importers.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "import.h"
#include "json.h"
#include "util.h"
#include "value.h"

/* ---------------------------------------------------------- lm-eval harness */

struct run {
	char *path;          /* the results file */
	struct value *doc;   /* its JSON */
	char *model;         /* the model's name as the harness recorded it */
	double date;         /* when it ran (seconds, or YYYYMMDDhhmmss), 0 when unknown */
};

/* What differs between the evaluation tools whose logs are imported run by run. */
struct harness {
	const char *name;  /* as in benchmark sources: "lm-eval", "inspect" */
	const char *label; /* for messages and "source": "lm-evaluation-harness" */
	/* is this a file to import (when searching a directory)? */
	bool (*wanted)(const char *file_name);
	/* check the parsed log, fill model and date; -1 after a diagnostic */
	int (*open)(const char *path, struct run *r, const char *model_id);
	/* add the run's mapped scores to scores, its unmapped tasks to unmapped; count */
	size_t (*apply)(const struct corpus *c, const struct run *r, struct value *scores,
			struct value *unmapped);
};

static void collect_results(const struct harness *h, const char *path, char ***files,
			    size_t *n, size_t *cap)
{
	if (path_is_dir(path)) {
		char **names = NULL;
		long k = dir_list(path, true, &names);
		for (long i = 0; i < k; i++) {
			char *sub = path_join(path, names[i]);
			if (path_is_dir(sub) || h->wanted(names[i]))
				collect_results(h, sub, files, n, cap);
			free(sub);
		}
		names_free(names, k < 0 ? 0 : k);
		return;
	}
	xgrow((void **)files, cap, *n + 1, sizeof(**files));
	(*files)[(*n)++] = xstrdup(path);
}

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

static int cmp_run(const void *a, const void *b)
{
	const struct run *x = a, *y = b;
	int r = strcmp(x->model, y->model);
	if (r)
		return r;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->path, y->path);
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
static size_t apply_lm_eval(const struct corpus *c, const struct run *r, struct value *scores,
			struct value *unmapped)
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

/* One model's file as it will be written: nothing is written until every model is ready. */
struct pending {
	char *id;
	char *path;
	struct value *doc;
	size_t applied, nruns;
};

/* Build (do not write) one model's file from its runs [first, last), into *m. */
static int build_run_model(const struct harness *h, const struct import_lm_eval_options *o,
			   const struct corpus *c, struct run *runs, size_t first, size_t last,
			   struct value *unmapped, struct pending *m)
{
	const char *model = runs[first].model;
	const char *base = strrchr(model, '/') ? strrchr(model, '/') + 1 : model;
	char *id = o->model_id ? xstrdup(o->model_id) : slugify(base);
	struct buf path = BUF_INIT, src = BUF_INIT;
	struct value *doc = NULL, *scores;
	size_t applied = 0;
	int rc = -1;

	if (!is_slug(id)) {
		diag_error(runs[first].path, 0, 0, "model '%s' gives no usable identifier (pass --model-id)",
			   model);
		goto out;
	}
	buf_printf(&path, "%s/models/%s/%s.json", o->content, o->cohort, id);
	doc = import_load_or_new(buf_str(&path));
	if (!doc)
		goto out;
	value_set_string(doc, "id", id);
	if (strcmp(model, id) != 0)
		value_set_string(doc, "source_id", model);
	if (!value_get(doc, "name"))
		value_set_string(doc, "name", model);
	value_set_string(doc, "cohort", o->cohort);
	if (o->params > 0)
		value_set_number(doc, "params", o->params);
	if (o->training_flop > 0) {
		value_set_number(doc, "training_flop", o->training_flop);
		value_set_string(doc, "flop_source", "reported");
	} else if (o->tokens > 0) {
		double p = o->params > 0 ? o->params : 0;
		const struct value *pv = value_get(doc, "params");
		if (!(p > 0) && pv && pv->kind == VALUE_NUMBER)
			p = pv->number;
		if (!(p > 0)) {
			diag_error(buf_str(&path), 0, 0, "--tokens needs the parameter count: pass --params");
			goto out;
		}
		value_set_number(doc, "training_flop", 6 * p * o->tokens);
		value_set_string(doc, "flop_source", "estimated");
	}
	scores = value_get(doc, "scores");
	if (!scores || scores->kind != VALUE_OBJECT)
		scores = value_set(doc, "scores", value_object());
	for (size_t i = first; i < last; i++)
		applied += h->apply(c, &runs[i], scores, unmapped);
	if (!applied) {
		diag_error(runs[first].path, 0, 0, "no task of model '%s' maps to a benchmark (map tasks "
						   "in benchmarks.json: \"sources\": [{\"harness\": "
						   "\"%s\", \"task\": ..., \"metric\": ...}])",
			   model, h->name);
		goto out;
	}
	buf_printf(&src, "%s: ", h->label);
	buf_puts(&src, strrchr(runs[last - 1].path, '/') ? strrchr(runs[last - 1].path, '/') + 1
							 : runs[last - 1].path);
	value_set_string(doc, "source", buf_str(&src));
	m->id = id;
	m->path = buf_detach(&path);
	m->doc = doc;
	m->applied = applied;
	m->nruns = last - first;
	id = NULL;
	doc = NULL;
	rc = 0;
out:
	value_free(doc);
	buf_release(&path);
	buf_release(&src);
	free(id);
	return rc;
}

/*
 * Write the models built by build_run_model(), every file or none; -1 after a diagnostic
 * (an I/O failure) or when interrupted.
 */
static int write_pending(const struct import_lm_eval_options *o, const struct pending *m,
			 size_t n)
{
	char *dir = path_join(o->content, "models");
	char *cdir = path_join(dir, o->cohort);
	struct file_set fs = FILE_SET_INIT;
	int rc = path_mkdirs(cdir);

	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = import_add_json_file(&fs, m[i].path, m[i].doc);
	if (rc != 0)
		file_set_abort(&fs);
	else
		rc = import_commit_files(&fs);
	for (size_t i = 0; rc == 0 && i < n; i++)
		fprintf(stderr, "imported %zu scores for %s from %zu run%s into %s\n", m[i].applied,
			m[i].id, m[i].nruns, m[i].nruns == 1 ? "" : "s", m[i].path);
	free(dir);
	free(cdir);
	return rc;
}

static bool too_big(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && st.st_size > (off_t)WB_MAX_FILE_SIZE;
}

static int import_runs(const struct harness *h, const struct import_lm_eval_options *o)
{
	struct corpus *c = NULL;
	char **files = NULL;
	size_t nfiles = 0, cap = 0, nruns = 0;
	struct run *runs = NULL;
	struct pending *models = NULL;
	size_t nmodels = 0;
	struct value *unmapped = value_object();
	int rc = -1;

	c = content_load(o->content);
	if (!c)
		goto out;
	if (content_find_cohort(c, o->cohort) < 0) {
		diag_error(o->content, 0, 0, "cohort '%s' is not declared in site.json (add it to "
					     "'cohorts')",
			   o->cohort);
		goto out;
	}
	for (size_t i = 0; i < o->ninputs; i++) {
		if (!path_is_dir(o->inputs[i]) && !path_is_file(o->inputs[i])) {
			diag_error(o->inputs[i], 0, 0, "no such file or directory");
			goto out;
		}
		collect_results(h, o->inputs[i], &files, &nfiles, &cap);
	}
	if (!nfiles) {
		diag_error(NULL, 0, 0, "no %s logs found in the given directories", h->label);
		goto out;
	}
	runs = xcalloc(nfiles, sizeof(*runs));
	for (size_t i = 0; i < nfiles; i++) {
		char *text;
		size_t len;
		struct json_error err;
		struct run *r = &runs[nruns];
		if (ends_with(files[i], ".eval")) {
			diag_error(files[i], 0, 0, "an Inspect .eval archive: convert it to JSON first "
						   "(inspect log convert --to json %s)",
				   files[i]);
			continue;
		}
		if (strcmp(h->name, "inspect") == 0 && too_big(files[i])) {
			/* the samples make it big; the header has every score */
			diag_error(files[i], 0, 0, "an Inspect log over the %d MiB limit: import its "
						   "header (inspect log dump --header-only %s > "
						   "header.json)",
				   WB_MAX_FILE_MIB, files[i]);
			continue;
		}
		if (file_read(files[i], &text, &len) < 0)
			continue;
		r->doc = json_parse_python(text, len, &err);
		free(text);
		if (!r->doc) {
			diag_error(files[i], err.line, err.col, "%s", err.msg);
			continue;
		}
		if (h->open(files[i], r, o->model_id) < 0) {
			value_free(r->doc);
			r->doc = NULL;
			continue;
		}
		r->path = xstrdup(files[i]);
		nruns++;
	}
	if (nruns != nfiles)
		goto out;
	qsort(runs, nruns, sizeof(*runs), cmp_run);
	models = xcalloc(nruns, sizeof(*models));
	rc = 0;
	for (size_t i = 0; i < nruns;) {
		size_t j = i;
		while (j < nruns && strcmp(runs[j].model, runs[i].model) == 0)
			j++;
		if (build_run_model(h, o, c, runs, i, j, unmapped, &models[nmodels]) < 0) {
			rc = -1;
		} else {
			/* two model names that become one id would overwrite each other */
			for (size_t k = 0; k < nmodels; k++)
				if (strcmp(models[k].id, models[nmodels].id) == 0) {
					diag_error(runs[i].path, 0, 0,
						   "model '%s' becomes id '%s', as an earlier model "
						   "does (import them separately with --model-id)",
						   runs[i].model, models[k].id);
					rc = -1;
					break;
				}
			nmodels++;
		}
		i = j;
	}
	if (rc == 0)
		rc = write_pending(o, models, nmodels);
	if (unmapped->n) {
		struct buf list = BUF_INIT;
		for (size_t i = 0; i < unmapped->n; i++)
			buf_printf(&list, "%s%s", i ? ", " : "", unmapped->keys[i]);
		diag_warning(NULL, 0, 0, "%zu tasks map to no benchmark and were not imported: %s "
					 "(map them with \"sources\" in benchmarks.json)",
			     unmapped->n, buf_str(&list));
		buf_release(&list);
	}
out:
	for (size_t i = 0; i < nmodels; i++) {
		free(models[i].id);
		free(models[i].path);
		value_free(models[i].doc);
	}
	free(models);
	for (size_t i = 0; i < nruns; i++) {
		free(runs[i].path);
		free(runs[i].model);
		value_free(runs[i].doc);
	}
	free(runs);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	value_free(unmapped);
	content_free(c);
	return rc;
}

/* lm-evaluation-harness: results*.json, v0.4.x and v0.3 */
static bool lm_eval_wanted(const char *name)
{
	return strncmp(name, "results", 7) == 0 && ends_with(name, ".json");
}

static int lm_eval_open(const char *path, struct run *r, const char *model_id)
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

static const struct harness lm_eval_harness = {"lm-eval", "lm-evaluation-harness",
					       lm_eval_wanted, lm_eval_open, apply_lm_eval};

int import_lm_eval(const struct import_lm_eval_options *o)
{
	return import_runs(&lm_eval_harness, o);
}

/* Inspect AI: JSON eval logs (eval.model, eval.task, results.scores[].metrics) */
static bool inspect_wanted(const char *name)
{
	return ends_with(name, ".json") || ends_with(name, ".eval");
}

static int inspect_open(const char *path, struct run *r, const char *model_id)
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

static size_t apply_inspect(const struct corpus *c, const struct run *r, struct value *scores,
			    struct value *unmapped)
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
				value_set(scores, bench->id, import_score_object(src->sign * v, err, n));
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

static const struct harness inspect_harness = {"inspect", "Inspect", inspect_wanted,
					       inspect_open, apply_inspect};

int import_inspect(const struct import_lm_eval_options *o)
{
	return import_runs(&inspect_harness, o);
}
