/*
 * importers.h - bring results written by other tools into native content.
 *
 * Importers read everything and check it before they write anything, so a bad input file
 * leaves the content directory as it was. The files of one import are written together,
 * every file or none (import.h); keys of existing files that an import does not set are kept.
 *
 * The commands are in import_csv.c (csv.h reads the CSV), import_lmeval.c and
 * import_inspect.c; the last two share import_runs.h, the run-by-run import of logs.
 */
#ifndef WB_IMPORTERS_H
#define WB_IMPORTERS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct import_csv_options {
	const char *content;      /* content directory (created when missing) */
	const char *cohort;       /* cohort id: models go to content/models/<cohort>/ */
	const char *cohort_title; /* title for a new cohort, or NULL for the id */
	const char *matrix;       /* wide CSV: rows = models, columns = benchmarks + metadata */
	const char *info;         /* optional benchmark,name,metric CSV */
	const char *taxonomy;     /* optional benchmark,role,area,correlate_with CSV */
	const char *task_map;     /* optional benchmark,harness,task,metric,sign CSV: "sources" */
	const char *source;       /* provenance text for the models' "source", or NULL */
};

/**
 * Import a long table (o->matrix): columns model,benchmark,value and optionally stderr,n,
 * one row per model and benchmark; scores with stderr or n become {value, stderr, n}.
 * Otherwise as import_csv_matrix(). Returns 0, or -1 after diagnostics.
 */
int import_csv_long(const struct import_csv_options *o);

/**
 * Import a wide matrix (the paper's layout): column "model" (or the first column) holds
 * model identifiers, "name" display names, "model_size" parameter counts, "FLOP" training
 * compute, "type" the cohort (checked); every other column is a benchmark. Empty cells are
 * missing values. Returns 0, or -1 after diagnostics (nothing written on bad input).
 */
int import_csv_matrix(const struct import_csv_options *o);

struct import_lm_eval_options {
	const char *content;  /* content directory (must load) */
	const char *cohort;   /* cohort id, declared in site.json */
	const char *model_id; /* model id for every run, or NULL: from each run's model name */
	const char *name;     /* display name for every run's model, or NULL: kept, or the
			       * model name as the tool recorded it for a new model */
	bool allow_incomplete; /* Inspect: import "error"/"cancelled" logs too (with a warning) */
	double params;        /* parameter count, or 0 when not given */
	double training_flop; /* training compute, or 0 */
	double tokens;        /* training tokens, or 0: FLOP estimated as 6 x params x tokens */
	char **inputs;        /* files, and directories searched for the tool's logs */
	size_t ninputs;
};

/**
 * Import lm-evaluation-harness results files (v0.4.x: "results" with "metric,filter" keys,
 * "group_subtasks", "n-samples", "model_name", "date"; v0.3: "results.task.acc" and
 * "config.model_args"). Python's bare NaN/Infinity tokens are read as missing values.
 * Tasks map to benchmarks through the "sources" of content/benchmarks.json; unmapped tasks
 * are listed in one warning. Runs of one model are applied oldest first (by "date", then
 * file name), so the newest value of each benchmark wins. Scores are written as
 * {value, stderr, n} into content/models/<cohort>/<id>.json (other keys kept; stderr left
 * out when unknown). Returns 0, or -1 after diagnostics (nothing written on bad input).
 */
int import_lm_eval(const struct import_lm_eval_options *o);

/**
 * Import Inspect AI eval logs in JSON (eval.model, eval.task, eval.created,
 * results.scores[].metrics.<name>.value with the "stderr" metric beside it, scored_samples),
 * mapped through benchmark sources with harness "inspect" (task: the eval's task, with or
 * without its "package/" prefix; metric: "accuracy", or "scorer/accuracy" to pick a scorer).
 * .eval archives are refused with the command that converts them. Otherwise as
 * import_lm_eval(), with the same options.
 */
int import_inspect(const struct import_lm_eval_options *o);

/**
 * Import Open LLM Leaderboard results: v1 details files (config_general.model_name, results
 * keyed "harness|arc:challenge|25" with acc/acc_norm/mc1/mc2), mapped through sources with
 * harness "open-llm-leaderboard" (task "arc:challenge", or "arc:challenge|25" for that many
 * shots); and v2 files, which are lm-evaluation-harness v0.4 results ("leaderboard_*" tasks,
 * "lm-eval" sources). Otherwise as import_lm_eval(), with the same options.
 */
int import_open_llm_leaderboard(const struct import_lm_eval_options *o);

/**
 * Import HELM results: suite directories (benchmark_output/runs/<suite>/) of runs, each a
 * directory with run_spec.json (adapter_spec.model, groups) and stats.json, and the suite's
 * schema.json (each run group's main split; model display names). A benchmark maps to a run
 * group with {"harness": "helm", "task": GROUP, "metric": NAME}: its value is statistic
 * NAME on the group's main split without perturbation, pooled over the model's runs in the
 * group (total sum / total count, as helm-summarize's group tables); n is num_instances;
 * no stderr. Otherwise as import_lm_eval(), with the same options.
 */
int import_helm(const struct import_lm_eval_options *o);

#endif
