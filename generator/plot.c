#include "plot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "gnuplot.h"
#include "gptext.h"
#include "labels.h"
#include "report.h"
#include "util.h"

/* ------------------------------------------------------------------------------------------
 * Reading the report tree: absent or null members read as NAN, "" or an empty list, so a
 * figure never fails on a statistic that is undefined.
 */

static const struct value *list(const struct value *o, const char *key)
{
	const struct value *v = value_get(o, key);
	return v && v->kind == VALUE_ARRAY ? v : NULL;
}

static size_t count(const struct value *a)
{
	return a ? a->n : 0;
}

/*
 * Figures with a row per model (_scores, _ranks) name every model up to this many rows, 18
 * pixels each; a larger cohort gets the height of this many rows, rank numbers instead of
 * names (they are in the figure's CSV and the pages), and rows thin enough to fit. Without
 * the cap a cohort of ~1800 models makes a PNG taller than cairo's 32767 pixels.
 */
#define PLOT_NAMED_ROWS 150

/* ------------------------------------------------------------------------------------------
 * Colours: Okabe & Ito (2008), safe for the common colour-vision deficiencies, and a purple
 * from ColorBrewer's PuOr for "worsens" so the four verdicts stay apart.
 */

#define COLOUR_MODEL "#0072B2"
#define COLOUR_TEXT "#333333"
#define COLOUR_AXIS "#555555"

enum verdict_class { V_TRACKS, V_MODERATE, V_DISTINCT, V_WORSENS, V_INSUFFICIENT, V_COUNT };

static const struct {
	const char *id;	    /* verdict id in the report */
	const char *label;  /* legend text */
	const char *colour; /* "#RRGGBB" */
	unsigned rgb;	    /* the same as a number, for `lc rgb variable` */
} verdicts[V_COUNT] = {
    {"tracks-capabilities", "tracks capabilities", "#D55E00", 0xD55E00},
    {"moderate", "moderate", "#E69F00", 0xE69F00},
    {"distinct", "distinct from capabilities", "#009E73", 0x009E73},
    {"worsens-with-capabilities", "worsens with capabilities", "#7B3294", 0x7B3294},
    {"insufficient-data", "insufficient data", "#999999", 0x999999},
};

static enum verdict_class verdict_of(const struct value *b)
{
	const char *v = value_str(b, "verdict");
	for (int i = 0; i < V_COUNT; i++)
		if (strcmp(v, verdicts[i].id) == 0)
			return (enum verdict_class)i;
	return V_INSUFFICIENT;
}

/* ------------------------------------------------------------------------------------------
 * Figures.
 */

struct figure {
	char *name;	   /* path below figures/ without extension; built from slugs only */
	struct buf script; /* the .gp file */
	struct buf csv;	   /* the .csv file */
	int width, height; /* SVG size in pixels */
	bool reused;	   /* outputs linked from the previous site */
};

struct plotter {
	unsigned formats;    /* PLOT_* bits, never 0 */
	double png_scale;    /* PNG pixels per SVG pixel */
	double high, low;    /* verdict thresholds from report.method */
	struct figure *figs; /* in report order: per cohort its own figures, then benchmarks */
	size_t nfigs, cap;
};

/* A cohort's models by id, for joining benchmark rows to scores and compute. */
struct model_ref {
	const char *id, *name; /* borrowed from the report */
	double score;	       /* capabilities score or NAN */
	double flop;	       /* training FLOP or NAN */
};

struct cohort_ctx {
	const struct value *c;	  /* the cohort object */
	const char *id, *title;	  /* borrowed */
	const char *note;	  /* why there is no capabilities score, or NULL */
	struct model_ref *models; /* sorted by id */
	size_t nmodels;
};

static int cmp_model_ref(const void *a, const void *b)
{
	return strcmp(((const struct model_ref *)a)->id, ((const struct model_ref *)b)->id);
}

static const struct model_ref *model_find(const struct cohort_ctx *cc, const char *id)
{
	struct model_ref key = {id, NULL, NAN, NAN};
	if (!cc->nmodels)
		return NULL;
	return bsearch(&key, cc->models, cc->nmodels, sizeof(key), cmp_model_ref);
}

/*
 * A new figure called dir/id (dir NULL: cohort/id) with the script's header: what it shows,
 * how to redraw it, and the settings every figure shares.
 */
static struct figure *fig_new(struct plotter *p, const char *cohort, const char *dir,
			      const char *id, const char *what)
{
	struct figure *f;
	struct buf name = BUF_INIT;

	xgrow((void **)&p->figs, &p->cap, p->nfigs + 1, sizeof(*p->figs));
	f = &p->figs[p->nfigs++];
	memset(f, 0, sizeof(*f));
	buf_printf(&name, "%s/", cohort);
	if (dir)
		buf_printf(&name, "%s/", dir);
	buf_puts(&name, id);
	f->name = buf_detach(&name);
	f->width = 720;
	f->height = 480;
	buf_printf(&f->script,
		   "# washboard figure %s: %s.\n"
		   "# Generated from data/report.json; the data is also in %s.csv.\n"
		   "# Redraw it from the figures/ directory: gnuplot -d %s.gp\n"
		   "reset\n"
		   "set encoding utf8\n",
		   f->name, what, f->name, f->name);
	return f;
}

static void style(struct buf *s)
{
	buf_puts(s, "set border 3 lc rgb '" COLOUR_AXIS "'\n"
		    "set tics nomirror out scale 0.6 textcolor rgb '" COLOUR_TEXT "'\n"
		    "set grid back lc rgb '#e6e6e6' lw 1 dt solid\n"
		    "set key noautotitle textcolor rgb '" COLOUR_TEXT "'\n");
}

/* The title: bold-free first line, details below. */
static void title(struct buf *s, const char *first, const char *second)
{
	const char *lines[2] = {first, second};
	buf_puts(s, "set title ");
	gp_lines(s, lines, second && *second ? 2 : 1, LABEL_TITLE);
	buf_puts(s, " textcolor rgb '#000000'\n");
}

/*
 * The outputs: one `set terminal` + `set output` per format, the plot command once and
 * `replot` for the others, so every format shows the same drawing.
 */
static void outputs(const struct plotter *p, struct figure *f, const char *plot)
{
	struct buf *s = &f->script;
	bool first = true;

	buf_puts(s, "\n# Outputs, relative to the figures/ directory.\n");
	if (p->formats & PLOT_SVG) {
		buf_printf(s,
			   "set terminal svg size %d,%d fixed noenhanced background '#ffffff' "
			   "font 'sans,11'\nset output '%s.svg'\n%s\n",
			   f->width, f->height, f->name, plot);
		first = false;
	}
	if (p->formats & PLOT_PNG) {
		buf_printf(s,
			   "set terminal pngcairo size %ld,%ld noenhanced background '#ffffff' "
			   "font 'sans,11' fontscale ",
			   lround(f->width * p->png_scale), lround(f->height * p->png_scale));
		buf_number(s, p->png_scale);
		buf_puts(s, " linewidth ");
		buf_number(s, p->png_scale);
		buf_puts(s, " pointscale ");
		buf_number(s, p->png_scale);
		buf_printf(s, "\nset output '%s.png'\n%s\n", f->name, first ? plot : "replot");
		first = false;
	}
	if (p->formats & PLOT_PDF) {
		/* 120 SVG pixels to the inch; fontscale and linewidth keep the SVG's proportions */
		buf_puts(s, "set terminal pdfcairo size ");
		buf_number(s, f->width / 120.0);
		buf_puts(s, "in,");
		buf_number(s, f->height / 120.0);
		buf_printf(s,
			   "in noenhanced background '#ffffff' font 'sans,11' fontscale 0.6 "
			   "linewidth 1.2 pointscale 0.6\nset output '%s.pdf'\n%s\n",
			   f->name, first ? plot : "replot");
	}
	buf_puts(s, "unset output\n");
}

/* A figure with nothing to draw: its title, why (centred) and the cohort's note, unless NULL. */
static void placeholder(const struct plotter *p, struct figure *f, const char *head,
			const char *sub, const char *why, const char *note)
{
	struct buf *s = &f->script;
	const char *lines[2] = {why, note};
	title(s, head, sub);
	buf_puts(s, "unset border\nunset tics\nunset key\nunset grid\n"
		    "set xrange [0:1]\nset yrange [0:1]\nset label 1 ");
	gp_lines(s, lines, note ? 2 : 1, LABEL_TITLE);
	buf_puts(s, " at graph 0.5, graph 0.5 center font ',12' textcolor rgb '#666666'\n");
	outputs(p, f, "plot 2 notitle");
}

/*
 * The verdict bands behind a correlation axis x in [-1, 1], with tics at the thresholds
 * (also along the top when top).
 */
static void bands(const struct plotter *p, struct buf *s, bool top)
{
	const double from[4] = {-1, -p->low, p->low, p->high},
		     to[4] = {-p->low, p->low, p->high, 1};
	const enum verdict_class v[4] = {V_WORSENS, V_DISTINCT, V_MODERATE, V_TRACKS};
	const double at[6] = {-1, -p->low, 0, p->low, p->high, 1};

	for (int i = 0; i < 4; i++) {
		buf_printf(s, "set object %d rect from ", i + 1);
		buf_number(s, from[i]);
		buf_puts(s, ", graph 0 to ");
		buf_number(s, to[i]);
		buf_printf(s, ", graph 1 behind fillcolor rgb '%s' fillstyle solid 0.13 noborder\n",
			   verdicts[v[i]].colour);
	}
	buf_puts(s, "set xrange [-1:1]\n");
	for (int axis = 0; axis < (top ? 2 : 1); axis++) {
		buf_puts(s, axis ? "set link x2\nset x2tics scale 0.6 out (" : "set xtics (");
		for (int i = 0; i < 6; i++) {
			if (i)
				buf_puts(s, ", ");
			buf_puts(s, "'");
			gp_fixed(s, at[i], 1);
			buf_puts(s, "' ");
			buf_number(s, at[i]);
		}
		buf_puts(s, ")\n");
	}
	buf_puts(s, "set grid noxtics\nset yzeroaxis lt 1 lc rgb '" COLOUR_AXIS "'\n");
}

/* Key entries naming the bands, with their thresholds, appended to a plot command. */
static void band_keys(const struct plotter *p, struct buf *plot)
{
	const enum verdict_class v[4] = {V_WORSENS, V_DISTINCT, V_MODERATE, V_TRACKS};
	for (int i = 0; i < 4; i++) {
		struct buf t = BUF_INIT;
		switch (v[i]) {
		case V_WORSENS:
			buf_puts(&t, "worsens (\xcf\x81 \xe2\x89\xa4 ");
			gp_fixed(&t, -p->low, 2);
			break;
		case V_DISTINCT:
			buf_puts(&t, "distinct (|\xcf\x81| < ");
			gp_fixed(&t, p->low, 2);
			break;
		case V_MODERATE:
			buf_puts(&t, "moderate (");
			gp_fixed(&t, p->low, 2);
			buf_puts(&t, " \xe2\x89\xa4 \xcf\x81 < ");
			gp_fixed(&t, p->high, 2);
			break;
		default:
			buf_puts(&t, "tracks capabilities (\xcf\x81 \xe2\x89\xa5 ");
			gp_fixed(&t, p->high, 2);
			break;
		}
		buf_putc(&t, ')');
		buf_printf(plot,
			   ", keyentry with boxes fillstyle solid 0.3 noborder fillcolor rgb '%s' "
			   "title ",
			   verdicts[v[i]].colour);
		gp_str(plot, buf_str(&t), 0);
		buf_release(&t);
	}
}


/* ------------------------------------------------------------------------------------------
 * Per benchmark: raw value against the capabilities score, and against training compute.
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

/* Every point gets a name when there are at most 30; else the 10 farthest from the fit. */
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
	free(order);
}

/*
 * Fixed plot area and ranges for a benchmark scatter (points sorted by x), and the labels:
 * the fit line's name (unless NULL) near its right end, in place of a key; then the names,
 * of the points farthest from the fit first, so that they get the best places.
 */
static void scatter_labels(struct buf *s, const struct figure *f, const struct point *pts,
			   size_t n, bool logx, const char *fit_title, const char *fit_colour)
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
	/* on the line, as far right as there is room; else, as a key, in a free corner */
	if (fit_title) {
		size_t i = n;
		while (i-- > 0)
			if (isfinite(pts[i].fit) &&
			    labels_place(&pl, s, fit_title, fit_colour, pts[i].x, pts[i].fit))
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
	for (size_t i = 0; i < nl; i++)
		labels_place(&pl, s, order[i]->m->name, COLOUR_TEXT, order[i]->x, order[i]->y);
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
	style(s);
	buf_puts(s, "unset key\n");
	scatter_labels(s, f, pts, n, logx, nfit >= 2 ? fit_title : NULL, fit_colour);
	buf_puts(&plot, "plot $points using 1:2 with points pt 7 ps 0.9 lc rgb '" COLOUR_MODEL
			"' title 'models'");
	if (nfit >= 2) {
		buf_printf(&plot, ", $fit using 1:2 with lines lw 2 lc rgb '%s' title ",
			   fit_colour);
		gp_str(&plot, fit_title, 0);
	}
	outputs(p, f, buf_str(&plot));
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
	title(&f->script, name, sub);
	buf_puts(&ylabel, metric);
	if (lower_is_better(b))
		buf_puts(&ylabel, " (lower is better)");
	buf_puts(&f->script, xaxis);
	buf_puts(&f->script, "set ylabel ");
	gp_str(&f->script, buf_str(&ylabel), LABEL_TITLE);
	buf_putc(&f->script, '\n');
	buf_release(&ylabel);
}

static void fig_benchmark(struct plotter *p, const struct cohort_ctx *cc, const struct value *b)
{
	const struct value *ms = list(b, "models");
	const char *name = value_str(b, "name"), *metric = value_str(b, "metric");
	enum verdict_class v = verdict_of(b);
	struct figure *f =
	    fig_new(p, cc->id, NULL, value_str(b, "id"), "raw score against the capabilities score");
	struct point *pts = xcalloc(count(ms) + 1, sizeof(*pts));
	struct buf sub = BUF_INIT;
	size_t n = 0;

	buf_puts(&f->csv, "model,name,capability_score,value,expected,residual");
	gp_csv_end(&f->csv);
	for (size_t i = 0; i < count(ms); i++) {
		const struct value *m = ms->items[i];
		const struct model_ref *r = model_find(cc, value_str(m, "model"));
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
	gp_fixed(&sub, value_num(b, "capabilities_correlation"), 2);
	buf_printf(&sub, " \xc2\xb7 n = %zu \xc2\xb7 %s", n,
		   *value_str(b, "verdict_label") ? value_str(b, "verdict_label") : verdicts[v].label);
	if (!value_is_null(value_get(b, "correlate_with"))) {
		buf_puts(&sub, " (judged by \xcf\x81 = ");
		gp_fixed(&sub, value_num(b, "reference_correlation"), 2);
		buf_puts(&sub, " with ");
		buf_puts(&sub, value_str(b, "correlate_with"));
		buf_putc(&sub, ')');
	}
	if (n < 2) {
		placeholder(p, f, name, buf_str(&sub),
			    "not enough models with a value and a capabilities score", cc->note);
		goto out;
	}
	scatter_axes(f, b, metric, name, buf_str(&sub), pts, n,
		     "set xlabel 'capabilities score (first principal component)'\n");
	scatter(p, f, pts, n, false, "what capabilities predict", verdicts[v].colour);
out:
	buf_release(&sub);
	free(pts);
}

static void fig_compute(struct plotter *p, const struct cohort_ctx *cc, const struct value *b)
{
	const struct value *ms = list(b, "models");
	const char *name = value_str(b, "name"), *metric = value_str(b, "metric");
	struct figure *f =
	    fig_new(p, cc->id, "compute", value_str(b, "id"), "raw score against training compute");
	struct point *pts = xcalloc(count(ms) + 1, sizeof(*pts));
	struct buf sub = BUF_INIT;
	double sx = 0, sy = 0, sxx = 0, sxy = 0, a = NAN, slope = NAN, dn;
	size_t n = 0;

	buf_puts(&f->csv, "model,name,training_flop,log10_training_flop,value,fit");
	gp_csv_end(&f->csv);
	for (size_t i = 0; i < count(ms); i++) {
		const struct value *m = ms->items[i];
		const struct model_ref *r = model_find(cc, value_str(m, "model"));
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
	gp_fixed(&sub, value_num(b, "compute_correlation"), 2);
	buf_puts(&sub, " \xc2\xb7 n = ");
	buf_number(&sub, isfinite(value_num(b, "n_compute")) ? value_num(b, "n_compute") : (double)n);
	if (n < 2) {
		placeholder(p, f, name, buf_str(&sub),
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

/* ------------------------------------------------------------------------------------------
 * Per cohort.
 */

struct row {
	const char *area, *id, *name; /* borrowed */
	double x, y;		      /* the figure's coordinates for this benchmark */
	bool reference;		      /* judged against correlate_with */
	enum verdict_class v;
};

static int cmp_row_area(const void *a, const void *b)
{
	const struct row *p = a, *q = b;
	int c = strcmp(p->area, q->area);
	if (c)
		return c;
	if (p->x != q->x)
		return p->x > q->x ? -1 : 1;
	return strcmp(p->id, q->id);
}

static bool is_safety(const struct value *b)
{
	return strcmp(value_str(b, "role"), "safety") == 0;
}

/* "machine-ethics" -> "MACHINE ETHICS" for a group heading. */
static char *area_heading(const char *area)
{
	char *h = xstrdup(area);
	for (char *c = h; *c; c++) {
		if (*c == '-' || *c == '_')
			*c = ' ';
		else if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	}
	return h;
}

static void fig_overview(struct plotter *p, const struct cohort_ctx *cc)
{
	const struct value *bs = list(cc->c, "benchmarks");
	struct figure *f = fig_new(p, cc->id, NULL, "_overview",
				   "capabilities correlation of every safety benchmark, by area");
	struct row *rows = xcalloc(count(bs) + 1, sizeof(*rows));
	struct buf *s = &f->script, sub = BUF_INIT, tics = BUF_INIT, seps = BUF_INIT,
		   plot = BUF_INIT;
	size_t n = 0, nref = 0, y = 0;
	char *head = NULL;

	for (size_t i = 0; i < count(bs); i++) {
		const struct value *b = bs->items[i];
		bool ref = !value_is_null(value_get(b, "correlate_with"));
		double r = value_num(b, ref ? "reference_correlation" : "capabilities_correlation");
		if (!is_safety(b) || !isfinite(r))
			continue;
		rows[n] = (struct row){value_str(b, "area"), value_str(b, "id"), value_str(b, "name"), r, 0, ref,
				       verdict_of(b)};
		nref += ref;
		n++;
	}
	if (n)
		qsort(rows, n, sizeof(*rows), cmp_row_area);
	buf_puts(&f->csv, "area,benchmark,name,correlation,basis,verdict");
	gp_csv_end(&f->csv);
	buf_printf(&sub, "%s \xc2\xb7 %zu safety benchmarks", cc->title, n);
	if (n == 0) {
		placeholder(p, f, "Safety benchmarks against capabilities", buf_str(&sub),
			    "no safety benchmark has a defined correlation", cc->note);
		goto out;
	}
	/* Rows top to bottom: a heading row per area, then its benchmarks. */
	buf_puts(s, "$rows << EOD\n# row correlation colour\n");
	for (size_t i = 0; i < n; i++) {
		struct row *r = &rows[i];
		if (i == 0 || strcmp(r->area, rows[i - 1].area) != 0) {
			free(head);
			head = area_heading(r->area);
			if (i) {
				buf_puts(&seps, "set arrow from graph 0, first ");
				buf_number(&seps, (double)y - 0.5);
				buf_puts(&seps, " to graph 1, first ");
				buf_number(&seps, (double)y - 0.5);
				buf_puts(&seps, " nohead lc rgb '#bbbbbb' lw 1 back\n");
			}
			buf_puts(&tics, tics.len ? ", " : "");
			gp_str(&tics, head, LABEL_TIC);
			buf_printf(&tics, " %zu", y++);
		}
		r->y = (double)y;
		buf_printf(s, "%zu ", y);
		gp_num(s, r->x);
		buf_printf(s, " %u\n", verdicts[r->v].rgb);
		buf_puts(&tics, ", ");
		{
			struct buf label = BUF_INIT;
			buf_puts(&label, r->name);
			if (r->reference)
				buf_puts(&label, " \xe2\x80\xa0"); /* † */
			gp_str(&tics, buf_str(&label), LABEL_TIC);
			buf_release(&label);
		}
		buf_printf(&tics, " %zu", y++);
		csv_field(&f->csv, r->area);
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, r->id);
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, r->name);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, r->x);
		buf_puts(&f->csv, r->reference ? ",reference," : ",capabilities,");
		csv_field(&f->csv, verdicts[r->v].id);
		gp_csv_end(&f->csv);
	}
	buf_puts(s, "EOD\n");
	f->width = 860;
	f->height = (int)(170 + 14 * y);
	if (f->height < 480)
		f->height = 480;
	style(s);
	title(s, "Safety benchmarks against capabilities", buf_str(&sub));
	bands(p, s, true);
	buf_printf(s, "set yrange [%zu.5:-0.7]\nset ytics scale 0 font ',9' (%s)\n", y - 1,
		   buf_str(&tics));
	buf_puts(s, buf_str(&seps));
	/* the key sits between the two-line title and the top axis */
	buf_puts(s, "set grid noytics\nset tmargin 7\nset title offset 0, char 2.4\n"
		    "set key at screen 0.5, screen ");
	buf_number(s, 1 - 50.0 / f->height);
	buf_puts(s, " center top horizontal reverse Left samplen 1.5 font ',9'\nset xlabel ");
	{
		const char *xl[2] = {
		    "Spearman correlation with the capabilities score",
		    "\xe2\x80\xa0 with its own dataset's accuracy instead, as in the paper"};
		gp_lines(s, xl, nref ? 2 : 1, 0);
	}
	buf_putc(s, '\n');
	buf_puts(&plot,
		 "plot $rows using (0):1:2:(0):3 with vectors nohead lw 1.5 lc rgb variable, "
		 "$rows using 2:1:3 with points pt 7 ps 0.9 lc rgb variable");
	band_keys(p, &plot);
	outputs(p, f, buf_str(&plot));
out:
	free(head);
	buf_release(&sub);
	buf_release(&tics);
	buf_release(&seps);
	buf_release(&plot);
	free(rows);
}

/*
 * Fixed plot area and y range for the map, and the benchmark names when there are at most
 * 40 (more would be a wall of text): the steepest benchmarks first.
 */
static int cmp_row_slope(const void *a, const void *b)
{
	const struct row *p = *(const struct row *const *)a, *q = *(const struct row *const *)b;
	if (fabs(p->y) != fabs(q->y))
		return fabs(p->y) > fabs(q->y) ? -1 : 1;
	return strcmp(p->id, q->id);
}

static void map_labels(struct buf *s, const struct figure *f, const struct row *rows, size_t n)
{
	struct labels pl;
	const struct row **order = xcalloc(n, sizeof(struct row *));
	double ylo = INFINITY, yhi = -INFINITY, ystep;

	for (size_t i = 0; i < n; i++) {
		ylo = fmin(ylo, rows[i].y);
		yhi = fmax(yhi, rows[i].y);
		order[i] = &rows[i];
	}
	ystep = labels_nice_range(&ylo, &yhi, 0.06);
	labels_init(&pl, s, f->width, f->height, 88, 28, 68, 100, -1, 1, 0, ylo, yhi, ystep,
		    false);
	for (size_t i = 0; i < n; i++)
		labels_point(&pl, rows[i].x, rows[i].y);
	qsort(order, n, sizeof(struct row *), cmp_row_slope);
	for (size_t i = 0; n <= 40 && i < n; i++)
		labels_place(&pl, s, order[i]->name, COLOUR_TEXT, order[i]->x, order[i]->y);
	labels_release(&pl);
	free(order);
}

static void fig_map(struct plotter *p, const struct cohort_ctx *cc)
{
	const struct value *bs = list(cc->c, "benchmarks");
	struct figure *f =
	    fig_new(p, cc->id, NULL, "_map", "capabilities correlation against standardized slope");
	struct row *rows = xcalloc(count(bs) + 1, sizeof(*rows));
	struct buf *s = &f->script, sub = BUF_INIT, plot = BUF_INIT;
	size_t n = 0, per[V_COUNT] = {0};

	buf_puts(&f->csv,
		 "benchmark,name,area,capabilities_correlation,standardized_slope,verdict");
	gp_csv_end(&f->csv);
	for (size_t i = 0; i < count(bs); i++) {
		const struct value *b = bs->items[i];
		double x = value_num(b, "capabilities_correlation"), y = value_num(b, "standardized_slope");
		if (!is_safety(b) || !isfinite(x) || !isfinite(y))
			continue;
		rows[n] = (struct row){value_str(b, "area"), value_str(b, "id"), value_str(b, "name"), x, y,
				       false,		verdict_of(b)};
		per[rows[n].v]++;
		csv_field(&f->csv, rows[n].id);
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, rows[n].name);
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, rows[n].area);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, x);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, y);
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, verdicts[rows[n].v].id);
		gp_csv_end(&f->csv);
		n++;
	}
	buf_printf(&sub, "%s \xc2\xb7 %zu safety benchmarks", cc->title, n);
	if (n == 0) {
		placeholder(p, f, "Correlation and slope of safety benchmarks", buf_str(&sub),
			    "no safety benchmark has both a correlation and a slope", cc->note);
		goto out;
	}
	for (int v = 0; v < V_COUNT; v++) {
		if (!per[v])
			continue;
		buf_printf(s, "$v%d << EOD\n# capabilities_correlation standardized_slope (%s)\n",
			   v, verdicts[v].id);
		for (size_t i = 0; i < n; i++) {
			if (rows[i].v != (enum verdict_class)v)
				continue;
			gp_num(s, rows[i].x);
			buf_putc(s, ' ');
			gp_num(s, rows[i].y);
			buf_putc(s, '\n');
		}
		buf_puts(s, "EOD\n");
		buf_printf(&plot, "%s$v%d using 1:2 with points pt 7 ps 1 lc rgb '%s' title '%s'",
			   plot.len ? ", " : "plot ", v, verdicts[v].colour, verdicts[v].label);
	}
	style(s);
	title(s, "Correlation and slope of safety benchmarks", buf_str(&sub));
	bands(p, s, false);
	buf_puts(s, "set xzeroaxis lt 1 lc rgb '" COLOUR_AXIS "'\n"
		    "set key at screen 0.5, screen 0.01 center bottom horizontal maxcols 2 reverse "
		    "Left samplen 1\n"
		    "set xlabel 'Spearman correlation with the capabilities score'\n"
		    "set ylabel 'standardized slope (SD per unit of capabilities score)'\n");
	map_labels(s, f, rows, n);
	outputs(p, f, buf_str(&plot));
out:
	buf_release(&sub);
	buf_release(&plot);
	free(rows);
}

/* Names of the capability benchmarks in matrix order (borrowed). */
static const char *cap_name(const struct value *cap, size_t j)
{
	const struct value *ld = list(cap, "loadings"), *ids = list(cap, "benchmarks");
	if (j < count(ld) && *value_str(ld->items[j], "name"))
		return value_str(ld->items[j], "name");
	if (j < count(ids) && ids->items[j]->kind == VALUE_STRING)
		return ids->items[j]->string;
	return "?";
}

static const char *cap_id(const struct value *cap, size_t j)
{
	const struct value *ids = list(cap, "benchmarks");
	if (j < count(ids) && ids->items[j]->kind == VALUE_STRING)
		return ids->items[j]->string;
	return "";
}

static void fig_heatmap(struct plotter *p, const struct cohort_ctx *cc)
{
	const struct value *cap = value_get(cc->c, "capability");
	const struct value *mx = list(cap, "matrix");
	struct figure *f = fig_new(p, cc->id, NULL, "_heatmap",
				   "Spearman correlations between the capability benchmarks");
	struct buf *s = &f->script, sub = BUF_INIT, tics = BUF_INIT;
	size_t k = count(mx);
	const char *font = k > 14 ? "',7'" : "',9'";

	f->height = 640;
	for (size_t a = 0; a < k; a++)
		if (mx->items[a]->kind != VALUE_ARRAY || count(mx->items[a]) != k)
			k = 0; /* not square: treat as missing rather than draw nonsense */
	buf_puts(&f->csv, "benchmark");
	for (size_t j = 0; j < k; j++) {
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, cap_id(cap, j));
	}
	gp_csv_end(&f->csv);
	buf_printf(&sub, "%s \xc2\xb7 n = ", cc->title);
	gp_fixed(&sub, value_num(cap, "n_models"), 0);
	buf_puts(&sub, " models with every capability benchmark");
	if (k == 0) {
		placeholder(p, f, "Correlations between capability benchmarks", buf_str(&sub),
			    "no capability correlation matrix", cc->note);
		goto out;
	}
	buf_puts(s, "$matrix << EOD\n");
	for (size_t a = 0; a < k; a++) {
		csv_field(&f->csv, cap_id(cap, a));
		for (size_t j = 0; j < k; j++) {
			const struct value *v = mx->items[a]->items[j];
			double x = v->kind == VALUE_NUMBER ? v->number : NAN;
			if (j)
				buf_putc(s, ' ');
			gp_num(s, x);
			buf_putc(&f->csv, ',');
			gp_csv_num(&f->csv, x);
		}
		buf_putc(s, '\n');
		gp_csv_end(&f->csv);
	}
	buf_puts(s, "EOD\n");
	for (size_t j = 0; j < k; j++) {
		if (j)
			buf_puts(&tics, ", ");
		gp_str(&tics, cap_name(cap, j), LABEL_POINT);
		buf_printf(&tics, " %zu", j);
	}
	title(s, "Correlations between capability benchmarks", buf_str(&sub));
	buf_printf(s,
		   "set border 0\nunset grid\nunset key\nset size ratio 1\n"
		   "set xrange [-0.5:%zu.5]\nset yrange [%zu.5:-0.5]\n"
		   "set xtics scale 0 rotate by 40 right font %s textcolor rgb '" COLOUR_TEXT
		   "' (%s)\n"
		   "set ytics scale 0 font %s textcolor rgb '" COLOUR_TEXT "' (%s)\n",
		   k - 1, k - 1, font, buf_str(&tics), font, buf_str(&tics));
	/* ColorBrewer PuOr: diverging and colour-blind safe; white text only on dark purple. */
	buf_puts(s, "set cbrange [-1:1]\nset cbtics 0.5 scale 0.6\n"
		    "set palette defined (-1 '#5E3C99', -0.5 '#B2ABD2', 0 '#F7F7F7', "
		    "0.5 '#FDB863', 1 '#E66101')\n"
		    "set cblabel 'Spearman \xcf\x81' textcolor rgb '" COLOUR_TEXT "'\n");
	{
		struct buf plot = BUF_INIT;
		buf_printf(&plot,
			   "plot $matrix matrix with image pixels, "
			   "$matrix matrix using 1:2:($3 > -0.5 ? sprintf('%%.2f', $3) : '') with "
			   "labels font %s textcolor rgb '#000000', "
			   "$matrix matrix using 1:2:($3 <= -0.5 ? sprintf('%%.2f', $3) : '') with "
			   "labels font %s textcolor rgb '#ffffff'",
			   font, font);
		outputs(p, f, buf_str(&plot));
		buf_release(&plot);
	}
out:
	buf_release(&sub);
	buf_release(&tics);
}

static void fig_scree(struct plotter *p, const struct cohort_ctx *cc)
{
	const struct value *cap = value_get(cc->c, "capability");
	const struct value *ev = list(cap, "eigenvalues");
	struct figure *f =
	    fig_new(p, cc->id, NULL, "_scree", "eigenvalues of the capability correlation matrix");
	struct buf *s = &f->script, head = BUF_INIT, sub = BUF_INIT, tics = BUF_INIT;
	size_t k = 0;
	double sum = 0, cum = 0;

	for (size_t j = 0; j < count(ev); j++)
		if (ev->items[j]->kind == VALUE_NUMBER) {
			sum += ev->items[j]->number;
			k++;
		}
	if (k != count(ev))
		k = 0;
	buf_puts(&f->csv, "component,eigenvalue,variance_explained,cumulative");
	gp_csv_end(&f->csv);
	buf_puts(&head, "Scree plot: PC1 explains ");
	gp_fixed(&head, 100 * value_num(cap, "variance_explained"), 1);
	buf_puts(&head, "% of the variance");
	buf_printf(&sub, "%s \xc2\xb7 %zu capability benchmarks", cc->title,
		   count(list(cap, "benchmarks")));
	if (k == 0 || !(sum > 0)) {
		placeholder(p, f, buf_str(&head), buf_str(&sub),
			    "no eigenvalues: the capability matrix is undefined", cc->note);
		goto out;
	}
	buf_puts(s, "$eigen << EOD\n# component eigenvalue share_of_variance\n");
	for (size_t j = 0; j < k; j++) {
		double x = ev->items[j]->number;
		cum += x / sum;
		buf_printf(s, "%zu ", j + 1);
		gp_num(s, x);
		buf_putc(s, ' ');
		gp_num(s, x / sum);
		buf_putc(s, '\n');
		buf_printf(&f->csv, "PC%zu,", j + 1);
		gp_csv_num(&f->csv, x);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, x / sum);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, cum);
		gp_csv_end(&f->csv);
		buf_printf(&tics, "%s'PC%zu' %zu", j ? ", " : "", j + 1, j + 1);
	}
	buf_puts(s, "EOD\n");
	style(s);
	title(s, buf_str(&head), buf_str(&sub));
	buf_printf(
	    s,
	    "set xrange [0.4:%zu.6]\nset yrange [0:*]\nset xtics scale 0 (%s)\n"
	    "set grid noxtics\nset ylabel 'eigenvalue'\nset boxwidth 0.6\n"
	    "set style fill solid 0.85 noborder\nset key top right\n",
	    k, buf_str(&tics));
	outputs(
	    p, f,
	    "plot $eigen using 1:2 with boxes lc rgb '" COLOUR_MODEL "' title 'eigenvalue', "
	    "$eigen using 1:2:(sprintf('%.1f%%', 100 * $3)) with labels offset 0,0.8 font ',9' "
	    "textcolor rgb '" COLOUR_TEXT "', "
	    "1 with lines dt 2 lc rgb '" COLOUR_AXIS "' title 'eigenvalue 1 (Kaiser criterion)'");
out:
	buf_release(&head);
	buf_release(&sub);
	buf_release(&tics);
}

static int cmp_score_desc(const void *a, const void *b)
{
	const struct model_ref *p = *(const struct model_ref *const *)a;
	const struct model_ref *q = *(const struct model_ref *const *)b;
	if (p->score != q->score)
		return p->score > q->score ? -1 : 1;
	return strcmp(p->id, q->id);
}

static void fig_scores(struct plotter *p, const struct cohort_ctx *cc)
{
	const struct value *cap = value_get(cc->c, "capability");
	struct figure *f = fig_new(p, cc->id, NULL, "_scores", "capabilities score per model");
	const struct model_ref **order = xcalloc(cc->nmodels + 1, sizeof(struct model_ref *));
	struct buf *s = &f->script, sub = BUF_INIT, tics = BUF_INIT;
	size_t n = 0;

	for (size_t i = 0; i < cc->nmodels; i++)
		if (isfinite(cc->models[i].score))
			order[n++] = &cc->models[i];
	if (n)
		qsort(order, n, sizeof(struct model_ref *), cmp_score_desc);
	buf_puts(&f->csv, "rank,model,name,capability_score");
	gp_csv_end(&f->csv);
	buf_printf(&sub, "%s \xc2\xb7 PC1 of %zu capability benchmarks (", cc->title,
		   count(list(cap, "benchmarks")));
	gp_fixed(&sub, 100 * value_num(cap, "variance_explained"), 1);
	buf_puts(&sub, " % of variance)");
	if (n == 0) {
		placeholder(p, f, "Capabilities score", buf_str(&sub),
			    "no model has a capabilities score", cc->note);
		goto out;
	}
	buf_puts(s, "$scores << EOD\n# row score colour\n");
	for (size_t i = 0; i < n; i++) {
		buf_printf(s, "%zu ", i);
		gp_num(s, order[i]->score);
		buf_printf(s, " %u\n", order[i]->score >= 0 ? 0x0072B2u : 0xE69F00u);
		if (n <= PLOT_NAMED_ROWS) {
			buf_printf(&tics, "%s", i ? ", " : "");
			gp_str(&tics, order[i]->name, LABEL_TIC);
			buf_printf(&tics, " %zu", i);
		}
		buf_printf(&f->csv, "%zu,", i + 1);
		csv_field(&f->csv, order[i]->id);
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, order[i]->name);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, order[i]->score);
		gp_csv_end(&f->csv);
	}
	buf_puts(s, "EOD\n");
	f->height = (int)(120 + 18 * (n <= PLOT_NAMED_ROWS ? n : PLOT_NAMED_ROWS));
	if (f->height < 480)
		f->height = 480;
	style(s);
	title(s, "Capabilities score", buf_str(&sub));
	buf_printf(s, "set yrange [%zu.6:-0.6]\nset grid noytics\n", n - 1);
	if (n <= PLOT_NAMED_ROWS)
		buf_printf(s, "set ytics scale 0 font ',9' (%s)\n", buf_str(&tics));
	else /* rows are numbered from 0 */
		buf_puts(s, "set ytics font ',9'\nset format y '%.0f'\n"
			    "set ylabel 'models by capabilities score (rank - 1; names in the CSV)'\n");
	buf_puts(s, "set yzeroaxis lt 1 lc rgb '" COLOUR_AXIS "'\n"
		    "set offsets graph 0.03, graph 0.03, 0, 0\n"
		    "set xlabel 'capabilities score (0 = cohort average)'\n");
	outputs(p, f,
		"plot $scores using ($2 < 0 ? $2 : 0):1:($2 < 0 ? $2 : 0):($2 > 0 ? $2 : 0):"
		"($1 - 0.36):($1 + 0.36):3 with boxxyerror fillstyle solid 0.9 noborder "
		"lc rgb variable");
out:
	buf_release(&sub);
	buf_release(&tics);
	free(order);
}

struct rank_row {
	const char *id, *name; /* borrowed */
	double raw, dec;       /* safety rank, decorrelated rank (1 = best) */
};

static void fig_ranks(struct plotter *p, const struct cohort_ctx *cc)
{
	const struct value *lb = list(cc->c, "leaderboard");
	struct figure *f = fig_new(p, cc->id, NULL, "_ranks",
				   "raw safety rank against decorrelated safety rank per model");
	struct rank_row *rows = xcalloc(count(lb) + 1, sizeof(*rows));
	struct buf *s = &f->script, sub = BUF_INIT, left = BUF_INIT, right = BUF_INIT;
	size_t n = 0;
	double top = 0;

	buf_puts(&f->csv, "model,name,safety_rank,decorrelated_rank,rank_change");
	gp_csv_end(&f->csv);
	for (size_t i = 0; i < count(lb); i++) {
		const struct value *e = lb->items[i];
		double raw = value_num(e, "safety_rank"), dec = value_num(e, "decorrelated_rank");
		if (!(raw >= 1) || !(dec >= 1))
			continue;
		rows[n] = (struct rank_row){value_str(e, "model"), value_str(e, "name"), raw, dec};
		top = fmax(top, fmax(raw, dec));
		csv_field(&f->csv, rows[n].id);
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, rows[n].name);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, raw);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, dec);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, raw - dec);
		gp_csv_end(&f->csv);
		n++;
	}
	buf_printf(&sub, "%s \xc2\xb7 mean safety z-score vs. mean residual from capabilities",
		   cc->title);
	if (n == 0) {
		placeholder(p, f, "Safety rank before and after removing capabilities",
			    buf_str(&sub),
			    "no model has both a safety rank and a decorrelated rank", cc->note);
		goto out;
	}
	buf_puts(s, "$ranks << EOD\n# safety_rank decorrelated_rank colour\n");
	for (size_t i = 0; i < n; i++) {
		unsigned colour = rows[i].dec < rows[i].raw   ? 0x009E73u
				  : rows[i].dec > rows[i].raw ? 0x7B3294u
							      : 0x999999u;
		struct buf t = BUF_INIT;
		gp_num(s, rows[i].raw);
		buf_putc(s, ' ');
		gp_num(s, rows[i].dec);
		buf_printf(s, " %u\n", colour);
		if (top > PLOT_NAMED_ROWS) {
			buf_release(&t);
			continue;
		}
		buf_puts(&t, rows[i].name);
		buf_puts(&t, "  ");
		buf_number(&t, rows[i].raw);
		buf_puts(&left, left.len ? ", " : "");
		gp_str(&left, buf_str(&t), LABEL_TIC);
		buf_putc(&left, ' ');
		buf_number(&left, rows[i].raw);
		buf_reset(&t);
		buf_number(&t, rows[i].dec);
		buf_puts(&t, "  ");
		buf_puts(&t, rows[i].name);
		buf_puts(&right, right.len ? ", " : "");
		gp_str(&right, buf_str(&t), LABEL_TIC);
		buf_putc(&right, ' ');
		buf_number(&right, rows[i].dec);
		buf_release(&t);
	}
	buf_puts(s, "EOD\n");
	f->height = (int)(140 + 18 * fmin(top, PLOT_NAMED_ROWS));
	if (f->height < 480)
		f->height = 480;
	style(s);
	title(s, "Safety rank before and after removing capabilities", buf_str(&sub));
	buf_puts(s, "set border 0\nunset grid\nset xrange [-0.04:1.04]\n");
	buf_puts(s, "set yrange [");
	buf_number(s, top + 0.5);
	buf_puts(s, ":0.5]\nset link y2\n");
	buf_puts(s, "unset xtics\n"
		    "set label 'safety rank' at first 0, graph 1 right offset 0, char 1 font ',10'\n"
		    "set label 'decorrelated rank' at first 1, graph 1 left offset 0, char 1 "
		    "font ',10'\nset title offset 0, char 1.4\n");
	if (top <= PLOT_NAMED_ROWS)
		buf_printf(s, "set ytics scale 0 font ',9' (%s)\nset y2tics scale 0 font ',9' (%s)\n",
			   buf_str(&left), buf_str(&right));
	else /* rank numbers; the names are in the CSV */
		buf_puts(s, "set ytics font ',9' nomirror\nset y2tics font ',9'\n"
			    "set format y '%.0f'\nset format y2 '%.0f'\nset rmargin 14\n");
	buf_puts(s, "set key at screen 0.5, screen 0.01 center bottom horizontal reverse Left "
		    "samplen 2 font ',9'\nset bmargin 3\nset tmargin 5.5\n");
	outputs(
	    p, f,
	    "plot $ranks using (0):1:(1):($2 - $1):3 with vectors nohead lw 1.5 lc rgb variable, "
	    "$ranks using (0):1:3 with points pt 7 ps 0.7 lc rgb variable, "
	    "$ranks using (1):2:3 with points pt 7 ps 0.7 lc rgb variable, "
	    "keyentry with lines lw 2 lc rgb '#009E73' title 'rises without capabilities', "
	    "keyentry with lines lw 2 lc rgb '#7B3294' title 'falls', "
	    "keyentry with lines lw 2 lc rgb '#999999' title 'unchanged'");
out:
	buf_release(&sub);
	buf_release(&left);
	buf_release(&right);
	free(rows);
}

/* ------------------------------------------------------------------------------------------
 * Building the figure list.
 */

static void figures_free(struct plotter *p)
{
	for (size_t i = 0; i < p->nfigs; i++) {
		free(p->figs[i].name);
		buf_release(&p->figs[i].script);
		buf_release(&p->figs[i].csv);
	}
	free(p->figs);
	p->figs = NULL;
	p->nfigs = p->cap = 0;
}

static int build_cohort(struct plotter *p, const struct value *c)
{
	struct cohort_ctx cc;
	const struct value *ms = list(c, "models"), *bs = list(c, "benchmarks");
	const struct value *cap = value_get(c, "capability");
	int rc = -1;

	memset(&cc, 0, sizeof(cc));
	cc.c = c;
	cc.id = value_str(c, "id");
	cc.title = *value_str(c, "title") ? value_str(c, "title") : cc.id;
	cc.note = value_get_string(cap, "note");
	if (!is_slug(cc.id)) {
		diag_error(NULL, 0, 0, "plot: cohort id '%s' is not a slug ([a-z0-9][a-z0-9._-]*)",
			   cc.id);
		goto out;
	}
	cc.models = xcalloc(count(ms) + 1, sizeof(*cc.models));
	for (size_t i = 0; i < count(ms); i++) {
		const struct value *m = ms->items[i];
		struct model_ref *r = &cc.models[cc.nmodels++];
		r->id = value_str(m, "id");
		r->name = *value_str(m, "name") ? value_str(m, "name") : r->id;
		r->score = value_num(m, "capability_score");
		r->flop = value_num(m, "training_flop");
	}
	if (cc.nmodels)
		qsort(cc.models, cc.nmodels, sizeof(*cc.models), cmp_model_ref);
	for (size_t i = 0; i < count(bs); i++) {
		const char *id = value_str(bs->items[i], "id");
		if (!is_slug(id)) {
			diag_error(NULL, 0, 0,
				   "plot: benchmark id '%s' in cohort '%s' is not a slug "
				   "([a-z0-9][a-z0-9._-]*)",
				   id, cc.id);
			goto out;
		}
	}
	fig_overview(p, &cc);
	fig_map(p, &cc);
	fig_heatmap(p, &cc);
	fig_scree(p, &cc);
	fig_scores(p, &cc);
	fig_ranks(p, &cc);
	for (size_t i = 0; i < count(bs); i++) {
		fig_benchmark(p, &cc, bs->items[i]);
		fig_compute(p, &cc, bs->items[i]);
	}
	rc = 0;
out:
	free(cc.models);
	return rc;
}

static int build_figures(struct plotter *p, const struct value *report)
{
	const struct value *cohorts = list(report, "cohorts");
	for (size_t i = 0; i < count(cohorts); i++)
		if (build_cohort(p, cohorts->items[i]) != 0)
			return -1;
	return 0;
}

/* ------------------------------------------------------------------------------------------
 * Files: writing, comparing with the previous site, linking.
 */

static const char *const extensions[3] = {"svg", "png", "pdf"};

static char *output_path(const char *dir, const char *name, const char *ext)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/%s.%s", dir, name, ext);
	return buf_detach(&b);
}

/* Does the file at path hold exactly data[0..len)? Quietly false when it cannot be read. */
static bool file_equals(const char *path, const char *data, size_t len)
{
	struct stat st;
	FILE *f;
	char chunk[8192];
	size_t off = 0;
	bool same = false;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len)
		return false;
	f = fopen(path, "rb");
	if (!f)
		return false;
	for (;;) {
		size_t n = fread(chunk, 1, sizeof(chunk), f);
		if (n == 0) {
			same = off == len && !ferror(f);
			break;
		}
		if (off + n > len || memcmp(chunk, data + off, n) != 0)
			break;
		off += n;
	}
	fclose(f);
	return same;
}

static bool file_nonempty(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

static bool same_inode(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}


/* Put the file at from also at to: a hard link when possible, else a copy. */
static int link_or_copy(const char *from, const char *to)
{
	if (same_inode(from, to))
		return 0;
	if (unlink(to) != 0 && errno != ENOENT) {
		diag_error(to, 0, 0, "cannot replace: %s", strerror(errno));
		return -1;
	}
	if (link(from, to) == 0)
		return 0;
	return file_copy(from, to);
}

static int remove_stale(const char *path)
{
	if (unlink(path) != 0 && errno != ENOENT) {
		diag_error(path, 0, 0, "cannot replace: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* Make the directory holding figures/NAME, remembering the last one made. */
static int make_parent(const char *fig_dir, const char *name, struct buf *last)
{
	const char *slash = strrchr(name, '/');
	struct buf dir = BUF_INIT;
	int rc = 0;

	buf_printf(&dir, "%s/%.*s", fig_dir, (int)(slash - name), name);
	if (strcmp(buf_str(&dir), buf_str(last)) != 0) {
		rc = path_mkdirs(buf_str(&dir));
		buf_reset(last);
		buf_puts(last, buf_str(&dir));
	}
	buf_release(&dir);
	return rc;
}

/*
 * Write figure f's .gp and .csv; reuse its outputs from prev_dir when the previous script is
 * byte-identical and every requested output is there. Sets f->reused.
 */
static int place_figure(const struct plotter *p, struct figure *f, const char *fig_dir,
			const char *prev_dir)
{
	char *gp = output_path(fig_dir, f->name, "gp"), *csv = output_path(fig_dir, f->name, "csv");
	char *prev_gp = prev_dir ? output_path(prev_dir, f->name, "gp") : NULL;
	int rc = -1;

	f->reused = false;
	if (prev_gp && file_equals(prev_gp, f->script.data, f->script.len)) {
		f->reused = true;
		for (int e = 0; e < 3 && f->reused; e++) {
			char *prev = output_path(prev_dir, f->name, extensions[e]);
			if ((p->formats & (1u << e)) && !file_nonempty(prev))
				f->reused = false;
			free(prev);
		}
	}
	if (file_write_atomic(gp, f->script.data, f->script.len) != 0 ||
	    file_write_atomic(csv, buf_str(&f->csv), f->csv.len) != 0)
		goto out;
	for (int e = 0; e < 3; e++) {
		char *to, *from;
		if (!(p->formats & (1u << e)))
			continue;
		to = output_path(fig_dir, f->name, extensions[e]);
		from = f->reused ? output_path(prev_dir, f->name, extensions[e]) : NULL;
		rc = from ? link_or_copy(from, to) : remove_stale(to);
		free(to);
		free(from);
		if (rc != 0)
			goto out;
	}
	rc = 0;
out:
	free(gp);
	free(csv);
	free(prev_gp);
	return rc;
}

/* The date cairo writes into every PDF, in PDF's D:YYYYMMDDHHmmSS digits. */
static void pdf_date(char digits[15])
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	char *end = NULL;
	long long t;
	struct tm tm;
	time_t tt;

	memcpy(digits, "19700101000000", 15);
	if (!epoch || !*epoch)
		return;
	errno = 0;
	t = strtoll(epoch, &end, 10);
	if (errno || *end || t < 0)
		return;
	tt = (time_t)t;
	if (gmtime_r(&tt, &tm) && tm.tm_year + 1900 <= 9999)
		strftime(digits, 15, "%Y%m%d%H%M%S", &tm);
}

/*
 * Replace the creation and modification dates in the PDF at path by digits (and a "Z" time
 * zone). Same-length edits, so the cross-reference offsets stay valid.
 */
static int pdf_fix_dates(const char *path, const char *digits)
{
	static const char *const keys[2] = {"/CreationDate (D:", "/ModDate (D:"};
	char *data = NULL;
	size_t len = 0;
	bool changed = false;
	int rc = -1;

	if (file_read(path, &data, &len) != 0)
		goto out;
	for (int k = 0; k < 2; k++) {
		size_t kl = strlen(keys[k]);
		for (size_t i = 0; i + kl < len; i++) {
			size_t d = 0;
			if (memcmp(data + i, keys[k], kl) != 0)
				continue;
			i += kl;
			while (d < 14 && i + d < len && data[i + d] >= '0' && data[i + d] <= '9')
				d++;
			if (memcmp(data + i, digits, d) != 0) {
				memcpy(data + i, digits, d);
				changed = true;
			}
			i += d;
			/* a time zone "+hh'mm'" or "-hh'mm'" becomes "+00'00'" */
			if (i + 7 <= len && (data[i] == '+' || data[i] == '-') &&
			    data[i + 3] == '\'') {
				memcpy(data + i, "+00'00", 6);
				changed = true;
			}
		}
	}
	rc = changed ? file_write_atomic(path, data, len) : 0;
out:
	free(data);
	return rc;
}

/*
 * Figure f has been drawn: every output must exist and not be empty; PDFs get their fixed
 * date. Runs while the other gnuplot processes keep drawing, which hides its cost.
 */
static int figure_check(const struct plotter *p, const struct figure *f, const char *fig_dir,
			const char *pdf_date)
{
	int rc = 0;
	for (int e = 0; e < 3 && rc == 0; e++) {
		char *path;
		if (!(p->formats & (1u << e)))
			continue;
		path = output_path(fig_dir, f->name, extensions[e]);
		if (!file_nonempty(path)) {
			struct buf loc = BUF_INIT;
			buf_printf(&loc, "figures/%s.gp", f->name);
			diag_error(buf_str(&loc), 0, 0, "gnuplot: finished without writing '%s.%s'",
				   f->name, extensions[e]);
			buf_release(&loc);
			rc = -1;
		} else if (e == 2) {
			rc = pdf_fix_dates(path, pdf_date);
		}
		free(path);
	}
	return rc;
}

/* Drawing the figures that were not reused; figure_drawn() is gnuplot_run()'s callback. */
struct drawing {
	const struct plotter *p;
	const struct plot_options *o;
	const size_t *todo;  /* the figure index of each script gnuplot_run() draws */
	const char *fig_dir; /* where gnuplot writes */
	char pdf_date[15];   /* the date PDFs get, see pdf_date() */
	size_t done, total;  /* figures finished overall (reused included), all figures */
	bool check_failed;   /* a finished figure lacked an output (diagnostic printed) */
};

/* Script i is done: check its figure (until one fails) and report progress. */
static int figure_drawn(void *ud, size_t i)
{
	struct drawing *d = ud;
	int rc = 0;

	if (!d->check_failed &&
	    figure_check(d->p, &d->p->figs[d->todo[i]], d->fig_dir, d->pdf_date) != 0) {
		d->check_failed = true;
		rc = -1;
	}
	d->done++;
	if (d->o->progress)
		d->o->progress(d->o->ud, d->done, d->total);
	return rc;
}

/* Draw figures todo[0..ntodo) with at most o->jobs gnuplot processes; done were reused. */
static int draw(const struct plotter *p, const size_t *todo, size_t ntodo, const char *fig_dir,
		const struct plot_options *o, size_t done, double *seconds)
{
	struct drawing d = {p, o, todo, fig_dir, "", done, p->nfigs, false};
	struct gnuplot_options g;
	const char **names = xcalloc(ntodo, sizeof(char *));
	int rc;

	pdf_date(d.pdf_date);
	for (size_t i = 0; i < ntodo; i++)
		names[i] = p->figs[todo[i]].name;
	memset(&g, 0, sizeof(g));
	g.program = o->gnuplot ? o->gnuplot : "gnuplot";
	g.dir = fig_dir;
	g.shown = "figures";
	g.jobs = o->jobs;
	g.timeout = o->timeout > 0 ? o->timeout : PLOT_TIMEOUT;
	g.drawn = figure_drawn;
	g.ud = &d;
	rc = gnuplot_run(names, ntodo, &g, seconds);
	free(names);
	return rc;
}

/* ------------------------------------------------------------------------------------------ */

int plot_site(const struct value *report, const struct plot_options *o, struct plot_stats *st)
{
	struct plotter p;
	struct plot_stats s;
	struct buf last_dir = BUF_INIT;
	const struct value *method = value_get(report, "method");
	char *fig_dir = NULL, *prev_dir = NULL;
	size_t *todo = NULL, ntodo = 0, nformats = 0;
	int rc = -1;

	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	if (!o || !o->out_dir || !*o->out_dir) {
		diag_error(NULL, 0, 0, "plot: no output directory given");
		goto out;
	}
	p.formats = o->formats ? o->formats : PLOT_ALL;
	p.png_scale = o->png_scale > 0 ? o->png_scale : PLOT_PNG_SCALE;
	if (p.formats & ~(unsigned)PLOT_ALL) {
		diag_error(NULL, 0, 0, "plot: unknown output format bits 0x%x",
			   p.formats & ~(unsigned)PLOT_ALL);
		goto out;
	}
	if (p.png_scale < 0.5 || p.png_scale > 4) {
		diag_error(NULL, 0, 0, "plot: PNG scale %g is outside 0.5..4", p.png_scale);
		goto out;
	}
	if (!report || report->kind != VALUE_OBJECT) {
		diag_error(NULL, 0, 0, "plot: the report is not an object");
		goto out;
	}
	p.high = value_num(method, "threshold_high");
	p.low = value_num(method, "threshold_low");
	if (!(p.low > 0 && p.low < p.high && p.high <= 1)) {
		p.high = 0.6;
		p.low = 0.4;
	}
	for (int e = 0; e < 3; e++)
		nformats += (p.formats >> e) & 1u;
	if (build_figures(&p, report) != 0)
		goto out;
	s.figures = p.nfigs;
	fig_dir = path_join(o->out_dir, "figures");
	if (path_mkdirs(fig_dir) != 0)
		goto out;
	if (o->previous)
		prev_dir = path_join(o->previous, "figures");
	todo = xcalloc(p.nfigs + 1, sizeof(*todo));
	for (size_t i = 0; i < p.nfigs; i++) {
		if (make_parent(fig_dir, p.figs[i].name, &last_dir) != 0 ||
		    place_figure(&p, &p.figs[i], fig_dir, prev_dir) != 0)
			goto out;
		if (p.figs[i].reused)
			s.reused++;
		else
			todo[ntodo++] = i;
	}
	if (o->progress && p.nfigs)
		o->progress(o->ud, s.reused, p.nfigs);
	if (ntodo) {
		if (draw(&p, todo, ntodo, fig_dir, o, s.reused, &s.gnuplot_seconds) != 0)
			goto out;
	}
	s.drawn = ntodo;
	s.outputs = p.nfigs * nformats;
	rc = 0;
out:
	if (st)
		*st = s;
	figures_free(&p);
	buf_release(&last_dir);
	free(fig_dir);
	free(prev_dir);
	free(todo);
	return rc;
}
