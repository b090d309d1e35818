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
	char *model;         /* the model's name as the harness recorded it */
	double date;         /* when it ran (seconds, or YYYYMMDDhhmmss), 0 when unknown */
};

/** What differs between the evaluation tools whose logs are imported run by run. */
struct import_harness {
	const char *name;  /* as in benchmark sources: "lm-eval", "inspect" */
	const char *label; /* for messages and "source": "lm-evaluation-harness" */
	/* is this a file to import (when searching a directory)? */
	bool (*wanted)(const char *file_name);
	/* check the parsed log, fill model and date; -1 after a diagnostic */
	int (*open)(const char *path, struct import_run *r, const char *model_id);
	/* add the run's mapped scores to scores, its unmapped tasks to unmapped; count */
	size_t (*apply)(const struct corpus *c, const struct import_run *r,
			struct value *scores, struct value *unmapped);
};

/**
 * Import the logs o->inputs (files, and directories searched for h's logs) as harness h:
 * see import_lm_eval(). Returns 0, or -1 after diagnostics (nothing written on bad input).
 */
int import_runs(const struct import_harness *h, const struct import_lm_eval_options *o);

#endif
