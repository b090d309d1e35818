#include "import.h"

#include <math.h>

#include "buf.h"
#include "content.h"

/*
 * A score as {value, stderr, n}; an unknown stderr (non-finite or negative) or n (also
 * fractional: content_load() wants a count) is left out.
 */
struct value *import_score_object(double value, double err, double n)
{
	struct value *score = value_object();
	value_set_number(score, "value", value);
	if (isfinite(err) && err >= 0)
		value_set_number(score, "stderr", err);
	if (isfinite(n) && n >= 0 && n == floor(n))
		value_set_number(score, "n", n);
	return score;
}

/* Load an existing JSON object file or start a new one; NULL after a diagnostic. */
struct value *import_load_or_new(const char *path)
{
	struct value *v;
	if (!path_is_file(path))
		return value_object();
	v = content_read_json(path);
	if (v && v->kind != VALUE_OBJECT) {
		diag_error(path, v->line, v->col, "the top level must be an object");
		value_free(v);
		return NULL;
	}
	return v;
}

/* Add v as pretty JSON at path to the files an import writes together. */
int import_add_json_file(struct file_set *fs, const char *path, const struct value *v)
{
	struct buf out = BUF_INIT;
	int rc;
	value_write_json(&out, v, 2);
	rc = file_set_add(fs, path, out.data, out.len);
	buf_release(&out);
	return rc;
}

/* Put the files in place, unless the import was interrupted (then nothing is). */
int import_commit_files(struct file_set *fs)
{
	if (interrupted()) {
		file_set_abort(fs);
		return -1;
	}
	return file_set_commit(fs);
}

/* The number under key in task (or "" when key is absent); NAN when absent or not a number. */
double import_number(const struct value *task, const char *key)
{
	const struct value *v = value_get(task, key);
	return v && v->kind == VALUE_NUMBER ? v->number : NAN;
}
