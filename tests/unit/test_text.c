/*
 * test_text.c - decoding (BOM, UTF-16, Windows-1252 fallback, binary and
 * unsupported inputs, limits) and plain-text blocks (src/lib/extract/
 * text.c and extract.c, through clint_doc_load_buffer()).
 */
#include "unit.h"

#include "internal.h"
#include "../../src/lib/extract/extract.h"

/* Loads bytes as plain text, expecting `rc`; returns the doc (or NULL). */
static clint_doc *load_rc(const char *name, const void *data, size_t len,
                          clint_diag *diag, int rc)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = (clint_doc *)&o; /* must be reset to NULL */

	o.format = CLINT_INPUT_TEXT;
	assert_int_equal(clint_doc_load_buffer(&doc, name, data, len, &o, diag),
	                 rc);
	if (rc != CLINT_OK)
		assert_null(doc);
	return doc;
}

static void assert_loc(const clint_doc *doc, size_t off, unsigned line,
                       unsigned column)
{
	clint_location loc;

	assert_int_equal(clint_doc_locate(doc, off, &loc), CLINT_OK);
	if (loc.line != line || loc.column != column)
		fail_msg("offset %zu is at %u:%u, expected %u:%u", off, loc.line,
		         loc.column, line, column);
}

static void assert_block(const clint_doc *doc, size_t i, clint_block_type type,
                         const char *text)
{
	clint_block b;

	assert_int_equal(clint_doc_block(doc, i, &b), CLINT_OK);
	assert_int_equal(b.type, type);
	unit_assert_slice(doc, b.start, b.end, text);
}

/* ---- decoding --------------------------------------------------------------- */

static void test_utf8_plain(void **state)
{
	const char *s = "Caf\xC3\xA9 terms apply.";
	clint_diag *d = NULL;
	clint_doc *doc;
	size_t len;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load_rc("plain.txt", s, strlen(s), d, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, &len), s);
	assert_int_equal(len, strlen(s));
	assert_string_equal(clint_doc_name(doc), "plain.txt");
	assert_int_equal(clint_doc_format(doc), CLINT_INPUT_TEXT);
	/* valid UTF-8 is taken as it is, without a note */
	assert_int_equal(clint_diag_count(d), 0);
	/* columns count characters, not bytes */
	assert_loc(doc, unit_offset(doc, "terms"), 1, 6);
	clint_doc_free(doc);
	clint_diag_free(d);
}

static void test_utf8_bom(void **state)
{
	const char s[] = "\xEF\xBB\xBFThe Supplier shall comply.\n\nSecond part.";
	clint_doc *doc;
	clint_block b;
	size_t len;

	(void)state;
	doc = load_rc("bom.txt", s, sizeof(s) - 1, NULL, CLINT_OK);
	/* the BOM is not part of the text: offsets start after it */
	assert_string_equal(clint_doc_text(doc, &len),
	                    "The Supplier shall comply.\n\nSecond part.");
	assert_int_equal(len, sizeof(s) - 1 - 3);
	assert_int_equal(clint_doc_block_count(doc), 2);
	assert_int_equal(clint_doc_block(doc, 0, &b), CLINT_OK);
	assert_int_equal(b.start, 0);
	assert_int_equal(b.end, 26);
	assert_loc(doc, 0, 1, 1);
	assert_loc(doc, unit_offset(doc, "Supplier"), 1, 5);
	assert_loc(doc, unit_offset(doc, "Second"), 3, 1);
	clint_doc_free(doc);
}

/* Encodes ASCII/Latin-1 `s` as UTF-16 (with an optional BOM) into out. */
static size_t utf16(unsigned char *out, const char *s, int big_endian,
                    int bom)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;

	if (bom) {
		out[n++] = big_endian ? 0xFE : 0xFF;
		out[n++] = big_endian ? 0xFF : 0xFE;
	}
	for (; *p; p++) {
		unsigned c = *p;
		/* "\xC3\xA9" in the source string is taken as U+00E9 */
		if (c == 0xC3 && p[1]) {
			c = 0xC0 | (p[1] & 0x3F);
			p++;
		}
		out[n++] = big_endian ? 0 : (unsigned char)c;
		out[n++] = big_endian ? (unsigned char)c : 0;
	}
	return n;
}

static void check_utf16_doc(const clint_doc *doc)
{
	size_t len;

	assert_string_equal(clint_doc_text(doc, &len),
	                    "first line of text\nsecond line caf\xC3\xA9 ok\n");
	assert_int_equal(len, 19 + 21);
	assert_loc(doc, unit_offset(doc, "second"), 2, 1);
	/* "ok" is after a 2-byte character: column 18, byte 19 of the line */
	assert_loc(doc, unit_offset(doc, "ok"), 2, 18);
	assert_int_equal(clint_doc_block_count(doc), 1);
}

static void test_utf16le_bom(void **state)
{
	unsigned char buf[256];
	size_t n = utf16(buf, "first line of text\nsecond line caf\xC3\xA9 ok\n", 0,
	                 1);
	clint_diag *d = NULL;
	clint_doc *doc;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load_rc("le.txt", buf, n, d, CLINT_OK);
	check_utf16_doc(doc);
	assert_int_equal(clint_diag_count(d), 0); /* a BOM needs no note */
	clint_doc_free(doc);
	clint_diag_free(d);
}

static void test_utf16be_bom(void **state)
{
	unsigned char buf[256];
	size_t n = utf16(buf, "first line of text\nsecond line caf\xC3\xA9 ok\n", 1,
	                 1);
	clint_doc *doc;

	(void)state;
	doc = load_rc("be.txt", buf, n, NULL, CLINT_OK);
	check_utf16_doc(doc);
	clint_doc_free(doc);
}

static void test_utf16_surrogate_pair(void **state)
{
	/* BOM, 'a', U+1F600 as D83D DE00, 'b', then a lone high surrogate */
	const unsigned char le[] = {0xFF, 0xFE, 'a', 0,    0x3D, 0xD8, 0x00,
	                            0xDE, 'b',  0,   0x3D, 0xD8, 'c',  0};
	clint_doc *doc;

	(void)state;
	doc = load_rc("pair.txt", le, sizeof(le), NULL, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "a\xF0\x9F\x98\x80" "b\xEF\xBF\xBD" "c");
	clint_doc_free(doc);
}

static void test_utf16_guessed(void **state)
{
	unsigned char buf[256];
	size_t n;
	clint_diag *d = NULL;
	clint_doc *doc;
	clint_diag_entry e;
	long i;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	n = utf16(buf, "first line of text\nsecond line caf\xC3\xA9 ok\n", 0, 0);
	doc = load_rc("guess-le.txt", buf, n, d, CLINT_OK);
	check_utf16_doc(doc);
	i = unit_diag_find(d, "UTF-16LE");
	assert_true(i >= 0);
	assert_int_equal(clint_diag_get(d, (size_t)i, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_NOTE);
	assert_string_equal(e.file, "guess-le.txt");
	unit_assert_contains(e.message, "byte-order mark");
	clint_doc_free(doc);

	clint_diag_clear(d);
	n = utf16(buf, "first line of text\nsecond line caf\xC3\xA9 ok\n", 1, 0);
	doc = load_rc("guess-be.txt", buf, n, d, CLINT_OK);
	check_utf16_doc(doc);
	assert_true(unit_diag_find(d, "UTF-16BE") >= 0);
	assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_WARNING), 0);
	clint_doc_free(doc);
	clint_diag_free(d);
}

static void test_cp1252_fallback(void **state)
{
	const char s[] = "He said \x93hi\x94 \x96 for \x80" "5.";
	clint_diag *d = NULL;
	clint_diag_entry e;
	clint_doc *doc;
	long i;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load_rc("win.txt", s, sizeof(s) - 1, d, CLINT_OK);
	/* 0x93/0x94 are curly quotes, 0x96 an en dash, 0x80 the euro sign */
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "He said \xE2\x80\x9Chi\xE2\x80\x9D \xE2\x80\x93 for "
	                    "\xE2\x82\xAC" "5.");
	i = unit_diag_find(d, "Windows-1252");
	assert_true(i >= 0);
	assert_int_equal(clint_diag_get(d, (size_t)i, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_NOTE);
	assert_string_equal(e.file, "win.txt");
	/* the first bad byte and its offset are named */
	unit_assert_contains(e.message, "0x93");
	unit_assert_contains(e.message, "offset 8");
	assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_WARNING), 0);
	/* columns are characters of the decoded text */
	assert_loc(doc, unit_offset(doc, "hi"), 1, 10);
	clint_doc_free(doc);
	clint_diag_free(d);
}

static void test_cp1252_holes_and_latin1(void **state)
{
	/* 0x81 is undefined in Windows-1252; 0xE9 is e-acute */
	const char s[] = "caf\xE9 \x81 end";
	clint_doc *doc;

	(void)state;
	doc = load_rc("latin.txt", s, sizeof(s) - 1, NULL, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "caf\xC3\xA9 \xEF\xBF\xBD end");
	clint_doc_free(doc);
}

/* A UTF-8 file with a few bytes of Windows-1252 pasted in: those bytes are
 * read as Windows-1252 and the rest stays UTF-8 (read all as Windows-1252,
 * every curly apostrophe and euro sign of the file was garbled); where
 * the valid sequences do not outnumber the bad bytes, all is
 * Windows-1252 (a Windows-1252 "Ã©" is a valid UTF-8 "é"). */
static void test_mostly_utf8(void **state)
{
	const char mixed[] = "Supplier\xE2\x80\x99s fee \xE2\x82\xAC" "100, "
	                     "the Customer\x92s \x93" "duty\x94, caf\xC3\xA9 na\xC3\xAFve.";
	const char cp1252[] = "caf\xE9 \xC3\xA9t\xE9 \x93quoted\x94";
	clint_diag *d = NULL;
	clint_diag_entry e;
	clint_doc *doc;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load_rc("mixed.txt", mixed, sizeof(mixed) - 1, d, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Supplier\xE2\x80\x99s fee \xE2\x82\xAC" "100, "
	                    "the Customer\xE2\x80\x99s \xE2\x80\x9C" "duty"
	                    "\xE2\x80\x9D, caf\xC3\xA9 na\xC3\xAFve.");
	assert_int_equal(clint_diag_count(d), 1);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_NOTE);
	assert_string_equal(e.message, "not valid UTF-8 (byte 0x92 at offset 37): "
	                               "3 such bytes decoded as Windows-1252, the "
	                               "rest as UTF-8");
	clint_doc_free(doc);
	clint_diag_clear(d);
	doc = load_rc("latin.txt", cp1252, sizeof(cp1252) - 1, d, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "caf\xC3\xA9 \xC3\x83\xC2\xA9t\xC3\xA9 "
	                    "\xE2\x80\x9Cquoted\xE2\x80\x9D");
	assert_true(unit_diag_find(d, "; decoded as Windows-1252") >= 0);
	clint_doc_free(doc);
	clint_diag_free(d);
}

/* A direction control settles that a file is UTF-8, however many stray
 * bytes it has: read as Windows-1252 it was the letters "â€®", and the
 * direction-control check did not see it (two stray bytes beside an
 * override and its U+202C outnumbered nothing and were read so). A
 * curly apostrophe does too; a Latin letter does not. */
static void test_utf8_signs(void **state)
{
	const char rlo[] = "Pay to account \xE2\x80\xAE" "4321\xE2\x80\xAC only. "
	                   "Caf\xE9 and na\xEFve terms apply.";
	const char apos[] = "the Supplier\xE2\x80\x99s caf\xE9, na\xEFve, \xE0 la";
	const char latin[] = "caf\xC3\xA9 caf\xE9 na\xEFve";
	clint_diag *d = NULL;
	clint_doc *doc;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load_rc("rlo.txt", rlo, sizeof(rlo) - 1, d, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Pay to account \xE2\x80\xAE" "4321\xE2\x80\xAC only. "
	                    "Caf\xC3\xA9 and na\xC3\xAFve terms apply.");
	assert_true(unit_diag_find(d, "2 such bytes decoded as Windows-1252, "
	                              "the rest as UTF-8") >= 0);
	clint_doc_free(doc);
	clint_diag_clear(d);
	doc = load_rc("apos.txt", apos, sizeof(apos) - 1, d, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "the Supplier\xE2\x80\x99s caf\xC3\xA9, na\xC3\xAFve, "
	                    "\xC3\xA0 la");
	assert_true(unit_diag_find(d, "3 such bytes") >= 0);
	clint_doc_free(doc);
	clint_diag_clear(d);
	/* one valid "é" against two bad bytes: Windows-1252, "Ã©" */
	doc = load_rc("latin.txt", latin, sizeof(latin) - 1, d, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "caf\xC3\x83\xC2\xA9 caf\xC3\xA9 na\xC3\xAFve");
	assert_true(unit_diag_find(d, "; decoded as Windows-1252") >= 0);
	clint_doc_free(doc);
	clint_diag_free(d);
}

/* ---- line ends and pages ------------------------------------------------------ */

static void test_crlf_lines(void **state)
{
	const char *s = "one line\r\ntwo line\r\n\r\nthree line\r\n";
	clint_doc *doc;

	(void)state;
	doc = load_rc("crlf.txt", s, strlen(s), NULL, CLINT_OK);
	assert_loc(doc, unit_offset(doc, "one"), 1, 1);
	assert_loc(doc, unit_offset(doc, "line"), 1, 5);
	assert_loc(doc, unit_offset(doc, "two"), 2, 1);
	assert_loc(doc, unit_offset(doc, "two") + 4, 2, 5);
	assert_loc(doc, unit_offset(doc, "three"), 4, 1);
	assert_loc(doc, unit_offset(doc, "three") + 6, 4, 7);
	/* the blank CRLF line separates blocks; no CR is inside a block end */
	assert_int_equal(clint_doc_block_count(doc), 2);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, "one line\r\ntwo line");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, "three line");
	clint_doc_free(doc);
}

static void test_lone_cr_lines(void **state)
{
	const char *s = "alpha beta\rgamma delta\r\rzeta eta";
	clint_doc *doc;

	(void)state;
	doc = load_rc("cr.txt", s, strlen(s), NULL, CLINT_OK);
	assert_loc(doc, unit_offset(doc, "beta"), 1, 7);
	assert_loc(doc, unit_offset(doc, "gamma"), 2, 1);
	assert_loc(doc, unit_offset(doc, "delta"), 2, 7);
	assert_loc(doc, unit_offset(doc, "zeta"), 4, 1);
	assert_loc(doc, unit_offset(doc, " eta") + 1, 4, 6);
	assert_int_equal(clint_doc_block_count(doc), 2);
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, "zeta eta");
	clint_doc_free(doc);
}

static void test_locate_end_and_beyond(void **state)
{
	const char *s = "first line\nsecond";
	clint_doc *doc;
	clint_location loc;

	(void)state;
	doc = load_rc("end.txt", s, strlen(s), NULL, CLINT_OK);
	assert_loc(doc, strlen(s), 2, 7);
	/* offsets past the end are clamped to the end */
	assert_loc(doc, strlen(s) + 100, 2, 7);
	/* the newline itself is on line 1 */
	assert_loc(doc, 10, 1, 11);
	assert_int_equal(clint_doc_locate(doc, 0, NULL), CLINT_EINVAL);
	assert_int_equal(clint_doc_locate(NULL, 0, &loc), CLINT_EINVAL);
	clint_doc_free(doc);
}

static void test_columns_on_a_long_line(void **state)
{
	/* 3000 two-byte characters: the column table's checkpoints fall in
	 * the middle of characters, which must not shift the count */
	size_t n = 11 + 3000 * 2 + 3, i;
	char *s = malloc(n + 1);
	clint_doc *doc;

	(void)state;
	assert_non_null(s);
	memcpy(s, "first line\n", 11);
	for (i = 0; i < 3000; i++)
		memcpy(s + 11 + 2 * i, "\xC3\xA9", 2);
	memcpy(s + 11 + 6000, "XYZ", 3);
	s[n] = '\0';
	doc = unit_doc_n("long.txt", s, n, CLINT_INPUT_TEXT, NULL);
	assert_loc(doc, 11, 2, 1);
	assert_loc(doc, 11 + 2 * 2042, 2, 2043);   /* before byte 4096 */
	assert_loc(doc, 11 + 2 * 2043, 2, 2044);   /* across it */
	assert_loc(doc, 11 + 2 * 2500, 2, 2501);
	assert_loc(doc, 11 + 6000, 2, 3001);       /* "X" */
	assert_loc(doc, n, 2, 3004);
	clint_doc_free(doc);
	free(s);
}

static void test_form_feed_pages(void **state)
{
	const char *s = "First page text here.\n\fSecond page text.\n\n"
	                "More on page two.\fThird page.";
	clint_doc *doc;
	clint_block b;
	clint_location loc;

	(void)state;
	doc = load_rc("ff.txt", s, strlen(s), NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 4);
	assert_int_equal(clint_doc_block(doc, 0, &b), CLINT_OK);
	assert_int_equal(b.page, 1);
	unit_assert_slice(doc, b.start, b.end, "First page text here.");
	assert_int_equal(clint_doc_block(doc, 1, &b), CLINT_OK);
	assert_int_equal(b.page, 2);
	unit_assert_slice(doc, b.start, b.end, "Second page text.");
	assert_int_equal(clint_doc_block(doc, 2, &b), CLINT_OK);
	assert_int_equal(b.page, 2);
	/* a form feed inside a line ends the block and the page */
	assert_int_equal(clint_doc_block(doc, 3, &b), CLINT_OK);
	assert_int_equal(b.page, 3);
	unit_assert_slice(doc, b.start, b.end, "Third page.");

	assert_int_equal(clint_doc_locate(doc, unit_offset(doc, "page text."), &loc),
	                 CLINT_OK);
	assert_int_equal(loc.page, 2);
	assert_int_equal(loc.block, 1);
	assert_int_equal(clint_doc_locate(doc, unit_offset(doc, "First"), &loc),
	                 CLINT_OK);
	assert_int_equal(loc.page, 1);
	assert_int_equal(loc.block, 0);
	assert_int_equal(clint_doc_locate(doc, unit_offset(doc, "Third"), &loc),
	                 CLINT_OK);
	assert_int_equal(loc.page, 3);
	clint_doc_free(doc);
}

/* ---- refused inputs ----------------------------------------------------------- */

static void test_nul_bytes_refused(void **state)
{
	const char s[] = "hello\0world, a binary file";
	clint_diag *d = NULL;
	clint_diag_entry e;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	load_rc("blob.bin", s, sizeof(s) - 1, d, CLINT_EFORMAT);
	assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_ERROR), 1);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_ERROR);
	assert_string_equal(e.file, "blob.bin");
	unit_assert_contains(e.message, "NUL");
	clint_diag_free(d);
}

/* A UTF-16 file with a U+0000 character is refused as 8-bit text with a
 * NUL byte is, in either byte order, and in a markdown file too. */
static void test_utf16_nul_refused(void **state)
{
	const unsigned char le[] = {0xFF, 0xFE, 'o', 0, 'k', 0, 0, 0, 'x', 0};
	const unsigned char be[] = {0xFE, 0xFF, 0, 'o', 0, 0, 0, 'k'};
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;
	clint_diag *d = NULL;
	clint_diag_entry e;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	load_rc("le-nul.txt", le, sizeof(le), d, CLINT_EFORMAT);
	assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_ERROR), 1);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_string_equal(e.file, "le-nul.txt");
	unit_assert_contains(e.message, "binary file (U+0000 characters)");

	clint_diag_clear(d);
	load_rc("be-nul.txt", be, sizeof(be), d, CLINT_EFORMAT);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_string_equal(e.file, "be-nul.txt");
	unit_assert_contains(e.message, "U+0000");

	clint_diag_clear(d);
	o.format = CLINT_INPUT_MARKDOWN;
	assert_int_equal(clint_doc_load_buffer(&doc, "le-nul.md", le, sizeof(le),
	                                       &o, d),
	                 CLINT_EFORMAT);
	assert_null(doc);
	assert_true(unit_diag_find(d, "U+0000") >= 0);
	clint_diag_free(d);
}

static void test_nul_bytes_refused_from_file(void **state)
{
	const char s[] = "\x01\x02\x00\x00\x03 junk \x00";
	char *path = unit_temp_file(s, sizeof(s) - 1);
	clint_diag *d = NULL;
	clint_diag_entry e;
	clint_doc *doc = NULL;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_doc_load_file(&doc, path, NULL, d), CLINT_EFORMAT);
	assert_null(doc);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_ERROR);
	assert_string_equal(e.file, path);
	unlink(path);
	free(path);
	clint_diag_free(d);
}

static void expect_unsupported(const char *name, const void *data, size_t len,
                               const char *remedy)
{
	clint_diag *d = NULL;
	clint_diag_entry e;

	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	load_rc(name, data, len, d, CLINT_EUNSUPPORTED);
	assert_int_equal(clint_diag_count(d), 1);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_ERROR);
	assert_string_equal(e.file, name);
	unit_assert_contains(e.message, remedy);
	clint_diag_free(d);
}

static void test_binary_formats_refused(void **state)
{
	/* a ZIP naming word/document.xml is DOCX (test_docx.c); others not */
	static const char zip[] = "PK\x03\x04\x14\x00\x06\x00content.xml";
	static const char zip_empty[] = "PK\x05\x06\x00\x00\x00\x00";
	static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00";

	(void)state;
	expect_unsupported("c.odt", zip, sizeof(zip) - 1,
	                   "save the document as .docx, .odt, .txt or .md");
	expect_unsupported("e.docx", zip_empty, sizeof(zip_empty) - 1, "ZIP");
	expect_unsupported("c.doc", ole, sizeof(ole) - 1, "save as .docx");
	/* RTF and PDF are read: tests/unit/test_rtf.c, test_pdf.c */
	/* the magic decides, not the name; and it applies to Markdown too */
	expect_unsupported("looks-like.txt", ole, sizeof(ole) - 1, "OLE");
	{
		clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
		clint_doc *doc = NULL;
		o.format = CLINT_INPUT_MARKDOWN;
		assert_int_equal(clint_doc_load_buffer(&doc, "x.md", zip,
		                                       sizeof(zip) - 1, &o, NULL),
		                 CLINT_EUNSUPPORTED);
		assert_null(doc);
	}
}

static void test_max_input_bytes(void **state)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *d = NULL;
	clint_diag_entry e;
	clint_doc *doc = NULL;
	char *path;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	o.max_input_bytes = 10;
	assert_int_equal(clint_doc_load_buffer(&doc, "big.txt", "0123456789A", 11,
	                                       &o, d),
	                 CLINT_ELIMIT);
	assert_null(doc);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_ERROR);
	assert_string_equal(e.file, "big.txt");
	unit_assert_contains(e.message, "10 bytes");
	/* exactly the limit is fine */
	assert_int_equal(clint_doc_load_buffer(&doc, "ok.txt", "0123456789", 10,
	                                       &o, NULL),
	                 CLINT_OK);
	clint_doc_free(doc);
	doc = NULL;

	/* the same limit applies when reading a file */
	clint_diag_clear(d);
	path = unit_temp_file("0123456789ABCDEF", 16);
	assert_int_equal(clint_doc_load_file(&doc, path, &o, d), CLINT_ELIMIT);
	assert_null(doc);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_string_equal(e.file, path);
	o.max_input_bytes = 16;
	assert_int_equal(clint_doc_load_file(&doc, path, &o, NULL), CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL), "0123456789ABCDEF");
	clint_doc_free(doc);
	unlink(path);
	free(path);

	/* the text is held to it too: 10 bytes of Windows-1252 euro signs
	 * are 30 of UTF-8 (256 MiB of them were 768 MB), as text or as a web
	 * page declared in it */
	{
		static const char euros[] = "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80";
		static const char page[] = "<meta charset=\"windows-1252\"><p>"
		                           "\x80\x80\x80\x80\x80\x80\x80\x80\x80"
		                           "\x80\x80\x80\x80\x80\x80";
		o.max_input_bytes = 20;
		clint_diag_clear(d);
		assert_int_equal(clint_doc_load_buffer(&doc, "e.txt", euros, 10, &o, d),
		                 CLINT_ELIMIT);
		assert_null(doc);
		assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_ERROR), 1);
		assert_true(unit_diag_find(d, "its text is larger than the limit of "
		                              "20 bytes (the input size limit)") >= 0);
		o.max_input_bytes = 30;
		assert_int_equal(clint_doc_load_buffer(&doc, "e.txt", euros, 10, &o,
		                                       NULL),
		                 CLINT_OK);
		clint_doc_free(doc);
		doc = NULL;
		o.max_input_bytes = sizeof(page) - 1;
		clint_diag_clear(d);
		o.format = CLINT_INPUT_HTML;
		assert_int_equal(clint_doc_load_buffer(&doc, "e.html", page,
		                                       sizeof(page) - 1, &o, d),
		                 CLINT_ELIMIT);
		assert_int_equal(clint_diag_count_level(d, CLINT_DIAG_ERROR), 1);
		assert_true(unit_diag_find(d, "its text is larger than the limit")
		            >= 0);
	}
	clint_diag_free(d);
}

static void test_load_file_errors(void **state)
{
	clint_diag *d = NULL;
	clint_diag_entry e;
	clint_doc *doc = NULL;
	clint_doc_options bad = CLINT_DOC_OPTIONS_INIT;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(
		clint_doc_load_file(&doc, "/nonexistent/clint/contract.txt", NULL, d),
		CLINT_EIO);
	assert_null(doc);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_string_equal(e.file, "/nonexistent/clint/contract.txt");
	clint_diag_clear(d);
	assert_int_equal(clint_doc_load_file(&doc, "/tmp", NULL, d), CLINT_EIO);
	assert_true(unit_diag_find(d, "directory") >= 0);

	/* argument checks */
	assert_int_equal(clint_doc_load_file(NULL, "x", NULL, NULL), CLINT_EINVAL);
	assert_int_equal(clint_doc_load_file(&doc, NULL, NULL, NULL), CLINT_EINVAL);
	assert_int_equal(clint_doc_load_buffer(&doc, "x", NULL, 3, NULL, NULL),
	                 CLINT_EINVAL);
	bad.version = 99;
	assert_int_equal(clint_doc_load_buffer(&doc, "x", "abc", 3, &bad, NULL),
	                 CLINT_EINVAL);
	clint_doc_free(NULL);
	assert_null(clint_doc_name(NULL));
	assert_int_equal(clint_doc_block_count(NULL), 0);
	clint_diag_free(d);
}

/* ---- blocks --------------------------------------------------------------------- */

static void test_empty_input(void **state)
{
	clint_diag *d = NULL;
	clint_doc *doc;
	clint_location loc;
	clint_block b;
	size_t len = 99;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load_rc("empty.txt", "", 0, d, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, &len), "");
	assert_int_equal(len, 0);
	assert_int_equal(clint_doc_block_count(doc), 0);
	assert_int_equal(clint_doc_section_count(doc), 0);
	assert_int_equal(clint_doc_sentence_count(doc), 0);
	assert_int_equal(clint_doc_section_at(doc, 0), CLINT_NO_SECTION);
	assert_int_equal(clint_doc_block(doc, 0, &b), CLINT_EINVAL);
	assert_int_equal(clint_doc_locate(doc, 0, &loc), CLINT_OK);
	assert_int_equal(loc.line, 1);
	assert_int_equal(loc.column, 1);
	assert_int_equal(loc.page, 1);
	assert_int_equal(loc.block, (size_t)-1);
	/* the caller is told there was nothing to read */
	assert_true(unit_diag_find(d, "no text") >= 0);
	clint_doc_free(doc);
	clint_diag_free(d);

	/* white space only */
	doc = load_rc("blank.txt", "  \n\t\n\r\n \xC2\xA0 \n",
	             strlen("  \n\t\n\r\n \xC2\xA0 \n"), NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 0);
	clint_doc_free(doc);
}

/* The API allows NULL data with length 0 (an empty document); the decoder
 * must not hand the NULL pointer to memchr() (undefined behaviour, caught
 * by UBSan). */
static void test_null_data_empty_input(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = load_rc("null.txt", NULL, 0, NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 0);
	assert_string_equal(clint_doc_text(doc, NULL), "");
	clint_doc_free(doc);
	doc = unit_doc_n("null.md", NULL, 0, CLINT_INPUT_MARKDOWN, NULL);
	assert_int_equal(clint_doc_block_count(doc), 0);
	clint_doc_free(doc);
}

static void test_blocks_on_blank_lines(void **state)
{
	const char *s = "The first paragraph runs\nover two lines.\n"
	                "\n\n"
	                "The second paragraph.\n"
	                "   \n"
	                "The third one\n";
	clint_doc *doc;

	(void)state;
	doc = unit_text(s);
	assert_int_equal(clint_doc_block_count(doc), 3);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH,
	             "The first paragraph runs\nover two lines.");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, "The second paragraph.");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, "The third one");
	clint_doc_free(doc);
}

static void test_blocks_on_clause_openers(void **state)
{
	const char *s = "the parties agree as follows:\n"
	                "1.1 The Supplier shall provide the services\n"
	                "described in the schedule.\n"
	                "(a) the first item;\n"
	                "(iv) the fourth item;\n"
	                "a) a lettered item;\n"
	                "Section 7.2 applies to every invoice.\n"
	                "2. the next clause begins here\n"
	                "12 months later nothing new starts.\n";
	clint_doc *doc;

	(void)state;
	doc = unit_text(s);
	assert_int_equal(clint_doc_block_count(doc), 7);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH,
	             "the parties agree as follows:");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH,
	             "1.1 The Supplier shall provide the services\n"
	             "described in the schedule.");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, "(a) the first item;");
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, "(iv) the fourth item;");
	assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, "a) a lettered item;");
	assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH,
	             "Section 7.2 applies to every invoice.");
	/* "12 months" is not a clause number: it continues the block */
	assert_block(doc, 6, CLINT_BLOCK_PARAGRAPH,
	             "2. the next clause begins here\n"
	             "12 months later nothing new starts.");
	clint_doc_free(doc);
}

static void test_heading_line_ends_block(void **state)
{
	const char *s = "CONFIDENTIALITY\n"
	                "Each party shall keep the other's information secret.\n";
	clint_doc *doc;

	(void)state;
	doc = unit_text(s);
	assert_int_equal(clint_doc_block_count(doc), 2);
	assert_block(doc, 0, CLINT_BLOCK_HEADING, "CONFIDENTIALITY");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH,
	             "Each party shall keep the other's information secret.");
	clint_doc_free(doc);
}

/* Tabs separate words like spaces: a sentence whose first line uses tabs
 * is not a Title Case heading line and must not be cut in two. */
static void test_tabs_do_not_make_a_heading_line(void **state)
{
	clint_doc *doc;

	(void)state;
	doc = unit_text("The\tSupplier\tshall\nprovide the services daily.\n");
	assert_int_equal(clint_doc_block_count(doc), 1);
	assert_int_equal(clint_doc_sentence_count(doc), 1);
	clint_doc_free(doc);
}

static void test_bullets_in_text(void **state)
{
	const char *s = "The Supplier shall:\n"
	                "- host the system;\n"
	                "* back it up daily;\n"
	                "\xE2\x80\xA2 report monthly.\n";
	clint_doc *doc;

	(void)state;
	doc = unit_text(s);
	assert_int_equal(clint_doc_block_count(doc), 4);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, "The Supplier shall:");
	assert_block(doc, 1, CLINT_BLOCK_LIST_ITEM, "- host the system;");
	assert_block(doc, 2, CLINT_BLOCK_LIST_ITEM, "* back it up daily;");
	assert_block(doc, 3, CLINT_BLOCK_LIST_ITEM,
	             "\xE2\x80\xA2 report monthly.");
	clint_doc_free(doc);
}

/* ---- the clause-opener predicate -------------------------------------------------- */

static int opens(const char *s)
{
	return clint_line_opens_clause(s, strlen(s));
}

static void test_line_opens_clause(void **state)
{
	(void)state;
	assert_true(opens("1. Services"));
	assert_true(opens("1.1 Scope"));
	assert_true(opens("  12.3.4 Deep"));
	assert_true(opens("1) Item"));
	assert_true(opens("(a) item"));
	assert_true(opens("(iv) item"));
	assert_true(opens("(12) item"));
	assert_true(opens("b) item"));
	assert_true(opens("Article IV"));
	assert_true(opens("ARTICLE 3 TERM"));
	assert_true(opens("Section 7.2 Fees"));
	assert_true(opens("Clause 9"));
	assert_true(opens("Schedule A"));
	assert_true(opens("Exhibit B"));
	assert_true(opens("Annex 1"));
	assert_true(opens("Appendix 2"));
	assert_true(opens("Part 3"));

	assert_false(opens(""));
	assert_false(opens("   "));
	assert_false(opens("12 months after"));
	assert_false(opens("2024. A year"));
	assert_false(opens("1.5% of fees"));
	assert_false(opens("(the Client)"));
	assert_false(opens("section headings are for convenience"));
	assert_false(opens("Schedule Of Rates"));
	assert_false(opens("The Supplier shall"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_plain),
		cmocka_unit_test(test_utf8_bom),
		cmocka_unit_test(test_utf16le_bom),
		cmocka_unit_test(test_utf16be_bom),
		cmocka_unit_test(test_utf16_surrogate_pair),
		cmocka_unit_test(test_utf16_guessed),
		cmocka_unit_test(test_cp1252_fallback),
		cmocka_unit_test(test_cp1252_holes_and_latin1),
		cmocka_unit_test(test_mostly_utf8),
		cmocka_unit_test(test_utf8_signs),
		cmocka_unit_test(test_crlf_lines),
		cmocka_unit_test(test_lone_cr_lines),
		cmocka_unit_test(test_locate_end_and_beyond),
		cmocka_unit_test(test_columns_on_a_long_line),
		cmocka_unit_test(test_form_feed_pages),
		cmocka_unit_test(test_nul_bytes_refused),
		cmocka_unit_test(test_nul_bytes_refused_from_file),
		cmocka_unit_test(test_utf16_nul_refused),
		cmocka_unit_test(test_binary_formats_refused),
		cmocka_unit_test(test_max_input_bytes),
		cmocka_unit_test(test_load_file_errors),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_null_data_empty_input),
		cmocka_unit_test(test_blocks_on_blank_lines),
		cmocka_unit_test(test_blocks_on_clause_openers),
		cmocka_unit_test(test_heading_line_ends_block),
		cmocka_unit_test(test_tabs_do_not_make_a_heading_line),
		cmocka_unit_test(test_bullets_in_text),
		cmocka_unit_test(test_line_opens_clause),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
