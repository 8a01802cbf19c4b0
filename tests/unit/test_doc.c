/*
 * test_doc.c - the document model (src/lib/doc.c): the stages that run
 * when first needed. Loading a document runs extract only (and normalise
 * for a document of one block, to warn when it is empty); normalise,
 * segment and values run the first time something asks for their
 * results (section, sentence and value accessors, clint_check()), once,
 * also when threads ask at the same time, with the same results.
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

/* Loads without the unit helpers (which ask for the analysis). */
static clint_doc *load(const char *text, clint_diag *diag)
{
	clint_doc *doc = NULL;

	assert_int_equal(clint_doc_load_buffer(&doc, "c.txt", text, strlen(text),
	                                       NULL, diag),
	                 CLINT_OK);
	return doc;
}

static void test_values_found_when_asked(void **state)
{
	clint_doc *doc = load(contract, NULL);
	clint_value v;

	(void)state;
	assert_int_equal(doc->analysis, 0);
	assert_null(doc->norm);
	assert_int_equal(doc->value_count, 0);
	assert_int_equal(clint_doc_value_count(doc), 4);
	assert_int_equal(doc->analysis, 1);
	assert_non_null(doc->norm);
	assert_int_equal(doc->section_count, 4);
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
	clint_doc *doc = load(contract, NULL);

	(void)state;
	assert_int_equal(clint_ruleset_load(&rs, NULL, NULL), CLINT_OK);
	assert_int_equal(doc->analysis, 0);
	assert_int_equal(clint_check(&res, rs, doc, NULL, NULL), CLINT_OK);
	assert_int_equal(doc->analysis, 1);
	assert_int_equal(doc->value_count, 4);
	clint_result_free(res);
	clint_ruleset_free(rs);
	clint_doc_free(doc);
}

/* Sections and sentences are there when asked for, as before. */
static void test_sections_when_asked(void **state)
{
	clint_doc *a = load(contract, NULL), *b = load(contract, NULL);
	clint_section s;
	size_t i, n;

	(void)state;
	assert_int_equal(a->analysis, 0);
	assert_int_equal(clint_doc_section_at(a, unit_offset(a, "USD")), 1);
	assert_int_equal(a->analysis, 1);
	assert_int_equal(clint_doc_section(b, 1, &s), CLINT_OK);
	assert_string_equal(s.label, "\xC2\xA7 1.1 (Charges)");
	n = clint_doc_sentence_count(b);
	assert_int_equal(n, a->sentence_count);
	assert_true(n >= 4);
	for (i = 0; i < n; i++)
		assert_int_equal(b->sentences[i], a->sentences[i]);
	clint_doc_free(a);
	clint_doc_free(b);
}

/* Only a document of one block or none can have no matching text: it is
 * normalised at load to say so; other documents are not. */
static void test_empty_warning_at_load(void **state)
{
	clint_diag *d = NULL;
	clint_doc *doc;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load("  \n\t\n", d);
	assert_int_equal(doc->block_count <= 1, 1);
	assert_true(unit_diag_find(d, "the document has no text") >= 0);
	clint_doc_free(doc);
	clint_diag_free(d);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load("One line.", d);
	assert_int_equal(doc->norm_done, 1);
	assert_int_equal(doc->analysis, 0);
	assert_int_equal(clint_diag_count(d), 0);
	clint_doc_free(doc);
	doc = load(contract, d);
	assert_int_equal(doc->norm_done, 0);
	assert_int_equal(clint_diag_count(d), 0);
	clint_doc_free(doc);
	clint_diag_free(d);
}

static void *count_values(void *doc)
{
	return (void *)(uintptr_t)clint_doc_value_count(doc);
}

static void test_values_once_across_threads(void **state)
{
	clint_doc *doc = load(contract, NULL);
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

/* Whatever bytes an extractor puts, the built text is UTF-8: a byte that
 * starts no valid sequence becomes '?' in place (offsets unchanged). */
static void test_built_text_is_utf8(void **state)
{
	/* a lone continuation byte, a truncated lead, an overlong, a
	 * surrogate, and valid 2-, 3- and 4-byte sequences */
	static const char in[] = "a\xA1\xC2\xA3 \xE1\xA3x \xC0\xAF \xED\xA0\x80 "
	                         "\xE2\x82\xAC \xF0\x9F\x98\x80";
	static const char want[] = "a?\xC2\xA3 ??x ?? ??? \xE2\x82\xAC "
	                           "\xF0\x9F\x98\x80";
	clint_doc *doc = NULL;
	const char *t;
	size_t len;
	char buf[8] = "\xFF\xFE";

	(void)state;
	assert_int_equal(clint_doc_alloc(&doc, "b"), CLINT_OK);
	assert_int_equal(clint_doc_open_block(doc, CLINT_BLOCK_PARAGRAPH, 0, 1, 1, 0),
	                 CLINT_OK);
	assert_int_equal(clint_doc_put(doc, in, sizeof(in) - 1), CLINT_OK);
	assert_int_equal(clint_doc_finish_build(doc), CLINT_OK);
	t = clint_doc_text(doc, &len);
	assert_int_equal(len, sizeof(in) - 1);
	assert_string_equal(t, want);
	assert_true(clint_utf8_valid(t, len));
	clint_doc_free(doc);
	assert_int_equal(clint_utf8_repair(buf, 2), 2);
	assert_string_equal(buf, "??");
	assert_int_equal(clint_utf8_repair(buf, 2), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_built_text_is_utf8),
		cmocka_unit_test(test_values_found_when_asked),
		cmocka_unit_test(test_check_finds_values),
		cmocka_unit_test(test_sections_when_asked),
		cmocka_unit_test(test_empty_warning_at_load),
		cmocka_unit_test(test_values_once_across_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
