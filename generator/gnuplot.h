/*
 * gnuplot.h - run gnuplot scripts through a few long-lived gnuplot processes, in parallel.
 *
 * gnuplot_run() shares the scripts out round robin over o->jobs processes (so scripts of one
 * kind, and cost, spread over all of them), writes one batch file per process that loads its
 * share, each after `reset session`, and prints a marker line to stderr after each script.
 * gnuplot runs with `-d` (no ~/.gnuplot) in o->dir, stdin and stdout on /dev/null; its stderr
 * is read for the markers (progress: o->drawn is called once per finished script) and kept
 * for the error message. A process that finishes no script for o->timeout seconds is killed
 * as hung. On the first failure every other process is killed too.
 *
 * The batch files go in a hidden directory o->dir/.washboard-batches-XXXXXX, removed
 * afterwards: in a site build that is inside the temporary site, so even a build killed
 * outright leaves nothing elsewhere.
 *
 * gnuplot, read with care (see STYLE.md): a failed `set output` on a pipe writes the plot to
 * stdout and gnuplot keeps going, so scripts are files (gnuplot stops at their first error)
 * and stdout is /dev/null; what a script should have written, the caller checks in o->drawn.
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
 * ".gp" and without a ' (the batch files quote it with '). At most o->jobs processes, never
 * more than n or 64. *seconds gets the summed wall time of the processes (also on failure).
 * It forks: call it while single-threaded. Everything is borrowed.
 *
 * Returns 0, or -1 after one diagnostic when: o->program cannot be found ("error: gnuplot:
 * 'gnuplot' not found in PATH (install it: ...)") or executed; a batch file cannot be
 * written; gnuplot fails on a script ("error: SHOWN/NAME.gp:LINE: gnuplot: its message"),
 * is killed, or exits before its last script; it times out; o->drawn fails; or the program
 * is interrupted (interrupted() in util.h; main reports that, so no diagnostic here).
 */
int gnuplot_run(const char *const *scripts, size_t n, const struct gnuplot_options *o,
		double *seconds);

#endif
