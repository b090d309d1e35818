#include "uncertainty.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fit.h"
#include "stats.h"
#include "util.h"

const char *ci_method_name(enum ci_method m)
{
	return m == CI_BCA ? "bca" : "percentile";
}

const char *confidence_name(enum confidence c)
{
	static const char *const names[] = {NULL, "firm", "likely", "uncertain", "unstable"};
	return c <= CONF_UNSTABLE ? names[c] : NULL;
}

/* ------------------------------------------------------------------ what a fit records */

/* Statistics recorded from every bootstrap (and jackknife) fit, in one row each:
 * the cohort's two, BENCH_STATS per benchmark, MODEL_STATS per model. */
enum { COHORT_VARIANCE, COHORT_COSINE, COHORT_STATS };
enum { B_CAP, B_PEARSON, B_COMPUTE, B_REFERENCE, B_SLOPE, B_STD_SLOPE, B_COMPUTE_SLOPE,
       BENCH_STATS };
enum { M_SCORE, M_SCORE_RANK, M_SAFETY, M_SAFETY_RANK, M_DECOR, M_DECOR_RANK, MODEL_STATS };

enum fit_kind { FIT_BOOT, FIT_JACK, FIT_DROP, FIT_CAPOUT };

/* One cohort's refits and what they recorded. */
struct run {
	const struct corpus *c;
	const struct cohort_result *cr;
	const struct uncertainty_options *o;
	struct fit_cohort *fc;
	struct resample_units units;
	size_t nres, nm, nstats;
	size_t R;              /* resamples */
	double *boot;          /* nstats x R */
	unsigned char *bverd;  /* nres x R: verdict in each resample */
	size_t njack;
	double *jack;          /* nstats x njack (BCa only) */
	size_t ndrop, *drop;   /* models left out one at a time */
	double *dgov, *drank;  /* ndrop x nres governing; ndrop x nm decorrelated rank */
	unsigned char *dverd;  /* ndrop x nres */
	double *kcap;          /* ncap x nres: capabilities correlation without capability j */
	unsigned char *kverd;  /* ncap x nres */
	size_t njobs;          /* R + njack + ndrop + ncap */
};

static size_t bench_stat(size_t r, int k)
{
	return COHORT_STATS + r * BENCH_STATS + (size_t)k;
}

static size_t model_stat(const struct run *run, size_t i, int k)
{
	return COHORT_STATS + run->nres * BENCH_STATS + i * MODEL_STATS + (size_t)k;
}

/* Every recorded statistic of fr into column col of the nstats x stride table t. */
static void record(const struct run *run, const struct fit_result *fr, double *t, size_t stride,
		   size_t col)
{
	t[COHORT_VARIANCE * stride + col] = fr->variance_explained;
	t[COHORT_COSINE * stride + col] = fr->cosine;
	for (size_t r = 0; r < run->nres; r++) {
		const struct fit_bench *b = &fr->bench[r];
		const double v[BENCH_STATS] = {b->cap_corr, b->pearson, b->compute_corr,
					       b->reference_corr, b->slope, b->std_slope,
					       b->compute_slope};
		for (int k = 0; k < BENCH_STATS; k++)
			t[bench_stat(r, k) * stride + col] = v[k];
	}
	for (size_t i = 0; i < run->nm; i++) {
		const double v[MODEL_STATS] = {fr->score[i],	    fr->score_rank[i],
					       fr->safety[i],	    fr->safety_rank[i],
					       fr->decorrelated[i], fr->decorrelated_rank[i]};
		for (int k = 0; k < MODEL_STATS; k++)
			t[model_stat(run, i, k) * stride + col] = v[k];
	}
}

/* Job j of the cohort: which fit, on which weights, and where its numbers go. */
static void do_job(struct run *run, size_t j, unsigned *w, bool *mask, struct fit_result *fr)
{
	const size_t k = run->cr->ncap;
	enum fit_kind kind;
	size_t at = j;

	if (at < run->R)
		kind = FIT_BOOT;
	else if ((at -= run->R) < run->njack)
		kind = FIT_JACK;
	else if ((at -= run->njack) < run->ndrop)
		kind = FIT_DROP;
	else {
		at -= run->ndrop;
		kind = FIT_CAPOUT;
	}
	for (size_t i = 0; i < run->nm; i++)
		w[i] = 1;
	for (size_t t = 0; t < k; t++)
		mask[t] = true;
	if (kind == FIT_BOOT)
		resample_draw(&run->units, run->o->seed, at, w);
	else if (kind == FIT_JACK)
		resample_leave_out(&run->units, at, w);
	else if (kind == FIT_DROP)
		w[run->drop[at]] = 0;
	else
		mask[at] = false;
	fit_run(run->fc, w, mask, fr);
	switch (kind) {
	case FIT_BOOT:
		record(run, fr, run->boot, run->R, at);
		for (size_t r = 0; r < run->nres; r++)
			run->bverd[r * run->R + at] = (unsigned char)fr->bench[r].verdict;
		break;
	case FIT_JACK:
		record(run, fr, run->jack, run->njack, at);
		break;
	case FIT_DROP:
		for (size_t r = 0; r < run->nres; r++) {
			run->dgov[at * run->nres + r] = fr->bench[r].governing;
			run->dverd[at * run->nres + r] = (unsigned char)fr->bench[r].verdict;
		}
		memcpy(run->drank + at * run->nm, fr->decorrelated_rank, run->nm * sizeof(double));
		break;
	case FIT_CAPOUT:
		for (size_t r = 0; r < run->nres; r++) {
			run->kcap[at * run->nres + r] = fr->bench[r].cap_corr;
			run->kverd[at * run->nres + r] = (unsigned char)fr->bench[r].verdict;
		}
		break;
	}
}

/* ------------------------------------------------------------------ the thread pool */

struct worker {
	struct run *run;
	size_t first, step;
	pthread_t thread;
};

static void *work(void *arg)
{
	struct worker *wk = arg;
	struct run *run = wk->run;
	struct fit_result *fr = fit_result_new(run->fc);
	unsigned *w = xcalloc(run->nm ? run->nm : 1, sizeof(unsigned));
	bool *mask = xcalloc(run->cr->ncap ? run->cr->ncap : 1, sizeof(bool));

	for (size_t j = wk->first; j < run->njobs; j += wk->step)
		do_job(run, j, w, mask, fr);
	free(mask);
	free(w);
	fit_result_free(fr);
	return NULL;
}

/* Every job of run over threads (each job writes only its own slots). */
static void run_jobs(struct run *run, int jobs)
{
	size_t nt = (size_t)jobs;
	struct worker *wk;
	bool *started;

	if (nt > run->njobs)
		nt = run->njobs ? run->njobs : 1;
	wk = xcalloc(nt, sizeof(*wk));
	started = xcalloc(nt, sizeof(bool));
	for (size_t t = 0; t < nt; t++) {
		wk[t] = (struct worker){run, t, nt, 0};
		started[t] = t > 0 && pthread_create(&wk[t].thread, NULL, work, &wk[t]) == 0;
	}
	/* this thread does share 0, and the share of any thread that could not start */
	for (size_t t = 0; t < nt; t++)
		if (!started[t])
			work(&wk[t]);
	for (size_t t = 1; t < nt; t++)
		if (started[t])
			pthread_join(wk[t].thread, NULL);
	free(started);
	free(wk);
}

/* ------------------------------------------------------------------ intervals */

/* The point estimate of recorded statistic s, from the analysis. */
static double point_of(const struct run *run, const size_t *leader, size_t s)
{
	const struct cohort_result *cr = run->cr;
	size_t bstats = run->nres * BENCH_STATS;

	if (s == COHORT_VARIANCE)
		return cr->variance_explained;
	if (s < COHORT_STATS)
		return 1;
	s -= COHORT_STATS;
	if (s < bstats) {
		const struct bench_result *br = &cr->results[s / BENCH_STATS];
		const double v[BENCH_STATS] = {br->cap_corr,  br->pearson,	  br->compute_corr,
					       br->reference_corr, br->slope, br->std_slope,
					       br->compute_slope};
		return v[s % BENCH_STATS];
	}
	s -= bstats;
	{
		size_t i = s / MODEL_STATS;
		const struct leader *l = &cr->leaders[leader[i]];
		const double v[MODEL_STATS] = {
		    cr->score[i], cr->score_rank[i] ? (double)cr->score_rank[i] : NAN, l->safety,
		    l->safety_rank ? (double)l->safety_rank : NAN, l->decorrelated,
		    l->decorrelated_rank ? (double)l->decorrelated_rank : NAN};
		return v[s % MODEL_STATS];
	}
}

/* BCa's adjusted quantile levels for statistic s (docs/method.md 3); false when undefined.
 * vals: its m defined bootstrap values, in any order. */
static bool bca_levels(const struct run *run, size_t s, double point, const double *vals,
		       size_t m, double *plo, double *phi)
{
	const double *jk = run->jack + s * run->njack;
	double less = 0, z0, mean = 0, s2 = 0, s3 = 0, a, zl, zh;
	size_t nj = 0;

	double tol = 1e-9 * fmax(1, fabs(point));
	if (!isfinite(point))
		return false;
	/* a resample that is the full sample again gives the point estimate up to rounding:
	 * within tol is equal, not below */
	for (size_t t = 0; t < m; t++)
		less += vals[t] < point - tol;
	if (less <= 0 || less >= (double)m)
		return false;
	z0 = stats_normal_quantile(less / (double)m);
	for (size_t u = 0; u < run->njack; u++)
		if (isfinite(jk[u])) {
			mean += jk[u];
			nj++;
		}
	mean = nj ? mean / (double)nj : 0;
	for (size_t u = 0; u < run->njack; u++)
		if (isfinite(jk[u])) {
			double d = mean - jk[u];
			s2 += d * d;
			s3 += d * d * d;
		}
	a = s2 > 0 ? s3 / (6 * pow(s2, 1.5)) : 0;
	zl = stats_normal_quantile(*plo);
	zh = stats_normal_quantile(*phi);
	*plo = stats_normal_cdf(z0 + (z0 + zl) / (1 - a * (z0 + zl)));
	*phi = stats_normal_cdf(z0 + (z0 + zh) / (1 - a * (z0 + zh)));
	return isfinite(*plo) && isfinite(*phi);
}

/* The interval of recorded statistic s; a rank's ends are rounded outwards. tmp: R values. */
static struct interval interval_of(const struct run *run, const size_t *leader, size_t s,
				   bool rank, double *tmp)
{
	const double *row = run->boot + s * run->R;
	const double level = run->o->level;
	struct interval iv = {NAN, NAN, 0};
	double plo = (1 - level) / 2, phi = (1 + level) / 2;
	size_t m = 0;

	for (size_t r = 0; r < run->R; r++)
		if (isfinite(row[r]))
			tmp[m++] = row[r];
	iv.valid = (double)m / (double)run->R;
	if (m == 0 || 10 * m < 9 * run->R) /* fewer than UNCERTAINTY_MIN_VALID = 90 % */
		return iv;
	if (run->o->method == CI_BCA &&
	    !bca_levels(run, s, point_of(run, leader, s), tmp, m, &plo, &phi))
		return iv;
	iv.lo = stats_quantile(tmp, m, plo);
	iv.hi = stats_quantile(tmp, m, phi);
	if (rank) {
		iv.lo = floor(iv.lo);
		iv.hi = ceil(iv.hi);
	}
	return iv;
}

/* ------------------------------------------------------------------ summaries */

static void summarise_pc1(const struct run *run, struct cohort_uncertainty *cu, double *tmp,
			  const size_t *leader)
{
	const struct cohort_result *cr = run->cr;
	const double *cos = run->boot + COHORT_COSINE * run->R;
	size_t m = 0;
	struct buf why = BUF_INIT;

	cu->variance = interval_of(run, leader, COHORT_VARIANCE, false, tmp);
	cu->eigen_ratio = cr->eigenvalues && cr->ncap >= 2 && cr->eigenvalues[1] > 0
			      ? cr->eigenvalues[0] / cr->eigenvalues[1]
			      : NAN;
	for (size_t r = 0; r < run->R; r++)
		if (isfinite(cos[r]))
			tmp[m++] = cos[r];
	cu->cos_median = stats_quantile(tmp, m, 0.5);
	cu->cos_p05 = stats_quantile(tmp, m, 0.05);
	if (isfinite(cu->eigen_ratio) && cu->eigen_ratio < 2)
		buf_printf(&why, "the first eigenvalue is only %.2f times the second (below 2)",
			   cu->eigen_ratio);
	if (isfinite(cu->cos_p05) && cu->cos_p05 < 0.9)
		buf_printf(&why, "%sin 5 %% of resamples PC1 turns away from the full sample's "
				 "(|cos| %.2f or less, below 0.9)",
			   why.len ? "; " : "", cu->cos_p05);
	cu->pc1_warning = why.len ? buf_detach(&why) : NULL;
	buf_release(&why);
}

/* The confidence label of a verdict seen in share of the resamples (docs/method.md 3). */
static enum confidence label_of(double share, const struct interval *gov, enum verdict v,
				double high, double low)
{
	bool inside = isfinite(gov->lo) && analysis_verdict(gov->lo, high, low) == v &&
		      analysis_verdict(gov->hi, high, low) == v;
	if (share >= 0.95 && inside)
		return CONF_FIRM;
	if (share >= 0.80)
		return CONF_LIKELY;
	return share >= 0.5 ? CONF_UNCERTAIN : CONF_UNSTABLE;
}

static void fisher(double r, size_t n, double level, double out[2])
{
	stats_spearman_interval(r, n, level, &out[0], &out[1]);
}

/* Ranges and verdict changes of benchmark r over the leave-one-out refits. */
static void robustness(const struct run *run, size_t r, struct bench_uncertainty *bu)
{
	const struct bench_result *br = &run->cr->results[r];
	size_t k = run->cr->ncap;

	bu->loo_lo = bu->loo_hi = bu->loocap_lo = bu->loocap_hi = NAN;
	bu->model_flips = xcalloc(run->ndrop ? run->ndrop : 1, sizeof(struct flip));
	for (size_t d = 0; d < run->ndrop; d++) {
		double g = run->dgov[d * run->nres + r];
		enum verdict v = (enum verdict)run->dverd[d * run->nres + r];
		if (isfinite(g)) {
			bu->loo_lo = isfinite(bu->loo_lo) ? fmin(bu->loo_lo, g) : g;
			bu->loo_hi = isfinite(bu->loo_hi) ? fmax(bu->loo_hi, g) : g;
		}
		if (v != br->verdict)
			bu->model_flips[bu->nmodel_flips++] = (struct flip){run->drop[d], v};
	}
	bu->cap_basis = run->c->benchmarks[br->bench].correlate_index < 0;
	bu->cap_flips = xcalloc(k ? k : 1, sizeof(struct flip));
	for (size_t j = 0; bu->cap_basis && k >= 2 && j < k; j++) {
		double g = run->kcap[j * run->nres + r];
		enum verdict v = (enum verdict)run->kverd[j * run->nres + r];
		if (isfinite(g)) {
			bu->loocap_lo = isfinite(bu->loocap_lo) ? fmin(bu->loocap_lo, g) : g;
			bu->loocap_hi = isfinite(bu->loocap_hi) ? fmax(bu->loocap_hi, g) : g;
		}
		if (v != br->verdict)
			bu->cap_flips[bu->ncap_flips++] = (struct flip){j, v};
	}
}

static void summarise_bench(const struct run *run, size_t r, struct bench_uncertainty *bu,
			    double *tmp, const size_t *leader)
{
	const struct bench_result *br = &run->cr->results[r];
	const double level = run->o->level, high = run->c->high, low = run->c->low;
	struct interval *iv[BENCH_STATS] = {&bu->cap_corr, &bu->pearson, &bu->compute_corr,
					    &bu->reference_corr, &bu->slope, &bu->std_slope,
					    &bu->compute_slope};
	size_t same = 0;

	for (int k = 0; k < BENCH_STATS; k++)
		*iv[k] = interval_of(run, leader, bench_stat(r, k), false, tmp);
	fisher(br->cap_corr, br->n, level, bu->fisher_cap);
	fisher(br->compute_corr, br->n_compute, level, bu->fisher_compute);
	fisher(br->reference_corr, br->n_reference, level, bu->fisher_reference);
	for (size_t t = 0; t < run->R; t++)
		same += run->bverd[r * run->R + t] == br->verdict;
	bu->confidence = NAN;
	bu->label = CONF_NONE;
	if (br->verdict != VERDICT_INSUFFICIENT) {
		const struct interval *gov =
		    run->c->benchmarks[br->bench].correlate_index >= 0 ? &bu->reference_corr
								     : &bu->cap_corr;
		bu->confidence = (double)same / (double)run->R;
		bu->label = label_of(bu->confidence, gov, br->verdict, high, low);
	}
	robustness(run, r, bu);
}

static void summarise_model(const struct run *run, size_t i, struct model_uncertainty *mu,
			    double *tmp, const size_t *leader)
{
	struct interval *iv[MODEL_STATS] = {&mu->score,	       &mu->score_rank,
					    &mu->safety,       &mu->safety_rank,
					    &mu->decorrelated, &mu->decorrelated_rank};
	const struct leader *l = &run->cr->leaders[leader[i]];

	for (int k = 0; k < MODEL_STATS; k++)
		*iv[k] = interval_of(run, leader, model_stat(run, i, k), k % 2 == 1, tmp);
	mu->loo_move = NAN;
	mu->loo_mover = 0;
	for (size_t d = 0; l->decorrelated_rank && d < run->ndrop; d++) {
		double rk = run->drank[d * run->nm + i], move = rk - (double)l->decorrelated_rank;
		if (isfinite(rk) && (!isfinite(mu->loo_move) || fabs(move) > fabs(mu->loo_move))) {
			mu->loo_move = move;
			mu->loo_mover = run->drop[d];
		}
	}
}

/* ------------------------------------------------------------------ per cohort */

struct extreme {
	double distance;
	size_t i;
};

static int cmp_extreme(const void *pa, const void *pb)
{
	const struct extreme *a = pa, *b = pb;
	if (a->distance != b->distance)
		return a->distance > b->distance ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

static int cmp_size(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	return a < b ? -1 : a > b;
}

/* The models left out one at a time: all of them, or in a large cohort the
 * UNCERTAINTY_MAX_DROPS farthest from the mean capabilities score (the most leverage). */
static void choose_drops(struct run *run)
{
	const struct cohort_result *cr = run->cr;
	struct extreme *e = xcalloc(run->nm ? run->nm : 1, sizeof(*e));
	double mean = 0;
	size_t ns = 0;

	run->drop = xcalloc(run->nm ? run->nm : 1, sizeof(size_t));
	if (run->nm <= UNCERTAINTY_MAX_DROPS) {
		for (size_t i = 0; i < run->nm; i++)
			run->drop[run->ndrop++] = i;
		free(e);
		return;
	}
	for (size_t i = 0; i < run->nm; i++)
		if (isfinite(cr->score[i])) {
			mean += cr->score[i];
			ns++;
		}
	mean = ns ? mean / (double)ns : 0;
	for (size_t i = 0; i < run->nm; i++)
		e[i] = (struct extreme){isfinite(cr->score[i]) ? fabs(cr->score[i] - mean) : -1, i};
	qsort(e, run->nm, sizeof(*e), cmp_extreme);
	for (size_t t = 0; t < UNCERTAINTY_MAX_DROPS; t++)
		run->drop[run->ndrop++] = e[t].i;
	qsort(run->drop, run->ndrop, sizeof(size_t), cmp_size);
	free(e);
}

static int run_init(struct run *run, const struct corpus *c, const struct cohort_result *cr,
		    const struct analysis_options *opt, const struct uncertainty_options *o)
{
	memset(run, 0, sizeof(*run));
	run->c = c;
	run->cr = cr;
	run->o = o;
	run->nres = cr->nresults;
	run->nm = cr->nmodels;
	run->R = o->resamples;
	run->nstats = COHORT_STATS + run->nres * BENCH_STATS + run->nm * MODEL_STATS;
	resample_units_init(&run->units, c, cr, o->unit);
	if (o->method == CI_BCA && run->units.nunits > UNCERTAINTY_MAX_BCA_UNITS) {
		diag_error(NULL, 0, 0, "--ci-method bca refits the cohort once per unit, and cohort "
				       "'%s' has %zu (more than %d): use --ci-method percentile",
			   c->cohorts[cr->cohort].id, run->units.nunits, UNCERTAINTY_MAX_BCA_UNITS);
		resample_units_release(&run->units);
		return -1;
	}
	run->fc = fit_prepare(c, cr, opt);
	run->njack = o->method == CI_BCA ? run->units.nunits : 0;
	choose_drops(run);
	run->boot = xcalloc(run->nstats * run->R, sizeof(double));
	run->bverd = xcalloc(run->nres * run->R + 1, 1);
	run->jack = xcalloc(run->nstats * run->njack + 1, sizeof(double));
	run->dgov = xcalloc(run->ndrop * run->nres + 1, sizeof(double));
	run->dverd = xcalloc(run->ndrop * run->nres + 1, 1);
	run->drank = xcalloc(run->ndrop * run->nm + 1, sizeof(double));
	run->kcap = xcalloc(cr->ncap * run->nres + 1, sizeof(double));
	run->kverd = xcalloc(cr->ncap * run->nres + 1, 1);
	run->njobs = run->R + run->njack + run->ndrop + cr->ncap;
	return 0;
}

static void run_release(struct run *run)
{
	fit_cohort_free(run->fc);
	resample_units_release(&run->units);
	free(run->boot);
	free(run->bverd);
	free(run->jack);
	free(run->drop);
	free(run->dgov);
	free(run->dverd);
	free(run->drank);
	free(run->kcap);
	free(run->kverd);
}

static void summarise(const struct run *run, struct cohort_uncertainty *cu)
{
	double *tmp = xcalloc(run->R + 1, sizeof(double));
	size_t *leader = xcalloc(run->nm ? run->nm : 1, sizeof(size_t));

	for (size_t t = 0; t < run->nm; t++)
		leader[run->cr->leaders[t].model] = t;
	summarise_pc1(run, cu, tmp, leader);
	cu->ndrops = run->ndrop;
	cu->bench = xcalloc(run->nres ? run->nres : 1, sizeof(*cu->bench));
	cu->nbench = run->nres;
	for (size_t r = 0; r < run->nres; r++)
		summarise_bench(run, r, &cu->bench[r], tmp, leader);
	cu->models = xcalloc(run->nm ? run->nm : 1, sizeof(*cu->models));
	for (size_t i = 0; i < run->nm; i++)
		summarise_model(run, i, &cu->models[i], tmp, leader);
	free(leader);
	free(tmp);
}

struct uncertainty *uncertainty_run(const struct analysis *a, const struct uncertainty_options *o)
{
	struct uncertainty *u;
	int jobs = o->jobs;

	if (o->resamples == 0 || !(o->level > 0 && o->level < 1)) {
		diag_error(NULL, 0, 0, "the bootstrap needs at least one resample and a level "
				       "between 0 and 1");
		return NULL;
	}
	if (jobs <= 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n > 0 ? (int)(n < 64 ? n : 64) : 1;
	}
	u = xcalloc(1, sizeof(*u));
	u->opt = *o;
	u->cohorts = xcalloc(a->ncohorts ? a->ncohorts : 1, sizeof(*u->cohorts));
	for (size_t ci = 0; ci < a->ncohorts; ci++) {
		struct run run;
		if (run_init(&run, a->corpus, &a->cohorts[ci], &a->opt, &u->opt) < 0) {
			uncertainty_free(u);
			return NULL;
		}
		run_jobs(&run, jobs);
		summarise(&run, &u->cohorts[ci]);
		u->ncohorts++;
		run_release(&run);
	}
	return u;
}

void uncertainty_free(struct uncertainty *u)
{
	if (!u)
		return;
	for (size_t ci = 0; ci < u->ncohorts; ci++) {
		struct cohort_uncertainty *cu = &u->cohorts[ci];
		free(cu->pc1_warning);
		for (size_t r = 0; cu->bench && r < cu->nbench; r++) {
			free(cu->bench[r].model_flips);
			free(cu->bench[r].cap_flips);
		}
		free(cu->bench);
		free(cu->models);
	}
	free(u->cohorts);
	free(u);
}
