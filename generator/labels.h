/*
 * labels.h - point labels that do not overlap, and axis ranges that end on a tic.
 *
 * A figure fixes its plot area on the canvas (margins in pixels) and its axis ranges, so a
 * data position maps to a known pixel; each label then goes to the first of eight places
 * around its point (right, left, above, below, and the corners) where its box is clear of
 * every point and every label placed before it, and inside the plot area. A label with no
 * clear place is left out: the point stays, and the page's table names every model.
 *
 * Use: labels_init() (writes the plot area and the ranges into the script), labels_point()
 * for every point, then labels_place() or labels_corner() for each text, most important
 * first (it gets the best place), and labels_release(). Texts are cut to LABEL_POINT
 * characters, as gp_str() cuts them, and drawn in gnuplot's 8-pixel font. No function here
 * fails; the only effects are the script text appended to s and the boxes kept in the struct.
 */
#ifndef WB_LABELS_H
#define WB_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct labels_box {
	double x0, y0, x1, y1; /* pixels, y up */
};

struct labels {
	double width, height;	   /* of the plot area, pixels */
	double xlo, xhi, ylo, yhi; /* axis ranges (log10 of them on a log axis) */
	bool logx;
	struct labels_box *taken; /* every point and label so far, in the order taken */
	size_t ntaken, cap;
};

/**
 * Start placing labels in the plot area of a width x height canvas with margins lm, rm, tm
 * and bm (pixels), and axis ranges [xlo, xhi] and [ylo, yhi]; on a log x axis xlo and xhi are
 * the decades (the range is 10^xlo to 10^xhi). Appends to s the `set lmargin/rmargin/tmargin/
 * bmargin at screen`, `set xrange` and `set yrange` commands that fix that area, and
 * `set xtics STEP` / `set ytics STEP` for a step > 0 (0: gnuplot picks). Release with
 * labels_release().
 */
void labels_init(struct labels *pl, struct buf *s, int width, int height, int lm, int rm, int tm,
		 int bm, double xlo, double xhi, double xstep, double ylo, double yhi, double ystep,
		 bool logx);
/** A point's marker at data (x, y): no label may cover it. */
void labels_point(struct labels *pl, double x, double y);
/**
 * Label the point at data (x, y) with name, in colour ("#RRGGBB"), in the first clear place
 * around it: appends a `set label` to s and returns true, or appends nothing and returns
 * false when no place is clear.
 */
bool labels_place(struct labels *pl, struct buf *s, const char *name, const char *colour, double x,
		  double y);
/**
 * Text in the first clear corner of the plot area (top left, top right, bottom right, bottom
 * left), as labels_place() does it; false when every corner is taken.
 */
bool labels_corner(struct labels *pl, struct buf *s, const char *text, const char *colour);
/** Free the boxes; pl may be initialised again. */
void labels_release(struct labels *pl);

/**
 * The tic step gnuplot itself would pick for an axis of length r > 0: 0.2, 0.5 or 1 times the
 * power of ten at or below r, for r / that power in [1, 2), [2, 5) and [5, 10).
 */
double labels_tic_step(double r);
/**
 * Widen [*lo, *hi] by pad (a fraction of its span; of a fifth of |*lo|, or of 1, when the
 * span is empty) each side, then out to multiples of the tic step for that length, which it
 * returns: both ends of the axis get a tic. Ends and step are rounded to 12 significant
 * digits, and never -0.
 */
double labels_nice_range(double *lo, double *hi, double pad);

#endif
