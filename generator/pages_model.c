/* pages_model.c - a model's page: its scores, ranks and value on every benchmark. */
#include "pages.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "format.h"
#include "util.h"

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
		const struct value *e = x && i < x->nbench ? pages_ids_find(&x->bench[i], mid) : NULL;
		struct value *r;
		if (!e)
			continue;
		r = value_push(rows, pages_bench_row_at(b, co, i));
		format_num(r, "value", "%.4g", value_num(e, "value"));
		format_num(r, "expected", "%.4g", value_num(e, "expected"));
		format_num(r, "residual", "%+.2f", value_num(e, "residual"));
		format_num(r, "z", "%+.2f", value_num(e, "z"));
	}
	format_count(p, "n_benchmarks", (double)rows->n);
	buf_release(&t);
	buf_release(&path);
	return pages_render(b, PAGE_MODEL, v);
}
