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

int pages_write_model(struct build *b, const struct value *co, const struct value *m)
{
	const char *cid = value_str(co, "id"), *mid = value_str(m, "id");
	const struct cohort_index *x = pages_index_of(b, co);
	const struct value *bs = value_get(co, "benchmarks");
	const struct value *l = x ? pages_ids_find(&x->leaders, mid) : NULL;
	struct buf path = BUF_INIT, t = BUF_INIT;
	struct value *v, *p, *rows;

	buf_printf(&path, "%s/models/%s.html", cid, mid);
	buf_printf(&t, "%s — %s", value_str(m, "name"), value_str(co, "title"));
	v = pages_view(b, buf_str(&path), buf_str(&t));
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
	format_interval(p, "score_with_ci", "%.2f", value_num(m, "capability_score"),
			value_num(m, "capability_score_ci_low"),
			value_num(m, "capability_score_ci_high"));
	format_rank_with_interval(p, "rank_with_ci", value_num(m, "capability_rank"),
				  value_num(m, "capability_rank_ci_low"),
				  value_num(m, "capability_rank_ci_high"));
	format_count(p, "n_models", value_num(co, "n_models"));
	if (!isfinite(value_num(m, "capability_score")))
		value_set_string(p, "no_score",
				 value_get_string(value_get(co, "capability"), "note")
					 ? value_str(value_get(co, "capability"), "note")
					 : "the model lacks at least one capability benchmark");
	if (l)
		model_leaderboard(b, co, l, p);
	buf_reset(&t);
	buf_printf(&t, "%s/leaderboard.html", cid);
	value_set_string(p, "leaderboard_href", buf_str(&t));
	rows = value_set(p, "benchmarks", value_array());
	for (size_t i = 0; bs && i < bs->n; i++) {
		const struct value *e = x && i < x->nbench ? pages_ids_find(&x->bench[i], mid) : NULL;
		struct value *r;
		if (!e)
			continue;
		r = value_push(rows, pages_bench_row_at(b, co, i));
		format_num(r, "value", "%.4g", value_num(e, "value"));
		format_num(r, "expected", "%.4g", value_num(e, "expected"));
		format_num(r, "residual", "%+.2f", value_num(e, "residual"));
		format_num(r, "z", "%+.2f", value_num(e, "z"));
		format_num(r, "lb_residual", "%+.2f", value_num(e, "leaderboard_residual"));
	}
	format_count(p, "n_benchmarks", (double)rows->n);
	buf_release(&t);
	buf_release(&path);
	return pages_render(b, PAGE_MODEL, v);
}
