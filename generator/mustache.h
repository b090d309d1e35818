/*
 * mustache.h - a Mustache engine rendering templates over a struct value tree.
 *
 * Implements the core Mustache spec (interpolation, dotted names, the implicit iterator
 * {{.}}, sections, inverted sections, comments, set delimiters, partials, standalone-line
 * whitespace rules) and the optional inheritance module ({{<parent}}, {{$block}}, including
 * block reindentation). Lambdas and dynamic names are not supported. The spec's own test
 * files run in tests/test_mustache.c.
 *
 * Semantics that the spec leaves to the implementation:
 *   - Falsy: a missing name, null, false, the empty array and the empty string "".
 *     Everything else is truthy, including 0 and the empty object.
 *   - Interpolation: strings as they are, numbers in the shortest form that reads back as
 *     the same double (1.0 gives "1", 1.5 gives "1.5"), booleans as "true"/"false", null and
 *     missing names as nothing, arrays and objects as compact JSON.
 *   - A section over an array renders once per item with the item pushed on the context
 *     stack; over any other truthy value, once with that value pushed.
 *   - A missing partial or parent renders as the empty string. Partial names, parent names
 *     and block names are never split at dots.
 *   - Tag names may not be empty or contain whitespace or NUL; dotted names may not have an empty
 *     part ("a..b", ".a", "a." are errors; "." alone is the implicit iterator).
 *
 * Errors are returned, never printed: a function that fails returns -1 (or NULL) and
 * appends messages of the form "LINE:COL: what is wrong" to the caller's error buffer,
 * so the caller can prefix the file name. LINE and COL are 1-based; COL counts UTF-8
 * characters. Compilation reports every syntax error it finds (up to MUSTACHE_MAX_ERRORS),
 * one per line; rendering stops at its first error, one message. A problem inside a
 * partial reads "LINE:COL: in partial 'name': LINE2:COL2: what is wrong", where LINE:COL
 * is the outermost partial or parent tag of the template being rendered and LINE2:COL2 is
 * inside 'name'.
 *
 * Unknown names: an interpolation ({{x}}, {{{x}}}, {{&x}}) whose name resolves to nothing
 * renders as nothing, as the spec says, and is also reported to opt->unknown when it is
 * set, once per tag and render. "Resolves to nothing": the first part of the name is a
 * member of no object on the context stack, or a later part is not a member of what the
 * parts before it lead to (a member that is present but null is known). Sections and
 * inverted sections over missing names are the ordinary way to test for a key and are
 * never reported; neither is the implicit iterator {{.}}.
 *
 * Limits, so that no input can crash the engine or run away: sections, parents and blocks
 * nest at most MUSTACHE_MAX_NESTING deep within one template, partials and parents at most
 * MUSTACHE_MAX_PARTIAL_DEPTH deep at render time, and one render produces at most
 * MUSTACHE_MAX_OUTPUT bytes (or opt->max_output) and visits at most MUSTACHE_MAX_STEPS
 * template nodes. Exceeding any of them is an error.
 */
#ifndef WB_MUSTACHE_H
#define WB_MUSTACHE_H

#include <stddef.h>

#include "buf.h"
#include "value.h"

/** Deepest nesting of sections, inverted sections, parents and blocks inside one template. */
#define MUSTACHE_MAX_NESTING 100
/** Deepest nesting of partials and parents at render time (catches recursive partials). */
#define MUSTACHE_MAX_PARTIAL_DEPTH 100
/** Most bytes one render may append to its output (catches exponential partial fan-out). */
#define MUSTACHE_MAX_OUTPUT ((size_t)256 << 20)
/** Most template nodes one render may visit (catches exponential nesting with no output). */
#define MUSTACHE_MAX_STEPS 10000000ul
/** Most syntax errors one compilation writes (it goes on counting, and fails either way). */
#define MUSTACHE_MAX_ERRORS 20

/** A compiled template (opaque). Immutable after compilation; may be rendered many times. */
struct mustache;

struct mustache_options {
	/*
	 * Escapes one interpolated value for the output format: append the escaped form of the
	 * n bytes at s to out. Used by {{name}}; {{{name}}} and {{&name}} never escape. NULL
	 * means no escaping at all.
	 */
	void (*escape)(struct buf *out, const char *s, size_t n);
	/*
	 * Returns the text of the partial (or parent) template called name, storing its length
	 * in *len, or NULL when there is no such partial (it then renders as ""). The text is
	 * borrowed and must stay valid until the render call returns. NULL means no partials.
	 */
	const char *(*partial)(void *ud, const char *name, size_t *len);
	void *ud;	   /* passed to partial() and unknown() untouched */
	size_t max_output; /* most bytes one render may append; 0 means MUSTACHE_MAX_OUTPUT */
	/*
	 * Called for an interpolation whose name resolves to nothing (see "Unknown names"
	 * above), once per tag and render: partial is the name of the partial or parent the
	 * tag is in, NULL for the template rendered; line:col is the tag's place in that
	 * text; name the whole (dotted) name. NULL: no check.
	 */
	void (*unknown)(void *ud, const char *partial, unsigned line, unsigned col,
			const char *name);
};

/**
 * Compile len bytes of template text. The text is copied, so it may be freed afterwards.
 * Returns the compiled template (caller frees with mustache_free()), or NULL after appending
 * "LINE:COL: message" to err for every syntax error found, separated by newlines: an
 * unclosed tag (the rest is not read), a bad set-delimiter tag, an empty or malformed name
 * (the tag is skipped and reading goes on), a closing tag without or not matching its
 * opening tag, a section that is never closed, or nesting deeper than MUSTACHE_MAX_NESTING.
 */
struct mustache *mustache_compile(const char *tmpl, size_t len, struct buf *err);

/**
 * Call fn for every partial tag ({{>name}}) and parent tag ({{<name}}) of m, in the order of
 * the source, with its name and line:col (inside sections and blocks too), so a caller can
 * check before rendering that every partial exists.
 */
void mustache_each_partial(const struct mustache *m,
			   void (*fn)(void *ud, const char *name, unsigned line, unsigned col),
			   void *ud);

/**
 * Render the compiled template m over the context ctx (borrowed; NULL is an empty context)
 * and append the result to out. opt may be NULL (no escaping, no partials). Partials are
 * fetched through opt->partial and compiled once per call. Returns 0, or -1 after appending
 * one message to err (a syntax error in a partial, partials or block overrides nested deeper
 * than MUSTACHE_MAX_PARTIAL_DEPTH, output larger than the output limit); on failure out is
 * left as it was before the call.
 */
int mustache_render_compiled(const struct mustache *m, const struct value *ctx,
			     const struct mustache_options *opt, struct buf *out, struct buf *err);

/** Free a compiled template (NULL is fine). */
void mustache_free(struct mustache *m);

/**
 * Compile and render in one call: mustache_compile() then mustache_render_compiled().
 * Returns 0, or -1 with one message appended to err; on failure out is left as it was.
 */
int mustache_render(const char *tmpl, size_t len, const struct value *ctx,
		    const struct mustache_options *opt, struct buf *out, struct buf *err);

/**
 * Escaper for HTML text and attribute values: & < > " ' become &amp; &lt; &gt; &quot; &#39;.
 * All other bytes are copied unchanged.
 */
void mustache_escape_html(struct buf *out, const char *s, size_t n);

/**
 * Escaper for CommonMark/GFM inline text, including GFM table cells: the value is shown
 * literally by a Markdown renderer. ASCII punctuation is backslash-escaped (so no emphasis,
 * links, code spans, raw HTML, entities, URL autolinks, headings, list markers or table
 * pipes can arise; "|" becomes "\|") but where it is inert: '%' and ',' always, '-' and '+'
 * before a letter or digit, '.' between two digits (numbers stay as they are). Every control
 * character, newlines and tabs included, becomes a space so that a value never ends its line
 * or starts a new block. Other bytes (letters, digits, spaces, UTF-8 sequences) are copied
 * unchanged. Meant for text context, not for code spans or link destinations. One thing no
 * escape prevents: GFM finds e-mail autolinks (a@b.org) after escapes are resolved.
 */
void mustache_escape_markdown(struct buf *out, const char *s, size_t n);

#endif
