/*
 * Unit tests of labels.c: where labels go, when they are left out, and the axis ranges and
 * tic steps, against values worked out by hand from the placer's geometry.
 *
 * Most tests use the benchmark scatter's canvas: 720 x 480 pixels with margins 88, 28, 68
 * and 56, so the plot area is 604 x 356 pixels; with both axes 0..10 a data unit is 60.4
 * pixels across and 35.6 up. A label is 5.1 pixels a character wide and 10 high, its anchor 5
 * pixels from its point; a point's marker is 8 x 8 pixels, a line is an obstacle 1.5 pixels
 * either side.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "labels.h"

/* A test on the scatter canvas: a placer just initialised, its script apart, s empty. */
struct fixture {
	struct labels pl;
	struct buf init; /* what labels_init() wrote */
	struct buf s;	 /* what the test's calls write */
};

static int scatter_canvas(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));
	labels_init(&fx->pl, &fx->init, 720, 480, 88, 28, 68, 56, 0, 10, 2, 0, 10, 2, false);
	*state = fx;
	return 0;
}

static int release(void **state)
{
	struct fixture *fx = *state;
	labels_release(&fx->pl);
	buf_release(&fx->init);
	buf_release(&fx->s);
	free(fx);
	return 0;
}

#define FIXTURE_TEST(name) cmocka_unit_test_setup_teardown(name, scatter_canvas, release)

static bool overlap(const struct labels_box *a, const struct labels_box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static size_t count_lines(const char *s, const char *prefix)
{
	size_t n = 0;
	for (const char *l = s; *l;) {
		const char *eol = strchr(l, '\n');
		n += strncmp(l, prefix, strlen(prefix)) == 0;
		if (!eol)
			break;
		l = eol + 1;
	}
	return n;
}

static void the_plot_area_is_fixed_in_the_script(void **state)
{
	struct fixture *fx = *state;
	struct labels *pl = &fx->pl;
	/* 88/720, 1 - 28/720, 1 - 68/480, 56/480 to four places */
	assert_string_equal(buf_str(&fx->init), "set lmargin at screen 0.1222\n"
						"set rmargin at screen 0.9611\n"
						"set tmargin at screen 0.8583\n"
						"set bmargin at screen 0.1167\n"
						"set xrange [0:10]\n"
						"set yrange [0:10]\n"
						"set xtics 2\n"
						"set ytics 2\n");
	assert_float_equal(pl->width, 604, 1e-12);
	assert_float_equal(pl->height, 356, 1e-12);
	assert_int_equal(pl->ntaken, 0);
}

static void a_log_axis_is_given_in_decades(void **state)
{
	struct labels pl;
	struct buf s = BUF_INIT;
	(void)state;
	labels_init(&pl, &s, 720, 480, 88, 28, 68, 56, 20, 25, 0, 0, 1, 0, true);
	/* no tic steps given: gnuplot picks them, so no `set xtics` or `set ytics` */
	assert_non_null(strstr(buf_str(&s), "set xrange [1e+20:1e+25]\nset yrange [0:1]\n"));
	assert_null(strstr(buf_str(&s), "tics"));
	buf_reset(&s);
	/* 10^22.5 is the middle decade: pixel 302; the label's anchor is 5 pixels right */
	labels_point(&pl, pow(10, 22.5), 0.5);
	assert_true(labels_place(&pl, &s, "m", "#333333", pow(10, 22.5), 0.5));
	{
		const char *at = strstr(buf_str(&s), " at first ");
		assert_non_null(at);
		assert_float_equal(strtod(at + 10, NULL) / pow(10, 20 + 307.0 / 604 * 5), 1, 1e-12);
	}
	labels_release(&pl);
	buf_release(&s);
}

static void a_label_goes_right_of_its_point_first(void **state)
{
	struct fixture *fx = *state;
	struct labels *pl = &fx->pl;
	struct buf *s = &fx->s;
	labels_point(pl, 5, 5); /* pixel (302, 178) */
	assert_true(labels_place(pl, s, "A", "#333333", 5, 5));
	/* anchor at pixel 307 = 5 + 5/60.4, left aligned */
	assert_string_equal(buf_str(s), "set label 'A' at first 5.082781456953642, first 5 left "
					"font ',8' textcolor rgb '#333333' front\n");
	assert_int_equal(pl->ntaken, 2);
	assert_float_equal(pl->taken[1].x0, 307, 1e-9);
	assert_float_equal(pl->taken[1].x1, 307 + 5.1, 1e-9);
	assert_float_equal(pl->taken[1].y0, 173, 1e-9);
	assert_float_equal(pl->taken[1].y1, 183, 1e-9);
}

static void a_taken_place_sends_the_next_label_left_then_above(void **state)
{
	struct fixture *fx = *state;
	struct labels *pl = &fx->pl;
	struct buf *s = &fx->s;
	labels_point(pl, 5, 5);
	assert_true(labels_place(pl, s, "A", "#333333", 5, 5));
	assert_true(labels_place(pl, s, "B", "#333333", 5, 5));
	assert_true(labels_place(pl, s, "C", "#333333", 5, 5));
	/* B: anchor at pixel 297, right aligned; C: centred 9 pixels up, at pixel 187 */
	assert_non_null(strstr(buf_str(s), "set label 'B' at first 4.917218543046358, first 5 "
					   "right font"));
	assert_non_null(strstr(buf_str(s), "set label 'C' at first 5, first 5.252808988764045 "
					   "center font"));
}

static void a_label_never_overlaps_a_taken_box(void **state)
{
	struct fixture *fx = *state;
	struct labels *pl = &fx->pl;
	struct buf *s = &fx->s;
	size_t npoints = 0, placed = 0;
	/* a tight cluster: 7 x 7 points a quarter unit (15.1 x 8.9 pixels) apart */
	for (int i = 0; i < 7; i++)
		for (int j = 0; j < 7; j++, npoints++)
			labels_point(pl, 4 + 0.25 * i, 4 + 0.25 * j);
	for (int i = 0; i < 7; i++)
		for (int j = 0; j < 7; j++)
			placed +=
			    labels_place(pl, s, "model", "#333333", 4 + 0.25 * i, 4 + 0.25 * j);
	/* some fit, the cluster is too tight for all */
	assert_true(placed > 0 && placed < npoints);
	assert_int_equal(pl->ntaken, npoints + placed);
	assert_int_equal(count_lines(buf_str(s), "set label "), placed);
	for (size_t a = npoints; a < pl->ntaken; a++) {
		const struct labels_box *b = &pl->taken[a];
		assert_true(b->x0 >= 0 && b->y0 >= 0 && b->x1 <= pl->width && b->y1 <= pl->height);
		for (size_t k = 0; k < pl->ntaken; k++)
			assert_true(k == a || !overlap(b, &pl->taken[k]));
	}
}

static void a_label_with_no_clear_place_is_left_out(void **state)
{
	struct labels pl;
	struct buf s = BUF_INIT;
	(void)state;
	/* a plot area of 110 x 80 pixels: a 28-character label is 142.8 pixels wide */
	labels_init(&pl, &s, 130, 100, 10, 10, 10, 10, 0, 1, 0, 0, 1, 0, false);
	buf_reset(&s);
	labels_point(&pl, 0.5, 0.5);
	assert_false(
	    labels_place(&pl, &s, "a name much longer than the plot area", "#333333", 0.5, 0.5));
	assert_false(labels_corner(&pl, &s, "a name much longer than the plot area", "#333333"));
	assert_int_equal(s.len, 0);	/* nothing written */
	assert_int_equal(pl.ntaken, 1); /* only the point */
	/* a short one still fits */
	assert_true(labels_place(&pl, &s, "ok", "#333333", 0.5, 0.5));
	labels_release(&pl);
	buf_release(&s);
}

static void a_label_never_crosses_a_line(void **state)
{
	struct fixture *fx = *state;
	struct labels *pl = &fx->pl;
	struct buf *s = &fx->s;
	/* a vertical line 10 pixels right of the point (pixel 312): the right place crosses it */
	labels_point(pl, 5, 5);
	labels_line(pl, 5 + 10 / 60.4, 0, 5 + 10 / 60.4, 10);
	assert_true(labels_place(pl, s, "Alpha", "#333333", 5, 5));
	/* so it goes left of the point: anchor at pixel 297, right aligned */
	assert_non_null(strstr(buf_str(s), "set label 'Alpha' at first 4.917218543046358, first 5 "
					   "right font"));
	/* a square of lines 6 pixels around a point (pixel (120.8, 71.2)) blocks every place
	 * beside it, so the label goes 22 pixels up (the first of the farther places) with a
	 * leader line, which may cross a figure's line, from 6 pixels above the point to the
	 * label's lower edge (17 pixels above it) */
	buf_reset(s);
	labels_point(pl, 2, 2);
	{
		const double dx = 6 / 60.4, dy = 6 / 35.6, ex = 8 / 60.4, ey = 8 / 35.6;
		labels_line(pl, 2 - dx, 2 - ey, 2 - dx, 2 + ey);
		labels_line(pl, 2 + dx, 2 - ey, 2 + dx, 2 + ey);
		labels_line(pl, 2 - ex, 2 - dy, 2 + ex, 2 - dy);
		labels_line(pl, 2 - ex, 2 + dy, 2 + ex, 2 + dy);
	}
	assert_true(labels_place(pl, s, "Beta", "#333333", 2, 2));
	assert_string_equal(
	    buf_str(s), "set arrow from first 2, first 2.168539325842697 to first 2, first "
			"2.477528089887641 nohead lw 0.8 lc rgb '#888888' back\n"
			"set label 'Beta' at first 2, first 2.6179775280898876 center font ',8' "
			"textcolor rgb '#333333' front\n");
}

static void a_label_nearer_another_point_than_its_own_goes_elsewhere(void **state)
{
	struct fixture *fx = *state;
	struct labels *pl = &fx->pl;
	struct buf *s = &fx->s;
	/* A at pixel (302, 178); B 20 pixels right and 10 down, at (322, 168): A's label to the
	 * right (pixels 307..332.5 x 173..183) would be 5 pixels from B, as near as from A */
	labels_point(pl, 5, 5);
	labels_point(pl, 5 + 20 / 60.4, 5 - 10 / 35.6);
	assert_true(labels_place(pl, s, "Alpha", "#333333", 5, 5));
	assert_non_null(strstr(buf_str(s), "set label 'Alpha' at first 4.917218543046358, first 5 "
					   "right font"));
	/* the box it got is nearer to A than to B by the margin */
	{
		const struct labels_box *b = &pl->taken[pl->ntaken - 1];
		double to_b =
		    hypot(322 - fmin(fmax(322, b->x0), b->x1), 168 - fmin(fmax(168, b->y0), b->y1));
		assert_true(to_b >= 5 + LABELS_AMBIGUOUS_PX);
	}
}

static void a_long_label_is_cut_to_28_characters(void **state)
{
	struct fixture *fx = *state;
	struct labels *pl = &fx->pl;
	struct buf *s = &fx->s;
	assert_true(labels_place(pl, s, "abcdefghijklmnopqrstuvwxyz0123456789", "#333333", 1, 5));
	/* 27 characters and an ellipsis, in a box 28 characters wide */
	assert_non_null(strstr(buf_str(s), "'abcdefghijklmnopqrstuvwxyz0\xe2\x80\xa6' at first"));
	assert_float_equal(pl->taken[0].x1 - pl->taken[0].x0, 28 * 5.1, 1e-9);
}

static void corner_text_goes_top_left_then_top_right(void **state)
{
	struct fixture *fx = *state;
	struct labels *pl = &fx->pl;
	struct buf *s = &fx->s;
	assert_true(labels_corner(pl, s, "k", "#555555"));
	assert_true(labels_corner(pl, s, "k", "#555555"));
	/* 8 pixels in from the edges: pixels 8 and 596 across, 348 up */
	assert_string_equal(buf_str(s),
			    "set label 'k' at first 0.13245033112582782, first 9.775280898876403 "
			    "left font ',8' textcolor rgb '#555555' front\n"
			    "set label 'k' at first 9.867549668874172, first 9.775280898876403 "
			    "right font ',8' textcolor rgb '#555555' front\n");
}

static void tic_steps_follow_gnuplot_rule(void **state)
{
	(void)state;
	/* 0.2, 0.5 or 1 times the power of ten, as r over it is in [1, 2), [2, 5) or [5, 10) */
	assert_float_equal(labels_tic_step(1), 0.2, 1e-15);
	assert_float_equal(labels_tic_step(1.5), 0.2, 1e-15);
	assert_float_equal(labels_tic_step(2), 0.5, 1e-15);
	assert_float_equal(labels_tic_step(4.99), 0.5, 1e-15);
	assert_float_equal(labels_tic_step(5), 1, 1e-15);
	assert_float_equal(labels_tic_step(9.99), 1, 1e-15);
	assert_float_equal(labels_tic_step(10), 2, 1e-15);
	assert_float_equal(labels_tic_step(120), 20, 1e-12);
	assert_float_equal(labels_tic_step(0.35), 0.05, 1e-15);
	assert_float_equal(labels_tic_step(0.9), 0.1, 1e-15);
	assert_float_equal(labels_tic_step(0.012), 0.002, 1e-15);
}

static void nice_ranges_end_on_a_tic(void **state)
{
	double lo = 0.13, hi = 0.87, step;
	(void)state;
	/* padded by 4% of 0.74 to [0.1004, 0.8996]: length 0.7992, step 0.1 */
	step = labels_nice_range(&lo, &hi, 0.04);
	assert_true(step == 0.1 && lo == 0.1 && hi == 0.9);
	/* [8.6, 100.4]: length 91.8, step 10, out to [0, 110] */
	lo = 12;
	hi = 97;
	step = labels_nice_range(&lo, &hi, 0.04);
	assert_true(step == 10 && lo == 0 && hi == 110);
	/* [-3.386, 0.086]: length 3.472, step 0.5 */
	lo = -3.2;
	hi = -0.1;
	step = labels_nice_range(&lo, &hi, 0.06);
	assert_true(step == 0.5 && lo == -3.5 && hi == 0.5);
	/* [0.2064, 0.2736], step 0.01; rounded to 12 digits: 28 * 0.01 is 0.28, not
	 * 0.28000000000000003 */
	lo = 0.21;
	hi = 0.27;
	step = labels_nice_range(&lo, &hi, 0.06);
	assert_true(step == 0.01 && lo == 0.2 && hi == 0.28);
}

static void an_empty_range_is_widened_and_never_ends_at_minus_zero(void **state)
{
	double lo = 5, hi = 5, step;
	(void)state;
	/* no span: a fifth of |lo| (1), padded by 6% each side: [4.94, 5.06], step 0.02 */
	step = labels_nice_range(&lo, &hi, 0.06);
	assert_true(step == 0.02 && lo == 4.94 && hi == 5.06);
	/* at 0 the span is 1 */
	lo = hi = 0;
	step = labels_nice_range(&lo, &hi, 0.06);
	assert_true(step == 0.02 && lo == -0.06 && hi == 0.06);
	/* ceil(-1e-9) is -0; the end is +0 */
	lo = -0.01;
	hi = 0;
	step = labels_nice_range(&lo, &hi, 0);
	assert_true(step == 0.002 && lo == -0.01 && hi == 0);
	assert_false(signbit(hi));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    FIXTURE_TEST(the_plot_area_is_fixed_in_the_script),
	    cmocka_unit_test(a_log_axis_is_given_in_decades),
	    FIXTURE_TEST(a_label_goes_right_of_its_point_first),
	    FIXTURE_TEST(a_taken_place_sends_the_next_label_left_then_above),
	    FIXTURE_TEST(a_label_never_overlaps_a_taken_box),
	    cmocka_unit_test(a_label_with_no_clear_place_is_left_out),
	    FIXTURE_TEST(a_label_never_crosses_a_line),
	    FIXTURE_TEST(a_label_nearer_another_point_than_its_own_goes_elsewhere),
	    FIXTURE_TEST(a_long_label_is_cut_to_28_characters),
	    FIXTURE_TEST(corner_text_goes_top_left_then_top_right),
	    cmocka_unit_test(tic_steps_follow_gnuplot_rule),
	    cmocka_unit_test(nice_ranges_end_on_a_tic),
	    cmocka_unit_test(an_empty_range_is_widened_and_never_ends_at_minus_zero),
	};
	return cmocka_run_group_tests_name("labels", tests, NULL, NULL);
}
