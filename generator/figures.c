#include "figures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gptext.h"
#include "plot.h"
#include "util.h"

/* ------------------------------------------------------------------------------------------
 * Reading the report tree: absent or null members read as NAN, "" or an empty list, so a
 * figure never fails on a statistic that is undefined.
 */

const struct value *fig_list(const struct value *o, const char *key)
{
	const struct value *v = value_get(o, key);
	return v && v->kind == VALUE_ARRAY ? v : NULL;
}

size_t fig_count(const struct value *a)
{
	return a ? a->n : 0;
}

/* ------------------------------------------------------------------------------------------
 * Verdicts: their look (figures.h).
 */


enum verdict fig_verdict_of(const struct value *b)
{
	return verdict_parse(value_str(b, "verdict"));
}

/* ------------------------------------------------------------------------------------------
 * Figures.
 */

static int cmp_model_ref(const void *a, const void *b)
{
	return strcmp(((const struct model_ref *)a)->id, ((const struct model_ref *)b)->id);
}

const struct model_ref *fig_model_find(const struct cohort_ctx *cc, const char *id)
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
struct figure *fig_new(struct plotter *p, const char *cohort, const char *dir, const char *id,
		       const char *what)
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
	f->body = f->script.len;
	return f;
}

void fig_style(struct buf *s)
{
	buf_puts(s, "set border 3 lc rgb '" COLOUR_AXIS "'\n"
		    "set tics nomirror out scale 0.6 textcolor rgb '" COLOUR_TEXT "'\n"
		    "set grid back lc rgb '" COLOUR_GRID "' lw 1 dt solid\n"
		    "set key noautotitle textcolor rgb '" COLOUR_TEXT "'\n");
}

/* The title: bold-free first line, details below. */
void fig_title(struct buf *s, const char *first, const char *second)
{
	const char *lines[2] = {first, second};
	buf_puts(s, "set title ");
	gp_lines(s, lines, second && *second ? 2 : 1, LABEL_TITLE);
	buf_puts(s, " textcolor rgb '" COLOUR_TITLE "'\n");
}

void fig_bands(const struct plotter *p, struct buf *s, char axis, bool top)
{
	const double from[4] = {-1, -p->low, p->low, p->high},
		     to[4] = {-p->low, p->low, p->high, 1};
	const enum verdict v[4] = {VERDICT_WORSENS, VERDICT_DISTINCT, VERDICT_MODERATE, VERDICT_TRACKS};
	const double at[6] = {-1, -p->low, 0, p->low, p->high, 1};
	bool x = axis == 'x';

	for (int i = 0; i < 4; i++) {
		buf_printf(s, x ? "set object %d rect from " : "set object %d rect from graph 0, first ",
			   i + 1);
		buf_number(s, from[i]);
		buf_puts(s, x ? ", graph 0 to " : " to graph 1, first ");
		buf_number(s, to[i]);
		buf_printf(s, "%s behind fillcolor rgb '%s' fillstyle solid 0.13 noborder\n",
			   x ? ", graph 1" : "", verdict_table[v[i]].colour);
	}
	buf_printf(s, "set %crange [-1:1]\n", axis);
	for (int k = 0; k < (x && top ? 2 : 1); k++) {
		if (k)
			buf_puts(s, "set link x2\nset x2tics scale 0.6 out (");
		else
			buf_printf(s, "set %ctics (", axis);
		for (int i = 0; i < 6; i++) {
			if (i)
				buf_puts(s, ", ");
			buf_puts(s, "'");
			gp_pct(s, at[i], 0, "%%");
			buf_puts(s, "' ");
			buf_number(s, at[i]);
		}
		buf_puts(s, ")\n");
	}
	buf_puts(s, x ? "set grid noxtics\nset yzeroaxis lt 1 lc rgb '" COLOUR_AXIS "'\n"
		      : "set grid noxtics ytics\nset xzeroaxis lt 1 lc rgb '" COLOUR_AXIS "'\n");
}

#define PNG_FONTSCALE 0.8

/* The dark variant's background: the pages' dark background (templates/assets/site.css). */
#define DARK_BACKGROUND "#14161a"

/*
 * The chrome's colours and what they become in the dark variant (the pages' dark text and
 * muted colours, and lines a little lighter than the background). The data's colours (models,
 * verdicts, cells) stay: they are chosen to read on both.
 */
static const struct {
	const char *light, *dark;
} dark_palette[] = {
    {COLOUR_TEXT, "#c9ced6"}, {COLOUR_AXIS, "#8b929c"}, {COLOUR_TITLE, "#e6e8eb"},
    {COLOUR_GRID, "#2a2e35"}, {COLOUR_NOTE, "#a3aab5"}, {COLOUR_RULE, "#4a505a"},
};

/*
 * text[0..len) with every colour of dark_palette given as `rgb '#RRGGBB'` replaced by its
 * dark twin, appended to s. Only after `rgb `: a name that spells a colour stays as it is
 * (gp_str() doubles its quotes, so it never reads `rgb '#`).
 */
static void dark_colours(struct buf *s, const char *text, size_t len)
{
	static const char rgb[] = "rgb '#";
	const size_t rl = sizeof(rgb) - 1;
	const char *p = text, *end = text + len, *hash = text;

	/* from one '#' to the next (they are few: colours and comments) */
	while ((hash = memchr(hash, '#', (size_t)(end - hash))) != NULL) {
		const char *at, *hit = NULL;
		if ((size_t)(hash++ - p) < rl - 1) /* no room for "rgb '" since the last colour */
			continue;
		at = hash - rl;
		if (memcmp(at, rgb, rl) != 0 || (size_t)(end - at) < rl + 7 || at[rl + 6] != '\'')
			continue;
		for (size_t k = 0; k < sizeof(dark_palette) / sizeof(dark_palette[0]); k++)
			if (strncasecmp(at + rl, dark_palette[k].light + 1, 6) == 0)
				hit = dark_palette[k].dark;
		if (!hit)
			continue;
		buf_add(s, p, (size_t)(at - p));
		buf_puts(s, "rgb '");
		buf_puts(s, hit);
		p = hash = at + rl + 6;
	}
	buf_add(s, p, (size_t)(end - p));
}

/*
 * The dark variant of f: `reset`, f's body (script[f->body..body_end), before the outputs)
 * without its datablocks (they outlive a reset) in the dark palette, the axis labels that
 * gnuplot would draw black, and the SVG output.
 */
static void dark_variant(struct figure *f, const char *plot, size_t body_end)
{
	struct buf body = BUF_INIT, *s = &f->script;
	const char *p = f->script.data + f->body, *end = f->script.data + body_end;
	char *out = plot_dark_path(f->name);
	bool in_data = false;
	const char *fg = NULL;

	for (size_t k = 0; k < sizeof(dark_palette) / sizeof(dark_palette[0]); k++)
		if (strcmp(dark_palette[k].light, COLOUR_TEXT) == 0)
			fg = dark_palette[k].dark;
	while (p < end) { /* line by line: a datablock is `$name << EOD` ... `EOD` */
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = eol ? (size_t)(eol - p) + 1 : (size_t)(end - p);
		if (!in_data && n > 8 && p[0] == '$' && memcmp(p + n - 8, " << EOD\n", 8) == 0)
			in_data = true;
		else if (in_data && n == 4 && memcmp(p, "EOD\n", 4) == 0)
			in_data = false;
		else if (!in_data)
			buf_add(&body, p, n);
		p += n;
	}
	buf_puts(s, "\n# The dark variant, for pages read in dark mode: the same drawing with the\n"
		    "# text, axes and grid in a dark palette (the data keep their colours).\n"
		    "reset\nset encoding utf8\n");
	dark_colours(s, body.data ? body.data : "", body.len);
	buf_printf(s,
		   "set xlabel textcolor rgb '%s'\nset ylabel textcolor rgb '%s'\n"
		   "set x2label textcolor rgb '%s'\nset y2label textcolor rgb '%s'\n",
		   fg, fg, fg, fg);
	buf_printf(s,
		   "set terminal svg size %d,%d fixed noenhanced background '" DARK_BACKGROUND
		   "' font 'sans,11'\nset output '%s'\n",
		   f->width, f->height, out);
	dark_colours(s, plot, strlen(plot));
	buf_puts(s, "\nunset output\n");
	buf_release(&body);
	free(out);
}

/*
 * The outputs: one `set terminal` + `set output` per format, the plot command once and
 * `replot` for the others, so every format shows the same drawing.
 */
void fig_outputs(const struct plotter *p, struct figure *f, const char *plot)
{
	struct buf *s = &f->script;
	size_t body_end = s->len;
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
		/* pngcairo sets text a fifth wider than the SVG and PDF at the same size: fontscale
		 * PNG_FONTSCALE keeps the drawing's proportions, so labels that clear each other in
		 * the SVG clear each other in the PNG too */
		buf_printf(s,
			   "set terminal pngcairo size %ld,%ld noenhanced background '#ffffff' "
			   "font 'sans,11' fontscale ",
			   lround(f->width * p->png_scale), lround(f->height * p->png_scale));
		buf_number(s, PNG_FONTSCALE * p->png_scale);
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
	if (p->formats & PLOT_SVG)
		dark_variant(f, plot, body_end);
}

/* A figure with nothing to draw: its title, why (centred) and the cohort's note, unless NULL. */
void fig_placeholder(const struct plotter *p, struct figure *f, const char *head, const char *sub,
		     const char *why, const char *note)
{
	struct buf *s = &f->script;
	const char *lines[2] = {why, note};
	fig_title(s, head, sub);
	buf_puts(s, "unset border\nunset tics\nunset key\nunset grid\n"
		    "set xrange [0:1]\nset yrange [0:1]\nset label 1 ");
	gp_lines(s, lines, note ? 2 : 1, LABEL_TITLE);
	buf_puts(s, " at graph 0.5, graph 0.5 center font ',12' textcolor rgb '" COLOUR_NOTE "'\n");
	fig_outputs(p, f, "plot 2 notitle");
}

/* ------------------------------------------------------------------------------------------
 * Building the figure list.
 */

void fig_free(struct plotter *p)
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
	const struct value *ms = fig_list(c, "models"), *bs = fig_list(c, "benchmarks");
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
	cc.models = xcalloc(fig_count(ms) + 1, sizeof(*cc.models));
	for (size_t i = 0; i < fig_count(ms); i++) {
		const struct value *m = ms->items[i];
		struct model_ref *r = &cc.models[cc.nmodels++];
		r->id = value_str(m, "id");
		r->name = *value_str(m, "name") ? value_str(m, "name") : r->id;
		r->score = value_num(m, "capability_score");
		r->flop = value_num(m, "training_flop");
	}
	if (cc.nmodels)
		qsort(cc.models, cc.nmodels, sizeof(*cc.models), cmp_model_ref);
	for (size_t i = 0; i < fig_count(bs); i++) {
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
	fig_coverage(p, &cc);
	for (size_t i = 0; i < fig_count(bs); i++) {
		fig_benchmark(p, &cc, bs->items[i]);
		fig_compute(p, &cc, bs->items[i]);
	}
	rc = 0;
out:
	free(cc.models);
	return rc;
}

int fig_build(struct plotter *p, const struct value *report)
{
	const struct value *cohorts = fig_list(report, "cohorts");
	for (size_t i = 0; i < fig_count(cohorts); i++)
		if (build_cohort(p, cohorts->items[i]) != 0)
			return -1;
	return 0;
}
