/*
 * gptext.h - the text of a figure's files: strings and numbers in its gnuplot script, numbers
 * in its CSV.
 *
 * Every string from content enters a script through gp_str() or gp_lines(): a gnuplot
 * single-quoted string, which gnuplot takes literally (no macros, no backquotes), with ' doubled
 * and control characters replaced by spaces, so no name can end a command or start a new one.
 * Everything here appends to a struct buf and has no other effect; nothing fails.
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
 * Append s as a gnuplot single-quoted string: ' doubled, each run of control characters one
 * space, each invalid UTF-8 byte '?'. Text longer than max characters (0: no limit) is cut and
 * ends with an ellipsis (max characters in all).
 */
void gp_str(struct buf *b, const char *s, size_t max);
/** Append lines[0..n) as one gnuplot string expression: 'a' . "\n" . 'b' (each by gp_str()). */
void gp_lines(struct buf *b, const char *const *lines, size_t n, size_t max);
/** Append x for a datablock: its shortest round-trip form, or NaN when it is not finite. */
void gp_num(struct buf *b, double x);
/** Append x with prec decimals for a reader: "—" when not finite, never "-0.00". */
void gp_fixed(struct buf *b, double x, int prec);
/** Append x as one CSV field: its shortest round-trip form, nothing when it is not finite. */
void gp_csv_num(struct buf *b, double x);
/** End a CSV row (CRLF, RFC 4180). */
void gp_csv_end(struct buf *b);

#endif
