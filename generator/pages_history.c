/*
 * pages_history.c - the history on the pages: a benchmark's capabilities correlation in each
 * release, and each model's decorrelated rank in each release (b->history, site_releases.h).
 */
#include "pages.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "format.h"
#include "util.h"
#include "verdict.h"

/* The leaderboard history shows at most this many releases, the latest. */
#define HISTORY_LEADERBOARD_RELEASES 12

/* The position of item in the array list (compared as a pointer), or -1. */
static long position(const struct value *list, const struct value *item)
{
	for (size_t i = 0; list && list->kind == VALUE_ARRAY && i < list->n; i++)
		if (list->items[i] == item)
			return (long)i;
	return -1;
}

/* The history of cohort co (aligned with the report's cohorts), or NULL. Borrowed. */
static const struct value *cohort_history(const struct build *b, const struct value *co)
{
	long c = position(value_get(b->report, "cohorts"), co);
	const struct value *hc = value_get(b->history, "cohorts");
	return c >= 0 && hc && (size_t)c < hc->n ? hc->items[c] : NULL;
}

/* The release numbered r of the history, or NULL. Borrowed. */
static const struct value *release_at(const struct build *b, double r)
{
	const struct value *rels = value_get(b->history, "releases");
	return rels && r >= 0 && r < (double)rels->n ? rels->items[(size_t)r] : NULL;
}

/* A release's columns: version, date (the day), href of its "What changed" page, current. */
static void release_cells(struct value *row, const struct value *rel)
{
	struct buf t = BUF_INIT;
	const char *ver = value_str(rel, "version"), *date = value_str(rel, "date");

	value_set_string(row, "version", ver);
	buf_add(&t, date, strlen(date) < 10 ? strlen(date) : 10);
	value_set(row, "date", value_string_own(buf_detach(&t)));
	buf_printf(&t, "releases/%s/index.html", ver);
	value_set(row, "href", value_string_own(buf_detach(&t)));
	value_set_bool(row, "current", pages_flag(rel, "current"));
}

void pages_benchmark_history(struct build *b, const struct value *co, const struct value *bench,
			     struct value *p)
{
	const struct value *hc = cohort_history(b, co), *entries;
	long k = position(value_get(co, "benchmarks"), bench);
	struct value *h, *rows;
	struct buf t = BUF_INIT;

	entries = hc && k >= 0 && value_get(hc, "benchmarks") &&
			  (size_t)k < value_get(hc, "benchmarks")->n
		      ? value_get(hc, "benchmarks")->items[k]
		      : NULL;
	if (!entries || entries->kind != VALUE_ARRAY || entries->n < 2)
		return; /* one release is no history (and C/history/B is not drawn) */
	h = value_set(p, "history", value_object());
	format_count(h, "n", (double)entries->n);
	rows = value_set(h, "rows", value_array());
	for (size_t i = 0; i < entries->n; i++) {
		const struct value *e = entries->items[i];
		struct value *r = value_push(rows, value_object());
		release_cells(r, release_at(b, value_num(e, "release")));
		format_count(r, "n", value_num(e, "n"));
		format_pct(r, "corr", value_num(e, "capabilities_correlation"));
		format_pct_ci(r, "corr_ci", value_num(e, "capabilities_correlation_ci_low"),
			      value_num(e, "capabilities_correlation_ci_high"));
		value_set_string(r, "verdict_label",
				 verdict_table[verdict_parse(value_get_string(e, "verdict"))].label);
	}
	buf_printf(&t, "history/%s", value_str(bench, "id"));
	{
		struct buf alt = BUF_INIT;
		buf_printf(&alt, "%s: its capabilities correlation in each of %zu releases (%s)",
			   value_str(bench, "name"), (size_t)entries->n, value_str(co, "title"));
		value_set(h, "figure", pages_figure_view(b, value_str(co, "id"), buf_str(&t),
							 buf_str(&alt)));
		buf_release(&alt);
	}
	buf_release(&t);
}

void pages_leaderboard_history(struct build *b, const struct value *co, struct value *p)
{
	const struct value *hc = cohort_history(b, co), *lb = value_get(co, "leaderboard");
	const struct value *hl = value_get(hc, "leaderboard"), *rels = value_get(b->history, "releases");
	size_t nrel = rels ? rels->n : 0, first = 0, *col;
	struct value *h, *heads, *rows;

	if (nrel < 2 || !hl || !lb || hl->n != lb->n)
		return;
	if (nrel > HISTORY_LEADERBOARD_RELEASES)
		first = nrel - HISTORY_LEADERBOARD_RELEASES;
	h = value_set(p, "history", value_object());
	heads = value_set(h, "releases", value_array());
	for (size_t r = first; r < nrel; r++)
		release_cells(value_push(heads, value_object()), rels->items[r]);
	if (first) {
		format_noun(h, "earlier", (double)first, "earlier release", "earlier releases");
		value_set_string(h, "releases_href", "releases/index.html");
	}
	/* a row per current entry (in the page's order), a cell per release shown */
	col = xcalloc(nrel, sizeof(*col));
	rows = value_set(h, "rows", value_array());
	for (size_t i = 0; i < lb->n; i++) {
		const struct value *e = lb->items[i], *ent = hl->items[i];
		const struct value *m = pages_model_by_id(b, co, value_str(e, "model"));
		struct value *r = value_push(rows, value_object()), *cells;
		struct buf t = BUF_INIT;
		value_set_string(r, "name", m ? value_str(m, "name") : value_str(e, "model"));
		buf_printf(&t, "%s/models/%s.html", value_str(co, "id"), value_str(e, "model"));
		value_set(r, "href", value_string_own(buf_detach(&t)));
		for (size_t c = 0; c < nrel; c++)
			col[c] = SIZE_MAX;
		for (size_t j = 0; ent && ent->kind == VALUE_ARRAY && j < ent->n; j++) {
			double rel = value_num(ent->items[j], "release");
			if (rel >= 0 && rel < (double)nrel)
				col[(size_t)rel] = j;
		}
		cells = value_set(r, "ranks", value_array());
		for (size_t c = first; c < nrel; c++) {
			struct value *cell = value_push(cells, value_object());
			const struct value *x = col[c] == SIZE_MAX ? NULL : ent->items[col[c]];
			if (!x)
				value_set_string(cell, "rank", "");
			else if (!pages_flag(x, "ranked") && value_get(x, "ranked"))
				value_set_string(cell, "rank", "unranked");
			else
				format_count(cell, "rank", value_num(x, "decorrelated_rank"));
		}
	}
	free(col);
}
