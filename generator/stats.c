#include "stats.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>

#include "buf.h"

/* GSL's default handler aborts; we check return codes instead. Called before each entry. */
static void gsl_quiet(void)
{
	static int done;
	if (!done) {
		gsl_set_error_handler_off();
		done = 1;
	}
}

double stats_mean(const double *x, size_t n)
{
	return n ? gsl_stats_mean(x, 1, n) : NAN;
}

static int constant(const double *x, size_t n);

double stats_sd(const double *x, size_t n)
{
	double m;
	if (!n)
		return NAN;
	if (constant(x, n)) /* 0 exactly: the mean of equal values may be off by rounding */
		return 0;
	m = gsl_stats_mean(x, 1, n);
	return sqrt(gsl_stats_tss_m(x, 1, n, m) / (double)n);
}

void stats_rank(const double *x, size_t n, double *ranks)
{
	size_t *idx = xcalloc(n ? n : 1, sizeof(*idx));
	size_t i = 0;

	gsl_sort_index(idx, x, 1, n); /* stable for equal keys is not needed: ties get one rank */
	while (i < n) {
		size_t j = i;
		double avg;
		while (j + 1 < n && x[idx[j + 1]] == x[idx[i]])
			j++;
		avg = ((double)i + (double)j) / 2.0 + 1.0;
		for (size_t t = i; t <= j; t++)
			ranks[idx[t]] = avg;
		i = j + 1;
	}
	free(idx);
}

static int constant(const double *x, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (x[i] != x[0])
			return 0;
	return 1;
}

double stats_pearson(const double *x, const double *y, size_t n)
{
	gsl_quiet();
	if (n < 2 || constant(x, n) || constant(y, n))
		return NAN;
	return gsl_stats_correlation(x, 1, y, 1, n);
}

double stats_spearman(const double *x, const double *y, size_t n)
{
	double *rx, *ry, r;

	if (n < 2 || constant(x, n) || constant(y, n))
		return NAN;
	rx = xcalloc(n, sizeof(*rx));
	ry = xcalloc(n, sizeof(*ry));
	stats_rank(x, n, rx);
	stats_rank(y, n, ry);
	r = stats_pearson(rx, ry, n);
	free(rx);
	free(ry);
	return r;
}

int stats_ols(const double *x, const double *y, size_t n, struct ols *fit)
{
	double c0, c1, cov00, cov01, cov11, sumsq;

	gsl_quiet();
	if (n < 2 || constant(x, n))
		return -1;
	if (gsl_fit_linear(x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq) != GSL_SUCCESS)
		return -1;
	fit->intercept = c0;
	fit->slope = c1;
	fit->stderr_ = n >= 3 ? sqrt(cov11) : NAN;
	return isfinite(c1) ? 0 : -1;
}

int stats_eigen(const double *m, size_t k, double *values, double *vectors)
{
	gsl_matrix *a = NULL, *evec = NULL;
	gsl_vector *eval = NULL;
	gsl_eigen_symmv_workspace *w = NULL;
	int rc = -1;

	gsl_quiet();
	if (k == 0)
		return -1;
	for (size_t i = 0; i < k * k; i++)
		if (!isfinite(m[i]))
			return -1;
	a = gsl_matrix_alloc(k, k);
	evec = gsl_matrix_alloc(k, k);
	eval = gsl_vector_alloc(k);
	w = gsl_eigen_symmv_alloc(k);
	if (!a || !evec || !eval || !w)
		goto out;
	for (size_t i = 0; i < k; i++)
		for (size_t j = 0; j < k; j++)
			gsl_matrix_set(a, i, j, m[i * k + j]); /* symmv destroys its input: a copy */
	if (gsl_eigen_symmv(a, eval, evec, w) != GSL_SUCCESS ||
	    gsl_eigen_symmv_sort(eval, evec, GSL_EIGEN_SORT_VAL_DESC) != GSL_SUCCESS)
		goto out;
	for (size_t t = 0; t < k; t++) {
		values[t] = gsl_vector_get(eval, t);
		for (size_t j = 0; j < k; j++)
			vectors[t * k + j] = gsl_matrix_get(evec, j, t);
	}
	rc = 0;
out:
	if (w)
		gsl_eigen_symmv_free(w);
	gsl_vector_free(eval);
	gsl_matrix_free(evec);
	gsl_matrix_free(a);
	return rc;
}

int stats_pc1(const double *m, size_t k, double *eigenvalues, double *pc1)
{
	double *vectors;
	size_t big = 0;

	if (k == 0)
		return -1;
	vectors = xmalloc(k * k * sizeof(*vectors));
	if (stats_eigen(m, k, eigenvalues, vectors) != 0) {
		free(vectors);
		return -1;
	}
	for (size_t i = 0; i < k; i++) {
		pc1[i] = vectors[i]; /* the first eigenvector: row 0 */
		if (fabs(pc1[i]) > fabs(pc1[big]))
			big = i;
	}
	if (pc1[big] < 0)
		for (size_t i = 0; i < k; i++)
			pc1[i] = -pc1[i];
	free(vectors);
	return 0;
}

double stats_quantile_sorted(const double *x, size_t n, double p)
{
	double pos, frac;
	size_t lo;
	if (n == 0)
		return NAN;
	pos = p * (double)(n - 1);
	lo = (size_t)floor(pos);
	if (lo >= n - 1)
		return x[n - 1];
	frac = pos - (double)lo;
	return x[lo] + frac * (x[lo + 1] - x[lo]);
}

/* The k-th smallest of x[0..n) (0-based) into x[k], smaller ones before it, larger after
 * (Hoare's selection with a median-of-three pivot). */
static void select_kth(double *x, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;
	while (hi > lo) {
		size_t mid = lo + (hi - lo) / 2, i = lo, j = hi;
		double a = x[lo], b = x[mid], c = x[hi], pivot, t;
		pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
		while (i <= j) {
			while (x[i] < pivot)
				i++;
			while (x[j] > pivot)
				j--;
			if (i <= j) {
				t = x[i];
				x[i] = x[j];
				x[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			return;
	}
}

double stats_quantile(double *x, size_t n, double p)
{
	double pos, frac, next;
	size_t lo;
	if (n == 0)
		return NAN;
	pos = p * (double)(n - 1);
	lo = (size_t)floor(pos);
	if (lo >= n - 1)
		lo = n - 1;
	select_kth(x, n, lo);
	frac = pos - (double)lo;
	if (lo + 1 >= n || frac == 0)
		return x[lo];
	next = x[lo + 1];
	for (size_t i = lo + 2; i < n; i++) /* the next order statistic: the least after lo */
		if (x[i] < next)
			next = x[i];
	return x[lo] + frac * (next - x[lo]);
}

double stats_normal_cdf(double x)
{
	return gsl_cdf_ugaussian_P(x);
}

double stats_normal_quantile(double p)
{
	if (p <= 0)
		return -INFINITY;
	if (p >= 1)
		return INFINITY;
	return gsl_cdf_ugaussian_Pinv(p);
}

int stats_spearman_interval(double r, size_t n, double level, double *lo, double *hi)
{
	double z, se, c;
	*lo = *hi = NAN;
	if (!isfinite(r) || n < 4)
		return -1;
	if (fabs(r) >= 1) {
		*lo = *hi = r;
		return 0;
	}
	z = atanh(r);
	se = sqrt((1 + r * r / 2) / ((double)n - 3));
	c = stats_normal_quantile((1 + level) / 2);
	*lo = tanh(z - c * se);
	*hi = tanh(z + c * se);
	return 0;
}
