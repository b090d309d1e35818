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
 * ("unversioned" when neither gives one); rebuilding a version replaces its report and
 * keeps its date. The date is SOURCE_DATE_EPOCH (reproducible builds), else the epoch.
 * Earlier releases come from the previous site in OUT: a build into a new directory starts
 * a new list.
 *
 * Internal to the site: site*.c include this header.
 */
#ifndef WB_SITE_RELEASES_H
#define WB_SITE_RELEASES_H

#include "util.h"

struct build;

/**
 * Record this build as a release: the previous site's releases/ are kept, this report goes
 * to releases/<version>/report.json, releases/index.json lists them in order, and this
 * release gets a "What changed" page against the one before it; then the list page and the
 * Atom feed. Returns FAIL_NONE, or FAIL_DATA or FAIL_RUNTIME after diagnostics.
 */
enum failure site_releases_write(struct build *b);

#endif
