/*
 * fuzz_mustache.c - libFuzzer harness for the Mustache engine (generator/mustache.h).
 *
 * The input is split at NUL bytes: TEMPLATE NUL CONTEXT NUL PARTIAL NUL PARTIAL ...
 * CONTEXT is JSON text given to json_parse() (when it does not parse, the render gets a
 * NULL context); each PARTIAL part is "NAME\nTEXT" and is what {{>NAME}} or {{<NAME}}
 * fetches; other names are missing partials. The template is compiled once and rendered
 * with the HTML escaper, with the Markdown escaper and with neither escaper nor partials.
 * Checked: a failed compile appends "LINE:COL: ..." lines, a failed render one, and leaves
 * the output as it was; a render appends to the output and never overwrites it; unknown
 * names come with a place.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "json.h"
#include "mustache.h"
#include "util.h"
#include "value.h"

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Output cap per render: large enough for every real template, small enough to stay fast. */
#define FUZZ_MAX_OUTPUT ((size_t)1 << 20)

struct partials {
	struct fuzz_part parts[FUZZ_MAX_PARTS];
	size_t n; /* parts[2..n) are partials */
};

static const char *find_partial(void *ud, const char *name, size_t *len)
{
	const struct partials *p = ud;
	size_t nl = strlen(name);
	for (size_t i = 2; i < p->n; i++) {
		const struct fuzz_part *q = &p->parts[i];
		if (q->len > nl && q->data[nl] == '\n' && memcmp(q->data, name, nl) == 0) {
			*len = q->len - nl - 1;
			return q->data + nl + 1;
		}
	}
	return NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_quiet_warnings(true);
	fuzz_quiet_stderr();
	return 0;
}

/* err must hold exactly what was appended: "LINE:COL: message" lines (a compile reports
 * every error it finds, one per line). */
static void check_error(const struct buf *err, size_t before)
{
	const char *s = buf_str(err) + before;
	if (err->len <= before)
		fuzz_fail("failure without an error message");
	for (;;) {
		unsigned line, col;
		int used = 0;
		const char *nl;
		if (sscanf(s, "%u:%u: %n", &line, &col, &used) != 2 || used == 0 || line == 0 ||
		    col == 0)
			fuzz_fail("an error message does not start with LINE:COL: ");
		nl = strchr(s, '\n');
		if (!nl)
			break;
		s = nl + 1;
	}
}

/* An unknown name is reported with a place and a name that could be a tag's. */
static void check_unknown(void *ud, const char *partial, unsigned line, unsigned col,
			  const char *name)
{
	(void)ud;
	(void)partial;
	if (line == 0 || col == 0 || !name[0] || strchr(name, ' ') || name[0] == '.')
		fuzz_fail("an unknown name without a place or with a malformed name");
}

static void render(const struct mustache *m, const struct value *ctx,
		   const struct mustache_options *opt)
{
	static const char prefix[] = "prefix<&>";
	struct buf out = BUF_INIT, err = BUF_INIT;

	buf_puts(&out, prefix);
	if (mustache_render_compiled(m, ctx, opt, &out, &err) < 0) {
		check_error(&err, 0);
		if (out.len != sizeof(prefix) - 1 || memcmp(buf_str(&out), prefix, out.len) != 0)
			fuzz_fail("a failed render changed the output");
	} else if (out.len < sizeof(prefix) - 1 ||
		   memcmp(buf_str(&out), prefix, sizeof(prefix) - 1)) {
		fuzz_fail("a render overwrote what was already in the output");
	}
	buf_release(&out);
	buf_release(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct partials p;
	struct value *ctx = NULL;
	struct mustache *m;
	struct buf err = BUF_INIT;
	struct json_error jerr;

	p.n = fuzz_split(data, size, p.parts, FUZZ_MAX_PARTS);
	if (p.n > 1)
		ctx = json_parse(p.parts[1].data, p.parts[1].len, &jerr);

	m = mustache_compile(p.parts[0].data, p.parts[0].len, &err);
	if (!m) {
		check_error(&err, 0);
	} else {
		struct mustache_options html = {mustache_escape_html, find_partial, &p,
						FUZZ_MAX_OUTPUT, check_unknown};
		struct mustache_options md = {mustache_escape_markdown, find_partial, &p,
					      FUZZ_MAX_OUTPUT, NULL};
		struct mustache_options plain = {NULL, NULL, NULL, FUZZ_MAX_OUTPUT, NULL};
		render(m, ctx, &html);
		render(m, ctx, &md);
		render(m, ctx, &plain);
		mustache_free(m);
	}
	buf_release(&err);
	value_free(ctx);
	value_release_all();
	return 0;
}
