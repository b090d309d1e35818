/*
 * figures.h - the figures stage of plot_site(): the report tree in, one gnuplot script and one
 * CSV per figure out (in memory), and the files that put them in figures/.
 *
 * Internal to the figure files; plot.h is the manual of what plot_site() writes. The core,
 * figures.c, holds what every figure shares (struct figure, the script's header, look, title,
 * outputs and placeholder) and the per-cohort loop, fig_build(); each family is one short
 * file over that core, as cmark's renderers are over render.c:
 *
 *   figures_scatter.c     C/B and C/compute/B: a benchmark against capabilities and compute
 *   figures_safety.c      C/_overview and C/_map: safety benchmarks on the verdict bands
 *   figures_capability.c  C/_heatmap and C/_scree: the capability correlation matrix
 *   figures_models.c      C/_scores and C/_ranks: a row per model
 *   figures_coverage.c    C/_coverage: which results each model has (measured, imputed, missing)
 *   figures_history.c     C/history/B: a benchmark's capabilities correlation across releases
 *   figures_store.c       the files: writing, reuse of the previous site, output checks
 *
 * A figure builder calls fig_new(), appends its datablocks and settings to f->script and its
 * rows to f->csv, then ends with fig_outputs(), or with fig_placeholder() when there is
 * nothing to draw (after the CSV header, so the CSV keeps its header row). Strings from
 * content enter scripts only through gp_str()/gp_lines() (gptext.h); reading the report
 * never fails (absent members read as NAN, "" or an empty list).
 *
 * Ownership: the plotter owns its figures (fig_free()); a figure owns its name, script and
 * CSV. Everything from the report is borrowed for the duration of plot_site().
 */
#ifndef WB_FIGURES_H
#define WB_FIGURES_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "value.h"
#include "verdict.h"

/* Colours of the drawing, from Okabe & Ito (2008) as the verdicts' (verdict.h) are. */
#define COLOUR_MODEL "#0072B2"
#define COLOUR_TEXT "#333333"
#define COLOUR_AXIS "#555555"
#define COLOUR_TITLE "#1b1d21" /* the pages' text colour */
#define COLOUR_GRID "#e6e6e6"
#define COLOUR_NOTE "#666666" /* a placeholder's message */
#define COLOUR_RULE "#bbbbbb" /* lines between groups */

/** The verdict of benchmark object b (its "verdict" id); VERDICT_INSUFFICIENT when unknown. */
enum verdict fig_verdict_of(const struct value *b);

struct figure {
	char *name;	   /* path below figures/ without extension; built from slugs only */
	struct buf script; /* the .gp file */
	struct buf csv;	   /* the .csv file */
	int width, height; /* SVG size in pixels */
	bool reused;	   /* outputs linked from the previous site */
	size_t body;	   /* script[body..]: what follows the header (fig_outputs() replays it) */
};

struct plotter {
	unsigned formats;    /* PLOT_* bits, never 0 */
	double png_scale;    /* PNG pixels per SVG pixel */
	double high, low;    /* verdict thresholds from report.method */
	double ci_level;     /* the report's interval level (0.95), NAN without a bootstrap */
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

/* ---- Reading the report tree ------------------------------------------------------------ */

/** Member key of o when it is an array, else NULL (absent, null or another kind). */
const struct value *fig_list(const struct value *o, const char *key);
/** Items of array a; 0 for NULL. */
size_t fig_count(const struct value *a);
/** The model of cohort cc with this id, or NULL. Borrowed from cc. */
const struct model_ref *fig_model_find(const struct cohort_ctx *cc, const char *id);

/* ---- The core of every figure (figures.c) ----------------------------------------------- */

/**
 * A new figure of p called cohort/dir/id (dir NULL: cohort/id), 720 x 480, with the script's
 * header: what it shows, how to redraw it, and the settings every figure shares. Borrowed
 * from p: valid until the next fig_new() or fig_free().
 */
struct figure *fig_new(struct plotter *p, const char *cohort, const char *dir, const char *id,
		       const char *what);
/** Append the axes, tics, grid and key settings most figures share. */
void fig_style(struct buf *s);
/**
 * Append the verdict bands behind a correlation axis in [-1, 1] (axis 'x' or 'y'), with
 * tics at the thresholds in the pages' notation (60%); for x, also along the top when top.
 */
void fig_bands(const struct plotter *p, struct buf *s, char axis, bool top);
/** Append the title: first line, and second (details) below it unless NULL or "". */
void fig_title(struct buf *s, const char *first, const char *second);
/**
 * Append f's outputs: one `set terminal` + `set output` per format of p at f's size, the
 * command plot for the first and `replot` for the others, so every format shows the same
 * drawing. With SVG, then the dark variant (plot_dark_path()): the script's body replayed
 * after `reset` with the chrome's colours (text, axes, grid, title) mapped to a dark
 * palette and the datablocks kept, on a dark background. The data keep their colours.
 */
void fig_outputs(const struct plotter *p, struct figure *f, const char *plot);
/**
 * Draw f as a figure with nothing to show: its title (head, sub), why (centred) and the
 * cohort's note below it unless NULL; ends the script with fig_outputs().
 */
void fig_placeholder(const struct plotter *p, struct figure *f, const char *head, const char *sub,
		     const char *why, const char *note);

/**
 * Add every figure of report to p, cohort by cohort: its own figures (_overview, _map,
 * _heatmap, _scree, _scores, _ranks, _coverage), then per benchmark B and C/compute/B. Returns 0, or -1
 * after one diagnostic when a cohort or benchmark id is not a slug.
 */
int fig_build(struct plotter *p, const struct value *report);
/** Free p's figures; p may be built again. */
void fig_free(struct plotter *p);

/* ---- The families: each appends its figures to p (figures_*.c) -------------------------- */

void fig_benchmark(struct plotter *p, const struct cohort_ctx *cc, const struct value *b);
void fig_compute(struct plotter *p, const struct cohort_ctx *cc, const struct value *b);
void fig_overview(struct plotter *p, const struct cohort_ctx *cc);
void fig_map(struct plotter *p, const struct cohort_ctx *cc);
void fig_heatmap(struct plotter *p, const struct cohort_ctx *cc);
void fig_scree(struct plotter *p, const struct cohort_ctx *cc);
void fig_scores(struct plotter *p, const struct cohort_ctx *cc);
void fig_ranks(struct plotter *p, const struct cohort_ctx *cc);
void fig_coverage(struct plotter *p, const struct cohort_ctx *cc);
/**
 * C/history/B for every benchmark B of report that history (site_releases.h, aligned with
 * report) has in at least two releases. Call after fig_build(report) succeeded (ids are
 * slugs).
 */
void fig_history(struct plotter *p, const struct value *report, const struct value *history);

/* ---- The files (figures_store.c) -------------------------------------------------------- */

/**
 * Make the directory of figure name in fig_dir (path_mkdirs), unless it is *last, the one
 * made before (figures come grouped by directory); last is then set to it. Returns 0, or -1
 * after a diagnostic.
 */
int fig_make_parent(const char *fig_dir, const char *name, struct buf *last);
/**
 * Write figure f's .gp and .csv into fig_dir, which has none of f's files yet (the new
 * site's); reuse its outputs from prev_dir (NULL: no reuse) when the previous script is
 * byte-identical and every requested output is there (hard link, else copy). Sets f->reused.
 * Returns 0, or -1 after a diagnostic.
 */
int fig_place(const struct plotter *p, struct figure *f, const char *fig_dir, const char *prev_dir);
/**
 * The date every PDF gets, in PDF's D:YYYYMMDDHHmmSS digits: SOURCE_DATE_EPOCH, or
 * 19700101000000 when it is unset or not a number of seconds in years 1970..9999.
 */
void fig_pdf_date(char digits[15]);
/**
 * Figure f has been drawn into fig_dir: every output of p's formats must exist and not be
 * empty ("error: figures/C/B.gp: gnuplot: finished without writing 'C/B.svg'"); PDFs get
 * the date digits (fig_pdf_date()). Returns 0, or -1 after one diagnostic.
 */
int fig_check(const struct plotter *p, const struct figure *f, const char *fig_dir,
	      const char *pdf_date);

#endif
