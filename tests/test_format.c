/* Unit tests of format.c: the numbers pages print, as printf and the rounding rules make them. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "format.h"
#include "util.h"

/* Each test formats into one object; the text set under "k" is what a page would show. */
static int setup(void **state)
{
	*state = value_object();
	return 0;
}

static int teardown(void **state)
{
	value_free(*state);
	return 0;
}

#define K(o) value_get_string((o), "k")

static void a_share_prints_as_a_percent_with_one_decimal(void **state)
{
	struct value *o = *state;
	format_pct(o, "k", 0.4567);
	assert_string_equal(K(o), "45.7%");
	format_pct(o, "k", 0.5);
	assert_string_equal(K(o), "50.0%");
	format_pct(o, "k", 1);
	assert_string_equal(K(o), "100.0%");
	format_pct(o, "k", -0.123456);
	assert_string_equal(K(o), "-12.3%");
	format_pct(o, "k", 0.99951); /* rounds up past the last decimal */
	assert_string_equal(K(o), "100.0%");
}

static void a_share_that_rounds_to_zero_has_no_sign(void **state)
{
	struct value *o = *state;
	format_pct(o, "k", -0.0004);
	assert_string_equal(K(o), "0.0%");
	format_pct(o, "k", 0.0004);
	assert_string_equal(K(o), "0.0%");
}

static void missing_numbers_print_as_a_dash(void **state)
{
	struct value *o = *state;
	format_num(o, "k", "%.2f", NAN);
	assert_string_equal(K(o), "—");
	format_pct(o, "k", NAN);
	assert_string_equal(K(o), "—");
	format_count(o, "k", NAN);
	assert_string_equal(K(o), "—");
	format_params(o, "k", NAN);
	assert_string_equal(K(o), "—");
	format_flop(o, "k", NAN);
	assert_string_equal(K(o), "—");
	format_params(o, "k", INFINITY);
	assert_string_equal(K(o), "—");
	format_num(o, "k", "%.2f", -INFINITY);
	assert_string_equal(K(o), "—");
}

static void a_rounded_zero_loses_its_sign_but_other_numbers_keep_it(void **state)
{
	struct value *o = *state;
	format_num(o, "k", "%.2f", -0.001);
	assert_string_equal(K(o), "0.00");
	format_num(o, "k", "%+.2f", 0.001);
	assert_string_equal(K(o), "0.00");
	format_num(o, "k", "%+.1f", -0.04);
	assert_string_equal(K(o), "0.0");
	format_num(o, "k", "%.3g", -0.0);
	assert_string_equal(K(o), "0");
	format_num(o, "k", "%+.2f", 0.5);
	assert_string_equal(K(o), "+0.50");
	format_num(o, "k", "%+.2f", -0.5);
	assert_string_equal(K(o), "-0.50");
	format_num(o, "k", "%.3g", -1e-9); /* not rounded to zero: a digit follows the sign */
	assert_string_equal(K(o), "-1e-09");
}

static void a_format_may_carry_text_around_the_number(void **state)
{
	struct value *o = *state;
	format_num(o, "k", "▲ %.0f", 3);
	assert_string_equal(K(o), "▲ 3");
	format_num(o, "k", "± %.2g", 0.013);
	assert_string_equal(K(o), "± 0.013");
	format_num(o, "k", "%.0f%%", 70);
	assert_string_equal(K(o), "70%");
	format_num(o, "k", "%.4g", 123456);
	assert_string_equal(K(o), "1.235e+05");
}

static void counts_print_as_whole_numbers_with_halves_rounded_to_even(void **state)
{
	struct value *o = *state;
	format_count(o, "k", 12);
	assert_string_equal(K(o), "12");
	format_count(o, "k", -3);
	assert_string_equal(K(o), "-3");
	format_count(o, "k", 12.5);
	assert_string_equal(K(o), "12");
	format_count(o, "k", 13.5);
	assert_string_equal(K(o), "14");
	format_count(o, "k", -0.4);
	assert_string_equal(K(o), "0");
	format_count(o, "k", 1e15);
	assert_string_equal(K(o), "1000000000000000");
}

static void a_counted_noun_is_singular_only_for_exactly_one(void **state)
{
	struct value *o = *state;
	format_noun(o, "k", 1, "model", "models");
	assert_string_equal(K(o), "1 model");
	format_noun(o, "k", 3, "model", "models");
	assert_string_equal(K(o), "3 models");
	format_noun(o, "k", 0, "model", "models");
	assert_string_equal(K(o), "0 models");
	format_noun(o, "k", 1.4, "cell", "cells"); /* rounds to one */
	assert_string_equal(K(o), "1 cell");
	format_noun(o, "k", 11, "area", "areas");
	assert_string_equal(K(o), "11 areas");
	format_noun(o, "k", NAN, "model", "models");
	assert_string_equal(K(o), "—");
}

static void parameter_counts_print_in_billions_and_millions(void **state)
{
	struct value *o = *state;
	format_params(o, "k", 13e9);
	assert_string_equal(K(o), "13B");
	format_params(o, "k", 70.6e9);
	assert_string_equal(K(o), "70.6B");
	format_params(o, "k", 7e9);
	assert_string_equal(K(o), "7B");
	format_params(o, "k", 350e6);
	assert_string_equal(K(o), "350M");
	format_params(o, "k", 1e6);
	assert_string_equal(K(o), "1M");
}

static void large_parameter_counts_keep_three_digits_in_exponent_form(void **state)
{
	struct value *o = *state;
	format_params(o, "k", 1.75e12);
	assert_string_equal(K(o), "1.75e+03B");
	format_params(o, "k", 1.6e23);
	assert_string_equal(K(o), "1.6e+14B");
	format_params(o, "k", 999.5e6); /* rounds up within millions, not into billions */
	assert_string_equal(K(o), "1e+03M");
}

static void small_parameter_counts_print_as_three_significant_digits(void **state)
{
	struct value *o = *state;
	format_params(o, "k", 125000);
	assert_string_equal(K(o), "1.25e+05");
	format_params(o, "k", 999999);
	assert_string_equal(K(o), "1e+06");
	format_params(o, "k", 0);
	assert_string_equal(K(o), "0");
	format_params(o, "k", -5);
	assert_string_equal(K(o), "-5");
}

static void flop_counts_print_as_a_power_of_ten(void **state)
{
	struct value *o = *state;
	format_flop(o, "k", 3.8e24);
	assert_string_equal(K(o), "3.8 × 10^24");
	format_flop(o, "k", 2.5e25);
	assert_string_equal(K(o), "2.5 × 10^25");
	format_flop(o, "k", 6.3e22);
	assert_string_equal(K(o), "6.3 × 10^22");
	format_flop(o, "k", 1e21);
	assert_string_equal(K(o), "1 × 10^21");
	format_flop(o, "k", 1);
	assert_string_equal(K(o), "1 × 10^0");
	format_flop(o, "k", 0.5);
	assert_string_equal(K(o), "5 × 10^-1");
}

static void a_flop_mantissa_that_rounds_up_stays_ten(void **state)
{
	struct value *o = *state;
	format_flop(o, "k", 9.99e22);
	assert_string_equal(K(o), "10 × 10^22");
}

static void zero_or_negative_flop_prints_as_a_dash(void **state)
{
	struct value *o = *state;
	format_flop(o, "k", 0);
	assert_string_equal(K(o), "—");
	format_flop(o, "k", -1);
	assert_string_equal(K(o), "—");
}

static void formatting_replaces_the_key_and_leaves_the_others(void **state)
{
	struct value *o = *state;
	value_set_string(o, "other", "kept");
	format_count(o, "k", 1);
	format_count(o, "k", 2);
	assert_string_equal(K(o), "2");
	assert_string_equal(value_get_string(o, "other"), "kept");
	assert_int_equal(o->n, 2);
}

static void an_interval_prints_in_brackets_beside_its_number(void **state)
{
	struct value *o = *state;
	format_pct_interval(o, "k", 0.812, 0.571, 0.934);
	assert_string_equal(K(o), "81.2% [57%, 93%]");
	format_interval(o, "k", "%+.2f", 0.7, 0.42, 1.2);
	assert_string_equal(K(o), "+0.70 [+0.42, +1.20]");
	format_interval(o, "k", "%.3g", 0.368829826283027, 0.204902706148166, 0.478711035919686);
	assert_string_equal(K(o), "0.369 [0.205, 0.479]");
	format_interval(o, "k", "%.2f", 3.58631433160916, 2.61300635994724, 5.04098598646133);
	assert_string_equal(K(o), "3.59 [2.61, 5.04]");
}

static void an_interval_alone_prints_in_brackets(void **state)
{
	struct value *o = *state;
	format_ci(o, "k", "%.3f", 0.599326741464054, 0.931660221151577);
	assert_string_equal(K(o), "[0.599, 0.932]");
	format_pct_ci(o, "k", 0.52910889592857, 0.909279908236094);
	assert_string_equal(K(o), "[53%, 91%]");
}

static void interval_ends_of_a_share_are_whole_percents(void **state)
{
	struct value *o = *state;
	format_pct_ci(o, "k", -0.054, 0.76);
	assert_string_equal(K(o), "[-5%, 76%]");
	format_pct_ci(o, "k", 0.994, 1);
	assert_string_equal(K(o), "[99%, 100%]");
	format_pct_interval(o, "k", 0.7875, 0.7869, 0.7881); /* the ends may print alike */
	assert_string_equal(K(o), "78.8% [79%, 79%]");
}

static void an_interval_end_that_rounds_to_zero_has_no_sign(void **state)
{
	struct value *o = *state;
	format_pct_ci(o, "k", -0.004, 0.5);
	assert_string_equal(K(o), "[0%, 50%]");
	format_interval(o, "k", "%+.2f", 0.5, -0.001, 1);
	assert_string_equal(K(o), "+0.50 [0.00, +1.00]");
	format_interval(o, "k", "%+.2f", -0.001, -0.5, 0.5);
	assert_string_equal(K(o), "0.00 [-0.50, +0.50]");
}

static void a_missing_interval_prints_as_nothing_not_empty_brackets(void **state)
{
	struct value *o = *state;
	format_pct_ci(o, "k", NAN, 0.9);
	assert_string_equal(K(o), "");
	format_ci(o, "k", "%.3f", 0.1, NAN);
	assert_string_equal(K(o), "");
	format_ci(o, "k", "%.3f", -INFINITY, 1);
	assert_string_equal(K(o), "");
	format_pct_interval(o, "k", 0.812, NAN, NAN);
	assert_string_equal(K(o), "81.2%");
	format_interval(o, "k", "%.2f", 1.5, 1, NAN);
	assert_string_equal(K(o), "1.50");
	format_rank_interval(o, "k", NAN, 3);
	assert_string_equal(K(o), "");
	format_rank_with_interval(o, "k", 3, NAN, NAN);
	assert_string_equal(K(o), "3");
}

static void a_missing_number_prints_as_a_dash_even_with_an_interval(void **state)
{
	struct value *o = *state;
	format_pct_interval(o, "k", NAN, 0.1, 0.2);
	assert_string_equal(K(o), "—");
	format_interval(o, "k", "%.2f", NAN, 0.1, 0.2);
	assert_string_equal(K(o), "—");
	format_rank_with_interval(o, "k", NAN, 1, 2);
	assert_string_equal(K(o), "—");
}

static void rank_intervals_join_their_ends_with_an_en_dash(void **state)
{
	struct value *o = *state;
	format_rank_interval(o, "k", 2, 7);
	assert_string_equal(K(o), "2–7");
	format_rank_interval(o, "k", 3, 3);
	assert_string_equal(K(o), "3–3");
	format_rank_with_interval(o, "k", 3, 2, 5);
	assert_string_equal(K(o), "3 [2–5]");
	format_rank_with_interval(o, "k", 12, 11, 15);
	assert_string_equal(K(o), "12 [11–15]");
}

/* From here to the pop below, formats come from tables: not literals. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void raw_text(char *out, size_t n, const char *fmt, double x)
{
	snprintf(out, n, fmt, x);
}

/* printf's text of x in fmt, less the sign of a rounded zero, as format_num() documents it. */
static void printf_text(char *out, size_t n, const char *fmt, double x)
{
	snprintf(out, n, fmt, x);
	if ((out[0] == '-' || out[0] == '+') && !strpbrk(out, "123456789"))
		memmove(out, out + 1, strlen(out));
}

/* A value from one of the kinds that decide a rounding: ties and their neighbours at every
 * precision, numbers of every size, whole numbers, the edges of the exact range. */
static double awkward_value(uint64_t *rng, unsigned decimals)
{
	uint64_t r = rng_next(rng);
	double unit = 1 / pow(10, decimals), x;
	switch (r % 8) {
	case 0: /* a decimal tie: k + 1/2 units (exact in binary only for some) */
		x = ((double)(rng_next(rng) % 2000000) + 0.5) * unit;
		break;
	case 1: /* a binary tie: k/2^m */
		x = (double)(rng_next(rng) % 100000) / (double)(1u << (rng_next(rng) % 12));
		break;
	case 2: /* a value of any size */
		x = ldexp((double)(rng_next(rng) >> 11), (int)(rng_next(rng) % 120) - 100);
		break;
	case 3: /* within a few ulps of a decimal tie */
		x = ((double)(rng_next(rng) % 100000) + 0.5) * unit;
		for (int k = (int)(rng_next(rng) % 7) - 3; k; k += k < 0 ? 1 : -1)
			x = nextafter(x, k < 0 ? 0 : INFINITY);
		break;
	case 4: /* a share, a correlation or a slope */
		x = (double)(rng_next(rng) >> 11) / 0x1p53 * 2 - 1;
		break;
	case 5: /* a whole number */
		x = (double)(rng_next(rng) % 100000);
		break;
	case 6: /* near the end of the exact range, 2^52 units */
		x = ldexp(1, 52 - (int)(rng_next(rng) % 4)) * unit *
		    (1 + (double)(rng_next(rng) % 3) / 4);
		break;
	default: /* a zero or a rounded one */
		x = (double)(rng_next(rng) % 3) * unit * 0.25;
		break;
	}
	return r & 0x100 ? -x : x;
}

/* buf_printf_num() (printf-free for these) and format_num() built on it, against printf. */
static void fixed_and_general_numbers_print_exactly_as_printf_does(void **state)
{
	static const char *const formats[] = {
		"%.0f", "%.1f", "%.2f", "%.3f", "%.4f", "%.6f", "%.9f", "%+.1f", "%+.2f", "%.0f%%",
		"%.1f%%", "▲ %.0f", "%.0f places", "%% %+.3f %%", "%.4g", "%.3g", "%.2g", "%.1g",
		"%.0g", "%.6g", "%+.4g", "± %.2g", "%.3g%%", "%.3gB",
		/* neither: printf's own, alike */
		"%.10f", "%5.2f", "%.2e", "%#.3g", "%.12g"};
	static const struct {
		const char *fmt;
		double x;
		const char *want;
	} cases[] = {
		{"%.4g", 9999.5, "1e+04"}, /* rounds up into the exponent form */
		{"%.4g", 999.95, "1000"},
		{"%.3g", 0.0001, "0.0001"},
		{"%.3g", 0.00001, "1e-05"},
		{"%.4g", 1.5, "1.5"},
		{"%.2f", 0.125, "0.12"}, /* ties round to even, as printf's do */
		{"%.1f", 0.25, "0.2"},
		{"%.0f", 2.5, "2"},
		{"%.2f", 1.005, "1.00"}, /* below the tie in binary */
		{"%.0f", 4503599627370497.0, "4503599627370497"},
	};
	struct value *o = *state;
	struct buf raw = BUF_INIT;
	uint64_t rng = 20261203;
	char want[512];
	for (size_t f = 0; f < sizeof(formats) / sizeof(*formats); f++) {
		const char *d = strstr(formats[f], "%.");
		bool general = strstr(formats[f], "g") != NULL;
		for (int i = 0; i < 40000; i++) {
			/* the ties of %g sit at any number of decimals */
			unsigned decimals = general || !d || d[2] < '0' || d[2] > '9'
						? (unsigned)(rng_next(&rng) % 8)
						: (unsigned)(d[2] - '0');
			double x = awkward_value(&rng, decimals);
			raw_text(want, sizeof(want), formats[f], x);
			buf_reset(&raw);
			buf_printf_num(&raw, formats[f], x); /* printf's text, sign and all */
			if (strcmp(buf_str(&raw), want) != 0)
				fail_msg("%s of %.17g: '%s', printf gives '%s'", formats[f], x,
					 buf_str(&raw), want);
			printf_text(want, sizeof(want), formats[f], x);
			format_num(o, "k", formats[f], x);
			if (strcmp(K(o), want) != 0)
				fail_msg("%s of %.17g: '%s', printf gives '%s'", formats[f], x, K(o), want);
		}
	}
	buf_release(&raw);
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		format_num(o, "k", cases[i].fmt, cases[i].x);
		assert_string_equal(K(o), cases[i].want);
	}
}

#pragma GCC diagnostic pop

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(a_share_prints_as_a_percent_with_one_decimal),
	    T(a_share_that_rounds_to_zero_has_no_sign),
	    T(missing_numbers_print_as_a_dash),
	    T(a_rounded_zero_loses_its_sign_but_other_numbers_keep_it),
	    T(a_format_may_carry_text_around_the_number),
	    T(counts_print_as_whole_numbers_with_halves_rounded_to_even),
	    T(a_counted_noun_is_singular_only_for_exactly_one),
	    T(parameter_counts_print_in_billions_and_millions),
	    T(large_parameter_counts_keep_three_digits_in_exponent_form),
	    T(small_parameter_counts_print_as_three_significant_digits),
	    T(flop_counts_print_as_a_power_of_ten),
	    T(a_flop_mantissa_that_rounds_up_stays_ten),
	    T(zero_or_negative_flop_prints_as_a_dash),
	    T(formatting_replaces_the_key_and_leaves_the_others),
	    T(an_interval_prints_in_brackets_beside_its_number),
	    T(an_interval_alone_prints_in_brackets),
	    T(interval_ends_of_a_share_are_whole_percents),
	    T(an_interval_end_that_rounds_to_zero_has_no_sign),
	    T(a_missing_interval_prints_as_nothing_not_empty_brackets),
	    T(a_missing_number_prints_as_a_dash_even_with_an_interval),
	    T(rank_intervals_join_their_ends_with_an_en_dash),
	    T(fixed_and_general_numbers_print_exactly_as_printf_does),
	};
#undef T
	return cmocka_run_group_tests_name("format", tests, NULL, NULL);
}
