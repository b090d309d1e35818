/*
 * diff.h - what changed between two reports (two releases of an audit).
 *
 * Per cohort present in either report: models and benchmarks added and removed, benchmarks
 * whose verdict changed, the largest movements in capabilities correlation and the largest
 * rank changes on the decorrelated leaderboard. The result is a tree (for the site's "What
 * changed" pages and `washboard diff --format json`) and a terminal text.
 */
#ifndef WB_DIFF_H
#define WB_DIFF_H

#include "buf.h"
#include "value.h"

/** How many movements and rank changes each cohort lists at most. */
#define DIFF_TOP 10

/**
 * Compare report old with report new (trees from report_build() or data/report.json).
 * Returns a new tree (caller frees with value_free()):
 *   {old_version, new_version, cohorts: [{id, title,
 *     status ("added"|"removed"|"changed"|"unchanged"), models_added[], models_removed[],
 *     benchmarks_added[], benchmarks_removed[] (each {id, name}),
 *     verdict_changes[{id, name, old, new, old_label, new_label}],
 *     movements[{id, name, old, new, delta}] (|delta| descending, at most DIFF_TOP, of
 *     n_movements), rank_changes[{id, name, old, new, delta}] (delta = old - new: positive
 *     is up; the same top DIFF_TOP of n_rank_changes), n_changes (every change above, the
 *     movements and rank changes left out of the lists included)}],
 *   n_changes (the cohorts' sum, plus one per cohort added or removed)}
 * Linear-logarithmic in the models and benchmarks (lookups through sorted indexes).
 */
struct value *diff_reports(const struct value *old, const struct value *new_report);

/** Append the comparison as readable text. */
void diff_write_text(struct buf *out, const struct value *diff);

#endif
