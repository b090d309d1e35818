/*
 * fuzz_json.c - libFuzzer harness for json_parse() and json_parse_python() (generator/json.h).
 *
 * Any bytes go to json_parse(). A tree that parses is written back with value_write_json()
 * (compact and pretty), which must parse again and give the same compact text (the writer's
 * output is a fixed point); the streaming writer value_write_json_file() must give the same
 * bytes as value_write_json(); a failure must come with a position inside the text.
 *
 * The same bytes then go to json_parse_python(). JSON has no bare NaN or Infinity, so text
 * that json_parse() accepts must be accepted too and give the same compact text; whatever
 * json_parse_python() accepts must write out as compact text that json_parse() accepts (its
 * NaN and Infinity became null); a failure must come with a position and a message.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "json.h"
#include "util.h"
#include "value.h"

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

/* value_write_json_file() through a memory stream must match value_write_json(). */
static void check_streaming(const struct value *v, int indent, const struct buf *expect)
{
	char *mem = NULL;
	size_t memlen = 0;
	FILE *f = open_memstream(&mem, &memlen);

	if (!f)
		abort();
	if (value_write_json_file(f, v, indent) != 0)
		fuzz_fail("value_write_json_file failed on a memory stream");
	if (fclose(f) != 0)
		abort();
	if (memlen != expect->len || memcmp(mem, buf_str(expect), memlen) != 0)
		fuzz_fail("value_write_json_file and value_write_json disagree");
	free(mem);
}

/*
 * json_parse_python() over the same bytes; compact is json_parse()'s compact text, or NULL
 * when json_parse() refused them.
 */
static void check_python(const uint8_t *data, size_t size, const struct buf *compact)
{
	struct json_error err;
	struct value *v, *again;
	struct buf out = BUF_INIT;

	memset(&err, 0, sizeof(err));
	v = json_parse_python((const char *)data, size, &err);
	if (!v) {
		if (compact)
			fuzz_fail("json_parse_python rejects text that json_parse accepts");
		if (err.line == 0 || err.col == 0 || err.msg[0] == '\0')
			fuzz_fail("json_parse_python failed without a position or message");
		return;
	}
	value_write_json(&out, v, 0);
	if (compact &&
	    (out.len != compact->len || memcmp(buf_str(&out), buf_str(compact), out.len)))
		fuzz_fail("json_parse_python and json_parse disagree on JSON text");
	memset(&err, 0, sizeof(err));
	again = json_parse(buf_str(&out), out.len, &err);
	if (!again)
		fuzz_fail("json_parse rejects value_write_json output of json_parse_python");
	value_free(again);
	value_free(v);
	buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_error err;
	struct value *v, *again = NULL;
	struct buf compact = BUF_INIT, pretty = BUF_INIT, compact2 = BUF_INIT;

	memset(&err, 0, sizeof(err));
	v = json_parse((const char *)data, size, &err);
	if (!v) {
		if (err.line == 0 || err.col == 0 || err.msg[0] == '\0')
			fuzz_fail("json_parse failed without a position or message");
		check_python(data, size, NULL);
		goto out;
	}
	value_write_json(&compact, v, 0);
	value_write_json(&pretty, v, 2);
	check_streaming(v, 0, &compact);
	check_streaming(v, 2, &pretty);

	memset(&err, 0, sizeof(err));
	again = json_parse(buf_str(&compact), compact.len, &err);
	if (!again)
		fuzz_fail("json_parse rejects value_write_json output (compact)");
	value_write_json(&compact2, again, 0);
	if (compact2.len != compact.len ||
	    memcmp(buf_str(&compact2), buf_str(&compact), compact.len))
		fuzz_fail("compact JSON does not round-trip to the same text");
	value_free(again);

	memset(&err, 0, sizeof(err));
	again = json_parse(buf_str(&pretty), pretty.len, &err);
	if (!again)
		fuzz_fail("json_parse rejects value_write_json output (pretty)");
	buf_reset(&compact2);
	value_write_json(&compact2, again, 0);
	if (compact2.len != compact.len ||
	    memcmp(buf_str(&compact2), buf_str(&compact), compact.len))
		fuzz_fail("pretty JSON does not round-trip to the same text");
	check_python(data, size, &compact);
out:
	value_free(again);
	value_free(v);
	buf_release(&compact);
	buf_release(&pretty);
	buf_release(&compact2);
	/* Every tree is freed: give the node pool back so ASan/LSan see the nodes again. */
	value_release_all();
	return 0;
}
