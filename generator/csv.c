#include "csv.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

static void row_add(struct csv_row *r, size_t *cap, char *field, unsigned col)
{
	size_t c = *cap;
	xgrow((void **)&r->fields, &c, r->nfields + 1, sizeof(*r->fields));
	r->cols = xrealloc(r->cols, c * sizeof(*r->cols));
	*cap = c;
	r->fields[r->nfields] = field;
	r->cols[r->nfields] = col;
	r->nfields++;
}

/* Where the parser is in the text: byte offset, and the line and column it starts. */
struct cursor {
	const char *path; /* for diagnostics */
	const char *text;
	size_t len;
	size_t i;      /* offset of the next byte */
	unsigned line; /* 1-based */
	unsigned col;  /* 1-based, in characters (UTF-8 continuation bytes do not count) */
};

/*
 * Skip a leading UTF-8 BOM (*start is where the text begins) and refuse text that is not
 * UTF-8 or holds NUL bytes; -1 after a diagnostic.
 */
static int check_text(const char *path, const char *text, size_t len, size_t *start)
{
	size_t i = 0, bad;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	if (!utf8_valid(text + i, len - i, &bad)) {
		unsigned l = 1, c = 1;
		for (size_t k = i; k < i + bad; k++) {
			if (text[k] == '\n') {
				l++;
				c = 1;
			} else if (((unsigned char)text[k] & 0xC0) != 0x80) {
				c++;
			}
		}
		diag_error(path, l, c, "invalid UTF-8 (save the file as UTF-8)");
		return -1;
	}
	if (memchr(text, '\0', len)) {
		diag_error(path, 0, 0, "contains NUL bytes (is this a binary file?)");
		return -1;
	}
	*start = i;
	return 0;
}

/*
 * Read the quoted field at c (its opening '"') into field, up to the end of the field; -1
 * after a diagnostic (never closed, or text after the closing quote).
 */
static int read_quoted(struct cursor *c, struct buf *field)
{
	const char *text = c->text;
	unsigned start_col = c->col, start_line = c->line;

	c->i++;
	c->col++;
	for (;;) {
		if (c->i >= c->len) {
			diag_error(c->path, start_line, start_col,
				   "quoted field is never closed (a '\"' is missing)");
			return -1;
		}
		if (text[c->i] == '"') {
			if (c->i + 1 < c->len && text[c->i + 1] == '"') {
				buf_putc(field, '"');
				c->i += 2;
				c->col += 2;
				continue;
			}
			c->i++;
			c->col++;
			break;
		}
		if (text[c->i] == '\n') {
			c->line++;
			c->col = 1;
		} else if (((unsigned char)text[c->i] & 0xC0) != 0x80) {
			c->col++;
		}
		buf_putc(field, text[c->i++]);
	}
	if (c->i < c->len && text[c->i] != ',' && text[c->i] != '\n' && text[c->i] != '\r') {
		diag_error(c->path, c->line, c->col,
			   "unexpected text after a quoted field (quote the whole field)");
		return -1;
	}
	return 0;
}

/* Read the unquoted field at c into field, up to the comma or line end after it. */
static void read_plain(struct cursor *c, struct buf *field)
{
	const char *text = c->text;

	while (c->i < c->len && text[c->i] != ',' && text[c->i] != '\n' && text[c->i] != '\r') {
		if (((unsigned char)text[c->i] & 0xC0) != 0x80)
			c->col++;
		buf_putc(field, text[c->i++]);
	}
}

/* The record in *row is complete: append it to t (a blank line is dropped); *row is reset. */
static void end_record(struct csv_table *t, size_t *rows_cap, struct csv_row *row,
		       size_t *fields_cap)
{
	if (row->nfields == 1 && row->fields[0][0] == '\0') {
		/* a blank line */
		free(row->fields[0]);
		row->nfields = 0;
	} else {
		xgrow((void **)&t->rows, rows_cap, t->nrows + 1, sizeof(*t->rows));
		t->rows[t->nrows++] = *row;
		memset(row, 0, sizeof(*row));
		*fields_cap = 0;
	}
}

int csv_parse(const char *path, const char *text, size_t len, struct csv_table *t)
{
	struct cursor c = {path, text, len, 0, 1, 1};
	size_t rows_cap = 0, fields_cap = 0;
	struct buf field = BUF_INIT;
	struct csv_row row = {0, NULL, NULL, 1};
	int rc = -1;

	memset(t, 0, sizeof(*t));
	if (check_text(path, text, len, &c.i) < 0)
		goto out;
	while (c.i <= len) {
		unsigned start_col = c.col, start_line = c.line;
		char end;

		buf_reset(&field);
		if (c.i < len && text[c.i] == '"') {
			if (read_quoted(&c, &field) < 0)
				goto out;
		} else {
			read_plain(&c, &field);
		}
		if (row.nfields == 0)
			row.line = start_line;
		row_add(&row, &fields_cap, xstrdup(buf_str(&field)), start_col);
		end = (char)(c.i < len ? text[c.i] : '\n');
		if (end == ',') {
			c.i++;
			c.col++;
			continue;
		}
		/* end of record */
		if (end == '\r' && c.i + 1 < len && text[c.i + 1] == '\n')
			c.i++;
		c.i++;
		c.line++;
		c.col = 1;
		end_record(t, &rows_cap, &row, &fields_cap);
		if (c.i >= len)
			break;
	}
	rc = 0;
out:
	for (size_t k = 0; k < row.nfields; k++)
		free(row.fields[k]);
	free(row.fields);
	free(row.cols);
	buf_release(&field);
	if (rc != 0)
		csv_free(t);
	return rc;
}

void csv_free(struct csv_table *t)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t f = 0; f < t->rows[r].nfields; f++)
			free(t->rows[r].fields[f]);
		free(t->rows[r].fields);
		free(t->rows[r].cols);
	}
	free(t->rows);
	memset(t, 0, sizeof(*t));
}
