#include "gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "util.h"

#define MAX_JOBS 64   /* more gnuplot processes than this only thrash */
#define ERR_CAP 65536 /* bytes of a gnuplot's stderr kept for the error message */
#define MARKER "@wb-figure-done"
#define QUEUED 2	/* scripts sent ahead to each process: it never waits for the next */

/* path made absolute against the working directory (gnuplot runs in o->dir). */
static char *absolute(char *path)
{
	char cwd[4096];
	char *abs;
	if (!path || path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		return path;
	abs = path_join(cwd, path);
	free(path);
	return abs;
}

/*
 * The executable for prog, as an absolute path: prog itself when it has a '/', else the
 * first match in PATH.
 */
static char *find_program(const char *prog)
{
	const char *path = getenv("PATH"), *p;

	if (!*prog)
		return NULL;
	if (strchr(prog, '/'))
		return path_is_file(prog) && access(prog, X_OK) == 0 ? absolute(xstrdup(prog))
								     : NULL;
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path;;) {
		const char *end = strchr(p, ':');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		struct buf cand = BUF_INIT;
		buf_printf(&cand, "%.*s/%s", (int)n, n ? p : ".", prog);
		if (path_is_file(buf_str(&cand)) && access(buf_str(&cand), X_OK) == 0)
			return absolute(buf_detach(&cand));
		buf_release(&cand);
		if (!end)
			return NULL;
		p = end + 1;
	}
}

struct job {
	pid_t pid;	     /* > 0 once spawned */
	int fd;		     /* read end of its stderr, -1 when closed */
	int in;		     /* its stdin (a socket), -1 when closed */
	size_t *figs, nfigs; /* script indices sent to it, in order */
	size_t cap;	     /* of figs */
	size_t done;	     /* scripts finished: markers read */
	struct buf err;	     /* stderr without the markers, at most ERR_CAP bytes */
	struct buf partial;  /* an incomplete stderr line */
	double start, last;  /* monotonic seconds: spawned, last progress */
	int status;	     /* wait status once reaped */
	bool reaped, timed_out, killed;
	bool fed; /* its stdin was closed after the last script: it may exit now */
};

struct runner {
	struct job *jobs;
	size_t njobs;
	const char *const *scripts;	 /* gnuplot_run()'s, borrowed */
	size_t n, next;			 /* scripts[0..n); the next one no process has */
	const struct gnuplot_options *o; /* borrowed */
	const char *gnuplot;		 /* the binary, an absolute path */
	double timeout;			 /* seconds without progress before a job is killed */
	double seconds;			 /* summed wall time of reaped jobs */
	bool check_failed;		 /* o->drawn failed (diagnostic printed) */
};

static void kill_all(struct runner *r, const struct job *except);

/*
 * Send job j the next script no process has yet, or, when none is left, the end of its input
 * (gnuplot exits there). The script is j's even when it cannot be sent (the process is
 * gone): reap() reports the failure at it.
 */
static void job_send(struct runner *r, struct job *j)
{
	struct buf cmd = BUF_INIT;
	size_t off = 0;

	if (j->in < 0)
		return;
	if (r->next == r->n) {
		close(j->in);
		j->in = -1;
		j->fed = true;
		return;
	}
	/* a script stops at its first error; the check makes gnuplot stop too, as it does
	 * reading a file, instead of going on with the next command (it does on stdin) */
	buf_printf(&cmd,
		   "reset session\nload '%s.gp'\nif (GPVAL_ERRNO) { exit status 1 }\nprint '" MARKER
		   "'\n",
		   r->scripts[r->next]);
	xgrow((void **)&j->figs, &j->cap, j->nfigs + 1, sizeof(*j->figs));
	j->figs[j->nfigs++] = r->next++;
	while (off < cmd.len) {
		ssize_t w = send(j->in, cmd.data + off, cmd.len - off, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(j->in);
			j->in = -1;
			break;
		}
		off += (size_t)w;
	}
	buf_release(&cmd);
}

static void job_line(struct runner *r, struct job *j, const char *line, size_t n)
{
	if (n == strlen(MARKER) && memcmp(line, MARKER, n) == 0) {
		if (j->done < j->nfigs && r->o->drawn(r->o->ud, j->figs[j->done]) != 0 &&
		    !r->check_failed) {
			r->check_failed = true;
			kill_all(r, NULL);
		}
		j->done++;
		j->last = clock_seconds();
		if (!r->check_failed)
			job_send(r, j);
		return;
	}
	if (j->err.len + n + 1 <= ERR_CAP) {
		buf_add(&j->err, line, n);
		buf_putc(&j->err, '\n');
	}
}

static void job_feed(struct runner *r, struct job *j, const char *data, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (data[i] != '\n') {
			if (j->partial.len < ERR_CAP)
				buf_putc(&j->partial, data[i]);
			continue;
		}
		job_line(r, j, buf_str(&j->partial), j->partial.len);
		buf_reset(&j->partial);
	}
}

static int job_spawn(struct job *j, const char *gnuplot, const char *fig_dir, int devnull)
{
	static const char exec_failed[] = "washboard: cannot execute gnuplot\n";
	char *argv[3];
	int fds[2], in[2];
	pid_t parent;

	if (pipe(fds) != 0) {
		diag_error(NULL, 0, 0, "gnuplot: cannot create a pipe: %s", strerror(errno));
		return -1;
	}
	/* stdin is a socket, not a pipe: send() can say MSG_NOSIGNAL (no SIGPIPE when gnuplot
	 * is gone); both ends close on exec, so no other process holds it open */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) != 0) {
		diag_error(NULL, 0, 0, "gnuplot: cannot create a socket: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
	argv[0] = (char *)gnuplot;
	argv[1] = (char *)"-d"; /* no ~/.gnuplot: the scripts alone decide the drawing */
	argv[2] = NULL;
	fflush(NULL);
	parent = getpid();
	j->pid = fork();
	if (j->pid < 0) {
		diag_error(NULL, 0, 0, "gnuplot: cannot start a process: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		close(in[0]);
		close(in[1]);
		j->pid = 0;
		return -1;
	}
	if (j->pid == 0) {
		/* the child: only async-signal-safe calls until exec */
		child_die_with_parent(parent); /* no gnuplot outlives a killed build */
		if (dup2(in[1], 0) < 0 || dup2(devnull, 1) < 0 || dup2(fds[1], 2) < 0)
			_exit(127);
		close(fds[0]);
		close(fds[1]);
		if (chdir(fig_dir) == 0)
			execv(gnuplot, argv);
		if (write(2, exec_failed, sizeof(exec_failed) - 1) < 0)
			_exit(127);
		_exit(127);
	}
	interrupt_child_add(j->pid);
	close(fds[1]);
	close(in[1]);
	j->fd = fds[0];
	j->in = in[0];
	j->start = j->last = clock_seconds();
	return 0;
}

static void kill_all(struct runner *r, const struct job *except)
{
	for (size_t k = 0; k < r->njobs; k++) {
		struct job *j = &r->jobs[k];
		if (j != except && j->pid > 0 && !j->reaped && !j->killed) {
			kill(j->pid, SIGKILL);
			j->killed = true;
		}
	}
}

static bool job_failed(const struct job *j)
{
	return j->timed_out || !WIFEXITED(j->status) || WEXITSTATUS(j->status) != 0 || !j->fed ||
	       j->done < j->nfigs;
}

/*
 * Find gnuplot's error in its stderr: the first line `"FILE" line N: MESSAGE` that is not a
 * warning (indented as wide as gnuplot's prompt when it reads stdin). Sets *file (a pointer
 * into err, length *flen), *line and *msg (a new string).
 */
static bool parse_error(const char *err, const char **file, size_t *flen, unsigned long *line,
			char **msg)
{
	for (const char *l = err; *l;) {
		const char *eol = strchr(l, '\n'), *q, *rest;
		size_t n;
		l += strspn(l, " \t");
		n = eol ? (size_t)(eol - l) : strlen(l);
		if (n > 2 && l[0] == '"' && (q = memchr(l + 1, '"', n - 1)) != NULL &&
		    strncmp(q, "\" line ", 7) == 0) {
			char *end;
			unsigned long ln = strtoul(q + 7, &end, 10);
			if (end > q + 7 && strncmp(end, ": ", 2) == 0 &&
			    strncmp(end + 2, "warning:", 8) != 0) {
				struct buf m = BUF_INIT;
				rest = end + 2;
				buf_add(&m, rest, (size_t)(l + n - rest));
				/* gnuplot puts the reason for a failed system call on the next line
				 */
				if (eol && strncmp(eol + 1, "system error: ", 14) == 0) {
					const char *e2 = strchr(eol + 1, '\n');
					buf_puts(&m, " (");
					buf_add(&m, eol + 15,
						e2 ? (size_t)(e2 - eol - 15) : strlen(eol + 15));
					buf_putc(&m, ')');
				}
				*file = l + 1;
				*flen = (size_t)(q - l - 1);
				*line = ln;
				*msg = buf_detach(&m);
				return true;
			}
		}
		if (!eol)
			break;
		l = eol + 1;
	}
	return false;
}

/* The first line of err that says something (not blank, not a caret marker). */
static char *first_message(const char *err)
{
	for (const char *l = err; *l;) {
		const char *eol = strchr(l, '\n');
		size_t n = eol ? (size_t)(eol - l) : strlen(l);
		size_t blank = strspn(l, " \t^");
		if (blank < n)
			return xstrndup(l, n);
		if (!eol)
			break;
		l = eol + 1;
	}
	return NULL;
}

/* One diagnostic for failed job j, located at the figure it was drawing. */
static void job_report(const struct runner *r, const struct job *j)
{
	const char *file = NULL;
	size_t flen = 0;
	unsigned long line = 0;
	char *msg = NULL;
	struct buf loc = BUF_INIT;

	buf_printf(&loc, "%s/%s.gp", r->o->shown,
		   r->scripts[j->figs[j->done < j->nfigs ? j->done : j->nfigs - 1]]);
	if (j->timed_out) {
		diag_error(buf_str(&loc), 0, 0,
			   "gnuplot: no figure finished in %g s, so the process was killed as hung "
			   "(washboard build --gnuplot-timeout SECONDS allows longer)",
			   r->timeout);
	} else if (parse_error(buf_str(&j->err), &file, &flen, &line, &msg)) {
		/* gnuplot names the script it was reading: a figure, relative to o->dir */
		if (flen > 3 && file[0] != '/' && memcmp(file + flen - 3, ".gp", 3) == 0) {
			buf_reset(&loc);
			buf_printf(&loc, "%s/%.*s", r->o->shown, (int)flen, file);
		} else {
			line = 0;
		}
		diag_error(buf_str(&loc), (unsigned)line, 0, "gnuplot: %s", msg);
	} else if (WIFEXITED(j->status) && WEXITSTATUS(j->status) == 127 &&
		   strstr(buf_str(&j->err), "washboard: cannot execute gnuplot")) {
		diag_error(NULL, 0, 0,
			   "gnuplot: cannot execute '%s' (install it: apt-get install gnuplot-nox, "
			   "or build without figures: --no-figures)",
			   r->gnuplot);
	} else {
		msg = first_message(buf_str(&j->err));
		if (WIFSIGNALED(j->status))
			diag_error(buf_str(&loc), 0, 0, "gnuplot: killed by signal %d%s%s",
				   WTERMSIG(j->status), msg ? ": " : "", msg ? msg : "");
		else if (WEXITSTATUS(j->status) != 0)
			diag_error(buf_str(&loc), 0, 0, "gnuplot: exited with status %d%s%s",
				   WEXITSTATUS(j->status), msg ? ": " : "", msg ? msg : "");
		else
			diag_error(buf_str(&loc), 0, 0,
				   "gnuplot: '%s' exited before finishing this figure%s%s (is it "
				   "gnuplot?)",
				   r->gnuplot, msg ? ": " : "", msg ? msg : "");
	}
	free(msg);
	buf_release(&loc);
}

/*
 * The poll set: the stderr of every job still running, into pfd and owner (*nfd of them), and
 * how long to wait (*wait_ms): until the nearest timeout, at most 200 ms, 10 ms while a job
 * is exiting. Returns how many jobs are still running.
 */
static size_t poll_set(const struct runner *r, struct pollfd *pfd, struct job **owner, size_t *nfd,
		       int *wait_ms)
{
	size_t running = 0;
	double now = clock_seconds();

	*nfd = 0;
	*wait_ms = 200;
	for (size_t k = 0; k < r->njobs; k++) {
		struct job *j = &r->jobs[k];
		double left_ms;
		if (j->pid <= 0 || j->reaped)
			continue;
		running++;
		if (j->fd >= 0) {
			pfd[*nfd].fd = j->fd;
			pfd[*nfd].events = POLLIN;
			pfd[*nfd].revents = 0;
			owner[(*nfd)++] = j;
		} else {
			*wait_ms = 10; /* stderr closed: the process is exiting */
		}
		left_ms = (j->last + r->timeout - now) * 1000;
		if (!j->killed && left_ms < *wait_ms)
			*wait_ms = left_ms < 0 ? 0 : (int)left_ms + 1;
	}
	return running;
}

/* Read what the ready jobs wrote (ready: what poll() returned); close a stderr at its end. */
static void read_ready(struct runner *r, const struct pollfd *pfd, struct job *const *owner,
		       size_t nfd, int ready)
{
	for (size_t i = 0; ready > 0 && i < nfd; i++) {
		char chunk[4096];
		ssize_t got;
		if (!pfd[i].revents)
			continue;
		got = read(pfd[i].fd, chunk, sizeof(chunk));
		if (got > 0) {
			job_feed(r, owner[i], chunk, (size_t)got);
		} else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
			close(owner[i]->fd);
			owner[i]->fd = -1;
		}
	}
}

/*
 * Kill job j when it has made no progress for r->timeout seconds (at now); reap it when it
 * has exited, and read what it wrote last. Returns whether it was reaped now.
 */
static bool reap(struct runner *r, struct job *j, double now)
{
	pid_t got_pid;

	if (!j->killed && now - j->last > r->timeout) {
		kill(j->pid, SIGKILL);
		j->killed = j->timed_out = true;
	}
	got_pid = waitpid(j->pid, &j->status, WNOHANG);
	if (got_pid == 0 || (got_pid < 0 && errno == EINTR))
		return false;
	if (got_pid < 0) /* not our child to wait for (SIGCHLD ignored?): trust the
			  * markers and the output checks */
		j->status = 0;
	j->reaped = true;
	interrupt_child_remove(j->pid);
	if (j->in >= 0) {
		close(j->in);
		j->in = -1;
	}
	r->seconds += now - j->start;
	/* what it wrote last; a leftover grandchild may keep the pipe open, so no
	 * waiting for end-of-file (the read end is non-blocking) */
	if (j->fd >= 0) {
		char chunk[4096];
		ssize_t got;
		while ((got = read(j->fd, chunk, sizeof(chunk))) > 0)
			job_feed(r, j, chunk, (size_t)got);
		close(j->fd);
		j->fd = -1;
	}
	if (j->partial.len) {
		job_line(r, j, buf_str(&j->partial), j->partial.len);
		buf_reset(&j->partial);
	}
	return true;
}

/* Wait for every job: read progress and errors, enforce the timeout, stop on a failure. */
static int run_loop(struct runner *r)
{
	struct pollfd *pfd = xcalloc(r->njobs, sizeof(*pfd));
	struct job **owner = xcalloc(r->njobs, sizeof(struct job *));
	const struct job *failed = NULL;
	bool aborted = false; /* poll() failed: every process was killed, only reaping is left */
	int rc = -1;

	for (;;) {
		size_t nfd;
		int wait_ms, ready;
		double now;

		if (!poll_set(r, pfd, owner, &nfd, &wait_ms))
			break;
		ready = poll(pfd, nfd, wait_ms);
		if (ready < 0 && errno != EINTR && !aborted) {
			diag_error(NULL, 0, 0, "gnuplot: cannot wait for output: %s",
				   strerror(errno));
			kill_all(r, NULL);
			aborted = true;
		}
		if (interrupted() && !aborted) { /* main reports it */
			kill_all(r, NULL);
			aborted = true;
		}
		read_ready(r, pfd, owner, nfd, ready);
		now = clock_seconds();
		for (size_t k = 0; k < r->njobs; k++) {
			struct job *j = &r->jobs[k];
			if (j->pid <= 0 || j->reaped || !reap(r, j, now))
				continue;
			if (!failed && !aborted && !r->check_failed &&
			    (j->timed_out || (!j->killed && job_failed(j)))) {
				failed = j;
				kill_all(r, j);
			}
		}
	}
	if (failed)
		job_report(r, failed);
	else if (!aborted && !r->check_failed)
		rc = 0;
	free(pfd);
	free(owner);
	return rc;
}

/* The number of processes for n scripts: o->jobs or the online CPUs, at most MAX_JOBS and n. */
static size_t jobs_for(const struct gnuplot_options *o, size_t n)
{
	size_t jobs;

	if (o->jobs > 0) {
		jobs = (size_t)o->jobs;
	} else {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = cpus > 0 ? (size_t)cpus : 1;
	}
	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	if (jobs > n)
		jobs = n;
	return jobs;
}

/* jobs new jobs for scripts 0..n), none started yet. */
static void jobs_new(struct runner *r, size_t jobs, size_t n)
{
	r->njobs = jobs;
	r->n = n;
	r->jobs = xcalloc(jobs, sizeof(*r->jobs));
	for (size_t k = 0; k < jobs; k++)
		r->jobs[k].fd = r->jobs[k].in = -1;
}

/*
 * Start every job and send each its first QUEUED scripts, one round at a time (the first
 * scripts go to different processes); on a failure (or an interrupt) kill and reap those
 * started, return -1.
 */
static int spawn_all(struct runner *r, int devnull)
{
	for (size_t k = 0; k < r->njobs; k++) {
		if (interrupted() || job_spawn(&r->jobs[k], r->gnuplot, r->o->dir, devnull) != 0) {
			kill_all(r, NULL);
			for (size_t q = 0; q < k; q++) {
				waitpid(r->jobs[q].pid, &r->jobs[q].status, 0);
				interrupt_child_remove(r->jobs[q].pid);
			}
			return -1;
		}
	}
	for (int round = 0; round < QUEUED; round++)
		for (size_t k = 0; k < r->njobs; k++)
			job_send(r, &r->jobs[k]);
	return 0;
}

static void jobs_release(struct runner *r)
{
	for (size_t k = 0; k < r->njobs; k++) {
		if (r->jobs[k].fd >= 0)
			close(r->jobs[k].fd);
		if (r->jobs[k].in >= 0)
			close(r->jobs[k].in);
		free(r->jobs[k].figs);
		buf_release(&r->jobs[k].err);
		buf_release(&r->jobs[k].partial);
	}
	free(r->jobs);
}

int gnuplot_run(const char *const *scripts, size_t n, const struct gnuplot_options *o,
		double *seconds)
{
	struct runner r;
	char *gnuplot = NULL;
	int devnull = -1, rc = -1;

	memset(&r, 0, sizeof(r));
	r.scripts = scripts;
	r.o = o;
	r.timeout = o->timeout;
	gnuplot = find_program(o->program);
	if (!gnuplot) {
		diag_error(NULL, 0, 0,
			   "gnuplot: '%s' not found%s (install it: apt-get install gnuplot-nox, or "
			   "build without figures: --no-figures)",
			   o->program, strchr(o->program, '/') ? "" : " in PATH");
		goto out;
	}
	r.gnuplot = gnuplot;
	jobs_new(&r, jobs_for(o, n), n);
	devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (devnull < 0) {
		diag_error("/dev/null", 0, 0, "cannot open: %s", strerror(errno));
		goto out;
	}
	if (spawn_all(&r, devnull) != 0)
		goto out;
	rc = run_loop(&r);
out:
	*seconds = r.seconds;
	if (devnull >= 0)
		close(devnull);
	jobs_release(&r);
	free(gnuplot);
	return rc;
}
