/*
 * import_runs.c - the run-by-run import of evaluation logs that lm-evaluation-harness and
 * Inspect share (see import_runs.h).
 */
#include "import_runs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "import.h"
#include "json.h"
#include "util.h"
#include "value.h"

static void collect_results(const struct import_harness *h, const char *path, char ***files,
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

static int cmp_run(const void *a, const void *b)
{
	const struct import_run *x = a, *y = b;
	int r = strcmp(x->model, y->model);
	if (r)
		return r;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->path, y->path);
}


/* One model's file as it will be written: nothing is written until every model is ready. */
struct pending {
	char *id;
	char *path;
	struct value *doc;
	size_t applied, nruns;
};

/* Build (do not write) one model's file from its runs [first, last), into *m. */
static int build_run_model(const struct import_harness *h, const struct import_lm_eval_options *o,
			   const struct corpus *c, struct import_run *runs, size_t first,
			   size_t last, struct value *unmapped, struct pending *m)
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

/*
 * The logs to import: every input that is a file, and h's logs in every input that is a
 * directory, into *files (*n of them; caller frees). -1 after a diagnostic: an input does
 * not exist, or no log was found.
 */
static int find_logs(const struct import_harness *h, const struct import_lm_eval_options *o,
		     char ***files, size_t *n)
{
	size_t cap = 0;

	for (size_t i = 0; i < o->ninputs; i++) {
		if (!path_is_dir(o->inputs[i]) && !path_is_file(o->inputs[i])) {
			diag_error(o->inputs[i], 0, 0, "no such file or directory");
			return -1;
		}
		collect_results(h, o->inputs[i], files, n, &cap);
	}
	if (!*n) {
		diag_error(NULL, 0, 0, "no %s logs found in the given directories", h->label);
		return -1;
	}
	return 0;
}

/* Read, parse and open (h->open) the log file into *r; -1 after a diagnostic (*r empty). */
static int read_run(const struct import_harness *h, const char *file, const char *model_id,
		    struct import_run *r)
{
	char *text;
	size_t len;
	struct json_error err;

	if (ends_with(file, ".eval")) {
		diag_error(file, 0, 0, "an Inspect .eval archive: convert it to JSON first "
				       "(inspect log convert --to json %s)",
			   file);
		return -1;
	}
	if (strcmp(h->name, "inspect") == 0 && too_big(file)) {
		/* the samples make it big; the header has every score */
		diag_error(file, 0, 0, "an Inspect log over the %d MiB limit: import its "
				       "header (inspect log dump --header-only %s > "
				       "header.json)",
			   WB_MAX_FILE_MIB, file);
		return -1;
	}
	if (file_read(file, &text, &len) < 0)
		return -1;
	r->doc = json_parse_python(text, len, &err);
	free(text);
	if (!r->doc) {
		diag_error(file, err.line, err.col, "%s", err.msg);
		return -1;
	}
	if (h->open(file, r, model_id) < 0) {
		value_free(r->doc);
		r->doc = NULL;
		return -1;
	}
	r->path = xstrdup(file);
	return 0;
}

/*
 * Build the file of every model from the runs (sorted by model, oldest first) into models
 * (*nmodels of them); -1 after diagnostics: a model failed, or two became one id.
 */
static int build_models(const struct import_harness *h, const struct import_lm_eval_options *o,
			const struct corpus *c, struct import_run *runs, size_t nruns,
			struct value *unmapped, struct pending *models, size_t *nmodels)
{
	int rc = 0;

	for (size_t i = 0; i < nruns;) {
		size_t j = i;
		while (j < nruns && strcmp(runs[j].model, runs[i].model) == 0)
			j++;
		if (build_run_model(h, o, c, runs, i, j, unmapped, &models[*nmodels]) < 0) {
			rc = -1;
		} else {
			/* two model names that become one id would overwrite each other */
			for (size_t k = 0; k < *nmodels; k++)
				if (strcmp(models[k].id, models[*nmodels].id) == 0) {
					diag_error(runs[i].path, 0, 0,
						   "model '%s' becomes id '%s', as an earlier model "
						   "does (import them separately with --model-id)",
						   runs[i].model, models[k].id);
					rc = -1;
					break;
				}
			(*nmodels)++;
		}
		i = j;
	}
	return rc;
}

/* One warning listing the tasks that no benchmark maps (none when there are none). */
static void warn_unmapped(const struct value *unmapped)
{
	struct buf list = BUF_INIT;

	if (!unmapped->n)
		return;
	for (size_t i = 0; i < unmapped->n; i++)
		buf_printf(&list, "%s%s", i ? ", " : "", unmapped->keys[i]);
	diag_warning(NULL, 0, 0, "%zu tasks map to no benchmark and were not imported: %s "
				 "(map them with \"sources\" in benchmarks.json)",
		     unmapped->n, buf_str(&list));
	buf_release(&list);
}

int import_runs(const struct import_harness *h, const struct import_lm_eval_options *o)
{
	struct corpus *c = NULL;
	char **files = NULL;
	size_t nfiles = 0, nruns = 0;
	struct import_run *runs = NULL;
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
	if (find_logs(h, o, &files, &nfiles) < 0)
		goto out;
	runs = xcalloc(nfiles, sizeof(*runs));
	for (size_t i = 0; i < nfiles; i++)
		if (read_run(h, files[i], o->model_id, &runs[nruns]) == 0)
			nruns++;
	if (nruns != nfiles)
		goto out;
	qsort(runs, nruns, sizeof(*runs), cmp_run);
	models = xcalloc(nruns, sizeof(*models));
	rc = build_models(h, o, c, runs, nruns, unmapped, models, &nmodels);
	if (rc == 0)
		rc = write_pending(o, models, nmodels);
	warn_unmapped(unmapped);
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
