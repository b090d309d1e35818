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
/** Population standard deviation (ddof = 0) of x[0..n); NAN when n == 0, 0 exactly when every
 * value is the same. */
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

/**
 * Every eigenpair of the symmetric k x k matrix m (row-major; not modified): eigenvalues
 * descending into values (k), eigenvector t into vectors[t * k .. t * k + k) (unit length,
 * sign arbitrary). Returns 0, or -1 when m is not finite or the decomposition fails.
 */
int stats_eigen(const double *m, size_t k, double *values, double *vectors);

/**
 * Quantile p (0..1) of the n sorted values x, interpolating linearly between order statistics
 * (position p * (n - 1): numpy's default, Hyndman and Fan's type 7). NAN when n == 0.
 */
double stats_quantile_sorted(const double *x, size_t n, double p);
/**
 * The same quantile of n values in any order, found by selection in O(n) time: x is
 * reordered. NAN when n == 0.
 */
double stats_quantile(double *x, size_t n, double p);
/** The standard normal distribution function Phi(x). */
double stats_normal_cdf(double x);
/** Its inverse Phi^-1(p) for 0 < p < 1; -/+INFINITY at 0 and 1. */
double stats_normal_quantile(double p);
/**
 * The analytic interval of a Spearman correlation r over n pairs at level (e.g. 0.95):
 * Fisher's z with Bonett and Wright's (2000) variance (1 + r^2 / 2) / (n - 3). [r, r] when
 * |r| = 1. Returns 0, or -1 (lo and hi NAN) when r is not finite or n < 4.
 */
int stats_spearman_interval(double r, size_t n, double level, double *lo, double *hi);

#endif
