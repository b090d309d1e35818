/*
 * main.c - the washboard command line. Only this file picks exit codes (enum wb_exit).
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "content.h"
#include "diff.h"
#include "hugepages.h"
#include "importers.h"
#include "journal.h"
#include "markdown.h"
#include "plot.h"
#include "report.h"
#include "site.h"
#include "util.h"
#include "version.h"

/** The exit codes of the washboard command; modules return -1/NULL or an enum failure. */
enum wb_exit {
	WB_EXIT_OK = 0,      /* success */
	WB_EXIT_RUNTIME = 1, /* a runtime failure: I/O, a tool that failed */
	WB_EXIT_USAGE = 2,   /* bad command line */
	WB_EXIT_DATA = 3,    /* bad content or input files */
};

static enum wb_exit exit_code(enum failure f)
{
	return f == FAIL_NONE ? WB_EXIT_OK : f == FAIL_DATA ? WB_EXIT_DATA : WB_EXIT_RUNTIME;
}

static const char usage_main[] =
	"usage: washboard <command> [options]\n"
	"\n"
	"Audit AI safety benchmarks for safetywashing: how much of each safety score is just\n"
	"general capabilities (Ren et al., 2024), and which models are safer than their\n"
	"capabilities predict.\n"
	"\n"
	"commands:\n"
	"  analyze      run the analysis and print a table, CSV or the JSON report\n"
	"  build        render the audit as a static site (pages, figures, data)\n"
	"  diff         what changed between two reports (two releases)\n"
	"  import csv   import a results matrix (the paper's CSV layout) into content/\n"
	"  import lm-eval  import lm-evaluation-harness results files into content/\n"
	"  import inspect  import Inspect AI eval logs (JSON) into content/\n"
	"  import open-llm-leaderboard  import Open LLM Leaderboard results (v1, v2)\n"
	"  import helm     import HELM suite directories (runs with stats.json)\n"
	"\n"
	"options:\n"
	"  -h, --help      show help (also after a command: washboard analyze --help)\n"
	"  -V, --version   show the version\n"
	"\n"
	"exit codes: 0 ok, 1 runtime failure, 2 usage error, 3 bad content or input\n";

/* The options analyze and build share, in both usage texts. */
#define ANALYSIS_OPTIONS \
	"missing data (docs/method.md, section 1b):\n" \
	"  --impute M        svd: fill missing capability cells of models with at least\n" \
	"                    --impute-min-share of them from a rank --impute-rank fit;\n" \
	"                    none (default, or site.json's \"impute\")\n" \
	"  --impute-rank K   (default 1)\n" \
	"  --impute-min-share S  (default 0.5)\n" \
	"  --reduced-score   score a model lacking capability benchmarks on the ones it has\n" \
	"  --min-coverage C  rank only models with benchmarks in at least this share of the\n" \
	"                    safety areas (default 0.5; 0: every model)\n" \
	"\n" \
	"uncertainty (docs/method.md, section 3):\n" \
	"  --bootstrap N     resamples of the models, the whole method refitted in each\n" \
	"                    (default 1000; 0: point estimates only, no intervals)\n" \
	"  --seed S          the resamples' seed (default 20240731): same seed, same output\n" \
	"  --bootstrap-unit U  model (default) or family: resample whole model families\n" \
	"  --ci-level L      of every interval (default 0.95)\n" \
	"  --ci-method M     percentile (default) or bca\n"

static const char usage_analyze[] =
	"usage: washboard analyze [--content DIR] [--cohort ID] [--format table|json|csv|latex]\n"
	"                         [--bootstrap N] [--seed S] [--bootstrap-unit model|family]\n"
	"                         [--ci-level L] [--ci-method percentile|bca] [--jobs N] [-q]\n"
	"\n"
	"Load and validate the content directory, run the analysis per cohort and print it.\n"
	"\n"
	"  --content DIR   content directory (default: ./content)\n"
	"  --cohort ID     only this cohort (default: all, in site.json order)\n"
	"  --format F      table (default): a readable table per cohort, benchmarks sorted by\n"
	"                  capabilities correlation; csv: one row per cohort and benchmark;\n"
	"                  json: the full report (what the site publishes as data/report.json);\n"
	"                  latex: a booktabs table per cohort for papers (n, correlations with\n"
	"                  their intervals, verdict and its confidence)\n"
	"  --jobs N        threads for the bootstrap (default: number of CPUs); the output is\n"
	"                  the same for any N\n"
	"  -q, --quiet     do not print warnings\n"
	"\n"
	ANALYSIS_OPTIONS
	"\n"
	"exit codes: 0 ok, 1 runtime failure, 2 usage error, 3 bad content\n";

static const char usage_build[] =
	"usage: washboard build [--content DIR] [--templates DIR] [--out DIR] [--jobs N]\n"
	"                       [--formats svg,png,pdf] [--base-url URL] [--no-figures]\n"
	"                       [--png-scale X] [--release V] [--force] [--strict]\n"
	"                       [--gnuplot PATH] [--gnuplot-timeout S] [analysis options] [-q]\n"
	"\n"
	"Render the audit as a static site: an index, one page per cohort, benchmark, model and\n"
	"area, the decorrelated leaderboards, the pages in DIR/pages, figures drawn with gnuplot\n"
	"and the data (report.json, CSV). The site is built beside OUT and swapped in only when\n"
	"everything succeeded; figures unchanged since the last build are reused.\n"
	"\n"
	"  --content DIR     content directory (default: ./content)\n"
	"  --templates DIR   templates directory (default: ./templates)\n"
	"  --out DIR         output directory (default: ./site)\n"
	"  --jobs N          at most N page workers, gnuplot processes and bootstrap threads\n"
	"                    at once (default: number of CPUs); the site is the same for any N\n"
	"  --formats LIST    figure formats, comma-separated: svg, png, pdf (default: all)\n"
	"  --base-url URL    public URL of the site, for permalinks and embed snippets\n"
	"                    (default: base_url in site.json)\n"
	"  --png-scale X     PNG resolution relative to the SVG (default 1: 720x480 for a\n"
	"                    benchmark figure; 2 gives print-resolution PNGs, 1440x960, and\n"
	"                    roughly doubles the time gnuplot takes)\n"
	"  --no-figures      do not draw figures (no gnuplot needed)\n"
	"  --force           rebuild even if OUT was built from exactly these inputs\n"
	"  --strict          a template name that resolves to nothing ({{site.titel}}) is an\n"
	"                    error (exit 3), not a warning\n"
	"  --release V       record this build as release V, an identifier (default:\n"
	"                    \"version\" in site.json); earlier releases in OUT are kept, each\n"
	"                    with its report and a \"What changed\" page; feed.xml lists them.\n"
	"                    A release OUT holds is never rewritten: a build whose report\n"
	"                    differs from it fails (exit 3); bump the version for new content\n"
	"  --gnuplot PATH    the gnuplot binary (default: gnuplot)\n"
	"  --gnuplot-timeout S  seconds a gnuplot process may go without finishing a figure\n"
	"                    before it is killed as hung (default 120)\n"
	"  -q, --quiet       no progress and no warnings\n"
	"\n"
	ANALYSIS_OPTIONS
	"\n"
	"exit codes: 0 ok, 1 runtime failure (I/O, gnuplot), 2 usage error, 3 bad content or\n"
	"templates\n";

static const char usage_diff[] =
	"usage: washboard diff OLD.json NEW.json [--format text|json]\n"
	"\n"
	"Compare two reports (data/report.json of two releases, or 'analyze --format json'\n"
	"output): models and benchmarks added and removed, verdicts that changed, the largest\n"
	"movements in capabilities correlation and in decorrelated rank, per cohort.\n"
	"\n"
	"exit codes: 0 ok, 1 runtime failure, 2 usage error, 3 unreadable report\n";

static const char usage_import_lm_eval[] =
	"usage: washboard import lm-eval --content DIR --cohort C [--model-id ID] [--name NAME]\n"
	"                                [--params N] [--training-flop F | --tokens D] FILE|DIR...\n"
	"\n"
	"Import lm-evaluation-harness results files (v0.4.x and v0.3) into\n"
	"DIR/models/C/<model>.json (created or updated; other keys kept). A directory is searched\n"
	"for *.json files that are results files (others are skipped with a note). The model\n"
	"comes from 'model_name' (or pretrained= in config.model_args), with its revision when\n"
	"one is given (revision=step3000: a checkpoint is a model of its own); several runs of\n"
	"one model are applied oldest first, so the newest value of each benchmark wins. Tasks\n"
	"map to benchmarks through \"sources\" in benchmarks.json; tasks that map to nothing are\n"
	"listed in one warning, mapped tasks without the mapped metric in another.\n"
	"\n"
	"  --content DIR        content directory (site.json must declare cohort C)\n"
	"  --cohort C           the model's cohort (e.g. base, chat)\n"
	"  --model-id ID        the model's id for every run (default: the model name after its\n"
	"                       last '/', with the revision)\n"
	"  --name NAME          the model's display name (default: kept, or the model name)\n"
	"  --params N           parameter count\n"
	"  --training-flop F    training compute in FLOP (flop_source: reported)\n"
	"  --tokens D           training tokens: FLOP estimated as 6 x N x D (flop_source:\n"
	"                       estimated; needs --params or params in the model file)\n"
	"\n"
	"exit codes: 0 ok, 1 runtime failure, 2 usage error, 3 bad input\n";

static const char usage_import_inspect[] =
	"usage: washboard import inspect --content DIR --cohort C [--model-id ID] [--name NAME]\n"
	"                                [--params N] [--training-flop F | --tokens D]\n"
	"                                [--allow-incomplete] FILE|DIR...\n"
	"\n"
	"Import Inspect AI eval logs in JSON (a directory is searched for *.json) into\n"
	"DIR/models/C/<model>.json. The model is eval.model, the task eval.task; each score is\n"
	"results.scores[].metrics.<metric>.value, with the 'stderr' metric beside it and\n"
	"scored_samples as n. Tasks map to benchmarks through \"sources\" with harness\n"
	"\"inspect\" in benchmarks.json. Logs of one model are applied oldest first (eval.created),\n"
	"so the newest value wins. .eval archives, and logs in an older schema, must be converted\n"
	"first:\n"
	"  inspect log convert --to json --output-dir logs-json logs/\n"
	"A log over 64 MiB (its samples) is imported from its header:\n"
	"  inspect log dump --header-only LOG > header.json\n"
	"\n"
	"  --allow-incomplete   import logs with status 'error' or 'cancelled' too (with a\n"
	"                       warning); they are refused otherwise\n"
	"\n"
	"Other options as for 'washboard import lm-eval'.\n"
	"\n"
	"exit codes: 0 ok, 1 runtime failure, 2 usage error, 3 bad input\n";

static const char usage_import_oll[] =
	"usage: washboard import open-llm-leaderboard --content DIR --cohort C [--model-id ID]\n"
	"                [--name NAME] [--params N] [--training-flop F | --tokens D] FILE|DIR...\n"
	"\n"
	"Import Open LLM Leaderboard results (also 'import oll'): v1 details files\n"
	"(config_general.model_name; results keyed \"harness|arc:challenge|25\" with acc, acc_norm,\n"
	"mc1, mc2), through sources with harness \"open-llm-leaderboard\" (task \"arc:challenge\",\n"
	"or \"arc:challenge|25\" for that many shots); and v2 files, lm-evaluation-harness v0.4\n"
	"results with leaderboard_* tasks, through \"lm-eval\" sources. A directory is searched\n"
	"for *.json files that are either. v1 runs are ordered by the date in their file name.\n"
	"\n"
	"Options as for 'washboard import lm-eval'.\n"
	"\n"
	"exit codes: 0 ok, 1 runtime failure, 2 usage error, 3 bad input\n";

static const char usage_import_helm[] =
	"usage: washboard import helm --content DIR --cohort C [--model-id ID] [--name NAME]\n"
	"                             [--params N] [--training-flop F | --tokens D] SUITE_DIR...\n"
	"\n"
	"Import HELM results: suite directories (benchmark_output/runs/<suite>/), one directory\n"
	"per run with run_spec.json (adapter_spec.model, groups) and stats.json, and the suite's\n"
	"schema.json from helm-summarize (each run group's main split; model display names).\n"
	"A benchmark maps to a run group with {\"harness\": \"helm\", \"task\": GROUP, \"metric\":\n"
	"NAME}: its value is statistic NAME on the group's main split without perturbation,\n"
	"pooled over the model's runs in the group; n is num_instances; there is no stderr.\n"
	"\n"
	"Options as for 'washboard import lm-eval'.\n"
	"\n"
	"exit codes: 0 ok, 1 runtime failure, 2 usage error, 3 bad input\n";

static const char usage_import[] =
	"usage: washboard import csv --content DIR --cohort C (--matrix FILE | --long FILE)\n"
	"                            [--info FILE] [--taxonomy FILE] [--cohort-title T]\n"
	"                            [--source TEXT] [--task-map FILE]\n"
	"\n"
	"Import a wide results matrix into native content (created or updated; keys an import\n"
	"does not set are kept). Rows are models; the column 'model' (or the first column) holds\n"
	"model identifiers, 'name' display names, 'model_size' parameter counts, 'FLOP' training\n"
	"compute and 'type' the cohort; every other column is a benchmark. Empty cell = missing.\n"
	"\n"
	"  --content DIR      content directory to write into\n"
	"  --cohort C         cohort id: models go to DIR/models/C/<model>.json\n"
	"  --matrix FILE      the results matrix\n"
	"  --long FILE        a long table instead: model,benchmark,value[,stderr,n] rows\n"
	"  --info FILE        benchmark,name,metric rows; '(↑)'/'(↓)' in metric give the direction\n"
	"  --taxonomy FILE    benchmark,role,area,correlate_with rows (role: capability, safety,\n"
	"                     general, ignore, or metadata for non-benchmark columns)\n"
	"  --task-map FILE    benchmark,harness,task,metric,sign[,aggregate,parts] rows: where each\n"
	"                     benchmark comes from in other tools' output (\"sources\", used by\n"
	"                     the other importers); aggregate mean|weighted with parts\n"
	"                     \"task[:count] ...\" combines a suite's subtasks\n"
	"  --cohort-title T   title of the cohort when it is new\n"
	"  --source TEXT      provenance recorded in each model's 'source'\n"
	"\n"
	"Identifiers are made into slugs ([a-z0-9][a-z0-9._-]*); the original is kept as\n"
	"source_id when it differs. Nothing is written when any input is bad.\n"
	"\n"
	"exit codes: 0 ok, 1 runtime failure, 2 usage error, 3 bad input\n";

/* A tiny option parser: "--name VALUE", "--name=VALUE" and flags. */
struct args {
	int argc;
	char **argv;
	int i;
	const char *usage; /* help text of the current command */
	const char *cmd;   /* for messages */
};

static int usage_error(const struct args *a, const char *msg, const char *arg)
{
	fprintf(stderr, "error: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
	fprintf(stderr, "see 'washboard %s --help'\n", a->cmd);
	return WB_EXIT_USAGE;
}

/* Does argv[i] name option `name`? Then *val gets its value (NULL for flags). Returns 1 on
 * a match, 0 on none, -1 when a value is missing. */
static int option(struct args *a, const char *name, int takes_value, const char **val)
{
	const char *arg = a->argv[a->i];
	size_t n = strlen(name);
	if (strncmp(arg, name, n) != 0)
		return 0;
	if (arg[n] == '=' && takes_value) {
		*val = arg + n + 1;
		return 1;
	}
	if (arg[n] != '\0')
		return 0;
	if (!takes_value)
		return 1;
	if (a->i + 1 >= a->argc)
		return -1;
	*val = a->argv[++a->i];
	return 1;
}

/*
 * The flags every command takes. Returns 1 when the command should stop with success (help
 * or version printed), 0 when arg was one of them and parsing goes on, -1 when it was not.
 */
static int common_flag(const struct args *a, const char *arg, bool *quiet)
{
	if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
		fputs(a->usage, stdout);
		return 1;
	}
	if (strcmp(arg, "-V") == 0 || strcmp(arg, "--version") == 0) {
		printf("washboard %s\n", WB_VERSION);
		return 1;
	}
	if (quiet && (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0)) {
		*quiet = true;
		diag_quiet_warnings(true);
		return 0;
	}
	return -1;
}

/*
 * The bootstrap's options, shared by analyze and build. Returns 1 when arg was one of them
 * (and *err a usage exit code when its value is bad), 0 when it was not.
 */
static int uncertainty_option(struct args *a, const char *arg, struct uncertainty_options *u,
			      int *err)
{
	const char *v = NULL;
	double x;
	int r;

	*err = 0;
	if ((r = option(a, "--bootstrap", 1, &v)) > 0) {
		if (parse_number(v, &x) < 0 || x < 0 || x > 100000 || x != floor(x))
			*err = usage_error(a, "--bootstrap takes a whole number of resamples from 0 "
					      "(off) to 100000, not",
					   v);
		else
			u->resamples = (unsigned)x;
	} else if (r == 0 && (r = option(a, "--seed", 1, &v)) > 0) {
		if (parse_number(v, &x) < 0 || x < 0 || x > 9007199254740991.0 || x != floor(x))
			*err = usage_error(a, "--seed takes a whole number from 0 to 2^53 - 1, not", v);
		else
			u->seed = (uint64_t)x;
	} else if (r == 0 && (r = option(a, "--bootstrap-unit", 1, &v)) > 0) {
		if (strcmp(v, "model") == 0 || strcmp(v, "family") == 0)
			u->unit = strcmp(v, "family") == 0 ? UNIT_FAMILY : UNIT_MODEL;
		else
			*err = usage_error(a, "--bootstrap-unit must be model or family, not", v);
	} else if (r == 0 && (r = option(a, "--ci-level", 1, &v)) > 0) {
		if (parse_number(v, &u->level) < 0 || !(u->level >= 0.5 && u->level <= 0.999))
			*err = usage_error(a, "--ci-level takes a number from 0.5 to 0.999, not", v);
	} else if (r == 0 && (r = option(a, "--ci-method", 1, &v)) > 0) {
		if (strcmp(v, "percentile") == 0 || strcmp(v, "bca") == 0)
			u->method = strcmp(v, "bca") == 0 ? CI_BCA : CI_PERCENTILE;
		else
			*err = usage_error(a, "--ci-method must be percentile or bca, not", v);
	}
	if (r < 0)
		*err = usage_error(a, "missing value after", arg);
	return r != 0;
}

/*
 * The missing-data options of analyze and build (docs/method.md 1b). Returns 1 when arg was
 * one of them (and *err a usage exit code when its value is bad), 0 when it was not.
 */
static int analysis_option(struct args *a, const char *arg, struct analysis_cli *o, int *err)
{
	const char *v = NULL;
	double x;
	int r;

	*err = 0;
	if (strcmp(arg, "--reduced-score") == 0) {
		o->reduced_score = 1;
		return 1;
	}
	if ((r = option(a, "--impute", 1, &v)) > 0) {
		if (strcmp(v, "svd") == 0 || strcmp(v, "none") == 0)
			o->impute = strcmp(v, "svd") == 0;
		else
			*err = usage_error(a, "--impute must be svd or none, not", v);
	} else if (r == 0 && (r = option(a, "--impute-rank", 1, &v)) > 0) {
		if (parse_number(v, &x) < 0 || x < 1 || x > 64 || x != floor(x))
			*err = usage_error(a, "--impute-rank takes a whole number from 1 to 64, not", v);
		else
			o->impute_rank = (unsigned)x;
	} else if (r == 0 && (r = option(a, "--impute-min-share", 1, &v)) > 0) {
		if (parse_number(v, &o->impute_min_share) < 0 ||
		    !(o->impute_min_share > 0 && o->impute_min_share <= 1))
			*err = usage_error(a, "--impute-min-share takes a share above 0, up to 1, not",
					   v);
	} else if (r == 0 && (r = option(a, "--min-coverage", 1, &v)) > 0) {
		if (parse_number(v, &o->min_coverage) < 0 ||
		    !(o->min_coverage >= 0 && o->min_coverage <= 1))
			*err = usage_error(a, "--min-coverage takes a share from 0 (off) to 1, not", v);
	}
	if (r < 0)
		*err = usage_error(a, "missing value after", arg);
	return r != 0;
}

static void uncertainty_defaults(struct uncertainty_options *u)
{
	memset(u, 0, sizeof(*u));
	u->resamples = UNCERTAINTY_RESAMPLES;
	u->seed = UNCERTAINTY_SEED;
	u->unit = UNIT_MODEL;
	u->level = 0.95;
	u->method = CI_PERCENTILE;
}

/* --jobs N: 1 to 256. */
static int jobs_option(const struct args *a, const char *v, int *jobs)
{
	double j;
	if (parse_number(v, &j) < 0 || j < 1 || j > 256 || j != (int)j)
		return usage_error(a, "--jobs takes a whole number from 1 to 256, not", v);
	*jobs = (int)j;
	return 0;
}

static int cmd_analyze(struct args *a)
{
	const char *content = "content", *cohort = NULL, *format = "table";
	struct corpus *c = NULL;
	struct analysis *an = NULL;
	struct uncertainty *unc = NULL;
	struct uncertainty_options uo;
	struct analysis_cli acli = ANALYSIS_CLI_UNSET;
	struct analysis_options ao;
	struct value *report = NULL;
	struct buf out = BUF_INIT;
	int rc = WB_EXIT_OK, lock = -1;

	uncertainty_defaults(&uo);
	for (a->i = 0; a->i < a->argc; a->i++) {
		const char *arg = a->argv[a->i], *v = NULL;
		bool quiet = false;
		int r = common_flag(a, arg, &quiet), err;
		if (r > 0)
			return WB_EXIT_OK;
		if (r == 0)
			continue;
		if (uncertainty_option(a, arg, &uo, &err) || analysis_option(a, arg, &acli, &err)) {
			if (err)
				return err;
			continue;
		}
		if ((r = option(a, "--jobs", 1, &v)) != 0) {
			if (r > 0 && jobs_option(a, v, &uo.jobs) != 0)
				return WB_EXIT_USAGE;
		} else if ((r = option(a, "--content", 1, &v)) != 0)
			content = v;
		else if ((r = option(a, "--cohort", 1, &v)) != 0)
			cohort = v;
		else if ((r = option(a, "--format", 1, &v)) != 0)
			format = v;
		else
			return usage_error(a, "unknown option", arg);
		if (r < 0)
			return usage_error(a, "missing value after", arg);
	}
	if (strcmp(format, "table") != 0 && strcmp(format, "json") != 0 &&
	    strcmp(format, "csv") != 0 && strcmp(format, "latex") != 0)
		return usage_error(a, "--format must be table, json, csv or latex, not", format);

	/* shared: no import changes the content while it is read; and finish one that was
	 * killed first */
	if (journal_lock_content(content, false, &lock) < 0) {
		rc = WB_EXIT_RUNTIME;
		goto out;
	}
	c = content_load(content);
	if (!c) {
		fprintf(stderr, "washboard: content in '%s' has errors (%u); nothing analysed\n",
			content, diag_errors());
		rc = WB_EXIT_DATA;
		goto out;
	}
	analysis_options_resolve(c, &acli, &ao);
	an = analysis_run(c, cohort, &ao);
	if (!an) {
		rc = WB_EXIT_USAGE;
		goto out;
	}
	if (uo.resamples) {
		unc = uncertainty_run(an, &uo);
		if (!unc) {
			rc = WB_EXIT_USAGE;
			goto out;
		}
	}
	report = report_build(an, unc);
	if (strcmp(format, "json") == 0) {
		if (value_write_json_file(stdout, report, 2) < 0 || fflush(stdout) != 0) {
			diag_error(NULL, 0, 0, "cannot write the output");
			rc = WB_EXIT_RUNTIME;
		}
		goto out;
	}
	if (strcmp(format, "csv") == 0)
		report_write_csv(&out, report);
	else if (strcmp(format, "latex") == 0)
		report_write_latex(&out, report, NULL);
	else
		report_write_table(&out, report);
	if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		diag_error(NULL, 0, 0, "cannot write the output");
		rc = WB_EXIT_RUNTIME;
	}
out:
	journal_unlock(lock);
	buf_release(&out);
	value_free(report);
	uncertainty_free(unc);
	analysis_free(an);
	content_free(c);
	return rc;
}

static int parse_formats(const char *s, unsigned *out)
{
	char *copy = xstrdup(s), *save = NULL, *tok;
	int rc = 0;
	*out = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (strcmp(tok, "svg") == 0)
			*out |= PLOT_SVG;
		else if (strcmp(tok, "png") == 0)
			*out |= PLOT_PNG;
		else if (strcmp(tok, "pdf") == 0)
			*out |= PLOT_PDF;
		else
			rc = -1;
	}
	free(copy);
	return rc == 0 && *out ? 0 : -1;
}

/*
 * After a build or import that caught a signal: say what became of its output (written
 * whole, or not at all: the signal may come while the last rename is under way), then die
 * by the signal.
 */
static void exit_if_interrupted(const char *what, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void exit_if_interrupted(const char *what, const char *fmt, ...)
{
	va_list ap;
	if (!interrupted())
		return;
	fprintf(stderr, "washboard: %s interrupted by signal %d; ", what, interrupted());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	interrupt_reraise();
}

/* What became of OUT, on stderr: after a failure it is as it was, unless the previous site
 * had to be put back first (then it is that, not "unchanged"). */
static void build_summary(int rc, const struct site_stats *st, const char *out, bool quiet)
{
	const char *fate = rc == WB_EXIT_OK ? "is the new site"
			   : st->restored   ? "is the previous site, put back from where a killed "
					      "build left it"
					    : "is unchanged";
	exit_if_interrupted("build", "%s %s", out, fate);
	if (rc == WB_EXIT_OK && st->up_to_date && !quiet)
		fprintf(stderr, "washboard: %s is up to date (content, templates, options and "
				"washboard unchanged; --force rebuilds it)\n",
			out);
	else if (rc == WB_EXIT_OK && !quiet)
		fprintf(stderr, "washboard: built %s: %zu pages, %zu figures (%zu drawn, %zu reused), "
				"%zu files in %.2f s\n",
			out, st->pages, st->figures, st->drawn, st->reused, st->files, st->seconds);
	else if (rc != WB_EXIT_OK)
		fprintf(stderr, "washboard: build failed; %s %s\n", out, fate);
}

/* An option of build that takes a value (a->i moves past it): 0, or a usage error's exit code. */
static int build_value_option(struct args *a, const char *arg, struct site_options *o)
{
	const char *v = NULL;
	int r;

	if ((r = option(a, "--content", 1, &v)) != 0)
		o->content = v;
	else if ((r = option(a, "--templates", 1, &v)) != 0)
		o->templates = v;
	else if ((r = option(a, "--out", 1, &v)) != 0)
		o->out = v;
	else if ((r = option(a, "--base-url", 1, &v)) != 0) {
		if (r > 0 && !url_is_http(v))
			return usage_error(a, "--base-url must be an absolute URL starting with "
					      "http:// or https://, not",
					   v);
		o->base_url = v;
	}
	else if ((r = option(a, "--gnuplot", 1, &v)) != 0)
		o->gnuplot = v;
	else if ((r = option(a, "--release", 1, &v)) != 0) {
		if (r > 0 && !is_slug(v))
			return usage_error(a, "--release must be an identifier "
					      "([a-z0-9][a-z0-9._-]*, e.g. 2024.08-acme), not",
					   v);
		o->release = v;
	}
	else if ((r = option(a, "--jobs", 1, &v)) != 0) {
		if (r > 0 && jobs_option(a, v, &o->jobs) != 0)
			return WB_EXIT_USAGE;
	} else if ((r = option(a, "--gnuplot-timeout", 1, &v)) != 0) {
		if (r > 0 && (parse_number(v, &o->gnuplot_timeout) < 0 ||
			      !(o->gnuplot_timeout >= 1 && o->gnuplot_timeout <= 86400)))
			return usage_error(a, "--gnuplot-timeout takes seconds from 1 to 86400, not",
					   v);
	} else if ((r = option(a, "--png-scale", 1, &v)) != 0) {
		if (r > 0 && (parse_number(v, &o->png_scale) < 0 || o->png_scale < 0.5 ||
			      o->png_scale > 4))
			return usage_error(a, "--png-scale takes a number from 0.5 to 4, not", v);
	} else if ((r = option(a, "--formats", 1, &v)) != 0) {
		if (r > 0 && parse_formats(v, &o->formats) < 0)
			return usage_error(a, "--formats takes a comma-separated list of svg, "
					      "png and pdf, not",
					   v);
	} else
		return usage_error(a, "unknown option", arg);
	if (r < 0)
		return usage_error(a, "missing value after", arg);
	return 0;
}

static int cmd_build(struct args *a)
{
	struct site_options o;
	struct site_stats st;
	struct uncertainty_options uo;
	struct analysis_cli acli = ANALYSIS_CLI_UNSET;
	bool quiet = false;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	enum wb_exit rc;
	char *out = NULL;
	const char *last;
	int lock = -1;

	memset(&o, 0, sizeof(o));
	o.content = "content";
	o.templates = "templates";
	o.out = "site";
	o.jobs = cpus > 0 ? (int)cpus : 1;
	o.formats = PLOT_SVG | PLOT_PNG | PLOT_PDF;
	o.figures = true;
	uncertainty_defaults(&uo);
	for (a->i = 0; a->i < a->argc; a->i++) {
		const char *arg = a->argv[a->i];
		int r = common_flag(a, arg, &quiet), err;
		if (r > 0)
			return WB_EXIT_OK;
		if (r == 0)
			continue;
		if (uncertainty_option(a, arg, &uo, &err) || analysis_option(a, arg, &acli, &err)) {
			if (err)
				return err;
			continue;
		}
		if (strcmp(arg, "--no-figures") == 0) {
			o.figures = false;
			continue;
		}
		if (strcmp(arg, "--force") == 0) {
			o.force = true;
			continue;
		}
		if (strcmp(arg, "--strict") == 0) {
			o.strict = true;
			continue;
		}
		if ((err = build_value_option(a, arg, &o)) != 0)
			return err;
	}
	/* X/ is X: one directory, one lock (.X.lock), one X.tmp-* beside it */
	out = xstrdup(o.out);
	for (size_t n = strlen(out); n > 1 && out[n - 1] == '/'; n--)
		out[n - 1] = '\0';
	last = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;
	if (!out[0] || strcmp(out, "/") == 0 || strcmp(last, ".") == 0 || strcmp(last, "..") == 0) {
		free(out);
		return usage_error(a, "--out must name a directory of its own, not", o.out);
	}
	o.out = out;
	o.progress = !quiet && isatty(2);
	uo.jobs = o.jobs;
	o.uncertainty = uo.resamples ? &uo : NULL;
	o.analysis = &acli;
	if (journal_lock_content(o.content, false, &lock) < 0) {
		free(out);
		return WB_EXIT_RUNTIME;
	}
	interrupt_catch();
	rc = exit_code(site_build(&o, &st));
	journal_unlock(lock);
	build_summary(rc, &st, o.out, quiet);
	free(out);
	return rc;
}

static int cmd_diff(struct args *a)
{
	const char *files[2] = {NULL, NULL}, *format = "text";
	struct value *old = NULL, *new_report = NULL, *d = NULL;
	struct buf out = BUF_INIT;
	int nfiles = 0, rc = WB_EXIT_OK;

	for (a->i = 0; a->i < a->argc; a->i++) {
		const char *arg = a->argv[a->i], *v = NULL;
		int r = common_flag(a, arg, NULL);
		if (r > 0)
			return WB_EXIT_OK;
		if (arg[0] != '-') {
			if (nfiles == 2)
				return usage_error(a, "diff takes two reports, not more:", arg);
			files[nfiles++] = arg;
			continue;
		}
		if ((r = option(a, "--format", 1, &v)) > 0)
			format = v;
		else if (r < 0)
			return usage_error(a, "missing value after", arg);
		else
			return usage_error(a, "unknown option", arg);
	}
	if (nfiles != 2)
		return usage_error(a, "diff needs OLD.json and NEW.json", NULL);
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return usage_error(a, "--format must be text or json, not", format);
	old = content_read_json(files[0]);
	new_report = content_read_json(files[1]);
	if (!old || !new_report || !value_get(old, "cohorts") || !value_get(new_report, "cohorts")) {
		if (old && new_report)
			diag_error(!value_get(old, "cohorts") ? files[0] : files[1], 0, 0,
				   "not a washboard report (no 'cohorts')");
		rc = WB_EXIT_DATA;
		goto out;
	}
	d = diff_reports(old, new_report);
	if (strcmp(format, "json") == 0)
		value_write_json(&out, d, 2);
	else
		diff_write_text(&out, d);
	if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		diag_error(NULL, 0, 0, "cannot write the output");
		rc = WB_EXIT_RUNTIME;
	}
out:
	buf_release(&out);
	value_free(d);
	value_free(old);
	value_free(new_report);
	return rc;
}

/* A positive number option value, or a usage error. */
static int positive_option(const struct args *a, const char *name, const char *v, double *out)
{
	if (parse_number(v, out) < 0 || !(*out > 0))
		return usage_error(a, name, v);
	return 0;
}

/* The tools whose logs are imported run by run, with their command names and help. */
enum run_tool { TOOL_LM_EVAL, TOOL_INSPECT, TOOL_OLL, TOOL_HELM };

/* import lm-eval, inspect, open-llm-leaderboard and helm: one evaluation tool's logs. */
static int cmd_import_runs(struct args *a, enum run_tool tool)
{
	static const char *const names[] = {"import lm-eval", "import inspect",
					    "import open-llm-leaderboard", "import helm"};
	static const char *const usages[] = {usage_import_lm_eval, usage_import_inspect,
					     usage_import_oll, usage_import_helm};
	static int (*const imports[])(const struct import_lm_eval_options *) = {
		import_lm_eval, import_inspect, import_open_llm_leaderboard, import_helm};
	bool inspect = tool == TOOL_INSPECT;
	struct import_lm_eval_options o;
	char **inputs = xcalloc((size_t)a->argc + 1, sizeof(char *));
	int rc = WB_EXIT_OK, lock = -1;

	memset(&o, 0, sizeof(o));
	a->cmd = names[tool];
	a->usage = usages[tool];
	for (a->i = 1; a->i < a->argc && rc == WB_EXIT_OK; a->i++) {
		const char *arg = a->argv[a->i], *v = NULL;
		int r = common_flag(a, arg, NULL);
		if (r > 0)
			goto out;
		if (arg[0] != '-') {
			inputs[o.ninputs++] = a->argv[a->i];
			continue;
		}
		if ((r = option(a, "--content", 1, &v)) != 0)
			o.content = v;
		else if ((r = option(a, "--cohort", 1, &v)) != 0)
			o.cohort = v;
		else if ((r = option(a, "--model-id", 1, &v)) != 0)
			o.model_id = v;
		else if ((r = option(a, "--name", 1, &v)) != 0)
			o.name = v;
		else if (inspect && strcmp(arg, "--allow-incomplete") == 0)
			o.allow_incomplete = true;
		else if ((r = option(a, "--params", 1, &v)) != 0)
			rc = r > 0 ? positive_option(a, "--params takes a positive number, not", v,
						     &o.params)
				   : rc;
		else if ((r = option(a, "--training-flop", 1, &v)) != 0)
			rc = r > 0 ? positive_option(a, "--training-flop takes a positive number, not",
						     v, &o.training_flop)
				   : rc;
		else if ((r = option(a, "--tokens", 1, &v)) != 0)
			rc = r > 0 ? positive_option(a, "--tokens takes a positive number, not", v,
						     &o.tokens)
				   : rc;
		else
			rc = usage_error(a, "unknown option", arg);
		if (r < 0)
			rc = usage_error(a, "missing value after", arg);
	}
	if (rc != WB_EXIT_OK)
		goto out;
	if (!o.content || !o.cohort || !o.ninputs) {
		rc = usage_error(a, "--content, --cohort and at least one FILE or DIR are required",
				 NULL);
		goto out;
	}
	if (o.training_flop > 0 && o.tokens > 0) {
		rc = usage_error(a, "give --training-flop or --tokens, not both", NULL);
		goto out;
	}
	if (o.model_id && !is_slug(o.model_id)) {
		rc = usage_error(a, "--model-id must be an identifier ([a-z0-9][a-z0-9._-]*), not",
				 o.model_id);
		goto out;
	}
	o.inputs = inputs;
	if (journal_lock_content(o.content, true, &lock) < 0) {
		rc = WB_EXIT_RUNTIME;
		goto out;
	}
	interrupt_catch();
	rc = imports[tool](&o) == 0 ? WB_EXIT_OK : WB_EXIT_DATA;
	journal_unlock(lock);
	exit_if_interrupted(
	    "import", rc == WB_EXIT_OK ? "it was complete, in %s" : "nothing was written to %s",
	    o.content);
out:
	free(inputs);
	return rc;
}

static int cmd_import(struct args *a)
{
	struct import_csv_options o;
	bool long_table = false;
	int rc, lock = -1;

	memset(&o, 0, sizeof(o));
	if (a->argc < 1)
		return usage_error(a, "import needs a format:", "csv");
	if (common_flag(a, a->argv[0], NULL) > 0)
		return WB_EXIT_OK;
	if (strcmp(a->argv[0], "lm-eval") == 0)
		return cmd_import_runs(a, TOOL_LM_EVAL);
	if (strcmp(a->argv[0], "inspect") == 0)
		return cmd_import_runs(a, TOOL_INSPECT);
	if (strcmp(a->argv[0], "open-llm-leaderboard") == 0 || strcmp(a->argv[0], "oll") == 0)
		return cmd_import_runs(a, TOOL_OLL);
	if (strcmp(a->argv[0], "helm") == 0)
		return cmd_import_runs(a, TOOL_HELM);
	if (strcmp(a->argv[0], "csv") != 0)
		return usage_error(a, "unknown import format (supported: csv, lm-eval, inspect, "
				      "open-llm-leaderboard, helm):",
				   a->argv[0]);
	a->cmd = "import csv";
	for (a->i = 1; a->i < a->argc; a->i++) {
		const char *arg = a->argv[a->i], *v = NULL;
		int r = common_flag(a, arg, NULL);
		if (r > 0)
			return WB_EXIT_OK;
		if ((r = option(a, "--content", 1, &v)) != 0)
			o.content = v;
		else if ((r = option(a, "--cohort-title", 1, &v)) != 0)
			o.cohort_title = v;
		else if ((r = option(a, "--cohort", 1, &v)) != 0)
			o.cohort = v;
		else if ((r = option(a, "--matrix", 1, &v)) != 0)
			o.matrix = v;
		else if ((r = option(a, "--long", 1, &v)) != 0) {
			o.matrix = v;
			long_table = true;
		}
		else if ((r = option(a, "--info", 1, &v)) != 0)
			o.info = v;
		else if ((r = option(a, "--taxonomy", 1, &v)) != 0)
			o.taxonomy = v;
		else if ((r = option(a, "--task-map", 1, &v)) != 0)
			o.task_map = v;
		else if ((r = option(a, "--source", 1, &v)) != 0)
			o.source = v;
		else
			return usage_error(a, "unknown option", arg);
		if (r < 0)
			return usage_error(a, "missing value after", arg);
	}
	if (!o.content || !o.cohort || !o.matrix)
		return usage_error(a, "--content, --cohort and --matrix (or --long) are required",
				   NULL);
	if (journal_lock_content(o.content, true, &lock) < 0)
		return WB_EXIT_RUNTIME;
	interrupt_catch();
	rc = (long_table ? import_csv_long(&o) : import_csv_matrix(&o)) == 0 ? WB_EXIT_OK
									       : WB_EXIT_DATA;
	journal_unlock(lock);
	exit_if_interrupted(
	    "import", rc == WB_EXIT_OK ? "it was complete, in %s" : "nothing was written to %s",
	    o.content);
	return rc;
}

static int run(int argc, char **argv)
{
	struct args a;
	const char *cmd;

	if (argc < 2) {
		fputs(usage_main, stderr);
		return WB_EXIT_USAGE;
	}
	cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage_main, stdout);
		return WB_EXIT_OK;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		printf("washboard %s\n", WB_VERSION);
		return WB_EXIT_OK;
	}
	a.argc = argc - 2;
	a.argv = argv + 2;
	a.i = 0;
	a.cmd = cmd;
	if (strcmp(cmd, "analyze") == 0 || strcmp(cmd, "analyse") == 0) {
		a.usage = usage_analyze;
		return cmd_analyze(&a);
	}
	if (strcmp(cmd, "diff") == 0) {
		a.usage = usage_diff;
		return cmd_diff(&a);
	}
	if (strcmp(cmd, "build") == 0) {
		a.usage = usage_build;
		return cmd_build(&a);
	}
	if (strcmp(cmd, "import") == 0) {
		a.usage = usage_import;
		return cmd_import(&a);
	}
	fprintf(stderr, "error: unknown command '%s'\n", cmd);
	fputs(usage_main, stderr);
	return WB_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	int rc;
	hugepages_heap();
	rc = run(argc, argv);
	markdown_shutdown();
	value_release_all();
	return rc;
}
