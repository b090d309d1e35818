#include "analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

const char *basis_name(enum basis b)
{
	return b == BASIS_CAPABILITIES ? "capabilities" : b == BASIS_REFERENCE ? "reference" : NULL;
}

enum verdict analysis_verdict(double r, double high, double low)
{
	if (!isfinite(r))
		return VERDICT_INSUFFICIENT;
	r = round(r * 1e12) / 1e12;
	if (r >= high)
		return VERDICT_TRACKS;
	if (r >= low)
		return VERDICT_MODERATE;
	if (r > -low)
		return VERDICT_DISTINCT;
	return VERDICT_WORSENS;
}

/* Pairs of finite values, gathered for pairwise deletion. */
struct pairs {
	double *x, *y;
	size_t n;
};

static void pairs_init(struct pairs *p, size_t cap)
{
	p->x = xcalloc(cap ? cap : 1, sizeof(double));
	p->y = xcalloc(cap ? cap : 1, sizeof(double));
	p->n = 0;
}

static void pairs_add(struct pairs *p, double x, double y)
{
	if (isfinite(x) && isfinite(y)) {
		p->x[p->n] = x;
		p->y[p->n] = y;
		p->n++;
	}
}

static void pairs_release(struct pairs *p)
{
	free(p->x);
	free(p->y);
}

static double *nan_array(size_t n)
{
	double *a = xcalloc(n ? n : 1, sizeof(double));
	for (size_t i = 0; i < n; i++)
		a[i] = NAN;
	return a;
}

struct keyed {
	double x;
	size_t i;
};

static int cmp_keyed_desc(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	if (a->x != b->x)
		return a->x > b->x ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

void analysis_rank_desc(const double *x, size_t n, long *rank)
{
	struct keyed *k = xcalloc(n ? n : 1, sizeof(*k));
	size_t m = 0;

	for (size_t i = 0; i < n; i++) {
		rank[i] = 0;
		if (isfinite(x[i]))
			k[m++] = (struct keyed){x[i], i};
	}
	qsort(k, m, sizeof(*k), cmp_keyed_desc);
	for (size_t t = 0; t < m; t++)
		rank[k[t].i] = t && k[t].x == k[t - 1].x ? rank[k[t - 1].i] : (long)t + 1;
	free(k);
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;
	return a < b ? -1 : a > b;
}

/* Models sharing the commonest value of vals[0..n) (sorted in place). */
static size_t mode_count(double *vals, size_t n)
{
	size_t best = 0, run = 0;
	qsort(vals, n, sizeof(*vals), cmp_double);
	for (size_t i = 0; i < n; i++) {
		run = i && vals[i] == vals[i - 1] ? run + 1 : 1;
		if (run > best)
			best = run;
	}
	return best;
}

static void orient(const struct corpus *c, struct cohort_result *cr, struct bench_result *br)
{
	const struct benchmark *b = &c->benchmarks[br->bench];
	double *vals = xcalloc(cr->nmodels ? cr->nmodels : 1, sizeof(double));
	size_t k = 0;

	br->oriented = nan_array(cr->nmodels);
	br->z = nan_array(cr->nmodels);
	br->expected_z = nan_array(cr->nmodels);
	br->residual = nan_array(cr->nmodels);
	br->lb_residual = nan_array(cr->nmodels);
	br->imputed = nan_array(cr->nmodels);
	br->lb_sd = NAN;
	for (size_t i = 0; i < cr->nmodels; i++) {
		const struct score *s = &c->models[cr->models[i]].scores[br->bench];
		if (!s->present)
			continue;
		br->oriented[i] = content_orient(b, s->value);
		vals[k++] = br->oriented[i];
	}
	br->n_values = k;
	br->n_mode = mode_count(vals, k);
	br->near_constant = br->n_mode >= ANALYSIS_MIN_MODELS && 2 * br->n_mode >= k;
	free(vals);
}

/* z-scores of br over the models that rows marks (every model when rows is NULL); every
 * model with a value gets one. */
static void standardise(struct cohort_result *cr, struct bench_result *br, const bool *rows,
			const double *from)
{
	double *vals = xcalloc(cr->nmodels ? cr->nmodels : 1, sizeof(double));
	size_t k = 0;

	if (!from)
		from = br->oriented;
	for (size_t i = 0; i < cr->nmodels; i++)
		if (isfinite(from[i]) && (!rows || rows[i]))
			vals[k++] = from[i];
	br->mean = stats_mean(vals, k);
	br->sd = stats_sd(vals, k);
	if (k && br->sd > 0)
		for (size_t i = 0; i < cr->nmodels; i++)
			br->z[i] = isfinite(br->oriented[i]) ? (br->oriented[i] - br->mean) / br->sd
							     : NAN;
	else
		for (size_t i = 0; i < cr->nmodels; i++)
			br->z[i] = NAN;
	free(vals);
}

/*
 * The capability block as the matrix sees it: per capability benchmark its measured values,
 * with the cells imputation filled (--impute), and the models that enter the matrix.
 */
struct block {
	size_t k, nm;
	struct bench_result **res; /* per capability benchmark */
	double **fill;             /* per benchmark, per model: measured or imputed, or NAN */
	double **zfill;            /* the same standardised (rows only) */
	bool *rows;                /* per model: enters the matrix */
	size_t *list, n;           /* the rows, in model order */
};

static void block_init(struct block *bl, struct cohort_result *cr)
{
	bl->k = cr->ncap;
	bl->nm = cr->nmodels;
	bl->res = xcalloc(bl->k ? bl->k : 1, sizeof(struct bench_result *));
	bl->fill = xcalloc(bl->k ? bl->k : 1, sizeof(double *));
	bl->zfill = xcalloc(bl->k ? bl->k : 1, sizeof(double *));
	bl->rows = xcalloc(bl->nm ? bl->nm : 1, sizeof(bool));
	bl->list = xcalloc(bl->nm ? bl->nm : 1, sizeof(size_t));
	bl->n = 0;
	for (size_t j = 0; j < bl->k; j++) {
		for (size_t r = 0; r < cr->nresults; r++)
			if (cr->results[r].bench == cr->cap[j])
				bl->res[j] = &cr->results[r];
		bl->fill[j] = nan_array(bl->nm);
		bl->zfill[j] = nan_array(bl->nm);
		for (size_t i = 0; i < bl->nm; i++)
			bl->fill[j][i] = bl->res[j]->oriented[i];
	}
}

static void block_release(struct block *bl)
{
	for (size_t j = 0; j < bl->k; j++) {
		free(bl->fill[j]);
		free(bl->zfill[j]);
	}
	free(bl->res);
	free(bl->fill);
	free(bl->zfill);
	free(bl->rows);
	free(bl->list);
}

/* Models with at least need of the capability benchmarks measured. */
static void block_rows(struct block *bl, size_t need)
{
	bl->n = 0;
	for (size_t i = 0; i < bl->nm; i++) {
		size_t have = 0;
		for (size_t j = 0; j < bl->k; j++)
			have += isfinite(bl->res[j]->oriented[i]);
		bl->rows[i] = bl->k && have >= need;
		if (bl->rows[i])
			bl->list[bl->n++] = i;
	}
}

/* The measured cells of the rows as an n x k matrix (NAN where missing). */
static double *block_matrix(const struct block *bl)
{
	double *x = xcalloc(bl->n * bl->k + 1, sizeof(double));
	for (size_t t = 0; t < bl->n; t++)
		for (size_t j = 0; j < bl->k; j++)
			x[t * bl->k + j] = bl->res[j]->oriented[bl->list[t]];
	return x;
}

static size_t eligible_need(const struct analysis_options *o, size_t k)
{
	size_t need = (size_t)ceil(o->impute_min_share * (double)k - 1e-9);
	return need < 1 ? 1 : need;
}

/*
 * Mask and recover (docs/method.md 1b.5): hide some measured cells of the rows, impute them
 * and measure the error in SDs of the full data.
 */
static void mask_and_recover(const struct block *bl, const struct analysis_options *o,
			     struct imputation *im)
{
	size_t k = bl->k, need = eligible_need(o, k), ncells = 0, hide, hidden = 0;
	size_t *cells = xcalloc(bl->n * k + 1, sizeof(size_t));
	size_t *row_left = xcalloc(bl->n + 1, sizeof(size_t)), *col_left = xcalloc(k, sizeof(size_t));
	double *x = block_matrix(bl), *truth = block_matrix(bl), *sd = xcalloc(k, sizeof(double));
	uint64_t state = rng_stream(1, 0);
	double ss = 0;

	im->recover_rmse_z = NAN;
	im->recover_cells = 0;
	for (size_t c = 0; c < bl->n * k; c++)
		if (isfinite(x[c])) {
			cells[ncells++] = c;
			row_left[c / k]++;
			col_left[c % k]++;
		}
	for (size_t t = ncells; t-- > 1;) { /* Fisher-Yates from the last position down */
		size_t u = rng_index(&state, t + 1), tmp = cells[t];
		cells[t] = cells[u];
		cells[u] = tmp;
	}
	hide = ncells / 10 ? ncells / 10 : 1;
	for (size_t t = 0; t < ncells && hidden < hide; t++) {
		size_t c = cells[t];
		if (row_left[c / k] <= need || col_left[c % k] <= 2)
			continue;
		x[c] = NAN;
		row_left[c / k]--;
		col_left[c % k]--;
		cells[hidden++] = c; /* the hidden ones, at the front */
	}
	for (size_t j = 0; j < k; j++) {
		double *col = xcalloc(bl->n + 1, sizeof(double));
		size_t m = 0;
		for (size_t t = 0; t < bl->n; t++)
			if (isfinite(truth[t * k + j]))
				col[m++] = truth[t * k + j];
		sd[j] = stats_sd(col, m);
		free(col);
	}
	if (k && hidden &&
	    impute_lowrank(x, bl->n, k, NULL, o->impute_rank < k ? o->impute_rank : (unsigned)k,
			   NULL) == 0) {
		for (size_t t = 0; t < hidden; t++) {
			double d = (x[cells[t]] - truth[cells[t]]) / sd[cells[t] % k];
			ss += d * d;
		}
		im->recover_rmse_z = sqrt(ss / (double)hidden);
		im->recover_cells = hidden;
	}
	free(cells);
	free(row_left);
	free(col_left);
	free(x);
	free(truth);
	free(sd);
}

/* --impute: the eligible models enter the matrix with their missing cells filled. */
static void impute_block(struct cohort_result *cr, struct block *bl,
			 const struct analysis_options *o)
{
	struct imputation *im = &cr->imputation;
	double *x;

	im->on = true;
	im->rank = o->impute_rank;
	im->min_share = o->impute_min_share;
	block_rows(bl, eligible_need(o, bl->k));
	x = block_matrix(bl);
	if (bl->n == 0 ||
	    impute_lowrank(x, bl->n, bl->k, NULL, o->impute_rank < bl->k ? o->impute_rank : (unsigned)bl->k,
			   &im->st) < 0) {
		im->failed = true;
		block_rows(bl, bl->k); /* paper mode: the complete models */
		free(x);
		return;
	}
	im->n_eligible = bl->n;
	mask_and_recover(bl, o, im);
	if (!im->st.converged) { /* a fit that has not settled is not used (paper mode) */
		block_rows(bl, bl->k);
		free(x);
		return;
	}
	for (size_t t = 0; t < bl->n; t++)
		for (size_t j = 0; j < bl->k; j++) {
			size_t i = bl->list[t];
			if (isfinite(bl->res[j]->oriented[i]))
				continue;
			bl->fill[j][i] = bl->res[j]->imputed[i] = x[t * bl->k + j];
		}
	free(x);
}

/*
 * The capability columns' z-scores (docs/method.md 1.3): over the rows that enter the matrix
 * when there are enough of them for a score, so a model lacking one capability benchmark
 * changes nobody else's score; and the rows' standardised values for the matrix.
 */
static void block_standardise(struct cohort_result *cr, struct block *bl)
{
	for (size_t j = 0; j < bl->k; j++) {
		struct bench_result *br = bl->res[j];
		standardise(cr, br, bl->n >= ANALYSIS_MIN_MODELS ? bl->rows : NULL, bl->fill[j]);
		for (size_t t = 0; t < bl->n; t++) {
			size_t i = bl->list[t];
			bl->zfill[j][i] = br->sd > 0 ? (bl->fill[j][i] - br->mean) / br->sd : NAN;
		}
	}
}

/* The Spearman matrix of the capability z-scores over the complete models; a note when an
 * entry is undefined. */
static void capability_matrix(const struct corpus *c, struct cohort_result *cr, double **zcap,
			      const size_t *complete, struct buf *note)
{
	size_t k = cr->ncap;
	struct pairs p;

	cr->matrix = xcalloc(k * k, sizeof(double));
	pairs_init(&p, cr->n_complete);
	for (size_t a = 0; a < k; a++) {
		for (size_t b = a; b < k; b++) {
			double r;
			p.n = 0;
			for (size_t t = 0; t < cr->n_complete; t++)
				pairs_add(&p, zcap[a][complete[t]], zcap[b][complete[t]]);
			r = a == b ? 1.0 : stats_spearman(p.x, p.y, p.n);
			cr->matrix[a * k + b] = cr->matrix[b * k + a] = r;
			if (!isfinite(r) && !note->len)
				buf_printf(note, "capability benchmarks '%s' and '%s' have no defined "
						 "rank correlation (a constant column?)",
					   c->benchmarks[cr->cap[a]].id, c->benchmarks[cr->cap[b]].id);
		}
	}
	pairs_release(&p);
}

/* PC1 of the matrix, its share of the variance and the matrix's off-diagonal spread. */
static int capability_pc1(struct cohort_result *cr, struct buf *note)
{
	size_t k = cr->ncap, noff = 0;
	double sum = 0, *off;

	cr->eigenvalues = xcalloc(k, sizeof(double));
	cr->loadings = xcalloc(k, sizeof(double));
	if (stats_pc1(cr->matrix, k, cr->eigenvalues, cr->loadings) < 0) {
		buf_puts(note, "the eigen-decomposition of the capability matrix failed");
		free(cr->eigenvalues);
		free(cr->loadings);
		cr->eigenvalues = cr->loadings = NULL;
		return -1;
	}
	off = xcalloc(k * k, sizeof(double));
	for (size_t j = 0; j < k; j++)
		sum += cr->eigenvalues[j];
	cr->variance_explained = cr->eigenvalues[0] / sum;
	for (size_t a = 0; a < k; a++)
		for (size_t b = a + 1; b < k; b++)
			off[noff++] = cr->matrix[a * k + b];
	cr->inter_mean = stats_mean(off, noff);
	cr->inter_sd = stats_sd(off, noff);
	free(off);
	return 0;
}

/*
 * Score the models without a score whose measured capability benchmarks are exactly use
 * (km of them), from PC1 of those benchmarks over the models that measured all of them;
 * mark them in done. PC1 is signed against the full PC1 restricted to use, or by its
 * largest entry when the cohort has none.
 */
static void subset_score(struct cohort_result *cr, const struct block *bl, const bool *use,
			 size_t km, bool *done)
{
	size_t k = bl->k, nm = bl->nm, n = 0, *rows = xcalloc(nm ? nm : 1, sizeof(size_t));
	size_t *cols = xcalloc(km, sizeof(size_t));
	double *m = xcalloc(km * km, sizeof(double)), *ev = xcalloc(km, sizeof(double));
	double *pc = xcalloc(km, sizeof(double)), *mean = xcalloc(km, sizeof(double));
	double *sd = xcalloc(km, sizeof(double)), *vals = xcalloc(nm ? nm : 1, sizeof(double));
	double *other = xcalloc(nm ? nm : 1, sizeof(double)), dot = 0;

	for (size_t j = 0, t = 0; j < k; j++)
		if (use[j])
			cols[t++] = j;
	for (size_t i = 0; i < nm; i++) {
		size_t t;
		for (t = 0; t < km; t++)
			if (!isfinite(bl->res[cols[t]]->oriented[i]))
				break;
		if (t == km)
			rows[n++] = i;
	}
	if (n < ANALYSIS_MIN_MODELS)
		goto out;
	for (size_t a = 0; a < km; a++) {
		for (size_t t = 0; t < n; t++)
			vals[t] = bl->res[cols[a]]->oriented[rows[t]];
		mean[a] = stats_mean(vals, n);
		sd[a] = stats_sd(vals, n);
		for (size_t b = a; b < km; b++) {
			for (size_t t = 0; t < n; t++)
				other[t] = bl->res[cols[b]]->oriented[rows[t]];
			m[a * km + b] = m[b * km + a] = a == b ? 1 : stats_spearman(vals, other, n);
		}
	}
	if (stats_pc1(m, km, ev, pc) < 0)
		goto out;
	for (size_t t = 0; cr->loadings && t < km; t++)
		dot += pc[t] * cr->loadings[cols[t]];
	for (size_t t = 0; dot < 0 && t < km; t++)
		pc[t] = -pc[t];
	for (size_t i = 0; i < nm; i++) {
		size_t j, t;
		double sc = 0;
		if (done[i] || isfinite(cr->score[i]))
			continue;
		for (j = 0; j < k; j++)
			if (use[j] != isfinite(bl->res[j]->oriented[i]))
				break;
		if (j < k)
			continue;
		for (t = 0; t < km; t++)
			sc += (bl->res[cols[t]]->oriented[i] - mean[t]) / sd[t] * pc[t];
		cr->score[i] = sc;
		cr->basis[i] = SCORE_REDUCED;
		for (j = 0; j < k; j++)
			cr->subset[i * k + j] = use[j];
		done[i] = true;
	}
out:
	free(rows);
	free(cols);
	free(m);
	free(ev);
	free(pc);
	free(mean);
	free(sd);
	free(vals);
	free(other);
}

/*
 * The reduced score (docs/method.md 1b) of every model still without one: PC1 of the
 * capability benchmarks it has (at least two), over the models that measured all of them.
 */
static void reduced_scores(struct cohort_result *cr, const struct block *bl)
{
	size_t k = bl->k, nm = bl->nm;
	bool *done = xcalloc(nm ? nm : 1, sizeof(bool)), *use = xcalloc(k ? k : 1, sizeof(bool));

	for (size_t i = 0; i < nm; i++) {
		size_t km = 0;
		if (done[i] || isfinite(cr->score[i]))
			continue;
		for (size_t j = 0; j < k; j++)
			km += use[j] = isfinite(bl->res[j]->oriented[i]);
		if (km >= 2)
			subset_score(cr, bl, use, km, done);
		done[i] = true;
	}
	free(use);
	free(done);
}

static void capability_score(const struct corpus *c, struct cohort_result *cr,
			     const struct analysis_options *o)
{
	size_t k = cr->ncap, nm = cr->nmodels;
	struct block bl;
	struct buf note = BUF_INIT;

	cr->score = nan_array(nm);
	cr->score_rank = xcalloc(nm ? nm : 1, sizeof(long));
	cr->basis = xcalloc(nm ? nm : 1, sizeof(enum score_basis));
	cr->subset = xcalloc(nm * k + 1, sizeof(bool));
	cr->variance_explained = cr->inter_mean = cr->inter_sd = NAN;
	cr->imputation.recover_rmse_z = NAN;
	block_init(&bl, cr);
	if (o->impute && k)
		impute_block(cr, &bl, o);
	else
		block_rows(&bl, k);
	cr->n_complete = bl.n;
	block_standardise(cr, &bl);
	if (k == 0) {
		buf_puts(&note, "this cohort has no capability benchmarks (set role \"capability\" "
				"in benchmarks.json)");
		goto out;
	}
	if (cr->n_complete < ANALYSIS_MIN_MODELS) {
		buf_printf(&note, "only %zu models have all %zu capability benchmarks (at least %d "
				  "are needed)",
			   cr->n_complete, k, ANALYSIS_MIN_MODELS);
		goto out;
	}
	capability_matrix(c, cr, bl.zfill, bl.list, &note);
	if (note.len || capability_pc1(cr, &note) < 0)
		goto out;
	for (size_t t = 0; t < bl.n; t++) {
		size_t i = bl.list[t];
		double sc = 0;
		bool filled = false;
		for (size_t j = 0; j < k; j++) {
			sc += bl.zfill[j][i] * cr->loadings[j];
			filled |= !isfinite(bl.res[j]->oriented[i]);
		}
		cr->score[i] = sc;
		cr->basis[i] = filled ? SCORE_IMPUTED : SCORE_COMPLETE;
	}
out:
	if (note.len) {
		/* no score: the capability columns are standardised like any other */
		for (size_t j = 0; j < k; j++)
			standardise(cr, bl.res[j], NULL, NULL);
		/* the run goes on (the pages say why there are no correlations), but say it now */
		char *dir = path_join(c->dir, "models");
		char *cdir = path_join(dir, c->cohorts[cr->cohort].id);
		diag_warning(cdir, 0, 0, "%s; no capabilities score, so no capabilities correlations",
			     buf_str(&note));
		free(cdir);
		free(dir);
		cr->note = buf_detach(&note);
	}
	if (o->reduced_score && k >= 2 && cr->loadings) /* signed against the full PC1 */
		reduced_scores(cr, &bl);
	analysis_rank_desc(cr->score, nm, cr->score_rank);
	buf_release(&note);
	block_release(&bl);
}

static void benchmark_statistics(const struct corpus *c, struct cohort_result *cr,
				 struct bench_result *br)
{
	const struct benchmark *b = &c->benchmarks[br->bench];
	size_t nm = cr->nmodels;
	struct pairs p;
	struct ols fit;

	br->cap_corr = br->pearson = br->slope = br->slope_se = br->std_slope = NAN;
	br->intercept_z = br->compute_corr = br->compute_slope = br->reference_corr = NAN;
	pairs_init(&p, nm);

	for (size_t i = 0; i < nm; i++)
		pairs_add(&p, cr->score[i], br->oriented[i]);
	br->n = p.n;
	if (p.n >= ANALYSIS_MIN_MODELS) {
		br->cap_corr = stats_spearman(p.x, p.y, p.n);
		br->pearson = stats_pearson(p.x, p.y, p.n);
		if (isfinite(br->cap_corr) && stats_ols(p.x, p.y, p.n, &fit) == 0) {
			br->slope = fit.slope;
			br->slope_se = fit.stderr_;
		}
		p.n = 0;
		for (size_t i = 0; i < nm; i++)
			pairs_add(&p, cr->score[i], br->z[i]);
		if (isfinite(br->cap_corr) && stats_ols(p.x, p.y, p.n, &fit) == 0) {
			br->std_slope = fit.slope;
			br->intercept_z = fit.intercept;
		}
	}
	if (isfinite(br->std_slope))
		for (size_t i = 0; i < nm; i++)
			if (isfinite(br->z[i]) && isfinite(cr->score[i])) {
				br->expected_z[i] = br->intercept_z + br->std_slope * cr->score[i];
				br->residual[i] = br->z[i] - br->expected_z[i];
			}

	p.n = 0;
	for (size_t i = 0; i < nm; i++) {
		const struct model *m = &c->models[cr->models[i]];
		if (m->has_flop)
			pairs_add(&p, log10(m->training_flop), br->oriented[i]);
	}
	br->n_compute = p.n;
	if (p.n >= ANALYSIS_MIN_MODELS) {
		br->compute_corr = stats_spearman(p.x, p.y, p.n);
		if (isfinite(br->compute_corr) && stats_ols(p.x, p.y, p.n, &fit) == 0)
			br->compute_slope = fit.slope;
	}

	if (b->correlate_index >= 0) {
		const struct benchmark *ref = &c->benchmarks[b->correlate_index];
		p.n = 0;
		for (size_t i = 0; i < nm; i++) {
			const struct score *s = &c->models[cr->models[i]].scores[b->correlate_index];
			if (s->present)
				pairs_add(&p, content_orient(ref, s->value),
					  br->oriented[i]);
		}
		br->n_reference = p.n;
		if (p.n >= ANALYSIS_MIN_MODELS)
			br->reference_corr = stats_spearman(p.x, p.y, p.n);
		br->governing = br->reference_corr;
	} else {
		br->governing = br->cap_corr;
	}
	br->verdict = analysis_verdict(br->governing, c->high, c->low);
	pairs_release(&p);
}

/* The leaderboard's residual of one benchmark (docs/method.md 2.1-2.3): against what it
 * is judged by, scaled to unit spread over the models of the fit. */
static void leaderboard_residual(const struct corpus *c, struct cohort_result *cr,
				 struct bench_result *br)
{
	const struct benchmark *b = &c->benchmarks[br->bench];
	size_t nm = cr->nmodels, n = 0;
	double *raw = nan_array(nm), *fitted = xcalloc(nm ? nm : 1, sizeof(double));
	struct pairs p;
	struct ols fit;

	br->basis = BASIS_NONE;
	if (b->role != ROLE_SAFETY || b->naggregate_of)
		goto out;
	br->basis = b->correlate_index >= 0 ? BASIS_REFERENCE : BASIS_CAPABILITIES;
	if (br->basis == BASIS_CAPABILITIES) {
		for (size_t i = 0; i < nm; i++)
			raw[i] = br->residual[i];
	} else if (isfinite(br->reference_corr)) {
		double *basis = nan_array(nm);
		pairs_init(&p, nm);
		for (size_t i = 0; i < nm; i++) {
			const struct score *s = &c->models[cr->models[i]].scores[b->correlate_index];
			if (s->present)
				basis[i] = content_orient(&c->benchmarks[b->correlate_index], s->value);
			pairs_add(&p, basis[i], br->z[i]);
		}
		if (p.n >= ANALYSIS_MIN_MODELS && stats_ols(p.x, p.y, p.n, &fit) == 0)
			for (size_t i = 0; i < nm; i++)
				if (isfinite(basis[i]) && isfinite(br->z[i]))
					raw[i] = br->z[i] - (fit.intercept + fit.slope * basis[i]);
		pairs_release(&p);
		free(basis);
	}
	for (size_t i = 0; i < nm; i++)
		if (isfinite(raw[i]))
			fitted[n++] = raw[i];
	br->lb_sd = n ? stats_sd(fitted, n) : NAN;
	if (br->lb_sd > 0)
		for (size_t i = 0; i < nm; i++)
			br->lb_residual[i] = raw[i] / br->lb_sd;
out:
	free(fitted);
	free(raw);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The cohort's safety areas, sorted by id, each with its safety benchmarks and verdicts. */
static void collect_areas(const struct corpus *c, struct cohort_result *cr)
{
	const char **ids = xcalloc(cr->nresults ? cr->nresults : 1, sizeof(char *));
	size_t nids = 0;

	for (size_t r = 0; r < cr->nresults; r++) {
		const struct benchmark *b = &c->benchmarks[cr->results[r].bench];
		size_t j;
		if (b->role != ROLE_SAFETY)
			continue;
		cr->n_safety += cr->results[r].basis != BASIS_NONE;
		for (j = 0; j < nids; j++)
			if (strcmp(ids[j], b->area) == 0)
				break;
		if (j == nids)
			ids[nids++] = b->area;
	}
	if (nids)
		qsort(ids, nids, sizeof(*ids), cmp_str);
	cr->nareas = nids;
	cr->areas = xcalloc(nids ? nids : 1, sizeof(*cr->areas));
	for (size_t a = 0; a < nids; a++) {
		struct area_result *ar = &cr->areas[a];
		double sum = 0;
		size_t nsum = 0;
		ar->id = ids[a];
		ar->bench = xcalloc(cr->nresults, sizeof(size_t));
		for (size_t r = 0; r < cr->nresults; r++) {
			const struct benchmark *b = &c->benchmarks[cr->results[r].bench];
			if (b->role != ROLE_SAFETY || strcmp(b->area, ar->id) != 0)
				continue;
			ar->bench[ar->nbench++] = r;
			ar->verdicts[cr->results[r].verdict]++;
			if (isfinite(cr->results[r].cap_corr)) {
				sum += cr->results[r].cap_corr;
				nsum++;
			}
		}
		ar->mean_cap_corr = nsum ? sum / (double)nsum : NAN;
	}
	free(ids);
}

/* Unscaled area means of every model (docs/method.md 2.4), then each area's spread. */
static void area_means(struct cohort_result *cr, size_t a)
{
	struct area_result *ar = &cr->areas[a];
	size_t nm = cr->nmodels, ns = 0, nd = 0;
	double *sv = xcalloc(nm ? nm : 1, sizeof(double)), *dv = xcalloc(nm ? nm : 1, sizeof(double));

	for (size_t i = 0; i < nm; i++) {
		struct area_score *as = &cr->leaders[i].areas[a];
		double zs = 0, rs = 0;
		size_t zn = 0, rn = 0, nlb = 0, have = 0;
		for (size_t t = 0; t < ar->nbench; t++) {
			const struct bench_result *br = &cr->results[ar->bench[t]];
			if (br->basis == BASIS_NONE)
				continue;
			nlb++;
			have += isfinite(br->oriented[i]); /* has it, z or not */
			if (isfinite(br->z[i])) {
				zs += br->z[i];
				zn++;
			}
			if (isfinite(br->lb_residual[i]) && isfinite(cr->score[i])) {
				rs += br->lb_residual[i];
				rn++;
			}
		}
		as->safety = zn ? zs / (double)zn : NAN;
		as->decorrelated = rn ? rs / (double)rn : NAN;
		as->n = rn ? rn : zn;
		as->coverage = nlb ? (double)have / (double)nlb : NAN;
		cr->leaders[i].covered += have;
		cr->leaders[i].areas_covered += have > 0;
		if (zn)
			sv[ns++] = as->safety;
		if (rn)
			dv[nd++] = as->decorrelated;
	}
	ar->safety_sd = ns ? stats_sd(sv, ns) : NAN;
	ar->decorrelated_sd = nd ? stats_sd(dv, nd) : NAN;
	for (size_t i = 0; i < nm; i++) {
		struct area_score *as = &cr->leaders[i].areas[a];
		as->safety = ar->safety_sd > 0 ? as->safety / ar->safety_sd : NAN;
		as->decorrelated = ar->decorrelated_sd > 0 ? as->decorrelated / ar->decorrelated_sd
							   : NAN;
	}
	free(sv);
	free(dv);
}

/* Does model l cover enough of the cohort's leaderboard areas for a rank? */
static bool enough_coverage(const struct cohort_result *cr, const struct leader *l,
			    double min_coverage)
{
	size_t areas = 0;
	for (size_t a = 0; a < cr->nareas; a++)
		areas += isfinite(l->areas[a].coverage);
	if (min_coverage <= 0)
		return true;
	return areas && (double)l->areas_covered / (double)areas >= min_coverage - 1e-12;
}

/* Mean of the defined area scores of every model, and competition ranks among the models
 * with enough coverage. */
static void leaderboard(struct cohort_result *cr, double min_coverage)
{
	size_t nm = cr->nmodels;
	double *safety = nan_array(nm), *decor = nan_array(nm);
	long *srank = xcalloc(nm ? nm : 1, sizeof(long)), *drank = xcalloc(nm ? nm : 1, sizeof(long));

	for (size_t i = 0; i < nm; i++) {
		struct leader *l = &cr->leaders[i];
		double ssum = 0, dsum = 0;
		size_t sn = 0, dn = 0;
		for (size_t a = 0; a < cr->nareas; a++) {
			if (isfinite(l->areas[a].safety)) {
				ssum += l->areas[a].safety;
				sn++;
			}
			if (isfinite(l->areas[a].decorrelated)) {
				dsum += l->areas[a].decorrelated;
				dn++;
			}
		}
		l->safety = safety[i] = sn ? ssum / (double)sn : NAN;
		l->decorrelated = decor[i] = dn ? dsum / (double)dn : NAN;
		l->ranked = enough_coverage(cr, l, min_coverage);
		if (!l->ranked) /* shown, but listed apart: too few safety benchmarks to rank */
			safety[i] = decor[i] = NAN;
	}
	analysis_rank_desc(safety, nm, srank);
	analysis_rank_desc(decor, nm, drank);
	for (size_t i = 0; i < nm; i++) {
		cr->leaders[i].safety_rank = srank[i];
		cr->leaders[i].decorrelated_rank = drank[i];
	}
	/* Rank changes compare like with like: raw ranks among the models that also have a
	 * decorrelated score (a model without a capabilities score has only a raw rank). */
	for (size_t i = 0; i < nm; i++)
		if (!isfinite(decor[i]))
			safety[i] = NAN;
	analysis_rank_desc(safety, nm, srank);
	for (size_t i = 0; i < nm; i++)
		cr->leaders[i].raw_rank_scored = srank[i];
	free(safety);
	free(decor);
	free(srank);
	free(drank);
}

static void areas_and_leaderboard(const struct corpus *c, struct cohort_result *cr,
				  double min_coverage)
{
	collect_areas(c, cr);
	cr->leaders = xcalloc(cr->nmodels ? cr->nmodels : 1, sizeof(*cr->leaders));
	for (size_t i = 0; i < cr->nmodels; i++) {
		cr->leaders[i].model = i;
		cr->leaders[i].id = c->models[cr->models[i]].id;
		cr->leaders[i].areas = xcalloc(cr->nareas ? cr->nareas : 1, sizeof(struct area_score));
	}
	for (size_t a = 0; a < cr->nareas; a++)
		area_means(cr, a);
	leaderboard(cr, min_coverage);
}

/* Sort key for the leaderboard: decorrelated rank (unranked last), raw rank, then id. */
static int cmp_leader(const void *pa, const void *pb)
{
	const struct leader *a = pa, *b = pb;
	long ra = a->decorrelated_rank ? a->decorrelated_rank : 1L << 30;
	long rb = b->decorrelated_rank ? b->decorrelated_rank : 1L << 30;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	ra = a->safety_rank ? a->safety_rank : 1L << 30;
	rb = b->safety_rank ? b->safety_rank : 1L << 30;
	if (ra != rb)
		return ra < rb ? -1 : 1;
	return strcmp(a->id, b->id);
}

/*
 * Is missingness tied to capability (docs/method.md 1b)? The Mann-Whitney probability that
 * a scored model with the benchmark has a higher capabilities score than one without.
 */
static bool missingness(struct cohort_result *cr, struct bench_result *br)
{
	size_t nm = cr->nmodels, n = 0, with = 0;
	double *s = xcalloc(nm ? nm : 1, sizeof(double)), *rk = xcalloc(nm ? nm : 1, sizeof(double));
	bool *has = xcalloc(nm ? nm : 1, sizeof(bool));
	double rsum = 0;

	br->missing_auc = NAN;
	br->missing_tied = false;
	for (size_t i = 0; i < nm; i++)
		if (isfinite(cr->score[i])) {
			has[n] = isfinite(br->oriented[i]);
			with += has[n];
			s[n++] = cr->score[i];
		}
	if (with >= ANALYSIS_MIN_MODELS && n - with >= 3) {
		stats_rank(s, n, rk);
		for (size_t t = 0; t < n; t++)
			if (has[t])
				rsum += rk[t];
		br->missing_auc = (rsum - (double)with * ((double)with + 1) / 2) /
				  ((double)with * (double)(n - with));
		br->missing_tied = br->missing_auc >= 0.8 || br->missing_auc <= 0.2;
	}
	free(s);
	free(rk);
	free(has);
	return br->missing_tied;
}

/* Say it now too: pairwise deletion then biases the benchmark's correlation. */
static void warn_missingness(const struct corpus *c, const struct cohort_result *cr,
			     const struct bench_result *br)
{
	char *dir = path_join(c->dir, "models"), *cdir = path_join(dir, c->cohorts[cr->cohort].id);
	diag_warning(cdir, 0, 0, "benchmark '%s' was run mostly by %s capable models (a model with "
				 "it is the more capable one with probability %.2f): its correlations "
				 "are biased by who ran it",
		     c->benchmarks[br->bench].id, br->missing_auc >= 0.5 ? "the more" : "the less",
		     br->missing_auc);
	free(cdir);
	free(dir);
}

static void run_cohort(const struct corpus *c, size_t ci, struct cohort_result *cr,
		       const struct analysis_options *o)
{
	cr->cohort = ci;
	cr->models = xcalloc(c->nmodels ? c->nmodels : 1, sizeof(size_t));
	for (size_t i = 0; i < c->nmodels; i++)
		if (c->models[i].cohort == ci)
			cr->models[cr->nmodels++] = i;
	cr->results = xcalloc(c->nbench ? c->nbench : 1, sizeof(*cr->results));
	cr->cap = xcalloc(c->nbench ? c->nbench : 1, sizeof(size_t));
	for (size_t b = 0; b < c->nbench; b++) {
		struct bench_result *br = &cr->results[cr->nresults];
		size_t i;
		if (c->benchmarks[b].role == ROLE_IGNORE)
			continue;
		for (i = 0; i < cr->nmodels; i++)
			if (c->models[cr->models[i]].scores[b].present)
				break;
		if (i == cr->nmodels)
			continue;
		br->bench = b;
		orient(c, cr, br);
		cr->nresults++;
		if (c->benchmarks[b].role == ROLE_CAPABILITY)
			cr->cap[cr->ncap++] = b;
		else
			standardise(cr, br, NULL, NULL);
	}
	capability_score(c, cr, o);
	for (size_t r = 0; r < cr->nresults; r++) {
		benchmark_statistics(c, cr, &cr->results[r]);
		leaderboard_residual(c, cr, &cr->results[r]);
		if (missingness(cr, &cr->results[r]))
			warn_missingness(c, cr, &cr->results[r]);
	}
	areas_and_leaderboard(c, cr, o->min_coverage);
	if (cr->nmodels)
		qsort(cr->leaders, cr->nmodels, sizeof(*cr->leaders), cmp_leader);
}

const char *score_basis_name(enum score_basis b)
{
	static const char *const names[] = {NULL, "complete", "imputed", "reduced"};
	return b <= SCORE_REDUCED ? names[b] : NULL;
}

void analysis_options_resolve(const struct corpus *c, const struct analysis_cli *cli,
			      struct analysis_options *out)
{
	struct analysis_options d = ANALYSIS_OPTIONS_DEFAULT;
	if (c->impute >= 0)
		d.impute = c->impute;
	if (c->impute_rank)
		d.impute_rank = c->impute_rank;
	if (isfinite(c->impute_min_share))
		d.impute_min_share = c->impute_min_share;
	if (c->reduced_score >= 0)
		d.reduced_score = c->reduced_score;
	if (isfinite(c->min_coverage))
		d.min_coverage = c->min_coverage;
	if (cli && cli->impute >= 0)
		d.impute = cli->impute;
	if (cli && cli->impute_rank)
		d.impute_rank = cli->impute_rank;
	if (cli && isfinite(cli->impute_min_share))
		d.impute_min_share = cli->impute_min_share;
	if (cli && cli->reduced_score >= 0)
		d.reduced_score = cli->reduced_score;
	if (cli && isfinite(cli->min_coverage))
		d.min_coverage = cli->min_coverage;
	*out = d;
}

struct analysis *analysis_run(const struct corpus *c, const char *cohort_id,
			      const struct analysis_options *o)
{
	static const struct analysis_options defaults = ANALYSIS_OPTIONS_DEFAULT;
	struct analysis *a;
	long only = -1;

	if (cohort_id) {
		only = content_find_cohort(c, cohort_id);
		if (only < 0) {
			struct buf ids = BUF_INIT;
			for (size_t i = 0; i < c->ncohorts; i++)
				buf_printf(&ids, "%s%s", i ? ", " : "", c->cohorts[i].id);
			diag_error(NULL, 0, 0, "no cohort '%s' in %s (its cohorts: %s)", cohort_id,
				   c->dir, c->ncohorts ? buf_str(&ids) : "none");
			buf_release(&ids);
			return NULL;
		}
	}
	a = xcalloc(1, sizeof(*a));
	a->corpus = c;
	a->opt = o ? *o : defaults;
	a->cohorts = xcalloc(c->ncohorts ? c->ncohorts : 1, sizeof(*a->cohorts));
	for (size_t ci = 0; ci < c->ncohorts; ci++)
		if (only < 0 || (size_t)only == ci)
			run_cohort(c, ci, &a->cohorts[a->ncohorts++], &a->opt);
	return a;
}

void analysis_free(struct analysis *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->ncohorts; i++) {
		struct cohort_result *cr = &a->cohorts[i];
		for (size_t r = 0; r < cr->nresults; r++) {
			free(cr->results[r].oriented);
			free(cr->results[r].z);
			free(cr->results[r].expected_z);
			free(cr->results[r].residual);
			free(cr->results[r].lb_residual);
			free(cr->results[r].imputed);
		}
		for (size_t l = 0; l < cr->nmodels; l++)
			free(cr->leaders[l].areas);
		for (size_t t = 0; t < cr->nareas; t++)
			free(cr->areas[t].bench);
		free(cr->results);
		free(cr->leaders);
		free(cr->areas);
		free(cr->models);
		free(cr->cap);
		free(cr->matrix);
		free(cr->eigenvalues);
		free(cr->loadings);
		free(cr->note);
		free(cr->score);
		free(cr->score_rank);
		free(cr->basis);
		free(cr->subset);
	}
	free(a->cohorts);
	free(a);
}
