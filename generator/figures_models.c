#include "figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gptext.h"
#include "report.h"

/* ------------------------------------------------------------------------------------------
 * C/_scores and C/_ranks: a row per model.
 */

/*
 * Figures with a row per model (_scores, _ranks) name every model up to this many rows, 18
 * pixels each; a larger cohort gets PLOT_UNNAMED_HEIGHT pixels, rank numbers instead of
 * names (they are in the figure's CSV and the pages), and rows thin enough to fit: one
 * dense band, which more pixels would not resolve into rows (a 2,840-pixel _ranks of 3,000
 * models took 400 ms to draw, most of it its PNG). Without a cap a cohort of ~1800 models
 * makes a PNG taller than cairo's 32767 pixels.
 */
#define PLOT_NAMED_ROWS 150
#define PLOT_UNNAMED_HEIGHT 960

/* The height of a figure of rows (one a model) under chrome pixels of titles and axes. */
static int rows_height(double rows, int chrome)
{
	double h = rows <= PLOT_NAMED_ROWS ? chrome + 18 * rows : PLOT_UNNAMED_HEIGHT;
	return h < 480 ? 480 : (int)h;
}

static int cmp_score_desc(const void *a, const void *b)
{
	const struct model_ref *p = *(const struct model_ref *const *)a;
	const struct model_ref *q = *(const struct model_ref *const *)b;
	if (p->score != q->score)
		return p->score > q->score ? -1 : 1;
	return strcmp(p->id, q->id);
}

void fig_scores(struct plotter *p, const struct cohort_ctx *cc)
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
		   fig_count(fig_list(cap, "benchmarks")));
	gp_fixed(&sub, 100 * value_num(cap, "variance_explained"), 1);
	buf_puts(&sub, " % of variance)");
	if (n == 0) {
		fig_placeholder(p, f, "Capabilities score", buf_str(&sub),
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
			gp_format_str(&tics, order[i]->name, LABEL_TIC);
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
	f->height = rows_height((double)n, 120);
	fig_style(s);
	fig_title(s, "Capabilities score", buf_str(&sub));
	buf_printf(s, "set yrange [%zu.6:-0.6]\nset grid noytics\n", n - 1);
	if (n <= PLOT_NAMED_ROWS)
		buf_printf(s, "set ytics scale 0 font ',9' (%s)\n", buf_str(&tics));
	else /* rows are numbered from 0 */
		buf_puts(
		    s, "set ytics font ',9'\nset format y '%.0f'\n"
		       "set ylabel 'models by capabilities score (rank - 1; names in the CSV)'\n");
	buf_puts(s, "set yzeroaxis lt 1 lc rgb '" COLOUR_AXIS "'\n"
		    "set offsets graph 0.03, graph 0.03, 0, 0\n"
		    "set xlabel 'capabilities score (0 = cohort average)'\n");
	fig_outputs(p, f,
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

/*
 * The leaderboard entries with both ranks into rows, and into f's CSV; *top gets the largest
 * rank. Returns how many.
 */
static size_t ranks_rows(struct figure *f, const struct value *lb, struct rank_row *rows,
			 double *top)
{
	size_t n = 0;

	for (size_t i = 0; i < fig_count(lb); i++) {
		const struct value *e = lb->items[i];
		double raw = value_num(e, "safety_rank"), dec = value_num(e, "decorrelated_rank");
		if (!(raw >= 1) || !(dec >= 1))
			continue;
		rows[n] = (struct rank_row){value_str(e, "model"), value_str(e, "name"), raw, dec};
		*top = fmax(*top, fmax(raw, dec));
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
	return n;
}

/*
 * The datablock of rows[0..n), coloured by whether the rank rises, falls or stays, and the
 * tic labels "name  rank" (left) and "rank  name" (right) when top ranks can all be named.
 */
static void ranks_data(struct buf *s, const struct rank_row *rows, size_t n, double top,
		       struct buf *left, struct buf *right)
{
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
		buf_puts(left, left->len ? ", " : "");
		gp_format_str(left, buf_str(&t), LABEL_TIC);
		buf_putc(left, ' ');
		buf_number(left, rows[i].raw);
		buf_reset(&t);
		buf_number(&t, rows[i].dec);
		buf_puts(&t, "  ");
		buf_puts(&t, rows[i].name);
		buf_puts(right, right->len ? ", " : "");
		gp_format_str(right, buf_str(&t), LABEL_TIC);
		buf_putc(right, ' ');
		buf_number(right, rows[i].dec);
		buf_release(&t);
	}
	buf_puts(s, "EOD\n");
}

/* Size, title, the two rank axes (1 to top, named or numbered) and the key of _ranks. */
static void ranks_axes(struct figure *f, const char *sub, double top, const struct buf *left,
		       const struct buf *right)
{
	struct buf *s = &f->script;

	f->height = rows_height(top, 140);
	fig_style(s);
	fig_title(s, "Safety rank before and after removing capabilities", sub);
	buf_puts(s, "set border 0\nunset grid\nset xrange [-0.04:1.04]\n");
	buf_puts(s, "set yrange [");
	buf_number(s, top + 0.5);
	buf_puts(s, ":0.5]\nset link y2\n");
	buf_puts(s, "unset xtics\n"
		    "set label 'safety rank' at first 0, graph 1 right offset 0, char 1 font ',10' "
		    "textcolor rgb '" COLOUR_TEXT "'\n"
		    "set label 'decorrelated rank' at first 1, graph 1 left offset 0, char 1 "
		    "font ',10' textcolor rgb '" COLOUR_TEXT "'\nset title offset 0, char 1.4\n");
	if (top <= PLOT_NAMED_ROWS)
		buf_printf(s,
			   "set ytics scale 0 font ',9' (%s)\nset y2tics scale 0 font ',9' (%s)\n",
			   buf_str(left), buf_str(right));
	else /* rank numbers; the names are in the CSV */
		buf_puts(s, "set ytics font ',9' nomirror\nset y2tics font ',9'\n"
			    "set format y '%.0f'\nset format y2 '%.0f'\nset rmargin 14\n");
	buf_puts(s, "set key at screen 0.5, screen 0.01 center bottom horizontal reverse Left "
		    "samplen 2 font ',9'\nset bmargin 3\nset tmargin 5.5\n");
}

void fig_ranks(struct plotter *p, const struct cohort_ctx *cc)
{
	const struct value *lb = fig_list(cc->c, "leaderboard");
	struct figure *f = fig_new(p, cc->id, NULL, "_ranks",
				   "raw safety rank against decorrelated safety rank per model");
	struct rank_row *rows = xcalloc(fig_count(lb) + 1, sizeof(*rows));
	struct buf sub = BUF_INIT, left = BUF_INIT, right = BUF_INIT;
	size_t n;
	double top = 0;

	buf_puts(&f->csv, "model,name,safety_rank,decorrelated_rank,rank_change");
	gp_csv_end(&f->csv);
	n = ranks_rows(f, lb, rows, &top);
	buf_printf(&sub, "%s \xc2\xb7 mean safety z-score vs. mean residual from capabilities",
		   cc->title);
	if (n == 0) {
		fig_placeholder(
		    p, f, "Safety rank before and after removing capabilities", buf_str(&sub),
		    "no model has both a safety rank and a decorrelated rank", cc->note);
		goto out;
	}
	ranks_data(&f->script, rows, n, top, &left, &right);
	ranks_axes(f, buf_str(&sub), top, &left, &right);
	fig_outputs(
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
