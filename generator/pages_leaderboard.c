/* pages_leaderboard.c - the decorrelated safety leaderboard, and the models listed apart. */
#include "pages.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "format.h"
#include "util.h"

/* Ranks whose interval's ends are further apart than this read as "wide" on the page. */
#define WIDE_RANK_INTERVAL 5

/*
 * spread: of the models with a decorrelated-rank interval (n), how many have one whose ends
 * are more than WIDE_RANK_INTERVAL places apart (wide). Set only when some model has one.
 */
static void leaderboard_spread(struct value *p, const struct value *lb)
{
	size_t n = 0, wide = 0;
	struct value *s;
	for (size_t i = 0; lb && i < lb->n; i++) {
		double lo = value_num(lb->items[i], "decorrelated_rank_ci_low");
		double hi = value_num(lb->items[i], "decorrelated_rank_ci_high");
		if (!isfinite(lo) || !isfinite(hi))
			continue;
		n++;
		wide += hi - lo > WIDE_RANK_INTERVAL;
	}
	if (!n)
		return;
	s = value_set(p, "spread", value_object());
	format_count(s, "n", (double)n);
	format_count(s, "wide", (double)wide);
	format_count(s, "places", WIDE_RANK_INTERVAL);
}

/* Largest |loo_rank_move| first; then the better published rank, then the model id. */
static int cmp_rank_move(const void *pa, const void *pb)
{
	const struct value *a = *(const struct value *const *)pa,
			   *b = *(const struct value *const *)pb;
	double ma = fabs(value_num(a, "loo_rank_move")), mb = fabs(value_num(b, "loo_rank_move"));
	double ra = value_num(a, "decorrelated_rank"), rb = value_num(b, "decorrelated_rank");
	if (ma != mb)
		return ma > mb ? -1 : 1;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	return strcmp(value_str(a, "model"), value_str(b, "model"));
}

/* moves: the largest single-drop rank moves (at most 5, none of 0 places), linked. */
static void leaderboard_moves(struct build *b, const struct value *co, struct value *p,
			      const struct value *lb)
{
	size_t n = 0, cap = lb ? lb->n : 0;
	const struct value **order = xcalloc(cap ? cap : 1, sizeof(struct value *));
	struct value *list = value_set(p, "moves", value_array());
	struct buf t = BUF_INIT;

	for (size_t i = 0; i < cap; i++) {
		double move = value_num(lb->items[i], "loo_rank_move");
		if (isfinite(move) && move != 0 &&
		    isfinite(value_num(lb->items[i], "decorrelated_rank")) &&
		    value_get_string(lb->items[i], "loo_rank_move_model"))
			order[n++] = lb->items[i];
	}
	if (n > 1)
		qsort(order, n, sizeof(struct value *), cmp_rank_move);
	for (size_t i = 0; i < n && i < 5; i++) {
		struct value *r = value_push(list, value_object());
		value_set_string(r, "name", value_str(order[i], "name"));
		buf_reset(&t);
		buf_printf(&t, "%s/models/%s.html", value_str(co, "id"),
			   value_str(order[i], "model"));
		value_set_string(r, "href", buf_str(&t));
		pages_rank_move(b, co, order[i], r);
	}
	value_set_bool(p, "any_moves", list->n > 0);
	buf_release(&t);
	free(order);
}

/* One leaderboard row of entry e: ranks, scores with their intervals, change, coverage. */
static struct value *leader_row(const struct value *co, const struct value *e)
{
	struct value *r = value_object();
	struct buf t = BUF_INIT;
	double ch = value_num(e, "rank_change");

	value_set_string(r, "name", value_str(e, "name"));
	buf_printf(&t, "%s/models/%s.html", value_str(co, "id"), value_str(e, "model"));
	value_set(r, "href", value_string_own(buf_detach(&t)));
	format_count(r, "drank", value_num(e, "decorrelated_rank"));
	format_rank_interval(r, "drank_ci", value_num(e, "decorrelated_rank_ci_low"),
			     value_num(e, "decorrelated_rank_ci_high"));
	format_count(r, "srank", value_num(e, "safety_rank"));
	format_rank_with_interval(r, "srank_with_ci", value_num(e, "safety_rank"),
				  value_num(e, "safety_rank_ci_low"),
				  value_num(e, "safety_rank_ci_high"));
	format_num(r, "dscore", "%+.2f", value_num(e, "decorrelated_score"));
	format_interval(r, "dscore_with_ci", "%+.2f", value_num(e, "decorrelated_score"),
			value_num(e, "decorrelated_score_ci_low"),
			value_num(e, "decorrelated_score_ci_high"));
	format_num(r, "sscore", "%+.2f", value_num(e, "safety_score"));
	format_num(r, "cscore", "%.2f", value_num(e, "capability_score"));
	if (isfinite(ch) && ch > 0)
		format_num(r, "change", "▲ %.0f", ch);
	else if (isfinite(ch) && ch < 0)
		format_num(r, "change", "▼ %.0f", -ch);
	else
		format_num(r, "change", "%.0f", ch);
	format_pct(r, "coverage", value_num(e, "coverage"));
	pages_area_coverage(r, "areas", e);
	return r;
}

/*
 * p.rule: the coverage rule as far as the report shows it: areas (the cohort's safety areas
 * with leaderboard benchmarks), needed when pinned down (pages_areas_needed()), else the
 * fewest areas of a ranked model.
 */
static void leaderboard_rule(const struct build *b, const struct value *co,
			     const struct value *lb, struct value *p)
{
	double fewest, needed = pages_areas_needed(b->report, co, &fewest);
	struct value *rule = value_set(p, "rule", value_object());

	format_noun(rule, "areas", lb && lb->n ? (double)pages_lb_areas(lb->items[0]) : 0,
		    "safety area", "safety areas");
	if (isfinite(needed))
		format_count(rule, "needed", needed);
	else if (isfinite(fewest))
		format_count(rule, "fewest", fewest);
}

int pages_write_leaderboard(struct build *b, const struct value *co)
{
	const char *cid = value_str(co, "id");
	const struct value *lb = value_get(co, "leaderboard");
	struct buf path = BUF_INIT, t = BUF_INIT;
	struct value *v, *p, *rows, *apart;

	buf_printf(&path, "%s/leaderboard.html", cid);
	buf_printf(&t, "Decorrelated safety leaderboard — %s", value_str(co, "title"));
	v = pages_view(b, buf_str(&path), buf_str(&t));
	p = value_set(v, "leaderboard", value_object());
	value_set_string(p, "cohort_title", value_str(co, "title"));
	buf_reset(&t);
	buf_printf(&t, "%s/index.html", cid);
	value_set_string(p, "cohort_href", buf_str(&t));
	rows = value_set(p, "rows", value_array());
	apart = value_set(p, "unranked", value_array());
	for (size_t i = 0; lb && i < lb->n; i++)
		value_push(pages_flag(lb->items[i], "ranked") ? rows : apart,
			   leader_row(co, lb->items[i]));
	value_set_bool(p, "any_unranked", apart->n > 0);
	if (apart->n)
		leaderboard_rule(b, co, lb, p);
	leaderboard_spread(p, lb);
	leaderboard_moves(b, co, p, lb);
	pages_leaderboard_history(b, co, p);
	value_set(
	    p, "figure",
	    pages_figure_view(b, cid, "_ranks",
			      "Raw safety rank against decorrelated safety rank for every model"));
	buf_reset(&t);
	buf_printf(&t, "data/%s/leaderboard.csv", cid);
	value_set_string(p, "csv", buf_str(&t));
	buf_release(&t);
	buf_release(&path);
	return pages_render(b, PAGE_LEADERBOARD, v);
}
