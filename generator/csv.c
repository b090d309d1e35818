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

int csv_parse(const char *path, const char *text, size_t len, struct csv_table *t)
{
	size_t i = 0, rows_cap = 0, fields_cap = 0, bad;
	unsigned line = 1, col = 1;
	struct buf field = BUF_INIT;
	struct csv_row row = {0, NULL, NULL, 1};
	int rc = -1;

	memset(t, 0, sizeof(*t));
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
		goto out;
	}
	if (memchr(text, '\0', len)) {
		diag_error(path, 0, 0, "contains NUL bytes (is this a binary file?)");
		goto out;
	}
	while (i <= len) {
		unsigned start_col = col, start_line = line;
		bool quoted = i < len && text[i] == '"';
		char end;

		buf_reset(&field);
		if (quoted) {
			i++;
			col++;
			for (;;) {
				if (i >= len) {
					diag_error(path, start_line, start_col,
						   "quoted field is never closed (a '\"' is missing)");
					goto out;
				}
				if (text[i] == '"') {
					if (i + 1 < len && text[i + 1] == '"') {
						buf_putc(&field, '"');
						i += 2;
						col += 2;
						continue;
					}
					i++;
					col++;
					break;
				}
				if (text[i] == '\n') {
					line++;
					col = 1;
				} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
					col++;
				}
				buf_putc(&field, text[i++]);
			}
			if (i < len && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
				diag_error(path, line, col,
					   "unexpected text after a quoted field (quote the whole field)");
				goto out;
			}
		} else {
			while (i < len && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
				if (((unsigned char)text[i] & 0xC0) != 0x80)
					col++;
				buf_putc(&field, text[i++]);
			}
		}
		if (row.nfields == 0)
			row.line = start_line;
		row_add(&row, &fields_cap, xstrdup(buf_str(&field)), start_col);
		end = (char)(i < len ? text[i] : '\n');
		if (end == ',') {
			i++;
			col++;
			continue;
		}
		/* end of record */
		if (end == '\r' && i + 1 < len && text[i + 1] == '\n')
			i++;
		i++;
		line++;
		col = 1;
		if (row.nfields == 1 && row.fields[0][0] == '\0') {
			/* a blank line */
			free(row.fields[0]);
			row.nfields = 0;
		} else {
			xgrow((void **)&t->rows, &rows_cap, t->nrows + 1, sizeof(*t->rows));
			t->rows[t->nrows++] = row;
			memset(&row, 0, sizeof(row));
			fields_cap = 0;
		}
		if (i >= len)
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
