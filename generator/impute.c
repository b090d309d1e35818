#include "impute.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "stats.h"

static double weight_of(const unsigned *w, size_t i)
{
	return w ? (double)w[i] : 1.0;
}

/* Mean and population SD of column j's measured cells (rows of positive weight); -1 when it
 * has no two different values. */
static int column_scale(const double *x, size_t n, size_t k, size_t j, const unsigned *w,
			double *mean, double *sd)
{
	double sw = 0, sx = 0, ss = 0, first = NAN;
	bool varies = false;

	for (size_t i = 0; i < n; i++) {
		double v = x[i * k + j];
		if (!isfinite(v) || weight_of(w, i) == 0)
			continue;
		if (sw == 0)
			first = v;
		varies |= v != first;
		sw += weight_of(w, i);
		sx += weight_of(w, i) * v;
	}
	if (!varies)
		return -1;
	*mean = sx / sw;
	for (size_t i = 0; i < n; i++) {
		double v = x[i * k + j];
		if (isfinite(v) && weight_of(w, i) > 0)
			ss += weight_of(w, i) * (v - *mean) * (v - *mean);
	}
	*sd = sqrt(ss / sw);
	return *sd > 0 ? 0 : -1;
}

/* The weighted column means m and covariance c (k x k) of the filled matrix z. */
static void covariance(const double *z, size_t n, size_t k, const unsigned *w, double *m,
		       double *c)
{
	double sw = 0;
	memset(m, 0, k * sizeof(double));
	memset(c, 0, k * k * sizeof(double));
	for (size_t i = 0; i < n; i++) {
		sw += weight_of(w, i);
		for (size_t j = 0; j < k; j++)
			m[j] += weight_of(w, i) * z[i * k + j];
	}
	for (size_t j = 0; j < k; j++)
		m[j] /= sw;
	for (size_t i = 0; i < n; i++) {
		double wi = weight_of(w, i);
		if (wi == 0)
			continue;
		for (size_t a = 0; a < k; a++)
			for (size_t b = a; b < k; b++)
				c[a * k + b] += wi * (z[i * k + a] - m[a]) * (z[i * k + b] - m[b]);
	}
	for (size_t a = 0; a < k; a++)
		for (size_t b = a; b < k; b++)
			c[b * k + a] = c[a * k + b] /= sw;
}

/*
 * One update: every missing cell (miss) of z becomes its reconstruction from the rank-r
 * subspace v (r x k) around m, computed from the row as it was. Returns the largest change.
 */
static double update(double *z, const bool *miss, size_t n, size_t k, const double *m,
		     const double *v, unsigned r, double *proj)
{
	double largest = 0;
	for (size_t i = 0; i < n; i++) {
		bool any = false;
		for (size_t j = 0; j < k; j++)
			any |= miss[i * k + j];
		if (!any)
			continue;
		for (unsigned t = 0; t < r; t++) {
			proj[t] = 0;
			for (size_t j = 0; j < k; j++)
				proj[t] += (z[i * k + j] - m[j]) * v[t * k + j];
		}
		for (size_t j = 0; j < k; j++) {
			double zz = m[j];
			if (!miss[i * k + j])
				continue;
			for (unsigned t = 0; t < r; t++)
				zz += proj[t] * v[t * k + j];
			largest = fmax(largest, fabs(zz - z[i * k + j]));
			z[i * k + j] = zz;
		}
	}
	return largest;
}

int impute_lowrank(double *x, size_t n, size_t k, const unsigned *w, unsigned rank,
		   struct impute_stats *st)
{
	double *mean = xcalloc(k, sizeof(double)), *sd = xcalloc(k, sizeof(double));
	double *z = xcalloc(n * k + 1, sizeof(double)), *m = xcalloc(k, sizeof(double));
	double *c = xcalloc(k * k, sizeof(double)), *values = xcalloc(k, sizeof(double));
	double *vectors = xcalloc(k * k, sizeof(double)), *proj = xcalloc(k, sizeof(double));
	bool *miss = xcalloc(n * k + 1, sizeof(bool));
	struct impute_stats local = {0, false, 0, 0};
	int rc = -1;

	if (!st)
		st = &local;
	*st = local;
	if (k == 0 || rank == 0 || rank > k)
		goto out;
	for (size_t j = 0; j < k; j++)
		if (column_scale(x, n, k, j, w, &mean[j], &sd[j]) < 0)
			goto out;
	for (size_t i = 0; i < n * k; i++) {
		miss[i] = !isfinite(x[i]);
		z[i] = miss[i] ? 0 : (x[i] - mean[i % k]) / sd[i % k];
		st->cells += miss[i];
	}
	while (st->cells && st->iterations < IMPUTE_MAX_ITERATIONS && !st->converged) {
		covariance(z, n, k, w, m, c);
		if (stats_eigen(c, k, values, vectors) < 0)
			goto out;
		st->max_change = update(z, miss, n, k, m, vectors, rank, proj);
		st->iterations++;
		st->converged = st->max_change < IMPUTE_TOLERANCE;
	}
	st->converged |= st->cells == 0;
	for (size_t i = 0; i < n * k; i++)
		if (miss[i])
			x[i] = mean[i % k] + sd[i % k] * z[i];
	rc = 0;
out:
	free(mean);
	free(sd);
	free(z);
	free(m);
	free(c);
	free(values);
	free(vectors);
	free(proj);
	free(miss);
	return rc;
}
