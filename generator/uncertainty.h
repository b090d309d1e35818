/*
 * uncertainty.h - how sure each number of the analysis is: bootstrap intervals, verdict
 * confidence and what a verdict hangs on.
 *
 *   analysis --fit.h (weighted refits)--> resamples, leave-one-out --> uncertainty --> report
 *
 * uncertainty_run() refits the whole method (fit.h) on N resamples of every cohort's models
 * (resample.h), on the cohort with each model left out, and with each capability benchmark
 * left out of the capabilities score, then summarises: percentile (or BCa) intervals, the
 * analytic Fisher-z interval of every Spearman correlation, the share of resamples that give
 * each published verdict and its label, the ranges and verdict flips of the leave-one-out
 * refits and a PC1 separation check. docs/method.md sections 3 and 4 are the definition.
 *
 * Determinism: resample r is a function of (seed, r) only, and every refit writes only its
 * own slot, so the result is the same for any number of threads.
 */
#ifndef WB_UNCERTAINTY_H
#define WB_UNCERTAINTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis.h"
#include "resample.h"

/** Resamples when no option says otherwise (`--bootstrap`). */
#define UNCERTAINTY_RESAMPLES 1000
/** The default seed (`--seed`): the paper's date. */
#define UNCERTAINTY_SEED 20240731u
/** An interval needs a defined statistic in at least this share of the resamples. */
#define UNCERTAINTY_MIN_VALID 0.9
/** Leave-one-model-out refits at most this many models (the most extreme by score). */
#define UNCERTAINTY_MAX_DROPS 300
/** BCa needs one refit per unit; more units than this are refused. */
#define UNCERTAINTY_MAX_BCA_UNITS 2000

enum ci_method { CI_PERCENTILE, CI_BCA };

/** "percentile" or "bca". */
const char *ci_method_name(enum ci_method m);

struct uncertainty_options {
	unsigned resamples;      /* N > 0 (0 means: do not call uncertainty_run) */
	uint64_t seed;           /* < 2^53, so the report can print it exactly */
	enum resample_unit unit;
	double level;            /* of every interval, in (0, 1) */
	enum ci_method method;
	int jobs;                /* threads; <= 0: the number of online CPUs */
};

/** An interval; lo = hi = NAN when it is null (too few valid resamples). */
struct interval {
	double lo, hi;
	double valid; /* share of the resamples where the statistic was defined */
};

enum confidence { CONF_NONE, CONF_FIRM, CONF_LIKELY, CONF_UNCERTAIN, CONF_UNSTABLE };

/** "firm", "likely", "uncertain", "unstable", or NULL for CONF_NONE. */
const char *confidence_name(enum confidence c);

/** A refit that changed a verdict: what was left out and the verdict it gave. */
struct flip {
	size_t what;          /* cohort model position, or capability position (cohort_result.cap) */
	enum verdict verdict;
};

struct bench_uncertainty {
	struct interval cap_corr, pearson, compute_corr, reference_corr;
	struct interval slope, std_slope, compute_slope;
	double fisher_cap[2], fisher_compute[2], fisher_reference[2]; /* NAN when undefined */
	double confidence;            /* share of resamples with the published verdict, or NAN */
	enum confidence label;
	double loo_lo, loo_hi;        /* governing correlation over the leave-one-model-out fits */
	struct flip *model_flips;     /* in cohort model order */
	size_t nmodel_flips;
	bool cap_basis;               /* judged against the capabilities score */
	double loocap_lo, loocap_hi;  /* capabilities correlation over leave-one-capability-out */
	struct flip *cap_flips;
	size_t ncap_flips;
};

struct model_uncertainty {
	struct interval score, score_rank, safety, safety_rank, decorrelated, decorrelated_rank;
	double loo_move;   /* largest decorrelated rank move over the drops (signed), or NAN */
	size_t loo_mover;  /* the dropped model that causes it (cohort position) */
};

struct cohort_uncertainty {
	struct interval variance;       /* PC1 variance explained */
	double eigen_ratio;             /* lambda1 / lambda2 of the full sample, or NAN */
	double cos_median, cos_p05;     /* |cos| between resampled and full PC1 */
	char *pc1_warning;              /* why PC1 is poorly separated, or NULL */
	size_t ndrops;                  /* models left out one at a time */
	struct bench_uncertainty *bench; /* per cohort_result.results entry */
	size_t nbench;
	struct model_uncertainty *models; /* per cohort model position */
};

struct uncertainty {
	struct uncertainty_options opt;
	struct cohort_uncertainty *cohorts; /* parallel to analysis.cohorts */
	size_t ncohorts;
};

/**
 * Run the bootstrap and the robustness refits of every cohort of a. Returns the summaries
 * (caller frees with uncertainty_free(); a must outlive them), or NULL after one diagnostic
 * when an option is out of range or BCa is asked for a cohort with too many units.
 */
struct uncertainty *uncertainty_run(const struct analysis *a, const struct uncertainty_options *o);
/** Free u (NULL is fine). */
void uncertainty_free(struct uncertainty *u);

#endif
