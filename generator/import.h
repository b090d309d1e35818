/*
 * import.h - what every importer shares (CSV, lm-evaluation-harness, Inspect): reading the
 * JSON files an import updates, the score objects it writes and the one commit at the end.
 *
 * Internal to the import_*.c files; the commands are in importers.h. An import builds
 * every file it will write in memory first (import_load_or_new() gives the file as it is),
 * adds them to one file set (import_add_json_file()) and puts them all in place at once
 * (import_commit_files()), so a bad input or an interrupt leaves the content as it was.
 */
#ifndef WB_IMPORT_H
#define WB_IMPORT_H

#include "util.h"
#include "value.h"

/**
 * The JSON object file at path, or a new empty object when there is no such file. NULL
 * after a diagnostic (the file does not parse, or its top level is not an object). Caller
 * frees with value_free().
 */
struct value *import_load_or_new(const char *path);

/**
 * Add v as pretty JSON at path to the files an import writes together (fs). Returns 0, or
 * -1 after a diagnostic (the temporary file could not be written). v stays the caller's.
 */
int import_add_json_file(struct file_set *fs, const char *path, const struct value *v);

/**
 * Put the files of fs in place, unless the import was interrupted (then none is, and the
 * temporary files are removed). Returns 0, or -1 when interrupted or after a diagnostic
 * (the files renamed before a failed rename stay). fs is ended either way.
 */
int import_commit_files(struct file_set *fs);

/**
 * A new score object {value, stderr, n}; an unknown stderr (non-finite or negative) or n
 * (also fractional: content_load() wants a count) is left out. Caller owns it.
 */
struct value *import_score_object(double value, double err, double n);

/** The number under key in task (a JSON object); NAN when absent or not a number. */
double import_number(const struct value *task, const char *key);

#endif
