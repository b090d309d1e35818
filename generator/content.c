/* NOLINTNEXTLINE(bugprone-reserved-identifier): glibc declares realpath() only for XSI (or its defaults) */
#define _XOPEN_SOURCE 700
#include "content.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "json.h"
#include "util.h"

const char *role_name(enum role r)
{
	switch (r) {
	case ROLE_CAPABILITY:
		return "capability";
	case ROLE_SAFETY:
		return "safety";
	case ROLE_GENERAL:
		return "general";
	default:
		return "ignore";
	}
}

struct value *content_read_json(const char *path)
{
	char *text = NULL;
	size_t len;
	struct json_error err;
	struct value *v = NULL;

	if (file_read(path, &text, &len) < 0)
		return NULL;
	v = json_parse(text, len, &err);
	if (!v)
		diag_error(path, err.line, err.col, "%s", err.msg);
	free(text);
	return v;
}

/* Validation context: the file being checked; every check reports at the node's position. */
struct check {
	const char *path;
	unsigned errors;
};

static void bad(struct check *k, const struct value *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void bad(struct check *k, const struct value *at, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_error(k->path, at ? at->line : 0, at ? at->col : 0, "%s", buf_str(&msg));
	buf_release(&msg);
	k->errors++;
}

/* An optional string member: NULL when absent or null; an error when of another kind. */
static char *opt_string(struct check *k, const struct value *o, const char *key, const char *path)
{
	const struct value *v = value_get(o, key);
	if (value_is_null(v))
		return NULL;
	if (v->kind != VALUE_STRING) {
		bad(k, v, "key '%s' must be a string, not %s", path ? path : key,
		    value_kind_name(v->kind));
		return NULL;
	}
	return xstrdup(v->string);
}

static char *req_string(struct check *k, const struct value *o, const char *key)
{
	const struct value *v = value_get(o, key);
	if (!v) {
		bad(k, o, "missing key '%s'", key);
		return NULL;
	}
	return opt_string(k, o, key, NULL);
}

/* An optional slug member; reports a non-slug with the rule it breaks. */
static char *opt_slug(struct check *k, const struct value *o, const char *key)
{
	char *s = opt_string(k, o, key, NULL);
	if (s && !is_slug(s)) {
		bad(k, value_get(o, key),
		    "key '%s' is \"%s\", which is not an identifier (use lowercase letters, "
		    "digits, '.', '_' and '-', starting with a letter or digit)",
		    key, s);
		free(s);
		return NULL;
	}
	return s;
}

/* An optional boolean: 1 or 0, or -1 when absent or null; an error when of another kind. */
static int opt_bool(struct check *k, const struct value *o, const char *key)
{
	const struct value *v = value_get(o, key);
	if (value_is_null(v))
		return -1;
	if (v->kind != VALUE_BOOL) {
		bad(k, v, "key '%s' must be true or false, not %s", key, value_kind_name(v->kind));
		return -1;
	}
	return v->boolean ? 1 : 0;
}

/* An optional positive number; returns whether one was read into *x. */
static bool opt_positive(struct check *k, const struct value *o, const char *key, double *x)
{
	const struct value *v = value_get(o, key);
	if (value_is_null(v))
		return false;
	if (v->kind != VALUE_NUMBER) {
		bad(k, v, "key '%s' must be a number, not %s", key, value_kind_name(v->kind));
		return false;
	}
	if (!(v->number > 0)) {
		bad(k, v, "key '%s' must be positive, not %g", key, v->number);
		return false;
	}
	*x = v->number;
	return true;
}

static void warn_unknown_keys(const char *path, const struct value *o, const char *const *known,
			      const char *where)
{
	for (size_t i = 0; i < o->n; i++) {
		size_t j;
		for (j = 0; known[j]; j++)
			if (strcmp(o->keys[i], known[j]) == 0)
				break;
		if (!known[j])
			diag_warning(path, o->items[i]->line, o->items[i]->col,
				     "unknown key '%s'%s (ignored)", o->keys[i], where);
	}
}

static int cmp_cohort(const void *a, const void *b)
{
	const struct cohort_def *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

double content_orient(const struct benchmark *b, double x)
{
	if (b->has_target)
		return -fabs(x - b->target);
	return b->higher_is_better ? x : -x;
}

long content_find_cohort(const struct corpus *c, const char *id)
{
	for (size_t i = 0; i < c->ncohorts; i++)
		if (strcmp(c->cohorts[i].id, id) == 0)
			return (long)i;
	return -1;
}

long content_find_benchmark(const struct corpus *c, const char *id)
{
	size_t lo = 0, hi;
	if (!c->by_id) { /* still loading benchmarks.json */
		for (size_t i = 0; i < c->nbench; i++)
			if (strcmp(c->benchmarks[i].id, id) == 0)
				return (long)i;
		return -1;
	}
	hi = c->nbench;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(c->benchmarks[c->by_id[mid]].id, id);
		if (r == 0)
			return (long)c->by_id[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

struct id_at {
	const char *id;
	size_t i;
};

static int cmp_id_at(const void *a, const void *b)
{
	return strcmp(((const struct id_at *)a)->id, ((const struct id_at *)b)->id);
}

static void index_benchmarks(struct corpus *c)
{
	struct id_at *k = xcalloc(c->nbench ? c->nbench : 1, sizeof(*k));
	c->by_id = xcalloc(c->nbench ? c->nbench : 1, sizeof(size_t));
	for (size_t i = 0; i < c->nbench; i++)
		k[i] = (struct id_at){c->benchmarks[i].id, i};
	if (c->nbench)
		qsort(k, c->nbench, sizeof(*k), cmp_id_at);
	for (size_t i = 0; i < c->nbench; i++)
		c->by_id[i] = k[i].i;
	free(k);
}

static const char *const site_keys[] = {"title",     "description", "base_url", "license",
					"licence",   "citation",    "bibtex",   "thresholds",
					"cohorts",   "areas",       "version",  "author",
					"repository", "citation_url", "impute", "reduced_score", "min_coverage",
					NULL};

/* A number of site.json in [lo, hi] into *out (left alone when the key is absent). */
static void site_number(struct check *k, const struct value *o, const char *key, double lo,
			double hi, double *out)
{
	const struct value *v = value_get(o, key);
	if (value_is_null(v))
		return;
	if (v->kind != VALUE_NUMBER || !(v->number >= lo && v->number <= hi))
		bad(k, v, "key '%s' must be a number from %g to %g", key, lo, hi);
	else
		*out = v->number;
}

/* The analysis options site.json may set (the command line overrides them):
 * "impute": "svd" | "none" | {"method", "rank", "min_share"}, "reduced_score": bool,
 * "min_coverage": share. */
static void load_site_analysis(struct check *k, struct corpus *c)
{
	const struct value *imp = value_get(c->site, "impute"), *red;
	const char *method = NULL;
	double rank = NAN;

	c->impute = -1;
	c->impute_rank = 0;
	c->impute_min_share = c->min_coverage = NAN;
	c->reduced_score = -1;
	if (!value_is_null(imp)) {
		if (imp->kind == VALUE_STRING)
			method = imp->string;
		else if (imp->kind == VALUE_OBJECT) {
			method = value_get_string(imp, "method");
			site_number(k, imp, "rank", 1, 64, &rank);
			site_number(k, imp, "min_share", 0.01, 1, &c->impute_min_share);
		}
		if (!method || (strcmp(method, "svd") != 0 && strcmp(method, "none") != 0))
			bad(k, imp, "key 'impute' must be \"svd\", \"none\" or {\"method\": \"svd\", "
				    "\"rank\": K, \"min_share\": S}");
		else
			c->impute = strcmp(method, "svd") == 0;
		if (isfinite(rank))
			c->impute_rank = (unsigned)rank;
	}
	red = value_get(c->site, "reduced_score");
	if (!value_is_null(red)) {
		if (red->kind != VALUE_BOOL)
			bad(k, red, "key 'reduced_score' must be true or false");
		else
			c->reduced_score = red->boolean;
	}
	site_number(k, c->site, "min_coverage", 0, 1, &c->min_coverage);
}

/* An optional site.json key that pages link to: empty, or an absolute http(s) URL. */
static void site_url(struct check *k, const struct value *site, const char *key)
{
	char *u = opt_string(k, site, key, NULL);
	if (u && *u && !url_is_http(u))
		bad(k, value_get(site, key),
		    "key '%s' must be an absolute URL starting with http:// or https://, not \"%s\" "
		    "(pages link to it from every directory of the site)",
		    key, u);
	free(u);
}

static int load_site(struct corpus *c)
{
	char *path = path_join(c->dir, "site.json");
	struct check k = {path, 0};
	const struct value *th, *cohorts;
	size_t cap = 0;

	c->site = content_read_json(path);
	if (!c->site)
		goto out;
	if (c->site->kind != VALUE_OBJECT) {
		bad(&k, c->site, "the top level must be an object, not %s",
		    value_kind_name(c->site->kind));
		goto out;
	}
	warn_unknown_keys(path, c->site, site_keys, "");
	c->title = req_string(&k, c->site, "title");
	load_site_analysis(&k, c);
	free(opt_string(&k, c->site, "description", NULL));
	site_url(&k, c->site, "base_url");
	site_url(&k, c->site, "repository");
	site_url(&k, c->site, "citation_url");
	c->high = 0.6;
	c->low = 0.4;
	th = value_get(c->site, "thresholds");
	if (!value_is_null(th)) {
		const struct value *hi = value_get(th, "high"), *lo = value_get(th, "low");
		if (th->kind != VALUE_OBJECT) {
			bad(&k, th, "key 'thresholds' must be an object like {\"high\": 0.6, "
				    "\"low\": 0.4}");
		} else {
			if (hi && (hi->kind != VALUE_NUMBER))
				bad(&k, hi, "key 'thresholds.high' must be a number");
			else if (hi)
				c->high = hi->number;
			if (lo && (lo->kind != VALUE_NUMBER))
				bad(&k, lo, "key 'thresholds.low' must be a number");
			else if (lo)
				c->low = lo->number;
			if (!(c->low > 0 && c->low < c->high && c->high <= 1))
				bad(&k, th, "thresholds must satisfy 0 < low < high <= 1 (got low %g, "
					    "high %g)",
				    c->low, c->high);
		}
	}
	cohorts = value_get(c->site, "cohorts");
	if (!value_is_null(cohorts)) {
		if (cohorts->kind != VALUE_ARRAY) {
			bad(&k, cohorts, "key 'cohorts' must be an array of {\"id\", \"title\", "
					 "\"order\"} objects");
			goto out;
		}
		for (size_t i = 0; i < cohorts->n; i++) {
			const struct value *e = cohorts->items[i], *ord;
			struct cohort_def d = {NULL, NULL, (double)i};
			if (e->kind != VALUE_OBJECT) {
				bad(&k, e, "cohorts[%zu] must be an object", i);
				continue;
			}
			d.id = opt_slug(&k, e, "id");
			if (!d.id) {
				if (!value_get(e, "id"))
					bad(&k, e, "cohorts[%zu] has no 'id'", i);
				continue;
			}
			if (content_find_cohort(c, d.id) >= 0) {
				bad(&k, value_get(e, "id"), "duplicate cohort id '%s'", d.id);
				free(d.id);
				continue;
			}
			d.title = opt_string(&k, e, "title", NULL);
			if (!d.title)
				d.title = xstrdup(d.id);
			ord = value_get(e, "order");
			if (!value_is_null(ord)) {
				if (ord->kind != VALUE_NUMBER)
					bad(&k, ord, "key 'cohorts[%zu].order' must be a number", i);
				else
					d.order = ord->number;
			}
			xgrow((void **)&c->cohorts, &cap, c->ncohorts + 1, sizeof(*c->cohorts));
			c->cohorts[c->ncohorts++] = d;
		}
	}
out:
	free(path);
	return c->site && k.errors == 0 ? 0 : -1;
}

static const char *const bench_keys[] = {
	"id",  "source_id", "name",        "role",  "area",   "metric",   "higher_is_better", "target",
	"correlate_with", "aggregate_of", "url", "citation", "description", "sources", NULL};

/* "sources": [{"harness": "lm-eval", "task": "copa", "metric": "acc,none", "sign": 1}] */
static void load_sources(struct check *k, const struct value *e, struct benchmark *b)
{
	/* aggregate, parts and weights are the importers' (import.h: aggregated sources) */
	static const char *const keys[] = {"harness", "task",  "metric",  "sign",
					   "aggregate", "parts", "weights", NULL};
	const struct value *list = value_get(e, "sources");
	if (value_is_null(list))
		return;
	if (list->kind != VALUE_ARRAY) {
		bad(k, list, "key 'sources' must be an array of {\"harness\", \"task\", \"metric\"}");
		return;
	}
	b->sources = xcalloc(list->n ? list->n : 1, sizeof(*b->sources));
	for (size_t i = 0; i < list->n; i++) {
		const struct value *o = list->items[i], *sign;
		struct source *src = &b->sources[b->nsources];
		if (o->kind != VALUE_OBJECT) {
			bad(k, o, "sources[%zu] of '%s' must be an object", i, b->id);
			continue;
		}
		warn_unknown_keys(k->path, o, keys, " in a source");
		src->harness = req_string(k, o, "harness");
		src->task = req_string(k, o, "task");
		src->metric = req_string(k, o, "metric");
		src->sign = 1;
		sign = value_get(o, "sign");
		if (!value_is_null(sign)) {
			if (sign->kind != VALUE_NUMBER || (sign->number != 1 && sign->number != -1))
				bad(k, sign, "key 'sign' must be 1 or -1");
			else
				src->sign = sign->number;
		}
		b->nsources++;
		if (!src->harness || !src->task || !src->metric)
			bad(k, o, "sources[%zu] of '%s' needs 'harness', 'task' and 'metric'", i,
			    b->id);
	}
}

static int parse_role(const char *s, enum role *r)
{
	static const char *const names[] = {"capability", "safety", "general", "ignore"};
	for (int i = 0; i < 4; i++)
		if (strcmp(s, names[i]) == 0) {
			*r = (enum role)i;
			return 0;
		}
	return -1;
}

/* "higher_is_better": true, or "target": the best value (one of the two). */
static void load_direction(struct check *k, const struct value *e, struct benchmark *b)
{
	const struct value *hib = value_get(e, "higher_is_better"), *tgt = value_get(e, "target");
	if (!value_is_null(tgt)) {
		if (tgt->kind != VALUE_NUMBER)
			bad(k, tgt, "key 'target' must be a number (the best value)");
		else if (hib)
			bad(k, hib, "benchmark '%s' has both 'target' and 'higher_is_better'; give one",
			    b->id);
		b->has_target = true;
		b->target = tgt->kind == VALUE_NUMBER ? tgt->number : 0;
	} else if (!hib) {
		bad(k, e, "benchmark '%s' has no 'higher_is_better' (true or false) or 'target' (the "
			  "best value)",
		    b->id);
	} else if (hib->kind != VALUE_BOOL) {
		bad(k, hib, "key 'higher_is_better' must be true or false, not %s",
		    value_kind_name(hib->kind));
	} else {
		b->higher_is_better = hib->boolean;
	}
}

/* One entry of benchmarks.json into b. Returns 0, or -1 when the entry has no usable id. */
static int load_benchmark(struct check *k, struct corpus *c, const struct value *e, size_t i,
			  struct benchmark *b)
{
	char *role;

	memset(b, 0, sizeof(*b));
	b->correlate_index = -1;
	if (e->kind != VALUE_OBJECT) {
		bad(k, e, "benchmarks[%zu] must be an object", i);
		return -1;
	}
	warn_unknown_keys(k->path, e, bench_keys, "");
	b->id = opt_slug(k, e, "id");
	if (!b->id) {
		if (!value_get(e, "id"))
			bad(k, e, "benchmarks[%zu] has no 'id'", i);
		return -1;
	}
	if (content_find_benchmark(c, b->id) >= 0) {
		bad(k, value_get(e, "id"), "duplicate benchmark id '%s'", b->id);
		free(b->id);
		return -1;
	}
	b->source_id = opt_string(k, e, "source_id", NULL);
	b->name = opt_string(k, e, "name", NULL);
	if (!b->name)
		b->name = xstrdup(b->source_id ? b->source_id : b->id);
	role = req_string(k, e, "role");
	if (role && parse_role(role, &b->role) < 0)
		bad(k, value_get(e, "role"),
		    "key 'role' is \"%s\"; use capability, safety, general or ignore", role);
	free(role);
	b->area = opt_slug(k, e, "area");
	if (!b->area)
		b->area = xstrdup(b->role == ROLE_CAPABILITY ? "capabilities" : "unclassified");
	b->metric = opt_string(k, e, "metric", NULL);
	if (!b->metric)
		b->metric = xstrdup("score");
	load_direction(k, e, b);
	b->correlate_with = opt_slug(k, e, "correlate_with");
	b->url = opt_string(k, e, "url", NULL);
	b->citation = opt_string(k, e, "citation", NULL);
	b->description = opt_string(k, e, "description", NULL);
	load_sources(k, e, b);
	return 0;
}

/* "aggregate_of": ["part", ...]: every part must be another benchmark of the file. */
static void resolve_aggregate(struct check *k, struct corpus *c, const struct value *e,
			      struct benchmark *b)
{
	const struct value *list = value_get(e, "aggregate_of");
	if (value_is_null(list))
		return;
	if (list->kind != VALUE_ARRAY || list->n == 0) {
		bad(k, list, "key 'aggregate_of' must be a non-empty array of benchmark ids");
		return;
	}
	b->aggregate_of = xcalloc(list->n, sizeof(char *));
	for (size_t j = 0; j < list->n; j++) {
		const struct value *v = list->items[j];
		long at;
		if (v->kind != VALUE_STRING) {
			bad(k, v, "aggregate_of[%zu] of '%s' must be a benchmark id", j, b->id);
			continue;
		}
		at = content_find_benchmark(c, v->string);
		if (at < 0)
			bad(k, v, "key 'aggregate_of' names '%s', which is not a benchmark in this "
				  "file",
			    v->string);
		else if (&c->benchmarks[at] == b)
			bad(k, v, "benchmark '%s' cannot be an aggregate of itself", b->id);
		else
			b->aggregate_of[b->naggregate_of++] = xstrdup(v->string);
	}
}

/* correlate_with and aggregate_of name other benchmarks: resolved once every id is known. */
static void resolve_references(struct check *k, struct corpus *c, const struct value *list)
{
	for (size_t i = 0; i < list->n; i++) {
		const struct value *e = list->items[i], *cw = value_get(e, "correlate_with");
		struct benchmark *b = &c->benchmarks[i];
		resolve_aggregate(k, c, e, b);
		if (!b->correlate_with)
			continue;
		b->correlate_index = content_find_benchmark(c, b->correlate_with);
		if (b->correlate_index < 0)
			bad(k, cw, "key 'correlate_with' names '%s', which is not a benchmark in this "
				   "file",
			    b->correlate_with);
		else if ((size_t)b->correlate_index == i)
			bad(k, cw, "benchmark '%s' cannot correlate_with itself", b->id);
	}
}

static int load_benchmarks(struct corpus *c)
{
	char *path = path_join(c->dir, "benchmarks.json");
	struct check k = {path, 0};
	struct value *root = NULL;
	const struct value *list;
	size_t cap = 0;

	if (!path_is_file(path)) {
		diag_error(path, 0, 0, "missing: every content directory needs a benchmarks.json "
				       "(run 'washboard import csv' or write one by hand)");
		k.errors++;
		goto out;
	}
	root = content_read_json(path);
	if (!root) {
		k.errors++;
		goto out;
	}
	list = value_get(root, "benchmarks");
	if (root->kind != VALUE_OBJECT || !list || list->kind != VALUE_ARRAY) {
		bad(&k, root, "the top level must be an object with a 'benchmarks' array");
		goto out;
	}
	for (size_t i = 0; i < list->n; i++) {
		struct benchmark b;
		if (load_benchmark(&k, c, list->items[i], i, &b) < 0)
			continue;
		xgrow((void **)&c->benchmarks, &cap, c->nbench + 1, sizeof(*c->benchmarks));
		c->benchmarks[c->nbench++] = b;
	}
	if (k.errors == 0)
		resolve_references(&k, c, list);
out:
	value_free(root);
	free(path);
	return k.errors ? -1 : 0;
}

static const char *const model_keys[] = {
    "id",	   "name",     "source_id", "cohort",	    "family", "params", "training_flop",
    "flop_source", "released", "source",    "open_weights", "scores", NULL};

static void load_score(struct check *k, struct corpus *c, struct model *m, const char *bench,
		       const struct value *v)
{
	long bi = content_find_benchmark(c, bench);
	struct score *s;
	const struct value *val = v;

	if (bi < 0) {
		diag_warning(k->path, v->line, v->col,
			     "score for unknown benchmark '%s' (ignored; add it to benchmarks.json)",
			     bench);
		return;
	}
	s = &m->scores[bi];
	if (v->kind == VALUE_OBJECT) {
		const struct value *se = value_get(v, "stderr"), *n = value_get(v, "n");
		static const char *const score_keys[] = {"value", "stderr", "n", NULL};
		warn_unknown_keys(k->path, v, score_keys, " in a score");
		val = value_get(v, "value");
		if (!val) {
			bad(k, v, "key 'scores.%s' has no 'value'", bench);
			return;
		}
		if (!value_is_null(se)) {
			if (se->kind != VALUE_NUMBER || se->number < 0)
				bad(k, se, "key 'scores.%s.stderr' must be a number >= 0", bench);
			else {
				s->has_stderr = true;
				s->stderr_ = se->number;
			}
		}
		if (!value_is_null(n)) {
			if (n->kind != VALUE_NUMBER || n->number < 0 || n->number != floor(n->number))
				bad(k, n, "key 'scores.%s.n' must be a whole number >= 0", bench);
			else {
				s->has_n = true;
				s->n = n->number;
			}
		}
	}
	if (val->kind == VALUE_NULL)
		return;
	if (val->kind != VALUE_NUMBER) {
		bad(k, val, "key 'scores.%s%s' must be a number, null or {\"value\": ...}, not %s",
		    bench, val == v ? "" : ".value", value_kind_name(val->kind));
		return;
	}
	s->present = true;
	s->value = val->number;
}

static int load_model(struct corpus *c, size_t cohort, const char *path, const char *stem,
		      struct model *m)
{
	struct check k = {path, 0};
	struct value *root = content_read_json(path);
	const struct value *scores, *idv, *cv;
	char *cohort_key = NULL;

	memset(m, 0, sizeof(*m));
	m->open_weights = -1;
	m->cohort = cohort;
	m->path = xstrdup(path);
	m->id = xstrdup(stem); /* replaced by the file's own id below; never NULL */
	m->name = xstrdup(stem);
	m->scores = xcalloc(c->nbench ? c->nbench : 1, sizeof(*m->scores));
	if (!root)
		return -1;
	if (root->kind != VALUE_OBJECT) {
		bad(&k, root, "the top level must be an object, not %s", value_kind_name(root->kind));
		goto out;
	}
	warn_unknown_keys(path, root, model_keys, "");
	idv = value_get(root, "id");
	{
		char *id = opt_slug(&k, root, "id");
		if (id && strcmp(id, stem) != 0)
			bad(&k, idv,
			    "key 'id' is \"%s\" but the file is named '%s.json' (they must agree)", id,
			    stem);
		free(id);
	}
	m->source_id = opt_string(&k, root, "source_id", NULL);
	{
		char *name = opt_string(&k, root, "name", NULL);
		if (name || m->source_id) {
			free(m->name);
			m->name = name ? name : xstrdup(m->source_id);
		}
	}
	cohort_key = opt_string(&k, root, "cohort", NULL);
	cv = value_get(root, "cohort");
	if (cohort_key && strcmp(cohort_key, c->cohorts[cohort].id) != 0)
		bad(&k, cv, "key 'cohort' is \"%s\" but the file is in the '%s' directory (they must "
			    "agree)",
		    cohort_key, c->cohorts[cohort].id);
	m->family = opt_string(&k, root, "family", NULL);
	m->flop_source = opt_string(&k, root, "flop_source", NULL);
	if (m->flop_source && strcmp(m->flop_source, "reported") != 0 &&
	    strcmp(m->flop_source, "estimated") != 0 && strcmp(m->flop_source, "unknown") != 0)
		diag_warning(path, value_get(root, "flop_source")->line,
			     value_get(root, "flop_source")->col,
			     "flop_source is usually 'reported', 'estimated' (6 x params x tokens) or "
			     "'unknown', not '%s'",
			     m->flop_source);
	m->released = opt_string(&k, root, "released", NULL);
	m->source = opt_string(&k, root, "source", NULL);
	m->open_weights = opt_bool(&k, root, "open_weights");
	m->has_params = opt_positive(&k, root, "params", &m->params);
	m->has_flop = opt_positive(&k, root, "training_flop", &m->training_flop);
	scores = value_get(root, "scores");
	if (!scores) {
		bad(&k, root, "missing key 'scores' (an object: benchmark id -> number)");
	} else if (scores->kind != VALUE_OBJECT) {
		bad(&k, scores, "key 'scores' must be an object, not %s",
		    value_kind_name(scores->kind));
	} else {
		for (size_t i = 0; i < scores->n; i++)
			load_score(&k, c, m, scores->keys[i], scores->items[i]);
	}
out:
	free(cohort_key);
	value_free(root);
	return k.errors ? -1 : 0;
}

static int cmp_model(const void *a, const void *b)
{
	const struct model *x = a, *y = b;
	if (x->cohort != y->cohort)
		return x->cohort < y->cohort ? -1 : 1;
	return strcmp(x->id, y->id);
}

/*
 * Warn when path resolves (through symlinks) to a place outside the content directory,
 * whose real path is root: content is one tree, and a link out of it (to another checkout,
 * to /etc) is followed but should not go unnoticed. Returns whether it warned.
 */
static bool warn_outside(const char *path, const char *root)
{
	char *real;
	size_t n = root ? strlen(root) : 0;
	bool outside;

	if (!root)
		return false;
	real = realpath(path, NULL);
	outside = real && !(strncmp(real, root, n) == 0 && (real[n] == '/' || real[n] == '\0'));
	if (outside)
		diag_warning(path, 0, 0,
			     "a symlink to '%s', outside the content directory (followed; copy the "
			     "file in, or link within the content tree)",
			     real);
	free(real);
	return outside;
}

/*
 * The model files of cohort ci's directory sub into c->models (*cap slots); outside: sub is
 * already reported as outside the content tree (real_root). Returns the number of errors.
 */
static int load_cohort_models(struct corpus *c, size_t ci, const char *sub,
			      const char *real_root, bool outside, size_t *cap)
{
	char **files = NULL;
	long nfiles = dir_list(sub, true, &files);
	int errors = nfiles < 0;

	for (long j = 0; j < nfiles; j++) {
		char *fp = path_join(sub, files[j]);
		char *stem;
		if (!ends_with(files[j], ".json")) {
			diag_warning(fp, 0, 0, "not a .json file (ignored)");
			free(fp);
			continue;
		}
		if (!outside)
			warn_outside(fp, real_root);
		stem = xstrndup(files[j], strlen(files[j]) - 5);
		if (!is_slug(stem)) {
			diag_error(fp, 0, 0, "file name '%s' is not an identifier (use "
					     "lowercase letters, digits, '.', '_' and '-')",
				   files[j]);
			errors++;
		} else {
			xgrow((void **)&c->models, cap, c->nmodels + 1, sizeof(*c->models));
			if (load_model(c, ci, fp, stem, &c->models[c->nmodels]) < 0)
				errors++;
			c->nmodels++;
		}
		free(stem);
		free(fp);
	}
	names_free(files, nfiles);
	return errors;
}

static int load_models(struct corpus *c)
{
	char *root = path_join(c->dir, "models");
	char **dirs = NULL;
	long ndirs;
	size_t cap = 0;
	int errors = 0;
	bool declared = c->ncohorts > 0, outside;
	char *real_root;

	if (!path_is_dir(root)) {
		diag_error(root, 0, 0, "missing: model results go in models/<cohort>/<model>.json");
		free(root);
		return -1;
	}
	ndirs = dir_list(root, true, &dirs);
	if (ndirs < 0) {
		free(root);
		return -1;
	}
	real_root = realpath(c->dir, NULL);
	outside = warn_outside(root, real_root);
	/* Without a cohorts list in site.json, every directory is a cohort titled by its id. */
	for (long i = 0; i < ndirs && !declared; i++) {
		char *sub = path_join(root, dirs[i]);
		if (path_is_dir(sub) && is_slug(dirs[i])) {
			struct cohort_def d = {xstrdup(dirs[i]), xstrdup(dirs[i]), (double)i};
			xgrow((void **)&c->cohorts, &cap, c->ncohorts + 1, sizeof(*c->cohorts));
			c->cohorts[c->ncohorts++] = d;
		}
		free(sub);
	}
	qsort(c->cohorts, c->ncohorts, sizeof(*c->cohorts), cmp_cohort);
	cap = 0;
	for (long i = 0; i < ndirs; i++) {
		char *sub = path_join(root, dirs[i]);
		long ci;
		struct stat st;
		int gone = stat(sub, &st) != 0;

		if (gone && errno != ENOENT) { /* a symlink loop, no access */
			diag_error(sub, 0, 0, "cannot read: %s", strerror(errno));
			errors++;
			free(sub);
			continue;
		}
		if (gone || !S_ISDIR(st.st_mode)) {
			diag_warning(sub, 0, 0, "not a directory (ignored; models go in "
						"models/<cohort>/<model>.json)");
			free(sub);
			continue;
		}
		if (!is_slug(dirs[i])) {
			diag_error(sub, 0, 0, "cohort directory name is not an identifier (use "
					      "lowercase letters, digits, '.', '_' and '-')");
			errors++;
			free(sub);
			continue;
		}
		ci = content_find_cohort(c, dirs[i]);
		if (ci < 0) {
			diag_error(sub, 0, 0, "cohort '%s' is not declared in site.json (add it to "
					      "'cohorts')",
				   dirs[i]);
			errors++;
			free(sub);
			continue;
		}
		errors += load_cohort_models(c, (size_t)ci, sub, real_root,
					     outside || warn_outside(sub, real_root), &cap);
		free(sub);
	}
	names_free(dirs, ndirs);
	free(root);
	free(real_root);
	if (c->nmodels)
		qsort(c->models, c->nmodels, sizeof(*c->models), cmp_model);
	return errors ? -1 : 0;
}

struct corpus *content_load(const char *dir)
{
	struct corpus *c = xcalloc(1, sizeof(*c));
	int bad_content = 0;

	c->dir = xstrdup(dir);
	if (!path_is_dir(dir)) {
		diag_error(dir, 0, 0, "content directory not found (pass --content DIR)");
		goto fail;
	}
	if (load_site(c) < 0)
		bad_content = 1;
	if (load_benchmarks(c) < 0)
		bad_content = 1;
	else
		index_benchmarks(c);
	if (!bad_content && load_models(c) < 0)
		bad_content = 1;
	if (bad_content)
		goto fail;
	return c;
fail:
	content_free(c);
	return NULL;
}

void content_free(struct corpus *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nmodels; i++) {
		struct model *m = &c->models[i];
		free(m->id);
		free(m->name);
		free(m->source_id);
		free(m->family);
		free(m->flop_source);
		free(m->released);
		free(m->source);
		free(m->scores);
		free(m->path);
	}
	free(c->models);
	for (size_t i = 0; i < c->nbench; i++) {
		struct benchmark *b = &c->benchmarks[i];
		free(b->id);
		free(b->source_id);
		free(b->name);
		free(b->area);
		free(b->metric);
		free(b->correlate_with);
		for (size_t j = 0; j < b->naggregate_of; j++)
			free(b->aggregate_of[j]);
		free(b->aggregate_of);
		free(b->url);
		free(b->citation);
		free(b->description);
		for (size_t j = 0; j < b->nsources; j++) {
			free(b->sources[j].harness);
			free(b->sources[j].task);
			free(b->sources[j].metric);
		}
		free(b->sources);
	}
	free(c->benchmarks);
	free(c->by_id);
	for (size_t i = 0; i < c->ncohorts; i++) {
		free(c->cohorts[i].id);
		free(c->cohorts[i].title);
	}
	free(c->cohorts);
	free(c->title);
	value_free(c->site);
	free(c->dir);
	free(c);
}
