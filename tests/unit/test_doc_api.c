/*
 * test_doc_api.c - the clint_doc accessors (src/lib/doc.c) on NULL, out
 * of range and edge arguments, and the loaders on odd inputs: a NULL
 * name, NULL data, a directory, an empty file, a name with no extension.
 */
#include "unit.h"

#include <sys/stat.h>

static void test_accessors_refuse_bad_arguments(void **state)
{
	clint_doc *doc = unit_text("1. Fees\n\n\"Fees\" means the charges. "
	                           "The Client pays the Fees.\n");
	clint_annotation a;
	clint_block b;
	clint_section s;
	clint_definition d;
	clint_location loc;
	size_t st, en;

	(void)state;
	assert_int_equal(clint_doc_annotation_count(NULL), 0);
	assert_int_equal(clint_doc_annotation(NULL, 0, &a), CLINT_EINVAL);
	assert_int_equal(clint_doc_annotation(doc, 0, &a), CLINT_EINVAL);
	assert_int_equal(clint_doc_block_count(NULL), 0);
	assert_int_equal(clint_doc_block(NULL, 0, &b), CLINT_EINVAL);
	assert_int_equal(clint_doc_block(doc, 0, NULL), CLINT_EINVAL);
	assert_int_equal(clint_doc_block(doc, 99, &b), CLINT_EINVAL);
	assert_int_equal(clint_doc_section_count(NULL), 0);
	assert_int_equal(clint_doc_section(NULL, 0, &s), CLINT_EINVAL);
	assert_int_equal(clint_doc_section(doc, 0, NULL), CLINT_EINVAL);
	assert_int_equal(clint_doc_section(doc, 99, &s), CLINT_EINVAL);
	assert_int_equal(clint_doc_definition_count(NULL), 0);
	assert_int_equal(clint_doc_definition(NULL, 0, &d), CLINT_EINVAL);
	assert_int_equal(clint_doc_definition(doc, 0, NULL), CLINT_EINVAL);
	assert_int_equal(clint_doc_definition(doc, 99, &d), CLINT_EINVAL);
	assert_int_equal(clint_doc_sentence_count(NULL), 0);
	assert_int_equal(clint_doc_sentence(NULL, 0, &st, &en), CLINT_EINVAL);
	assert_int_equal(clint_doc_sentence(doc, 99, &st, &en), CLINT_EINVAL);
	assert_int_equal(clint_doc_format(NULL), CLINT_INPUT_AUTO);
	assert_string_equal(clint_input_format_name((clint_input_format)99),
	                    "unknown");
	/* the real ones work */
	assert_true(clint_doc_definition_count(doc) >= 1);
	assert_int_equal(clint_doc_definition(doc, 0, &d), CLINT_OK);
	assert_string_equal(d.term, "Fees");
	assert_true(d.def_end > d.def_start);
	assert_true(clint_doc_sentence_count(doc) >= 2);
	assert_int_equal(clint_doc_sentence(doc, 0, &st, &en), CLINT_OK);
	assert_true(en > st);
	/* an offset past the end is located where the text ends */
	{
		clint_location end;
		size_t len;
		clint_doc_text(doc, &len);
		assert_int_equal(clint_doc_locate(doc, 100000, &loc), CLINT_OK);
		assert_int_equal(clint_doc_locate(doc, len, &end), CLINT_OK);
		assert_int_equal(loc.line, end.line);
		assert_int_equal(loc.column, end.column);
		assert_true(loc.line >= 3);
	}
	clint_doc_free(doc);
	clint_doc_free(NULL);
}

static void test_loaders_odd_inputs(void **state)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;
	clint_diag *diag = NULL;
	char dir[] = "/tmp/clint-dir-XXXXXX";
	char *empty;

	(void)state;
	assert_int_equal(clint_diag_new(&diag), CLINT_OK);
	/* no name: "<buffer>" */
	assert_int_equal(clint_doc_load_buffer(&doc, NULL, "Text.", 5, NULL, diag),
	                 CLINT_OK);
	assert_string_equal(clint_doc_name(doc), "<buffer>");
	clint_doc_free(doc);
	doc = NULL;
	assert_int_equal(clint_doc_load_buffer(&doc, "x", NULL, 5, &o, diag),
	                 CLINT_EINVAL);
	assert_int_equal(clint_doc_load_buffer(NULL, "x", "Text.", 5, &o, diag),
	                 CLINT_EINVAL);
	/* NULL data of length 0 is an empty document */
	assert_int_equal(clint_doc_load_buffer(&doc, "e.txt", NULL, 0, &o, diag),
	                 CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 0);
	clint_doc_free(doc);
	doc = NULL;
	/* a directory is refused with a reason */
	assert_non_null(mkdtemp(dir));
	clint_diag_clear(diag);
	assert_true(clint_doc_load_file(&doc, dir, &o, diag) < 0);
	assert_null(doc);
	assert_true(unit_diag_find(diag, "directory") >= 0);
	rmdir(dir);
	/* an empty file loads as an empty document */
	empty = unit_temp_file("", 0);
	assert_int_equal(clint_doc_load_file(&doc, empty, &o, diag), CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 0);
	clint_doc_free(doc);
	unlink(empty);
	free(empty);
	clint_diag_free(diag);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accessors_refuse_bad_arguments),
		cmocka_unit_test(test_loaders_odd_inputs),
	};
	return cmocka_run_group_tests_name("doc_api", tests, NULL, NULL);
}
