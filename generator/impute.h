/*
 * impute.h - missing capability scores filled from a low-rank fit of the others.
 *
 * The iterative rank-K SVD imputation of docs/method.md section 1b (after Observational
 * Scaling Laws' pca_impute): standardise each column over its measured cells, start the
 * missing ones at the column mean, and replace them by their rank-K reconstruction until the
 * largest change is below a tolerance. Rows carry weights (a model drawn w times in a
 * bootstrap resample counts w times in the means and the covariance; a row of weight 0 is
 * imputed, but does not shape the fit), so the analysis and the bootstrap share this code.
 */
#ifndef WB_IMPUTE_H
#define WB_IMPUTE_H

#include <stdbool.h>
#include <stddef.h>

/** Most iterations, and the largest change of a cell at which the iteration has converged. */
#define IMPUTE_MAX_ITERATIONS 500
#define IMPUTE_TOLERANCE 1e-6

struct impute_stats {
	unsigned iterations; /* updates made */
	bool converged;      /* the last update changed no cell by IMPUTE_TOLERANCE or more */
	double max_change;   /* the largest change of the last update (standardised units) */
	size_t cells;        /* missing cells filled */
};

/**
 * Fill the missing (NAN) cells of the n x k row-major matrix x, in place, in x's own units,
 * from a rank-`rank` fit (1 <= rank <= k). w gives each row's weight (NULL: 1 each). Every
 * column needs two different measured values in rows of positive weight.
 * Returns 0, or -1 (x unchanged) when a column has too few measured values or the
 * eigen-decomposition fails. st may be NULL. Allocates its working memory; no diagnostics.
 */
int impute_lowrank(double *x, size_t n, size_t k, const unsigned *w, unsigned rank,
		   struct impute_stats *st);

#endif
