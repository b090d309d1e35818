/*
 * labels.h - point labels that do not overlap, and axis ranges that end on a tic.
 *
 * A figure fixes its plot area on the canvas (margins in pixels) and its axis ranges, so a
 * data position maps to a known pixel; each label then goes to the first of eight places
 * around its point (right, left, above, below, and the corners) where its box
 *   - is inside the plot area,
 *   - is clear of every point's marker and every label placed before it,
 *   - crosses no line (labels_line(): a fit line, drawn with its width), and
 *   - is unambiguous: no other point is as near to the box as its own point (within
 *     LABELS_AMBIGUOUS_PX), so a reader can tell which point it names.
 * When none of these is free, the label goes farther out (22, 36 or 52 pixels, twelve
 * directions) with a thin grey leader line to its point; a leader crosses no point, label or
 * other leader (it may cross a fit line). A label with no place at all is left out: the
 * point stays, and the page's table names every model.
 *
 * Use: labels_init() (writes the plot area and the ranges into the script), labels_point()
 * for every point and labels_line() for every line segment, then labels_place() or
 * labels_corner() for each text, most important first (it gets the best place), and
 * labels_release(). Texts are cut to LABEL_POINT
 * characters, as gp_str() cuts them, and drawn in gnuplot's 8-pixel font. No function here
 * fails; the only effects are the script text appended to s and the boxes kept in the struct.
 */
#ifndef WB_LABELS_H
#define WB_LABELS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/** How much nearer to its own point than to any other a label's box must be, pixels. */
#define LABELS_AMBIGUOUS_PX 2.0

struct labels_box {
	double x0, y0, x1, y1; /* pixels, y up */
};

struct labels_pt {
	double x, y; /* pixels, y up: a point's centre, or one end of a line segment */
};

struct labels_seg {
	struct labels_pt a, b; /* its ends */
	bool leader;	       /* a label's leader (labels may not cross it, other leaders may
				* not either), else a line of the figure (leaders may) */
};

struct labels {
	double width, height;	   /* of the plot area, pixels */
	double xlo, xhi, ylo, yhi; /* axis ranges (log10 of them on a log axis) */
	bool logx;
	struct labels_box *taken; /* every point and label so far, in the order taken */
	size_t ntaken, cap;
	struct labels_pt *points; /* the centre of every point, in the order given */
	size_t npoints, pcap;
	struct labels_seg *lines; /* the lines' segments, then the leaders drawn */
	size_t nlines, lcap;
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
/** A point's marker at data (x, y): no label may cover it, or sit nearer to it than to its own. */
void labels_point(struct labels *pl, double x, double y);
/**
 * A line segment from data (x0, y0) to (x1, y1), drawn 2 pixels wide (a fit line): no label
 * may cross it. On a log x axis x0 and x1 are data values, as for labels_point(); the segment
 * is straight in pixels, so give a line that is straight on the axes (split it otherwise).
 */
void labels_line(struct labels *pl, double x0, double y0, double x1, double y1);
/**
 * Label the point at data (x, y) with name, in colour ("#RRGGBB"), in the first clear place
 * around it: appends a `set label` to s and returns true, or appends nothing and returns
 * false when no place is clear (see the rules above; a point given to labels_point() at
 * the same pixel counts as the point itself, not as another).
 */
bool labels_place(struct labels *pl, struct buf *s, const char *name, const char *colour, double x,
		  double y);
/**
 * The name of a line beside its point at data (x, y), as labels_place() places a point's
 * label but without the rule about other points (it is drawn in the line's colour).
 */
bool labels_place_line(struct labels *pl, struct buf *s, const char *name, const char *colour,
		       double x, double y);
/**
 * Text in the first clear corner of the plot area (top left, top right, bottom right, bottom
 * left), as labels_place() does it; false when every corner is taken.
 */
bool labels_corner(struct labels *pl, struct buf *s, const char *text, const char *colour);
/** Free the boxes, points and lines; pl may be initialised again. */
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
