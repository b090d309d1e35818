/*
 * Unit tests of what hostile input and faults found (issue 12): JSON that a C string cannot
 * hold, inputs that would block or exhaust memory, and the escapers (gnuplot, XML text,
 * BibTeX, CSV) on names built to break them.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "buf.h"
#include "gptext.h"
#include "json.h"
#include "pages.h"
#include "report.h"
#include "util.h"
#include "value.h"

/* Names that broke builds or escaped their context, one per class. */
static const char *const hostile[] = {
	"'quoted start",
	"ends with a quote'",
	"''two at the start",
	"a''b'''c''''",
	"'",
	"''",
	"50% safe",
	"Hazard refusal (%)",
	"100%",
	"%s %d %n %%",
	"O'Brien",
	"back\\slash \\n",
	"`echo pwned` @macro $var",
	"\"double\" quotes",
	"line\nbreak\ttab",
	"<script>alert(1)</script>",
	"}, title={injected}} @misc{evil, title={x}",
	"unbalanced { brace",
	"\\} escaped",
	"=1+1",
	"-1+cmd|' /C calc'!A0",
	"@SUM(A1)",
	"\tx",
	"\xef\xbf\xbe and \xef\xbf\xbf",
	"",
};
#define NHOSTILE (sizeof(hostile) / sizeof(hostile[0]))

static struct value *parse(const char *s, struct json_error *e)
{
	return json_parse(s, strlen(s), e);
}

/* ---------------------------------------------------------------------------- JSON */

static void nul_escapes_are_errors_at_their_place(void **state)
{
	struct json_error e;
	(void)state;
	assert_null(parse("{\"id\": \"mid-7b\\u0000../../x\"}", &e));
	assert_int_equal(e.line, 1);
	assert_int_equal(e.col, 15);
	assert_non_null(strstr(e.msg, "\\u0000"));
	assert_null(parse("{\"\\u0000\": 1}", &e)); /* in a key too */
	assert_int_equal(e.col, 3);
}

static void lone_surrogates_are_errors_at_their_place(void **state)
{
	struct json_error e;
	struct value *v;
	(void)state;
	assert_null(parse("{\n  \"name\": \"a\\ud800b\"}", &e));
	assert_int_equal(e.line, 2);
	assert_int_equal(e.col, 13);
	assert_non_null(strstr(e.msg, "lone high surrogate"));
	assert_null(parse("[\"\\ud800\\u0041\"]", &e));
	assert_int_equal(e.col, 3);
	assert_null(parse("[\"x\\uDFFF\"]", &e));
	assert_int_equal(e.col, 4);
	assert_non_null(strstr(e.msg, "lone low surrogate"));
	assert_null(parse("[\"\\ud800", &e)); /* at the end of the text */
	v = parse("[\"\\ud83d\\ude00 \\u00e9\"]", &e);
	assert_non_null(v);
	assert_string_equal(v->items[0]->string, "\xf0\x9f\x98\x80 \xc3\xa9");
	value_free(v);
}

static void surrogates_encoded_in_utf8_are_invalid_utf8(void **state)
{
	struct json_error e;
	size_t bad = 99;
	(void)state;
	/* U+D800 and U+DFFF as three-byte sequences: CESU-style, not UTF-8 */
	assert_false(utf8_valid("ab\xed\xa0\x80", 5, &bad));
	assert_int_equal(bad, 2);
	assert_false(utf8_valid("\xed\xbf\xbf", 3, NULL));
	assert_true(utf8_valid("\xed\x9f\xbf", 3, NULL)); /* U+D7FF is fine */
	assert_null(parse("[\"\xed\xa0\x80\"]", &e));
	assert_int_equal(e.col, 3);
	assert_non_null(strstr(e.msg, "invalid UTF-8"));
}

static void a_huge_array_fails_fast_before_it_is_built(void **state)
{
	struct buf b = BUF_INIT;
	struct json_error e;
	(void)state;
	buf_putc(&b, '[');
	for (size_t i = 0; i < JSON_MAX_VALUES + 10; i++)
		buf_puts(&b, "0,");
	buf_puts(&b, "0]");
	assert_null(json_parse(b.data, b.len, &e));
	assert_non_null(strstr(e.msg, "values in one file"));
	/* at the comma of the value one too many: the array itself is one */
	assert_int_equal(e.col, 2 * JSON_MAX_VALUES - 1);
	buf_release(&b);
}

/* ---------------------------------------------------------------------------- files */

static void a_fifo_is_refused_without_blocking(void **state)
{
	char dir[] = "/tmp/wb-test-faults-XXXXXX", *fifo, *data = NULL;
	size_t len;
	(void)state;
	assert_non_null(mkdtemp(dir));
	fifo = path_join(dir, "m.json");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	alarm(10); /* a blocking open would hang the test: fail it instead */
	diag_quiet_warnings(true);
	assert_int_equal(file_read(fifo, &data, &len), -1);
	assert_null(data);
	assert_int_equal(file_copy(fifo, "/dev/null"), -1);
	alarm(0);
	unlink(fifo);
	rmdir(dir);
	free(fifo);
}

/* ---------------------------------------------------------------------------- gnuplot */

/*
 * Read a gnuplot string expression as gnuplot does (its scanner: a single-quoted string
 * ends at the first ' unless the character before is a content character followed by '';
 * a double-quoted piece here may only hold quotes), pieces joined by " . ". Returns the
 * text (caller frees) or NULL when gnuplot would read something else or fail.
 */
static char *gp_read(const char *s)
{
	struct buf out = BUF_INIT;
	const char *p = s;
	for (;;) {
		if (*p == '\'') {
			const char *q = p + 1;
			while (*q && *q != '\'') {
				if (q[1] == '\'' && q[2] == '\'') {
					buf_add(&out, q, 1);
					buf_putc(&out, '\'');
					q += 3;
				} else {
					buf_add(&out, q, 1);
					q++;
				}
			}
			if (*q != '\'')
				goto bad;
			p = q + 1;
		} else if (*p == '"') {
			const char *q = p + 1;
			while (*q == '\'')
				buf_putc(&out, *q++);
			if (*q != '"' || q == p + 1)
				goto bad;
			p = q + 1;
		} else {
			goto bad;
		}
		if (!*p)
			break;
		if (strncmp(p, " . ", 3) != 0)
			goto bad;
		p += 3;
	}
	return out.data ? buf_detach(&out) : xstrdup("");
bad:
	buf_release(&out);
	return NULL;
}

/* What gnuplot should print for s: control runs one space, forbidden characters U+FFFD. */
static char *gp_expected(const char *s)
{
	struct buf b = BUF_INIT;
	bool space = false;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f) {
			if (!space)
				buf_putc(&b, ' ');
			space = true;
			continue;
		}
		space = false;
		buf_putc(&b, (char)c);
	}
	if (b.data)
		text_clean(&b);
	return b.data ? buf_detach(&b) : xstrdup("");
}

static void gnuplot_strings_read_back_as_the_name(void **state)
{
	(void)state;
	for (size_t i = 0; i < NHOSTILE; i++) {
		struct buf b = BUF_INIT, f = BUF_INIT;
		char *back, *want = gp_expected(hostile[i]), *fback;
		gp_str(&b, hostile[i], 0);
		back = gp_read(buf_str(&b));
		if (!back || strcmp(back, want) != 0)
			fail_msg("gp_str(%s) = %s reads back as %s", hostile[i], buf_str(&b),
				 back ? back : "(a syntax error)");
		gp_format_str(&f, hostile[i], 0);
		fback = gp_read(buf_str(&f));
		assert_non_null(fback);
		/* every % of the format is doubled, so printf gives the text back */
		for (char *p = fback, *q = want; *p; p++, q++) {
			assert_int_equal(*p, *q);
			if (*q == '%')
				assert_int_equal(*++p, '%');
		}
		free(back);
		free(fback);
		free(want);
		buf_release(&b);
		buf_release(&f);
	}
}

/*
 * The same with gnuplot itself: print each string, and gprintf() each format string (what
 * an explicit tic label goes through). Skipped without gnuplot.
 */
static void gnuplot_itself_prints_the_names(void **state)
{
	char dir[] = "/tmp/wb-test-gp-XXXXXX", *script, *out, *cmd, *text = NULL;
	struct buf s = BUF_INIT, want = BUF_INIT, c = BUF_INIT;
	size_t len;
	(void)state;
	if (system("gnuplot --version >/dev/null 2>&1") != 0)
		skip();
	assert_non_null(mkdtemp(dir));
	script = path_join(dir, "t.gp");
	out = path_join(dir, "out.txt");
	buf_printf(&s, "set print '%s'\n", out);
	for (size_t i = 0; i < NHOSTILE; i++) {
		char *w = gp_expected(hostile[i]);
		buf_puts(&s, "print ");
		gp_str(&s, hostile[i], 0);
		buf_puts(&s, "\nprint gprintf(");
		gp_format_str(&s, hostile[i], 0);
		buf_puts(&s, ", 1)\n");
		buf_printf(&want, "%s\n%s\n", w, w);
		free(w);
	}
	assert_int_equal(file_write(script, s.data, s.len), 0);
	buf_printf(&c, "cd '%s' && gnuplot -d t.gp 2>err.txt", dir);
	cmd = buf_detach(&c);
	if (system(cmd) != 0)
		fail_msg("gnuplot failed on %s (see %s/err.txt)", script, dir);
	assert_int_equal(file_read(out, &text, &len), 0);
	assert_string_equal(text, buf_str(&want));
	free(text);
	free(cmd);
	buf_printf(&c, "rm -rf '%s'", dir);
	cmd = buf_detach(&c);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(script);
	free(out);
	buf_release(&s);
	buf_release(&want);
}

static void a_cut_label_still_reads_back(void **state)
{
	struct buf b = BUF_INIT;
	char *back;
	(void)state;
	gp_str(&b, "'''''''''''''''", 5);
	back = gp_read(buf_str(&b));
	assert_non_null(back);
	assert_string_equal(back, "''''\xe2\x80\xa6");
	free(back);
	buf_release(&b);
}

/* ---------------------------------------------------------------------------- XML text */

static void forbidden_code_points_become_replacement_characters(void **state)
{
	struct buf b = BUF_INIT;
	(void)state;
	buf_puts(&b, "a\xef\xbf\xbe" "b\xef\xbf\xbf" "c\x01" "d\t\n\r" "e\xc2\x85" "f\xef\xb7\x90"
		     "g\xf0\x9f\xbf\xbe" "h\xff" "i\xf0\x9f\x98\x80");
	assert_int_equal(text_clean(&b), 7);
	assert_string_equal(buf_str(&b), "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd"
					 "d\t\n\r" "e\xef\xbf\xbd" "f\xef\xbf\xbd"
					 "g\xef\xbf\xbd" "h\xef\xbf\xbd" "i\xf0\x9f\x98\x80");
	buf_reset(&b);
	buf_puts(&b, "clean \xc3\xa9");
	assert_int_equal(text_clean(&b), 0);
	assert_string_equal(buf_str(&b), "clean \xc3\xa9");
	assert_true(text_forbidden(0xD800));
	assert_false(text_forbidden(0xFFFD));
	assert_false(text_forbidden(0x10FFFD));
	buf_release(&b);
}

/* text_clean() skips printable ASCII eight bytes at a time: every byte, and characters of
 * two and three bytes, at every offset of such a word (across its end too). */
static void every_byte_is_cleaned_alike_wherever_it_falls(void **state)
{
	static const struct {
		const char *in, *out;
	} seqs[] = {{"\xc3\xa9", "\xc3\xa9"},         /* é stays */
		    {"\xef\xbf\xbe", "\xef\xbf\xbd"}, /* U+FFFE goes */
		    {"\xc2\x85", "\xef\xbf\xbd"},     /* a C1 control goes */
		    {"\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"}};
	struct buf b = BUF_INIT, want = BUF_INIT;
	(void)state;
	for (unsigned c = 0; c < 256; c++)
		for (size_t at = 0; at < 17; at++) {
			bool keep = (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r';
			buf_reset(&b);
			buf_reset(&want);
			for (size_t k = 0; k < 24; k++) {
				buf_putc(&b, k == at ? (char)c : (char)('a' + k));
				if (k == at && !keep)
					buf_puts(&want, "\xef\xbf\xbd");
				else
					buf_putc(&want, k == at ? (char)c : (char)('a' + k));
			}
			assert_int_equal(text_clean(&b), keep ? 0 : 1);
			assert_memory_equal(b.data, want.data, want.len);
			assert_int_equal(b.len, want.len);
		}
	for (size_t q = 0; q < sizeof(seqs) / sizeof(*seqs); q++)
		for (size_t at = 0; at < 17; at++) {
			buf_reset(&b);
			buf_reset(&want);
			buf_add(&b, "0123456789abcdefghij", at);
			buf_add(&want, "0123456789abcdefghij", at);
			buf_puts(&b, seqs[q].in);
			buf_puts(&want, seqs[q].out);
			buf_puts(&b, "klmnopqrstuvwxyz");
			buf_puts(&want, "klmnopqrstuvwxyz");
			text_clean(&b);
			assert_string_equal(buf_str(&b), buf_str(&want));
		}
	buf_release(&b);
	buf_release(&want);
}

/* ---------------------------------------------------------------------------- BibTeX */

static void bibtex_fields_keep_their_braces_balanced(void **state)
{
	(void)state;
	for (size_t i = 0; i < NHOSTILE; i++) {
		char *t = pages_bibtex_text(hostile[i]);
		int depth = 0;
		for (const char *p = t; *p; p++) {
			if (*p == '{')
				depth++;
			else if (*p == '}' && --depth < 0)
				fail_msg("'%s' -> '%s' closes its field", hostile[i], t);
			if ((unsigned char)*p < 0x20)
				fail_msg("'%s' -> '%s' holds a control character", hostile[i], t);
		}
		assert_int_equal(depth, 0);
		assert_true(!*t || t[strlen(t) - 1] != '\\');
		free(t);
	}
}

static void bibtex_text_escapes_latex_specials(void **state)
{
	char *t = pages_bibtex_text("50% {x} \\ a_b \"q\" ^");
	(void)state;
	assert_string_equal(t, "50\\% \\textbraceleft{}x\\textbraceright{} \\textbackslash{} "
			       "a\\_b {\"}q{\"} \\^{}");
	free(t);
}

/* ---------------------------------------------------------------------------- CSV */

static void csv_formula_cells_are_neutralised_but_numbers_are_not(void **state)
{
	static const char *const cases[][2] = {
		{"=1+1", "\"'=1+1\""},
		{"+cmd", "\"'+cmd\""},
		{"-1+cmd|' /C calc'!A0", "\"'-1+cmd|' /C calc'!A0\""},
		{"@SUM(A1)", "\"'@SUM(A1)\""},
		{"\tx", "\"'\tx\""},
		{"\rx", "\"'\rx\""},
		{"=\"quoted\"", "\"'=\"\"quoted\"\"\""},
		{"-0.5", "-0.5"},
		{"+3", "+3"},
		{"-1e-5", "-1e-5"},
		{"-", "\"'-\""},
		{"-.", "\"'-.\""},
		{"a=b", "a=b"},
		{"O'Brien", "O'Brien"},
		{"a,b", "\"a,b\""},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;
		csv_field(&b, cases[i][0]);
		assert_string_equal(buf_str(&b), cases[i][1]);
		buf_release(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(nul_escapes_are_errors_at_their_place),
		cmocka_unit_test(lone_surrogates_are_errors_at_their_place),
		cmocka_unit_test(surrogates_encoded_in_utf8_are_invalid_utf8),
		cmocka_unit_test(a_huge_array_fails_fast_before_it_is_built),
		cmocka_unit_test(a_fifo_is_refused_without_blocking),
		cmocka_unit_test(gnuplot_strings_read_back_as_the_name),
		cmocka_unit_test(gnuplot_itself_prints_the_names),
		cmocka_unit_test(a_cut_label_still_reads_back),
		cmocka_unit_test(forbidden_code_points_become_replacement_characters),
		cmocka_unit_test(every_byte_is_cleaned_alike_wherever_it_falls),
		cmocka_unit_test(bibtex_fields_keep_their_braces_balanced),
		cmocka_unit_test(bibtex_text_escapes_latex_specials),
		cmocka_unit_test(csv_formula_cells_are_neutralised_but_numbers_are_not),
	};
	return cmocka_run_group_tests_name("faults", tests, NULL, NULL);
}
