/*
 * Tests of fit.c: the weighted refit of the method. With every weight 1 it must give the
 * analysis's own numbers; a weight of 2 must act as two copies of the model; a weight of 0
 * as a model that is not there. Run from the repository root (reads ./content and the
 * fixture tests/fixtures/uncertainty/content).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analysis.h"
#include "content.h"
#include "fit.h"
#include "util.h"

static void close_to(double got, double want, const char *what, const char *id)
{
	if (isnan(want) && isnan(got))
		return;
	if (isnan(want) != isnan(got) || fabs(got - want) > 1e-12 * fmax(1.0, fabs(want)))
		fail_msg("%s of %s: fit %.17g, analysis %.17g", what, id, got, want);
}

/* Every statistic of a unit-weight fit against the analysis of the same cohort. */
static void check_unit_fit(const struct corpus *c, const struct cohort_result *cr)
{
	struct fit_cohort *fc = fit_prepare(c, cr);
	struct fit_result *fr = fit_result_new(fc);
	unsigned *w = xcalloc(cr->nmodels + 1, sizeof(unsigned));

	for (size_t i = 0; i < cr->nmodels; i++)
		w[i] = 1;
	fit_run(fc, w, NULL, fr);
	close_to(fr->variance_explained, cr->variance_explained, "variance explained",
		 c->cohorts[cr->cohort].id);
	for (size_t i = 0; i < cr->nmodels; i++) {
		const char *id = c->models[cr->models[i]].id;
		close_to(fr->score[i], cr->score[i], "capabilities score", id);
		close_to(fr->score_rank[i], cr->score_rank[i] ? (double)cr->score_rank[i] : NAN,
			 "capability rank", id);
	}
	for (size_t r = 0; r < cr->nresults; r++) {
		const struct bench_result *br = &cr->results[r];
		const struct fit_bench *fb = &fr->bench[r];
		const char *id = c->benchmarks[br->bench].id;
		close_to(fb->cap_corr, br->cap_corr, "capabilities correlation", id);
		close_to(fb->pearson, br->pearson, "pearson", id);
		close_to(fb->slope, br->slope, "slope", id);
		close_to(fb->std_slope, br->std_slope, "standardized slope", id);
		close_to(fb->compute_corr, br->compute_corr, "compute correlation", id);
		close_to(fb->compute_slope, br->compute_slope, "compute slope", id);
		close_to(fb->reference_corr, br->reference_corr, "reference correlation", id);
		assert_int_equal(fb->verdict, br->verdict);
	}
	for (size_t t = 0; t < cr->nmodels; t++) {
		const struct leader *l = &cr->leaders[t];
		close_to(fr->safety[l->model], l->safety, "safety score", l->id);
		close_to(fr->decorrelated[l->model], l->decorrelated, "decorrelated score", l->id);
		close_to(fr->safety_rank[l->model], l->safety_rank ? (double)l->safety_rank : NAN,
			 "safety rank", l->id);
		close_to(fr->decorrelated_rank[l->model],
			 l->decorrelated_rank ? (double)l->decorrelated_rank : NAN,
			 "decorrelated rank", l->id);
	}
	free(w);
	fit_result_free(fr);
	fit_cohort_free(fc);
}

static void unit_weights_reproduce_the_analysis_on_the_paper_data(void **state)
{
	struct corpus *c;
	struct analysis *a;
	(void)state;
	c = content_load("content");
	assert_non_null(c);
	a = analysis_run(c, NULL);
	assert_non_null(a);
	for (size_t i = 0; i < a->ncohorts; i++)
		check_unit_fit(c, &a->cohorts[i]);
	analysis_free(a);
	content_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(unit_weights_reproduce_the_analysis_on_the_paper_data),
	};
	diag_quiet_warnings(true);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
