/* Unit tests of value.c: the node layout, compacted objects and streamed JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"
#include "value.h"

/* A report's cell row: the keys benchmark_entry() gives each model. */
static struct value *row(const char *model, double v)
{
	struct value *e = value_object();
	value_set_string(e, "model", model);
	value_set_number(e, "value", v);
	value_set_statistic(e, "z", v / 3);
	value_set_null(e, "expected");
	value_set_statistic(e, "residual", -v);
	return e;
}

static char *json(const struct value *v)
{
	struct buf b = BUF_INIT;
	value_write_json(&b, v, 2);
	return buf_detach(&b);
}

static void a_node_is_40_bytes_and_scalars_have_no_items(void **state)
{
	struct value *s = value_string("text"), *x = value_number(2.5), *t = value_bool(true);
	(void)state;
	assert_true(sizeof(struct value) <= 40);
	/* n is outside the union: a loop over a scalar's items runs no step */
	assert_int_equal(s->n, 0);
	assert_int_equal(x->n, 0);
	assert_int_equal(t->n, 0);
	assert_string_equal(s->string, "text");
	assert_int_equal(s->len, 4);
	assert_true(x->number == 2.5);
	assert_string_equal(value_number_text(x), "2.5");
	value_free(s);
	value_free(x);
	value_free(t);
}

static void compacted_rows_share_one_key_list_and_print_the_same(void **state)
{
	struct value *a = row("m1", 1), *b = row("m2", 2), *c = value_object();
	char *before_a = json(a), *before_b = json(b), *after;
	(void)state;
	value_set_string(c, "model", "m3"); /* another layout: its own list */
	value_compact(a);
	value_compact(b);
	value_compact(c);
	assert_true(a->shared_keys && b->shared_keys && c->shared_keys);
	assert_ptr_equal(a->keys, b->keys);
	assert_ptr_not_equal(a->keys, c->keys);
	assert_int_equal(a->cap, a->n); /* items trimmed to size */
	after = json(a);
	assert_string_equal(after, before_a);
	free(after);
	after = json(b);
	assert_string_equal(after, before_b);
	free(after);
	assert_true(value_num(b, "residual") == -2);
	free(before_a);
	free(before_b);
	value_free(a);
	value_free(b);
	value_free(c);
}

static void a_compacted_row_changed_gets_its_own_keys_and_leaves_the_others(void **state)
{
	struct value *a = row("m1", 1), *b = row("m2", 2), *d = row("m4", 4), *copy;
	const char **shared;
	(void)state;
	value_compact(a);
	value_compact(b);
	value_compact(d);
	shared = b->keys;
	value_set_bool(a, "imputed", true); /* a new key */
	assert_false(a->shared_keys);
	assert_ptr_not_equal(a->keys, shared);
	assert_int_equal(a->n, 6);
	assert_true(value_get(a, "imputed")->boolean);
	value_set_number(b, "value", 7); /* an existing key: the list stays shared */
	assert_true(b->shared_keys);
	assert_true(value_num(b, "value") == 7);
	value_remove(d, "z");
	assert_false(d->shared_keys);
	assert_null(value_get(d, "z"));
	assert_int_equal(d->n, 4);
	/* the shared list is untouched: b still has every key, in order */
	assert_ptr_equal(b->keys, shared);
	assert_string_equal(b->keys[2], "z");
	assert_int_equal(b->n, 5);
	copy = value_copy(b);
	assert_false(copy->shared_keys);
	assert_true(value_num(copy, "z") == 2.0 / 3);
	value_free(copy);
	value_free(a);
	value_free(b);
	value_free(d);
}

static void not_an_object_is_left_alone(void **state)
{
	struct value *arr = value_array(), *empty = value_object();
	(void)state;
	value_push(arr, value_number(1));
	value_compact(arr);
	value_compact(empty);
	value_compact(NULL);
	assert_int_equal(arr->n, 1);
	assert_false(empty->shared_keys);
	value_set_number(empty, "k", 1);
	assert_true(value_num(empty, "k") == 1);
	value_free(arr);
	value_free(empty);
}

/* A sink that keeps what it is handed, and fails from its fail_at-th call on. */
struct sink {
	struct buf got;
	int calls, fail_at;
};

static int put(void *ctx, const char *data, size_t len)
{
	struct sink *k = ctx;
	if (++k->calls >= k->fail_at)
		return -1;
	buf_add(&k->got, data, len);
	return 0;
}

static void streamed_json_is_the_written_json_and_stops_at_a_failure(void **state)
{
	struct value *list = value_array();
	struct sink ok = {BUF_INIT, 0, 1 << 30}, failing = {BUF_INIT, 0, 2};
	char *whole;
	(void)state;
	for (int i = 0; i < 20000; i++) { /* megabytes: many pieces of ~64 KiB */
		struct value *r = value_push(list, row("model \"quoted\" <x>", i));
		value_compact(r);
	}
	whole = json(list);
	assert_int_equal(value_write_json_to(put, &ok, list, 2), 0);
	assert_true(ok.calls > 10);
	assert_int_equal(ok.got.len, strlen(whole));
	assert_memory_equal(ok.got.data, whole, ok.got.len);
	/* the second piece fails: -1, and nothing is handed over after it */
	assert_int_equal(value_write_json_to(put, &failing, list, 2), -1);
	assert_int_equal(failing.calls, 2);
	buf_release(&ok.got);
	buf_release(&failing.got);
	free(whole);
	value_free(list);
}

/* Keys are looked up through a cache by address: a buffer reused for another key must still
 * find that key, and an interned key passed back must find itself. */
static void a_key_buffer_reused_for_another_key_finds_that_key(void **state)
{
	struct value *o = value_object();
	char key[16];
	(void)state;
	strcpy(key, "alpha");
	value_set_number(o, key, 1);
	assert_true(value_num(o, key) == 1);
	strcpy(key, "beta"); /* the same address, another key */
	assert_null(value_get(o, key));
	value_set_number(o, key, 2);
	strcpy(key, "alpha");
	assert_true(value_num(o, key) == 1);
	assert_true(value_num(o, "beta") == 2);
	strcpy(key, "gamma"); /* never set anywhere */
	assert_null(value_get(o, key));
	assert_null(value_key(key));
	assert_true(value_get_key(o, value_key("beta")) == value_get(o, "beta"));
	assert_true(value_num(o, value_key("alpha")) == 1); /* an interned key passed back */
	assert_int_equal(o->n, 2);
	value_free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_node_is_40_bytes_and_scalars_have_no_items),
	    cmocka_unit_test(compacted_rows_share_one_key_list_and_print_the_same),
	    cmocka_unit_test(a_compacted_row_changed_gets_its_own_keys_and_leaves_the_others),
	    cmocka_unit_test(not_an_object_is_left_alone),
	    cmocka_unit_test(streamed_json_is_the_written_json_and_stops_at_a_failure),
	    cmocka_unit_test(a_key_buffer_reused_for_another_key_finds_that_key),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	value_release_all();
	return rc;
}
