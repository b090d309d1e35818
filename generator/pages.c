/* pages.c - the page core: templates, lookups, the common view, table rows, rendering. */
#include "pages.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "format.h"
#include "markdown.h"
#include "mustache.h"
#include "plot.h"
#include "util.h"

/* Write data to root/rel, creating parent directories. */
int pages_write_file(const char *root, const char *rel, const char *data, size_t len)
{
	char *path = path_join(root, rel), *dir = xstrdup(path);
	int rc;

	*strrchr(dir, '/') = '\0';
	rc = path_mkdirs(dir) < 0 ? -1 : file_write(path, data, len);
	free(dir);
	free(path);
	return rc;
}

int pages_stream_open(struct pages_stream *st, const struct build *b, const char *rel)
{
	char *dir;
	st->path = path_join(b->tmp, rel);
	dir = xstrdup(st->path);
	*strrchr(dir, '/') = '\0';
	st->pending = (struct buf)BUF_INIT;
	st->rc = path_mkdirs(dir);
	free(dir);
	st->f = st->rc == 0 ? fopen(st->path, "wb") : NULL;
	if (st->rc == 0 && !st->f) {
		diag_error(st->path, 0, 0, "cannot write: %s", strerror(errno));
		file_write_failed();
		st->rc = -1;
	}
	return st->rc;
}

void pages_stream_flush(struct pages_stream *st, bool force)
{
	if (!st->f || st->rc < 0 || (!force && st->pending.len < (1u << 20)))
		return;
	if (st->pending.len && fwrite(st->pending.data, 1, st->pending.len, st->f) != st->pending.len) {
		diag_error(st->path, 0, 0, "cannot write: %s", strerror(errno));
		file_write_failed();
		st->rc = -1;
	}
	buf_reset(&st->pending);
}

int pages_stream_close(struct pages_stream *st)
{
	pages_stream_flush(st, true);
	if (st->f && fclose(st->f) != 0 && st->rc == 0) {
		diag_error(st->path, 0, 0, "cannot write: %s", strerror(errno));
		file_write_failed();
		st->rc = -1;
	}
	buf_release(&st->pending);
	free(st->path);
	return st->rc;
}

static const char *const page_files[PAGE_KINDS] = {
	"index.md", "cohort.md", "benchmark.md", "model.md", "area.md", "leaderboard.md", "page.md",
	"release.md", "releases.md", "compare.md"};

/* The partial file of t that {{>name}} loads in language ext (name + ext, else name), or -1. */
static long partial_index(const struct templates *t, const char *name, const char *ext)
{
	struct buf want = BUF_INIT;
	long found = -1;

	buf_printf(&want, "%s%s", name, ext);
	for (long i = 0; i < t->npartials && found < 0; i++)
		if (strcmp(t->partial_names[i], buf_str(&want)) == 0 ||
		    strcmp(t->partial_names[i], name) == 0)
			found = i;
	buf_release(&want);
	return found;
}

const char *pages_find_partial(void *ud, const char *name, size_t *len)
{
	struct partial_lookup *pl = ud;
	long i = partial_index(pl->t, name, pl->ext);

	if (i < 0) {
		if (!pl->missing)
			pl->missing = xstrdup(name);
		return NULL;
	}
	*len = strlen(pl->t->partial_texts[i]);
	return pl->t->partial_texts[i];
}

void pages_unknown_name(void *ud, const char *partial, unsigned line, unsigned col,
			const char *name)
{
	struct partial_lookup *pl = ud;
	struct buf key = BUF_INIT;
	const struct value *had;
	long i = partial ? partial_index(pl->t, partial, pl->ext) : -1;

	if (!pl->warnings)
		return;
	if (i >= 0)
		buf_printf(&key, "%s/partials/%s", pl->t->dir, pl->t->partial_names[i]);
	else
		buf_puts(&key, pl->file);
	buf_printf(&key, ":%u:%u: unknown name '%s'", line, col, name);
	had = value_get(pl->warnings, buf_str(&key));
	if (!had || strcmp(value_str(pl->warnings, buf_str(&key)), pl->page) > 0)
		value_set_string(pl->warnings, buf_str(&key), pl->page);
	buf_release(&key);
}

void pages_warnings_merge(struct value *into, const struct value *from)
{
	for (size_t i = 0; from && from->kind == VALUE_OBJECT && i < from->n; i++) {
		const char *key = from->keys[i], *page = value_str(from, key);
		const struct value *had = value_get(into, key);
		if (!had || strcmp(value_str(into, key), page) > 0)
			value_set_string(into, key, page);
	}
}

static int cmp_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

enum failure pages_report_warnings(struct build *b)
{
	const struct value *w = b->warnings;
	const char **keys;
	size_t n = w ? w->n : 0;

	if (!n)
		return FAIL_NONE;
	keys = xcalloc(n, sizeof(*keys));
	for (size_t i = 0; i < n; i++)
		keys[i] = w->keys[i];
	qsort(keys, n, sizeof(*keys), cmp_strings);
	for (size_t i = 0; i < n; i++) {
		const char *page = value_str(w, keys[i]);
		if (b->o->strict)
			diag_error(NULL, 0, 0, "%s renders as nothing (on %s, perhaps others; a typo, "
					       "or a key this page's view lacks?)",
				   keys[i], page);
		else
			diag_warning(NULL, 0, 0, "%s renders as nothing (on %s, perhaps others; "
						 "build --strict makes this an error)",
				     keys[i], page);
	}
	free(keys);
	return b->o->strict ? FAIL_DATA : FAIL_NONE;
}

/* A template that asked for a partial that does not exist is an error, not an empty string. */
int pages_check_partials(struct partial_lookup *pl, const char *dir, const char *tmpl)
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

/* What check_partial_tag() needs: the templates, the file checked and its language. */
struct partial_check {
	const struct templates *t;
	const char *path, *ext;
	int missing; /* partial tags that name no partial */
};

static void check_partial_tag(void *ud, const char *name, unsigned line, unsigned col)
{
	struct partial_check *pc = ud;
	if (partial_index(pc->t, name, pc->ext) >= 0)
		return;
	diag_error(pc->path, line, col, "no partial '%s' (looked for %s/partials/%s%s)", name,
		   pc->t->dir, name, pc->ext);
	pc->missing++;
}

/* A line of mustache_compile()'s errors, "LINE:COL: message", and its place. */
struct syntax_error {
	const char *text;
	unsigned long line, col;
};

static int cmp_syntax_errors(const void *a, const void *b)
{
	const struct syntax_error *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->text, y->text);
}

struct mustache *pages_compile_checked(const struct templates *t, const char *path,
				       const char *text, size_t len, const char *ext)
{
	struct buf err = BUF_INIT;
	struct mustache *m = mustache_compile(text, len, &err);
	struct partial_check pc = {t, path, ext, 0};

	if (!m) {
		/* every syntax error (a line of err each), in the order of the file */
		struct syntax_error *es = NULL;
		size_t n = 0, cap = 0;
		for (char *e = err.data; e && *e;) {
			char *nl = strchr(e, '\n');
			xgrow((void **)&es, &cap, n + 1, sizeof(*es));
			es[n].text = e;
			es[n].line = strtoul(e, NULL, 10);
			es[n].col = strtoul(strchr(e, ':') ? strchr(e, ':') + 1 : e, NULL, 10);
			n++;
			if (nl)
				*nl++ = '\0';
			e = nl;
		}
		if (n > 1)
			qsort(es, n, sizeof(*es), cmp_syntax_errors);
		for (size_t i = 0; i < n; i++)
			diag_error(NULL, 0, 0, "%s:%s", path, es[i].text);
		free(es);
	} else if (ext) {
		mustache_each_partial(m, check_partial_tag, &pc);
		if (pc.missing) {
			mustache_free(m);
			m = NULL;
		}
	}
	buf_release(&err);
	return m;
}

static struct mustache *compile_file(const struct templates *t, const char *name,
				     const char *ext)
{
	char *path = path_join(t->dir, name), *text = NULL;
	size_t len;
	struct mustache *m = NULL;

	if (file_read(path, &text, &len) == 0)
		m = pages_compile_checked(t, path, text, len, ext);
	free(text);
	free(path);
	return m;
}

void pages_templates_release(struct templates *t)
{
	mustache_free(t->layout);
	for (int k = 0; k < PAGE_KINDS; k++)
		mustache_free(t->pages[k]);
	names_free(t->partial_names, t->npartials);
	for (long i = 0; i < t->npartials; i++)
		free(t->partial_texts[i]);
	free(t->partial_texts);
}

int pages_templates_load(struct templates *t, const char *dir)
{
	char *pdir = path_join(dir, "partials");
	int rc = -1;

	memset(t, 0, sizeof(*t));
	t->dir = dir;
	if (!path_is_dir(dir)) {
		diag_error(dir, 0, 0, "templates directory not found (pass --templates DIR)");
		goto out;
	}
	rc = 0; /* from here on every template and partial is read and checked, so that every
		 * error is reported at once */
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
	t->layout = compile_file(t, "layout.html", ".html");
	rc |= t->layout ? 0 : -1;
	for (int k = 0; k < PAGE_KINDS; k++) {
		t->pages[k] = compile_file(t, page_files[k], ".md");
		rc |= t->pages[k] ? 0 : -1;
	}
	for (long i = 0; i < t->npartials; i++) {
		const char *name = t->partial_names[i];
		char *p = path_join(pdir, name);
		struct mustache *m = pages_compile_checked(
		    t, p, t->partial_texts[i], strlen(t->partial_texts[i]),
		    ends_with(name, ".md") ? ".md" : ends_with(name, ".html") ? ".html" : NULL);
		rc |= m ? 0 : -1;
		mustache_free(m);
		free(p);
	}
out:
	free(pdir);
	return rc;
}

/* "machine-ethics" -> "Machine ethics", unless site.json's areas give a title. */
char *pages_area_title(const struct value *report, const char *id)
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

const char *const pages_reserved_names[] = {"index", "data", "figures", "assets", "releases",
					   "feed", NULL};

int pages_check_ids(struct build *b)
{
	const struct value *cohorts = value_get(b->report, "cohorts");
	int rc = 0;
	for (size_t i = 0; cohorts && i < cohorts->n; i++)
		for (int r = 0; pages_reserved_names[r]; r++)
			if (strcmp(value_str(cohorts->items[i], "id"), pages_reserved_names[r]) == 0) {
				diag_error(NULL, 0, 0, "cohort id '%s' is reserved for the site's own "
						       "directories; rename the cohort",
					   pages_reserved_names[r]);
				rc = -1;
			}
	return rc;
}

/* An item with its id: the sort needs no global to find the key. */
struct keyed_item {
	const char *id;
	const struct value *item;
};

static int cmp_ids(const void *a, const void *b)
{
	return strcmp(((const struct keyed_item *)a)->id, ((const struct keyed_item *)b)->id);
}

static void ids_build(struct ids *x, const struct value *list, const char *key)
{
	struct keyed_item *k;
	x->n = list ? list->n : 0;
	x->key = key;
	x->items = xcalloc(x->n ? x->n : 1, sizeof(struct value *));
	k = xcalloc(x->n ? x->n : 1, sizeof(*k));
	for (size_t i = 0; i < x->n; i++)
		k[i] = (struct keyed_item){value_str(list->items[i], key), list->items[i]};
	if (x->n > 1)
		qsort(k, x->n, sizeof(*k), cmp_ids);
	for (size_t i = 0; i < x->n; i++)
		x->items[i] = k[i].item;
	free(k);
}

const struct value *pages_ids_find(const struct ids *x, const char *id)
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

void pages_index_build(struct build *b)
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
		x->missing_data = value_get(value_get(co, "capability"), "imputation") != NULL;
		for (size_t i = 0; i < x->models.n && !x->missing_data; i++)
			x->missing_data = strcmp(value_str(x->models.items[i], "capability_score_basis"),
						 "reduced") == 0;
		x->areas_needed = pages_areas_needed(b->report, co, &x->fewest_ranked);
	}
}

void pages_index_release(struct build *b)
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
const struct cohort_index *pages_index_of(const struct build *b, const struct value *co)
{
	for (size_t c = 0; c < b->nix; c++)
		if (b->ix[c].co == co)
			return &b->ix[c];
	return NULL;
}

const struct value *pages_model_by_id(const struct build *b, const struct value *co,
				      const char *id)
{
	const struct cohort_index *x = pages_index_of(b, co);
	return x ? pages_ids_find(&x->models, id) : NULL;
}

const struct value *pages_bench_by_id(const struct value *cohort, const char *id)
{
	const struct value *bs = value_get(cohort, "benchmarks");
	for (size_t i = 0; bs && i < bs->n; i++)
		if (strcmp(value_str(bs->items[i], "id"), id) == 0)
			return bs->items[i];
	return NULL;
}

/*
 * view.uncertainty, when the report has a bootstrap: its level ("95%"), resamples ("1000"),
 * what was resampled and the interval method, for the sentences and headers that introduce
 * intervals. Absent with --bootstrap 0, so templates test {{#uncertainty}}.
 */
static void uncertainty_view(struct build *b, struct value *v)
{
	const struct value *bs = value_get(value_get(b->report, "method"), "bootstrap");
	struct value *u;
	if (!bs || !(value_num(bs, "resamples") > 0))
		return;
	u = value_set(v, "uncertainty", value_object());
	format_num(u, "level", "%.3g%%", 100 * value_num(bs, "ci_level"));
	format_count(u, "resamples", value_num(bs, "resamples"));
	value_set_string(
	    u, "units", strcmp(value_str(bs, "unit"), "family") == 0 ? "model families" : "models");
	format_num(u, "min_valid", "%.3g%%", 100 * value_num(bs, "min_valid_share"));
	/* inside {{#uncertainty}}, {{method}} is this method: the report's is out of reach */
	format_num(u, "seed", "%.0f", value_num(bs, "seed"));
	format_count(u, "min_distinct", value_num(bs, "min_distinct"));
	value_set_string(u, "method",
			 strcmp(value_str(bs, "ci_method"), "bca") == 0 ? "BCa" : "percentile");
}

/* The texts of site.json (README: "site.json"), each in site of every view. */
static const char *const site_texts[] = {"description", "license", "citation", "citation_url",
					 "bibtex", "version", "author", "repository", NULL};

/* The common part of every page view: site, navigation, the path back to the root. */
struct value *pages_view(struct build *b, const char *path, const char *title)
{
	struct value *v = value_object(), *nav = value_array(), *site;
	const struct value *cohorts = value_get(b->report, "cohorts");
	struct buf root = BUF_INIT;

	for (const char *p = path; *p; p++)
		if (*p == '/')
			buf_puts(&root, "../");
	site = value_set(v, "site", value_copy(value_get(b->report, "site")));
	value_set_string(site, "base_url", b->base_url);
	/* site.json's optional texts are in every view, "" when not given: a template may print
	 * {{site.description}} without a section, and only a misspelt name is unknown */
	for (const char *const *k = site_texts; *k; k++)
		if (!value_get(site, *k))
			value_set_string(site, *k, "");
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
	uncertainty_view(b, v);
	buf_release(&root);
	return v;
}

/* A figure view: the files that exist for figures/<cohort>/<name>, and its text. */
struct value *pages_figure_view(struct build *b, const char *cohort, const char *name,
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
	if (!value_get(f, "svg")) { /* pages show the SVG; without it, the PNG */
		value_set_string(f, "img", value_get_string(f, "png") ? value_get_string(f, "png")
								     : value_get_string(f, "pdf"));
		/* what the figure links to: the full-size SVG, else the image itself */
		value_set_string(f, "full", value_get_string(f, "png") ? value_get_string(f, "png")
								      : value_get_string(f, "pdf"));
	} else {
		struct buf n = BUF_INIT;
		char *dark;
		value_set_string(f, "img", value_get_string(f, "svg"));
		value_set_string(f, "full", value_get_string(f, "svg"));
		buf_printf(&n, "%s/%s", cohort, name);
		dark = plot_dark_path(buf_str(&n));
		buf_reset(&p);
		buf_printf(&p, "figures/%s", dark);
		value_set_string(f, "dark", buf_str(&p));
		free(dark);
		buf_release(&n);
	}
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

double pages_stat(const struct value *bench, const char *stat, const char *suffix)
{
	struct buf k = BUF_INIT;
	double x;
	buf_printf(&k, "%s%s", stat, suffix);
	x = value_num(bench, buf_str(&k));
	buf_release(&k);
	return x;
}

/* key + suffix, e.g. "corr" + "_ci": the names of a statistic's texts in a view. */
static const char *key_with(struct buf *k, const char *key, const char *suffix)
{
	buf_reset(k);
	buf_printf(k, "%s%s", key, suffix);
	return buf_str(k);
}

/* A correlation as key ("78.7%"), key_ci ("[53%, 91%]" or "") and key_with_ci (both). */
static void row_correlation(struct value *r, const char *key, const struct value *bench,
			    const char *stat)
{
	struct buf k = BUF_INIT;
	double x = value_num(bench, stat), lo = pages_stat(bench, stat, "_ci_low"),
	       hi = pages_stat(bench, stat, "_ci_high");
	format_pct(r, key, x);
	format_pct_ci(r, key_with(&k, key, "_ci"), lo, hi);
	format_pct_interval(r, key_with(&k, key, "_with_ci"), x, lo, hi);
	buf_release(&k);
}

void pages_format_slope(struct value *r, const char *key, const struct value *bench,
			const char *stat, const char *fmt)
{
	struct buf k = BUF_INIT;
	double sign = pages_metric_sign(bench), x = sign * value_num(bench, stat);
	double lo = pages_stat(bench, stat, "_ci_low"), hi = pages_stat(bench, stat, "_ci_high");
	if (sign < 0) { /* negated, the interval's ends change places */
		double t = lo;
		lo = -hi;
		hi = -t;
	}
	format_num(r, key, fmt, x);
	format_ci(r, key_with(&k, key, "_ci"), fmt, lo, hi);
	format_interval(r, key_with(&k, key, "_with_ci"), fmt, x, lo, hi);
	buf_release(&k);
}

double pages_metric_sign(const struct value *bench)
{
	const struct value *hib = value_get(bench, "higher_is_better");
	return hib && hib->kind == VALUE_BOOL && !hib->boolean && !value_get(bench, "target") ? -1
											      : 1;
}

/* The entry's largest leave-one-model-out move as text: places, direction, ranks, the drop. */
void pages_rank_move(struct build *b, const struct value *co, const struct value *e,
		     struct value *r)
{
	double move = value_num(e, "loo_rank_move"), rank = value_num(e, "decorrelated_rank");
	const char *drop = value_str(e, "loo_rank_move_model");
	const struct value *dm = pages_model_by_id(b, co, drop);
	struct buf t = BUF_INIT;

	format_num(r, "places", fabs(move) == 1 ? "%.0f place" : "%.0f places", fabs(move));
	value_set_string(r, "direction", move > 0 ? "worse" : "better");
	format_count(r, "from", rank);
	format_count(r, "to", rank + move);
	value_set_bool(r, "itself", strcmp(drop, value_str(e, "model")) == 0);
	value_set_string(r, "dropped_name", dm ? value_str(dm, "name") : drop);
	buf_printf(&t, "%s/models/%s.html", value_str(co, "id"), drop);
	value_set(r, "dropped_href", value_string_own(buf_detach(&t)));
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

const struct value **pages_by_capability_rank(const struct value *list)
{
	size_t n = list ? list->n : 0;
	const struct value **order = xcalloc(n ? n : 1, sizeof(struct value *));
	for (size_t i = 0; i < n; i++)
		order[i] = list->items[i];
	if (n > 1)
		qsort(order, n, sizeof(struct value *), cmp_capability_rank);
	return order;
}

bool pages_flag(const struct value *o, const char *key)
{
	const struct value *v = value_get(o, key);
	return v && v->kind == VALUE_BOOL && v->boolean;
}

bool pages_weights(struct value *r, const char *key, const struct value *m)
{
	const struct value *w = value_get(m, "open_weights");
	bool known = w && w->kind == VALUE_BOOL;
	value_set_string(r, key, !known ? "—" : w->boolean ? "open" : "closed");
	return known;
}

size_t pages_lb_areas(const struct value *e)
{
	const struct value *as = value_get(e, "areas");
	size_t n = 0;
	for (size_t a = 0; as && as->kind == VALUE_ARRAY && a < as->n; a++)
		n += isfinite(value_num(as->items[a], "coverage"));
	return n;
}

void pages_area_coverage(struct value *r, const char *key, const struct value *e)
{
	struct buf t = BUF_INIT;
	size_t m = pages_lb_areas(e);
	double n = value_num(e, "areas_covered");

	if (m && isfinite(n))
		buf_printf(&t, "%.0f of %zu area%s", n, m, m == 1 ? "" : "s");
	else
		buf_puts(&t, "—");
	value_set(r, key, value_string_own(buf_detach(&t)));
}

/*
 * The coverage rule (method.missing_data.min_coverage, a share of the cohort's leaderboard
 * areas) as a number of areas, and the fewest areas a ranked model has.
 */
double pages_areas_needed(const struct value *report, const struct value *co,
			  double *fewest_ranked)
{
	const struct value *lb = value_get(co, "leaderboard");
	double share = value_num(value_get(value_get(report, "method"), "missing_data"),
				 "min_coverage"),
	       hi = INFINITY;
	size_t m = lb && lb->n ? pages_lb_areas(lb->items[0]) : 0;

	for (size_t i = 0; lb && i < lb->n; i++) {
		double n = value_num(lb->items[i], "areas_covered");
		if (isfinite(n) && pages_flag(lb->items[i], "ranked"))
			hi = fmin(hi, n);
	}
	*fewest_ranked = isfinite(hi) ? hi : NAN;
	if (!isfinite(share) || m == 0)
		return NAN;
	return share <= 0 ? 0 : ceil(share * (double)m - 1e-12);
}

void pages_unranked_reason(const struct build *b, struct value *r, const char *key,
			   const struct value *co, const struct value *e)
{
	const struct cohort_index *x = pages_index_of(b, co);
	struct buf t = BUF_INIT;
	double needed = x ? x->areas_needed : NAN, fewest = x ? x->fewest_ranked : NAN;
	size_t m = pages_lb_areas(e);

	if (m == 0) {
		value_set_string(r, key, "the cohort has no safety benchmarks on the leaderboard");
		return;
	}
	buf_printf(&t, "benchmarks in %.0f of %zu area%s", value_num(e, "areas_covered"), m,
		   m == 1 ? "" : "s");
	if (isfinite(needed))
		buf_printf(&t, "; at least %.0f needed", needed);
	else if (isfinite(fewest))
		buf_printf(&t, "; every ranked model has them in at least %.0f", fewest);
	value_set(r, key, value_string_own(buf_detach(&t)));
}

/* The verdict's confidence label and its share, for the verdict partial ("" without them). */
static void row_confidence(struct build *b, struct value *r, const struct value *bench)
{
	const char *label = value_get_string(bench, "verdict_confidence_label");
	double share = value_num(bench, "verdict_confidence");
	struct buf t = BUF_INIT;

	value_set_string(r, "confidence", label ? label : "");
	if (label && isfinite(share)) {
		format_pct(r, "confidence_share", share);
		buf_printf(
		    &t, "the same verdict in %s of %.0f bootstrap resamples",
		    value_str(r, "confidence_share"),
		    value_num(value_get(value_get(b->report, "method"), "bootstrap"), "resamples"));
	}
	value_set(r, "confidence_title", value_string_own(buf_detach(&t)));
}

/* One row of a benchmark table (index bands, cohort table, area table, model page). */
static struct value *make_bench_row(struct build *b, const struct value *cohort,
				    const struct value *bench)
{
	struct value *r = value_object();
	struct buf h = BUF_INIT;
	const char *cid = value_str(cohort, "id");
	char *at = pages_area_title(b->report, value_str(bench, "area"));

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
	row_correlation(r, "corr", bench, "capabilities_correlation");
	row_correlation(r, "compute", bench, "compute_correlation");
	format_count(r, "n_compute", value_num(bench, "n_compute"));
	if (value_get(bench, "correlate_with")) {
		row_correlation(r, "reference", bench, "reference_correlation");
	} else {
		value_set_string(r, "reference", "");
		value_set_string(r, "reference_ci", "");
		value_set_string(r, "reference_with_ci", "");
	}
	/* the report's slopes are of the oriented values; pages speak in the metric's own units */
	pages_format_slope(r, "slope", bench, "slope", "%.3g");
	pages_format_slope(r, "std_slope", bench, "standardized_slope", "%.3f");
	value_set_string(r, "verdict", value_str(bench, "verdict"));
	value_set_string(r, "verdict_label", value_str(bench, "verdict_label"));
	row_confidence(b, r, bench);
	buf_release(&h);
	return r;
}

/*
 * A copy of the table row of benchmark k (its position in the cohort's benchmarks). Rows are
 * made once per cohort: model pages alone would otherwise format ~10^4 of them.
 */
struct value *pages_bench_row_at(struct build *b, const struct value *co, size_t k)
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
struct value *pages_bench_row(struct build *b, const struct value *co, const struct value *bench)
{
	const struct value *bs = value_get(co, "benchmarks");
	for (size_t k = 0; bs && k < bs->n; k++)
		if (bs->items[k] == bench)
			return pages_bench_row_at(b, co, k);
	return make_bench_row(b, co, bench);
}

/* Render one page: view -> Markdown template -> HTML body -> layout -> file. Takes view. */
int pages_render(struct build *b, enum page_kind kind, struct value *view)
{
	struct buf md = BUF_INIT, html = BUF_INIT, page = BUF_INIT, err = BUF_INIT;
	const char *path = value_str(view, "path");
	char *md_file = path_join(b->t.dir, page_files[kind]);
	char *html_file = path_join(b->t.dir, "layout.html");
	struct partial_lookup md_parts = {&b->t, ".md", NULL, md_file, path, b->warnings};
	struct partial_lookup html_parts = {&b->t, ".html", NULL, html_file, path, b->warnings};
	struct mustache_options mo = {mustache_escape_markdown, pages_find_partial, &md_parts, 0,
				      pages_unknown_name};
	struct mustache_options ho = {mustache_escape_html, pages_find_partial, &html_parts, 0,
				      pages_unknown_name};
	int rc = -1;

	if (mustache_render_compiled(b->t.pages[kind], view, &mo, &md, &err) < 0) {
		diag_error(NULL, 0, 0, "%s/%s:%s (rendering %s)", b->t.dir, page_files[kind],
			   buf_str(&err), path);
		goto out;
	}
	if (pages_check_partials(&md_parts, b->t.dir, page_files[kind]) < 0)
		goto out;
	if (markdown_to_html(md.data ? md.data : "", md.len, &html) < 0)
		goto out;
	value_set_string(view, "body", buf_str(&html));
	if (mustache_render_compiled(b->t.layout, view, &ho, &page, &err) < 0) {
		diag_error(NULL, 0, 0, "%s/layout.html:%s (rendering %s)", b->t.dir, buf_str(&err),
			   path);
		goto out;
	}
	if (pages_check_partials(&html_parts, b->t.dir, "layout.html") < 0)
		goto out;
	text_clean(&page); /* no character XML forbids (U+FFFE, controls) reaches a page */
	if (pages_write_file(b->tmp, path, page.data ? page.data : "", page.len) < 0)
		goto out;
	b->st->pages++;
	b->st->files++;
	rc = 0;
out:
	buf_release(&md);
	buf_release(&html);
	buf_release(&page);
	buf_release(&err);
	free(md_file);
	free(html_file);
	value_free(view);
	return rc;
}
