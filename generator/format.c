/* format.c - numbers as the pages print them (see format.h). */
#include "format.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"

/* Append the text of fmt from p to the first conversion (or the end), "%%" as '%'; returns
 * where it stopped. */
static const char *literal_text(struct buf *b, const char *p)
{
	for (;;) {
		const char *q = strchr(p, '%');
		if (!q) {
			buf_puts(b, p);
			return p + strlen(p);
		}
		buf_add(b, p, (size_t)(q - p));
		if (q[1] != '%')
			return q;
		buf_putc(b, '%');
		p = q + 2;
	}
}

/* ax * 10^decimals rounded to the nearest integer, in *r, when the rounding is proven: fma()
 * gives e = ax * 10^decimals - r with one rounding, and |e| < 1/2 proves r the nearest
 * integer to the exact product (a rounding is monotonic and 1/2 is exact). false for a tie,
 * a near one, or a product of 2^52 or more. */
static bool rounded_digits(double ax, unsigned decimals, uint64_t *r)
{
	static const double pow10[] = {1,    1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
				       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	double p, n, e;
	if (decimals >= sizeof(pow10) / sizeof(*pow10))
		return false;
	p = pow10[decimals];
	n = nearbyint(ax * p);
	if (!(n < 0x1p52))
		return false;
	e = fma(ax, p, -n);
	if (!(fabs(e) < 0.5))
		return false;
	*r = (uint64_t)n;
	return true;
}

/*
 * printf's "%.Nf", "%.Ng" (or with '+') of x between plain text ("%%" a percent sign), without
 * printf, which takes a few thousand instructions a number (pages print hundreds of
 * thousands). printf rounds the exact binary value to nearest, ties to even; here the digits
 * come from rounded_digits(), so they are printf's. "%.Ng" is "%.Mf" with M = N - 1 - X and
 * trailing zeros dropped when its exponent X (after rounding to N digits) is in -4..N-1.
 * Anything else (another format, a tie, a number this cannot prove, an exponent form) returns
 * false with b unchanged: the caller asks printf.
 */
static bool fixed_text(struct buf *b, const char *fmt, double x)
{
	const char *p = strchr(fmt, '%');
	bool plus = false, general;
	unsigned decimals;
	double ax = fabs(x);
	char digits[24];
	size_t nd = 0, last = 0;
	uint64_t r, u;

	while (p && p[1] == '%') /* a literal percent sign first */
		p = strchr(p + 2, '%');
	if (!p)
		return false;
	p++;
	if (*p == '+') {
		plus = true;
		p++;
	}
	if (p[0] != '.' || p[1] < '0' || p[1] > '9' || (p[2] != 'f' && p[2] != 'g'))
		return false;
	decimals = (unsigned)(p[1] - '0');
	general = p[2] == 'g';
	if (general) {
		unsigned sig = decimals ? decimals : 1;
		int e10 = ax > 0 ? (int)floor(log10(ax)) : 0;
		uint64_t lo = 1;
		if (!isfinite(ax) || e10 < -4 || e10 >= (int)sig)
			return false; /* exponent form, or about to be */
		decimals = (unsigned)((int)sig - 1 - e10);
		for (unsigned k = 1; k < sig; k++)
			lo *= 10;
		/* r must have sig digits: not, when log10 was off by one or the rounding carried */
		if (!rounded_digits(ax, decimals, &r) || (ax > 0 && (r < lo || r >= lo * 10)))
			return false;
	} else if (!rounded_digits(ax, decimals, &r)) {
		return false;
	}
	for (const char *q = p + 3; (q = strchr(q, '%')) != NULL; q += 2)
		if (q[1] != '%')
			return false; /* a second conversion */
	literal_text(b, fmt);
	if (signbit(x))
		buf_putc(b, '-');
	else if (plus)
		buf_putc(b, '+');
	for (u = r; u || nd <= decimals; u /= 10)
		digits[nd++] = (char)('0' + u % 10);
	while (nd > decimals)
		buf_putc(b, digits[--nd]);
	/* digits[0..nd) is the fraction, last digit first; %g drops its trailing zeros, and then
	 * a bare point */
	while (general && last < nd && digits[last] == '0')
		last++;
	if (last < nd) {
		buf_putc(b, '.');
		while (nd > last)
			buf_putc(b, digits[--nd]);
	}
	literal_text(b, p + 3);
	return true;
}

/*
 * Append x printed with fmt to b, without the sign of a rounded zero ("-0.00" or "+0.0%"):
 * the sign is looked for only in what this call appended.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void num_text(struct buf *b, const char *fmt, double x)
{
	size_t at = b->len;
	if (!fixed_text(b, fmt, x))
		buf_printf(b, fmt, x);
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
