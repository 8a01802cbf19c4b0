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
	char one[2] = {0, 0};

	(void)state;
	assert_int_equal(classify('a', &rep, one), CH_COPY);
	assert_int_equal(classify(' ', &rep, one), CH_SPACE);
	assert_int_equal(classify('\t', &rep, one), CH_SPACE);
	assert_int_equal(classify(0xE9, &rep, one), CH_COPY);
	assert_int_equal(classify(0x00A0, &rep, one), CH_SPACE);
	assert_int_equal(classify(0x2003, &rep, one), CH_SPACE);
	assert_int_equal(classify(0x3000, &rep, one), CH_SPACE);
	assert_int_equal(classify(0x00AD, &rep, one), CH_DROP);
	assert_int_equal(classify(0xFEFF, &rep, one), CH_DROP);
	assert_int_equal(classify(0x201C, &rep, one), CH_REPLACE);
	assert_string_equal(rep, "\"");
	assert_int_equal(classify(0x2019, &rep, one), CH_REPLACE);
	assert_string_equal(rep, "'");
	assert_int_equal(classify(0x2014, &rep, one), CH_REPLACE);
	assert_string_equal(rep, "-");
	assert_int_equal(classify(0xFB03, &rep, one), CH_REPLACE);
	assert_string_equal(rep, "ffi");
	assert_int_equal(classify(0x2026, &rep, one), CH_REPLACE);
	assert_string_equal(rep, "...");
	assert_int_equal(classify(0x20AC, &rep, one), CH_COPY);
	/* the edges of the invisible ranges */
	assert_int_equal(classify(0x200B, &rep, one), CH_DROP);
	assert_int_equal(classify(0x200F, &rep, one), CH_DROP);
	assert_int_equal(classify(0x2010, &rep, one), CH_REPLACE);
	assert_int_equal(classify(0x2029, &rep, one), CH_SPACE);
	assert_int_equal(classify(0x202A, &rep, one), CH_DROP);
	assert_int_equal(classify(0x202E, &rep, one), CH_DROP);
	assert_int_equal(classify(0x202F, &rep, one), CH_SPACE);
	assert_int_equal(classify(0x205F, &rep, one), CH_SPACE);
	assert_int_equal(classify(0x2060, &rep, one), CH_DROP);
	assert_int_equal(classify(0x206F, &rep, one), CH_DROP);
	assert_int_equal(classify(0x2070, &rep, one), CH_COPY);
	assert_int_equal(classify(0xFDFF, &rep, one), CH_COPY);
	assert_int_equal(classify(0xFE00, &rep, one), CH_DROP);
	assert_int_equal(classify(0xFE0F, &rep, one), CH_DROP);
	assert_int_equal(classify(0xFE10, &rep, one), CH_COPY);
	assert_int_equal(classify(0xFFEF, &rep, one), CH_COPY);
	assert_int_equal(classify(0xFFF0, &rep, one), CH_DROP);
	assert_int_equal(classify(0x1D173, &rep, one), CH_DROP);
	assert_int_equal(classify(0x1D17B, &rep, one), CH_COPY);
	assert_int_equal(classify(0x3164, &rep, one), CH_DROP);
	assert_int_equal(classify(0x115F, &rep, one), CH_DROP);
	assert_int_equal(classify(0x1160, &rep, one), CH_DROP);
	assert_int_equal(classify(0x1161, &rep, one), CH_COPY);
	assert_int_equal(classify(0xFFA0, &rep, one), CH_DROP);
	assert_int_equal(classify(0xFFA1, &rep, one), CH_COPY);
	assert_int_equal(classify(0xFFFB, &rep, one), CH_DROP);
	assert_int_equal(classify(0xFFFC, &rep, one), CH_COPY);
	assert_int_equal(classify(0xDFFFF, &rep, one), CH_COPY);
	assert_int_equal(classify(0xE0000, &rep, one), CH_DROP);
	assert_int_equal(classify(0xE0FFF, &rep, one), CH_DROP);
	assert_int_equal(classify(0xE1000, &rep, one), CH_COPY);
	assert_int_equal(classify(0x1BCA0, &rep, one), CH_DROP);
	assert_int_equal(classify(0x061C, &rep, one), CH_DROP);
	assert_int_equal(classify(0x0600, &rep, one), CH_COPY);
	/* the fullwidth forms of ASCII */
	assert_int_equal(classify(0xFF00, &rep, one), CH_COPY);
	assert_int_equal(classify(0xFF01, &rep, one), CH_REPLACE);
	assert_string_equal(rep, "!");
	assert_int_equal(classify(0xFF41, &rep, one), CH_REPLACE);
	assert_string_equal(rep, "a");
	assert_int_equal(classify(0xFF5E, &rep, one), CH_REPLACE);
	assert_string_equal(rep, "~");
	assert_int_equal(classify(0xFF5F, &rep, one), CH_COPY);
	/* a look-alike letter alone is the caller's to judge (its word) */
	assert_int_equal(classify(0x0435, &rep, one), CH_COPY);
}

/* The script of each letter at the edges of its ranges, and the Latin
 * letter each look-alike stands for. */
static void test_scripts(void **state)
{
	static const struct { uint32_t cp; int script; } edges[] = {
		{'@', CLINT_SCRIPT_NONE}, {'A', CLINT_SCRIPT_LATIN},
		{'Z', CLINT_SCRIPT_LATIN}, {'[', CLINT_SCRIPT_NONE},
		{'`', CLINT_SCRIPT_NONE}, {'a', CLINT_SCRIPT_LATIN},
		{'z', CLINT_SCRIPT_LATIN}, {'{', CLINT_SCRIPT_NONE},
		{'0', CLINT_SCRIPT_NONE}, {0xBF, CLINT_SCRIPT_NONE},
		{0xC0, CLINT_SCRIPT_LATIN}, {0xD7, CLINT_SCRIPT_NONE},
		{0xF7, CLINT_SCRIPT_NONE}, {0x24F, CLINT_SCRIPT_LATIN},
		{0x250, CLINT_SCRIPT_PHONETIC}, {0x2AF, CLINT_SCRIPT_PHONETIC},
		{0x2B0, CLINT_SCRIPT_NONE}, {0x36F, CLINT_SCRIPT_NONE},
		{0x373, CLINT_SCRIPT_GREEK}, {0x374, CLINT_SCRIPT_NONE},
		{0x375, CLINT_SCRIPT_NONE}, {0x37A, CLINT_SCRIPT_NONE},
		{0x37B, CLINT_SCRIPT_GREEK},
		{0x384, CLINT_SCRIPT_NONE}, {0x385, CLINT_SCRIPT_NONE},
		{0x386, CLINT_SCRIPT_GREEK},
		{0x370, CLINT_SCRIPT_GREEK}, {0x37E, CLINT_SCRIPT_NONE},
		{0x387, CLINT_SCRIPT_NONE}, {0x3FF, CLINT_SCRIPT_GREEK},
		{0x400, CLINT_SCRIPT_CYRILLIC}, {0x481, CLINT_SCRIPT_CYRILLIC},
		{0x482, CLINT_SCRIPT_NONE}, {0x489, CLINT_SCRIPT_NONE},
		{0x48A, CLINT_SCRIPT_CYRILLIC}, {0x52F, CLINT_SCRIPT_CYRILLIC},
		{0x530, CLINT_SCRIPT_NONE}, {0x531, CLINT_SCRIPT_ARMENIAN},
		{0x556, CLINT_SCRIPT_ARMENIAN}, {0x557, CLINT_SCRIPT_NONE},
		{0x55F, CLINT_SCRIPT_NONE}, {0x560, CLINT_SCRIPT_ARMENIAN},
		{0x588, CLINT_SCRIPT_ARMENIAN}, {0x589, CLINT_SCRIPT_NONE},
		{0x139F, CLINT_SCRIPT_NONE}, {0x13A0, CLINT_SCRIPT_CHEROKEE},
		{0x13F5, CLINT_SCRIPT_CHEROKEE}, {0x13F6, CLINT_SCRIPT_NONE},
		{0x13F8, CLINT_SCRIPT_CHEROKEE}, {0x13FD, CLINT_SCRIPT_CHEROKEE},
		{0x13FE, CLINT_SCRIPT_NONE}, {0xAB6F, CLINT_SCRIPT_NONE},
		{0xAB70, CLINT_SCRIPT_CHEROKEE}, {0xABBF, CLINT_SCRIPT_CHEROKEE},
		{0xABC0, CLINT_SCRIPT_NONE}, {0x1CFF, CLINT_SCRIPT_NONE},
		{0x1D00, CLINT_SCRIPT_PHONETIC}, {0x1DBF, CLINT_SCRIPT_PHONETIC},
		{0x1DC0, CLINT_SCRIPT_NONE}, {0x1DFF, CLINT_SCRIPT_NONE},
		{0x1D3FF, CLINT_SCRIPT_NONE}, {0x1D400, CLINT_SCRIPT_LATIN},
		{0x1D6A3, CLINT_SCRIPT_LATIN}, {0x1D6A4, CLINT_SCRIPT_NONE},
		{0x1E00, CLINT_SCRIPT_LATIN}, {0x1EFF, CLINT_SCRIPT_LATIN},
		{0x1F00, CLINT_SCRIPT_GREEK}, {0x1FFF, CLINT_SCRIPT_GREEK},
		{0x2000, CLINT_SCRIPT_NONE}, {0x2C60, CLINT_SCRIPT_LATIN},
		{0x2C7F, CLINT_SCRIPT_LATIN}, {0x2C80, CLINT_SCRIPT_NONE},
		{0xA720, CLINT_SCRIPT_LATIN}, {0xA7FF, CLINT_SCRIPT_LATIN},
		{0xFF21, CLINT_SCRIPT_LATIN}, {0xFF3B, CLINT_SCRIPT_NONE},
		{0xFF5A, CLINT_SCRIPT_LATIN}, {0xFF5B, CLINT_SCRIPT_NONE},
	};
	size_t k, n = 0;

	(void)state;
	for (k = 0; k < sizeof(edges) / sizeof(edges[0]); k++)
		if (clint_script(edges[k].cp) != edges[k].script)
			fail_msg("U+%04X: script %d, not %d", (unsigned)edges[k].cp,
			         clint_script(edges[k].cp), edges[k].script);
	assert_int_equal(clint_latin_lookalike(0x0430), 'a');
	assert_int_equal(clint_latin_lookalike(0x0435), 'e');
	assert_int_equal(clint_latin_lookalike(0x0420), 'P');
	assert_int_equal(clint_latin_lookalike(0x039F), 'O');
	assert_int_equal(clint_latin_lookalike(0x03BF), 'o');
	assert_int_equal(clint_latin_lookalike(0x051D), 'w');
	assert_int_equal(clint_latin_lookalike(0x0578), 'n');
	assert_int_equal(clint_latin_lookalike(0x13DA), 'S');
	assert_int_equal(clint_latin_lookalike(0x0261), 'g');
	/* the first and the last of the table (its binary search) */
	assert_int_equal(clint_latin_lookalike(0x0251), 'a');
	assert_int_equal(clint_latin_lookalike(0x1D22), 'z');
	assert_int_equal(clint_latin_lookalike(0x0250), 0);
	assert_int_equal(clint_latin_lookalike(0x1D23), 0);
	/* shapes of their own, or letters of science: Greek alpha, beta,
	 * gamma, iota, kappa, nu; Cyrillic ya */
	assert_int_equal(clint_latin_lookalike(0x03B1), 0);
	assert_int_equal(clint_latin_lookalike(0x03B2), 0);
	assert_int_equal(clint_latin_lookalike(0x03B3), 0);
	assert_int_equal(clint_latin_lookalike(0x03B9), 0);
	assert_int_equal(clint_latin_lookalike(0x03BA), 0);
	assert_int_equal(clint_latin_lookalike(0x03BD), 0);
	assert_int_equal(clint_latin_lookalike(0x044F), 0);
	assert_int_equal(clint_latin_lookalike('a'), 0);
	/* each look-alike is a letter of another script than Latin, and
	 * stands for an ASCII letter; the table is sorted (each is found) */
	for (k = 0; k < 0x20000; k++)
		if (clint_latin_lookalike((uint32_t)k)) {
			char c = clint_latin_lookalike((uint32_t)k);
			n++;
			assert_true(clint_script((uint32_t)k) != CLINT_SCRIPT_LATIN &&
			            clint_script((uint32_t)k) != CLINT_SCRIPT_NONE);
			assert_int_equal(clint_script((uint32_t)(unsigned char)c),
			                 CLINT_SCRIPT_LATIN);
		}
	assert_int_equal(n, 115); /* every entry of util.c's table */
	/* the fullwidth and mathematical forms */
	assert_int_equal(clint_ascii_form(0xFF01), '!');
	assert_int_equal(clint_ascii_form(0xFF5E), '~');
	assert_int_equal(clint_ascii_form(0xFF5F), 0);
	assert_int_equal(clint_ascii_form(0x1D400), 'A');  /* bold A */
	assert_int_equal(clint_ascii_form(0x1D41F), 'f');  /* bold f */
	assert_int_equal(clint_ascii_form(0x1D5BF), 'f');  /* sans-serif f */
	assert_int_equal(clint_ascii_form(0x1D6A3), 'z');  /* monospace z */
	assert_int_equal(clint_ascii_form(0x1D6A4), 0);
	assert_int_equal(clint_ascii_form(0x1D7CD), 0);
	assert_int_equal(clint_ascii_form(0x1D7CE), '0');
	assert_int_equal(clint_ascii_form(0x1D7FF), '9');
	assert_int_equal(clint_ascii_form(0x1D800), 0);
	assert_int_equal(clint_ascii_form('a'), 0);
}

/* s = "a" + cp + "b" in UTF-8; its length. */
static size_t between_letters(char s[8], uint32_t cp)
{
	clint_buf b = CLINT_BUF_INIT;
	size_t n;

	assert_int_equal(clint_buf_putc(&b, 'a'), CLINT_OK);
	assert_int_equal(clint_buf_put_utf8(&b, cp), CLINT_OK);
	assert_int_equal(clint_buf_putc(&b, 'b'), CLINT_OK);
	n = b.len;
	assert_true(n < 8);
	memcpy(s, b.data, n);
	s[n] = '\0';
	clint_buf_free(&b);
	return n;
}

/* A word runs over combining marks (each range at its edges) and the
 * characters that show nothing, of two to four bytes, on both sides of
 * the position asked; other characters end it. */
static void test_word_extent(void **state)
{
	static const uint32_t in_word[] = {
		0x0300, 0x036F, 0x0483, 0x0489, 0x1AB0, 0x1AFF, 0x1DC0, 0x1DFF,
		0x20D0, 0x20FF, 0xFE20, 0xFE2F, 0x200B, 0x00AD, 0xE0041, 0x0435,
	};
	static const uint32_t not_in_word[] = {
		0x02FF, 0x0482, 0x1AAF, 0x20CF, 0xFE30, 0x2010,
		0x0375, '1', ' ',
	};
	clint_word_scripts w;
	clint_doc *doc;
	char s[8];
	size_t k, n;

	(void)state;
	for (k = 0; k < sizeof(in_word) / sizeof(in_word[0]); k++) {
		n = between_letters(s, in_word[k]);
		doc = unit_text(s);
		clint_doc_word_at(doc, 0, n, n - 1, &w); /* backwards from the end */
		if (w.start != 0 || w.end != n)
			fail_msg("U+%04X ends the word", (unsigned)in_word[k]);
		clint_doc_word_at(doc, 0, n, 0, &w); /* forwards from the start */
		assert_int_equal(w.end, n);
		assert_int_equal(w.first_letter, 0);
		assert_int_equal(w.last_letter, n);
		clint_doc_free(doc);
	}
	for (k = 0; k < sizeof(not_in_word) / sizeof(not_in_word[0]); k++) {
		n = between_letters(s, not_in_word[k]);
		doc = unit_text(s);
		clint_doc_word_at(doc, 0, n, n - 1, &w);
		if (w.start != n - 1)
			fail_msg("U+%04X joins the word", (unsigned)not_in_word[k]);
		clint_doc_word_at(doc, 0, n, 0, &w);
		assert_int_equal(w.end, 1);
		clint_doc_free(doc);
	}
	/* a tag character (4 bytes) before a look-alike: the word starts at
	 * the Latin letter before it */
	doc = unit_text("f\xF3\xA0\x81\x81\xD0\xB5" "es");
	clint_doc_word_at(doc, 0, 9, 5, &w);
	assert_int_equal(w.start, 0);
	assert_int_equal(w.end, 9);
	assert_int_equal(w.lookalikes, 1);
	assert_int_equal(w.first_pos, 5);
	clint_doc_free(doc);
	/* markup inside a word (Markdown) is part of it, a character
	 * reference is its character */
	doc = unit_md("f**\xD0\xB5**&#1077;s\n");
	clint_doc_word_at(doc, 0, doc->text_len, 3, &w);
	assert_int_equal(w.start, 0);
	assert_int_equal(w.end, strlen("f**\xD0\xB5**&#1077;s"));
	assert_int_equal(w.lookalikes, 2);
	clint_doc_free(doc);
}

/* A skip or substitution range an extractor asks for never starts or
 * ends inside a character: the matching view stays valid UTF-8, which
 * PCRE2 reads unchecked (a Markdown bug that cut a character crashed the
 * JIT). */
static void test_ranges_kept_on_characters(void **state)
{
	clint_doc *doc = unit_text("a\xD0\xB5\xE2\x80\x8Bz");
	size_t n = doc->skip_count;

	(void)state;
	assert_int_equal(clint_doc_add_skip(doc, 2, 4), CLINT_OK);
	assert_int_equal(doc->skip_count, n + 1);
	assert_int_equal(doc->skips[n].start, 3);  /* after the cut 'е' */
	assert_int_equal(doc->skips[n].end, 6);    /* the whole U+200B */
	/* a range inside one character is none */
	assert_int_equal(clint_doc_add_sub(doc, 4, 5, ' '), CLINT_OK);
	assert_int_equal(doc->skip_count, n + 1);
	clint_doc_free(doc);
}

/* A Greek or Cyrillic letter that looks Latin is read as Latin inside a
 * word with Latin letters, at every place in the word, and in a word of
 * look-alikes among Latin words; words of a Cyrillic text, and letters
 * with a shape of their own, stay as they are; the fullwidth forms are
 * ASCII. Offsets map back to the true text. */
static void test_lookalikes_in_latin_words(void **state)
{
	clint_doc *doc;

	(void)state;
	/* f-Cyrillic ie-Cyrillic ie-s; Greek Omicron-perator; Cyrillic
	 * o-ffer at the start; r\xC3\xA9sum-Cyrillic ie; a zero-width space
	 * inside; Moskva in Cyrillic; TNF-alpha; fullwidth "fees" */
	doc = unit_text("\xD0\xBE" "ffer all f\xD0\xB5\xD0\xB5s to the "
	                "\xCE\x9Fperator, r\xC3\xA9sum\xD0\xB5 "
	                "addi\xE2\x80\x8Bti\xD0\xBEnal "
	                "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 "
	                "TNF\xCE\xB1 \xD1\x81\xD0\xBE\xD1\x80\xD1\x83 "
	                "\xEF\xBD\x86\xEF\xBD\x85\xEF\xBD\x85\xEF\xBD\x93 "
	                "shall \xD1\x80\xD0\xB0\xD1\x83 it "
	                "\xF0\x9D\x90\x9F\xF0\x9D\x90\x9E\xF0\x9D\x90\x9E"
	                "\xF0\x9D\x90\xAC \xF0\x9D\x9F\x8F");
	assert_string_equal(doc->norm,
	                    "offer all fees to the Operator, r\xC3\xA9sume "
	                    "additional "
	                    "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 "
	                    "TNF\xCE\xB1 copy fees shall pay it fees 1");
	assert_maps_back(doc, "all fees", "all f\xD0\xB5\xD0\xB5s");
	assert_maps_back(doc, "Operator", "\xCE\x9Fperator");
	assert_maps_back(doc, "offer", "\xD0\xBE" "ffer");
	assert_maps_back(doc, "pay it", "\xD1\x80\xD0\xB0\xD1\x83 it");
	assert_maps_back(doc, "copy fees",
	                 "\xD1\x81\xD0\xBE\xD1\x80\xD1\x83 \xEF\xBD\x86\xEF\xBD\x85\xEF\xBD\x85\xEF\xBD\x93");
	clint_doc_free(doc);
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
		cmocka_unit_test(test_scripts),
		cmocka_unit_test(test_word_extent),
		cmocka_unit_test(test_ranges_kept_on_characters),
		cmocka_unit_test(test_lookalikes_in_latin_words),
	};

	return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}
