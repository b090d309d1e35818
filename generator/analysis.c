#include "analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

const char *verdict_id(enum verdict v)
{
	static const char *const ids[] = {"tracks-capabilities", "moderate", "distinct",
					  "worsens-with-capabilities", "insufficient-data"};
	return v < VERDICT_COUNT ? ids[v] : "insufficient-data";
}

const char *verdict_label(enum verdict v)
{
	static const char *const labels[] = {"tracks capabilities", "moderate",
					     "distinct from capabilities",
					     "worsens with capabilities", "insufficient data"};
	return v < VERDICT_COUNT ? labels[v] : "insufficient data";
}

enum verdict analysis_verdict(double r, double high, double low)
{
	if (!isfinite(r))
		return VERDICT_INSUFFICIENT;
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

/* Competition ranks ("1224") of x, descending; NAN gets 0. Ties: equal values share a rank. */
static void rank_desc(const double *x, size_t n, long *rank)
{
	for (size_t i = 0; i < n; i++) {
		long r = 1;
		if (!isfinite(x[i])) {
			rank[i] = 0;
			continue;
		}
		for (size_t j = 0; j < n; j++)
			if (isfinite(x[j]) && x[j] > x[i])
				r++;
		rank[i] = r;
	}
}

static void orient_and_standardise(const struct corpus *c, struct cohort_result *cr,
				   struct bench_result *br)
{
	const struct benchmark *b = &c->benchmarks[br->bench];
	double *vals = xcalloc(cr->nmodels ? cr->nmodels : 1, sizeof(double));
	size_t k = 0;

	br->oriented = nan_array(cr->nmodels);
	br->z = nan_array(cr->nmodels);
	br->expected_z = nan_array(cr->nmodels);
	br->residual = nan_array(cr->nmodels);
	for (size_t i = 0; i < cr->nmodels; i++) {
		const struct score *s = &c->models[cr->models[i]].scores[br->bench];
		if (!s->present)
			continue;
		br->oriented[i] = content_orient(b, s->value);
		vals[k++] = br->oriented[i];
	}
	br->n_values = k;
	br->mean = stats_mean(vals, k);
	br->sd = stats_sd(vals, k);
	if (k && br->sd > 0)
		for (size_t i = 0; i < cr->nmodels; i++)
			if (isfinite(br->oriented[i]))
				br->z[i] = (br->oriented[i] - br->mean) / br->sd;
	free(vals);
}

static void capability_score(const struct corpus *c, struct cohort_result *cr)
{
	size_t k = cr->ncap, nm = cr->nmodels;
	size_t *complete = xcalloc(nm ? nm : 1, sizeof(size_t));
	double **zcap = xcalloc(k ? k : 1, sizeof(double *));
	struct pairs p;
	struct buf note = BUF_INIT;

	cr->score = nan_array(nm);
	cr->score_rank = xcalloc(nm ? nm : 1, sizeof(long));
	cr->variance_explained = cr->inter_mean = cr->inter_sd = NAN;
	for (size_t j = 0; j < k; j++)
		for (size_t r = 0; r < cr->nresults; r++)
			if (cr->results[r].bench == cr->cap[j])
				zcap[j] = cr->results[r].z;
	for (size_t i = 0; i < nm; i++) {
		size_t j;
		for (j = 0; j < k; j++)
			if (!isfinite(zcap[j][i]))
				break;
		if (j == k)
			complete[cr->n_complete++] = i;
	}
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
			if (!isfinite(r) && !note.len)
				buf_printf(&note, "capability benchmarks '%s' and '%s' have no defined "
						  "rank correlation (a constant column?)",
					   c->benchmarks[cr->cap[a]].id, c->benchmarks[cr->cap[b]].id);
		}
	}
	pairs_release(&p);
	if (note.len)
		goto out;
	cr->eigenvalues = xcalloc(k, sizeof(double));
	cr->loadings = xcalloc(k, sizeof(double));
	if (stats_pc1(cr->matrix, k, cr->eigenvalues, cr->loadings) < 0) {
		buf_puts(&note, "the eigen-decomposition of the capability matrix failed");
		free(cr->eigenvalues);
		free(cr->loadings);
		cr->eigenvalues = cr->loadings = NULL;
		goto out;
	}
	{
		double sum = 0;
		double *off = xcalloc(k * k, sizeof(double));
		size_t noff = 0;
		for (size_t j = 0; j < k; j++)
			sum += cr->eigenvalues[j];
		cr->variance_explained = cr->eigenvalues[0] / sum;
		for (size_t a = 0; a < k; a++)
			for (size_t b = a + 1; b < k; b++)
				off[noff++] = cr->matrix[a * k + b];
		cr->inter_mean = stats_mean(off, noff);
		cr->inter_sd = stats_sd(off, noff);
		free(off);
	}
	for (size_t t = 0; t < cr->n_complete; t++) {
		size_t i = complete[t];
		double s = 0;
		for (size_t j = 0; j < k; j++)
			s += zcap[j][i] * cr->loadings[j];
		cr->score[i] = s;
	}
	rank_desc(cr->score, nm, cr->score_rank);
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
	free(zcap);
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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void areas_and_leaderboard(const struct corpus *c, struct cohort_result *cr)
{
	const char **ids = xcalloc(cr->nresults ? cr->nresults : 1, sizeof(char *));
	size_t nids = 0, nm = cr->nmodels;
	double *safety, *decor;
	long *srank, *drank;

	for (size_t r = 0; r < cr->nresults; r++) {
		const struct benchmark *b = &c->benchmarks[cr->results[r].bench];
		size_t j;
		if (b->role != ROLE_SAFETY)
			continue;
		cr->n_safety++;
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

	cr->leaders = xcalloc(nm ? nm : 1, sizeof(*cr->leaders));
	safety = nan_array(nm);
	decor = nan_array(nm);
	srank = xcalloc(nm ? nm : 1, sizeof(long));
	drank = xcalloc(nm ? nm : 1, sizeof(long));
	for (size_t i = 0; i < nm; i++) {
		struct leader *l = &cr->leaders[i];
		double ssum = 0, dsum = 0;
		size_t sn = 0, dn = 0;
		l->model = i;
		l->areas = xcalloc(nids ? nids : 1, sizeof(*l->areas));
		for (size_t a = 0; a < nids; a++) {
			struct area_result *ar = &cr->areas[a];
			struct area_score *as = &l->areas[a];
			double zs = 0, rs = 0;
			size_t zn = 0, rn = 0;
			for (size_t t = 0; t < ar->nbench; t++) {
				const struct bench_result *br = &cr->results[ar->bench[t]];
				if (isfinite(br->z[i])) {
					zs += br->z[i];
					zn++;
				}
				if (isfinite(br->residual[i])) {
					rs += br->residual[i];
					rn++;
				}
			}
			as->safety = zn ? zs / (double)zn : NAN;
			as->decorrelated = rn ? rs / (double)rn : NAN;
			as->n = rn ? rn : zn;
			l->covered += zn;
			if (zn) {
				ssum += as->safety;
				sn++;
			}
			if (rn) {
				dsum += as->decorrelated;
				dn++;
			}
		}
		l->safety = safety[i] = sn ? ssum / (double)sn : NAN;
		l->decorrelated = decor[i] = dn ? dsum / (double)dn : NAN;
	}
	rank_desc(safety, nm, srank);
	rank_desc(decor, nm, drank);
	for (size_t i = 0; i < nm; i++) {
		cr->leaders[i].safety_rank = srank[i];
		cr->leaders[i].decorrelated_rank = drank[i];
	}
	/* Rank changes compare like with like: raw ranks among the models that also have a
	 * decorrelated score (a model without a capabilities score has only a raw rank). */
	for (size_t i = 0; i < nm; i++)
		if (!isfinite(decor[i]))
			safety[i] = NAN;
	rank_desc(safety, nm, srank);
	for (size_t i = 0; i < nm; i++)
		cr->leaders[i].raw_rank_scored = srank[i];
	free(safety);
	free(decor);
	free(srank);
	free(drank);
	free(ids);
}

/* Sort key for the leaderboard: decorrelated rank (unranked last), raw rank, then id. */
static const struct corpus *sort_corpus;
static const struct cohort_result *sort_cohort;

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
	return strcmp(sort_corpus->models[sort_cohort->models[a->model]].id,
		      sort_corpus->models[sort_cohort->models[b->model]].id);
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
		size_t i;
		if (c->benchmarks[b].role == ROLE_IGNORE)
			continue;
		for (i = 0; i < cr->nmodels; i++)
			if (c->models[cr->models[i]].scores[b].present)
				break;
		if (i == cr->nmodels)
			continue;
		cr->results[cr->nresults].bench = b;
		orient_and_standardise(c, cr, &cr->results[cr->nresults]);
		cr->nresults++;
		if (c->benchmarks[b].role == ROLE_CAPABILITY)
			cr->cap[cr->ncap++] = b;
	}
	capability_score(c, cr);
	for (size_t r = 0; r < cr->nresults; r++)
		benchmark_statistics(c, cr, &cr->results[r]);
	areas_and_leaderboard(c, cr);
	sort_corpus = c;
	sort_cohort = cr;
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
