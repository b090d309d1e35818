#include "figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gptext.h"
#include "report.h"
#include "util.h"

/* ------------------------------------------------------------------------------------------
 * C/_coverage: a models x benchmarks grid of which results a cohort has (measured, imputed
 * or missing), rows by capabilities rank, columns grouped by role and safety area.
 */

/* Rows get names up to this many (18 pixels each); more rows share that height, numbered. */
#define COVERAGE_NAMED_ROWS 150
/* Columns get the benchmark names below the grid up to this many; more only group headings. */
#define COVERAGE_NAMED_COLUMNS 40
/* The grid's width in pixels, and the fewest pixels between two group headings. */
#define COVERAGE_WIDTH 860
#define COVERAGE_HEADING_GAP 11

/* The states of a cell, in the legend's order; Okabe-Ito blue and orange, a light grey. */
enum cell { CELL_PRESENT, CELL_IMPUTED, CELL_MISSING, CELL_STATES };
static const char *const cell_name[CELL_STATES] = {"present", "imputed", "missing"};
static const char *const cell_label[CELL_STATES] = {"measured", "imputed", "missing"};
static const unsigned cell_rgb[CELL_STATES] = {0x0072B2u, 0xE69F00u, 0xD9D9D9u};

struct cov_row {
	const struct value *m; /* the model, borrowed */
	double rank;	       /* capabilities rank, NAN without a score */
	const char *name, *id; /* borrowed */
};

struct cov_col {
	const struct value *b; /* the benchmark, borrowed */
	int group;	       /* 0 capability, 1 safety, 2 any other role */
	const char *key;       /* the group within: the area of a safety benchmark, else the role */
	size_t pos;	       /* position in the report's list */
};

struct coverage {
	struct cov_row *rows; /* top to bottom */
	struct cov_col *cols; /* left to right */
	size_t n, k;
	unsigned char *state; /* n x k, row-major: enum cell */
	size_t count[CELL_STATES];
};

/* Ranked models first, by rank; then by name and id (as the cohort page lists them). */
static int cmp_cov_row(const void *pa, const void *pb)
{
	const struct cov_row *a = pa, *b = pb;
	int c;
	if (isfinite(a->rank) != isfinite(b->rank))
		return isfinite(a->rank) ? -1 : 1;
	if (isfinite(a->rank) && a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	c = strcmp(a->name, b->name);
	return c ? c : strcmp(a->id, b->id);
}

static int cmp_cov_col(const void *pa, const void *pb)
{
	const struct cov_col *a = pa, *b = pb;
	int c;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	c = strcmp(a->key, b->key);
	if (c)
		return c;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* The group heading of column c: "CAPABILITY", the area ("MACHINE ETHICS") or the role. */
static char *col_heading(const struct cov_col *c)
{
	char *h = xstrdup(c->group == 0 ? "capability" : c->key);
	for (char *p = h; *p; p++)
		if (*p == '-' || *p == '_')
			*p = ' ';
		else if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return h;
}

/* The rows, columns and cell states of cohort cc into g (g->state all missing to start). */
static void coverage_build(const struct cohort_ctx *cc, struct coverage *g)
{
	const struct value *ms = fig_list(cc->c, "models"), *bs = fig_list(cc->c, "benchmarks");
	size_t *row_of = xcalloc(cc->nmodels + 1, sizeof(size_t));

	g->n = fig_count(ms);
	g->k = fig_count(bs);
	g->rows = xcalloc(g->n + 1, sizeof(*g->rows));
	g->cols = xcalloc(g->k + 1, sizeof(*g->cols));
	for (size_t i = 0; i < g->n; i++) {
		const struct value *m = ms->items[i];
		const char *id = value_str(m, "id");
		g->rows[i] =
		    (struct cov_row){m, value_num(m, "capability_rank"),
				     *value_str(m, "name") ? value_str(m, "name") : id, id};
	}
	qsort(g->rows, g->n, sizeof(*g->rows), cmp_cov_row);
	for (size_t r = 0; r < g->n; r++) {
		const struct model_ref *ref = fig_model_find(cc, g->rows[r].id);
		if (ref)
			row_of[ref - cc->models] = r;
	}
	for (size_t j = 0; j < g->k; j++) {
		const struct value *b = bs->items[j];
		const char *role = value_str(b, "role");
		int group = strcmp(role, "capability") == 0 ? 0
			    : strcmp(role, "safety") == 0   ? 1
							    : 2;
		g->cols[j] =
		    (struct cov_col){b, group, group == 1 ? value_str(b, "area") : role, j};
	}
	qsort(g->cols, g->k, sizeof(*g->cols), cmp_cov_col);
	g->state = xcalloc(g->n * g->k + 1, 1);
	memset(g->state, CELL_MISSING, g->n * g->k);
	for (size_t j = 0; j < g->k; j++) {
		const struct value *es = fig_list(g->cols[j].b, "models");
		for (size_t i = 0; i < fig_count(es); i++) {
			const struct value *e = es->items[i], *imp = value_get(e, "imputed");
			const struct model_ref *ref = fig_model_find(cc, value_str(e, "model"));
			bool imputed = imp && imp->kind == VALUE_BOOL && imp->boolean;
			if (ref && (imputed || isfinite(value_num(e, "value"))))
				g->state[row_of[ref - cc->models] * g->k + j] =
				    imputed ? CELL_IMPUTED : CELL_PRESENT;
		}
	}
	for (size_t c = 0; c < g->n * g->k; c++)
		g->count[g->state[c]]++;
	free(row_of);
}

/* The CSV: one row per cell, in the figure's order (row = the model's row from the top). */
static void coverage_csv(struct figure *f, const struct coverage *g)
{
	for (size_t r = 0; r < g->n; r++)
		for (size_t j = 0; j < g->k; j++) {
			buf_printf(&f->csv, "%zu,", r + 1);
			csv_field(&f->csv, g->rows[r].id);
			buf_putc(&f->csv, ',');
			csv_field(&f->csv, value_str(g->cols[j].b, "id"));
			buf_putc(&f->csv, ',');
			buf_puts(&f->csv, cell_name[g->state[r * g->k + j]]);
			gp_csv_end(&f->csv);
		}
}

/*
 * $cells: boxes "first_column last_column first_row last_row colour", the commonest state
 * first as one box under the whole grid, then each run of other cells along a row; the
 * script grows with the cells that differ from the commonest, not with the grid.
 */
static void coverage_cells(struct buf *s, const struct coverage *g)
{
	enum cell bg = CELL_PRESENT;
	for (int c = 0; c < CELL_STATES; c++)
		if (g->count[c] > g->count[bg])
			bg = (enum cell)c;
	buf_printf(s,
		   "$cells << EOD\n# first_column last_column first_row last_row colour\n"
		   "0 %zu 1 %zu %u\n",
		   g->k - 1, g->n, cell_rgb[bg]);
	for (size_t r = 0; r < g->n; r++) {
		const unsigned char *row = g->state + r * g->k;
		for (size_t j = 0; j < g->k;) {
			size_t end = j;
			if (row[j] == bg) {
				j++;
				continue;
			}
			while (end + 1 < g->k && row[end + 1] == row[j])
				end++;
			buf_printf(s, "%zu %zu %zu %zu %u\n", j, end, r + 1, r + 1,
				   cell_rgb[row[j]]);
			j = end + 1;
		}
	}
	buf_puts(s, "EOD\n");
}

/*
 * $lines: white lines between rows (when they are named) and columns (when named), dark ones
 * between column groups. Returns how many.
 */
static size_t coverage_lines(struct buf *s, const struct coverage *g)
{
	size_t n = 0;
	buf_puts(s, "$lines << EOD\n# x y dx dy colour\n");
	for (size_t r = 1; g->n <= COVERAGE_NAMED_ROWS && r < g->n; r++, n++)
		buf_printf(s, "-0.5 %zu.5 %zu 0 16777215\n", r, g->k);
	for (size_t j = 1; j < g->k; j++) {
		bool group = g->cols[j].group != g->cols[j - 1].group ||
			     strcmp(g->cols[j].key, g->cols[j - 1].key) != 0;
		if (!group && g->k > COVERAGE_NAMED_COLUMNS)
			continue;
		buf_printf(s, "%zu.5 0.5 0 %zu %u\n", j - 1, g->n, group ? 0x333333u : 0xFFFFFFu);
		n++;
	}
	buf_puts(s, "EOD\n");
	return n;
}

/* Characters of s as a label shows it (UTF-8 sequences count once), at most max. */
static size_t label_chars(const char *s, size_t max)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n < max ? n : max;
}

/*
 * Labels: a heading over each group of columns, centred, rotated, skipped when it would
 * touch the one before (cw pixels a column); returns the longest heading in characters.
 * Labels rather than x2tics, whose estimated height would push the title off the canvas.
 */
static size_t coverage_headings(struct buf *s, const struct coverage *g, double cw)
{
	struct buf tics = BUF_INIT;
	double last = -INFINITY;
	size_t longest = 0;

	for (size_t j = 0; j < g->k;) {
		size_t end = j;
		char *h = col_heading(&g->cols[j]);
		while (end + 1 < g->k && g->cols[end + 1].group == g->cols[j].group &&
		       strcmp(g->cols[end + 1].key, g->cols[j].key) == 0)
			end++;
		if (((double)(j + end) / 2 + 0.5) * cw - last >= COVERAGE_HEADING_GAP) {
			last = ((double)(j + end) / 2 + 0.5) * cw;
			buf_puts(&tics, "set label ");
			gp_str(&tics, h, LABEL_POINT);
			buf_puts(&tics, " at first ");
			buf_number(&tics, (double)(j + end) / 2);
			buf_puts(&tics, ", graph 1 rotate by 90 left offset 0, char 0.4 font ',8' "
					"textcolor rgb '" COLOUR_TEXT "'\n");
			if (label_chars(h, LABEL_POINT) > longest)
				longest = label_chars(h, LABEL_POINT);
		}
		free(h);
		j = end + 1;
	}
	buf_puts(s, buf_str(&tics));
	buf_release(&tics);
	return longest;
}

/* ytics: the model names (few rows), or row numbers; returns the left margin in pixels. */
static int coverage_row_tics(struct buf *s, const struct coverage *g)
{
	struct buf tics = BUF_INIT;
	size_t longest = 0;

	if (g->n > COVERAGE_NAMED_ROWS) { /* rows are numbered from 1: no tic at 0 */
		double step = pow(10, floor(log10((double)g->n / 10)));
		step *= (double)g->n / step > 50 ? 5 : (double)g->n / step > 20 ? 2 : 1;
		buf_puts(s, "set ytics out nomirror scale 0.6 font ',9' textcolor rgb '" COLOUR_TEXT
			    "' ");
		buf_number(s, step);
		buf_puts(s, ", ");
		buf_number(s, step);
		buf_puts(s, "\nset ytics add ('1' 1)\nset format y '%.0f'\n"
			    "set ylabel 'models by capabilities rank (row numbers; the CSV names "
			    "them)'\n");
		return 80;
	}
	for (size_t r = 0; r < g->n; r++) {
		buf_puts(&tics, r ? ", " : "");
		gp_format_str(&tics, g->rows[r].name, LABEL_TIC);
		buf_printf(&tics, " %zu", r + 1);
		if (label_chars(g->rows[r].name, LABEL_TIC) > longest)
			longest = label_chars(g->rows[r].name, LABEL_TIC);
	}
	buf_printf(s, "set ytics scale 0 font ',9' textcolor rgb '" COLOUR_TEXT "' (%s)\n",
		   buf_str(&tics));
	buf_release(&tics);
	return (int)(24 + 6.8 * (double)longest);
}

/* xtics: the benchmark names below the grid when there are few; returns the bottom margin. */
static int coverage_col_tics(struct buf *s, const struct coverage *g)
{
	struct buf tics = BUF_INIT;
	size_t longest = 0;

	if (g->k > COVERAGE_NAMED_COLUMNS) {
		buf_puts(s, "unset xtics\n");
		return 48;
	}
	for (size_t j = 0; j < g->k; j++) {
		const char *name = value_str(g->cols[j].b, "name");
		if (!*name)
			name = value_str(g->cols[j].b, "id");
		buf_puts(&tics, j ? ", " : "");
		gp_format_str(&tics, name, LABEL_POINT);
		buf_printf(&tics, " %zu", j);
		if (label_chars(name, LABEL_POINT) > longest)
			longest = label_chars(name, LABEL_POINT);
	}
	buf_printf(s,
		   "set xtics scale 0 rotate by 90 right font ',8' textcolor rgb '" COLOUR_TEXT
		   "' (%s)\n",
		   buf_str(&tics));
	buf_release(&tics);
	return (int)(56 + 5.0 * (double)longest);
}

/* Size, margins, ranges, tics, headings and key of the grid g (sub: the title's details). */
static void coverage_axes(struct figure *f, const struct coverage *g, const char *sub)
{
	struct buf *s = &f->script, axes = BUF_INIT;
	int left = coverage_row_tics(&axes, g), bottom = coverage_col_tics(&axes, g), top, grid;
	double cw;

	left = left < 60 ? 60 : left > 330 ? 330 : left;
	cw = (double)(COVERAGE_WIDTH - left - 24) / (double)g->k;
	top = 60 + 7 * (int)coverage_headings(&axes, g, cw);
	grid = 18 * (int)(g->n < COVERAGE_NAMED_ROWS ? g->n : COVERAGE_NAMED_ROWS);
	f->width = COVERAGE_WIDTH;
	f->height = top + grid + bottom;
	if (f->height < 360) { /* the grid takes what is left */
		bottom += 360 - f->height;
		f->height = 360;
	}
	/* the title keeps its place at the top, above the headings that fill the top margin
	 * (gnuplot would put it right above the grid); a real title, not labels: a script
	 * without one leaves the SVG terminal in a state that changes the next figure's bytes */
	fig_title(s, "Which results each model has", sub);
	buf_printf(s, "set title offset 0, screen %.4f\n", (double)(top - 56) / f->height);
	buf_printf(s, "set border 0\nunset grid\nset xrange [-0.5:%zu.5]\nset yrange [%zu.5:0.5]\n",
		   g->k - 1, g->n);
	buf_puts(s, buf_str(&axes));
	buf_printf(s, "set lmargin at screen %.4f\nset rmargin at screen %.4f\n",
		   (double)left / f->width, 1 - 24.0 / f->width);
	buf_printf(s, "set tmargin at screen %.4f\nset bmargin at screen %.4f\n",
		   1 - (double)top / f->height, (double)bottom / f->height);
	buf_puts(s, "set key at screen 0.5, screen 0.01 center bottom horizontal reverse Left "
		    "samplen 1.5 font ',9' textcolor rgb '" COLOUR_TEXT "'\n");
	buf_release(&axes);
}

void fig_coverage(struct plotter *p, const struct cohort_ctx *cc)
{
	struct figure *f = fig_new(p, cc->id, NULL, "_coverage",
				   "which benchmarks each model has: measured, imputed or missing");
	struct coverage g;
	struct buf sub = BUF_INIT, plot = BUF_INIT;

	memset(&g, 0, sizeof(g));
	coverage_build(cc, &g);
	buf_puts(&f->csv, "row,model,benchmark,state");
	gp_csv_end(&f->csv);
	buf_printf(&sub, "%s \xc2\xb7 %zu models (%s) \xc3\x97 %zu benchmarks", cc->title, g.n,
		   g.n && isfinite(g.rows[0].rank) ? "by capabilities rank" : "by name", g.k);
	if (g.n == 0 || g.k == 0) {
		fig_placeholder(p, f, "Which results each model has", buf_str(&sub),
				"no models or no benchmarks", cc->note);
		goto out;
	}
	coverage_csv(f, &g);
	coverage_cells(&f->script, &g);
	buf_puts(&plot, "plot $cells using (($1 + $2) / 2):(($3 + $4) / 2):($1 - 0.5):($2 + 0.5):"
			"($3 - 0.5):($4 + 0.5):5 with boxxyerror fillstyle solid 1 noborder "
			"lc rgb variable notitle");
	if (coverage_lines(&f->script, &g))
		buf_puts(&plot, ", $lines using 1:2:3:4:5 with vectors nohead lw 1 lc rgb variable "
				"notitle");
	coverage_axes(f, &g, buf_str(&sub));
	for (int c = 0; c < CELL_STATES; c++) {
		struct buf t = BUF_INIT;
		buf_printf(&t, "%s (%zu)", cell_label[c], g.count[c]);
		buf_printf(&plot,
			   ", keyentry with boxes fillstyle solid 1 noborder fillcolor rgb "
			   "'#%06X' title ",
			   cell_rgb[c]);
		gp_str(&plot, buf_str(&t), 0);
		buf_release(&t);
	}
	fig_outputs(p, f, buf_str(&plot));
out:
	buf_release(&sub);
	buf_release(&plot);
	free(g.rows);
	free(g.cols);
	free(g.state);
}
