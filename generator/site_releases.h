/*
 * site_releases.h - every build is a release: kept reports, "What changed" pages, a feed.
 *
 *   releases/index.json          [{version, date}] in the order the releases were built
 *   releases/VERSION/report.json that release's data/report.json
 *   releases/VERSION/index.html  "What changed" against the release before it (diff.h)
 *   releases/index.html          the list, newest first
 *   feed.xml                     an Atom feed with one entry per release
 *
 * The version is site_options.release, else site.json's "version", as a slug
 * ("unversioned" when neither gives one), and the report's site.version says the same.
 * A published release is immutable: a build of a version OUT already holds must give the
 * same report, byte for byte (site_releases_check()); it then keeps the release's recorded
 * date, so rebuilding a release rebuilds the same site. A new release is dated when it is
 * first made: SOURCE_DATE_EPOCH (reproducible builds), else now. Earlier releases come from
 * the previous site in OUT: a build into a new directory starts a new list.
 *
 * Internal to the site: site*.c include this header.
 */
#ifndef WB_SITE_RELEASES_H
#define WB_SITE_RELEASES_H

#include "util.h"

struct build;

/**
 * Read the history from OUT's release archive into b->history, before the pages and figures
 * are made (they show it): every release before this build's, in the archive's order, each
 * read from its releases/VERSION/report.json and dropped once its numbers are taken, then
 * this build's. One lookup per benchmark and leaderboard entry of each release, through ids
 * sorted once, so the cost is linear (times a log) in releases x benchmarks. Sets
 * b->release_date: the recorded date of this release, or the new one. A release without a
 * readable report is left out, with a warning. Returns FAIL_NONE, or FAIL_RUNTIME after a
 * diagnostic when the archive's list is unreadable.
 *
 * b->history:
 *   releases[]                 {version, date, current (the last one only)}, in order
 *   cohorts[]                  aligned with b->report's cohorts:
 *     benchmarks[][]           aligned with the cohort's benchmarks: per release that has
 *                              it, {release (index into releases), n,
 *                              capabilities_correlation, capabilities_correlation_ci_low,
 *                              capabilities_correlation_ci_high, verdict}, as that
 *                              release's report has them
 *     leaderboard[][]          aligned with the cohort's leaderboard: {release,
 *                              decorrelated_rank, ranked}
 */
enum failure site_releases_history(struct build *b);

/**
 * Refuse to rewrite a published release: when OUT holds releases/<version>/report.json and
 * it differs from b->report written as data/report.json is (compared as it streams, never
 * held whole), one diagnostic says what to do (bump the version or pass
 * --release) and FAIL_DATA is returned. FAIL_NONE when the release is new or the same;
 * FAIL_RUNTIME when the archived report cannot be read.
 */
enum failure site_releases_check(struct build *b);

/**
 * Record this build as a release: the previous site's releases/ are kept, this report goes
 * to releases/<version>/report.json, releases/index.json lists them in order, and this
 * release gets a "What changed" page against the one before it; then the list page and the
 * Atom feed. Returns FAIL_NONE, or FAIL_DATA or FAIL_RUNTIME after diagnostics.
 */
enum failure site_releases_write(struct build *b);

#endif
