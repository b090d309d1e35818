/* site_data.c - the data/ downloads: report.json, the CSV files and their LaTeX twins. */
#include "site_data.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pages.h"
#include "report.h"
#include "util.h"
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

/* The display name of model id of the cohort (ud), for the score tables' "name" cells. */
struct names {
	const struct build *b;
	const struct value *co;
};

static const char *model_name(const char *model, void *ud)
{
	const struct names *nm = ud;
	const struct value *m = pages_model_by_id(nm->b, nm->co, model);
	return m ? value_str(m, "name") : "";
}

/* Hand a piece of streamed JSON to the file st. */
static int put_stream(void *st, const char *data, size_t len)
{
	struct pages_stream *s = st;
	buf_add(&s->pending, data, len);
	pages_stream_flush(s, false);
	return s->rc;
}

/*
 * data/report.json, streamed from the tree (at 10,000 models x 200 benchmarks it is half a
 * gigabyte of text); the release archive copies this file (site_releases.c).
 */
static int write_report(struct build *b)
{
	struct pages_stream st;
	if (pages_stream_open(&st, b, "data/report.json") == 0)
		value_write_json_to(put_stream, &st, b->report, 2);
	b->st->files++;
	return pages_stream_close(&st);
}

/* A benchmark's per-model download (and its LaTeX twin), and its rows of scores.csv. */
static int write_scores(struct build *b, const struct value *co, const struct value *bench,
			struct pages_stream *all)
{
	const struct value *ms = value_get(bench, "models");
	const char *const *cols = report_columns(b->report, REPORT_SCORES);
	const char *cid = value_str(co, "id");
	struct names nm = {b, co};
	struct row_extra extra = {value_str(bench, "id"), model_name, &nm};
	struct buf out = BUF_INIT, rel = BUF_INIT, title = BUF_INIT, label = BUF_INIT;
	size_t head;
	int rc;

	buf_printf(&rel, "data/%s/benchmarks/%s.csv", cid, value_str(bench, "id"));
	report_csv_header(&out, cols);
	head = out.len;
	report_csv_rows(&out, ms, cols, &extra);
	buf_add(&all->pending, out.data + head, out.len - head); /* the same rows, once made */
	pages_stream_flush(all, false);
	rc = pages_write_file(b->tmp, buf_str(&rel), out.data ? out.data : "", out.len);
	b->st->files++;
	buf_reset(&out);
	buf_printf(&title, "%s: %s, each model's value, expected value and residual",
		   value_str(co, "title"), value_str(bench, "name"));
	buf_printf(&label, "%s-%s", cid, value_str(bench, "id"));
	report_latex_scores(&out, b->report, ms, &extra, buf_str(&title), buf_str(&label));
	rc |= write_tex(b, buf_str(&rel), &out);
	buf_release(&out);
	buf_release(&rel);
	buf_release(&title);
	buf_release(&label);
	return rc;
}

/* data/C/scores.csv, every model's value on every benchmark, streamed; its LaTeX twin is a
 * note: a table of every cell is no table for a paper. */
static int write_cohort_scores(struct build *b, const struct value *co)
{
	const struct value *bs = value_get(co, "benchmarks");
	const char *cid = value_str(co, "id");
	struct buf rel = BUF_INIT, tex = BUF_INIT;
	struct pages_stream all;
	size_t cells = 0;
	int rc = 0;

	buf_printf(&rel, "data/%s/scores.csv", cid);
	if (pages_stream_open(&all, b, buf_str(&rel)) == 0) {
		report_csv_header(&all.pending, report_columns(b->report, REPORT_SCORES));
		for (size_t k = 0; bs && k < bs->n && rc == 0; k++) {
			rc |= write_scores(b, co, bs->items[k], &all);
			cells += value_get(bs->items[k], "models")->n;
		}
	}
	rc |= pages_stream_close(&all);
	b->st->files++;
	buf_printf(&tex, "%% %s: every model's value on every benchmark: %zu rows, in the CSV "
			 "beside this file (one LaTeX table per benchmark is in benchmarks/).\n",
		   value_str(co, "title"), cells);
	rc |= write_tex(b, buf_str(&rel), &tex);
	buf_release(&rel);
	buf_release(&tex);
	return rc;
}

/* A cohort's downloads: benchmarks, models, leaderboard, and the scores. */
static int write_cohort(struct build *b, const struct value *co)
{
	const char *cid = value_str(co, "id");
	struct buf rel = BUF_INIT, title = BUF_INIT, label = BUF_INIT;
	struct value *rows = report_benchmark_rows(b->report, cid);
	int rc;

	buf_printf(&rel, "data/%s/benchmarks.csv", cid);
	rc = write_csv(b, buf_str(&rel), rows, report_columns(b->report, REPORT_BENCHMARKS),
		       REPORT_BENCHMARKS, NULL, cid);
	value_free(rows);
	buf_reset(&rel);
	buf_printf(&rel, "data/%s/models.csv", cid);
	buf_printf(&title, "%s: models", value_str(co, "title"));
	buf_printf(&label, "%s-models", cid);
	rc |= write_csv(b, buf_str(&rel), value_get(co, "models"),
			report_columns(b->report, REPORT_MODELS), REPORT_MODELS, buf_str(&title),
			buf_str(&label));
	buf_reset(&rel);
	buf_reset(&title);
	buf_reset(&label);
	buf_printf(&rel, "data/%s/leaderboard.csv", cid);
	buf_printf(&title, "%s: the decorrelated safety leaderboard", value_str(co, "title"));
	buf_printf(&label, "%s-leaderboard", cid);
	rc |= write_csv(b, buf_str(&rel), value_get(co, "leaderboard"),
			report_columns(b->report, REPORT_LEADERBOARD), REPORT_LEADERBOARD,
			buf_str(&title), buf_str(&label));
	rc |= write_cohort_scores(b, co);
	buf_release(&rel);
	buf_release(&title);
	buf_release(&label);
	return rc;
}

int site_data_write(struct build *b)
{
	const struct value *cohorts = value_get(b->report, "cohorts");
	struct value *rows;
	int rc = write_report(b);

	rows = report_benchmark_rows(b->report, NULL);
	rc |= write_csv(b, "data/benchmarks.csv", rows, report_columns(b->report, REPORT_BENCHMARKS),
			REPORT_BENCHMARKS, NULL, NULL);
	value_free(rows);
	for (size_t i = 0; cohorts && i < cohorts->n && rc == 0; i++)
		rc |= write_cohort(b, cohorts->items[i]);
	return rc ? -1 : 0;
}
