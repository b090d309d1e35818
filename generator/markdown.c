#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Exported by libcmark-gfm but declared only in its private registry.h. */
void cmark_release_plugins(void);

static int registered;

static bool seen_id(char **seen, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(seen[i], id) == 0)
			return true;
	return false;
}

/*
 * Add id="slug" to every <hN> that cmark wrote. Ids are unique within the page ("x", "x-2",
 * ...) and never "main" (the layout's). A heading with no usable text gets "section-N".
 */
static void add_heading_ids(const char *html, struct buf *out)
{
	const char *p = html;
	char **seen = NULL;
	size_t nseen = 0, cap = 0, sections = 0;

	xgrow((void **)&seen, &cap, 1, sizeof(*seen));
	seen[nseen++] = xstrdup("main");
	for (;;) {
		const char *h = strstr(p, "<h");
		const char *end, *close;
		struct buf text = BUF_INIT, id = BUF_INIT;
		char *slug;

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
		if (!slug[0])
			buf_printf(&id, "section-%zu", ++sections);
		else
			buf_puts(&id, slug);
		for (int k = 2; seen_id(seen, nseen, buf_str(&id)); k++) {
			buf_reset(&id);
			buf_printf(&id, "%s-%d", slug[0] ? slug : "section", k);
		}
		buf_add(out, p, (size_t)(h - p));
		buf_printf(out, "<h%c id=\"%s\">", h[2], buf_str(&id));
		xgrow((void **)&seen, &cap, nseen + 1, sizeof(*seen));
		seen[nseen++] = buf_detach(&id);
		free(slug);
		buf_release(&text);
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
