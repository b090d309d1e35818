/*
 * gnuplot.h - run gnuplot scripts through a few long-lived gnuplot processes, in parallel.
 *
 * gnuplot_run() starts o->jobs gnuplot processes and feeds them the scripts through their
 * stdin, in order, each as `reset session`, `load 'NAME.gp'`, a check that exits gnuplot
 * when the script failed, and a marker line printed to stderr. Every process has two scripts
 * queued and gets the next one no process has each time it finishes one, so the processes
 * finish together however the scripts' costs and the machine's load fall, and none waits
 * for work; when no script is left its stdin is closed and it exits. gnuplot runs with `-d`
 * (no ~/.gnuplot) in o->dir, stdout on /dev/null; its stderr is read for the markers
 * (progress: o->drawn is called once per finished script) and kept for the error message.
 * A process that finishes no script for o->timeout seconds is killed as hung. On the first
 * failure every other process is killed too. Nothing is written to disk but the figures.
 *
 * gnuplot, read with care (see STYLE.md): a failed `set output` on a pipe writes the plot to
 * stdout, and gnuplot reading commands from stdin goes on after an error. So the scripts are
 * files, which gnuplot stops reading at their first error; the check after each (GPVAL_ERRNO)
 * then ends the process, as an error in a batch file would; stdout is /dev/null; what a
 * script should have written, the caller checks in o->drawn. stdin is a socket, so that
 * writing to a gnuplot that is gone is an error (MSG_NOSIGNAL), not a SIGPIPE.
 */
#ifndef WB_GNUPLOT_H
#define WB_GNUPLOT_H

#include <stddef.h>

struct gnuplot_options {
	const char *program; /* the binary: a path, or a name looked up in PATH */
	const char *dir;     /* gnuplot runs here; the scripts are relative to it */
	const char *shown;   /* dir as diagnostics name it, e.g. "figures" */
	int jobs;	     /* most processes at once; <= 0: the number of online CPUs */
	double timeout;	     /* > 0: seconds without a finished script before a kill */
	/*
	 * Called when script i (an index into gnuplot_run()'s scripts) has run to its end, from
	 * this thread, while the other processes keep drawing. Returns 0, or -1 after one
	 * diagnostic: every process is killed and gnuplot_run() fails.
	 */
	int (*drawn)(void *ud, size_t i);
	void *ud; /* passed to drawn */
};

/**
 * Run scripts[0..n) with gnuplot; n > 0. Each is a name relative to o->dir, without the
 * ".gp" and without a ' (the load command quotes it with '). At most o->jobs processes, never
 * more than n or 64. *seconds gets the summed wall time of the processes (also on failure).
 * It forks: call it while single-threaded. Everything is borrowed.
 *
 * Returns 0, or -1 after one diagnostic when: o->program cannot be found ("error: gnuplot:
 * 'gnuplot' not found in PATH (install it: ...)") or executed; a pipe or socket cannot
 * be made; gnuplot fails on a script ("error: SHOWN/NAME.gp:LINE: gnuplot: its message"),
 * is killed, or exits before its last script; it times out; o->drawn fails; or the program
 * is interrupted (interrupted() in util.h; main reports that, so no diagnostic here).
 */
int gnuplot_run(const char *const *scripts, size_t n, const struct gnuplot_options *o,
		double *seconds);

#endif
