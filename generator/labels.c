#include "labels.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gptext.h"
#include "util.h"

/* Sizes are for the SVG's 8-pixel label font, estimated a little wide so that the PNG and PDF
 * (same proportions) stay clear too. */
#define LABEL_CHAR_PX 4.9  /* average advance of one character */
#define LABEL_HEIGHT_PX 10 /* one line, with a pixel of air above and below */
#define LABEL_GAP_PX 5	   /* from the point's centre to the label */
#define POINT_PX 4	   /* half the size of a point marker */

/*
 * The plot area as margins in pixels on a width x height canvas, the axis ranges and their
 * tic steps (0: gnuplot's); on a log x axis xlo and xhi are the decades (the range is 10^xlo
 * to 10^xhi).
 */
void labels_init(struct labels *pl, struct buf *s, int width, int height, int lm, int rm, int tm,
		 int bm, double xlo, double xhi, double xstep, double ylo, double yhi, double ystep,
		 bool logx)
{
	memset(pl, 0, sizeof(*pl));
	pl->width = width - lm - rm;
	pl->height = height - tm - bm;
	pl->logx = logx;
	pl->xlo = xlo;
	pl->xhi = xhi;
	pl->ylo = ylo;
	pl->yhi = yhi;
	buf_printf(s, "set lmargin at screen %.4f\nset rmargin at screen %.4f\n",
		   (double)lm / width, 1.0 - (double)rm / width);
	buf_printf(s, "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
		   1.0 - (double)tm / height, (double)bm / height);
	buf_puts(s, "set xrange [");
	buf_number(s, logx ? pow(10, xlo) : xlo);
	buf_putc(s, ':');
	buf_number(s, logx ? pow(10, xhi) : xhi);
	buf_puts(s, "]\nset yrange [");
	buf_number(s, ylo);
	buf_putc(s, ':');
	buf_number(s, yhi);
	buf_puts(s, "]\n");
	if (xstep > 0) {
		buf_puts(s, "set xtics ");
		buf_number(s, xstep);
		buf_putc(s, '\n');
	}
	if (ystep > 0) {
		buf_puts(s, "set ytics ");
		buf_number(s, ystep);
		buf_putc(s, '\n');
	}
}

static double px_x(const struct labels *pl, double x)
{
	double v = pl->logx ? log10(x) : x;
	return (v - pl->xlo) / (pl->xhi - pl->xlo) * pl->width;
}

static double px_y(const struct labels *pl, double y)
{
	return (y - pl->ylo) / (pl->yhi - pl->ylo) * pl->height;
}

/* The data x of pixel column px (inverse of px_x). */
static double data_x(const struct labels *pl, double px)
{
	double v = pl->xlo + px / pl->width * (pl->xhi - pl->xlo);
	return pl->logx ? pow(10, v) : v;
}

static double data_y(const struct labels *pl, double py)
{
	return pl->ylo + py / pl->height * (pl->yhi - pl->ylo);
}

static void take(struct labels *pl, struct labels_box b)
{
	xgrow((void **)&pl->taken, &pl->cap, pl->ntaken + 1, sizeof(*pl->taken));
	pl->taken[pl->ntaken++] = b;
}

/* A point's marker: no label may cover it. */
void labels_point(struct labels *pl, double x, double y)
{
	double px = px_x(pl, x), py = px_y(pl, y);
	struct labels_box b = {px - POINT_PX, py - POINT_PX, px + POINT_PX, py + POINT_PX};
	take(pl, b);
}

static bool clear(const struct labels *pl, const struct labels_box *b)
{
	if (b->x0 < 0 || b->y0 < 0 || b->x1 > pl->width || b->y1 > pl->height)
		return false;
	for (size_t i = 0; i < pl->ntaken; i++) {
		const struct labels_box *t = &pl->taken[i];
		if (b->x0 < t->x1 && t->x0 < b->x1 && b->y0 < t->y1 && t->y0 < b->y1)
			return false;
	}
	return true;
}

/* Characters gp_str() shows of s with limit max. */
static size_t shown_chars(const char *s, size_t max)
{
	size_t n = strlen(s), chars = 0;
	for (size_t i = 0; i < n; chars++) {
		size_t len = utf8_seq_len(s + i, n - i);
		i += len ? len : 1;
	}
	return max && chars > max ? max : chars;
}

/*
 * Text in colour with its anchor at pixel (ax, ay) of the plot area, aligned left (-1),
 * right (1) or centred (0), if its box is clear; returns whether it was drawn.
 */
static bool place_text(struct labels *pl, struct buf *s, const char *text, const char *colour,
		       double ax, double ay, int align)
{
	double w = (double)shown_chars(text, LABEL_POINT) * LABEL_CHAR_PX;
	double x0 = align < 0 ? ax : align > 0 ? ax - w : ax - w / 2;
	struct labels_box b = {x0, ay - LABEL_HEIGHT_PX / 2.0, x0 + w, ay + LABEL_HEIGHT_PX / 2.0};

	if (!clear(pl, &b))
		return false;
	take(pl, b);
	buf_puts(s, "set label ");
	gp_str(s, text, LABEL_POINT);
	buf_puts(s, " at first ");
	buf_number(s, data_x(pl, ax));
	buf_puts(s, ", first ");
	buf_number(s, data_y(pl, ay));
	buf_puts(s, align < 0 ? " left" : align > 0 ? " right" : " center");
	buf_printf(s, " font ',8' textcolor rgb '%s' front\n", colour);
	return true;
}

/* Label the point (x, y) with name, in colour, where it fits; returns whether it was drawn. */
bool labels_place(struct labels *pl, struct buf *s, const char *name, const char *colour, double x,
		  double y)
{
	/* where the text's anchor goes, relative to the point, and its alignment */
	static const struct {
		double dx, dy;
		int align;
	} spots[] = {
	    {LABEL_GAP_PX, 0, -1},	 {-LABEL_GAP_PX, 0, 1},
	    {0, LABEL_HEIGHT_PX - 1, 0}, {0, -(LABEL_HEIGHT_PX - 1), 0},
	    {LABEL_GAP_PX - 1, 7, -1},	 {LABEL_GAP_PX - 1, -7, -1},
	    {-(LABEL_GAP_PX - 1), 7, 1}, {-(LABEL_GAP_PX - 1), -7, 1},
	};
	double px = px_x(pl, x), py = px_y(pl, y);

	for (size_t k = 0; k < sizeof(spots) / sizeof(spots[0]); k++)
		if (place_text(pl, s, name, colour, px + spots[k].dx, py + spots[k].dy,
			       spots[k].align))
			return true;
	return false;
}

/* Text in the first clear corner of the plot area (top left, top right, bottom right, left). */
bool labels_corner(struct labels *pl, struct buf *s, const char *text, const char *colour)
{
	const double in = 8, top = pl->height - in, right = pl->width - in;
	return place_text(pl, s, text, colour, in, top, -1) ||
	       place_text(pl, s, text, colour, right, top, 1) ||
	       place_text(pl, s, text, colour, right, in, 1) ||
	       place_text(pl, s, text, colour, in, in, -1);
}

void labels_release(struct labels *pl)
{
	free(pl->taken);
}

/* The tic step gnuplot itself would pick for a range of length r (its "guide" of 20). */
double labels_tic_step(double r)
{
	double mag = pow(10, floor(log10(r))), x = r / mag, posns = 20 / x, t;
	if (posns > 40)
		t = 0.05;
	else if (posns > 20)
		t = 0.1;
	else if (posns > 10)
		t = 0.2;
	else if (posns > 4)
		t = 0.5;
	else if (posns > 2)
		t = 1;
	else if (posns > 0.5)
		t = 2;
	else
		t = ceil(x);
	return t * mag;
}

/* v to 12 significant digits: 6 * 0.05 is 0.3, not 0.30000000000000004. */
static double tidy(double v)
{
	char b[32];
	snprintf(b, sizeof(b), "%.12g", v);
	return strtod(b, NULL) + 0.0; /* + 0.0: no -0 */
}

/*
 * [lo, hi] widened by pad (a fraction of the span) each side and out to a multiple of the
 * tic step, which it returns: both ends of the axis get a tic.
 */
double labels_nice_range(double *lo, double *hi, double pad)
{
	double span = *hi - *lo, step;
	if (!(span > 0))
		span = fabs(*lo) > 0 ? fabs(*lo) * 0.2 : 1;
	*lo -= pad * span;
	*hi += pad * span;
	step = labels_tic_step(*hi - *lo);
	*lo = tidy(floor(*lo / step + 1e-9) * step);
	*hi = tidy(ceil(*hi / step - 1e-9) * step);
	return tidy(step);
}
