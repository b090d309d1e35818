/*
 * content.h - the native content tree, loaded and validated into a corpus.
 *
 *   DIR/site.json                    title, description, base_url, licence, citation,
 *                                    thresholds, cohorts
 *   DIR/benchmarks.json              {"benchmarks": [ {id, name, role, area, metric, ...} ]}
 *   DIR/models/<cohort>/<id>.json    one model: id, name, scores, metadata
 *
 * Loading checks everything and reports each problem as "error: FILE:LINE:COL: ..."; it
 * never stops at the first problem of a file set, so one run shows them all.
 */
#ifndef WB_CONTENT_H
#define WB_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "value.h"

enum role { ROLE_CAPABILITY, ROLE_SAFETY, ROLE_GENERAL, ROLE_IGNORE };

/** "capability", "safety", "general" or "ignore". */
const char *role_name(enum role r);

/** Where a benchmark's scores come from in another tool's output (for importers). */
struct source {
	char *harness; /* "lm-eval", "inspect", ... */
	char *task;    /* the tool's task name, e.g. "copa" */
	char *metric;  /* the tool's metric, e.g. "acc,none" or "acc" (any filter) */
	double sign;   /* +1, or -1 when the tool's metric runs the other way */
};

struct benchmark {
	char *id;             /* slug, unique */
	char *source_id;      /* original identifier when it differs from id, else NULL */
	char *name;           /* display name (UTF-8), never NULL */
	enum role role;
	char *area;           /* slug, never NULL ("unclassified" when not given) */
	char *metric;         /* label, never NULL */
	bool higher_is_better; /* false with a target too: then orientation uses target */
	bool has_target;
	double target;         /* best value when has_target: oriented score is -|x - target| */
	char *correlate_with; /* slug of another benchmark, or NULL */
	long correlate_index; /* index of correlate_with in corpus.benchmarks, or -1 */
	char **aggregate_of;  /* ids of the benchmarks this column aggregates (ethics_all of the
			       * ETHICS subsets), or NULL: kept out of the leaderboard */
	size_t naggregate_of;
	char *url, *citation, *description; /* optional, NULL when absent */
	struct source *sources; /* external task mappings */
	size_t nsources;
};

struct score {
	bool present;   /* false: the model has no result for this benchmark */
	double value;   /* raw value as reported (not oriented) */
	bool has_stderr;
	double stderr_; /* standard error, >= 0 */
	bool has_n;
	double n;       /* number of samples, >= 0 */
};

struct model {
	char *id;          /* slug, unique within its cohort */
	char *name;        /* display name, never NULL */
	char *source_id;   /* original identifier when it differs from id, else NULL */
	size_t cohort;     /* index into corpus.cohorts */
	char *family, *flop_source, *released, *source; /* optional, NULL when absent */
	int open_weights;     /* 1: weights published, 0: closed (API only), -1: not given */
	bool has_params;
	double params;        /* parameter count, > 0 */
	bool has_flop;
	double training_flop; /* training compute in FLOP, > 0 */
	struct score *scores; /* corpus.nbench entries, indexed like corpus.benchmarks */
	char *path;           /* the file it came from */
};

struct cohort_def {
	char *id;     /* slug: the directory name under models/ */
	char *title;  /* display title */
	double order; /* sort key; ties broken by id */
};

struct corpus {
	char *dir;             /* the content directory */
	struct value *site;    /* site.json as parsed (owned) */
	char *title;           /* site title, never NULL */
	double high, low;      /* verdict thresholds, 0 < low < high <= 1 */
	int impute;            /* site.json "impute": 1 svd, 0 none, -1 not set */
	unsigned impute_rank;  /* its rank, 0 when not set */
	double impute_min_share; /* its min_share, NAN when not set */
	int reduced_score;     /* site.json "reduced_score": 1, 0, -1 not set */
	double min_coverage;   /* site.json "min_coverage", NAN when not set */
	struct cohort_def *cohorts;
	size_t ncohorts;       /* sorted by order, then id */
	struct benchmark *benchmarks;
	size_t nbench;         /* in benchmarks.json order */
	size_t *by_id;         /* benchmark indices sorted by id, for content_find_benchmark() */
	struct model *models;
	size_t nmodels;        /* sorted by cohort, then id */
};

/**
 * Load and validate the content directory dir. Problems are printed as diagnostics.
 * Returns the corpus (caller frees with content_free()) or NULL when the content is bad.
 */
struct corpus *content_load(const char *dir);
/** Free a corpus (NULL is fine). */
void content_free(struct corpus *c);
/** The value x of benchmark b oriented so that higher is better/safer. */
double content_orient(const struct benchmark *b, double x);
/** Index of benchmark id in c, or -1. */
long content_find_benchmark(const struct corpus *c, const char *id);
/** Index of cohort id in c, or -1. */
long content_find_cohort(const struct corpus *c, const char *id);

/**
 * Parse the JSON file at path into a tree, reporting syntax errors with line:col.
 * Returns the tree (caller frees with value_free()) or NULL after one diagnostic.
 */
struct value *content_read_json(const char *path);

#endif
