/*
 * site_data.h - the site's data/ downloads, straight from the report.
 *
 *   data/report.json                 the whole report (report.h), as `washboard analyze
 *                                    --format json` prints it
 *   data/benchmarks.csv              one row per cohort and benchmark (every cohort)
 *   data/C/benchmarks.csv            the same for cohort C
 *   data/C/models.csv                C's models: params, training FLOP, capabilities score
 *   data/C/leaderboard.csv           C's decorrelated safety leaderboard
 *   data/C/scores.csv                every model's value on every benchmark of C
 *   data/C/benchmarks/B.csv          the same for benchmark B of C alone
 *
 * CSV as report_csv_table() writes it: a header row, CRLF line ends, csv_field() quoting.
 * Beside each X.csv, X.tex: the same table in LaTeX for papers (report_latex_table(), and
 * report_write_latex() for the benchmark tables), booktabs, every name escaped.
 *
 * Internal to the site: site*.c include this header.
 */
#ifndef WB_SITE_DATA_H
#define WB_SITE_DATA_H

struct build;

/**
 * Write every data file under b->tmp, counting them in b->st. Returns 0, or -1 after a
 * diagnostic when a file could not be written.
 */
int site_data_write(struct build *b);

#endif
