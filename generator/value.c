#include "value.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static struct value *node(enum value_kind k)
{
	struct value *v = xcalloc(1, sizeof(*v));
	v->kind = k;
	return v;
}

struct value *value_null(void)
{
	return node(VALUE_NULL);
}

struct value *value_bool(bool b)
{
	struct value *v = node(VALUE_BOOL);
	v->boolean = b;
	return v;
}

struct value *value_number(double x)
{
	struct value *v;
	if (!isfinite(x))
		return value_null();
	v = node(VALUE_NUMBER);
	v->number = x == 0 ? 0 : x;
	return v;
}

struct value *value_stringn(const char *s, size_t n)
{
	struct value *v = node(VALUE_STRING);
	v->string = xstrndup(s, n);
	v->len = n;
	return v;
}

struct value *value_string(const char *s)
{
	return s ? value_stringn(s, strlen(s)) : value_null();
}

struct value *value_string_own(char *s)
{
	struct value *v;
	if (!s)
		return value_null();
	v = node(VALUE_STRING);
	v->string = s;
	v->len = strlen(s);
	return v;
}

struct value *value_array(void)
{
	return node(VALUE_ARRAY);
}

struct value *value_object(void)
{
	return node(VALUE_OBJECT);
}

struct value *value_push(struct value *a, struct value *v)
{
	xgrow((void **)&a->items, &a->cap, a->n + 1, sizeof(*a->items));
	a->items[a->n++] = v;
	return v;
}

static long find_key(const struct value *o, const char *key)
{
	size_t i;
	for (i = 0; i < o->n; i++)
		if (strcmp(o->keys[i], key) == 0)
			return (long)i;
	return -1;
}

struct value *value_set(struct value *o, const char *key, struct value *v)
{
	long i = find_key(o, key);
	if (i >= 0) {
		value_free(o->items[i]);
		o->items[i] = v;
		return v;
	}
	if (o->n + 1 > o->cap) {
		size_t cap = o->cap;
		xgrow((void **)&o->items, &cap, o->n + 1, sizeof(*o->items));
		o->keys = xrealloc(o->keys, cap * sizeof(*o->keys));
		o->cap = cap;
	}
	o->keys[o->n] = xstrdup(key);
	o->items[o->n++] = v;
	return v;
}

void value_set_string(struct value *o, const char *key, const char *s)
{
	value_set(o, key, value_string(s));
}

void value_set_number(struct value *o, const char *key, double x)
{
	value_set(o, key, value_number(x));
}

void value_set_bool(struct value *o, const char *key, bool b)
{
	value_set(o, key, value_bool(b));
}

void value_set_null(struct value *o, const char *key)
{
	value_set(o, key, value_null());
}

void value_remove(struct value *o, const char *key)
{
	long i = find_key(o, key);
	if (i < 0)
		return;
	value_free(o->items[i]);
	free(o->keys[i]);
	memmove(o->items + i, o->items + i + 1, (o->n - (size_t)i - 1) * sizeof(*o->items));
	memmove(o->keys + i, o->keys + i + 1, (o->n - (size_t)i - 1) * sizeof(*o->keys));
	o->n--;
}

struct value *value_get(const struct value *o, const char *key)
{
	long i;
	if (!o || o->kind != VALUE_OBJECT)
		return NULL;
	i = find_key(o, key);
	return i < 0 ? NULL : o->items[i];
}

const char *value_get_string(const struct value *o, const char *key)
{
	struct value *v = value_get(o, key);
	return v && v->kind == VALUE_STRING ? v->string : NULL;
}

struct value *value_copy(const struct value *v)
{
	struct value *c;
	size_t i;

	switch (v->kind) {
	case VALUE_NULL:
		c = value_null();
		break;
	case VALUE_BOOL:
		c = value_bool(v->boolean);
		break;
	case VALUE_NUMBER:
		c = value_number(v->number);
		break;
	case VALUE_STRING:
		c = value_stringn(v->string, v->len);
		break;
	case VALUE_ARRAY:
		c = value_array();
		for (i = 0; i < v->n; i++)
			value_push(c, value_copy(v->items[i]));
		break;
	default:
		c = value_object();
		for (i = 0; i < v->n; i++)
			value_set(c, v->keys[i], value_copy(v->items[i]));
		break;
	}
	c->line = v->line;
	c->col = v->col;
	return c;
}

void value_free(struct value *v)
{
	size_t i;
	if (!v)
		return;
	for (i = 0; i < v->n; i++) {
		value_free(v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->string);
	free(v);
}

bool value_is_null(const struct value *v)
{
	return !v || v->kind == VALUE_NULL;
}

const char *value_kind_name(enum value_kind k)
{
	switch (k) {
	case VALUE_NULL:
		return "null";
	case VALUE_BOOL:
		return "a boolean";
	case VALUE_NUMBER:
		return "a number";
	case VALUE_STRING:
		return "a string";
	case VALUE_ARRAY:
		return "an array";
	default:
		return "an object";
	}
}

void value_write_json_string(struct buf *out, const char *s, size_t n)
{
	size_t i;
	buf_putc(out, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"':
			buf_puts(out, "\\\"");
			break;
		case '\\':
			buf_puts(out, "\\\\");
			break;
		case '\n':
			buf_puts(out, "\\n");
			break;
		case '\r':
			buf_puts(out, "\\r");
			break;
		case '\t':
			buf_puts(out, "\\t");
			break;
		case '<': /* keeps "</script>" inert when JSON is embedded in HTML */
			buf_puts(out, "\\u003c");
			break;
		default:
			if (c < 0x20)
				buf_printf(out, "\\u%04x", c);
			else
				buf_putc(out, (char)c);
		}
	}
	buf_putc(out, '"');
}

static void newline(struct buf *out, int indent, int depth)
{
	buf_putc(out, '\n');
	for (int i = 0; i < indent * depth; i++)
		buf_putc(out, ' ');
}

static void write_json(struct buf *out, const struct value *v, int indent, int depth)
{
	size_t i;
	switch (v->kind) {
	case VALUE_NULL:
		buf_puts(out, "null");
		break;
	case VALUE_BOOL:
		buf_puts(out, v->boolean ? "true" : "false");
		break;
	case VALUE_NUMBER:
		buf_number(out, v->number);
		break;
	case VALUE_STRING:
		value_write_json_string(out, v->string, v->len);
		break;
	case VALUE_ARRAY:
	case VALUE_OBJECT:
		buf_putc(out, v->kind == VALUE_ARRAY ? '[' : '{');
		for (i = 0; i < v->n; i++) {
			if (i)
				buf_putc(out, ',');
			if (indent)
				newline(out, indent, depth + 1);
			if (v->kind == VALUE_OBJECT) {
				value_write_json_string(out, v->keys[i], strlen(v->keys[i]));
				buf_puts(out, indent ? ": " : ":");
			}
			write_json(out, v->items[i], indent, depth + 1);
		}
		if (indent && v->n)
			newline(out, indent, depth);
		buf_putc(out, v->kind == VALUE_ARRAY ? ']' : '}');
		break;
	}
}

void value_write_json(struct buf *out, const struct value *v, int indent)
{
	write_json(out, v, indent, 0);
	if (indent)
		buf_putc(out, '\n');
}
