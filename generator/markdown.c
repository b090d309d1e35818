#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "value.h"

/* Exported by libcmark-gfm but declared only in its private registry.h. */
void cmark_release_plugins(void);

static int registered;

/*
 * Add id="slug" to every <hN> that cmark wrote. Ids are unique within the page ("x", "x-2",
 * ...) and never "main" (the layout's). A heading with no usable text gets "section-N".
 * Linear in the page: a set of the ids given, and the next suffix to try per base.
 */
static void add_heading_ids(const char *html, struct buf *out)
{
	const char *p = html;
	struct strset seen = {NULL, 0, 0}; /* the ids given so far */
	struct value *next = value_object(); /* base slug -> next suffix to try */
	size_t sections = 0;

	strset_intern(&seen, "main", true);
	for (;;) {
		const char *h = strstr(p, "<h");
		const char *end, *close;
		struct buf text = BUF_INIT, id = BUF_INIT;
		char *slug;
		struct value *k;
		double suffix;

		if (!h) {
			buf_puts(out, p);
			break;
		}
		if (!(h[2] >= '1' && h[2] <= '6') || h[3] != '>') {
			buf_add(out, p, (size_t)(h - p) + 2);
			p = h + 2;
			continue;
		}
		close = strstr(h, "</h");
		if (!close) {
			buf_puts(out, p);
			break;
		}
		/* the heading's text without tags and entities, then a slug of it */
		for (end = h + 4; end < close; end++) {
			if (*end == '<' || *end == '&') {
				char stop = *end == '<' ? '>' : ';';
				while (end < close && *end != stop)
					end++;
				buf_putc(&text, ' ');
				continue;
			}
			buf_putc(&text, *end);
		}
		slug = slugify(buf_str(&text));
		if (!slug[0]) {
			free(slug);
			slug = xstrdup("section");
			buf_printf(&id, "section-%zu", ++sections);
		} else {
			buf_puts(&id, slug);
		}
		k = value_get(next, slug);
		suffix = k ? k->number : 2;
		while (strset_intern(&seen, buf_str(&id), false)) {
			buf_reset(&id);
			buf_printf(&id, "%s-%.0f", slug, suffix++);
		}
		value_set_number(next, slug, suffix);
		buf_add(out, p, (size_t)(h - p));
		buf_printf(out, "<h%c id=\"%s\">", h[2], buf_str(&id));
		strset_intern(&seen, buf_str(&id), true);
		buf_release(&id);
		free(slug);
		buf_release(&text);
		p = h + 4;
	}
	strset_release(&seen);
	value_free(next);
}

int markdown_to_html(const char *md, size_t len, struct buf *out)
{
	static const char *const exts[] = {"table", "autolink", "strikethrough"};
	cmark_parser *parser = NULL;
	cmark_node *doc = NULL;
	char *html = NULL;
	int rc = -1;

	if (!registered) {
		cmark_gfm_core_extensions_ensure_registered();
		registered = 1;
	}
	parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (!e) {
			diag_error(NULL, 0, 0, "cmark-gfm has no '%s' extension (install "
					       "libcmark-gfm-extensions)",
				   exts[i]);
			goto out;
		}
		cmark_parser_attach_syntax_extension(parser, e);
	}
	cmark_parser_feed(parser, md, len);
	doc = cmark_parser_finish(parser);
	/* CMARK_OPT_DEFAULT is safe mode: raw HTML is replaced by a comment, bad URLs dropped */
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser));
	add_heading_ids(html, out);
	rc = 0;
out:
	free(html);
	if (doc)
		cmark_node_free(doc);
	if (parser)
		cmark_parser_free(parser);
	return rc;
}

void markdown_shutdown(void)
{
	if (registered) {
		cmark_release_plugins();
		registered = 0;
	}
}
