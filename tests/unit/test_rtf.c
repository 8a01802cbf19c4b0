/*
 * test_rtf.c - the RTF extractor (src/lib/extract/rtf.c) through
 * clint_doc_load_buffer(): paragraphs, tables, Unicode and code page
 * escapes, fields, hidden text, skipped destinations, notes, revisions,
 * and hostile input (deep nesting, \bin, truncation, stray braces).
 */
#include "unit.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include "internal.h"

/* Loads an RTF string, expecting `rc`; returns the doc (or NULL). */
static clint_doc *rtf_rc(const char *s, size_t len, clint_diag *diag, int rc)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;

	assert_int_equal(clint_doc_load_buffer(&doc, "t.rtf", s, len, &o, diag),
	                 rc);
	if (rc != CLINT_OK)
		assert_null(doc);
	return doc;
}

static clint_doc *rtf(const char *s)
{
	clint_doc *doc = rtf_rc(s, strlen(s), NULL, CLINT_OK);

	assert_int_equal(clint_doc_format(doc), CLINT_INPUT_RTF);
	return doc;
}

/* Block `i` has this text; returns it for further checks. */
static clint_block block(const clint_doc *doc, size_t i, const char *text)
{
	clint_block b;

	assert_true(i < clint_doc_block_count(doc));
	assert_int_equal(clint_doc_block(doc, i, &b), CLINT_OK);
	unit_assert_slice(doc, b.start, b.end, text);
	return b;
}

static void assert_text(const clint_doc *doc, const char *expect)
{
	assert_string_equal(clint_doc_text(doc, NULL), expect);
}

/* The first entry's message of `d` (borrowed from it). */
static const char *first_note(const clint_diag *d)
{
	clint_diag_entry e;

	return clint_diag_get(d, 0, &e) == CLINT_OK ? e.message : "";
}

/* Loads RTF src[0..len): its text is `text` (NULL: not looked at), and
 * it gets exactly one note, which says `note`, or none (`note` NULL). */
static void assert_notes(const char *src, size_t len, const char *text,
                         const char *note)
{
	clint_diag *d = NULL;
	clint_doc *doc;

	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = rtf_rc(src, len, d, CLINT_OK);
	if (text && strcmp(clint_doc_text(doc, NULL), text) != 0)
		fail_msg("%.*s: text \"%s\"", (int)len, src,
		         clint_doc_text(doc, NULL));
	if (clint_diag_count(d) != (note != NULL) ||
	    (note && unit_diag_find(d, note) < 0))
		fail_msg("%.*s: %zu notes, not %s '%s'", (int)len, src,
		         clint_diag_count(d), note ? "one saying" : "none:",
		         note ? note : clint_diag_count(d) ? first_note(d) : "");
	clint_doc_free(doc);
	clint_diag_free(d);
}

static void assert_one_note(const char *src, const char *text,
                            const char *note)
{
	assert_notes(src, strlen(src), text, note);
}

static void test_paragraphs(void **state)
{
	clint_doc *doc;
	clint_block b;

	(void)state;
	doc = rtf("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\froman Times;}}"
	          "{\\colortbl;\\red0\\green0\\blue0;}"
	          "{\\stylesheet{\\s0 Normal;}}"
	          "{\\info{\\title Secret Title}{\\author Someone}}\n"
	          "\\pard\\plain\\f0\\fs24 The Supplier shall \\b perform\\b0  the "
	          "Services.\\par\n"
	          "\\pard\\par\n"
	          "Second\\line line\\tab tabbed.\\par}");
	assert_text(doc, "The Supplier shall perform the Services.\n"
	                 "Second\nline\ttabbed.");
	assert_int_equal(clint_doc_block_count(doc), 2);
	b = block(doc, 0, "The Supplier shall perform the Services.");
	assert_int_equal(b.paragraph, 1);
	assert_int_equal(b.page, 1);
	assert_int_equal(b.flags, 0);
	/* the empty paragraph still counts */
	b = block(doc, 1, "Second\nline\ttabbed.");
	assert_int_equal(b.paragraph, 3);
	clint_doc_free(doc);
}

static void test_page_break(void **state)
{
	clint_doc *doc;
	clint_block b;
	clint_location loc;

	(void)state;
	doc = rtf("{\\rtf1 First page.\\par\\page Second page.\\par}");
	assert_text(doc, "First page.\nSecond page.");
	b = block(doc, 1, "Second page.");
	assert_int_equal(b.page, 2);
	assert_int_equal(b.flags & CLINT_BLOCK_PAGE_BREAK, CLINT_BLOCK_PAGE_BREAK);
	assert_int_equal(clint_doc_locate(doc, unit_offset(doc, "page."), &loc),
	                 CLINT_OK);
	assert_int_equal(loc.page, 1);
	assert_int_equal(clint_doc_locate(doc, unit_offset(doc, "Second"), &loc),
	                 CLINT_OK);
	assert_int_equal(loc.page, 2);
	assert_int_equal(loc.paragraph, 2);
	clint_doc_free(doc);
}

static void test_table(void **state)
{
	clint_doc *doc;
	clint_block b;

	(void)state;
	doc = rtf("{\\rtf1 Pricing:\\par"
	          "\\trowd\\cellx2000\\cellx4000"
	          "\\pard\\intbl Service\\cell\\pard\\intbl Fee\\cell\\row"
	          "\\trowd\\cellx2000\\cellx4000"
	          "\\pard\\intbl Hosting\\cell\\pard\\intbl USD 100\\cell\\row"
	          "\\pard After the table.\\par}");
	assert_text(doc, "Pricing:\nService\nFee\nHosting\nUSD 100\nAfter the table.");
	b = block(doc, 1, "Service");
	assert_int_equal(b.type, CLINT_BLOCK_TABLE_CELL);
	b = block(doc, 4, "USD 100");
	assert_int_equal(b.type, CLINT_BLOCK_TABLE_CELL);
	assert_int_equal(b.paragraph, 5);
	b = block(doc, 5, "After the table.");
	assert_int_not_equal(b.type, CLINT_BLOCK_TABLE_CELL);
	/* \\row ends a row */
	unit_assert_rows(doc, ".RcRc.");
	clint_doc_free(doc);
	/* an empty first cell: the row starts at its next cell */
	doc = rtf("{\\rtf1 \\trowd\\cellx2000\\cellx4000"
	          "\\pard\\intbl Monthly\\cell\\pard\\intbl EUR 1,000\\cell\\row"
	          "\\trowd\\cellx2000\\cellx4000\\cellx6000"
	          "\\pard\\intbl \\cell\\pard\\intbl Annually\\cell"
	          "\\pard\\intbl EUR 9,000\\cell\\row}");
	unit_assert_rows(doc, "RcRc");
	clint_doc_free(doc);
	/* a nested table as Word writes it (its \\nestrow in the skipped
	 * \\nesttableprops): its rows are rows */
	doc = rtf("{\\rtf1 \\trowd\\cellx4000\\cellx8000\\pard\\intbl\\itap1 Outer\\cell"
	          "\\pard\\intbl\\itap2 Monthly\\nestcell\\pard\\intbl\\itap2 EUR 1,000"
	          "\\nestcell{\\*\\nesttableprops\\trowd\\cellx2000\\cellx4000\\nestrow}"
	          "\\pard\\intbl\\itap2 Annually\\nestcell\\pard\\intbl\\itap2 EUR 11,000"
	          "\\nestcell{\\*\\nesttableprops\\trowd\\cellx2000\\cellx4000\\nestrow}"
	          "\\pard\\intbl\\itap1 \\cell\\row}");
	unit_assert_rows(doc, "RccRc");
	clint_doc_free(doc);
	/* rows without \\row: each \\trowd opens one */
	doc = rtf("{\\rtf1 \\trowd\\cellx2000\\cellx4000\\pard\\intbl A1\\cell"
	          "\\pard\\intbl A2\\cell\\trowd\\cellx2000\\cellx4000\\pard\\intbl B1"
	          "\\cell\\pard\\intbl B2\\cell\\pard After.\\par}");
	unit_assert_rows(doc, "RcRc.");
	clint_doc_free(doc);
}

static void test_unicode_escapes(void **state)
{
	clint_doc *doc;

	(void)state;
	/* \u with the default one-byte fallback, \uc2, \uc0, a negative
	 * value (U+F020 is -4064), a surrogate pair (U+1F600) */
	doc = rtf("{\\rtf1 Caf\\u233?, \\uc2\\u8364\\'80\\'80 5, "
	          "{\\uc0\\u8220 quoted\\u8221}, \\uc1\\u-4064?x, "
	          "\\u-10179?\\u-8704?.\\par}");
	assert_text(doc, "Caf\xC3\xA9, \xE2\x82\xAC 5, \xE2\x80\x9Cquoted"
	                 "\xE2\x80\x9D, \xEF\x80\xA0x, \xF0\x9F\x98\x80.");
	clint_doc_free(doc);
	/* the fallback skip stops at a group end */
	doc = rtf("{\\rtf1\\uc3 {A\\u233}BCD\\par}");
	assert_text(doc, "A\xC3\xA9" "BCD");
	clint_doc_free(doc);
}

static void test_codepage(void **state)
{
	clint_doc *doc;
	const char *s = "{\\rtf1\\ansi\\ansicpg437 \\'93Sh\\'e9\\'94\\par}";

	(void)state;
	doc = rtf("{\\rtf1\\ansi\\ansicpg1252 \\'93Fees\\'94 \\'96 \\'80"
	          "5 \\'e9t\\'e9 \\'a7 2\\'85\\par}");
	assert_text(doc, "\xE2\x80\x9C" "Fees\xE2\x80\x9D \xE2\x80\x93 "
	                 "\xE2\x82\xAC" "5 \xC3\xA9t\xC3\xA9 \xC2\xA7 2\xE2\x80\xA6");
	clint_doc_free(doc);
	doc = rtf("{\\rtf1\\ansi\\ansicpg1251 \\'c4\\'ee\\'e3\\'ee\\'e2\\'ee\\'f0\\par}");
	assert_text(doc, "\xD0\x94\xD0\xBE\xD0\xB3\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x80");
	clint_doc_free(doc);
	/* an unsupported code page: a note, and Windows-1252 */
	assert_one_note(s, "\xE2\x80\x9CSh\xC3\xA9\xE2\x80\x9D",
	                "code page 437");
}

/* A font's \fcharset decides the code page of its \'hh bytes (WordPad
 * writes Russian so: they were read as Windows-1252, without a word), for
 * the group it is set in; \plain goes back to the \deff font. A charset
 * with no table here is noted once and read in the document's code page. */
static void test_font_charset(void **state)
{
	static const char tbl[] =
		"{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fcharset204 Times "
		"Cyr;}{\\f1\\fcharset0 Arial;}{\\f2\\fcharset238 Arial CE;}"
		"{\\f3\\fcharset130 Johab;}{\\f4\\fcharset1 Any;}}";
	clint_buf b = CLINT_BUF_INIT;
	clint_diag *d = NULL;
	clint_doc *doc;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_buf_printf(&b, "%s\\f0 \\'c4\\'ee\\'e3\\'ee\\'e2"
	                                  "\\'ee\\'f0 {\\f1 caf\\'e9} \\'c4 {\\f2 "
	                                  "\\'9a\\'e8} \\f4 \\'e9\\plain  \\'c4\\f3  "
	                                  "\\'e9\\par}", tbl), CLINT_OK);
	doc = rtf_rc(b.data, b.len, d, CLINT_OK);
	assert_text(doc, "\xD0\x94\xD0\xBE\xD0\xB3\xD0\xBE\xD0\xB2\xD0\xBE"
	                 "\xD1\x80 caf\xC3\xA9 \xD0\x94 \xC5\xA1\xC4\x8D "
	                 "\xC3\xA9 \xD0\x94 \xC3\xA9");
	assert_int_equal(clint_diag_count(d), 1);
	assert_true(unit_diag_find(d, "font charset 130 is not supported") >= 0);
	clint_doc_free(doc);
	/* the text before any \\f is in the \\deff font */
	b.len = 0;
	assert_int_equal(clint_buf_printf(&b, "%s\\'c4\\par}", tbl), CLINT_OK);
	doc = rtf_rc(b.data, b.len, NULL, CLINT_OK);
	assert_text(doc, "\xD0\x94");
	clint_doc_free(doc);
	clint_diag_free(d);
	clint_buf_free(&b);
}

/* A font's \cpgN names its code page (some writers give it instead of,
 * or beside, a \fcharset; it was ignored, and a Russian font with only
 * \cpg1251 read as Windows-1252): it wins over the charset. A code page
 * with no table here is noted once, and the charset, else the document's
 * code page, decides. */
static void test_font_codepage(void **state)
{
	static const char s[] =
		"{\\rtf1\\ansi\\ansicpg1252\\deff4{\\fonttbl{\\f0\\cpg1251 Times "
		"Cyr;}{\\f1\\fcharset0\\cpg1250 Arial CE;}{\\f2\\fcharset204"
		"\\cpg437 Odd;}{\\f3\\cpg850 DOS;}{\\f4 Arial;}}"
		"\\f0 \\'c4\\'ee\\'e3 {\\f1 \\'9a\\'e8} {\\f2 \\'c4} {\\f3 "
		"\\'e9} {\\f2 \\'c4}\\plain  \\'e9\\par}";
	clint_diag *d = NULL;
	clint_doc *doc;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = rtf_rc(s, strlen(s), d, CLINT_OK);
	assert_text(doc, "\xD0\x94\xD0\xBE\xD0\xB3 \xC5\xA1\xC4\x8D "
	                 "\xD0\x94 \xC3\xA9 \xD0\x94 \xC3\xA9");
	assert_int_equal(clint_diag_count(d), 2);
	assert_true(unit_diag_find(d, "font code page 437 is not supported: its "
	                           "\\'hh characters are read in the code page "
	                           "of its \\fcharset") >= 0);
	assert_true(unit_diag_find(d, "font code page 850 is not supported: its "
	                           "\\'hh characters are read in the document's "
	                           "code page") >= 0);
	clint_doc_free(doc);
	clint_diag_free(d);
}

/* What belongs to a font's entry in the \fonttbl: a \cpg before the \f
 * of its group, or after the ';' that ends the entry before, is no font's
 * (it went to the font defined last, over that font's \fcharset); a font
 * defined again is that definition alone. The note of an unsupported
 * \cpg names what is read instead (the document's code page for
 * DEFAULT_CHARSET), apart from the \ansicpg notes. */
static void test_font_codepage_entries(void **state)
{
	static const char *const cases[][2] = {
		{"{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fcharset0 "
		 "Arial;}{\\cpg1251\\f1 Times;}}\\f0 caf\\'e9\\par}", "caf\xC3\xA9"},
		{"{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl\\f0\\fcharset0 "
		 "Arial;\\cpg1251\\f1 Times;}\\f0 caf\\'e9\\par}", "caf\xC3\xA9"},
		{"{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\cpg1251 A;}"
		 "{\\f0\\fcharset238 B;}}\\f0 \\'9a\\par}", "\xC5\xA1"},
	};
	static const char dflt[] =
		"{\\rtf1\\ansi\\ansicpg437\\deff0{\\fonttbl{\\f0\\fcharset1"
		"\\cpg437 A;}{\\f1\\fcharset204\\cpg437 B;}}\\f0 \\'e9 \\f1 \\'c4"
		"\\par}";
	clint_diag *d = NULL;
	clint_doc *doc;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		doc = rtf_rc(cases[i][0], strlen(cases[i][0]), NULL, CLINT_OK);
		assert_text(doc, cases[i][1]);
		clint_doc_free(doc);
	}
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = rtf_rc(dflt, strlen(dflt), d, CLINT_OK);
	assert_text(doc, "\xC3\xA9 \xD0\x94");
	assert_int_equal(clint_diag_count(d), 2);
	assert_true(unit_diag_find(d, "RTF code page 437 is not supported") >= 0);
	assert_true(unit_diag_find(d, "font code page 437 is not supported: its "
	                           "\\'hh characters are read in the document's "
	                           "code page") >= 0);
	clint_doc_free(doc);
	clint_diag_free(d);
}

/* The other Windows code pages of the world's contracts: Turkish,
 * Hebrew, Arabic, Baltic, Vietnamese and Thai, as \ansicpg and as the
 * charset of a font (they were read as Windows-1252 with a note). */
static void test_more_codepages(void **state)
{
	static const struct {
		const char *cpg, *charset, *bytes, *text;
	} cases[] = {
		{"1254", "162", "\\'f0", "\xC4\x9F"},           /* g breve */
		{"1255", "177", "\\'e0", "\xD7\x90"},           /* alef */
		{"1256", "178", "\\'c7", "\xD8\xA7"},           /* alef */
		{"1257", "186", "\\'e0", "\xC4\x85"},           /* a ogonek */
		{"1258", "163", "a\\'d2", "a\xCC\x89"},         /* hook above */
		{"874", "222", "\\'a1", "\xE0\xB8\x81"},       /* ko kai */
	};
	clint_buf b = CLINT_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		b.len = 0;
		assert_int_equal(clint_buf_printf(&b, "{\\rtf1\\ansi\\ansicpg%s "
		                                  "%s\\par}", cases[i].cpg,
		                                  cases[i].bytes), CLINT_OK);
		assert_notes(b.data, b.len, cases[i].text, NULL);
		b.len = 0;
		assert_int_equal(clint_buf_printf(&b, "{\\rtf1\\ansi\\ansicpg1252"
		                                  "\\deff0{\\fonttbl{\\f0\\fcharset%s "
		                                  "F;}}%s\\par}", cases[i].charset,
		                                  cases[i].bytes), CLINT_OK);
		assert_notes(b.data, b.len, cases[i].text, NULL);
	}
	clint_buf_free(&b);
}

/* A note for an unsupported code page is given once, not at each of its
 * \\ansicpg words (1.6 million of them made 576 MB of notes), nor at each
 * change between two. */
static void test_codepage_noted_once(void **state)
{
	clint_buf b = CLINT_BUF_INIT;
	clint_diag *d = NULL;
	clint_doc *doc;
	size_t i;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, "{\\rtf1\\ansi Fees.\\par "),
	                 CLINT_OK);
	for (i = 0; i < 20000; i++)
		assert_int_equal(clint_buf_puts(&b, "\\ansicpg437\\'82"
		                                 "\\ansicpg850\\'82"),
		                 CLINT_OK);
	assert_int_equal(clint_buf_puts(&b, "}"), CLINT_OK);
	doc = rtf_rc(b.data, b.len, d, CLINT_OK);
	assert_int_equal(clint_diag_count(d), 2);
	assert_true(unit_diag_find(d, "code page 437") >= 0);
	assert_true(unit_diag_find(d, "code page 850") >= 0);
	clint_doc_free(doc);
	clint_diag_free(d);
	clint_buf_free(&b);
}

/* An unsupported code page, of the document or of a font, is noted when
 * a byte of text is read in it, not where it is named: not for a
 * document whose text is all \uN (its \'hh fallbacks skipped), a font
 * table naming fonts no such byte is read in, hidden or deleted text;
 * for the \deff font after the font table, \plain, a footnote, a byte
 * written as itself, a font as it was when chosen. */
static void test_codepage_noted_when_read(void **state)
{
	static const struct {
		const char *rtf, *text;
	} quiet[] = {
		{"{\\rtf1\\ansi\\ansicpg437 Fees.\\par}", "Fees."},
		{"{\\rtf1\\ansi\\ansicpg437\\uc2 \\u24037\\'8d\\'48 Fees.\\par}",
		 "\xE5\xB7\xA5 Fees."},
		{"{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fcharset130"
		 "\\cpg437 Johab;}{\\f1\\cpg850 DOS;}}\\f1 Fees.\\par}",
		 "Fees."},
		{"{\\rtf1\\ansi\\ansicpg437 {\\v \\'82\\'a0}Fees.\\par}", "Fees."},
		{"{\\rtf1\\ansi\\ansicpg437 {\\deleted caf\\'e9}Fees.\\par}",
		 "Fees."},
	};
	static const char *const one[][2] = {
		{"{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fcharset130 J;}}caf\\'e9"
		 "\\par}", "font charset 130 is not supported"},
		{"{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fcharset130 J;}{\\f1"
		 "\\fcharset0 A;}}\\f1 caf\\'e9\\plain \\'e9\\par}",
		 "font charset 130 is not supported"},
		{"{\\rtf1\\ansi\\ansicpg437 Fees{\\footnote caf\\'e9}\\par}",
		 "RTF code page 437 is not supported"},
		{"{\\rtf1\\ansi\\ansicpg437 caf\xE9\\par}",
		 "RTF code page 437 is not supported"},
		/* a font read in the document's double-byte code page */
		{"{\\rtf1\\ansi\\ansicpg932\\deff0{\\fonttbl{\\f0\\fcharset130 J;}}"
		 "\\'82\\'a0\\par}", "font charset 130 is not supported"},
		/* a font table in a group, after the font was chosen */
		{"{\\rtf1\\ansi{\\fonttbl{\\f1\\fcharset130 M;}}\\f1 "
		 "{{\\fonttbl{\\f1\\fcharset204 C;}}}\\'82\\par}",
		 "font charset 130 is not supported"},
	};
	static const char cp0[] = "{\\rtf1\\ansi\\ansicpg0 caf\\'e9\\par}";
	static const char noisy[] =
		"{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fcharset0 "
		"Arial;}{\\f1\\fcharset130\\cpg437 Johab;}}Fees {\\f1 "
		"\\'82}\\par}";
	clint_diag *d = NULL;
	clint_doc *doc;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(quiet); i++)
		assert_notes(quiet[i].rtf, strlen(quiet[i].rtf), quiet[i].text, NULL);
	for (i = 0; i < ARRAY_LEN(one); i++)
		assert_one_note(one[i][0], NULL, one[i][1]);
	/* the byte read in the font: its charset and code page noted */
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = rtf_rc(noisy, strlen(noisy), d, CLINT_OK);
	assert_int_equal(clint_diag_count(d), 2);
	assert_true(unit_diag_find(d, "font charset 130 is not supported") >= 0);
	assert_true(unit_diag_find(d, "font code page 437 is not supported: its "
	                           "\\'hh characters are read in the document's "
	                           "code page") >= 0);
	clint_doc_free(doc);
	clint_diag_free(d);
	/* a code page 0 is no code page either */
	assert_one_note(cp0, "caf\xC3\xA9", "RTF code page 0 is not supported");
}

/* The double-byte code pages of Japanese, Chinese and Korean documents
 * (932, 936, 949, 950), as \ansicpg, a font's \cpg or its \fcharset
 * (128, 134, 129, 136): a lead byte and the byte after it make one
 * character, that byte written as \'hh or as itself, line ends between
 * them ignored. They were read as Windows-1252 (mojibake), with a note. */
static void test_double_byte(void **state)
{
	static const char *const cases[][2] = {
		{"{\\rtf1\\ansi\\ansicpg932 \\'82\\'a0\\'93\\'fa\\'96\\'7b\\par}",
		 "\xE3\x81\x82\xE6\x97\xA5\xE6\x9C\xAC"},
		/* the second byte as itself; a line end between the two */
		{"{\\rtf1\\ansi\\ansicpg932 \\'83e \\'82\r\n\\'a0\\par}",
		 "\xE3\x83\x86 \xE3\x81\x82"},
		/* a single-byte character of 932: half-width katakana */
		{"{\\rtf1\\ansi\\ansicpg932 \\'b1\\par}", "\xEF\xBD\xB1"},
		{"{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0\\fcharset0 Arial;}"
		 "{\\f1\\fcharset134 SimSun;}}\\f0 Fees {\\f1 \\'c4\\'e3\\'ba\\'c3}"
		 "\\par}", "Fees \xE4\xBD\xA0\xE5\xA5\xBD"},
		{"{\\rtf1\\ansi{\\fonttbl{\\f1\\cpg949 Batang;}}\\f1 \\'b0\\'a1\\par}",
		 "\xEA\xB0\x80"},
		{"{\\rtf1\\ansi{\\fonttbl{\\f1\\fcharset136 MingLiU;}}\\f1 "
		 "\\'a4\\'a4\\'a4\\'e5\\par}", "\xE4\xB8\xAD\xE6\x96\x87"},
		/* \u with its double-byte fallback: the character once */
		{"{\\rtf1\\ansi\\ansicpg932\\uc2 \\u12354\\'82\\'a0 x\\par}",
		 "\xE3\x81\x82 x"},
		/* a lead byte the next byte makes no character with: U+FFFD,
		 * and that byte read on its own; one cut off by its group's
		 * end: dropped */
		{"{\\rtf1\\ansi\\ansicpg932 \\'82 x\\par}", "\xEF\xBF\xBD x"},
		{"{\\rtf1\\ansi\\ansicpg932 {\\'82}x\\par}", "x"},
		/* the second byte written as a control symbol ("\\", "\}"); a
		 * brace after a lead byte is a group's start or end, as RTF
		 * has it (Microsoft's RichEdit writes and reads it as the
		 * second byte: one misnamed code page would then eat every
		 * group's end after an accented letter) */
		{"{\\rtf1\\ansi\\ansicpg932 \\'95\\\\\\'83\\}\\par}",
		 "\xE8\xA1\xA8\xE3\x83\x9E"},
		{"{\\rtf1\\ansi\\ansicpg932 {\\'82\\'a0}x{\\b \\'83}y\\par}",
		 "\xE3\x81\x82xy"},
		/* Word's theme fonts are numbered from 31500 */
		{"{\\rtf1\\ansi{\\fonttbl{\\f31505\\fcharset204 T;}}\\f31505 "
		 "\\'c4\\par}", "\xD0\x94"},
		/* a font of a single-byte code page in a double-byte document */
		{"{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0 SimSun;}{\\f1\\fcharset0 "
		 "Arial;}}\\'c4\\'e3{\\f1 caf\\'e9}\\par}", "\xE4\xBD\xA0" "caf\xC3\xA9"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(cases); i++)
		assert_notes(cases[i][0], strlen(cases[i][0]), cases[i][1], NULL);
}

/* Run as "test_rtf --no-converter" with GCONV_PATH naming a directory
 * whose gconv-modules sends CP932 nowhere: 0 if a 932 document is read
 * as Windows-1252 with one note. */
static int no_converter_child(void)
{
	static const char s[] = "{\\rtf1\\ansi\\ansicpg932 \\'82\\'a0x\\par}";
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *d = NULL;
	clint_doc *doc = NULL;
	int ok;

	o.format = CLINT_INPUT_RTF;
	if (clint_diag_new(&d) != CLINT_OK ||
	    clint_doc_load_buffer(&doc, "t.rtf", s, strlen(s), &o, d) != CLINT_OK)
		return 1;
	ok = strcmp(clint_doc_text(doc, NULL), "\xE2\x80\x9A\xC2\xA0x") == 0 &&
	     clint_diag_count(d) == 1 &&
	     unit_diag_find(d, "RTF code page 932 cannot be read on this "
	                       "system") >= 0;
	clint_doc_free(doc);
	clint_diag_free(d);
	return !ok;
}

/* Where the C library has no converter for a double-byte code page (no
 * gconv modules), its bytes are read as Windows-1252 and that is said
 * once: in a process of its own, which GCONV_PATH points at a
 * configuration that has none for CP932. */
static void test_double_byte_no_converter(void **state)
{
	char dir[] = "/tmp/clint-gconv-XXXXXX", path[64];
	FILE *f;
	pid_t pid;
	int status;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/gconv-modules", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("alias\tCP932//\tNO-SUCH-CODE-PAGE//\n", f);
	fclose(f);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		setenv("GCONV_PATH", dir, 1);
		execl("/proc/self/exe", "test_rtf", "--no-converter", (char *)NULL);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	unlink(path);
	rmdir(dir);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_symbols(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = rtf("{\\rtf1 a\\{b\\}c\\\\d\\~e\\-f\\_g \\emdash\\endash"
	          "\\lquote\\rquote\\ldblquote\\rdblquote\\bullet\\par}");
	assert_text(doc, "a{b}c\\d\xC2\xA0" "ef-g \xE2\x80\x94\xE2\x80\x93"
	                 "\xE2\x80\x98\xE2\x80\x99\xE2\x80\x9C\xE2\x80\x9D"
	                 "\xE2\x80\xA2");
	clint_doc_free(doc);
}

static void test_fields_and_hidden(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = rtf("{\\rtf1 See {\\field{\\*\\fldinst { HYPERLINK "
	          "\"https://example.com\" }}{\\fldrslt {\\ul the Policy}}} "
	          "now.{\\v  hidden words}\\v  also hidden\\v0  visible.\\par "
	          "Page {\\field{\\*\\fldinst PAGE}{\\fldrslt 3}}.\\par}");
	assert_text(doc, "See the Policy now. visible.\nPage 3.");
	clint_doc_free(doc);
}

static void test_skipped_destinations(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = rtf("{\\rtf1{\\*\\generator Writer 1.0;}"
	          "{\\*\\unknowndest lots of junk}"
	          "{\\pict\\pngblip 89504e470d0a1a0a}"
	          "{\\object\\objemb{\\*\\objdata 0102}{\\result {\\pict 0102}}}"
	          "{\\*\\bkmkstart intro}Body{\\*\\bkmkend intro} text."
          "{\\*\\annotation a reviewer comment}\\par"
	          "{\\listtext 1.\\tab}Numbered.\\par}");
	assert_text(doc, "Body text.\n1.\tNumbered.");
	clint_doc_free(doc);
}

/* The text of a text box (\shptxt in a \shp), which Word shows and the
 * DOCX extractor reads (w:txbxContent), was dropped with the shape: it
 * is read as a paragraph of its own; the shape's properties, its picture
 * and the copy for old readers (\shprslt) are not. */
static void test_text_boxes(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = rtf("{\\rtf1 Signed: {\\shp{\\*\\shpinst{\\sp{\\sn shapeType}"
	          "{\\sv 202}}{\\shptxt \\pard The Supplier shall indemnify.\\par}}"
	          "{\\shprslt{\\*\\do\\dobxcolumn{\\dptxbx{\\pard old copy\\par}}}}}"
	          "Date.\\par"
	          "{\\header {\\shp{\\*\\shpinst{\\shptxt Header box}}} text\\par}"
	          "{\\*\\fldinst {\\shp{\\*\\shpinst{\\shptxt not shown}}}}"
	          "{\\shptxt no shape}End.\\par}");
	block(doc, 0, "Signed: ");
	block(doc, 1, "The Supplier shall indemnify.");
	block(doc, 2, "Date.");
	assert_true(block(doc, 3, "Header box text").flags & CLINT_BLOCK_NOTE);
	block(doc, 4, "no shapeEnd.");
	assert_int_equal(clint_doc_block_count(doc), 5);
	clint_doc_free(doc);
	/* a box whose last paragraph has no \par ends with its group, not
	 * run into the text after the shape ("Box textis due.") */
	doc = rtf("{\\rtf1 The fee {\\shp{\\*\\shpinst{\\shptxt Box text}}}"
	          "is due.\\par}");
	block(doc, 0, "The fee ");
	block(doc, 1, "Box text");
	block(doc, 2, "is due.");
	assert_int_equal(clint_doc_block_count(doc), 3);
	clint_doc_free(doc);
	/* the boxes of a group of shapes (each \shp in the group's skipped
	 * \*\shpinst), and a box in a footnote, spaced from the note's text */
	doc = rtf("{\\rtf1 Before.\\par{\\shpgrp{\\*\\shpinst{\\sp{\\sn x}{\\sv 1}}"
	          "{\\shp{\\*\\shpinst{\\shptxt Grouped box.\\par}}}"
	          "{\\shp{\\*\\shpinst{\\shptxt Second box.}}}}}After."
	          "{\\footnote FN{\\shp{\\*\\shpinst{\\shptxt Box}}}fn.}\\par}");
	block(doc, 0, "Before.");
	block(doc, 1, "Grouped box.");
	block(doc, 2, "Second box.");
	block(doc, 3, "After.");
	assert_true(block(doc, 4, "FN Box fn.").flags & CLINT_BLOCK_NOTE);
	assert_int_equal(clint_doc_block_count(doc), 5);
	clint_doc_free(doc);
	/* an object's result is what Word shows of it: its text is read,
	 * its data and a picture result are not */
	doc = rtf("{\\rtf1 Rates: {\\object\\objemb{\\*\\objclass Excel.Sheet.8}"
	          "{\\*\\objdata 0102}{\\result {\\rtlch Rate EUR 90}}} per hour."
	          "\\par{\\object{\\*\\objdata 01}{\\result{\\pict 0102}}}"
	          "{\\*\\fldinst {\\object{\\result not shown}}}Done.\\par}");
	assert_text(doc, "Rates: Rate EUR 90 per hour.\nDone.");
	clint_doc_free(doc);
}

/* Every destination of the extractor's skip table (looked up by binary
 * search, so a word out of order would be missed) drops its text, without
 * the \\* marker that would drop it anyway. */
static void test_every_skipped_word(void **state)
{
	static const char *const words[] = {
		"aftncn", "aftnsep", "aftnsepc", "annotation", "atnauthor",
		"atndate", "atnicn", "atnid", "atnparent", "atnref", "atntime",
		"atrfend", "atrfstart", "bkmkend", "bkmkstart",
		"colorschememapping", "colortbl", "datafield", "datastore",
		"docvar", "falt", "filetbl", "fldinst", "fontemb", "fontfile",
		"fonttbl", "ftncn", "ftnsep", "ftnsepc", "generator", "info",
		"latentstyles", "listoverridetable", "listpicture", "listtable",
		"mmathPr", "nonshppict", "objdata", "object", "passwordhash",
		"pgdsctbl", "pict", "pn", "pnseclvl", "private", "revtbl",
		"rsidtbl", "rxe", "shp", "shpinst", "shppict", "stylesheet", "tc",
		"tcn", "template", "themedata", "txe", "userprops", "xe",
		"xmlnstbl", "xmlopen",
	};
	char buf[128];
	size_t i;
	clint_doc *doc;

	(void)state;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		snprintf(buf, sizeof(buf), "{\\rtf1 Kept{\\%s dropped words} text.\\par}",
		         words[i]);
		doc = rtf(buf);
		assert_text(doc, "Kept text.");
		clint_doc_free(doc);
	}
	/* near misses are not destinations */
	doc = rtf("{\\rtf1 {\\pnx kept} {\\xmlopenx also}\\par}");
	assert_text(doc, "kept also");
	clint_doc_free(doc);
}

static void test_notes(void **state)
{
	clint_doc *doc;
	clint_block b;
	size_t len;

	(void)state;
	doc = rtf("{\\rtf1{\\header Confidential draft\\par}"
	          "The fee is fixed.{\\footnote \\chftn Excluding VAT.}"
	          " More text.\\par Next.\\par}");
	assert_text(doc, "Confidential draft\nThe fee is fixed. More text.\n"
	                 "Excluding VAT.\nNext.");
	b = block(doc, 0, "Confidential draft");
	assert_int_equal(b.flags & CLINT_BLOCK_NOTE, CLINT_BLOCK_NOTE);
	b = block(doc, 1, "The fee is fixed. More text.");
	assert_int_equal(b.flags & CLINT_BLOCK_NOTE, 0);
	b = block(doc, 2, "Excluding VAT.");
	assert_int_equal(b.flags & CLINT_BLOCK_NOTE, CLINT_BLOCK_NOTE);
	assert_int_equal(b.paragraph, 1);
	block(doc, 3, "Next.");
	clint_doc_free(doc);

	/* a note never opens a section: the header before the body is in
	 * the preamble, a footnote after its paragraph in that clause */
	doc = rtf("{\\rtf1{\\header CONFIDENTIAL\\par}"
	          "1. Charges\\par 1.1 The fee is fixed.{\\footnote 2. Net}\\par"
	          " 1.2 Invoices are due monthly.\\par}");
	assert_text(doc, "CONFIDENTIAL\n1. Charges\n1.1 The fee is fixed.\n"
	                 "2. Net\n1.2 Invoices are due monthly.");
	assert_int_equal(clint_doc_section_count(doc), 3);
	assert_int_equal(clint_doc_section_at(doc, 0), CLINT_NO_SECTION);
	assert_int_equal(clint_doc_section_at(doc, block(doc, 3, "2. Net").start),
	                 1);
	clint_doc_text(doc, &len);
	assert_int_equal(clint_doc_notes_start(doc), len);
	clint_doc_free(doc);
	/* the last paragraph's footnote too */
	doc = rtf("{\\rtf1 1. Charges\\par 1.1 The fee is fixed."
	          "{\\footnote Excluding VAT.}\\par}");
	assert_int_equal(clint_doc_section_count(doc), 2);
	assert_int_equal(
		clint_doc_section_at(doc, block(doc, 2, "Excluding VAT.").start), 1);
	clint_doc_text(doc, &len);
	assert_int_equal(clint_doc_notes_start(doc), len);
	clint_doc_free(doc);
}

static void test_headings_and_lists(void **state)
{
	clint_doc *doc;
	clint_block b;

	(void)state;
	doc = rtf("{\\rtf1\\pard\\outlinelevel0 Service Levels\\par"
	          "\\pard\\ls1\\ilvl1 A listed item.\\par"
	          "\\pard the plain text of a clause.\\par}");
	b = block(doc, 0, "Service Levels");
	assert_int_equal(b.type, CLINT_BLOCK_HEADING);
	assert_int_equal(b.level, 1);
	b = block(doc, 1, "A listed item.");
	assert_int_equal(b.type, CLINT_BLOCK_LIST_ITEM);
	assert_int_equal(b.level, 2);
	b = block(doc, 2, "the plain text of a clause.");
	assert_int_equal(b.type, CLINT_BLOCK_PARAGRAPH);
	clint_doc_free(doc);
}

static void test_revisions(void **state)
{
	const char *s = "{\\rtf1 Pay in {\\deleted 30}{\\revised 60} days.\\par}";
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;

	(void)state;
	doc = rtf(s);
	assert_text(doc, "Pay in 60 days.");
	assert_int_equal(block(doc, 0, "Pay in 60 days.").flags &
	                     CLINT_BLOCK_INSERTED,
	                 CLINT_BLOCK_INSERTED);
	clint_doc_free(doc);
	o.revisions = CLINT_REVISIONS_REJECT;
	assert_int_equal(clint_doc_load_buffer(&doc, "r.rtf", s, strlen(s), &o,
	                                       NULL),
	                 CLINT_OK);
	assert_text(doc, "Pay in 30 days.");
	clint_doc_free(doc);
}

/* Toggles with and without a 0 parameter, \plain, out-of-range outline
 * and list levels, \ilvl before \ls, control symbols (\~ \_ \- \:), a
 * control word ended by a line break, notes holding paragraphs and cells,
 * \page inside a note, a note of white space only. */
static void test_control_word_variants(void **state)
{
	clint_doc *doc;
	clint_block b;

	(void)state;
	doc = rtf("{\\rtf1\\pard Shown{\\v hidden}{\\v\\v0 shown again}"
	          "{\\deleted0 kept}{\\revised0 plain}{\\v\\plain  after plain}\\par"
	          "\\pard\\outlinelevel12 Not a heading level\\par"
	          "\\pard\\ilvl3 Level four item\\par"
	          "\\pard\\ls2\\ilvl-1 Out of range level\\par"
	          "\\pard net\\~30\\_days\\-\\:ok\\\n"
	          "next line\\par"
	          "\\pard Fee.{\\footnote First.\\par Second.\\cell Third.\\row "
	          "\\page}{\\footnote  \\par }\\par}");
	/* (the space after a control word delimits it) */
	b = block(doc, 0, "Shownshown againkeptplain after plain");
	assert_int_equal(b.flags, 0);
	b = block(doc, 1, "Not a heading level");
	assert_int_equal(b.type, CLINT_BLOCK_PARAGRAPH);
	b = block(doc, 2, "Level four item");
	assert_int_equal(b.type, CLINT_BLOCK_LIST_ITEM);
	assert_int_equal(b.level, 4);
	b = block(doc, 3, "Out of range level");
	assert_int_equal(b.type, CLINT_BLOCK_LIST_ITEM);
	assert_int_equal(b.level, 1);
	block(doc, 4, "net\xC2\xA0" "30-daysok");
	block(doc, 5, "next line");
	block(doc, 6, "Fee.");
	/* a note's paragraphs and cells run together; an empty note is none */
	b = block(doc, 7, "First. Second. Third.");
	assert_int_equal(b.flags & CLINT_BLOCK_NOTE, CLINT_BLOCK_NOTE);
	assert_int_equal(clint_doc_block_count(doc), 8);
	clint_doc_free(doc);
}

/* ---- hostile input ---------------------------------------------------------- */

static void test_deep_nesting(void **state)
{
	size_t n = 5000, i;
	char *s = malloc(n * 2 + 32);
	clint_diag *d = NULL;

	(void)state;
	assert_non_null(s);
	strcpy(s, "{\\rtf1 ");
	for (i = 0; i < n; i++)
		strcat(s + i, "{");
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	rtf_rc(s, strlen(s), d, CLINT_ELIMIT);
	assert_true(unit_diag_find(d, "nested deeper than 1000") >= 0);
	clint_diag_free(d);
	/* 999 levels are fine */
	strcpy(s, "{\\rtf1 ");
	for (i = 0; i < 998; i++)
		strcat(s + 7 + i, "{");
	strcat(s, "deep");
	for (i = 0; i < 998; i++)
		strcat(s + 7 + 998 + 4 + i, "}");
	strcat(s, "}");
	{
		clint_doc *doc = rtf(s);
		assert_text(doc, "deep");
		clint_doc_free(doc);
	}
	free(s);
}

static void test_bin(void **state)
{
	static const char ok[] = "{\\rtf1 A{\\*\\blob\\bin6 }{\\\\x}}B\\par}";
	static const char huge[] = "{\\rtf1 Before.\\par\\bin999999999999 xy";
	clint_diag *d = NULL;
	clint_doc *doc;

	(void)state;
	/* the 6 raw bytes "}{\\x}" are skipped, not parsed */
	doc = rtf_rc(ok, sizeof(ok) - 1, NULL, CLINT_OK);
	assert_text(doc, "AB");
	clint_doc_free(doc);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = rtf_rc(huge, sizeof(huge) - 1, d, CLINT_OK);
	assert_text(doc, "Before.");
	assert_true(unit_diag_find(d, "\\bin data runs past the end") >= 0);
	clint_doc_free(doc);
	clint_diag_free(d);
}

static void test_truncated_and_unbalanced(void **state)
{
	static const char trunc[] = "{\\rtf1 {\\b Cut off here";
	static const char extra[] = "{\\rtf1 Done.\\par}}}} trailing {junk";
	static const char padded[] = "{\\rtf1 Done.\\par}}\r\n \0\x1a";
	static const char escape_at_end[] = "{\\rtf1 x\\";
	static const char hex_at_end[] = "{\\rtf1 x\\'4";
	clint_diag *d = NULL;
	clint_doc *doc;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = rtf_rc(trunc, sizeof(trunc) - 1, d, CLINT_OK);
	assert_text(doc, "Cut off here");
	assert_true(unit_diag_find(d, "truncated RTF: 2 groups") >= 0);
	clint_doc_free(doc);
	clint_diag_free(d);
	/* what follows the document's closing brace is not read, and said
	 * unless it is only braces and white space */
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = rtf_rc(extra, sizeof(extra) - 1, d, CLINT_OK);
	assert_text(doc, "Done.");
	assert_true(unit_diag_find(d, "ends at offset 16 (the \"}\" of its first "
	                              "\"{\"): the 18 bytes after it are not "
	                              "read") >= 0);
	assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_WARNING), 1);
	clint_doc_free(doc);
	clint_diag_clear(d);
	doc = rtf_rc(padded, sizeof(padded) - 1, d, CLINT_OK);
	assert_text(doc, "Done.");
	assert_int_equal(clint_diag_count(d), 0);
	clint_doc_free(doc);
	clint_diag_free(d);
	doc = rtf_rc(escape_at_end, sizeof(escape_at_end) - 1, NULL, CLINT_OK);
	assert_text(doc, "x");
	clint_doc_free(doc);
	doc = rtf_rc(hex_at_end, sizeof(hex_at_end) - 1, NULL, CLINT_OK);
	assert_text(doc, "x");
	clint_doc_free(doc);
}

static void test_huge_parameters_and_words(void **state)
{
	char s[400];
	clint_doc *doc;

	(void)state;
	/* an over-long control word, huge and negative parameters */
	snprintf(s, sizeof(s), "{\\rtf1\\%0200d\\fs99999999999999999999 "
	         "\\uc-5\\u99999999999?ok\\li-2147483649 fine\\par}", 0);
	memset(s + 7, 'a', 200);
	doc = rtf(s);
	unit_assert_contains(clint_doc_text(doc, NULL), "ok");
	unit_assert_contains(clint_doc_text(doc, NULL), "fine");
	clint_doc_free(doc);
}

static void test_not_rtf_when_forced(void **state)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *d = NULL;
	clint_doc *doc = NULL;

	(void)state;
	o.format = CLINT_INPUT_RTF;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_doc_load_buffer(&doc, "x.rtf", "plain", 5, &o, d),
	                 CLINT_EFORMAT);
	assert_null(doc);
	assert_true(unit_diag_find(d, "not an RTF document") >= 0);
	clint_diag_free(d);
}

/* Every prefix of a realistic document loads without a crash. */
static void test_every_prefix(void **state)
{
	static const char s[] =
		"{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}"
		"{\\header Draft\\par}\\pard\\outlinelevel0 1. Fees\\par"
		"\\pard The fee is \\'80 5{\\footnote Net.}.\\par"
		"\\trowd\\pard\\intbl A\\cell B\\cell\\row"
		"{\\field{\\*\\fldinst X}{\\fldrslt Y}}\\u8364?\\bin2 {}\\page"
		"{\\v gone}Z\\par}";
	size_t n;

	(void)state;
	for (n = 5; n <= sizeof(s) - 1; n++) {
		clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
		clint_doc *doc = NULL;
		int rc = clint_doc_load_buffer(&doc, "p.rtf", s, n, &o, NULL);
		assert_int_equal(rc, CLINT_OK);
		clint_doc_free(doc);
	}
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_page_break),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_unicode_escapes),
		cmocka_unit_test(test_codepage),
		cmocka_unit_test(test_codepage_noted_once),
		cmocka_unit_test(test_codepage_noted_when_read),
		cmocka_unit_test(test_double_byte),
		cmocka_unit_test(test_double_byte_no_converter),
		cmocka_unit_test(test_font_charset),
		cmocka_unit_test(test_font_codepage),
		cmocka_unit_test(test_font_codepage_entries),
		cmocka_unit_test(test_more_codepages),
		cmocka_unit_test(test_symbols),
		cmocka_unit_test(test_fields_and_hidden),
		cmocka_unit_test(test_skipped_destinations),
		cmocka_unit_test(test_text_boxes),
		cmocka_unit_test(test_every_skipped_word),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_headings_and_lists),
		cmocka_unit_test(test_revisions),
		cmocka_unit_test(test_control_word_variants),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_bin),
		cmocka_unit_test(test_truncated_and_unbalanced),
		cmocka_unit_test(test_huge_parameters_and_words),
		cmocka_unit_test(test_not_rtf_when_forced),
		cmocka_unit_test(test_every_prefix),
	};

	if (argc > 1 && strcmp(argv[1], "--no-converter") == 0)
		return no_converter_child();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
