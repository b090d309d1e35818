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
 * C/_overview and C/_map: a cohort's safety benchmarks on the verdict bands.
 */

/* Key entries naming the bands, with their thresholds, appended to a plot command. */
static void band_keys(const struct plotter *p, struct buf *plot)
{
	const enum verdict v[4] = {VERDICT_WORSENS, VERDICT_DISTINCT, VERDICT_MODERATE, VERDICT_TRACKS};
	for (int i = 0; i < 4; i++) {
		struct buf t = BUF_INIT;
		switch (v[i]) {
		case VERDICT_WORSENS:
			buf_puts(&t, "worsens (\xcf\x81 \xe2\x89\xa4 ");
			gp_pct(&t, -p->low, 0, "%");
			break;
		case VERDICT_DISTINCT:
			buf_puts(&t, "distinct (|\xcf\x81| < ");
			gp_pct(&t, p->low, 0, "%");
			break;
		case VERDICT_MODERATE:
			buf_puts(&t, "moderate (");
			gp_pct(&t, p->low, 0, "%");
			buf_puts(&t, " \xe2\x89\xa4 \xcf\x81 < ");
			gp_pct(&t, p->high, 0, "%");
			break;
		default:
			buf_puts(&t, "tracks capabilities (\xcf\x81 \xe2\x89\xa5 ");
			gp_pct(&t, p->high, 0, "%");
			break;
		}
		buf_putc(&t, ')');
		buf_printf(plot,
			   ", keyentry with boxes fillstyle solid 0.3 noborder fillcolor rgb '%s' "
			   "title ",
			   verdict_table[v[i]].colour);
		gp_str(plot, buf_str(&t), 0);
		buf_release(&t);
	}
}

struct row {
	const char *area, *id, *name; /* borrowed */
	double x, y;		      /* the figure's coordinates for this benchmark */
	double lo, hi;		      /* x's bootstrap interval, NAN without one */
	bool reference;		      /* judged against correlate_with */
	enum verdict v;
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

/* The safety benchmarks with a defined correlation into rows, sorted by area; returns how many. */
static size_t overview_rows(const struct value *bs, struct row *rows, size_t *nref)
{
	size_t n = 0;

	for (size_t i = 0; i < fig_count(bs); i++) {
		const struct value *b = bs->items[i];
		bool ref = !value_is_null(value_get(b, "correlate_with"));
		const char *key = ref ? "reference_correlation" : "capabilities_correlation";
		double r = value_num(b, key), lo, hi;
		struct buf k = BUF_INIT;
		if (!is_safety(b) || !isfinite(r))
			continue;
		buf_printf(&k, "%s_ci_low", key);
		lo = value_num(b, buf_str(&k));
		buf_reset(&k);
		buf_printf(&k, "%s_ci_high", key);
		hi = value_num(b, buf_str(&k));
		buf_release(&k);
		rows[n] = (struct row){value_str(b, "area"),
				       value_str(b, "id"),
				       value_str(b, "name"),
				       r,
				       0,
				       isfinite(hi) ? lo : NAN,
				       isfinite(lo) ? hi : NAN,
				       ref,
				       fig_verdict_of(b)};
		*nref += ref;
		n++;
	}
	if (n)
		qsort(rows, n, sizeof(*rows), cmp_row_area);
	return n;
}

/*
 * The datablock and the CSV rows of rows[0..n), the y tic labels (tics) and the lines between
 * areas (seps). Rows top to bottom: a heading row per area, then its benchmarks. Returns the
 * number of rows drawn, headings included.
 */
static size_t overview_data(struct figure *f, struct row *rows, size_t n, struct buf *tics,
			    struct buf *seps)
{
	struct buf *s = &f->script;
	size_t y = 0;
	char *head = NULL;

	buf_puts(s, "$rows << EOD\n# row correlation colour ci_low ci_high\n");
	for (size_t i = 0; i < n; i++) {
		struct row *r = &rows[i];
		if (i == 0 || strcmp(r->area, rows[i - 1].area) != 0) {
			free(head);
			head = area_heading(r->area);
			if (i) {
				buf_puts(seps, "set arrow from graph 0, first ");
				buf_number(seps, (double)y - 0.5);
				buf_puts(seps, " to graph 1, first ");
				buf_number(seps, (double)y - 0.5);
				buf_puts(seps, " nohead lc rgb '" COLOUR_RULE "' lw 1 back\n");
			}
			buf_puts(tics, tics->len ? ", " : "");
			gp_format_str(tics, head, LABEL_TIC);
			buf_printf(tics, " %zu", y++);
		}
		r->y = (double)y;
		buf_printf(s, "%zu ", y);
		gp_num(s, r->x);
		buf_printf(s, " %u ", verdict_table[r->v].rgb);
		gp_num(s, r->lo);
		buf_putc(s, ' ');
		gp_num(s, r->hi);
		buf_putc(s, '\n');
		buf_puts(tics, ", ");
		{
			struct buf label = BUF_INIT;
			buf_puts(&label, r->name);
			if (r->reference)
				buf_puts(&label, " \xe2\x80\xa0"); /* † */
			gp_format_str(tics, buf_str(&label), LABEL_TIC);
			buf_release(&label);
		}
		buf_printf(tics, " %zu", y++);
		csv_field(&f->csv, r->area);
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, r->id);
		buf_putc(&f->csv, ',');
		csv_field(&f->csv, r->name);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, r->x);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, r->lo);
		buf_putc(&f->csv, ',');
		gp_csv_num(&f->csv, r->hi);
		buf_puts(&f->csv, r->reference ? ",reference," : ",capabilities,");
		csv_field(&f->csv, verdict_table[r->v].id);
		gp_csv_end(&f->csv);
	}
	buf_puts(s, "EOD\n");
	free(head);
	return y;
}

/* Size, title, bands, rows (y of them) and key of the overview; the x label names † when nref. */
static void overview_axes(const struct plotter *p, struct figure *f, const char *sub,
			  const struct buf *tics, const struct buf *seps, size_t y, size_t nref)
{
	struct buf *s = &f->script;

	f->width = 860;
	f->height = (int)(170 + 14 * y);
	if (f->height < 480)
		f->height = 480;
	fig_style(s);
	fig_title(s, "Safety benchmarks against capabilities", sub);
	fig_bands(p, s, 'x', true);
	buf_printf(s, "set yrange [%zu.5:-0.7]\nset ytics scale 0 font ',9' (%s)\n", y - 1,
		   buf_str(tics));
	buf_puts(s, buf_str(seps));
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
}

void fig_overview(struct plotter *p, const struct cohort_ctx *cc)
{
	const struct value *bs = fig_list(cc->c, "benchmarks");
	struct figure *f = fig_new(p, cc->id, NULL, "_overview",
				   "capabilities correlation of every safety benchmark, by area");
	struct row *rows = xcalloc(fig_count(bs) + 1, sizeof(*rows));
	struct buf sub = BUF_INIT, tics = BUF_INIT, seps = BUF_INIT, plot = BUF_INIT;
	size_t n, nref = 0, nci = 0, y;

	n = overview_rows(bs, rows, &nref);
	for (size_t i = 0; i < n; i++)
		nci += isfinite(rows[i].lo);
	buf_puts(&f->csv, "area,benchmark,name,correlation,ci_low,ci_high,basis,verdict");
	gp_csv_end(&f->csv);
	buf_printf(&sub, "%s \xc2\xb7 %zu safety benchmarks", cc->title, n);
	if (nci)
		buf_printf(&sub, " \xc2\xb7 bars: %g%% intervals",
			   isfinite(p->ci_level) ? p->ci_level * 100 : 95.0);
	if (n == 0) {
		fig_placeholder(p, f, "Safety benchmarks against capabilities", buf_str(&sub),
				"no safety benchmark has a defined correlation", cc->note);
		goto out;
	}
	y = overview_data(f, rows, n, &tics, &seps);
	overview_axes(p, f, buf_str(&sub), &tics, &seps, y, nref);
	/* with intervals, each benchmark is a dot on its interval; without, a stem from 0 */
	if (nci)
		buf_puts(&plot, "plot $rows using 2:1:4:5:3 with xerrorbars pt 7 ps 0.9 lw 1.5 "
				"lc rgb variable notitle");
	else
		buf_puts(&plot,
			 "plot $rows using (0):1:2:(0):3 with vectors nohead lw 1.5 lc rgb variable, "
			 "$rows using 2:1:3 with points pt 7 ps 0.9 lc rgb variable");
	band_keys(p, &plot);
	fig_outputs(p, f, buf_str(&plot));
out:
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
	labels_init(&pl, s, f->width, f->height, 88, 28, 68, 100, -1, 1, 0, ylo, yhi, ystep, false);
	for (size_t i = 0; i < n; i++)
		labels_point(&pl, rows[i].x, rows[i].y);
	qsort(order, n, sizeof(struct row *), cmp_row_slope);
	for (size_t i = 0; n <= 40 && i < n; i++)
		labels_place(&pl, s, order[i]->name, COLOUR_TEXT, order[i]->x, order[i]->y);
	labels_release(&pl);
	free(order);
}

void fig_map(struct plotter *p, const struct cohort_ctx *cc)
{
	const struct value *bs = fig_list(cc->c, "benchmarks");
	struct figure *f =
	    fig_new(p, cc->id, NULL, "_map", "capabilities correlation against standardized slope");
	struct row *rows = xcalloc(fig_count(bs) + 1, sizeof(*rows));
	struct buf *s = &f->script, sub = BUF_INIT, plot = BUF_INIT;
	size_t n = 0, per[VERDICT_COUNT] = {0};

	buf_puts(&f->csv,
		 "benchmark,name,area,capabilities_correlation,standardized_slope,verdict");
	gp_csv_end(&f->csv);
	for (size_t i = 0; i < fig_count(bs); i++) {
		const struct value *b = bs->items[i];
		double x = value_num(b, "capabilities_correlation"),
		       y = value_num(b, "standardized_slope");
		if (!is_safety(b) || !isfinite(x) || !isfinite(y))
			continue;
		rows[n] = (struct row){
		    value_str(b, "area"), value_str(b, "id"), value_str(b, "name"), x, y, NAN, NAN,
		    false, fig_verdict_of(b)};
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
		csv_field(&f->csv, verdict_table[rows[n].v].id);
		gp_csv_end(&f->csv);
		n++;
	}
	buf_printf(&sub, "%s \xc2\xb7 %zu safety benchmarks", cc->title, n);
	if (n == 0) {
		fig_placeholder(p, f, "Correlation and slope of safety benchmarks", buf_str(&sub),
				"no safety benchmark has both a correlation and a slope", cc->note);
		goto out;
	}
	for (int v = 0; v < VERDICT_COUNT; v++) {
		if (!per[v])
			continue;
		buf_printf(s, "$v%d << EOD\n# capabilities_correlation standardized_slope (%s)\n",
			   v, verdict_table[v].id);
		for (size_t i = 0; i < n; i++) {
			if (rows[i].v != (enum verdict)v)
				continue;
			gp_num(s, rows[i].x);
			buf_putc(s, ' ');
			gp_num(s, rows[i].y);
			buf_putc(s, '\n');
		}
		buf_puts(s, "EOD\n");
		buf_printf(&plot, "%s$v%d using 1:2 with points pt 7 ps 1 lc rgb '%s' title '%s'",
			   plot.len ? ", " : "plot ", v, verdict_table[v].colour,
			   verdict_table[v].label);
	}
	fig_style(s);
	fig_title(s, "Correlation and slope of safety benchmarks", buf_str(&sub));
	fig_bands(p, s, 'x', false);
	buf_puts(s, "set xzeroaxis lt 1 lc rgb '" COLOUR_AXIS "'\n"
		    "set key at screen 0.5, screen 0.01 center bottom horizontal maxcols 2 reverse "
		    "Left samplen 1\n"
		    "set xlabel 'Spearman correlation with the capabilities score'\n"
		    "set ylabel 'standardized slope (SD per unit of capabilities score)'\n");
	map_labels(s, f, rows, n);
	fig_outputs(p, f, buf_str(&plot));
out:
	buf_release(&sub);
	buf_release(&plot);
	free(rows);
}
