/*
 * report.h - the analysis as one JSON-shaped tree: the single source of truth.
 *
 * Everything the site shows comes from this tree; `washboard analyze --format json` prints
 * it and the site publishes it as data/report.json. The tree has no timestamps, so the same
 * content and options always give the same bytes. Computed numbers are printed with 15
 * significant digits, input values in their shortest round-trip form.
 *
 * The schema, every key (tests/report_schema.py checks this list against real reports and
 * against the keys pages and figures read). Types: string, number, bool, array, object;
 * "|null" marks a value that is null when undefined (too few models, a constant column, no
 * capabilities score; never NaN). Flags: opt = absent unless the content gives it;
 * boot = present only with the bootstrap (absent with --bootstrap 0); ref = present only for
 * benchmarks with correlate_with; cap = only for benchmarks judged by the capabilities score.
 *
 *   generator                                     object
 *   generator.name                                string  "washboard"
 *   generator.version                             string
 *   generator.schema                              number  REPORT_SCHEMA
 *   site                                          object  site.json without "cohorts" (in a
 *                                                         site's report, site.version is the
 *                                                         release: build --release, else
 *                                                         site.json's version as a slug)
 *   method                                        object
 *   method.mode                                   string  "paper"
 *   method.threshold_high                         number  verdict thresholds
 *   method.threshold_low                          number
 *   method.min_models                             number  fewest pairs for a statistic (5)
 *   method.correlation                            string  "spearman"
 *   method.sd                                     string  "population"
 *   method.missing_data                           object  the options of method.md 1b
 *   method.missing_data.impute                    string  "svd" or "none"
 *   method.missing_data.impute_rank               number
 *   method.missing_data.impute_min_share          number
 *   method.missing_data.reduced_score             bool
 *   method.missing_data.min_coverage              number  0: every model is ranked
 *   method.bootstrap                              object  boot
 *   method.bootstrap.resamples                    number  boot
 *   method.bootstrap.seed                         number  boot
 *   method.bootstrap.unit                         string  boot: "model" or "family"
 *   method.bootstrap.ci_level                     number  boot: e.g. 0.95
 *   method.bootstrap.ci_method                    string  boot: "percentile" or "bca"
 *   method.bootstrap.min_valid_share              number  boot: 0.9
 *   method.bootstrap.min_distinct                 number  boot: 5
 *   cohorts                                       array   in site.json order
 *   cohorts[].id                                  string  slug
 *   cohorts[].title                               string
 *   cohorts[].n_models                            number
 *   cohorts[].n_models_scored                     number  with a capabilities score
 *   cohorts[].n_models_with_flop                  number
 *   cohorts[].n_benchmarks                        number
 *   cohorts[].capability                          object  the capabilities score
 *   cohorts[].capability.benchmarks               array   capability benchmark ids
 *   cohorts[].capability.n_models                 number  models with all of them
 *   cohorts[].capability.variance_explained       number|null  PC1's share
 *   cohorts[].capability.variance_explained_ci_low   number|null  boot
 *   cohorts[].capability.variance_explained_ci_high  number|null  boot
 *   cohorts[].capability.eigenvalues              array   of numbers, descending (empty: none)
 *   cohorts[].capability.eigenvalue_ratio         number|null  boot: lambda1 / lambda2
 *   cohorts[].capability.pc1_cosine_median        number|null  boot: resampled vs full PC1
 *   cohorts[].capability.pc1_cosine_p05           number|null  boot
 *   cohorts[].capability.pc1_warning              string|null  boot: PC1 poorly separated
 *   cohorts[].capability.loadings                 array   of objects (empty: none)
 *   cohorts[].capability.loadings[].benchmark     string
 *   cohorts[].capability.loadings[].name          string
 *   cohorts[].capability.loadings[].loading       number
 *   cohorts[].capability.matrix                   array   of arrays of numbers (Spearman)
 *   cohorts[].capability.intercorrelation_mean    number|null
 *   cohorts[].capability.intercorrelation_sd      number|null
 *   cohorts[].capability.note                     string|null  why there is no score
 *   cohorts[].capability.imputation               object  opt: with --impute (method.md 1b)
 *   cohorts[].capability.imputation.method        string  opt: "svd"
 *   cohorts[].capability.imputation.rank          number  opt
 *   cohorts[].capability.imputation.min_share     number  opt
 *   cohorts[].capability.imputation.n_eligible    number  opt: models in the matrix
 *   cohorts[].capability.imputation.n_imputed     number  opt: missing cells of theirs
 *   cohorts[].capability.imputation.iterations    number  opt
 *   cohorts[].capability.imputation.converged     bool    opt
 *   cohorts[].capability.imputation.max_change    number|null  opt: of the last update
 *   cohorts[].capability.imputation.used          bool    opt: false: paper mode instead
 *   cohorts[].capability.imputation.recover_rmse_z  number|null  opt: mask and recover
 *   cohorts[].capability.imputation.recover_cells number  opt
 *   cohorts[].models                              array   by id
 *   cohorts[].models[].id                         string
 *   cohorts[].models[].name                       string
 *   cohorts[].models[].source_id                  string  opt
 *   cohorts[].models[].family                     string  opt
 *   cohorts[].models[].open_weights               bool    opt: true weights published, false closed
 *   cohorts[].models[].params                     number  opt
 *   cohorts[].models[].training_flop              number  opt
 *   cohorts[].models[].log10_training_flop        number  opt
 *   cohorts[].models[].flop_source                string  opt
 *   cohorts[].models[].released                   string  opt
 *   cohorts[].models[].source                     string  opt
 *   cohorts[].models[].capability_score           number|null
 *   cohorts[].models[].capability_rank            number|null  1 = most capable
 *   cohorts[].models[].capability_score_basis     string|null  complete, imputed, reduced
 *   cohorts[].models[].capability_benchmarks      array   opt: a reduced score's benchmarks
 *   cohorts[].models[].capability_score_ci_low    number|null  boot
 *   cohorts[].models[].capability_score_ci_high   number|null  boot
 *   cohorts[].models[].capability_rank_ci_low     number|null  boot
 *   cohorts[].models[].capability_rank_ci_high    number|null  boot
 *   cohorts[].benchmarks                          array   by capabilities correlation, id
 *   cohorts[].benchmarks[].id                     string
 *   cohorts[].benchmarks[].source_id              string  opt
 *   cohorts[].benchmarks[].name                   string
 *   cohorts[].benchmarks[].role                   string  capability, safety, general
 *   cohorts[].benchmarks[].area                   string
 *   cohorts[].benchmarks[].metric                 string
 *   cohorts[].benchmarks[].higher_is_better       bool
 *   cohorts[].benchmarks[].target                 number  opt
 *   cohorts[].benchmarks[].aggregate_of           array   opt: ids of its parts
 *   cohorts[].benchmarks[].url                    string  opt
 *   cohorts[].benchmarks[].citation               string  opt
 *   cohorts[].benchmarks[].description            string  opt
 *   cohorts[].benchmarks[].n_values               number  models with a value
 *   cohorts[].benchmarks[].n                      number  ... and a capabilities score
 *   cohorts[].benchmarks[].capabilities_correlation   number|null
 *   cohorts[].benchmarks[].n_compute              number
 *   cohorts[].benchmarks[].compute_correlation    number|null
 *   cohorts[].benchmarks[].correlate_with         string  ref
 *   cohorts[].benchmarks[].n_reference            number  ref
 *   cohorts[].benchmarks[].reference_correlation  number|null  ref
 *   cohorts[].benchmarks[].pearson                number|null
 *   cohorts[].benchmarks[].slope                  number|null  oriented units per score unit
 *   cohorts[].benchmarks[].slope_stderr           number|null
 *   cohorts[].benchmarks[].standardized_slope     number|null
 *   cohorts[].benchmarks[].compute_slope          number|null  per 10x FLOP
 *   cohorts[].benchmarks[].mean                   number|null  z-score parameters
 *   cohorts[].benchmarks[].sd                     number|null
 *   cohorts[].benchmarks[].n_mode                 number  models sharing the commonest value
 *   cohorts[].benchmarks[].near_constant          bool
 *   cohorts[].benchmarks[].residual_basis         string|null  capabilities, reference
 *   cohorts[].benchmarks[].missing_models         array   ids of the models without it
 *   cohorts[].benchmarks[].missing_auc            number|null  capability of with vs without
 *   cohorts[].benchmarks[].missing_tied_to_capability  bool
 *   cohorts[].benchmarks[].verdict                string  verdict.h ids
 *   cohorts[].benchmarks[].verdict_label          string
 *   cohorts[].benchmarks[].verdict_basis          string  capabilities or reference
 *   cohorts[].benchmarks[].capabilities_correlation_ci_low       number|null  boot
 *   cohorts[].benchmarks[].capabilities_correlation_ci_high      number|null  boot
 *   cohorts[].benchmarks[].capabilities_correlation_valid        number  boot: share defined
 *   cohorts[].benchmarks[].capabilities_correlation_fisher_low   number|null  boot
 *   cohorts[].benchmarks[].capabilities_correlation_fisher_high  number|null  boot
 *   cohorts[].benchmarks[].compute_correlation_ci_low       number|null  boot
 *   cohorts[].benchmarks[].compute_correlation_ci_high      number|null  boot
 *   cohorts[].benchmarks[].compute_correlation_valid        number  boot
 *   cohorts[].benchmarks[].compute_correlation_fisher_low   number|null  boot
 *   cohorts[].benchmarks[].compute_correlation_fisher_high  number|null  boot
 *   cohorts[].benchmarks[].reference_correlation_ci_low       number|null  boot ref
 *   cohorts[].benchmarks[].reference_correlation_ci_high      number|null  boot ref
 *   cohorts[].benchmarks[].reference_correlation_valid        number  boot ref
 *   cohorts[].benchmarks[].reference_correlation_fisher_low   number|null  boot ref
 *   cohorts[].benchmarks[].reference_correlation_fisher_high  number|null  boot ref
 *   cohorts[].benchmarks[].pearson_ci_low         number|null  boot
 *   cohorts[].benchmarks[].pearson_ci_high        number|null  boot
 *   cohorts[].benchmarks[].slope_ci_low           number|null  boot
 *   cohorts[].benchmarks[].slope_ci_high          number|null  boot
 *   cohorts[].benchmarks[].standardized_slope_ci_low   number|null  boot
 *   cohorts[].benchmarks[].standardized_slope_ci_high  number|null  boot
 *   cohorts[].benchmarks[].compute_slope_ci_low   number|null  boot
 *   cohorts[].benchmarks[].compute_slope_ci_high  number|null  boot
 *   cohorts[].benchmarks[].verdict_confidence     number|null  boot: share with the verdict
 *   cohorts[].benchmarks[].verdict_confidence_label  string|null  boot: firm ... unstable
 *   cohorts[].benchmarks[].verdict_sentence       string|null  boot: for readers
 *   cohorts[].benchmarks[].loo_model_low          number|null  boot: leave one model out
 *   cohorts[].benchmarks[].loo_model_high         number|null  boot
 *   cohorts[].benchmarks[].loo_model_flips        array   boot: drops that change the verdict
 *   cohorts[].benchmarks[].loo_model_flips[].model    string  boot
 *   cohorts[].benchmarks[].loo_model_flips[].name     string  boot
 *   cohorts[].benchmarks[].loo_model_flips[].verdict  string  boot
 *   cohorts[].benchmarks[].loo_capability_low     number|null  boot cap
 *   cohorts[].benchmarks[].loo_capability_high    number|null  boot cap
 *   cohorts[].benchmarks[].loo_capability_flips   array   boot cap
 *   cohorts[].benchmarks[].loo_capability_flips[].benchmark  string  boot cap
 *   cohorts[].benchmarks[].loo_capability_flips[].name       string  boot cap
 *   cohorts[].benchmarks[].loo_capability_flips[].verdict    string  boot cap
 *   cohorts[].benchmarks[].models                 array   the models with a value
 *   cohorts[].benchmarks[].models[].model         string  model id
 *   cohorts[].benchmarks[].models[].value         number|null  as reported (not oriented);
 *                                                 null for an imputed cell
 *   cohorts[].benchmarks[].models[].imputed       bool    opt: an imputed cell, not measured
 *   cohorts[].benchmarks[].models[].imputed_value number|null  opt: in the metric's direction
 *   cohorts[].benchmarks[].models[].stderr        number  opt
 *   cohorts[].benchmarks[].models[].n             number  opt
 *   cohorts[].benchmarks[].models[].z             number|null  opt for an imputed cell
 *   cohorts[].benchmarks[].models[].expected      number|null  opt for an imputed cell
 *   cohorts[].benchmarks[].models[].residual      number|null  opt for an imputed cell
 *   cohorts[].benchmarks[].models[].leaderboard_residual  number|null  opt: scaled, on the basis
 *   cohorts[].leaderboard                         array   by decorrelated rank, raw rank, id
 *   cohorts[].leaderboard[].model                 string
 *   cohorts[].leaderboard[].name                  string
 *   cohorts[].leaderboard[].capability_score      number|null
 *   cohorts[].leaderboard[].safety_score          number|null
 *   cohorts[].leaderboard[].safety_rank           number|null
 *   cohorts[].leaderboard[].decorrelated_score    number|null
 *   cohorts[].leaderboard[].decorrelated_rank     number|null
 *   cohorts[].leaderboard[].rank_change           number|null
 *   cohorts[].leaderboard[].coverage              number|null
 *   cohorts[].leaderboard[].n_benchmarks          number
 *   cohorts[].leaderboard[].ranked                bool    enough coverage for a rank
 *   cohorts[].leaderboard[].areas_covered         number  areas where it has a benchmark
 *   cohorts[].leaderboard[].area_coverage         number|null  their share
 *   cohorts[].leaderboard[].safety_score_ci_low        number|null  boot
 *   cohorts[].leaderboard[].safety_score_ci_high       number|null  boot
 *   cohorts[].leaderboard[].safety_rank_ci_low         number|null  boot
 *   cohorts[].leaderboard[].safety_rank_ci_high        number|null  boot
 *   cohorts[].leaderboard[].decorrelated_score_ci_low  number|null  boot
 *   cohorts[].leaderboard[].decorrelated_score_ci_high number|null  boot
 *   cohorts[].leaderboard[].decorrelated_rank_ci_low   number|null  boot
 *   cohorts[].leaderboard[].decorrelated_rank_ci_high  number|null  boot
 *   cohorts[].leaderboard[].loo_rank_move         number|null  boot
 *   cohorts[].leaderboard[].loo_rank_move_model   string|null  boot
 *   cohorts[].leaderboard[].areas                 array   one per cohort area
 *   cohorts[].leaderboard[].areas[].area          string
 *   cohorts[].leaderboard[].areas[].safety_score  number|null  in SDs of the area
 *   cohorts[].leaderboard[].areas[].decorrelated_score  number|null
 *   cohorts[].leaderboard[].areas[].n             number
 *   cohorts[].leaderboard[].areas[].coverage      number|null  share of the area's benchmarks
 *   cohorts[].areas                               array   safety areas by id
 *   cohorts[].areas[].id                          string
 *   cohorts[].areas[].benchmarks                  array   of ids
 *   cohorts[].areas[].n_benchmarks                number
 *   cohorts[].areas[].mean_capabilities_correlation  number|null
 *   cohorts[].areas[].safety_sd                   number|null  the area scores' scales
 *   cohorts[].areas[].decorrelated_sd             number|null
 *   cohorts[].areas[].verdicts                    object  verdict id -> count
 */
#ifndef WB_REPORT_H
#define WB_REPORT_H

#include "analysis.h"
#include "buf.h"
#include "uncertainty.h"
#include "value.h"

/** Version of the report's shape; bumped when keys change meaning. */
#define REPORT_SCHEMA 2

/**
 * Build the report tree of analysis a, with the intervals, confidences and robustness of u
 * (from uncertainty_run() on a) when u is not NULL. Caller frees with value_free().
 */
struct value *report_build(const struct analysis *a, const struct uncertainty *u);
/** Append the report as CSV: one row per cohort and benchmark, with a header row. */
void report_write_csv(struct buf *out, const struct value *report);
/**
 * Append a readable terminal table per cohort (benchmarks by capabilities correlation): the
 * benchmarks by name, names and areas cut with an ellipsis to fixed widths (36 and 22
 * characters) so that every column stays aligned.
 */
void report_write_table(struct buf *out, const struct value *report);
/**
 * Append list (an array of objects) as CSV: a header row of columns (NULL-terminated), then
 * one row per object with the members named by columns; absent and null members are empty.
 */
void report_csv_table(struct buf *out, const struct value *list, const char *const *columns);
/**
 * Cells a row object lacks, filled in by the writer: a score table's rows are the report's
 * own per-benchmark model entries (no copies: a cohort of 10,000 models and 200 benchmarks
 * has two million of them), and their "benchmark" and model "name" come from here.
 */
struct row_extra {
	const char *benchmark;                      /* the "benchmark" cell of every row */
	const char *(*name_of)(const char *model, void *ud); /* the "name" cell of a row */
	void *ud;
};

/** Append the header row of columns (NULL-terminated) as CSV. */
void report_csv_header(struct buf *out, const char *const *columns);
/**
 * Append the rows of list (objects) as CSV without a header, the cells of columns from each
 * object, or from extra (may be NULL) for "benchmark" and "name".
 */
void report_csv_rows(struct buf *out, const struct value *list, const char *const *columns,
		     const struct row_extra *extra);

/** The CSV downloads, one table kind each. */
enum report_table {
	REPORT_BENCHMARKS,  /* one row per cohort and benchmark (report_benchmark_rows()) */
	REPORT_MODELS,      /* a cohort's models[] */
	REPORT_LEADERBOARD, /* a cohort's leaderboard[] */
	REPORT_SCORES,      /* one row per model and benchmark: a benchmark's models[] */
};
/**
 * The columns of table t, NULL-terminated: the point estimates, and the interval columns
 * too when the report has a bootstrap (method.bootstrap). Borrowed, static.
 */
const char *const *report_columns(const struct value *report, enum report_table t);
/**
 * One flat object per cohort and benchmark with the REPORT_BENCHMARKS columns as members,
 * for cohort (NULL: every cohort). Caller frees with value_free().
 */
struct value *report_benchmark_rows(const struct value *report, const char *cohort);
/**
 * Append the benchmark table of cohort (NULL: of every cohort) as LaTeX (report_latex.c):
 * booktabs, one table per cohort with n, the capabilities correlation with its bootstrap
 * interval (when the report has one), compute correlation and the verdict with its
 * confidence. Every name is escaped (report_latex_escape()).
 */
void report_write_latex(struct buf *out, const struct value *report, const char *cohort);
/**
 * Append rows (a download's rows, as the CSV has them) as one LaTeX table of kind t, with
 * the columns a paper wants (fewer than the CSV's), captioned title (plain text, escaped
 * here) and labelled tab:washboard-label (label: a slug).
 */
void report_latex_table(struct buf *out, const struct value *report, const struct value *rows,
			enum report_table t, const char *title, const char *label);
/** report_latex_table() of a score table whose rows take "benchmark" and "name" from extra. */
void report_latex_scores(struct buf *out, const struct value *report, const struct value *rows,
			 const struct row_extra *extra, const char *title, const char *label);
/** Tables of more rows than this are too long for a paper: their LaTeX twin says so. */
#define REPORT_LATEX_MAX_ROWS 500
/** Append s escaped for LaTeX text (pdflatex with inputenc utf8 and fontenc T1). */
void report_latex_escape(struct buf *out, const char *s);
/**
 * Append the text s as one CSV field (RFC 4180: quoted when it holds a comma, quote, CR or
 * LF). A cell a spreadsheet would run as a formula (it starts with = + - @, a tab or a CR,
 * and is not a plain number) is neutralised as OWASP recommends: quoted, with a ' before
 * the text, so it shows as text. Numbers are not text cells: they never come here.
 */
void csv_field(struct buf *out, const char *s);

#endif
