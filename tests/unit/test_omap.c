/*
 * test_omap.c - offset maps from a derived buffer back to its source
 * (src/lib/omap.c). The static omap_push() is reached through the module.
 */
#include "unit.h"

#include "../../src/lib/omap.c"

static void test_identity(void **state)
{
	clint_omap m;
	size_t i;

	(void)state;
	memset(&m, 0, sizeof(m));
	assert_int_equal(clint_omap_copy(&m, 0, 0), CLINT_OK);
	clint_omap_finish(&m, 10, 10);
	assert_int_equal(m.count, 1);
	for (i = 0; i <= 10; i++)
		assert_int_equal(clint_omap_map(&m, i), i);
	/* past the end: clamped */
	assert_int_equal(clint_omap_map(&m, 11), 10);
	assert_int_equal(clint_omap_map(&m, (size_t)-1), 10);
	clint_omap_free(&m);
	assert_null(m.runs);
	assert_int_equal(m.count, 0);
}

static void test_empty_map(void **state)
{
	clint_omap m;

	(void)state;
	memset(&m, 0, sizeof(m));
	clint_omap_finish(&m, 5, 3);
	/* no runs: offsets map to themselves, clamped to both lengths */
	assert_int_equal(clint_omap_map(&m, 0), 0);
	assert_int_equal(clint_omap_map(&m, 2), 2);
	assert_int_equal(clint_omap_map(&m, 4), 3);
	assert_int_equal(clint_omap_map(&m, 100), 3);
	clint_omap_free(&m);
}

static void test_continuing_copy_runs_merge(void **state)
{
	clint_omap m;

	(void)state;
	memset(&m, 0, sizeof(m));
	assert_int_equal(clint_omap_copy(&m, 0, 0), CLINT_OK);
	/* continues the run: nothing added */
	assert_int_equal(clint_omap_copy(&m, 5, 5), CLINT_OK);
	assert_int_equal(clint_omap_copy(&m, 9, 9), CLINT_OK);
	assert_int_equal(m.count, 1);
	/* a jump in the source starts a new run */
	assert_int_equal(clint_omap_copy(&m, 12, 20), CLINT_OK);
	assert_int_equal(m.count, 2);
	/* two replace runs never merge */
	assert_int_equal(clint_omap_replace(&m, 14, 22), CLINT_OK);
	assert_int_equal(clint_omap_replace(&m, 15, 22), CLINT_OK);
	assert_int_equal(m.count, 4);
	/* a run at the same derived offset overrides the last one */
	assert_int_equal(clint_omap_copy(&m, 15, 30), CLINT_OK);
	assert_int_equal(m.count, 4);
	assert_int_equal(m.runs[3].from, 15);
	assert_int_equal(m.runs[3].to, 30);
	assert_int_equal(m.runs[3].copy, 1);
	clint_omap_finish(&m, 20, 40);
	assert_int_equal(clint_omap_map(&m, 11), 11);
	assert_int_equal(clint_omap_map(&m, 12), 20);
	assert_int_equal(clint_omap_map(&m, 13), 21);
	assert_int_equal(clint_omap_map(&m, 14), 22);
	assert_int_equal(clint_omap_map(&m, 15), 30);
	assert_int_equal(clint_omap_map(&m, 17), 32);
	clint_omap_free(&m);
}

/*
 * Source "a\u2013b  c" (a, EN DASH in 3 bytes, b, two spaces, c) derived
 * as "a-b c": copy, replace, copy, replace (the space), copy.
 *   source: a=0 dash=1..4 b=4 sp=5 sp=6 c=7  (length 8)
 *   derived: a=0 -=1 b=2 sp=3 c=4            (length 5)
 */
static void build_dash_map(clint_omap *m)
{
	memset(m, 0, sizeof(*m));
	assert_int_equal(clint_omap_copy(m, 0, 0), CLINT_OK);
	assert_int_equal(clint_omap_replace(m, 1, 1), CLINT_OK);
	assert_int_equal(clint_omap_copy(m, 2, 4), CLINT_OK);
	assert_int_equal(clint_omap_replace(m, 3, 5), CLINT_OK);
	assert_int_equal(clint_omap_copy(m, 4, 7), CLINT_OK);
	clint_omap_finish(m, 5, 8);
}

static void test_copy_and_replace_runs(void **state)
{
	clint_omap m;

	(void)state;
	build_dash_map(&m);
	assert_int_equal(m.count, 5);
	assert_int_equal(clint_omap_map(&m, 0), 0);  /* a */
	assert_int_equal(clint_omap_map(&m, 1), 1);  /* - -> start of the dash */
	assert_int_equal(clint_omap_map(&m, 2), 4);  /* b */
	assert_int_equal(clint_omap_map(&m, 3), 5);  /* space -> first space */
	assert_int_equal(clint_omap_map(&m, 4), 7);  /* c */
	/* the end of the derived text is the end of the source */
	assert_int_equal(clint_omap_map(&m, 5), 8);
	assert_int_equal(clint_omap_map(&m, 6), 8);
	/* a derived range maps to the source range holding the original */
	assert_int_equal(clint_omap_map(&m, 0), 0);
	assert_int_equal(clint_omap_map(&m, 3), 5); /* "a-b" -> "a\u2013b" */
	clint_omap_free(&m);
}

static void test_replace_run_spanning_several_bytes(void **state)
{
	clint_omap m;

	(void)state;
	/* "ffi" (3 derived bytes) replaces one 3-byte ligature at source 4;
	 * every derived offset inside maps to the ligature's start */
	memset(&m, 0, sizeof(m));
	assert_int_equal(clint_omap_copy(&m, 0, 0), CLINT_OK);
	assert_int_equal(clint_omap_replace(&m, 4, 4), CLINT_OK);
	assert_int_equal(clint_omap_copy(&m, 7, 7), CLINT_OK);
	clint_omap_finish(&m, 10, 10);
	assert_int_equal(clint_omap_map(&m, 3), 3);
	assert_int_equal(clint_omap_map(&m, 4), 4);
	assert_int_equal(clint_omap_map(&m, 5), 4);
	assert_int_equal(clint_omap_map(&m, 6), 4);
	assert_int_equal(clint_omap_map(&m, 7), 7);
	assert_int_equal(clint_omap_map(&m, 10), 10);
	clint_omap_free(&m);
}

static void test_map_at_end_replace(void **state)
{
	clint_omap m;

	(void)state;
	/* derived "abc" from source "abc   " (trailing spaces dropped), with
	 * the end mapped to the end of the last character */
	memset(&m, 0, sizeof(m));
	assert_int_equal(clint_omap_copy(&m, 0, 0), CLINT_OK);
	assert_int_equal(clint_omap_replace(&m, 3, 3), CLINT_OK);
	clint_omap_finish(&m, 3, 6);
	assert_int_equal(clint_omap_map(&m, 2), 2);
	assert_int_equal(clint_omap_map(&m, 3), 3);
	assert_int_equal(clint_omap_map(&m, 4), 3);
	clint_omap_free(&m);
}

static void test_map_clamped_to_source(void **state)
{
	clint_omap m;

	(void)state;
	/* a copy run that would run past the source is clamped */
	memset(&m, 0, sizeof(m));
	assert_int_equal(clint_omap_copy(&m, 0, 2), CLINT_OK);
	clint_omap_finish(&m, 10, 6);
	assert_int_equal(clint_omap_map(&m, 0), 2);
	assert_int_equal(clint_omap_map(&m, 3), 5);
	assert_int_equal(clint_omap_map(&m, 4), 6);
	assert_int_equal(clint_omap_map(&m, 9), 6);
	clint_omap_free(&m);
}

static void test_many_runs_binary_search(void **state)
{
	clint_omap m;
	size_t i;

	(void)state;
	/* derived byte 2k is a copy of source 3k, 2k+1 replaces source 3k+1
	 * (each source triple "x  " became "x ") */
	memset(&m, 0, sizeof(m));
	for (i = 0; i < 1000; i++) {
		assert_int_equal(clint_omap_copy(&m, 2 * i, 3 * i), CLINT_OK);
		assert_int_equal(clint_omap_replace(&m, 2 * i + 1, 3 * i + 1),
		                 CLINT_OK);
	}
	clint_omap_finish(&m, 2000, 3000);
	assert_int_equal(m.count, 2000);
	for (i = 0; i < 1000; i++) {
		assert_int_equal(clint_omap_map(&m, 2 * i), 3 * i);
		assert_int_equal(clint_omap_map(&m, 2 * i + 1), 3 * i + 1);
	}
	assert_int_equal(clint_omap_map(&m, 2000), 2998); /* last replace run */
	clint_omap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_empty_map),
		cmocka_unit_test(test_continuing_copy_runs_merge),
		cmocka_unit_test(test_copy_and_replace_runs),
		cmocka_unit_test(test_replace_run_spanning_several_bytes),
		cmocka_unit_test(test_map_at_end_replace),
		cmocka_unit_test(test_map_clamped_to_source),
		cmocka_unit_test(test_many_runs_binary_search),
	};

	return cmocka_run_group_tests_name("omap", tests, NULL, NULL);
}
