/* mustache.c - compiling Mustache templates into node trees (mustache_tree.h), in passes. */
#include "mustache.h"
#include "mustache_tree.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Compilation runs in passes over a flat token array, because the standalone-line rules
 * need to see a whole line (and, for parents and blocks, the matching tag) before deciding
 * what a piece of whitespace belongs to:
 *   1. tokenize: text (split after each newline) and tags, applying set-delimiter tags;
 *   2. nest: match opening and closing tags (syntax errors), and mark the tokens inside a
 *      parent but outside its blocks, which the inheritance spec says to ignore;
 *   3. standalone: drop the whitespace of standalone lines and record indentation;
 *   4. build the node tree;
 *   5. dedent: remove each block's own indentation from the lines of its body, so that the
 *      body can be re-indented wherever it is expanded.
 */

enum tok_kind {
	TK_TEXT,
	TK_VAR,	     /* {{name}} */
	TK_RAW,	     /* {{{name}}} or {{&name}} */
	TK_SECTION,  /* {{#name}} */
	TK_INVERTED, /* {{^name}} */
	TK_CLOSE,    /* {{/name}} */
	TK_COMMENT,  /* {{! ...}} */
	TK_DELIM,    /* {{=a b=}} */
	TK_PARTIAL,  /* {{>name}} */
	TK_PARENT,   /* {{<name}} */
	TK_BLOCK,    /* {{$name}} */
};

struct token {
	enum tok_kind kind;
	const char *s;	 /* TK_TEXT: the text; tags: the name (trimmed) */
	size_t len;	 /* bytes at s */
	const char *tag; /* tags: where the opening delimiter starts */
	unsigned line;	 /* 1-based position of the tag or text */
	unsigned col;	 /* 1-based, in UTF-8 characters */
	size_t match;	 /* openers: index of the closing tag; TK_CLOSE: index of the opener */
	size_t ind_len;	 /* standalone partial/parent/block: bytes of indentation at ind */
	const char *ind; /* indentation (whitespace inside the source), or NULL */
	bool ws;	 /* TK_TEXT: only blanks, apart from a final line end */
	bool eol;	 /* TK_TEXT: ends with "\n" (ends its line) */
	bool dropped;	 /* whitespace removed by a standalone rule */
	bool ignored;	 /* inside a parent but outside its blocks: not rendered */
	bool arg;	 /* TK_BLOCK (or its TK_CLOSE) directly inside a parent: an argument */
	bool standalone; /* the tag stands alone on its line (or, for parents, the pair does) */
	bool pair;	 /* parameter block whose opening and closing tags clear the line */
};

struct compiler {
	const char *src;
	size_t len;
	struct token *toks;
	size_t ntoks, cap;
	struct buf *err;
	unsigned nerrors; /* syntax errors found so far (at most MUSTACHE_MAX_ERRORS written) */
	/* cursor for line/column tracking; tokens are produced in source order */
	size_t cur;	      /* offset reached */
	unsigned cur_line;    /* line at cur */
	size_t cur_linestart; /* offset where that line starts */
};

/* ---------------------------------------------------------------- helpers */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static const char *find(const char *s, size_t n, const char *pat, size_t m)
{
	size_t i;

	if (m == 0 || m > n)
		return NULL;
	for (i = 0; i + m <= n; i++)
		if (s[i] == pat[0] && memcmp(s + i, pat, m) == 0)
			return s + i;
	return NULL;
}

/* Line and column of offset off; offsets must not go backwards between calls. */
static void position(struct compiler *c, size_t off, unsigned *line, unsigned *col)
{
	size_t i;
	unsigned n = 1;

	for (; c->cur < off && c->cur < c->len; c->cur++) {
		if (c->src[c->cur] == '\n') {
			c->cur_line++;
			c->cur_linestart = c->cur + 1;
		}
	}
	for (i = c->cur_linestart; i < off; i++)
		if (((unsigned char)c->src[i] & 0xC0) != 0x80)
			n++;
	*line = c->cur_line;
	*col = n;
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_space(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_space((*s)[*n - 1]))
		(*n)--;
}

static const char *kind_word(enum tok_kind k)
{
	switch (k) {
	case TK_INVERTED:
		return "inverted section";
	case TK_PARENT:
		return "parent";
	case TK_BLOCK:
		return "block";
	default:
		return "section";
	}
}

/*
 * A syntax error at line:col: appended to c->err on a line of its own (the first without a
 * newline before it), up to MUSTACHE_MAX_ERRORS; compilation goes on to find the others.
 */
static void syntax_error(struct compiler *c, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void syntax_error(struct compiler *c, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	if (c->nerrors++ >= MUSTACHE_MAX_ERRORS)
		return;
	if (c->nerrors > 1)
		buf_putc(c->err, '\n');
	buf_printf(c->err, "%u:%u: ", line, col);
	va_start(ap, fmt);
	buf_vprintf(c->err, fmt, ap);
	va_end(ap);
}

static struct token *add_token(struct compiler *c, enum tok_kind kind)
{
	struct token *t;

	xgrow((void **)&c->toks, &c->cap, c->ntoks + 1, sizeof(*c->toks));
	t = &c->toks[c->ntoks++];
	*t = (struct token){.kind = kind};
	return t;
}

/* ---------------------------------------------------------------- pass 1: tokenize */

static void add_text(struct compiler *c, const char *s, size_t n)
{
	while (n) {
		const char *nl = memchr(s, '\n', n);
		size_t seg = nl ? (size_t)(nl - s) + 1 : n;
		size_t body = seg, i;
		struct token *t = add_token(c, TK_TEXT);

		t->s = s;
		t->len = seg;
		t->eol = nl != NULL;
		if (t->eol) {
			body--;
			if (body && s[body - 1] == '\r')
				body--;
		}
		t->ws = true;
		for (i = 0; i < body; i++)
			if (!is_blank(s[i]))
				t->ws = false;
		position(c, (size_t)(s - c->src), &t->line, &t->col);
		s += seg;
		n -= seg;
	}
}

/* Where close (preceded by the byte lead, when lead is not NUL) occurs in [p, end). */
static const char *find_close(const char *p, const char *end, char lead, const char *close,
			      size_t clen)
{
	const char *q = p;

	for (;;) {
		const char *k = find(q, (size_t)(end - q), close, clen);
		if (!k)
			return NULL;
		if (!lead)
			return k;
		if (k > p && k[-1] == lead)
			return k - 1;
		q = k + 1;
	}
}

static bool valid_name(enum tok_kind kind, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (is_space(s[i]) || s[i] == '\0') /* a NUL would cut the name short */
			return false;
	if (kind != TK_VAR && kind != TK_RAW && kind != TK_SECTION && kind != TK_INVERTED &&
	    kind != TK_CLOSE)
		return true;
	if (n == 1 && s[0] == '.')
		return true;
	if (s[0] == '.' || s[n - 1] == '.')
		return false;
	for (i = 0; i + 1 < n; i++)
		if (s[i] == '.' && s[i + 1] == '.')
			return false;
	return true;
}

/* The kind of the tag whose text starts at *q (after the opening delimiter), and the
 * character that must precede its closing delimiter ('}' for {{{x}}}, '=' for {{=a b=}});
 * *q moves past the sigil. */
static enum tok_kind tag_kind(const char **q, const char *end, char *lead)
{
	static const char sigils[] = "{&#^/!=><$";
	static const enum tok_kind kinds[] = {TK_RAW,	  TK_RAW,     TK_SECTION, TK_INVERTED,
					      TK_CLOSE,	  TK_COMMENT, TK_DELIM,	  TK_PARTIAL,
					      TK_PARENT, TK_BLOCK};
	const char *at = *q < end && **q ? strchr(sigils, **q) : NULL;

	*lead = '\0';
	if (!at)
		return TK_VAR;
	*lead = (char)(**q == '{' ? '}' : **q == '=' ? '=' : '\0');
	(*q)++;
	return kinds[at - sigils];
}

/* A set-delimiter tag's text name[0..nlen) into the new delimiters; -1 after a message. */
static int set_delimiters(struct compiler *c, const char *name, size_t nlen, unsigned line,
			  unsigned col, const char **otag, size_t *olen, const char **ctag,
			  size_t *clen)
{
	const char *a = name, *b;
	size_t alen = 0, blen;

	while (alen < nlen && !is_space(a[alen]) && a[alen] != '=')
		alen++;
	b = a + alen;
	while (b < name + nlen && is_space(*b))
		b++;
	blen = (size_t)(name + nlen - b);
	if (alen == 0 || b == a + alen || blen == 0 || memchr(b, '=', blen) ||
	    !valid_name(TK_PARTIAL, b, blen)) {
		syntax_error(c, line, col,
			     "bad set-delimiter tag (expected two delimiters without '=' separated "
			     "by whitespace, as in {{=<%% %%>=}})");
		return -1;
	}
	*otag = a;
	*olen = alen;
	*ctag = b;
	*clen = blen;
	return 0;
}

/* A tag name's checks: not empty, and a name the kind allows; -1 after a message. */
static int check_name(struct compiler *c, enum tok_kind kind, const char *name, size_t nlen,
		      unsigned line, unsigned col)
{
	if (nlen == 0) {
		syntax_error(c, line, col, "empty tag name");
		return -1;
	}
	if (!valid_name(kind, name, nlen)) {
		/* shown on one line: a newline or control character in it becomes a space */
		char shown[61];
		size_t k, m = nlen > 60 ? 60 : nlen;
		for (k = 0; k < m; k++) {
			shown[k] = name[k];
			if ((unsigned char)name[k] < 0x20 || name[k] == 0x7f)
				shown[k] = ' ';
		}
		shown[m] = '\0';
		syntax_error(c, line, col, "bad tag name '%s'", shown);
		return -1;
	}
	return 0;
}

/*
 * Pass 1. A bad tag (its name, a set-delimiter tag) is reported and skipped, so that the
 * errors after it are found too; -1 only for a tag that is never closed, after which the
 * rest of the template cannot be read.
 */
static int tokenize(struct compiler *c)
{
	const char *p = c->src, *end = c->src + c->len;
	const char *otag = "{{", *ctag = "}}";
	size_t olen = 2, clen = 2;

	while (p < end) {
		const char *open = find(p, (size_t)(end - p), otag, olen);
		const char *q, *close, *name;
		enum tok_kind kind;
		char lead;
		size_t nlen;
		unsigned line, col;
		struct token *t;

		if (!open) {
			add_text(c, p, (size_t)(end - p));
			break;
		}
		add_text(c, p, (size_t)(open - p));
		position(c, (size_t)(open - c->src), &line, &col);
		q = open + olen;
		kind = tag_kind(&q, end, &lead);
		close = find_close(q, end, lead, ctag, clen);
		if (!close) {
			syntax_error(c, line, col, "tag is not closed (no '%s%.*s' after it)",
				     lead == '}' ? "}" : lead == '=' ? "=" : "", (int)clen, ctag);
			return -1;
		}
		p = close + (lead ? 1 : 0) + clen;
		name = q;
		nlen = (size_t)(close - q);
		trim(&name, &nlen);
		if (kind == TK_DELIM) {
			if (set_delimiters(c, name, nlen, line, col, &otag, &olen, &ctag, &clen) < 0)
				continue; /* the delimiters stay as they were */
		} else if (kind != TK_COMMENT && check_name(c, kind, name, nlen, line, col) < 0) {
			continue;
		}
		t = add_token(c, kind);
		t->s = name;
		t->len = nlen;
		t->tag = open;
		t->line = line;
		t->col = col;
	}
	return 0;
}

/* ---------------------------------------------------------------- pass 2: nest */

/*
 * Pass 2. A closing tag without its opener is reported and ignored; one that matches an
 * opener further out closes that one and the unclosed ones inside it (reported); every
 * section still open at the end is reported. -1 only for nesting deeper than
 * MUSTACHE_MAX_NESTING.
 */
static int nest(struct compiler *c)
{
	size_t *stack = NULL, n = 0, cap = 0, i;
	int ret = -1;

	for (i = 0; i < c->ntoks; i++) {
		struct token *t = &c->toks[i];
		struct token *top = n ? &c->toks[stack[n - 1]] : NULL;

		if (t->kind == TK_CLOSE) {
			size_t j = n;
			if (!top) {
				syntax_error(c, t->line, t->col, "closing tag '%.*s' has no opening tag",
					     (int)t->len, t->s);
				continue;
			}
			if (t->len != top->len || memcmp(t->s, top->s, t->len) != 0) {
				syntax_error(c, t->line, t->col,
					     "closing tag '%.*s' does not match %s '%.*s' opened at %u:%u",
					     (int)t->len, t->s, kind_word(top->kind), (int)top->len,
					     top->s, top->line, top->col);
				while (j-- > 0 && (c->toks[stack[j]].len != t->len ||
						   memcmp(c->toks[stack[j]].s, t->s, t->len) != 0))
					;
				if (j >= n) /* opened nowhere: ignored */
					continue;
				for (size_t k = n - 1; k-- > j + 1;) {
					const struct token *u = &c->toks[stack[k]];
					syntax_error(c, u->line, u->col, "%s '%.*s' is never closed",
						     kind_word(u->kind), (int)u->len, u->s);
				}
				n = j + 1; /* it closes that one; those inside it were never closed */
				top = &c->toks[stack[n - 1]];
			}
			top->match = i;
			t->match = stack[--n];
			t->ignored = top->ignored;
			t->arg = top->arg;
			continue;
		}
		if (top && top->kind == TK_PARENT && !top->ignored) {
			if (t->kind == TK_BLOCK)
				t->arg = true;
			else
				t->ignored = true;
		} else if (top && top->ignored) {
			t->ignored = true;
		}
		if (t->kind == TK_SECTION || t->kind == TK_INVERTED || t->kind == TK_PARENT ||
		    t->kind == TK_BLOCK) {
			if (n >= MUSTACHE_MAX_NESTING) {
				syntax_error(c, t->line, t->col, "sections nested more than %d deep",
					     MUSTACHE_MAX_NESTING);
				goto out;
			}
			xgrow((void **)&stack, &cap, n + 1, sizeof(*stack));
			stack[n++] = i;
		}
	}
	while (n) {
		struct token *t = &c->toks[stack[--n]];
		syntax_error(c, t->line, t->col, "%s '%.*s' is never closed", kind_word(t->kind),
			     (int)t->len, t->s);
	}
	ret = 0;
out:
	free(stack);
	return ret;
}

/* ---------------------------------------------------------------- pass 3: standalone */

struct lines {
	size_t *first; /* per token: index of the first token of its line */
	size_t *end;   /* per token: one past the last token of its line */
};

static bool blank_text(const struct token *t)
{
	return t->kind == TK_TEXT && t->ws;
}

/* Only blank text before token i on its line. */
static bool clear_left(const struct compiler *c, const struct lines *l, size_t i)
{
	size_t k;

	for (k = l->first[i]; k < i; k++)
		if (!blank_text(&c->toks[k]) || c->toks[k].dropped)
			return false;
	return true;
}

/* Only blank text (and the line end) after token i on its line. */
static bool clear_right(const struct compiler *c, const struct lines *l, size_t i)
{
	size_t k;

	for (k = i + 1; k < l->end[i]; k++)
		if (!blank_text(&c->toks[k]))
			return false;
	return true;
}

static void drop_range(struct compiler *c, size_t from, size_t to)
{
	size_t k;

	for (k = from; k < to; k++)
		if (c->toks[k].kind == TK_TEXT)
			c->toks[k].dropped = true;
}

/* Leading blank text of the line of token i, as indentation. */
static void take_indent(struct compiler *c, const struct lines *l, size_t i)
{
	struct token *first = &c->toks[l->first[i]];

	if (l->first[i] < i && first->kind == TK_TEXT && first->ws && !first->eol) {
		c->toks[i].ind = first->s;
		c->toks[i].ind_len = first->len;
	} else {
		c->toks[i].ind = c->toks[i].tag;
		c->toks[i].ind_len = 0;
	}
}

/* The blanks that start the line after the line of token i (empty at the end). */
static void next_line_indent(struct compiler *c, const struct lines *l, size_t i)
{
	size_t last = l->end[i] - 1;
	const struct token *e = &c->toks[last];
	const char *p, *end = c->src + c->len;

	if (e->kind == TK_TEXT && e->eol)
		p = e->s + e->len;
	else
		p = end;
	c->toks[i].ind = p;
	c->toks[i].ind_len = 0;
	while (p + c->toks[i].ind_len < end && is_blank(p[c->toks[i].ind_len]))
		c->toks[i].ind_len++;
}

static bool standalone_kind(const struct compiler *c, const struct token *t)
{
	switch (t->kind) {
	case TK_SECTION:
	case TK_INVERTED:
	case TK_COMMENT:
	case TK_DELIM:
	case TK_PARTIAL:
		return true;
	case TK_BLOCK:
		return !t->arg;
	case TK_CLOSE:
		return !t->arg && c->toks[t->match].kind != TK_PARENT;
	default:
		return false;
	}
}

static void standalone(struct compiler *c)
{
	struct lines l;
	size_t i, k, start = 0, n = c->ntoks ? c->ntoks : 1;

	l.first = xcalloc(n, sizeof(*l.first));
	l.end = xcalloc(n, sizeof(*l.end));
	for (i = 0; i < c->ntoks; i++) {
		l.first[i] = start;
		if (c->toks[i].kind == TK_TEXT && c->toks[i].eol) {
			for (k = start; k <= i; k++)
				l.end[k] = i + 1;
			start = i + 1;
		}
	}
	for (k = start; k < c->ntoks; k++)
		l.end[k] = c->ntoks;

	/* The classic rule: one non-interpolating tag alone on its line, blanks aside. */
	for (start = 0; start < c->ntoks; start = l.end[start]) {
		size_t only = 0, count = 0;

		for (k = start; k < l.end[start]; k++) {
			const struct token *t = &c->toks[k];
			if (!blank_text(t) && !t->ignored) {
				only = k;
				count++;
			}
		}
		if (count != 1 || !standalone_kind(c, &c->toks[only]))
			continue;
		c->toks[only].standalone = true;
		if (c->toks[only].kind == TK_PARTIAL)
			take_indent(c, &l, only);
		else if (c->toks[only].kind == TK_BLOCK)
			next_line_indent(c, &l, only);
		drop_range(c, start, l.end[start]);
	}

	/*
	 * Inheritance tags: what lies inside a parent outside its blocks is ignored, so it
	 * cannot keep a tag from standing alone. A parent pair stands alone when its opening
	 * tag clears the left of its line and its closing tag the right of its line; an
	 * argument block's opening tag when it clears the right (its line end then belongs to
	 * the tag, not to the content); its closing tag when it clears the left. A parameter
	 * block whose tags are not on lines of their own still indents its expansion like a
	 * standalone partial when the pair clears both sides.
	 */
	for (i = 0; i < c->ntoks; i++) {
		struct token *t = &c->toks[i];

		if (t->ignored)
			continue;
		if (t->kind == TK_PARENT) {
			if (clear_left(c, &l, i) && clear_right(c, &l, t->match)) {
				t->standalone = true;
				take_indent(c, &l, i);
				drop_range(c, l.first[i], i);
				drop_range(c, t->match + 1, l.end[t->match]);
			}
		} else if (t->kind == TK_BLOCK && t->arg) {
			if (clear_right(c, &l, i)) {
				t->standalone = true;
				next_line_indent(c, &l, i);
				drop_range(c, i + 1, l.end[i]);
			}
		} else if (t->kind == TK_CLOSE && t->arg) {
			if (clear_left(c, &l, i))
				drop_range(c, l.first[i], i);
		} else if (t->kind == TK_BLOCK && !t->standalone) {
			if (clear_left(c, &l, i) &&
			    (c->toks[t->match].standalone || clear_right(c, &l, t->match))) {
				t->pair = true;
				take_indent(c, &l, i);
			}
		}
	}
	free(l.first);
	free(l.end);
}

/* ---------------------------------------------------------------- pass 4: build */

static struct node *add_node(struct node *parent, enum node_kind kind, const struct token *t)
{
	struct node *nd;

	xgrow((void **)&parent->kids, &parent->cap, parent->nkids + 1, sizeof(*parent->kids));
	nd = &parent->kids[parent->nkids++];
	*nd = (struct node){.kind = kind, .owner = parent->owner, .line = t->line, .col = t->col};
	return nd;
}

static void set_name(struct node *nd, const struct token *t, bool dotted)
{
	size_t i;

	nd->name = xstrndup(t->s, t->len);
	if (!dotted)
		return;
	if (t->len == 1 && t->s[0] == '.') {
		nd->nparts = 0;
		return;
	}
	nd->nparts = 1;
	for (i = 0; i < t->len; i++) {
		if (nd->name[i] == '.') {
			nd->name[i] = '\0';
			nd->nparts++;
		}
	}
}

static void build(struct compiler *c, struct mustache *m)
{
	struct node **stack = NULL, *cur = &m->root, *nd;
	size_t n = 0, cap = 0, i;

	for (i = 0; i < c->ntoks; i++) {
		const struct token *t = &c->toks[i];

		if (t->dropped || t->ignored)
			continue;
		switch (t->kind) {
		case TK_TEXT:
			if (t->len == 0)
				break;
			nd = add_node(cur, N_TEXT, t);
			nd->text = t->s;
			nd->len = t->len;
			nd->bol = t->s == c->src || t->s[-1] == '\n';
			break;
		case TK_VAR:
		case TK_RAW:
			nd = add_node(cur, t->kind == TK_VAR ? N_VAR : N_RAW, t);
			set_name(nd, t, true);
			break;
		case TK_PARTIAL:
			nd = add_node(cur, N_PARTIAL, t);
			set_name(nd, t, false);
			if (t->standalone) {
				nd->ind = t->ind;
				nd->ind_len = t->ind_len;
			}
			break;
		case TK_SECTION:
		case TK_INVERTED:
		case TK_PARENT:
		case TK_BLOCK:
			nd = add_node(cur,
				      t->kind == TK_SECTION    ? N_SECTION
				      : t->kind == TK_INVERTED ? N_INVERTED
				      : t->kind == TK_PARENT   ? N_PARENT
							       : N_BLOCK,
				      t);
			set_name(nd, t, t->kind == TK_SECTION || t->kind == TK_INVERTED);
			if (t->standalone || t->pair) {
				nd->ind = t->ind;
				nd->ind_len = t->ind_len;
			}
			nd->indent_body =
			    t->kind == TK_BLOCK && !t->arg && (t->standalone || t->pair);
			xgrow((void **)&stack, &cap, n + 1, sizeof(struct node *));
			stack[n++] = cur;
			cur = nd;
			break;
		case TK_CLOSE: /* nest() has matched every closing tag */
			if (n)
				cur = stack[--n];
			break;
		case TK_COMMENT:
		case TK_DELIM:
			break;
		}
	}
	free(stack);
}

/* ---------------------------------------------------------------- pass 5: dedent */

static void strip_prefix(const char **s, size_t *n, const char *d, size_t dn)
{
	size_t k = 0;

	while (k < *n && k < dn && (*s)[k] == d[k])
		k++;
	*s += k;
	*n -= k;
}

static void dedent_tree(struct node *kids, size_t n, const char *d, size_t dn)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct node *nd = &kids[i];

		if (nd->kind == N_TEXT && nd->bol)
			strip_prefix(&nd->text, &nd->len, d, dn);
		else if (nd->ind)
			strip_prefix(&nd->ind, &nd->ind_len, d, dn);
		dedent_tree(nd->kids, nd->nkids, d, dn);
	}
}

/* Top-down, so that an enclosing block's indentation is gone before a nested block's own
 * indentation (measured in the source) is removed. */
static void dedent(struct node *kids, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct node *nd = &kids[i];

		if (nd->kind == N_BLOCK && nd->ind_len)
			dedent_tree(nd->kids, nd->nkids, nd->ind, nd->ind_len);
		dedent(nd->kids, nd->nkids);
	}
}

/* ---------------------------------------------------------------- compile */

static void free_nodes(struct node *kids, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(kids[i].name);
		free_nodes(kids[i].kids, kids[i].nkids);
	}
	free(kids);
}

void mustache_free(struct mustache *m)
{
	if (!m)
		return;
	free_nodes(m->root.kids, m->root.nkids);
	free(m->src);
	free(m->name);
	free(m);
}

struct mustache *mustache_compile_named(const char *tmpl, size_t len, const char *name,
					struct buf *err)
{
	struct compiler c = {.cur_line = 1};
	struct mustache *m = xcalloc(1, sizeof(*m));

	m->src = len ? xstrndup(tmpl, len) : xstrdup("");
	m->len = len;
	m->name = xstrdup(name);
	m->root.owner = m;
	c.src = m->src;
	c.len = len;
	c.err = err;
	if (tokenize(&c) < 0 || nest(&c) < 0 || c.nerrors) {
		mustache_free(m);
		m = NULL;
		goto out;
	}
	standalone(&c);
	build(&c, m);
	dedent(m->root.kids, m->root.nkids);
out:
	free(c.toks);
	return m;
}

struct mustache *mustache_compile(const char *tmpl, size_t len, struct buf *err)
{
	return mustache_compile_named(tmpl, len, NULL, err);
}

static void each_partial(const struct node *kids, size_t n,
			 void (*fn)(void *, const char *, unsigned, unsigned), void *ud)
{
	for (size_t i = 0; i < n; i++) {
		if (kids[i].kind == N_PARTIAL || kids[i].kind == N_PARENT)
			fn(ud, kids[i].name, kids[i].line, kids[i].col);
		each_partial(kids[i].kids, kids[i].nkids, fn, ud);
	}
}

void mustache_each_partial(const struct mustache *m,
			   void (*fn)(void *ud, const char *name, unsigned line, unsigned col),
			   void *ud)
{
	each_partial(m->root.kids, m->root.nkids, fn, ud);
}
