#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Exported by libcmark-gfm but declared only in its private registry.h. */
void cmark_release_plugins(void);

static int registered;

/* Add id="slug" to every <hN> that cmark wrote; ids are unique within one document. */
static void add_heading_ids(const char *html, struct buf *out)
{
	const char *p = html;
	char **seen = NULL;
	size_t nseen = 0, cap = 0;

	for (;;) {
		const char *h = strstr(p, "<h");
		const char *end, *close;
		struct buf text = BUF_INIT;
		char *slug;
		int dup = 0;

		if (!h || !(h[2] >= '1' && h[2] <= '6') || h[3] != '>') {
			if (!h) {
				buf_puts(out, p);
				break;
			}
			buf_add(out, p, (size_t)(h - p) + 2);
			p = h + 2;
			continue;
		}
		close = strstr(h, "</h");
		if (!close) {
			buf_puts(out, p);
			break;
		}
		/* the heading's text without tags, then a slug of it */
		for (end = h + 4; end < close; end++) {
			if (*end == '<') {
				while (end < close && *end != '>')
					end++;
				continue;
			}
			buf_putc(&text, *end);
		}
		slug = slugify(buf_str(&text));
		buf_release(&text);
		for (size_t i = 0; i < nseen; i++)
			if (strcmp(seen[i], slug) == 0)
				dup++;
		buf_add(out, p, (size_t)(h - p));
		if (slug[0]) {
			buf_printf(out, "<h%c id=\"%s", h[2], slug);
			if (dup)
				buf_printf(out, "-%d", dup + 1);
			buf_puts(out, "\">");
		} else {
			buf_add(out, h, 4);
		}
		xgrow((void **)&seen, &cap, nseen + 1, sizeof(*seen));
		seen[nseen++] = slug;
		p = h + 4;
	}
	for (size_t i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
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
