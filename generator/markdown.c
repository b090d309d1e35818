#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "value.h"

/* Exported by libcmark-gfm but declared only in its private registry.h. */
void cmark_release_plugins(void);

static int registered;

/*
 * cmark-gfm's memory for one page: a bump allocator over chunks kept from page to page. A
 * page's parse makes ~10^4 small nodes and lists that malloc would give and take back one
 * by one (a fifth of the Markdown step); here free is a no-op and the whole page's memory
 * is taken back at once, after the page (page_mem_reset()). realloc of the newest block
 * grows it in place (cmark's buffers grow while the block is the newest, mostly). The
 * chunks stay allocated, so their pages are faulted in once, not once per page (what made
 * cmark's own arena allocator slower than malloc). A page whose Markdown is larger than
 * PAGE_MEM_MAX_INPUT uses malloc, so that the memory one page holds stays bounded by what
 * it frees (a cohort index of 10^4 models); so do sanitizer builds (WB_NODE_POOL, buf.h).
 */
#define PAGE_MEM_CHUNK (1u << 20)
#define PAGE_MEM_MAX_INPUT (1u << 18)

struct mem_chunk {
	struct mem_chunk *next;
	size_t size, used; /* bytes of data[] */
	max_align_t data[];
};

/* the size of a block, in the 16 bytes before it */
struct mem_head {
	size_t size;
	size_t pad;
};

static struct mem_chunk *chunks, *current; /* all of them; the one being filled */
static char *newest;			   /* the last block given, for realloc in place */

/* The bytes a block of size takes in a chunk: its head and it, to 16 bytes. */
static size_t block_bytes(size_t size)
{
	return (sizeof(struct mem_head) + size + 15) & ~(size_t)15;
}

static void *page_alloc(size_t size)
{
	size_t need = block_bytes(size);
	struct mem_head *h;

	while (current && current->used + need > current->size)
		current = current->next;
	if (!current) {
		size_t cap = need > PAGE_MEM_CHUNK ? need : PAGE_MEM_CHUNK;
		struct mem_chunk *c = xmalloc(sizeof(*c) + cap);
		c->size = cap;
		c->used = 0;
		c->next = chunks;
		chunks = current = c;
	}
	h = (struct mem_head *)((char *)current->data + current->used);
	current->used += need;
	h->size = size;
	newest = (char *)(h + 1);
	return newest;
}

static void *page_calloc(size_t n, size_t size)
{
	void *p;
	if (size && n > SIZE_MAX / 4 / size)
		return xcalloc(n, size); /* never from a page's parse; reports the failure */
	p = page_alloc(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *page_realloc(void *p, size_t size)
{
	struct mem_head *h;
	char *q;

	if (size > SIZE_MAX / 4)
		return xrealloc(NULL, size); /* as in page_calloc() */
	if (!p)
		return page_alloc(size);
	h = (struct mem_head *)p - 1;
	if (p == newest) {
		size_t rest = current->used - block_bytes(h->size) + block_bytes(size);
		if (rest <= current->size) {
			current->used = rest;
			h->size = size;
			return p;
		}
	}
	q = page_alloc(size);
	memcpy(q, p, h->size < size ? h->size : size);
	return q;
}

static void page_free(void *p)
{
	(void)p; /* taken back with the page */
}

static cmark_mem page_mem = {page_calloc, page_realloc, page_free};

/* Take back the memory of the page just rendered (every chunk is kept for the next). */
static void page_mem_reset(void)
{
	for (struct mem_chunk *c = chunks; c; c = c->next)
		c->used = 0;
	current = chunks;
	newest = NULL;
}

static void page_mem_release(void)
{
	while (chunks) {
		struct mem_chunk *c = chunks;
		chunks = c->next;
		free(c);
	}
	current = NULL;
	newest = NULL;
}

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
	cmark_mem *mem = WB_NODE_POOL && len <= PAGE_MEM_MAX_INPUT ? &page_mem
								  : cmark_get_default_mem_allocator();
	cmark_parser *parser = NULL;
	cmark_node *doc = NULL;
	char *html = NULL;
	int rc = -1;

	if (!registered) {
		cmark_gfm_core_extensions_ensure_registered();
		registered = 1;
	}
	parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mem);
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
	html = cmark_render_html_with_mem(doc, CMARK_OPT_DEFAULT,
					  cmark_parser_get_syntax_extensions(parser), mem);
	add_heading_ids(html, out);
	rc = 0;
out:
	if (html)
		mem->free(html);
	if (doc)
		cmark_node_free(doc);
	if (parser)
		cmark_parser_free(parser);
	if (mem == &page_mem)
		page_mem_reset();
	return rc;
}

void markdown_shutdown(void)
{
	if (registered) {
		cmark_release_plugins();
		registered = 0;
	}
	page_mem_release();
}
