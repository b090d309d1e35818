/*
 * format.h - numbers as the pages print them: a value object's key set to a short text.
 *
 * Every function sets key of the object o (a VALUE_OBJECT, replacing what was there) to a
 * new string; nothing else is touched and nothing can fail. A number that is not finite
 * (null in the report: undefined statistics, unknown parameters) prints as "—" (an em
 * dash), so templates never test for missing numbers. A number that rounds to zero prints
 * without a sign ("0.00", never "-0.00" or "+0.00").
 *
 *   format_num(o, k, "%.2f", -0.001)   "0.00"        format_pct(o, k, 0.4567)   "45.7%"
 *   format_count(o, k, 12)             "12"          format_params(o, k, 7e9)   "7B"
 *   format_flop(o, k, 3.8e24)          "3.8 × 10^24" any of them, NAN           "—"
 */
#ifndef WB_FORMAT_H
#define WB_FORMAT_H

#include "value.h"

/**
 * Set key to x printed with fmt (one double conversion, e.g. "%.3f", "%+.2f", "▲ %.0f"),
 * or to "—" when x is not finite. A leading '-' or '+' is dropped when no digit 1-9
 * follows it: a rounded zero has no sign.
 */
void format_num(struct value *o, const char *key, const char *fmt, double x)
	__attribute__((format(printf, 3, 0)));
/** Set key to the share x (0.5 = half) as a percentage with one decimal: "50.0%". */
void format_pct(struct value *o, const char *key, double x);
/** Set key to x rounded to a whole number: "12". */
void format_count(struct value *o, const char *key, double x);
/**
 * Set key to a parameter count in three significant digits (%.3g): billions with "B" from
 * 1e9 ("13B", "70.6B"; 1.75e12 gives "1.75e+03B"), millions with "M" from 1e6 ("350M"),
 * below that the number itself ("125000" gives "1.25e+05"); "—" when not finite.
 */
void format_params(struct value *o, const char *key, double x);
/**
 * Set key to a FLOP count as two significant digits times a power of ten: "3.8 × 10^24"
 * (a mantissa that rounds up to ten stays ten: 9.99e22 gives "10 × 10^22"); "—" when x is
 * not finite or not positive.
 */
void format_flop(struct value *o, const char *key, double x);

#endif
