#include "site.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "analysis.h"
#include "content.h"
#include "diff.h"
#include "format.h"
#include "json.h"
#include "markdown.h"
#include "mustache.h"
#include "plot.h"
#include "report.h"
#include "value.h"
#include "version.h"

/* Beside the pages: the fingerprint of the inputs that made them. */
#define STAMP_FILE ".washboard-stamp"

/* ---------------------------------------------------------------- files */

/* Remove path and everything below it (no symlinks are followed). */
static int remove_tree(const char *path)
{
	struct stat st;
	int rc = 0;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		if (!d)
			return -1;
		while ((e = readdir(d)) != NULL) {
			char *sub;
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			sub = path_join(path, e->d_name);
			if (remove_tree(sub) != 0)
				rc = -1;
			free(sub);
		}
		closedir(d);
		if (rmdir(path) != 0)
			rc = -1;
	} else if (unlink(path) != 0) {
		rc = -1;
	}
	return rc;
}

/* Write data to root/rel, creating parent directories. */
static int write_out(const char *root, const char *rel, const char *data, size_t len)
{
	char *path = path_join(root, rel), *dir = xstrdup(path);
	int rc;

	*strrchr(dir, '/') = '\0';
	rc = path_mkdirs(dir) < 0 ? -1 : file_write(path, data, len);
	free(dir);
	free(path);
	return rc;
}

/* Copy the directory tree src into dst (regular files only), sorted, counting files. */
static int copy_tree(const char *src, const char *dst, size_t *files)
{
	char **names = NULL;
	long n = dir_list(src, true, &names);
	int rc = 0;

	if (n < 0)
		return -1;
	if (path_mkdirs(dst) < 0) {
		names_free(names, n);
		return -1;
	}
	for (long i = 0; i < n && rc == 0; i++) {
		char *s = path_join(src, names[i]), *d = path_join(dst, names[i]);
		if (path_is_dir(s)) {
			rc = copy_tree(s, d, files);
		} else if (path_is_file(s)) {
			rc = file_copy(s, d);
			(*files)++;
		}
		free(s);
		free(d);
	}
	names_free(names, n);
	return rc;
}

/* ------------------------------------------------------------ templates */

enum page_kind {
	PAGE_INDEX,
	PAGE_COHORT,
	PAGE_BENCHMARK,
	PAGE_MODEL,
	PAGE_AREA,
	PAGE_LEADERBOARD,
	PAGE_PAGE,
	PAGE_RELEASE,
	PAGE_RELEASES,
	PAGE_KINDS
};

static const char *const page_files[PAGE_KINDS] = {
	"index.md", "cohort.md", "benchmark.md", "model.md", "area.md", "leaderboard.md", "page.md",
	"release.md", "releases.md"};

struct templates {
	const char *dir;
	struct mustache *layout;
	struct mustache *pages[PAGE_KINDS];
	char **partial_names; /* file names under partials/, e.g. "figure.md" */
	char **partial_texts;
	long npartials;
};

struct partial_lookup {
	const struct templates *t;
	const char *ext; /* ".md" or ".html": partials of the same language */
	char *missing;   /* the first partial asked for and not found, or NULL (owned) */
};

static const char *find_partial(void *ud, const char *name, size_t *len)
{
	struct partial_lookup *pl = ud;
	struct buf want = BUF_INIT;
	const char *text = NULL;

	buf_printf(&want, "%s%s", name, pl->ext);
	for (long i = 0; i < pl->t->npartials; i++)
		if (strcmp(pl->t->partial_names[i], buf_str(&want)) == 0 ||
		    strcmp(pl->t->partial_names[i], name) == 0) {
			text = pl->t->partial_texts[i];
			*len = strlen(text);
			break;
		}
	if (!text && !pl->missing)
		pl->missing = xstrdup(name);
	buf_release(&want);
	return text;
}

/* A template that asked for a partial that does not exist is an error, not an empty string. */
static int check_partials(struct partial_lookup *pl, const char *dir, const char *tmpl)
{
	if (!pl->missing)
		return 0;
	diag_error(NULL, 0, 0, "%s%s%s: no partial '%s' (looked for %s/partials/%s%s)",
		   dir ? dir : "", dir ? "/" : "", tmpl, pl->missing, pl->t->dir, pl->missing,
		   pl->ext);
	free(pl->missing);
	pl->missing = NULL;
	return -1;
}

static struct mustache *compile_file(const char *dir, const char *name)
{
	char *path = path_join(dir, name), *text = NULL;
	size_t len;
	struct buf err = BUF_INIT;
	struct mustache *m = NULL;

	if (file_read(path, &text, &len) < 0)
		goto out;
	m = mustache_compile(text, len, &err);
	if (!m)
		diag_error(NULL, 0, 0, "%s:%s", path, buf_str(&err));
out:
	buf_release(&err);
	free(text);
	free(path);
	return m;
}

static void templates_release(struct templates *t)
{
	mustache_free(t->layout);
	for (int k = 0; k < PAGE_KINDS; k++)
		mustache_free(t->pages[k]);
	names_free(t->partial_names, t->npartials);
	for (long i = 0; i < t->npartials; i++)
		free(t->partial_texts[i]);
	free(t->partial_texts);
}

static int templates_load(struct templates *t, const char *dir)
{
	char *pdir = path_join(dir, "partials");
	int rc = -1;

	memset(t, 0, sizeof(*t));
	t->dir = dir;
	if (!path_is_dir(dir)) {
		diag_error(dir, 0, 0, "templates directory not found (pass --templates DIR)");
		goto out;
	}
	t->layout = compile_file(dir, "layout.html");
	rc = t->layout ? 0 : -1;
	for (int k = 0; k < PAGE_KINDS; k++) {
		t->pages[k] = compile_file(dir, page_files[k]);
		if (!t->pages[k])
			rc = -1;
	}
	if (path_is_dir(pdir)) {
		t->npartials = dir_list(pdir, true, &t->partial_names);
		if (t->npartials < 0) {
			t->npartials = 0;
			rc = -1;
		}
		t->partial_texts = xcalloc((size_t)t->npartials + 1, sizeof(char *));
		for (long i = 0; i < t->npartials; i++) {
			char *p = path_join(pdir, t->partial_names[i]);
			size_t len;
			if (file_read(p, &t->partial_texts[i], &len) < 0) {
				t->partial_texts[i] = xstrdup("");
				rc = -1;
			}
			free(p);
		}
	}
out:
	free(pdir);
	return rc;
}

/* ------------------------------------------------------------ helpers */

/* "machine-ethics" -> "Machine ethics", unless site.json's areas give a title. */
static char *area_title(const struct value *report, const char *id)
{
	const struct value *areas = value_get(value_get(report, "site"), "areas");
	char *t;
	for (size_t i = 0; areas && areas->kind == VALUE_ARRAY && i < areas->n; i++)
		if (value_get_string(areas->items[i], "id") &&
		    strcmp(value_get_string(areas->items[i], "id"), id) == 0 &&
		    value_get_string(areas->items[i], "title"))
			return xstrdup(value_get_string(areas->items[i], "title"));
	t = xstrdup(id);
	for (char *p = t; *p; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	return t;
}

/* Text safe inside a fenced code block: no newlines, no backtick or tilde runs. */
static char *code_safe(const char *s)
{
	struct buf b = BUF_INIT;
	for (; *s; s++) {
		char c = *s;
		if (strchr("\n\r`~", c))
			c = ' ';
		buf_putc(&b, c);
	}
	return buf_detach(&b);
}

/* HTML-attribute-safe copy (for the embed snippet shown as code). */
static char *html_attr(const char *s)
{
	struct buf b = BUF_INIT;
	mustache_escape_html(&b, s, strlen(s));
	return buf_detach(&b);
}

/* -------------------------------------------------------------- building */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct build {
	const struct site_options *o;
	struct value *report;
	struct templates t;
	char *tmp;              /* the directory being built */
	const char *base_url;   /* "" when unknown; never ends in '/' unless "" */
	struct site_stats *st;
	struct value *pages;    /* content pages: [{name, title, href}] */
	struct value *rows;     /* cohort id -> [bench_row() of each benchmark], built once */
	char *release;          /* this build's release version (a slug) */
	bool has_methodology;
	struct cohort_index *ix; /* one per cohort of the report, built before the pages */
	size_t nix;
};

static const char *const reserved_names[] = {"index", "data", "figures", "assets", "releases",
					     "feed", NULL};

/*
 * Lookups by model id. A cohort of thousands of models has thousands of pages, each looking
 * up models in lists of thousands: a scan each time made a build quadratic, so every list
 * that pages search by model gets a sorted index, once, before the pages are built.
 */
struct ids {
	const struct value **items; /* sorted by their key */
	const char *key;	    /* "id" or "model" */
	size_t n;
};

struct cohort_index {
	const struct value *co;
	struct ids models;	/* models by id */
	struct ids leaders;	/* leaderboard entries by model */
	struct ids *bench;	/* per benchmark (report order): its models[] entries by model */
	size_t nbench;
};

static const char *ids_sort_key; /* for cmp_ids; qsort has no context argument */

static int cmp_ids(const void *a, const void *b)
{
	return strcmp(value_str(*(const struct value *const *)a, ids_sort_key),
		      value_str(*(const struct value *const *)b, ids_sort_key));
}

static void ids_build(struct ids *x, const struct value *list, const char *key)
{
	x->n = list ? list->n : 0;
	x->key = key;
	x->items = xcalloc(x->n ? x->n : 1, sizeof(struct value *));
	for (size_t i = 0; i < x->n; i++)
		x->items[i] = list->items[i];
	ids_sort_key = key;
	if (x->n > 1)
		qsort(x->items, x->n, sizeof(struct value *), cmp_ids);
}

static const struct value *ids_find(const struct ids *x, const char *id)
{
	size_t lo = 0, hi = x->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(value_str(x->items[mid], x->key), id);
		if (c == 0)
			return x->items[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void index_build(struct build *b)
{
	const struct value *cohorts = value_get(b->report, "cohorts");
	b->nix = cohorts ? cohorts->n : 0;
	b->ix = xcalloc(b->nix ? b->nix : 1, sizeof(*b->ix));
	for (size_t c = 0; c < b->nix; c++) {
		struct cohort_index *x = &b->ix[c];
		const struct value *co = cohorts->items[c], *bs = value_get(co, "benchmarks");
		x->co = co;
		ids_build(&x->models, value_get(co, "models"), "id");
		ids_build(&x->leaders, value_get(co, "leaderboard"), "model");
		x->nbench = bs ? bs->n : 0;
		x->bench = xcalloc(x->nbench ? x->nbench : 1, sizeof(*x->bench));
		for (size_t k = 0; k < x->nbench; k++)
			ids_build(&x->bench[k], value_get(bs->items[k], "models"), "model");
	}
}

static void index_release(struct build *b)
{
	for (size_t c = 0; c < b->nix; c++) {
		free(b->ix[c].models.items);
		free(b->ix[c].leaders.items);
		for (size_t k = 0; k < b->ix[c].nbench; k++)
			free(b->ix[c].bench[k].items);
		free(b->ix[c].bench);
	}
	free(b->ix);
	b->ix = NULL;
	b->nix = 0;
}

/* The index of cohort co (one of the report's; a handful, so a scan). */
static const struct cohort_index *index_of(const struct build *b, const struct value *co)
{
	for (size_t c = 0; c < b->nix; c++)
		if (b->ix[c].co == co)
			return &b->ix[c];
	return NULL;
}

static const struct value *model_by_id(const struct build *b, const struct value *co,
				       const char *id)
{
	const struct cohort_index *x = index_of(b, co);
	return x ? ids_find(&x->models, id) : NULL;
}

static const struct value *bench_by_id(const struct value *cohort, const char *id)
{
	const struct value *bs = value_get(cohort, "benchmarks");
	for (size_t i = 0; bs && i < bs->n; i++)
		if (strcmp(value_str(bs->items[i], "id"), id) == 0)
			return bs->items[i];
	return NULL;
}

/* The common part of every page view: site, navigation, the path back to the root. */
static struct value *page_view(struct build *b, const char *path, const char *title)
{
	struct value *v = value_object(), *nav = value_array(), *site;
	const struct value *cohorts = value_get(b->report, "cohorts");
	struct buf root = BUF_INIT;

	for (const char *p = path; *p; p++)
		if (*p == '/')
			buf_puts(&root, "../");
	site = value_set(v, "site", value_copy(value_get(b->report, "site")));
	value_set_string(site, "base_url", b->base_url);
	value_set(v, "generator", value_copy(value_get(b->report, "generator")));
	value_set(v, "method", value_copy(value_get(b->report, "method")));
	value_set_string(v, "root", buf_str(&root));
	value_set_string(v, "path", path);
	value_set_string(v, "title", title);
	if (b->base_url[0]) {
		struct buf u = BUF_INIT;
		buf_printf(&u, "%s/%s", b->base_url, path);
		value_set(v, "canonical", value_string_own(buf_detach(&u)));
	}
	{
		struct value *e = value_push(nav, value_object());
		value_set_string(e, "title", "Overview");
		value_set_string(e, "href", "index.html");
		value_set_bool(e, "current", strcmp(path, "index.html") == 0);
	}
	for (size_t i = 0; cohorts && i < cohorts->n; i++) {
		struct value *e = value_push(nav, value_object());
		struct buf h = BUF_INIT;
		buf_printf(&h, "%s/index.html", value_str(cohorts->items[i], "id"));
		value_set_string(e, "title", value_str(cohorts->items[i], "title"));
		value_set_bool(e, "current", strncmp(path, buf_str(&h), strlen(value_str(cohorts->items[i], "id")) + 1) == 0);
		value_set(e, "href", value_string_own(buf_detach(&h)));
	}
	for (size_t i = 0; i < b->pages->n; i++) {
		struct value *e = value_push(nav, value_copy(b->pages->items[i]));
		value_set_bool(e, "current", strcmp(path, value_str(e, "href")) == 0);
	}
	{
		struct value *e = value_push(nav, value_object());
		value_set_string(e, "title", "Releases");
		value_set_string(e, "href", "releases/index.html");
		value_set_bool(e, "current", strncmp(path, "releases/", 9) == 0);
	}
	value_set(v, "nav", nav);
	value_set_bool(v, "has_methodology", b->has_methodology);
	{
		struct value *th = value_set(v, "thresholds", value_object());
		format_num(th, "high", "%.0f%%", 100 * value_num(value_get(b->report, "method"), "threshold_high"));
		format_num(th, "low", "%.0f%%", 100 * value_num(value_get(b->report, "method"), "threshold_low"));
	}
	value_set_bool(v, "figures", b->o->figures);
	buf_release(&root);
	return v;
}

/* A figure view: the files that exist for figures/<cohort>/<name>, and its text. */
static struct value *figure_view(struct build *b, const char *cohort, const char *name,
				 const char *alt)
{
	struct value *f;
	struct buf p = BUF_INIT;
	static const char *const fmts[] = {"svg", "png", "pdf"};
	if (!b->o->figures)
		return value_null();
	f = value_object();
	for (int i = 0; i < 3; i++) {
		if (!(b->o->formats & (1u << i)))
			continue;
		buf_reset(&p);
		buf_printf(&p, "figures/%s/%s.%s", cohort, name, fmts[i]);
		value_set_string(f, fmts[i], buf_str(&p));
	}
	if (!value_get(f, "svg")) /* pages show the SVG; without it, the PNG */
		value_set_string(f, "img", value_get_string(f, "png") ? value_get_string(f, "png")
								     : value_get_string(f, "pdf"));
	else
		value_set_string(f, "img", value_get_string(f, "svg"));
	buf_reset(&p);
	buf_printf(&p, "figures/%s/%s.csv", cohort, name);
	value_set_string(f, "csv", buf_str(&p));
	buf_reset(&p);
	buf_printf(&p, "figures/%s/%s.gp", cohort, name);
	value_set_string(f, "gp", buf_str(&p));
	value_set_string(f, "alt", alt);
	buf_release(&p);
	return f;
}

/* One row of a benchmark table (index bands, cohort table, area table, model page). */
static struct value *make_bench_row(struct build *b, const struct value *cohort,
				    const struct value *bench)
{
	struct value *r = value_object();
	struct buf h = BUF_INIT;
	const char *cid = value_str(cohort, "id");
	char *at = area_title(b->report, value_str(bench, "area"));
	const struct value *hib = value_get(bench, "higher_is_better");
	double sign = hib && hib->kind == VALUE_BOOL && !hib->boolean && !value_get(bench, "target")
			      ? -1
			      : 1;

	value_set_string(r, "id", value_str(bench, "id"));
	value_set_string(r, "name", value_str(bench, "name"));
	buf_printf(&h, "%s/benchmarks/%s.html", cid, value_str(bench, "id"));
	value_set(r, "href", value_string_own(buf_detach(&h)));
	value_set_string(r, "area", value_str(bench, "area"));
	value_set(r, "area_title", value_string_own(at));
	if (strcmp(value_str(bench, "role"), "safety") == 0) {
		buf_printf(&h, "%s/areas/%s.html", cid, value_str(bench, "area"));
		value_set(r, "area_href", value_string_own(buf_detach(&h)));
	}
	value_set_string(r, "role", value_str(bench, "role"));
	value_set_string(r, "metric", value_str(bench, "metric"));
	format_count(r, "n", value_num(bench, "n"));
	format_pct(r, "corr", value_num(bench, "capabilities_correlation"));
	format_pct(r, "compute", value_num(bench, "compute_correlation"));
	format_count(r, "n_compute", value_num(bench, "n_compute"));
	if (value_get(bench, "correlate_with"))
		format_pct(r, "reference", value_num(bench, "reference_correlation"));
	else
		value_set_string(r, "reference", "");
	/* the report's slopes are of the oriented values; pages speak in the metric's own units */
	format_num(r, "slope", "%.3g", sign * value_num(bench, "slope"));
	format_num(r, "std_slope", "%.3f", sign * value_num(bench, "standardized_slope"));
	value_set_string(r, "verdict", value_str(bench, "verdict"));
	value_set_string(r, "verdict_label", value_str(bench, "verdict_label"));
	buf_release(&h);
	return r;
}

/*
 * A copy of the table row of benchmark k (its position in the cohort's benchmarks). Rows are
 * made once per cohort: model pages alone would otherwise format ~10^4 of them.
 */
static struct value *bench_row_at(struct build *b, const struct value *co, size_t k)
{
	const char *cid = value_str(co, "id");
	struct value *rows = value_get(b->rows, cid);
	if (!rows) {
		const struct value *bs = value_get(co, "benchmarks");
		rows = value_set(b->rows, cid, value_array());
		for (size_t i = 0; bs && i < bs->n; i++)
			value_push(rows, make_bench_row(b, co, bs->items[i]));
	}
	return value_copy(rows->items[k]);
}

/* The same for a benchmark given by its report entry. */
static struct value *bench_row(struct build *b, const struct value *co, const struct value *bench)
{
	const struct value *bs = value_get(co, "benchmarks");
	for (size_t k = 0; bs && k < bs->n; k++)
		if (bs->items[k] == bench)
			return bench_row_at(b, co, k);
	return make_bench_row(b, co, bench);
}

static const char *const verdict_ids[] = {"tracks-capabilities", "moderate", "distinct",
					  "worsens-with-capabilities", "insufficient-data", NULL};

static const char *verdict_rule(struct build *b, int v, struct buf *out)
{
	double hi = value_num(value_get(b->report, "method"), "threshold_high") * 100;
	double lo = value_num(value_get(b->report, "method"), "threshold_low") * 100;
	buf_reset(out);
	switch (v) {
	case 0:
		buf_printf(out, "ρ ≥ %.0f%%", hi);
		break;
	case 1:
		buf_printf(out, "%.0f%% ≤ ρ < %.0f%%", lo, hi);
		break;
	case 2:
		buf_printf(out, "−%.0f%% < ρ < %.0f%%", lo, lo);
		break;
	case 3:
		buf_printf(out, "ρ ≤ −%.0f%%", lo);
		break;
	default:
		buf_printf(out, "fewer than %.0f models or a constant column",
			   value_num(value_get(b->report, "method"), "min_models"));
	}
	return buf_str(out);
}

static const char *const verdict_labels[] = {"Tracks capabilities", "Moderate",
					     "Distinct from capabilities",
					     "Worsens with capabilities", "Insufficient data"};

/* Summary of a cohort used by the index and the cohort page. */
static struct value *cohort_summary(struct build *b, const struct value *co)
{
	struct value *s = value_object(), *bands = value_array(), *counts = value_object();
	const struct value *bs = value_get(co, "benchmarks"), *cap = value_get(co, "capability");
	const char *cid = value_str(co, "id");
	struct buf h = BUF_INIT;
	size_t n_safety = 0;

	value_set_string(s, "id", cid);
	value_set_string(s, "title", value_str(co, "title"));
	buf_printf(&h, "%s/index.html", cid);
	value_set(s, "href", value_string_own(buf_detach(&h)));
	buf_printf(&h, "%s/leaderboard.html", cid);
	value_set(s, "leaderboard_href", value_string_own(buf_detach(&h)));
	format_count(s, "n_models", value_num(co, "n_models"));
	format_count(s, "n_models_scored", value_num(co, "n_models_scored"));
	format_count(s, "n_models_with_flop", value_num(co, "n_models_with_flop"));
	format_count(s, "n_benchmarks", value_num(co, "n_benchmarks"));
	format_count(s, "n_capability", (double)value_get(cap, "benchmarks")->n);
	format_pct(s, "variance", value_num(cap, "variance_explained"));
	if (value_get_string(cap, "note"))
		value_set_string(s, "note", value_get_string(cap, "note"));
	size_t count[8] = {0};
	for (int v = 0; verdict_ids[v]; v++) {
		struct value *band = value_object(), *rows = value_array();
		struct buf rule = BUF_INIT;
		for (size_t i = 0; bs && i < bs->n; i++) {
			if (strcmp(value_str(bs->items[i], "role"), "safety") != 0 ||
			    strcmp(value_str(bs->items[i], "verdict"), verdict_ids[v]) != 0)
				continue;
			value_push(rows, bench_row(b, co, bs->items[i]));
		}
		count[v] = rows->n;
		n_safety += rows->n;
		value_set_string(band, "verdict", verdict_ids[v]);
		value_set_string(band, "label", verdict_labels[v]);
		value_set_string(band, "rule", verdict_rule(b, v, &rule));
		format_count(band, "count", (double)rows->n);
		value_set_bool(band, "any", rows->n > 0);
		value_set(band, "rows", rows);
		value_push(bands, band);
		buf_release(&rule);
	}
	format_count(s, "n_safety", (double)n_safety);
	for (int v = 0; verdict_ids[v]; v++) {
		struct buf k = BUF_INIT;
		format_count(counts, verdict_ids[v], (double)count[v]);
		buf_printf(&k, "%s_share", verdict_ids[v]);
		format_pct(counts, buf_str(&k), n_safety ? (double)count[v] / (double)n_safety : NAN);
		buf_release(&k);
	}
	value_set(s, "counts", counts);
	value_set(s, "bands", bands);
	buf_printf(&h, "Capabilities correlation of every safety benchmark of the %s cohort, "
		       "grouped by area, with the verdict bands",
		   value_str(co, "title"));
	value_set(s, "overview", figure_view(b, cid, "_overview", buf_str(&h)));
	buf_release(&h);
	return s;
}

/* Render one page: view -> Markdown template -> HTML body -> layout -> file. Takes view. */
static int render_page(struct build *b, enum page_kind kind, struct value *view)
{
	struct buf md = BUF_INIT, html = BUF_INIT, page = BUF_INIT, err = BUF_INIT;
	struct partial_lookup md_parts = {&b->t, ".md", NULL}, html_parts = {&b->t, ".html", NULL};
	struct mustache_options mo = {mustache_escape_markdown, find_partial, &md_parts, 0};
	struct mustache_options ho = {mustache_escape_html, find_partial, &html_parts, 0};
	const char *path = value_str(view, "path");
	int rc = -1;

	if (mustache_render_compiled(b->t.pages[kind], view, &mo, &md, &err) < 0) {
		diag_error(NULL, 0, 0, "%s/%s:%s (rendering %s)", b->t.dir, page_files[kind],
			   buf_str(&err), path);
		goto out;
	}
	if (check_partials(&md_parts, b->t.dir, page_files[kind]) < 0)
		goto out;
	if (markdown_to_html(md.data ? md.data : "", md.len, &html) < 0)
		goto out;
	value_set_string(view, "body", buf_str(&html));
	if (mustache_render_compiled(b->t.layout, view, &ho, &page, &err) < 0) {
		diag_error(NULL, 0, 0, "%s/layout.html:%s (rendering %s)", b->t.dir, buf_str(&err),
			   path);
		goto out;
	}
	if (check_partials(&html_parts, b->t.dir, "layout.html") < 0)
		goto out;
	if (write_out(b->tmp, path, page.data ? page.data : "", page.len) < 0)
		goto out;
	b->st->pages++;
	b->st->files++;
	rc = 0;
out:
	buf_release(&md);
	buf_release(&html);
	buf_release(&page);
	buf_release(&err);
	value_free(view);
	return rc;
}

/* ----------------------------------------------------------------- pages */

static int page_index(struct build *b)
{
	struct value *v = page_view(b, "index.html", value_str(value_get(b->report, "site"), "title"));
	struct value *list = value_array();
	const struct value *cohorts = value_get(b->report, "cohorts");
	for (size_t i = 0; cohorts && i < cohorts->n; i++)
		value_push(list, cohort_summary(b, cohorts->items[i]));
	value_set(v, "cohorts", list);
	return render_page(b, PAGE_INDEX, v);
}

/* Models by capabilities rank, those without a score last; ties and the rest by name, id. */
static int cmp_capability_rank(const void *pa, const void *pb)
{
	const struct value *a = *(const struct value *const *)pa,
			   *b = *(const struct value *const *)pb;
	double ra = value_num(a, "capability_rank"), rb = value_num(b, "capability_rank");
	int c;
	if (isfinite(ra) != isfinite(rb))
		return isfinite(ra) ? -1 : 1;
	if (isfinite(ra) && ra != rb)
		return ra < rb ? -1 : 1;
	c = strcmp(value_str(a, "name"), value_str(b, "name"));
	return c ? c : strcmp(value_str(a, "id"), value_str(b, "id"));
}

/* The models of list in capabilities-rank order (an array the caller frees). */
static const struct value **by_capability_rank(const struct value *list)
{
	size_t n = list ? list->n : 0;
	const struct value **order = xcalloc(n ? n : 1, sizeof(struct value *));
	for (size_t i = 0; i < n; i++)
		order[i] = list->items[i];
	if (n > 1)
		qsort(order, n, sizeof(struct value *), cmp_capability_rank);
	return order;
}

static int page_cohort(struct build *b, const struct value *co)
{
	const char *cid = value_str(co, "id");
	const struct value *cap = value_get(co, "capability"), *bs = value_get(co, "benchmarks");
	const struct value *ms = value_get(co, "models"), *areas = value_get(co, "areas");
	struct buf path = BUF_INIT, t = BUF_INIT;
	struct value *v, *c, *rows, *list;
	const struct value **order;

	buf_printf(&path, "%s/index.html", cid);
	v = page_view(b, buf_str(&path), value_str(co, "title"));
	c = value_set(v, "cohort", cohort_summary(b, co));
	format_num(c, "inter_mean", "%.2f", value_num(cap, "intercorrelation_mean"));
	format_num(c, "inter_sd", "%.2f", value_num(cap, "intercorrelation_sd"));
	list = value_set(c, "loadings", value_array());
	for (size_t i = 0; value_get(cap, "loadings") && i < value_get(cap, "loadings")->n; i++) {
		const struct value *l = value_get(cap, "loadings")->items[i];
		struct value *r = value_push(list, value_object());
		value_set_string(r, "name", value_str(l, "name"));
		buf_reset(&t);
		buf_printf(&t, "%s/benchmarks/%s.html", cid, value_str(l, "benchmark"));
		value_set_string(r, "href", buf_str(&t));
		format_num(r, "loading", "%.3f", value_num(l, "loading"));
	}
	rows = value_set(c, "benchmarks", value_array());
	for (size_t i = 0; bs && i < bs->n; i++)
		value_push(rows, bench_row(b, co, bs->items[i]));
	rows = value_set(c, "models", value_array());
	order = by_capability_rank(ms);
	for (size_t i = 0; ms && i < ms->n; i++) {
		const struct value *m = order[i];
		struct value *r = value_push(rows, value_object());
		value_set_string(r, "name", value_str(m, "name"));
		buf_reset(&t);
		buf_printf(&t, "%s/models/%s.html", cid, value_str(m, "id"));
		value_set_string(r, "href", buf_str(&t));
		format_num(r, "score", "%.2f", value_num(m, "capability_score"));
		format_count(r, "rank", value_num(m, "capability_rank"));
		format_params(r, "params", value_num(m, "params"));
		format_flop(r, "flop", value_num(m, "training_flop"));
	}
	free(order);
	rows = value_set(c, "areas", value_array());
	for (size_t i = 0; areas && i < areas->n; i++) {
		struct value *r = value_push(rows, value_object());
		value_set_string(r, "id", value_str(areas->items[i], "id"));
		value_set(r, "title", value_string_own(area_title(b->report, value_str(areas->items[i], "id"))));
		buf_reset(&t);
		buf_printf(&t, "%s/areas/%s.html", cid, value_str(areas->items[i], "id"));
		value_set_string(r, "href", buf_str(&t));
		format_count(r, "n", value_num(areas->items[i], "n_benchmarks"));
		format_pct(r, "mean_corr", value_num(areas->items[i], "mean_capabilities_correlation"));
		format_count(r, "tracks", value_num(value_get(areas->items[i], "verdicts"), "tracks-capabilities"));
	}
	{
		static const char *const figs[][2] = {
			{"_heatmap", "Heatmap of the Spearman correlations between the capability benchmarks"},
			{"_scree", "Scree plot: eigenvalues of the capability correlation matrix"},
			{"_scores", "Capabilities score of every model, sorted"},
			{"_map", "Capabilities correlation against standardized slope for every safety benchmark, coloured by verdict"},
		};
		for (size_t i = 0; i < sizeof(figs) / sizeof(figs[0]); i++)
			value_set(c, figs[i][0] + 1, figure_view(b, cid, figs[i][0], figs[i][1]));
	}
	buf_reset(&t);
	buf_printf(&t, "data/%s/", cid);
	value_set_string(c, "data", buf_str(&t));
	buf_release(&t);
	buf_release(&path);
	return render_page(b, PAGE_COHORT, v);
}

/* Text for a BibTeX field: LaTeX specials escaped, and nothing that ends a code fence. */
static char *bibtex_text(const char *s)
{
	struct buf b = BUF_INIT;
	char *safe = code_safe(s);
	for (const char *p = safe; *p; p++) {
		if (strchr("&%$#_{}", *p))
			buf_putc(&b, '\\');
		if (*p == '\\')
			buf_puts(&b, "\\textbackslash{}");
		else if (*p == '^')
			buf_puts(&b, "\\^{}");
		else
			buf_putc(&b, *p);
	}
	free(safe);
	return buf_detach(&b);
}

static void bibtex_site(struct build *b, struct buf *out, const char *key, const char *title,
			const char *url)
{
	const struct value *site = value_get(b->report, "site");
	char *t = bibtex_text(title), *u = code_safe(url), *a = bibtex_text(value_str(site, "author"));
	buf_printf(out, "@misc{%s,\n  title  = {%s},\n", key, t);
	if (a[0])
		buf_printf(out, "  author = {%s},\n", a);
	buf_printf(out, "  howpublished = {\\url{%s}},\n  note   = {washboard audit", u);
	if (value_get_string(site, "version"))
		buf_printf(out, ", release %s", value_str(site, "version"));
	buf_puts(out, "}\n}");
	free(t);
	free(u);
	free(a);
}

static int page_benchmark(struct build *b, const struct value *co, const struct value *bench)
{
	const char *cid = value_str(co, "id"), *bid = value_str(bench, "id");
	const struct value *cohorts = value_get(b->report, "cohorts"), *ms = value_get(bench, "models");
	struct buf path = BUF_INIT, t = BUF_INIT, u = BUF_INIT;
	struct value *v, *p, *rows, *row, *cite, *others;
	double n = value_num(bench, "n");
	char *name_code;

	buf_printf(&path, "%s/benchmarks/%s.html", cid, bid);
	buf_printf(&t, "%s — %s", value_str(bench, "name"), value_str(co, "title"));
	v = page_view(b, buf_str(&path), buf_str(&t));
	p = value_set(v, "benchmark", bench_row(b, co, bench));
	value_set_string(p, "cohort_title", value_str(co, "title"));
	buf_reset(&t);
	buf_printf(&t, "%s/index.html", cid);
	value_set_string(p, "cohort_href", buf_str(&t));
	if (value_get_string(bench, "source_id"))
		value_set_string(p, "source_id", value_str(bench, "source_id"));
	for (const char *const *k = (const char *const[]){"url", "citation", "description", NULL}; *k; k++)
		if (value_get_string(bench, *k))
			value_set_string(p, *k, value_str(bench, *k));
	if (value_get(bench, "target")) {
		struct buf d = BUF_INIT;
		buf_puts(&d, "best at ");
		buf_puts(&d, value_number_text(value_get(bench, "target")));
		buf_puts(&d, " (scored as minus the distance from it; slopes below are in that score)");
		value_set(p, "direction", value_string_own(buf_detach(&d)));
	} else
	value_set_string(p, "direction", value_get(bench, "higher_is_better")->boolean
						 ? "higher is better"
						 : "lower is better (negated before the analysis; slopes "
						   "below are in the metric's own direction)");
	format_num(p, "pearson", "%.3f", value_num(bench, "pearson"));
	format_num(p, "slope_se", "%.2g", value_num(bench, "slope_stderr"));
	format_num(p, "compute_slope", "%.3g",
		(value_get(bench, "higher_is_better")->boolean || value_get(bench, "target") ? 1 : -1) *
		    value_num(bench, "compute_slope"));
	value_set_bool(p, "insufficient", strcmp(value_str(bench, "verdict"), "insufficient-data") == 0);
	if (!isfinite(value_num(bench, "capabilities_correlation"))) {
		buf_reset(&t);
		if (value_get_string(value_get(co, "capability"), "note"))
			buf_printf(&t, "no capabilities score in this cohort: %s",
				   value_str(value_get(co, "capability"), "note"));
		else if (n < value_num(value_get(b->report, "method"), "min_models"))
			buf_printf(&t, "only %.0f models have both this benchmark and a capabilities "
				       "score; at least %.0f are needed",
				   n, value_num(value_get(b->report, "method"), "min_models"));
		else
			buf_puts(&t, "every model has the same value, so no correlation is defined");
		value_set_string(p, "reason", buf_str(&t));
	}
	if (!isfinite(value_num(bench, "compute_correlation"))) {
		buf_reset(&t);
		buf_printf(&t, "training compute is known for %.0f of these models; at least %.0f "
			       "are needed",
			   value_num(bench, "n_compute"), value_num(value_get(b->report, "method"), "min_models"));
		value_set_string(p, "compute_reason", buf_str(&t));
	}
	if (value_get_string(bench, "correlate_with")) {
		const struct value *ref = bench_by_id(co, value_str(bench, "correlate_with"));
		struct value *r = value_set(p, "correlate_with", value_object());
		value_set_string(r, "name", ref ? value_str(ref, "name") : value_str(bench, "correlate_with"));
		buf_reset(&t);
		buf_printf(&t, "%s/benchmarks/%s.html", cid, value_str(bench, "correlate_with"));
		if (ref)
			value_set_string(r, "href", buf_str(&t));
		format_count(r, "n", value_num(bench, "n_reference"));
	}
	rows = value_set(p, "models", value_array());
	for (size_t i = 0; ms && i < ms->n; i++) {
		const struct value *e = ms->items[i], *m = model_by_id(b, co, value_str(e, "model"));
		row = value_push(rows, value_object());
		value_set_string(row, "name", m ? value_str(m, "name") : value_str(e, "model"));
		buf_reset(&t);
		buf_printf(&t, "%s/models/%s.html", cid, value_str(e, "model"));
		value_set_string(row, "href", buf_str(&t));
		format_num(row, "score", "%.2f", m ? value_num(m, "capability_score") : NAN);
		format_num(row, "value", "%.4g", value_num(e, "value"));
		if (isfinite(value_num(e, "stderr")))
			format_num(row, "stderr", "± %.2g", value_num(e, "stderr"));
		format_num(row, "expected", "%.4g", value_num(e, "expected"));
		format_num(row, "residual", "%+.2f", value_num(e, "residual"));
	}
	{
		buf_reset(&t);
		buf_printf(&t, "Scatter plot of %s against the capabilities score for %.0f models "
			       "(%s), with the least-squares line",
			   value_str(bench, "name"), n, value_str(co, "title"));
		value_set(p, "figure", figure_view(b, cid, bid, buf_str(&t)));
		buf_reset(&t);
		buf_printf(&t, "compute/%s", bid);
		buf_reset(&u);
		buf_printf(&u, "Scatter plot of %s against training compute (log scale) for the %.0f "
			       "models with known training FLOP",
			   value_str(bench, "name"), value_num(bench, "n_compute"));
		value_set(p, "figure_compute", figure_view(b, cid, buf_str(&t), buf_str(&u)));
	}
	buf_reset(&t);
	buf_printf(&t, "data/%s/benchmarks/%s.csv", cid, bid);
	value_set_string(p, "csv", buf_str(&t));

	/* cite / embed */
	cite = value_set(p, "cite", value_object());
	name_code = code_safe(value_str(bench, "name"));
	buf_reset(&u);
	buf_printf(&u, "%s%s", b->base_url[0] ? b->base_url : "", b->base_url[0] ? "/" : "");
	buf_reset(&t);
	buf_printf(&t, "%s%s", buf_str(&u), buf_str(&path));
	value_set_string(cite, "permalink", buf_str(&t));
	value_set_bool(cite, "relative", b->base_url[0] == '\0');
	if (b->o->figures && (b->o->formats & PLOT_SVG)) {
		struct buf md = BUF_INIT, html = BUF_INIT;
		char *attr = html_attr(name_code), *alt = xstrdup(name_code);
		for (char *q = alt; *q; q++) /* brackets would end the alt text early */
			if (*q == '[' || *q == ']')
				*q = *q == '[' ? '(' : ')';
		buf_printf(&md, "![%s vs capabilities score](%sfigures/%s/%s.svg)", alt, buf_str(&u),
			   cid, bid);
		buf_printf(&html, "<a href=\"%s%s\"><img src=\"%sfigures/%s/%s.svg\" alt=\"%s vs "
				  "capabilities score\" width=\"720\"></a>",
			   buf_str(&u), buf_str(&path), buf_str(&u), cid, bid, attr);
		value_set(cite, "markdown", value_string_own(buf_detach(&md)));
		value_set(cite, "html", value_string_own(buf_detach(&html)));
		free(attr);
		free(alt);
	}
	{
		struct buf key = BUF_INIT, bib = BUF_INIT, title = BUF_INIT;
		buf_printf(&key, "washboard-%s-%s", cid, bid);
		buf_printf(&title, "%s: %s (%s)", value_str(value_get(b->report, "site"), "title"), name_code,
			   value_str(co, "title"));
		bibtex_site(b, &bib, buf_str(&key), buf_str(&title), buf_str(&t));
		value_set(cite, "bibtex", value_string_own(buf_detach(&bib)));
		buf_release(&key);
		buf_release(&title);
	}
	if (value_get_string(value_get(b->report, "site"), "bibtex")) {
		char *bt = xstrdup(value_str(value_get(b->report, "site"), "bibtex"));
		for (char *q = bt; *q; q++)
			if (*q == '`' || *q == '~')
				*q = ' ';
		value_set(cite, "paper_bibtex", value_string_own(bt));
	}
	free(name_code);

	others = value_set(p, "other_cohorts", value_array());
	for (size_t i = 0; cohorts && i < cohorts->n; i++) {
		struct value *o;
		if (cohorts->items[i] == co || !bench_by_id(cohorts->items[i], bid))
			continue;
		o = value_push(others, value_object());
		value_set_string(o, "title", value_str(cohorts->items[i], "title"));
		buf_reset(&t);
		buf_printf(&t, "%s/benchmarks/%s.html", value_str(cohorts->items[i], "id"), bid);
		value_set_string(o, "href", buf_str(&t));
	}
	buf_release(&t);
	buf_release(&u);
	buf_release(&path);
	return render_page(b, PAGE_BENCHMARK, v);
}


static int page_model(struct build *b, const struct value *co, const struct value *m)
{
	const char *cid = value_str(co, "id"), *mid = value_str(m, "id");
	const struct cohort_index *x = index_of(b, co);
	const struct value *bs = value_get(co, "benchmarks");
	const struct value *l = x ? ids_find(&x->leaders, mid) : NULL;
	struct buf path = BUF_INIT, t = BUF_INIT;
	struct value *v, *p, *rows;

	buf_printf(&path, "%s/models/%s.html", cid, mid);
	buf_printf(&t, "%s — %s", value_str(m, "name"), value_str(co, "title"));
	v = page_view(b, buf_str(&path), buf_str(&t));
	p = value_set(v, "model", value_object());
	value_set_string(p, "name", value_str(m, "name"));
	value_set_string(p, "id", mid);
	value_set_string(p, "cohort_title", value_str(co, "title"));
	buf_reset(&t);
	buf_printf(&t, "%s/index.html", cid);
	value_set_string(p, "cohort_href", buf_str(&t));
	for (const char *const *k = (const char *const[]){"source_id", "family", "released", "source", "flop_source", NULL}; *k; k++)
		if (value_get_string(m, *k))
			value_set_string(p, *k, value_str(m, *k));
	format_params(p, "params", value_num(m, "params"));
	format_flop(p, "flop", value_num(m, "training_flop"));
	format_num(p, "score", "%.2f", value_num(m, "capability_score"));
	format_count(p, "rank", value_num(m, "capability_rank"));
	format_count(p, "n_models", value_num(co, "n_models"));
	if (!isfinite(value_num(m, "capability_score")))
		value_set_string(p, "no_score",
				 value_get_string(value_get(co, "capability"), "note")
					 ? value_str(value_get(co, "capability"), "note")
					 : "the model lacks at least one capability benchmark");
	if (l) {
		format_count(p, "safety_rank", value_num(l, "safety_rank"));
		format_count(p, "decorrelated_rank", value_num(l, "decorrelated_rank"));
		format_num(p, "safety_score", "%+.2f", value_num(l, "safety_score"));
		format_num(p, "decorrelated_score", "%+.2f", value_num(l, "decorrelated_score"));
		format_pct(p, "coverage", value_num(l, "coverage"));
	}
	buf_reset(&t);
	buf_printf(&t, "%s/leaderboard.html", cid);
	value_set_string(p, "leaderboard_href", buf_str(&t));
	rows = value_set(p, "benchmarks", value_array());
	for (size_t i = 0; bs && i < bs->n; i++) {
		const struct value *e = x && i < x->nbench ? ids_find(&x->bench[i], mid) : NULL;
		struct value *r;
		if (!e)
			continue;
		r = value_push(rows, bench_row_at(b, co, i));
		format_num(r, "value", "%.4g", value_num(e, "value"));
		format_num(r, "expected", "%.4g", value_num(e, "expected"));
		format_num(r, "residual", "%+.2f", value_num(e, "residual"));
		format_num(r, "z", "%+.2f", value_num(e, "z"));
	}
	format_count(p, "n_benchmarks", (double)rows->n);
	buf_release(&t);
	buf_release(&path);
	return render_page(b, PAGE_MODEL, v);
}

static int page_area(struct build *b, const struct value *co, const struct value *area, size_t ai)
{
	const char *cid = value_str(co, "id"), *aid = value_str(area, "id");
	const struct value *ids = value_get(area, "benchmarks"), *lb = value_get(co, "leaderboard");
	struct buf path = BUF_INIT, t = BUF_INIT;
	struct value *v, *p, *rows;
	char *title = area_title(b->report, aid);

	buf_printf(&path, "%s/areas/%s.html", cid, aid);
	buf_printf(&t, "%s — %s", title, value_str(co, "title"));
	v = page_view(b, buf_str(&path), buf_str(&t));
	p = value_set(v, "area", value_object());
	value_set_string(p, "id", aid);
	value_set(p, "title", value_string_own(title));
	value_set_string(p, "cohort_title", value_str(co, "title"));
	buf_reset(&t);
	buf_printf(&t, "%s/index.html", cid);
	value_set_string(p, "cohort_href", buf_str(&t));
	format_count(p, "n", value_num(area, "n_benchmarks"));
	format_pct(p, "mean_corr", value_num(area, "mean_capabilities_correlation"));
	{
		struct value *counts = value_set(p, "verdicts", value_array());
		for (int k = 0; verdict_ids[k]; k++) {
			struct value *c = value_push(counts, value_object());
			value_set_string(c, "verdict", verdict_ids[k]);
			value_set_string(c, "label", verdict_labels[k]);
			format_count(c, "count", value_num(value_get(area, "verdicts"), verdict_ids[k]));
		}
	}
	rows = value_set(p, "rows", value_array());
	for (size_t i = 0; ids && i < ids->n; i++) {
		const struct value *bench = bench_by_id(co, ids->items[i]->string);
		if (bench)
			value_push(rows, bench_row(b, co, bench));
	}
	rows = value_set(p, "leaderboard", value_array());
	for (size_t i = 0; lb && i < lb->n; i++) {
		const struct value *as = value_get(lb->items[i], "areas");
		const struct value *a = as && ai < as->n ? as->items[ai] : NULL;
		struct value *r;
		if (!a || !isfinite(value_num(a, "safety_score")))
			continue;
		r = value_push(rows, value_object());
		value_set_string(r, "name", value_str(lb->items[i], "name"));
		buf_reset(&t);
		buf_printf(&t, "%s/models/%s.html", cid, value_str(lb->items[i], "model"));
		value_set_string(r, "href", buf_str(&t));
		format_num(r, "safety", "%+.2f", value_num(a, "safety_score"));
		format_num(r, "decorrelated", "%+.2f", value_num(a, "decorrelated_score"));
		format_count(r, "n", value_num(a, "n"));
	}
	buf_release(&t);
	buf_release(&path);
	return render_page(b, PAGE_AREA, v);
}

static int page_leaderboard(struct build *b, const struct value *co)
{
	const char *cid = value_str(co, "id");
	const struct value *lb = value_get(co, "leaderboard");
	struct buf path = BUF_INIT, t = BUF_INIT;
	struct value *v, *p, *rows;

	buf_printf(&path, "%s/leaderboard.html", cid);
	buf_printf(&t, "Decorrelated safety leaderboard — %s", value_str(co, "title"));
	v = page_view(b, buf_str(&path), buf_str(&t));
	p = value_set(v, "leaderboard", value_object());
	value_set_string(p, "cohort_title", value_str(co, "title"));
	buf_reset(&t);
	buf_printf(&t, "%s/index.html", cid);
	value_set_string(p, "cohort_href", buf_str(&t));
	rows = value_set(p, "rows", value_array());
	for (size_t i = 0; lb && i < lb->n; i++) {
		const struct value *e = lb->items[i];
		struct value *r = value_push(rows, value_object());
		double ch = value_num(e, "rank_change");
		value_set_string(r, "name", value_str(e, "name"));
		buf_reset(&t);
		buf_printf(&t, "%s/models/%s.html", cid, value_str(e, "model"));
		value_set_string(r, "href", buf_str(&t));
		format_count(r, "drank", value_num(e, "decorrelated_rank"));
		format_count(r, "srank", value_num(e, "safety_rank"));
		format_num(r, "dscore", "%+.2f", value_num(e, "decorrelated_score"));
		format_num(r, "sscore", "%+.2f", value_num(e, "safety_score"));
		format_num(r, "cscore", "%.2f", value_num(e, "capability_score"));
		if (isfinite(ch) && ch > 0)
			format_num(r, "change", "▲ %.0f", ch);
		else if (isfinite(ch) && ch < 0)
			format_num(r, "change", "▼ %.0f", -ch);
		else
			format_num(r, "change", "%.0f", ch);
		format_pct(r, "coverage", value_num(e, "coverage"));
	}
	value_set(p, "figure", figure_view(b, cid, "_ranks", "Raw safety rank against decorrelated safety rank for every model"));
	buf_reset(&t);
	buf_printf(&t, "data/%s/leaderboard.csv", cid);
	value_set_string(p, "csv", buf_str(&t));
	buf_release(&t);
	buf_release(&path);
	return render_page(b, PAGE_LEADERBOARD, v);
}

/* Content pages: content/pages/NAME.md, themselves Mustache templates over the site view. */
static int load_page_list(struct build *b, char ***names, long *n)
{
	char *dir = path_join(b->o->content, "pages");
	const struct value *cohorts = value_get(b->report, "cohorts");
	int rc = 0;

	*names = NULL;
	*n = 0;
	b->pages = value_array();
	if (!path_is_dir(dir)) {
		free(dir);
		return 0;
	}
	*n = dir_list(dir, true, names);
	if (*n < 0) {
		*n = 0;
		free(dir);
		return -1;
	}
	for (long i = 0; i < *n; i++) {
		char *p = path_join(dir, (*names)[i]), *text = NULL, *stem;
		struct value *e;
		struct buf title = BUF_INIT, href = BUF_INIT;
		size_t len;
		bool bad = false;

		if (!ends_with((*names)[i], ".md")) {
			diag_warning(p, 0, 0, "not a .md file (ignored)");
			free(p);
			continue;
		}
		stem = xstrndup((*names)[i], strlen((*names)[i]) - 3);
		for (int r = 0; reserved_names[r]; r++)
			bad |= strcmp(stem, reserved_names[r]) == 0;
		for (size_t c = 0; cohorts && c < cohorts->n; c++)
			bad |= strcmp(stem, value_str(cohorts->items[c], "id")) == 0;
		if (!is_slug(stem) || bad) {
			diag_error(p, 0, 0, "page name '%s' is not an identifier or is reserved (index, "
					    "data, figures, assets, releases, feed and cohort ids)",
				   stem);
			rc = -1;
		} else if (file_read(p, &text, &len) == 0) {
			const char *h = strstr(text, "# ");
			if (h && (h == text || h[-1] == '\n')) {
				const char *end = strchr(h, '\n');
				buf_add(&title, h + 2, end ? (size_t)(end - h - 2) : strlen(h + 2));
			} else {
				buf_puts(&title, stem);
			}
			buf_printf(&href, "%s.html", stem);
			e = value_push(b->pages, value_object());
			value_set_string(e, "name", stem);
			value_set_string(e, "title", buf_str(&title));
			value_set_string(e, "href", buf_str(&href));
			value_set_string(e, "file", p);
			b->has_methodology |= strcmp(stem, "methodology") == 0;
		} else {
			rc = -1;
		}
		buf_release(&title);
		buf_release(&href);
		free(text);
		free(stem);
		free(p);
	}
	free(dir);
	return rc;
}

static int page_content(struct build *b, const struct value *entry)
{
	const char *file = value_str(entry, "file");
	char *text = NULL;
	size_t len;
	struct buf md = BUF_INIT, err = BUF_INIT;
	struct partial_lookup parts = {&b->t, ".md", NULL};
	struct mustache_options mo = {mustache_escape_markdown, find_partial, &parts, 0};
	struct value *v = page_view(b, value_str(entry, "href"), value_str(entry, "title")), *p;
	const struct value *cohorts = value_get(b->report, "cohorts");
	struct value *list;
	int rc = -1;

	list = value_set(v, "cohorts", value_array());
	for (size_t i = 0; cohorts && i < cohorts->n; i++)
		value_push(list, cohort_summary(b, cohorts->items[i]));
	if (file_read(file, &text, &len) < 0)
		goto out;
	if (mustache_render(text, len, v, &mo, &md, &err) < 0) {
		diag_error(NULL, 0, 0, "%s:%s", file, buf_str(&err));
		goto out;
	}
	if (check_partials(&parts, NULL, file) < 0)
		goto out;
	p = value_set(v, "page", value_object());
	value_set_string(p, "name", value_str(entry, "name"));
	value_set_string(p, "markdown", buf_str(&md));
	rc = render_page(b, PAGE_PAGE, v);
	v = NULL;
out:
	value_free(v);
	free(text);
	buf_release(&md);
	buf_release(&err);
	return rc;
}

/* ----------------------------------------------------------------- data */

static int write_csv(struct build *b, const char *rel, const struct value *rows,
		     const char *const *cols)
{
	struct buf out = BUF_INIT;
	int rc;
	report_csv_table(&out, rows, cols);
	rc = write_out(b->tmp, rel, out.data ? out.data : "", out.len);
	b->st->files++;
	buf_release(&out);
	return rc;
}

static int write_data(struct build *b)
{
	static const char *const model_cols[] = {"id", "name", "source_id", "family", "params",
						 "training_flop", "flop_source", "released",
						 "capability_score", "capability_rank", NULL};
	static const char *const lb_cols[] = {"model", "name", "capability_score", "safety_score",
					      "safety_rank", "decorrelated_score",
					      "decorrelated_rank", "rank_change", "coverage",
					      "n_benchmarks", NULL};
	static const char *const score_cols[] = {"model", "benchmark", "value", "stderr", "n",
						 "z", "expected", "residual", NULL};
	const struct value *cohorts = value_get(b->report, "cohorts");
	struct buf out = BUF_INIT, rel = BUF_INIT;
	struct value *rows;
	int rc = 0;

	value_write_json(&out, b->report, 2);
	rc |= write_out(b->tmp, "data/report.json", out.data, out.len);
	b->st->files++;
	rows = report_benchmark_rows(b->report, NULL);
	rc |= write_csv(b, "data/benchmarks.csv", rows, report_benchmark_columns);
	value_free(rows);
	for (size_t i = 0; cohorts && i < cohorts->n && rc == 0; i++) {
		const struct value *co = cohorts->items[i], *bs = value_get(co, "benchmarks");
		const char *cid = value_str(co, "id");
		struct value *all = value_array();

		rows = report_benchmark_rows(b->report, cid);
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/benchmarks.csv", cid);
		rc |= write_csv(b, buf_str(&rel), rows, report_benchmark_columns);
		value_free(rows);
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/models.csv", cid);
		rc |= write_csv(b, buf_str(&rel), value_get(co, "models"), model_cols);
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/leaderboard.csv", cid);
		rc |= write_csv(b, buf_str(&rel), value_get(co, "leaderboard"), lb_cols);
		for (size_t k = 0; bs && k < bs->n; k++) {
			const struct value *ms = value_get(bs->items[k], "models");
			rows = value_array();
			for (size_t j = 0; ms && j < ms->n; j++) {
				struct value *r = value_copy(ms->items[j]);
				const struct value *m = model_by_id(b, co, value_str(r, "model"));
				value_set_string(r, "benchmark", value_str(bs->items[k], "id"));
				value_set_string(r, "name", m ? value_str(m, "name") : "");
				value_push(all, value_copy(r));
				value_push(rows, r);
			}
			buf_reset(&rel);
			buf_printf(&rel, "data/%s/benchmarks/%s.csv", cid, value_str(bs->items[k], "id"));
			{
				static const char *const cols[] = {"model", "name", "value", "stderr", "n", "z", "expected", "residual", NULL};
				rc |= write_csv(b, buf_str(&rel), rows, cols);
			}
			value_free(rows);
		}
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/scores.csv", cid);
		rc |= write_csv(b, buf_str(&rel), all, score_cols);
		value_free(all);
	}
	buf_release(&out);
	buf_release(&rel);
	return rc ? -1 : 0;
}

/* -------------------------------------------------------------- publish */

static void progress(const struct site_options *o, const char *stage)
{
	if (o->progress)
		fprintf(stderr, "\r\033[Kwashboard: %s", stage);
}

/* Lock OUT against a concurrent build: a lock file .BASENAME.lock beside it. */
/* OUT's directory ("" for the working directory, "/" for the root); *base its last part. */
static char *out_parent(const char *out, const char **base)
{
	const char *slash = strrchr(out, '/');
	*base = slash ? slash + 1 : out;
	if (!slash)
		return xstrdup("");
	return slash == out ? xstrdup("/") : xstrndup(out, (size_t)(slash - out));
}

static int take_lock(const char *out, int *fd)
{
	const char *base;
	char *dir = out_parent(out, &base), *lock;
	struct buf name = BUF_INIT;
	struct flock fl;
	int rc = -1;

	buf_printf(&name, ".%s.lock", base);
	lock = path_join(dir, buf_str(&name));
	*fd = open(lock, O_RDWR | O_CREAT, 0666);
	if (*fd < 0) {
		diag_error(lock, 0, 0, "cannot create the lock file: %s", strerror(errno));
		goto out;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(*fd, F_SETLK, &fl) != 0) {
		diag_error(out, 0, 0, "another washboard build is writing this site (lock %s); try "
				      "again when it has finished",
			   lock);
		close(*fd);
		*fd = -1;
		goto out;
	}
	rc = 0;
out:
	buf_release(&name);
	free(lock);
	free(dir);
	return rc;
}

/* Swap the finished tree into place: OUT -> OUT.old-XXXXXX, TMP -> OUT, remove the old. */
static int publish(const char *tmp, const char *out)
{
	struct buf old = BUF_INIT;
	int rc = -1;

	if (path_is_dir(out)) {
		buf_printf(&old, "%s.old-XXXXXX", out);
		if (!mkdtemp(old.data) || rmdir(old.data) != 0 || rename(out, old.data) != 0) {
			diag_error(out, 0, 0, "cannot move the previous site aside: %s",
				   strerror(errno));
			goto out;
		}
	} else if (access(out, F_OK) == 0) {
		diag_error(out, 0, 0, "exists and is not a directory; refusing to replace it");
		goto out;
	}
	if (rename(tmp, out) != 0) {
		diag_error(out, 0, 0, "cannot move the new site into place: %s", strerror(errno));
		if (old.len)
			rename(old.data, out);
		goto out;
	}
	if (old.len)
		remove_tree(old.data);
	rc = 0;
out:
	buf_release(&old);
	return rc;
}

/*
 * Remove what a build killed outright (SIGKILL, power loss) left beside OUT: directories
 * OUT.tmp-XXXXXX and OUT.old-XXXXXX, the mkdtemp() names used above. Called with the lock
 * held, so no other build is using them.
 */
static void remove_stale(const char *out)
{
	const char *base;
	char *dir = out_parent(out, &base);
	size_t blen = strlen(base);
	struct dirent *e;
	DIR *d = opendir(dir[0] ? dir : "."); /* unreadable: the build fails later, clearly */

	while (d && (e = readdir(d)) != NULL) {
		const char *tail = e->d_name + blen;
		bool ours = strncmp(e->d_name, base, blen) == 0 &&
			    (strncmp(tail, ".tmp-", 5) == 0 || strncmp(tail, ".old-", 5) == 0) &&
			    strlen(tail + 5) == 6;
		for (size_t k = 0; ours && k < 6; k++)
			ours = isalnum((unsigned char)tail[5 + k]) != 0;
		if (ours) {
			char *p = path_join(dir, e->d_name);
			if (path_is_dir(p) && remove_tree(p) == 0)
				diag_warning(p, 0, 0, "removed, left behind by an interrupted build");
			free(p);
		}
	}
	if (d)
		closedir(d);
	free(dir);
}

static int check_ids(struct build *b)
{
	const struct value *cohorts = value_get(b->report, "cohorts");
	int rc = 0;
	for (size_t i = 0; cohorts && i < cohorts->n; i++)
		for (int r = 0; reserved_names[r]; r++)
			if (strcmp(value_str(cohorts->items[i], "id"), reserved_names[r]) == 0) {
				diag_error(NULL, 0, 0, "cohort id '%s' is reserved for the site's own "
						       "directories; rename the cohort",
					   reserved_names[r]);
				rc = -1;
			}
	return rc;
}

static void figure_progress(void *ud, size_t done, size_t total)
{
	(void)ud;
	fprintf(stderr, "\r\033[Kwashboard: figures %zu/%zu", done, total);
}

/* The figures stage: gnuplot, batched, reusing the previous site's unchanged figures. */
static int draw_figures(struct build *b)
{
	struct plot_options po;
	struct plot_stats ps;
	double t1 = now();

	memset(&po, 0, sizeof(po));
	memset(&ps, 0, sizeof(ps));
	po.out_dir = b->tmp;
	po.previous = path_is_dir(b->o->out) ? b->o->out : NULL;
	po.formats = b->o->formats;
	po.jobs = b->o->jobs;
	po.gnuplot = b->o->gnuplot;
	po.png_scale = b->o->png_scale;
	po.timeout = b->o->gnuplot_timeout;
	po.progress = b->o->progress ? figure_progress : NULL;
	if (plot_site(b->report, &po, &ps) < 0)
		return -1;
	b->st->plot_seconds = now() - t1;
	b->st->figures = ps.figures;
	b->st->drawn = ps.drawn;
	b->st->reused = ps.reused;
	b->st->files += ps.outputs + 2 * ps.figures; /* images, plus each .gp and .csv */
	b->st->gnuplot_seconds = ps.gnuplot_seconds;
	return 0;
}

/* One unit of rendering work; tasks are independent, so workers can share them out. */
enum task_kind {
	TASK_PLOT,
	TASK_DATA,
	TASK_INDEX,
	TASK_COHORT,
	TASK_LEADERBOARD,
	TASK_BENCHMARK,
	TASK_MODEL,
	TASK_AREA,
	TASK_CONTENT
};

struct task {
	enum task_kind kind;
	const struct value *co;   /* the cohort, for cohort-level pages */
	const struct value *item; /* the benchmark, model, area or content page */
	size_t k;                 /* the area's position */
};

/* Returns 0, or the exit code the failure deserves. */
static enum wb_exit run_task(struct build *b, const struct task *t)
{
	int r;
	switch (t->kind) {
	case TASK_PLOT:
		return draw_figures(b) < 0 ? WB_EXIT_RUNTIME : WB_EXIT_OK;
	case TASK_DATA:
		return write_data(b) < 0 ? WB_EXIT_RUNTIME : WB_EXIT_OK;
	case TASK_INDEX:
		r = page_index(b);
		break;
	case TASK_COHORT:
		r = page_cohort(b, t->co);
		break;
	case TASK_LEADERBOARD:
		r = page_leaderboard(b, t->co);
		break;
	case TASK_BENCHMARK:
		r = page_benchmark(b, t->co, t->item);
		break;
	case TASK_MODEL:
		r = page_model(b, t->co, t->item);
		break;
	case TASK_AREA:
		r = page_area(b, t->co, t->item, t->k);
		break;
	default:
		r = page_content(b, t->item);
		break;
	}
	return r < 0 ? WB_EXIT_DATA : WB_EXIT_OK; /* a page fails on its templates */
}

static size_t collect_tasks(struct build *b, struct task **out)
{
	const struct value *cohorts = value_get(b->report, "cohorts");
	struct task *t = NULL;
	size_t n = 0, cap = 0;

#define ADD(KIND, CO, ITEM, K)                                                                 \
	do {                                                                                   \
		xgrow((void **)&t, &cap, n + 1, sizeof(*t));                                   \
		t[n].kind = (KIND);                                                            \
		t[n].co = (CO);                                                                \
		t[n].item = (ITEM);                                                            \
		t[n].k = (K);                                                                  \
		n++;                                                                           \
	} while (0)
	if (b->o->figures)
		ADD(TASK_PLOT, NULL, NULL, 0); /* first: the longest task starts first */
	ADD(TASK_DATA, NULL, NULL, 0);
	ADD(TASK_INDEX, NULL, NULL, 0);
	for (size_t i = 0; cohorts && i < cohorts->n; i++) {
		const struct value *co = cohorts->items[i];
		const struct value *bs = value_get(co, "benchmarks"), *ms = value_get(co, "models");
		const struct value *areas = value_get(co, "areas");
		ADD(TASK_COHORT, co, NULL, 0);
		ADD(TASK_LEADERBOARD, co, NULL, 0);
		for (size_t k = 0; bs && k < bs->n; k++)
			ADD(TASK_BENCHMARK, co, bs->items[k], k);
		for (size_t k = 0; ms && k < ms->n; k++)
			ADD(TASK_MODEL, co, ms->items[k], k);
		for (size_t k = 0; areas && k < areas->n; k++)
			ADD(TASK_AREA, co, areas->items[k], k);
		if (bs && bs->n) /* fill the row cache before any fork */
			value_free(bench_row_at(b, co, 0));
	}
	for (size_t i = 0; i < b->pages->n; i++)
		ADD(TASK_CONTENT, NULL, b->pages->items[i], 0);
#undef ADD
	*out = t;
	return n;
}

/* What a worker process reports back through its pipe. */
struct worker_result {
	struct site_stats st; /* its share of the counters */
	int rc;               /* 0 or the enum wb_exit of its first failure */
};

/* Take task numbers from the queue (a pipe of uint32) and run them until it is empty. */
static enum wb_exit work(struct build *b, const struct task *t, size_t n, int queue)
{
	uint32_t i;
	enum wb_exit rc = WB_EXIT_OK;
	while (read(queue, &i, sizeof(i)) == (ssize_t)sizeof(i)) {
		if (rc == WB_EXIT_OK && interrupted())
			rc = WB_EXIT_RUNTIME; /* drain the queue, run nothing more */
		if (rc == WB_EXIT_OK && i < n)
			rc = run_task(b, &t[i]);
	}
	return rc;
}

static void add_stats(struct site_stats *to, const struct site_stats *from)
{
	to->pages += from->pages;
	to->files += from->files;
	to->figures += from->figures;
	to->drawn += from->drawn;
	to->reused += from->reused;
	to->plot_seconds += from->plot_seconds;
	to->gnuplot_seconds += from->gnuplot_seconds;
}

/*
 * Run every task with o->jobs processes (this one included) taking task numbers from one
 * queue: the figures (one long task, itself running gnuplot in parallel) go first, pages
 * and data files fill the other workers. Pages are independent files, so nothing else is
 * shared. The build fails with the worst exit code any worker met.
 */
static enum wb_exit run_tasks(struct build *b)
{
	struct task *t = NULL;
	size_t n = collect_tasks(b, &t);
	int jobs = b->o->jobs > 1 ? b->o->jobs : 1;
	int queue[2] = {-1, -1};
	pid_t *pids;
	int *fds, started = 1;
	enum wb_exit rc = WB_EXIT_OK;

	pids = xcalloc((size_t)jobs, sizeof(pid_t));
	fds = xcalloc((size_t)jobs, sizeof(int));
	if (pipe(queue) != 0) {
		diag_error(NULL, 0, 0, "cannot create a pipe: %s", strerror(errno));
		rc = WB_EXIT_RUNTIME;
		goto out;
	}
	/* every number goes in before any worker starts; the pipe holds 16k of them */
	for (uint32_t i = 0; i < n; i++)
		if (write(queue[1], &i, sizeof(i)) != (ssize_t)sizeof(i)) {
			diag_error(NULL, 0, 0, "cannot fill the work queue: %s", strerror(errno));
			rc = WB_EXIT_RUNTIME;
			goto out;
		}
	close(queue[1]);
	queue[1] = -1;
	fflush(stdout);
	fflush(stderr);
	for (int w = 1; w < jobs; w++) {
		int p[2];
		if (pipe(p) != 0)
			break;
		pids[w] = fork();
		if (pids[w] < 0) {
			close(p[0]);
			close(p[1]);
			break;
		}
		if (pids[w] == 0) {
			struct worker_result res;
			ssize_t wr;
			interrupt_child_reset();
			close(p[0]);
			memset(b->st, 0, sizeof(*b->st));
			res.rc = (int)work(b, t, n, queue[0]);
			res.st = *b->st;
			wr = write(p[1], &res, sizeof(res));
			fflush(stderr);
			_exit(wr == (ssize_t)sizeof(res) ? 0 : WB_EXIT_RUNTIME);
		}
		interrupt_child_add(pids[w]);
		close(p[1]);
		fds[w] = p[0];
		started++;
	}
	rc = work(b, t, n, queue[0]); /* with no fork at all, this does everything */
	for (int w = 1; w < started; w++) {
		struct worker_result res;
		int status = 0;
		memset(&res, 0, sizeof(res));
		if (read(fds[w], &res, sizeof(res)) != (ssize_t)sizeof(res))
			res.rc = WB_EXIT_RUNTIME;
		close(fds[w]);
		if (waitpid(pids[w], &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			res.rc = WB_EXIT_RUNTIME;
		interrupt_child_remove(pids[w]);
		add_stats(b->st, &res.st);
		if (res.rc != WB_EXIT_OK && (rc == WB_EXIT_OK || res.rc == WB_EXIT_DATA))
			rc = (enum wb_exit)res.rc;
	}
out:
	if (queue[0] >= 0)
		close(queue[0]);
	if (queue[1] >= 0)
		close(queue[1]);
	free(pids);
	free(fds);
	free(t);
	return rc;
}

/* ------------------------------------------------------------------ releases */

/* The release date: SOURCE_DATE_EPOCH when set (reproducible builds), else the epoch. */
static void release_date(struct buf *out)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	double t;
	time_t tt;
	struct tm tm;
	char s[32];
	if (!sde || parse_number(sde, &t) < 0 || t < 0)
		t = 0;
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_puts(out, s);
}

/*
 * Record this build as a release: the previous site's releases/ are kept, this report goes
 * to releases/<version>/report.json, releases/index.json lists them in order, and this
 * release gets a "What changed" page against the one before it; then the list page and the
 * Atom feed. Returns 0 or the exit code of the failure.
 */
static enum wb_exit write_releases(struct build *b)
{
	char *old = path_join(b->o->out, "releases"), *dir = path_join(b->tmp, "releases");
	char *index_path = path_join(dir, "index.json");
	struct value *index = NULL, *entry = NULL, *prev_report = NULL, *v, *list, *feed_items;
	struct buf rel = BUF_INIT, out = BUF_INIT, date = BUF_INIT;
	size_t pos = 0, files = 0;
	enum wb_exit rc = WB_EXIT_RUNTIME;

	if (path_is_dir(old) && copy_tree(old, dir, &files) < 0)
		goto out;
	b->st->files += files;
	index = path_is_file(index_path) ? content_read_json(index_path) : value_object();
	if (!index || index->kind != VALUE_OBJECT) {
		diag_error(index_path, 0, 0, "the previous site's release list is unreadable; move "
					     "its releases/ away to start a new list");
		goto out;
	}
	list = value_get(index, "releases");
	if (!list || list->kind != VALUE_ARRAY)
		list = value_set(index, "releases", value_array());
	for (pos = 0; pos < list->n; pos++)
		if (strcmp(value_str(list->items[pos], "version"), b->release) == 0)
			break;
	if (pos == list->n) {
		entry = value_push(list, value_object());
		value_set_string(entry, "version", b->release);
		release_date(&date);
		value_set_string(entry, "date", buf_str(&date));
	}
	entry = list->items[pos];
	buf_reset(&out);
	value_write_json(&out, index, 2);
	buf_printf(&rel, "releases/%s/report.json", b->release);
	if (write_out(b->tmp, "releases/index.json", out.data, out.len) < 0)
		goto out;
	buf_reset(&out);
	value_write_json(&out, b->report, 2);
	if (write_out(b->tmp, buf_str(&rel), out.data, out.len) < 0)
		goto out;
	b->st->files += 2;

	/* What changed: against the release before this one */
	if (pos > 0) {
		char *p = path_join(dir, value_str(list->items[pos - 1], "version"));
		char *rp = path_join(p, "report.json");
		prev_report = path_is_file(rp) ? content_read_json(rp) : NULL;
		free(rp);
		free(p);
	}
	buf_reset(&rel);
	buf_printf(&rel, "releases/%s/index.html", b->release);
	buf_reset(&out);
	buf_printf(&out, "What changed in release %s", b->release);
	v = page_view(b, buf_str(&rel), buf_str(&out));
	{
		struct value *r = value_set(v, "release", value_object());
		value_set_string(r, "version", b->release);
		value_set_string(r, "date", value_str(entry, "date"));
		if (prev_report) {
			struct value *d = diff_reports(prev_report, b->report);
			value_set_string(r, "previous", value_str(list->items[pos - 1], "version"));
			/* formatted numbers for the page */
			for (size_t c = 0; c < value_get(d, "cohorts")->n; c++) {
				struct value *co = value_get(d, "cohorts")->items[c];
				struct value *m = value_get(co, "movements");
				value_set_bool(co, "any_movements", m->n > 0);
				value_set_bool(co, "any_rank_changes",
					       value_get(co, "rank_changes")->n > 0);
				for (size_t k = 0; k < m->n; k++) {
					format_pct(m->items[k], "old_pct", value_num(m->items[k], "old"));
					format_pct(m->items[k], "new_pct", value_num(m->items[k], "new"));
					format_num(m->items[k], "delta_pct", "%+.1f", 100 * value_num(m->items[k], "delta"));
				}
			}
			value_set(r, "diff", d);
		}
	}
	if (render_page(b, PAGE_RELEASE, v) < 0) {
		rc = WB_EXIT_DATA;
		goto out;
	}

	/* the list of releases, newest first, and the feed */
	v = page_view(b, "releases/index.html", "Releases");
	feed_items = value_set(v, "releases", value_array());
	for (size_t i = list->n; i-- > 0;) {
		struct value *e = value_push(feed_items, value_copy(list->items[i]));
		struct buf h = BUF_INIT;
		buf_printf(&h, "releases/%s/index.html", value_str(e, "version"));
		value_set(e, "href", value_string_own(buf_detach(&h)));
		buf_printf(&h, "releases/%s/report.json", value_str(e, "version"));
		value_set(e, "report", value_string_own(buf_detach(&h)));
		value_set_bool(e, "current", i == pos);
	}
	{
		/* Atom: ids are the site's URLs (tag: URIs when there is no base URL) */
		struct buf x = BUF_INIT;
		const char *title = value_str(value_get(b->report, "site"), "title");
		buf_puts(&x, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
			     "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>");
		mustache_escape_html(&x, title, strlen(title));
		buf_puts(&x, " releases</title>\n<id>");
		if (b->base_url[0])
			mustache_escape_html(&x, b->base_url, strlen(b->base_url));
		else
			buf_puts(&x, "tag:washboard,2024:site");
		buf_puts(&x, "/</id>\n<updated>");
		buf_puts(&x, value_str(list->items[list->n - 1], "date"));
		buf_puts(&x, "</updated>\n<generator>washboard</generator>\n");
		for (size_t i = list->n; i-- > 0;) {
			const char *ver = value_str(list->items[i], "version");
			buf_puts(&x, "<entry>\n<title>Release ");
			mustache_escape_html(&x, ver, strlen(ver));
			buf_puts(&x, "</title>\n<id>");
			if (b->base_url[0])
				mustache_escape_html(&x, b->base_url, strlen(b->base_url));
			else
				buf_puts(&x, "tag:washboard,2024:site");
			buf_printf(&x, "/releases/%s/</id>\n<updated>%s</updated>\n", ver,
				   value_str(list->items[i], "date"));
			buf_printf(&x, "<link href=\"%s%sreleases/%s/index.html\"/>\n", b->base_url,
				   b->base_url[0] ? "/" : "", ver);
			buf_printf(&x, "<summary>What changed in release %s</summary>\n</entry>\n", ver);
		}
		buf_puts(&x, "</feed>\n");
		if (write_out(b->tmp, "feed.xml", x.data, x.len) < 0) {
			buf_release(&x);
			value_free(v);
			goto out;
		}
		b->st->files++;
		buf_release(&x);
	}
	if (render_page(b, PAGE_RELEASES, v) < 0) {
		rc = WB_EXIT_DATA;
		goto out;
	}
	rc = WB_EXIT_OK;
out:
	value_free(index);
	value_free(prev_report);
	buf_release(&rel);
	buf_release(&out);
	buf_release(&date);
	free(index_path);
	free(old);
	free(dir);
	return rc;
}

/*
 * The build's fingerprint: every byte of the content and templates (with their paths), the
 * options that change the output and the washboard binary itself. Two FNV-1a hashes with
 * different seeds give 128 bits.
 */
struct fingerprint {
	uint64_t h[2];
};

static void fp_add(struct fingerprint *f, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		f->h[0] = (f->h[0] ^ p[i]) * 1099511628211u;
		f->h[1] = (f->h[1] ^ p[i]) * 1099511628211u;
	}
	/* a separator, so that ("ab","c") and ("a","bc") differ */
	f->h[0] = (f->h[0] ^ 0xffu) * 1099511628211u;
	f->h[1] = (f->h[1] ^ 0xfeu) * 1099511628211u;
}

static void fp_str(struct fingerprint *f, const char *s)
{
	fp_add(f, s, strlen(s));
}

static int fp_file(struct fingerprint *f, const char *path)
{
	char *data;
	size_t len;
	if (file_read(path, &data, &len) < 0)
		return -1;
	fp_add(f, data, len);
	free(data);
	return 0;
}

static int fp_tree(struct fingerprint *f, const char *dir)
{
	char **names = NULL;
	long n = dir_list(dir, false, &names);
	int rc = 0;
	if (n < 0)
		return -1;
	for (long i = 0; i < n && rc == 0; i++) {
		char *p = path_join(dir, names[i]);
		fp_str(f, names[i]);
		if (path_is_dir(p))
			rc = fp_tree(f, p);
		else if (path_is_file(p))
			rc = fp_file(f, p);
		free(p);
	}
	names_free(names, n);
	return rc;
}

/* The fingerprint as 32 hex digits into out; -1 when an input cannot be read. */
static int fingerprint(const struct site_options *o, const char *base_url, char out[33])
{
	struct fingerprint f = {{14695981039346656037u, 1099511628211u * 31u}};
	char opts[96];

	fp_str(&f, "washboard " WB_VERSION);
	if (fp_file(&f, "/proc/self/exe") < 0) /* a rebuilt binary must rebuild the site */
		return -1;
	snprintf(opts, sizeof(opts), "formats=%u figures=%d png=%g", o->formats, (int)o->figures,
		 o->png_scale);
	fp_str(&f, opts);
	fp_str(&f, base_url);
	fp_str(&f, o->release ? o->release : "");
	if (fp_tree(&f, o->content) < 0 || fp_tree(&f, o->templates) < 0)
		return -1;
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)f.h[0],
		 (unsigned long long)f.h[1]);
	return 0;
}

/* Is OUT the output of exactly these inputs? */
static bool up_to_date(const char *out, const char *fp)
{
	char *stamp = path_join(out, STAMP_FILE), *data = NULL;
	size_t len;
	bool same = false;
	if (path_is_file(stamp) && file_read(stamp, &data, &len) == 0)
		same = len >= 32 && memcmp(data, fp, 32) == 0;
	free(data);
	free(stamp);
	return same;
}

enum wb_exit site_build(const struct site_options *o, struct site_stats *st)
{
	struct build b;
	struct corpus *c = NULL;
	struct analysis *an = NULL;
	struct buf tmpl = BUF_INIT, base = BUF_INIT;
	char **page_names = NULL;
	long npages = 0;
	int lock = -1;
	enum wb_exit rc = WB_EXIT_DATA;
	double t0 = now();
	char fp[33];

	memset(&b, 0, sizeof(b));
	memset(st, 0, sizeof(*st));
	b.o = o;
	b.st = st;
	b.rows = value_object();
	if (take_lock(o->out, &lock) < 0) {
		rc = WB_EXIT_RUNTIME;
		goto out;
	}
	remove_stale(o->out);
	if (access(o->out, F_OK) == 0 && !path_is_dir(o->out)) {
		diag_error(o->out, 0, 0, "exists and is not a directory; refusing to replace it");
		rc = WB_EXIT_RUNTIME;
		goto out;
	}
	if (fingerprint(o, o->base_url ? o->base_url : "", fp) < 0)
		goto out;
	if (!o->force && up_to_date(o->out, fp)) {
		st->up_to_date = true;
		rc = WB_EXIT_OK;
		goto out;
	}
	progress(o, "loading content");
	c = content_load(o->content);
	if (!c)
		goto out;
	an = analysis_run(c, NULL);
	if (!an)
		goto out;
	b.report = report_build(an);
	buf_puts(&base, o->base_url ? o->base_url : value_str(value_get(b.report, "site"), "base_url"));
	while (base.len && base.data[base.len - 1] == '/')
		base.data[--base.len] = '\0';
	b.base_url = buf_str(&base);
	b.release = slugify(o->release ? o->release
				       : value_get_string(value_get(b.report, "site"), "version")
						 ? value_str(value_get(b.report, "site"), "version")
						 : "unversioned");
	if (!b.release[0]) {
		free(b.release);
		b.release = xstrdup("unversioned");
	}
	if (check_ids(&b) < 0 || load_page_list(&b, &page_names, &npages) < 0)
		goto out;
	if (templates_load(&b.t, o->templates) < 0)
		goto out;

	rc = WB_EXIT_RUNTIME;
	buf_printf(&tmpl, "%s.tmp-XXXXXX", o->out);
	if (!mkdtemp(tmpl.data)) {
		diag_error(o->out, 0, 0, "cannot create a temporary directory beside it: %s",
			   strerror(errno));
		goto out;
	}
	b.tmp = tmpl.data;
	progress(o, "pages, data and figures");
	index_build(&b);
	rc = run_tasks(&b);
	if (rc != WB_EXIT_OK)
		goto out;
	rc = write_releases(&b);
	if (rc != WB_EXIT_OK)
		goto out;
	rc = WB_EXIT_RUNTIME;
	{
		char *assets = path_join(o->templates, "assets"), *dst = path_join(b.tmp, "assets");
		int r = path_is_dir(assets) ? copy_tree(assets, dst, &st->files) : 0;
		free(assets);
		free(dst);
		if (r < 0)
			goto out;
	}
	if (write_out(b.tmp, STAMP_FILE, fp, 32) < 0)
		goto out;
	progress(o, "publishing");
	if (interrupted() || publish(b.tmp, o->out) < 0)
		goto out;
	b.tmp = NULL;
	rc = WB_EXIT_OK;
out:
	if (o->progress)
		fprintf(stderr, "\r\033[K");
	if (b.tmp)
		remove_tree(b.tmp);
	st->seconds = now() - t0;
	templates_release(&b.t);
	index_release(&b);
	names_free(page_names, npages);
	value_free(b.pages);
	value_free(b.rows);
	free(b.release);
	value_free(b.report);
	analysis_free(an);
	content_free(c);
	buf_release(&tmpl);
	buf_release(&base);
	if (lock >= 0)
		close(lock);
	return rc;
}
