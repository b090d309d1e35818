/*
 * plot.h - every figure of the site, drawn by gnuplot in parallel, with reuse.
 *
 * plot_site() turns the report tree (report.h) into one gnuplot script per figure (figures.h:
 * figures.c and one figures_*.c per family), runs the scripts through a few long-lived
 * gnuplot processes (gnuplot.h) and checks what they wrote (figures_store.c).
 *
 * The report is the only input. Every number a figure shows, and every number in its CSV,
 * is read from data/report.json, except these, which the figures derive from it:
 *   - C/compute/B's fit line: least squares of the raw value on log10 training FLOP, drawn
 *     from two models of different FLOP on (the CSV's log10_training_flop and fit columns);
 *     not the report's compute_slope, which fits the oriented value and needs
 *     ANALYSIS_MIN_MODELS models;
 *   - C/_scree's share of the variance per component (eigenvalue over the sum of the
 *     eigenvalues): its bar labels and the CSV's variance_explained and cumulative columns;
 *   - C/_scores' rank column (the models ordered by score) and C/_ranks' rank_change
 *     column (safety rank minus decorrelated rank; its sign picks each line's colour);
 *   - the counts in titles: n of C/B (the models drawn), of C/compute/B when the report has
 *     no n_compute, and the number of benchmarks in C/_overview and C/_map;
 *   - C/_coverage's cell states (a benchmark's models[] entry with a value is present, one
 *     marked imputed is imputed, a model without an entry is missing), its counts per state
 *     in the legend and its row numbers;
 *   - the verdict bands at 0.6 and 0.4 when report.method has no valid threshold_high and
 *     threshold_low (0 < low < high <= 1).
 *
 * Files, relative to OUT/figures/ (OUT = plot_options.out_dir); NAME is one of
 *
 *   C/B               benchmark B's raw value against the capabilities score in cohort C:
 *                     every model a point, the least-squares fit through the models'
 *                     `expected` values, Spearman rho, n and the verdict in the title;
 *                     the models' names (every one up to 30 models, else the 10 farthest
 *                     from the fit and the 5 most capable), the most capable placed first,
 *                     never over a point or across the fit line (labels.h: farther out
 *                     with a leader line, or cut to their first words, when crowded)
 *   C/compute/B       B's raw value against training FLOP (log x axis), compute rho and
 *                     n_compute, fit of the raw value on log10 FLOP (computed, see above)
 *   C/_overview       governing correlation of every safety benchmark, grouped by area, on
 *                     the verdict bands (tall: about 14 px per benchmark)
 *   C/_map            capabilities correlation against standardized slope, one colour per
 *                     verdict, benchmark names when there are at most 40 points
 *   C/_heatmap        Spearman matrix of the capability benchmarks, values in the cells
 *   C/_scree          eigenvalues of that matrix, PC1's share of the variance in the title
 *   C/_scores         capabilities score per model, sorted bars
 *   C/_ranks          raw safety rank against decorrelated rank per model (slope chart)
 *   C/history/B       B's capabilities correlation in each release of plot_options.history
 *                     that has it (with its bootstrap interval as an error bar, on the
 *                     verdict bands), only when at least two releases have B
 *   C/_coverage       which results each model has: a grid of models (rows, by capabilities
 *                     rank, then unscored models by name) by benchmarks (columns: capability,
 *                     then safety by area, then the other roles, each in report order), every
 *                     cell measured (Okabe-Ito blue #0072B2), imputed (orange #E69F00) or
 *                     missing (light grey #D9D9D9), with a legend; rows of 18 px named by
 *                     model up to 150, a larger cohort the height of 150 with numbered rows
 *                     (as _scores); benchmark names below up to 40 columns, else only the
 *                     group headings over the columns (a heading with no room is left out). Its CSV has a row per cell:
 *                     row, model, benchmark, state (present, imputed or missing)
 *
 * where C is a cohort id and B a benchmark id of that cohort (every benchmark in
 * cohort.benchmarks, whatever its role). Both are slugs ([a-z0-9][a-z0-9._-]*), so the "_"
 * names can never collide with a benchmark and no file name ever comes from free text. For
 * every NAME plot_site() writes
 *
 *   NAME.svg NAME.png NAME.pdf   the formats asked for (plot_options.formats)
 *   DIR/dark/BASE.svg            with SVG, the dark variant of NAME = DIR/BASE (C/dark/B.svg,
 *                                C/compute/dark/B.svg, C/dark/_overview.svg): the same
 *                                drawing on the pages' dark background (#14161a) with the
 *                                text, axes, grid and title in a dark palette and the data in
 *                                their own colours, drawn by the same NAME.gp after a `reset`
 *                                (a directory, so that no benchmark id can collide with it;
 *                                pages show it instead of NAME.svg in dark mode)
 *   NAME.gp                      the complete gnuplot script: data inline as datablocks,
 *                                output paths relative to figures/, no absolute paths, no
 *                                timestamps. `cd figures && gnuplot -d C/B.gp` redraws it.
 *   NAME.csv                     the figure's data for readers (RFC 4180, CRLF, header row)
 *
 * Every NAME above (but C/history/B, which exists exactly when its benchmark has a history
 * of two releases or more) is always written, so pages can link to it unconditionally: a
 * figure that has nothing to show (a cohort without a capabilities score, fewer than two
 * models with known training compute, ...) is drawn as a labelled placeholder that says
 * why, and its CSV has only the header row.
 *
 * Look: white background (and the dark variant for dark mode), Okabe-Ito colours (colour-blind safe),
 * verdict colours tracks = vermillion #D55E00, moderate = orange #E69F00, distinct = bluish
 * green #009E73, worsens = purple #7B3294, insufficient = grey #999999; the verdict bands
 * also carry text labels. SVG is 720x480 (_overview and _coverage 860 wide; _overview, _scores,
 * _ranks and _coverage grow taller with their lists, _heatmap is 720x640), `fixed` (width, height and a viewBox: pages scale it with CSS); PNG
 * is the same drawing at png_scale times the pixels (its fontscale 0.8 makes cairo's text as
 * wide as the SVG's); PDF has 1in per 120 SVG pixels (6in x
 * 4in). All text is drawn `noenhanced`, so names print literally; long names are cut with
 * an ellipsis in the drawing (28 characters next to points, 44 in lists), never in the CSV.
 *
 * Safety: every string from content (model, benchmark and area names, metric labels) enters
 * a script only as a gnuplot single-quoted string with ' doubled and control characters
 * (newlines included) replaced by spaces; gnuplot expands neither macros (@x) nor backquotes
 * inside single quotes, and its SVG terminal escapes < and & in text (names only ever land
 * in text nodes, never in attributes).
 *
 * Determinism: the same report gives byte-identical .gp, .csv, .svg and .png files. cairo
 * stamps PDFs with the time of drawing; plot_site() rewrites that date in place to
 * SOURCE_DATE_EPOCH (or 1970-01-01 when it is unset), so PDFs are reproducible too.
 *
 * Speed: one long-lived gnuplot process per job, fed the scripts one at a time through its
 * stdin (each after `reset session`), the next to whichever process finished one, so the
 * processes end together (gnuplot.h); gnuplot runs with `-d` (no ~/.gnuplot) in
 * OUT/figures, stdout to /dev/null, stderr read for progress and errors.
 * Figures whose script is byte-identical to the one in the previous site, and whose outputs
 * are all there, are hard-linked (or copied) from it instead of drawn. PNG dominates the
 * time and its cost is per pixel (cairo's PNG encoding: an empty 1440x960 plot costs as much
 * as a full one), hence the default PNG scale of 1; print quality comes from the PDF
 * (vector). Raise plot_options.png_scale for sharper PNGs. `make bench` (bench/site.sh)
 * prints the current timings.
 */
#ifndef WB_PLOT_H
#define WB_PLOT_H

#include <stddef.h>

#include "value.h"

/** The directory beside a figure for its dark variant: C/dark/B.svg, C/compute/dark/B.svg. */
#define PLOT_DARK_DIR "dark"

/**
 * The path of figure name's dark variant below figures/, e.g. "chat/dark/mmlu.svg" for
 * "chat/mmlu" (name has at least one '/'): a directory beside the figure, so that no
 * benchmark id (a slug) can collide with it. Caller frees.
 */
char *plot_dark_path(const char *name);

/** Output formats, or-ed into plot_options.formats. */
enum { PLOT_SVG = 1, PLOT_PNG = 2, PLOT_PDF = 4, PLOT_ALL = 7 };

/** PNG pixels per SVG pixel when plot_options.png_scale is 0 (see "Speed" above). */
#define PLOT_PNG_SCALE 1.0
/** Seconds a gnuplot process may spend on one figure when plot_options.timeout is 0. */
#define PLOT_TIMEOUT 120.0

struct plot_options {
	const char *out_dir;  /* the new site's root; figures go to out_dir/figures/ */
	const char *previous; /* root of the previously published site, or NULL: no reuse */
	unsigned formats;     /* PLOT_SVG | PLOT_PNG | PLOT_PDF; 0 means PLOT_ALL */
	int jobs;	      /* most gnuplot processes at once; <= 0: number of online CPUs */
	const char *gnuplot;  /* the binary, a path or a name looked up in PATH; NULL: "gnuplot" */
	double png_scale;     /* PNG resolution relative to the SVG, 0.5..4; 0: PLOT_PNG_SCALE */
	double timeout;	      /* seconds without a finished figure before a gnuplot process is
			       * killed as hung; <= 0: PLOT_TIMEOUT */
	void (*progress)(void *ud, size_t done, size_t total); /* optional, see plot_site() */
	void *ud;					       /* passed to progress */
	const struct value *history; /* the release archive's numbers (site_releases.h), or
				      * NULL: no C/history/B figures */
};

struct plot_stats {
	size_t figures;		/* figures in the site (drawn + reused) */
	size_t drawn;		/* figures gnuplot drew */
	size_t reused;		/* figures linked or copied from plot_options.previous */
	size_t outputs;		/* image files now in figures/ (figures x formats, and with
				 * SVG each figure's dark variant) */
	double gnuplot_seconds; /* summed wall time of the gnuplot processes */
};

/**
 * Draw every figure of report (a tree from report_build()) into o->out_dir/figures/,
 * creating the directories it needs. figures/ must not hold a file of the same name (it
 * is the new site's, as the site builder makes it): the files are written in place, none
 * replaced (a figure's output left from an earlier draw would fail the link of a reused
 * one, or be taken for the new drawing by the check).
 *
 * o->progress, when set, is called with (done, total) figures: once after the reusable
 * figures are linked (done = reused) and after each drawn figure, from this thread.
 * Everything is borrowed; nothing is kept after the call. st may be NULL; when not, it is
 * filled in (also as far as it got on failure). gnuplot is looked up only when something
 * must be drawn, so a build that reuses every figure works without it. The verdict bands
 * come from report.method.threshold_high/low. It forks: call it while single-threaded.
 *
 * Returns 0, or -1 after one diagnostic when: o->out_dir is missing or an option is out of
 * range; an id in the report is not a slug; a file cannot be written; the gnuplot binary
 * cannot be found ("error: gnuplot: ... not found (install it: apt-get install
 * gnuplot-nox, or build without figures: --no-figures)"); gnuplot fails on a script
 * ("error: figures/C/B.gp:LINE: gnuplot: its message"); it exits without writing an
 * expected non-empty output; or it makes no progress for o->timeout seconds (it is killed).
 * On the first failure every other gnuplot process is killed too. Never exits the process.
 */
int plot_site(const struct value *report, const struct plot_options *o, struct plot_stats *st);

#endif
