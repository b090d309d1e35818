/*
 * pages_compare.c - the compare page (two models side by side, benchmark by benchmark) and
 * data/C/models.json, the cohort's models as the pages show them, which assets/explore.js
 * reads for the compare page's menus and for the filters of the model tables.
 */
#include "pages.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "format.h"
#include "util.h"

/* What the facts table shows of each model: its labels, and the model's texts in the same
 * order (compare_facts()); explore.js fills the table from the same list in models.json. */
static const char *const fact_labels[] = {"Capabilities score",
					  "Capabilities rank",
					  "Decorrelated safety score",
					  "Decorrelated safety rank",
					  "Raw safety score",
					  "Raw safety rank",
					  "Coverage of the safety benchmarks",
					  "Parameters",
					  "Training compute",
					  "Family",
					  "Weights",
					  NULL};
/* The facts with a bootstrap interval: the first FACTS_WITH_CI. */
#define FACTS_WITH_CI 6

/* The facts of model m (leaderboard entry l, or NULL) as texts, in fact_labels' order. */
static struct value *compare_facts(const struct value *m, const struct value *l)
{
	struct value *t = value_object(), *list = value_array();
	struct buf k = BUF_INIT;
	static const char *const ranked[2] = {"decorrelated", "safety"};

	format_interval(t, "score", "%.2f", value_num(m, "capability_score"),
			value_num(m, "capability_score_ci_low"),
			value_num(m, "capability_score_ci_high"));
	format_rank_with_interval(t, "rank", value_num(m, "capability_rank"),
				  value_num(m, "capability_rank_ci_low"),
				  value_num(m, "capability_rank_ci_high"));
	for (int i = 0; i < 2; i++) {
		buf_reset(&k);
		buf_printf(&k, "%s_score", ranked[i]);
		format_interval(t, buf_str(&k), "%+.2f", value_num(l, buf_str(&k)),
				pages_stat(l, buf_str(&k), "_ci_low"),
				pages_stat(l, buf_str(&k), "_ci_high"));
		buf_reset(&k);
		buf_printf(&k, "%s_rank", ranked[i]);
		format_rank_with_interval(t, buf_str(&k), value_num(l, buf_str(&k)),
					  pages_stat(l, buf_str(&k), "_ci_low"),
					  pages_stat(l, buf_str(&k), "_ci_high"));
		if (l && !pages_flag(l, "ranked"))
			value_set_string(t, buf_str(&k), "not ranked (too few safety areas)");
	}
	format_pct(t, "coverage", value_num(l, "coverage"));
	format_params(t, "params", value_num(m, "params"));
	format_flop(t, "flop", value_num(m, "training_flop"));
	value_set_string(t, "family", value_get_string(m, "family") ? value_str(m, "family") : "—");
	pages_weights(t, "weights", m);
	{
		static const char *const keys[] = {"score",
						   "rank",
						   "decorrelated_score",
						   "decorrelated_rank",
						   "safety_score",
						   "safety_rank",
						   "coverage",
						   "params",
						   "flop",
						   "family",
						   "weights"};
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			value_push(list, value_string(value_str(t, keys[i])));
	}
	value_free(t);
	buf_release(&k);
	return list;
}

static void set_number_or_null(struct value *o, const char *key, double x)
{
	if (isfinite(x))
		value_set_number(o, key, x);
	else
		value_set_null(o, key);
}

/*
 * Model m's entry of benchmark k (its report entry e, or NULL) as [value, residual, imputed]:
 * the texts the model page shows ("—" for none), imputed 1 or 0.
 */
static struct value *compare_cell(const struct value *e)
{
	struct value *c = value_array(), *t = value_object();
	bool imp = pages_flag(e, "imputed");
	format_num(t, "value", "%.4g", value_num(e, imp ? "imputed_value" : "value"));
	format_num(t, "residual", "%+.2f", value_num(e, "residual"));
	value_push(c, value_string(value_str(t, "value")));
	value_push(c, value_string(value_str(t, "residual")));
	value_push(c, value_number(imp ? 1 : 0));
	value_free(t);
	return c;
}

/* Sections of the page: the benchmarks by role, safety first (each in the cohort's order). */
static const char *const roles[][2] = {{"safety", "Safety benchmarks"},
				       {"capability", "Capability benchmarks"},
				       {NULL, "Other benchmarks"}};

static bool in_section(const struct value *bench, size_t s)
{
	const char *role = value_str(bench, "role");
	if (roles[s][0])
		return strcmp(role, roles[s][0]) == 0;
	return strcmp(role, roles[0][0]) != 0 && strcmp(role, roles[1][0]) != 0;
}

/*
 * data/C/models.json: {cohort, facts: [label...], benchmarks: [{id, name, href, role}] in the
 * page's order, models: [{id, name, href, family, open_weights, params,
 * training_flop, coverage, capability_rank, facts: [text...], cells: [[value, residual,
 * imputed]...] aligned with benchmarks}] by capabilities rank}. Texts as the pages print
 * them; numbers (null when unknown) for the filters.
 *
 * The file is written a model at a time (it has every cell of the cohort): data_head() is
 * all but "models", model_row() one entry of it.
 */
static struct value *data_head(const struct value *co, size_t *pos, size_t *npos)
{
	const struct value *bs = value_get(co, "benchmarks");
	const char *cid = value_str(co, "id");
	struct value *d = value_object(), *list;
	struct buf t = BUF_INIT;

	*npos = 0;
	value_set_string(d, "cohort", cid);
	list = value_set(d, "facts", value_array());
	for (size_t i = 0; fact_labels[i]; i++)
		value_push(list, value_string(fact_labels[i]));
	list = value_set(d, "benchmarks", value_array());
	for (size_t s = 0; s < sizeof(roles) / sizeof(roles[0]); s++)
		for (size_t k = 0; bs && k < bs->n; k++) {
			const struct value *bench = bs->items[k];
			struct value *r;
			if (!in_section(bench, s))
				continue;
			pos[(*npos)++] = k;
			r = value_push(list, value_object());
			value_set_string(r, "id", value_str(bench, "id"));
			value_set_string(r, "name", value_str(bench, "name"));
			buf_reset(&t);
			buf_printf(&t, "%s/benchmarks/%s.html", cid, value_str(bench, "id"));
			value_set_string(r, "href", buf_str(&t));
			value_set_string(r, "role", value_str(bench, "role"));
		}
	buf_release(&t);
	return d;
}

/* Model m's entry of "models" (x: the cohort's index; pos: the benchmarks in page order). */
static struct value *model_row(struct build *b, const struct value *co, const struct value *m,
			       const size_t *pos, size_t npos)
{
	const struct cohort_index *x = pages_index_of(b, co);
	const struct value *l = x ? pages_ids_find(&x->leaders, value_str(m, "id")) : NULL;
	const struct value *w = value_get(m, "open_weights");
	struct value *r = value_object(), *cells;
	struct buf t = BUF_INIT;

	value_set_string(r, "id", value_str(m, "id"));
	value_set_string(r, "name", value_str(m, "name"));
	buf_printf(&t, "%s/models/%s.html", value_str(co, "id"), value_str(m, "id"));
	value_set_string(r, "href", buf_str(&t));
	buf_release(&t);
	if (value_get_string(m, "family"))
		value_set_string(r, "family", value_str(m, "family"));
	else
		value_set_null(r, "family");
	if (w && w->kind == VALUE_BOOL)
		value_set_bool(r, "open_weights", w->boolean);
	else
		value_set_null(r, "open_weights");
	set_number_or_null(r, "params", value_num(m, "params"));
	set_number_or_null(r, "training_flop", value_num(m, "training_flop"));
	set_number_or_null(r, "coverage", value_num(l, "coverage"));
	set_number_or_null(r, "capability_rank", value_num(m, "capability_rank"));
	value_set(r, "facts", compare_facts(m, l));
	cells = value_set(r, "cells", value_array());
	for (size_t j = 0; j < npos; j++) {
		size_t k = pos[j];
		const struct value *e =
		    x && k < x->nbench ? pages_ids_find(&x->bench[k], value_str(m, "id")) : NULL;
		value_push(cells, compare_cell(e));
	}
	return r;
}

/*
 * Write data/C/models.json of the models in order, and return data_head() with the first
 * two models' entries as its "models" (what the page shows before any script runs).
 */
static struct value *write_models_data(struct build *b, const struct value *co,
				       const struct value **order, size_t n, int *rc)
{
	const struct value *bs = value_get(co, "benchmarks");
	size_t *pos = xcalloc(bs && bs->n ? bs->n : 1, sizeof(size_t)), npos;
	struct value *head = data_head(co, pos, &npos), *first;
	struct pages_stream st;
	struct buf rel = BUF_INIT;

	buf_printf(&rel, "data/%s/models.json", value_str(co, "id"));
	if (pages_stream_open(&st, b, buf_str(&rel)) == 0) {
		value_write_json(&st.pending, head, 0); /* compact: ends in the head's '}' */
		st.pending.data[--st.pending.len] = '\0';
		buf_puts(&st.pending, ",\"models\":[");
	}
	first = value_set(head, "models", value_array());
	for (size_t i = 0; i < n && (st.rc == 0 || i < 2); i++) {
		struct value *r = model_row(b, co, order[i], pos, npos);
		if (st.rc == 0) {
			if (i)
				buf_putc(&st.pending, ',');
			value_write_json(&st.pending, r, 0);
			pages_stream_flush(&st, false);
		}
		if (i < 2)
			value_push(first, r);
		else
			value_free(r);
	}
	if (st.rc == 0)
		buf_puts(&st.pending, "]}");
	*rc = pages_stream_close(&st);
	b->st->files++;
	free(pos);
	buf_release(&rel);
	return head;
}

/* The page's view of the pair a, b (indexes into data's models): facts and sections. */
static void pair_view(struct value *p, const struct value *data, size_t a, size_t b)
{
	const struct value *ms = value_get(data, "models"), *bs = value_get(data, "benchmarks");
	const struct value *ma = ms->items[a], *mb = ms->items[b];
	const struct value *labels = value_get(data, "facts");
	struct value *list = value_set(p, "facts", value_array()), *sec = NULL, *rows = NULL;
	const char *role = NULL;

	for (size_t side = 0; side < 2; side++) {
		const struct value *m = side ? mb : ma;
		struct value *o = value_set(p, side ? "b" : "a", value_object());
		value_set_string(o, "id", value_str(m, "id"));
		value_set_string(o, "name", value_str(m, "name"));
		value_set_string(o, "href", value_str(m, "href"));
	}
	for (size_t i = 0; i < labels->n; i++) {
		struct value *r = value_push(list, value_object());
		value_set_string(r, "label", labels->items[i]->string);
		value_set_bool(r, "ci", i < FACTS_WITH_CI);
		value_set_string(r, "a", value_get(ma, "facts")->items[i]->string);
		value_set_string(r, "b", value_get(mb, "facts")->items[i]->string);
	}
	list = value_set(p, "sections", value_array());
	for (size_t k = 0; k < bs->n; k++) {
		const struct value *bench = bs->items[k];
		const struct value *ca = value_get(ma, "cells")->items[k],
				   *cb = value_get(mb, "cells")->items[k];
		struct value *r;
		size_t s = 0;
		while (s + 1 < sizeof(roles) / sizeof(roles[0]) && !in_section(bench, s))
			s++;
		if (!role || strcmp(role, roles[s][1]) != 0) {
			role = roles[s][1];
			sec = value_push(list, value_object());
			value_set_string(sec, "title", role);
			rows = value_set(sec, "rows", value_array());
		}
		r = value_push(rows, value_object());
		value_set_string(r, "name", value_str(bench, "name"));
		value_set_string(r, "href", value_str(bench, "href"));
		value_set_string(r, "a_value", ca->items[0]->string);
		value_set_string(r, "a_residual", ca->items[1]->string);
		value_set_bool(r, "a_imputed", ca->items[2]->number == 1);
		value_set_string(r, "b_value", cb->items[0]->string);
		value_set_string(r, "b_residual", cb->items[1]->string);
		value_set_bool(r, "b_imputed", cb->items[2]->number == 1);
	}
}

int pages_write_compare(struct build *b, const struct value *co)
{
	const char *cid = value_str(co, "id");
	const struct value *ms = value_get(co, "models");
	size_t n = ms ? ms->n : 0;
	const struct value **order = pages_by_capability_rank(ms);
	struct value *data, *v, *p;
	struct buf path = BUF_INIT, t = BUF_INIT;
	int rc;

	data = write_models_data(b, co, order, n, &rc);
	buf_printf(&path, "%s/compare.html", cid);
	buf_printf(&t, "Compare two models — %s", value_str(co, "title"));
	v = pages_view(b, buf_str(&path), buf_str(&t));
	p = value_set(v, "compare", value_object());
	value_set_string(p, "cohort_title", value_str(co, "title"));
	buf_reset(&t);
	buf_printf(&t, "%s/index.html", cid);
	value_set_string(p, "cohort_href", buf_str(&t));
	buf_reset(&t);
	buf_printf(&t, "%s/leaderboard.html", cid);
	value_set_string(p, "leaderboard_href", buf_str(&t));
	buf_reset(&t);
	buf_printf(&t, "data/%s/models.json", cid);
	value_set_string(p, "data", buf_str(&t));
	format_noun(p, "n_models", (double)n, "model", "models");
	value_set_bool(p, "pair", n >= 2);
	if (n >= 2)
		pair_view(p, data, 0, 1);
	value_free(data);
	free(order);
	buf_release(&path);
	buf_release(&t);
	if (rc < 0) {
		value_free(v);
		return -1;
	}
	return pages_render(b, PAGE_COMPARE, v);
}
