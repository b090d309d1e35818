/*
 * Tests of markdown.c: cmark-gfm with the table, autolink and strikethrough extensions, the
 * headings' ids, and the page memory that is taken back after each page.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "markdown.h"

static char *html_of(const char *md, size_t len)
{
	struct buf out = BUF_INIT;
	assert_int_equal(markdown_to_html(md, len, &out), 0);
	return buf_detach(&out);
}

static void tables_links_and_headings_render_with_ids(void **state)
{
	static const char md[] = "# Results\n\n| model | score |\n|---|---:|\n| A | 0.5 |\n\n"
				 "See https://example.org and ~~old~~.\n\n# Results\n\n<b>raw</b>\n";
	char *html = html_of(md, sizeof(md) - 1);
	(void)state;
	assert_non_null(strstr(html, "<h1 id=\"results\">Results</h1>"));
	assert_non_null(strstr(html, "<h1 id=\"results-2\">Results</h1>"));
	assert_non_null(strstr(html, "<td align=\"right\">0.5</td>"));
	assert_non_null(strstr(html, "<a href=\"https://example.org\">https://example.org</a>"));
	assert_non_null(strstr(html, "<del>old</del>"));
	assert_null(strstr(html, "<b>raw</b>")); /* safe mode: raw HTML does not pass */
	free(html);
}

/* A table of rows rows, each row's cells numbered from first, as Markdown. */
static char *table(size_t rows, size_t first, size_t *len)
{
	struct buf b = BUF_INIT;
	buf_puts(&b, "## Table\n\n| k | v | w |\n|---|---|---|\n");
	for (size_t i = 0; i < rows; i++)
		buf_printf(&b, "| row %zu | *%zu* | [x](https://e.org/%zu) |\n", i, first + i,
			   i);
	*len = b.len;
	return buf_detach(&b);
}

/*
 * Pages reuse one memory that is taken back after each page, and a page too large for it
 * (over 256 KB of Markdown) uses malloc: rendering small, large and small pages in turn
 * must give each page exactly what it gives alone, whatever came before it.
 */
static void pages_render_the_same_whatever_was_rendered_before(void **state)
{
	size_t lsmall, llarge, lother;
	char *small = table(50, 0, &lsmall), *large = table(20000, 7, &llarge);
	char *other = table(50, 100000, &lother);
	char *first_small = html_of(small, lsmall), *first_large, *first_other;
	(void)state;
	assert_true(llarge > 256 * 1024 && lsmall < 256 * 1024 && lother < 256 * 1024);
	first_large = html_of(large, llarge);
	first_other = html_of(other, lother);
	for (int round = 0; round < 3; round++) {
		/* other and small alike but for their numbers: what one leaves, the other must
		 * not show */
		char *a = html_of(other, lother), *b = html_of(small, lsmall);
		char *c = html_of(large, llarge), *d = html_of(small, lsmall);
		char *e = html_of(other, lother);
		assert_string_equal(a, first_other);
		assert_string_equal(b, first_small);
		assert_string_equal(c, first_large);
		assert_string_equal(d, first_small);
		assert_string_equal(e, first_other);
		free(a);
		free(b);
		free(c);
		free(d);
		free(e);
	}
	assert_non_null(strstr(first_large, "<td>row 19999</td>"));
	assert_non_null(strstr(first_small, "<td><em>49</em></td>"));
	free(small);
	free(large);
	free(other);
	free(first_small);
	free(first_large);
	free(first_other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(tables_links_and_headings_render_with_ids),
	    cmocka_unit_test(pages_render_the_same_whatever_was_rendered_before),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	markdown_shutdown();
	return rc;
}
