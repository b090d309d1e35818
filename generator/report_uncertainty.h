/*
 * report_uncertainty.h - the uncertainty keys of the report (docs/method.md section 5).
 *
 * report_build() calls these to add, beside each point estimate, its interval, and to each
 * verdict its confidence, its one-sentence explanation and what the leave-one-out refits
 * changed. Nothing here is called when the bootstrap is off, so `--bootstrap 0` gives the
 * point estimates alone.
 */
#ifndef WB_REPORT_UNCERTAINTY_H
#define WB_REPORT_UNCERTAINTY_H

#include "analysis.h"
#include "uncertainty.h"
#include "value.h"

/** method.bootstrap: the options that made u. */
struct value *report_bootstrap_method(const struct uncertainty *u);
/** Interval and PC1 separation keys of the capability block o of cohort cu. */
void report_capability_uncertainty(struct value *o, const struct cohort_uncertainty *cu);
/**
 * Interval, confidence and robustness keys of benchmark entry o, result r of cohort cr, with
 * the sentence that tells a reader how sure its verdict is.
 */
void report_bench_uncertainty(struct value *o, const struct corpus *c,
			      const struct cohort_result *cr, size_t r,
			      const struct cohort_uncertainty *cu, enum resample_unit unit);
/** Interval keys of model summary o (cohort model i). */
void report_model_uncertainty(struct value *o, const struct cohort_uncertainty *cu, size_t i);
/** Interval and rank-move keys of leaderboard entry o (cohort model i). */
void report_leader_uncertainty(struct value *o, const struct corpus *c,
			       const struct cohort_result *cr, const struct cohort_uncertainty *cu,
			       size_t i);

#endif
