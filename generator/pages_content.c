/* pages_content.c - the prose pages: content/pages/NAME.md, rendered as templates. */
#include "pages.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mustache.h"
#include "util.h"

/* Content pages: content/pages/NAME.md, themselves Mustache templates over the site view. */
int pages_content_list(struct build *b, char ***names, long *n)
{
	char *dir = path_join(b->o->content, "pages");
	const struct value *cohorts = value_get(b->report, "cohorts");
	int rc = 0;

	*names = NULL;
	*n = 0;
	b->pages = value_array();
	if (!path_is_dir(dir)) {
		free(dir);
		return 0;
	}
	*n = dir_list(dir, true, names);
	if (*n < 0) {
		*n = 0;
		free(dir);
		return -1;
	}
	for (long i = 0; i < *n; i++) {
		char *p = path_join(dir, (*names)[i]), *text = NULL, *stem;
		struct value *e;
		struct buf title = BUF_INIT, href = BUF_INIT;
		size_t len;
		bool bad = false;

		if (!ends_with((*names)[i], ".md")) {
			diag_warning(p, 0, 0, "not a .md file (ignored)");
			free(p);
			continue;
		}
		stem = xstrndup((*names)[i], strlen((*names)[i]) - 3);
		for (int r = 0; pages_reserved_names[r]; r++)
			bad |= strcmp(stem, pages_reserved_names[r]) == 0;
		for (size_t c = 0; cohorts && c < cohorts->n; c++)
			bad |= strcmp(stem, value_str(cohorts->items[c], "id")) == 0;
		if (!is_slug(stem) || bad) {
			diag_error(p, 0, 0, "page name '%s' is not an identifier or is reserved (index, "
					    "data, figures, assets, releases, feed and cohort ids)",
				   stem);
			rc = -1;
		} else if (file_read(p, &text, &len) == 0) {
			const char *h = strstr(text, "# ");
			/* a page is a template too: its errors are reported with the others' */
			struct mustache *m = pages_compile_checked(&b->t, p, text, len, ".md");
			if (!m)
				rc = -1;
			mustache_free(m);
			if (h && (h == text || h[-1] == '\n')) {
				const char *end = strchr(h, '\n');
				buf_add(&title, h + 2, end ? (size_t)(end - h - 2) : strlen(h + 2));
			} else {
				buf_puts(&title, stem);
			}
			buf_printf(&href, "%s.html", stem);
			e = value_push(b->pages, value_object());
			value_set_string(e, "name", stem);
			value_set_string(e, "title", buf_str(&title));
			value_set_string(e, "href", buf_str(&href));
			value_set_string(e, "file", p);
			b->has_methodology |= strcmp(stem, "methodology") == 0;
		} else {
			rc = -1;
		}
		buf_release(&title);
		buf_release(&href);
		free(text);
		free(stem);
		free(p);
	}
	free(dir);
	return rc;
}

/*
 * v.missing_data: what the build did about missing data, for prose that reads right either
 * way: impute (some cohort has an imputation), reduced (some model a reduced score).
 */
static void missing_data_view(struct build *b, struct value *v)
{
	struct value *d = value_set(v, "missing_data", value_object());
	bool impute = false, reduced = false;

	for (size_t c = 0; c < b->nix; c++) {
		impute |= value_get(value_get(b->ix[c].co, "capability"), "imputation") != NULL;
		for (size_t i = 0; i < b->ix[c].models.n && !reduced; i++)
			reduced = strcmp(value_str(b->ix[c].models.items[i], "capability_score_basis"),
					 "reduced") == 0;
	}
	value_set_bool(d, "impute", impute);
	value_set_bool(d, "reduced", reduced);
}

int pages_write_content(struct build *b, const struct value *entry)
{
	const char *file = value_str(entry, "file");
	char *text = NULL;
	size_t len;
	struct buf md = BUF_INIT, err = BUF_INIT;
	struct partial_lookup parts = {&b->t, ".md", NULL, file, value_str(entry, "href"),
				       b->warnings};
	struct mustache_options mo = {mustache_escape_markdown, pages_find_partial, &parts, 0,
				      pages_unknown_name};
	struct value *v = pages_view(b, value_str(entry, "href"), value_str(entry, "title")), *p;
	const struct value *cohorts = value_get(b->report, "cohorts");
	struct value *list;
	int rc = -1;

	list = value_set(v, "cohorts", value_array());
	for (size_t i = 0; cohorts && i < cohorts->n; i++)
		value_push(list, pages_cohort_summary(b, cohorts->items[i]));
	missing_data_view(b, v);
	if (file_read(file, &text, &len) < 0)
		goto out;
	if (mustache_render(text, len, v, &mo, &md, &err) < 0) {
		diag_error(NULL, 0, 0, "%s:%s", file, buf_str(&err));
		goto out;
	}
	if (pages_check_partials(&parts, NULL, file) < 0)
		goto out;
	p = value_set(v, "page", value_object());
	value_set_string(p, "name", value_str(entry, "name"));
	value_set_string(p, "markdown", buf_str(&md));
	rc = pages_render(b, PAGE_PAGE, v);
	v = NULL;
out:
	value_free(v);
	free(text);
	buf_release(&md);
	buf_release(&err);
	return rc;
}
