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

/* The value of the four hex digits at s (n bytes available), or -1 when they are not hex. */
static long hex4(const unsigned char *s, size_t n)
{
	long v = 0;
	if (n < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		int d = s[i] >= '0' && s[i] <= '9'   ? s[i] - '0'
			: s[i] >= 'a' && s[i] <= 'f' ? s[i] - 'a' + 10
			: s[i] >= 'A' && s[i] <= 'F' ? s[i] - 'A' + 10
						     : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/*
 * A \u escape at s[i] (s[i] == '\\', s[i + 1] == 'u') that JSON allows but a C string cannot
 * hold, or that is no character at all: \u0000, a high surrogate without a low one after
 * it, a low surrogate alone. Returns the bytes the escape (pair) takes, 0 to leave a
 * malformed escape to cJSON and locate_error(), or -1 after filling err.
 */
static long check_u_escape(const char *text, size_t len, size_t i, struct json_error *err)
{
	const unsigned char *s = (const unsigned char *)text;
	long cp = hex4(s + i + 2, len - i - 2);

	if (cp < 0)
		return 0;
	if (cp == 0) {
		error_at(err, text, i, "\\u0000 (NUL) in a string: text cannot hold it (remove it)");
		return -1;
	}
	if (cp >= 0xDC00 && cp <= 0xDFFF) {
		error_at(err, text, i,
			 "\\u%04lX is a lone low surrogate (it must follow a high one, \\uD800-\\uDBFF)",
			 cp);
		return -1;
	}
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		long lo = i + 8 <= len && s[i + 6] == '\\' && s[i + 7] == 'u'
				  ? hex4(s + i + 8, len - i - 8)
				  : -1;
		if (lo < 0xDC00 || lo > 0xDFFF) {
			error_at(err, text, i,
				 "\\u%04lX is a lone high surrogate (a low one, \\uDC00-\\uDFFF, must "
				 "follow it)",
				 cp);
			return -1;
		}
		return 12;
	}
	return 6;
}

/*
 * One pass over the raw text: UTF-8 validity, NUL bytes (raw or \u0000), lone surrogate
 * escapes, nesting depth and the number of values (a bound on the tree cJSON and convert()
 * build: every value but the first follows a '[', '{' or ',').
 */
static int prescan(const char *text, size_t len, struct json_error *err)
{
	const unsigned char *s = (const unsigned char *)text;
	int depth = 0, in_string = 0;
	size_t i = 0, k, values = 1;

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
			if (s[i] == '\\' && i + 1 < len && s[i + 1] == 'u') {
				long n = check_u_escape(text, len, i, err);
				if (n < 0)
					return -1;
				k = n ? (size_t)n : 2;
			} else if (s[i] == '\\') {
				k = i + 1 < len ? 2 : 1;
			} else if (s[i] == '"') {
				in_string = 0;
			}
		} else if (s[i] == '"') {
			in_string = 1;
		} else if (s[i] == '[' || s[i] == '{' || s[i] == ',') {
			if (s[i] != ',' && ++depth > JSON_MAX_DEPTH) {
				error_at(err, text, i, "nesting deeper than %d levels", JSON_MAX_DEPTH);
				return -1;
			}
			if (++values > JSON_MAX_VALUES) {
				error_at(err, text, i,
					 "more than %d values in one file (a limit that keeps memory "
					 "bounded: is this really a results or content file?)",
					 JSON_MAX_VALUES);
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


/*
 * A strict JSON recognizer, run only after cJSON has refused the text: cJSON's error
 * pointer often names an outer value, so this finds the first offending byte and says what
 * was expected there. Nesting is already capped by prescan(), so recursion is bounded.
 */
struct locate {
	const char *s;
	size_t len, p;
	const char *msg; /* static text of the first problem */
};

static void loc_ws(struct locate *l)
{
	while (l->p < l->len && is_ws(l->s[l->p]))
		l->p++;
}

static int loc_fail(struct locate *l, const char *msg)
{
	l->msg = msg;
	return -1;
}

static int loc_value(struct locate *l);

static int loc_string(struct locate *l)
{
	l->p++; /* opening quote */
	while (l->p < l->len) {
		unsigned char c = (unsigned char)l->s[l->p];
		if (c == '"') {
			l->p++;
			return 0;
		}
		if (c < 0x20)
			return loc_fail(l, "control character in a string (escape it, e.g. \\n)");
		if (c == '\\') {
			l->p++;
			if (l->p >= l->len)
				break;
			if (l->s[l->p] == 'u') {
				for (int i = 1; i <= 4; i++)
					if (l->p + (size_t)i >= l->len ||
					    !strchr("0123456789abcdefABCDEF", l->s[l->p + (size_t)i]) ||
					    l->s[l->p + (size_t)i] == '\0') {
						l->p += (size_t)i;
						return loc_fail(l, "bad \\u escape (four hex digits expected)");
					}
				l->p += 5;
				continue;
			}
			if (!strchr("\"\\/bfnrt", l->s[l->p]) || l->s[l->p] == '\0')
				return loc_fail(l, "bad escape in a string");
		}
		l->p++;
	}
	return loc_fail(l, "unexpected end of file in a string (a '\"' is missing)");
}

static int loc_digits(struct locate *l)
{
	size_t start = l->p;
	while (l->p < l->len && l->s[l->p] >= '0' && l->s[l->p] <= '9')
		l->p++;
	return l->p > start ? 0 : loc_fail(l, "bad number (a digit is expected here)");
}

static int loc_number(struct locate *l)
{
	if (l->s[l->p] == '-' && l->p + 1 < l->len && l->s[l->p + 1] == 'I')
		return loc_fail(l, "NaN and Infinity are not JSON (use null for a missing value)");
	if (l->s[l->p] == '-')
		l->p++;
	if (l->p < l->len && l->s[l->p] == '0')
		l->p++;
	else if (loc_digits(l) < 0)
		return -1;
	if (l->p < l->len && l->s[l->p] == '.') {
		l->p++;
		if (loc_digits(l) < 0)
			return -1;
	}
	if (l->p < l->len && (l->s[l->p] == 'e' || l->s[l->p] == 'E')) {
		l->p++;
		if (l->p < l->len && (l->s[l->p] == '+' || l->s[l->p] == '-'))
			l->p++;
		if (loc_digits(l) < 0)
			return -1;
	}
	return 0;
}

static int loc_word(struct locate *l, const char *w)
{
	size_t n = strlen(w);
	if (l->len - l->p >= n && memcmp(l->s + l->p, w, n) == 0) {
		l->p += n;
		return 0;
	}
	return loc_fail(l, "expected a value (a string, number, object, array, true, false or "
			   "null)");
}

static int loc_container(struct locate *l, char close)
{
	int first = 1;
	l->p++; /* [ or { */
	for (;;) {
		loc_ws(l);
		if (l->p >= l->len)
			return loc_fail(l, close == '}' ? "unexpected end of file in an object (a '}' "
							  "is missing)"
							: "unexpected end of file in an array (a ']' is "
							  "missing)");
		if (l->s[l->p] == close) {
			if (!first)
				return loc_fail(l, "trailing comma before this bracket (remove it)");
			l->p++;
			return 0;
		}
		if (close == '}') {
			if (l->s[l->p] == '\'')
				return loc_fail(l, "keys need double quotes, not single quotes");
			if (l->s[l->p] != '"')
				return loc_fail(l, "expected a key in double quotes");
			if (loc_string(l) < 0)
				return -1;
			loc_ws(l);
			if (l->p >= l->len || l->s[l->p] != ':')
				return loc_fail(l, "expected ':' after the key");
			l->p++;
		}
		if (loc_value(l) < 0)
			return -1;
		loc_ws(l);
		if (l->p < l->len && l->s[l->p] == ',') {
			l->p++;
			first = 0;
			continue;
		}
		if (l->p < l->len && l->s[l->p] == close) {
			l->p++;
			return 0;
		}
		if (l->p >= l->len)
			continue; /* reported as end of file above */
		return loc_fail(l, close == '}' ? "expected ',' or '}' (a comma is missing?)"
						: "expected ',' or ']' (a comma is missing?)");
	}
}

static int loc_value(struct locate *l)
{
	char c;
	loc_ws(l);
	if (l->p >= l->len)
		return loc_fail(l, "unexpected end of file (a value is missing)");
	c = l->s[l->p];
	if (c == '{')
		return loc_container(l, '}');
	if (c == '[')
		return loc_container(l, ']');
	if (c == '"')
		return loc_string(l);
	if (c == '-' || (c >= '0' && c <= '9'))
		return loc_number(l);
	if (c == 't')
		return loc_word(l, "true");
	if (c == 'f')
		return loc_word(l, "false");
	if (c == 'n')
		return loc_word(l, "null");
	if (c == '\'')
		return loc_fail(l, "strings and keys need double quotes, not single quotes");
	if (c == 'N' || c == 'I')
		return loc_fail(l, "NaN and Infinity are not JSON (use null for a missing value)");
	return loc_fail(l, "expected a value (a string, number, object, array, true, false or "
			   "null)");
}

/* Position and message of the first syntax error in text (which cJSON refused). */
static void locate_error(const char *text, size_t len, struct json_error *err)
{
	struct locate l = {text, len, 0, NULL};
	if (loc_value(&l) == 0) {
		loc_ws(&l);
		if (l.p < len)
			l.msg = "unexpected text after the JSON value";
		else
			l.msg = "invalid JSON";
	}
	error_at(err, text, l.p, "%s", l.msg);
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
		locate_error(text, len, err);
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

struct value *json_parse_python(const char *text, size_t len, struct json_error *err)
{
	static const char *const tokens[] = {"-Infinity", "Infinity", "NaN"};
	struct buf out = BUF_INIT;
	struct value *v;
	int in_string = 0;

	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (in_string) {
			if (c == '\\' && i + 1 < len) {
				buf_add(&out, text + i, 2);
				i++;
				continue;
			}
			if (c == '"')
				in_string = 0;
		} else if (c == '"') {
			in_string = 1;
		} else {
			size_t t;
			for (t = 0; t < 3; t++) {
				size_t n = strlen(tokens[t]);
				if (len - i >= n && memcmp(text + i, tokens[t], n) == 0)
					break;
			}
			if (t < 3) {
				/* padded to the token's length, so that later columns stay
				 * right (only NaN, shorter than null, shifts them by one) */
				size_t n = strlen(tokens[t]);
				buf_puts(&out, "null");
				for (size_t k = 4; k < n; k++)
					buf_putc(&out, ' ');
				i += n - 1;
				continue;
			}
		}
		buf_putc(&out, c);
	}
	v = json_parse(out.data ? out.data : "", out.len, err);
	buf_release(&out);
	return v;
}
