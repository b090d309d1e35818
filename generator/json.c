#include "json.h"

#include <cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* Turns byte offsets into line:col; offsets are asked for in increasing order. */
struct cursor {
	const char *text;
	size_t at;       /* offset already counted */
	unsigned line;   /* line at offset `at` */
	unsigned col;    /* column at offset `at`, counted in code points */
};

static void cursor_move(struct cursor *c, size_t to)
{
	for (; c->at < to; c->at++) {
		unsigned char ch = (unsigned char)c->text[c->at];
		if (ch == '\n') {
			c->line++;
			c->col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c->col++;
		}
	}
}

static void error_at(struct json_error *err, const char *text, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void error_at(struct json_error *err, const char *text, size_t off, const char *fmt, ...)
{
	struct cursor c = {text, 0, 1, 1};
	va_list ap;

	cursor_move(&c, off);
	err->line = c.line;
	err->col = c.col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

/* One pass over the raw text: UTF-8 validity, NUL bytes and nesting depth. */
static int prescan(const char *text, size_t len, struct json_error *err)
{
	const unsigned char *s = (const unsigned char *)text;
	int depth = 0, in_string = 0;
	size_t i = 0, k;

	while (i < len) {
		if (s[i] == 0) {
			error_at(err, text, i, "NUL byte in JSON text (is this a binary file?)");
			return -1;
		}
		k = utf8_seq_len(text + i, len - i);
		if (!k) {
			error_at(err, text, i, "invalid UTF-8 byte sequence");
			return -1;
		}
		if (in_string) {
			if (s[i] == '\\')
				k = i + 1 < len ? 2 : 1;
			else if (s[i] == '"')
				in_string = 0;
		} else if (s[i] == '"') {
			in_string = 1;
		} else if (s[i] == '[' || s[i] == '{') {
			if (++depth > JSON_MAX_DEPTH) {
				error_at(err, text, i, "nesting deeper than %d levels", JSON_MAX_DEPTH);
				return -1;
			}
		} else if (s[i] == ']' || s[i] == '}') {
			depth--;
		}
		i += k;
	}
	return 0;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

struct walk {
	const char *text;
	size_t len;
	size_t p;
	struct cursor cur;
	struct json_error *err;
};

static void skip_ws(struct walk *w)
{
	while (w->p < w->len && is_ws(w->text[w->p]))
		w->p++;
}

static void skip_string(struct walk *w)
{
	w->p++; /* opening quote */
	while (w->p < w->len && w->text[w->p] != '"')
		w->p += w->text[w->p] == '\\' ? 2 : 1;
	w->p++;
}

static void skip_scalar(struct walk *w)
{
	while (w->p < w->len && !is_ws(w->text[w->p]) && !strchr(",]}", w->text[w->p]))
		w->p++;
}

/* Builds our tree from cJSON's, walking the (already valid) text alongside for positions. */
static struct value *convert(struct walk *w, const cJSON *c)
{
	struct value *v = NULL;
	unsigned line, col;
	const cJSON *child;

	skip_ws(w);
	cursor_move(&w->cur, w->p);
	line = w->cur.line;
	col = w->cur.col;

	if (cJSON_IsObject(c) || cJSON_IsArray(c)) {
		int is_obj = cJSON_IsObject(c);
		v = is_obj ? value_object() : value_array();
		w->p++; /* { or [ */
		for (child = c->child; child; child = child->next) {
			struct value *item;
			skip_ws(w);
			if (is_obj) {
				size_t key_at = w->p;
				skip_string(w);
				skip_ws(w);
				w->p++; /* : */
				if (value_get(v, child->string)) {
					error_at(w->err, w->text, key_at, "duplicate key '%s'",
						 child->string);
					value_free(v);
					return NULL;
				}
			}
			item = convert(w, child);
			if (!item) {
				value_free(v);
				return NULL;
			}
			if (is_obj)
				value_set(v, child->string, item);
			else
				value_push(v, item);
			skip_ws(w);
			if (w->p < w->len && w->text[w->p] == ',')
				w->p++;
		}
		skip_ws(w);
		w->p++; /* } or ] */
	} else if (cJSON_IsString(c)) {
		v = value_string(c->valuestring);
		skip_string(w);
	} else if (cJSON_IsNumber(c)) {
		if (!isfinite(c->valuedouble)) {
			error_at(w->err, w->text, w->p, "number out of range");
			return NULL;
		}
		v = value_number(c->valuedouble);
		skip_scalar(w);
	} else if (cJSON_IsBool(c)) {
		v = value_bool(cJSON_IsTrue(c));
		skip_scalar(w);
	} else {
		v = value_null();
		skip_scalar(w);
	}
	v->line = line;
	v->col = col;
	return v;
}

struct value *json_parse(const char *text, size_t len, struct json_error *err)
{
	const char *end = NULL;
	cJSON *root = NULL;
	struct value *v = NULL;
	struct walk w;
	size_t off;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		/* Positions stay right: the BOM has no width and is skipped by cursor_move too. */
		text += 3;
		len -= 3;
	}
	if (prescan(text, len, err) < 0)
		goto out;
	for (off = 0; off < len && is_ws(text[off]); off++)
		;
	if (off == len) {
		error_at(err, text, off, "empty file (expected a JSON value)");
		goto out;
	}
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		const char *at = cJSON_GetErrorPtr();
		char what[32];
		off = at && at >= text && at <= text + len ? (size_t)(at - text) : 0;
		/* cJSON points just after the last good token; step to the offending byte. */
		while (off < len && is_ws(text[off]))
			off++;
		if (off >= len) {
			error_at(err, text, len, "unexpected end of file in JSON");
		} else {
			unsigned char ch = (unsigned char)text[off];
			if (ch >= 0x20 && ch < 0x7F)
				snprintf(what, sizeof(what), "'%c'", ch);
			else
				snprintf(what, sizeof(what), "byte 0x%02X", ch);
			error_at(err, text, off, "invalid JSON near %s", what);
		}
		goto out;
	}
	off = (size_t)(end - text);
	while (off < len && is_ws(text[off]))
		off++;
	if (off < len) {
		error_at(err, text, off, "unexpected text after the JSON value");
		goto out;
	}
	w.text = text;
	w.len = len;
	w.p = 0;
	w.cur.text = text;
	w.cur.at = 0;
	w.cur.line = 1;
	w.cur.col = 1;
	w.err = err;
	v = convert(&w, root);
out:
	cJSON_Delete(root);
	return v;
}
