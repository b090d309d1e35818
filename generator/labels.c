#include "labels.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gptext.h"
#include "util.h"

/* Sizes are for the SVG's 8-pixel label font, estimated a little wide so that the PNG and PDF
 * (same proportions; the PDF's glyphs are the widest, about 5 pixels) stay clear too. */
#define LABEL_CHAR_PX 5.1     /* average advance of one character */
#define LABEL_HEIGHT_PX 10    /* one line, with a pixel of air above and below */
#define LABEL_GAP_PX 5	      /* from the point's centre to the label */
#define POINT_PX 4	      /* half the size of a point marker */
#define LINE_PX 1.5	      /* half a fit line's width (lw 2), and half a pixel of air */
#define SAME_POINT_PX 0.5     /* points closer than this are drawn as one */
#define LEADER_NEAR_PX 22     /* a label with a leader line: its anchor this far from the point */
#define LEADER_FAR_PX 36      /* ... or this far */
#define LEADER_FARTHEST_PX 52 /* ... or this far, straight up or down */
#define LEADER_START_PX 6     /* the leader starts this far from the point's centre */
#define LEADER_COLOUR "#888888"

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
	xgrow((void **)&pl->points, &pl->pcap, pl->npoints + 1, sizeof(*pl->points));
	pl->points[pl->npoints++] = (struct labels_pt){px, py};
}

static void add_segment(struct labels *pl, struct labels_pt a, struct labels_pt b, bool leader)
{
	xgrow((void **)&pl->lines, &pl->lcap, pl->nlines + 1, sizeof(*pl->lines));
	pl->lines[pl->nlines++] = (struct labels_seg){a, b, leader};
}

/* A segment of a line: no label may cross it. */
void labels_line(struct labels *pl, double x0, double y0, double x1, double y1)
{
	if (!isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1) ||
	    (pl->logx && !(x0 > 0 && x1 > 0)))
		return;
	add_segment(pl, (struct labels_pt){px_x(pl, x0), px_y(pl, y0)},
		    (struct labels_pt){px_x(pl, x1), px_y(pl, y1)}, false);
}

/*
 * Does the segment from a to b meet box c (widened by LINE_PX)? Liang-Barsky: clip the
 * segment's parameter range [0, 1] to each of the box's four sides in turn.
 */
static bool crosses(const struct labels_pt *a, const struct labels_pt *b,
		    const struct labels_box *c)
{
	double t0 = 0, t1 = 1, dx = b->x - a->x, dy = b->y - a->y;
	const double far = LINE_PX + 1; /* a pixel past the widened box: clipping agrees there */
	if (fmax(a->x, b->x) < c->x0 - far || fmin(a->x, b->x) > c->x1 + far ||
	    fmax(a->y, b->y) < c->y0 - far || fmin(a->y, b->y) > c->y1 + far)
		return false; /* all of the segment is to one side of the box */
	const double p[4] = {-dx, dx, -dy, dy};
	const double q[4] = {a->x - (c->x0 - LINE_PX), (c->x1 + LINE_PX) - a->x,
			     a->y - (c->y0 - LINE_PX), (c->y1 + LINE_PX) - a->y};

	for (int i = 0; i < 4; i++) {
		double t;
		if (p[i] == 0) {
			if (q[i] < 0)
				return false; /* parallel to this side and outside it */
			continue;
		}
		t = q[i] / p[i];
		if (p[i] < 0)
			t0 = fmax(t0, t);
		else
			t1 = fmin(t1, t);
		if (t0 > t1)
			return false;
	}
	return true;
}

/* The distance in pixels from (x, y) to box b (0 inside it). */
static double box_distance(const struct labels_box *b, double x, double y)
{
	double dx = fmax(fmax(b->x0 - x, x - b->x1), 0), dy = fmax(fmax(b->y0 - y, y - b->y1), 0);
	return sqrt(dx * dx + dy * dy);
}

/*
 * Is box b free: inside the plot area, over no point or label, across no line, and (when
 * own is not NULL: the label of the point at own) nearer to own than to any other point?
 */
static bool clear(const struct labels *pl, const struct labels_box *b, const struct labels_pt *own)
{
	if (b->x0 < 0 || b->y0 < 0 || b->x1 > pl->width || b->y1 > pl->height)
		return false;
	for (size_t i = 0; i < pl->ntaken; i++) {
		const struct labels_box *t = &pl->taken[i];
		if (b->x0 < t->x1 && t->x0 < b->x1 && b->y0 < t->y1 && t->y0 < b->y1)
			return false;
	}
	for (size_t i = 0; i < pl->nlines; i++)
		if (crosses(&pl->lines[i].a, &pl->lines[i].b, b))
			return false;
	if (own) {
		double mine = box_distance(b, own->x, own->y);
		/* a point this far along x or y alone is farther, whatever the rounding */
		double beyond = mine + LABELS_AMBIGUOUS_PX + 1;
		for (size_t i = 0; i < pl->npoints; i++) {
			const struct labels_pt *q = &pl->points[i];
			if (fabs(q->x - own->x) < SAME_POINT_PX &&
			    fabs(q->y - own->y) < SAME_POINT_PX)
				continue;
			if (q->x < b->x0 - beyond || q->x > b->x1 + beyond ||
			    q->y < b->y0 - beyond || q->y > b->y1 + beyond)
				continue;
			if (box_distance(b, q->x, q->y) < mine + LABELS_AMBIGUOUS_PX)
				return false;
		}
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

/* The width in pixels of a label's text, as drawn. */
static double text_width(const char *text)
{
	return (double)shown_chars(text, LABEL_POINT) * LABEL_CHAR_PX;
}

/* Which side of the line through a and b is c on: > 0 left, < 0 right, 0 on it. */
static double side(const struct labels_pt *a, const struct labels_pt *b, const struct labels_pt *c)
{
	return (b->x - a->x) * (c->y - a->y) - (b->y - a->y) * (c->x - a->x);
}

/* Do the segments a-b and c-d cross (touching counts)? */
static bool segments_meet(const struct labels_pt *a, const struct labels_pt *b,
			  const struct labels_pt *c, const struct labels_pt *d)
{
	double d1 = side(c, d, a), d2 = side(c, d, b), d3 = side(a, b, c), d4 = side(a, b, d);
	if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) &&
	    ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
		return true;
	/* collinear or touching: the bounding boxes overlap on the line */
	return (d1 == 0 || d2 == 0 || d3 == 0 || d4 == 0) && fmin(a->x, b->x) <= fmax(c->x, d->x) &&
	       fmin(c->x, d->x) <= fmax(a->x, b->x) && fmin(a->y, b->y) <= fmax(c->y, d->y) &&
	       fmin(c->y, d->y) <= fmax(a->y, b->y);
}

/*
 * The leader from the point at own to box b: from just outside the point's marker to the
 * box's nearest edge, in *from and *to. False when it would cross a point, a label or another
 * leader (a figure's own lines it may cross).
 */
static bool leader(const struct labels *pl, const struct labels_pt *own, const struct labels_box *b,
		   struct labels_pt *from, struct labels_pt *to)
{
	double dx, dy, len;
	to->x = fmin(fmax(own->x, b->x0), b->x1);
	to->y = fmin(fmax(own->y, b->y0), b->y1);
	dx = to->x - own->x;
	dy = to->y - own->y;
	len = sqrt(dx * dx + dy * dy);
	if (!(len > LEADER_START_PX))
		return false;
	from->x = own->x + dx / len * LEADER_START_PX;
	from->y = own->y + dy / len * LEADER_START_PX;
	for (size_t i = 0; i < pl->ntaken; i++)
		if (crosses(from, to, &pl->taken[i]))
			return false;
	for (size_t i = 0; i < pl->nlines; i++)
		if (pl->lines[i].leader &&
		    segments_meet(from, to, &pl->lines[i].a, &pl->lines[i].b))
			return false;
	return true;
}

/*
 * Text (w pixels wide: text_width()) in colour with its anchor at pixel (ax, ay) of the plot
 * area, aligned left (-1), right (1) or centred (0), if its box is clear; returns whether it
 * was drawn. With own (the centre of the point it names) and !lead, it must also name that
 * point unambiguously; with lead, a leader line joins it to own instead (and must be clear
 * itself).
 */
static bool place_text(struct labels *pl, struct buf *s, const char *text, double w,
		       const char *colour, double ax, double ay, int align,
		       const struct labels_pt *own, bool lead)
{
	double x0 = align < 0 ? ax : align > 0 ? ax - w : ax - w / 2;
	struct labels_box b = {x0, ay - LABEL_HEIGHT_PX / 2.0, x0 + w, ay + LABEL_HEIGHT_PX / 2.0};
	struct labels_pt from = {0, 0}, to = {0, 0};

	if (!clear(pl, &b, lead ? NULL : own))
		return false;
	if (lead && (!own || !leader(pl, own, &b, &from, &to)))
		return false;
	take(pl, b);
	if (lead) {
		add_segment(pl, from, to, true);
		buf_puts(s, "set arrow from first ");
		buf_number(s, data_x(pl, from.x));
		buf_puts(s, ", first ");
		buf_number(s, data_y(pl, from.y));
		buf_puts(s, " to first ");
		buf_number(s, data_x(pl, to.x));
		buf_puts(s, ", first ");
		buf_number(s, data_y(pl, to.y));
		buf_puts(s, " nohead lw 0.8 lc rgb '" LEADER_COLOUR "' back\n");
	}
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

/*
 * Text at the first clear spot around pixel own; with unambiguous, the spot must also be
 * nearer to own than to any other point (own is a point's centre, not a line's).
 */
static bool place_around(struct labels *pl, struct buf *s, const char *name, const char *colour,
			 struct labels_pt own, bool unambiguous)
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

	/* farther out, joined to the point by a leader: directions (unit-ish) and alignment */
	static const struct {
		double dx, dy;
		int align;
	} far[] = {
	    {0, 1, 0},	    {0, -1, 0},	    {1, 0, -1},	     {-1, 0, 1},
	    {0.6, 0.8, -1}, {-0.6, 0.8, 1}, {0.6, -0.8, -1}, {-0.6, -0.8, 1},
	    {0.1, 1, 1},    {-0.1, 1, -1},  {0.1, -1, 1},    {-0.1, -1, -1},
	};
	static const double radius[] = {LEADER_NEAR_PX, LEADER_FAR_PX, LEADER_FARTHEST_PX};
	const double w = text_width(name);

	for (size_t k = 0; k < sizeof(spots) / sizeof(spots[0]); k++)
		if (place_text(pl, s, name, w, colour, own.x + spots[k].dx, own.y + spots[k].dy,
			       spots[k].align, unambiguous ? &own : NULL, false))
			return true;
	for (size_t r = 0; unambiguous && r < sizeof(radius) / sizeof(radius[0]); r++)
		for (size_t k = 0; k < sizeof(far) / sizeof(far[0]); k++)
			/* long leaders only up and down: sideways they run past other points */
			if ((radius[r] <= LEADER_FAR_PX || fabs(far[k].dy) == 1) &&
			    place_text(pl, s, name, w, colour, own.x + far[k].dx * radius[r],
				       own.y + far[k].dy * radius[r], far[k].align, &own, true))
				return true;
	return false;
}

/* Label the point (x, y) with name, in colour, where it fits; returns whether it was drawn. */
bool labels_place(struct labels *pl, struct buf *s, const char *name, const char *colour, double x,
		  double y)
{
	return place_around(pl, s, name, colour, (struct labels_pt){px_x(pl, x), px_y(pl, y)},
			    true);
}

/* A line's name beside its point (x, y); no point makes it ambiguous (it has the line's colour). */
bool labels_place_line(struct labels *pl, struct buf *s, const char *name, const char *colour,
		       double x, double y)
{
	return place_around(pl, s, name, colour, (struct labels_pt){px_x(pl, x), px_y(pl, y)},
			    false);
}

/* Text in the first clear corner of the plot area (top left, top right, bottom right, left). */
bool labels_corner(struct labels *pl, struct buf *s, const char *text, const char *colour)
{
	const double in = 8, top = pl->height - in, right = pl->width - in, w = text_width(text);
	return place_text(pl, s, text, w, colour, in, top, -1, NULL, false) ||
	       place_text(pl, s, text, w, colour, right, top, 1, NULL, false) ||
	       place_text(pl, s, text, w, colour, right, in, 1, NULL, false) ||
	       place_text(pl, s, text, w, colour, in, in, -1, NULL, false);
}

void labels_release(struct labels *pl)
{
	free(pl->taken);
	free(pl->points);
	free(pl->lines);
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
