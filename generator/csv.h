/*
 * csv.h - read RFC 4180 CSV into a table of fields that know where they came from.
 *
 * Every field keeps its 1-based line and column, so that an importer can point at the cell
 * it refuses: `error: matrix.csv:12:5: value 'x' in column 'mmlu' is not a number`.
 * Ownership: a table owns its rows and their fields; csv_free() frees them all.
 */
#ifndef WB_CSV_H
#define WB_CSV_H

#include <stddef.h>

/** One parsed CSV table. Row 0 is the header when the file has one. */
struct csv_table {
	size_t nrows;
	struct csv_row {
		size_t nfields;
		char **fields;     /* NUL-terminated UTF-8, owned */
		unsigned *cols;    /* 1-based column of each field's first character */
		unsigned line;     /* 1-based line where the row starts */
	} *rows;
};

/**
 * Parse RFC 4180 CSV (comma separated, double-quote quoting, "" for a quote, LF or CRLF
 * line ends, a leading UTF-8 BOM skipped, blank lines skipped). Fields must be valid UTF-8.
 * Returns 0, or -1 after one diagnostic naming path:line:col. Free with csv_free().
 */
int csv_parse(const char *path, const char *text, size_t len, struct csv_table *t);
/** Free a table filled by csv_parse(). */
void csv_free(struct csv_table *t);

#endif
