/*
 * report_latex.c - the report's tables as LaTeX for papers (booktabs), escaped for LaTeX.
 *
 * A table needs \usepackage{booktabs}; text is escaped so that any name compiles with
 * \usepackage[utf8]{inputenc} and \usepackage[T1]{fontenc} (pdflatex): the ten special
 * characters and < > | " become commands, Latin-1 letters stay UTF-8, a few common symbols
 * (dashes, quotes, Greek letters, arrows) become their LaTeX forms and any other character
 * is transliterated to '?', so that no input can stop a paper from compiling.
 */
#include "report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "version.h"

/* Characters outside ASCII that LaTeX (inputenc utf8, T1) prints as such. */
static bool latin1_letter(unsigned cp)
{
	return cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7;
}

/* The LaTeX form of a few common non-ASCII characters, or NULL. */
static const char *symbol(unsigned cp)
{
	static const struct {
		unsigned cp;
		const char *tex;
	} table[] = {
		{0xA0, "~"},		     {0xA7, "\\S{}"},	 {0xB0, "\\ensuremath{^\\circ}"},
		{0xB1, "\\ensuremath{\\pm}"}, {0xB5, "\\ensuremath{\\mu}"}, {0xD7, "\\ensuremath{\\times}"},
		{0xF7, "\\ensuremath{\\div}"}, {0x3A3, "\\ensuremath{\\Sigma}"},
		{0x3B1, "\\ensuremath{\\alpha}"}, {0x3B2, "\\ensuremath{\\beta}"},
		{0x3C1, "\\ensuremath{\\rho}"}, {0x3C3, "\\ensuremath{\\sigma}"},
		{0x2013, "--"},		     {0x2014, "---"},	 {0x2018, "`"},
		{0x2019, "'"},		     {0x201C, "``"},	 {0x201D, "''"},
		{0x2026, "\\ldots{}"},	     {0x2191, "\\ensuremath{\\uparrow}"},
		{0x2193, "\\ensuremath{\\downarrow}"}, {0x2212, "\\ensuremath{-}"},
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].cp == cp)
			return table[i].tex;
	return NULL;
}

/* Decode one UTF-8 sequence of len bytes at p (valid: content is checked UTF-8). */
static unsigned code_point(const unsigned char *p, size_t len)
{
	unsigned cp = len == 1 ? p[0] : len == 2 ? p[0] & 0x1Fu : len == 3 ? p[0] & 0x0Fu : p[0] & 0x07u;
	for (size_t i = 1; i < len; i++)
		cp = (cp << 6) | (p[i] & 0x3Fu);
	return cp;
}

void report_latex_escape(struct buf *out, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t len = utf8_seq_len(s + i, n - i);
		const char *tex;
		if (len == 0)
			len = 1;
		if (c >= 0x80) {
			unsigned cp = code_point((const unsigned char *)s + i, len);
			if ((tex = symbol(cp)) != NULL)
				buf_puts(out, tex);
			else if (latin1_letter(cp))
				buf_add(out, s + i, len);
			else
				buf_putc(out, '?');
			i += len;
			continue;
		}
		switch (c) {
		case '&': case '%': case '$': case '#': case '_': case '{': case '}':
			buf_putc(out, '\\');
			buf_putc(out, s[i]);
			break;
		case '~': buf_puts(out, "\\textasciitilde{}"); break;
		case '^': buf_puts(out, "\\textasciicircum{}"); break;
		case '\\': buf_puts(out, "\\textbackslash{}"); break;
		case '<': buf_puts(out, "\\textless{}"); break;
		case '>': buf_puts(out, "\\textgreater{}"); break;
		case '|': buf_puts(out, "\\textbar{}"); break;
		case '"': buf_puts(out, "\\textquotedbl{}"); break;
		case '-': /* no -- or --- ligatures from names */
			buf_puts(out, i + 1 < n && s[i + 1] == '-' ? "-{}" : "-");
			break;
		case '[': case ']': /* safe after \\ and in optional arguments */
			buf_putc(out, '{');
			buf_putc(out, s[i]);
			buf_putc(out, '}');
			break;
		default:
			if (c < 0x20 || c == 0x7F)
				buf_putc(out, ' ');
			else
				buf_putc(out, s[i]);
		}
		i += len;
	}
}

/* How a column's numbers are shown. */
enum latex_fmt {
	FMT_TEXT,    /* a string, escaped */
	FMT_COUNT,   /* a whole number */
	FMT_CORR,    /* a correlation, two decimals */
	FMT_CORR_CI, /* a correlation with [key_ci_low, key_ci_high] when the report has them */
	FMT_SCORE,   /* three significant digits */
	FMT_SCORE_CI, /* three significant digits with the interval */
	FMT_VERDICT, /* verdict_label, with "(verdict_confidence_label)" when present */
};

struct latex_col {
	const char *key;    /* member of each row */
	const char *header; /* LaTeX, not escaped */
	enum latex_fmt fmt;
};

/* x in at most three significant digits, exponents as \times 10^{n}, minus as $-$. */
static void put_number(struct buf *out, double x, int decimals)
{
	struct buf t = BUF_INIT;
	const char *s, *e;
	if (decimals == 0)
		buf_printf_num(&t, "%.0f", x);
	else if (decimals == 2)
		buf_printf_num(&t, "%.2f", x);
	else if (decimals >= 0)
		buf_printf(&t, "%.*f", decimals, x);
	else
		buf_printf_num(&t, "%.3g", x);
	s = buf_str(&t);
	if (strcmp(s, "-0.00") == 0 || strcmp(s, "-0") == 0)
		s++;
	if (s[0] == '-') {
		buf_puts(out, "$-$");
		s++;
	}
	e = strchr(s, 'e');
	if (!e) {
		buf_puts(out, s);
	} else {
		buf_add(out, s, (size_t)(e - s));
		buf_printf(out, "$\\times10^{%d}$", (int)strtol(e + 1, NULL, 10));
	}
	buf_release(&t);
}

static void put_cell(struct buf *out, const struct value *row, const struct latex_col *col,
		     const struct row_extra *extra)
{
	const struct value *v = value_get(row, col->key);
	struct buf key = BUF_INIT;
	double lo, hi;

	switch (col->fmt) {
	case FMT_TEXT:
		if (extra && strcmp(col->key, "benchmark") == 0)
			report_latex_escape(out, extra->benchmark);
		else if (extra && strcmp(col->key, "name") == 0)
			report_latex_escape(out, extra->name_of(value_str(row, "model"), extra->ud));
		else if (v && v->kind == VALUE_STRING)
			report_latex_escape(out, v->string);
		else
			buf_puts(out, "---");
		return;
	case FMT_VERDICT:
		report_latex_escape(out, value_get_string(row, "verdict_label"));
		if (value_get_string(row, "verdict_confidence_label")) {
			buf_puts(out, " (");
			report_latex_escape(out, value_get_string(row, "verdict_confidence_label"));
			buf_putc(out, ')');
		}
		return;
	default:
		break;
	}
	if (!v || v->kind != VALUE_NUMBER) {
		buf_puts(out, "---");
		return;
	}
	put_number(out, v->number, col->fmt == FMT_COUNT ? 0 : col->fmt == FMT_CORR || col->fmt == FMT_CORR_CI ? 2 : -1);
	if (col->fmt != FMT_CORR_CI && col->fmt != FMT_SCORE_CI)
		return;
	buf_printf(&key, "%s_ci_low", col->key);
	lo = value_num(row, buf_str(&key));
	buf_reset(&key);
	buf_printf(&key, "%s_ci_high", col->key);
	hi = value_num(row, buf_str(&key));
	buf_release(&key);
	if (!isfinite(lo) || !isfinite(hi))
		return;
	buf_puts(out, " [");
	put_number(out, lo, col->fmt == FMT_CORR_CI ? 2 : -1);
	buf_puts(out, ", ");
	put_number(out, hi, col->fmt == FMT_CORR_CI ? 2 : -1);
	buf_putc(out, ']');
}

/* The interval level of the report's bootstrap in percent, or 0 without one. */
static double ci_percent(const struct value *report)
{
	double level = value_num(value_get(value_get(report, "method"), "bootstrap"), "ci_level");
	return isfinite(level) ? 100 * level : 0;
}

/*
 * One booktabs table of rows with columns cols (ncols), captioned (LaTeX, escaped by the
 * caller) and labelled tab:washboard-label.
 */
static void latex_table(struct buf *out, const struct value *rows, const struct latex_col *cols,
			size_t ncols, const char *caption, const char *label,
			const struct row_extra *extra)
{
	if (rows && rows->n > REPORT_LATEX_MAX_ROWS) {
		buf_printf(out, "%% %s\n%% This table has %zu rows, too many for a paper (more than "
				"%d): use the CSV beside this file.\n",
			   caption, (size_t)rows->n, REPORT_LATEX_MAX_ROWS);
		return;
	}
	buf_puts(out, "\\begin{table}[htbp]\n\\centering\n\\small\n\\begin{tabular}{");
	for (size_t j = 0; j < ncols; j++)
		buf_putc(out, cols[j].fmt == FMT_TEXT || cols[j].fmt == FMT_VERDICT ? 'l' : 'r');
	buf_puts(out, "}\n\\toprule\n");
	for (size_t j = 0; j < ncols; j++)
		buf_printf(out, "%s%s", j ? " & " : "", cols[j].header);
	buf_puts(out, " \\\\\n\\midrule\n");
	for (size_t i = 0; rows && i < rows->n; i++) {
		for (size_t j = 0; j < ncols; j++) {
			if (j)
				buf_puts(out, " & ");
			put_cell(out, rows->items[i], &cols[j], extra);
		}
		buf_puts(out, " \\\\\n");
	}
	buf_puts(out, "\\bottomrule\n\\end{tabular}\n\\caption{");
	buf_puts(out, caption);
	buf_puts(out, "}\n\\label{tab:washboard-");
	buf_puts(out, label); /* ids and kinds are slugs: safe in a label */
	buf_puts(out, "}\n\\end{table}\n");
}

static void preamble_comment(struct buf *out)
{
	buf_printf(out, "%% washboard %s. Needs \\usepackage{booktabs}; names are UTF-8 for\n"
			"%% \\usepackage[utf8]{inputenc} and \\usepackage[T1]{fontenc}.\n",
		   WB_VERSION);
}

/* A cohort's benchmark table (report order). */
static void cohort_benchmarks(struct buf *out, const struct value *report, const struct value *co)
{
	double pct = ci_percent(report);
	char head[96];
	struct buf cap = BUF_INIT, label = BUF_INIT;
	struct latex_col cols[] = {
		{"name", "Benchmark", FMT_TEXT},
		{"role", "Role", FMT_TEXT},
		{"n", "$n$", FMT_COUNT},
		{"capabilities_correlation", "Capabilities $\\rho$", FMT_CORR_CI},
		{"compute_correlation", "Compute $\\rho$", FMT_CORR},
		{"verdict", "Verdict", FMT_VERDICT},
	};
	if (pct > 0) {
		snprintf(head, sizeof(head), "Capabilities $\\rho$ [%g\\%% CI]", pct);
		cols[3].header = head;
	}
	report_latex_escape(&cap, value_get_string(co, "title"));
	buf_puts(&cap, ": each benchmark's Spearman correlation with the capabilities score");
	if (pct > 0)
		buf_printf(&cap, " (with its %g\\%% bootstrap interval)", pct);
	buf_puts(&cap, " and with training compute, over $n$ models, and its verdict");
	if (pct > 0)
		buf_puts(&cap, " (with the bootstrap's confidence in it)");
	buf_putc(&cap, '.');
	buf_printf(&label, "%s", value_get_string(co, "id"));
	latex_table(out, value_get(co, "benchmarks"), cols, sizeof(cols) / sizeof(cols[0]),
		    buf_str(&cap), buf_str(&label), NULL);
	buf_release(&cap);
	buf_release(&label);
}

void report_write_latex(struct buf *out, const struct value *report, const char *cohort)
{
	const struct value *cohorts = value_get(report, "cohorts");
	preamble_comment(out);
	for (size_t i = 0; cohorts && i < cohorts->n; i++) {
		const struct value *co = cohorts->items[i];
		if (cohort && strcmp(value_str(co, "id"), cohort) != 0)
			continue;
		buf_putc(out, '\n');
		cohort_benchmarks(out, report, co);
	}
}

void report_latex_table(struct buf *out, const struct value *report, const struct value *rows,
			enum report_table t, const char *title, const char *label)
{
	static const struct latex_col models[] = {
		{"name", "Model", FMT_TEXT},
		{"params", "Parameters", FMT_SCORE},
		{"training_flop", "Training FLOP", FMT_SCORE},
		{"capability_score", "Capabilities score", FMT_SCORE_CI},
		{"capability_rank", "Rank", FMT_COUNT},
	};
	static const struct latex_col leader[] = {
		{"name", "Model", FMT_TEXT},
		{"safety_score", "Safety score", FMT_SCORE},
		{"safety_rank", "Rank", FMT_COUNT},
		{"decorrelated_score", "Decorrelated", FMT_SCORE_CI},
		{"decorrelated_rank", "Rank", FMT_COUNT},
		{"rank_change", "Change", FMT_COUNT},
		{"coverage", "Coverage", FMT_SCORE},
	};
	static const struct latex_col benches[] = {
		{"name", "Benchmark", FMT_TEXT},
		{"cohort", "Cohort", FMT_TEXT},
		{"n", "$n$", FMT_COUNT},
		{"capabilities_correlation", "Capabilities $\\rho$", FMT_CORR_CI},
		{"compute_correlation", "Compute $\\rho$", FMT_CORR},
		{"verdict", "Verdict", FMT_TEXT},
		{"verdict_confidence_label", "Confidence", FMT_TEXT},
	};
	const struct latex_col *cols = t == REPORT_MODELS ? models : t == REPORT_LEADERBOARD ? leader
									     : benches;
	size_t n = t == REPORT_MODELS ? 5 : 7;
	struct buf cap = BUF_INIT;

	if (t == REPORT_SCORES) { /* rows that carry their own name and benchmark */
		report_latex_scores(out, report, rows, NULL, title, label);
		return;
	}
	preamble_comment(out);
	buf_putc(out, '\n');
	report_latex_escape(&cap, title);
	if (t == REPORT_BENCHMARKS && !value_get(value_get(report, "method"), "bootstrap"))
		n = 6; /* no confidence without the bootstrap */
	latex_table(out, rows, cols, n, buf_str(&cap), label, NULL);
	buf_release(&cap);
}

void report_latex_scores(struct buf *out, const struct value *report, const struct value *rows,
			 const struct row_extra *extra, const char *title, const char *label)
{
	static const struct latex_col scores[] = {
		{"name", "Model", FMT_TEXT},
		{"benchmark", "Benchmark", FMT_TEXT},
		{"value", "Value", FMT_SCORE},
		{"stderr", "Std.\\ error", FMT_SCORE},
		{"n", "$n$", FMT_COUNT},
		{"expected", "Expected", FMT_SCORE},
		{"residual", "Residual", FMT_SCORE},
	};
	struct buf cap = BUF_INIT;
	(void)report;
	preamble_comment(out);
	buf_putc(out, '\n');
	report_latex_escape(&cap, title);
	latex_table(out, rows, scores, sizeof(scores) / sizeof(scores[0]), buf_str(&cap), label,
		    extra);
	buf_release(&cap);
}
