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
 *   format_noun(o, k, 1, "model", "models")  "1 model"
 *   format_flop(o, k, 3.8e24)          "3.8 × 10^24" any of them, NAN           "—"
 *
 * Intervals (the report's `S_ci_low`/`S_ci_high`) print beside their number in brackets, or
 * alone; a missing interval (either end not finite) prints as nothing at all, never "[]":
 *
 *   format_pct_interval(o, k, 0.812, 0.571, 0.934)   "81.2% [57%, 93%]"
 *   format_interval(o, k, "%+.2f", 0.7, 0.42, 1.2)   "+0.70 [+0.42, +1.20]"
 *   format_pct_ci(o, k, 0.571, 0.934)                "[57%, 93%]"
 *   format_rank_with_interval(o, k, 3, 2, 5)         "3 [2–5]"
 *   format_rank_interval(o, k, 2, 7)                 "2–7"
 *   format_pct_interval(o, k, 0.812, NAN, NAN)       "81.2%"
 *   format_pct_ci(o, k, NAN, 0.9)                    ""
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
 * Set key to x rounded to a whole number and then the noun, singular for exactly one:
 * format_noun(o, k, 1, "model", "models") "1 model", with 3 "3 models"; "—" when x is not
 * finite.
 */
void format_noun(struct value *o, const char *key, double x, const char *singular,
		 const char *plural);
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

/**
 * Set key to the interval of a number printed with fmt, "[0.205, 0.479]" (each end as
 * format_num() prints it), or to "" when either end is not finite.
 */
void format_ci(struct value *o, const char *key, const char *fmt, double lo, double hi)
	__attribute__((format(printf, 3, 0)));
/**
 * Set key to x printed with fmt and then, after a space, its interval as format_ci() prints
 * it: "0.369 [0.205, 0.479]"; x alone when the interval is missing; "—" when x is not finite
 * (whatever the interval).
 */
void format_interval(struct value *o, const char *key, const char *fmt, double x, double lo,
		     double hi) __attribute__((format(printf, 3, 0)));
/**
 * Set key to the interval of a share with whole percents, "[57%, 93%]", or to "" when either
 * end is not finite.
 */
void format_pct_ci(struct value *o, const char *key, double lo, double hi);
/**
 * Set key to the share x as format_pct() prints it and its interval as format_pct_ci() does:
 * "81.2% [57%, 93%]"; "81.2%" without an interval; "—" when x is not finite.
 */
void format_pct_interval(struct value *o, const char *key, double x, double lo, double hi);
/**
 * Set key to a rank interval, the ends as whole numbers joined by an en dash: "2–7" (and
 * "3–3" when they agree), or "" when either end is not finite.
 */
void format_rank_interval(struct value *o, const char *key, double lo, double hi);
/**
 * Set key to a rank and its interval in brackets: "3 [2–5]"; "3" without an interval; "—"
 * when the rank is not finite.
 */
void format_rank_with_interval(struct value *o, const char *key, double rank, double lo, double hi);

#endif
