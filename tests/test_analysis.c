/* Unit tests of content.c + analysis.c on small content trees written to a temp dir. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "analysis.h"
#include "buf.h"
#include "content.h"
#include "util.h"

static char tmpl[] = "/tmp/wb-test-analysis-XXXXXX";
static char *root;

static void put(const char *rel, const char *text)
{
	char *p = path_join(root, rel), *dir = xstrdup(p);
	*strrchr(dir, '/') = '\0';
	assert_int_equal(path_mkdirs(dir), 0);
	assert_int_equal(file_write_atomic(p, text, strlen(text)), 0);
	free(dir);
	free(p);
}

/*
 * The base tree: 8 models in cohort "c", capability benchmarks cap1..cap3 that all rise with
 * the model number, and safety benchmarks:
 *   same   = the model number            (tracks capabilities)
 *   lower  = minus the model number, higher_is_better false (oriented: tracks)
 *   anti   = minus the model number      (worsens with capabilities)
 *   flat   = 5 for everyone              (constant: insufficient data)
 *   few    = present for 4 models        (insufficient data)
 *   holes  = missing for models 7 and 8  (pairwise deletion: n = 6)
 */
static void write_base(int n_models, int skip_cap_for)
{
	struct buf b = BUF_INIT;
	put("site.json", "{\"title\": \"t\", \"cohorts\": [{\"id\": \"c\", \"title\": \"C\"}]}");
	put("benchmarks.json",
	    "{\"benchmarks\": ["
	    "{\"id\": \"cap1\", \"role\": \"capability\", \"higher_is_better\": true},"
	    "{\"id\": \"cap2\", \"role\": \"capability\", \"higher_is_better\": true},"
	    "{\"id\": \"cap3\", \"role\": \"capability\", \"higher_is_better\": true},"
	    "{\"id\": \"same\", \"role\": \"safety\", \"area\": \"a\", \"higher_is_better\": true},"
	    "{\"id\": \"lower\", \"role\": \"safety\", \"area\": \"a\", \"higher_is_better\": false},"
	    "{\"id\": \"anti\", \"role\": \"safety\", \"area\": \"b\", \"higher_is_better\": true},"
	    "{\"id\": \"flat\", \"role\": \"safety\", \"area\": \"b\", \"higher_is_better\": true},"
	    "{\"id\": \"few\", \"role\": \"safety\", \"area\": \"b\", \"higher_is_better\": true},"
	    "{\"id\": \"holes\", \"role\": \"safety\", \"area\": \"b\", \"higher_is_better\": true,"
	    " \"correlate_with\": \"cap1\"},"
	    "{\"id\": \"near\", \"role\": \"safety\", \"area\": \"b\", \"target\": 50}]}");
	for (int i = 1; i <= n_models; i++) {
		char rel[64];
		buf_reset(&b);
		buf_printf(&b, "{\"id\": \"m%d\", \"name\": \"Model %d\", \"training_flop\": %de21, "
			       "\"scores\": {",
			   i, i, i * i);
		if (i != skip_cap_for)
			buf_printf(&b, "\"cap1\": %d, ", i * 10);
		buf_printf(&b, "\"cap2\": %d.5, \"cap3\": {\"value\": %d, \"stderr\": 0.1, \"n\": 100},",
			   i, 100 + i * i);
		buf_printf(&b, "\"same\": %d, \"lower\": %d, \"anti\": %d, \"flat\": 5", i, -i, -i);
		/* alternately above and below the target, farther away as models grow */
		buf_printf(&b, ", \"near\": %d", i % 2 ? 50 + i : 50 - i);
		if (i <= 4)
			buf_printf(&b, ", \"few\": %d", i);
		if (i <= 6)
			buf_printf(&b, ", \"holes\": %d", i % 3);
		buf_puts(&b, "}}");
		snprintf(rel, sizeof(rel), "models/c/m%d.json", i);
		put(rel, buf_str(&b));
	}
	buf_release(&b);
}

static int setup(void **state)
{
	(void)state;
	root = mkdtemp(tmpl);
	diag_quiet_warnings(true);
	return root ? 0 : -1;
}

static int teardown(void **state)
{
	struct buf cmd = BUF_INIT;
	(void)state;
	buf_printf(&cmd, "rm -rf '%s'", root);
	if (system(buf_str(&cmd)) != 0)
		return -1;
	buf_release(&cmd);
	return 0;
}

static const struct bench_result *result(const struct corpus *c, const struct cohort_result *cr,
					 const char *id)
{
	for (size_t r = 0; r < cr->nresults; r++)
		if (strcmp(c->benchmarks[cr->results[r].bench].id, id) == 0)
			return &cr->results[r];
	fail_msg("no result for %s", id);
	return NULL;
}

struct run {
	struct corpus *c;
	struct analysis *a;
	struct cohort_result *cr;
};

static void run(struct run *r, int n_models, int skip_cap_for)
{
	struct buf cmd = BUF_INIT;
	buf_printf(&cmd, "rm -rf '%s'/models", root);
	assert_int_equal(system(buf_str(&cmd)), 0);
	buf_release(&cmd);
	write_base(n_models, skip_cap_for);
	r->c = content_load(root);
	assert_non_null(r->c);
	r->a = analysis_run(r->c, NULL, NULL);
	assert_non_null(r->a);
	assert_int_equal(r->a->ncohorts, 1);
	r->cr = &r->a->cohorts[0];
}

static void done(struct run *r)
{
	analysis_free(r->a);
	content_free(r->c);
}

static void lower_is_better_benchmarks_are_oriented_before_correlating(void **state)
{
	struct run r;
	(void)state;
	run(&r, 8, 0);
	assert_float_equal(result(r.c, r.cr, "same")->cap_corr, 1.0, 1e-12);
	assert_float_equal(result(r.c, r.cr, "lower")->cap_corr, 1.0, 1e-12);
	assert_int_equal(result(r.c, r.cr, "lower")->verdict, VERDICT_TRACKS);
	assert_float_equal(result(r.c, r.cr, "anti")->cap_corr, -1.0, 1e-12);
	assert_int_equal(result(r.c, r.cr, "anti")->verdict, VERDICT_WORSENS);
	done(&r);
}

static void a_target_benchmark_is_scored_by_distance_from_its_target(void **state)
{
	struct run r;
	const struct bench_result *t;
	(void)state;
	run(&r, 8, 0);
	t = result(r.c, r.cr, "near");
	/* |x - 50| = model number: farther from the target as capabilities grow */
	assert_float_equal(t->oriented[2], -3.0, 1e-12);
	assert_float_equal(t->cap_corr, -1.0, 1e-12);
	assert_int_equal(t->verdict, VERDICT_WORSENS);
	done(&r);
}

static void pc1_of_perfectly_agreeing_capabilities_explains_everything(void **state)
{
	struct run r;
	(void)state;
	run(&r, 8, 0);
	assert_int_equal(r.cr->ncap, 3);
	assert_int_equal(r.cr->n_complete, 8);
	assert_float_equal(r.cr->variance_explained, 1.0, 1e-12);
	for (size_t j = 0; j < 3; j++)
		assert_float_equal(r.cr->loadings[j], 1 / sqrt(3.0), 1e-12);
	/* scores rise with the model number; rank 1 is the most capable */
	assert_true(r.cr->score[7] > r.cr->score[0]);
	assert_int_equal(r.cr->score_rank[7], 1);
	assert_int_equal(r.cr->score_rank[0], 8);
	done(&r);
}

static void pairwise_deletion_counts_only_models_with_the_benchmark(void **state)
{
	struct run r;
	const struct bench_result *h;
	(void)state;
	run(&r, 8, 0);
	h = result(r.c, r.cr, "holes");
	assert_int_equal(h->n, 6);
	assert_int_equal(h->n_values, 6);
	assert_int_equal(h->n_compute, 6);
	assert_int_equal(h->n_reference, 6);
	/* correlate_with governs the verdict */
	assert_float_equal(h->governing, h->reference_corr, 0);
	assert_true(isnan(h->residual[7]));
	done(&r);
}

static void fewer_than_five_models_is_insufficient_data(void **state)
{
	struct run r;
	const struct bench_result *f;
	(void)state;
	run(&r, 8, 0);
	f = result(r.c, r.cr, "few");
	assert_int_equal(f->n, 4);
	assert_true(isnan(f->cap_corr));
	assert_true(isnan(f->slope));
	assert_int_equal(f->verdict, VERDICT_INSUFFICIENT);
	done(&r);
	/* a whole cohort of four: no capabilities score at all, a note says why */
	run(&r, 4, 0);
	assert_non_null(r.cr->note);
	assert_true(isnan(r.cr->variance_explained));
	assert_true(isnan(r.cr->score[0]));
	assert_int_equal(result(r.c, r.cr, "same")->verdict, VERDICT_INSUFFICIENT);
	done(&r);
}

static void a_constant_column_is_insufficient_data_not_nan_chaos(void **state)
{
	struct run r;
	const struct bench_result *f;
	(void)state;
	run(&r, 8, 0);
	f = result(r.c, r.cr, "flat");
	assert_int_equal(f->n, 8);
	assert_true(isnan(f->cap_corr));
	assert_true(isnan(f->z[0]));
	assert_int_equal(f->verdict, VERDICT_INSUFFICIENT);
	done(&r);
}

static void a_model_missing_a_capability_benchmark_gets_no_score(void **state)
{
	struct run r;
	(void)state;
	run(&r, 8, 3);
	assert_int_equal(r.cr->n_complete, 7);
	assert_true(isnan(r.cr->score[2]));
	assert_int_equal(r.cr->score_rank[2], 0);
	assert_true(isfinite(r.cr->score[3]));
	assert_int_equal(result(r.c, r.cr, "same")->n, 7);
	assert_true(isnan(result(r.c, r.cr, "same")->residual[2]));
	done(&r);
}

static void a_benchmark_equal_to_capabilities_has_zero_residuals(void **state)
{
	struct run r;
	const struct bench_result *s;
	(void)state;
	run(&r, 8, 0);
	/* "same" is linear in the model number, and so are cap1 and cap2's z-scores, but cap3
	 * is quadratic: residuals are small, and sum to zero (OLS with an intercept) */
	s = result(r.c, r.cr, "same");
	{
		double sum = 0;
		for (size_t i = 0; i < 8; i++)
			sum += s->residual[i];
		assert_float_equal(sum, 0.0, 1e-9);
	}
	done(&r);
}

static void leaderboard_ranks_every_model_once(void **state)
{
	struct run r;
	int seen[8] = {0};
	(void)state;
	run(&r, 8, 0);
	for (size_t i = 0; i < 8; i++) {
		const struct leader *l = &r.cr->leaders[i];
		seen[l->model]++;
		assert_true(l->safety_rank >= 1 && l->safety_rank <= 8);
		assert_true(l->decorrelated_rank >= 1 && l->decorrelated_rank <= 8);
		if (i)
			assert_true(r.cr->leaders[i - 1].decorrelated_rank <= l->decorrelated_rank);
	}
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(seen[i], 1);
	assert_int_equal(r.cr->nareas, 2);
	assert_string_equal(r.cr->areas[0].id, "a");
	done(&r);
}

static void verdict_thresholds_are_inclusive_at_high_and_low(void **state)
{
	(void)state;
	assert_int_equal(analysis_verdict(0.6, 0.6, 0.4), VERDICT_TRACKS);
	assert_int_equal(analysis_verdict(0.59, 0.6, 0.4), VERDICT_MODERATE);
	assert_int_equal(analysis_verdict(0.4, 0.6, 0.4), VERDICT_MODERATE);
	assert_int_equal(analysis_verdict(0.39, 0.6, 0.4), VERDICT_DISTINCT);
	assert_int_equal(analysis_verdict(-0.39, 0.6, 0.4), VERDICT_DISTINCT);
	assert_int_equal(analysis_verdict(-0.4, 0.6, 0.4), VERDICT_WORSENS);
	assert_int_equal(analysis_verdict(NAN, 0.6, 0.4), VERDICT_INSUFFICIENT);
}

/* Five models whose capabilities scores rise with their number and a safety benchmark whose
 * ranks are 2 1 4 5 3: sum d^2 = 8, so Spearman's rho is exactly 1 - 6 * 8 / 120 = 0.6. */
static void an_exact_spearman_of_0_6_tracks_capabilities(void **state)
{
	static const int safety[5] = {20, 10, 40, 50, 30};
	struct buf b = BUF_INIT;
	struct corpus *c;
	struct analysis *a;
	const struct bench_result *br;
	(void)state;

	buf_printf(&b, "rm -rf '%s'/models", root);
	assert_int_equal(system(buf_str(&b)), 0);
	put("site.json", "{\"title\": \"t\", \"cohorts\": [{\"id\": \"c\", \"title\": \"C\"}]}");
	put("benchmarks.json",
	    "{\"benchmarks\": ["
	    "{\"id\": \"cap1\", \"role\": \"capability\", \"higher_is_better\": true},"
	    "{\"id\": \"cap2\", \"role\": \"capability\", \"higher_is_better\": true},"
	    "{\"id\": \"s\", \"role\": \"safety\", \"area\": \"a\", \"higher_is_better\": true}]}");
	for (int i = 1; i <= 5; i++) {
		char rel[64];
		buf_reset(&b);
		buf_printf(&b, "{\"scores\": {\"cap1\": %d, \"cap2\": %d, \"s\": %d}}", i, i * i,
			   safety[i - 1]);
		snprintf(rel, sizeof(rel), "models/c/m%d.json", i);
		put(rel, buf_str(&b));
	}
	buf_release(&b);
	c = content_load(root);
	assert_non_null(c);
	a = analysis_run(c, NULL, NULL);
	assert_non_null(a);
	br = result(c, &a->cohorts[0], "s");
	assert_float_equal(br->cap_corr, 0.6, 1e-12);
	assert_int_equal(br->verdict, VERDICT_TRACKS);
	/* the value the issue found: one ulp below 0.6 is still 0.6 */
	assert_int_equal(analysis_verdict(0.59999999999999987, 0.6, 0.4), VERDICT_TRACKS);
	assert_int_equal(analysis_verdict(-0.39999999999999991, 0.6, 0.4), VERDICT_WORSENS);
	assert_int_equal(analysis_verdict(0.5999999999, 0.6, 0.4), VERDICT_MODERATE);
	analysis_free(a);
	content_free(c);
}

/* Standardising the capability block over the complete models only: a ninth model with two
 * of the three capability benchmarks leaves the other eight models' scores as they were. */
static void a_model_missing_one_capability_benchmark_changes_nobody_elses_score(void **state)
{
	struct run full, more;
	(void)state;
	run(&full, 8, 0);
	run(&more, 9, 9);
	assert_int_equal(more.cr->n_complete, 8);
	assert_true(isnan(more.cr->score[8]));
	for (size_t i = 0; i < 8; i++)
		assert_float_equal(more.cr->score[i], full.cr->score[i], 1e-12);
	assert_float_equal(more.cr->variance_explained, full.cr->variance_explained, 1e-12);
	done(&more);
	done(&full);
}

static void near_constant_columns_and_residual_bases_are_marked(void **state)
{
	struct run r;
	(void)state;
	run(&r, 8, 0);
	assert_true(result(r.c, r.cr, "flat")->near_constant);
	assert_int_equal(result(r.c, r.cr, "flat")->n_mode, 8);
	assert_false(result(r.c, r.cr, "same")->near_constant);
	assert_int_equal(result(r.c, r.cr, "same")->basis, BASIS_CAPABILITIES);
	assert_int_equal(result(r.c, r.cr, "holes")->basis, BASIS_REFERENCE);
	assert_int_equal(result(r.c, r.cr, "cap1")->basis, BASIS_NONE);
	done(&r);
}

/* Every leaderboard benchmark's scaled residuals have unit SD, and so does every area. */
static void scaled_residuals_and_area_scores_have_unit_spread(void **state)
{
	struct run r;
	(void)state;
	run(&r, 8, 0);
	for (size_t k = 0; k < r.cr->nresults; k++) {
		const struct bench_result *br = &r.cr->results[k];
		double v[16];
		size_t n = 0;
		for (size_t i = 0; i < r.cr->nmodels && br->basis != BASIS_NONE; i++)
			if (isfinite(br->lb_residual[i]))
				v[n++] = br->lb_residual[i];
		if (n >= 2) {
			double m = 0, ss = 0;
			for (size_t i = 0; i < n; i++)
				m += v[i] / (double)n;
			for (size_t i = 0; i < n; i++)
				ss += (v[i] - m) * (v[i] - m) / (double)n;
			assert_float_equal(sqrt(ss), 1, 1e-9);
		}
	}
	for (size_t a = 0; a < r.cr->nareas; a++) {
		double m = 0, ss = 0;
		size_t n = 0;
		for (size_t t = 0; t < r.cr->nmodels; t++)
			if (isfinite(r.cr->leaders[t].areas[a].safety)) {
				m += r.cr->leaders[t].areas[a].safety;
				n++;
			}
		m /= (double)n;
		for (size_t t = 0; t < r.cr->nmodels; t++)
			if (isfinite(r.cr->leaders[t].areas[a].safety))
				ss += pow(r.cr->leaders[t].areas[a].safety - m, 2) / (double)n;
		assert_float_equal(sqrt(ss), 1, 1e-9);
	}
	done(&r);
}

static void an_unknown_cohort_is_an_error_not_a_crash(void **state)
{
	struct run r;
	(void)state;
	run(&r, 8, 0);
	assert_null(analysis_run(r.c, "nope", NULL));
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lower_is_better_benchmarks_are_oriented_before_correlating),
		cmocka_unit_test(a_target_benchmark_is_scored_by_distance_from_its_target),
		cmocka_unit_test(pc1_of_perfectly_agreeing_capabilities_explains_everything),
		cmocka_unit_test(pairwise_deletion_counts_only_models_with_the_benchmark),
		cmocka_unit_test(fewer_than_five_models_is_insufficient_data),
		cmocka_unit_test(a_constant_column_is_insufficient_data_not_nan_chaos),
		cmocka_unit_test(a_model_missing_a_capability_benchmark_gets_no_score),
		cmocka_unit_test(a_benchmark_equal_to_capabilities_has_zero_residuals),
		cmocka_unit_test(leaderboard_ranks_every_model_once),
		cmocka_unit_test(verdict_thresholds_are_inclusive_at_high_and_low),
		cmocka_unit_test(an_unknown_cohort_is_an_error_not_a_crash),
		cmocka_unit_test(an_exact_spearman_of_0_6_tracks_capabilities),
		cmocka_unit_test(a_model_missing_one_capability_benchmark_changes_nobody_elses_score),
		cmocka_unit_test(near_constant_columns_and_residual_bases_are_marked),
		cmocka_unit_test(scaled_residuals_and_area_scores_have_unit_spread),
	};
	return cmocka_run_group_tests_name("analysis", tests, setup, teardown);
}
