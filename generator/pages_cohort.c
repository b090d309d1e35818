/* pages_cohort.c - the index, cohort, area and leaderboard pages and the cohort summary. */
#include "pages.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "format.h"
#include "util.h"

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
			value_push(rows, pages_bench_row(b, co, bs->items[i]));
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

int pages_write_cohort(struct build *b, const struct value *co)
{
	const char *cid = value_str(co, "id");
	const struct value *cap = value_get(co, "capability"), *bs = value_get(co, "benchmarks");
	const struct value *ms = value_get(co, "models"), *areas = value_get(co, "areas");
	struct buf path = BUF_INIT, t = BUF_INIT;
	struct value *v, *c, *rows, *list;
	const struct value **order;

	buf_printf(&path, "%s/index.html", cid);
	v = pages_view(b, buf_str(&path), value_str(co, "title"));
	c = value_set(v, "cohort", pages_cohort_summary(b, co));
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
		value_push(rows, pages_bench_row(b, co, bs->items[i]));
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
	value_set(p, "figure", pages_figure_view(b, cid, "_ranks", "Raw safety rank against decorrelated safety rank for every model"));
	buf_reset(&t);
	buf_printf(&t, "data/%s/leaderboard.csv", cid);
	value_set_string(p, "csv", buf_str(&t));
	buf_release(&t);
	buf_release(&path);
	return pages_render(b, PAGE_LEADERBOARD, v);
}
