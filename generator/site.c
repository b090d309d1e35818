#include "site.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "analysis.h"
#include "content.h"
#include "diff.h"
#include "format.h"
#include "json.h"
#include "markdown.h"
#include "mustache.h"
#include "pages.h"
#include "plot.h"
#include "report.h"
#include "value.h"
#include "version.h"

/* Beside the pages: the fingerprint of the inputs that made them. */
#define STAMP_FILE ".washboard-stamp"

/* Remove path and everything below it (no symlinks are followed). */
static int remove_tree(const char *path)
{
	struct stat st;
	int rc = 0;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		if (!d)
			return -1;
		while ((e = readdir(d)) != NULL) {
			char *sub;
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			sub = path_join(path, e->d_name);
			if (remove_tree(sub) != 0)
				rc = -1;
			free(sub);
		}
		closedir(d);
		if (rmdir(path) != 0)
			rc = -1;
	} else if (unlink(path) != 0) {
		rc = -1;
	}
	return rc;
}

/* Copy the directory tree src into dst (regular files only), sorted, counting files. */
static int copy_tree(const char *src, const char *dst, size_t *files)
{
	char **names = NULL;
	long n = dir_list(src, true, &names);
	int rc = 0;

	if (n < 0)
		return -1;
	if (path_mkdirs(dst) < 0) {
		names_free(names, n);
		return -1;
	}
	for (long i = 0; i < n && rc == 0; i++) {
		char *s = path_join(src, names[i]), *d = path_join(dst, names[i]);
		if (path_is_dir(s)) {
			rc = copy_tree(s, d, files);
		} else if (path_is_file(s)) {
			rc = file_copy(s, d);
			(*files)++;
		}
		free(s);
		free(d);
	}
	names_free(names, n);
	return rc;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int write_csv(struct build *b, const char *rel, const struct value *rows,
		     const char *const *cols)
{
	struct buf out = BUF_INIT;
	int rc;
	report_csv_table(&out, rows, cols);
	rc = pages_write_file(b->tmp, rel, out.data ? out.data : "", out.len);
	b->st->files++;
	buf_release(&out);
	return rc;
}

static int write_data(struct build *b)
{
	static const char *const model_cols[] = {"id", "name", "source_id", "family", "params",
						 "training_flop", "flop_source", "released",
						 "capability_score", "capability_rank", NULL};
	static const char *const lb_cols[] = {"model", "name", "capability_score", "safety_score",
					      "safety_rank", "decorrelated_score",
					      "decorrelated_rank", "rank_change", "coverage",
					      "n_benchmarks", NULL};
	static const char *const score_cols[] = {"model", "benchmark", "value", "stderr", "n",
						 "z", "expected", "residual", NULL};
	const struct value *cohorts = value_get(b->report, "cohorts");
	struct buf out = BUF_INIT, rel = BUF_INIT;
	struct value *rows;
	int rc = 0;

	value_write_json(&out, b->report, 2);
	rc |= pages_write_file(b->tmp, "data/report.json", out.data, out.len);
	b->st->files++;
	rows = report_benchmark_rows(b->report, NULL);
	rc |= write_csv(b, "data/benchmarks.csv", rows, report_benchmark_columns);
	value_free(rows);
	for (size_t i = 0; cohorts && i < cohorts->n && rc == 0; i++) {
		const struct value *co = cohorts->items[i], *bs = value_get(co, "benchmarks");
		const char *cid = value_str(co, "id");
		struct value *all = value_array();

		rows = report_benchmark_rows(b->report, cid);
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/benchmarks.csv", cid);
		rc |= write_csv(b, buf_str(&rel), rows, report_benchmark_columns);
		value_free(rows);
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/models.csv", cid);
		rc |= write_csv(b, buf_str(&rel), value_get(co, "models"), model_cols);
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/leaderboard.csv", cid);
		rc |= write_csv(b, buf_str(&rel), value_get(co, "leaderboard"), lb_cols);
		for (size_t k = 0; bs && k < bs->n; k++) {
			const struct value *ms = value_get(bs->items[k], "models");
			rows = value_array();
			for (size_t j = 0; ms && j < ms->n; j++) {
				struct value *r = value_copy(ms->items[j]);
				const struct value *m = pages_model_by_id(b, co, value_str(r, "model"));
				value_set_string(r, "benchmark", value_str(bs->items[k], "id"));
				value_set_string(r, "name", m ? value_str(m, "name") : "");
				value_push(all, value_copy(r));
				value_push(rows, r);
			}
			buf_reset(&rel);
			buf_printf(&rel, "data/%s/benchmarks/%s.csv", cid, value_str(bs->items[k], "id"));
			{
				static const char *const cols[] = {"model", "name", "value", "stderr", "n", "z", "expected", "residual", NULL};
				rc |= write_csv(b, buf_str(&rel), rows, cols);
			}
			value_free(rows);
		}
		buf_reset(&rel);
		buf_printf(&rel, "data/%s/scores.csv", cid);
		rc |= write_csv(b, buf_str(&rel), all, score_cols);
		value_free(all);
	}
	buf_release(&out);
	buf_release(&rel);
	return rc ? -1 : 0;
}

static void progress(const struct site_options *o, const char *stage)
{
	if (o->progress)
		fprintf(stderr, "\r\033[Kwashboard: %s", stage);
}

/* Lock OUT against a concurrent build: a lock file .BASENAME.lock beside it. */
/* OUT's directory ("" for the working directory, "/" for the root); *base its last part. */
static char *out_parent(const char *out, const char **base)
{
	const char *slash = strrchr(out, '/');
	*base = slash ? slash + 1 : out;
	if (!slash)
		return xstrdup("");
	return slash == out ? xstrdup("/") : xstrndup(out, (size_t)(slash - out));
}

static int take_lock(const char *out, int *fd)
{
	const char *base;
	char *dir = out_parent(out, &base), *lock;
	struct buf name = BUF_INIT;
	struct flock fl;
	int rc = -1;

	buf_printf(&name, ".%s.lock", base);
	lock = path_join(dir, buf_str(&name));
	*fd = open(lock, O_RDWR | O_CREAT, 0666);
	if (*fd < 0) {
		diag_error(lock, 0, 0, "cannot create the lock file: %s", strerror(errno));
		goto out;
	}
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(*fd, F_SETLK, &fl) != 0) {
		diag_error(out, 0, 0, "another washboard build is writing this site (lock %s); try "
				      "again when it has finished",
			   lock);
		close(*fd);
		*fd = -1;
		goto out;
	}
	rc = 0;
out:
	buf_release(&name);
	free(lock);
	free(dir);
	return rc;
}

/* Swap the finished tree into place: OUT -> OUT.old-XXXXXX, TMP -> OUT, remove the old. */
static int publish(const char *tmp, const char *out)
{
	struct buf old = BUF_INIT;
	int rc = -1;

	if (path_is_dir(out)) {
		buf_printf(&old, "%s.old-XXXXXX", out);
		if (!mkdtemp(old.data) || rmdir(old.data) != 0 || rename(out, old.data) != 0) {
			diag_error(out, 0, 0, "cannot move the previous site aside: %s",
				   strerror(errno));
			goto out;
		}
	} else if (access(out, F_OK) == 0) {
		diag_error(out, 0, 0, "exists and is not a directory; refusing to replace it");
		goto out;
	}
	if (rename(tmp, out) != 0) {
		diag_error(out, 0, 0, "cannot move the new site into place: %s", strerror(errno));
		if (old.len)
			rename(old.data, out);
		goto out;
	}
	if (old.len)
		remove_tree(old.data);
	rc = 0;
out:
	buf_release(&old);
	return rc;
}

/*
 * Remove what a build killed outright (SIGKILL, power loss) left beside OUT: directories
 * OUT.tmp-XXXXXX and OUT.old-XXXXXX, the mkdtemp() names used above. Called with the lock
 * held, so no other build is using them.
 */
static void remove_stale(const char *out)
{
	const char *base;
	char *dir = out_parent(out, &base);
	size_t blen = strlen(base);
	struct dirent *e;
	DIR *d = opendir(dir[0] ? dir : "."); /* unreadable: the build fails later, clearly */

	while (d && (e = readdir(d)) != NULL) {
		const char *tail = e->d_name + blen;
		bool ours = strncmp(e->d_name, base, blen) == 0 &&
			    (strncmp(tail, ".tmp-", 5) == 0 || strncmp(tail, ".old-", 5) == 0) &&
			    strlen(tail + 5) == 6;
		for (size_t k = 0; ours && k < 6; k++)
			ours = isalnum((unsigned char)tail[5 + k]) != 0;
		if (ours) {
			char *p = path_join(dir, e->d_name);
			if (path_is_dir(p) && remove_tree(p) == 0)
				diag_warning(p, 0, 0, "removed, left behind by an interrupted build");
			free(p);
		}
	}
	if (d)
		closedir(d);
	free(dir);
}

static void figure_progress(void *ud, size_t done, size_t total)
{
	(void)ud;
	fprintf(stderr, "\r\033[Kwashboard: figures %zu/%zu", done, total);
}

/* The figures stage: gnuplot, batched, reusing the previous site's unchanged figures. */
static int draw_figures(struct build *b)
{
	struct plot_options po;
	struct plot_stats ps;
	double t1 = now();

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
	if (plot_site(b->report, &po, &ps) < 0)
		return -1;
	b->st->plot_seconds = now() - t1;
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
	TASK_CONTENT
};

struct task {
	enum task_kind kind;
	const struct value *co;   /* the cohort, for cohort-level pages */
	const struct value *item; /* the benchmark, model, area or content page */
	size_t k;                 /* the area's position */
};

/* Returns 0, or the exit code the failure deserves. */
static enum wb_exit run_task(struct build *b, const struct task *t)
{
	int r;
	switch (t->kind) {
	case TASK_PLOT:
		return draw_figures(b) < 0 ? WB_EXIT_RUNTIME : WB_EXIT_OK;
	case TASK_DATA:
		return write_data(b) < 0 ? WB_EXIT_RUNTIME : WB_EXIT_OK;
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
	default:
		r = pages_write_content(b, t->item);
		break;
	}
	return r < 0 ? WB_EXIT_DATA : WB_EXIT_OK; /* a page fails on its templates */
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

/* What a worker process reports back through its pipe. */
struct worker_result {
	struct site_stats st; /* its share of the counters */
	int rc;               /* 0 or the enum wb_exit of its first failure */
};

/* Take task numbers from the queue (a pipe of uint32) and run them until it is empty. */
static enum wb_exit work(struct build *b, const struct task *t, size_t n, int queue)
{
	uint32_t i;
	enum wb_exit rc = WB_EXIT_OK;
	while (read(queue, &i, sizeof(i)) == (ssize_t)sizeof(i)) {
		if (rc == WB_EXIT_OK && interrupted())
			rc = WB_EXIT_RUNTIME; /* drain the queue, run nothing more */
		if (rc == WB_EXIT_OK && i < n)
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

/*
 * Run every task with o->jobs processes (this one included) taking task numbers from one
 * queue: the figures (one long task, itself running gnuplot in parallel) go first, pages
 * and data files fill the other workers. Pages are independent files, so nothing else is
 * shared. The build fails with the worst exit code any worker met.
 */
static enum wb_exit run_tasks(struct build *b)
{
	struct task *t = NULL;
	size_t n = collect_tasks(b, &t);
	int jobs = b->o->jobs > 1 ? b->o->jobs : 1;
	int queue[2] = {-1, -1};
	pid_t *pids;
	int *fds, started = 1;
	enum wb_exit rc = WB_EXIT_OK;

	pids = xcalloc((size_t)jobs, sizeof(pid_t));
	fds = xcalloc((size_t)jobs, sizeof(int));
	if (pipe(queue) != 0) {
		diag_error(NULL, 0, 0, "cannot create a pipe: %s", strerror(errno));
		rc = WB_EXIT_RUNTIME;
		goto out;
	}
	/* every number goes in before any worker starts; the pipe holds 16k of them */
	for (uint32_t i = 0; i < n; i++)
		if (write(queue[1], &i, sizeof(i)) != (ssize_t)sizeof(i)) {
			diag_error(NULL, 0, 0, "cannot fill the work queue: %s", strerror(errno));
			rc = WB_EXIT_RUNTIME;
			goto out;
		}
	close(queue[1]);
	queue[1] = -1;
	fflush(stdout);
	fflush(stderr);
	for (int w = 1; w < jobs; w++) {
		int p[2];
		if (pipe(p) != 0)
			break;
		pids[w] = fork();
		if (pids[w] < 0) {
			close(p[0]);
			close(p[1]);
			break;
		}
		if (pids[w] == 0) {
			struct worker_result res;
			ssize_t wr;
			interrupt_child_reset();
			close(p[0]);
			memset(b->st, 0, sizeof(*b->st));
			res.rc = (int)work(b, t, n, queue[0]);
			res.st = *b->st;
			wr = write(p[1], &res, sizeof(res));
			fflush(stderr);
			_exit(wr == (ssize_t)sizeof(res) ? 0 : WB_EXIT_RUNTIME);
		}
		interrupt_child_add(pids[w]);
		close(p[1]);
		fds[w] = p[0];
		started++;
	}
	rc = work(b, t, n, queue[0]); /* with no fork at all, this does everything */
	for (int w = 1; w < started; w++) {
		struct worker_result res;
		int status = 0;
		memset(&res, 0, sizeof(res));
		if (read(fds[w], &res, sizeof(res)) != (ssize_t)sizeof(res))
			res.rc = WB_EXIT_RUNTIME;
		close(fds[w]);
		if (waitpid(pids[w], &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			res.rc = WB_EXIT_RUNTIME;
		interrupt_child_remove(pids[w]);
		add_stats(b->st, &res.st);
		if (res.rc != WB_EXIT_OK && (rc == WB_EXIT_OK || res.rc == WB_EXIT_DATA))
			rc = (enum wb_exit)res.rc;
	}
out:
	if (queue[0] >= 0)
		close(queue[0]);
	if (queue[1] >= 0)
		close(queue[1]);
	free(pids);
	free(fds);
	free(t);
	return rc;
}

/* The release date: SOURCE_DATE_EPOCH when set (reproducible builds), else the epoch. */
static void release_date(struct buf *out)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	double t;
	time_t tt;
	struct tm tm;
	char s[32];
	if (!sde || parse_number(sde, &t) < 0 || t < 0)
		t = 0;
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_puts(out, s);
}

/*
 * Record this build as a release: the previous site's releases/ are kept, this report goes
 * to releases/<version>/report.json, releases/index.json lists them in order, and this
 * release gets a "What changed" page against the one before it; then the list page and the
 * Atom feed. Returns 0 or the exit code of the failure.
 */
static enum wb_exit write_releases(struct build *b)
{
	char *old = path_join(b->o->out, "releases"), *dir = path_join(b->tmp, "releases");
	char *index_path = path_join(dir, "index.json");
	struct value *index = NULL, *entry = NULL, *prev_report = NULL, *v, *list, *feed_items;
	struct buf rel = BUF_INIT, out = BUF_INIT, date = BUF_INIT;
	size_t pos = 0, files = 0;
	enum wb_exit rc = WB_EXIT_RUNTIME;

	if (path_is_dir(old) && copy_tree(old, dir, &files) < 0)
		goto out;
	b->st->files += files;
	index = path_is_file(index_path) ? content_read_json(index_path) : value_object();
	if (!index || index->kind != VALUE_OBJECT) {
		diag_error(index_path, 0, 0, "the previous site's release list is unreadable; move "
					     "its releases/ away to start a new list");
		goto out;
	}
	list = value_get(index, "releases");
	if (!list || list->kind != VALUE_ARRAY)
		list = value_set(index, "releases", value_array());
	for (pos = 0; pos < list->n; pos++)
		if (strcmp(value_str(list->items[pos], "version"), b->release) == 0)
			break;
	if (pos == list->n) {
		entry = value_push(list, value_object());
		value_set_string(entry, "version", b->release);
		release_date(&date);
		value_set_string(entry, "date", buf_str(&date));
	}
	entry = list->items[pos];
	buf_reset(&out);
	value_write_json(&out, index, 2);
	buf_printf(&rel, "releases/%s/report.json", b->release);
	if (pages_write_file(b->tmp, "releases/index.json", out.data, out.len) < 0)
		goto out;
	buf_reset(&out);
	value_write_json(&out, b->report, 2);
	if (pages_write_file(b->tmp, buf_str(&rel), out.data, out.len) < 0)
		goto out;
	b->st->files += 2;

	/* What changed: against the release before this one */
	if (pos > 0) {
		char *p = path_join(dir, value_str(list->items[pos - 1], "version"));
		char *rp = path_join(p, "report.json");
		prev_report = path_is_file(rp) ? content_read_json(rp) : NULL;
		free(rp);
		free(p);
	}
	buf_reset(&rel);
	buf_printf(&rel, "releases/%s/index.html", b->release);
	buf_reset(&out);
	buf_printf(&out, "What changed in release %s", b->release);
	v = pages_view(b, buf_str(&rel), buf_str(&out));
	{
		struct value *r = value_set(v, "release", value_object());
		value_set_string(r, "version", b->release);
		value_set_string(r, "date", value_str(entry, "date"));
		if (prev_report) {
			struct value *d = diff_reports(prev_report, b->report);
			value_set_string(r, "previous", value_str(list->items[pos - 1], "version"));
			/* formatted numbers for the page */
			for (size_t c = 0; c < value_get(d, "cohorts")->n; c++) {
				struct value *co = value_get(d, "cohorts")->items[c];
				struct value *m = value_get(co, "movements");
				value_set_bool(co, "any_movements", m->n > 0);
				value_set_bool(co, "any_rank_changes",
					       value_get(co, "rank_changes")->n > 0);
				for (size_t k = 0; k < m->n; k++) {
					format_pct(m->items[k], "old_pct", value_num(m->items[k], "old"));
					format_pct(m->items[k], "new_pct", value_num(m->items[k], "new"));
					format_num(m->items[k], "delta_pct", "%+.1f", 100 * value_num(m->items[k], "delta"));
				}
			}
			value_set(r, "diff", d);
		}
	}
	if (pages_render(b, PAGE_RELEASE, v) < 0) {
		rc = WB_EXIT_DATA;
		goto out;
	}

	/* the list of releases, newest first, and the feed */
	v = pages_view(b, "releases/index.html", "Releases");
	feed_items = value_set(v, "releases", value_array());
	for (size_t i = list->n; i-- > 0;) {
		struct value *e = value_push(feed_items, value_copy(list->items[i]));
		struct buf h = BUF_INIT;
		buf_printf(&h, "releases/%s/index.html", value_str(e, "version"));
		value_set(e, "href", value_string_own(buf_detach(&h)));
		buf_printf(&h, "releases/%s/report.json", value_str(e, "version"));
		value_set(e, "report", value_string_own(buf_detach(&h)));
		value_set_bool(e, "current", i == pos);
	}
	{
		/* Atom: ids are the site's URLs (tag: URIs when there is no base URL) */
		struct buf x = BUF_INIT;
		const char *title = value_str(value_get(b->report, "site"), "title");
		buf_puts(&x, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
			     "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>");
		mustache_escape_html(&x, title, strlen(title));
		buf_puts(&x, " releases</title>\n<id>");
		if (b->base_url[0])
			mustache_escape_html(&x, b->base_url, strlen(b->base_url));
		else
			buf_puts(&x, "tag:washboard,2024:site");
		buf_puts(&x, "/</id>\n<updated>");
		buf_puts(&x, value_str(list->items[list->n - 1], "date"));
		buf_puts(&x, "</updated>\n<generator>washboard</generator>\n");
		for (size_t i = list->n; i-- > 0;) {
			const char *ver = value_str(list->items[i], "version");
			buf_puts(&x, "<entry>\n<title>Release ");
			mustache_escape_html(&x, ver, strlen(ver));
			buf_puts(&x, "</title>\n<id>");
			if (b->base_url[0])
				mustache_escape_html(&x, b->base_url, strlen(b->base_url));
			else
				buf_puts(&x, "tag:washboard,2024:site");
			buf_printf(&x, "/releases/%s/</id>\n<updated>%s</updated>\n", ver,
				   value_str(list->items[i], "date"));
			buf_printf(&x, "<link href=\"%s%sreleases/%s/index.html\"/>\n", b->base_url,
				   b->base_url[0] ? "/" : "", ver);
			buf_printf(&x, "<summary>What changed in release %s</summary>\n</entry>\n", ver);
		}
		buf_puts(&x, "</feed>\n");
		if (pages_write_file(b->tmp, "feed.xml", x.data, x.len) < 0) {
			buf_release(&x);
			value_free(v);
			goto out;
		}
		b->st->files++;
		buf_release(&x);
	}
	if (pages_render(b, PAGE_RELEASES, v) < 0) {
		rc = WB_EXIT_DATA;
		goto out;
	}
	rc = WB_EXIT_OK;
out:
	value_free(index);
	value_free(prev_report);
	buf_release(&rel);
	buf_release(&out);
	buf_release(&date);
	free(index_path);
	free(old);
	free(dir);
	return rc;
}

/*
 * The build's fingerprint: every byte of the content and templates (with their paths), the
 * options that change the output and the washboard binary itself. Two FNV-1a hashes with
 * different seeds give 128 bits.
 */
struct fingerprint {
	uint64_t h[2];
};

static void fp_add(struct fingerprint *f, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		f->h[0] = (f->h[0] ^ p[i]) * 1099511628211u;
		f->h[1] = (f->h[1] ^ p[i]) * 1099511628211u;
	}
	/* a separator, so that ("ab","c") and ("a","bc") differ */
	f->h[0] = (f->h[0] ^ 0xffu) * 1099511628211u;
	f->h[1] = (f->h[1] ^ 0xfeu) * 1099511628211u;
}

static void fp_str(struct fingerprint *f, const char *s)
{
	fp_add(f, s, strlen(s));
}

static int fp_file(struct fingerprint *f, const char *path)
{
	char *data;
	size_t len;
	if (file_read(path, &data, &len) < 0)
		return -1;
	fp_add(f, data, len);
	free(data);
	return 0;
}

static int fp_tree(struct fingerprint *f, const char *dir)
{
	char **names = NULL;
	long n = dir_list(dir, false, &names);
	int rc = 0;
	if (n < 0)
		return -1;
	for (long i = 0; i < n && rc == 0; i++) {
		char *p = path_join(dir, names[i]);
		fp_str(f, names[i]);
		if (path_is_dir(p))
			rc = fp_tree(f, p);
		else if (path_is_file(p))
			rc = fp_file(f, p);
		free(p);
	}
	names_free(names, n);
	return rc;
}

/* The fingerprint as 32 hex digits into out; -1 when an input cannot be read. */
static int fingerprint(const struct site_options *o, const char *base_url, char out[33])
{
	struct fingerprint f = {{14695981039346656037u, 1099511628211u * 31u}};
	char opts[96];

	fp_str(&f, "washboard " WB_VERSION);
	if (fp_file(&f, "/proc/self/exe") < 0) /* a rebuilt binary must rebuild the site */
		return -1;
	snprintf(opts, sizeof(opts), "formats=%u figures=%d png=%g", o->formats, (int)o->figures,
		 o->png_scale);
	fp_str(&f, opts);
	fp_str(&f, base_url);
	fp_str(&f, o->release ? o->release : "");
	if (fp_tree(&f, o->content) < 0 || fp_tree(&f, o->templates) < 0)
		return -1;
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)f.h[0],
		 (unsigned long long)f.h[1]);
	return 0;
}

/* Is OUT the output of exactly these inputs? */
static bool up_to_date(const char *out, const char *fp)
{
	char *stamp = path_join(out, STAMP_FILE), *data = NULL;
	size_t len;
	bool same = false;
	if (path_is_file(stamp) && file_read(stamp, &data, &len) == 0)
		same = len >= 32 && memcmp(data, fp, 32) == 0;
	free(data);
	free(stamp);
	return same;
}

enum wb_exit site_build(const struct site_options *o, struct site_stats *st)
{
	struct build b;
	struct corpus *c = NULL;
	struct analysis *an = NULL;
	struct buf tmpl = BUF_INIT, base = BUF_INIT;
	char **page_names = NULL;
	long npages = 0;
	int lock = -1;
	enum wb_exit rc = WB_EXIT_DATA;
	double t0 = now();
	char fp[33];

	memset(&b, 0, sizeof(b));
	memset(st, 0, sizeof(*st));
	b.o = o;
	b.st = st;
	b.rows = value_object();
	if (take_lock(o->out, &lock) < 0) {
		rc = WB_EXIT_RUNTIME;
		goto out;
	}
	remove_stale(o->out);
	if (access(o->out, F_OK) == 0 && !path_is_dir(o->out)) {
		diag_error(o->out, 0, 0, "exists and is not a directory; refusing to replace it");
		rc = WB_EXIT_RUNTIME;
		goto out;
	}
	if (fingerprint(o, o->base_url ? o->base_url : "", fp) < 0)
		goto out;
	if (!o->force && up_to_date(o->out, fp)) {
		st->up_to_date = true;
		rc = WB_EXIT_OK;
		goto out;
	}
	progress(o, "loading content");
	c = content_load(o->content);
	if (!c)
		goto out;
	an = analysis_run(c, NULL);
	if (!an)
		goto out;
	b.report = report_build(an);
	buf_puts(&base, o->base_url ? o->base_url : value_str(value_get(b.report, "site"), "base_url"));
	while (base.len && base.data[base.len - 1] == '/')
		base.data[--base.len] = '\0';
	b.base_url = buf_str(&base);
	b.release = slugify(o->release ? o->release
				       : value_get_string(value_get(b.report, "site"), "version")
						 ? value_str(value_get(b.report, "site"), "version")
						 : "unversioned");
	if (!b.release[0]) {
		free(b.release);
		b.release = xstrdup("unversioned");
	}
	if (pages_check_ids(&b) < 0 || pages_content_list(&b, &page_names, &npages) < 0)
		goto out;
	if (pages_templates_load(&b.t, o->templates) < 0)
		goto out;

	rc = WB_EXIT_RUNTIME;
	buf_printf(&tmpl, "%s.tmp-XXXXXX", o->out);
	if (!mkdtemp(tmpl.data)) {
		diag_error(o->out, 0, 0, "cannot create a temporary directory beside it: %s",
			   strerror(errno));
		goto out;
	}
	b.tmp = tmpl.data;
	progress(o, "pages, data and figures");
	pages_index_build(&b);
	rc = run_tasks(&b);
	if (rc != WB_EXIT_OK)
		goto out;
	rc = write_releases(&b);
	if (rc != WB_EXIT_OK)
		goto out;
	rc = WB_EXIT_RUNTIME;
	{
		char *assets = path_join(o->templates, "assets"), *dst = path_join(b.tmp, "assets");
		int r = path_is_dir(assets) ? copy_tree(assets, dst, &st->files) : 0;
		free(assets);
		free(dst);
		if (r < 0)
			goto out;
	}
	if (pages_write_file(b.tmp, STAMP_FILE, fp, 32) < 0)
		goto out;
	progress(o, "publishing");
	if (interrupted() || publish(b.tmp, o->out) < 0)
		goto out;
	b.tmp = NULL;
	rc = WB_EXIT_OK;
out:
	if (o->progress)
		fprintf(stderr, "\r\033[K");
	if (b.tmp)
		remove_tree(b.tmp);
	st->seconds = now() - t0;
	pages_templates_release(&b.t);
	pages_index_release(&b);
	names_free(page_names, npages);
	value_free(b.pages);
	value_free(b.rows);
	free(b.release);
	value_free(b.report);
	analysis_free(an);
	content_free(c);
	buf_release(&tmpl);
	buf_release(&base);
	if (lock >= 0)
		close(lock);
	return rc;
}

