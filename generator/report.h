/*
 * report.h - the analysis as one JSON-shaped tree: the single source of truth.
 *
 * Everything the site shows comes from this tree; `washboard analyze --format json` prints
 * it and the site publishes it as data/report.json. Undefined statistics are null. The tree
 * has no timestamps, so the same content always gives the same bytes.
 */
#ifndef WB_REPORT_H
#define WB_REPORT_H

#include "analysis.h"
#include "buf.h"
#include "uncertainty.h"
#include "value.h"

/** Version of the report's shape; bumped when keys change meaning. */
#define REPORT_SCHEMA 1

/**
 * Build the report tree of analysis a, with the intervals, confidences and robustness of u
 * (from uncertainty_run() on a) when u is not NULL. Caller frees with value_free().
 */
struct value *report_build(const struct analysis *a, const struct uncertainty *u);
/** Append the report as CSV: one row per cohort and benchmark, with a header row. */
void report_write_csv(struct buf *out, const struct value *report);
/** Append a readable terminal table per cohort (benchmarks by capabilities correlation). */
void report_write_table(struct buf *out, const struct value *report);
/**
 * Append list (an array of objects) as CSV: a header row of columns (NULL-terminated), then
 * one row per object with the members named by columns; absent and null members are empty.
 */
void report_csv_table(struct buf *out, const struct value *list, const char *const *columns);
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
/** Append s as one CSV field (quoted when needed; cells that spreadsheets would run as
 * formulas are quoted too). */
void csv_field(struct buf *out, const char *s);

#endif
