/* pages_benchmark.c - a benchmark's page: facts, models, figures, cite box and BibTeX. */
#include "pages.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "buf.h"
#include "format.h"
#include "mustache.h"
#include "plot.h"
#include "util.h"

/* Text safe inside a fenced code block: no newlines, no backtick or tilde runs. */
static char *code_safe(const char *s)
{
	struct buf b = BUF_INIT;
	for (; *s; s++) {
		char c = *s;
		if (strchr("\n\r`~", c))
			c = ' ';
		buf_putc(&b, c);
	}
	return buf_detach(&b);
}

/* HTML-attribute-safe copy (for the embed snippet shown as code). */
static char *html_attr(const char *s)
{
	struct buf b = BUF_INIT;
	mustache_escape_html(&b, s, strlen(s));
	return buf_detach(&b);
}

/*
 * Text for a brace-delimited BibTeX field, that BibTeX reads back as one field and LaTeX
 * prints as the text. BibTeX counts every brace, escaped or not (\} does not stop its
 * counting), so a raw { or } could end the field and start others, or a new entry: braces
 * become \textbraceleft{} and \textbraceright{}, and every brace written is one of a
 * balanced pair. LaTeX specials are escaped (\& \% \$ \# \_, \^{}, \textbackslash{}), a " is
 * braced ({"}: babel shorthands stay off), control characters and what ends a code fence
 * (` ~) become spaces. Caller frees.
 */
char *pages_bibtex_text(const char *s)
{
	struct buf b = BUF_INIT;
	char *safe = code_safe(s);
	for (const char *p = safe; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c < 0x20 || c == 0x7f)
			buf_putc(&b, ' ');
		else if (strchr("&%$#_", c))
			buf_printf(&b, "\\%c", c);
		else if (c == '{')
			buf_puts(&b, "\\textbraceleft{}");
		else if (c == '}')
			buf_puts(&b, "\\textbraceright{}");
		else if (c == '\\')
			buf_puts(&b, "\\textbackslash{}");
		else if (c == '^')
			buf_puts(&b, "\\^{}");
		else if (c == '"')
			buf_puts(&b, "{\"}");
		else
			buf_putc(&b, (char)c);
	}
	free(safe);
	return buf_detach(&b);
}

/* A URL for \url{} in a BibTeX field: braces, backslashes, quotes and spaces %-encoded. */
static char *bibtex_url(const char *s)
{
	struct buf b = BUF_INIT;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= 0x20 || c == 0x7f || strchr("{}\\\"`~", c))
			buf_printf(&b, "%%%02X", c);
		else
			buf_putc(&b, (char)c);
	}
	return buf_detach(&b);
}

static void bibtex_site(struct build *b, struct buf *out, const char *key, const char *title,
			const char *url)
{
	const struct value *site = value_get(b->report, "site");
	char *t = pages_bibtex_text(title), *u = bibtex_url(url);
	char *a = pages_bibtex_text(value_str(site, "author"));
	buf_printf(out, "@misc{%s,\n  title  = {%s},\n", key, t);
	if (a[0])
		buf_printf(out, "  author = {%s},\n", a);
	if (b->base_url[0]) /* a relative address is no use in a bibliography */
		buf_printf(out, "  howpublished = {\\url{%s}},\n", u);
	buf_puts(out, "  note   = {washboard audit");
	if (value_get_string(site, "version")) {
		char *v = pages_bibtex_text(value_str(site, "version"));
		buf_printf(out, ", release %s", v);
		free(v);
	}
	buf_puts(out, "}\n}");
	free(t);
	free(u);
	free(a);
}

/* The benchmark's facts: its cohort, source, links, direction and the figures beside rho. */
static void benchmark_facts(const struct value *co, const struct value *bench, struct value *p)
{
	struct buf t = BUF_INIT;

	value_set_string(p, "cohort_title", value_str(co, "title"));
	buf_printf(&t, "%s/index.html", value_str(co, "id"));
	value_set_string(p, "cohort_href", buf_str(&t));
	if (value_get_string(bench, "source_id"))
		value_set_string(p, "source_id", value_str(bench, "source_id"));
	for (const char *const *k = (const char *const[]){"url", "citation", "description", NULL}; *k; k++)
		if (value_get_string(bench, *k))
			value_set_string(p, *k, value_str(bench, *k));
	if (value_get(bench, "target")) {
		struct buf d = BUF_INIT;
		buf_puts(&d, "best at ");
		buf_puts(&d, value_number_text(value_get(bench, "target")));
		buf_puts(&d, " (scored as minus the distance from it; slopes below are in that score)");
		value_set(p, "direction", value_string_own(buf_detach(&d)));
	} else
	value_set_string(p, "direction", value_get(bench, "higher_is_better")->boolean
						 ? "higher is better"
						 : "lower is better (negated before the analysis; slopes "
						   "below are in the metric's own direction)");
	format_num(p, "pearson", "%.3f", value_num(bench, "pearson"));
	format_ci(p, "pearson_ci", "%.3f", value_num(bench, "pearson_ci_low"),
		  value_num(bench, "pearson_ci_high"));
	format_num(p, "slope_se", "%.2g", value_num(bench, "slope_stderr"));
	pages_format_slope(p, "compute_slope", bench, "compute_slope", "%.3g");
	format_pct_ci(p, "corr_fisher", value_num(bench, "capabilities_correlation_fisher_low"),
		      value_num(bench, "capabilities_correlation_fisher_high"));
	format_pct_ci(p, "compute_fisher", value_num(bench, "compute_correlation_fisher_low"),
		      value_num(bench, "compute_correlation_fisher_high"));
	format_pct_ci(p, "reference_fisher", value_num(bench, "reference_correlation_fisher_low"),
		      value_num(bench, "reference_correlation_fisher_high"));
	value_set_bool(p, "insufficient", strcmp(value_str(bench, "verdict"), "insufficient-data") == 0);
	buf_release(&t);
}

/* Why a correlation is undefined (reason, compute_reason), when it is. */
static void benchmark_reasons(struct build *b, const struct value *co, const struct value *bench,
			      struct value *p)
{
	struct buf t = BUF_INIT;
	double n = value_num(bench, "n");

	if (!isfinite(value_num(bench, "capabilities_correlation"))) {
		buf_reset(&t);
		if (value_get_string(value_get(co, "capability"), "note"))
			buf_printf(&t, "no capabilities score in this cohort: %s",
				   value_str(value_get(co, "capability"), "note"));
		else if (n < value_num(value_get(b->report, "method"), "min_models"))
			buf_printf(&t, "only %.0f models have both this benchmark and a capabilities "
				       "score; at least %.0f are needed",
				   n, value_num(value_get(b->report, "method"), "min_models"));
		else
			buf_puts(&t, "every model has the same value, so no correlation is defined");
		value_set_string(p, "reason", buf_str(&t));
	}
	if (!isfinite(value_num(bench, "compute_correlation"))) {
		buf_reset(&t);
		buf_printf(&t, "training compute is known for %.0f of these models; at least %.0f "
			       "are needed",
			   value_num(bench, "n_compute"), value_num(value_get(b->report, "method"), "min_models"));
		value_set_string(p, "compute_reason", buf_str(&t));
	}
	buf_release(&t);
}

/* The benchmark its correlation is compared with (correlate_with), when it has one. */
static void benchmark_reference(const struct value *co, const struct value *bench,
				struct value *p)
{
	struct buf t = BUF_INIT;

	if (value_get_string(bench, "correlate_with")) {
		const struct value *ref = pages_bench_by_id(co, value_str(bench, "correlate_with"));
		struct value *r = value_set(p, "correlate_with", value_object());
		value_set_string(r, "name", ref ? value_str(ref, "name") : value_str(bench, "correlate_with"));
		buf_reset(&t);
		buf_printf(&t, "%s/benchmarks/%s.html", value_str(co, "id"), value_str(bench, "correlate_with"));
		if (ref)
			value_set_string(r, "href", buf_str(&t));
		format_count(r, "n", value_num(bench, "n_reference"));
	}
	buf_release(&t);
}

/* The text of verdict id ("moderate"), as the report labels verdicts. */
static const char *verdict_text(const char *id)
{
	for (int v = 0; v < VERDICT_COUNT; v++)
		if (strcmp(verdict_id((enum verdict)v), id) == 0)
			return verdict_label((enum verdict)v);
	return id;
}

/*
 * Each flip of list ([{KEY, name, verdict}], KEY naming a model or a benchmark) as {name,
 * href, verdict}: the page of what was left out, and the verdict without it.
 */
static struct value *flips_view(const struct value *co, const struct value *list, const char *key,
				const char *dir)
{
	struct value *out = value_array();
	struct buf t = BUF_INIT;
	for (size_t i = 0; list && list->kind == VALUE_ARRAY && i < list->n; i++) {
		const struct value *f = list->items[i];
		struct value *r = value_push(out, value_object());
		value_set_string(r, "name", value_str(f, "name"));
		buf_reset(&t);
		buf_printf(&t, "%s/%s/%s.html", value_str(co, "id"), dir, value_str(f, key));
		value_set_string(r, "href", buf_str(&t));
		value_set_string(r, "verdict", verdict_text(value_str(f, "verdict")));
	}
	buf_release(&t);
	return out;
}

/* p.PREFIX_low and p.PREFIX_high as shares, and PREFIX true, when both ends are known. */
static void pct_range(struct value *p, const struct value *bench, const char *prefix)
{
	double lo = pages_stat(bench, prefix, "_low"), hi = pages_stat(bench, prefix, "_high");
	struct buf k = BUF_INIT;
	value_set_bool(p, prefix, isfinite(lo) && isfinite(hi));
	buf_printf(&k, "%s_low", prefix);
	format_pct(p, buf_str(&k), lo);
	buf_reset(&k);
	buf_printf(&k, "%s_high", prefix);
	format_pct(p, buf_str(&k), hi);
	buf_release(&k);
}

/*
 * "How sure is this verdict?" (p.sure, only with a bootstrap and a confidence): the report's
 * sentence, the share and its label, and the leave-one-out ranges and flips.
 */
static void benchmark_sure(const struct value *co, const struct value *bench, struct value *p)
{
	const struct value *ref = pages_bench_by_id(co, value_str(bench, "correlate_with"));
	struct value *s, *c, *flips;
	struct buf t = BUF_INIT;

	if (!value_get_string(bench, "verdict_sentence") ||
	    !value_get_string(bench, "verdict_confidence_label"))
		return;
	s = value_set(p, "sure", value_object());
	value_set_string(s, "sentence", value_str(bench, "verdict_sentence"));
	format_pct(s, "share", value_num(bench, "verdict_confidence"));
	value_set_string(s, "label", value_str(bench, "verdict_confidence_label"));
	if (strcmp(value_str(bench, "verdict_basis"), "reference") == 0) {
		buf_printf(&t, "correlation with %s",
			   ref ? value_str(ref, "name") : value_str(bench, "correlate_with"));
		value_set(s, "governing", value_string_own(buf_detach(&t)));
	} else {
		value_set_string(s, "governing", "capabilities correlation");
	}
	pct_range(s, bench, "loo_model");
	flips = value_set(s, "model_flips",
			  flips_view(co, value_get(bench, "loo_model_flips"), "model", "models"));
	value_set_bool(s, "any_model_flips", flips->n > 0);
	if (!isfinite(value_num(bench, "loo_capability_low")) &&
	    !value_get(bench, "loo_capability_flips"))
		return;
	c = value_set(s, "capability", value_object());
	pct_range(c, bench, "loo_capability");
	flips = value_set(
	    c, "flips",
	    flips_view(co, value_get(bench, "loo_capability_flips"), "benchmark", "benchmarks"));
	value_set_bool(c, "any_flips", flips->n > 0);
}

/*
 * What the method says about the benchmark whatever the bootstrap: near_constant (its
 * n_mode of n_values), leaderboard (how it counts there) and aggregate_of (its parts).
 */
static void benchmark_notes(const struct value *co, const struct value *bench, struct value *p)
{
	const char *basis = value_get_string(bench, "residual_basis");
	const struct value *parts = value_get(bench, "aggregate_of");
	const struct value *nc = value_get(bench, "near_constant");
	struct buf t = BUF_INIT;

	if (nc && nc->kind == VALUE_BOOL && nc->boolean) {
		struct value *n = value_set(p, "near_constant", value_object());
		format_count(n, "n_mode", value_num(bench, "n_mode"));
		format_count(n, "n_values", value_num(bench, "n_values"));
	}
	if (basis) {
		struct value *l = value_set(p, "leaderboard", value_object());
		buf_printf(&t, "%s/leaderboard.html", value_str(co, "id"));
		value_set(l, "lb_href", value_string_own(buf_detach(&t)));
		value_set_bool(l, "by_capabilities", strcmp(basis, "capabilities") == 0);
		value_set_bool(l, "by_reference", strcmp(basis, "reference") == 0);
	}
	value_set_bool(p, "is_aggregate", parts && parts->kind == VALUE_ARRAY && parts->n);
	if (parts && parts->kind == VALUE_ARRAY && parts->n) {
		struct value *list = value_set(p, "aggregate_of", value_array());
		buf_printf(&t, "%s/leaderboard.html", value_str(co, "id"));
		value_set(p, "aggregate_lb_href", value_string_own(buf_detach(&t)));
		for (size_t i = 0; i < parts->n; i++) {
			const char *id =
			    parts->items[i]->kind == VALUE_STRING ? parts->items[i]->string : "";
			const struct value *part = pages_bench_by_id(co, id);
			struct value *r = value_push(list, value_object());
			value_set_string(r, "name", part ? value_str(part, "name") : id);
			buf_reset(&t);
			buf_printf(&t, "%s/benchmarks/%s.html", value_str(co, "id"), id);
			if (part)
				value_set_string(r, "href", buf_str(&t));
			/* "A, B and C" */
			value_set_string(r, "sep", i + 2 < parts->n ? ", " : "");
			if (i + 2 == parts->n)
				value_set_string(r, "sep", " and ");
		}
	}
	buf_release(&t);
}

/* One row per model with a value: its score, value, expected value and residual. */
static void benchmark_models(struct build *b, const struct value *co, const struct value *bench,
			     struct value *p)
{
	const char *cid = value_str(co, "id");
	const struct value *ms = value_get(bench, "models");
	struct buf t = BUF_INIT;
	struct value *rows, *row;

	size_t imputed = 0;

	rows = value_set(p, "models", value_array());
	for (size_t i = 0; ms && i < ms->n; i++) {
		const struct value *e = ms->items[i], *m = pages_model_by_id(b, co, value_str(e, "model"));
		bool imp = pages_flag(e, "imputed");
		row = value_push(rows, value_object());
		value_set_string(row, "name", m ? value_str(m, "name") : value_str(e, "model"));
		buf_reset(&t);
		buf_printf(&t, "%s/models/%s.html", cid, value_str(e, "model"));
		value_set_string(row, "href", buf_str(&t));
		format_num(row, "score", "%.2f", m ? value_num(m, "capability_score") : NAN);
		/* an imputed cell is never a measurement: its own key, shown in italics */
		value_set_bool(row, "imputed", imp);
		format_num(row, "value", "%.4g", value_num(e, imp ? "imputed_value" : "value"));
		imputed += imp;
		if (isfinite(value_num(e, "stderr")))
			format_num(row, "stderr", "± %.2g", value_num(e, "stderr"));
		format_num(row, "expected", "%.4g", value_num(e, "expected"));
		format_num(row, "residual", "%+.2f", value_num(e, "residual"));
		format_num(row, "lb_residual", "%+.2f", value_num(e, "leaderboard_residual"));
	}
	if (imputed) {
		struct value *n = value_set(p, "imputed", value_object());
		format_count(n, "n", (double)imputed);
		format_count(n, "n_values", value_num(bench, "n_values"));
	}
	buf_release(&t);
}

/* Most models a benchmark page names as lacking it; the coverage figure's data has them all. */
#define MISSING_NAMED 100

/*
 * p.missing: the cohort's models without the benchmark (n, of, the first MISSING_NAMED
 * linked, each marked when imputed, and how many more), and p.missing_tied when who ran
 * the benchmark is tied to capability (more or less capable, and the probability).
 */
static void benchmark_missing(struct build *b, const struct value *co, const struct value *bench,
			      struct value *p)
{
	const struct value *ids = value_get(bench, "missing_models");
	const struct cohort_index *x = pages_index_of(b, co);
	const struct ids *entries = NULL;
	struct value *miss, *list;
	struct buf t = BUF_INIT;
	size_t n = ids && ids->kind == VALUE_ARRAY ? ids->n : 0;

	for (size_t k = 0; x && k < x->nbench; k++)
		if (value_get(co, "benchmarks")->items[k] == bench)
			entries = &x->bench[k];
	if (pages_flag(bench, "missing_tied_to_capability")) {
		struct value *w = value_set(p, "missing_tied", value_object());
		double auc = value_num(bench, "missing_auc");
		value_set_string(w, "who", auc >= 0.5 ? "more" : "less");
		format_num(w, "auc", "%.2f", auc);
	}
	if (!n)
		return;
	miss = value_set(p, "missing", value_object());
	format_count(miss, "n", (double)n);
	format_count(miss, "of", value_num(co, "n_models"));
	list = value_set(miss, "models", value_array());
	for (size_t i = 0; i < n && i < MISSING_NAMED; i++) {
		const char *id = ids->items[i]->kind == VALUE_STRING ? ids->items[i]->string : "";
		const struct value *m = pages_model_by_id(b, co, id);
		const struct value *e = entries ? pages_ids_find(entries, id) : NULL;
		struct value *r = value_push(list, value_object());
		value_set_string(r, "name", m ? value_str(m, "name") : id);
		buf_reset(&t);
		buf_printf(&t, "%s/models/%s.html", value_str(co, "id"), id);
		value_set_string(r, "href", buf_str(&t));
		value_set_bool(r, "imputed", pages_flag(e, "imputed"));
		value_set_string(r, "sep", i + 1 < n && i + 1 < MISSING_NAMED ? ", " : "");
	}
	if (n > MISSING_NAMED)
		format_count(miss, "more", (double)(n - MISSING_NAMED));
	buf_release(&t);
}

/* The two scatter plots (against capabilities, against compute) and the data file. */
static void benchmark_figures(struct build *b, const struct value *co, const struct value *bench,
			      struct value *p)
{
	const char *cid = value_str(co, "id"), *bid = value_str(bench, "id");
	struct buf t = BUF_INIT, u = BUF_INIT;
	double n = value_num(bench, "n");

	buf_reset(&t);
	buf_printf(&t, "Scatter plot of %s against the capabilities score for %.0f models "
		       "(%s), with the least-squares line",
		   value_str(bench, "name"), n, value_str(co, "title"));
	value_set(p, "figure", pages_figure_view(b, cid, bid, buf_str(&t)));
	buf_reset(&t);
	buf_printf(&t, "compute/%s", bid);
	buf_reset(&u);
	buf_printf(&u, "Scatter plot of %s against training compute (log scale) for the %.0f "
		       "models with known training FLOP",
		   value_str(bench, "name"), value_num(bench, "n_compute"));
	value_set(p, "figure_compute", pages_figure_view(b, cid, buf_str(&t), buf_str(&u)));
	buf_reset(&t);
	buf_printf(&t, "data/%s/benchmarks/%s.csv", cid, bid);
	value_set_string(p, "csv", buf_str(&t));
	buf_release(&t);
	buf_release(&u);
}

/*
 * The embed snippets of the SVG figure, as Markdown and as HTML (when the build has SVGs):
 * site is the site's URL with a trailing '/' ("" without a base URL), path the page's.
 */
static void cite_embed(struct build *b, struct value *cite, const char *name_code,
		       const char *site, const char *path, const char *cid, const char *bid)
{
	if (b->o->figures && (b->o->formats & PLOT_SVG)) {
		struct buf md = BUF_INIT, html = BUF_INIT;
		char *attr = html_attr(name_code), *alt = xstrdup(name_code);
		for (char *q = alt; *q; q++) /* brackets would end the alt text early */
			if (*q == '[' || *q == ']')
				*q = *q == '[' ? '(' : ')';
		buf_printf(&md, "![%s vs capabilities score](%sfigures/%s/%s.svg)", alt, site,
			   cid, bid);
		buf_printf(&html, "<a href=\"%s%s\"><img src=\"%sfigures/%s/%s.svg\" alt=\"%s vs "
				  "capabilities score\" width=\"720\"></a>",
			   site, path, site, cid, bid, attr);
		value_set(cite, "markdown", value_string_own(buf_detach(&md)));
		value_set(cite, "html", value_string_own(buf_detach(&html)));
		free(attr);
		free(alt);
	}
}

/* The cite box: permalink, embed snippets, this page's BibTeX and the paper's. */
static void benchmark_cite(struct build *b, const struct value *co, const struct value *bench,
			   const char *path, struct value *p)
{
	const char *cid = value_str(co, "id"), *bid = value_str(bench, "id");
	struct buf t = BUF_INIT, u = BUF_INIT;
	struct value *cite;
	char *name_code;

	/* cite / embed */
	cite = value_set(p, "cite", value_object());
	name_code = code_safe(value_str(bench, "name"));
	buf_reset(&u);
	buf_printf(&u, "%s%s", b->base_url[0] ? b->base_url : "", b->base_url[0] ? "/" : "");
	buf_reset(&t);
	buf_printf(&t, "%s%s", buf_str(&u), path);
	value_set_string(cite, "permalink", buf_str(&t));
	value_set_bool(cite, "relative", b->base_url[0] == '\0');
	cite_embed(b, cite, name_code, buf_str(&u), path, cid, bid);
	{
		struct buf key = BUF_INIT, bib = BUF_INIT, title = BUF_INIT;
		buf_printf(&key, "washboard-%s-%s", cid, bid);
		buf_printf(&title, "%s: %s (%s)", value_str(value_get(b->report, "site"), "title"), name_code,
			   value_str(co, "title"));
		bibtex_site(b, &bib, buf_str(&key), buf_str(&title), buf_str(&t));
		value_set(cite, "bibtex", value_string_own(buf_detach(&bib)));
		buf_release(&key);
		buf_release(&title);
	}
	if (value_get_string(value_get(b->report, "site"), "bibtex")) {
		char *bt = xstrdup(value_str(value_get(b->report, "site"), "bibtex"));
		for (char *q = bt; *q; q++)
			if (*q == '`' || *q == '~')
				*q = ' ';
		value_set(cite, "paper_bibtex", value_string_own(bt));
	}
	free(name_code);
	buf_release(&t);
	buf_release(&u);
}

/* Links to the same benchmark's pages in the other cohorts that have it. */
static void benchmark_other_cohorts(struct build *b, const struct value *co, const char *bid,
				    struct value *p)
{
	const struct value *cohorts = value_get(b->report, "cohorts");
	struct buf t = BUF_INIT;
	struct value *others;

	others = value_set(p, "other_cohorts", value_array());
	for (size_t i = 0; cohorts && i < cohorts->n; i++) {
		struct value *o;
		if (cohorts->items[i] == co || !pages_bench_by_id(cohorts->items[i], bid))
			continue;
		o = value_push(others, value_object());
		value_set_string(o, "title", value_str(cohorts->items[i], "title"));
		buf_reset(&t);
		buf_printf(&t, "%s/benchmarks/%s.html", value_str(cohorts->items[i], "id"), bid);
		value_set_string(o, "href", buf_str(&t));
	}
	buf_release(&t);
}

int pages_write_benchmark(struct build *b, const struct value *co, const struct value *bench)
{
	const char *cid = value_str(co, "id"), *bid = value_str(bench, "id");
	struct buf path = BUF_INIT, t = BUF_INIT;
	struct value *v, *p;

	buf_printf(&path, "%s/benchmarks/%s.html", cid, bid);
	buf_printf(&t, "%s — %s", value_str(bench, "name"), value_str(co, "title"));
	v = pages_view(b, buf_str(&path), buf_str(&t));
	p = value_set(v, "benchmark", pages_bench_row(b, co, bench));
	benchmark_facts(co, bench, p);
	benchmark_reasons(b, co, bench, p);
	benchmark_reference(co, bench, p);
	benchmark_sure(co, bench, p);
	benchmark_notes(co, bench, p);
	benchmark_models(b, co, bench, p);
	benchmark_missing(b, co, bench, p);
	benchmark_figures(b, co, bench, p);
	pages_benchmark_history(b, co, bench, p);
	benchmark_cite(b, co, bench, buf_str(&path), p);
	benchmark_other_cohorts(b, co, bid, p);
	buf_release(&t);
	buf_release(&path);
	return pages_render(b, PAGE_BENCHMARK, v);
}
