/* site_data.c - the data/ downloads: report.json and the CSV files. */
#include "site_data.h"

#include <stddef.h>

#include "buf.h"
#include "pages.h"
#include "report.h"
#include "value.h"

static int write_csv(struct build *b, const char *rel, const struct value *rows,
		     const char *const *cols)
{
	struct buf out = BUF_INIT;
	int rc;
	report_csv_table(&out, rows, cols);
	rc = pages_write_file(b->tmp, rel, out.data ? out.data : "", out.len);
	b->st->files++;
	buf_release(&out);
	return rc;
}

int site_data_write(struct build *b)
{
	const char *const *score_cols = report_columns(b->report, REPORT_SCORES);
	const struct value *cohorts = value_get(b->report, "cohorts");
	struct buf out = BUF_INIT, rel = BUF_INIT;
	struct value *rows;
	int rc = 0;

	value_write_json(&out, b->report, 2);
	rc |= pages_write_file(b->tmp, "data/report.json", out.data, out.len);
	b->st->files++;
	rows = report_benchmark_rows(b->report, NULL);
	rc |= write_csv(b, "data/benchmarks.csv", rows, report_columns(b->report, REPORT_BENCHMARKS));
	value_free(rows);
	for (size_t i = 0; cohorts && i < cohorts->n && rc == 0; i++) {
		const struct value *co = cohorts->items[i], *bs = value_get(co, "benchmarks");
		const char *cid = value_str(co, "id");
		struct value *all = value_array();

		rows = report_benchmark_rows(b->report, cid);
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/benchmarks.csv", cid);
		rc |= write_csv(b, buf_str(&rel), rows, report_columns(b->report, REPORT_BENCHMARKS));
		value_free(rows);
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/models.csv", cid);
		rc |= write_csv(b, buf_str(&rel), value_get(co, "models"),
				report_columns(b->report, REPORT_MODELS));
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/leaderboard.csv", cid);
		rc |= write_csv(b, buf_str(&rel), value_get(co, "leaderboard"),
				report_columns(b->report, REPORT_LEADERBOARD));
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
			rc |= write_csv(b, buf_str(&rel), rows, score_cols);
			value_free(rows);
		}
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/scores.csv", cid);
		rc |= write_csv(b, buf_str(&rel), all, score_cols);
		value_free(all);
	}
	buf_release(&out);
	buf_release(&rel);
	return rc ? -1 : 0;
}
