/*
 * value.h - the JSON-shaped tree that washboard passes between stages.
 *
 * Content files are parsed into it (json.h), the report is built as one (report.h), the
 * Mustache engine renders over it and it is serialised as site/data/report.json. Objects
 * keep their keys in insertion order, so output is deterministic.
 *
 * Ownership: a tree owns all its nodes and strings. value_push()/value_set() take ownership
 * of the child they are given. value_free() frees a node and everything below it. Object
 * keys are interned process-wide (one copy per distinct key, shared by every tree); they
 * stay valid until value_release_all(), which main calls once at exit. Nodes come from a
 * pool that value_free() refills; value_release_all() returns it to the system.
 */
#ifndef WB_VALUE_H
#define WB_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"

enum value_kind { VALUE_NULL, VALUE_BOOL, VALUE_NUMBER, VALUE_STRING, VALUE_ARRAY, VALUE_OBJECT };

/*
 * A node is 40 bytes (a report has ~7 nodes a model-benchmark cell, millions in all): the
 * fields of one kind share their memory with the others', so only the kind's own fields
 * may be read. n is outside the union and 0 for every kind but arrays and objects, so a
 * loop over items is always safe.
 */
struct value {
	unsigned char kind;    /* enum value_kind */
	bool boolean;          /* VALUE_BOOL */
	bool statistic;        /* VALUE_NUMBER: computed here, printed with 15 significant digits */
	bool shared_keys;      /* VALUE_OBJECT: keys is a shared list (value_compact()) */
	unsigned n;            /* VALUE_ARRAY/VALUE_OBJECT: number of items; else 0 */
	unsigned line, col;    /* 1-based source position when parsed from a file, else 0 */
	union {
		struct {               /* VALUE_NUMBER */
			double number; /* always finite */
			char *text;    /* cached decimal form, or NULL (owned) */
		};
		struct {               /* VALUE_STRING */
			char *string;  /* NUL-terminated UTF-8, owned */
			size_t len;    /* bytes, not counting the NUL */
		};
		struct {                     /* VALUE_ARRAY/VALUE_OBJECT */
			struct value **items; /* children, owned */
			const char **keys;    /* VALUE_OBJECT: keys parallel to items, interned */
			unsigned cap;         /* allocated slots in items/keys */
		};
	};
};

/** A new null node. Caller frees with value_free(). */
struct value *value_null(void);
/** A new boolean node. */
struct value *value_bool(bool b);
/** A new number node; a non-finite x gives a null node (no NaN ever reaches output). */
struct value *value_number(double x);
/**
 * A new number node for a statistic computed by washboard: printed with 15 significant
 * digits (DBL_DIG) instead of the shortest round-trip form, which needs up to 17 and costs
 * more to find. Input values keep value_number() so they read back exactly.
 */
struct value *value_statistic(double x);
/** A new string node holding a copy of s (NULL gives a null node). */
struct value *value_string(const char *s);
/** A new string node holding a copy of n bytes of s. */
struct value *value_stringn(const char *s, size_t n);
/** A new string node that takes ownership of s (NULL gives a null node). */
struct value *value_string_own(char *s);
/** A new empty array. */
struct value *value_array(void);
/** A new empty object. */
struct value *value_object(void);

/** Append v (taken) to array a; returns v. */
struct value *value_push(struct value *a, struct value *v);
/** Set key of object o to v (taken), replacing an existing entry in place; returns v. */
struct value *value_set(struct value *o, const char *key, struct value *v);
/** Shorthands for value_set(o, key, value_string(s)) and friends. */
void value_set_string(struct value *o, const char *key, const char *s);
void value_set_number(struct value *o, const char *key, double x);
void value_set_statistic(struct value *o, const char *key, double x);
void value_set_bool(struct value *o, const char *key, bool b);
void value_set_null(struct value *o, const char *key);
/** Remove key from object o (no-op when absent). */
void value_remove(struct value *o, const char *key);
/**
 * Object o is complete: its list of keys is shared with every compacted object of the same
 * keys in the same order, and its items are trimmed to size. For the millions of rows of a
 * report, which have a handful of layouts: ~80 bytes a row. o stays an ordinary object
 * (setting a new key or removing one gives it its own list again). Not an object: no-op.
 */
void value_compact(struct value *o);

/** The member key of object o, or NULL when o is not an object or lacks it. Borrowed. */
struct value *value_get(const struct value *o, const char *key);
/**
 * Key as objects hold it (keys are interned: one copy of each for the process), or NULL when
 * no object has ever had key. For looking one key up in many objects: hashes it once.
 */
const char *value_key(const char *key);
/** value_get() with key from value_key() (NULL: never found). */
struct value *value_get_key(const struct value *o, const char *key);
/** The string of member key, or NULL when absent or not a string. Borrowed. */
const char *value_get_string(const struct value *o, const char *key);
/** The number of member key of o; NAN when absent or not a number. */
double value_num(const struct value *o, const char *key);
/** The string of member key of o; "" when absent or not a string. Borrowed. */
const char *value_str(const struct value *o, const char *key);
/** A deep copy of v. */
struct value *value_copy(const struct value *v);
/** Free the node pool and the interned keys; every tree must be freed first (at exit). */
void value_release_all(void);
/** Free v and everything below it (NULL is fine). */
void value_free(struct value *v);
/** Is v absent or null? */
bool value_is_null(const struct value *v);
/** Name of a kind for messages: "null", "a boolean", "a number", "a string", ... */
const char *value_kind_name(enum value_kind k);

/**
 * Append v to out as JSON. indent 0 gives compact output, otherwise pretty output with that
 * many spaces per level and a final newline. Numbers use the shortest round-trip form,
 * statistics (value_statistic()) 15 significant digits.
 */
void value_write_json(struct buf *out, const struct value *v, int indent);
/**
 * The shortest decimal form of number node v (see buf_number()), computed once and cached in
 * the node. Borrowed: valid while v lives.
 */
const char *value_number_text(const struct value *v);
/**
 * Append number node v's text (value_number_text()'s) to out without caching it: for
 * writers that print a number once (CSV downloads of millions of cells).
 */
void value_put_number(struct buf *out, const struct value *v);
/** Where streamed JSON goes, a piece at a time: 0, or -1 to stop (the write failed). */
typedef int value_put_fn(void *ctx, const char *data, size_t len);
/**
 * Hand v as value_write_json() would write it to put, in pieces of about 64 KiB, so that
 * memory stays small whatever the size of the tree. Returns 0, or -1 when put failed (after
 * which nothing more reaches it).
 */
int value_write_json_to(value_put_fn *put, void *ctx, const struct value *v, int indent);
/**
 * Write v to f as value_write_json() would, streaming (memory stays small whatever the
 * size of the tree). Returns 0, or -1 when a write failed (errno tells why).
 */
int value_write_json_file(FILE *f, const struct value *v, int indent);
/** Append s as a JSON string literal (quoted, escaped). */
void value_write_json_string(struct buf *out, const char *s, size_t n);

#endif
