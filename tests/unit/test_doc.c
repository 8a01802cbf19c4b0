/*
 * test_doc.c - the document model (src/lib/doc.c): the stages that run
 * when first needed. Loading a document runs extract, normalise and
 * segment; the values are found the first time something asks for them
 * (the value accessors, clint_check()), once, also when threads ask at
 * the same time, and with the same result as before.
 */
#include "unit.h"

#include <pthread.h>

#include "internal.h"

static const char contract[] =
	"1. Charges\n\n"
	"1.1 The Client shall pay USD 10,000 per month within thirty (30) days "
	"of the invoice.\n\n"
	"2. Service Levels\n\n"
	"2.1 The Services shall be available 99.5 % of the time; a Service "
	"Credit of 5 % of the monthly Charges applies.\n";

static void test_values_found_when_asked(void **state)
{
	clint_doc *doc = unit_text(contract);
	clint_value v;

	(void)state;
	assert_int_equal(doc->values_state, 0);
	assert_int_equal(doc->value_count, 0);
	assert_int_equal(clint_doc_value_count(doc), 4);
	assert_int_equal(doc->values_state, 1);
	assert_int_equal(clint_doc_value(doc, 0, &v), CLINT_OK);
	assert_int_equal(v.kind, CLINT_VALUE_MONEY);
	assert_true(v.amount == 10000);
	assert_string_equal(v.currency, "USD");
	unit_assert_slice(doc, v.start, v.end, "USD 10,000");
	assert_int_equal(clint_doc_value(doc, 1, &v), CLINT_OK);
	assert_int_equal(v.kind, CLINT_VALUE_DURATION);
	assert_true(v.days == 30);
	/* asking again finds nothing new */
	assert_int_equal(clint_doc_value_count(doc), 4);
	assert_int_equal(clint_doc_value(doc, 4, &v), CLINT_EINVAL);
	clint_doc_free(doc);
}

static void test_check_finds_values(void **state)
{
	clint_ruleset *rs = NULL;
	clint_result *res = NULL;
	clint_doc *doc = unit_text(contract);

	(void)state;
	assert_int_equal(clint_ruleset_load(&rs, NULL, NULL), CLINT_OK);
	assert_int_equal(doc->values_state, 0);
	assert_int_equal(clint_check(&res, rs, doc, NULL, NULL), CLINT_OK);
	assert_int_equal(doc->values_state, 1);
	assert_int_equal(doc->value_count, 4);
	clint_result_free(res);
	clint_ruleset_free(rs);
	clint_doc_free(doc);
}

static void *count_values(void *doc)
{
	return (void *)(uintptr_t)clint_doc_value_count(doc);
}

static void test_values_once_across_threads(void **state)
{
	clint_doc *doc = unit_text(contract);
	pthread_t t[8];
	void *n;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(t); i++)
		assert_int_equal(pthread_create(&t[i], NULL, count_values, doc), 0);
	for (i = 0; i < ARRAY_LEN(t); i++) {
		assert_int_equal(pthread_join(t[i], &n), 0);
		assert_int_equal((uintptr_t)n, 4);
	}
	assert_int_equal(doc->value_count, 4);
	clint_doc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_found_when_asked),
		cmocka_unit_test(test_check_finds_values),
		cmocka_unit_test(test_values_once_across_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
