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
static void standardise(struct cohort_result *cr, struct bench_result *br, const bool *rows)
{
	double *vals = xcalloc(cr->nmodels ? cr->nmodels : 1, sizeof(double));
	size_t k = 0;

	for (size_t i = 0; i < cr->nmodels; i++)
		if (isfinite(br->oriented[i]) && (!rows || rows[i]))
			vals[k++] = br->oriented[i];
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

/* The capability columns' z-scores, after the complete models are known (docs/method.md
 * 1.3): over the complete models when there are enough of them for a score, so a model
 * lacking one capability benchmark changes nobody else's score. */
static bool *complete_models(struct cohort_result *cr, double **xcap, size_t *complete)
{
	bool *rows = xcalloc(cr->nmodels ? cr->nmodels : 1, sizeof(bool));
	cr->n_complete = 0;
	for (size_t i = 0; i < cr->nmodels; i++) {
		size_t j;
		for (j = 0; j < cr->ncap; j++)
			if (!isfinite(xcap[j][i]))
				break;
		if (j == cr->ncap && cr->ncap) {
			rows[i] = true;
			complete[cr->n_complete++] = i;
		}
	}
	return rows;
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

static void capability_score(const struct corpus *c, struct cohort_result *cr)
{
	size_t k = cr->ncap, nm = cr->nmodels;
	size_t *complete = xcalloc(nm ? nm : 1, sizeof(size_t));
	struct bench_result **capr = xcalloc(k ? k : 1, sizeof(struct bench_result *));
	double **xcap = xcalloc(k ? k : 1, sizeof(double *));
	double **zcap = xcalloc(k ? k : 1, sizeof(double *));
	bool *rows;
	struct buf note = BUF_INIT;

	cr->score = nan_array(nm);
	cr->score_rank = xcalloc(nm ? nm : 1, sizeof(long));
	cr->variance_explained = cr->inter_mean = cr->inter_sd = NAN;
	for (size_t j = 0; j < k; j++)
		for (size_t r = 0; r < cr->nresults; r++)
			if (cr->results[r].bench == cr->cap[j]) {
				capr[j] = &cr->results[r];
				xcap[j] = capr[j]->oriented;
				zcap[j] = capr[j]->z;
			}
	rows = complete_models(cr, xcap, complete);
	for (size_t j = 0; j < k; j++)
		standardise(cr, capr[j], cr->n_complete >= ANALYSIS_MIN_MODELS ? rows : NULL);
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
	capability_matrix(c, cr, zcap, complete, &note);
	if (note.len || capability_pc1(cr, &note) < 0)
		goto out;
	for (size_t t = 0; t < cr->n_complete; t++) {
		size_t i = complete[t];
		double sc = 0;
		for (size_t j = 0; j < k; j++)
			sc += zcap[j][i] * cr->loadings[j];
		cr->score[i] = sc;
	}
	analysis_rank_desc(cr->score, nm, cr->score_rank);
out:
	if (note.len) {
		/* the run goes on (the pages say why there are no correlations), but say it now */
		char *dir = path_join(c->dir, "models");
		char *cdir = path_join(dir, c->cohorts[cr->cohort].id);
		diag_warning(cdir, 0, 0, "%s; no capabilities score, so no capabilities correlations",
			     buf_str(&note));
		free(cdir);
		free(dir);
		cr->note = buf_detach(&note);
	}
	buf_release(&note);
	free(rows);
	free(zcap);
	free(xcap);
	free(capr);
	free(complete);
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
		size_t zn = 0, rn = 0;
		for (size_t t = 0; t < ar->nbench; t++) {
			const struct bench_result *br = &cr->results[ar->bench[t]];
			if (br->basis == BASIS_NONE)
				continue;
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
		cr->leaders[i].covered += zn;
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

/* Mean of the defined area scores of every model, and competition ranks. */
static void leaderboard(struct cohort_result *cr)
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

static void areas_and_leaderboard(const struct corpus *c, struct cohort_result *cr)
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
	leaderboard(cr);
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

static void run_cohort(const struct corpus *c, size_t ci, struct cohort_result *cr)
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
			standardise(cr, br, NULL);
	}
	capability_score(c, cr);
	for (size_t r = 0; r < cr->nresults; r++) {
		benchmark_statistics(c, cr, &cr->results[r]);
		leaderboard_residual(c, cr, &cr->results[r]);
	}
	areas_and_leaderboard(c, cr);
	if (cr->nmodels)
		qsort(cr->leaders, cr->nmodels, sizeof(*cr->leaders), cmp_leader);
}

struct analysis *analysis_run(const struct corpus *c, const char *cohort_id)
{
	struct analysis *a;
	long only = -1;

	if (cohort_id) {
		only = content_find_cohort(c, cohort_id);
		if (only < 0) {
			diag_error(NULL, 0, 0, "no cohort '%s' in %s (cohorts: see site.json)",
				   cohort_id, c->dir);
			return NULL;
		}
	}
	a = xcalloc(1, sizeof(*a));
	a->corpus = c;
	a->cohorts = xcalloc(c->ncohorts ? c->ncohorts : 1, sizeof(*a->cohorts));
	for (size_t ci = 0; ci < c->ncohorts; ci++)
		if (only < 0 || (size_t)only == ci)
			run_cohort(c, ci, &a->cohorts[a->ncohorts++]);
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
	}
	free(a->cohorts);
	free(a);
}
