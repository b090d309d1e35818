/*
 * site.c - `washboard build` as a sequence of steps (see site.h):
 *
 *   lock OUT, fingerprint --> content, analysis, report --> templates, page list
 *     --> the release: not a rewrite of a published one, its history from OUT's archive
 *     --> OUT.tmp-XXXXXX: pages, data, figures (site_tasks), releases, assets, stamp
 *     --> the templates' unknown names --> publish (swap into place)
 */
#include "site.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis.h"
#include "content.h"
#include "pages.h"
#include "report.h"
#include "site_fingerprint.h"
#include "site_publish.h"
#include "site_releases.h"
#include "site_tasks.h"
#include "value.h"

/* What site_build() holds besides the build context, until its end. */
struct inputs {
	struct corpus *c;
	struct analysis *an;
	struct uncertainty *unc; /* NULL without the bootstrap */
	struct buf base;   /* the base URL; b->base_url points into it */
	char **page_names; /* the listing of content/pages */
	long npages;
	int lock;          /* the lock on OUT, -1 when not taken */
};

static void progress(const struct site_options *o, const char *stage)
{
	if (o->progress)
		fprintf(stderr, "\r\033[Kwashboard: %s", stage);
}

/*
 * Lock OUT and fingerprint the inputs into fp; st->up_to_date when OUT is already their
 * output and the build is not forced. Returns 0 or the exit code of the failure.
 */
static enum failure check_output(const struct site_options *o, struct inputs *in, char fp[33],
				 struct site_stats *st)
{
	if (site_lock(o->out, &in->lock, &st->restored) < 0)
		return FAIL_RUNTIME;
	if (site_fingerprint(o, o->base_url ? o->base_url : "", fp) < 0)
		return FAIL_DATA;
	if (!o->force && site_up_to_date(o->out, fp))
		st->up_to_date = true;
	return FAIL_NONE;
}

/* Load the content, run the analysis, build the report; then the base URL and release. */
static int load_report(struct build *b, struct inputs *in)
{
	const struct site_options *o = b->o;
	const char *version;

	progress(o, "loading content");
	in->c = content_load(o->content);
	if (!in->c)
		return -1;
	{
		struct analysis_options ao;
		analysis_options_resolve(in->c, o->analysis, &ao);
		in->an = analysis_run(in->c, NULL, &ao);
	}
	if (!in->an)
		return -1;
	if (o->uncertainty) {
		progress(o, "bootstrap");
		in->unc = uncertainty_run(in->an, o->uncertainty);
		if (!in->unc)
			return -1;
	}
	b->report = report_build(in->an, in->unc);
	/* the report holds copies of everything the pages need: what it was made from goes
	 * now, before the pages (at 10,000 models x 200 benchmarks, ~100 bytes a cell) */
	uncertainty_free(in->unc);
	analysis_free(in->an);
	content_free(in->c);
	in->unc = NULL;
	in->an = NULL;
	in->c = NULL;
	buf_puts(&in->base, o->base_url ? o->base_url : value_str(value_get(b->report, "site"), "base_url"));
	while (in->base.len && in->base.data[in->base.len - 1] == '/')
		in->base.data[--in->base.len] = '\0';
	b->base_url = buf_str(&in->base);
	if (!b->base_url[0]) {
		char *site = path_join(o->content, "site.json");
		diag_warning(site, 0, 0, "no base URL ('base_url' here, or build --base-url URL): the "
					 "cite boxes give addresses within the site and the BibTeX entries "
					 "have no URL (pass --base-url https://... for permalinks)");
		free(site);
	}
	version = o->release ? o->release : value_get_string(value_get(b->report, "site"), "version");
	b->release = slugify(version ? version : "unversioned");
	if (!b->release[0]) {
		free(b->release);
		b->release = xstrdup("unversioned");
	}
	/* the release is the version everywhere: footers, BibTeX, the feed, diff */
	if (version)
		value_set_string(value_get(b->report, "site"), "version", b->release);
	return 0;
}

/*
 * Check the cohort ids, load the templates and list the content pages (templates too), all
 * three whatever the others found, so that a run reports every problem at once.
 */
static int load_pages(struct build *b, struct inputs *in)
{
	int rc = pages_check_ids(b);
	rc |= pages_templates_load(&b->t, b->o->templates);
	rc |= pages_content_list(b, &in->page_names, &in->npages);
	return rc < 0 ? -1 : 0;
}

/* templates/assets/ as they are, into the site's assets/. */
static int copy_assets(struct build *b)
{
	char *assets = path_join(b->o->templates, "assets"), *dst = path_join(b->tmp, "assets");
	int r = path_is_dir(assets) ? site_copy_tree(assets, dst, &b->st->files) : 0;
	free(assets);
	free(dst);
	return r;
}

/*
 * Write the whole site into a new temporary directory b->tmp beside OUT: pages, data and
 * figures, the releases, the assets and last the stamp fp. Returns 0 or the exit code.
 */
static enum failure write_site(struct build *b, const char *fp)
{
	enum failure rc;

	b->tmp = site_tmp_create(b->o->out);
	if (!b->tmp)
		return FAIL_RUNTIME;
	progress(b->o, "pages, data and figures");
	pages_index_build(b);
	rc = site_tasks_run(b);
	if (rc != FAIL_NONE)
		return rc;
	rc = site_releases_write(b);
	if (rc != FAIL_NONE)
		return rc;
	if (copy_assets(b) < 0 || pages_write_file(b->tmp, SITE_STAMP_FILE, fp, 32) < 0)
		return FAIL_RUNTIME;
	return FAIL_NONE;
}

/* Free what the build made (b->tmp, if any, is already removed). */
static void release_build(struct build *b, struct inputs *in)
{
	pages_templates_release(&b->t);
	pages_index_release(b);
	names_free(in->page_names, in->npages);
	value_free(b->pages);
	value_free(b->rows);
	value_free(b->warnings);
	free(b->release);
	free(b->release_date);
	value_free(b->history);
	value_free(b->report);
	uncertainty_free(in->unc);
	analysis_free(in->an);
	content_free(in->c);
	free(b->tmp);
	buf_release(&in->base);
	if (in->lock >= 0)
		close(in->lock);
}

enum failure site_build(const struct site_options *o, struct site_stats *st)
{
	struct build b;
	struct inputs in = {NULL, NULL, NULL, BUF_INIT, NULL, 0, -1};
	enum failure rc;
	double t0 = clock_seconds();
	char fp[33];

	memset(&b, 0, sizeof(b));
	memset(st, 0, sizeof(*st));
	b.o = o;
	b.st = st;
	b.rows = value_object();
	b.warnings = value_object();
	rc = check_output(o, &in, fp, st);
	if (rc != FAIL_NONE || st->up_to_date)
		goto out;
	rc = FAIL_DATA;
	if (load_report(&b, &in) < 0 || load_pages(&b, &in) < 0)
		goto out;
	rc = site_releases_check(&b);
	if (rc == FAIL_NONE)
		rc = site_releases_history(&b);
	if (rc != FAIL_NONE)
		goto out;
	rc = write_site(&b, fp);
	{
		enum failure w = pages_report_warnings(&b); /* after every page, the workers' too */
		if (rc == FAIL_NONE)
			rc = w;
	}
	if (rc != FAIL_NONE)
		goto out;
	rc = FAIL_RUNTIME;
	progress(o, "publishing");
	if (interrupted() || site_publish(b.tmp, o->out) < 0)
		goto out;
	free(b.tmp);
	b.tmp = NULL;
	rc = FAIL_NONE;
out:
	if (o->progress)
		fprintf(stderr, "\r\033[K");
	if (b.tmp)
		site_remove_tree(b.tmp);
	st->seconds = clock_seconds() - t0;
	release_build(&b, &in);
	return rc;
}
