/*
 * test_doc_api.c - the clint_doc accessors (src/lib/doc.c) on NULL, out
 * of range and edge arguments, and the loaders on odd inputs: a NULL
 * name, NULL data, a directory, an empty file, a name with no extension.
 */
#include "unit.h"
#include "internal.h"  /* CLINT_CHAR_MARK */

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

/* Columns count characters, not bytes, from the start of the line: the
 * same whether the line is short (counted directly) or longer than
 * CLINT_CHAR_MARK bytes (counted through the character marks). */
static void test_locate_columns(void **state)
{
	/* "é" is 2 bytes, "€" 3; the long line has 3000 of each plus ASCII,
	 * some 15 000 bytes across several character marks */
	size_t n = 3000, i, len, off;
	char *text = malloc(16 + n * 5 + 16), *p = text;
	clint_doc *doc;
	clint_location loc;
	const char *t;

	(void)state;
	assert_non_null(text);
	p += sprintf(p, "1. \xc3\xa9t\xc3\xa9\n");
	for (i = 0; i < n; i++)
		p += sprintf(p, "\xc3\xa9\xe2\x82\xac");
	p += sprintf(p, "end\n");
	doc = unit_text(text);
	t = clint_doc_text(doc, &len);
	/* the short line: "1. é" is 4 characters, so "t" is column 5 */
	off = (size_t)(strstr(t, "t") - t);
	assert_int_equal(clint_doc_locate(doc, off, &loc), CLINT_OK);
	assert_int_equal(loc.line, 1);
	assert_int_equal(loc.column, 5);
	/* the long line: before "end" come 2 * n characters in 5 * n bytes */
	off = (size_t)(strstr(t, "end") - t);
	assert_true(off - (size_t)(strchr(t, '\n') + 1 - t) > CLINT_CHAR_MARK);
	assert_int_equal(clint_doc_locate(doc, off, &loc), CLINT_OK);
	assert_int_equal(loc.line, 2);
	assert_int_equal(loc.column, 2 * n + 1);
	/* the 100th "€" of the long line, within the first mark */
	off = (size_t)(strchr(t, '\n') + 1 - t) + 99 * 5 + 2;
	assert_int_equal(clint_doc_locate(doc, off, &loc), CLINT_OK);
	assert_int_equal(loc.line, 2);
	assert_int_equal(loc.column, 2 * 99 + 2);
	clint_doc_free(doc);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accessors_refuse_bad_arguments),
		cmocka_unit_test(test_loaders_odd_inputs),
		cmocka_unit_test(test_locate_columns),
	};
	return cmocka_run_group_tests_name("doc_api", tests, NULL, NULL);
}
