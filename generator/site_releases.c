/* site_releases.c - releases: the list, this release's report, its page and the Atom feed. */
#include "site_releases.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "content.h"
#include "diff.h"
#include "format.h"
#include "mustache.h"
#include "pages.h"
#include "site_publish.h"
#include "util.h"
#include "value.h"

/*
 * The date of a new release: SOURCE_DATE_EPOCH when it is set to a number of seconds
 * (reproducible builds), else now. It is recorded once, in releases/index.json, and every
 * later build of the release reuses it.
 */
static void release_date(struct buf *out)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	double t;
	time_t tt;
	struct tm tm;
	char s[32];
	if (!sde || parse_number(sde, &t) < 0 || t < 0 || t > 253402300799.0)
		t = (double)time(NULL);
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_puts(out, s);
}

/*
 * The release list: the previous site's releases/ copied into b->tmp (dir is
 * b->tmp/releases), and its index.json read, or a new one. Returns the list (caller frees
 * with value_free()), or NULL after a diagnostic.
 */
static struct value *releases_read(struct build *b, const char *dir)
{
	char *old = path_join(b->o->out, "releases"), *index_path = path_join(dir, "index.json");
	/* OUT's list was read before (site_releases_history()); this is its copy in b->tmp */
	struct value *index = NULL;
	size_t files = 0;

	if (path_is_dir(old) && site_copy_tree(old, dir, &files) < 0)
		goto out;
	b->st->files += files;
	index = path_is_file(index_path) ? content_read_json(index_path) : value_object();
	if (!index || index->kind != VALUE_OBJECT) {
		diag_error(index_path, 0, 0, "the previous site's release list is unreadable; move "
					     "its releases/ away to start a new list");
		value_free(index);
		index = NULL;
	}
out:
	free(index_path);
	free(old);
	return index;
}

/* The position of this build's release in list (list->n when it is not there). */
static size_t release_pos(const struct build *b, const struct value *list)
{
	size_t pos;
	for (pos = 0; list && pos < list->n; pos++)
		if (strcmp(value_str(list->items[pos], "version"), b->release) == 0)
			break;
	return list ? pos : 0;
}

/* The position of this build's release in list, appended (dated) when it is new. */
static size_t release_entry(struct build *b, struct value *list)
{
	size_t pos = release_pos(b, list);

	if (pos == list->n) {
		struct value *entry = value_push(list, value_object());
		value_set_string(entry, "version", b->release);
		value_set_string(entry, "date", b->release_date);
	}
	return pos;
}

/* The site's data/report.json (site_data.c wrote it) as the release's report, rel. */
static int copy_report(const struct build *b, const char *rel)
{
	char *from = path_join(b->tmp, "data/report.json"), *to = path_join(b->tmp, rel);
	int rc;

	*strrchr(to, '/') = '\0';
	rc = path_mkdirs(to);
	to[strlen(to)] = '/';
	if (rc == 0)
		rc = file_copy(from, to);
	free(from);
	free(to);
	return rc;
}

/* Write releases/index.json and this release's releases/VERSION/report.json. */
static int releases_save(struct build *b, const struct value *index)
{
	struct buf rel = BUF_INIT, out = BUF_INIT;
	int rc = -1;

	buf_reset(&out);
	value_write_json(&out, index, 2);
	buf_printf(&rel, "releases/%s/report.json", b->release);
	if (pages_write_file(b->tmp, "releases/index.json", out.data, out.len) < 0)
		goto out;
	if (copy_report(b, buf_str(&rel)) < 0)
		goto out;
	b->st->files += 2;
	rc = 0;
out:
	buf_release(&rel);
	buf_release(&out);
	return rc;
}

/* The diff of two reports with the numbers a page prints (percentages of the movements). */
static void format_diff(struct value *d)
{
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
}

/*
 * The "What changed" page of the release at pos of list: against the release before it,
 * when that one's report is in dir (b->tmp/releases). Returns 0, or -1 after a diagnostic.
 */
static int release_page(struct build *b, const struct value *list, size_t pos, const char *dir)
{
	const struct value *entry = list->items[pos];
	struct value *prev_report = NULL, *v;
	struct buf rel = BUF_INIT, out = BUF_INIT;
	int rc;

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
	v = pages_view(b, buf_str(&rel), buf_str(&out));
	{
		struct value *r = value_set(v, "release", value_object());
		value_set_string(r, "version", b->release);
		value_set_string(r, "date", value_str(entry, "date"));
		if (prev_report) {
			struct value *d = diff_reports(prev_report, b->report);
			value_set_string(r, "previous", value_str(list->items[pos - 1], "version"));
			format_diff(d);
			value_set(r, "diff", d);
		}
	}
	rc = pages_render(b, PAGE_RELEASE, v);
	value_free(prev_report);
	buf_release(&rel);
	buf_release(&out);
	return rc;
}

/* feed.xml: one Atom entry per release of list, newest first. 0, or -1 after a diagnostic. */
static int releases_feed(struct build *b, const struct value *list)
{
	/* Atom: ids are the site's URLs (tag: URIs when there is no base URL) */
	struct buf x = BUF_INIT;
	const char *title = value_str(value_get(b->report, "site"), "title");
	int rc = -1;

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
		buf_puts(&x, "<link href=\"");
		mustache_escape_html(&x, b->base_url, strlen(b->base_url)); /* a " ends the attribute */
		buf_printf(&x, "%sreleases/%s/index.html\"/>\n", b->base_url[0] ? "/" : "", ver);
		buf_printf(&x, "<summary>What changed in release %s</summary>\n</entry>\n", ver);
	}
	buf_puts(&x, "</feed>\n");
	text_clean(&x); /* the feed is XML: no U+FFFE or control character from site.json */
	if (pages_write_file(b->tmp, "feed.xml", x.data, x.len) == 0) {
		b->st->files++;
		rc = 0;
	}
	buf_release(&x);
	return rc;
}

/*
 * releases/index.html and feed.xml, over list (pos: this build's release). Returns 0 or the
 * exit code of the failure.
 */
static enum failure releases_index(struct build *b, const struct value *list, size_t pos)
{
	unsigned writes;
	struct value *v, *feed_items;

	/* the list of releases, newest first, and the feed */
	v = pages_view(b, "releases/index.html", "Releases");
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
	if (releases_feed(b, list) < 0) {
		value_free(v);
		return FAIL_RUNTIME;
	}
	writes = file_write_failures();
	return pages_render(b, PAGE_RELEASES, v) < 0 ? failure_since(writes) : FAIL_NONE;
}

/* ------------------------------------------------------------------------------------------
 * The history: what every benchmark and leaderboard entry of this build was in each release.
 */

/* An id and its position in the current report (a benchmark, or a leaderboard entry). */
struct id_pos {
	const char *id; /* borrowed from b->report */
	size_t pos;
};

static int cmp_id_pos(const void *a, const void *b)
{
	return strcmp(((const struct id_pos *)a)->id, ((const struct id_pos *)b)->id);
}

/* One cohort of the current report: its ids sorted, and the history arrays they fill. */
struct hist_cohort {
	const char *id;
	struct id_pos *bench, *models; /* sorted by id */
	size_t nbench, nmodels;
	struct value *bench_rows, *model_rows; /* arrays aligned with the cohort's benchmarks
						* and leaderboard entries (borrowed from history) */
};

static struct id_pos *sorted_ids(const struct value *list, const char *key, size_t *n)
{
	struct id_pos *x;
	*n = list && list->kind == VALUE_ARRAY ? list->n : 0;
	x = xcalloc(*n ? *n : 1, sizeof(*x));
	for (size_t i = 0; i < *n; i++)
		x[i] = (struct id_pos){value_str(list->items[i], key), i};
	if (*n > 1)
		qsort(x, *n, sizeof(*x), cmp_id_pos);
	return x;
}

static long find_id(const struct id_pos *x, size_t n, const char *id)
{
	struct id_pos key = {id, 0};
	const struct id_pos *hit = n ? bsearch(&key, x, n, sizeof(*x), cmp_id_pos) : NULL;
	return hit ? (long)hit->pos : -1;
}

/* Copy member key of from into to, when from has it. */
static void copy_member(struct value *to, const struct value *from, const char *key)
{
	const struct value *v = value_get(from, key);
	if (v)
		value_set(to, key, value_copy(v));
}

/*
 * Add release number r (report: that release's report, borrowed) to the history of every
 * benchmark and leaderboard entry of the current cohorts hc[0..nc) that it has: a lookup
 * per benchmark and per entry, so linear (times a log) in its size.
 */
static void history_add(struct hist_cohort *hc, size_t nc, const struct value *report, size_t r)
{
	const struct value *cohorts = value_get(report, "cohorts");

	for (size_t i = 0; cohorts && cohorts->kind == VALUE_ARRAY && i < cohorts->n; i++) {
		const struct value *co = cohorts->items[i], *bs = value_get(co, "benchmarks"),
				   *lb = value_get(co, "leaderboard");
		struct hist_cohort *h = NULL;
		for (size_t c = 0; c < nc && !h; c++) /* a handful of cohorts */
			if (strcmp(hc[c].id, value_str(co, "id")) == 0)
				h = &hc[c];
		for (size_t k = 0; h && bs && bs->kind == VALUE_ARRAY && k < bs->n; k++) {
			long at = find_id(h->bench, h->nbench, value_str(bs->items[k], "id"));
			struct value *e;
			if (at < 0)
				continue;
			e = value_push(h->bench_rows->items[at], value_object());
			value_set_statistic(e, "release", (double)r);
			copy_member(e, bs->items[k], "n");
			copy_member(e, bs->items[k], "capabilities_correlation");
			copy_member(e, bs->items[k], "capabilities_correlation_ci_low");
			copy_member(e, bs->items[k], "capabilities_correlation_ci_high");
			copy_member(e, bs->items[k], "verdict");
		}
		for (size_t k = 0; h && lb && lb->kind == VALUE_ARRAY && k < lb->n; k++) {
			long at = find_id(h->models, h->nmodels, value_str(lb->items[k], "model"));
			struct value *e;
			if (at < 0)
				continue;
			e = value_push(h->model_rows->items[at], value_object());
			value_set_statistic(e, "release", (double)r);
			copy_member(e, lb->items[k], "decorrelated_rank");
			copy_member(e, lb->items[k], "ranked");
		}
	}
}

/* The history's arrays for every cohort of b->report, and their sorted ids. */
static struct hist_cohort *history_cohorts(struct build *b, size_t *nc)
{
	const struct value *cohorts = value_get(b->report, "cohorts");
	struct value *list = value_set(b->history, "cohorts", value_array());
	struct hist_cohort *hc;

	*nc = cohorts ? cohorts->n : 0;
	hc = xcalloc(*nc ? *nc : 1, sizeof(*hc));
	for (size_t c = 0; c < *nc; c++) {
		const struct value *co = cohorts->items[c];
		struct value *h = value_push(list, value_object());
		hc[c].id = value_str(co, "id");
		hc[c].bench = sorted_ids(value_get(co, "benchmarks"), "id", &hc[c].nbench);
		hc[c].models = sorted_ids(value_get(co, "leaderboard"), "model", &hc[c].nmodels);
		hc[c].bench_rows = value_set(h, "benchmarks", value_array());
		hc[c].model_rows = value_set(h, "leaderboard", value_array());
		for (size_t k = 0; k < hc[c].nbench; k++)
			value_push(hc[c].bench_rows, value_array());
		for (size_t k = 0; k < hc[c].nmodels; k++)
			value_push(hc[c].model_rows, value_array());
	}
	return hc;
}

/*
 * The archive's release list (OUT/releases/index.json) into *index, or NULL when OUT has
 * none. -1 after a diagnostic when it is there but unreadable.
 */
static int archive_index(const struct build *b, struct value **index)
{
	char *path = path_join(b->o->out, "releases/index.json");
	int rc = 0;

	*index = NULL;
	if (path_is_file(path)) {
		*index = content_read_json(path);
		if (!*index || (*index)->kind != VALUE_OBJECT) {
			diag_error(path, 0, 0, "the previous site's release list is unreadable; move "
					       "its releases/ away to start a new list");
			value_free(*index);
			*index = NULL;
			rc = -1;
		}
	}
	free(path);
	return rc;
}

enum failure site_releases_history(struct build *b)
{
	struct value *index = NULL, *rels;
	const struct value *list;
	struct hist_cohort *hc = NULL;
	struct buf date = BUF_INIT;
	size_t nc = 0, pos, r = 0;
	enum failure rc = FAIL_RUNTIME;

	if (archive_index(b, &index) < 0)
		goto out;
	list = value_get(index, "releases");
	if (list && list->kind != VALUE_ARRAY)
		list = NULL;
	pos = release_pos(b, list);
	b->history = value_object();
	rels = value_set(b->history, "releases", value_array());
	hc = history_cohorts(b, &nc);
	/* the releases before this one, each from its archived report, read one at a time */
	for (size_t i = 0; list && i < pos; i++) {
		const char *ver = value_str(list->items[i], "version");
		struct buf rel = BUF_INIT;
		char *path;
		struct value *report = NULL, *e;
		buf_printf(&rel, "releases/%s/report.json", ver);
		path = path_join(b->o->out, buf_str(&rel));
		if (is_slug(ver) && path_is_file(path))
			report = content_read_json(path);
		if (report) {
			e = value_push(rels, value_object());
			value_set_string(e, "version", ver);
			value_set_string(e, "date", value_str(list->items[i], "date"));
			history_add(hc, nc, report, r++);
		} else {
			diag_warning(path, 0, 0, "release '%s' has no readable report: it is left out "
						 "of the history",
				     ver);
		}
		value_free(report);
		free(path);
		buf_release(&rel);
	}
	/* this one: its recorded date, or today's, recorded once when the release is written */
	if (list && pos < list->n) {
		b->release_date = xstrdup(value_str(list->items[pos], "date"));
	} else {
		release_date(&date);
		b->release_date = buf_detach(&date);
	}
	{
		struct value *e = value_push(rels, value_object());
		value_set_string(e, "version", b->release);
		value_set_string(e, "date", b->release_date);
		value_set_bool(e, "current", true);
	}
	history_add(hc, nc, b->report, r);
	rc = FAIL_NONE;
out:
	for (size_t c = 0; c < nc; c++) {
		free(hc[c].bench);
		free(hc[c].models);
	}
	free(hc);
	buf_release(&date);
	value_free(index);
	return rc;
}

/* The report's JSON as it streams by, against an archived report's bytes. */
struct compare {
	FILE *f;
	bool differs;
	bool failed;  /* reading f failed */
	char chunk[65536];
};

static int compare_put(void *ctx, const char *data, size_t len)
{
	struct compare *cmp = ctx;
	while (len && !cmp->differs) {
		size_t want = len < sizeof(cmp->chunk) ? len : sizeof(cmp->chunk);
		size_t got = fread(cmp->chunk, 1, want, cmp->f);
		cmp->failed = ferror(cmp->f) != 0;
		cmp->differs = got != want || memcmp(cmp->chunk, data, want) != 0;
		data += want;
		len -= want;
	}
	return cmp->differs ? -1 : 0;
}

enum failure site_releases_check(struct build *b)
{
	struct buf rel = BUF_INIT;
	char *path;
	struct compare *cmp = NULL;
	enum failure rc = FAIL_NONE;

	buf_printf(&rel, "releases/%s/report.json", b->release);
	path = path_join(b->o->out, buf_str(&rel));
	if (!path_is_file(path))
		goto out;
	cmp = xcalloc(1, sizeof(*cmp));
	cmp->f = fopen(path, "rb");
	if (!cmp->f) {
		diag_error(path, 0, 0, "cannot read: %s", strerror(errno));
		rc = FAIL_RUNTIME;
		goto out;
	}
	value_write_json_to(compare_put, cmp, b->report, 2);
	if (!cmp->differs && !cmp->failed) {
		cmp->differs = fgetc(cmp->f) != EOF; /* the archived one is longer */
		cmp->failed = ferror(cmp->f) != 0;
	}
	if (cmp->failed) {
		diag_error(path, 0, 0, "cannot read: %s", strerror(errno));
		rc = FAIL_RUNTIME;
	} else if (cmp->differs) {
		diag_error(path, 0, 0,
			   "release '%s' is already published, with another report than this "
			   "build's (the content, the options or washboard changed); a published "
			   "release is never rewritten: bump \"version\" in %s/site.json, or pass "
			   "--release NEW_VERSION",
			   b->release, b->o->content);
		rc = FAIL_DATA;
	}
out:
	if (cmp && cmp->f)
		fclose(cmp->f);
	free(cmp);
	free(path);
	buf_release(&rel);
	return rc;
}

enum failure site_releases_write(struct build *b)
{
	unsigned writes;
	char *dir = path_join(b->tmp, "releases");
	struct value *index = releases_read(b, dir), *list;
	size_t pos;
	enum failure rc = FAIL_RUNTIME;

	if (!index)
		goto out;
	list = value_get(index, "releases");
	if (!list || list->kind != VALUE_ARRAY)
		list = value_set(index, "releases", value_array());
	pos = release_entry(b, list);
	if (releases_save(b, index) < 0)
		goto out;
	writes = file_write_failures();
	if (release_page(b, list, pos, dir) < 0) {
		rc = failure_since(writes); /* its template, or a full disk */
		goto out;
	}
	rc = releases_index(b, list, pos);
out:
	value_free(index);
	free(dir);
	return rc;
}
