/*
 * markdown.h - Markdown to HTML with cmark-gfm (the only module that sees cmark types).
 *
 * GitHub-flavoured: tables, autolinks, strikethrough. Always safe mode: raw HTML in the
 * input is omitted and javascript:/vbscript:/file:/data: links are dropped, so nothing from
 * content can inject markup beyond a link (an e-mail address in a value still becomes a
 * mailto: link: see mustache_escape_markdown()). Headings get id attributes (slugs of their
 * text) so pages can link to sections.
 */
#ifndef WB_MARKDOWN_H
#define WB_MARKDOWN_H

#include <stddef.h>

#include "buf.h"

/**
 * Append the HTML rendering of len bytes of Markdown to out. Returns 0, or -1 after one
 * diagnostic when cmark-gfm fails (its GFM extensions missing).
 */
int markdown_to_html(const char *md, size_t len, struct buf *out);

/** Release cmark-gfm's global plugin registry; call once at exit (optional). */
void markdown_shutdown(void);

#endif
