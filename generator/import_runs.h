/*
 * import_runs.h - import evaluation logs run by run: what lm-evaluation-harness and Inspect
 * imports share (finding the logs, parsing them, one file per model, newest run last).
 *
 * Internal to import_lmeval.c and import_inspect.c. A harness says which files are its logs,
 * checks a parsed log (its model and date) and applies a run's scores; import_runs() does
 * the rest: find and parse every log, group the runs by model (oldest first, so the newest
 * value of each benchmark wins), build each model's file and write all of them or none.
 */
#ifndef WB_IMPORT_RUNS_H
#define WB_IMPORT_RUNS_H

#include <stdbool.h>
#include <stddef.h>

#include "importers.h"

struct corpus;
struct value;

/** One evaluation log, parsed. Owns path, doc and model (import_runs() frees them). */
struct import_run {
	char *path;          /* the results file */
	struct value *doc;   /* its JSON */
	char *model;         /* the model's identity: its name as the harness recorded it, with
			      * "@revision" when it names a revision (a checkpoint) */
	double date;         /* when it ran (seconds, or YYYYMMDDhhmmss), 0 when unknown */
	char *display;       /* the display name the tool gives the model, or NULL (owned) */
	size_t order;        /* where it was found: inputs in command-line order, directories
			      * in name order */
};

/** What a harness's apply() sees besides the run. Borrowed. */
struct import_ctx {
	const struct corpus *c;               /* the content, loaded */
	const struct value *list;             /* benchmarks.json's "benchmarks" as parsed, for
					       * import_source_parts() */
	const struct import_lm_eval_options *o;
};

/** What differs between the evaluation tools whose logs are imported run by run. */
struct import_harness {
	const char *name;  /* as in benchmark sources: "lm-eval", "inspect" */
	const char *label; /* for messages and "source": "lm-evaluation-harness" */
	/* is this a file to read when searching a directory? */
	bool (*wanted)(const char *file_name);
	/* is this parsed JSON one of the harness's logs? (a directory's other JSON files are
	 * skipped with a note; a file given by name that is not is an error: see open) */
	bool (*recognise)(const struct value *doc);
	/* check the parsed log, fill model and date (and display); -1 after a diagnostic, 1
	 * when the log is to be skipped (after a note) */
	int (*open)(const char *path, struct import_run *r, const struct import_lm_eval_options *o);
	/* add the run's mapped scores to scores, its unmapped tasks to unmapped; count */
	size_t (*apply)(const struct import_ctx *x, const struct import_run *r,
			struct value *scores, struct value *unmapped);
	/* or NULL; else used instead of apply: all n runs of one model at once (HELM, whose
	 * scores are means over a model's runs) */
	size_t (*apply_model)(const struct import_ctx *x, const struct import_run *runs, size_t n,
			      struct value *scores, struct value *unmapped);
};

/**
 * Import the logs o->inputs (files, and directories searched for h's logs) as harness h:
 * see import_lm_eval(). Returns 0, or -1 after diagnostics (nothing written on bad input).
 */
int import_runs(const struct import_harness *h, const struct import_lm_eval_options *o);

/*
 * Logs whose results are a set of named tasks, each an object of metrics (lm-evaluation-
 * harness, the Open LLM Leaderboard): how to find a task, a metric and its sample count.
 */
struct import_tasks {
	const char *harness; /* the sources used: "lm-eval", "open-llm-leaderboard" */
	/* the task object a source's task (or one of its parts) names in the run, or NULL */
	const struct value *(*task)(const struct import_run *r, const char *name);
	/* the key of a source's metric in task, into key; NULL when the task has none */
	const char *(*metric)(const struct value *task, const char *metric, struct buf *key);
	/* the key of that metric's standard error, into out */
	void (*stderr_key)(const char *metric_key, struct buf *out);
	/* the sample count of the named task in the run, NAN when unknown */
	double (*count)(const struct import_run *r, const char *name);
	/* does a source's task name this task of the log? */
	bool (*same)(const char *source_task, const char *log_task);
};

/**
 * Apply the run's results to scores through every t->harness source of the content: the
 * first source of a benchmark that gives a number wins; an aggregated source (import.h)
 * combines its parts when the log has no task of its name. Warns once for the run about
 * mapped tasks it has without the mapped metric (naming the metrics it has) and aggregated
 * sources with some parts missing; notes which filter was used where a metric was given
 * without one and the task has no "none" filter. Returns the number of scores set.
 */
size_t import_apply_tasks(const struct import_tasks *t, const struct import_ctx *x,
			  const struct import_run *r, struct value *scores);

/** Warn once about every malformed aggregated source of the content in dir. */
void import_check_parts(const struct corpus *c, const struct value *list, const char *dir);

/** Does some t->harness source (its task, or one of its parts) name log task name? */
bool import_task_mapped(const struct import_tasks *t, const struct import_ctx *x,
			const char *name);

/** lm-evaluation-harness v0.4/v0.3 (import_lmeval.c); also the Open LLM Leaderboard v2's. */
extern const struct import_harness import_lm_eval_harness;

/** Is doc an Open LLM Leaderboard v1 details file (lighteval's "config_general")? */
bool import_is_oll_v1(const struct value *doc);

/**
 * The model identity of a run of model name at revision: "name@revision" (a checkpoint,
 * like Pythia's "step3000", is a model of its own), or a copy of name when revision is
 * NULL, "", "main" or a commit hash (which pins a version of the same model). Caller frees.
 */
char *import_model_identity(const char *name, const char *revision);

#endif
