#include "gptext.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/*
 * Append s as a gnuplot single-quoted string. Inside single quotes gnuplot knows only one
 * escape ('' for ') and expands neither macros nor backquotes, so doubling ' is all the
 * quoting there is. A newline would end the command, so each run of control characters
 * becomes one space; invalid UTF-8 bytes become '?'. Text longer than max characters (0: no
 * limit) is cut and ends with an ellipsis.
 */
void gp_str(struct buf *b, const char *s, size_t max)
{
	size_t n = strlen(s), chars = 0, i;
	bool cut = false, space = false;

	for (i = 0; i < n;) {
		size_t len = utf8_seq_len(s + i, n - i);
		i += len ? len : 1;
		chars++;
	}
	cut = max && chars > max;
	buf_putc(b, '\'');
	for (i = 0, chars = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t len = utf8_seq_len(s + i, n - i);
		if (cut && chars == max - 1) {
			buf_puts(b, "\xe2\x80\xa6"); /* … */
			break;
		}
		chars++;
		if (c < 0x20 || c == 0x7f) {
			if (!space)
				buf_putc(b, ' ');
			space = true;
			i++;
			continue;
		}
		space = false;
		if (len == 0) {
			buf_putc(b, '?');
			i++;
			continue;
		}
		if (c == '\'')
			buf_putc(b, '\'');
		buf_add(b, s + i, len);
		i += len;
	}
	buf_putc(b, '\'');
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
