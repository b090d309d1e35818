#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_uncertainty.h"
#include "version.h"

static void set_opt_string(struct value *o, const char *key, const char *s)
{
	if (s)
		value_set_string(o, key, s);
}

static struct value *model_summary(const struct corpus *c, const struct model *m,
				   const struct cohort_result *cr, size_t i)
{
	struct value *o = value_object();
	value_set_string(o, "id", m->id);
	value_set_string(o, "name", m->name);
	set_opt_string(o, "source_id", m->source_id);
	set_opt_string(o, "family", m->family);
	if (m->has_params)
		value_set_number(o, "params", m->params);
	if (m->has_flop) {
		value_set_number(o, "training_flop", m->training_flop);
		value_set_statistic(o, "log10_training_flop", log10(m->training_flop));
	}
	set_opt_string(o, "flop_source", m->flop_source);
	set_opt_string(o, "released", m->released);
	set_opt_string(o, "source", m->source);
	if (m->open_weights >= 0)
		value_set_bool(o, "open_weights", m->open_weights == 1);
	value_set_statistic(o, "capability_score", cr->score[i]);
	if (score_basis_name(cr->basis[i]))
		value_set_string(o, "capability_score_basis", score_basis_name(cr->basis[i]));
	else
		value_set_null(o, "capability_score_basis");
	if (cr->basis[i] == SCORE_REDUCED) {
		struct value *ids = value_set(o, "capability_benchmarks", value_array());
		for (size_t j = 0; j < cr->ncap; j++)
			if (cr->subset[i * cr->ncap + j])
				value_push(ids, value_string(c->benchmarks[cr->cap[j]].id));
	}
	if (cr->score_rank[i])
		value_set_statistic(o, "capability_rank", (double)cr->score_rank[i]);
	else
		value_set_null(o, "capability_rank");
	return o;
}

/* The imputation of the capability block (docs/method.md 1b), when it was asked for. */
static struct value *imputation(const struct cohort_result *cr)
{
	const struct imputation *im = &cr->imputation;
	struct value *o = value_object();
	bool used = !im->failed && im->st.converged;
	value_set_string(o, "method", "svd");
	value_set_statistic(o, "rank", (double)im->rank);
	value_set_statistic(o, "min_share", im->min_share);
	value_set_statistic(o, "n_eligible", (double)im->n_eligible);
	value_set_statistic(o, "n_imputed", (double)im->st.cells);
	value_set_statistic(o, "iterations", (double)im->st.iterations);
	value_set_bool(o, "converged", !im->failed && im->st.converged);
	value_set_statistic(o, "max_change", im->failed ? NAN : im->st.max_change);
	value_set_bool(o, "used", used);
	value_set_statistic(o, "recover_rmse_z", im->recover_rmse_z);
	value_set_statistic(o, "recover_cells", (double)im->recover_cells);
	return o;
}

static struct value *capability_block(const struct corpus *c, const struct cohort_result *cr)
{
	struct value *o = value_object(), *ids = value_array(), *ev = value_array(),
		     *ld = value_array(), *mx = value_array();
	size_t k = cr->ncap;

	for (size_t j = 0; j < k; j++)
		value_push(ids, value_string(c->benchmarks[cr->cap[j]].id));
	value_set(o, "benchmarks", ids);
	value_set_statistic(o, "n_models", (double)cr->n_complete);
	value_set_statistic(o, "variance_explained", cr->variance_explained);
	for (size_t j = 0; cr->eigenvalues && j < k; j++)
		value_push(ev, value_statistic(cr->eigenvalues[j]));
	value_set(o, "eigenvalues", ev);
	for (size_t j = 0; cr->loadings && j < k; j++) {
		struct value *e = value_object();
		value_set_string(e, "benchmark", c->benchmarks[cr->cap[j]].id);
		value_set_string(e, "name", c->benchmarks[cr->cap[j]].name);
		value_set_statistic(e, "loading", cr->loadings[j]);
		value_push(ld, e);
	}
	value_set(o, "loadings", ld);
	for (size_t a = 0; cr->matrix && a < k; a++) {
		struct value *row = value_array();
		for (size_t b = 0; b < k; b++)
			value_push(row, value_statistic(cr->matrix[a * k + b]));
		value_push(mx, row);
	}
	value_set(o, "matrix", mx);
	value_set_statistic(o, "intercorrelation_mean", cr->inter_mean);
	value_set_statistic(o, "intercorrelation_sd", cr->inter_sd);
	if (cr->note)
		value_set_string(o, "note", cr->note);
	else
		value_set_null(o, "note");
	if (cr->imputation.on)
		value_set(o, "imputation", imputation(cr));
	return o;
}

/* Imputed cells, marked as such: an imputed value is never a measurement. */
static void imputed_cells(const struct corpus *c, const struct cohort_result *cr,
			  const struct bench_result *br, struct value *ms)
{
	const struct benchmark *b = &c->benchmarks[br->bench];
	for (size_t i = 0; i < cr->nmodels; i++) {
		struct value *e;
		double x = br->imputed[i];
		if (!isfinite(x))
			continue;
		e = value_push(ms, value_object());
		value_set_string(e, "model", c->models[cr->models[i]].id);
		value_set_null(e, "value");
		value_set_bool(e, "imputed", true);
		/* back in the benchmark's own direction; a target's -|x - t| has none */
		value_set_statistic(e, "imputed_value",
				    b->has_target ? NAN : b->higher_is_better ? x : -x);
	}
}

/* The models without a value, and whether missingness is tied to capability. */
static void missing_models(const struct corpus *c, const struct cohort_result *cr,
			   const struct bench_result *br, struct value *o)
{
	struct value *ids = value_set(o, "missing_models", value_array());
	for (size_t i = 0; i < cr->nmodels; i++)
		if (!isfinite(br->oriented[i]))
			value_push(ids, value_string(c->models[cr->models[i]].id));
	value_set_statistic(o, "missing_auc", br->missing_auc);
	value_set_bool(o, "missing_tied_to_capability", br->missing_tied);
}

static struct value *benchmark_entry(const struct corpus *c, const struct cohort_result *cr,
				     const struct bench_result *br,
				     const struct cohort_uncertainty *cu, enum resample_unit unit)
{
	const struct benchmark *b = &c->benchmarks[br->bench];
	struct value *o = value_object(), *ms = value_array();

	value_set_string(o, "id", b->id);
	set_opt_string(o, "source_id", b->source_id);
	value_set_string(o, "name", b->name);
	value_set_string(o, "role", role_name(b->role));
	value_set_string(o, "area", b->area);
	value_set_string(o, "metric", b->metric);
	value_set_bool(o, "higher_is_better", b->higher_is_better);
	if (b->has_target)
		value_set_number(o, "target", b->target);
	if (b->naggregate_of) {
		struct value *parts = value_set(o, "aggregate_of", value_array());
		for (size_t j = 0; j < b->naggregate_of; j++)
			value_push(parts, value_string(b->aggregate_of[j]));
	}
	set_opt_string(o, "url", b->url);
	set_opt_string(o, "citation", b->citation);
	set_opt_string(o, "description", b->description);
	value_set_statistic(o, "n_values", (double)br->n_values);
	value_set_statistic(o, "n", (double)br->n);
	value_set_statistic(o, "capabilities_correlation", br->cap_corr);
	value_set_statistic(o, "n_compute", (double)br->n_compute);
	value_set_statistic(o, "compute_correlation", br->compute_corr);
	if (b->correlate_with) {
		value_set_string(o, "correlate_with", b->correlate_with);
		value_set_statistic(o, "n_reference", (double)br->n_reference);
		value_set_statistic(o, "reference_correlation", br->reference_corr);
	}
	value_set_statistic(o, "pearson", br->pearson);
	value_set_statistic(o, "slope", br->slope);
	value_set_statistic(o, "slope_stderr", br->slope_se);
	value_set_statistic(o, "standardized_slope", br->std_slope);
	value_set_statistic(o, "compute_slope", br->compute_slope);
	value_set_statistic(o, "mean", br->mean);
	value_set_statistic(o, "sd", br->sd);
	value_set_statistic(o, "n_mode", (double)br->n_mode);
	value_set_bool(o, "near_constant", br->near_constant);
	if (basis_name(br->basis))
		value_set_string(o, "residual_basis", basis_name(br->basis));
	else
		value_set_null(o, "residual_basis");
	value_set_string(o, "verdict", verdict_id(br->verdict));
	value_set_string(o, "verdict_label", verdict_label(br->verdict));
	value_set_string(o, "verdict_basis", b->correlate_with ? "reference" : "capabilities");
	if (cu)
		report_bench_uncertainty(o, c, cr, (size_t)(br - cr->results), cu, unit);
	for (size_t i = 0; i < cr->nmodels; i++) {
		const struct model *m = &c->models[cr->models[i]];
		const struct score *s = &m->scores[br->bench];
		struct value *e;
		double expected = NAN;
		if (!s->present)
			continue;
		e = value_object();
		value_set_string(e, "model", m->id);
		value_set_number(e, "value", s->value);
		if (s->has_stderr)
			value_set_number(e, "stderr", s->stderr_);
		if (s->has_n)
			value_set_number(e, "n", s->n);
		value_set_statistic(e, "z", br->z[i]);
		/* expected back on the benchmark's own scale, in its own direction; a target
		 * benchmark's -|x - target| cannot be turned back into x, so it has none */
		if (isfinite(br->expected_z[i]) && !b->has_target) {
			expected = br->mean + br->sd * br->expected_z[i];
			if (!b->higher_is_better)
				expected = -expected;
		}
		value_set_statistic(e, "expected", expected);
		value_set_statistic(e, "residual", br->residual[i]);
		if (br->basis != BASIS_NONE)
			value_set_statistic(e, "leaderboard_residual", br->lb_residual[i]);
		value_push(ms, e);
	}
	imputed_cells(c, cr, br, ms);
	for (size_t i = 0; i < ms->n; i++)
		value_compact(ms->items[i]); /* a row a cell: one key list for all of them */
	value_set(o, "models", ms);
	missing_models(c, cr, br, o);
	return o;
}

/* The share of the cohort's leaderboard areas where the model has a benchmark. */
static double area_coverage(const struct cohort_result *cr, const struct leader *l)
{
	size_t areas = 0;
	for (size_t a = 0; a < cr->nareas; a++)
		areas += isfinite(l->areas[a].coverage);
	return areas ? (double)l->areas_covered / (double)areas : NAN;
}

static struct value *leaderboard(const struct corpus *c, const struct cohort_result *cr,
				 const struct cohort_uncertainty *cu)
{
	struct value *list = value_array();
	for (size_t t = 0; t < cr->nmodels; t++) {
		const struct leader *l = &cr->leaders[t];
		const struct model *m = &c->models[cr->models[l->model]];
		struct value *e = value_object(), *areas = value_array();
		value_set_string(e, "model", m->id);
		value_set_string(e, "name", m->name);
		value_set_statistic(e, "capability_score", cr->score[l->model]);
		value_set_statistic(e, "safety_score", l->safety);
		value_set(e, "safety_rank",
			  l->safety_rank ? value_number((double)l->safety_rank) : value_null());
		value_set_statistic(e, "decorrelated_score", l->decorrelated);
		value_set(e, "decorrelated_rank", l->decorrelated_rank
							  ? value_number((double)l->decorrelated_rank)
							  : value_null());
		if (l->raw_rank_scored && l->decorrelated_rank)
			value_set_statistic(e, "rank_change",
					 (double)(l->raw_rank_scored - l->decorrelated_rank));
		else
			value_set_null(e, "rank_change");
		value_set_statistic(e, "coverage",
				 cr->n_safety ? (double)l->covered / (double)cr->n_safety : NAN);
		value_set_statistic(e, "n_benchmarks", (double)l->covered);
		value_set_bool(e, "ranked", l->ranked);
		value_set_statistic(e, "areas_covered", (double)l->areas_covered);
		value_set_statistic(e, "area_coverage", area_coverage(cr, l));
		if (cu)
			report_leader_uncertainty(e, c, cr, cu, l->model);
		for (size_t a = 0; a < cr->nareas; a++) {
			struct value *ae = value_object();
			value_set_string(ae, "area", cr->areas[a].id);
			value_set_statistic(ae, "safety_score", l->areas[a].safety);
			value_set_statistic(ae, "decorrelated_score", l->areas[a].decorrelated);
			value_set_statistic(ae, "n", (double)l->areas[a].n);
			value_set_statistic(ae, "coverage", l->areas[a].coverage);
			value_compact(ae);
			value_push(areas, ae);
		}
		value_set(e, "areas", areas);
		value_push(list, e);
	}
	return list;
}

static struct value *areas(const struct corpus *c, const struct cohort_result *cr)
{
	struct value *list = value_array();
	for (size_t a = 0; a < cr->nareas; a++) {
		const struct area_result *ar = &cr->areas[a];
		struct value *e = value_object(), *ids = value_array(), *counts = value_object();
		value_set_string(e, "id", ar->id);
		for (size_t t = 0; t < ar->nbench; t++)
			value_push(ids, value_string(c->benchmarks[cr->results[ar->bench[t]].bench].id));
		value_set(e, "benchmarks", ids);
		value_set_statistic(e, "n_benchmarks", (double)ar->nbench);
		value_set_statistic(e, "mean_capabilities_correlation", ar->mean_cap_corr);
		value_set_statistic(e, "safety_sd", ar->safety_sd);
		value_set_statistic(e, "decorrelated_sd", ar->decorrelated_sd);
		for (int v = 0; v < VERDICT_COUNT; v++)
			value_set_statistic(counts, verdict_id((enum verdict)v), (double)ar->verdicts[v]);
		value_set(e, "verdicts", counts);
		value_push(list, e);
	}
	return list;
}

static int cap_corr_desc(const struct bench_result *a, const struct bench_result *b)
{
	int fa = isfinite(a->cap_corr), fb = isfinite(b->cap_corr);
	if (fa != fb)
		return fa ? -1 : 1;
	if (fa && a->cap_corr != b->cap_corr)
		return a->cap_corr > b->cap_corr ? -1 : 1;
	return 0;
}

/* A result with its benchmark's id: the sort needs no global to find it. */
struct ordered {
	const struct bench_result *br;
	const char *id;
};

static int cmp_results(const void *pa, const void *pb)
{
	const struct ordered *a = pa, *b = pb;
	int r = cap_corr_desc(a->br, b->br);
	return r ? r : strcmp(a->id, b->id);
}

static struct value *cohort_entry(const struct corpus *c, const struct cohort_result *cr,
				  const struct cohort_uncertainty *cu, enum resample_unit unit)
{
	const struct cohort_def *d = &c->cohorts[cr->cohort];
	struct value *o = value_object(), *models = value_array(), *benches = value_array();
	struct ordered *order;
	size_t n_flop = 0, n_scored = 0;

	value_set_string(o, "id", d->id);
	value_set_string(o, "title", d->title);
	value_set_statistic(o, "n_models", (double)cr->nmodels);
	for (size_t i = 0; i < cr->nmodels; i++) {
		n_flop += c->models[cr->models[i]].has_flop;
		n_scored += isfinite(cr->score[i]) != 0;
	}
	value_set_statistic(o, "n_models_scored", (double)n_scored);
	value_set_statistic(o, "n_models_with_flop", (double)n_flop);
	value_set_statistic(o, "n_benchmarks", (double)cr->nresults);
	value_set(o, "capability", capability_block(c, cr));
	if (cu)
		report_capability_uncertainty(value_get(o, "capability"), cu);
	for (size_t i = 0; i < cr->nmodels; i++) {
		struct value *m = value_push(models, model_summary(c, &c->models[cr->models[i]], cr, i));
		if (cu)
			report_model_uncertainty(m, cu, i);
	}
	value_set(o, "models", models);
	/* Benchmarks in the order every reader wants first: by capabilities correlation. */
	order = xcalloc(cr->nresults ? cr->nresults : 1, sizeof(*order));
	for (size_t r = 0; r < cr->nresults; r++)
		order[r] = (struct ordered){&cr->results[r], c->benchmarks[cr->results[r].bench].id};
	if (cr->nresults)
		qsort(order, cr->nresults, sizeof(*order), cmp_results);
	for (size_t r = 0; r < cr->nresults; r++)
		value_push(benches, benchmark_entry(c, cr, order[r].br, cu, unit));
	free(order);
	value_set(o, "benchmarks", benches);
	value_set(o, "leaderboard", leaderboard(c, cr, cu));
	value_set(o, "areas", areas(c, cr));
	return o;
}

/* method.missing_data: the options of docs/method.md 1b the analysis ran with. */
static struct value *missing_data_method(const struct analysis_options *o)
{
	struct value *m = value_object();
	value_set_string(m, "impute", o->impute ? "svd" : "none");
	value_set_statistic(m, "impute_rank", (double)o->impute_rank);
	value_set_statistic(m, "impute_min_share", o->impute_min_share);
	value_set_bool(m, "reduced_score", o->reduced_score);
	value_set_statistic(m, "min_coverage", o->min_coverage);
	return m;
}

struct value *report_build(const struct analysis *a, const struct uncertainty *u)
{
	const struct corpus *c = a->corpus;
	struct value *r = value_object(), *gen = value_object(), *method = value_object(),
		     *cohorts = value_array(), *site;

	value_set_string(gen, "name", "washboard");
	value_set_string(gen, "version", WB_VERSION);
	value_set_statistic(gen, "schema", REPORT_SCHEMA);
	value_set(r, "generator", gen);
	site = value_copy(c->site);
	value_remove(site, "cohorts");
	value_set(r, "site", site);
	value_set_string(method, "mode", "paper");
	value_set_statistic(method, "threshold_high", c->high);
	value_set_statistic(method, "threshold_low", c->low);
	value_set_statistic(method, "min_models", ANALYSIS_MIN_MODELS);
	value_set_string(method, "correlation", "spearman");
	value_set_string(method, "sd", "population");
	value_set(method, "missing_data", missing_data_method(&a->opt));
	if (u)
		value_set(method, "bootstrap", report_bootstrap_method(u));
	value_set(r, "method", method);
	for (size_t i = 0; i < a->ncohorts; i++)
		value_push(cohorts, cohort_entry(c, &a->cohorts[i], u ? &u->cohorts[i] : NULL,
						 u ? u->opt.unit : UNIT_MODEL));
	value_set(r, "cohorts", cohorts);
	return r;
}

/* Is s a plain decimal number ([+-]digits[.digits][e[+-]digits]): a number to a spreadsheet? */
static bool csv_plain_number(const char *s)
{
	size_t digits = 0;
	if (*s == '+' || *s == '-')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	if (!digits)
		return false;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/*
 * A text cell that a spreadsheet would run as a formula: it starts with = + - @, a tab or a
 * CR (OWASP's list for CSV injection) and is not a plain number (a negative number stays a
 * number).
 */
static bool csv_formula(const char *s)
{
	return s[0] && strchr("=+-@\t\r", s[0]) && !csv_plain_number(s);
}

void csv_field(struct buf *out, const char *s)
{
	bool formula;
	if (!s)
		return;
	formula = csv_formula(s);
	if (formula || strpbrk(s, ",\"\r\n")) {
		buf_putc(out, '"');
		if (formula)
			buf_putc(out, '\''); /* shown as text, never run */
		for (; *s; s++) {
			if (*s == '"')
				buf_putc(out, '"');
			buf_putc(out, *s);
		}
		buf_putc(out, '"');
	} else {
		buf_puts(out, s);
	}
}

static void csv_value(struct buf *out, const struct value *v)
{
	if (!v)
		return;
	switch (v->kind) {
	case VALUE_NUMBER:
		value_put_number(out, v); /* no cache: a download prints each number once */
		break;
	case VALUE_STRING:
		csv_field(out, v->string);
		break;
	case VALUE_BOOL:
		buf_puts(out, v->boolean ? "true" : "false");
		break;
	default:
		break;
	}
}

void report_csv_header(struct buf *out, const char *const *columns)
{
	for (int j = 0; columns[j]; j++) {
		if (j)
			buf_putc(out, ',');
		csv_field(out, columns[j]);
	}
	buf_puts(out, "\r\n");
}

void report_csv_rows(struct buf *out, const struct value *list, const char *const *columns,
		     const struct row_extra *extra)
{
	for (size_t i = 0; list && i < list->n; i++) {
		const struct value *row = list->items[i];
		for (int j = 0; columns[j]; j++) {
			if (j)
				buf_putc(out, ',');
			if (extra && strcmp(columns[j], "benchmark") == 0)
				csv_field(out, extra->benchmark);
			else if (extra && strcmp(columns[j], "name") == 0)
				csv_field(out, extra->name_of(value_str(row, "model"), extra->ud));
			else
				csv_value(out, value_get(row, columns[j]));
		}
		buf_puts(out, "\r\n");
	}
}

void report_csv_table(struct buf *out, const struct value *list, const char *const *columns)
{
	report_csv_header(out, columns);
	report_csv_rows(out, list, columns, NULL);
}

/* The CSV tables' columns: the point estimates, then (only when the report has a
 * bootstrap) the intervals, so `--bootstrap 0` downloads have no empty columns. */
static const char *const bench_cols[] = {
	"cohort", "benchmark", "source_id", "name", "role", "area", "metric", "higher_is_better",
	"n", "capabilities_correlation", "n_compute", "compute_correlation", "correlate_with",
	"n_reference", "reference_correlation", "pearson", "slope", "slope_stderr",
	"standardized_slope", "compute_slope", "verdict", "near_constant", "n_mode",
	"residual_basis", "missing_auc", "missing_tied_to_capability", NULL};
static const char *const bench_unc_cols[] = {
	"capabilities_correlation_ci_low", "capabilities_correlation_ci_high",
	"capabilities_correlation_fisher_low", "capabilities_correlation_fisher_high",
	"compute_correlation_ci_low", "compute_correlation_ci_high",
	"reference_correlation_ci_low", "reference_correlation_ci_high", "pearson_ci_low",
	"pearson_ci_high", "slope_ci_low", "slope_ci_high", "standardized_slope_ci_low",
	"standardized_slope_ci_high", "compute_slope_ci_low", "compute_slope_ci_high",
	"verdict_confidence", "verdict_confidence_label", "loo_model_low", "loo_model_high",
	"loo_capability_low", "loo_capability_high", NULL};
static const char *const model_cols[] = {"id", "name", "source_id", "family", "open_weights",
					 "params", "training_flop", "flop_source", "released",
					 "capability_score", "capability_rank",
					 "capability_score_basis", NULL};
static const char *const model_unc_cols[] = {"capability_score_ci_low", "capability_score_ci_high",
					     "capability_rank_ci_low", "capability_rank_ci_high",
					     NULL};
static const char *const leader_cols[] = {"model", "name", "capability_score", "safety_score",
					  "safety_rank", "decorrelated_score",
					  "decorrelated_rank", "rank_change", "coverage",
					  "n_benchmarks", "ranked", "areas_covered",
					  "area_coverage", NULL};
static const char *const leader_unc_cols[] = {
	"safety_score_ci_low", "safety_score_ci_high", "safety_rank_ci_low",
	"safety_rank_ci_high", "decorrelated_score_ci_low", "decorrelated_score_ci_high",
	"decorrelated_rank_ci_low", "decorrelated_rank_ci_high", "loo_rank_move",
	"loo_rank_move_model", NULL};
static const char *const score_cols[] = {"model", "name", "benchmark", "value", "stderr",
					 "n", "z", "expected", "residual",
					 "leaderboard_residual", "imputed", "imputed_value",
					 NULL};

#define MAX_COLUMNS 64

const char *const *report_columns(const struct value *report, enum report_table t)
{
	static const char *joined[4][MAX_COLUMNS];
	static const char *const *const base[] = {bench_cols, model_cols, leader_cols, score_cols};
	static const char *const *const extra[] = {bench_unc_cols, model_unc_cols, leader_unc_cols,
						   NULL};
	size_t n = 0;

	if (!value_get(value_get(report, "method"), "bootstrap") || !extra[t])
		return base[t];
	/* filled the same way on every call, so concurrent callers read equal contents */
	for (const char *const *c = base[t]; *c; c++)
		joined[t][n++] = *c;
	for (const char *const *c = extra[t]; *c && n + 1 < MAX_COLUMNS; c++)
		joined[t][n++] = *c;
	joined[t][n] = NULL;
	return joined[t];
}

struct value *report_benchmark_rows(const struct value *report, const char *cohort)
{
	const struct value *cohorts = value_get(report, "cohorts");
	const char *const *cols = report_columns(report, REPORT_BENCHMARKS);
	struct value *rows = value_array();
	for (size_t i = 0; cohorts && i < cohorts->n; i++) {
		const struct value *co = cohorts->items[i], *bs = value_get(co, "benchmarks");
		if (cohort && strcmp(value_get_string(co, "id"), cohort) != 0)
			continue;
		for (size_t b = 0; bs && b < bs->n; b++) {
			struct value *row = value_object();
			value_set_string(row, "cohort", value_get_string(co, "id"));
			value_set_string(row, "benchmark", value_get_string(bs->items[b], "id"));
			for (int j = 2; cols[j]; j++) {
				const struct value *v = value_get(bs->items[b], cols[j]);
				if (v)
					value_set(row, cols[j], value_copy(v));
			}
			value_push(rows, row);
		}
	}
	return rows;
}

void report_write_csv(struct buf *out, const struct value *report)
{
	struct value *rows = report_benchmark_rows(report, NULL);
	report_csv_table(out, rows, report_columns(report, REPORT_BENCHMARKS));
	value_free(rows);
}

/* Display width of UTF-8 text, counting code points (good enough for names and ids). */
static size_t width(const char *s)
{
	size_t w = 0;
	for (; *s; s++)
		w += ((unsigned char)*s & 0xC0) != 0x80;
	return w;
}

/*
 * s in a column w characters wide: cut to w - 1 characters and an ellipsis when longer (so
 * a long name never pushes the columns after it), then padded (right: aligned right).
 */
static void cell(struct buf *out, const char *s, size_t w, int right)
{
	size_t n = width(s);
	if (n > w) {
		size_t keep = w ? w - 1 : 0, k = 0;
		const char *p = s;
		for (; *p; p++) {
			if (((unsigned char)*p & 0xC0) != 0x80 && k++ == keep)
				break;
		}
		buf_add(out, s, (size_t)(p - s));
		if (w)
			buf_puts(out, "…");
		return;
	}
	if (right)
		for (size_t i = n; i < w; i++)
			buf_putc(out, ' ');
	buf_puts(out, s);
	if (!right)
		for (size_t i = n; i < w; i++)
			buf_putc(out, ' ');
}

enum num_style { NUM_COUNT, NUM_PERCENT, NUM_GENERAL };

static void fmt_num(char *dst, size_t cap, const struct value *v, enum num_style style)
{
	if (!v || v->kind != VALUE_NUMBER)
		snprintf(dst, cap, "—");
	else if (style == NUM_COUNT)
		snprintf(dst, cap, "%.0f", v->number);
	else if (style == NUM_PERCENT)
		snprintf(dst, cap, "%.1f%%", v->number * 100);
	else
		snprintf(dst, cap, "%.3g", v->number);
}

/* The benchmark's display name: its name, else its id. Borrowed. */
static const char *bench_name(const struct value *e)
{
	const char *name = value_str(e, "name");
	return *name ? name : value_str(e, "id");
}

/* The width of the widest text of key (NULL: the display name) over benchmarks bs, kept
 * within [lo, hi]. */
static size_t column_width(const struct value *bs, const char *key, size_t lo, size_t hi)
{
	size_t w = lo;
	for (size_t b = 0; bs && b < bs->n; b++) {
		size_t n = width(key ? value_str(bs->items[b], key) : bench_name(bs->items[b]));
		if (n > w)
			w = n;
	}
	return w < hi ? w : hi;
}

/* The widest the name and area columns get; longer texts are cut (cell()), so the columns
 * after them stay aligned whatever the content holds. */
#define TABLE_NAME_MAX 36
#define TABLE_AREA_MAX 22

void report_write_table(struct buf *out, const struct value *report)
{
	const struct value *cohorts = value_get(report, "cohorts");
	double level = value_num(value_get(value_get(report, "method"), "bootstrap"), "ci_level");
	char head[24];

	snprintf(head, sizeof(head), "%g%% interval", isfinite(level) ? 100 * level : 95);
	for (size_t i = 0; cohorts && i < cohorts->n; i++) {
		const struct value *co = cohorts->items[i], *cap = value_get(co, "capability"),
				   *bs = value_get(co, "benchmarks");
		size_t wname = column_width(bs, NULL, 9, TABLE_NAME_MAX);
		size_t warea = column_width(bs, "area", 4, TABLE_AREA_MAX);
		char ve[32];

		if (i)
			buf_putc(out, '\n');
		fmt_num(ve, sizeof(ve), value_get(cap, "variance_explained"), NUM_PERCENT);
		buf_printf(out, "%s (%s): %g models, %g with a capabilities score; PC1 explains %s "
				"of capability variance\n",
			   value_str(co, "title"), value_str(co, "id"), value_num(co, "n_models"),
			   value_num(co, "n_models_scored"), ve);
		if (value_get_string(cap, "note"))
			buf_printf(out, "note: %s\n", value_get_string(cap, "note"));
		buf_putc(out, '\n');
		cell(out, "benchmark", wname, 0);
		buf_puts(out, "  ");
		cell(out, "role", 10, 0);
		buf_puts(out, "  ");
		cell(out, "area", warea, 0);
		cell(out, "n", 5, 1);
		cell(out, "cap ρ", 8, 1);
		cell(out, head, 15, 1);
		cell(out, "comp ρ", 8, 1);
		cell(out, "ref ρ", 8, 1);
		cell(out, "slope", 11, 1);
		buf_puts(out, "  verdict\n");
		for (size_t b = 0; bs && b < bs->n; b++) {
			const struct value *e = bs->items[b];
			char n[16], cr[16], cc[16], rc[16], sl[32], ci[40];
			const char *conf = value_get_string(e, "verdict_confidence_label");
			fmt_num(n, sizeof(n), value_get(e, "n"), NUM_COUNT);
			fmt_num(cr, sizeof(cr), value_get(e, "capabilities_correlation"), NUM_PERCENT);
			fmt_num(cc, sizeof(cc), value_get(e, "compute_correlation"), NUM_PERCENT);
			fmt_num(rc, sizeof(rc), value_get(e, "reference_correlation"), NUM_PERCENT);
			fmt_num(sl, sizeof(sl), value_get(e, "slope"), NUM_GENERAL);
			if (isfinite(value_num(e, "capabilities_correlation_ci_low")))
				snprintf(ci, sizeof(ci), "[%.0f%%, %.0f%%]",
					 100 * value_num(e, "capabilities_correlation_ci_low"),
					 100 * value_num(e, "capabilities_correlation_ci_high"));
			else
				snprintf(ci, sizeof(ci), "—");
			cell(out, bench_name(e), wname, 0);
			buf_puts(out, "  ");
			cell(out, value_str(e, "role"), 10, 0);
			buf_puts(out, "  ");
			cell(out, value_str(e, "area"), warea, 0);
			cell(out, n, 5, 1);
			cell(out, cr, 8, 1);
			cell(out, ci, 15, 1);
			cell(out, cc, 8, 1);
			cell(out, rc, 8, 1);
			cell(out, sl, 11, 1);
			buf_puts(out, "  ");
			buf_puts(out, value_str(e, "verdict_label"));
			if (conf)
				buf_printf(out, " (%s)", conf);
			buf_putc(out, '\n');
		}
	}
}
