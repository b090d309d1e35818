/*
 * Unit tests of mustache.c: the official Mustache spec (core modules and ~inheritance),
 * the escapers, error messages with line:col, and inputs meant to break the engine.
 *
 * The spec files are looked up in $WB_SPEC_DIR when it is set, else in ./mustache-spec
 * (running from tests/), else in ./tests/mustache-spec (running from the repository root).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "json.h"
#include "mustache.h"
#include "util.h"
#include "value.h"

/* ---------------------------------------------------------------- helpers */

static struct value *parse(const char *json)
{
	struct json_error e;
	struct value *v = json_parse(json, strlen(json), &e);
	if (!v)
		fail_msg("bad test JSON: %u:%u: %s", e.line, e.col, e.msg);
	return v;
}

/* Partials come from a JSON object of name -> template text. */
static const char *object_partial(void *ud, const char *name, size_t *len)
{
	const struct value *v = value_get(ud, name);
	if (!v || v->kind != VALUE_STRING)
		return NULL;
	*len = v->len;
	return v->string;
}

/*
 * Render tmpl over the JSON data with partials from the JSON object partials (NULL for none)
 * and the given escaper. Returns the output (caller frees) or NULL with the error in *err.
 */
static char *render(const char *tmpl, const char *data, const char *partials,
		    void (*escape)(struct buf *, const char *, size_t), struct buf *err)
{
	struct value *ctx = parse(data), *parts = partials ? parse(partials) : value_object();
	struct mustache_options opt = {escape, object_partial, parts, 1 << 20, NULL};
	struct buf out = BUF_INIT;
	char *ret = NULL;

	if (mustache_render(tmpl, strlen(tmpl), ctx, &opt, &out, err) == 0)
		ret = buf_detach(&out);
	buf_release(&out);
	value_free(ctx);
	value_free(parts);
	return ret;
}

/* The error message of rendering tmpl (which must fail). Caller frees. */
static char *error_of(const char *tmpl, const char *partials)
{
	struct buf err = BUF_INIT;
	char *out = render(tmpl, "{}", partials, mustache_escape_html, &err);
	if (out) {
		free(out);
		buf_release(&err);
		fail_msg("'%s' rendered without an error", tmpl);
	}
	return buf_detach(&err);
}

static void assert_renders(const char *tmpl, const char *data, const char *partials,
			   void (*escape)(struct buf *, const char *, size_t), const char *want)
{
	struct buf err = BUF_INIT;
	char *got = render(tmpl, data, partials, escape, &err);
	if (!got)
		fail_msg("'%s' failed: %s", tmpl, buf_str(&err));
	assert_string_equal(got, want);
	free(got);
	buf_release(&err);
}

/* ---------------------------------------------------------------- the spec */

static const char *const spec_files[] = {
    "comments.json", "delimiters.json", "interpolation.json", "inverted.json",
    "partials.json", "sections.json",	"~inheritance.json",
};

static char *spec_path(const char *file)
{
	const char *env = getenv("WB_SPEC_DIR");
	char *p;

	if (env && *env)
		return path_join(env, file);
	p = path_join("mustache-spec", file);
	if (path_is_file(p))
		return p;
	free(p);
	return path_join("tests/mustache-spec", file);
}

/* Run one spec file; failing test names are appended to failures. Returns tests run. */
static int run_spec_file(const char *file, int *passed, struct buf *failures)
{
	struct json_error je;
	struct value *doc = NULL;
	const struct value *tests;
	char *path = spec_path(file), *text = NULL;
	size_t len, i;
	int run = 0;

	if (file_read(path, &text, &len) < 0)
		fail_msg("cannot read %s (set WB_SPEC_DIR to the spec directory)", path);
	doc = json_parse(text, len, &je);
	if (!doc)
		fail_msg("%s:%u:%u: %s", path, je.line, je.col, je.msg);
	tests = value_get(doc, "tests");
	assert_non_null(tests);
	for (i = 0; i < tests->n; i++) {
		const struct value *t = tests->items[i];
		const char *name = value_get_string(t, "name");
		const struct value *tmpl = value_get(t, "template");
		const struct value *want = value_get(t, "expected");
		struct value *partials = value_get(t, "partials");
		struct value *empty = value_object();
		struct mustache_options opt = {mustache_escape_html, object_partial,
					       partials ? partials : empty, 0, NULL};
		struct buf out = BUF_INIT, err = BUF_INIT;
		int rc;

		assert_non_null(name);
		assert_non_null(tmpl);
		assert_non_null(want);
		rc = mustache_render(tmpl->string, tmpl->len, value_get(t, "data"), &opt, &out,
				     &err);
		run++;
		if (rc == 0 && out.len == want->len &&
		    memcmp(buf_str(&out), want->string, out.len) == 0) {
			(*passed)++;
		} else {
			struct buf show = BUF_INIT;
			buf_printf(failures, "  %s: %s\n", file, name);
			value_write_json_string(&show, tmpl->string, tmpl->len);
			buf_puts(&show, "\n      expected ");
			value_write_json_string(&show, want->string, want->len);
			buf_puts(&show, "\n      got      ");
			if (rc == 0)
				value_write_json_string(&show, buf_str(&out), out.len);
			else
				buf_printf(&show, "error %s", buf_str(&err));
			buf_printf(failures, "      template %s\n", buf_str(&show));
			buf_release(&show);
		}
		buf_release(&out);
		buf_release(&err);
		value_free(empty);
	}
	value_free(doc);
	free(text);
	free(path);
	return run;
}

static void the_official_spec_passes_in_full(void **state)
{
	struct buf failures = BUF_INIT;
	int total = 0, passed = 0;
	size_t i;
	(void)state;

	for (i = 0; i < sizeof(spec_files) / sizeof(spec_files[0]); i++) {
		int p = 0, n = run_spec_file(spec_files[i], &p, &failures);
		printf("mustache spec: %-19s %3d/%d passed\n", spec_files[i], p, n);
		total += n;
		passed += p;
	}
	printf("mustache spec: %d/%d passed\n", passed, total);
	if (passed != total) {
		fprintf(stderr, "failing spec tests:\n%s", buf_str(&failures));
		buf_release(&failures);
		fail_msg("%d of %d spec tests failed", total - passed, total);
	}
	buf_release(&failures);
}

/* ---------------------------------------------------------------- escaping */

static void markdown_escaping_shows_a_hostile_model_name_literally(void **state)
{
	(void)state;
	assert_renders("| {{name}} |", "{\"name\": \"a|b *c* [d](e) <script>\"}", NULL,
		       mustache_escape_markdown, "| a\\|b \\*c\\* \\[d\\]\\(e\\) \\<script\\> |");
}

static void markdown_escaping_keeps_values_on_their_line(void **state)
{
	(void)state;
	assert_renders("x {{v}} y", "{\"v\": \"one\\n# two\\r\\n\\tthree\"}", NULL,
		       mustache_escape_markdown, "x one \\# two   three y");
}

static void markdown_escaping_defuses_entities_autolinks_and_code(void **state)
{
	(void)state;
	assert_renders("{{v}}", "{\"v\": \"&amp; www.x.org http://a `c` _u_ ~s~ 1. -\"}", NULL,
		       mustache_escape_markdown,
		       "\\&amp\\; www\\.x\\.org http\\:\\/\\/a \\`c\\` \\_u\\_ \\~s\\~ 1\\. \\-");
}

static void markdown_escaping_leaves_letters_digits_and_utf8_alone(void **state)
{
	(void)state;
	assert_renders("{{v}}", "{\"v\": \"Llama 3 70B – Σ\"}", NULL, mustache_escape_markdown,
		       "Llama 3 70B – Σ");
}

static void html_escaping_covers_quotes_and_apostrophes(void **state)
{
	(void)state;
	assert_renders("{{v}}|{{{v}}}", "{\"v\": \"<a href='x'>&\\\"</a>\"}", NULL,
		       mustache_escape_html,
		       "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;|<a href='x'>&\"</a>");
}

static void no_escaper_means_raw_output(void **state)
{
	(void)state;
	assert_renders("{{v}}", "{\"v\": \"<b>\"}", NULL, NULL, "<b>");
}

/* ---------------------------------------------------------------- values */

static void numbers_print_in_shortest_round_trip_form(void **state)
{
	(void)state;
	assert_renders("{{a}} {{b}} {{c}} {{d}}",
		       "{\"a\": 1.0, \"b\": 1.5, \"c\": 0.1, \"d\": -2e-7}", NULL,
		       mustache_escape_html, "1 1.5 0.1 -2e-07");
}

static void empty_strings_are_falsy_but_zero_is_truthy(void **state)
{
	(void)state;
	assert_renders("{{#s}}s{{/s}}{{^s}}!s{{/s}} {{#z}}z={{z}}{{/z}} {{#o}}o{{/o}}",
		       "{\"s\": \"\", \"z\": 0, \"o\": {}}", NULL, mustache_escape_html,
		       "!s z=0 o");
}

static void booleans_arrays_and_objects_interpolate_visibly(void **state)
{
	(void)state;
	assert_renders("{{t}} {{f}} {{a}} {{o}}",
		       "{\"t\": true, \"f\": false, \"a\": [1,\"x\"], \"o\": {\"k\": 2}}", NULL,
		       NULL, "true false [1,\"x\"] {\"k\":2}");
}

static void a_compiled_template_renders_many_times_alike(void **state)
{
	struct buf err = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	struct value *ctx = parse("{\"xs\": [{\"n\": \"a\"}, {\"n\": \"b\"}]}");
	struct value *parts = parse("{\"row\": \"- {{n}}\\n\"}");
	struct mustache_options opt = {mustache_escape_markdown, object_partial, parts, 0, NULL};
	const char *tmpl = "{{#xs}}\n  {{>row}}\n{{/xs}}\n";
	struct mustache *m = mustache_compile(tmpl, strlen(tmpl), &err);
	(void)state;

	assert_non_null(m);
	assert_int_equal(mustache_render_compiled(m, ctx, &opt, &a, &err), 0);
	assert_int_equal(mustache_render_compiled(m, ctx, &opt, &b, &err), 0);
	assert_string_equal(buf_str(&a), "  - a\n  - b\n");
	assert_string_equal(buf_str(&a), buf_str(&b));
	mustache_free(m);
	value_free(ctx);
	value_free(parts);
	buf_release(&a);
	buf_release(&b);
	buf_release(&err);
}

/* ---------------------------------------------------------------- errors */

static void assert_error(const char *tmpl, const char *partials, const char *want)
{
	char *got = error_of(tmpl, partials);
	if (strncmp(got, want, strlen(want)) != 0)
		fail_msg("'%s': error '%s' does not start with '%s'", tmpl, got, want);
	free(got);
}

static void unclosed_sections_are_reported_where_they_open(void **state)
{
	(void)state;
	assert_error("ok\n  {{#items}}\n{{name}}\n", NULL, "2:3: section 'items' is never closed");
	assert_error("{{^a}}", NULL, "1:1: inverted section 'a' is never closed");
	assert_error("{{<p}}{{$b}}{{/p}}", NULL,
		     "1:13: closing tag 'p' does not match block 'b' opened at 1:7");
}

static void mismatched_closing_tags_name_both_tags(void **state)
{
	(void)state;
	assert_error("{{#a}}\n\t{{#b}}x{{/a}}", NULL,
		     "2:9: closing tag 'a' does not match section 'b' opened at 2:2");
	assert_error("text {{/a}}", NULL, "1:6: closing tag 'a' has no opening tag");
}

static void unclosed_tags_are_reported_where_they_start(void **state)
{
	(void)state;
	assert_error("héllo\nwörld {{name", NULL, "2:7: tag is not closed (no '}}' after it)");
	assert_error("{{{name}}", NULL, "1:1: tag is not closed (no '}}}' after it)");
	assert_error("{{=<% %>=}}\n<%name}}", NULL, "2:1: tag is not closed (no '%>' after it)");
}

static void bad_set_delimiter_tags_are_errors(void **state)
{
	(void)state;
	assert_error("\n {{=<%=}}", NULL, "2:2: bad set-delimiter tag");
	assert_error("{{=a b c=}}", NULL, "1:1: bad set-delimiter tag");
	assert_error("{{=<% %>}}", NULL, "1:1: tag is not closed (no '=}}' after it)");
}

static void malformed_names_are_errors(void **state)
{
	(void)state;
	assert_error("{{}}", NULL, "1:1: empty tag name");
	assert_error("{{a b}}", NULL, "1:1: bad tag name 'a b'");
	assert_error("{{#a..b}}{{/a..b}}", NULL, "1:1: bad tag name 'a..b'");
}

static void errors_inside_partials_name_the_partial(void **state)
{
	(void)state;
	assert_error("x\n {{>p}}", "{\"p\": \"{{#a}}\"}",
		     "2:2: in partial 'p': 1:1: section 'a' is never closed");
	assert_error("{{>p}}", "{\"p\": \"{{>q}}\", \"q\": \"\\n{{/z}}\"}",
		     "1:1: in partial 'q': 2:1: closing tag 'z' has no opening tag");
}

/* The errors of compiling tmpl, which must fail. Caller frees. */
static char *compile_errors(const char *tmpl)
{
	struct buf err = BUF_INIT;
	struct mustache *m = mustache_compile(tmpl, strlen(tmpl), &err);
	if (m) {
		mustache_free(m);
		fail_msg("'%s' compiled without an error", tmpl);
	}
	return buf_detach(&err);
}

static void every_syntax_error_is_reported_on_a_line_of_its_own(void **state)
{
	char *got;
	(void)state;
	got = compile_errors("{{a b}}\n{{#x}}\n{{/y}}\n{{}} {{=<% %>=}}<%#s%><%/t%>\n<%/z%>\n");
	/* the bad tags first (pass 1), then the nesting (pass 2) */
	assert_string_equal(got, "1:1: bad tag name 'a b'\n"
				 "4:1: empty tag name\n"
				 "3:1: closing tag 'y' does not match section 'x' opened at 2:1\n"
				 "4:23: closing tag 't' does not match section 's' opened at 4:17\n"
				 "5:1: closing tag 'z' does not match section 's' opened at 4:17\n"
				 "4:17: section 's' is never closed\n"
				 "2:1: section 'x' is never closed");
	free(got);
	/* a bad set-delimiter tag keeps the delimiters, and reading goes on */
	got = compile_errors("{{=a b c=}}{{#x}}");
	assert_string_equal(got, "1:1: bad set-delimiter tag (expected two delimiters without '=' "
				 "separated by whitespace, as in {{=<% %>=}})\n"
				 "1:12: section 'x' is never closed");
	free(got);
	/* a closing tag for an outer section closes it; the one inside it was never closed */
	got = compile_errors("{{#a}}{{#b}}{{#c}}{{/a}}");
	assert_string_equal(got, "1:19: closing tag 'a' does not match section 'c' opened at 1:13\n"
				 "1:7: section 'b' is never closed");
	free(got);
	/* an unclosed tag ends the reading: nothing after it is reported */
	got = compile_errors("{{}}\n{{#x}}{{name");
	assert_string_equal(got, "1:1: empty tag name\n2:7: tag is not closed (no '}}' after it)");
	free(got);
}

static void compilation_stops_writing_errors_after_the_limit(void **state)
{
	struct buf t = BUF_INIT;
	char *got;
	size_t lines = 1;
	(void)state;
	for (int i = 0; i < 3 * MUSTACHE_MAX_ERRORS; i++)
		buf_puts(&t, "{{}}\n");
	got = compile_errors(buf_str(&t));
	for (const char *p = got; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, MUSTACHE_MAX_ERRORS);
	free(got);
	buf_release(&t);
}

/* What log_unknown() was told, one "PARTIAL LINE:COL NAME" line per call. */
static struct buf unknown_log;

static const char *log_partial(void *ud, const char *name, size_t *len)
{
	return object_partial(ud, name, len);
}

static void log_unknown(void *ud, const char *partial, unsigned line, unsigned col,
			const char *name)
{
	(void)ud;
	buf_printf(&unknown_log, "%s %u:%u %s\n", partial ? partial : "-", line, col, name);
}

/* The unknown names of rendering tmpl over data (with partials), as log_unknown() lines. */
static char *unknown_names(const char *tmpl, const char *data, const char *partials)
{
	struct value *ctx = parse(data), *parts = partials ? parse(partials) : value_object();
	struct mustache_options opt = {NULL, log_partial, parts, 0, log_unknown};
	struct buf out = BUF_INIT, err = BUF_INIT;

	buf_release(&unknown_log);
	if (mustache_render(tmpl, strlen(tmpl), ctx, &opt, &out, &err) < 0)
		fail_msg("'%s' failed: %s", tmpl, buf_str(&err));
	buf_release(&out);
	buf_release(&err);
	value_free(ctx);
	value_free(parts);
	if (!unknown_log.len)
		return xstrdup("");
	return buf_detach(&unknown_log);
}

static void unknown_names_are_reported_once_per_tag_with_their_place(void **state)
{
	char *got;
	(void)state;
	got = unknown_names("{{site.titel}} {{site.title}}\n{{#items}}{{nme}}{{{name}}}{{/items}}"
			    "{{&nope}}",
			    "{\"site\": {\"title\": \"T\"}, \"items\": [{\"name\": 1}, "
			    "{\"name\": 2}, {\"name\": 3}]}",
			    NULL);
	assert_string_equal(got, "- 1:1 site.titel\n- 2:11 nme\n- 2:38 nope\n");
	free(got);
	/* inside a partial: its name and the place in it */
	got = unknown_names("{{>p}}", "{\"a\": 1}", "{\"p\": \"{{a}}\\n {{b.c}}\"}");
	assert_string_equal(got, "p 2:2 b.c\n");
	free(got);
}

static void sections_over_missing_names_and_nulls_are_not_unknown(void **state)
{
	char *got;
	(void)state;
	/* a section or inverted section tests for a key; a present null is known; so is {{.}} */
	got = unknown_names("{{#missing}}{{x}}{{/missing}}{{^gone}}ok{{/gone}}{{null}}{{o.null}}"
			    "{{#list}}{{.}}{{/list}}",
			    "{\"null\": null, \"o\": {\"null\": null}, \"list\": [1, 2]}", NULL);
	assert_string_equal(got, "");
	free(got);
	/* a name through something that is not an object resolves to nothing */
	got = unknown_names("{{s.length}}", "{\"s\": \"text\"}", NULL);
	assert_string_equal(got, "- 1:1 s.length\n");
	free(got);
}

/* mustache_each_partial()'s callback: "NAME LINE:COL" lines. */
static void log_partial_tag(void *ud, const char *name, unsigned line, unsigned col)
{
	buf_printf(ud, "%s %u:%u\n", name, line, col);
}

static void every_partial_tag_is_listed_with_its_place(void **state)
{
	const char *tmpl = "{{>a}}\n{{#s}}\n  {{>b}}{{/s}}{{<c}}{{$x}}{{>d}}{{/x}}{{/c}}";
	struct buf err = BUF_INIT, got = BUF_INIT;
	struct mustache *m = mustache_compile(tmpl, strlen(tmpl), &err);
	(void)state;
	assert_non_null(m);
	mustache_each_partial(m, log_partial_tag, &got);
	assert_string_equal(buf_str(&got), "a 1:1\nb 3:3\nc 3:15\nd 3:27\n");
	mustache_free(m);
	buf_release(&err);
	buf_release(&got);
}

static void a_failed_render_leaves_the_output_untouched(void **state)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	struct value *parts = parse("{\"r\": \"again {{>r}}\"}");
	struct mustache_options opt = {NULL, object_partial, parts, 0, NULL};
	(void)state;

	buf_puts(&out, "kept");
	assert_int_equal(mustache_render("{{>r}}", 6, NULL, &opt, &out, &err), -1);
	assert_string_equal(buf_str(&out), "kept");
	value_free(parts);
	buf_release(&out);
	buf_release(&err);
}

/* ---------------------------------------------------------------- robustness */

static void recursive_partials_stop_with_an_error(void **state)
{
	(void)state;
	assert_error("{{>r}}", "{\"r\": \"{{>r}}\"}",
		     "1:1: in partial 'r': 1:1: partials nested more than 100 deep");
	assert_error("{{<p}}{{/p}}", "{\"p\": \"{{<p}}{{/p}}\"}",
		     "1:1: in partial 'p': 1:1: partials nested more than 100 deep");
}

static void recursive_block_overrides_stop_with_an_error(void **state)
{
	(void)state;
	assert_error("{{<p}}{{$a}}x{{$a}}y{{/a}}{{/a}}{{/p}}", "{\"p\": \"{{$a}}{{/a}}\"}",
		     "1:14: blocks nested more than 100 deep");
}

static void deeply_nested_sections_are_refused(void **state)
{
	struct buf t = BUF_INIT;
	char *got;
	int i;
	(void)state;

	for (i = 0; i < 5000; i++)
		buf_puts(&t, "{{#a}}");
	got = error_of(buf_str(&t), NULL);
	assert_string_equal(got, "1:601: sections nested more than 100 deep");
	free(got);
	buf_release(&t);
}

static void exponential_partials_hit_the_output_limit(void **state)
{
	struct buf p = BUF_INIT;
	char *got;
	int i;
	(void)state;

	/* p0 = 1 KiB of text; p(k) = p(k-1) twice: 2^40 KiB if nothing stopped it (the helper
	 * render() sets a 1 MiB output limit) */
	buf_puts(&p, "{\"p0\": \"");
	for (i = 0; i < 1024; i++)
		buf_putc(&p, 'x');
	buf_putc(&p, '"');
	for (i = 1; i <= 40; i++)
		buf_printf(&p, ", \"p%d\": \"{{>p%d}}{{>p%d}}\"", i, i - 1, i - 1);
	buf_putc(&p, '}');
	got = error_of("{{>p40}}", buf_str(&p));
	assert_non_null(strstr(got, "output larger than 1048576 bytes"));
	free(got);
	buf_release(&p);
}

static void random_templates_never_crash(void **state)
{
	static const char *const bits[] = {
	    "{{",     "}}",	"{{{",	  "}}}",    "#a",     "^a",	"/a",	     "!",  "=",
	    "<% %>",  "<%",	"%>",	  ">p",	    "<p",     "$b",	"/b",	     "/p", "&",
	    ".",      "a.b",	" ",	  "\n",	    "\r\n",   "x",	"{{=| |=}}", "|",  "{{#a}}",
	    "{{/a}}", "{{$b}}", "{{/b}}", "{{<p}}", "{{/p}}", "{{>p}}", "\t",	     "é",
	};
	struct value *ctx = parse("{\"a\": [1, {\"a\": false}], \"b\": \"x\"}");
	struct value *parts = parse("{\"p\": \"{{$b}}d{{/b}}{{#a}}{{>p}}{{/a}}\"}");
	struct mustache_options opt = {mustache_escape_markdown, object_partial, parts, 0, NULL};
	unsigned seed = 12345;
	int i, j, ok = 0;
	(void)state;

	for (i = 0; i < 3000; i++) {
		struct buf t = BUF_INIT, out = BUF_INIT, err = BUF_INIT;
		int n = (int)(seed % 24);

		for (j = 0; j < n; j++) {
			seed = seed * 1103515245u + 12345u;
			buf_puts(&t, bits[(seed >> 16) % (sizeof(bits) / sizeof(bits[0]))]);
		}
		seed = seed * 1103515245u + 12345u;
		if (mustache_render(buf_str(&t), t.len, ctx, &opt, &out, &err) == 0)
			ok++;
		else
			assert_true(err.len > 0 && strchr(buf_str(&err), ':'));
		buf_release(&t);
		buf_release(&out);
		buf_release(&err);
	}
	assert_true(ok > 0);
	value_free(ctx);
	value_free(parts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(the_official_spec_passes_in_full),
	    cmocka_unit_test(markdown_escaping_shows_a_hostile_model_name_literally),
	    cmocka_unit_test(markdown_escaping_keeps_values_on_their_line),
	    cmocka_unit_test(markdown_escaping_defuses_entities_autolinks_and_code),
	    cmocka_unit_test(markdown_escaping_leaves_letters_digits_and_utf8_alone),
	    cmocka_unit_test(html_escaping_covers_quotes_and_apostrophes),
	    cmocka_unit_test(no_escaper_means_raw_output),
	    cmocka_unit_test(numbers_print_in_shortest_round_trip_form),
	    cmocka_unit_test(empty_strings_are_falsy_but_zero_is_truthy),
	    cmocka_unit_test(booleans_arrays_and_objects_interpolate_visibly),
	    cmocka_unit_test(a_compiled_template_renders_many_times_alike),
	    cmocka_unit_test(unclosed_sections_are_reported_where_they_open),
	    cmocka_unit_test(mismatched_closing_tags_name_both_tags),
	    cmocka_unit_test(unclosed_tags_are_reported_where_they_start),
	    cmocka_unit_test(bad_set_delimiter_tags_are_errors),
	    cmocka_unit_test(malformed_names_are_errors),
	    cmocka_unit_test(errors_inside_partials_name_the_partial),
	    cmocka_unit_test(every_syntax_error_is_reported_on_a_line_of_its_own),
	    cmocka_unit_test(compilation_stops_writing_errors_after_the_limit),
	    cmocka_unit_test(unknown_names_are_reported_once_per_tag_with_their_place),
	    cmocka_unit_test(sections_over_missing_names_and_nulls_are_not_unknown),
	    cmocka_unit_test(every_partial_tag_is_listed_with_its_place),
	    cmocka_unit_test(a_failed_render_leaves_the_output_untouched),
	    cmocka_unit_test(recursive_partials_stop_with_an_error),
	    cmocka_unit_test(recursive_block_overrides_stop_with_an_error),
	    cmocka_unit_test(deeply_nested_sections_are_refused),
	    cmocka_unit_test(exponential_partials_hit_the_output_limit),
	    cmocka_unit_test(random_templates_never_crash),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
