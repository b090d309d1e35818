/* pages_cohort.c - the index, cohort and area pages and the cohort summary. */
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

/*
 * The imputation of the capability block as the pages tell it (docs/method.md 1b): its
 * settings and counts as text, outcome (had no cell to fill in, converged in N iterations,
 * did not converge, could not be run), nothing (no cell to fill in), used, why_not when not
 * used, and recover (cells, rmse) when mask and recover ran.
 */
static struct value *imputation_view(const struct value *im)
{
	struct value *v = value_object();
	double change = value_num(im, "max_change"), iter = value_num(im, "iterations");
	double rmse = value_num(im, "recover_rmse_z");
	struct buf t = BUF_INIT;

	value_set_string(v, "method", value_str(im, "method"));
	format_count(v, "rank", value_num(im, "rank"));
	format_num(v, "min_share", "%.3g%%", 100 * value_num(im, "min_share"));
	format_count(v, "n_eligible", value_num(im, "n_eligible"));
	format_count(v, "n_imputed", value_num(im, "n_imputed"));
	format_count(v, "iterations", iter);
	value_set_bool(v, "converged", pages_flag(im, "converged"));
	value_set_bool(v, "used", pages_flag(im, "used"));
	format_flop(v, "max_change", change);
	value_set_bool(v, "nothing", !(value_num(im, "n_imputed") > 0));
	if (!(value_num(im, "n_imputed") > 0))
		buf_puts(&t, "had no cell to fill in");
	else if (pages_flag(im, "converged"))
		buf_printf(&t, "converged in %.0f iteration%s (the last moved no cell by 10^-6 SD "
			       "or more)", iter, iter == 1 ? "" : "s");
	else if (isfinite(change))
		buf_printf(&t, "did not converge in %.0f iterations (the last still moved a cell by "
			       "%s SD)", iter, value_str(v, "max_change"));
	else
		buf_puts(&t, "could not be run (a capability column has too few measured values "
			     "to standardise)");
	value_set(v, "outcome", value_string_own(buf_detach(&t)));
	if (!pages_flag(im, "used"))
		value_set_string(v, "why_not", isfinite(change) ? "it did not converge"
								 : "it could not be run");
	if (isfinite(rmse)) {
		struct value *r = value_set(v, "recover", value_object());
		format_noun(r, "cells", value_num(im, "recover_cells"), "measured cell",
			    "measured cells");
		format_num(r, "rmse", "%.2f", rmse);
	}
	return v;
}

/* A model of cohort co as {name, href, sep} for a list "A, B, C" (sep "" for the last). */
static struct value *model_link(const struct value *co, const struct value *m, bool last)
{
	struct value *r = value_object();
	struct buf t = BUF_INIT;
	value_set_string(r, "name", value_str(m, "name"));
	buf_printf(&t, "%s/models/%s.html", value_str(co, "id"), value_str(m, "id"));
	value_set(r, "href", value_string_own(buf_detach(&t)));
	value_set_string(r, "sep", last ? "" : ", ");
	return r;
}

/* Most models or benchmarks a missing-data list names; the rest are counted. */
#define MISSING_LISTED 50

/*
 * d.reduced (the models with a reduced score, linked), n_reduced and n_imputed_models (with
 * an imputed one), marks (either: the models table marks them), and n_unranked (leaderboard
 * entries without enough coverage).
 */
static void missing_models_view(const struct value *co, struct value *d)
{
	const struct value *ms = value_get(co, "models"), *lb = value_get(co, "leaderboard");
	struct value *list = value_set(d, "reduced", value_array());
	size_t reduced = 0, imputed = 0, unranked = 0;

	for (size_t i = 0; ms && i < ms->n; i++) {
		const char *basis = value_str(ms->items[i], "capability_score_basis");
		imputed += strcmp(basis, "imputed") == 0;
		if (strcmp(basis, "reduced") != 0)
			continue;
		if (reduced++ < MISSING_LISTED)
			value_push(list, model_link(co, ms->items[i], false));
	}
	if (list->n)
		value_set_string(list->items[list->n - 1], "sep", "");
	if (reduced > MISSING_LISTED)
		format_count(d, "more_reduced", (double)(reduced - MISSING_LISTED));
	for (size_t i = 0; lb && i < lb->n; i++)
		unranked += !pages_flag(lb->items[i], "ranked");
	if (reduced)
		format_noun(d, "n_reduced", (double)reduced, "model", "models");
	if (imputed)
		format_noun(d, "n_imputed_models", (double)imputed, "model", "models");
	if (unranked)
		format_noun(d, "n_unranked", (double)unranked, "model", "models");
	value_set_bool(d, "marks", imputed || reduced);
}

/*
 * s.missing: the cohort's missing cells (cells of total, share; complete when none), the
 * imputation (imputation_view()), reduced scores and unranked models (missing_models_view()),
 * the benchmarks whose missingness is tied to capability (tied: name, href, who, auc) and the
 * coverage figure.
 */
static struct value *missing_summary(struct build *b, const struct value *co)
{
	const struct value *bs = value_get(co, "benchmarks");
	const struct value *im = value_get(value_get(co, "capability"), "imputation");
	struct value *d = value_object(), *tied = value_set(d, "tied", value_array());
	double cells = 0, total = value_num(co, "n_models") * value_num(co, "n_benchmarks");
	size_t n_tied = 0;
	struct buf t = BUF_INIT;

	for (size_t i = 0; bs && i < bs->n; i++) {
		const struct value *bench = bs->items[i], *ids = value_get(bench, "missing_models");
		cells += ids && ids->kind == VALUE_ARRAY ? (double)ids->n : 0;
		n_tied += pages_flag(bench, "missing_tied_to_capability");
		if (pages_flag(bench, "missing_tied_to_capability") && tied->n < MISSING_LISTED) {
			struct value *r = value_push(tied, value_object());
			double auc = value_num(bench, "missing_auc");
			value_set_string(r, "name", value_str(bench, "name"));
			buf_reset(&t);
			buf_printf(&t, "%s/benchmarks/%s.html", value_str(co, "id"), value_str(bench, "id"));
			value_set_string(r, "href", buf_str(&t));
			value_set_string(r, "who", auc >= 0.5 ? "more" : "less");
			format_num(r, "auc", "%.2f", auc);
		}
	}
	if (n_tied > tied->n)
		format_count(d, "more_tied", (double)(n_tied - tied->n));
	format_count(d, "cells", cells);
	format_count(d, "total", total);
	if (cells > 0 && cells < total / 1000) /* "0.0%" would read as none */
		value_set_string(d, "share", "under 0.1%");
	else
		format_pct(d, "share", total > 0 ? cells / total : NAN);
	value_set_bool(d, "complete", cells == 0);
	if (im)
		value_set(d, "imputation", imputation_view(im));
	missing_models_view(co, d);
	buf_reset(&t);
	buf_printf(&t, "Which benchmarks each model of the %s cohort has: measured, imputed or "
		       "missing (rows: models by capabilities rank; columns: benchmarks by role and area)",
		   value_str(co, "title"));
	value_set(d, "coverage", pages_figure_view(b, value_str(co, "id"), "_coverage", buf_str(&t)));
	buf_release(&t);
	return d;
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
	value_set(s, "missing", missing_summary(b, co));
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

/*
 * c.models: the cohort's models ms by capabilities rank, score and rank with intervals, family
 * and weights ("open", "closed" or "—"); any_family and any_weights when some model has one.
 */
static void cohort_models(struct value *c, const char *cid, const struct value *ms)
{
	struct value *rows = value_set(c, "models", value_array());
	const struct value **order = pages_by_capability_rank(ms);
	struct buf t = BUF_INIT;
	bool any_family = false, any_weights = false;

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
		if (strcmp(value_str(m, "capability_score_basis"), "imputed") == 0 ||
		    strcmp(value_str(m, "capability_score_basis"), "reduced") == 0)
			value_set_string(r, "basis", value_str(m, "capability_score_basis"));
		any_family |= value_get_string(m, "family") != NULL;
		value_set_string(r, "family", value_get_string(m, "family") ? value_str(m, "family") : "—");
		any_weights |= pages_weights(r, "weights", m);
	}
	value_set_bool(c, "any_family", any_family);
	value_set_bool(c, "any_weights", any_weights);
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
	buf_reset(&t);
	buf_printf(&t, "%s/compare.html", cid);
	value_set_string(c, "compare_href", buf_str(&t));
	buf_release(&t);
	buf_release(&path);
	return pages_render(b, PAGE_COHORT, v);
}

int pages_write_area(struct build *b, const struct value *co, const struct value *area, size_t ai)
{
	const char *cid = value_str(co, "id"), *aid = value_str(area, "id");
	const struct value *ids = value_get(area, "benchmarks"), *lb = value_get(co, "leaderboard");
	const struct value *bs = value_get(co, "benchmarks");
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
	/* in the cohort's order (by capabilities correlation, report.h), not the area's */
	rows = value_set(p, "rows", value_array());
	value_set_bool(p, "one_area", true); /* the benchmark table leaves out its area column */
	for (size_t k = 0; bs && k < bs->n; k++)
		for (size_t i = 0; ids && i < ids->n; i++)
			if (ids->items[i]->kind == VALUE_STRING &&
			    strcmp(ids->items[i]->string, value_str(bs->items[k], "id")) == 0) {
				value_push(rows, pages_bench_row_at(b, co, k));
				break;
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
		format_pct(r, "coverage", value_num(a, "coverage"));
		value_set_bool(r, "unranked", !pages_flag(lb->items[i], "ranked"));
	}
	buf_release(&t);
	buf_release(&path);
	return pages_render(b, PAGE_AREA, v);
}
