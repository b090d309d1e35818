/*
 * json.h - JSON text to struct value (the only module that sees cJSON).
 *
 * Every node of the result carries the 1-based line and column where its value starts, so
 * that content validation can point at the exact place of a wrong value.
 */
#ifndef WB_JSON_H
#define WB_JSON_H

#include <stddef.h>

#include "value.h"

/** Deepest nesting accepted; deeper input is an error, never a stack overflow. */
#define JSON_MAX_DEPTH 64
/**
 * Most values (nodes) in one text: one per 32 bytes of the largest file read
 * (WB_MAX_FILE_SIZE), 2 Mi values, so one input never takes more than a few hundred MiB
 * however its bytes are spent. A real results file, even a 64 MiB Inspect log full of
 * samples, spends far more than 32 bytes a value.
 */
#define JSON_MAX_VALUES 2097152

struct json_error {
	unsigned line, col; /* 1-based position of the problem */
	char msg[256];      /* lowercase description, no position, no trailing period */
};

/**
 * Parse len bytes of text as one JSON value. A leading UTF-8 byte order mark is skipped.
 * Rejects invalid UTF-8, NUL (a raw byte or \u0000: a string could not hold it), \u
 * escapes of lone surrogates, duplicate object keys, nesting deeper than JSON_MAX_DEPTH,
 * more than JSON_MAX_VALUES values (before anything is allocated for them) and numbers
 * that overflow a double, each at its place. Returns the tree (caller frees with value_free()), or
 * NULL with *err filled in.
 */
struct value *json_parse(const char *text, size_t len, struct json_error *err);

/**
 * json_parse() for JSON written by Python's json module, which writes the bare tokens NaN,
 * Infinity and -Infinity for non-finite floats: each becomes null (a missing value).
 * In error messages, each NaN earlier on the line moves the column one to the right.
 */
struct value *json_parse_python(const char *text, size_t len, struct json_error *err);

#endif
