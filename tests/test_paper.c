/*
 * Golden test: the bundled content (the paper's data) must reproduce the numbers published
 * in Ren et al. (2024), "Safetywashing", to the precision the paper prints them.
 * Run from the repository root (reads ./content).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "analysis.h"
#include "content.h"
#include "util.h"

static struct corpus *corpus;
static struct analysis *analysis;

static int setup(void **state)
{
	(void)state;
	diag_quiet_warnings(true);
	corpus = content_load("content");
	if (!corpus)
		return -1;
	analysis = analysis_run(corpus, NULL, NULL);
	return analysis ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	analysis_free(analysis);
	content_free(corpus);
	return 0;
}

static const struct cohort_result *cohort(const char *id)
{
	for (size_t i = 0; i < analysis->ncohorts; i++)
		if (strcmp(corpus->cohorts[analysis->cohorts[i].cohort].id, id) == 0)
			return &analysis->cohorts[i];
	fail_msg("no cohort %s", id);
	return NULL;
}

static const struct bench_result *bench(const char *cohort_id, const char *id)
{
	const struct cohort_result *cr = cohort(cohort_id);
	for (size_t r = 0; r < cr->nresults; r++)
		if (strcmp(corpus->benchmarks[cr->results[r].bench].id, id) == 0)
			return &cr->results[r];
	fail_msg("no benchmark %s in %s", id, cohort_id);
	return NULL;
}

/* The paper prints percentages with one decimal: compare after the same rounding. */
static void assert_percent(double x, double published)
{
	double shown = round(x * 1000.0) / 10.0;
	if (fabs(shown - published) > 1e-9)
		fail_msg("got %.4f%% (shown %.1f%%), the paper says %.1f%%", x * 100, shown,
			 published);
}

static double score_of(const char *cohort_id, const char *model)
{
	const struct cohort_result *cr = cohort(cohort_id);
	for (size_t i = 0; i < cr->nmodels; i++)
		if (strcmp(corpus->models[cr->models[i]].id, model) == 0)
			return cr->score[i];
	fail_msg("no model %s", model);
	return NAN;
}

static void bundled_content_has_the_papers_models(void **state)
{
	(void)state;
	assert_int_equal(cohort("base")->nmodels, 27);
	assert_int_equal(cohort("chat")->nmodels, 26);
	assert_int_equal(cohort("base")->ncap, 12);
	assert_int_equal(cohort("chat")->ncap, 12);
}

static void pc1_explains_78_3_percent_of_base_and_70_8_of_chat(void **state)
{
	(void)state;
	assert_percent(cohort("base")->variance_explained, 78.3);
	assert_percent(cohort("chat")->variance_explained, 70.8);
}

static void chat_capabilities_correlations_match_the_paper(void **state)
{
	(void)state;
	assert_percent(bench("chat", "mt_bench")->cap_corr, 78.7);
	assert_percent(bench("chat", "lmsys_chatbot_arena")->cap_corr, 62.1);
	assert_percent(bench("chat", "ethics_all")->cap_corr, 82.2);
	assert_percent(bench("chat", "machiavelli-utility.sum")->cap_corr, -49.9);
	assert_percent(bench("chat", "sycophancy")->cap_corr, -66.8);
	assert_percent(bench("chat", "truthfulqa_mc1")->cap_corr, 81.2);
	assert_percent(bench("chat", "bbq_amb")->cap_corr, -37.3);
	assert_percent(bench("chat", "anli")->cap_corr, 81.5);
	assert_percent(bench("chat", "wmdp")->cap_corr, -88.6);
}

static void base_truthfulqa_mc1_correlation_is_69_7(void **state)
{
	(void)state;
	assert_percent(bench("base", "truthfulqa_mc1")->cap_corr, 69.7);
}

static void chat_capabilities_scores_match_the_paper(void **state)
{
	(void)state;
	assert_float_equal(round(score_of("chat", "mixtral-8x22b-instruct-v0.1") * 100) / 100, 4.85,
			   1e-9);
	assert_float_equal(round(score_of("chat", "qwen1.5-0.5b-chat") * 100) / 100, -7.56, 1e-9);
}

static void calibration_is_judged_against_its_own_accuracy(void **state)
{
	const struct bench_result *rmsce = bench("chat", "rmsce_mmlu"), *brier = bench("chat", "brier_mmlu");
	(void)state;
	assert_percent(rmsce->reference_corr, 20.1);
	assert_percent(brier->reference_corr, 95.5);
	assert_int_equal(rmsce->verdict, VERDICT_DISTINCT);
	assert_int_equal(brier->verdict, VERDICT_TRACKS);
}

static void every_bundled_number_is_finite_or_explained(void **state)
{
	(void)state;
	for (size_t i = 0; i < analysis->ncohorts; i++) {
		const struct cohort_result *cr = &analysis->cohorts[i];
		assert_null(cr->note);
		for (size_t r = 0; r < cr->nresults; r++) {
			const struct bench_result *b = &cr->results[r];
			if (b->verdict != VERDICT_INSUFFICIENT)
				assert_true(isfinite(b->governing));
			else
				assert_true(isnan(b->governing) || b->n < ANALYSIS_MIN_MODELS);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bundled_content_has_the_papers_models),
		cmocka_unit_test(pc1_explains_78_3_percent_of_base_and_70_8_of_chat),
		cmocka_unit_test(chat_capabilities_correlations_match_the_paper),
		cmocka_unit_test(base_truthfulqa_mc1_correlation_is_69_7),
		cmocka_unit_test(chat_capabilities_scores_match_the_paper),
		cmocka_unit_test(calibration_is_judged_against_its_own_accuracy),
		cmocka_unit_test(every_bundled_number_is_finite_or_explained),
	};
	return cmocka_run_group_tests_name("paper", tests, setup, teardown);
}
