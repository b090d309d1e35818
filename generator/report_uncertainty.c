#include "report_uncertainty.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"

struct value *report_bootstrap_method(const struct uncertainty *u)
{
	struct value *o = value_object();
	value_set_statistic(o, "resamples", (double)u->opt.resamples);
	value_set_number(o, "seed", (double)u->opt.seed);
	value_set_string(o, "unit", resample_unit_name(u->opt.unit));
	value_set_statistic(o, "ci_level", u->opt.level);
	value_set_string(o, "ci_method", ci_method_name(u->opt.method));
	value_set_statistic(o, "min_valid_share", UNCERTAINTY_MIN_VALID);
	value_set_statistic(o, "min_distinct", ANALYSIS_MIN_MODELS);
	return o;
}

/* KEY_ci_low and KEY_ci_high (null when the interval is). */
static void set_interval(struct value *o, const char *key, const struct interval *iv)
{
	struct buf k = BUF_INIT;
	buf_printf(&k, "%s_ci_low", key);
	value_set_statistic(o, buf_str(&k), iv->lo);
	buf_reset(&k);
	buf_printf(&k, "%s_ci_high", key);
	value_set_statistic(o, buf_str(&k), iv->hi);
	buf_release(&k);
}

/* A correlation's bootstrap interval, its share of valid resamples and its Fisher interval. */
static void set_correlation(struct value *o, const char *key, const struct interval *iv,
			    const double fisher[2])
{
	struct buf k = BUF_INIT;
	set_interval(o, key, iv);
	buf_printf(&k, "%s_valid", key);
	value_set_statistic(o, buf_str(&k), iv->valid);
	buf_reset(&k);
	buf_printf(&k, "%s_fisher_low", key);
	value_set_statistic(o, buf_str(&k), fisher[0]);
	buf_reset(&k);
	buf_printf(&k, "%s_fisher_high", key);
	value_set_statistic(o, buf_str(&k), fisher[1]);
	buf_release(&k);
}

void report_capability_uncertainty(struct value *o, const struct cohort_uncertainty *cu)
{
	set_interval(o, "variance_explained", &cu->variance);
	value_set_statistic(o, "eigenvalue_ratio", cu->eigen_ratio);
	value_set_statistic(o, "pc1_cosine_median", cu->cos_median);
	value_set_statistic(o, "pc1_cosine_p05", cu->cos_p05);
	if (cu->pc1_warning)
		value_set_string(o, "pc1_warning", cu->pc1_warning);
	else
		value_set_null(o, "pc1_warning");
}

/* "this benchmark tracks capabilities" and the like: what verdict v says of a benchmark. */
static const char *verdict_phrase(enum verdict v)
{
	static const char *const says[] = {"tracks capabilities", "is moderately tied to capabilities",
					   "is distinct from capabilities",
					   "worsens with capabilities", "has too little data"};
	return v < VERDICT_COUNT ? says[v] : says[VERDICT_INSUFFICIENT];
}

/* "moderate" and the like: what a change makes it. */
static const char *verdict_becomes(enum verdict v)
{
	static const char *const becomes[] = {"tracks capabilities", "moderate", "distinct",
					      "worsens with capabilities", "insufficient data"};
	return v < VERDICT_COUNT ? becomes[v] : becomes[VERDICT_INSUFFICIENT];
}

/* "; dropping A, B or C alone makes it moderate" for every verdict the flips give. */
static void flip_clauses(struct buf *s, const struct corpus *c, const struct cohort_result *cr,
			 const struct flip *f, size_t n, bool models)
{
	for (int v = 0; v < VERDICT_COUNT; v++) {
		size_t count = 0, shown = 0;
		for (size_t t = 0; t < n; t++)
			count += f[t].verdict == (enum verdict)v;
		if (!count)
			continue;
		buf_puts(s, models ? "; dropping " : "; leaving ");
		/* up to four names; more are three and a count */
		size_t show = count <= 4 ? count : 3;
		for (size_t t = 0; t < n && shown < show; t++) {
			const char *name;
			if (f[t].verdict != (enum verdict)v)
				continue;
			name = models ? c->models[cr->models[f[t].what]].name
				      : c->benchmarks[cr->cap[f[t].what]].name;
			if (shown)
				buf_puts(s, shown + 1 == count ? " or " : ", ");
			buf_puts(s, name);
			shown++;
		}
		if (count > shown)
			buf_printf(s, " (or any of %zu more)", count - shown);
		buf_printf(s, "%s makes it %s", models ? " alone" : " out of the capabilities score",
			   verdict_becomes((enum verdict)v));
	}
}

static char *sentence(const struct corpus *c, const struct cohort_result *cr, size_t r,
		      const struct bench_uncertainty *bu, enum resample_unit unit)
{
	const struct bench_result *br = &cr->results[r];
	struct buf s = BUF_INIT;

	if (br->verdict == VERDICT_INSUFFICIENT)
		return NULL;
	buf_printf(&s, "In %.0f%% of resamples of the %s this benchmark %s",
		   floor(bu->confidence * 100 + 0.5), unit == UNIT_FAMILY ? "model families" : "models",
		   verdict_phrase(br->verdict));
	if (!bu->nmodel_flips && !bu->ncap_flips)
		buf_puts(&s, "; no single model or capability benchmark left out changes that");
	flip_clauses(&s, c, cr, bu->model_flips, bu->nmodel_flips, true);
	flip_clauses(&s, c, cr, bu->cap_flips, bu->ncap_flips, false);
	buf_putc(&s, '.');
	return buf_detach(&s);
}

static struct value *flips(const struct corpus *c, const struct cohort_result *cr,
			   const struct flip *f, size_t n, bool models)
{
	struct value *list = value_array();
	for (size_t t = 0; t < n; t++) {
		struct value *e = value_push(list, value_object());
		if (models) {
			const struct model *m = &c->models[cr->models[f[t].what]];
			value_set_string(e, "model", m->id);
			value_set_string(e, "name", m->name);
		} else {
			const struct benchmark *b = &c->benchmarks[cr->cap[f[t].what]];
			value_set_string(e, "benchmark", b->id);
			value_set_string(e, "name", b->name);
		}
		value_set_string(e, "verdict", verdict_id(f[t].verdict));
	}
	return list;
}

void report_bench_uncertainty(struct value *o, const struct corpus *c,
			      const struct cohort_result *cr, size_t r,
			      const struct cohort_uncertainty *cu, enum resample_unit unit)
{
	const struct bench_uncertainty *bu = &cu->bench[r];
	const struct benchmark *b = &c->benchmarks[cr->results[r].bench];
	char *text;

	set_correlation(o, "capabilities_correlation", &bu->cap_corr, bu->fisher_cap);
	set_interval(o, "pearson", &bu->pearson);
	set_correlation(o, "compute_correlation", &bu->compute_corr, bu->fisher_compute);
	if (b->correlate_with)
		set_correlation(o, "reference_correlation", &bu->reference_corr,
				bu->fisher_reference);
	set_interval(o, "slope", &bu->slope);
	set_interval(o, "standardized_slope", &bu->std_slope);
	set_interval(o, "compute_slope", &bu->compute_slope);
	value_set_statistic(o, "verdict_confidence", bu->confidence);
	if (confidence_name(bu->label))
		value_set_string(o, "verdict_confidence_label", confidence_name(bu->label));
	else
		value_set_null(o, "verdict_confidence_label");
	text = sentence(c, cr, r, bu, unit);
	value_set(o, "verdict_sentence", text ? value_string_own(text) : value_null());
	value_set_statistic(o, "loo_model_low", bu->loo_lo);
	value_set_statistic(o, "loo_model_high", bu->loo_hi);
	value_set(o, "loo_model_flips", flips(c, cr, bu->model_flips, bu->nmodel_flips, true));
	if (bu->cap_basis) {
		value_set_statistic(o, "loo_capability_low", bu->loocap_lo);
		value_set_statistic(o, "loo_capability_high", bu->loocap_hi);
		value_set(o, "loo_capability_flips",
			  flips(c, cr, bu->cap_flips, bu->ncap_flips, false));
	}
}

void report_model_uncertainty(struct value *o, const struct cohort_uncertainty *cu, size_t i)
{
	set_interval(o, "capability_score", &cu->models[i].score);
	set_interval(o, "capability_rank", &cu->models[i].score_rank);
}

void report_leader_uncertainty(struct value *o, const struct corpus *c,
			       const struct cohort_result *cr, const struct cohort_uncertainty *cu,
			       size_t i)
{
	const struct model_uncertainty *mu = &cu->models[i];
	set_interval(o, "safety_score", &mu->safety);
	set_interval(o, "safety_rank", &mu->safety_rank);
	set_interval(o, "decorrelated_score", &mu->decorrelated);
	set_interval(o, "decorrelated_rank", &mu->decorrelated_rank);
	value_set_statistic(o, "loo_rank_move", mu->loo_move);
	if (isfinite(mu->loo_move))
		value_set_string(o, "loo_rank_move_model", c->models[cr->models[mu->loo_mover]].id);
	else
		value_set_null(o, "loo_rank_move_model");
}
