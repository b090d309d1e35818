/*
 * analysis.h - the method of Ren et al. (2024) per cohort, plus decorrelated safety.
 *
 * For each cohort: orient, z-score, Spearman matrix of the capability benchmarks, PC1,
 * capabilities score, per-benchmark correlations and slopes with pairwise deletion,
 * verdicts, residuals and the decorrelated leaderboard. docs/method.md (sections 1 and 2)
 * is the exact definition.
 *
 * Every statistic that is undefined (too few models, a constant column) is NAN here and
 * null in the report; the analysis never fails on valid content.
 */
#ifndef WB_ANALYSIS_H
#define WB_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "impute.h"
#include "verdict.h"

/** Fewest models (pairs) for any correlation, slope or PC1 to be reported. */
#define ANALYSIS_MIN_MODELS 5

/** How the method treats missing data (docs/method.md section 1b). */
struct analysis_options {
	bool impute;             /* fill the capability block (--impute svd) */
	unsigned impute_rank;    /* K >= 1 */
	double impute_min_share; /* eligible models have this share of the capability benchmarks */
	bool reduced_score;      /* score the rest on the subset they have (--reduced-score) */
	double min_coverage;     /* a ranked model has benchmarks in this share of the areas; 0: off */
};

/** The defaults: paper mode, rank 1, share 0.5, no reduced score, coverage 0.5. */
#define ANALYSIS_OPTIONS_DEFAULT {false, 1, 0.5, false, 0.5}

/** How a model's capabilities score was made. */
enum score_basis { SCORE_NONE, SCORE_COMPLETE, SCORE_IMPUTED, SCORE_REDUCED };

/** "complete", "imputed", "reduced", or NULL for SCORE_NONE. */
const char *score_basis_name(enum score_basis b);


/** What a leaderboard benchmark's residual is taken against (docs/method.md, 2.1). */
enum basis {
	BASIS_NONE,         /* not on the leaderboard (not safety, or an aggregate) */
	BASIS_CAPABILITIES, /* the capabilities score */
	BASIS_REFERENCE,    /* the correlate_with benchmark's oriented value */
};

/** "capabilities", "reference", or NULL for BASIS_NONE. */
const char *basis_name(enum basis b);

/** One benchmark in one cohort. Arrays are indexed by the cohort's model position. */
struct bench_result {
	size_t bench;            /* index into corpus.benchmarks */
	size_t n_values;         /* models of the cohort with a value */
	double mean, sd;         /* z-score parameters of the oriented values (population SD):
				  * over the complete models for a capability benchmark of a
				  * cohort with a capabilities score, else over n_values */
	size_t n_mode;           /* models sharing the commonest value */
	bool near_constant;      /* n_mode >= ANALYSIS_MIN_MODELS and >= half of n_values */
	size_t n;                /* models with a value and a capabilities score */
	double cap_corr;         /* Spearman with the capabilities score */
	double pearson;          /* Pearson with the capabilities score */
	double slope, slope_se;  /* OLS of the oriented value on the capabilities score */
	double std_slope;        /* OLS slope of the z-score on the capabilities score */
	double intercept_z;      /* intercept of that z-score regression */
	size_t n_compute;        /* models with a value and training FLOP */
	double compute_corr;     /* Spearman with training FLOP */
	double compute_slope;    /* OLS slope of the oriented value on log10(FLOP) */
	size_t n_reference;      /* models with a value and a value for correlate_with */
	double reference_corr;   /* Spearman with correlate_with (NAN when not set) */
	double governing;        /* the correlation the verdict reads */
	enum verdict verdict;
	double *oriented;        /* per model: oriented value or NAN */
	double *z;               /* per model: z-score or NAN */
	double *expected_z;      /* per model: intercept_z + std_slope * score, or NAN */
	double *residual;        /* per model: z - expected_z, or NAN */
	double *imputed;         /* per model: an imputed oriented value (capability benchmarks,
				  * --impute), or NAN; never a measurement */
	double missing_auc;      /* P(a model with it is more capable than one without), or NAN */
	bool missing_tied;       /* missing_auc >= 0.8 or <= 0.2 (docs/method.md 1b) */
	enum basis basis;        /* what the leaderboard residual is taken against */
	double lb_sd;            /* SD of the basis residuals over the fitted models, or NAN */
	double *lb_residual;     /* per model: basis residual / lb_sd, or NAN (the leaderboard's) */
};

struct area_score {
	double coverage;     /* share of the area's leaderboard benchmarks the model has */
	double safety;       /* mean z over the area's leaderboard benchmarks the model has, in
			      * SDs of that mean across the cohort's models */
	double decorrelated; /* the same over lb_residual; NAN without a capabilities score */
	size_t n;            /* benchmarks that went into decorrelated (or safety) */
};

struct leader {
	size_t model;              /* cohort model position */
	const char *id;            /* the model's id (borrowed), the last sort key */
	double safety;             /* mean over areas of area safety (NAN without any) */
	long safety_rank;          /* 1-based, 0 when safety is NAN */
	long raw_rank_scored;      /* safety rank among models with a decorrelated score, or 0 */
	double decorrelated;       /* mean over areas of area decorrelated */
	long decorrelated_rank;    /* 1-based, 0 when NAN */
	size_t covered;            /* leaderboard benchmarks this model has a value for */
	size_t areas_covered;      /* areas where it has at least one */
	bool ranked;               /* enough coverage for a rank (analysis_options.min_coverage) */
	struct area_score *areas;  /* one per cohort area */
};

struct area_result {
	const char *id;          /* borrowed from the corpus */
	size_t *bench;           /* positions into cohort_result.results: every safety benchmark
				  * of the area; those on the leaderboard have basis != NONE */
	size_t nbench;
	double safety_sd;        /* SD across models of the unscaled area safety means, or NAN */
	double decorrelated_sd;  /* the same for the decorrelated means */
	double mean_cap_corr;    /* mean of defined capabilities correlations, NAN if none */
	size_t verdicts[VERDICT_COUNT];
};

struct cohort_result {
	size_t cohort;           /* index into corpus.cohorts */
	size_t *models;          /* corpus model indices of this cohort, sorted by id */
	size_t nmodels;
	size_t *cap;             /* corpus benchmark indices of capability benchmarks */
	size_t ncap;
	size_t n_complete;       /* models that enter the capability matrix: those with every
				  * capability benchmark, or every eligible one with --impute */
	struct imputation {
		bool on;             /* --impute was asked for */
		unsigned rank;       /* K as asked */
		double min_share;    /* as asked */
		bool failed;         /* ...but a column could not be standardised: paper mode */
		size_t n_eligible;   /* models imputed into the matrix, complete ones included */
		struct impute_stats st;
		double recover_rmse_z; /* mask and recover, NAN when it could not be run */
		size_t recover_cells;
	} imputation;
	enum score_basis *basis; /* per model */
	bool *subset;            /* nmodels x ncap: the capability benchmarks of a reduced score */
	double *matrix;          /* ncap x ncap Spearman matrix, row-major; NULL if undefined */
	double *eigenvalues;     /* ncap, descending; NULL if undefined */
	double *loadings;        /* ncap, PC1; NULL if undefined */
	double variance_explained;     /* lambda1 / sum(lambda), NAN if undefined */
	double inter_mean, inter_sd;   /* of the off-diagonal matrix entries */
	char *note;              /* why there is no capabilities score, or NULL */
	double *score;           /* per model: capabilities score or NAN */
	long *score_rank;        /* per model: 1 = most capable, 0 = no score */
	struct bench_result *results; /* every non-ignored benchmark with a value in the cohort */
	size_t nresults;
	struct leader *leaders;  /* per model, sorted by decorrelated rank then id */
	struct area_result *areas;    /* safety areas, sorted by id */
	size_t nareas;
	size_t n_safety;         /* leaderboard benchmarks (safety, not aggregates) in the cohort */
};

struct analysis {
	const struct corpus *corpus;  /* borrowed */
	struct analysis_options opt;  /* as run */
	struct cohort_result *cohorts;
	size_t ncohorts;
};

/** What the command line says of the analysis options; -1, 0 and NAN: not given. */
struct analysis_cli {
	int impute;              /* 1 svd, 0 none, -1 not given */
	unsigned impute_rank;    /* 0: not given */
	double impute_min_share; /* NAN: not given */
	int reduced_score;       /* 1, 0, -1 not given */
	double min_coverage;     /* NAN: not given */
};
#define ANALYSIS_CLI_UNSET {-1, 0, NAN, -1, NAN}
/**
 * The options to run c with: ANALYSIS_OPTIONS_DEFAULT, then what site.json sets, then what
 * cli (NULL: nothing) sets.
 */
void analysis_options_resolve(const struct corpus *c, const struct analysis_cli *cli,
			      struct analysis_options *out);

/**
 * Run the method over every cohort of c (or only cohort_id when not NULL; an unknown id
 * gives NULL after one diagnostic) with options o (NULL: ANALYSIS_OPTIONS_DEFAULT). Caller
 * frees with analysis_free(); c must outlive it.
 */
struct analysis *analysis_run(const struct corpus *c, const char *cohort_id,
			      const struct analysis_options *o);
/**
 * Competition ranks ("1224") of x[0..n) into rank, descending: 1 = the largest; equal values
 * share the best of their ranks; NAN gets 0. O(n log n).
 */
void analysis_rank_desc(const double *x, size_t n, long *rank);
/** Free an analysis (NULL is fine). */
void analysis_free(struct analysis *a);
/**
 * The verdict for correlation r with thresholds high and low (NAN gives insufficient). r is
 * rounded to 12 decimal places first, so an exact 0.6 computed as 0.59999999999999987 is 0.6.
 */
enum verdict analysis_verdict(double r, double high, double low);

#endif
