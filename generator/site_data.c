/* site_data.c - the data/ downloads: report.json, the CSV files and their LaTeX twins. */
#include "site_data.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pages.h"
#include "report.h"
#include "value.h"

/* rel with its ".csv" replaced by ".tex" (caller frees). */
static char *tex_path(const char *rel)
{
	struct buf p = BUF_INIT;
	buf_add(&p, rel, strlen(rel) - 4);
	buf_puts(&p, ".tex");
	return buf_detach(&p);
}

/* Write tex as the LaTeX twin of download rel (x.csv -> x.tex). */
static int write_tex(struct build *b, const char *rel, const struct buf *tex)
{
	char *path = tex_path(rel);
	int rc = pages_write_file(b->tmp, path, tex->data ? tex->data : "", tex->len);
	b->st->files++;
	free(path);
	return rc;
}

/*
 * Write rows as the CSV download rel and, beside it, as a LaTeX table of kind t (title:
 * its caption, label: its \label) for papers.
 */
static int write_csv(struct build *b, const char *rel, const struct value *rows,
		     const char *const *cols, enum report_table t, const char *title,
		     const char *label)
{
	struct buf out = BUF_INIT;
	int rc;
	report_csv_table(&out, rows, cols);
	rc = pages_write_file(b->tmp, rel, out.data ? out.data : "", out.len);
	b->st->files++;
	buf_reset(&out);
	if (t == REPORT_BENCHMARKS)
		report_write_latex(&out, b->report, label); /* label: the cohort, or NULL */
	else
		report_latex_table(&out, b->report, rows, t, title, label);
	rc |= write_tex(b, rel, &out);
	buf_release(&out);
	return rc;
}

int site_data_write(struct build *b)
{
	const char *const *score_cols = report_columns(b->report, REPORT_SCORES);
	const struct value *cohorts = value_get(b->report, "cohorts");
	struct buf out = BUF_INIT, rel = BUF_INIT, title = BUF_INIT, label = BUF_INIT;
	struct value *rows;
	int rc = 0;

	rc |= pages_write_file(b->tmp, "data/report.json", buf_str(&b->report_json),
			       b->report_json.len);
	b->st->files++;
	rows = report_benchmark_rows(b->report, NULL);
	rc |= write_csv(b, "data/benchmarks.csv", rows, report_columns(b->report, REPORT_BENCHMARKS),
			REPORT_BENCHMARKS, NULL, NULL);
	value_free(rows);
	for (size_t i = 0; cohorts && i < cohorts->n && rc == 0; i++) {
		const struct value *co = cohorts->items[i], *bs = value_get(co, "benchmarks");
		const char *cid = value_str(co, "id");
		struct value *all = value_array();

		rows = report_benchmark_rows(b->report, cid);
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/benchmarks.csv", cid);
		rc |= write_csv(b, buf_str(&rel), rows, report_columns(b->report, REPORT_BENCHMARKS),
				REPORT_BENCHMARKS, NULL, cid);
		value_free(rows);
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/models.csv", cid);
		buf_reset(&title);
		buf_printf(&title, "%s: models", value_str(co, "title"));
		buf_reset(&label);
		buf_printf(&label, "%s-models", cid);
		rc |= write_csv(b, buf_str(&rel), value_get(co, "models"),
				report_columns(b->report, REPORT_MODELS), REPORT_MODELS,
				buf_str(&title), buf_str(&label));
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/leaderboard.csv", cid);
		buf_reset(&title);
		buf_printf(&title, "%s: the decorrelated safety leaderboard", value_str(co, "title"));
		buf_reset(&label);
		buf_printf(&label, "%s-leaderboard", cid);
		rc |= write_csv(b, buf_str(&rel), value_get(co, "leaderboard"),
				report_columns(b->report, REPORT_LEADERBOARD), REPORT_LEADERBOARD,
				buf_str(&title), buf_str(&label));
		for (size_t k = 0; bs && k < bs->n; k++) {
			const struct value *ms = value_get(bs->items[k], "models");
			rows = value_array();
			for (size_t j = 0; ms && j < ms->n; j++) {
				struct value *r = value_copy(ms->items[j]);
				const struct value *m = pages_model_by_id(b, co, value_str(r, "model"));
				value_set_string(r, "benchmark", value_str(bs->items[k], "id"));
				value_set_string(r, "name", m ? value_str(m, "name") : "");
				value_push(all, value_copy(r));
				value_push(rows, r);
			}
			buf_reset(&rel);
			buf_printf(&rel, "data/%s/benchmarks/%s.csv", cid, value_str(bs->items[k], "id"));
			buf_reset(&title);
			buf_printf(&title, "%s: %s, each model's value, expected value and residual",
				   value_str(co, "title"), value_str(bs->items[k], "name"));
			buf_reset(&label);
			buf_printf(&label, "%s-%s", cid, value_str(bs->items[k], "id"));
			rc |= write_csv(b, buf_str(&rel), rows, score_cols, REPORT_SCORES,
					buf_str(&title), buf_str(&label));
			value_free(rows);
		}
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/scores.csv", cid);
		buf_reset(&title);
		buf_printf(&title, "%s: every model's value on every benchmark", value_str(co, "title"));
		buf_reset(&label);
		buf_printf(&label, "%s-scores", cid);
		rc |= write_csv(b, buf_str(&rel), all, score_cols, REPORT_SCORES, buf_str(&title),
				buf_str(&label));
		value_free(all);
	}
	buf_release(&out);
	buf_release(&rel);
	buf_release(&title);
	buf_release(&label);
	return rc ? -1 : 0;
}
