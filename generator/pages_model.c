/* pages_model.c - a model's page: its scores, ranks and value on every benchmark. */
#include "pages.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "format.h"
#include "util.h"

/* WHAT_rank and WHAT_score of leaderboard entry l (WHAT: "safety" or "decorrelated"), each
 * also as WHAT_rank_with_ci and WHAT_score_with_ci. */
static void rank_and_score(struct value *p, const struct value *l, const char *what)
{
	struct buf k = BUF_INIT;
	double rank, score;

	buf_printf(&k, "%s_rank", what);
	rank = value_num(l, buf_str(&k));
	format_count(p, buf_str(&k), rank);
	buf_puts(&k, "_with_ci");
	format_rank_with_interval(p, buf_str(&k), rank, pages_stat(l, what, "_rank_ci_low"),
				  pages_stat(l, what, "_rank_ci_high"));
	buf_reset(&k);
	buf_printf(&k, "%s_score", what);
	score = value_num(l, buf_str(&k));
	format_num(p, buf_str(&k), "%+.2f", score);
	buf_puts(&k, "_with_ci");
	format_interval(p, buf_str(&k), "%+.2f", score, pages_stat(l, what, "_score_ci_low"),
			pages_stat(l, what, "_score_ci_high"));
	buf_release(&k);
}

/* The model's leaderboard row: ranks and scores with their intervals, its largest move. */
static void model_leaderboard(struct build *b, const struct value *co, const struct value *l,
			      struct value *p)
{
	double move = value_num(l, "loo_rank_move");

	rank_and_score(p, l, "safety");
	rank_and_score(p, l, "decorrelated");
	format_pct(p, "coverage", value_num(l, "coverage"));
	if (isfinite(move) && isfinite(value_num(l, "decorrelated_rank")) &&
	    value_get_string(l, "loo_rank_move_model")) {
		struct value *r = value_set(p, "move", value_object());
		value_set_bool(r, "none", move == 0);
		if (move != 0)
			pages_rank_move(b, co, l, r);
	}
}

/* The position of area id in the cohort's areas, or (size_t)-1. */
static size_t area_index(const struct value *areas, const char *id)
{
	for (size_t a = 0; areas && a < areas->n; a++)
		if (strcmp(value_str(areas->items[a], "id"), id) == 0)
			return a;
	return (size_t)-1;
}

/*
 * p.area_coverage: per cohort area, the leaderboard benchmarks the model has ("1 of 2") and
 * their share (the report's coverage), from leaderboard entry l; p.unranked when the model
 * has too few areas for a rank.
 */
static void model_coverage(struct build *b, const struct value *co, const struct value *l,
			   struct value *p)
{
	const struct value *areas = value_get(co, "areas"), *bs = value_get(co, "benchmarks");
	const struct value *las = value_get(l, "areas");
	size_t na = areas ? areas->n : 0, *total = xcalloc(na + 1, sizeof(size_t));
	struct value *rows = value_set(p, "area_coverage", value_array());
	struct buf t = BUF_INIT;

	for (size_t i = 0; bs && i < bs->n; i++) {
		size_t a = area_index(areas, value_str(bs->items[i], "area"));
		if (a < na && value_get_string(bs->items[i], "residual_basis"))
			total[a]++;
	}
	for (size_t a = 0; a < na && las && a < las->n; a++) {
		double share = value_num(las->items[a], "coverage");
		struct value *r;
		if (!total[a] || !isfinite(share))
			continue;
		r = value_push(rows, value_object());
		value_set(r, "title",
			  value_string_own(pages_area_title(b->report, value_str(areas->items[a], "id"))));
		buf_reset(&t);
		buf_printf(&t, "%s/areas/%s.html", value_str(co, "id"), value_str(areas->items[a], "id"));
		value_set_string(r, "href", buf_str(&t));
		buf_reset(&t);
		buf_printf(&t, "%.0f of %zu", share * (double)total[a], total[a]);
		value_set_string(r, "has", buf_str(&t));
		format_pct(r, "share", share);
	}
	value_set_bool(p, "any_area_coverage", rows->n > 0);
	pages_area_coverage(p, "areas", l);
	if (!pages_flag(l, "ranked"))
		pages_unranked_reason(b, value_set(p, "unranked", value_object()), "reason", co, l);
	buf_release(&t);
	free(total);
}

/*
 * p.basis, when the cohort handles missing data (missing_data): how the capabilities score
 * was made, complete, imputed (n_imputed of the capability benchmarks filled in) or reduced
 * (on the benchmarks it names).
 */
static void model_basis(const struct value *co, const struct value *m, size_t n_imputed,
			bool missing_data, struct value *p)
{
	const char *basis = value_get_string(m, "capability_score_basis");
	const struct value *ids = value_get(m, "capability_benchmarks");
	size_t k = value_get(value_get(co, "capability"), "benchmarks")->n;
	struct buf t = BUF_INIT;

	if (!basis || !missing_data)
		return;
	if (strcmp(basis, "imputed") == 0) {
		buf_printf(&t, "imputed: %zu of %zu capability benchmarks filled in from the others",
			   n_imputed, k);
	} else if (strcmp(basis, "reduced") == 0 && ids && ids->kind == VALUE_ARRAY) {
		buf_puts(&t, "reduced: scored on ");
		for (size_t j = 0; j < ids->n; j++) {
			const char *id = ids->items[j]->kind == VALUE_STRING ? ids->items[j]->string : "";
			const struct value *bench = pages_bench_by_id(co, id);
			buf_puts(&t, j == 0 ? "" : j + 1 == ids->n ? " and " : ", ");
			buf_puts(&t, bench ? value_str(bench, "name") : id);
		}
		buf_printf(&t, " only (%zu of %zu capability benchmarks), as the paper scores GPT-4o",
			   (size_t)ids->n, k);
	} else {
		buf_puts(&t, "complete: every capability benchmark measured");
	}
	value_set(p, "basis", value_string_own(buf_detach(&t)));
}

/*
 * p.benchmarks: the model's row of every benchmark it has, imputed cells marked; returns how
 * many of them are imputed, and *cap_measured the capability benchmarks it has measured.
 */
static size_t model_benchmarks(struct build *b, const struct value *co, const char *mid,
			       struct value *p, size_t *cap_measured)
{
	const struct cohort_index *x = pages_index_of(b, co);
	const struct value *bs = value_get(co, "benchmarks");
	struct value *rows = value_set(p, "benchmarks", value_array());
	size_t imputed = 0;

	for (size_t i = 0; bs && i < bs->n; i++) {
		const struct value *e = x && i < x->nbench ? pages_ids_find(&x->bench[i], mid) : NULL;
		struct value *r;
		bool imp = pages_flag(e, "imputed");
		if (!e)
			continue;
		r = value_push(rows, pages_bench_row_at(b, co, i));
		value_set_bool(r, "imputed", imp);
		format_num(r, "value", "%.4g", value_num(e, imp ? "imputed_value" : "value"));
		format_num(r, "expected", "%.4g", value_num(e, "expected"));
		format_num(r, "residual", "%+.2f", value_num(e, "residual"));
		format_num(r, "z", "%+.2f", value_num(e, "z"));
		format_num(r, "lb_residual", "%+.2f", value_num(e, "leaderboard_residual"));
		imputed += imp;
		*cap_measured += !imp && strcmp(value_str(bs->items[i], "role"), "capability") == 0;
	}
	format_count(p, "n_benchmarks", (double)(rows->n - imputed));
	if (imputed)
		format_count(p, "n_imputed", (double)imputed);
	return imputed;
}

/* The model's facts and capabilities score, with its interval and why it has none. */
static void model_facts(const struct value *co, const struct value *m, struct value *p)
{
	struct buf t = BUF_INIT;

	value_set_string(p, "name", value_str(m, "name"));
	value_set_string(p, "id", value_str(m, "id"));
	value_set_string(p, "cohort_title", value_str(co, "title"));
	buf_printf(&t, "%s/index.html", value_str(co, "id"));
	value_set(p, "cohort_href", value_string_own(buf_detach(&t)));
	for (const char *const *k = (const char *const[]){"source_id", "family", "released", "source", "flop_source", NULL}; *k; k++)
		if (value_get_string(m, *k))
			value_set_string(p, *k, value_str(m, *k));
	format_params(p, "params", value_num(m, "params"));
	format_flop(p, "flop", value_num(m, "training_flop"));
	format_num(p, "score", "%.2f", value_num(m, "capability_score"));
	format_count(p, "rank", value_num(m, "capability_rank"));
	format_interval(p, "score_with_ci", "%.2f", value_num(m, "capability_score"),
			value_num(m, "capability_score_ci_low"),
			value_num(m, "capability_score_ci_high"));
	format_rank_with_interval(p, "rank_with_ci", value_num(m, "capability_rank"),
				  value_num(m, "capability_rank_ci_low"),
				  value_num(m, "capability_rank_ci_high"));
	format_count(p, "n_models", value_num(co, "n_models"));
	value_set_bool(p, "weights_known", pages_weights(p, "weights", m));
	buf_printf(&t, "%s/compare.html", value_str(co, "id"));
	value_set(p, "compare_href", value_string_own(buf_detach(&t)));
}

/*
 * p.no_score: why the model has no capabilities score: the cohort's note, or the capability
 * benchmarks it lacks (has of them), with what imputation would have needed.
 */
static void model_no_score(const struct value *co, const struct value *m, size_t has,
			   struct value *p)
{
	const struct value *cap = value_get(co, "capability"), *im = value_get(cap, "imputation");
	size_t k = value_get(cap, "benchmarks")->n;
	double need = ceil(value_num(im, "min_share") * (double)k - 1e-9);
	struct buf t = BUF_INIT;

	if (isfinite(value_num(m, "capability_score")))
		return;
	if (value_get_string(cap, "note")) {
		value_set_string(p, "no_score", value_str(cap, "note"));
		return;
	}
	if (!im) {
		value_set_string(p, "no_score", "the model lacks at least one capability benchmark");
		return;
	}
	buf_printf(&t, "the model has %zu of the %zu capability benchmarks", has, k);
	if (pages_flag(im, "used") && isfinite(need) && (double)has < need)
		buf_printf(&t, "; imputation needs at least %.0f", need);
	else if (!pages_flag(im, "used"))
		buf_puts(&t, ", and imputation was not used in this cohort");
	value_set(p, "no_score", value_string_own(buf_detach(&t)));
}

int pages_write_model(struct build *b, const struct value *co, const struct value *m)
{
	const char *cid = value_str(co, "id"), *mid = value_str(m, "id");
	const struct cohort_index *x = pages_index_of(b, co);
	const struct value *l = x ? pages_ids_find(&x->leaders, mid) : NULL;
	struct buf path = BUF_INIT, t = BUF_INIT;
	struct value *v, *p;
	size_t imputed, cap_measured = 0;

	buf_printf(&path, "%s/models/%s.html", cid, mid);
	buf_printf(&t, "%s — %s", value_str(m, "name"), value_str(co, "title"));
	v = pages_view(b, buf_str(&path), buf_str(&t));
	p = value_set(v, "model", value_object());
	model_facts(co, m, p);
	if (l) {
		model_leaderboard(b, co, l, p);
		model_coverage(b, co, l, p);
	}
	buf_reset(&t);
	buf_printf(&t, "%s/leaderboard.html", cid);
	value_set_string(p, "leaderboard_href", buf_str(&t));
	imputed = model_benchmarks(b, co, mid, p, &cap_measured);
	model_no_score(co, m, cap_measured, p);
	model_basis(co, m, imputed, x && x->missing_data, p);
	buf_release(&t);
	buf_release(&path);
	return pages_render(b, PAGE_MODEL, v);
}
