/* format.c - numbers as the pages print them (see format.h). */
#include "format.h"

#include <math.h>
#include <string.h>

#include "buf.h"

/* Callers' formats are checked through the attribute in format.h; the body passes one on. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
void format_num(struct value *o, const char *key, const char *fmt, double x)
{
	struct buf b = BUF_INIT;
	if (!isfinite(x)) {
		value_set_string(o, key, "—");
		return;
	}
	buf_printf(&b, fmt, x);
	/* "-0.00" or "+0.0%": a rounded zero has no sign */
	if (b.len && (b.data[0] == '-' || b.data[0] == '+') && !strpbrk(b.data, "123456789"))
		memmove(b.data, b.data + 1, b.len--);
	value_set(o, key, value_string_own(buf_detach(&b)));
}
#pragma GCC diagnostic pop

void format_pct(struct value *o, const char *key, double x)
{
	format_num(o, key, "%.1f%%", x * 100);
}

void format_count(struct value *o, const char *key, double x)
{
	format_num(o, key, "%.0f", x);
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
