/*
 * resample.h - the bootstrap's resamples: units of models and seeded weight vectors.
 *
 * A resample is a vector of integer weights over a cohort's models (how many times each
 * model was drawn). Resample r of seed S is always the same vector, whoever draws it and in
 * whatever order, so a bootstrap split over threads gives the same output. The stream
 * (util.h's rng_*) is specified in docs/method.md section 3, so an independent
 * implementation (tests/uncertainty_ref.py) draws the same resamples.
 */
#ifndef WB_RESAMPLE_H
#define WB_RESAMPLE_H

#include <stddef.h>
#include <stdint.h>

#include "analysis.h"

enum resample_unit {
	UNIT_MODEL,  /* every model is a unit */
	UNIT_FAMILY, /* models of one `family` are one unit; a model without one is its own */
};

/** "model" or "family". */
const char *resample_unit_name(enum resample_unit u);

/** The units of a cohort: unit u holds models members[first[u] .. first[u + 1]). */
struct resample_units {
	size_t nunits;
	size_t *first;   /* nunits + 1 offsets into members */
	size_t *members; /* cohort model positions, grouped by unit */
	size_t nmodels;  /* models of the cohort (weights vectors have this length) */
};

/**
 * The units of cohort cr by unit, ordered by their first model in cohort order. Release
 * with resample_units_release().
 */
void resample_units_init(struct resample_units *u, const struct corpus *c,
			 const struct cohort_result *cr, enum resample_unit unit);
/** Free what resample_units_init() allocated. */
void resample_units_release(struct resample_units *u);

/** Resample r of seed: the weights of every model into w[0 .. u->nmodels). */
void resample_draw(const struct resample_units *u, uint64_t seed, size_t r, unsigned *w);

/** Unit unit left out, every other model weight 1 (the jackknife's samples). */
void resample_leave_out(const struct resample_units *u, size_t unit, unsigned *w);

#endif
