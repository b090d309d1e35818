#include "buf.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t n)
{
	fprintf(stderr, "fatal: out of memory (allocating %zu bytes)\n", n);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *xcalloc(size_t n, size_t sz)
{
	void *p;
	if (sz && n > SIZE_MAX / sz)
		out_of_memory(SIZE_MAX);
	p = calloc(n ? n : 1, sz ? sz : 1);
	if (!p)
		out_of_memory(n * sz);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void xgrow(void **p, size_t *cap, size_t need, size_t sz)
{
	size_t c = *cap;
	if (need <= c)
		return;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			out_of_memory(SIZE_MAX);
		c *= 2;
	}
	if (sz && c > SIZE_MAX / sz)
		out_of_memory(SIZE_MAX);
	*p = xrealloc(*p, c * sz);
	*cap = c;
}

void buf_grow(struct buf *b, size_t extra)
{
	if (extra > SIZE_MAX - b->len - 1)
		out_of_memory(SIZE_MAX);
	xgrow((void **)&b->data, &b->cap, b->len + extra + 1, 1);
}

void buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	size_t room;
	int n;

	/* Format straight into the spare room; only a result that does not fit formats twice. */
	if (b->cap - b->len < 64)
		buf_grow(b, 64);
	room = b->cap - b->len;
	va_copy(ap2, ap);
	n = vsnprintf(b->data + b->len, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* The exponent of printf's "%e" output, given the text after the digits: "e+23", "e-05". */
static int atoi_exp(const char *p)
{
	int sign = 1, v = 0;
	if (*p == 'e')
		p++;
	if (*p == '-' || *p == '+')
		sign = *p++ == '-' ? -1 : 1;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (*p++ - '0');
	return sign * v;
}

/*
 * Write the p significant digits d[0..p) with decimal exponent e (value d.ddd x 10^e) the
 * way printf's "%.<p>g" does: fixed notation when -4 <= e < p, else d.ddde+XX; trailing
 * zeros dropped.
 */
static void format_g(struct buf *b, bool neg, const char *d, int p, int e)
{
	int n = p;
	while (n > 1 && d[n - 1] == '0')
		n--;
	if (neg)
		buf_putc(b, '-');
	if (e < -4 || e >= p) {
		buf_putc(b, d[0]);
		if (n > 1) {
			buf_putc(b, '.');
			buf_add(b, d + 1, (size_t)n - 1);
		}
		buf_printf(b, "e%c%02d", e < 0 ? '-' : '+', e < 0 ? -e : e);
	} else if (e < 0) {
		buf_puts(b, "0.");
		for (int i = -1; i > e; i--)
			buf_putc(b, '0');
		buf_add(b, d, (size_t)n);
	} else {
		buf_add(b, d, (size_t)(e + 1 <= n ? e + 1 : n));
		for (int i = n; i < e + 1; i++)
			buf_putc(b, '0');
		if (n > e + 1) {
			buf_putc(b, '.');
			buf_add(b, d + e + 1, (size_t)(n - e - 1));
		}
	}
}

/*
 * The double nearest to the 15-digit decimal d.dddd x 10^e when that is cheap to know
 * exactly: the digits form an integer below 2^53 and the power of ten is exact (10^22 at
 * most), so one multiplication or division rounds correctly (Clinger's fast path), giving
 * what strtod would. NAN when the fast path does not apply.
 */
static double exact_value(const char *r, int e, bool neg)
{
	static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
				       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
				       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
	double v = 0;
	int k = e - 14; /* value = digits x 10^k */
	for (int i = 0; i < 15; i++)
		v = v * 10 + (r[i] - '0'); /* < 10^15 < 2^53: exact */
	if (k > 22 || k < -22)
		return NAN;
	v = k >= 0 ? v * pow10[k] : v / pow10[-k];
	return neg ? -v : v;
}

/*
 * Shortest round-trip output costs printf three times per number when done naively
 * (%.15g, %.16g, %.17g, each checked with strtod) and dominates writing reports. Instead:
 * print the 17 significant digits once, round that digit string to 15 and 16 digits, and
 * check those with strtod. Rounding a rounded string can go wrong only when the dropped
 * digits are exactly "5" or "50"; those rare candidates come from printf itself, so the
 * result is always what "%.<p>g" gives for the smallest p that reads back.
 */
static void number_text(struct buf *b, double x)
{
	char e17[48], d[20];
	struct buf cand = BUF_INIT;
	bool neg;
	int e;

	if (x == floor(x) && fabs(x) < 1e15) {
		buf_printf_num(b, "%.0f", x);
		return;
	}
	snprintf(e17, sizeof(e17), "%.16e", x); /* [-]d.dddddddddddddddde[+-]XX */
	neg = e17[0] == '-';
	{
		const char *p = e17 + neg;
		d[0] = p[0];
		memcpy(d + 1, p + 2, 16);
		d[17] = '\0';
		e = atoi_exp(p + 18);
	}
	for (int prec = 15; prec <= 16; prec++) {
		char r[20];
		int re = e;
		bool ambiguous = prec == 16 ? d[16] == '5' : (d[15] == '5' && d[16] == '0');

		buf_reset(&cand);
		if (ambiguous) {
			buf_printf(&cand, "%.*g", prec, x);
		} else {
			memcpy(r, d, (size_t)prec);
			if (d[prec] >= '5') {
				int i = prec - 1;
				while (i >= 0 && r[i] == '9')
					r[i--] = '0';
				if (i >= 0) {
					r[i]++;
				} else { /* 999.. rounded up to 1000.. */
					r[0] = '1';
					re++;
				}
			}
			format_g(&cand, neg, r, prec, re);
		}
		if (prec == 15 && !ambiguous) {
			/* when exact arithmetic can tell, it is what strtod would say */
			double v = exact_value(r, re, neg);
			if (!isnan(v) && v != x)
				continue;
			if (!isnan(v)) {
				buf_add(b, cand.data, cand.len);
				buf_release(&cand);
				return;
			}
		}
		if (strtod(buf_str(&cand), NULL) == x) {
			buf_add(b, cand.data, cand.len);
			buf_release(&cand);
			return;
		}
	}
	buf_release(&cand);
	format_g(b, neg, d, 17, e);
}

/*
 * The numbers written last, by their bits, per thread: a site writes the same values many
 * times over (a model's capabilities score in every figure, CSV and page of its cohort), and
 * a hit costs a copy instead of printf. Bits 0 (+0) never reach it, so 0 marks a free slot.
 */
#define NUMBER_CACHE_BITS 12 /* 4096 slots */
struct number_slot {
	uint64_t bits;
	unsigned char len;
	char text[31]; /* the longest is 24 bytes: -1.2345678901234567e-308 */
};
static _Thread_local struct number_slot number_cache[1u << NUMBER_CACHE_BITS];

void buf_number(struct buf *b, double x)
{
	struct number_slot *slot;
	uint64_t bits;
	size_t at;

	if (x == 0) { /* also folds -0 into 0 so output never shows "-0" */
		buf_putc(b, '0');
		return;
	}
	memcpy(&bits, &x, sizeof(bits));
	slot = &number_cache[(bits * 0x9E3779B97F4A7C15u) >> (64 - NUMBER_CACHE_BITS)];
	if (slot->bits == bits) {
		buf_add(b, slot->text, slot->len);
		return;
	}
	at = b->len;
	number_text(b, x);
	if (b->len - at < sizeof(slot->text)) {
		slot->bits = bits;
		slot->len = (unsigned char)(b->len - at);
		memcpy(slot->text, b->data + at, slot->len);
	}
}

void buf_number15(struct buf *b, double x)
{
	static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
				       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
				       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
	double a = fabs(x), scaled;
	long long d;
	char digits[24];
	int e, k;

	if (x == 0 || (x == floor(x) && a < 1e15) || !isfinite(x)) {
		buf_number(b, x);
		return;
	}
	e = (int)floor(log10(a));
	k = 14 - e; /* scaled = a x 10^k has 15 digits before the point */
	if (k > 22 || k < -22) {
		buf_printf(b, "%.15g", x);
		return;
	}
	scaled = k >= 0 ? a * pow10[k] : a / pow10[-k];
	if (scaled < 1e14) { /* log10 rounded up across a power of ten */
		e--;
		if (++k > 22) {
			buf_printf(b, "%.15g", x);
			return;
		}
		scaled = k >= 0 ? a * pow10[k] : a / pow10[-k];
	}
	d = llround(scaled);
	if (d >= 1000000000000000LL) { /* rounded up to 10^15 */
		d /= 10;
		e++;
	}
	for (int i = 14; i >= 0; i--) { /* printf is the slow part of output: not here */
		digits[i] = (char)('0' + d % 10);
		d /= 10;
	}
	digits[15] = '\0';
	format_g(b, x < 0, digits, 15, e);
}

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
 * buf_printf_num()'s way without printf: "%.Nf", "%.Ng" (or with '+') between plain text.
 * printf rounds the exact binary value to nearest, ties to even; here the digits come from
 * rounded_digits(), so they are printf's. "%.Ng" is "%.Mf" with M = N - 1 - X and trailing
 * zeros dropped when its exponent X (after rounding to N digits) is in -4..N-1. Anything else
 * (another format, a tie, a number this cannot prove, an exponent form) returns false with b
 * unchanged.
 */
static bool fixed_text(struct buf *b, const char *fmt, double x)
{
	const char *p = strchr(fmt, '%');
	bool plus = false, general;
	unsigned decimals;
	double ax = fabs(x);
	char digits[24] = {0}; /* at most 16 digits: r < 2^52 */
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

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void buf_printf_num(struct buf *b, const char *fmt, double x)
{
	if (!fixed_text(b, fmt, x))
		buf_printf(b, fmt, x);
}
#pragma GCC diagnostic pop

const char *buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_release(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *buf_detach(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
