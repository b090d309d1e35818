/* Unit tests of json.c, util.c and the CSV reader: positions, limits, identifiers. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "csv.h"
#include "json.h"
#include "util.h"
#include "value.h"

static struct value *parse(const char *s, struct json_error *e)
{
	return json_parse(s, strlen(s), e);
}

static void every_json_node_knows_its_line_and_column(void **state)
{
	struct json_error e;
	struct value *v = parse("{\n  \"a\": 1,\n  \"b\": [true, \"x\"]\n}", &e);
	(void)state;
	assert_non_null(v);
	assert_int_equal(value_get(v, "a")->line, 2);
	assert_int_equal(value_get(v, "a")->col, 8);
	assert_int_equal(value_get(v, "b")->items[1]->line, 3);
	assert_int_equal(value_get(v, "b")->items[1]->col, 15);
	value_free(v);
}

static void a_syntax_error_points_at_the_offending_character(void **state)
{
	struct json_error e;
	(void)state;
	assert_null(parse("{\"a\": 1,\n  \"b\": tru }", &e));
	assert_int_equal(e.line, 2);
	assert_int_equal(e.col, 8);
	assert_non_null(strstr(e.msg, "expected a value"));
}

static void duplicate_keys_are_rejected_where_the_second_one_stands(void **state)
{
	struct json_error e;
	(void)state;
	assert_null(parse("{\"a\": 1,\n \"a\": 2}", &e));
	assert_int_equal(e.line, 2);
	assert_int_equal(e.col, 2);
	assert_non_null(strstr(e.msg, "duplicate key 'a'"));
}

static void a_byte_order_mark_is_accepted(void **state)
{
	struct json_error e;
	struct value *v = parse("\xEF\xBB\xBF{\"a\": 1}", &e);
	(void)state;
	assert_non_null(v);
	value_free(v);
}

static void invalid_utf8_and_nul_bytes_are_errors(void **state)
{
	struct json_error e;
	(void)state;
	assert_null(parse("{\"a\": \"\xC3\x28\"}", &e));
	assert_non_null(strstr(e.msg, "UTF-8"));
	assert_null(json_parse("{\"a\": 1}\0", 9, &e));
	assert_non_null(strstr(e.msg, "NUL"));
}

static void nesting_is_capped_without_recursion(void **state)
{
	struct buf b = BUF_INIT;
	struct json_error e;
	(void)state;
	for (int i = 0; i < 100000; i++)
		buf_putc(&b, '[');
	assert_null(json_parse(b.data, b.len, &e));
	assert_non_null(strstr(e.msg, "nesting"));
	buf_release(&b);
}

static void overflowing_numbers_are_errors(void **state)
{
	struct json_error e;
	(void)state;
	assert_null(parse("[1, 1e999]", &e));
	assert_int_equal(e.col, 5);
	assert_null(parse("", &e));
	assert_non_null(strstr(e.msg, "empty"));
}

static void numbers_print_in_the_shortest_round_trip_form(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;
	buf_number(&b, 0.1);
	buf_putc(&b, ' ');
	buf_number(&b, 1.6e23);
	buf_putc(&b, ' ');
	buf_number(&b, -0.0);
	buf_putc(&b, ' ');
	buf_number(&b, 16.638660499788514);
	assert_string_equal(buf_str(&b), "0.1 1.6e+23 0 16.638660499788514");
	buf_release(&b);
}

/*
 * buf_number() keeps the numbers it wrote last (4096 slots by their bits): 20,000 numbers,
 * each written several times in an order that makes them evict one another, must come out
 * every time as the shortest "%.<p>g" (p = 15, 16 or 17) that reads back, which printf
 * and strtod decide here independently.
 */
static void a_number_written_again_is_the_same_from_the_cache(void **state)
{
	enum { N = 20000 };
	double *xs = xcalloc(N, sizeof(double));
	uint64_t seed = 88172645463325252u;
	(void)state;
	for (size_t i = 0; i < N; i++) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		xs[i] = ((double)(seed >> 11) / 9007199254740992.0 - 0.5) *
			pow(10, (double)(int)(seed % 21) - 10);
	}
	for (int pass = 0; pass < 3; pass++)
		for (size_t t = 0; t < N; t++) {
			/* forward, backward, then strided: hits, misses and evictions mixed */
			size_t i = pass == 0 ? t : pass == 1 ? N - 1 - t : (t * 7919) % N;
			struct buf b = BUF_INIT;
			char want[40] = "0";
			for (int prec = 15; xs[i] != 0 && prec <= 17; prec++) {
				snprintf(want, sizeof(want), "%.*g", prec, xs[i]);
				if (strtod(want, NULL) == xs[i])
					break;
			}
			buf_number(&b, xs[i]);
			assert_string_equal(buf_str(&b), want);
			buf_release(&b);
		}
	free(xs);
}

static void statistics_print_with_fifteen_significant_digits(void **state)
{
	static const double xs[] = {0.1, -0.004261109083190745, 13599.96943277565, 1.6e23,
				    2.5e-7, 0.78257087288057775, 42, -0.5};
	(void)state;
	for (size_t i = 0; i < sizeof(xs) / sizeof(xs[0]); i++) {
		struct buf b = BUF_INIT;
		char ref[40];
		double got, want;
		buf_number15(&b, xs[i]);
		snprintf(ref, sizeof(ref), "%.15g", xs[i]);
		got = strtod(buf_str(&b), NULL);
		want = strtod(ref, NULL);
		/* at most one unit in the 15th digit away from printf's correct rounding */
		assert_true(fabs(got - want) <= fabs(want) * 1.1e-14);
		assert_true(strlen(buf_str(&b)) <= strlen(ref) + 1);
		buf_release(&b);
	}
}

static void slugs_keep_paper_ids_recognisable(void **state)
{
	static const char *const cases[][2] = {
		{"machiavelli-violations.\xCE\xA3", "machiavelli-violations.sum"},
		{"decodingtrust_adv_glue++", "decodingtrust_adv_glue-plus-plus"},
		{"truthfulqa_truth*info", "truthfulqa_truth-x-info"},
		{"NarrativeQA - F1", "narrativeqa-f1"},
		{"LMSYS_Chatbot_Arena", "lmsys_chatbot_arena"},
		{"../../etc/passwd", "etc-passwd"},
		{"", ""},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = slugify(cases[i][0]);
		assert_string_equal(s, cases[i][1]);
		if (s[0])
			assert_true(is_slug(s));
		free(s);
	}
	assert_false(is_slug("../x"));
	assert_false(is_slug("a/b"));
	assert_false(is_slug(""));
	assert_false(is_slug("Upper"));
	assert_false(is_slug("a..b"));
	assert_true(is_slug("qwen1.5-0.5b-chat"));
}

static void numbers_in_text_must_be_whole_and_finite(void **state)
{
	double x;
	(void)state;
	assert_int_equal(parse_number(" 1.5e3 ", &x), 0);
	assert_float_equal(x, 1500, 0);
	assert_int_equal(parse_number("nan", &x), -1);
	assert_int_equal(parse_number("inf", &x), -1);
	assert_int_equal(parse_number("1e999", &x), -2); /* too large: out of range */
	assert_int_equal(parse_number("-1e999", &x), -2);
	assert_int_equal(parse_number("1e-400", &x), 0); /* too small: near 0, as in JSON */
	assert_true(fabs(x) < 1e-300);
	assert_int_equal(parse_number("12abc", &x), -1);
	assert_int_equal(parse_number("0x10", &x), -1);
	assert_int_equal(parse_number("", &x), -1);
}

static void csv_handles_quotes_crlf_and_blank_lines(void **state)
{
	const char *text = "\xEF\xBB\xBFmodel,\"a,b\",c\r\nm1,\"say \"\"hi\"\"\",3\r\n\r\nm2,,\r\n";
	struct csv_table t;
	(void)state;
	assert_int_equal(csv_parse("x.csv", text, strlen(text), &t), 0);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.rows[0].fields[1], "a,b");
	assert_string_equal(t.rows[1].fields[1], "say \"hi\"");
	assert_int_equal(t.rows[2].line, 4);
	assert_int_equal(t.rows[2].nfields, 3);
	assert_string_equal(t.rows[2].fields[2], "");
	assert_int_equal(t.rows[1].cols[2], 17);
	csv_free(&t);
}

static void csv_reports_an_unclosed_quote(void **state)
{
	const char *text = "a,b\n1,\"open\n";
	struct csv_table t;
	(void)state;
	diag_quiet_warnings(true);
	assert_int_equal(csv_parse("x.csv", text, strlen(text), &t), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_json_node_knows_its_line_and_column),
		cmocka_unit_test(a_syntax_error_points_at_the_offending_character),
		cmocka_unit_test(duplicate_keys_are_rejected_where_the_second_one_stands),
		cmocka_unit_test(a_byte_order_mark_is_accepted),
		cmocka_unit_test(invalid_utf8_and_nul_bytes_are_errors),
		cmocka_unit_test(nesting_is_capped_without_recursion),
		cmocka_unit_test(overflowing_numbers_are_errors),
		cmocka_unit_test(numbers_print_in_the_shortest_round_trip_form),
		cmocka_unit_test(a_number_written_again_is_the_same_from_the_cache),
		cmocka_unit_test(statistics_print_with_fifteen_significant_digits),
		cmocka_unit_test(slugs_keep_paper_ids_recognisable),
		cmocka_unit_test(numbers_in_text_must_be_whole_and_finite),
		cmocka_unit_test(csv_handles_quotes_crlf_and_blank_lines),
		cmocka_unit_test(csv_reports_an_unclosed_quote),
	};
	return cmocka_run_group_tests_name("content", tests, NULL, NULL);
}
