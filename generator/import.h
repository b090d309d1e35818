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
 * A new score object {value, stderr, n}; an unknown stderr (non-finite, negative or zero: a
 * zero is no measured uncertainty) or n (also fractional: content_load() wants a count) is
 * left out. Caller owns it.
 */
struct value *import_score_object(double value, double err, double n);

/** The number under key in task (a JSON object); NAN when absent or not a number. */
double import_number(const struct value *task, const char *key);

/**
 * Print "note: FILE: message" to stderr (FILE NULL leaves it out): what an import chose or
 * skipped that is worth knowing but not a problem. Silenced with the warnings (-q).
 */
void import_note(const char *file, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Aggregated sources. A benchmark source may name the parts a tool splits a benchmark into
 * (lm-eval v0.3's 57 "hendrycksTest-*" tasks for MMLU, "anli_r1".."anli_r3" for ANLI):
 *
 *   {"harness": "lm-eval", "task": "anli", "metric": "acc", "aggregate": "weighted",
 *    "parts": ["anli_r1", "anli_r2", "anli_r3"], "weights": [1000, 1000, 1200]}
 *
 * When the log has the task itself (v0.4's "anli" group) it is used; else, when it has
 * every part, the parts' values are combined: "mean" is their plain mean, "weighted" their
 * mean weighted by sample count (the log's n-samples, else "weights": the test-set sizes),
 * which is what a v0.4 group with weight_by_size reports. A log with some parts but not all
 * gives no value, with a warning. content_load() keeps only harness, task, metric and sign,
 * so importers read these keys from benchmarks.json as parsed (import_source_parts()).
 */

/** How a source's parts are combined. */
enum import_aggregate {
	AGG_NONE,     /* not an aggregated source */
	AGG_MEAN,     /* plain mean of the parts */
	AGG_WEIGHTED, /* mean weighted by the parts' sample counts */
};

/** An aggregated source's parts, as benchmarks.json gives them. Borrowed from the JSON. */
struct import_parts {
	enum import_aggregate how;
	const struct value *tasks;   /* array of strings, the parts' task names */
	const struct value *weights; /* array of numbers (sample counts), or NULL */
};

/**
 * The parts of source number s of benchmark number b, read from list (benchmarks.json's
 * "benchmarks" array as parsed, in the corpus' order). how is AGG_NONE when the source has
 * none, or when they are malformed: then with a warning at the source in path, unless path
 * is NULL (importers check every source once, then look up quietly).
 */
struct import_parts import_source_parts(const struct value *list, size_t b, size_t s,
					const char *path);

/** One part's numbers, as a log gives them (NAN where unknown). */
struct import_part {
	double value;  /* NAN: the part is missing from the log */
	double err;    /* standard error, NAN when unknown */
	double n;      /* sample count, NAN when unknown */
};

/**
 * Combine n parts (every value known) as how says, into *value, *err (NAN unless every
 * part has one) and *count (NAN unless every part has a count). weights (NULL, or a JSON
 * array of n numbers) stand in for unknown counts. Returns 0, or -1 when AGG_WEIGHTED has
 * a part with neither a count nor a weight.
 */
int import_aggregate(enum import_aggregate how, const struct import_part *parts, size_t n,
		     const struct value *weights, double *value, double *err, double *count);

/**
 * Read benchmarks.json in dir as parsed JSON (for import_source_parts()): its "benchmarks"
 * array, owned by *doc (caller frees *doc with value_free()). NULL after a diagnostic.
 */
const struct value *import_benchmark_list(const char *dir, struct value **doc);

#endif
