/*
 * test_normalize.c - the matching view (src/lib/normalize.c): typography
 * folded to ASCII, white space collapsed, invisible characters dropped,
 * and every matching offset mapped back to the exact original bytes.
 * classify() is static, so the module is included.
 */
#include "unit.h"

#include "../../src/lib/normalize.c"

/* Finds `needle` in doc->norm, maps its range back to the text and checks
 * that the text range holds exactly `original`. */
static void assert_maps_back(const clint_doc *doc, const char *needle,
                             const char *original)
{
	const char *p = strstr(doc->norm, needle);
	size_t ns, ne, ts, te;

	if (!p)
		fail_msg("'%s' is not in the matching text '%s'", needle, doc->norm);
	ns = (size_t)(p - doc->norm);
	ne = ns + strlen(needle);
	ts = clint_doc_norm_to_text(doc, ns);
	te = clint_doc_norm_to_text(doc, ne);
	unit_assert_slice(doc, ts, te, original);
}

static void test_curly_quotes(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text("The \xE2\x80\x9CServices\xE2\x80\x9D are the "
	                "Supplier\xE2\x80\x99s \xE2\x80\x98" "core\xE2\x80\x99 "
	                "work \xC2\xAB" "ok\xC2\xBB.");
	assert_string_equal(doc->norm,
	                    "The \"Services\" are the Supplier's 'core' work \"ok\".");
	assert_maps_back(doc, "\"Services\"",
	                 "\xE2\x80\x9CServices\xE2\x80\x9D");
	assert_maps_back(doc, "Supplier's", "Supplier\xE2\x80\x99s");
	assert_maps_back(doc, "'core'", "\xE2\x80\x98" "core\xE2\x80\x99");
	assert_maps_back(doc, "\"ok\"", "\xC2\xAB" "ok\xC2\xBB");
	clint_doc_free(doc);
}

static void test_white_space_collapsed(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text("  The\xC2\xA0Supplier\t\tshall perform\n"
	                "   the\xE2\x80\x83services  \r\n"
	                "in\xE2\x80\xAF" "full.   ");
	assert_string_equal(doc->norm,
	                    "The Supplier shall perform the services in full.");
	assert_maps_back(doc, "Supplier shall", "Supplier\t\tshall");
	assert_maps_back(doc, "The Supplier", "The\xC2\xA0Supplier");
	assert_maps_back(doc, "perform the services",
	                 "perform\n   the\xE2\x80\x83services");
	assert_maps_back(doc, "in full.", "in\xE2\x80\xAF" "full.");
	/* leading and trailing white space is not matched at all */
	assert_int_equal(clint_doc_norm_to_text(doc, 0), 2);
	assert_int_equal(clint_doc_norm_to_text(doc, doc->norm_len),
	                 unit_offset(doc, "full.") + 5);
	clint_doc_free(doc);
}

static void test_dashes(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text("at its then\xE2\x80\x93" "current rates \xE2\x80\x94 "
	                "non\xE2\x80\x91" "binding, 5\xE2\x88\x92" "3");
	assert_string_equal(doc->norm,
	                    "at its then-current rates - non-binding, 5-3");
	assert_maps_back(doc, "then-current", "then\xE2\x80\x93" "current");
	assert_maps_back(doc, "rates - non", "rates \xE2\x80\x94 non");
	assert_maps_back(doc, "non-binding", "non\xE2\x80\x91" "binding");
	assert_maps_back(doc, "-", "\xE2\x80\x93");
	clint_doc_free(doc);
}

static void test_invisible_characters_dropped(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text("indem\xC2\xADnify the Cli\xE2\x80\x8B" "ent "
	                "\xE2\x80\x8D" "now");
	assert_string_equal(doc->norm, "indemnify the Client now");
	assert_maps_back(doc, "indemnify", "indem\xC2\xADnify");
	assert_maps_back(doc, "Client", "Cli\xE2\x80\x8B" "ent");
	clint_doc_free(doc);
}

/* Every character that shows nothing is out of the matching view, or a
 * counterparty could hide a word from every rule by putting one inside
 * it: direction marks and isolates (U+200E, U+2066..U+2069), overrides
 * (U+202E), the Arabic letter mark, the invisible times (U+2062), a
 * variation selector, an interlinear annotation mark and tag characters,
 * which can spell whole words invisibly (4-byte UTF-8). */
static void test_hiding_characters_dropped(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text("additional \xE2\x81\xA6\xE2\x81\xA9" "fe\xE2\x80\x8E" "es "
	                "at its sole dis\xE2\x80\xAE\xE2\x80\xAC" "cre\xD8\x9C" "tion "
	                "un\xE2\x81\xA2limi\xEF\xB8\x8Fted li\xEF\xBF\xB9" "ability "
	                "pen\xF3\xA0\x81\x81\xF3\xA0\x81\xBF" "alty");
	assert_string_equal(doc->norm, "additional fees at its sole discretion "
	                               "unlimited liability penalty");
	assert_maps_back(doc, "additional fees",
	                 "additional \xE2\x81\xA6\xE2\x81\xA9" "fe\xE2\x80\x8E" "es");
	assert_maps_back(doc, "penalty",
	                 "pen\xF3\xA0\x81\x81\xF3\xA0\x81\xBF" "alty");
	clint_doc_free(doc);
}

static void test_ligatures_and_ellipsis(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text("the \xEF\xAC\x81rst e\xEF\xAC\x83" "cient o\xEF\xAC\x80"
	                "er \xEF\xAC\x82ow and so on\xE2\x80\xA6 ok");
	assert_string_equal(doc->norm,
	                    "the first efficient offer flow and so on... ok");
	assert_maps_back(doc, "first", "\xEF\xAC\x81rst");
	assert_maps_back(doc, "efficient", "e\xEF\xAC\x83" "cient");
	assert_maps_back(doc, "offer", "o\xEF\xAC\x80" "er");
	assert_maps_back(doc, "flow", "\xEF\xAC\x82ow");
	assert_maps_back(doc, "on...", "on\xE2\x80\xA6");
	/* an offset inside the replacement maps to the ligature's start */
	assert_int_equal(clint_doc_norm_to_text(doc, 5),
	                 unit_offset(doc, "\xEF\xAC\x81"));
	clint_doc_free(doc);
}

static void test_blocks_joined_by_newline(void **state)
{
	clint_doc *doc;
	const clint_iblock *b;

	(void)state;
	doc = unit_text("First  paragraph.\n\n\n   Second\tparagraph.\n");
	assert_string_equal(doc->norm, "First paragraph.\nSecond paragraph.");
	assert_int_equal(doc->block_count, 2);
	b = &doc->blocks[0];
	assert_int_equal(b->norm_start, 0);
	assert_int_equal(b->norm_end, 16);
	b = &doc->blocks[1];
	assert_int_equal(b->norm_start, 17);
	assert_int_equal(b->norm_end, doc->norm_len);
	/* the separator maps to the end of the first block */
	assert_int_equal(clint_doc_norm_to_text(doc, 16), 17);
	assert_maps_back(doc, "paragraph.\nSecond",
	                 "paragraph.\n\n\n   Second");
	/* the blocks are found by their norm offsets */
	assert_int_equal(clint_doc_block_at_norm(doc, 0), 0);
	assert_int_equal(clint_doc_block_at_norm(doc, 15), 0);
	assert_int_equal(clint_doc_block_at_norm(doc, 16), (size_t)-1);
	assert_int_equal(clint_doc_block_at_norm(doc, 17), 1);
	clint_doc_free(doc);
}

static void test_invalid_bytes_in_view(void **state)
{
	clint_doc *doc;

	(void)state;
	/* C1 controls count as space; DEL too */
	doc = unit_text("a\xC2\x85" "b\x7F" "c\x01" "d");
	assert_string_equal(doc->norm, "a b c d");
	clint_doc_free(doc);
}

static void test_markup_skipped_with_exact_map(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_md("The **\xE2\x80\x9CServices\xE2\x80\x9D** are *then\xE2\x80\x93"
	              "current* rates.\n");
	assert_string_equal(doc->norm, "The \"Services\" are then-current rates.");
	assert_maps_back(doc, "The \"Services", "The **\xE2\x80\x9CServices");
	assert_maps_back(doc, "\"Services\" are", "\xE2\x80\x9CServices\xE2\x80\x9D** are");
	assert_maps_back(doc, "then-current rates",
	                 "then\xE2\x80\x93" "current* rates");
	clint_doc_free(doc);
}

static void test_classify(void **state)
{
	const char *rep = NULL;

	(void)state;
	assert_int_equal(classify('a', &rep), CH_COPY);
	assert_int_equal(classify(' ', &rep), CH_SPACE);
	assert_int_equal(classify('\t', &rep), CH_SPACE);
	assert_int_equal(classify(0xE9, &rep), CH_COPY);
	assert_int_equal(classify(0x00A0, &rep), CH_SPACE);
	assert_int_equal(classify(0x2003, &rep), CH_SPACE);
	assert_int_equal(classify(0x3000, &rep), CH_SPACE);
	assert_int_equal(classify(0x00AD, &rep), CH_DROP);
	assert_int_equal(classify(0xFEFF, &rep), CH_DROP);
	assert_int_equal(classify(0x201C, &rep), CH_REPLACE);
	assert_string_equal(rep, "\"");
	assert_int_equal(classify(0x2019, &rep), CH_REPLACE);
	assert_string_equal(rep, "'");
	assert_int_equal(classify(0x2014, &rep), CH_REPLACE);
	assert_string_equal(rep, "-");
	assert_int_equal(classify(0xFB03, &rep), CH_REPLACE);
	assert_string_equal(rep, "ffi");
	assert_int_equal(classify(0x2026, &rep), CH_REPLACE);
	assert_string_equal(rep, "...");
	assert_int_equal(classify(0x20AC, &rep), CH_COPY);
	/* the edges of the invisible ranges */
	assert_int_equal(classify(0x200B, &rep), CH_DROP);
	assert_int_equal(classify(0x200F, &rep), CH_DROP);
	assert_int_equal(classify(0x2010, &rep), CH_REPLACE);
	assert_int_equal(classify(0x2029, &rep), CH_SPACE);
	assert_int_equal(classify(0x202A, &rep), CH_DROP);
	assert_int_equal(classify(0x202E, &rep), CH_DROP);
	assert_int_equal(classify(0x202F, &rep), CH_SPACE);
	assert_int_equal(classify(0x205F, &rep), CH_SPACE);
	assert_int_equal(classify(0x2060, &rep), CH_DROP);
	assert_int_equal(classify(0x206F, &rep), CH_DROP);
	assert_int_equal(classify(0x2070, &rep), CH_COPY);
	assert_int_equal(classify(0xFDFF, &rep), CH_COPY);
	assert_int_equal(classify(0xFE00, &rep), CH_DROP);
	assert_int_equal(classify(0xFE0F, &rep), CH_DROP);
	assert_int_equal(classify(0xFE10, &rep), CH_COPY);
	assert_int_equal(classify(0xFFEF, &rep), CH_COPY);
	assert_int_equal(classify(0xFFF0, &rep), CH_DROP);
	assert_int_equal(classify(0x1D173, &rep), CH_DROP);
	assert_int_equal(classify(0x1D17B, &rep), CH_COPY);
	assert_int_equal(classify(0x3164, &rep), CH_DROP);
	assert_int_equal(classify(0x115F, &rep), CH_DROP);
	assert_int_equal(classify(0x1160, &rep), CH_DROP);
	assert_int_equal(classify(0x1161, &rep), CH_COPY);
	assert_int_equal(classify(0xFFA0, &rep), CH_DROP);
	assert_int_equal(classify(0xFFA1, &rep), CH_COPY);
	assert_int_equal(classify(0xFFFB, &rep), CH_DROP);
	assert_int_equal(classify(0xFFFC, &rep), CH_COPY);
	assert_int_equal(classify(0xDFFFF, &rep), CH_COPY);
	assert_int_equal(classify(0xE0000, &rep), CH_DROP);
	assert_int_equal(classify(0xE0FFF, &rep), CH_DROP);
	assert_int_equal(classify(0xE1000, &rep), CH_COPY);
	assert_int_equal(classify(0x1BCA0, &rep), CH_DROP);
	assert_int_equal(classify(0x061C, &rep), CH_DROP);
	assert_int_equal(classify(0x0600, &rep), CH_COPY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_curly_quotes),
		cmocka_unit_test(test_white_space_collapsed),
		cmocka_unit_test(test_dashes),
		cmocka_unit_test(test_invisible_characters_dropped),
		cmocka_unit_test(test_hiding_characters_dropped),
		cmocka_unit_test(test_ligatures_and_ellipsis),
		cmocka_unit_test(test_blocks_joined_by_newline),
		cmocka_unit_test(test_invalid_bytes_in_view),
		cmocka_unit_test(test_markup_skipped_with_exact_map),
		cmocka_unit_test(test_classify),
	};

	return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}
