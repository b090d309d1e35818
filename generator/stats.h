/*
 * stats.h - the numerics of the method (the only module that sees GSL).
 *
 * Every function takes plain arrays of complete pairs (callers do pairwise deletion) and
 * returns NAN, or -1, when the statistic is undefined (too few points, a constant column);
 * none of them ever aborts.
 */
#ifndef WB_STATS_H
#define WB_STATS_H

#include <stddef.h>

/** Mean of x[0..n); NAN when n == 0. */
double stats_mean(const double *x, size_t n);
/** Population standard deviation (ddof = 0) of x[0..n); NAN when n == 0. */
double stats_sd(const double *x, size_t n);
/** Fractional ranks of x into ranks (1-based; ties share the average of their ranks). */
void stats_rank(const double *x, size_t n, double *ranks);
/** Pearson correlation; NAN when n < 2 or either column is constant. */
double stats_pearson(const double *x, const double *y, size_t n);
/** Spearman rank correlation (average ranks for ties); NAN when n < 2 or a column is constant. */
double stats_spearman(const double *x, const double *y, size_t n);

struct ols {
	double slope;     /* d y / d x */
	double intercept; /* y at x = 0 */
	double stderr_;   /* standard error of the slope (residual variance over n - 2); NAN if n < 3 */
};

/** Ordinary least squares of y on x. Returns 0, or -1 when n < 2 or x is constant. */
int stats_ols(const double *x, const double *y, size_t n, struct ols *fit);

/**
 * Eigen-decomposition of the symmetric k x k matrix m (row-major; not modified).
 * Fills eigenvalues (k, descending) and pc1 (k: the eigenvector of the largest eigenvalue,
 * unit length, signed so that its largest-magnitude entry is positive).
 * Returns 0, or -1 when the decomposition fails or m is not finite.
 */
int stats_pc1(const double *m, size_t k, double *eigenvalues, double *pc1);

#endif
