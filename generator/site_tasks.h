/*
 * site_tasks.h - the site's work as independent tasks, shared out to a pool of processes.
 *
 * The tasks: the figures (one long task: plot.h, itself running gnuplot processes in
 * parallel), the data/ files (site_data.h), and one task per page (pages.h): the index,
 * each cohort's page and leaderboard, each benchmark, model and area page, each content
 * page. The figures go first, so the longest task starts first. (The releases, the assets
 * and the stamp are written after the tasks, by site.c.)
 *
 * site_tasks_run() puts every task number into one pipe, forks o->jobs - 1 workers and
 * works too: each process takes the next number and runs that task, until the queue is
 * empty. Workers share nothing but the queue (each writes its own files from its copy of
 * the build) and report their counters and failure (enum failure) through a pipe each. An interrupted
 * build (util.h: interrupted()) drains the queue and runs nothing more.
 *
 * Internal to the site: site*.c include this header.
 */
#ifndef WB_SITE_TASKS_H
#define WB_SITE_TASKS_H

#include "util.h"

struct build;

/**
 * Run every task of b (b->ix built, b->tmp created) with b->o->jobs processes; the
 * counters of all of them add up in b->st. Returns FAIL_NONE, or the worst failure any
 * process met: FAIL_DATA (a page's templates) before FAIL_RUNTIME (I/O, gnuplot, a
 * worker that died, an interruption), after diagnostics.
 */
enum failure site_tasks_run(struct build *b);


#endif
