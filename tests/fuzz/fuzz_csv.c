/*
 * fuzz_csv.c - libFuzzer harness for the CSV reader and the wide-matrix importer
 * (generator/csv.h, generator/importers.h).
 *
 * The input is split at NUL bytes: MATRIX NUL INFO NUL TAXONOMY (INFO and TAXONOMY are
 * optional; an empty part is left out). Each part goes to csv_parse(); then the parts are
 * written as files and import_csv_matrix() imports MATRIX into cohort "fuzz" of a content
 * directory that is emptied before every run (created once per process).
 *
 * Checked: a parsed table has rows with at least one field each, 1-based columns and
 * non-decreasing line numbers. With WB_FUZZ_CSV_LOAD=1 in the environment, content that
 * import_csv_matrix() wrote must also load with content_load() (the importer promises to
 * check everything before it writes); off by default, because a failure there is a
 * validation gap rather than a memory error.
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "content.h"
#include "csv.h"
#include "importers.h"
#include "util.h"
#include "value.h"

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
static void cleanup(void);

static char *work;	  /* per-process directory: the CSV files and content/ */
static char *content_dir; /* work/content, emptied before every run */
static char *cohort_dir;  /* content_dir/models/fuzz */
static char *csv_path[3]; /* work/matrix.csv, work/info.csv, work/taxonomy.csv */
static bool check_load;	  /* WB_FUZZ_CSV_LOAD=1 */

static void reset_content(void)
{
	char *models = fuzz_join(content_dir, "models");
	fuzz_empty_dir(cohort_dir);
	rmdir(cohort_dir);
	rmdir(models);
	fuzz_empty_dir(content_dir); /* site.json, benchmarks.json, leftover *.tmp.PID */
	free(models);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const names[3] = {"matrix.csv", "info.csv", "taxonomy.csv"};
	(void)argc;
	(void)argv;
	diag_quiet_warnings(true);
	check_load = getenv("WB_FUZZ_CSV_LOAD") && strcmp(getenv("WB_FUZZ_CSV_LOAD"), "1") == 0;
	fuzz_quiet_stderr();
	fuzz_cleanup_hook = cleanup;
	work = fuzz_tempdir("csv");
	content_dir = fuzz_join(work, "content");
	cohort_dir = fuzz_join(content_dir, "models/fuzz");
	for (int i = 0; i < 3; i++)
		csv_path[i] = fuzz_join(work, names[i]);
	return 0;
}

__attribute__((destructor)) static void cleanup(void)
{
	if (!work)
		return;
	reset_content();
	rmdir(content_dir);
	for (int i = 0; i < 3; i++)
		unlink(csv_path[i]);
	rmdir(work);
	work = NULL;
}

static void check_table(const struct csv_table *t)
{
	unsigned line = 0;
	for (size_t r = 0; r < t->nrows; r++) {
		const struct csv_row *row = &t->rows[r];
		if (row->nfields == 0)
			fuzz_fail("csv_parse produced a row without fields");
		if (row->line == 0 || row->line < line)
			fuzz_fail("csv_parse row lines are not 1-based and non-decreasing");
		line = row->line;
		for (size_t f = 0; f < row->nfields; f++) {
			if (!row->fields[f])
				fuzz_fail("csv_parse produced a NULL field");
			if (row->cols[f] == 0)
				fuzz_fail("csv_parse produced a column 0");
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_part parts[3];
	size_t n = fuzz_split(data, size, parts, 3);
	struct import_csv_options o = {0};

	for (size_t i = 0; i < n; i++) {
		struct csv_table t;
		if (csv_parse(csv_path[i], parts[i].data, parts[i].len, &t) == 0) {
			check_table(&t);
			csv_free(&t);
		}
	}

	reset_content();
	o.content = content_dir;
	o.cohort = "fuzz";
	o.cohort_title = "Fuzz models";
	o.source = "fuzz";
	o.matrix = csv_path[0];
	fuzz_write_file(csv_path[0], parts[0].data, parts[0].len);
	if (n > 1 && parts[1].len) {
		fuzz_write_file(csv_path[1], parts[1].data, parts[1].len);
		o.info = csv_path[1];
	}
	if (n > 2 && parts[2].len) {
		fuzz_write_file(csv_path[2], parts[2].data, parts[2].len);
		o.taxonomy = csv_path[2];
	}
	if (import_csv_matrix(&o) == 0 && check_load) {
		struct corpus *c = content_load(content_dir);
		if (!c)
			fuzz_fail("import_csv_matrix wrote content that content_load rejects");
		content_free(c);
	}
	value_release_all();
	return 0;
}
