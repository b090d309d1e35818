#include "mustache.h"

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

enum node_kind { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL, N_PARENT, N_BLOCK };

struct node {
	enum node_kind kind;
	const char *text;   /* N_TEXT: bytes to emit, inside the owning template's source */
	size_t len;	    /* N_TEXT: number of bytes at text */
	char *name;	    /* tags: owned; dotted names have their dots replaced by NULs */
	size_t nparts;	    /* N_VAR/N_RAW/N_SECTION/N_INVERTED: name parts; 0 for "." */
	const char *ind;    /* partial/parent/block: indentation inside the source, or NULL */
	size_t ind_len;	    /* bytes at ind */
	bool bol;	    /* N_TEXT: starts a line of the source (block dedent applies) */
	bool indent_body;   /* N_BLOCK: push ind while rendering the body */
	struct node *kids;  /* section/inverted/block body; N_PARENT: its argument blocks */
	size_t nkids;	    /* used entries in kids */
	size_t cap;	    /* allocated entries in kids */
	unsigned line, col; /* position of the tag, for render-time errors */
	const struct mustache *owner; /* the template this node belongs to */
};

struct mustache {
	char *src;	  /* owned copy of the template text */
	size_t len;	  /* bytes in src */
	char *name;	  /* partial name, or NULL for a template compiled by the caller */
	struct node root; /* its kids are the top-level nodes */
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

static struct mustache *compile_named(const char *tmpl, size_t len, const char *name,
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
	return compile_named(tmpl, len, NULL, err);
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
	const char *part = nd->name;
	size_t i, k;

	if (nd->nparts == 0)
		return r->nctx ? r->ctx[r->nctx - 1] : NULL;
	for (i = r->nctx; i-- > 0;) {
		if (r->ctx[i]->kind == VALUE_OBJECT && (v = value_get(r->ctx[i], part)))
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
		slot->m = compile_named(text, len, nd->name, &e);
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

/*
 * CommonMark lets any ASCII punctuation be backslash-escaped and then shows it literally,
 * so escaping all of it is both simplest and safe against every construct, including GFM
 * extensions (tables split cells at unescaped pipes, autolinks start at "www." or "x:").
 */
void mustache_escape_markdown(struct buf *out, const char *s, size_t n)
{
	size_t i;

	buf_grow(out, n + n / 4);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f) {
			buf_putc(out, ' ');
		} else if (ascii_punct(c)) {
			buf_putc(out, '\\');
			buf_putc(out, (char)c);
		} else {
			buf_putc(out, (char)c);
		}
	}
}
