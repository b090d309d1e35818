/* site_tasks.c - the worker pool: pages, data files and the figures as tasks. */
/* The work queue is shared memory, not a file: MAP_ANONYMOUS (Linux, the BSDs). */
/* NOLINTNEXTLINE(bugprone-reserved-identifier): MAP_ANONYMOUS is not in POSIX */
#define _DEFAULT_SOURCE 1
#include "site_tasks.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "json.h"
#include "pages.h"
#include "plot.h"
#include "site_data.h"
#include "util.h"
#include "value.h"

static void figure_progress(void *ud, size_t done, size_t total)
{
	(void)ud;
	fprintf(stderr, "\r\033[Kwashboard: figures %zu/%zu", done, total);
}

/* The figures stage: gnuplot, in parallel, reusing the previous site's unchanged figures. */
static int draw_figures(struct build *b)
{
	struct plot_options po;
	struct plot_stats ps;
	double t1 = clock_seconds();

	memset(&po, 0, sizeof(po));
	memset(&ps, 0, sizeof(ps));
	po.out_dir = b->tmp;
	po.previous = path_is_dir(b->o->out) ? b->o->out : NULL;
	po.formats = b->o->formats;
	po.jobs = b->o->jobs;
	po.gnuplot = b->o->gnuplot;
	po.png_scale = b->o->png_scale;
	po.timeout = b->o->gnuplot_timeout;
	po.progress = b->o->progress ? figure_progress : NULL;
	po.history = b->history;
	if (plot_site(b->report, &po, &ps) < 0)
		return -1;
	b->st->plot_seconds = clock_seconds() - t1;
	b->st->figures = ps.figures;
	b->st->drawn = ps.drawn;
	b->st->reused = ps.reused;
	b->st->files += ps.outputs + 2 * ps.figures; /* images, plus each .gp and .csv */
	b->st->gnuplot_seconds = ps.gnuplot_seconds;
	return 0;
}

/* One unit of rendering work; tasks are independent, so workers can share them out. */
enum task_kind {
	TASK_PLOT,
	TASK_DATA,
	TASK_INDEX,
	TASK_COHORT,
	TASK_LEADERBOARD,
	TASK_BENCHMARK,
	TASK_MODEL,
	TASK_AREA,
	TASK_COMPARE,
	TASK_CONTENT
};

struct task {
	enum task_kind kind;
	const struct value *co;   /* the cohort, for cohort-level pages */
	const struct value *item; /* the benchmark, model, area or content page */
	size_t k;                 /* the area's position */
};

/* Returns 0, or the exit code the failure deserves. */
static enum failure run_task(struct build *b, const struct task *t)
{
	unsigned writes = file_write_failures();
	int r;
	switch (t->kind) {
	case TASK_PLOT:
		return draw_figures(b) < 0 ? FAIL_RUNTIME : FAIL_NONE;
	case TASK_DATA:
		return site_data_write(b) < 0 ? FAIL_RUNTIME : FAIL_NONE;
	case TASK_INDEX:
		r = pages_write_index(b);
		break;
	case TASK_COHORT:
		r = pages_write_cohort(b, t->co);
		break;
	case TASK_LEADERBOARD:
		r = pages_write_leaderboard(b, t->co);
		break;
	case TASK_BENCHMARK:
		r = pages_write_benchmark(b, t->co, t->item);
		break;
	case TASK_MODEL:
		r = pages_write_model(b, t->co, t->item);
		break;
	case TASK_AREA:
		r = pages_write_area(b, t->co, t->item, t->k);
		break;
	case TASK_COMPARE:
		r = pages_write_compare(b, t->co);
		break;
	default:
		r = pages_write_content(b, t->item);
		break;
	}
	/* a page fails on its templates, or on a file it could not write (a full disk) */
	return r < 0 ? failure_since(writes) : FAIL_NONE;
}

static size_t collect_tasks(struct build *b, struct task **out)
{
	const struct value *cohorts = value_get(b->report, "cohorts");
	struct task *t = NULL;
	size_t n = 0, cap = 0;

#define ADD(KIND, CO, ITEM, K)                                                                 \
	do {                                                                                   \
		xgrow((void **)&t, &cap, n + 1, sizeof(*t));                                   \
		t[n].kind = (KIND);                                                            \
		t[n].co = (CO);                                                                \
		t[n].item = (ITEM);                                                            \
		t[n].k = (K);                                                                  \
		n++;                                                                           \
	} while (0)
	if (b->o->figures)
		ADD(TASK_PLOT, NULL, NULL, 0); /* first: the longest task starts first */
	ADD(TASK_DATA, NULL, NULL, 0);
	ADD(TASK_INDEX, NULL, NULL, 0);
	for (size_t i = 0; cohorts && i < cohorts->n; i++) {
		const struct value *co = cohorts->items[i];
		const struct value *bs = value_get(co, "benchmarks"), *ms = value_get(co, "models");
		const struct value *areas = value_get(co, "areas");
		ADD(TASK_COHORT, co, NULL, 0);
		ADD(TASK_LEADERBOARD, co, NULL, 0);
		ADD(TASK_COMPARE, co, NULL, 0);
		for (size_t k = 0; bs && k < bs->n; k++)
			ADD(TASK_BENCHMARK, co, bs->items[k], k);
		for (size_t k = 0; ms && k < ms->n; k++)
			ADD(TASK_MODEL, co, ms->items[k], k);
		for (size_t k = 0; areas && k < areas->n; k++)
			ADD(TASK_AREA, co, areas->items[k], k);
		if (bs && bs->n) /* fill the row cache before any fork */
			value_free(pages_bench_row_at(b, co, 0));
	}
	for (size_t i = 0; i < b->pages->n; i++)
		ADD(TASK_CONTENT, NULL, b->pages->items[i], 0);
#undef ADD
	*out = t;
	return n;
}

/* What a worker process reports back through its pipe (then warnings_len bytes: its
 * b->warnings as JSON). */
struct worker_result {
	struct site_stats st; /* its share of the counters */
	int rc;               /* 0 or the enum failure of its first failure */
	size_t warnings_len;  /* bytes of JSON that follow */
};

/* Write all n bytes of data to fd (a pipe: writes may be short). Returns 0 or -1. */
static int write_all(int fd, const char *data, size_t n)
{
	while (n) {
		ssize_t w = write(fd, data, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		data += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Read exactly n bytes from fd into out. Returns 0 or -1. */
static int read_all(int fd, char *out, size_t n)
{
	while (n) {
		ssize_t r = read(fd, out, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		out += r;
		n -= (size_t)r;
	}
	return 0;
}

/*
 * Take task numbers from the queue (a counter shared by every worker process: each takes the
 * next number, so however many tasks there are, no worker waits for another) and run them
 * until there are none left.
 */
static enum failure work(struct build *b, const struct task *t, size_t n, atomic_size_t *queue)
{
	enum failure rc = FAIL_NONE;
	for (size_t i = atomic_fetch_add(queue, 1); i < n; i = atomic_fetch_add(queue, 1)) {
		if (rc == FAIL_NONE && interrupted())
			rc = FAIL_RUNTIME; /* take the rest, run nothing more */
		if (rc == FAIL_NONE)
			rc = run_task(b, &t[i]);
	}
	return rc;
}

static void add_stats(struct site_stats *to, const struct site_stats *from)
{
	to->pages += from->pages;
	to->files += from->files;
	to->figures += from->figures;
	to->drawn += from->drawn;
	to->reused += from->reused;
	to->plot_seconds += from->plot_seconds;
	to->gnuplot_seconds += from->gnuplot_seconds;
}

/* The queue: a counter in memory the forked workers share. NULL after a diagnostic. */
static atomic_size_t *queue_new(void)
{
	atomic_size_t *q = mmap(NULL, sizeof(*q), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				-1, 0);
	if (q == MAP_FAILED) {
		diag_error(NULL, 0, 0, "cannot create the work queue: %s", strerror(errno));
		return NULL;
	}
	atomic_init(q, 0);
	return q;
}

/*
 * Fork a worker that runs tasks from queue and writes its worker_result to a pipe (*fd, its
 * read end). Returns -1 when no pipe or process could be made: the build goes on with the
 * workers it has.
 */
static int start_worker(struct build *b, const struct task *t, size_t n, atomic_size_t *queue,
			pid_t *pid, int *fd)
{
	int p[2];
	pid_t parent = getpid();
	if (pipe(p) != 0)
		return -1;
	*pid = fork();
	if (*pid < 0) {
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (*pid == 0) {
		struct worker_result res;
		struct buf w = BUF_INIT;
		int wr;
		child_die_with_parent(parent); /* no worker outlives a killed build */
		interrupt_child_reset();
		close(p[0]);
		memset(b->st, 0, sizeof(*b->st));
		memset(&res, 0, sizeof(res));
		res.rc = (int)work(b, t, n, queue);
		res.st = *b->st;
		value_write_json(&w, b->warnings, 0);
		res.warnings_len = w.len;
		wr = write_all(p[1], (const char *)&res, sizeof(res));
		if (wr == 0)
			wr = write_all(p[1], buf_str(&w), w.len);
		fflush(stderr);
		_exit(wr == 0 ? 0 : 1);
	}
	interrupt_child_add(*pid);
	close(p[1]);
	*fd = p[0];
	return 0;
}

/*
 * Wait for the worker pid (result pipe fd, closed here), add its counters to b->st and
 * return the worse of rc and its exit code: bad data wins over a runtime failure.
 */
static enum failure join_worker(struct build *b, pid_t pid, int fd, enum failure rc)
{
	struct worker_result res;
	int status = 0;
	memset(&res, 0, sizeof(res));
	if (read_all(fd, (char *)&res, sizeof(res)) < 0) {
		res.rc = FAIL_RUNTIME;
	} else if (res.warnings_len && res.warnings_len < WB_MAX_FILE_SIZE) {
		/* the worker's unknown template names, merged so each is printed once */
		char *w = xmalloc(res.warnings_len + 1);
		struct json_error je;
		struct value *v = NULL;
		if (read_all(fd, w, res.warnings_len) == 0)
			v = json_parse(w, res.warnings_len, &je);
		if (v)
			pages_warnings_merge(b->warnings, v);
		else
			res.rc = FAIL_RUNTIME;
		value_free(v);
		free(w);
	}
	close(fd);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		res.rc = FAIL_RUNTIME;
	interrupt_child_remove(pid);
	add_stats(b->st, &res.st);
	if (res.rc != FAIL_NONE && (rc == FAIL_NONE || res.rc == FAIL_DATA))
		rc = (enum failure)res.rc;
	return rc;
}

/*
 * Run every task with o->jobs processes (this one included) taking task numbers from one
 * queue: the figures (one long task, itself running gnuplot in parallel) go first, pages
 * and data files fill the other workers. Pages are independent files, so nothing else is
 * shared. The build fails with the worst exit code any worker met.
 */
enum failure site_tasks_run(struct build *b)
{
	struct task *t = NULL;
	size_t n = collect_tasks(b, &t);
	int jobs = b->o->jobs > 1 ? b->o->jobs : 1;
	atomic_size_t *queue;
	pid_t *pids;
	int *fds, started = 1;
	enum failure rc = FAIL_NONE;

	pids = xcalloc((size_t)jobs, sizeof(pid_t));
	fds = xcalloc((size_t)jobs, sizeof(int));
	queue = queue_new();
	if (!queue) {
		rc = FAIL_RUNTIME;
		goto out;
	}
	fflush(stdout);
	fflush(stderr);
	for (int w = 1; w < jobs; w++) {
		if (start_worker(b, t, n, queue, &pids[w], &fds[w]) < 0)
			break;
		started++;
	}
	rc = work(b, t, n, queue); /* with no fork at all, this does everything */
	for (int w = 1; w < started; w++)
		rc = join_worker(b, pids[w], fds[w], rc);
	munmap(queue, sizeof(*queue));
out:
	free(pids);
	free(fds);
	free(t);
	return rc;
}
