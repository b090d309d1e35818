#include "fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

/* A column: the models that have a value, in ascending order of it (ties by position). */
struct column {
	const double *x; /* per model, NAN when missing (borrowed or owned, see owned) */
	size_t *ord;     /* models with a value, ascending by x */
	size_t *tie_end; /* per position of ord: the end of its run of equal values, or NULL */
	size_t n;
	double *owned;   /* x when the column was built here, else NULL */
};

struct fit_cohort {
	const struct corpus *c;
	const struct cohort_result *cr;
	size_t nm, nres, ncap;
	struct column *res;      /* per result: its oriented values */
	struct column *ref;      /* per result: correlate_with's oriented values (n = 0 if none) */
	/* per result, its column restricted to the models that also have what a statistic pairs
	 * it with, so a fit only tests weights: the complete models (for the capabilities score
	 * of the full mask), training FLOP, correlate_with's value */
	struct column *with_cap, *with_flop, *with_ref;
	struct column flop;      /* log10 training FLOP */
	size_t *cap_res;         /* per capability benchmark: its result position */
	bool *is_cap;            /* per result: a capability benchmark */
	long *cap_of;            /* per result: its position in cohort_result.cap, or -1 */
	size_t *area_of;         /* per result: its area position (leaderboard benchmarks) */
	const double *pc1;       /* full-sample PC1 (ncap), or NULL: no capabilities score */
	double high, low;        /* verdict thresholds */
	struct analysis_options opt; /* the analysis's: imputation, reduced scores, coverage */
	bool *subsets;           /* nsubsets x ncap: the capability benchmarks of reduced scores */
	size_t nsubsets;
	long *subset_of;         /* per model: its subset, or -1 (not a reduced score) */
	bool *ranked;            /* per model: has a leaderboard rank (enough coverage) */
};

/* The ranks of a column over every model of the sample that has it: a benchmark that every
 * such model has needs no ranks of its own for that column. */
struct full_ranks {
	double *rank; /* per model */
	size_t n;     /* models of the sample with a value */
};

/* Per-fit working memory: everything fit_run() writes besides the result. */
struct fit_scratch {
	unsigned *mark;     /* per model: == stamp when in the current set */
	unsigned stamp;
	size_t *list;       /* the current set, in the order it was built */
	double *ra, *rb;    /* weighted ranks */
	double *capr;       /* ncap x nm: ranks of each capability column over the complete */
	double *mu, *sigma; /* per capability benchmark: z-score parameters */
	double *matrix, *eigen, *pc;
	size_t *sorder;     /* models with a score, ascending by score */
	struct keyed *keys; /* room to sort nm values */
	size_t *tie_end;    /* the score column's runs of equal values */
	double *zmu, *zsd;  /* per result: z-score parameters in this fit */
	double *lb_a, *lb_b, *lb_sd; /* per result: residual fit z = a + b * basis, residual SD */
	double *resid;      /* nres x nm: residuals (valid where lb_sd[r] > 0 and x is there) */
	double *area_s, *area_d;     /* nareas x nm: unscaled area means */
	double *tmp;
	long *rank;
	struct full_ranks score_ranks, flop_ranks;
	bool full_mask;     /* this fit uses every capability benchmark */
	size_t *use;        /* ncap: the capability benchmarks of the current PC1 fit */
	const double **vals; /* ncap: their values per model */
	bool *rows, *elig;  /* per model: in the fit; eligible (imputation) or a target */
	unsigned *iw;       /* per eligible model: its weight */
	double *imx;        /* nm x ncap: the eligible models' capability block */
	double *fill;       /* ncap x nm: measured and imputed values */
	double *cap_mu, *cap_sd; /* ncap: the capability block's z-score parameters, or NAN */
};

/* ------------------------------------------------------------------------ preparation */

struct keyed {
	double x;
	size_t i;
};

static int cmp_keyed(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* The models with a finite x[i], ascending by x (ties by position), into ord; their count.
 * k is room for nm keys. No globals: fits sort in threads. */
static size_t sort_models(const double *x, size_t nm, size_t *ord, struct keyed *k)
{
	size_t n = 0;
	for (size_t i = 0; i < nm; i++)
		if (isfinite(x[i]))
			k[n++] = (struct keyed){x[i], i};
	qsort(k, n, sizeof(*k), cmp_keyed);
	for (size_t t = 0; t < n; t++)
		ord[t] = k[t].i;
	return n;
}

/* tie_end of col from its order (a column's values never change, only the weights). */
static void tie_ends(struct column *col)
{
	free(col->tie_end);
	col->tie_end = xcalloc(col->n ? col->n : 1, sizeof(size_t));
	for (size_t t = col->n; t-- > 0;)
		col->tie_end[t] = t + 1 < col->n && col->x[col->ord[t + 1]] == col->x[col->ord[t]]
				      ? col->tie_end[t + 1]
				      : t + 1;
}

/* The models of col that also have a finite also[i], in col's order (x borrowed). */
static void column_restrict(struct column *to, const struct column *col, const double *also,
			    const bool *keep)
{
	to->x = col->x;
	to->owned = NULL;
	to->tie_end = NULL;
	to->ord = xcalloc(col->n ? col->n : 1, sizeof(size_t));
	to->n = 0;
	for (size_t t = 0; t < col->n; t++)
		if ((!also || isfinite(also[col->ord[t]])) && (!keep || keep[col->ord[t]]))
			to->ord[to->n++] = col->ord[t];
	tie_ends(to);
}

static void column_init(struct column *col, const double *x, size_t nm)
{
	struct keyed *k = xcalloc(nm ? nm : 1, sizeof(*k));
	col->x = x;
	col->ord = xcalloc(nm ? nm : 1, sizeof(size_t));
	col->n = sort_models(x, nm, col->ord, k);
	col->tie_end = NULL;
	free(k);
	tie_ends(col);
}

/* A column of benchmark bench's oriented values over the cohort, read from the corpus. */
static void column_of_benchmark(struct column *col, const struct corpus *c,
				const struct cohort_result *cr, long bench)
{
	double *x = xcalloc(cr->nmodels ? cr->nmodels : 1, sizeof(double));
	for (size_t i = 0; i < cr->nmodels; i++) {
		const struct score *s = &c->models[cr->models[i]].scores[bench];
		x[i] = s->present ? content_orient(&c->benchmarks[bench], s->value) : NAN;
	}
	column_init(col, x, cr->nmodels);
	col->owned = x;
}

/* with_cap, with_flop and with_ref of every result. */
static void restrict_columns(struct fit_cohort *fc)
{
	bool *complete = xcalloc(fc->nm ? fc->nm : 1, sizeof(bool));
	for (size_t i = 0; i < fc->nm; i++) {
		size_t j;
		for (j = 0; j < fc->ncap; j++)
			if (!isfinite(fc->res[fc->cap_res[j]].x[i]))
				break;
		complete[i] = fc->ncap && j == fc->ncap;
	}
	fc->with_cap = xcalloc(fc->nres ? fc->nres : 1, sizeof(struct column));
	fc->with_flop = xcalloc(fc->nres ? fc->nres : 1, sizeof(struct column));
	fc->with_ref = xcalloc(fc->nres ? fc->nres : 1, sizeof(struct column));
	for (size_t r = 0; r < fc->nres; r++) {
		column_restrict(&fc->with_cap[r], &fc->res[r], NULL, complete);
		column_restrict(&fc->with_flop[r], &fc->res[r], fc->flop.x, NULL);
		if (fc->ref[r].ord)
			column_restrict(&fc->with_ref[r], &fc->res[r], fc->ref[r].x, NULL);
	}
	free(complete);
}

/* The reduced scores' subsets and who has them; who has a leaderboard rank. */
static void prepare_models(struct fit_cohort *fc, const struct cohort_result *cr)
{
	size_t nm = fc->nm, k = fc->ncap;
	fc->subsets = xcalloc(nm * k + 1, sizeof(bool));
	fc->subset_of = xcalloc(nm ? nm : 1, sizeof(long));
	fc->ranked = xcalloc(nm ? nm : 1, sizeof(bool));
	for (size_t i = 0; i < nm; i++) {
		size_t g;
		fc->subset_of[i] = -1;
		if (cr->basis[i] != SCORE_REDUCED)
			continue;
		for (g = 0; g < fc->nsubsets; g++)
			if (memcmp(fc->subsets + g * k, cr->subset + i * k, k * sizeof(bool)) == 0)
				break;
		if (g == fc->nsubsets)
			memcpy(fc->subsets + fc->nsubsets++ * k, cr->subset + i * k, k * sizeof(bool));
		fc->subset_of[i] = (long)g;
	}
	for (size_t t = 0; t < nm; t++)
		fc->ranked[cr->leaders[t].model] = cr->leaders[t].ranked;
}

struct fit_cohort *fit_prepare(const struct corpus *c, const struct cohort_result *cr,
			       const struct analysis_options *o)
{
	struct fit_cohort *fc = xcalloc(1, sizeof(*fc));
	size_t nm = cr->nmodels;
	double *lf = xcalloc(nm ? nm : 1, sizeof(double));

	fc->c = c;
	fc->cr = cr;
	fc->nm = nm;
	fc->nres = cr->nresults;
	fc->ncap = cr->ncap;
	fc->high = c->high;
	fc->low = c->low;
	fc->pc1 = cr->loadings;
	fc->opt = *o;
	fc->res = xcalloc(fc->nres ? fc->nres : 1, sizeof(*fc->res));
	fc->ref = xcalloc(fc->nres ? fc->nres : 1, sizeof(*fc->ref));
	fc->is_cap = xcalloc(fc->nres ? fc->nres : 1, sizeof(bool));
	fc->cap_of = xcalloc(fc->nres ? fc->nres : 1, sizeof(long));
	fc->area_of = xcalloc(fc->nres ? fc->nres : 1, sizeof(size_t));
	fc->cap_res = xcalloc(fc->ncap ? fc->ncap : 1, sizeof(size_t));
	for (size_t r = 0; r < fc->nres; r++) {
		const struct bench_result *br = &cr->results[r];
		long ref = c->benchmarks[br->bench].correlate_index;
		column_init(&fc->res[r], br->oriented, nm);
		fc->cap_of[r] = -1;
		if (ref >= 0)
			column_of_benchmark(&fc->ref[r], c, cr, ref);
		for (size_t j = 0; j < fc->ncap; j++)
			if (cr->cap[j] == br->bench) {
				fc->cap_res[j] = r;
				fc->is_cap[r] = true;
				fc->cap_of[r] = (long)j;
			}
	}
	for (size_t a = 0; a < cr->nareas; a++)
		for (size_t t = 0; t < cr->areas[a].nbench; t++)
			fc->area_of[cr->areas[a].bench[t]] = a;
	for (size_t i = 0; i < nm; i++) {
		const struct model *m = &c->models[cr->models[i]];
		lf[i] = m->has_flop ? log10(m->training_flop) : NAN;
	}
	column_init(&fc->flop, lf, nm);
	fc->flop.owned = lf;
	restrict_columns(fc);
	prepare_models(fc, cr);
	return fc;
}

static void column_release(struct column *col)
{
	free(col->ord);
	free(col->tie_end);
	free(col->owned);
}

void fit_cohort_free(struct fit_cohort *fc)
{
	if (!fc)
		return;
	for (size_t r = 0; r < fc->nres; r++) {
		column_release(&fc->res[r]);
		column_release(&fc->with_cap[r]);
		column_release(&fc->with_flop[r]);
		column_release(&fc->with_ref[r]);
		if (fc->ref[r].ord)
			column_release(&fc->ref[r]);
	}
	free(fc->with_cap);
	free(fc->subsets);
	free(fc->subset_of);
	free(fc->ranked);
	free(fc->with_flop);
	free(fc->with_ref);
	column_release(&fc->flop);
	free(fc->res);
	free(fc->ref);
	free(fc->is_cap);
	free(fc->cap_of);
	free(fc->area_of);
	free(fc->cap_res);
	free(fc);
}

static double *doubles(size_t n)
{
	return xcalloc(n ? n : 1, sizeof(double));
}

struct fit_result *fit_result_new(const struct fit_cohort *fc)
{
	struct fit_result *r = xcalloc(1, sizeof(*r));
	struct fit_scratch *s = xcalloc(1, sizeof(*s));
	size_t nm = fc->nm, k = fc->ncap, na = fc->cr->nareas;

	r->score = doubles(nm);
	r->score_rank = doubles(nm);
	r->safety = doubles(nm);
	r->safety_rank = doubles(nm);
	r->decorrelated = doubles(nm);
	r->decorrelated_rank = doubles(nm);
	r->bench = xcalloc(fc->nres ? fc->nres : 1, sizeof(*r->bench));
	s->mark = xcalloc(nm ? nm : 1, sizeof(unsigned));
	s->list = xcalloc(nm ? nm : 1, sizeof(size_t));
	s->sorder = xcalloc(nm ? nm : 1, sizeof(size_t));
	s->keys = xcalloc(nm ? nm : 1, sizeof(struct keyed));
	s->tie_end = xcalloc(nm ? nm : 1, sizeof(size_t));
	s->use = xcalloc(k ? k : 1, sizeof(size_t));
	s->vals = xcalloc(k ? k : 1, sizeof(const double *));
	s->rows = xcalloc(nm ? nm : 1, sizeof(bool));
	s->elig = xcalloc(nm ? nm : 1, sizeof(bool));
	s->iw = xcalloc(nm ? nm : 1, sizeof(unsigned));
	s->imx = doubles(nm * k);
	s->fill = doubles(nm * k);
	s->cap_mu = doubles(k);
	s->cap_sd = doubles(k);
	s->rank = xcalloc(nm ? nm : 1, sizeof(long));
	s->ra = doubles(nm);
	s->rb = doubles(nm);
	s->tmp = doubles(nm);
	s->score_ranks.rank = doubles(nm);
	s->flop_ranks.rank = doubles(nm);
	s->capr = doubles(k * nm);
	s->mu = doubles(k);
	s->sigma = doubles(k);
	s->matrix = doubles(k * k);
	s->eigen = doubles(k);
	s->pc = doubles(k);
	s->zmu = doubles(fc->nres);
	s->zsd = doubles(fc->nres);
	s->lb_a = doubles(fc->nres);
	s->lb_b = doubles(fc->nres);
	s->lb_sd = doubles(fc->nres);
	s->resid = doubles(fc->nres * nm);
	s->area_s = doubles(na * nm);
	s->area_d = doubles(na * nm);
	r->scratch = s;
	return r;
}

void fit_result_free(struct fit_result *r)
{
	struct fit_scratch *s;
	if (!r)
		return;
	s = r->scratch;
	free(s->mark);
	free(s->list);
	free(s->sorder);
	free(s->keys);
	free(s->tie_end);
	free(s->use);
	free((void *)s->vals);
	free(s->rows);
	free(s->elig);
	free(s->iw);
	free(s->imx);
	free(s->fill);
	free(s->cap_mu);
	free(s->cap_sd);
	free(s->rank);
	free(s->ra);
	free(s->rb);
	free(s->tmp);
	free(s->score_ranks.rank);
	free(s->flop_ranks.rank);
	free(s->capr);
	free(s->mu);
	free(s->sigma);
	free(s->matrix);
	free(s->eigen);
	free(s->pc);
	free(s->zmu);
	free(s->zsd);
	free(s->lb_a);
	free(s->lb_b);
	free(s->lb_sd);
	free(s->resid);
	free(s->area_s);
	free(s->area_d);
	free(s);
	free(r->score);
	free(r->score_rank);
	free(r->safety);
	free(r->safety_rank);
	free(r->decorrelated);
	free(r->decorrelated_rank);
	free(r->bench);
	free(r);
}

/* ------------------------------------------------------------------ weighted numerics */

/* A new, empty set: models are in it when mark[i] == stamp. */
static unsigned set_new(struct fit_scratch *s, size_t nm)
{
	if (++s->stamp == 0) { /* wrapped: clear, so no old mark can match */
		memset(s->mark, 0, nm * sizeof(unsigned));
		s->stamp = 1;
	}
	return s->stamp;
}

/*
 * Weighted average ranks over the models of col that are in the set (mark == stamp), in
 * rank[i]: a tie group that starts after C units of weight and holds W gets C + (W + 1) / 2,
 * which is the average rank its copies get in the expanded sample.
 */
static void weighted_ranks(const struct column *col, const unsigned *w, const unsigned *mark,
			   unsigned stamp, double *rank)
{
	double cum = 0;
	size_t t = 0;

	while (t < col->n) {
		size_t end = col->tie_end[t];
		double weight = 0;
		for (size_t u = t; u < end; u++) {
			size_t i = col->ord[u];
			if (mark[i] == stamp)
				weight += w[i];
		}
		for (size_t u = t; u < end; u++)
			if (mark[col->ord[u]] == stamp)
				rank[col->ord[u]] = cum + (weight + 1) / 2;
		cum += weight;
		t = end;
	}
}

/* Are all values of x over list[0..n) equal? */
static bool constant_over(const double *x, const size_t *list, size_t n)
{
	for (size_t t = 1; t < n; t++)
		if (x[list[t]] != x[list[0]])
			return false;
	return true;
}

struct moments {
	double w, mx, my, sxx, syy, sxy; /* total weight, means, centred sums */
};

static struct moments moments(const double *x, const double *y, const unsigned *w,
			      const size_t *list, size_t n)
{
	struct moments m = {0, 0, 0, 0, 0, 0};
	for (size_t t = 0; t < n; t++) {
		size_t i = list[t];
		m.w += w[i];
		m.mx += w[i] * x[i];
		m.my += w[i] * y[i];
	}
	m.mx /= m.w;
	m.my /= m.w;
	for (size_t t = 0; t < n; t++) {
		size_t i = list[t];
		double dx = x[i] - m.mx, dy = y[i] - m.my;
		m.sxx += w[i] * dx * dx;
		m.syy += w[i] * dy * dy;
		m.sxy += w[i] * dx * dy;
	}
	return m;
}

static double weighted_pearson(const double *x, const double *y, const unsigned *w,
			       const size_t *list, size_t n)
{
	struct moments m = moments(x, y, w, list, n);
	if (!(m.sxx > 0) || !(m.syy > 0))
		return NAN;
	return m.sxy / sqrt(m.sxx * m.syy);
}

/* Weighted mean and population SD of x over list[0..n); the SD of equal values is 0 exactly
 * (their mean may not be, by rounding). */
static void weighted_sd(const double *x, const unsigned *w, const size_t *list, size_t n,
			double *mean, double *sd)
{
	double sw = 0, sx = 0, ss = 0;
	bool constant = true;
	for (size_t t = 0; t < n; t++) {
		constant &= x[list[t]] == x[list[0]];
		sw += w[list[t]];
		sx += w[list[t]] * x[list[t]];
	}
	if (n && constant) {
		*mean = x[list[0]];
		*sd = 0;
		return;
	}
	*mean = sw > 0 ? sx / sw : NAN;
	for (size_t t = 0; t < n; t++) {
		double d = x[list[t]] - *mean;
		ss += w[list[t]] * d * d;
	}
	*sd = sw > 0 ? sqrt(ss / sw) : NAN;
}

/* A set gathered from a column, with the column's weighted ranks over it. */
struct ranked {
	size_t n;        /* models, in s->list[0..n) (in the column's order), marked stamp */
	double weight;   /* their total weight W */
	size_t groups;   /* distinct values among them: 1 means a constant column there */
	unsigned stamp;
	struct moments m; /* of (by, the column's x) over the set, when by was given */
	bool by_constant; /* by has one value over the set */
};

/* Shifted sums for moments in one pass: values less the first pair, which keeps the
 * cancellation small (the shift is a value of the data). */
struct sums {
	double kx, ky, w, x, y, xx, yy, xy;
};

/* Add a pair to sums whose shift (kx, ky) is already set. */
static inline void sums_add_shifted(struct sums *a, double x, double y, double w)
{
	double dx, dy;
	dx = x - a->kx;
	dy = y - a->ky;
	a->w += w;
	a->x += w * dx;
	a->y += w * dy;
	a->xx += w * dx * dx;
	a->yy += w * dy * dy;
	a->xy += w * dx * dy;
}

static inline void sums_add(struct sums *a, double x, double y, double w)
{
	if (a->w == 0) {
		a->kx = x;
		a->ky = y;
	}
	sums_add_shifted(a, x, y, w);
}

static struct moments sums_moments(const struct sums *a)
{
	struct moments m = {a->w, NAN, NAN, NAN, NAN, NAN};
	if (a->w > 0) {
		m.mx = a->kx + a->x / a->w;
		m.my = a->ky + a->y / a->w;
		m.sxx = a->xx - a->x * a->x / a->w;
		m.syy = a->yy - a->y * a->y / a->w;
		m.sxy = a->xy - a->x * a->y / a->w;
	}
	return m;
}

/* What one gather_ranked() pass reads, and the by value of the first model it takes. */
struct gathering {
	struct fit_scratch *s;
	const unsigned *w;
	const double *need, *by;
	double by0;
};

/* Take model i, of col's value v, into the set g (its moments in a) when the sample has it
 * (and need does): returns whether it was taken. */
static inline __attribute__((always_inline)) bool
gather_take(struct gathering *at, struct ranked *g, struct sums *a, size_t i, double v)
{
	const unsigned *w = at->w;
	if (!w[i] || (at->need && !isfinite(at->need[i])))
		return false;
	at->s->mark[i] = g->stamp;
	at->s->list[g->n++] = i;
	if (at->by) { /* the shift of a and by0 are the first model's, set before the pass */
		g->by_constant &= at->by[i] == at->by0;
		sums_add_shifted(a, at->by[i], v, w[i]);
	}
	return true;
}

/* gather_ranked()'s pass, inlined into each of its cases. */
static inline __attribute__((always_inline)) struct ranked
gather_pass(struct fit_scratch *s, const struct column *col, const unsigned *w, const double *need,
	    const double *by, unsigned stamp, double *rank)
{
	struct gathering at = {s, w, need, by, NAN};
	struct ranked g = {0, 0, 0, stamp, {0, 0, 0, 0, 0, 0}, true};
	struct sums a = {0, 0, 0, 0, 0, 0, 0, 0};
	size_t t = 0;

	for (size_t u = 0; by && u < col->n; u++) { /* the first model the pass will take */
		size_t i = col->ord[u];
		if (w[i] && (!need || isfinite(need[i]))) {
			a.kx = at.by0 = by[i];
			a.ky = col->x[i];
			break;
		}
	}
	while (t < col->n) {
		size_t first = g.n, end = col->tie_end[t];
		double v = col->x[col->ord[t]], weight = 0;
		if (end == t + 1) { /* a value no other model has (most): no tie group to share */
			size_t i = col->ord[t++];
			if (gather_take(&at, &g, &a, i, v)) {
				rank[i] = g.weight + ((double)w[i] + 1) / 2;
				g.groups++;
				g.weight += w[i];
			}
			continue;
		}
		for (size_t u = t; u < end; u++)
			if (gather_take(&at, &g, &a, col->ord[u], v))
				weight += w[col->ord[u]];
		for (size_t u = first; u < g.n; u++)
			rank[s->list[u]] = g.weight + (weight + 1) / 2;
		g.groups += g.n > first;
		g.weight += weight;
		t = end;
	}
	g.m = sums_moments(&a);
	return g;
}

/*
 * gather() and weighted_ranks() of col in one pass: the set of the sample's models that col
 * has and need (when not NULL) has, with col's weighted average ranks over it in rank[];
 * with by, also the moments of (by, col) over the set. Each case of need and by has a pass
 * of its own, which tests neither per model (the same operations, in the same order).
 */
static struct ranked gather_ranked(struct fit_scratch *s, const struct column *col,
				   const unsigned *w, const double *need, const double *by,
				   unsigned stamp, double *rank)
{
	if (need)
		return gather_pass(s, col, w, need, by, stamp, rank);
	if (by)
		return gather_pass(s, col, w, NULL, by, stamp, rank);
	return gather_pass(s, col, w, NULL, NULL, stamp, rank);
}

/*
 * Pearson of two weighted-rank columns over the set g: the weighted mean of the average
 * ranks of a set of total weight W is (W + 1) / 2 exactly, so one pass suffices.
 */
static double rank_pearson(const double *ra, const double *rb, const unsigned *w,
			   const size_t *list, const struct ranked *g)
{
	double m = (g->weight + 1) / 2, sab = 0, saa = 0, sbb = 0;
	for (size_t t = 0; t < g->n; t++) {
		size_t i = list[t];
		double da = ra[i] - m, db = rb[i] - m;
		sab += w[i] * da * db;
		saa += w[i] * da * da;
		sbb += w[i] * db * db;
	}
	if (!(saa > 0) || !(sbb > 0))
		return NAN;
	return sab / sqrt(saa * sbb);
}

/*
 * Spearman between col (ranked over the set g in s->ra by gather_ranked()) and other: NAN
 * when either is constant there.
 */
static double weighted_spearman(struct fit_scratch *s, const struct column *other,
				const struct full_ranks *full, const unsigned *w,
				const struct ranked *g)
{
	if (g->groups < 2 || g->by_constant)
		return NAN;
	if (full && full->n == g->n) /* the set is all of other's sample: its ranks are known */
		return rank_pearson(s->ra, full->rank, w, s->list, g);
	weighted_ranks(other, w, s->mark, g->stamp, s->rb);
	return rank_pearson(s->ra, s->rb, w, s->list, g);
}

/* ------------------------------------------------------------------ the capability block */

/*
 * A column of values over the models rows marks, in ascending order, for the weighted
 * ranks: vals borrowed, its order and runs of equal values in to's scratch arrays.
 */
static void sorted_column(struct fit_scratch *s, struct column *to, const double *vals,
			  const bool *rows, size_t nm, size_t *ord, size_t *tie_end)
{
	for (size_t i = 0; i < nm; i++)
		s->tmp[i] = rows[i] ? vals[i] : NAN;
	to->x = vals;
	to->ord = ord;
	to->tie_end = tie_end;
	to->owned = NULL;
	to->n = sort_models(s->tmp, nm, ord, s->keys);
	for (size_t t = to->n; t-- > 0;)
		tie_end[t] = t + 1 < to->n && vals[ord[t + 1]] == vals[ord[t]] ? tie_end[t + 1] : t + 1;
}

/*
 * PC1 of the capability columns use[0..km) (vals[t]: the values of column use[t] per model)
 * over the sample's models that rows marks, signed against the full PC1 restricted to use;
 * then the scores of the models target marks, in out->score. vals are the measured columns
 * when presorted (their order is known), else any values (they are sorted here).
 * Returns 0, or -1 with nothing scored (fewer than ANALYSIS_MIN_MODELS distinct models, a
 * constant column, a failed decomposition).
 */
static int pc1_fit(const struct fit_cohort *fc, const unsigned *w, const double *const *vals,
		   const size_t *use, size_t km, const bool *rows, const bool *target,
		   bool presorted, struct fit_result *out, double *variance, double *cosine)
{
	struct fit_scratch *s = out->scratch;
	size_t nm = fc->nm, n = 0;
	unsigned stamp = set_new(s, nm);
	double sum = 0, dot = 0, norm = 0;

	for (size_t i = 0; i < nm; i++)
		if (rows[i] && w[i]) {
			s->mark[i] = stamp;
			s->list[n++] = i;
		}
	if (n < ANALYSIS_MIN_MODELS)
		return -1;
	for (size_t t = 0; t < km; t++) {
		struct column sorted;
		const struct column *col = &fc->res[fc->cap_res[use[t]]];
		if (constant_over(vals[t], s->list, n))
			return -1;
		weighted_sd(vals[t], w, s->list, n, &s->mu[t], &s->sigma[t]);
		if (!presorted) {
			sorted_column(s, &sorted, vals[t], rows, nm, s->sorder, s->tie_end);
			col = &sorted;
		}
		weighted_ranks(col, w, s->mark, stamp, s->capr + t * nm);
	}
	for (size_t a = 0; a < km; a++)
		for (size_t b = a; b < km; b++)
			s->matrix[a * km + b] = s->matrix[b * km + a] =
			    a == b ? 1.0
				   : weighted_pearson(s->capr + a * nm, s->capr + b * nm, w, s->list, n);
	if (stats_pc1(s->matrix, km, s->eigen, s->pc) < 0)
		return -1;
	for (size_t t = 0; t < km; t++) {
		dot += s->pc[t] * fc->pc1[use[t]];
		norm += fc->pc1[use[t]] * fc->pc1[use[t]];
		sum += s->eigen[t];
	}
	if (dot < 0)
		for (size_t t = 0; t < km; t++)
			s->pc[t] = -s->pc[t];
	*variance = s->eigen[0] / sum;
	*cosine = norm > 0 ? fabs(dot) / sqrt(norm) : NAN;
	/* every model target marks, in the sample or not */
	for (size_t i = 0; i < nm; i++) {
		double sc = 0;
		if (!target[i])
			continue;
		for (size_t t = 0; t < km; t++)
			sc += (vals[t][i] - s->mu[t]) / s->sigma[t] * s->pc[t];
		out->score[i] = sc;
	}
	return 0;
}

/* rows: the models with at least need of the columns use[0..km) measured. */
static size_t count_rows(const struct fit_cohort *fc, const size_t *use, size_t km, size_t need,
			 bool *rows)
{
	size_t n = 0;
	for (size_t i = 0; i < fc->nm; i++) {
		size_t have = 0;
		for (size_t t = 0; t < km; t++)
			have += isfinite(fc->res[fc->cap_res[use[t]]].x[i]);
		rows[i] = km && have >= need;
		n += rows[i];
	}
	return n;
}

/*
 * --impute in this sample: the eligible models' missing cells filled by a weighted fit, into
 * s->fill (column t at s->fill + t * nm); false (rows left alone) when it cannot be used.
 */
static bool impute_sample(const struct fit_cohort *fc, const unsigned *w, const size_t *use,
			  size_t km, bool *rows, struct fit_scratch *s)
{
	size_t nm = fc->nm, need = (size_t)ceil(fc->opt.impute_min_share * (double)km - 1e-9), n;
	unsigned rank = fc->opt.impute_rank < km ? fc->opt.impute_rank : (unsigned)km;
	struct impute_stats st;

	n = count_rows(fc, use, km, need < 1 ? 1 : need, s->elig);
	for (size_t t = 0, r = 0; t < nm; t++) {
		if (!s->elig[t])
			continue;
		s->iw[r] = w[t];
		for (size_t j = 0; j < km; j++)
			s->imx[r * km + j] = fc->res[fc->cap_res[use[j]]].x[t];
		r++;
	}
	if (!n || impute_lowrank(s->imx, n, km, s->iw, rank, &st) < 0 || !st.converged)
		return false;
	for (size_t j = 0; j < km; j++)
		for (size_t i = 0; i < nm; i++)
			s->fill[j * nm + i] = NAN;
	for (size_t t = 0, r = 0; t < nm; t++) {
		if (!s->elig[t])
			continue;
		for (size_t j = 0; j < km; j++)
			s->fill[j * nm + t] = s->imx[r * km + j];
		r++;
	}
	memcpy(rows, s->elig, nm * sizeof(bool));
	return true;
}

/* The reduced scores (docs/method.md 1b) of this sample, for the models the analysis gave one. */
static void reduced_sample(const struct fit_cohort *fc, const unsigned *w, struct fit_result *out)
{
	struct fit_scratch *s = out->scratch;
	size_t nm = fc->nm, k = fc->ncap;
	double variance, cosine;

	for (size_t g = 0; g < fc->nsubsets; g++) {
		const bool *sub = fc->subsets + g * k;
		size_t km = 0;
		for (size_t j = 0; j < k; j++)
			if (sub[j]) {
				s->use[km] = j;
				s->vals[km++] = fc->res[fc->cap_res[j]].x;
			}
		count_rows(fc, s->use, km, km, s->rows);
		for (size_t i = 0; i < nm; i++)
			s->elig[i] = fc->subset_of[i] == (long)g;
		pc1_fit(fc, w, s->vals, s->use, km, s->rows, s->elig, true, out,
			&variance, &cosine);
	}
}

/* Capabilities scores of this sample's capability block: every model that enters it (the
 * complete ones, or the eligible ones with --impute), then the reduced ones. */
static void capability_block(const struct fit_cohort *fc, const unsigned *w, const bool *mask,
			     struct fit_result *out)
{
	struct fit_scratch *s = out->scratch;
	size_t nm = fc->nm, km = 0;
	bool presorted = true;

	out->capable = false;
	out->variance_explained = out->cosine = NAN;
	for (size_t i = 0; i < nm; i++)
		out->score[i] = NAN;
	for (size_t j = 0; j < fc->ncap; j++)
		if (!mask || mask[j]) {
			s->use[km] = j;
			s->vals[km++] = fc->res[fc->cap_res[j]].x;
		}
	if (!fc->pc1 || km == 0)
		return;
	count_rows(fc, s->use, km, km, s->rows); /* the complete models of this mask */
	if (fc->opt.impute && impute_sample(fc, w, s->use, km, s->rows, s)) {
		for (size_t t = 0; t < km; t++)
			s->vals[t] = s->fill + t * nm;
		presorted = false;
	}
	out->capable = pc1_fit(fc, w, s->vals, s->use, km, s->rows,
			       s->rows, presorted, out, &out->variance_explained, &out->cosine) == 0;
	for (size_t j = 0; j < fc->ncap; j++)
		s->cap_mu[j] = s->cap_sd[j] = NAN;
	for (size_t t = 0; out->capable && t < km; t++) {
		s->cap_mu[s->use[t]] = s->mu[t]; /* kept: the reduced fits reuse mu and sigma */
		s->cap_sd[s->use[t]] = s->sigma[t];
	}
	if (out->capable && fc->opt.reduced_score && s->full_mask)
		reduced_sample(fc, w, out);
}

/* ------------------------------------------------------------------ per benchmark */


/* z-score parameters of result r when it is a capability benchmark in the block: the block's
 * own (its rows, with imputed cells), as the analysis standardises it. False otherwise. */
static bool zparams_of_block(const struct fit_cohort *fc, size_t r, struct fit_result *out)
{
	struct fit_scratch *s = out->scratch;
	long j = fc->cap_of[r];

	if (j < 0 || !out->capable || !isfinite(s->cap_sd[j]))
		return false;
	s->zmu[r] = s->cap_mu[j];
	s->zsd[r] = s->cap_sd[j];
	return true;
}

/* z-score parameters of result r from moments m of its values over a set of total weight
 * m.w (its mean my and centred sum syy), whose values are all equal to first when constant. */
static void zparams_set(struct fit_scratch *s, size_t r, struct moments m, bool constant,
			double first)
{
	s->zmu[r] = constant ? first : m.my; /* equal values: SD 0 exactly (method.md 1.3) */
	s->zsd[r] = m.w > 0 ? (constant ? 0 : sqrt(fmax(m.syy, 0) / m.w)) : NAN;
}

/*
 * z-score parameters of result r over the set g that gather_ranked() took from col (r's
 * values, by the capabilities score) when that set is the one zparams() would take: the
 * sums are the same, in the same order, so the parameters are too, bit for bit.
 */
static void zparams_of_set(struct fit_scratch *s, const struct column *col, size_t r,
			   const struct ranked *g)
{
	zparams_set(s, r, g->m, g->groups < 2, g->n ? col->x[s->list[0]] : NAN);
}

/* z-score parameters of result r: over the sample's complete models for a capability
 * benchmark (the set of the last capability block is not kept, so it is rebuilt), else over
 * the sample's models that have it. */
static void zparams(const struct fit_cohort *fc, size_t r, const unsigned *w,
		    struct fit_result *out)
{
	struct fit_scratch *s = out->scratch;
	const struct column *col = &fc->res[r];
	const double *need = fc->is_cap[r] && out->capable ? out->score : NULL;
	struct sums a = {0, 0, 0, 0, 0, 0, 0, 0};
	bool constant = true;
	double first = NAN;

	if (zparams_of_block(fc, r, out))
		return;
	for (size_t t = 0; t < col->n; t++) {
		size_t i = col->ord[t];
		if (!w[i] || (need && !isfinite(need[i])))
			continue;
		if (a.w == 0)
			first = col->x[i];
		constant &= col->x[i] == first;
		sums_add(&a, col->x[i], col->x[i], w[i]);
	}
	zparams_set(s, r, sums_moments(&a), constant, first);
}

/*
 * Result r's z-score parameters (zparams()), then its statistics against the capabilities
 * score (pairs: the sample's models with both).
 */
static void against_score(const struct fit_cohort *fc, size_t r, const unsigned *w,
			  const struct column *scol, struct fit_result *out)
{
	struct fit_scratch *s = out->scratch;
	struct fit_bench *fb = &out->bench[r];
	struct ranked g;
	struct moments m;
	size_t n;
	double ic;

	s->lb_a[r] = s->lb_b[r] = NAN;
	if (!out->capable) {
		zparams(fc, r, w, out);
		return;
	}
	/* with the full mask and neither imputation nor reduced scores, the models with a score
	 * are the complete ones; when r's models all are, the pairs are zparams()'s set */
	if (s->full_mask && !fc->opt.impute && !fc->opt.reduced_score) {
		g = gather_ranked(s, &fc->with_cap[r], w, NULL, out->score, set_new(s, fc->nm), s->ra);
		if (fc->with_cap[r].n != fc->res[r].n)
			zparams(fc, r, w, out);
		else if (!zparams_of_block(fc, r, out))
			zparams_of_set(s, &fc->with_cap[r], r, &g);
	} else {
		zparams(fc, r, w, out);
		g = gather_ranked(s, &fc->res[r], w, out->score, out->score, set_new(s, fc->nm), s->ra);
	}
	n = g.n;
	if (n < ANALYSIS_MIN_MODELS)
		return;
	fb->cap_corr = weighted_spearman(s, scol, &s->score_ranks, w, &g);
	if (!isfinite(fb->cap_corr)) /* a constant column: no Pearson and no slope either */
		return;
	m = g.m;
	fb->pearson = m.sxy / sqrt(m.sxx * m.syy);
	fb->slope = m.sxy / m.sxx;
	ic = m.my - fb->slope * m.mx;
	if (s->zsd[r] > 0) {
		fb->std_slope = fb->slope / s->zsd[r];
		if (fc->cr->results[r].basis == BASIS_CAPABILITIES) {
			s->lb_b[r] = fb->std_slope;
			s->lb_a[r] = (ic - s->zmu[r]) / s->zsd[r];
		}
	}
}

static void against_compute(const struct fit_cohort *fc, size_t r, const unsigned *w,
			    struct fit_result *out)
{
	struct fit_scratch *s = out->scratch;
	struct fit_bench *fb = &out->bench[r];
	struct ranked g = gather_ranked(s, &fc->with_flop[r], w, NULL, fc->flop.x,
					set_new(s, fc->nm), s->ra);

	if (g.n < ANALYSIS_MIN_MODELS)
		return;
	fb->compute_corr = weighted_spearman(s, &fc->flop, &s->flop_ranks, w, &g);
	if (isfinite(fb->compute_corr) && g.m.sxx > 0)
		fb->compute_slope = g.m.sxy / g.m.sxx;
}

static void against_reference(const struct fit_cohort *fc, size_t r, const unsigned *w,
			      struct fit_result *out)
{
	struct fit_scratch *s = out->scratch;
	struct fit_bench *fb = &out->bench[r];
	const struct column *ref = &fc->ref[r];
	struct ranked g = gather_ranked(s, &fc->with_ref[r], w, NULL, ref->x, set_new(s, fc->nm),
					s->ra);

	if (g.n < ANALYSIS_MIN_MODELS)
		return;
	fb->reference_corr = weighted_spearman(s, ref, NULL, w, &g);
	if (fc->cr->results[r].basis == BASIS_REFERENCE && isfinite(fb->reference_corr) &&
	    s->zsd[r] > 0 && g.m.sxx > 0) {
		double slope = g.m.sxy / g.m.sxx, ic = g.m.my - slope * g.m.mx;
		s->lb_b[r] = slope / s->zsd[r];
		s->lb_a[r] = (ic - s->zmu[r]) / s->zsd[r];
	}
}

/* The basis value of model i for result r's residual, or NAN. */
static double basis_of(const struct fit_cohort *fc, size_t r, const struct fit_result *out,
		       size_t i)
{
	return fc->cr->results[r].basis == BASIS_REFERENCE ? fc->ref[r].x[i] : out->score[i];
}

/* Residual of model i on result r (z units), or NAN. */
static double residual(const struct fit_cohort *fc, size_t r, const struct fit_result *out,
		       size_t i)
{
	const struct fit_scratch *s = out->scratch;
	double x = fc->res[r].x[i], b = basis_of(fc, r, out, i);
	if (!isfinite(x) || !isfinite(b) || !isfinite(s->lb_b[r]))
		return NAN;
	return (x - s->zmu[r]) / s->zsd[r] - (s->lb_a[r] + s->lb_b[r] * b);
}

/* The SD of result r's residuals over the sample's models of its fit. */
static void residual_sd(const struct fit_cohort *fc, size_t r, const unsigned *w,
			struct fit_result *out)
{
	struct fit_scratch *s = out->scratch;
	double *res = s->resid + r * fc->nm, mean;
	size_t n = 0;

	s->lb_sd[r] = NAN;
	if (!isfinite(s->lb_b[r]))
		return;
	for (size_t t = 0; t < fc->res[r].n; t++) {
		size_t i = fc->res[r].ord[t];
		res[i] = residual(fc, r, out, i);
		if (w[i] && isfinite(res[i]))
			s->list[n++] = i;
	}
	weighted_sd(res, w, s->list, n, &mean, &s->lb_sd[r]);
}

static void full_ranks(struct fit_scratch *s, const struct column *col, const unsigned *w,
		       size_t nm, struct full_ranks *fr)
{
	unsigned stamp = set_new(s, nm);
	fr->n = gather_ranked(s, col, w, NULL, NULL, stamp, fr->rank).n;
}

static void benchmarks(const struct fit_cohort *fc, const unsigned *w, struct fit_result *out)
{
	struct fit_scratch *s = out->scratch;
	struct column scol = {out->score, s->sorder, s->tie_end, 0, NULL};

	scol.n = sort_models(out->score, fc->nm, s->sorder, s->keys);
	for (size_t t = scol.n; t-- > 0;) /* the score's runs of equal values */
		s->tie_end[t] = t + 1 < scol.n && out->score[s->sorder[t + 1]] == out->score[s->sorder[t]]
				    ? s->tie_end[t + 1]
				    : t + 1;
	full_ranks(s, &scol, w, fc->nm, &s->score_ranks);
	full_ranks(s, &fc->flop, w, fc->nm, &s->flop_ranks);
	for (size_t r = 0; r < fc->nres; r++) {
		struct fit_bench *fb = &out->bench[r];
		fb->cap_corr = fb->pearson = fb->slope = fb->std_slope = NAN;
		fb->compute_corr = fb->compute_slope = fb->reference_corr = NAN;
		against_score(fc, r, w, &scol, out);
		against_compute(fc, r, w, out);
		if (fc->ref[r].ord)
			against_reference(fc, r, w, out);
		fb->governing = fc->ref[r].ord ? fb->reference_corr : fb->cap_corr;
		fb->verdict = analysis_verdict(fb->governing, fc->high, fc->low);
		residual_sd(fc, r, w, out);
	}
}

/* ------------------------------------------------------------------ the leaderboard */

/*
 * Unscaled area means of every model (docs/method.md 2.4) into area_s / area_d. Benchmark by
 * benchmark over all models, so each benchmark's parameters are read once; each model's sums
 * still add its benchmarks in the area's order (s->ra, s->rb count the terms).
 */
static void area_means(const struct fit_cohort *fc, size_t a, struct fit_result *out)
{
	const struct area_result *ar = &fc->cr->areas[a];
	struct fit_scratch *s = out->scratch;
	size_t nm = fc->nm;
	double *as = s->area_s + a * nm, *ad = s->area_d + a * nm, *zn = s->ra, *rn = s->rb;

	for (size_t i = 0; i < nm; i++)
		as[i] = ad[i] = zn[i] = rn[i] = 0;
	for (size_t t = 0; t < ar->nbench; t++) {
		size_t r = ar->bench[t];
		const double *x = fc->res[r].x, *res = s->resid + r * nm;
		double mu = s->zmu[r], sd = s->zsd[r], lsd = s->lb_sd[r];
		if (fc->cr->results[r].basis == BASIS_NONE)
			continue;
		for (size_t i = 0; i < nm; i++) {
			if (!isfinite(x[i]))
				continue;
			if (sd > 0) {
				as[i] += (x[i] - mu) / sd;
				zn[i]++;
			}
			if (lsd > 0 && isfinite(out->score[i]) && isfinite(res[i])) {
				ad[i] += res[i] / lsd;
				rn[i]++;
			}
		}
	}
	for (size_t i = 0; i < nm; i++) {
		as[i] = zn[i] > 0 ? as[i] / zn[i] : NAN;
		ad[i] = rn[i] > 0 ? ad[i] / rn[i] : NAN;
	}
}

/* Divide area means by their SD over the sample's models that have one. */
static void area_scale(double *v, const unsigned *w, struct fit_scratch *s, size_t nm)
{
	size_t n = 0;
	double mean, sd;
	for (size_t i = 0; i < nm; i++)
		if (w[i] && isfinite(v[i]))
			s->list[n++] = i;
	weighted_sd(v, w, s->list, n, &mean, &sd);
	for (size_t i = 0; i < nm; i++)
		v[i] = sd > 0 ? v[i] / sd : NAN;
}

/* Mean over areas of v (nareas x nm) per model into to. */
static void mean_over_areas(const double *v, size_t na, size_t nm, double *to)
{
	for (size_t i = 0; i < nm; i++) {
		double sum = 0;
		size_t n = 0;
		for (size_t a = 0; a < na; a++)
			if (isfinite(v[a * nm + i])) {
				sum += v[a * nm + i];
				n++;
			}
		to[i] = n ? sum / (double)n : NAN;
	}
}

static void ranks_of(const double *x, size_t nm, long *tmp, double *rank)
{
	analysis_rank_desc(x, nm, tmp);
	for (size_t i = 0; i < nm; i++)
		rank[i] = tmp[i] ? (double)tmp[i] : NAN;
}

static void leaderboard(const struct fit_cohort *fc, const unsigned *w, struct fit_result *out)
{
	struct fit_scratch *s = out->scratch;
	size_t na = fc->cr->nareas, nm = fc->nm;

	for (size_t a = 0; a < na; a++) {
		area_means(fc, a, out);
		area_scale(s->area_s + a * nm, w, s, nm);
		area_scale(s->area_d + a * nm, w, s, nm);
	}
	mean_over_areas(s->area_s, na, nm, out->safety);
	mean_over_areas(s->area_d, na, nm, out->decorrelated);
	ranks_of(out->score, nm, s->rank, out->score_rank);
	/* ranks among the models with enough coverage (the scores of the others stay) */
	for (size_t i = 0; i < nm; i++) {
		s->ra[i] = fc->ranked[i] ? out->safety[i] : NAN;
		s->rb[i] = fc->ranked[i] ? out->decorrelated[i] : NAN;
	}
	ranks_of(s->ra, nm, s->rank, out->safety_rank);
	ranks_of(s->rb, nm, s->rank, out->decorrelated_rank);
}

void fit_run(const struct fit_cohort *fc, const unsigned *w, const bool *capmask,
	     struct fit_result *out)
{
	out->scratch->full_mask = true;
	for (size_t j = 0; capmask && j < fc->ncap; j++)
		out->scratch->full_mask &= capmask[j];
	capability_block(fc, w, capmask, out);
	benchmarks(fc, w, out);
	leaderboard(fc, w, out);
}
