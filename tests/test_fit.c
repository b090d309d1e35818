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

/* The options the analyses of these tests run with (analysis_run(..., NULL)). */
static const struct analysis_options a_opt = ANALYSIS_OPTIONS_DEFAULT;

static void close_to(double got, double want, const char *what, const char *id)
{
	if (isnan(want) && isnan(got))
		return;
	if (isnan(want) != isnan(got) || fabs(got - want) > 1e-12 * fmax(1.0, fabs(want)))
		fail_msg("%s of %s: fit %.17g, analysis %.17g", what, id, got, want);
}

/* Every statistic of a unit-weight fit against the analysis of the same cohort. */
static void check_unit_fit(const struct corpus *c, const struct cohort_result *cr,
			   const struct analysis_options *o)
{
	struct fit_cohort *fc = fit_prepare(c, cr, o);
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
	a = analysis_run(c, NULL, NULL);
	assert_non_null(a);
	for (size_t i = 0; i < a->ncohorts; i++)
		check_unit_fit(c, &a->cohorts[i], &a->opt);
	analysis_free(a);
	content_free(c);
}

/* The same with imputation, reduced scores and coverage at work (the impute fixture). */
static void unit_weights_reproduce_imputed_and_reduced_scores(void **state)
{
	struct analysis_options o = ANALYSIS_OPTIONS_DEFAULT;
	struct corpus *c;
	struct analysis *a;
	(void)state;
	c = content_load("tests/fixtures/impute/content");
	assert_non_null(c);
	o.impute = true;
	o.reduced_score = true;
	for (unsigned rank = 1; rank <= 2; rank++) {
		o.impute_rank = rank;
		for (int share = 5; share <= 8; share += 3) {
			o.impute_min_share = share / 10.0;
			a = analysis_run(c, NULL, &o);
			assert_non_null(a);
			for (size_t i = 0; i < a->ncohorts; i++)
				check_unit_fit(c, &a->cohorts[i], &a->opt);
			analysis_free(a);
		}
	}
	content_free(c);
}

/* The cohort stats of a weighted fit against the analysis of a corpus that really has the
 * copies (or lacks the model): equal to 1e-12. */
static void check_against(const struct fit_result *fr, const struct corpus *c,
			  const struct cohort_result *cr, const struct corpus *c2,
			  const struct cohort_result *cr2)
{
	close_to(fr->variance_explained, cr2->variance_explained, "variance explained", "cohort");
	for (size_t r = 0; r < cr->nresults; r++) {
		const char *id = c->benchmarks[cr->results[r].bench].id;
		const struct bench_result *br = NULL;
		for (size_t t = 0; t < cr2->nresults; t++)
			if (strcmp(c2->benchmarks[cr2->results[t].bench].id, id) == 0)
				br = &cr2->results[t];
		if (!br)
			continue;
		close_to(fr->bench[r].cap_corr, br->cap_corr, "capabilities correlation", id);
		close_to(fr->bench[r].pearson, br->pearson, "pearson", id);
		close_to(fr->bench[r].slope, br->slope, "slope", id);
		close_to(fr->bench[r].std_slope, br->std_slope, "standardized slope", id);
		close_to(fr->bench[r].compute_corr, br->compute_corr, "compute correlation", id);
		close_to(fr->bench[r].reference_corr, br->reference_corr, "reference", id);
	}
	/* every original model's scores (the fitted parameters applied to it) */
	for (size_t i = 0; i < cr->nmodels; i++)
		for (size_t j = 0; j < cr2->nmodels; j++) {
			const struct leader *l = &cr2->leaders[j];
			const char *id = c->models[cr->models[i]].id;
			if (strcmp(id, c2->models[cr2->models[j]].id) == 0)
				close_to(fr->score[i], cr2->score[j], "score", id);
			if (strcmp(id, l->id) == 0) {
				close_to(fr->safety[i], l->safety, "safety score", id);
				close_to(fr->decorrelated[i], l->decorrelated, "decorrelated score", id);
			}
		}
}

/* A copy of the bundled content in a temporary directory, changed by the shell command
 * edit (run there); loaded and analysed. */
static struct corpus *edited_content(const char *edit, struct analysis **a, char *dir)
{
	struct buf cmd = BUF_INIT;
	struct corpus *c;
	assert_non_null(mkdtemp(dir));
	buf_printf(&cmd, "cp -r content/. '%s' && cd '%s' && %s", dir, dir, edit);
	assert_int_equal(system(buf_str(&cmd)), 0);
	buf_release(&cmd);
	c = content_load(dir);
	assert_non_null(c);
	*a = analysis_run(c, "chat", NULL);
	assert_non_null(*a);
	return c;
}

static void remove_dir(const char *dir)
{
	struct buf cmd = BUF_INIT;
	buf_printf(&cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(buf_str(&cmd)), 0);
	buf_release(&cmd);
}

/* Weight 2 is a model that is there twice, weight 0 one that is not there at all. */
static void a_weight_counts_copies_of_a_model(void **state)
{
	char d2[] = "/tmp/wb-test-fit-XXXXXX", d0[] = "/tmp/wb-test-fit-XXXXXX";
	struct corpus *c = content_load("content"), *twice, *without;
	struct analysis *a = analysis_run(c, "chat", NULL), *a2, *a0;
	const struct cohort_result *cr = &a->cohorts[0];
	struct fit_cohort *fc = fit_prepare(c, cr, &a_opt);
	struct fit_result *fr = fit_result_new(fc);
	unsigned w[64];
	size_t yi = cr->nmodels;
	(void)state;

	twice = edited_content("sed 's/\"id\": \"yi-34b-chat\"/\"id\": \"yi-34b-chat-2\"/' "
			       "models/chat/yi-34b-chat.json > models/chat/yi-34b-chat-2.json",
			       &a2, d2);
	without = edited_content("rm models/chat/yi-34b-chat.json", &a0, d0);
	for (size_t i = 0; i < cr->nmodels; i++)
		if (strcmp(c->models[cr->models[i]].id, "yi-34b-chat") == 0)
			yi = i;
	assert_true(yi < cr->nmodels && cr->nmodels < 64);
	for (size_t i = 0; i < cr->nmodels; i++)
		w[i] = i == yi ? 2 : 1;
	fit_run(fc, w, NULL, fr);
	check_against(fr, c, cr, twice, &a2->cohorts[0]);
	w[yi] = 0;
	fit_run(fc, w, NULL, fr);
	check_against(fr, c, cr, without, &a0->cohorts[0]);
	fit_result_free(fr);
	fit_cohort_free(fc);
	analysis_free(a2);
	analysis_free(a0);
	content_free(twice);
	content_free(without);
	remove_dir(d2);
	remove_dir(d0);
	analysis_free(a);
	content_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(unit_weights_reproduce_the_analysis_on_the_paper_data),
	    cmocka_unit_test(a_weight_counts_copies_of_a_model),
	    cmocka_unit_test(unit_weights_reproduce_imputed_and_reduced_scores),
	};
	diag_quiet_warnings(true);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
