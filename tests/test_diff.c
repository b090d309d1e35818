/*
 * Tests of diff.c: what changed between two reports. The reports are small JSON texts with
 * only the keys the diff reads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "diff.h"
#include "json.h"
#include "util.h"
#include "value.h"

static struct value *parse(const char *text)
{
	struct json_error err;
	struct value *v = json_parse(text, strlen(text), &err);
	assert_non_null(v);
	return v;
}

/* A report of one cohort "c": models, benchmarks (id:verdict:correlation), leaderboard. */
static struct value *report(const char *version, const char *models, const char *benches,
			    const char *board)
{
	struct buf b = BUF_INIT;
	struct value *v;
	buf_printf(&b,
		   "{\"site\": {\"version\": \"%s\"}, \"cohorts\": [{\"id\": \"c\", \"title\": \"C\", "
		   "\"models\": [%s], \"benchmarks\": [%s], \"leaderboard\": [%s]}]}",
		   version, models, benches, board);
	v = parse(buf_str(&b));
	buf_release(&b);
	return v;
}

static const char *const models = "{\"id\": \"m1\", \"name\": \"M1\"}, {\"id\": \"m2\", \"name\": \"M2\"}";
static const char *const benches =
    "{\"id\": \"b1\", \"name\": \"B1\", \"verdict\": \"moderate\", \"verdict_label\": \"moderate\", "
    "\"capabilities_correlation\": 0.5},"
    "{\"id\": \"b2\", \"name\": \"B2\", \"verdict\": \"distinct\", \"verdict_label\": \"distinct\", "
    "\"capabilities_correlation\": 0.1}";
static const char *const board = "{\"model\": \"m1\", \"decorrelated_rank\": 1},"
				 "{\"model\": \"m2\", \"decorrelated_rank\": 2}";

static const struct value *cohort0(const struct value *d)
{
	return value_get(d, "cohorts")->items[0];
}

static void a_report_against_itself_has_no_change_and_says_unchanged(void **state)
{
	struct value *a = report("1", models, benches, board), *d = diff_reports(a, a);
	struct buf t = BUF_INIT;
	(void)state;
	assert_float_equal(value_num(d, "n_changes"), 0, 0);
	assert_string_equal(value_str(cohort0(d), "status"), "unchanged");
	diff_write_text(&t, d);
	assert_non_null(strstr(buf_str(&t), "0 changes"));
	assert_null(strstr(buf_str(&t), ": changed"));
	buf_release(&t);
	value_free(d);
	value_free(a);
}

static void added_and_removed_models_and_benchmarks_are_listed(void **state)
{
	struct value *a = report("1", models, benches, board);
	struct value *b = report("2", "{\"id\": \"m1\", \"name\": \"M1\"}, {\"id\": \"m3\", \"name\": \"M3\"}",
				 "{\"id\": \"b1\", \"name\": \"B1\", \"verdict\": \"moderate\", "
				 "\"verdict_label\": \"moderate\", \"capabilities_correlation\": 0.5}",
				 "{\"model\": \"m1\", \"decorrelated_rank\": 1}");
	struct value *d = diff_reports(a, b);
	const struct value *c;
	(void)state;
	c = cohort0(d);
	assert_string_equal(value_str(c, "status"), "changed");
	assert_int_equal(value_get(c, "models_added")->n, 1);
	assert_string_equal(value_str(value_get(c, "models_added")->items[0], "id"), "m3");
	assert_int_equal(value_get(c, "models_removed")->n, 1);
	assert_string_equal(value_str(value_get(c, "models_removed")->items[0], "id"), "m2");
	assert_int_equal(value_get(c, "benchmarks_removed")->n, 1);
	assert_float_equal(value_num(d, "n_changes"), 3, 0);
	assert_string_equal(value_str(d, "old_version"), "1");
	assert_string_equal(value_str(d, "new_version"), "2");
	value_free(d);
	value_free(b);
	value_free(a);
}

/* Verdict changes, correlation movements and rank changes all count, the movements of
 * less than half a tenth of a percentage point do not. */
static void every_kind_of_change_counts_in_the_total(void **state)
{
	struct value *a = report("1", models, benches, board);
	struct value *b = report(
	    "2", models,
	    "{\"id\": \"b1\", \"name\": \"B1\", \"verdict\": \"tracks-capabilities\", "
	    "\"verdict_label\": \"tracks capabilities\", \"capabilities_correlation\": 0.7},"
	    "{\"id\": \"b2\", \"name\": \"B2\", \"verdict\": \"distinct\", \"verdict_label\": "
	    "\"distinct\", \"capabilities_correlation\": 0.1004}",
	    "{\"model\": \"m1\", \"decorrelated_rank\": 2}, {\"model\": \"m2\", \"decorrelated_rank\": 1}");
	struct value *d = diff_reports(a, b);
	const struct value *c = cohort0(d), *m;
	(void)state;
	assert_int_equal(value_get(c, "verdict_changes")->n, 1);
	m = value_get(c, "movements");
	assert_int_equal(m->n, 1); /* b1 moved 20 points; b2's 0.04 points do not show */
	assert_float_equal(value_num(m->items[0], "delta"), 0.2, 1e-12);
	assert_int_equal(value_get(c, "rank_changes")->n, 2);
	assert_float_equal(value_num(d, "n_changes"), 4, 0);
	value_free(d);
	value_free(b);
	value_free(a);
}

static void a_new_cohort_counts_as_one_change_and_its_contents(void **state)
{
	struct value *a = parse("{\"site\": {}, \"cohorts\": []}");
	struct value *b = report("2", models, benches, board), *d = diff_reports(a, b);
	(void)state;
	assert_string_equal(value_str(cohort0(d), "status"), "added");
	assert_int_equal(value_get(cohort0(d), "models_added")->n, 2);
	assert_true(value_num(d, "n_changes") >= 1);
	value_free(d);
	value_free(b);
	value_free(a);
}

/* At most DIFF_TOP movements are listed, but all of them are counted. */
static void only_the_largest_movements_are_listed_but_all_count(void **state)
{
	struct buf ob = BUF_INIT, nb = BUF_INIT;
	struct value *a, *b, *d;
	(void)state;
	for (int i = 0; i < DIFF_TOP + 5; i++) {
		buf_printf(&ob, "%s{\"id\": \"b%02d\", \"verdict\": \"distinct\", "
				"\"capabilities_correlation\": 0}",
			   i ? "," : "", i);
		buf_printf(&nb, "%s{\"id\": \"b%02d\", \"verdict\": \"distinct\", "
				"\"capabilities_correlation\": %g}",
			   i ? "," : "", i, 0.01 * (i + 1));
	}
	a = report("1", models, buf_str(&ob), board);
	b = report("2", models, buf_str(&nb), board);
	d = diff_reports(a, b);
	assert_int_equal(value_get(cohort0(d), "movements")->n, DIFF_TOP);
	assert_float_equal(value_num(cohort0(d), "n_movements"), DIFF_TOP + 5, 0);
	assert_float_equal(value_num(d, "n_changes"), DIFF_TOP + 5, 0);
	assert_string_equal(value_str(value_get(cohort0(d), "movements")->items[0], "id"), "b14");
	buf_release(&ob);
	buf_release(&nb);
	value_free(d);
	value_free(b);
	value_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_report_against_itself_has_no_change_and_says_unchanged),
	    cmocka_unit_test(added_and_removed_models_and_benchmarks_are_listed),
	    cmocka_unit_test(every_kind_of_change_counts_in_the_total),
	    cmocka_unit_test(a_new_cohort_counts_as_one_change_and_its_contents),
	    cmocka_unit_test(only_the_largest_movements_are_listed_but_all_count),
	};
	int rc = cmocka_run_group_tests_name("diff", tests, NULL, NULL);
	value_release_all();
	return rc;
}
