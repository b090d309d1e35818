/*
 * import_runs.c - the run-by-run import of evaluation logs that lm-evaluation-harness and
 * Inspect share (see import_runs.h).
 */
#include "import_runs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "import.h"
#include "json.h"
#include "util.h"
#include "value.h"

/* A log file to read: given by name, or found by searching a directory. */
struct found {
	char *path;
	bool searched; /* found in a directory: skipped with a note when it is no log */
};

static void collect_results(const struct import_harness *h, const char *path, bool searched,
			    struct found **files, size_t *n, size_t *cap)
{
	if (path_is_dir(path)) {
		char **names = NULL;
		long k = dir_list(path, true, &names);
		for (long i = 0; i < k; i++) {
			char *sub = path_join(path, names[i]);
			if (path_is_dir(sub) || h->wanted(names[i]))
				collect_results(h, sub, true, files, n, cap);
			free(sub);
		}
		names_free(names, k < 0 ? 0 : k);
		return;
	}
	xgrow((void **)files, cap, *n + 1, sizeof(**files));
	(*files)[*n].path = xstrdup(path);
	(*files)[(*n)++].searched = searched;
}

/* A git commit hash (7 to 40 hex digits): it pins a version, it names no checkpoint. */
static bool is_commit_hash(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");
	return s[n] == '\0' && n >= 7 && n <= 40;
}

char *import_model_identity(const char *name, const char *revision)
{
	struct buf b = BUF_INIT;
	if (!revision || !revision[0] || strcmp(revision, "main") == 0 || is_commit_hash(revision))
		return xstrdup(name);
	buf_printf(&b, "%s@%s", name, revision);
	return buf_detach(&b);
}

/* The id part of a model identity: after the last '/' of the name, revision kept. */
static const char *identity_base(const char *model)
{
	const char *at = strchr(model, '@'), *base = model;
	for (const char *p = model; *p && (!at || p < at); p++)
		if (*p == '/')
			base = p + 1;
	return base;
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

/*
 * What a model file's "source" names: the log's file name; for a HELM run (run_spec.json),
 * its run directory's name.
 */
static const char *source_name(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if (strcmp(base, "run_spec.json") == 0 && base > path + 1) {
		const char *p = base - 1;
		while (p > path && p[-1] != '/')
			p--;
		return p;
	}
	return base;
}

/* The number a score holds (a bare number, or {"value": ...}); NAN when none. */
static double score_number(const struct value *v)
{
	if (v && v->kind == VALUE_NUMBER)
		return v->number;
	return import_number(v, "value");
}

/*
 * Apply run i's scores onto scores, after the runs before it; origin records which run set
 * each benchmark in this import. Two runs that give one benchmark different values with no
 * date to order them are ordered by file name only: warn.
 */
static size_t apply_run(const struct import_harness *h, const struct import_ctx *x,
			struct import_run *runs, size_t i, struct value *scores,
			struct value *origin, struct value *unmapped)
{
	/* origin: benchmark -> the run that set it (this import's scores, no others) */
	struct value *got = value_object();
	size_t applied = h->apply(x, &runs[i], got, unmapped);

	for (size_t k = 0; k < got->n; k++) {
		const char *bench = got->keys[k];
		const struct value *prev = value_get(origin, bench);
		if (prev) {
			size_t j = (size_t)prev->number;
			double a = score_number(value_get(scores, bench)), b = score_number(got->items[k]);
			if (a != b && runs[j].date == 0 && runs[i].date == 0)
				diag_warning(runs[i].path, 0, 0,
					     "this run and %s both give '%s' for model '%s' (%g and %g) "
					     "and neither has a date: the later file name won (%g); "
					     "import one of them alone if that is wrong",
					     runs[j].path, bench, runs[i].model, a, b, b);
		}
		value_set_number(origin, bench, (double)i);
		value_set(scores, bench, value_copy(got->items[k]));
	}
	value_free(got);
	return applied;
}

/*
 * Scores this import gave benchmarks of role "ignore" (registry entries such as HELM
 * Safety's, which the analysis leaves out until someone audits them): say so.
 */
static void note_ignored(const struct corpus *c, const struct value *origin, const char *file)
{
	struct buf list = BUF_INIT;
	size_t n = 0;
	for (size_t k = 0; k < origin->n; k++) {
		long b = content_find_benchmark(c, origin->keys[k]);
		if (b >= 0 && c->benchmarks[b].role == ROLE_IGNORE)
			buf_printf(&list, "%s%s", n++ ? ", " : "", origin->keys[k]);
	}
	if (n)
		import_note(file, "%zu score%s for benchmarks of role 'ignore', which the analysis "
				  "leaves out (set their role in benchmarks.json to audit them): %s",
			    n, n == 1 ? "" : "s", buf_str(&list));
	buf_release(&list);
}

/* Build (do not write) one model's file from its runs [first, last), into *m. */
static int build_run_model(const struct import_harness *h, const struct import_ctx *x,
			   struct import_run *runs, size_t first, size_t last,
			   struct value *unmapped, struct pending *m)
{
	const struct import_lm_eval_options *o = x->o;
	const char *model = runs[first].model;
	char *id = o->model_id ? xstrdup(o->model_id) : slugify(identity_base(model));
	struct value *origin = value_object();
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
	if (o->name)
		value_set_string(doc, "name", o->name);
	else if (!value_get(doc, "name"))
		value_set_string(doc, "name", runs[first].display ? runs[first].display : model);
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
	if (h->apply_model) {
		struct value *got = value_object();
		applied = h->apply_model(x, runs + first, last - first, got, unmapped);
		for (size_t k = 0; k < got->n; k++) {
			value_set_number(origin, got->keys[k], (double)first);
			value_set(scores, got->keys[k], value_copy(got->items[k]));
		}
		value_free(got);
	}
	for (size_t i = first; !h->apply_model && i < last; i++)
		applied += apply_run(h, x, runs, i, scores, origin, unmapped);
	note_ignored(x->c, origin, buf_str(&path));
	if (!applied) {
		diag_error(runs[first].path, 0, 0, "no task of model '%s' maps to a benchmark (map tasks "
						   "in benchmarks.json: \"sources\": [{\"harness\": "
						   "\"%s\", \"task\": ..., \"metric\": ...}])",
			   model, h->name);
		goto out;
	}
	buf_printf(&src, "%s: ", h->label);
	buf_puts(&src, source_name(runs[last - 1].path));
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
	value_free(origin);
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

void import_check_parts(const struct corpus *c, const struct value *list, const char *dir)
{
	char *path = path_join(dir, "benchmarks.json");
	for (size_t b = 0; b < c->nbench; b++)
		for (size_t s = 0; s < c->benchmarks[b].nsources; s++)
			import_source_parts(list, b, s, path);
	free(path);
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
		     struct found **files, size_t *n)
{
	size_t cap = 0;

	for (size_t i = 0; i < o->ninputs; i++) {
		if (!path_is_dir(o->inputs[i]) && !path_is_file(o->inputs[i])) {
			diag_error(o->inputs[i], 0, 0, "no such file or directory");
			return -1;
		}
		collect_results(h, o->inputs[i], false, files, n, &cap);
	}
	if (!*n) {
		diag_error(NULL, 0, 0, "no %s logs found in the given directories", h->label);
		return -1;
	}
	return 0;
}

/*
 * Read, parse and open (h->open) the log file f into *r; -1 after a diagnostic (*r empty),
 * 1 when f was found in a directory and is not one of h's logs (skipped with a note).
 */
static int read_run(const struct import_harness *h, const struct found *f,
		    const struct import_lm_eval_options *o, struct import_run *r)
{
	const char *file = f->path;
	int rc;
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
	if (f->searched && !h->recognise(r->doc)) {
		import_note(file, "not an %s log (skipped)", h->label);
		value_free(r->doc);
		r->doc = NULL;
		return 1;
	}
	rc = h->open(file, r, o);
	if (rc != 0) {
		value_free(r->doc);
		r->doc = NULL;
		free(r->model);
		free(r->display);
		r->model = r->display = NULL;
		return rc < 0 ? -1 : 1;
	}
	r->path = xstrdup(file);
	return 0;
}

/*
 * Build the file of every model from the runs (sorted by model, oldest first) into models
 * (*nmodels of them); -1 after diagnostics: a model failed, or two became one id.
 */
static int build_models(const struct import_harness *h, const struct import_ctx *x,
			struct import_run *runs, size_t nruns, struct value *unmapped,
			struct pending *models, size_t *nmodels)
{
	int rc = 0;

	for (size_t i = 0; i < nruns;) {
		size_t j = i;
		while (j < nruns && strcmp(runs[j].model, runs[i].model) == 0)
			j++;
		if (build_run_model(h, x, runs, i, j, unmapped, &models[*nmodels]) < 0) {
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
		     (size_t)unmapped->n, buf_str(&list));
	buf_release(&list);
}

int import_runs(const struct import_harness *h, const struct import_lm_eval_options *o)
{
	struct corpus *c = NULL;
	struct value *bdoc = NULL;
	struct import_ctx x = {NULL, NULL, o};
	struct found *files = NULL;
	size_t nfiles = 0, nruns = 0, skipped = 0;
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
	x.c = c;
	x.list = import_benchmark_list(o->content, &bdoc);
	import_check_parts(c, x.list, o->content);
	if (find_logs(h, o, &files, &nfiles) < 0)
		goto out;
	runs = xcalloc(nfiles, sizeof(*runs));
	for (size_t i = 0; i < nfiles; i++) {
		int r = read_run(h, &files[i], o, &runs[nruns]);
		runs[nruns].order = i;
		if (r == 0)
			nruns++;
		else if (r > 0)
			skipped++;
	}
	if (nruns + skipped != nfiles)
		goto out;
	if (!nruns) {
		diag_error(NULL, 0, 0, "no %s logs found in the given directories (%zu JSON files "
				       "skipped)",
			   h->label, skipped);
		goto out;
	}
	qsort(runs, nruns, sizeof(*runs), cmp_run);
	models = xcalloc(nruns, sizeof(*models));
	rc = build_models(h, &x, runs, nruns, unmapped, models, &nmodels);
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
		free(runs[i].display);
		value_free(runs[i].doc);
	}
	free(runs);
	for (size_t i = 0; i < nfiles; i++)
		free(files[i].path);
	free(files);
	value_free(unmapped);
	value_free(bdoc);
	content_free(c);
	return rc;
}

/* The numeric metric keys of task (its results, no standard errors), comma-separated. */
static void list_metrics(const struct value *task, struct buf *out)
{
	size_t k = 0;
	for (size_t i = 0; task && task->kind == VALUE_OBJECT && i < task->n; i++) {
		if (task->items[i]->kind != VALUE_NUMBER || strstr(task->keys[i], "_stderr"))
			continue;
		buf_printf(out, "%s%s", k++ ? ", " : "", task->keys[i]);
		if (k == 8 && i + 1 < task->n) {
			buf_puts(out, ", ...");
			break;
		}
	}
	if (!k)
		buf_puts(out, "no numbers");
}

/* What one run's apply noticed, reported once at its end. */
struct apply_notes {
	struct buf missing;  /* mapped tasks without their metric */
	struct buf partial;  /* aggregated sources with parts missing */
	struct buf filters;  /* metrics taken under a filter other than "none" */
	size_t nmissing, npartial;
};

/*
 * The numbers of metric src_metric in the task named name: *v (NAN when absent), *err, *n.
 * The task object is returned (NULL when the log has no such task).
 */
static const struct value *task_numbers(const struct import_tasks *t, const struct import_run *r,
					const char *name, const char *src_metric,
					struct apply_notes *an, struct buf *key, double *v,
					double *err, double *n, bool *has_key)
{
	const struct value *task = t->task(r, name);
	const char *k;
	struct buf se = BUF_INIT;

	*v = *err = *n = NAN;
	*has_key = false;
	if (!task)
		return NULL;
	k = t->metric(task, src_metric, key);
	if (!k)
		return task;
	*has_key = true;
	*v = import_number(task, k);
	t->stderr_key(k, &se);
	*err = import_number(task, buf_str(&se));
	*n = t->count(r, name);
	buf_release(&se);
	if (isfinite(*v) && !strchr(src_metric, ',') && strchr(k, ',') &&
	    strcmp(strchr(k, ',') + 1, "none") != 0)
		buf_printf(&an->filters, "%s%s %s", an->filters.len ? ", " : "", name, k);
	return task;
}

/* One aggregated source: combine its parts into scores[bench]; true when it gave one. */
static bool apply_parts(const struct import_tasks *t, const struct import_run *r,
			const struct source *src, const struct import_parts *p, const char *bench,
			struct apply_notes *an, struct value *scores)
{
	size_t np = p->tasks->n, have = 0;
	struct import_part *parts = xcalloc(np, sizeof(*parts));
	struct buf key = BUF_INIT, miss = BUF_INIT;
	double v, err, n;
	bool done = false;

	for (size_t i = 0; i < np; i++) {
		const char *part = p->tasks->items[i]->string;
		struct import_part *q = &parts[i];
		bool has_key;
		task_numbers(t, r, part, src->metric, an, &key, &q->value, &q->err, &q->n, &has_key);
		if (isfinite(q->value))
			have++;
		else if (miss.len < 200)
			buf_printf(&miss, "%s%s", miss.len ? ", " : "", part);
		else if (!ends_with(buf_str(&miss), "..."))
			buf_puts(&miss, ", ...");
	}
	if (have == np) {
		if (import_aggregate(p->how, parts, np, p->weights, &v, &err, &n) == 0) {
			value_set(scores, bench, import_score_object(src->sign * v, err, n));
			done = true;
		} else {
			buf_printf(&an->partial, "%s%s (\"weighted\" needs each part's sample count: the "
						 "log has none; give \"weights\")",
				   an->npartial++ ? "; " : "", src->task);
		}
	} else if (have) {
		buf_printf(&an->partial, "%s%s (%zu of %zu parts, missing %s)", an->npartial++ ? "; " : "",
			   src->task, have, np, buf_str(&miss));
	}
	free(parts);
	buf_release(&key);
	buf_release(&miss);
	return done;
}

size_t import_apply_tasks(const struct import_tasks *t, const struct import_ctx *x,
			  const struct import_run *r, struct value *scores)
{
	const struct corpus *c = x->c;
	struct apply_notes an = {BUF_INIT, BUF_INIT, BUF_INIT, 0, 0};
	struct buf key = BUF_INIT, miss = BUF_INIT;
	size_t applied = 0;

	for (size_t b = 0; b < c->nbench; b++) {
		const struct benchmark *bench = &c->benchmarks[b];
		bool done = false;
		buf_reset(&miss);
		for (size_t s = 0; s < bench->nsources && !done; s++) {
			const struct source *src = &bench->sources[s];
			struct import_parts p;
			const struct value *task;
			double v, err, n;
			bool has_key;
			if (strcmp(src->harness, t->harness) != 0)
				continue;
			task = task_numbers(t, r, src->task, src->metric, &an, &key, &v, &err, &n,
					    &has_key);
			if (isfinite(v)) {
				/* "N/A" and NaN stderr are unknown: left out, never 0 */
				value_set(scores, bench->id, import_score_object(src->sign * v, err, n));
				done = true;
			} else if (task) {
				buf_printf(&miss, "%s%s (maps '%s'%s; has ", miss.len ? "; " : "", src->task,
					   src->metric, has_key ? ", which is not a number" : "");
				list_metrics(task, &miss);
				buf_putc(&miss, ')');
			} else if ((p = import_source_parts(x->list, b, s, NULL)).how != AGG_NONE) {
				done = apply_parts(t, r, src, &p, bench->id, &an, scores);
			}
		}
		if (done)
			applied++;
		else if (miss.len) {
			buf_printf(&an.missing, "%s%s", an.nmissing++ ? "; " : "", buf_str(&miss));
		}
	}
	if (an.nmissing)
		diag_warning(r->path, 0, 0, "%zu mapped task%s without the mapped metric, not "
					    "imported: %s",
			     an.nmissing, an.nmissing == 1 ? "" : "s", buf_str(&an.missing));
	if (an.npartial)
		diag_warning(r->path, 0, 0, "%zu aggregated source%s not imported: %s", an.npartial,
			     an.npartial == 1 ? "" : "s", buf_str(&an.partial));
	if (an.filters.len)
		import_note(r->path, "no 'none' filter, so used (in the order none, strict-match, "
				     "flexible-extract, then by name): %s",
			    buf_str(&an.filters));
	buf_release(&an.missing);
	buf_release(&an.partial);
	buf_release(&an.filters);
	buf_release(&key);
	buf_release(&miss);
	return applied;
}

bool import_task_mapped(const struct import_tasks *t, const struct import_ctx *x,
			const char *name)
{
	const struct corpus *c = x->c;
	for (size_t b = 0; b < c->nbench; b++)
		for (size_t s = 0; s < c->benchmarks[b].nsources; s++) {
			const struct source *src = &c->benchmarks[b].sources[s];
			struct import_parts p;
			if (strcmp(src->harness, t->harness) != 0)
				continue;
			if (t->same(src->task, name))
				return true;
			p = import_source_parts(x->list, b, s, NULL);
			for (size_t i = 0; p.how != AGG_NONE && i < p.tasks->n; i++)
				if (t->same(p.tasks->items[i]->string, name))
					return true;
		}
	return false;
}
