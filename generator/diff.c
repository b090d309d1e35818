#include "diff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* A list's entries sorted by their id (the member key): lookups in O(log n), so comparing
 * two releases of thousands of models stays linear-logarithmic. */
struct index {
	struct entry {
		const char *id;
		const struct value *item;
	} *e;
	size_t n;
};

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->id, ((const struct entry *)b)->id);
}

static void index_build(struct index *x, const struct value *list, const char *key)
{
	x->n = 0;
	x->e = xcalloc(list && list->kind == VALUE_ARRAY && list->n ? list->n : 1,
		       sizeof(*x->e));
	for (size_t i = 0; list && list->kind == VALUE_ARRAY && i < list->n; i++)
		if (value_get_string(list->items[i], key))
			x->e[x->n++] = (struct entry){value_str(list->items[i], key), list->items[i]};
	qsort(x->e, x->n, sizeof(*x->e), cmp_entry);
}

static const struct value *index_find(const struct index *x, const char *id)
{
	struct entry key = {id, NULL};
	const struct entry *e = x->n ? bsearch(&key, x->e, x->n, sizeof(*x->e), cmp_entry) : NULL;
	return e ? e->item : NULL;
}

/* Entries of a (by key) that b (indexed by key) lacks, as [{id, name}]. */
static struct value *missing(const struct value *a, const struct index *b, const char *key)
{
	struct value *out = value_array();
	for (size_t i = 0; a && a->kind == VALUE_ARRAY && i < a->n; i++) {
		const char *id = value_str(a->items[i], key);
		struct value *e;
		if (index_find(b, id))
			continue;
		e = value_push(out, value_object());
		value_set_string(e, "id", id);
		value_set_string(e, "name", value_str(a->items[i], "name"));
	}
	return out;
}

static int cmp_abs_delta(const void *pa, const void *pb)
{
	const struct value *a = *(const struct value *const *)pa, *b = *(const struct value *const *)pb;
	double x = fabs(value_num(a, "delta")), y = fabs(value_num(b, "delta"));
	if (x != y)
		return x > y ? -1 : 1;
	return strcmp(value_str(a, "id"), value_str(b, "id"));
}

/* Sort list by |delta| descending (ties by id) and keep the first DIFF_TOP. */
static void top(struct value *list)
{
	/* the sort reads the keys from the items themselves: no context needed */
	if (list->n > 1)
		qsort(list->items, list->n, sizeof(struct value *), cmp_abs_delta);
	while (list->n > DIFF_TOP)
		value_free(list->items[--list->n]);
}

/* Benchmarks of both whose verdict changed, and those whose capabilities correlation moved. */
static void benchmark_changes(const struct value *nb, const struct index *ob,
			      struct value *verdicts, struct value *moves)
{
	for (size_t i = 0; nb && i < nb->n; i++) {
		const struct value *b = nb->items[i], *a = index_find(ob, value_str(b, "id"));
		double x, y;
		if (!a)
			continue;
		if (strcmp(value_str(a, "verdict"), value_str(b, "verdict")) != 0) {
			struct value *e = value_push(verdicts, value_object());
			value_set_string(e, "id", value_str(b, "id"));
			value_set_string(e, "name", value_str(b, "name"));
			value_set_string(e, "old", value_str(a, "verdict"));
			value_set_string(e, "new", value_str(b, "verdict"));
			value_set_string(e, "old_label", value_str(a, "verdict_label"));
			value_set_string(e, "new_label", value_str(b, "verdict_label"));
		}
		x = value_num(a, "capabilities_correlation");
		y = value_num(b, "capabilities_correlation");
		/* below half a tenth of a percentage point nothing shows: not a movement */
		if (isfinite(x) && isfinite(y) && fabs(y - x) >= 0.0005) {
			struct value *e = value_push(moves, value_object());
			value_set_string(e, "id", value_str(b, "id"));
			value_set_string(e, "name", value_str(b, "name"));
			value_set_statistic(e, "old", x);
			value_set_statistic(e, "new", y);
			value_set_statistic(e, "delta", y - x);
		}
	}
}

/* Models of both leaderboards whose decorrelated rank changed. */
static void rank_changes(const struct value *nl, const struct index *ol, struct value *ranks)
{
	for (size_t i = 0; nl && i < nl->n; i++) {
		const struct value *b = nl->items[i], *a = index_find(ol, value_str(b, "model"));
		double x = value_num(a, "decorrelated_rank"), y = value_num(b, "decorrelated_rank");
		struct value *e;
		if (!a || !isfinite(x) || !isfinite(y) || x == y)
			continue;
		e = value_push(ranks, value_object());
		value_set_string(e, "id", value_str(b, "model"));
		value_set_string(e, "name", value_str(b, "name"));
		value_set_number(e, "old", x);
		value_set_number(e, "new", y);
		value_set_number(e, "delta", x - y);
	}
}

static struct value *cohort_diff(const struct value *o, const struct value *n)
{
	static const char *const lists[] = {"models_added",	"models_removed",
					    "benchmarks_added", "benchmarks_removed",
					    "verdict_changes",	"movements",
					    "rank_changes"};
	struct value *d = value_object(), *verdicts = value_array(), *moves = value_array(),
		     *ranks = value_array();
	struct index om, nm, ob, nb, ol;
	size_t changes = 0;

	index_build(&om, value_get(o, "models"), "id");
	index_build(&nm, value_get(n, "models"), "id");
	index_build(&ob, value_get(o, "benchmarks"), "id");
	index_build(&nb, value_get(n, "benchmarks"), "id");
	index_build(&ol, value_get(o, "leaderboard"), "model");
	value_set_string(d, "id", value_str(n ? n : o, "id"));
	value_set_string(d, "title", value_str(n ? n : o, "title"));
	value_set(d, "models_added", missing(value_get(n, "models"), &om, "id"));
	value_set(d, "models_removed", missing(value_get(o, "models"), &nm, "id"));
	value_set(d, "benchmarks_added", missing(value_get(n, "benchmarks"), &ob, "id"));
	value_set(d, "benchmarks_removed", missing(value_get(o, "benchmarks"), &nb, "id"));
	benchmark_changes(value_get(n, "benchmarks"), &ob, verdicts, moves);
	rank_changes(value_get(n, "leaderboard"), &ol, ranks);
	value_set_number(d, "n_movements", (double)moves->n);
	value_set_number(d, "n_rank_changes", (double)ranks->n);
	value_set(d, "verdict_changes", verdicts);
	value_set(d, "movements", moves);
	value_set(d, "rank_changes", ranks);
	/* every change counts, also the movements and rank changes top() leaves out */
	for (size_t k = 0; k < sizeof(lists) / sizeof(lists[0]); k++)
		changes += value_get(d, lists[k])->n;
	top(moves);
	top(ranks);
	value_set_string(d, "status", !o ? "added" : !n ? "removed" : changes ? "changed" : "unchanged");
	value_set_number(d, "n_changes", (double)changes);
	free(om.e);
	free(nm.e);
	free(ob.e);
	free(nb.e);
	free(ol.e);
	return d;
}

struct value *diff_reports(const struct value *old, const struct value *new_report)
{
	struct value *d = value_object(), *list = value_array();
	const struct value *oc = value_get(old, "cohorts"), *nc = value_get(new_report, "cohorts");
	struct index oi, ni;
	size_t changes = 0;

	index_build(&oi, oc, "id");
	index_build(&ni, nc, "id");
	value_set_string(d, "old_version", value_str(value_get(old, "site"), "version"));
	value_set_string(d, "new_version", value_str(value_get(new_report, "site"), "version"));
	for (size_t i = 0; nc && i < nc->n; i++)
		value_push(list, cohort_diff(index_find(&oi, value_str(nc->items[i], "id")),
					     nc->items[i]));
	for (size_t i = 0; oc && i < oc->n; i++)
		if (!index_find(&ni, value_str(oc->items[i], "id")))
			value_push(list, cohort_diff(oc->items[i], NULL));
	for (size_t i = 0; i < list->n; i++) {
		const char *status = value_str(list->items[i], "status");
		changes += (size_t)value_num(list->items[i], "n_changes");
		changes += strcmp(status, "added") == 0 || strcmp(status, "removed") == 0;
	}
	value_set(d, "cohorts", list);
	value_set_number(d, "n_changes", (double)changes);
	free(oi.e);
	free(ni.e);
	return d;
}

static void names(struct buf *out, const char *what, const struct value *list)
{
	if (!list || !list->n)
		return;
	buf_printf(out, "  %s (%zu):", what, (size_t)list->n);
	for (size_t i = 0; i < list->n; i++)
		buf_printf(out, "%s %s", i ? "," : "", value_str(list->items[i], "id"));
	buf_putc(out, '\n');
}

void diff_write_text(struct buf *out, const struct value *diff)
{
	const struct value *list = value_get(diff, "cohorts");
	buf_printf(out, "washboard diff: %s -> %s: %.0f changes\n",
		   *value_str(diff, "old_version") ? value_str(diff, "old_version") : "(old)",
		   *value_str(diff, "new_version") ? value_str(diff, "new_version") : "(new)",
		   value_num(diff, "n_changes"));
	for (size_t i = 0; list && i < list->n; i++) {
		const struct value *c = list->items[i], *v = value_get(c, "verdict_changes");
		const struct value *m = value_get(c, "movements"), *r = value_get(c, "rank_changes");
		buf_printf(out, "\n%s (%s): %s\n", value_str(c, "title"), value_str(c, "id"), value_str(c, "status"));
		names(out, "models added", value_get(c, "models_added"));
		names(out, "models removed", value_get(c, "models_removed"));
		names(out, "benchmarks added", value_get(c, "benchmarks_added"));
		names(out, "benchmarks removed", value_get(c, "benchmarks_removed"));
		for (size_t k = 0; v && k < v->n; k++)
			buf_printf(out, "  verdict %-32s %s -> %s\n", value_str(v->items[k], "id"),
				   value_str(v->items[k], "old_label"), value_str(v->items[k], "new_label"));
		for (size_t k = 0; m && k < m->n; k++)
			buf_printf(out, "  correlation %-28s %6.1f%% -> %6.1f%% (%+.1f)\n",
				   value_str(m->items[k], "id"), 100 * value_num(m->items[k], "old"),
				   100 * value_num(m->items[k], "new"), 100 * value_num(m->items[k], "delta"));
		for (size_t k = 0; r && k < r->n; k++)
			buf_printf(out, "  decorrelated rank %-22s %3.0f -> %3.0f (%+.0f)\n",
				   value_str(r->items[k], "id"), value_num(r->items[k], "old"),
				   value_num(r->items[k], "new"), value_num(r->items[k], "delta"));
	}
}
