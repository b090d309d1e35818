/*
 * site.h - `washboard build`: the report rendered as a static site.
 *
 *   content --> report --> views --> Mustache (*.md) --> cmark-gfm --> layout.html --> pages
 *                     \--> plot (gnuplot) --> figures/      \--> data/ (report.json, CSV)
 *
 * The site is written into a temporary directory beside the output and renamed into place
 * only when everything succeeded, so a failed build leaves the previous site untouched.
 * A lock file (.OUT.lock beside OUT) keeps two builds from publishing into one directory at
 * once. OUT/.washboard-stamp records a fingerprint of every input (content, templates,
 * options, the washboard binary); a build whose fingerprint matches does nothing.
 */
#ifndef WB_SITE_H
#define WB_SITE_H

#include <stdbool.h>
#include <stddef.h>

#include "uncertainty.h"
#include "util.h"

struct site_options {
	const char *content;   /* content directory */
	const char *templates; /* templates directory */
	const char *out;       /* output directory, replaced atomically */
	const char *base_url;  /* overrides site.json base_url when not NULL */
	int jobs;              /* >= 1: processes that render pages, gnuplot processes, and
	                        * threads of the bootstrap, each at most this many at once */
	unsigned formats;      /* PLOT_SVG | PLOT_PNG | PLOT_PDF */
	bool figures;          /* false: no figures at all (--no-figures) */
	bool progress;         /* progress lines on stderr */
	const char *gnuplot;   /* gnuplot binary, NULL for "gnuplot" */
	bool force;            /* rebuild even when the output is up to date */
	bool strict;           /* a template's unknown name is an error, not a warning */
	const char *release;   /* release version (default: site.json "version") */
	double png_scale;      /* PNG pixels per SVG pixel (0: the plot module's default, 1) */
	double gnuplot_timeout; /* seconds without a finished figure before gnuplot counts as
	                          * hung (0: PLOT_TIMEOUT); not part of the fingerprint */
	const struct analysis_cli *analysis; /* missing-data options of the command line, or
	                                      * NULL: site.json's and the defaults */
	const struct uncertainty_options *uncertainty; /* the bootstrap, or NULL: point
	                                                 * estimates only (--bootstrap 0) */
};

struct site_stats {
	size_t pages;         /* HTML pages written */
	size_t files;         /* all files written, pages included */
	size_t figures;       /* figures in the site */
	size_t drawn;         /* figures gnuplot drew in this build */
	size_t reused;        /* figures reused from the previous site */
	double seconds;       /* wall time of the whole build */
	double plot_seconds;  /* wall time spent in the plotting stage */
	double gnuplot_seconds; /* summed wall time of the gnuplot processes */
	bool up_to_date;      /* nothing to do: the output came from the same inputs */
	bool restored;        /* OUT was missing and the previous site was put back from the
	                       * OUT.old-* a killed build left (so OUT changed, even when
	                       * this build then failed) */
};

/**
 * Build the site. Returns FAIL_NONE, FAIL_DATA (bad content or templates) or
 * FAIL_RUNTIME (I/O, gnuplot), after diagnostics; on failure the previous output is
 * untouched (but see st->restored) and no temporary directory is left behind.
 */
enum failure site_build(const struct site_options *o, struct site_stats *st);

#endif
