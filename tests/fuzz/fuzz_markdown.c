/*
 * fuzz_markdown.c - libFuzzer harness for markdown_to_html() (generator/markdown.h).
 *
 * Any bytes are rendered. Checked: the call succeeds (it fails only when cmark-gfm's
 * extensions are missing), appends to the output without overwriting it, and the output
 * never contains a <script tag or a javascript: link (the module promises safe mode).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "markdown.h"
#include "util.h"

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_quiet_warnings(true);
	fuzz_quiet_stderr();
	return 0;
}

/* Case-insensitive search for needle in the n bytes at s. */
static int contains_ci(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, needle, k) == 0)
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char prefix[] = "<p>kept</p>\n";
	struct buf out = BUF_INIT;

	buf_puts(&out, prefix);
	if (markdown_to_html((const char *)data, size, &out) != 0)
		fuzz_fail("markdown_to_html failed");
	if (out.len < sizeof(prefix) - 1 || memcmp(buf_str(&out), prefix, sizeof(prefix) - 1))
		fuzz_fail("markdown_to_html overwrote the output");
	if (contains_ci(buf_str(&out), out.len, "<script"))
		fuzz_fail("raw HTML <script> reached the output");
	if (contains_ci(buf_str(&out), out.len, "href=\"javascript:"))
		fuzz_fail("a javascript: link reached the output");
	buf_release(&out);
	return 0;
}
