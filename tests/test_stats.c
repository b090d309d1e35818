/* Unit tests of stats.c: ranks, correlations, OLS and PC1 against hand-computed values. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "stats.h"

#define SQRT1_2 0.70710678118654752440

static void ties_share_the_average_rank(void **state)
{
	const double x[] = {10, 20, 20, 5, 20};
	double r[5];
	(void)state;
	stats_rank(x, 5, r);
	assert_float_equal(r[0], 2.0, 1e-12);
	assert_float_equal(r[1], 4.0, 1e-12); /* ranks 3,4,5 averaged */
	assert_float_equal(r[2], 4.0, 1e-12);
	assert_float_equal(r[3], 1.0, 1e-12);
	assert_float_equal(r[4], 4.0, 1e-12);
}

static void spearman_matches_a_hand_computed_value(void **state)
{
	/* ranks x: 1 2 3 4 5, ranks y: 2 1 4 3 5; d^2 sum = 4; rho = 1 - 6*4/(5*24) = 0.8 */
	const double x[] = {1, 2, 3, 4, 5}, y[] = {20, 10, 40, 30, 50};
	(void)state;
	assert_float_equal(stats_spearman(x, y, 5), 0.8, 1e-12);
}

static void spearman_with_ties_is_pearson_of_average_ranks(void **state)
{
	/* x ranks 1.5 1.5 3 4, y ranks 1 2 3 4: pearson = 0.9486832980505138 */
	const double x[] = {1, 1, 2, 3}, y[] = {1, 2, 3, 4};
	(void)state;
	assert_float_equal(stats_spearman(x, y, 4), 0.9486832980505138, 1e-12);
}

static void spearman_of_a_reversed_order_is_minus_one(void **state)
{
	const double x[] = {1, 2, 3, 4, 5, 6}, y[] = {60, 50, 40, 30, 20, 10};
	(void)state;
	assert_float_equal(stats_spearman(x, y, 6), -1.0, 1e-12);
}

static void a_constant_column_has_no_correlation(void **state)
{
	const double x[] = {1, 2, 3, 4, 5}, y[] = {7, 7, 7, 7, 7};
	(void)state;
	assert_true(isnan(stats_spearman(x, y, 5)));
	assert_true(isnan(stats_pearson(x, y, 5)));
	assert_true(isnan(stats_spearman(x, y, 1)));
}

static void population_sd_uses_n_not_n_minus_one(void **state)
{
	const double x[] = {2, 4, 4, 4, 5, 5, 7, 9};
	(void)state;
	assert_float_equal(stats_mean(x, 8), 5.0, 1e-12);
	assert_float_equal(stats_sd(x, 8), 2.0, 1e-12);
}

static void ols_recovers_slope_and_its_standard_error(void **state)
{
	/* y = 1 + 2x + e, e = (+1,-1,-1,+1): slope 2, intercept 1,
	 * SSR = 4, s^2 = 4/2 = 2, Sxx = 5, se = sqrt(2/5) */
	const double x[] = {0, 1, 2, 3}, y[] = {2, 2, 4, 8};
	struct ols f;
	(void)state;
	assert_int_equal(stats_ols(x, y, 4, &f), 0);
	assert_float_equal(f.slope, 2.0, 1e-12);
	assert_float_equal(f.intercept, 1.0, 1e-12);
	assert_float_equal(f.stderr_, sqrt(2.0 / 5.0), 1e-12);
}

static void ols_on_a_constant_predictor_fails_cleanly(void **state)
{
	const double x[] = {3, 3, 3}, y[] = {1, 2, 3};
	struct ols f;
	(void)state;
	assert_int_equal(stats_ols(x, y, 3, &f), -1);
}

static void pc1_sign_makes_the_largest_entry_positive(void **state)
{
	/* [[1, .5], [.5, 1]]: eigenvalues 1.5, .5; PC1 = (1,1)/sqrt 2 */
	const double m[] = {1, 0.5, 0.5, 1};
	/* [[1, -.8], [-.8, 1]] has PC1 (1,-1)/sqrt2 up to sign; entries tie in magnitude, so the
	 * rule picks the first: it must come out positive */
	const double n[] = {1, -0.8, -0.8, 1};
	double ev[2], pc[2];
	(void)state;
	assert_int_equal(stats_pc1(m, 2, ev, pc), 0);
	assert_float_equal(ev[0], 1.5, 1e-12);
	assert_float_equal(ev[1], 0.5, 1e-12);
	assert_float_equal(pc[0], SQRT1_2, 1e-12);
	assert_float_equal(pc[1], SQRT1_2, 1e-12);
	assert_int_equal(stats_pc1(n, 2, ev, pc), 0);
	assert_float_equal(ev[0], 1.8, 1e-12);
	assert_true(pc[0] > 0 || pc[1] > 0);
	assert_float_equal(fabs(pc[0]), SQRT1_2, 1e-12);
	assert_true(pc[0] * pc[1] < 0);
}

static void pc1_flips_a_mostly_negative_vector(void **state)
{
	/* Eigenvector of the top eigenvalue of this matrix is dominated by its third entry. */
	const double m[] = {1, 0.1, 0.2, 0.1, 1, 0.3, 0.2, 0.3, 1};
	double ev[3], pc[3];
	size_t big = 0;
	(void)state;
	assert_int_equal(stats_pc1(m, 3, ev, pc), 0);
	for (size_t i = 1; i < 3; i++)
		if (fabs(pc[i]) > fabs(pc[big]))
			big = i;
	assert_true(pc[big] > 0);
	assert_true(ev[0] >= ev[1] && ev[1] >= ev[2]);
	assert_float_equal(ev[0] + ev[1] + ev[2], 3.0, 1e-12);
}

static void pc1_refuses_a_matrix_with_nan(void **state)
{
	const double m[] = {1, NAN, NAN, 1};
	double ev[2], pc[2];
	(void)state;
	assert_int_equal(stats_pc1(m, 2, ev, pc), -1);
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Selection gives exactly what interpolating the sorted values gives, ties and all. */
static void quantile_by_selection_equals_quantile_of_the_sorted_values(void **state)
{
	static const double ps[] = {0, 0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975, 1};
	unsigned seed = 12345;
	(void)state;
	for (size_t n = 1; n <= 60; n++) {
		double x[60], sorted[60], work[60];
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			x[i] = (double)((seed >> 16) % 7); /* many ties */
			sorted[i] = x[i];
		}
		qsort(sorted, n, sizeof(double), cmp_d);
		for (size_t k = 0; k < sizeof(ps) / sizeof(ps[0]); k++) {
			memcpy(work, x, n * sizeof(double));
			assert_float_equal(stats_quantile(work, n, ps[k]),
					   stats_quantile_sorted(sorted, n, ps[k]), 0);
		}
	}
	{ /* numpy.percentile([1, 2, 3, 4], 97.5) = 3.925 */
		double v[4] = {4, 1, 3, 2};
		assert_float_equal(stats_quantile(v, 4, 0.975), 3.925, 1e-12);
	}
}

/* r = 0.5 over 28 pairs: tanh(atanh(0.5) -/+ 1.959964 * sqrt(1.125 / 25)) (scipy). */
static void fisher_interval_matches_scipy(void **state)
{
	double lo, hi;
	(void)state;
	assert_int_equal(stats_spearman_interval(0.5, 28, 0.95, &lo, &hi), 0);
	assert_float_equal(lo, 0.13274690372229858, 1e-12);
	assert_float_equal(hi, 0.746533057841545, 1e-12);
	assert_int_equal(stats_spearman_interval(1, 10, 0.95, &lo, &hi), 0);
	assert_float_equal(lo, 1, 0);
	assert_int_equal(stats_spearman_interval(NAN, 10, 0.95, &lo, &hi), -1);
	assert_true(isnan(lo) && isnan(hi));
	assert_int_equal(stats_spearman_interval(0.3, 3, 0.95, &lo, &hi), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ties_share_the_average_rank),
		cmocka_unit_test(spearman_matches_a_hand_computed_value),
		cmocka_unit_test(spearman_with_ties_is_pearson_of_average_ranks),
		cmocka_unit_test(spearman_of_a_reversed_order_is_minus_one),
		cmocka_unit_test(a_constant_column_has_no_correlation),
		cmocka_unit_test(population_sd_uses_n_not_n_minus_one),
		cmocka_unit_test(ols_recovers_slope_and_its_standard_error),
		cmocka_unit_test(ols_on_a_constant_predictor_fails_cleanly),
		cmocka_unit_test(pc1_sign_makes_the_largest_entry_positive),
		cmocka_unit_test(pc1_flips_a_mostly_negative_vector),
		cmocka_unit_test(pc1_refuses_a_matrix_with_nan),
		cmocka_unit_test(quantile_by_selection_equals_quantile_of_the_sorted_values),
		cmocka_unit_test(fisher_interval_matches_scipy),
	};
	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
