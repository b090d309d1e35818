/*
 * import_csv.c - `washboard import csv`: a wide matrix (the paper's layout) or a long table
 * of model,benchmark,value rows, with optional benchmark info, taxonomy and task-map CSVs.
 */
#include "importers.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "import.h"
#include "util.h"
#include "value.h"

static int read_csv(const char *path, struct csv_table *t)
{
	char *text;
	size_t len;
	int rc;
	if (file_read(path, &text, &len) < 0)
		return -1;
	rc = csv_parse(path, text, len, t);
	free(text);
	if (rc == 0 && t->nrows == 0) {
		diag_error(path, 0, 0, "empty CSV file (expected a header row)");
		csv_free(t);
		return -1;
	}
	return rc;
}

static long header_index(const struct csv_row *h, const char *name)
{
	for (size_t i = 0; i < h->nfields; i++)
		if (strcmp(h->fields[i], name) == 0)
			return (long)i;
	return -1;
}

static const char *cell(const struct csv_row *r, long i)
{
	return i >= 0 && (size_t)i < r->nfields ? r->fields[i] : "";
}

/* A side table keyed by its first column, with named columns looked up in its header. */
struct side {
	const char *path;
	struct csv_table t;
	long cols[8];
};

static int side_load(struct side *s, const char *path, const char *const *names, size_t n)
{
	s->path = path;
	if (read_csv(path, &s->t) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		s->cols[i] = header_index(&s->t.rows[0], names[i]);
		if (s->cols[i] < 0) {
			diag_error(path, 1, 1, "header has no '%s' column (expected %s,%s,...)",
				   names[i], names[0], names[1]);
			return -1;
		}
	}
	return 0;
}

static const struct csv_row *side_find(const struct side *s, const char *key)
{
	if (!s->path)
		return NULL;
	for (size_t r = 1; r < s->t.nrows; r++)
		if (strcmp(cell(&s->t.rows[r], s->cols[0]), key) == 0)
			return &s->t.rows[r];
	return NULL;
}

/* "Accuracy (↑)" -> metric "Accuracy", higher is better; "(↓)" -> lower is better. */
static char *parse_metric(const char *label, int *direction)
{
	static const char up[] = "(\xE2\x86\x91)", down[] = "(\xE2\x86\x93)";
	const char *p;
	size_t n = strlen(label);

	*direction = 0;
	if ((p = strstr(label, up)) != NULL)
		*direction = 1;
	else if ((p = strstr(label, down)) != NULL)
		*direction = -1;
	if (p)
		n = (size_t)(p - label);
	while (n && label[n - 1] == ' ')
		n--;
	if (n == 0 || (n == 3 && memcmp(label, "N/A", 3) == 0))
		return xstrdup("score");
	return xstrndup(label, n);
}

static struct value *find_by_id(const struct value *list, const char *id)
{
	for (size_t i = 0; list && i < list->n; i++)
		if (value_get_string(list->items[i], "id") &&
		    strcmp(value_get_string(list->items[i], "id"), id) == 0)
			return list->items[i];
	return NULL;
}

struct column {
	long index;     /* in the matrix header */
	char *source;   /* original name */
	char *id;       /* slug */
};

static const char *const metadata_columns[] = {"model", "name", "model_size", "FLOP", "type", NULL};

static bool is_metadata(const char *name, const struct side *tax)
{
	const struct csv_row *r;
	for (int i = 0; metadata_columns[i]; i++)
		if (strcmp(name, metadata_columns[i]) == 0)
			return true;
	r = side_find(tax, name);
	return r && strcmp(cell(r, tax->cols[1]), "metadata") == 0;
}

/*
 * An aggregated source from the task map's optional aggregate and parts cells: parts are
 * "task" or "task:count" separated by spaces (the counts, all or none, become "weights").
 */
static void source_parts(struct value *src, const struct side *map, const struct csv_row *row)
{
	const char *how = map->cols[5] >= 0 ? cell(row, map->cols[5]) : "";
	const char *p = map->cols[6] >= 0 ? cell(row, map->cols[6]) : "";
	struct value *tasks = value_array(), *weights = value_array();
	bool counted = true;

	if (!how[0] && !p[0]) {
		value_free(tasks);
		value_free(weights);
		return;
	}
	value_set_string(src, "aggregate", how);
	while (*p) {
		size_t n = strcspn(p, " ");
		if (n) {
			char *part = xstrndup(p, n), *colon = strrchr(part, ':');
			double w;
			if (colon && parse_number(colon + 1, &w) == 0 && w > 0) {
				*colon = '\0';
				value_push(weights, value_number(w));
			} else {
				counted = false;
			}
			value_push(tasks, value_string(part));
			free(part);
		}
		p += n + (p[n] == ' ');
	}
	value_set(src, "parts", tasks);
	if (counted && weights->n)
		value_set(src, "weights", weights);
	else
		value_free(weights);
}

/* Set e's "sources" from every task-map row of column c (the map replaces what was there). */
static void update_sources(struct value *e, const struct column *c, const struct side *map)
{
	struct value *list = NULL;
	for (size_t r = 1; map->path && r < map->t.nrows; r++) {
		const struct csv_row *row = &map->t.rows[r];
		struct value *src;
		double sign = 1;
		if (strcmp(cell(row, map->cols[0]), c->source) != 0)
			continue;
		if (!list)
			list = value_array();
		src = value_push(list, value_object());
		value_set_string(src, "harness", cell(row, map->cols[1]));
		value_set_string(src, "task", cell(row, map->cols[2]));
		value_set_string(src, "metric", cell(row, map->cols[3]));
		if (parse_number(cell(row, map->cols[4]), &sign) == 0 && sign == -1)
			value_set_number(src, "sign", -1);
		source_parts(src, map, row);
	}
	if (list)
		value_set(e, "sources", list);
}

/* aggregate_of from a taxonomy cell: the parts' benchmark ids, separated by spaces. */
static void update_aggregate(struct value *e, const char *parts)
{
	struct value *list = value_array();
	const char *p = parts;
	while (*p) {
		size_t n = strcspn(p, " ");
		if (n) {
			char *part = xstrndup(p, n), *id = slugify(part);
			value_push(list, value_string_own(id));
			free(part);
		}
		p += n + (p[n] == ' ');
	}
	if (list->n)
		value_set(e, "aggregate_of", list);
	else {
		value_free(list);
		value_remove(e, "aggregate_of");
	}
}

/* Update (or create) benchmark entry e from the info and taxonomy rows for column c. */
static void update_benchmark(struct value *e, const struct column *c, const struct side *info,
			     const struct side *tax, unsigned *unclassified)
{
	const struct csv_row *ir = side_find(info, c->source), *tr = side_find(tax, c->source);
	bool is_new = value_get(e, "id") == NULL;

	if (is_new) {
		value_set_string(e, "id", c->id);
		if (strcmp(c->id, c->source) != 0)
			value_set_string(e, "source_id", c->source);
	}
	if (ir && cell(ir, info->cols[1])[0])
		value_set_string(e, "name", cell(ir, info->cols[1]));
	else if (is_new)
		value_set_string(e, "name", c->source);
	if (tr) {
		const char *role = cell(tr, tax->cols[1]), *area = cell(tr, tax->cols[2]),
			   *cw = cell(tr, tax->cols[3]);
		value_set_string(e, "role", role);
		if (area[0]) {
			char *a = slugify(area);
			if (!is_slug(a))
				diag_error(tax->path, tr->line, tr->cols[tax->cols[2]],
					   "area '%s' gives no usable identifier", area);
			else
				value_set_string(e, "area", a);
			free(a);
		}
		if (cw[0]) {
			char *s = slugify(cw);
			value_set_string(e, "correlate_with", s);
			free(s);
		} else {
			value_remove(e, "correlate_with");
		}
		update_aggregate(e, cell(tr, tax->cols[4]));
	} else if (is_new) {
		value_set_string(e, "role", "general");
		value_set_string(e, "area", "unclassified");
		(*unclassified)++;
	}
	if (ir) {
		int dir;
		char *metric = parse_metric(cell(ir, info->cols[2]), &dir);
		value_set_string(e, "metric", metric);
		free(metric);
		if (dir)
			value_set_bool(e, "higher_is_better", dir > 0);
	} else if (is_new) {
		value_set_string(e, "metric", "score");
	}
	if (!value_get(e, "higher_is_better"))
		value_set_bool(e, "higher_is_better", true);
}

static int check_cohort(struct value *site, const struct import_csv_options *o)
{
	struct value *cohorts = value_get(site, "cohorts"), *e;
	double order = 0;

	if (!value_get(site, "title"))
		value_set_string(site, "title", "washboard audit");
	if (!cohorts)
		cohorts = value_set(site, "cohorts", value_array());
	if (cohorts->kind != VALUE_ARRAY) {
		diag_error(NULL, 0, 0, "site.json: key 'cohorts' must be an array");
		return -1;
	}
	if (find_by_id(cohorts, o->cohort)) {
		if (o->cohort_title)
			value_set_string(find_by_id(cohorts, o->cohort), "title", o->cohort_title);
		return 0;
	}
	for (size_t i = 0; i < cohorts->n; i++) {
		const struct value *ord = value_get(cohorts->items[i], "order");
		if (ord && ord->kind == VALUE_NUMBER && ord->number >= order)
			order = ord->number + 1;
	}
	e = value_push(cohorts, value_object());
	value_set_string(e, "id", o->cohort);
	value_set_string(e, "title", o->cohort_title ? o->cohort_title : o->cohort);
	value_set_number(e, "order", order ? order : (double)cohorts->n);
	return 0;
}

struct model_row {
	char *id;
	struct value *doc; /* the model file, updated */
};

/* Per value cell of a table made from a long CSV: its stderr and n cells, or NULL. */
struct cell_extra {
	const char *stderr_; /* borrowed from the long table */
	const char *n;
	unsigned line, col_se, col_n;
};

/* The number in an optional extra cell; false when the cell is empty. */
static bool extra_number(const char *path, const char *text, unsigned line, unsigned col,
			 const char *what, double *x)
{
	if (!text || !text[0])
		return false;
	if (parse_number(text, x) < 0 || *x < 0) {
		diag_error(path, line, col, "%s '%s' is not a number >= 0", what, text);
		return false;
	}
	if (strcmp(what, "n") == 0 && *x != floor(*x)) {
		diag_error(path, line, col, "n '%s' is not a whole number (a count of samples)", text);
		return false;
	}
	return true;
}

/* One wide import as it goes: its inputs, and the files it will write (built in memory). */
struct wide {
	const struct import_csv_options *o;
	const char *path;                 /* the matrix, for messages */
	const struct csv_table *m;        /* the matrix; row 0 is the header (borrowed) */
	const struct cell_extra *extras;  /* stderr and n per value cell, or NULL (borrowed) */
	struct side info, tax, map;       /* the side tables; path NULL when not given */
	long c_model, c_name, c_size, c_flop, c_type; /* metadata columns; -1 when absent */
	struct column *cols;              /* the benchmark columns, ncols of them */
	size_t ncols;
	struct model_row *rows;           /* the model files, nrows of them */
	size_t nrows;
	struct value *site, *benches;     /* site.json and benchmarks.json, updated */
	struct value *list;               /* benches' "benchmarks" array (borrowed) */
	char *site_path, *bench_path, *model_dir;
	unsigned unclassified;            /* new benchmarks given no role */
};

/* Load the side tables that were given; -1 after a diagnostic. */
static int wide_read_sides(struct wide *w)
{
	static const char *const map_cols[] = {"benchmark", "harness", "task", "metric", "sign"};
	static const char *const info_cols[] = {"benchmark", "name", "metric"};
	static const char *const tax_cols[] = {"benchmark", "role", "area", "correlate_with"};
	const struct import_csv_options *o = w->o;

	if (o->info && side_load(&w->info, o->info, info_cols, 3) < 0)
		return -1;
	if (o->taxonomy && side_load(&w->tax, o->taxonomy, tax_cols, 4) < 0)
		return -1;
	if (o->taxonomy) /* optional: the parts an aggregate column sums up */
		w->tax.cols[4] = header_index(&w->tax.t.rows[0], "aggregate_of");
	if (o->task_map && side_load(&w->map, o->task_map, map_cols, 5) < 0)
		return -1;
	if (o->task_map) { /* optional: aggregated sources (import.h) */
		w->map.cols[5] = header_index(&w->map.t.rows[0], "aggregate");
		w->map.cols[6] = header_index(&w->map.t.rows[0], "parts");
	}
	return 0;
}

/*
 * Find the metadata columns and make every other column a benchmark column; bad column
 * names and unknown taxonomy roles are reported (the import goes on to find more errors).
 */
static void wide_columns(struct wide *w)
{
	const struct csv_row *h = &w->m->rows[0];
	const char *path = w->path;
	struct column *cols;
	size_t ncols = 0;

	w->c_model = header_index(h, "model");
	if (w->c_model < 0)
		w->c_model = 0;
	w->c_name = header_index(h, "name");
	w->c_size = header_index(h, "model_size");
	w->c_flop = header_index(h, "FLOP");
	w->c_type = header_index(h, "type");

	cols = w->cols = xcalloc(h->nfields, sizeof(*cols));
	for (size_t f = 0; f < h->nfields; f++) {
		const char *name = h->fields[f];
		if ((long)f == w->c_model || is_metadata(name, &w->tax))
			continue;
		if (!name[0]) {
			diag_error(path, h->line, h->cols[f], "column %zu has no name", f + 1);
			continue;
		}
		cols[ncols].index = (long)f;
		cols[ncols].source = xstrdup(name);
		cols[ncols].id = slugify(name);
		if (!is_slug(cols[ncols].id)) {
			diag_error(path, h->line, h->cols[f],
				   "column '%s' gives no usable identifier", name);
		}
		for (size_t k = 0; k < ncols; k++)
			if (strcmp(cols[k].id, cols[ncols].id) == 0)
				diag_error(path, h->line, h->cols[f],
					   "columns '%s' and '%s' both become benchmark id '%s'",
					   cols[k].source, name, cols[ncols].id);
		w->ncols = ++ncols;
	}
	if (w->tax.path)
		for (size_t k = 0; k < ncols; k++) {
			const struct csv_row *tr = side_find(&w->tax, cols[k].source);
			const char *role = tr ? cell(tr, w->tax.cols[1]) : NULL;
			if (role && strcmp(role, "capability") != 0 && strcmp(role, "safety") != 0 &&
			    strcmp(role, "general") != 0 && strcmp(role, "ignore") != 0)
				diag_error(w->tax.path, tr->line, tr->cols[w->tax.cols[1]],
					   "role '%s' for '%s' is not capability, safety, general, "
					   "ignore or metadata",
					   role, cols[k].source);
		}
}

/* What content_load() will check: every aggregate_of part is another benchmark. */
static void check_aggregates(const struct wide *w)
{
	const struct value *list = w->list;

	for (size_t i = 0; i < list->n; i++) {
		const char *id = value_get_string(list->items[i], "id");
		const struct value *parts = value_get(list->items[i], "aggregate_of");
		const struct csv_row *tr;
		for (size_t j = 0; id && parts && parts->kind == VALUE_ARRAY && j < parts->n; j++) {
			const char *part = parts->items[j]->string;
			if (part && find_by_id(list, part) && strcmp(part, id) != 0)
				continue;
			tr = side_find(&w->tax, value_get_string(list->items[i], "source_id")
							? value_get_string(list->items[i], "source_id")
							: id);
			diag_error(w->tax.path ? w->tax.path : w->bench_path, tr ? tr->line : 0,
				   tr && w->tax.cols[4] >= 0 ? tr->cols[w->tax.cols[4]] : 0,
				   "aggregate_of of '%s' names '%s', which is %s", id,
				   part ? part : "?", part && strcmp(part, id) == 0 ? "itself" : "no benchmark");
		}
	}
}

/* What content_load() will check: every correlate_with names another benchmark. */
static void check_correlate_with(const struct wide *w)
{
	const struct value *list = w->list;
	const struct side *tax = &w->tax;

	check_aggregates(w);
	for (size_t i = 0; i < list->n; i++) {
		const char *id = value_get_string(list->items[i], "id");
		const char *cw = value_get_string(list->items[i], "correlate_with");
		const struct csv_row *tr;
		if (!cw || !id || (find_by_id(list, cw) && strcmp(cw, id) != 0))
			continue;
		tr = side_find(tax, value_get_string(list->items[i], "source_id")
					? value_get_string(list->items[i], "source_id")
					: id);
		diag_error(tax->path ? tax->path : w->bench_path, tr ? tr->line : 0,
			   tr ? tr->cols[tax->cols[3]] : 0,
			   strcmp(cw, id) == 0 ? "benchmark '%s' cannot correlate_with itself"
					       : "correlate_with of '%s' names no benchmark",
			   id);
	}
}

/*
 * Load site.json and benchmarks.json (or start them), declare the cohort and update the
 * benchmark of every column; -1 after a diagnostic when a file cannot be used.
 */
static int wide_benchmarks(struct wide *w)
{
	const struct import_csv_options *o = w->o;
	struct value *list;

	w->site_path = path_join(o->content, "site.json");
	w->bench_path = path_join(o->content, "benchmarks.json");
	w->model_dir = path_join(o->content, "models");
	w->site = import_load_or_new(w->site_path);
	w->benches = import_load_or_new(w->bench_path);
	if (!w->site || !w->benches)
		return -1;
	list = value_get(w->benches, "benchmarks");
	if (!list)
		list = value_set(w->benches, "benchmarks", value_array());
	if (list->kind != VALUE_ARRAY) {
		diag_error(w->bench_path, list->line, list->col,
			   "key 'benchmarks' must be an array");
		return -1;
	}
	w->list = list;
	if (check_cohort(w->site, o) < 0)
		return -1;
	for (size_t k = 0; k < w->ncols; k++) {
		struct value *e = find_by_id(list, w->cols[k].id);
		if (!e)
			e = value_push(list, value_object());
		update_benchmark(e, &w->cols[k], &w->info, &w->tax, &w->unclassified);
		update_sources(e, &w->cols[k], &w->map);
	}
	check_correlate_with(w);
	return 0;
}

/* Set the scores of matrix row r (its value cells, with their extras) in doc. */
static void wide_scores(const struct wide *w, size_t r, struct value *doc)
{
	const struct csv_row *row = &w->m->rows[r];
	size_t width = w->m->rows[0].nfields;
	const char *path = w->path;
	struct value *scores;
	double x;

	scores = value_get(doc, "scores");
	if (!scores || scores->kind != VALUE_OBJECT)
		scores = value_set(doc, "scores", value_object());
	for (size_t k = 0; k < w->ncols; k++) {
		const struct column *c = &w->cols[k];
		const char *v = cell(row, c->index);
		if (!v[0])
			continue;
		int bad = parse_number(v, &x);
		if (bad < 0) {
			diag_error(path, row->line, row->cols[c->index],
				   "value '%s' in column '%s' is %s", v, c->source,
				   bad == -2 ? "out of range" : "not a number");
			continue;
		}
		if (w->extras) {
			const struct cell_extra *ex = &w->extras[r * width + (size_t)c->index];
			double se, n;
			bool has_se = extra_number(path, ex->stderr_, ex->line, ex->col_se,
						   "stderr", &se);
			bool has_n = extra_number(path, ex->n, ex->line, ex->col_n, "n", &n);
			if (has_se || has_n) {
				value_set(scores, c->id,
					  import_score_object(x, has_se ? se : NAN,
							      has_n ? n : NAN));
				continue;
			}
		}
		value_set_number(scores, c->id, x);
	}
}

/* Set the model_size and FLOP of matrix row row in doc. */
static void wide_size(const struct wide *w, const struct csv_row *row, struct value *doc)
{
	const char *path = w->path;
	long c_size = w->c_size, c_flop = w->c_flop;
	double x;

	if (c_size >= 0 && cell(row, c_size)[0]) {
		if (parse_number(cell(row, c_size), &x) < 0 || x <= 0)
			diag_error(path, row->line, row->cols[c_size],
				   "model_size '%s' is not a positive number", cell(row, c_size));
		else
			value_set_number(doc, "params", x);
	}
	if (c_flop >= 0 && cell(row, c_flop)[0]) {
		if (parse_number(cell(row, c_flop), &x) < 0 || x <= 0)
			diag_error(path, row->line, row->cols[c_flop],
				   "FLOP '%s' is not a positive number", cell(row, c_flop));
		else {
			value_set_number(doc, "training_flop", x);
			value_set_string(doc, "flop_source", "reported");
		}
	}
}

/*
 * Build the file of the model in matrix row r (its file in cdir as it is, updated) into
 * w->rows; a row that gives no file is reported and left out. file is scratch space.
 */
static void wide_model(struct wide *w, size_t r, const char *cdir, struct buf *file)
{
	const struct csv_row *h = &w->m->rows[0], *row = &w->m->rows[r];
	const char *path = w->path, *cohort = w->o->cohort;
	long c_model = w->c_model, c_type = w->c_type;
	const char *src = cell(row, c_model), *name = cell(row, w->c_name);
	struct model_row *rows = w->rows;
	size_t nrows = w->nrows;
	struct value *doc;

	if (row->nfields != h->nfields) {
		diag_error(path, row->line, 1, "row has %zu fields but the header has %zu",
			   row->nfields, h->nfields);
		return;
	}
	rows[nrows].id = slugify(src);
	if (!is_slug(rows[nrows].id)) {
		diag_error(path, row->line, row->cols[c_model],
			   "model '%s' gives no usable identifier", src);
		free(rows[nrows].id);
		return;
	}
	for (size_t k = 0; k < nrows; k++)
		if (strcmp(rows[k].id, rows[nrows].id) == 0)
			diag_error(path, row->line, row->cols[c_model],
				   "model id '%s' appears twice", rows[nrows].id);
	if (c_type >= 0 && cell(row, c_type)[0] && strcmp(cell(row, c_type), cohort) != 0)
		diag_warning(path, row->line, row->cols[c_type],
			     "type '%s' differs from --cohort '%s'", cell(row, c_type), cohort);
	buf_reset(file);
	buf_printf(file, "%s/%s.json", cdir, rows[nrows].id);
	doc = import_load_or_new(buf_str(file));
	if (!doc) {
		free(rows[nrows].id);
		return;
	}
	rows[nrows].doc = doc;
	w->nrows = ++nrows;
	value_set_string(doc, "id", rows[nrows - 1].id);
	if (strcmp(src, rows[nrows - 1].id) != 0)
		value_set_string(doc, "source_id", src);
	if (name[0])
		value_set_string(doc, "name", name);
	else if (!value_get(doc, "name"))
		value_set_string(doc, "name", src);
	value_set_string(doc, "cohort", cohort);
	wide_size(w, row, doc);
	if (w->o->source)
		value_set_string(doc, "source", w->o->source);
	wide_scores(w, r, doc);
}

/* Build the file of every model (every matrix row but the header). */
static void wide_models(struct wide *w)
{
	char *cdir = path_join(w->model_dir, w->o->cohort);
	struct buf file = BUF_INIT;

	w->rows = xcalloc(w->m->nrows, sizeof(*w->rows));
	for (size_t r = 1; r < w->m->nrows; r++)
		wide_model(w, r, cdir, &file);
	buf_release(&file);
	free(cdir);
}

/* Everything checked: write, every file or none. -1 after a diagnostic or when interrupted. */
static int wide_write(const struct wide *w)
{
	char *cdir = path_join(w->model_dir, w->o->cohort);
	struct file_set fs = FILE_SET_INIT;
	int bad = path_mkdirs(w->o->content) < 0 || path_mkdirs(cdir) < 0;

	for (size_t r = 0; !bad && r < w->nrows; r++) {
		struct buf p = BUF_INIT;
		buf_printf(&p, "%s/%s.json", cdir, w->rows[r].id);
		bad = import_add_json_file(&fs, buf_str(&p), w->rows[r].doc) < 0;
		buf_release(&p);
	}
	bad = bad || import_add_json_file(&fs, w->bench_path, w->benches) < 0 ||
	      import_add_json_file(&fs, w->site_path, w->site) < 0;
	free(cdir);
	if (bad)
		file_set_abort(&fs);
	if (bad || import_commit_files(&fs) < 0)
		return -1;
	return 0;
}

static void wide_free(struct wide *w)
{
	for (size_t k = 0; k < w->ncols; k++) {
		free(w->cols[k].source);
		free(w->cols[k].id);
	}
	free(w->cols);
	for (size_t r = 0; r < w->nrows; r++) {
		free(w->rows[r].id);
		value_free(w->rows[r].doc);
	}
	free(w->rows);
	value_free(w->site);
	value_free(w->benches);
	free(w->site_path);
	free(w->bench_path);
	free(w->model_dir);
	csv_free(&w->info.t);
	csv_free(&w->tax.t);
	csv_free(&w->map.t);
}

/*
 * Import the wide table m (read from path): the matrix layout. extras, when not NULL, has
 * nrows x header-width entries with stderr and n for the value cells (from a long CSV).
 */
static int import_wide(const struct import_csv_options *o, const char *path,
		       const struct csv_table *m, const struct cell_extra *extras)
{
	struct wide w;
	unsigned errors = diag_errors();
	int rc = -1;

	if (!is_slug(o->cohort)) {
		diag_error(NULL, 0, 0, "cohort '%s' is not an identifier (use lowercase letters, "
				       "digits, '.', '_' and '-')",
			   o->cohort);
		return -1;
	}
	memset(&w, 0, sizeof(w));
	w.o = o;
	w.path = path;
	w.m = m;
	w.extras = extras;
	if (wide_read_sides(&w) < 0)
		goto out;
	wide_columns(&w);
	if (wide_benchmarks(&w) < 0)
		goto out;
	wide_models(&w);
	if (diag_errors() != errors)
		goto out;
	if (w.unclassified)
		diag_warning(path, 0, 0,
			     "%u new benchmarks have no role (set to 'general', area 'unclassified'); "
			     "pass --taxonomy or edit benchmarks.json",
			     w.unclassified);
	if (wide_write(&w) < 0)
		goto out;
	fprintf(stderr, "imported %zu models and %zu benchmarks into %s/models/%s\n", w.nrows,
		w.ncols, o->content, o->cohort);
	rc = 0;
out:
	wide_free(&w);
	return rc;
}

int import_csv_matrix(const struct import_csv_options *o)
{
	struct csv_table m = {0, NULL};
	int rc = -1;
	if (read_csv(o->matrix, &m) == 0)
		rc = import_wide(o, o->matrix, &m, NULL);
	csv_free(&m);
	return rc;
}

/* Position of name in list (appending it when new). */
static size_t intern_name(char ***list, size_t *n, size_t *cap, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*list)[i], name) == 0)
			return i;
	xgrow((void **)list, cap, *n + 1, sizeof(**list));
	(*list)[*n] = xstrdup(name);
	return (*n)++;
}

int import_csv_long(const struct import_csv_options *o)
{
	struct csv_table l = {0, NULL}, m = {0, NULL};
	char **models = NULL, **benches = NULL;
	size_t nm = 0, nb = 0, capm = 0, capb = 0, width;
	struct cell_extra *extras = NULL;
	long c_model, c_bench, c_value, c_se, c_n;
	unsigned errors = diag_errors();
	int rc = -1;

	if (read_csv(o->matrix, &l) < 0)
		goto out;
	c_model = header_index(&l.rows[0], "model");
	c_bench = header_index(&l.rows[0], "benchmark");
	c_value = header_index(&l.rows[0], "value");
	c_se = header_index(&l.rows[0], "stderr");
	c_n = header_index(&l.rows[0], "n");
	if (c_model < 0 || c_bench < 0 || c_value < 0) {
		diag_error(o->matrix, 1, 1, "a long table needs the columns model,benchmark,value "
					    "(and optionally stderr,n)");
		goto out;
	}
	for (size_t r = 1; r < l.nrows; r++) {
		intern_name(&models, &nm, &capm, cell(&l.rows[r], c_model));
		intern_name(&benches, &nb, &capb, cell(&l.rows[r], c_bench));
	}
	/* the same data as a wide table: header "model" + benchmarks, one row per model */
	width = nb + 1;
	m.nrows = nm + 1;
	m.rows = xcalloc(m.nrows, sizeof(*m.rows));
	extras = xcalloc(m.nrows * width, sizeof(*extras));
	for (size_t r = 0; r < m.nrows; r++) {
		struct csv_row *row = &m.rows[r];
		row->nfields = width;
		row->fields = xcalloc(width, sizeof(char *));
		row->cols = xcalloc(width, sizeof(unsigned));
		row->line = 1;
		for (size_t f = 0; f < width; f++)
			row->fields[f] = xstrdup(r == 0 ? (f == 0 ? "model" : benches[f - 1])
						  : (f == 0 ? models[r - 1] : ""));
	}
	for (size_t r = 1; r < l.nrows; r++) {
		const struct csv_row *src = &l.rows[r];
		size_t mi = intern_name(&models, &nm, &capm, cell(src, c_model)) + 1;
		size_t bi = intern_name(&benches, &nb, &capb, cell(src, c_bench)) + 1;
		struct csv_row *dst = &m.rows[mi];
		struct cell_extra *ex = &extras[mi * width + bi];
		if (src->nfields != l.rows[0].nfields) {
			diag_error(o->matrix, src->line, 1, "row has %zu fields but the header has %zu",
				   src->nfields, l.rows[0].nfields);
			continue;
		}
		if (dst->fields[bi][0]) {
			diag_error(o->matrix, src->line, src->cols[c_value],
				   "a second value for model '%s' and benchmark '%s'",
				   cell(src, c_model), cell(src, c_bench));
			continue;
		}
		free(dst->fields[bi]);
		dst->fields[bi] = xstrdup(cell(src, c_value));
		dst->cols[bi] = src->cols[c_value];
		dst->cols[0] = src->cols[c_model];
		dst->line = src->line;
		ex->line = src->line;
		if (c_se >= 0) {
			ex->stderr_ = cell(src, c_se);
			ex->col_se = src->cols[c_se];
		}
		if (c_n >= 0) {
			ex->n = cell(src, c_n);
			ex->col_n = src->cols[c_n];
		}
	}
	if (diag_errors() == errors)
		rc = import_wide(o, o->matrix, &m, extras);
out:
	for (size_t i = 0; i < nm; i++)
		free(models[i]);
	for (size_t i = 0; i < nb; i++)
		free(benches[i]);
	free(models);
	free(benches);
	free(extras);
	csv_free(&m);
	csv_free(&l);
	return rc;
}
