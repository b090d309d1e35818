#include "import.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "content.h"
#include "util.h"

/*
 * A score as {value, stderr, n}; an unknown stderr (non-finite, negative, or zero: a zero
 * standard error is what a tool writes for a proportion of 0 or 1, not a measured
 * uncertainty) or n (also fractional: content_load() wants a count) is left out.
 */
struct value *import_score_object(double value, double err, double n)
{
	struct value *score = value_object();
	value_set_number(score, "value", value);
	if (isfinite(err) && err > 0)
		value_set_number(score, "stderr", err);
	if (isfinite(n) && n >= 0 && n == floor(n))
		value_set_number(score, "n", n);
	return score;
}

/* Load an existing JSON object file or start a new one; NULL after a diagnostic. */
struct value *import_load_or_new(const char *path)
{
	struct value *v;
	if (!path_is_file(path))
		return value_object();
	v = content_read_json(path);
	if (v && v->kind != VALUE_OBJECT) {
		diag_error(path, v->line, v->col, "the top level must be an object");
		value_free(v);
		return NULL;
	}
	return v;
}

/* Add v as pretty JSON at path to the files an import writes together. */
int import_add_json_file(struct file_set *fs, const char *path, const struct value *v)
{
	struct buf out = BUF_INIT;
	int rc;
	value_write_json(&out, v, 2);
	rc = file_set_add(fs, path, out.data, out.len);
	buf_release(&out);
	return rc;
}

/* Put the files in place, unless the import was interrupted (then nothing is). */
int import_commit_files(struct file_set *fs)
{
	if (interrupted()) {
		file_set_abort(fs);
		return -1;
	}
	return file_set_commit(fs);
}

/* The number under key in task (or "" when key is absent); NAN when absent or not a number. */
double import_number(const struct value *task, const char *key)
{
	const struct value *v = value_get(task, key);
	return v && v->kind == VALUE_NUMBER ? v->number : NAN;
}

void import_note(const char *file, const char *fmt, ...)
{
	va_list ap;
	fputs("note: ", stderr);
	if (file)
		fprintf(stderr, "%s: ", file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Are all items of a (an array) of kind k? */
static bool all_of_kind(const struct value *a, enum value_kind k)
{
	for (size_t i = 0; i < a->n; i++)
		if (a->items[i]->kind != k)
			return false;
	return true;
}

struct import_parts import_source_parts(const struct value *list, size_t b, size_t s,
					const char *path)
{
	struct import_parts p = {AGG_NONE, NULL, NULL};
	const struct value *e = list && b < list->n ? list->items[b] : NULL;
	const struct value *srcs = value_get(e, "sources");
	const struct value *src = srcs && srcs->kind == VALUE_ARRAY && s < srcs->n ? srcs->items[s]
										       : NULL;
	const char *how = value_get_string(src, "aggregate");
	const struct value *tasks = value_get(src, "parts"), *weights = value_get(src, "weights");

	if (!src || (!how && !tasks))
		return p;
	if (!how || (strcmp(how, "mean") != 0 && strcmp(how, "weighted") != 0) || !tasks ||
	    tasks->kind != VALUE_ARRAY || !tasks->n || !all_of_kind(tasks, VALUE_STRING) ||
	    (weights && (weights->kind != VALUE_ARRAY || weights->n != tasks->n ||
			 !all_of_kind(weights, VALUE_NUMBER)))) {
		if (path)
			diag_warning(path, src->line, src->col,
			     "sources[%zu] of '%s' is not used: an aggregated source needs "
			     "\"aggregate\": \"mean\" or \"weighted\", \"parts\": [task, ...] and "
			     "optionally \"weights\": [count, ...], one per part",
			     s, value_get_string(e, "id") ? value_get_string(e, "id") : "?");
		return p;
	}
	p.how = strcmp(how, "mean") == 0 ? AGG_MEAN : AGG_WEIGHTED;
	p.tasks = tasks;
	p.weights = weights;
	return p;
}

int import_aggregate(enum import_aggregate how, const struct import_part *parts, size_t n,
		     const struct value *weights, double *value, double *err, double *count)
{
	double sw = 0, sv = 0, se2 = 0, sn = 0;
	bool all_err = true, all_n = true;

	for (size_t i = 0; i < n; i++) {
		double w = 1, cnt = parts[i].n;
		if (!isfinite(cnt) && weights && i < weights->n)
			cnt = weights->items[i]->number;
		if (!(isfinite(cnt) && cnt > 0))
			all_n = false;
		if (how == AGG_WEIGHTED) {
			if (!(isfinite(cnt) && cnt > 0))
				return -1;
			w = cnt;
		}
		sw += w;
		sv += w * parts[i].value;
		if (isfinite(parts[i].err))
			se2 += w * w * parts[i].err * parts[i].err;
		else
			all_err = false;
		sn += isfinite(cnt) ? cnt : 0;
	}
	*value = sv / sw;
	*err = all_err ? sqrt(se2) / sw : NAN;
	*count = all_n ? sn : NAN;
	return 0;
}

const struct value *import_benchmark_list(const char *dir, struct value **doc)
{
	char *path = path_join(dir, "benchmarks.json");
	const struct value *list;
	*doc = content_read_json(path);
	free(path);
	list = value_get(*doc, "benchmarks");
	if (!*doc)
		return NULL;
	return list && list->kind == VALUE_ARRAY ? list : NULL;
}
