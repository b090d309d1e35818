#include "value.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/*
 * Nodes come from slabs of NODES_PER_SLAB and go back to a free list: a report has ~10^5
 * nodes, and malloc/free per node was the largest single cost of writing one. Slabs are
 * returned to the system by value_release_all() at exit. Sanitizer builds take every node
 * from malloc (WB_NODE_POOL, buf.h).
 */
#define NODES_PER_SLAB 1024

/* millions of nodes a report: value.h's layout keeps one within 40 bytes on 64-bit machines */
_Static_assert(sizeof(struct value) <= 40, "struct value grew past 40 bytes");

struct slab {
	struct slab *next;
	struct value nodes[NODES_PER_SLAB];
};

static struct slab *slabs;
static struct value *free_nodes; /* linked through their items field */

static struct value *node(enum value_kind k)
{
	struct value *v;
	if (!WB_NODE_POOL) {
		v = xcalloc(1, sizeof(*v));
		v->kind = (unsigned char)k;
		return v;
	}
	if (!free_nodes) {
		struct slab *sl = xmalloc(sizeof(*sl));
		sl->next = slabs;
		slabs = sl;
		for (size_t i = NODES_PER_SLAB; i-- > 0;) {
			sl->nodes[i].items = (struct value **)free_nodes;
			free_nodes = &sl->nodes[i];
		}
	}
	v = free_nodes;
	free_nodes = (struct value *)v->items;
	memset(v, 0, sizeof(*v));
	v->kind = (unsigned char)k;
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

struct value *value_statistic(double x)
{
	struct value *v = value_number(x);
	if (v->kind == VALUE_NUMBER)
		v->statistic = true;
	return v;
}

/* The printed form of number node v. */
static void put_number(struct buf *out, const struct value *v)
{
	if (v->statistic)
		buf_number15(out, v->number);
	else
		buf_number(out, v->number);
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

/*
 * Object keys are interned: one copy of each distinct key for the whole process, so objects
 * store and compare pointers. Reports repeat a few dozen keys hundreds of thousands of times.
 */
static struct strset interned;

/*
 * Callers pass keys mostly as string literals, the same few addresses again and again: a
 * small cache by address spares hashing them. A hit is checked against the key's text (an
 * address may hold another key later: a buffer), so the cache never changes an answer. A
 * lookup writes it: values are one thread's, as the node pool already makes them (the
 * bootstrap's threads never touch a value).
 */
#define KEY_CACHE 512 /* a power of two */
static struct {
	const char *at;       /* the caller's key address */
	const char *interned; /* its interned copy */
} key_cache[KEY_CACHE];

/* The interned copy of key, or NULL when absent and !insert. */
static const char *intern(const char *key, bool insert)
{
	size_t h =
	    (size_t)(((uintptr_t)key * UINT64_C(0x9E3779B97F4A7C15)) >> 40) & (KEY_CACHE - 1);
	const char *k;
	if (key_cache[h].at == key &&
	    (key == key_cache[h].interned || strcmp(key, key_cache[h].interned) == 0))
		return key_cache[h].interned;
	k = strset_intern(&interned, key, insert);
	if (k) {
		key_cache[h].at = key;
		key_cache[h].interned = k;
	}
	return k;
}

static void value_release_keys(void);
static void release_layouts(void);

void value_release_all(void)
{
	while (slabs) {
		struct slab *next = slabs->next;
		free(slabs);
		slabs = next;
	}
	free_nodes = NULL;
	value_release_keys();
	release_layouts();
}

static void value_release_keys(void)
{
	memset(key_cache, 0, sizeof(key_cache));
	strset_release(&interned);
}

/*
 * The shared key lists of compacted objects ("layouts"): a hash table of lists, each
 * allocated once and kept until value_release_all().
 */
struct layout {
	const char **keys;
	unsigned n;
	struct layout *next;
};
static struct layout **layouts;
static size_t nlayout_slots, nlayouts;

static size_t layout_slot(const char *const *keys, unsigned n, size_t slots)
{
	return (size_t)(hash_fnv1a(HASH_FNV_SEED, keys, n * sizeof(*keys)) % slots);
}

/* The shared copy of keys[0..n), made when new. */
static const char **layout_of(const char *const *keys, unsigned n)
{
	struct layout *l;
	size_t at;

	if (nlayouts + 1 > nlayout_slots / 2) {
		size_t slots = nlayout_slots ? 2 * nlayout_slots : 64;
		struct layout **t = xcalloc(slots, sizeof(struct layout *));
		for (size_t i = 0; i < nlayout_slots; i++)
			while (layouts[i]) {
				struct layout *next = layouts[i]->next;
				at = layout_slot(layouts[i]->keys, layouts[i]->n, slots);
				layouts[i]->next = t[at];
				t[at] = layouts[i];
				layouts[i] = next;
			}
		free(layouts);
		layouts = t;
		nlayout_slots = slots;
	}
	at = layout_slot(keys, n, nlayout_slots);
	for (l = layouts[at]; l; l = l->next)
		if (l->n == n && memcmp(l->keys, keys, n * sizeof(*keys)) == 0)
			return l->keys;
	l = xmalloc(sizeof(*l));
	l->keys = xmalloc(n * sizeof(*keys));
	memcpy(l->keys, keys, n * sizeof(*keys));
	l->n = n;
	l->next = layouts[at];
	layouts[at] = l;
	nlayouts++;
	return l->keys;
}

static void release_layouts(void)
{
	for (size_t i = 0; i < nlayout_slots; i++)
		while (layouts[i]) {
			struct layout *next = layouts[i]->next;
			free(layouts[i]->keys);
			free(layouts[i]);
			layouts[i] = next;
		}
	free(layouts);
	layouts = NULL;
	nlayout_slots = nlayouts = 0;
}

void value_compact(struct value *o)
{
	const char **shared;
	if (!o || o->kind != VALUE_OBJECT || o->shared_keys || !o->n)
		return;
	shared = layout_of(o->keys, o->n);
	free(o->keys);
	o->keys = shared;
	o->shared_keys = true;
	if (o->cap > o->n) {
		o->items = xrealloc(o->items, o->n * sizeof(struct value *));
		o->cap = o->n;
	}
}

/* Object o's keys as a list of its own, with room for cap keys. */
static void own_keys(struct value *o, size_t cap)
{
	if (o->shared_keys) {
		const char **k = xmalloc(cap * sizeof(*k));
		memcpy(k, o->keys, o->n * sizeof(*k));
		o->keys = k;
		o->shared_keys = false;
	} else {
		o->keys = xrealloc(o->keys, cap * sizeof(*o->keys));
	}
}

/* Room for one more item in array or object o (and its key). */
static void grow(struct value *o)
{
	size_t cap = o->cap;
	if (o->n + 1 <= cap)
		return;
	if (o->n == UINT_MAX) { /* 4 billion items: never from an input within its budget */
		fputs("fatal: more than 4294967295 items in one JSON array or object\n", stderr);
		abort();
	}
	xgrow((void **)&o->items, &cap, (size_t)o->n + 1, sizeof(struct value *));
	if (cap > UINT_MAX)
		cap = UINT_MAX;
	if (o->kind == VALUE_OBJECT)
		own_keys(o, cap);
	o->cap = (unsigned)cap;
}

struct value *value_push(struct value *a, struct value *v)
{
	grow(a);
	a->items[a->n++] = v;
	return v;
}

/* Index of key in o; key must be interned (or NULL, which is never found). */
static long find_key(const struct value *o, const char *key)
{
	size_t i;
	if (!key)
		return -1;
	for (i = 0; i < o->n; i++)
		if (o->keys[i] == key)
			return (long)i;
	return -1;
}

struct value *value_set(struct value *o, const char *key, struct value *v)
{
	long i;
	key = intern(key, true);
	i = find_key(o, key);
	if (i >= 0) {
		value_free(o->items[i]);
		o->items[i] = v;
		return v;
	}
	grow(o);
	o->keys[o->n] = key;
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

void value_set_statistic(struct value *o, const char *key, double x)
{
	value_set(o, key, value_statistic(x));
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
	long i = find_key(o, intern(key, false));
	if (i < 0)
		return;
	if (o->shared_keys)
		own_keys(o, o->cap);
	value_free(o->items[i]);
	memmove(o->items + i, o->items + i + 1, (o->n - (size_t)i - 1) * sizeof(struct value *));
	memmove(o->keys + i, o->keys + i + 1, (o->n - (size_t)i - 1) * sizeof(*o->keys));
	o->n--;
}

const char *value_key(const char *key)
{
	return intern(key, false);
}

struct value *value_get_key(const struct value *o, const char *key)
{
	long i;
	if (!o || o->kind != VALUE_OBJECT)
		return NULL;
	i = find_key(o, key);
	return i < 0 ? NULL : o->items[i];
}

struct value *value_get(const struct value *o, const char *key)
{
	return o && o->kind == VALUE_OBJECT ? value_get_key(o, intern(key, false)) : NULL;
}

const char *value_get_string(const struct value *o, const char *key)
{
	struct value *v = value_get(o, key);
	return v && v->kind == VALUE_STRING ? v->string : NULL;
}

double value_num(const struct value *o, const char *key)
{
	const struct value *v = value_get(o, key);
	return v && v->kind == VALUE_NUMBER ? v->number : NAN;
}

const char *value_str(const struct value *o, const char *key)
{
	const char *s = value_get_string(o, key);
	return s ? s : "";
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
		c->statistic = v->statistic;
		c->text = xstrdup(v->text);
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
	switch (v->kind) {
	case VALUE_NUMBER:
		free(v->text);
		break;
	case VALUE_STRING:
		free(v->string);
		break;
	case VALUE_ARRAY:
	case VALUE_OBJECT:
		for (i = 0; i < v->n; i++)
			value_free(v->items[i]);
		free(v->items);
		if (!v->shared_keys)
			free(v->keys);
		break;
	default:
		break;
	}
	if (!WB_NODE_POOL) {
		free(v);
		return;
	}
	v->items = (struct value **)free_nodes;
	free_nodes = v;
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

void value_put_number(struct buf *out, const struct value *v)
{
	if (v->text)
		buf_puts(out, v->text);
	else
		put_number(out, v);
}

const char *value_number_text(const struct value *v)
{
	if (!v->text) {
		/* a cache: the node stays logically unchanged */
		struct value *w = (struct value *)v;
		struct buf b = BUF_INIT;
		put_number(&b, v);
		w->text = buf_detach(&b);
	}
	return v->text;
}

void value_write_json_string(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, run;
	buf_putc(out, '"');
	while (i < n) {
		unsigned char c;
		/* copy the longest run that needs no escape in one go */
		for (run = i; run < n; run++) {
			c = (unsigned char)s[run];
			if (c < 0x20 || c == '"' || c == '\\' || c == '<')
				break;
		}
		buf_add(out, s + i, run - i);
		if (run == n)
			break;
		c = (unsigned char)s[run];
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
			buf_printf(out, "\\u%04x", c);
		}
		i = run + 1;
	}
	buf_putc(out, '"');
}

static void newline(struct buf *out, int indent, int depth)
{
	static const char spaces[] = "                                                                ";
	size_t n = (size_t)indent * (size_t)depth;
	buf_putc(out, '\n');
	while (n > 0) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		buf_add(out, spaces, k);
		n -= k;
	}
}

/* Where output goes when it is streamed: handed from out to put every so often. */
struct sink {
	value_put_fn *put; /* NULL: keep everything in out */
	void *ctx;
	int err;           /* put failed: nothing more is handed to it */
};

static void flush(struct buf *out, struct sink *k)
{
	if (!k->err && out->len && k->put(k->ctx, out->data, out->len) < 0)
		k->err = 1;
	buf_reset(out);
}

static void maybe_flush(struct buf *out, struct sink *k)
{
	if (k->put && out->len >= 65536)
		flush(out, k);
}

static void write_json(struct buf *out, const struct value *v, int indent, int depth,
		       struct sink *k)
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
		value_put_number(out, v);
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
			write_json(out, v->items[i], indent, depth + 1, k);
			maybe_flush(out, k);
		}
		if (indent && v->n)
			newline(out, indent, depth);
		buf_putc(out, v->kind == VALUE_ARRAY ? ']' : '}');
		break;
	}
}

void value_write_json(struct buf *out, const struct value *v, int indent)
{
	struct sink k = {NULL, NULL, 0};
	write_json(out, v, indent, 0, &k);
	if (indent)
		buf_putc(out, '\n');
}

int value_write_json_to(value_put_fn *put, void *ctx, const struct value *v, int indent)
{
	struct buf out = BUF_INIT;
	struct sink k = {put, ctx, 0};
	write_json(&out, v, indent, 0, &k);
	if (indent)
		buf_putc(&out, '\n');
	flush(&out, &k);
	buf_release(&out);
	return k.err ? -1 : 0;
}

static int put_file(void *f, const char *data, size_t len)
{
	return fwrite(data, 1, len, f) == len ? 0 : -1;
}

int value_write_json_file(FILE *f, const struct value *v, int indent)
{
	return value_write_json_to(put_file, f, v, indent);
}
