/*
 * pages.h - the site's pages: views of the report rendered through the templates (internal).
 *
 *   report --> view (pages_view + a page family's fields) --> page template (Mustache, *.md)
 *          --> cmark-gfm --> layout.html (Mustache) --> a file under the temporary tree
 *
 * pages.c is the core every page family shares: the build context (struct build), the
 * templates and their partials, lookups by id, the common part of every view, the
 * benchmark table rows and pages_render(). Each page family is one short file over it:
 *
 *   pages_cohort.c     the index, cohort and area pages (cohort summaries, missing data)
 *   pages_leaderboard.c the leaderboard, with the models too sparse to rank listed apart
 *   pages_benchmark.c  a benchmark's page, with its cite box (permalink, embed, BibTeX)
 *   pages_model.c      a model's page
 *   pages_compare.c    the compare page and data/C/models.json (for assets/explore.js)
 *   pages_content.c    the prose pages of content/pages/NAME.md (themselves templates)
 *   pages_history.c    the release history on benchmark and leaderboard pages
 *
 * Views are report trees (value.h) whose numbers are already text (format.h), so templates
 * only print. Every page function builds its view, renders it and writes one file; it
 * returns 0, or -1 after one diagnostic (the templates are at fault, or the file could not
 * be written). Pages are independent: the site's workers (site_tasks.h) write them in
 * parallel processes, each from its own copy of struct build.
 *
 * Internal to the site: only pages*.c and site*.c include this header.
 */
#ifndef WB_PAGES_H
#define WB_PAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "site.h"
#include "value.h"

struct mustache;

/** The page templates, one per page kind (templates/NAME.md); see page_files in pages.c. */
enum page_kind {
	PAGE_INDEX,
	PAGE_COHORT,
	PAGE_BENCHMARK,
	PAGE_MODEL,
	PAGE_AREA,
	PAGE_LEADERBOARD,
	PAGE_PAGE,
	PAGE_RELEASE,
	PAGE_RELEASES,
	PAGE_COMPARE,
	PAGE_KINDS
};

struct templates {
	const char *dir;
	struct mustache *layout;
	struct mustache *pages[PAGE_KINDS];
	char **partial_names; /* file names under partials/, e.g. "figure.md" */
	char **partial_texts;
	long npartials;
};

/**
 * What pages_find_partial() and pages_unknown_name() read: the templates, the language of
 * the partials, and where a render's unknown names go.
 */
struct partial_lookup {
	const struct templates *t;
	const char *ext;	/* ".md" or ".html": partials of the same language */
	char *missing;		/* the first partial asked for and not found, or NULL (owned) */
	const char *file;	/* the template rendered, as its path (templates/index.md) */
	const char *page;	/* the page it renders (index.html) */
	struct value *warnings; /* pages_unknown_name() records here (see struct build); NULL:
				 * unknown names are not checked */
};

/*
 * Lookups by model id. A cohort of thousands of models has thousands of pages, each looking
 * up models in lists of thousands: a scan each time made a build quadratic, so every list
 * that pages search by model gets a sorted index, once, before the pages are built.
 */
struct ids {
	const struct value **items; /* sorted by their key */
	const char *key;	    /* "id" or "model" */
	size_t n;
};

struct cohort_index {
	const struct value *co;
	struct ids models;	/* models by id */
	struct ids leaders;	/* leaderboard entries by model */
	struct ids *bench;	/* per benchmark (report order): its models[] entries by model */
	size_t nbench;
	bool missing_data;	/* the cohort imputes (capability.imputation) or has a reduced
				 * score: pages say how each score was made */
	double areas_needed;	/* pages_areas_needed() of the cohort, once */
	double fewest_ranked;	/* ... and its *fewest_ranked */
};

/** One site build: what every page, data file and release step reads and counts into. */
struct build {
	const struct site_options *o;
	struct value *report;
	struct templates t;
	char *tmp;              /* the directory being built */
	const char *base_url;   /* "" when unknown; never ends in '/' unless "" */
	struct site_stats *st;
	struct value *pages;    /* content pages: [{name, title, href}] */
	struct value *rows;     /* cohort id -> [pages_bench_row() of each benchmark], built once */
	char *release;          /* this build's release version (a slug) */
	char *release_date;     /* its date: recorded, or new (site_releases_history()) */
	struct value *history;  /* the releases' numbers (site_releases.h), or NULL */
	struct value *warnings; /* the templates' unknown names: "FILE:LINE:COL: unknown name
	                         * 'x'" -> the first page (by path) it was met on; workers
	                         * send theirs back (site_tasks.c) */
	bool has_methodology;
	struct cohort_index *ix; /* one per cohort of the report, built before the pages */
	size_t nix;
};

/* ------------------------------------------------------------ the core (pages.c) */

/**
 * Write len bytes of data to root/rel, creating parent directories. Returns 0, or -1 after
 * a diagnostic.
 */
int pages_write_file(const char *root, const char *rel, const char *data, size_t len);

/*
 * A file of the site written in pieces, so that whole tables of thousands of models never
 * sit in memory at once: append to pending, pages_stream_flush() hands it to the file once
 * there is a megabyte of it (always, when force). open and close return 0, or -1 after a
 * diagnostic (close: when any write failed); close is needed after a failed open too.
 */
struct pages_stream {
	FILE *f;
	char *path;
	struct buf pending;
	int rc;
};
int pages_stream_open(struct pages_stream *st, const struct build *b, const char *rel);
void pages_stream_flush(struct pages_stream *st, bool force);
int pages_stream_close(struct pages_stream *st);

/**
 * Load and compile layout.html, every page template and the texts of partials/ from dir
 * into t (which is overwritten; t->dir borrows dir); every partial is compiled too, and
 * every partial tag checked against partials/. Returns 0, or -1 after a diagnostic for
 * every problem of every template (each syntax error, each missing partial, at its
 * LINE:COL); release t with pages_templates_release() either way.
 */
int pages_templates_load(struct templates *t, const char *dir);
/** Free what pages_templates_load() made (t itself is the caller's). */
void pages_templates_release(struct templates *t);
/**
 * The partial callback of mustache_options (ud: a struct partial_lookup): the text of
 * partials/NAME.ext, or of partials/NAME, or NULL, remembering the first name not found.
 * The text is borrowed from the templates.
 */
const char *pages_find_partial(void *ud, const char *name, size_t *len);
/**
 * After a render with pl: 0, or -1 after a diagnostic naming template tmpl (in directory
 * dir, NULL for none) when it asked for a partial that does not exist.
 */
int pages_check_partials(struct partial_lookup *pl, const char *dir, const char *tmpl);
/**
 * The unknown callback of mustache_options (ud: a struct partial_lookup with warnings): an
 * interpolation in pl->file (or in the partial named) of a name that resolves to nothing,
 * recorded in pl->warnings with the first page, by path, it was met on.
 */
void pages_unknown_name(void *ud, const char *partial, unsigned line, unsigned col,
			const char *name);
/** Add the records of from (another worker's b->warnings) to into. */
void pages_warnings_merge(struct value *into, const struct value *from);
/**
 * Print b->warnings, sorted: a warning each, or with b->o->strict an error each. Returns
 * FAIL_DATA when strict and there are any, else FAIL_NONE.
 */
enum failure pages_report_warnings(struct build *b);
/**
 * Compile template text (the file at path) and check that every partial tag in it names
 * a partial of t in language ext, reporting every problem as "error: PATH:LINE:COL: ...".
 * Returns the template (caller frees with mustache_free()), or NULL after the diagnostics.
 */
struct mustache *pages_compile_checked(const struct templates *t, const char *path,
				       const char *text, size_t len, const char *ext);

/** The names the site keeps for itself at its root (index, data, ...), NULL-terminated. */
extern const char *const pages_reserved_names[];
/** 0, or -1 after a diagnostic per cohort whose id is one of pages_reserved_names. */
int pages_check_ids(struct build *b);

/** Build b->ix, the sorted lookups of every cohort of b->report. */
void pages_index_build(struct build *b);
/** Free b->ix (it may be unbuilt). */
void pages_index_release(struct build *b);
/** The index of cohort co (one of the report's), or NULL. Borrowed from b. */
const struct cohort_index *pages_index_of(const struct build *b, const struct value *co);
/** The entry of x whose key is id, or NULL. Borrowed from the report. */
const struct value *pages_ids_find(const struct ids *x, const char *id);
/** Model id of cohort co, or NULL. Borrowed from the report. */
const struct value *pages_model_by_id(const struct build *b, const struct value *co,
				      const char *id);
/** Benchmark id of cohort (a scan: cohorts have few benchmarks), or NULL. Borrowed. */
const struct value *pages_bench_by_id(const struct value *cohort, const char *id);
/**
 * The title of area id: site.json's areas[].title, else the id with '-' and '_' as spaces
 * and a capital first letter ("machine-ethics" -> "Machine ethics"). Caller frees.
 */
char *pages_area_title(const struct value *report, const char *id);

/**
 * The common part of every page view for the page at path (relative to the site root):
 * site (site.json's texts all there, "" when not given), generator, method, root ("../" per directory of path), path, title, canonical (with
 * a base URL), nav, has_methodology, thresholds and figures. Caller frees (or passes it to
 * pages_render(), which takes it). With a bootstrap in the report it also has uncertainty:
 * {level "95%", resamples "1000", units "models" or "model families", min_valid "90%" (the
 * share of resamples a statistic needs for an interval), method "percentile" or "BCa",
 * seed "20240731", min_distinct "5" (the distinct models a statistic needs in a resample)}.
 */
struct value *pages_view(struct build *b, const char *path, const char *title);
/**
 * The view of figure figures/COHORT/NAME: the path of each format built (svg, png, pdf),
 * img (the one pages show), full (what the figure links to: the full-size SVG, else img),
 * dark (with SVG: the dark variant, plot_dark_path()), csv, gp and alt; null when the build
 * has no figures. Caller frees.
 */
struct value *pages_figure_view(struct build *b, const char *cohort, const char *name,
				const char *alt);
/**
 * A copy of the table row of benchmark k (its position in cohort co's benchmarks): id,
 * name, href, area, role, metric, n, correlations (corr, compute, reference, each also as
 * NAME_ci, its interval alone, and NAME_with_ci, both), slopes (slope, std_slope, the same
 * way), verdict, verdict_label, and the verdict's confidence (confidence, its label, and
 * confidence_title: "" without a bootstrap; confidence_share), all as text. Rows
 * are made once per cohort and cached in b->rows. Caller frees.
 */
struct value *pages_bench_row_at(struct build *b, const struct value *co, size_t k);
/** The same for a benchmark given by its report entry. Caller frees. */
struct value *pages_bench_row(struct build *b, const struct value *co,
			      const struct value *bench);
/** The number bench."<stat><suffix>" ("slope", "_ci_low"), NAN when absent or null. */
double pages_stat(const struct value *bench, const char *stat, const char *suffix);
/**
 * -1 for a benchmark whose metric is lower-is-better (the report holds its statistics
 * negated), else 1: pages print slopes in the metric's own direction.
 */
double pages_metric_sign(const struct value *bench);
/**
 * Set key, key_ci and key_with_ci of r to the slope bench.stat printed with fmt, its
 * interval alone ("" without one) and both ("0.369 [0.205, 0.479]"), in the metric's own
 * direction: negated, with the interval's ends swapped, for a lower-is-better metric.
 */
void pages_format_slope(struct value *r, const char *key, const struct value *bench,
			const char *stat, const char *fmt) __attribute__((format(printf, 5, 0)));
/**
 * Set r's places ("3 places", "1 place"), direction ("worse" or "better"), from and to (the
 * published decorrelated rank and the rank in the drop), itself (the model's own drop),
 * dropped_name and dropped_href from leaderboard entry e's loo_rank_move and
 * loo_rank_move_model (of cohort co). e must have both.
 */
void pages_rank_move(struct build *b, const struct value *co, const struct value *e,
		     struct value *r);
/**
 * The models of list (NULL: none) by capabilities rank, those without a score last, ties
 * by name then id: an array of list->n borrowed entries that the caller frees.
 */
const struct value **pages_by_capability_rank(const struct value *list);
/** Is member key of o the boolean true? (Absent, null and other kinds are not.) */
bool pages_flag(const struct value *o, const char *key);
/**
 * Set key of r to model m's weights as text: "open", "closed" (its open_weights) or "—";
 * returns whether m says.
 */
bool pages_weights(struct value *r, const char *key, const struct value *m);
/**
 * The cohort's safety areas with leaderboard benchmarks, read from leaderboard entry e (the
 * areas whose coverage is defined; the same for every entry of a cohort).
 */
size_t pages_lb_areas(const struct value *e);
/**
 * Set key of r to the safety areas leaderboard entry e covers, of the cohort's areas with
 * leaderboard benchmarks: "9 of 10 areas" ("—" when the cohort has none).
 */
void pages_area_coverage(struct value *r, const char *key, const struct value *e);
/**
 * The fewest safety areas a model of cohort co needs for a rank: report's
 * method.missing_data.min_coverage times the cohort's leaderboard areas, rounded up (NAN
 * when the report lacks it); *fewest_ranked gets the fewest areas any ranked model has (NAN:
 * none is ranked). A scan of the leaderboard: pages read it from their cohort_index
 * (areas_needed, fewest_ranked).
 */
double pages_areas_needed(const struct value *report, const struct value *co,
			  double *fewest_ranked);
/**
 * Set key of r to why leaderboard entry e of cohort co has no rank: "benchmarks in 1 of 3
 * areas; at least 2 needed" (or, when the threshold is not pinned down, "...; every ranked
 * model has them in at least 2"), from the thresholds b's index holds for co.
 */
void pages_unranked_reason(const struct build *b, struct value *r, const char *key,
			   const struct value *co, const struct value *e);
/**
 * Render one page: view (taken, freed in every case) through the page template of kind,
 * cmark-gfm and layout.html, to the file at view.path under b->tmp; counts it in b->st.
 * Returns 0, or -1 after one diagnostic.
 */
int pages_render(struct build *b, enum page_kind kind, struct value *view);

/* ------------------------------------------------------------ the page families */

/** The summary of cohort co shown by the index, cohort and content pages. Caller frees. */
struct value *pages_cohort_summary(struct build *b, const struct value *co);
/** index.html: every cohort's summary. */
int pages_write_index(struct build *b);
/** CO/index.html: the cohort's summary, loadings, benchmarks, models, areas, figures. */
int pages_write_cohort(struct build *b, const struct value *co);
/** CO/areas/AREA.html for area (at position ai of the cohort's areas). */
int pages_write_area(struct build *b, const struct value *co, const struct value *area,
		     size_t ai);
/** CO/leaderboard.html: the decorrelated safety leaderboard; unranked models listed apart. */
int pages_write_leaderboard(struct build *b, const struct value *co);
/**
 * s as the text of a brace-delimited BibTeX field: it reads back as one field however many
 * braces, quotes or @ it holds (braces become \textbraceleft{} and \textbraceright{}, LaTeX
 * specials are escaped), for the cite box's BibTeX. Caller frees.
 */
char *pages_bibtex_text(const char *s);
/** CO/benchmarks/BENCH.html: the benchmark, its models, figures and cite box. */
int pages_write_benchmark(struct build *b, const struct value *co, const struct value *bench);
/** CO/models/MODEL.html: the model's scores and its value on every benchmark. */
int pages_write_model(struct build *b, const struct value *co, const struct value *m);
/**
 * CO/compare.html, two models side by side (without JavaScript the two most capable; with
 * it, any two, assets/explore.js), and data/CO/models.json, the cohort's models as the pages
 * show them, which explore.js reads for the compare page and the model tables' filters.
 */
int pages_write_compare(struct build *b, const struct value *co);
/**
 * List content/pages/NAME.md into b->pages ({name, title, href, file} each; the title is the
 * first "# " heading) and set b->has_methodology; each page is compiled as a template and
 * its partial tags checked against b->t (load the templates first). *names gets the
 * directory listing (free with names_free(*names, *n)). Returns 0, or -1 after diagnostics
 * (a reserved or invalid page name, an unreadable file, a template error).
 */
int pages_content_list(struct build *b, char ***names, long *n);
/** NAME.html for entry (one of b->pages): its file rendered as a template, then the page. */
int pages_write_content(struct build *b, const struct value *entry);
/**
 * p.history of benchmark bench of cohort co, when b->history has it in at least two
 * releases (else p is left as it is): n (releases), rows[] oldest first {version, date (the
 * day), href (its "What changed" page), current, n, corr, corr_ci, verdict_label}, and
 * figure, the view of figures/CO/history/BENCH (null without figures).
 */
void pages_benchmark_history(struct build *b, const struct value *co, const struct value *bench,
			     struct value *p);
/**
 * p.history of co's leaderboard, when b->history has two releases or more: releases[] (the
 * latest 12, oldest first, as in pages_benchmark_history()'s rows), earlier ("3 earlier
 * releases") and releases_href when there are more, and rows[] in the leaderboard's order
 * {name, href, ranks[] {rank: the decorrelated rank in that release, "unranked", or ""
 * when the model was not in it}}.
 */
void pages_leaderboard_history(struct build *b, const struct value *co, struct value *p);

#endif
