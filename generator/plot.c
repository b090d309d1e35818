#include "plot.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "figures.h"
#include "gnuplot.h"
#include "util.h"

char *plot_dark_path(const char *name)
{
	const char *slash = strrchr(name, '/');
	struct buf b = BUF_INIT;
	buf_printf(&b, "%.*s/" PLOT_DARK_DIR "/%s.svg", (int)(slash - name), name, slash + 1);
	return buf_detach(&b);
}

/* Drawing the figures that were not reused; figure_drawn() is gnuplot_run()'s callback. */
struct drawing {
	const struct plotter *p;
	const struct plot_options *o;
	const size_t *todo;  /* the figure index of each script gnuplot_run() draws */
	const char *fig_dir; /* where gnuplot writes */
	char pdf_date[15];   /* the date PDFs get, see fig_pdf_date() */
	size_t done, total;  /* figures finished overall (reused included), all figures */
	bool check_failed;   /* a finished figure lacked an output (diagnostic printed) */
};

/* Script i is done: check its figure (until one fails) and report progress. */
static int figure_drawn(void *ud, size_t i)
{
	struct drawing *d = ud;
	int rc = 0;

	if (!d->check_failed &&
	    fig_check(d->p, &d->p->figs[d->todo[i]], d->fig_dir, d->pdf_date) != 0) {
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

	fig_pdf_date(d.pdf_date);
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

/* ------------------------------------------------------------------------------------------
 * plot_site(): check the options, build the figures, place them, draw what is not reused.
 */

/* p's formats, PNG scale and verdict thresholds from o and report; -1 after a diagnostic. */
static int plotter_init(struct plotter *p, const struct value *report, const struct plot_options *o)
{
	const struct value *method = value_get(report, "method");

	if (!o || !o->out_dir || !*o->out_dir) {
		diag_error(NULL, 0, 0, "plot: no output directory given");
		return -1;
	}
	p->formats = o->formats ? o->formats : PLOT_ALL;
	p->png_scale = o->png_scale > 0 ? o->png_scale : PLOT_PNG_SCALE;
	if (p->formats & ~(unsigned)PLOT_ALL) {
		diag_error(NULL, 0, 0, "plot: unknown output format bits 0x%x",
			   p->formats & ~(unsigned)PLOT_ALL);
		return -1;
	}
	if (p->png_scale < 0.5 || p->png_scale > 4) {
		diag_error(NULL, 0, 0, "plot: PNG scale %g is outside 0.5..4", p->png_scale);
		return -1;
	}
	if (!report || report->kind != VALUE_OBJECT) {
		diag_error(NULL, 0, 0, "plot: the report is not an object");
		return -1;
	}
	p->ci_level = value_num(value_get(method, "bootstrap"), "ci_level");
	p->high = value_num(method, "threshold_high");
	p->low = value_num(method, "threshold_low");
	if (!(p->low > 0 && p->low < p->high && p->high <= 1)) {
		p->high = 0.6;
		p->low = 0.4;
	}
	return 0;
}

/*
 * Write every figure's .gp and .csv into fig_dir, reusing what prev_dir (or NULL) has;
 * todo[0..*ntodo) gets the figures still to draw, *reused counts the others (as far as it
 * got on failure). Returns 0, or -1 after a diagnostic.
 */
static int place_all(struct plotter *p, const char *fig_dir, const char *prev_dir, size_t *todo,
		     size_t *ntodo, size_t *reused)
{
	struct buf last_dir = BUF_INIT;
	int rc = -1;

	for (size_t i = 0; i < p->nfigs; i++) {
		if (fig_make_parent(fig_dir, p->figs[i].name, &last_dir) != 0 ||
		    fig_place(p, &p->figs[i], fig_dir, prev_dir) != 0)
			goto out;
		if (p->figs[i].reused)
			(*reused)++;
		else
			todo[(*ntodo)++] = i;
	}
	rc = 0;
out:
	buf_release(&last_dir);
	return rc;
}

int plot_site(const struct value *report, const struct plot_options *o, struct plot_stats *st)
{
	struct plotter p;
	struct plot_stats s;
	char *fig_dir = NULL, *prev_dir = NULL;
	size_t *todo = NULL, ntodo = 0, nformats = 0;
	int rc = -1;

	memset(&p, 0, sizeof(p));
	memset(&s, 0, sizeof(s));
	if (plotter_init(&p, report, o) != 0 || fig_build(&p, report) != 0)
		goto out;
	if (o->history)
		fig_history(&p, report, o->history);
	s.figures = p.nfigs;
	fig_dir = path_join(o->out_dir, "figures");
	if (path_mkdirs(fig_dir) != 0)
		goto out;
	if (o->previous)
		prev_dir = path_join(o->previous, "figures");
	todo = xcalloc(p.nfigs + 1, sizeof(*todo));
	if (place_all(&p, fig_dir, prev_dir, todo, &ntodo, &s.reused) != 0)
		goto out;
	if (o->progress && p.nfigs)
		o->progress(o->ud, s.reused, p.nfigs);
	if (ntodo && draw(&p, todo, ntodo, fig_dir, o, s.reused, &s.gnuplot_seconds) != 0)
		goto out;
	for (int e = 0; e < 3; e++)
		nformats += (p.formats >> e) & 1u;
	nformats += (p.formats & PLOT_SVG) != 0; /* the dark SVG */
	s.drawn = ntodo;
	s.outputs = p.nfigs * nformats;
	rc = 0;
out:
	if (st)
		*st = s;
	fig_free(&p);
	free(fig_dir);
	free(prev_dir);
	free(todo);
	return rc;
}
