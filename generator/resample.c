#include "resample.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

const char *resample_unit_name(enum resample_unit u)
{
	return u == UNIT_FAMILY ? "family" : "model";
}

struct fam {
	const char *family; /* NULL: a unit of its own */
	size_t i;           /* cohort model position */
};

static int cmp_fam(const void *pa, const void *pb)
{
	const struct fam *a = pa, *b = pb;
	int r = a->family && b->family ? strcmp(a->family, b->family) : 0;
	if (r)
		return r;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* unit_of[i] for every model, units numbered by their first model in cohort order. */
static size_t number_units(const struct corpus *c, const struct cohort_result *cr,
			   enum resample_unit unit, size_t *unit_of)
{
	size_t nm = cr->nmodels, nunits = 0, nf = 0;
	struct fam *f = xcalloc(nm ? nm : 1, sizeof(*f));
	size_t *leader = xcalloc(nm ? nm : 1, sizeof(size_t));

	/* the family members sorted by family then position: a group's first is its leader */
	for (size_t i = 0; i < nm; i++)
		if (unit == UNIT_FAMILY && c->models[cr->models[i]].family)
			f[nf++] = (struct fam){c->models[cr->models[i]].family, i};
	qsort(f, nf, sizeof(*f), cmp_fam);
	for (size_t i = 0; i < nm; i++)
		leader[i] = i;
	for (size_t t = 1; t < nf; t++)
		if (strcmp(f[t].family, f[t - 1].family) == 0)
			leader[f[t].i] = leader[f[t - 1].i];
	for (size_t i = 0; i < nm; i++)
		unit_of[i] = leader[i] == i ? nunits++ : unit_of[leader[i]];
	free(leader);
	free(f);
	return nunits;
}

void resample_units_init(struct resample_units *u, const struct corpus *c,
			 const struct cohort_result *cr, enum resample_unit unit)
{
	size_t nm = cr->nmodels, *unit_of = xcalloc(nm ? nm : 1, sizeof(size_t)), *fill;

	u->nmodels = nm;
	u->nunits = number_units(c, cr, unit, unit_of);
	u->first = xcalloc(u->nunits + 1, sizeof(size_t));
	u->members = xcalloc(nm ? nm : 1, sizeof(size_t));
	fill = xcalloc(u->nunits + 1, sizeof(size_t));
	for (size_t i = 0; i < nm; i++)
		u->first[unit_of[i] + 1]++;
	for (size_t t = 0; t < u->nunits; t++)
		u->first[t + 1] += u->first[t];
	for (size_t i = 0; i < nm; i++)
		u->members[u->first[unit_of[i]] + fill[unit_of[i]]++] = i;
	free(fill);
	free(unit_of);
}

void resample_units_release(struct resample_units *u)
{
	free(u->first);
	free(u->members);
	memset(u, 0, sizeof(*u));
}

void resample_draw(const struct resample_units *u, uint64_t seed, size_t r, unsigned *w)
{
	uint64_t state = rng_stream(seed, r);
	memset(w, 0, u->nmodels * sizeof(unsigned));
	for (size_t d = 0; d < u->nunits; d++) {
		size_t t = rng_index(&state, u->nunits);
		for (size_t m = u->first[t]; m < u->first[t + 1]; m++)
			w[u->members[m]]++;
	}
}

void resample_leave_out(const struct resample_units *u, size_t unit, unsigned *w)
{
	for (size_t i = 0; i < u->nmodels; i++)
		w[i] = 1;
	for (size_t m = u->first[unit]; m < u->first[unit + 1]; m++)
		w[u->members[m]] = 0;
}
