/* mustache_render.c - rendering compiled Mustache templates over a value tree, and the
 * escapers of the two output languages (see mustache.h). */
#include "mustache.h"
#include "mustache_tree.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- render */

/* Render recursion (sections, partials, blocks) deeper than this is refused, which keeps
 * the C stack small whatever the templates do. */
#define RENDER_MAX_LEVEL 1000

struct binding {
	const char *name;	  /* block name */
	const struct node *block; /* the argument block that overrides it */
};

struct cached {
	char *name;	    /* partial name, owned */
	struct mustache *m; /* owned; NULL when the partial does not exist */
};

struct render {
	const struct mustache_options *opt;
	struct buf *out;
	size_t out_start;  /* out->len when the render started */
	size_t max_output; /* bytes the render may append */
	struct buf *err;
	const struct value **ctx; /* context stack, top last */
	size_t nctx, ctx_cap;
	struct binding *env; /* block overrides; the first binding of a name wins */
	size_t nenv, env_cap;
	struct cached *cache; /* partials compiled during this render */
	size_t ncache, cache_cap;
	struct buf indent;	  /* indentation prepended to each template line */
	bool bol;		  /* the output is at the start of a template line */
	int depth;		  /* partials, parents and overridden blocks being expanded */
	int level;		  /* render_nodes() recursion */
	unsigned long steps;	  /* nodes rendered so far, against MUSTACHE_MAX_STEPS */
	const struct node *outer; /* outermost partial or parent tag being expanded */
	const struct node **warned; /* open addressing: the tags reported to opt->unknown */
	size_t nwarned, warned_cap; /* warned_cap is 0 or a power of two above 2 * nwarned */
};

static void render_error(struct render *r, const struct node *nd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void render_error(struct render *r, const struct node *nd, const char *fmt, ...)
{
	va_list ap;

	if (nd->owner->name && r->outer)
		buf_printf(r->err, "%u:%u: in partial '%s': ", r->outer->line, r->outer->col,
			   nd->owner->name);
	buf_printf(r->err, "%u:%u: ", nd->line, nd->col);
	va_start(ap, fmt);
	buf_vprintf(r->err, fmt, ap);
	va_end(ap);
}

static void push_ctx(struct render *r, const struct value *v)
{
	xgrow((void **)&r->ctx, &r->ctx_cap, r->nctx + 1, sizeof(const struct value *));
	r->ctx[r->nctx++] = v;
}

static const struct value *lookup(const struct render *r, const struct node *nd)
{
	const struct value *v = NULL;
	const char *part = nd->name, *key;
	size_t i, k;

	if (nd->nparts == 0)
		return r->nctx ? r->ctx[r->nctx - 1] : NULL;
	key = value_key(part); /* hashed once for every context it is looked for in */
	for (i = r->nctx; key && i-- > 0;) {
		if ((v = value_get_key(r->ctx[i], key)))
			break;
	}
	for (k = 1; v && k < nd->nparts; k++) {
		part += strlen(part) + 1;
		v = value_get(v, part);
	}
	return v;
}

/* Has tag nd been reported as unknown in this render? Records it when not. */
static bool warned_before(struct render *r, const struct node *nd)
{
	size_t mask, i;

	if (2 * (r->nwarned + 1) >= r->warned_cap) {
		size_t cap = r->warned_cap ? 2 * r->warned_cap : 16;
		const struct node **t = xcalloc(cap, sizeof(const struct node *));
		for (size_t k = 0; k < r->warned_cap; k++) {
			if (!r->warned[k])
				continue;
			for (i = ((uintptr_t)r->warned[k] >> 4) & (cap - 1); t[i]; i = (i + 1) & (cap - 1))
				;
			t[i] = r->warned[k];
		}
		free(r->warned);
		r->warned = t;
		r->warned_cap = cap;
	}
	mask = r->warned_cap - 1;
	for (i = ((uintptr_t)nd >> 4) & mask; r->warned[i]; i = (i + 1) & mask)
		if (r->warned[i] == nd)
			return true;
	r->warned[i] = nd;
	r->nwarned++;
	return false;
}

/* An interpolation of a name that resolves to nothing: tell opt->unknown, once per tag. */
static void report_unknown(struct render *r, const struct node *nd)
{
	struct buf name = BUF_INIT;
	const char *part = nd->name;

	if (!r->opt || !r->opt->unknown || nd->nparts == 0 || warned_before(r, nd))
		return;
	for (size_t k = 0; k < nd->nparts; k++) {
		buf_printf(&name, "%s%s", k ? "." : "", part);
		part += strlen(part) + 1;
	}
	r->opt->unknown(r->opt->ud, nd->owner->name, nd->line, nd->col, buf_str(&name));
	buf_release(&name);
}

static bool truthy(const struct value *v)
{
	if (!v)
		return false;
	switch (v->kind) {
	case VALUE_NULL:
		return false;
	case VALUE_BOOL:
		return v->boolean;
	case VALUE_STRING:
		return v->len > 0;
	case VALUE_ARRAY:
		return v->n > 0;
	default:
		return true;
	}
}

static void emit_text(struct render *r, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (r->bol && r->indent.len)
		buf_add(r->out, r->indent.data, r->indent.len);
	buf_add(r->out, s, n);
	r->bol = s[n - 1] == '\n';
}

static void emit_value(struct render *r, const struct value *v,
		       void (*escape)(struct buf *, const char *, size_t))
{
	struct buf tmp = BUF_INIT;
	const char *s = NULL;
	size_t n = 0;

	if (!v)
		return;
	switch (v->kind) {
	case VALUE_NULL:
		break;
	case VALUE_BOOL:
		s = v->boolean ? "true" : "false";
		n = strlen(s);
		break;
	case VALUE_NUMBER:
		s = value_number_text(v);
		n = strlen(s);
		break;
	case VALUE_STRING:
		s = v->string;
		n = v->len;
		break;
	case VALUE_ARRAY:
	case VALUE_OBJECT:
		value_write_json(&tmp, v, 0);
		s = tmp.data;
		n = tmp.len;
		break;
	}
	if (n) {
		if (r->bol && r->indent.len)
			buf_add(r->out, r->indent.data, r->indent.len);
		r->bol = false;
		if (escape)
			escape(r->out, s, n);
		else
			buf_add(r->out, s, n);
	}
	buf_release(&tmp);
}

static int render_nodes(struct render *r, const struct node *kids, size_t n);

/* The compiled partial called nd->name (NULL in *m when there is none). */
static int get_partial(struct render *r, const struct node *nd, const struct mustache **m)
{
	struct buf e = BUF_INIT;
	struct cached *slot;
	const char *text = NULL;
	size_t i, len = 0;
	int ret = -1;

	for (i = 0; i < r->ncache; i++) {
		if (strcmp(r->cache[i].name, nd->name) == 0) {
			*m = r->cache[i].m;
			ret = 0;
			goto out;
		}
	}
	if (r->opt && r->opt->partial)
		text = r->opt->partial(r->opt->ud, nd->name, &len);
	xgrow((void **)&r->cache, &r->cache_cap, r->ncache + 1, sizeof(*r->cache));
	slot = &r->cache[r->ncache];
	slot->m = NULL;
	if (text) {
		slot->m = mustache_compile_named(text, len, nd->name, &e);
		if (!slot->m) {
			const struct node *at = r->outer ? r->outer : nd;
			const char *first = buf_str(&e), *nl = strchr(first, '\n');
			/* a render reports one error: the partial's first */
			buf_printf(r->err, "%u:%u: in partial '%s': %.*s", at->line, at->col,
				   nd->name, nl ? (int)(nl - first) : (int)strlen(first), first);
			goto out;
		}
	}
	slot->name = xstrdup(nd->name);
	r->ncache++;
	*m = slot->m;
	ret = 0;
out:
	buf_release(&e);
	return ret;
}

/* Expand a partial or parent tag; a parent's argument blocks override the parent's. */
static int render_partial(struct render *r, const struct node *nd)
{
	const struct mustache *m = NULL;
	size_t mark_env = r->nenv, mark_ind = r->indent.len, i;
	int ret = -1;

	if (r->depth >= MUSTACHE_MAX_PARTIAL_DEPTH) {
		render_error(r, nd,
			     "partials nested more than %d deep (is partial '%s' recursive?)",
			     MUSTACHE_MAX_PARTIAL_DEPTH, nd->name);
		goto out;
	}
	if (get_partial(r, nd, &m) < 0)
		goto out;
	if (!m) {
		ret = 0;
		goto out;
	}
	if (nd->kind == N_PARENT) {
		for (i = 0; i < nd->nkids; i++) {
			xgrow((void **)&r->env, &r->env_cap, r->nenv + 1, sizeof(*r->env));
			r->env[r->nenv].name = nd->kids[i].name;
			r->env[r->nenv].block = &nd->kids[i];
			r->nenv++;
		}
	}
	if (nd->ind_len)
		buf_add(&r->indent, nd->ind, nd->ind_len);
	if (r->depth++ == 0)
		r->outer = nd;
	ret = render_nodes(r, m->root.kids, m->root.nkids);
	if (--r->depth == 0)
		r->outer = NULL;
out:
	r->nenv = mark_env;
	r->indent.len = mark_ind;
	if (r->indent.data)
		r->indent.data[mark_ind] = '\0';
	return ret;
}

static int render_block(struct render *r, const struct node *nd)
{
	const struct node *body = nd;
	size_t mark_ind = r->indent.len, i;
	bool overridden = false;
	int ret = -1;

	for (i = 0; i < r->nenv; i++) {
		if (strcmp(r->env[i].name, nd->name) == 0) {
			body = r->env[i].block;
			overridden = true;
			break;
		}
	}
	if (overridden && r->depth >= MUSTACHE_MAX_PARTIAL_DEPTH) {
		render_error(r, nd, "blocks nested more than %d deep (is block '%s' recursive?)",
			     MUSTACHE_MAX_PARTIAL_DEPTH, nd->name);
		goto out;
	}
	if (nd->indent_body && nd->ind_len)
		buf_add(&r->indent, nd->ind, nd->ind_len);
	r->depth += overridden;
	ret = render_nodes(r, body->kids, body->nkids);
	r->depth -= overridden;
out:
	r->indent.len = mark_ind;
	if (r->indent.data)
		r->indent.data[mark_ind] = '\0';
	return ret;
}

static int render_section(struct render *r, const struct node *nd)
{
	const struct value *v = lookup(r, nd);
	size_t i;
	int ret = 0;

	if (nd->kind == N_INVERTED) {
		if (!truthy(v))
			ret = render_nodes(r, nd->kids, nd->nkids);
		goto out;
	}
	if (!truthy(v))
		goto out;
	if (v->kind == VALUE_ARRAY) {
		for (i = 0; i < v->n && ret == 0; i++) {
			push_ctx(r, v->items[i]);
			ret = render_nodes(r, nd->kids, nd->nkids);
			r->nctx--;
		}
		goto out;
	}
	push_ctx(r, v);
	ret = render_nodes(r, nd->kids, nd->nkids);
	r->nctx--;
out:
	return ret;
}

static int render_nodes(struct render *r, const struct node *kids, size_t n)
{
	size_t i;
	int ret = -1;

	r->level++;
	/* nested sections over lists multiply: cap the work even when nothing is output */
	r->steps += 1 + n; /* empty bodies count too; the next non-empty list reports it */
	if (n && r->steps > MUSTACHE_MAX_STEPS) {
		render_error(r, &kids[0],
			     "template does too much work (more than %lu steps: nested sections "
			     "over long lists?)",
			     (unsigned long)MUSTACHE_MAX_STEPS);
		goto out;
	}
	if (n && r->level > RENDER_MAX_LEVEL) {
		render_error(r, &kids[0], "templates nested more than %d deep", RENDER_MAX_LEVEL);
		goto out;
	}
	for (i = 0; i < n; i++) {
		const struct node *nd = &kids[i];

		if (r->out->len - r->out_start > r->max_output) {
			render_error(r, nd, "output larger than %zu bytes (runaway partials?)",
				     r->max_output);
			goto out;
		}

		switch (nd->kind) {
		case N_TEXT:
			emit_text(r, nd->text, nd->len);
			break;
		case N_VAR:
		case N_RAW: {
			const struct value *v = lookup(r, nd);
			if (!v)
				report_unknown(r, nd);
			emit_value(r, v, nd->kind == N_VAR && r->opt ? r->opt->escape : NULL);
			break;
		}
		case N_SECTION:
		case N_INVERTED:
			if (render_section(r, nd) < 0)
				goto out;
			break;
		case N_PARTIAL:
		case N_PARENT:
			if (render_partial(r, nd) < 0)
				goto out;
			break;
		case N_BLOCK:
			if (render_block(r, nd) < 0)
				goto out;
			break;
		}
	}
	ret = 0;
out:
	r->level--;
	return ret;
}

int mustache_render_compiled(const struct mustache *m, const struct value *ctx,
			     const struct mustache_options *opt, struct buf *out, struct buf *err)
{
	struct render r = {.opt = opt};
	size_t i;
	int ret;

	r.out = out;
	r.out_start = out->len;
	r.max_output = opt && opt->max_output ? opt->max_output : MUSTACHE_MAX_OUTPUT;
	r.err = err;
	r.bol = true;
	if (ctx)
		push_ctx(&r, ctx);
	ret = render_nodes(&r, m->root.kids, m->root.nkids);
	if (ret < 0) {
		out->len = r.out_start;
		if (out->data)
			out->data[out->len] = '\0';
	}
	for (i = 0; i < r.ncache; i++) {
		free(r.cache[i].name);
		mustache_free(r.cache[i].m);
	}
	free(r.cache);
	free(r.ctx);
	free(r.env);
	free(r.warned);
	buf_release(&r.indent);
	return ret;
}

int mustache_render(const char *tmpl, size_t len, const struct value *ctx,
		    const struct mustache_options *opt, struct buf *out, struct buf *err)
{
	struct mustache *m = mustache_compile(tmpl, len, err);
	int ret = -1;

	if (!m)
		goto out;
	ret = mustache_render_compiled(m, ctx, opt, out, err);
out:
	mustache_free(m);
	return ret;
}

/* ---------------------------------------------------------------- escapers */

void mustache_escape_html(struct buf *out, const char *s, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		buf_add(out, s + run, i - run);
		buf_puts(out, rep);
		run = i + 1;
	}
	buf_add(out, s + run, n - run);
}

static bool ascii_punct(unsigned char c)
{
	return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) ||
	       (c >= 123 && c <= 126);
}

static bool ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/*
 * Must punctuation s[i], of a value of n bytes, be escaped? CommonMark lets any ASCII
 * punctuation be backslash-escaped and then shows it literally, so escaping all of it is
 * safe against every construct, including GFM extensions (tables split cells at unescaped
 * pipes, autolinks start at "www." or "x:"). A few are inert where they are left alone:
 * '%' and ',' mean nothing anywhere; '-' and '+' before a letter or digit (-0.12, Llama-2)
 * make no list marker (that wants a space or the line's end after it) and no thematic
 * break, setext underline or table delimiter row (those are lines of marks alone); '.'
 * between two digits (2.46) makes no list marker either, and no "www.". Leaving those out
 * removes nine in ten escapes of a typical page, which cmark-gfm then reads faster.
 */
static bool escape_punct(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	if (c == '%' || c == ',')
		return false;
	if (c == '-' || c == '+')
		return !(i + 1 < n && ascii_alnum((unsigned char)s[i + 1]));
	if (c == '.')
		return !(i > 0 && i + 1 < n && s[i - 1] >= '0' && s[i - 1] <= '9' &&
			 s[i + 1] >= '0' && s[i + 1] <= '9');
	return true;
}

void mustache_escape_markdown(struct buf *out, const char *s, size_t n)
{
	size_t i, run = 0; /* s[run..i) is copied as it is */

	buf_grow(out, n + n / 4);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool control = c < 0x20 || c == 0x7f;
		if (!control && !(ascii_punct(c) && escape_punct(s, n, i)))
			continue;
		buf_add(out, s + run, i - run);
		if (control) {
			buf_putc(out, ' ');
			run = i + 1;
		} else {
			buf_putc(out, '\\');
			run = i; /* the character itself comes with the next run */
		}
	}
	buf_add(out, s + run, n - run);
}
