#include "figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gptext.h"
#include "labels.h"
#include "report.h"
#include "util.h"

/* ------------------------------------------------------------------------------------------
 * C/B and C/compute/B, per benchmark: raw value against the capabilities score, and against
 * training compute.
 */

struct point {
	double x, y;  /* position */
	double fit;   /* the fitted y at x, or NAN */
	double resid; /* residual used to pick which points get a label, or NAN */
	const struct model_ref *m;
	bool label;
};

static int cmp_point_x(const void *a, const void *b)
{
	const struct point *p = a, *q = b;
	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return strcmp(p->m->id, q->m->id);
}

static int cmp_point_resid(const void *a, const void *b)
{
	const struct point *p = *(const struct point *const *)a,
			   *q = *(const struct point *const *)b;
	double rp = isfinite(p->resid) ? fabs(p->resid) : -1,
	       rq = isfinite(q->resid) ? fabs(q->resid) : -1;
	if (rp != rq)
		return rp > rq ? -1 : 1;
	return strcmp(p->m->id, q->m->id);
}

/* Points named first, before those farthest from the fit: the largest x (most capable). */
#define EXTREME_LABELS 5

/*
 * Every point gets a name when there are at most 30; else the EXTREME_LABELS with the
 * largest x and the 10 farthest from the fit. Points are sorted by x.
 */
static void pick_labels(struct point *pts, size_t n)
{
	struct point **order;
	if (n <= 30) {
		for (size_t i = 0; i < n; i++)
			pts[i].label = true;
		return;
	}
	order = xcalloc(n, sizeof(struct point *));
	for (size_t i = 0; i < n; i++)
		order[i] = &pts[i];
	qsort(order, n, sizeof(struct point *), cmp_point_resid);
	for (size_t i = 0; i < 10 && isfinite(order[i]->resid); i++)
		order[i]->label = true;
	for (size_t i = 0; i < EXTREME_LABELS && i < n; i++)
		pts[n - 1 - i].label = true;
	free(order);
}

/* A name cut to this many characters (whole words) when the whole name finds no place. */
#define SHORT_LABEL 16

/*
 * name's first words, at most SHORT_LABEL characters of them, and "…": the label tried when
 * the whole name has no room. NULL when no word can go, when nothing would be cut, or when
 * the words begin another name of pts too (the cut label would name either). Caller frees.
 */
static char *short_label(const char *name, const struct point *pts, size_t n)
{
	size_t len = strlen(name), chars = 0, cut = 0;
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < len;) {
		size_t l = utf8_seq_len(name + i, len - i);
		if (name[i] == ' ' && chars <= SHORT_LABEL)
			cut = i;
		i += l ? l : 1;
		chars++;
	}
	if (chars <= SHORT_LABEL || cut == 0)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(pts[i].m->name, name) != 0 && strncmp(pts[i].m->name, name, cut) == 0)
			return NULL;
	buf_add(&b, name, cut);
	buf_puts(&b, "\xe2\x80\xa6"); /* … */
	return buf_detach(&b);
}

/*
 * Fixed plot area and ranges for a benchmark scatter (points sorted by x), and the labels:
 * the fit line's name (unless NULL) near its right end, in place of a key; then the names,
 * of the EXTREME_LABELS most capable models first (the right end of the x axis, where
 * readers look first and points crowd), then of the points farthest from the fit, so that
 * they get the best places. Points and the fit line are obstacles: no name covers a point
 * or crosses the line, and none sits nearer to another point than to its own. A name with no
 * room is tried again cut to its first words (short_label()).
 */
static void scatter_labels(struct buf *s, const struct figure *f, const struct point *pts, size_t n,
			   bool logx, const char *fit_title, const char *fit_colour)
{
	struct labels pl;
	const struct point **order = xcalloc(n, sizeof(struct point *));
	double xlo = pts[0].x, xhi = pts[n - 1].x, ylo = INFINITY, yhi = -INFINITY;
	double xstep = 0, ystep;
	size_t nl = 0;

	for (size_t i = 0; i < n; i++) {
		ylo = fmin(ylo, pts[i].y);
		yhi = fmax(yhi, pts[i].y);
		if (isfinite(pts[i].fit)) {
			ylo = fmin(ylo, pts[i].fit);
			yhi = fmax(yhi, pts[i].fit);
		}
		if (pts[i].label)
			order[nl++] = &pts[i];
	}
	if (logx) { /* whole decades */
		double a = log10(xlo), b = log10(xhi), pad = 0.04 * (b - a);
		xlo = floor(a - pad);
		xhi = ceil(b + pad);
		if (!(xhi > xlo))
			xhi = xlo + 1;
	} else {
		xstep = labels_nice_range(&xlo, &xhi, 0.04);
	}
	ystep = labels_nice_range(&ylo, &yhi, 0.06);
	labels_init(&pl, s, f->width, f->height, 88, 28, 68, 56, xlo, xhi, xstep, ylo, yhi, ystep,
		    logx);
	for (size_t i = 0; i < n; i++)
		labels_point(&pl, pts[i].x, pts[i].y);
	if (fit_title) /* the line as drawn: through the fitted values, in x order */
		for (size_t i = 0, last = n; i < n; i++) {
			if (!isfinite(pts[i].fit))
				continue;
			if (last < n)
				labels_line(&pl, pts[last].x, pts[last].fit, pts[i].x, pts[i].fit);
			last = i;
		}
	/* on the line, as far right as there is room; else, as a key, in a free corner */
	if (fit_title) {
		size_t i = n;
		while (i-- > 0)
			if (isfinite(pts[i].fit) &&
			    labels_place_line(&pl, s, fit_title, fit_colour, pts[i].x, pts[i].fit))
				break;
		if (i == (size_t)-1) {
			struct buf key = BUF_INIT;
			buf_puts(&key, "\xe2\x80\x94 "); /* — */
			buf_puts(&key, fit_title);
			labels_corner(&pl, s, buf_str(&key), fit_colour);
			buf_release(&key);
		}
	}
	if (nl)
		qsort(order, nl, sizeof(struct point *), cmp_point_resid);
	/* the most capable first: pts is sorted by x, so they are its last labelled points */
	for (size_t i = n, moved = 0; i-- > 0 && moved < EXTREME_LABELS;) {
		size_t at;
		if (!pts[i].label)
			continue;
		for (at = 0; order[at] != &pts[i]; at++)
			;
		memmove(&order[moved + 1], &order[moved],
			(at - moved) * sizeof(const struct point *));
		order[moved++] = &pts[i];
	}
	for (size_t i = 0; i < nl; i++) {
		char *cut;
		if (labels_place(&pl, s, order[i]->m->name, COLOUR_TEXT, order[i]->x, order[i]->y))
			continue;
		cut = short_label(order[i]->m->name, pts, n);
		if (cut)
			labels_place(&pl, s, cut, COLOUR_TEXT, order[i]->x, order[i]->y);
		free(cut);
	}
	labels_release(&pl);
	free(order);
}

/* The scatter body shared by both benchmark figures: points, names, fit line, plot. */
static void scatter(const struct plotter *p, struct figure *f, const struct point *pts, size_t n,
		    bool logx, const char *fit_title, const char *fit_colour)
{
	struct buf *s = &f->script, plot = BUF_INIT;
	size_t nfit = 0;

	buf_puts(s, "$points << EOD\n# x y\n");
	for (size_t i = 0; i < n; i++) {
		gp_num(s, pts[i].x);
		buf_putc(s, ' ');
		gp_num(s, pts[i].y);
		buf_putc(s, '\n');
	}
	buf_puts(s, "EOD\n$fit << EOD\n# x fitted_y\n");
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(pts[i].fit))
			continue;
		gp_num(s, pts[i].x);
		buf_putc(s, ' ');
		gp_num(s, pts[i].fit);
		buf_putc(s, '\n');
		nfit++;
	}
	buf_puts(s, "EOD\n");
	fig_style(s);
	buf_puts(s, "unset key\n");
	scatter_labels(s, f, pts, n, logx, nfit >= 2 ? fit_title : NULL, fit_colour);
	buf_puts(&plot, "plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '" COLOUR_MODEL
			"' title 'models'");
	if (nfit >= 2) {
		buf_printf(&plot, ", $fit using 1:2 with lines lw 2 lc rgb '%s' title ",
			   fit_colour);
		gp_str(&plot, fit_title, 0);
	}
	fig_outputs(p, f, buf_str(&plot));
	buf_release(&plot);
}

static bool lower_is_better(const struct value *b)
{
	const struct value *v = value_get(b, "higher_is_better");
	return v && v->kind == VALUE_BOOL && !v->boolean && !value_get(b, "target");
}

/* Labels, title and axes shared by the two benchmark scatter plots; xaxis sets the x axis. */
static void scatter_axes(struct figure *f, const struct value *b, const char *metric,
			 const char *name, const char *sub, struct point *pts, size_t n,
			 const char *xaxis)
{
	struct buf ylabel = BUF_INIT;
	pick_labels(pts, n);
	fig_title(&f->script, name, sub);
	buf_puts(&ylabel, metric);
	if (lower_is_better(b))
		buf_puts(&ylabel, " (lower is better)");
	buf_puts(&f->script, xaxis);
	buf_puts(&f->script, "set ylabel ");
	gp_str(&f->script, buf_str(&ylabel), LABEL_TITLE);
	buf_putc(&f->script, '\n');
	buf_release(&ylabel);
}

void fig_benchmark(struct plotter *p, const struct cohort_ctx *cc, const struct value *b)
{
	const struct value *ms = fig_list(b, "models");
	const char *name = value_str(b, "name"), *metric = value_str(b, "metric");
	enum verdict v = fig_verdict_of(b);
	struct figure *f = fig_new(p, cc->id, NULL, value_str(b, "id"),
				   "raw score against the capabilities score");
	struct point *pts = xcalloc(fig_count(ms) + 1, sizeof(*pts));
	struct buf sub = BUF_INIT;
	size_t n = 0;

	buf_puts(&f->csv, "model,name,capability_score,value,expected,residual");
	gp_csv_end(&f->csv);
	for (size_t i = 0; i < fig_count(ms); i++) {
		const struct value *m = ms->items[i];
		const struct model_ref *r = fig_model_find(cc, value_str(m, "model"));
		double y = value_num(m, "value");
		if (!r || !isfinite(r->score) || !isfinite(y))
			continue;
		pts[n].x = r->score;
		pts[n].y = y;
		pts[n].fit = value_num(m, "expected");
		pts[n].resid = value_num(m, "residual");
		pts[n].m = r;
		n++;
	}
	if (n)
		qsort(pts, n, sizeof(*pts), cmp_point_x);
	for (size_t i = 0; i < n; i++) {
		csv_field(&f->csv, pts[i].m->id);
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, pts[i].m->name);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, pts[i].x);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, pts[i].y);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, pts[i].fit);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, pts[i].resid);
		gp_csv_end(&f->csv);
	}
	buf_puts(&sub, "Spearman \xcf\x81 = "); /* ρ */
	gp_pct(&sub, value_num(b, "capabilities_correlation"), 1, "%");
	buf_printf(&sub, " \xc2\xb7 n = %zu \xc2\xb7 %s", n,
		   *value_str(b, "verdict_label") ? value_str(b, "verdict_label")
						  : verdict_table[v].label);
	if (!value_is_null(value_get(b, "correlate_with"))) {
		buf_puts(&sub, " (judged by \xcf\x81 = ");
		gp_pct(&sub, value_num(b, "reference_correlation"), 1, "%");
		buf_puts(&sub, " with ");
		buf_puts(&sub, value_str(b, "correlate_with"));
		buf_putc(&sub, ')');
	}
	if (n < 2) {
		fig_placeholder(p, f, name, buf_str(&sub),
				"not enough models with a value and a capabilities score",
				cc->note);
		goto out;
	}
	scatter_axes(f, b, metric, name, buf_str(&sub), pts, n,
		     "set xlabel 'capabilities score (first principal component)'\n");
	scatter(p, f, pts, n, false, "what capabilities predict", verdict_table[v].colour);
out:
	buf_release(&sub);
	free(pts);
}

void fig_compute(struct plotter *p, const struct cohort_ctx *cc, const struct value *b)
{
	const struct value *ms = fig_list(b, "models");
	const char *name = value_str(b, "name"), *metric = value_str(b, "metric");
	struct figure *f =
	    fig_new(p, cc->id, "compute", value_str(b, "id"), "raw score against training compute");
	struct point *pts = xcalloc(fig_count(ms) + 1, sizeof(*pts));
	struct buf sub = BUF_INIT;
	double sx = 0, sy = 0, sxx = 0, sxy = 0, a = NAN, slope = NAN, dn;
	size_t n = 0;

	buf_puts(&f->csv, "model,name,training_flop,log10_training_flop,value,fit");
	gp_csv_end(&f->csv);
	for (size_t i = 0; i < fig_count(ms); i++) {
		const struct value *m = ms->items[i];
		const struct model_ref *r = fig_model_find(cc, value_str(m, "model"));
		double y = value_num(m, "value");
		if (!r || !(r->flop > 0) || !isfinite(r->flop) || !isfinite(y))
			continue;
		pts[n].x = r->flop;
		pts[n].y = y;
		pts[n].m = r;
		n++;
	}
	if (n)
		qsort(pts, n, sizeof(*pts), cmp_point_x);
	/* Least squares of the raw value on log10 FLOP: a straight line on the log axis. */
	for (size_t i = 0; i < n; i++) {
		double x = log10(pts[i].x);
		sx += x;
		sy += pts[i].y;
		sxx += x * x;
		sxy += x * pts[i].y;
	}
	dn = (double)n;
	if (n >= 2 && dn * sxx - sx * sx > 1e-12 * dn * sxx) {
		slope = (dn * sxy - sx * sy) / (dn * sxx - sx * sx);
		a = (sy - slope * sx) / dn;
	}
	for (size_t i = 0; i < n; i++) {
		if (isfinite(slope)) {
			pts[i].fit = a + slope * log10(pts[i].x);
			pts[i].resid = pts[i].y - pts[i].fit;
		} else {
			pts[i].fit = pts[i].resid = NAN;
		}
		csv_field(&f->csv, pts[i].m->id);
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, pts[i].m->name);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, pts[i].x);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, log10(pts[i].x));
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, pts[i].y);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, pts[i].fit);
		gp_csv_end(&f->csv);
	}
	buf_puts(&sub, "Spearman \xcf\x81 with training compute = ");
	gp_pct(&sub, value_num(b, "compute_correlation"), 1, "%");
	buf_puts(&sub, " \xc2\xb7 n = ");
	buf_number(&sub,
		   isfinite(value_num(b, "n_compute")) ? value_num(b, "n_compute") : (double)n);
	if (n < 2) {
		fig_placeholder(p, f, name, buf_str(&sub),
				"not enough models with known training compute", NULL);
		goto out;
	}
	scatter_axes(f, b, metric, name, buf_str(&sub), pts, n,
		     "set logscale x 10\nset format x '1e%L'\n"
		     "set xlabel 'training compute (FLOP, log scale)'\n");
	scatter(p, f, pts, n, true, "fit on log10 FLOP", COLOUR_AXIS);
out:
	buf_release(&sub);
	free(pts);
}
