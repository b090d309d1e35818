/* format.c - numbers as the pages print them (see format.h). */
#include "format.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "buf.h"

/*
 * Append x printed with fmt to b, without the sign of a rounded zero ("-0.00" or "+0.0%"):
 * the sign is looked for only in what this call appended.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void num_text(struct buf *b, const char *fmt, double x)
{
	size_t at = b->len;
	buf_printf_num(b, fmt, x);
	if (b->len > at && (b->data[at] == '-' || b->data[at] == '+') &&
	    !strpbrk(b->data + at, "123456789")) {
		memmove(b->data + at, b->data + at + 1, b->len - at);
		b->len--;
	}
}
#pragma GCC diagnostic pop

/* Callers' formats are checked through the attribute in format.h; the body passes one on. */
void format_num(struct value *o, const char *key, const char *fmt, double x)
{
	struct buf b = BUF_INIT;
	if (!isfinite(x)) {
		value_set_string(o, key, "—");
		return;
	}
	num_text(&b, fmt, x);
	value_set(o, key, value_string_own(buf_detach(&b)));
}

void format_pct(struct value *o, const char *key, double x)
{
	format_num(o, key, "%.1f%%", x * 100);
}

void format_count(struct value *o, const char *key, double x)
{
	format_num(o, key, "%.0f", x);
}

void format_noun(struct value *o, const char *key, double x, const char *singular,
		 const char *plural)
{
	struct buf b = BUF_INIT;
	bool one;
	if (!isfinite(x)) {
		value_set_string(o, key, "—");
		return;
	}
	num_text(&b, "%.0f", x);
	one = strcmp(buf_str(&b), "1") == 0;
	buf_putc(&b, ' ');
	buf_puts(&b, one ? singular : plural);
	value_set(o, key, value_string_own(buf_detach(&b)));
}

/* 13000000000 -> "13B", 350000000 -> "350M", 125000 -> "1.25e+05". */
void format_params(struct value *o, const char *key, double x)
{
	if (isfinite(x) && x >= 1e9)
		format_num(o, key, "%.3gB", x / 1e9);
	else if (isfinite(x) && x >= 1e6)
		format_num(o, key, "%.3gM", x / 1e6);
	else
		format_num(o, key, "%.3g", x);
}

void format_flop(struct value *o, const char *key, double x)
{
	struct buf b = BUF_INIT;
	int e;
	if (!isfinite(x) || x <= 0) {
		value_set_string(o, key, "—");
		return;
	}
	e = (int)floor(log10(x));
	buf_printf(&b, "%.2g × 10^%d", x / pow(10, e), e);
	value_set(o, key, value_string_own(buf_detach(&b)));
}

/* lo, sep and hi appended to b, each end printed with fmt; false (nothing) when one is missing. */
static bool ends_text(struct buf *b, const char *fmt, double lo, double hi, const char *sep)
{
	if (!isfinite(lo) || !isfinite(hi))
		return false;
	num_text(b, fmt, lo);
	buf_puts(b, sep);
	num_text(b, fmt, hi);
	return true;
}

/* x in xfmt, then " [lo, hi]" in cfmt when both ends are known; "—" without x. */
static void set_interval(struct value *o, const char *key, const char *xfmt, double x,
			 const char *cfmt, double lo, double hi)
{
	struct buf b = BUF_INIT;
	if (!isfinite(x)) {
		value_set_string(o, key, "—");
		return;
	}
	num_text(&b, xfmt, x);
	if (isfinite(lo) && isfinite(hi)) {
		buf_puts(&b, " [");
		ends_text(&b, cfmt, lo, hi, ", ");
		buf_putc(&b, ']');
	}
	value_set(o, key, value_string_own(buf_detach(&b)));
}

void format_ci(struct value *o, const char *key, const char *fmt, double lo, double hi)
{
	struct buf b = BUF_INIT;
	buf_putc(&b, '[');
	if (ends_text(&b, fmt, lo, hi, ", "))
		buf_putc(&b, ']');
	else
		buf_reset(&b);
	value_set(o, key, value_string_own(buf_detach(&b)));
}

void format_interval(struct value *o, const char *key, const char *fmt, double x, double lo,
		     double hi)
{
	set_interval(o, key, fmt, x, fmt, lo, hi);
}

/* Interval ends of a share are whole percents: "81.2% [57%, 93%]". */
void format_pct_ci(struct value *o, const char *key, double lo, double hi)
{
	format_ci(o, key, "%.0f%%", 100 * lo, 100 * hi);
}

void format_pct_interval(struct value *o, const char *key, double x, double lo, double hi)
{
	set_interval(o, key, "%.1f%%", 100 * x, "%.0f%%", 100 * lo, 100 * hi);
}

/* "2–7": an en dash, no spaces; the report has already rounded the ends outwards. */
void format_rank_interval(struct value *o, const char *key, double lo, double hi)
{
	struct buf b = BUF_INIT;
	ends_text(&b, "%.0f", lo, hi, "–");
	value_set(o, key, value_string_own(buf_detach(&b)));
}

void format_rank_with_interval(struct value *o, const char *key, double rank, double lo, double hi)
{
	struct buf b = BUF_INIT;
	if (!isfinite(rank)) {
		value_set_string(o, key, "—");
		return;
	}
	num_text(&b, "%.0f", rank);
	if (isfinite(lo) && isfinite(hi)) {
		buf_puts(&b, " [");
		ends_text(&b, "%.0f", lo, hi, "–");
		buf_putc(&b, ']');
	}
	value_set(o, key, value_string_own(buf_detach(&b)));
}
