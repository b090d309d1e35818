/*
 * Tests of markdown.c: cmark-gfm with the table, autolink and strikethrough extensions, the
 * headings' ids, and the page memory that is taken back after each page; and of what the
 * Markdown escaper of mustache.h promises, through it: a value shows literally.
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
#include "mustache.h"

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

/* text as cmark-gfm writes it in HTML: & < > " as entities */
static void html_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		default:
			buf_putc(b, *s);
		}
	}
}

/*
 * Thousands of values made of the characters that mean something to CommonMark or GFM
 * (list markers, breaks, emphasis, links, tables, autolinks after "www." or "x:", entities,
 * code) among letters, digits and spaces, each escaped and put at a line's start, inside a
 * line, after "www", "http" or digits that could make an autolink or a list marker with it, and in
 * a table cell: the HTML must show the value itself, and nothing else, every time. ('@' is
 * left out: GFM's e-mail autolinks are found after escapes are resolved, which no escaping
 * can prevent; mustache.h says so.)
 */
static void escaped_values_show_literally_wherever_they_are(void **state)
{
	static const char alphabet[] = "-+.,%*_[]()<>!#|`~:;&=\\/'\"?^${}0123456789aw ";
	static const struct {
		const char *before, *after, *html_before, *html_after;
	} contexts[] = {
	    {"", "\n", "<p>", "</p>\n"},
	    {"x ", " y\n", "<p>x ", " y</p>\n"},
	    {"www", "\n", "<p>www", "</p>\n"},
	    {"see http", "\n", "<p>see http", "</p>\n"},
	    {"12", " x\n", "<p>12", " x</p>\n"},
	    {"| a |\n|---|\n| ", " |\n",
	     "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n"
	     "<tbody>\n<tr>\n<td>",
	     "</td>\n</tr>\n</tbody>\n</table>\n"},
	};
	/* first the values each rule of the escaper is about, then random ones */
	static const char *const chosen[] = {
	    "://x.org", ".x.org", ". x",   ") x",  "- x",   "+ x", "-",	     "---",
	    "-0.12",	"+1",	  "1.",	   "2.46", "1.5-2", "a-b", "a--b",   "|",
	    "a|b",	"*a*",	  "_a_",   "~a~",  "~~a~~", "`a`", "[a](b)", "![a](b)",
	    "<a>",	"&amp;",  "&#64;", "# a",  "> a",   "=",   "100%",   "a, b",
	};
	unsigned long long x = 88172645463325252ULL; /* xorshift64 */
	(void)state;
	for (size_t k = 0; k < 3000; k++) {
		char v[16];
		size_t n;
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		n = 1 + x % 12;
		for (size_t i = 0; i < n; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			v[i] = alphabet[x % (sizeof(alphabet) - 1)];
		}
		v[0] = v[0] == ' ' ? 'a' : v[0]; /* a paragraph drops spaces at its ends */
		v[n - 1] = v[n - 1] == ' ' ? 'a' : v[n - 1];
		v[n] = '\0';
		if (k < sizeof(chosen) / sizeof(chosen[0]))
			n = strlen(strcpy(v, chosen[k]));
		for (size_t c = 0; c < sizeof(contexts) / sizeof(contexts[0]); c++) {
			struct buf md = BUF_INIT, want = BUF_INIT;
			char *html;
			buf_puts(&md, contexts[c].before);
			mustache_escape_markdown(&md, v, n);
			buf_puts(&md, contexts[c].after);
			buf_puts(&want, contexts[c].html_before);
			html_text(&want, v);
			buf_puts(&want, contexts[c].html_after);
			html = html_of(md.data, md.len);
			if (strcmp(html, buf_str(&want)) != 0)
				fail_msg("value [%s] as [%s] gives [%s], not [%s]", v, buf_str(&md),
					 html, buf_str(&want));
			free(html);
			buf_release(&md);
			buf_release(&want);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(tables_links_and_headings_render_with_ids),
	    cmocka_unit_test(pages_render_the_same_whatever_was_rendered_before),
	    cmocka_unit_test(escaped_values_show_literally_wherever_they_are),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	markdown_shutdown();
	return rc;
}
