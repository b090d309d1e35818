#include "gptext.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/*
 * A gnuplot string expression being written: single-quoted pieces joined by " . ". Inside
 * single quotes gnuplot expands neither macros nor backquotes nor backslashes; its one
 * escape, '' for ', is only recognised right after another character of the string (its
 * scanner looks ahead from each character for ''), so a ' that starts the text or follows
 * another ' cannot be written that way: it becomes a piece of its own, "'" (a double-quoted
 * string of only a quote has nothing to expand either).
 */
struct gp_writer {
	struct buf *b;
	bool open;     /* a '...' piece is open */
	bool quote_ok; /* its last character is not a quote, so '' may follow */
	bool any;      /* a piece was written */
};

static void gpw_text(struct gp_writer *w, const char *p, size_t n)
{
	if (!w->open) {
		if (w->any)
			buf_puts(w->b, " . ");
		buf_putc(w->b, '\'');
		w->open = w->any = true;
	}
	buf_add(w->b, p, n);
	w->quote_ok = true;
}

static void gpw_quote(struct gp_writer *w)
{
	if (w->open && w->quote_ok) {
		buf_puts(w->b, "''");
		w->quote_ok = false;
		return;
	}
	if (w->open)
		buf_putc(w->b, '\'');
	if (w->any)
		buf_puts(w->b, " . ");
	buf_puts(w->b, "\"'\"");
	w->open = false;
	w->any = true;
}

static void gpw_end(struct gp_writer *w)
{
	if (w->open)
		buf_putc(w->b, '\'');
	else if (!w->any)
		buf_puts(w->b, "''");
}

/*
 * Append s as a gnuplot string expression that reads back as s, whatever s holds: see
 * struct gp_writer for the quotes. format: the string is a format too (tic labels, which
 * gnuplot passes to its printf), so % is doubled. A newline would end the command, so each
 * run of control characters becomes one space; characters XML and HTML forbid (U+FFFE and
 * the like, text_forbidden()) become U+FFFD, since gnuplot writes text into SVG as it is;
 * invalid UTF-8 bytes become '?'. Text longer than max characters (0: no limit) is cut and
 * ends with an ellipsis.
 */
static void gp_quote(struct buf *b, const char *s, size_t max, bool format)
{
	struct gp_writer w = {b, false, false, false};
	size_t n = strlen(s), chars = 0, i;
	bool cut = false, space = false;

	for (i = 0; i < n;) {
		size_t len = utf8_seq_len(s + i, n - i);
		i += len ? len : 1;
		chars++;
	}
	cut = max && chars > max;
	for (i = 0, chars = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t len = utf8_seq_len(s + i, n - i);
		if (cut && chars == max - 1) {
			gpw_text(&w, "\xe2\x80\xa6", 3); /* … */
			break;
		}
		chars++;
		if (c < 0x20 || c == 0x7f) {
			if (!space)
				gpw_text(&w, " ", 1);
			space = true;
			i++;
			continue;
		}
		space = false;
		if (len == 0) {
			gpw_text(&w, "?", 1);
			i++;
			continue;
		}
		if (c == '\'')
			gpw_quote(&w);
		else if (c == '%' && format)
			gpw_text(&w, "%%", 2);
		else if (text_forbidden(utf8_decode(s + i, len)))
			gpw_text(&w, "\xef\xbf\xbd", 3); /* U+FFFD */
		else
			gpw_text(&w, s + i, len);
		i += len;
	}
	gpw_end(&w);
}

void gp_str(struct buf *b, const char *s, size_t max)
{
	gp_quote(b, s, max, false);
}

void gp_format_str(struct buf *b, const char *s, size_t max)
{
	gp_quote(b, s, max, true);
}

/* Append the lines as one gnuplot string expression: 'a' . "\n" . 'b'. */
void gp_lines(struct buf *b, const char *const *lines, size_t n, size_t max)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_puts(b, " . \"\\n\" . ");
		gp_str(b, lines[i], max);
	}
}

/* A number for a datablock: shortest round-trip form, NaN for undefined. */
void gp_num(struct buf *b, double x)
{
	if (isfinite(x))
		buf_number(b, x);
	else
		buf_puts(b, "NaN");
}

/* x with prec decimals for a reader, "—" when undefined, never "-0.00". */
void gp_pct(struct buf *b, double x, int prec, const char *pct)
{
	gp_fixed(b, 100 * x, prec);
	if (isfinite(x))
		buf_puts(b, pct);
}

void gp_fixed(struct buf *b, double x, int prec)
{
	char tmp[64];
	size_t n;

	if (!isfinite(x)) {
		buf_puts(b, "\xe2\x80\x94"); /* — */
		return;
	}
	n = (size_t)snprintf(tmp, sizeof(tmp), "%.*f", prec, x);
	if (tmp[0] == '-' && strspn(tmp + 1, "0.") == n - 1) {
		buf_puts(b, tmp + 1);
		return;
	}
	buf_puts(b, tmp);
}

/* One CSV field from a number: empty when undefined. */
void gp_csv_num(struct buf *b, double x)
{
	if (isfinite(x))
		buf_number(b, x);
}

void gp_csv_end(struct buf *b)
{
	buf_puts(b, "\r\n");
}
