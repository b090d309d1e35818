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
#include "value.h"

/** Version of the report's shape; bumped when keys change meaning. */
#define REPORT_SCHEMA 1

/** Build the report tree of analysis a. Caller frees with value_free(). */
struct value *report_build(const struct analysis *a);
/** Append the report as CSV: one row per cohort and benchmark, with a header row. */
void report_write_csv(struct buf *out, const struct value *report);
/** Append a readable terminal table per cohort (benchmarks by capabilities correlation). */
void report_write_table(struct buf *out, const struct value *report);
/** Append s as one CSV field (quoted when needed). */
void csv_field(struct buf *out, const char *s);

#endif
