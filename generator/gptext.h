/*
 * gptext.h - the text of a figure's files: strings and numbers in its gnuplot script, numbers
 * in its CSV.
 *
 * Every string from content enters a script through gp_str(), gp_format_str() or gp_lines():
 * a gnuplot string expression of single-quoted pieces, which gnuplot takes literally (no
 * macros, no backquotes, no backslash escapes), so no name can end a command, start a new
 * one or print as anything but itself. Every terminal is `noenhanced`, so no enhanced-text
 * markup (^ _ @ & { }) applies. Everything here appends to a struct buf and has no other
 * effect; nothing fails.
 */
#ifndef WB_GPTEXT_H
#define WB_GPTEXT_H

#include <stddef.h>

#include "buf.h"

/* Longest label, in characters, by where it is drawn; CSV files keep the full text. */
#define LABEL_POINT 28 /* next to a point */
#define LABEL_TIC 44   /* a tic label (benchmark and model lists) */
#define LABEL_TITLE 90 /* titles and placeholder messages */

/**
 * Append s as a gnuplot string expression that reads back as s: single-quoted, ' doubled
 * where gnuplot allows it and a piece "'" of its own where it does not (at the start, or
 * after another '), each run of control characters one space, characters that XML and HTML
 * forbid (text_forbidden()) U+FFFD, each invalid UTF-8 byte '?'. Text longer than max
 * characters (0: no limit) is cut and ends with an ellipsis (max characters in all). For
 * titles, labels, axis labels and key entries: text gnuplot draws as it is.
 */
void gp_str(struct buf *b, const char *s, size_t max);
/**
 * gp_str() for a string gnuplot also uses as a printf format: explicit tic labels
 * (`set xtics ('label' 1)`) and sprintf()'s first argument. % is doubled, so "50% safe" is
 * drawn as "50% safe".
 */
void gp_format_str(struct buf *b, const char *s, size_t max);
/** Append lines[0..n) as one gnuplot string expression: 'a' . "\n" . 'b' (each by gp_str()). */
void gp_lines(struct buf *b, const char *const *lines, size_t n, size_t max);
/** Append x for a datablock: its shortest round-trip form, or NaN when it is not finite. */
void gp_num(struct buf *b, double x);
/** Append x with prec decimals for a reader: "—" when not finite, never "-0.00". */
void gp_fixed(struct buf *b, double x, int prec);
/**
 * Append the correlation or share x as a percentage with prec decimals, as the pages write
 * them ("78.7%" for 0.787; format.h), or "—" when not finite. pct is what follows the digits:
 * "%", or "%%" in a tic label (gnuplot runs those through printf).
 */
void gp_pct(struct buf *b, double x, int prec, const char *pct);
/** Append x as one CSV field: its shortest round-trip form, nothing when it is not finite. */
void gp_csv_num(struct buf *b, double x);
/** End a CSV row (CRLF, RFC 4180). */
void gp_csv_end(struct buf *b);

#endif
