/* pages_cohort.c - the index, cohort, area and leaderboard pages and the cohort summary. */
#include "pages.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "format.h"
#include "util.h"
#include "verdict.h"

static const char *verdict_rule(struct build *b, enum verdict v, struct buf *out)
{
	double hi = value_num(value_get(b->report, "method"), "threshold_high") * 100;
	double lo = value_num(value_get(b->report, "method"), "threshold_low") * 100;
	buf_reset(out);
	switch (v) {
	case VERDICT_TRACKS:
		buf_printf(out, "ρ ≥ %.0f%%", hi);
		break;
	case VERDICT_MODERATE:
		buf_printf(out, "%.0f%% ≤ ρ < %.0f%%", lo, hi);
		break;
	case VERDICT_DISTINCT:
		buf_printf(out, "−%.0f%% < ρ < %.0f%%", lo, lo);
		break;
	case VERDICT_WORSENS:
		buf_printf(out, "ρ ≤ −%.0f%%", lo);
		break;
	default:
		buf_printf(out, "fewer than %.0f models or a constant column",
			   value_num(value_get(b->report, "method"), "min_models"));
	}
	return buf_str(out);
}

/*
 * confidence_counts: how many safety benchmarks have each confidence label (firm, likely,
 * uncertain, unstable), set only when some verdict has one (a report with a bootstrap).
 */
static void confidence_counts(struct value *s, const struct value *bs)
{
	static const char *const labels[] = {"firm", "likely", "uncertain", "unstable"};
	size_t count[4] = {0}, any = 0;
	struct value *c;

	for (size_t i = 0; bs && i < bs->n; i++) {
		const char *l = value_get_string(bs->items[i], "verdict_confidence_label");
		if (!l || strcmp(value_str(bs->items[i], "role"), "safety") != 0)
			continue;
		for (size_t k = 0; k < 4; k++)
			if (strcmp(l, labels[k]) == 0) {
				count[k]++;
				any++;
			}
	}
	if (!any)
		return;
	c = value_set(s, "confidence_counts", value_object());
	for (size_t k = 0; k < 4; k++)
		format_count(c, labels[k], (double)count[k]);
	format_count(c, "n", (double)any);
}

/* Summary of a cohort used by the index and the cohort page. */
struct value *pages_cohort_summary(struct build *b, const struct value *co)
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
	format_pct_ci(s, "variance_ci", value_num(cap, "variance_explained_ci_low"),
		      value_num(cap, "variance_explained_ci_high"));
	if (value_get_string(cap, "note"))
		value_set_string(s, "note", value_get_string(cap, "note"));
	if (value_get_string(cap, "pc1_warning"))
		value_set_string(s, "pc1_warning", value_str(cap, "pc1_warning"));
	size_t count[8] = {0};
	for (int v = 0; v < VERDICT_COUNT; v++) {
		struct value *band = value_object(), *rows = value_array();
		struct buf rule = BUF_INIT;
		for (size_t i = 0; bs && i < bs->n; i++) {
			if (strcmp(value_str(bs->items[i], "role"), "safety") != 0 ||
			    strcmp(value_str(bs->items[i], "verdict"), verdict_table[v].id) != 0)
				continue;
			value_push(rows, pages_bench_row(b, co, bs->items[i]));
		}
		count[v] = rows->n;
		n_safety += rows->n;
		value_set_string(band, "verdict", verdict_table[v].id);
		value_set_string(band, "label", verdict_table[v].title);
		value_set_string(band, "rule", verdict_rule(b, (enum verdict)v, &rule));
		format_count(band, "count", (double)rows->n);
		value_set_bool(band, "any", rows->n > 0);
		value_set(band, "rows", rows);
		value_push(bands, band);
		buf_release(&rule);
	}
	format_count(s, "n_safety", (double)n_safety);
	for (int v = 0; v < VERDICT_COUNT; v++) {
		struct buf k = BUF_INIT;
		format_count(counts, verdict_table[v].id, (double)count[v]);
		buf_printf(&k, "%s_share", verdict_table[v].id);
		format_pct(counts, buf_str(&k), n_safety ? (double)count[v] / (double)n_safety : NAN);
		buf_release(&k);
	}
	value_set(s, "counts", counts);
	confidence_counts(s, bs);
	value_set(s, "bands", bands);
	buf_printf(&h, "Capabilities correlation of every safety benchmark of the %s cohort, "
		       "grouped by area, with the verdict bands",
		   value_str(co, "title"));
	value_set(s, "overview", pages_figure_view(b, cid, "_overview", buf_str(&h)));
	buf_release(&h);
	return s;
}

int pages_write_index(struct build *b)
{
	struct value *v = pages_view(b, "index.html", value_str(value_get(b->report, "site"), "title"));
	struct value *list = value_array();
	const struct value *cohorts = value_get(b->report, "cohorts");
	for (size_t i = 0; cohorts && i < cohorts->n; i++)
		value_push(list, pages_cohort_summary(b, cohorts->items[i]));
	value_set(v, "cohorts", list);
	return pages_render(b, PAGE_INDEX, v);
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

/*
 * The capabilities score's facts beyond the summary: the intercorrelation, and with a
 * bootstrap how well PC1 is separated (eigenvalue ratio, cosines).
 */
static void cohort_capability(struct value *c, const struct value *cap)
{
	format_num(c, "inter_mean", "%.2f", value_num(cap, "intercorrelation_mean"));
	format_num(c, "inter_sd", "%.2f", value_num(cap, "intercorrelation_sd"));
	if (isfinite(value_num(cap, "eigenvalue_ratio"))) {
		format_num(c, "eigenvalue_ratio", "%.1f", value_num(cap, "eigenvalue_ratio"));
		format_num(c, "pc1_cosine_p05", "%.3f", value_num(cap, "pc1_cosine_p05"));
		format_num(c, "pc1_cosine_median", "%.3f", value_num(cap, "pc1_cosine_median"));
	}
}

/* c.models: the cohort's models ms by capabilities rank, score and rank with intervals. */
static void cohort_models(struct value *c, const char *cid, const struct value *ms)
{
	struct value *rows = value_set(c, "models", value_array());
	const struct value **order = by_capability_rank(ms);
	struct buf t = BUF_INIT;

	for (size_t i = 0; ms && i < ms->n; i++) {
		const struct value *m = order[i];
		struct value *r = value_push(rows, value_object());
		value_set_string(r, "name", value_str(m, "name"));
		buf_reset(&t);
		buf_printf(&t, "%s/models/%s.html", cid, value_str(m, "id"));
		value_set_string(r, "href", buf_str(&t));
		format_num(r, "score", "%.2f", value_num(m, "capability_score"));
		format_count(r, "rank", value_num(m, "capability_rank"));
		format_interval(r, "score_with_ci", "%.2f", value_num(m, "capability_score"),
				value_num(m, "capability_score_ci_low"),
				value_num(m, "capability_score_ci_high"));
		format_rank_with_interval(r, "rank_with_ci", value_num(m, "capability_rank"),
					  value_num(m, "capability_rank_ci_low"),
					  value_num(m, "capability_rank_ci_high"));
		format_params(r, "params", value_num(m, "params"));
		format_flop(r, "flop", value_num(m, "training_flop"));
	}
	free(order);
	buf_release(&t);
}

int pages_write_cohort(struct build *b, const struct value *co)
{
	const char *cid = value_str(co, "id");
	const struct value *cap = value_get(co, "capability"), *bs = value_get(co, "benchmarks");
	const struct value *ms = value_get(co, "models"), *areas = value_get(co, "areas");
	struct buf path = BUF_INIT, t = BUF_INIT;
	struct value *v, *c, *rows, *list;

	buf_printf(&path, "%s/index.html", cid);
	v = pages_view(b, buf_str(&path), value_str(co, "title"));
	c = value_set(v, "cohort", pages_cohort_summary(b, co));
	cohort_capability(c, cap);
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
		value_push(rows, pages_bench_row(b, co, bs->items[i]));
	cohort_models(c, cid, ms);
	rows = value_set(c, "areas", value_array());
	for (size_t i = 0; areas && i < areas->n; i++) {
		struct value *r = value_push(rows, value_object());
		value_set_string(r, "id", value_str(areas->items[i], "id"));
		value_set(r, "title", value_string_own(pages_area_title(b->report, value_str(areas->items[i], "id"))));
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
			value_set(c, figs[i][0] + 1, pages_figure_view(b, cid, figs[i][0], figs[i][1]));
	}
	buf_reset(&t);
	buf_printf(&t, "data/%s/", cid);
	value_set_string(c, "data", buf_str(&t));
	buf_release(&t);
	buf_release(&path);
	return pages_render(b, PAGE_COHORT, v);
}

int pages_write_area(struct build *b, const struct value *co, const struct value *area, size_t ai)
{
	const char *cid = value_str(co, "id"), *aid = value_str(area, "id");
	const struct value *ids = value_get(area, "benchmarks"), *lb = value_get(co, "leaderboard");
	struct buf path = BUF_INIT, t = BUF_INIT;
	struct value *v, *p, *rows;
	char *title = pages_area_title(b->report, aid);

	buf_printf(&path, "%s/areas/%s.html", cid, aid);
	buf_printf(&t, "%s — %s", title, value_str(co, "title"));
	v = pages_view(b, buf_str(&path), buf_str(&t));
	p = value_set(v, "area", value_object());
	value_set_string(p, "id", aid);
	value_set(p, "title", value_string_own(title));
	value_set_string(p, "cohort_title", value_str(co, "title"));
	buf_reset(&t);
	buf_printf(&t, "%s/index.html", cid);
	value_set_string(p, "cohort_href", buf_str(&t));
	buf_reset(&t);
	buf_printf(&t, "%s/leaderboard.html", cid);
	value_set_string(p, "leaderboard_href", buf_str(&t));
	format_count(p, "n", value_num(area, "n_benchmarks"));
	format_pct(p, "mean_corr", value_num(area, "mean_capabilities_correlation"));
	{
		struct value *counts = value_set(p, "verdicts", value_array());
		for (int k = 0; k < VERDICT_COUNT; k++) {
			struct value *c = value_push(counts, value_object());
			value_set_string(c, "verdict", verdict_table[k].id);
			value_set_string(c, "label", verdict_table[k].title);
			format_count(c, "count", value_num(value_get(area, "verdicts"), verdict_table[k].id));
		}
	}
	rows = value_set(p, "rows", value_array());
	for (size_t i = 0; ids && i < ids->n; i++) {
		const struct value *bench = pages_bench_by_id(co, ids->items[i]->string);
		if (bench)
			value_push(rows, pages_bench_row(b, co, bench));
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
	return pages_render(b, PAGE_AREA, v);
}

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

int pages_write_leaderboard(struct build *b, const struct value *co)
{
	const char *cid = value_str(co, "id");
	const struct value *lb = value_get(co, "leaderboard");
	struct buf path = BUF_INIT, t = BUF_INIT;
	struct value *v, *p, *rows;

	buf_printf(&path, "%s/leaderboard.html", cid);
	buf_printf(&t, "Decorrelated safety leaderboard — %s", value_str(co, "title"));
	v = pages_view(b, buf_str(&path), buf_str(&t));
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
	}
	leaderboard_spread(p, lb);
	leaderboard_moves(b, co, p, lb);
	value_set(p, "figure", pages_figure_view(b, cid, "_ranks", "Raw safety rank against decorrelated safety rank for every model"));
	buf_reset(&t);
	buf_printf(&t, "data/%s/leaderboard.csv", cid);
	value_set_string(p, "csv", buf_str(&t));
	buf_release(&t);
	buf_release(&path);
	return pages_render(b, PAGE_LEADERBOARD, v);
}
