/*
 * fit.h - the method refitted on a weighted sample of one cohort's models.
 *
 * The bootstrap and the leave-one-out checks (uncertainty.h) need the whole method of
 * docs/method.md (sections 1 and 2) many times over, on samples where a model counts w times
 * (w = 0: left out). fit_prepare() does the per-cohort work that does not depend on the
 * weights once (orientation is the analysis's; every column is sorted once), so that one
 * fit_run() is linear in the cohort's cells apart from one sort of the capabilities scores.
 *
 * A fit with every weight 1 and every capability benchmark gives the analysis's own numbers
 * (tests/test_fit.c checks it to 1e-12). The fitted parameters (z-score means and SDs, PC1,
 * the residual fits, the residual and area SDs) are applied to every model of the cohort,
 * in the sample or not, so every model gets a score and ranks in every fit.
 *
 * Threads: fit_run() only writes into its fit_result, so several threads may run fits of one
 * fit_cohort at once, each with its own result.
 */
#ifndef WB_FIT_H
#define WB_FIT_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis.h"

/** One benchmark's statistics in one fit; NAN when undefined in that sample. */
struct fit_bench {
	double cap_corr, pearson, slope, std_slope; /* against the capabilities score */
	double compute_corr, compute_slope;         /* against log10 training FLOP */
	double reference_corr;                      /* against correlate_with */
	double governing;                           /* the correlation the verdict reads */
	enum verdict verdict;
};

/** The result of one fit. Arrays are indexed like the cohort_result's. */
struct fit_result {
	bool capable;              /* the sample has a capabilities score */
	double variance_explained; /* lambda1 / sum(lambda), NAN when !capable */
	double cosine;             /* |PC1 . full-sample PC1| / |full PC1 restricted|, or NAN */
	double *score;             /* per model: capabilities score, or NAN */
	double *score_rank;        /* per model: competition rank of score, or NAN */
	double *safety, *safety_rank;             /* per model: raw leaderboard score, rank */
	double *decorrelated, *decorrelated_rank; /* per model: decorrelated score, rank */
	struct fit_bench *bench;   /* per cohort_result.results entry */
	struct fit_scratch *scratch; /* working memory (internal) */
};

struct fit_cohort;

/**
 * Prepare cohort cr, analysed over corpus c with options o, for fits (the same imputation,
 * reduced scores and coverage rule). c and cr must outlive the result. Caller frees with
 * fit_cohort_free().
 */
struct fit_cohort *fit_prepare(const struct corpus *c, const struct cohort_result *cr,
			       const struct analysis_options *o);
/** Free a prepared cohort (NULL is fine). */
void fit_cohort_free(struct fit_cohort *fc);

/** A result with room for fits of fc. Caller frees with fit_result_free(). */
struct fit_result *fit_result_new(const struct fit_cohort *fc);
/** Free a result (NULL is fine). */
void fit_result_free(struct fit_result *r);

/**
 * Fit the method on the sample where cohort model i counts w[i] times (w[i] = 0: not in the
 * sample), using the capability benchmarks j with capmask[j] (cohort_result.cap order; NULL:
 * all of them). A statistic is only defined when at least ANALYSIS_MIN_MODELS distinct models
 * with w > 0 enter it. PC1's sign makes its dot product with the full-sample PC1 >= 0.
 */
void fit_run(const struct fit_cohort *fc, const unsigned *w, const bool *capmask,
	     struct fit_result *out);

#endif
