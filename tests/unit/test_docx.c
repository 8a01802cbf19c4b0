/*
 * test_docx.c - DOCX extraction (src/lib/extract/docx.c and its detection
 * in extract.c). Fixtures are built at run time: the test writes the XML
 * parts and zips them in memory with libzip. Also reads the real DOCX
 * files of ../shared/corpus/docs when they are present.
 */
#include "unit.h"

#include <dirent.h>

#include "internal.h"
#include "unitzip.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* ---- building DOCX files in memory --------------------------------------- */

typedef unit_part part;

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOC(body)                                                             \
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"         \
	"<w:document xmlns:w=\"" W_NS "\" xmlns:mc=\"http://schemas."             \
	"openxmlformats.org/markup-compatibility/2006\"><w:body>" body            \
	"</w:body></w:document>"
#define P(runs) "<w:p>" runs "</w:p>"
#define R(text) "<w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r>"
#define NUMP(num, lvl, runs)                                                  \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" lvl "\"/><w:numId w:val=\"" num   \
	"\"/></w:numPr></w:pPr>" runs "</w:p>"
#define STYLEP(style, runs)                                                   \
	"<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr>" runs "</w:p>"

/* Loads a DOCX made of `parts` with the memory limit `max_memory` (0:
 * the default), expecting `rc`. */
static clint_doc *load_parts_within(const part *parts, size_t n,
                                    clint_revisions rev, size_t max_memory,
                                    clint_diag *diag, int rc)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;
	size_t len;
	unsigned char *zip = unit_make_zip(parts, n, &len);
	int got;

	o.revisions = rev;
	o.max_doc_memory = max_memory;
	got = clint_doc_load_buffer(&doc, "fixture.docx", zip, len, &o, diag);
	free(zip);
	if (got != rc && diag)
		unit_diag_dump(diag);
	assert_int_equal(got, rc);
	if (rc == CLINT_OK) {
		assert_non_null(doc);
		assert_int_equal(clint_doc_format(doc), CLINT_INPUT_DOCX);
	} else {
		assert_null(doc);
	}
	return doc;
}

/* Loads a DOCX made of `parts`, expecting `rc`. */
static clint_doc *load_parts(const part *parts, size_t n, clint_revisions rev,
                             clint_diag *diag, int rc)
{
	return load_parts_within(parts, n, rev, 0, diag, rc);
}

/* Expects a DOCX made of `parts` to be refused within a memory limit of
 * 1 MiB, and said so. */
static void expect_over_memory(const part *parts, size_t n)
{
	clint_diag *d = NULL;

	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	load_parts_within(parts, n, CLINT_REVISIONS_ACCEPT, (size_t)1 << 20, d,
	                  CLINT_ELIMIT);
	if (unit_diag_find(d, "needs more than the document memory limit of "
	                      "1 MiB (--max-doc-memory)") < 0) {
		unit_diag_dump(d);
		fail_msg("not refused for its memory");
	}
	clint_diag_free(d);
}

/* What the document loaded from `parts` (memory limit: the default)
 * takes from its memory budget: what it keeps. */
static size_t memory_kept(const part *parts, size_t n)
{
	clint_doc *doc = load_parts(parts, n, CLINT_REVISIONS_ACCEPT, NULL,
	                            CLINT_OK);
	size_t used = doc->mem.used;

	clint_doc_free(doc);
	return used;
}

/* `n` pseudo-random lower-case letters at `q` (they do not compress
 * 200:1, as a ZIP bomb does); returns their end. */
static char *random_letters(char *q, size_t n, unsigned *seed)
{
	while (n--) {
		*seed = *seed * 1103515245u + 12345u;
		*q++ = (char)('a' + (*seed >> 16) % 26);
	}
	return q;
}

static clint_doc *load_body(const char *document, clint_revisions rev)
{
	part p[] = {{"word/document.xml", document, 0}};
	return load_parts(p, 1, rev, NULL, CLINT_OK);
}

/* Asserts block `i`: type, text and (if not ~0u) level. */
static clint_block assert_block(const clint_doc *doc, size_t i,
                                clint_block_type type, unsigned level,
                                const char *text)
{
	clint_block b;

	if (i >= clint_doc_block_count(doc))
		fail_msg("block %zu of %zu wanted ('%s'); text:\n%s", i,
		         clint_doc_block_count(doc), text, clint_doc_text(doc, NULL));
	assert_int_equal(clint_doc_block(doc, i, &b), CLINT_OK);
	unit_assert_slice(doc, b.start, b.end, text);
	/* segment.c promotes short Title Case paragraphs to headings (level 0);
	 * the extractor's headings have a level */
	if (b.type != type && !(type == CLINT_BLOCK_PARAGRAPH &&
	                        b.type == CLINT_BLOCK_HEADING && b.level == 0))
		fail_msg("block %zu '%s' has type %d, expected %d", i, text,
		         (int)b.type, (int)type);
	if (level != ~0u)
		assert_int_equal(b.level, level);
	return b;
}

/* Expects a load refused with `rc` and an error mentioning `why`. */
static void expect_refused(const part *parts, size_t n, int rc, const char *why)
{
	clint_diag *d = NULL;
	clint_diag_entry e;

	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	load_parts(parts, n, CLINT_REVISIONS_ACCEPT, d, rc);
	assert_true(clint_diag_count_level(d, CLINT_DIAG_ERROR) >= 1);
	if (unit_diag_find(d, why) < 0) {
		unit_diag_dump(d);
		fail_msg("no error mentions '%s'", why);
	}
	assert_int_equal(clint_diag_get(d, (size_t)unit_diag_find(d, why), &e),
	                 CLINT_OK);
	assert_string_equal(e.file, "fixture.docx");
	clint_diag_free(d);
}

/* ---- numbering ---------------------------------------------------------------- */

#define LVL(i, start, fmt, text, extra)                                       \
	"<w:lvl w:ilvl=\"" i "\"><w:start w:val=\"" start "\"/><w:numFmt "        \
	"w:val=\"" fmt "\"/>" extra "<w:lvlText w:val=\"" text "\"/></w:lvl>"

static const char numbering_xml[] =
	"<?xml version=\"1.0\"?><w:numbering xmlns:w=\"" W_NS "\">"
	"<w:abstractNum w:abstractNumId=\"10\">"
	LVL("0", "1", "decimal", "%1.", "")
	LVL("1", "1", "decimal", "%1.%2", "")
	LVL("2", "1", "lowerLetter", "(%3)", "")
	LVL("3", "1", "lowerRoman", "(%4)", "<w:suff w:val=\"tab\"/>")
	"</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"20\">"
	LVL("0", "1", "upperRoman", "Article %1", "<w:suff w:val=\"nothing\"/>")
	LVL("1", "1", "upperLetter", "%2)", "")
	"</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"30\">"
	LVL("0", "1", "bullet", "\xEF\x82\xB7", "")
	"</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"40\">"
	LVL("0", "1", "decimal", "%1.", "")
	LVL("1", "1", "decimal", "%1.%2", "")
	"</w:abstractNum>"
	"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num>"
	"<w:num w:numId=\"2\"><w:abstractNumId w:val=\"20\"/></w:num>"
	"<w:num w:numId=\"3\"><w:abstractNumId w:val=\"30\"/></w:num>"
	"<w:num w:numId=\"4\"><w:abstractNumId w:val=\"10\"/>"
	"<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride>"
	"</w:num>"
	"<w:num w:numId=\"5\"><w:abstractNumId w:val=\"40\"/></w:num>"
	"</w:numbering>";

static const char styles_xml[] =
	"<?xml version=\"1.0\"?><w:styles xmlns:w=\"" W_NS "\">"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
	"<w:name w:val=\"Normal\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\">"
	"<w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>"
	"<w:pPr><w:numPr><w:numId w:val=\"5\"/></w:numPr><w:outlineLvl w:val=\"0\"/>"
	"</w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading2\">"
	"<w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Heading1\"/>"
	"<w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"5\"/></w:numPr>"
	"<w:outlineLvl w:val=\"1\"/>"
	"<w:pPrChange><w:pPr><w:numPr><w:numId w:val=\"2\"/></w:numPr></w:pPr>"
	"</w:pPrChange></w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"PlainTitle\">"
	"<w:name w:val=\"heading 3\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"MyClause\">"
	"<w:name w:val=\"My Clause\"/><w:basedOn w:val=\"PlainTitle\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\">"
	"<w:name w:val=\"List Bullet\"/>"
	"<w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style>"
	"<w:style w:type=\"character\" w:styleId=\"Heading1Char\">"
	"<w:name w:val=\"Heading 1 Char\"/></w:style>"
	"</w:styles>";

/* A w:lvl left open around more definitions (no schema allows one there)
 * and a property after them: the level was written through a pointer
 * into the array the definitions had moved (a use after free). The level
 * keeps what it had; the definitions after it are read. In a w:num's
 * w:lvlOverride (`in_num`) the nested ones are w:num; an abstract one's
 * w:lvl ignores w:num. */
static void assert_nested_definitions(int in_num)
{
	static const char body[] = DOC(NUMP("1", "0", R("first"))
	                               NUMP("2", "0", R("second")));
	char numbering[4096];
	size_t k, n;
	part p[] = {{"word/document.xml", body, 0},
	            {"word/numbering.xml", numbering, 0}};
	clint_doc *doc;

	n = (size_t)snprintf(numbering, sizeof(numbering),
	                     "<w:numbering xmlns:w=\"" W_NS "\">"
	                     "<w:abstractNum w:abstractNumId=\"2\"><w:lvl "
	                     "w:ilvl=\"0\"><w:lvlText w:val=\"[%%1]\"/></w:lvl>"
	                     "</w:abstractNum>"
	                     "<w:abstractNum w:abstractNumId=\"1\"><w:lvl "
	                     "w:ilvl=\"0\"><w:lvlText w:val=\"%%1.\"/>%s",
	                     in_num ? "</w:lvl></w:abstractNum><w:num "
	                              "w:numId=\"1\"><w:abstractNumId w:val=\"1\"/>"
	                              "<w:lvlOverride w:ilvl=\"0\"><w:lvl "
	                              "w:ilvl=\"0\"><w:lvlText w:val=\"(%1)\"/>"
	                            : "");
	for (k = 0; k < 40; k++)
		n += (size_t)snprintf(numbering + n, sizeof(numbering) - n,
		                      in_num ? "<w:num w:numId=\"%zu\"></w:num>"
		                             : "<w:abstractNum w:abstractNumId="
		                               "\"%zu\"></w:abstractNum>",
		                      k + 100);
	snprintf(numbering + n, sizeof(numbering) - n, "%s",
	         in_num ? "<w:lvlText w:val=\"again\"/></w:lvl></w:lvlOverride>"
	                  "</w:num><w:num w:numId=\"2\"><w:abstractNumId "
	                  "w:val=\"2\"/></w:num></w:numbering>"
	                : "<w:lvlText w:val=\"again\"/></w:lvl></w:abstractNum>"
	                  "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/>"
	                  "</w:num><w:num w:numId=\"2\"><w:abstractNumId "
	                  "w:val=\"2\"/></w:num></w:numbering>");
	assert_true(strlen(numbering) < sizeof(numbering) - 1);
	doc = load_parts(p, 2, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0,
	             in_num ? "(1) first" : "1. first");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "[1] second");
	clint_doc_free(doc);
}

static void test_numbering_nested_definitions(void **state)
{
	(void)state;
	assert_nested_definitions(0);
	assert_nested_definitions(1);
}

/* A level's text is kept up to 256 bytes (DOCX_MAX_LEVEL_TEXT), not
 * cutting a placeholder from its digit: every paragraph of the level
 * shows it (one of 500 KB made 62 MB of text from a 1.8 KB file). */
static void test_numbering_long_level_text(void **state)
{
	static const char body[] = DOC(NUMP("1", "0", R("first"))
	                               NUMP("2", "0", R("second")));
	char numbering[2048], want[300];
	char *a = unit_repeat("", "A", 300, ""), *b = unit_repeat("", "B", 255, "");
	part p[] = {{"word/document.xml", body, 0},
	            {"word/numbering.xml", numbering, 0}};
	clint_doc *doc;

	(void)state;
	/* 300 "A" then "%1.": cut after 256 "A"; 255 "B" then "%1": the cut
	 * falls between "%" and "1", which goes too */
	snprintf(numbering, sizeof(numbering),
	         "<w:numbering xmlns:w=\"" W_NS "\">"
	         "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\">"
	         "<w:lvlText w:val=\"%s%%1.\"/></w:lvl></w:abstractNum>"
	         "<w:abstractNum w:abstractNumId=\"2\"><w:lvl w:ilvl=\"0\">"
	         "<w:lvlText w:val=\"%s%%1\"/></w:lvl></w:abstractNum>"
	         "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"1\"/></w:num>"
	         "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"2\"/></w:num>"
	         "</w:numbering>", a, b);
	doc = load_parts(p, 2, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	snprintf(want, sizeof(want), "%.256s first", a);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, want);
	snprintf(want, sizeof(want), "%s second", b);
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, want);
	clint_doc_free(doc);
	free(a);
	free(b);
}

static void test_numbering(void **state)
{
	static const char body[] = DOC(
		NUMP("1", "0", R("Services"))
		NUMP("1", "1", R("Scope"))
		NUMP("1", "2", R("first"))
		NUMP("1", "2", R("second"))
		NUMP("1", "3", R("roman"))
		NUMP("1", "1", R("Levels"))
		NUMP("1", "2", R("restarted"))
		NUMP("1", "0", R("Fees"))
		NUMP("1", "1", R("Credits"))
		NUMP("2", "0", R(": Definitions"))
		NUMP("2", "1", R("Term"))
		NUMP("2", "0", R(": Fees"))
		NUMP("2", "1", R("Again"))
		NUMP("4", "0", R("Override"))
		NUMP("4", "1", R("Under the override"))
		NUMP("1", "0", R("Continues the override"))
		STYLEP("ListBullet", R("A bullet"))
		NUMP("0", "0", R("numId 0: no number"))
		P(R("Plain")));
	part p[] = {{"word/document.xml", body, 0},
	            {"word/numbering.xml", numbering_xml, 0},
	            {"word/styles.xml", styles_xml, 0}};
	clint_doc *doc;

	(void)state;
	doc = load_parts(p, 3, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "1. Services");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "1.1 Scope");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, "(a) first");
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, "(b) second");
	assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, 0, "(i)\troman");
	/* a higher level restarts the lower ones */
	assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH, 0, "1.2 Levels");
	assert_block(doc, 6, CLINT_BLOCK_PARAGRAPH, 0, "(a) restarted");
	assert_block(doc, 7, CLINT_BLOCK_PARAGRAPH, 0, "2. Fees");
	assert_block(doc, 8, CLINT_BLOCK_PARAGRAPH, 0, "2.1 Credits");
	/* upperRoman, suffix "nothing", upperLetter */
	assert_block(doc, 9, CLINT_BLOCK_PARAGRAPH, 0, "Article I: Definitions");
	assert_block(doc, 10, CLINT_BLOCK_PARAGRAPH, 0, "A) Term");
	assert_block(doc, 11, CLINT_BLOCK_PARAGRAPH, 0, "Article II: Fees");
	assert_block(doc, 12, CLINT_BLOCK_PARAGRAPH, 0, "A) Again");
	/* a w:num with a w:startOverride is a list of its own (Word's "restart
	 * numbering"): it starts at 5, and the original list, used again,
	 * continues its own count (as Word shows pandoc's nested lists) */
	assert_block(doc, 13, CLINT_BLOCK_PARAGRAPH, 0, "5. Override");
	assert_block(doc, 14, CLINT_BLOCK_PARAGRAPH, 0, "5.1 Under the override");
	assert_block(doc, 15, CLINT_BLOCK_PARAGRAPH, 0, "3. Continues the override");
	/* numbering inherited from the paragraph style; a symbol bullet */
	assert_block(doc, 16, CLINT_BLOCK_LIST_ITEM, 1, "\xE2\x80\xA2 A bullet");
	assert_block(doc, 17, CLINT_BLOCK_PARAGRAPH, 0, "numId 0: no number");
	assert_block(doc, 18, CLINT_BLOCK_PARAGRAPH, 0, "Plain");
	assert_int_equal(clint_doc_block_count(doc), 19);
	clint_doc_free(doc);
}

static void test_heading_styles(void **state)
{
	static const char body[] = DOC(
		STYLEP("Heading1", R("Services"))
		STYLEP("Heading2", R("Service Credits"))
		P(R("The Supplier shall pay service credits."))
		STYLEP("Heading2", R("Service Levels"))
		STYLEP("MyClause", R("Based on a heading style"))
		"<w:p><w:pPr><w:outlineLvl w:val=\"2\"/></w:pPr>" R("Direct outline")
		"</w:p>"
		"<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:outlineLvl w:val=\"9\"/>"
		"</w:pPr>" R("Body text level") "</w:p>"
		STYLEP("Heading1", R("Fees"))
		STYLEP("Heading2", R("Invoices"))
		STYLEP("UnknownStyle", R("Unknown style is a paragraph")));
	part p[] = {{"word/document.xml", body, 0},
	            {"word/numbering.xml", numbering_xml, 0},
	            {"word/styles.xml", styles_xml, 0}};
	clint_doc *doc;
	clint_location loc;

	(void)state;
	doc = load_parts(p, 3, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_block(doc, 0, CLINT_BLOCK_HEADING, 1, "1. Services");
	/* the numbering of a w:pPrChange (the old properties) is ignored */
	assert_block(doc, 1, CLINT_BLOCK_HEADING, 2, "1.1 Service Credits");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0,
	             "The Supplier shall pay service credits.");
	assert_block(doc, 3, CLINT_BLOCK_HEADING, 2, "1.2 Service Levels");
	assert_block(doc, 4, CLINT_BLOCK_HEADING, 3, "Based on a heading style");
	assert_block(doc, 5, CLINT_BLOCK_HEADING, 3, "Direct outline");
	assert_block(doc, 6, CLINT_BLOCK_PARAGRAPH, ~0u, "2. Body text level");
	assert_block(doc, 7, CLINT_BLOCK_HEADING, 1, "3. Fees");
	assert_block(doc, 8, CLINT_BLOCK_HEADING, 2, "3.1 Invoices");
	assert_block(doc, 9, CLINT_BLOCK_PARAGRAPH, 0,
	             "Unknown style is a paragraph");
	/* the sections carry Word's numbers */
	assert_true(clint_doc_section_count(doc) >= 4);
	assert_int_equal(clint_doc_locate(doc, unit_offset(doc, "service credits."),
	                                  &loc),
	                 CLINT_OK);
	assert_int_equal(loc.paragraph, 3);
	clint_doc_free(doc);
}

/* Numbering formats and edge cases: decimalZero, letters past z, roman
 * numerals at and past 3999, legal numbering (w:isLgl), w:lvlRestart,
 * a w:lvlOverride that redefines a level, w:numStyleLink, "none", a
 * plain-text bullet, out-of-range levels and unknown lists. */
static const char numbering_variants_xml[] =
	"<?xml version=\"1.0\"?><w:numbering xmlns:w=\"" W_NS "\">"
	"<w:abstractNum w:abstractNumId=\"50\">"
	LVL("0", "9", "decimalZero", "%1.", "")
	LVL("1", "27", "lowerLetter", "%2)", "")
	LVL("2", "3998", "upperRoman", "%3.", "")
	LVL("3", "0", "lowerLetter", "[%4]", "")
	LVL("4", "1", "ordinal", "%5th", "<w:lvlRestart w:val=\"0\"/>")
	LVL("5", "2", "lowerLetter", "%1.%6", "<w:isLgl/><w:pPr><w:ind "
	    "w:left=\"720\"/><w:start w:val=\"7\"/></w:pPr>")
	LVL("6", "1", "none", "%7", "")
	"</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"60\"><w:numStyleLink w:val=\"LinkedList\"/>"
	"</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"70\">"
	LVL("0", "1", "upperLetter", "Part %1", "")
	LVL("1", "1", "bullet", "-", "")
	"</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"99\"/>"
	"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"50\"/></w:num>"
	"<w:num w:numId=\"6\"><w:abstractNumId w:val=\"60\"/></w:num>"
	"<w:num w:numId=\"7\"><w:abstractNumId w:val=\"70\"/></w:num>"
	"<w:num w:numId=\"8\"><w:abstractNumId w:val=\"50\"/>"
	"<w:lvlOverride w:ilvl=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"3\"/>"
	"<w:numFmt w:val=\"upperLetter\"/><w:lvlText w:val=\"%1&gt;\"/>"
	"<w:suff w:val=\"tab\"/></w:lvl></w:lvlOverride></w:num>"
	"<w:num w:numId=\"9\"/>"
	"<w:num w:numId=\"10\"><w:abstractNumId w:val=\"404\"/></w:num>"
	"</w:numbering>";

static const char styles_variants_xml[] =
	"<?xml version=\"1.0\"?><w:styles xmlns:w=\"" W_NS "\">"
	"<w:style w:type=\"table\" w:styleId=\"Grid\"><w:name w:val=\"Grid\"/>"
	"</w:style>"
	"<w:style w:type=\"paragraph\"><w:name w:val=\"no id\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Empty\"/>"
	"<w:style w:type=\"paragraph\" w:default=\"true\" w:styleId=\"Body\">"
	"<w:name w:val=\"Body\"/><w:rPr><w:rPrChange><w:rPr><w:b/></w:rPr>"
	"</w:rPrChange></w:rPr></w:style>"
	"<w:style w:type=\"numbering\" w:styleId=\"LinkedList\">"
	"<w:name w:val=\"Linked List\"/><w:pPr><w:numPr><w:numId w:val=\"7\"/>"
	"</w:numPr></w:pPr></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Loop1\"><w:basedOn "
	"w:val=\"Loop2\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Loop2\"><w:basedOn "
	"w:val=\"Loop1\"/></w:style>"
	"</w:styles>";

/* The numbering definitions are paid for from the document's memory
 * budget: 3,000 more of each kind (3.7 MiB of tables from 240 KB of XML)
 * are past a 1 MiB limit; without them the document is read within it,
 * and it keeps as much memory either way. */
static void test_numbering_memory(void **state)
{
	char *head = strdup(numbering_xml), *many, *more;
	part p[] = {{"word/document.xml", DOC(NUMP("1", "0", R("First"))), 0},
	            {"word/numbering.xml", NULL, 0}};
	size_t kept;
	clint_doc *doc;

	(void)state;
	assert_non_null(head);
	*strstr(head, "</w:numbering>") = '\0';
	many = unit_repeat(head, "<w:abstractNum w:abstractNumId=\"90\"><w:nsid/>"
	                         "</w:abstractNum>", 3000, "");
	more = unit_repeat(many, "<w:num w:numId=\"90\"/>", 3000,
	                   "</w:numbering>");
	p[1].data = more;
	expect_over_memory(p, ARRAY_LEN(p));
	kept = memory_kept(p, ARRAY_LEN(p));
	p[1].data = numbering_xml;
	doc = load_parts_within(p, ARRAY_LEN(p), CLINT_REVISIONS_ACCEPT,
	                        (size_t)1 << 20, NULL, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL), "1. First");
	clint_doc_free(doc);
	assert_int_equal(memory_kept(p, ARRAY_LEN(p)), kept);
	free(head);
	free(many);
	free(more);
}

static void test_numbering_variants(void **state)
{
	static const char body[] = DOC(
		NUMP("1", "0", R("zero padded"))
		NUMP("1", "0", R("ten"))
		NUMP("1", "1", R("past z"))
		NUMP("1", "1", R("ab"))
		NUMP("1", "2", R("roman"))
		NUMP("1", "2", R("last roman"))
		NUMP("1", "2", R("past roman"))
		NUMP("1", "3", R("letter zero"))
		NUMP("1", "4", R("ordinal"))
		NUMP("1", "0", R("eleven"))
		NUMP("1", "4", R("not restarted"))
		NUMP("1", "5", R("legal"))
		NUMP("1", "6", R("no number"))
		NUMP("1", "12", R("level out of range"))
		NUMP("6", "0", R("linked"))
		NUMP("6", "1", R("dash"))
		NUMP("7", "0", R("same list"))
		NUMP("8", "0", R("overridden"))
		NUMP("8", "1", R("override keeps the rest"))
		NUMP("9", "0", R("empty num"))
		NUMP("10", "0", R("unknown abstract"))
		NUMP("77", "0", R("unknown list"))
		STYLEP("Loop1", R("style loop")));
	part p[] = {{"word/document.xml", body, 0},
	            {"word/numbering.xml", numbering_variants_xml, 0},
	            {"word/styles.xml", styles_variants_xml, 0}};
	clint_doc *doc;

	(void)state;
	doc = load_parts(p, 3, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "09. zero padded");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "10. ten");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, "aa) past z");
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, "bb) ab");
	assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, 0, "MMMCMXCVIII. roman");
	assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH, 0, "MMMCMXCIX. last roman");
	/* out of the numeral range: shown as a number */
	assert_block(doc, 6, CLINT_BLOCK_PARAGRAPH, 0, "4000. past roman");
	assert_block(doc, 7, CLINT_BLOCK_PARAGRAPH, 0, "[0] letter zero");
	/* ordinal and other unknown formats are shown as numbers */
	assert_block(doc, 8, CLINT_BLOCK_PARAGRAPH, 0, "1th ordinal");
	assert_block(doc, 9, CLINT_BLOCK_PARAGRAPH, 0, "11. eleven");
	/* w:lvlRestart 0: level 5 is never restarted */
	assert_block(doc, 10, CLINT_BLOCK_PARAGRAPH, 0, "2th not restarted");
	/* w:isLgl: every level decimal; the w:start inside w:pPr is not the
	 * level's */
	assert_block(doc, 11, CLINT_BLOCK_PARAGRAPH, 0, "11.2 legal");
	assert_block(doc, 12, CLINT_BLOCK_PARAGRAPH, 0, "no number");
	/* a level past the ninth counts as the first */
	assert_block(doc, 13, CLINT_BLOCK_PARAGRAPH, 0,
	             "12. level out of range");
	/* numStyleLink: list 6 uses the numbering of style LinkedList (list 7) */
	assert_block(doc, 14, CLINT_BLOCK_PARAGRAPH, 0, "Part A linked");
	assert_block(doc, 15, CLINT_BLOCK_LIST_ITEM, 2, "- dash");
	assert_block(doc, 16, CLINT_BLOCK_PARAGRAPH, 0, "Part B same list");
	/* the override redefines level 0's format only: without a
	 * w:startOverride the list shares the abstract's count (12 -> M) */
	assert_block(doc, 17, CLINT_BLOCK_PARAGRAPH, 0, "M>\toverridden");
	assert_block(doc, 18, CLINT_BLOCK_PARAGRAPH, 0,
	             "aa) override keeps the rest");
	assert_block(doc, 19, CLINT_BLOCK_PARAGRAPH, 0, "empty num");
	assert_block(doc, 20, CLINT_BLOCK_PARAGRAPH, 0, "unknown abstract");
	assert_block(doc, 21, CLINT_BLOCK_PARAGRAPH, 0, "unknown list");
	assert_block(doc, 22, CLINT_BLOCK_PARAGRAPH, 0, "style loop");
	assert_int_equal(clint_doc_block_count(doc), 23);
	clint_doc_free(doc);
}

/* Strict OOXML, on/off values, carriage returns, positional tabs,
 * non-breaking hyphens, unbalanced field characters, empty parts. */
static void test_run_variants(void **state)
{
	static const char strict[] =
		"<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/"
		"main\"><w:body><w:p><w:r><w:t>Strict OOXML text.</w:t></w:r></w:p>"
		"</w:body></w:document>";
	static const char body[] = DOC(
		P(R("One"))
		"<w:p><w:pPr><w:pageBreakBefore w:val=\"false\"/></w:pPr>" R("no break")
		"</w:p>"
		"<w:p><w:pPr><w:pageBreakBefore w:val=\"off\"/></w:pPr>" R("nor here")
		"</w:p>"
		"<w:p><w:pPr><w:pageBreakBefore w:val=\"0\"/></w:pPr>" R("nor there")
		"</w:p>"
		"<w:p><w:pPr><w:pageBreakBefore w:val=\"on\"/></w:pPr>" R("break")
		"</w:p>"
		P("<w:r><w:t>a</w:t><w:cr/><w:t>b</w:t><w:ptab/><w:t>c</w:t>"
		  "<w:noBreakHyphen/><w:t>d</w:t></w:r>")
		P("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" R("stray end")
		  "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" R(" kept"))
		P("<w:r><w:fldChar/></w:r>" R("no type")));
	part p1[] = {{"word/document.xml", strict, 0}};
	part p2[] = {{"word/document.xml", body, 0},
	             {"word/numbering.xml", "<w:numbering xmlns:w=\"" W_NS "\"/>", 0},
	             {"word/styles.xml", "<w:styles xmlns:w=\"" W_NS "\"/>", 0},
	             {"word/comments.xml", "<w:comments xmlns:w=\"" W_NS "\"/>", 0}};
	clint_doc *doc;
	clint_block b;

	(void)state;
	doc = load_parts(p1, 1, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "Strict OOXML text.");
	clint_doc_free(doc);

	doc = load_parts(p2, 4, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "One");
	b = assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "no break");
	assert_int_equal(b.page, 1);
	b = assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, "nor here");
	assert_int_equal(b.page, 1);
	b = assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, "nor there");
	assert_int_equal(b.page, 1);
	b = assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, 0, "break");
	assert_int_equal(b.page, 2);
	assert_true(b.flags & CLINT_BLOCK_PAGE_BREAK);
	assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH, 0, "a\nb\tc-d");
	assert_block(doc, 6, CLINT_BLOCK_PARAGRAPH, 0, "stray end kept");
	assert_block(doc, 7, CLINT_BLOCK_PARAGRAPH, 0, "no type");
	assert_int_equal(clint_doc_block_count(doc), 8);
	assert_int_equal(clint_doc_annotation_count(doc), 0);
	clint_doc_free(doc);
}

/* ---- structure: tables, tabs, breaks, text boxes -------------------------- */

static void test_tables(void **state)
{
	static const char body[] = DOC(
		P(R("Before the table."))
		"<w:tbl><w:tblPr><w:tblW w:w=\"0\"/></w:tblPr><w:tblGrid/>"
		"<w:tr><w:trPr/><w:tc><w:tcPr><w:tcW w:w=\"1\"/></w:tcPr>"
		P(R("Service")) "</w:tc><w:tc>" P(R("Credit")) "</w:tc></w:tr>"
		"<w:tr><w:tc>" P(R("Availability")) P("") P(R("below 99.5%"))
		"</w:tc><w:tc>" P(R("10% of the fees")) "</w:tc></w:tr>"
		"</w:tbl>"
		P(R("After the table.")));
	clint_doc *doc = load_body(body, CLINT_REVISIONS_ACCEPT);
	clint_block b;

	(void)state;
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "Before the table.");
	b = assert_block(doc, 1, CLINT_BLOCK_TABLE_CELL, 0, "Service");
	assert_int_equal(b.paragraph, 2);
	assert_block(doc, 2, CLINT_BLOCK_TABLE_CELL, 0, "Credit");
	/* a cell's paragraphs stay in one block, empty ones leave no line */
	b = assert_block(doc, 3, CLINT_BLOCK_TABLE_CELL, 0,
	                 "Availability\nbelow 99.5%");
	assert_int_equal(b.paragraph, 4);
	assert_block(doc, 4, CLINT_BLOCK_TABLE_CELL, 0, "10% of the fees");
	b = assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH, 0, "After the table.");
	assert_int_equal(b.paragraph, 8);
	assert_int_equal(clint_doc_block_count(doc), 6);
	unit_assert_rows(doc, ".RcRc.");
	clint_doc_free(doc);
}

static void test_tabs_breaks_pages(void **state)
{
	static const char body[] = DOC(
		P("<w:r><w:t>Fee</w:t><w:tab/><w:t>USD 100</w:t></w:r>")
		P("<w:r><w:t>line one</w:t><w:br/><w:t>line two</w:t></w:r>")
		P("<w:r><w:br w:type=\"page\"/></w:r>")
		P(R("On page two."))
		P("<w:r><w:t>Still two</w:t></w:r><w:r><w:br w:type=\"page\"/>"
		  "<w:t xml:space=\"preserve\"> and three</w:t></w:r>")
		P(R("Three."))
		P("<w:r><w:lastRenderedPageBreak/><w:t>Four, as rendered.</w:t></w:r>")
		"<w:p><w:pPr><w:pageBreakBefore/></w:pPr>" R("Five.") "</w:p>"
		"<w:p><w:r><w:t>Text box follows:</w:t></w:r><w:r><mc:AlternateContent>"
		"<mc:Choice><w:drawing><w:txbxContent>" P(R("Boxed text."))
		"</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
		"<w:txbxContent>" P(R("Boxed text.")) "</w:txbxContent></w:pict>"
		"</mc:Fallback></mc:AlternateContent></w:r>"
		"<w:r><w:t xml:space=\"preserve\"> after the box.</w:t></w:r></w:p>");
	clint_doc *doc = load_body(body, CLINT_REVISIONS_ACCEPT);
	clint_block b;

	(void)state;
	b = assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "Fee\tUSD 100");
	assert_int_equal(b.page, 1);
	assert_int_equal(b.paragraph, 1);
	assert_int_equal(b.flags, 0);
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "line one\nline two");
	/* the empty page-break paragraph is dropped; the next block has the flag */
	b = assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, "On page two.");
	assert_int_equal(b.page, 2);
	assert_int_equal(b.paragraph, 4);
	assert_true(b.flags & CLINT_BLOCK_PAGE_BREAK);
	b = assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, "Still two and three");
	assert_int_equal(b.page, 2);
	assert_false(b.flags & CLINT_BLOCK_PAGE_BREAK);
	b = assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, 0, "Three.");
	assert_int_equal(b.page, 3);
	assert_true(b.flags & CLINT_BLOCK_PAGE_BREAK);
	b = assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH, 0, "Four, as rendered.");
	assert_int_equal(b.page, 4);
	assert_false(b.flags & CLINT_BLOCK_PAGE_BREAK);
	b = assert_block(doc, 6, CLINT_BLOCK_PARAGRAPH, 0, "Five.");
	assert_int_equal(b.page, 5);
	assert_true(b.flags & CLINT_BLOCK_PAGE_BREAK);
	/* a text box is its own block, once (the fallback copy is skipped) */
	assert_block(doc, 7, CLINT_BLOCK_PARAGRAPH, 0, "Text box follows:");
	b = assert_block(doc, 8, CLINT_BLOCK_PARAGRAPH, 0, "Boxed text.");
	assert_int_equal(b.paragraph, 10);
	b = assert_block(doc, 9, CLINT_BLOCK_PARAGRAPH, 0, " after the box.");
	assert_int_equal(b.paragraph, 9);
	assert_int_equal(clint_doc_block_count(doc), 10);
	clint_doc_free(doc);
}

/* ---- notes, headers, footers ------------------------------------------------- */

static void test_notes_and_headers(void **state)
{
	static const char body[] = DOC(
		P(R("The Supplier shall meet the service levels")
		  "<w:r><w:footnoteReference w:id=\"1\"/></w:r>"
		  R(" in every month."))
		P(R("Second paragraph.")));
	static const char footnotes[] =
		"<w:footnotes xmlns:w=\"" W_NS "\">"
		"<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/>"
		"</w:r></w:p></w:footnote>"
		"<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r>"
		"<w:t>CONTINUED</w:t></w:r></w:p></w:footnote>"
		"<w:footnote w:id=\"1\">" P(R("As measured monthly.")) "</w:footnote>"
		"</w:footnotes>";
	static const char endnotes[] =
		"<w:endnotes xmlns:w=\"" W_NS "\"><w:endnote w:id=\"1\">"
		P(R("An endnote.")) "</w:endnote></w:endnotes>";
	static const char header[] =
		"<w:hdr xmlns:w=\"" W_NS "\">" P(R("CONFIDENTIAL")) "</w:hdr>";
	static const char footer[] =
		"<w:ftr xmlns:w=\"" W_NS "\">" P(R("Page ")
		"<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
		"<w:r><w:instrText> PAGE </w:instrText></w:r>"
		"<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" R("1")
		"<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>") "</w:ftr>";
	part p[] = {{"word/document.xml", body, 0},
	            {"word/footnotes.xml", footnotes, 0},
	            {"word/endnotes.xml", endnotes, 0},
	            {"word/header1.xml", header, 0},
	            {"word/footer1.xml", footer, 0}};
	clint_doc *doc;
	clint_block b;

	(void)state;
	doc = load_parts(p, 5, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	/* the note is not in the sentence that cites it */
	b = assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0,
	                 "The Supplier shall meet the service levels in every "
	                 "month.");
	assert_int_equal(b.flags & CLINT_BLOCK_NOTE, 0);
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "Second paragraph.");
	/* notes after the body, separators skipped; numbers continue */
	b = assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, "As measured monthly.");
	assert_true(b.flags & CLINT_BLOCK_NOTE);
	assert_int_equal(b.paragraph, 3);
	b = assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, "An endnote.");
	assert_true(b.flags & CLINT_BLOCK_NOTE);
	b = assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, ~0u, "CONFIDENTIAL");
	assert_true(b.flags & CLINT_BLOCK_NOTE);
	b = assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH, ~0u, "Page 1");
	assert_true(b.flags & CLINT_BLOCK_NOTE);
	assert_int_equal(clint_doc_block_count(doc), 6);
	assert_null(strstr(clint_doc_text(doc, NULL), "CONTINUED"));
	assert_null(strstr(clint_doc_text(doc, NULL), "PAGE"));
	clint_doc_free(doc);
}

/* The notes after the body are in no section and open none: a header
 * "CONFIDENTIAL" or a footnote "2. Net" is no clause, and the last clause
 * ends where they start (clint_doc_notes_start()). */
static void test_notes_in_no_section(void **state)
{
	static const char body[] = DOC(
		P(R("1. Charges"))
		P(R("1.1 The Client shall pay EUR 4,000 per month.")
		  "<w:r><w:footnoteReference w:id=\"1\"/></w:r>")
		P(R("2. Term"))
		P(R("2.1 This Agreement runs for two years.")));
	static const char footnotes[] =
		"<w:footnotes xmlns:w=\"" W_NS "\"><w:footnote w:id=\"1\">"
		P(R("2. Net of VAT")) "</w:footnote></w:footnotes>";
	static const char header[] =
		"<w:hdr xmlns:w=\"" W_NS "\">" P(R("CONFIDENTIAL")) "</w:hdr>";
	static const char footer[] =
		"<w:ftr xmlns:w=\"" W_NS "\">" P(R("3. Draft v1")) "</w:ftr>";
	part p[] = {{"word/document.xml", body, 0},
	            {"word/footnotes.xml", footnotes, 0},
	            {"word/header1.xml", header, 0},
	            {"word/footer1.xml", footer, 0}};
	clint_doc *doc;
	clint_section sec;
	clint_block b;
	size_t notes, len, i;

	(void)state;
	doc = load_parts(p, 4, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), 7);
	b = assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, 0, "2. Net of VAT");
	assert_true(b.flags & CLINT_BLOCK_NOTE);
	notes = clint_doc_notes_start(doc);
	assert_int_equal(notes, b.start);
	/* 1, 1.1, 2, 2.1: nothing from the notes */
	assert_int_equal(clint_doc_section_count(doc), 4);
	for (i = 0; i < 4; i++) {
		assert_int_equal(clint_doc_section(doc, i, &sec), CLINT_OK);
		assert_true(sec.end <= notes);
	}
	assert_string_equal(sec.number, "2.1");
	assert_true(sec.end + 1 >= notes);
	clint_doc_text(doc, &len);
	for (i = notes; i < len; i++)
		assert_int_equal(clint_doc_section_at(doc, i), CLINT_NO_SECTION);
	clint_doc_free(doc);
}

/* A definition in a footnote is not the preamble's, even in a short
 * document without numbered clauses (where the preamble runs on). */
static void test_note_definition_not_preamble(void **state)
{
	static const char body[] = DOC(
		P(R("This Agreement is made between Alder Ltd (the \"Client\") "
		    "and Birch Ltd.")
		  "<w:r><w:footnoteReference w:id=\"1\"/></w:r>"));
	static const char footnotes[] =
		"<w:footnotes xmlns:w=\"" W_NS "\"><w:footnote w:id=\"1\">"
		P(R("Cedar Ltd (hereinafter the \"Agent\") may act for Birch Ltd."))
		"</w:footnote></w:footnotes>";
	part p[] = {{"word/document.xml", body, 0},
	            {"word/footnotes.xml", footnotes, 0}};
	clint_doc *doc;
	size_t i, seen = 0;

	(void)state;
	doc = load_parts(p, 2, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_int_equal(clint_doc_prepare(doc, NULL), CLINT_OK);
	for (i = 0; i < doc->definition_count; i++) {
		if (strcmp(doc->definitions[i].term, "Client") == 0)
			assert_true(doc->definitions[i].preamble);
		else if (strcmp(doc->definitions[i].term, "Agent") == 0)
			assert_false(doc->definitions[i].preamble);
		else
			continue;
		seen++;
	}
	assert_int_equal(seen, 2);
	clint_doc_free(doc);
}

/* The parts are found through word/_rels/document.xml.rels, whatever
 * their names; parts the relationships do not name are not read. */
static void test_parts_from_relationships(void **state)
{
#define RELS_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_T "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	static const char rels[] =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
		"<Relationships xmlns=\"" RELS_NS "\">"
		"<Relationship Id=\"rId9\" Type=\"" REL_T "footer\" Target=\"parts/bottom.xml\"/>"
		"<Relationship Id=\"rId3\" Type=\"" REL_T "header\" Target=\"/word/parts/top.xml\"/>"
		"<Relationship Id=\"rId4\" Type=\"" REL_T "footnotes\" Target=\"notes/../fn-list.xml\"/>"
		"<Relationship Id=\"rId5\" Type=\"" REL_T "endnotes\" Target=\"./en-list.xml\"/>"
		"<Relationship Id=\"rId6\" Type=\"" REL_T "comments\" Target=\"remarks.xml\"/>"
		"<Relationship Id=\"rId7\" Type=\"" REL_T "styles\" Target=\"look.xml\"/>"
		"<Relationship Id=\"rId8\" Type=\"" REL_T "hyperlink\" "
		"Target=\"https://example.com/\" TargetMode=\"External\"/>"
		"<Relationship Id=\"rId2\" Type=\"" REL_T "header\" Target=\"../../escape.xml\"/>"
		"</Relationships>";
	static const char body[] = DOC(
		STYLEP("Clause", R("Service Levels"))
		P(R("The Supplier shall ")
		  "<w:commentRangeStart w:id=\"1\"/>" R("meet the service levels")
		  "<w:commentRangeEnd w:id=\"1\"/>"
		  "<w:r><w:footnoteReference w:id=\"1\"/></w:r>" R(".")));
	static const char styles[] =
		"<w:styles xmlns:w=\"" W_NS "\"><w:style w:type=\"paragraph\" "
		"w:styleId=\"Clause\"><w:name w:val=\"heading 1\"/></w:style>"
		"</w:styles>";
	static const char fn[] =
		"<w:footnotes xmlns:w=\"" W_NS "\"><w:footnote w:id=\"1\">"
		P(R("Measured each calendar month.")) "</w:footnote></w:footnotes>";
	static const char en[] =
		"<w:endnotes xmlns:w=\"" W_NS "\"><w:endnote w:id=\"1\">"
		P(R("Closing endnote.")) "</w:endnote></w:endnotes>";
	static const char top[] =
		"<w:hdr xmlns:w=\"" W_NS "\">" P(R("KESTREL DRAFT")) "</w:hdr>";
	static const char bottom[] =
		"<w:ftr xmlns:w=\"" W_NS "\">" P(R("Supplier terms v2")) "</w:ftr>";
	static const char stray[] =
		"<w:hdr xmlns:w=\"" W_NS "\">" P(R("NOT REFERENCED")) "</w:hdr>";
	static const char remarks[] =
		"<w:comments xmlns:w=\"" W_NS "\"><w:comment w:id=\"1\" "
		"w:author=\"Reviewer\">" P(R("Which levels?")) "</w:comment>"
		"</w:comments>";
	part p[] = {{"word/document.xml", body, 0},
	            {"word/_rels/document.xml.rels", rels, 0},
	            {"word/look.xml", styles, 0},
	            {"word/fn-list.xml", fn, 0},
	            {"word/en-list.xml", en, 0},
	            {"word/parts/top.xml", top, 0},
	            {"word/parts/bottom.xml", bottom, 0},
	            {"word/header1.xml", stray, 0},
	            {"word/remarks.xml", remarks, 0}};
	clint_doc *doc;
	clint_block b;
	clint_annotation a;

	(void)state;
	doc = load_parts(p, N_ELEMS(p), CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_block(doc, 0, CLINT_BLOCK_HEADING, 1, "Service Levels");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0,
	             "The Supplier shall meet the service levels.");
	b = assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0,
	                 "Measured each calendar month.");
	assert_true(b.flags & CLINT_BLOCK_NOTE);
	b = assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, "Closing endnote.");
	assert_true(b.flags & CLINT_BLOCK_NOTE);
	/* headers before footers, as without relationships */
	b = assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, ~0u, "KESTREL DRAFT");
	assert_true(b.flags & CLINT_BLOCK_NOTE);
	b = assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH, ~0u, "Supplier terms v2");
	assert_true(b.flags & CLINT_BLOCK_NOTE);
	assert_int_equal(clint_doc_block_count(doc), 6);
	assert_null(strstr(clint_doc_text(doc, NULL), "NOT REFERENCED"));
	assert_int_equal(clint_doc_annotation_count(doc), 1);
	assert_int_equal(clint_doc_annotation(doc, 0, &a), CLINT_OK);
	assert_string_equal(a.author, "Reviewer");
	assert_string_equal(a.text, "Which levels?");
	unit_assert_slice(doc, a.start, a.end, "meet the service levels");
	clint_doc_free(doc);
#undef RELS_NS
#undef REL_T
}

/* The styles' and relationships' strings are paid for from the
 * document's memory budget: 2,500 style ids, or header part names, of
 * 450 letters each are past a 1 MiB limit. A document with a few of
 * each (styles, relationships, list levels, a default style, a header
 * named twice, an embedded package) read within the default limit keeps
 * as much memory as one without them: all is given back. */
static void test_styles_and_relationships_memory(void **state)
{
#define RELS_HEAD "<Relationships xmlns=\"http://schemas.openxmlformats.org/" \
	"package/2006/relationships\">"
#define REL_T "http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships/"
	static const char body[] = DOC(P(R("Body.")));
	static const char styles[] =
		"<w:styles xmlns:w=\"" W_NS "\"><w:style w:type=\"paragraph\" "
		"w:default=\"1\" w:styleId=\"Normal\"/><w:style w:type=\"paragraph\""
		" w:default=\"1\" w:styleId=\"Plain\"><w:basedOn w:val=\"A\"/>"
		"<w:basedOn w:val=\"Normal\"/></w:style></w:styles>";
	static const char numbering[] =
		"<w:numbering xmlns:w=\"" W_NS "\"><w:abstractNum w:abstractNumId="
		"\"1\"><w:numStyleLink w:val=\"x\"/><w:numStyleLink w:val=\"L\"/>"
		"<w:lvl w:ilvl=\"0\"><w:lvlText w:val=\"%1.\"/><w:lvlText "
		"w:val=\"(%1)\"/></w:lvl><w:lvl w:ilvl=\"0\"><w:lvlText w:val="
		"\"%1)\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\">"
		"<w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"1\"><w:lvl "
		"w:ilvl=\"1\"><w:lvlText w:val=\"%2\"/></w:lvl></w:lvlOverride>"
		"</w:num></w:numbering>";
	static const char rels[] = RELS_HEAD
		"<Relationship Id=\"rId1\" Type=\"" REL_T "styles\" Target=\""
		"s.xml\"/><Relationship Id=\"rId2\" Type=\"" REL_T "numbering\" "
		"Target=\"n.xml\"/><Relationship Id=\"rId3\" Type=\"" REL_T
		"styles\" Target=\"other.xml\"/><Relationship Id=\"rId4\" Type=\""
		REL_T "header\" Target=\"h.xml\"/><Relationship Id=\"rId5\" Type="
		"\"" REL_T "header\" Target=\"./h.xml\"/><Relationship Id=\"rId6\" "
		"Type=\"" REL_T "package\" Target=\"embeddings/b.xlsx\"/>"
		"<Relationship Id=\"rId7\" Type=\"" REL_T "image\" Target=\"i.png"
		"\"/></Relationships>";
	part p[] = {{"word/document.xml", body, 0},
	            {"word/_rels/document.xml.rels", rels, 0},
	            {"word/s.xml", styles, 0},
	            {"word/n.xml", numbering, 0}};
	size_t n = 2500, i, kept;
	char *xml = malloc(n * 600 + 200), *q;
	unsigned seed = 5;

	(void)state;
	assert_non_null(xml);
	kept = memory_kept(p, 1);
	assert_int_equal(memory_kept(p, ARRAY_LEN(p)), kept);
	/* long style ids */
	q = xml + sprintf(xml, "<w:styles xmlns:w=\"%s\">", W_NS);
	for (i = 0; i < n; i++) {
		q += sprintf(q, "<w:style w:type=\"paragraph\" w:styleId=\"");
		q = random_letters(q, 450, &seed);
		q += sprintf(q, "\"></w:style>");
	}
	strcpy(q, "</w:styles>");
	p[2].data = xml;
	expect_over_memory(p, ARRAY_LEN(p));
	/* long header part names */
	q = xml + sprintf(xml, RELS_HEAD);
	for (i = 0; i < n; i++) {
		q += sprintf(q, "<Relationship Id=\"rId%zu\" Type=\"" REL_T
		                "header\" Target=\"", i);
		q = random_letters(q, 450, &seed);
		q += sprintf(q, "\"/>");
	}
	strcpy(q, "</Relationships>");
	p[1].data = xml;
	p[2].data = styles;
	expect_over_memory(p, ARRAY_LEN(p));
	free(xml);
#undef RELS_HEAD
#undef REL_T
}

/* ---- fields and hyperlinks ----------------------------------------------------- */

static void test_fields_and_hyperlinks(void **state)
{
	static const char body[] = DOC(
		P(R("As set out in clause ")
		  "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
		  "<w:r><w:instrText xml:space=\"preserve\"> REF _Ref1 \\r \\h </w:instrText></w:r>"
		  "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
		  R("7.2")
		  "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
		  R(" on page ")
		  "<w:fldSimple w:instr=\" PAGEREF _Ref1 \">" R("4") "</w:fldSimple>"
		  R(", see ")
		  "<w:hyperlink r:id=\"rId5\" xmlns:r=\"urn:r\">" R("the SLA") "</w:hyperlink>"
		  R("."))
		P(R("Table ")
		  "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
		  "<w:r><w:instrText> SEQ Table </w:instrText></w:r>"
		  "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
		  "<w:r><w:instrText> nested </w:instrText></w:r>"
		  "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
		  "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
		  R("3")
		  "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
		  R(": prices")));
	clint_doc *doc = load_body(body, CLINT_REVISIONS_ACCEPT);

	(void)state;
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0,
	             "As set out in clause 7.2 on page 4, see the SLA.");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "Table 3: prices");
	clint_doc_free(doc);
}

/* A field begun and neither separated nor ended read all that followed
 * it as its instruction and left it out: the rest of the part was lost
 * without a word. Refused, naming the line of its begin; a field that
 * hides nothing, or stays open in its result, is read. */
static void test_unended_field(void **state)
{
	static const char hides[] = DOC(
		P(R("First clause."))
		P("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
		  "<w:r><w:instrText> PAGE </w:instrText></w:r>" R("Second clause."))
		P(R("Governing law.")));
	static const char hides_nothing[] = DOC(
		P(R("First clause."))
		P("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
		  "<w:r><w:instrText> PAGE </w:instrText></w:r>" R(" ")));
	static const char in_result[] = DOC(
		P(R("First clause.")
		  "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
		  "<w:r><w:instrText> TOC </w:instrText></w:r>"
		  "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>")
		P(R("Result, never ended.")));
	part p[] = {{"word/document.xml", hides, 0}};
	clint_diag *d = NULL;
	clint_diag_entry e;
	clint_doc *doc;

	(void)state;
	expect_refused(p, 1, CLINT_EFORMAT, "field (w:fldChar begin) that never "
	                                    "ends");
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	load_parts(p, 1, CLINT_REVISIONS_ACCEPT, d, CLINT_EFORMAT);
	assert_int_equal(clint_diag_get(d, 0, &e), CLINT_OK);
	assert_int_equal(e.line, 2);
	clint_diag_free(d);
	doc = load_body(hides_nothing, CLINT_REVISIONS_ACCEPT);
	assert_string_equal(clint_doc_text(doc, NULL), "First clause.");
	clint_doc_free(doc);
	doc = load_body(in_result, CLINT_REVISIONS_ACCEPT);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "First clause.");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "Result, never ended.");
	clint_doc_free(doc);
}

/* w:altChunk: content Word shows from a part in another format (HTML,
 * RTF, a DOCX); its text was left out without a word. Refused. */
static void test_alt_chunk_refused(void **state)
{
	static const char body[] = DOC(
		P(R("Intro."))
		"<w:altChunk xmlns:r=\"urn:r\" r:id=\"rId9\"/>"
		P(R("Closing.")));
	part p[] = {{"word/document.xml", body, 0},
	            {"word/chunk.html", "<html><body><p>The Supplier shall "
	                                "indemnify the Customer.</p></body></html>",
	             0}};

	(void)state;
	expect_refused(p, 2, CLINT_EUNSUPPORTED, "w:altChunk");
}

/* Office Math is read as a line of text (it was left out: "The Service
 * Credit is  where  is the fee"): runs, fractions, scripts, n-ary
 * operators, delimiters with their own characters, radicals; its
 * properties are not text, and deleted math is dropped with its run. */
#define M_NS "http://schemas.openxmlformats.org/officeDocument/2006/math"
#define MR(t) "<m:r><m:rPr><m:sty m:val=\"p\"/></m:rPr><w:rPr><w:i/></w:rPr>" \
	"<m:t>" t "</m:t></m:r>"
static void test_office_math(void **state)
{
	static const char body[] = DOC(
		P(R("Credit is ")
		  "<m:oMath xmlns:m=\"" M_NS "\">" MR("C=")
		  "<m:f><m:fPr><m:type m:val=\"bar\"/></m:fPr><m:num>" MR("T\xE2\x88\x92"
		  "A") "</m:num><m:den>" MR("T") "</m:den></m:f>" MR("\xC3\x97" "F")
		  "</m:oMath>" R(" where F is the fee."))
		P("<m:oMathPara xmlns:m=\"" M_NS "\"><m:oMath>"
		  "<m:nary><m:naryPr><m:chr m:val=\"\xE2\x88\x91\"/></m:naryPr>"
		  "<m:sub>" MR("i=1") "</m:sub><m:sup>" MR("n") "</m:sup>"
		  "<m:e><m:sSup><m:e>" MR("x") "</m:e><m:sup>" MR("2") "</m:sup>"
		  "</m:sSup></m:e></m:nary>"
		  "<m:d><m:dPr><m:begChr m:val=\"[\"/><m:endChr m:val=\"]\"/>"
		  "</m:dPr><m:e>" MR("a") "</m:e><m:e>" MR("b") "</m:e></m:d>"
		  "<m:d><m:e>" MR("c") "</m:e></m:d><m:d><m:dPr/></m:d>"
		  "<m:rad><m:radPr><m:degHide m:val=\"1\"/></m:radPr><m:deg/>"
		  "<m:e>" MR("4") "</m:e></m:rad>"
		  /* an n-ary operator without parts, then an accent */
		  "<m:nary><m:naryPr><m:chr m:val=\"\xE2\x88\x8F\"/></m:naryPr>"
		  "</m:nary><m:acc><m:accPr><m:chr m:val=\"~\"/></m:accPr>"
		  "<m:e>" MR("z") "</m:e></m:acc></m:oMath></m:oMathPara>")
		P(R("Kept ") "<w:del w:id=\"1\" w:author=\"A\"><m:oMath xmlns:m=\""
		  M_NS "\"><m:r><w:rPr><w:del w:id=\"2\" w:author=\"A\"/></w:rPr>"
		  "<m:t>gone</m:t></m:r></m:oMath></w:del>" R("text."))
		/* a function, a limit, an equation array, a matrix */
		P("<m:oMath xmlns:m=\"" M_NS "\"><m:func><m:fName>" MR("sin")
		  "</m:fName><m:e>" MR("x") "</m:e></m:func>" MR(",")
		  "<m:limLow><m:e>" MR("lim") "</m:e><m:lim>" MR("n")
		  "</m:lim></m:limLow>" MR("a,")
		  "<m:limUpp><m:e>" MR("x") "</m:e><m:lim>" MR("k")
		  "</m:lim></m:limUpp>" MR(",")
		  "<m:eqArr><m:e>" MR("a=b") "</m:e><m:e>" MR("c=d") "</m:e>"
		  "</m:eqArr>" MR(",")
		  "<m:m><m:mPr/><m:mr><m:e>" MR("1") "</m:e><m:e>" MR("2")
		  "</m:e></m:mr><m:mr><m:e>" MR("3") "</m:e><m:e>" MR("4")
		  "</m:e></m:mr></m:m></m:oMath>")
		/* empty parts: an integral's hidden limits, an empty limit and
		 * delimiter, then a function whose argument is no element of
		 * theirs */
		P("<m:oMath xmlns:m=\"" M_NS "\"><m:nary><m:naryPr><m:subHide "
		  "m:val=\"1\"/><m:supHide m:val=\"1\"/></m:naryPr><m:sub/><m:sup/>"
		  "<m:e>" MR("f") "</m:e></m:nary>" MR(",")
		  "<m:limLow><m:e>" MR("lim") "</m:e><m:lim/></m:limLow><m:eqArr/>"
		  "<m:d/><m:func><m:fName>" MR("cos") "</m:fName><m:e>" MR("y")
		  "</m:e></m:func></m:oMath>"));
	clint_doc *doc;

	(void)state;
	doc = load_body(body, CLINT_REVISIONS_ACCEPT);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0,
	             "Credit is C=(T\xE2\x88\x92" "A)/(T)\xC3\x97" "F where F is "
	             "the fee.");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0,
	             "\xE2\x88\x91_(i=1)^(n)x^(2)[a|b](c)()\xE2\x88\x9A" "4"
	             "\xE2\x88\x8Fz");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, "Kept text.");
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0,
	             "sin x,lim_(n)a,x^(k),a=b; c=d,1 2; 3 4");
	assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, 0,
	             "\xE2\x88\xAB_()^()f,lim_()()cos y");
	clint_doc_free(doc);
}

/* An embedded object (an Excel sheet, a MathType formula) is not read:
 * a warning says so, with its kind and line, where nothing was said; none
 * for one in text the chosen revision leaves out. */
/* An Excel workbook embedded in the body is read where it is shown: the
 * cells of its active sheet (a price table pasted in as one was a
 * warning, its text not checked). */
static void test_embedded_workbook(void **state)
{
#define XL(name, type) "<w:r><w:object><o:OLEObject xmlns:o=\"urn:schemas-" \
	"microsoft-com:office:office\" xmlns:r=\"http://schemas.openxmlformats" \
	".org/officeDocument/2006/relationships\" Type=\"Embed\" ProgID=\"" \
	type "\" r:id=\"" name "\"/></w:object></w:r>"
#define SML "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/" \
	"main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/" \
	"2006/relationships\""
	static const char body[] = DOC(
		P(R("Prices: ") XL("rId5", "Excel.Sheet.12") R("apply."))
		P(XL("rId6", "Excel.Sheet.12") XL("rId9", "Excel.Sheet.12")
		  XL("rId7", "Excel.Sheet.8"))
		P("<w:del w:id=\"1\" w:author=\"A\">" XL("rId5", "Excel.Sheet.12")
		  "</w:del>" R("End."))
		/* after a page break: the first cell takes it; before one: the
		 * next paragraph does */
		P("<w:r><w:br w:type=\"page\"/></w:r>" XL("rId5", "Excel.Sheet.12"))
		P(R("Then ") XL("rId5", "Excel.Sheet.12")
		  "<w:r><w:br w:type=\"page\"/></w:r>")
		P(R("Last.")));
	static const char rels[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
		"2006/relationships\"><Relationship Id=\"rId5\" Type=\"http://"
		"schemas.openxmlformats.org/officeDocument/2006/relationships/"
		"package\" Target=\"embeddings/Microsoft_Excel_Worksheet.xlsx\"/>"
		"<Relationship Id=\"rId6\" Type=\"http://schemas.openxmlformats.org"
		"/officeDocument/2006/relationships/package\" Target=\"embeddings/"
		"broken.xlsx\"/><Relationship Id=\"rId7\" Type=\"http://schemas."
		"openxmlformats.org/officeDocument/2006/relationships/oleObject\" "
		"Target=\"embeddings/oleObject1.bin\"/></Relationships>";
	/* two sheets, the second shown; a rich shared string with a
	 * phonetic run, an inline string, a number, a boolean, an empty
	 * cell, a formula's string, a shared string out of range */
	static const part book[] = {
		{"xl/workbook.xml", "<workbook " SML "><bookViews><workbookView "
		 "activeTab=\"1\"/></bookViews><sheets><sheet name=\"Notes\" "
		 "sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Fees\" sheetId=\"2\" "
		 "r:id=\"rId2\"/></sheets></workbook>", 0},
		{"xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://"
		 "schemas.openxmlformats.org/package/2006/relationships\">"
		 "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
		 "<Relationship Id=\"rId2\" Target=\"/xl/worksheets/sheet2.xml\"/>"
		 "</Relationships>", 0},
		{"xl/sharedStrings.xml", "<sst " SML "><si><t>Hosting</t></si><si>"
		 "<r><t>Monthly </t></r><r><t>fee</t></r><rPh><t>x</t></rPh></si>"
		 "</sst>", 0},
		{"xl/worksheets/sheet1.xml", "<worksheet " SML "><sheetData><row>"
		 "<c t=\"inlineStr\"><is><t>not shown</t></is></c></row>"
		 "</sheetData></worksheet>", 0},
		{"xl/worksheets/sheet2.xml", "<worksheet " SML "><sheetData>"
		 "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c><c r=\"B1\" t=\"s\">"
		 "<v>0</v></c></row><row r=\"2\"><c t=\"inlineStr\"><is><t>Fee "
		 "payable</t></is></c><c><v>1500.5</v></c><c t=\"b\"><v>1</v></c>"
		 "<c s=\"1\"/><c t=\"str\"><f>A1</f><v>due</v></c><c t=\"s\"><v>9"
		 "</v></c></row></sheetData></worksheet>", 0},
	};
	unsigned char *xlsx;
	size_t xlsx_len;
	clint_diag *d = NULL;
	clint_doc *doc;

	(void)state;
	xlsx = unit_make_zip(book, ARRAY_LEN(book), &xlsx_len);
	{
		part p[] = {
			{"word/document.xml", body, 0},
			{"word/_rels/document.xml.rels", rels, 0},
			{"word/embeddings/Microsoft_Excel_Worksheet.xlsx",
			 (const char *)xlsx, xlsx_len},
			{"word/embeddings/broken.xlsx", "not a zip", 0},
		};

		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		doc = load_parts(p, ARRAY_LEN(p), CLINT_REVISIONS_ACCEPT, d,
		                 CLINT_OK);
		/* after the paragraph that shows it, which is not cut in two */
		assert_int_equal(clint_doc_block_count(doc), 22);
		assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "Prices: apply.");
		assert_block(doc, 1, CLINT_BLOCK_TABLE_CELL, 0, "Monthly fee");
		assert_block(doc, 2, CLINT_BLOCK_TABLE_CELL, 0, "Hosting");
		assert_block(doc, 3, CLINT_BLOCK_TABLE_CELL, 0, "Fee payable");
		assert_block(doc, 4, CLINT_BLOCK_TABLE_CELL, 0, "1500.5");
		assert_block(doc, 5, CLINT_BLOCK_TABLE_CELL, 0, "TRUE");
		assert_block(doc, 6, CLINT_BLOCK_TABLE_CELL, 0, "due");
		assert_block(doc, 7, CLINT_BLOCK_PARAGRAPH, 0, "End.");
		assert_block(doc, 8, CLINT_BLOCK_TABLE_CELL, 0, "Monthly fee");
		assert_block(doc, 14, CLINT_BLOCK_PARAGRAPH, 0, "Then ");
		assert_block(doc, 21, CLINT_BLOCK_PARAGRAPH, 0, "Last.");
		/* the sheet's rows are rows (the empty cell of row 2 too) */
		unit_assert_rows(doc, ".RcRccc.RcRccc.RcRccc.");
		{
			clint_block b;
			assert_int_equal(clint_doc_block(doc, 8, &b), CLINT_OK);
			assert_int_equal(b.flags & CLINT_BLOCK_PAGE_BREAK,
			                 CLINT_BLOCK_PAGE_BREAK);
			assert_int_equal(b.page, 2);
			assert_int_equal(clint_doc_block(doc, 15, &b), CLINT_OK);
			assert_int_equal(b.flags & CLINT_BLOCK_PAGE_BREAK, 0);
			assert_int_equal(b.page, 2);
			assert_int_equal(clint_doc_block(doc, 21, &b), CLINT_OK);
			assert_int_equal(b.flags & CLINT_BLOCK_PAGE_BREAK,
			                 CLINT_BLOCK_PAGE_BREAK);
			assert_int_equal(b.page, 3);
		}
		assert_null(strstr(clint_doc_text(doc, NULL), "not shown"));
		/* not read: a broken workbook (the reason said), an id with no
		 * relationship, a binary (Excel 97) object */
		assert_int_equal(clint_diag_count(d), 3);
		assert_true(unit_diag_find(d, "an embedded object (Excel.Sheet.12) "
		                              "is not read (not a readable ZIP "
		                              "archive)") >= 0);
		assert_true(unit_diag_find(d, "(Excel.Sheet.8) is not read") >= 0);
		clint_doc_free(doc);
		clint_diag_clear(d);
		/* deleted: shown in the original, flagged so */
		doc = load_parts(p, ARRAY_LEN(p), CLINT_REVISIONS_REJECT, d,
		                 CLINT_OK);
		assert_int_equal(clint_doc_block_count(doc), 28);
		assert_block(doc, 7, CLINT_BLOCK_PARAGRAPH, 0, "End.");
		assert_block(doc, 8, CLINT_BLOCK_TABLE_CELL, 0, "Monthly fee");
		assert_block(doc, 13, CLINT_BLOCK_TABLE_CELL, 0, "due");
		{
			clint_block b;
			assert_int_equal(clint_doc_block(doc, 13, &b), CLINT_OK);
			assert_int_equal(b.flags & CLINT_BLOCK_DELETED,
			                 CLINT_BLOCK_DELETED);
			assert_int_equal(clint_doc_block(doc, 1, &b), CLINT_OK);
			assert_int_equal(b.flags & CLINT_BLOCK_DELETED, 0);
		}
		clint_doc_free(doc);
		clint_diag_free(d);
	}
	free(xlsx);

	/* a 4 MiB sheet shown 120 times: past 64 MiB read in all, the rest
	 * are not read, and said so once (it was said for each showing) */
	{
		size_t big_len = 4u << 20, i, k;
		char *sheet = malloc(big_len + 400), *doc_xml, *q;
		unsigned seed = 1;
		part bp[] = {
			{"xl/workbook.xml", book[0].data, 0},
			{"xl/_rels/workbook.xml.rels", book[1].data, 0},
			{"xl/worksheets/sheet2.xml", NULL, 0},
		};
		part p[] = {
			{"word/document.xml", NULL, 0},
			{"word/_rels/document.xml.rels", rels, 0},
			{"word/embeddings/Microsoft_Excel_Worksheet.xlsx", NULL, 0},
		};

		assert_non_null(sheet);
		/* a formula without a value: no text, bytes that do not
		 * compress 200:1 */
		q = sheet + sprintf(sheet, "<worksheet " SML "><sheetData><row><c>"
		                           "<f>");
		for (k = 0; k < big_len; k++) {
			seed = seed * 1103515245u + 12345u;
			*q++ = (char)('A' + (seed >> 16) % 26);
		}
		strcpy(q, "</f></c></row></sheetData></worksheet>");
		bp[2].data = sheet;
		xlsx = unit_make_zip(bp, ARRAY_LEN(bp), &xlsx_len);
		doc_xml = malloc(120 * 400 + 1000);
		assert_non_null(doc_xml);
		q = doc_xml + sprintf(doc_xml, "%s", DOC("<w:p>"));
		q -= strlen("</w:body></w:document>");
		for (i = 0; i < 120; i++)
			q += sprintf(q, "%s", XL("rId5", "Excel.Sheet.12"));
		strcpy(q, "</w:p></w:body></w:document>");
		p[0].data = doc_xml;
		p[2].data = (const char *)xlsx;
		p[2].len = xlsx_len;
		assert_int_equal(clint_diag_new(&d), CLINT_OK);
		doc = load_parts(p, ARRAY_LEN(p), CLINT_REVISIONS_ACCEPT, d,
		                 CLINT_OK);
		assert_int_equal(clint_diag_count(d), 2);   /* and "no text" */
		assert_true(unit_diag_find(d, "is not read (xl/worksheets/sheet2."
		                              "xml: over what is left of the budget "
		                              "of embedded workbooks)") >= 0);
		clint_doc_free(doc);
		clint_diag_free(d);
		free(doc_xml);
		free(xlsx);
		free(sheet);
	}
#undef XL
#undef SML
}

/* An embedded workbook's trees and tables are paid for from the
 * document's memory budget while it is read, and given back: 150,000
 * empty shared strings (a tree of 24 MB and 1.5 MiB of tables from
 * 750 KB of <si/>) are past a 1 MiB limit, the document's error; the
 * same workbook with three strings is read within it, and the document
 * keeps as much memory either way. */
static void test_embedded_workbook_memory(void **state)
{
#define SML "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/" \
	"main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/" \
	"2006/relationships\""
	static const char body[] = DOC(
		P(R("Prices:") "<w:r><w:object><o:OLEObject xmlns:o=\"urn:schemas-"
		  "microsoft-com:office:office\" xmlns:r=\"http://schemas."
		  "openxmlformats.org/officeDocument/2006/relationships\" Type=\""
		  "Embed\" ProgID=\"Excel.Sheet.12\" r:id=\"rId5\"/></w:object>"
		  "</w:r>"));
	static const char rels[] =
		"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/"
		"2006/relationships\"><Relationship Id=\"rId5\" Type=\"http://"
		"schemas.openxmlformats.org/officeDocument/2006/relationships/"
		"package\" Target=\"embeddings/book.xlsx\"/></Relationships>";
	part book[] = {
		{"xl/workbook.xml", "<workbook " SML "><sheets><sheet name=\"A\" "
		 "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", 0},
		{"xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://"
		 "schemas.openxmlformats.org/package/2006/relationships\">"
		 "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
		 "</Relationships>", 0},
		{"xl/sharedStrings.xml", NULL, 0},
		{"xl/worksheets/sheet1.xml", "<worksheet " SML "><sheetData><row>"
		 "<c t=\"s\"><v>2</v></c></row></sheetData></worksheet>", 0},
	};
	part p[] = {
		{"word/document.xml", body, 0},
		{"word/_rels/document.xml.rels", rels, 0},
		{"word/embeddings/book.xlsx", NULL, 0},
	};
	char *many = unit_repeat("<sst " SML "><si/><si/><si><t>Fee</t></si>",
	                         "<si/>", 150000, "</sst>");
	unsigned char *xlsx;
	size_t kept;
	clint_doc *doc;

	(void)state;
	book[2].data = many;
	xlsx = unit_make_zip(book, ARRAY_LEN(book), &p[2].len);
	p[2].data = (const char *)xlsx;
	expect_over_memory(p, ARRAY_LEN(p));
	kept = memory_kept(p, ARRAY_LEN(p));
	free(xlsx);
	book[2].data = "<sst " SML "><si/><si/><si><t>Fee</t></si></sst>";
	xlsx = unit_make_zip(book, ARRAY_LEN(book), &p[2].len);
	p[2].data = (const char *)xlsx;
	doc = load_parts_within(p, ARRAY_LEN(p), CLINT_REVISIONS_ACCEPT,
	                        (size_t)1 << 20, NULL, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL), "Prices:\nFee");
	clint_doc_free(doc);
	assert_int_equal(memory_kept(p, ARRAY_LEN(p)), kept);
	free(xlsx);
	free(many);
#undef SML
}

/* Embedded packages are looked up by id in a sorted index (a scan per
 * object was quadratic): ids listed out of order, one the prefix of
 * another, one listed twice (the first is shown, a workbook or not), and
 * 30 more between them. Each object shows its own workbook, in the order
 * of the body; an unknown id, a prefix of known ones, a package that is
 * not a workbook and one whose part is missing are warned about. */
static void test_packages_by_id(void **state)
{
#define XL(name) "<w:r><w:object><o:OLEObject xmlns:o=\"urn:schemas-" \
	"microsoft-com:office:office\" xmlns:r=\"http://schemas.openxmlformats" \
	".org/officeDocument/2006/relationships\" Type=\"Embed\" ProgID=\"" \
	"Excel.Sheet.12\" r:id=\"" name "\"/></w:object></w:r>"
#define SML "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/" \
	"main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/" \
	"2006/relationships\""
	static const char body[] = DOC(
		P(R("Prices:") XL("rId2") XL("rId10") XL("rId1") XL("rId7")
		  XL("rId8") XL("rId99") XL("rId") XL("rIdF17") XL("rId10")
		  R(" End.")));
	static const char *const ids[] = {"rId10", "rId1", "rId2", "rId7",
	                                  "rId7", "rId8", "rId8"};
	static const char *const targets[] = {"b0.xlsx", "b1.xlsx", "b2.xlsx",
	                                      "b3.xlsx", "b4.xlsx", "x.bin",
	                                      "b5.xlsx"};
	char rels[8192], *q, sheet[6][256];
	unsigned char *xlsx[6];
	part p[2 + 6];
	clint_diag *d = NULL;
	clint_doc *doc;
	size_t i;

	(void)state;
	q = rels + sprintf(rels, "<Relationships xmlns=\"http://schemas."
	                         "openxmlformats.org/package/2006/"
	                         "relationships\">");
	for (i = 0; i < ARRAY_LEN(ids); i++) {
		q += sprintf(q, "<Relationship Id=\"%s\" Type=\"http://schemas."
		                "openxmlformats.org/officeDocument/2006/"
		                "relationships/package\" Target=\"embeddings/%s\"/>",
		             ids[i], targets[i]);
		if (i == 3) {
			size_t k;
			for (k = 0; k < 30; k++)
				q += sprintf(q, "<Relationship Id=\"rIdF%zu\" Type=\"http:"
				                "//schemas.openxmlformats.org/officeDocument"
				                "/2006/relationships/package\" Target=\""
				                "embeddings/f%zu.xlsx\"/>", k, k);
		}
	}
	strcpy(q, "</Relationships>");
	p[0].name = "word/document.xml";
	p[0].data = body;
	p[0].len = 0;
	p[1].name = "word/_rels/document.xml.rels";
	p[1].data = rels;
	p[1].len = 0;
	for (i = 0; i < 6; i++) {
		static const char *const names[] = {
			"word/embeddings/b0.xlsx", "word/embeddings/b1.xlsx",
			"word/embeddings/b2.xlsx", "word/embeddings/b3.xlsx",
			"word/embeddings/b4.xlsx", "word/embeddings/b5.xlsx"};
		part book[] = {
			{"xl/workbook.xml", "<workbook " SML "><sheets><sheet name=\"A\" "
			 "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>", 0},
			{"xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://"
			 "schemas.openxmlformats.org/package/2006/relationships\">"
			 "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/>"
			 "</Relationships>", 0},
			{"xl/worksheets/sheet1.xml", NULL, 0},
		};
		snprintf(sheet[i], sizeof(sheet[i]), "<worksheet " SML "><sheetData>"
		         "<row><c t=\"inlineStr\"><is><t>Book %zu</t></is></c></row>"
		         "</sheetData></worksheet>", i);
		book[2].data = sheet[i];
		xlsx[i] = unit_make_zip(book, ARRAY_LEN(book), &p[2 + i].len);
		p[2 + i].name = names[i];
		p[2 + i].data = (const char *)xlsx[i];
	}
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load_parts(p, ARRAY_LEN(p), CLINT_REVISIONS_ACCEPT, d, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL), "Prices: End.\nBook 2\nBook 0\nBook 1\n"
	                          "Book 3\nBook 0");
	assert_int_equal(clint_diag_count(d), 4);
	assert_true(unit_diag_find(d, "an embedded object (Excel.Sheet.12) is "
	                              "not read (its part is missing)") >= 0);
	clint_doc_free(doc);
	clint_diag_free(d);
	for (i = 0; i < 6; i++)
		free(xlsx[i]);
#undef XL
#undef SML
}

/* A document of one paragraph of n OLE objects into out: the first 30
 * share r:id rId7 and the others have their own, or (long_ids) each
 * has an id of 250 digits, alike but for the last. */
static void ole_paragraph(char *out, long n, int long_ids)
{
	char *q = out + sprintf(out, "%s", DOC("<w:p>"));
	long i;

	q -= strlen("</w:body></w:document>");
	for (i = 0; i < n; i++)
		q += sprintf(q, "<w:r><w:object><o:OLEObject xmlns:o=\"urn:schemas-"
		                "microsoft-com:office:office\" xmlns:r=\"http://"
		                "schemas.openxmlformats.org/officeDocument/2006/"
		                "relationships\" Type=\"Embed\" ProgID=\"Equation.3\" "
		                "r:id=\"rId%0*ld\"/></w:object></w:r>",
		             long_ids ? 250 : 1, long_ids ? i : i < 30 ? 7 : i);
	strcpy(q, "</w:p></w:body></w:document>");
}

static void test_ole_object_warned(void **state)
{
#define OLE(progid) "<w:r><w:object><o:OLEObject xmlns:o=\"urn:schemas-" \
	"microsoft-com:office:office\" Type=\"Embed\" " progid " ShapeID=\"s1\"" \
	" DrawAspect=\"Content\"/></w:object></w:r>"
	static const char body[] = DOC(
		P(R("Prices: ") OLE("ProgID=\"Excel.Sheet.12\"") R(" above."))
		P(OLE("ProgID=\"a&lt;b\"") OLE(""))
		P("<w:del w:id=\"1\" w:author=\"A\">" OLE("ProgID=\"Equation.3\"")
		  "</w:del>")
		/* linked, not embedded; the DrawingML forms */
		P("<w:r><w:object><o:OLEObject xmlns:o=\"urn:schemas-microsoft-com:"
		  "office:office\" Type=\"Link\" ProgID=\"Word.Document.12\"/>"
		  "</w:object></w:r>"
		  "<w:r><w:object><w:objectEmbed w:progId=\"Excel.Sheet.8\"/>"
		  "</w:object></w:r><w:r><w:object><w:objectLink w:progId="
		  "\"Visio.Drawing\" w:updateMode=\"always\"/></w:object></w:r>"));
#undef OLE
	part p[] = {{"word/document.xml", body, 0}};
	clint_diag *d = NULL;
	clint_diag_entry e;
	clint_doc *doc;
	long i;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	doc = load_parts(p, 1, CLINT_REVISIONS_ACCEPT, d, CLINT_OK);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "Prices:  above.");
	assert_int_equal(clint_diag_count(d), 6);
	assert_true(unit_diag_find(d, "a linked object (Word.Document.12) is not "
	                              "read: its content is in another file, and "
	                              "any text in it") >= 0);
	assert_true(unit_diag_find(d, "an embedded object (Excel.Sheet.8) is "
	                              "not read") >= 0);
	assert_true(unit_diag_find(d, "a linked object (Visio.Drawing) is not "
	                              "read") >= 0);
	i = unit_diag_find(d, "DOCX part word/document.xml: an embedded object "
	                      "(Excel.Sheet.12) is not read: any text in it (a "
	                      "table, a formula) is not checked");
	assert_true(i >= 0);
	assert_int_equal(clint_diag_get(d, (size_t)i, &e), CLINT_OK);
	assert_int_equal(e.level, CLINT_DIAG_WARNING);
	assert_int_equal(e.line, 2);
	/* a kind that is not a plain name is left out */
	assert_true(unit_diag_find(d, "an embedded object is not read") >= 0);
	assert_int_equal(unit_diag_find(d, "a&"), -1);
	assert_int_equal(unit_diag_find(d, "Equation.3"), -1);
	clint_doc_free(doc);
	clint_diag_clear(d);
	doc = load_parts(p, 1, CLINT_REVISIONS_REJECT, d, CLINT_OK);
	assert_true(unit_diag_find(d, "(Equation.3)") >= 0);
	clint_doc_free(doc);
	clint_diag_clear(d);

	/* each object said once, however often it is shown (by its
	 * relationship), and 100 objects at most */
	{
		char *many = malloc(130 * 300 + 1000), *q;
		part mp[] = {{"word/document.xml", NULL, 0}};

		assert_non_null(many);
		ole_paragraph(many, 130, 0);
		mp[0].data = many;
		doc = load_parts(mp, 1, CLINT_REVISIONS_ACCEPT, d, CLINT_OK);
		assert_int_equal(clint_diag_count(d), 102);  /* and "no text" */
		assert_int_equal(unit_diag_find(d, "more embedded objects are not "
		                                   "read: not listed"), 100);
		clint_doc_free(doc);
		clint_diag_clear(d);
		/* without a relationship, nothing names it: said each time */
		for (q = many; (q = strstr(q, " r:id=")) != NULL; q++)
			memcpy(q, " r_id=", 6);
		doc = load_parts(mp, 1, CLINT_REVISIONS_ACCEPT, d, CLINT_OK);
		assert_int_equal(unit_diag_find(d, "more embedded objects are not "
		                                   "read: not listed"), 100);
		clint_doc_free(doc);
		clint_diag_clear(d);
		/* ids alike in their first 250 bytes are two objects */
		ole_paragraph(many, 2, 1);
		doc = load_parts(mp, 1, CLINT_REVISIONS_ACCEPT, d, CLINT_OK);
		assert_int_equal(clint_diag_count(d), 3);  /* and "no text" */
		clint_doc_free(doc);
		clint_diag_clear(d);
		free(many);
	}
	clint_diag_free(d);
}

/* A math object tracked as inserted or deleted as a whole: Word marks
 * its runs and, in the m:ctrlPr of its properties, the object itself.
 * Its fraction bar, radical sign and delimiters go with it (they were
 * left behind: "Fee ()/() due"), in the view where it is gone and in no
 * other; a sign whose object has no parts still shows. */
#define MDEL(t) "<w:del w:id=\"7\" w:author=\"A\">" MR(t) "</w:del>"
#define MINS(t) "<w:ins w:id=\"8\" w:author=\"A\">" MR(t) "</w:ins>"
#define CTRL(c) "<m:ctrlPr><w:" c " w:id=\"9\" w:author=\"A\"><w:rPr>" \
	"<w:i/></w:rPr></w:" c "></m:ctrlPr>"
static void test_office_math_tracked(void **state)
{
	static const char body[] = DOC(
		P(R("Fee ") "<m:oMath xmlns:m=\"" M_NS "\">" MR("x")
		  "<m:f><m:fPr>" CTRL("del") "</m:fPr><m:num>" MDEL("a")
		  "</m:num><m:den>" MDEL("b") "</m:den></m:f>"
		  "<m:f><m:fPr>" CTRL("ins") "</m:fPr><m:num>" MINS("c")
		  "</m:num><m:den>" MINS("d") "</m:den></m:f>" MR("y")
		  "</m:oMath>" R(" due."))
		/* a radical, a delimiter (its characters are its own), an
		 * empty change element, an object marked twice, and one marked
		 * whose runs are not: all of it goes */
		P("<m:oMath xmlns:m=\"" M_NS "\">"
		  "<m:rad><m:radPr><m:degHide m:val=\"1\"/>" CTRL("del")
		  "</m:radPr><m:deg/><m:e>" MDEL("2") "</m:e></m:rad>"
		  "<m:d><m:dPr><m:begChr m:val=\"[\"/><m:ctrlPr><w:ins w:id=\"3\"/>"
		  "</m:ctrlPr></m:dPr><m:e>" MINS("p") "</m:e><m:e>" MINS("q")
		  "</m:e></m:d>"
		  "<m:sSup><m:sSupPr>" CTRL("del") CTRL("del") "</m:sSupPr>"
		  "<m:e>" MR("e") "</m:e><m:sup>" MR("k") "</m:sup></m:sSup>"
		  /* its arguments' own m:ctrlPr marks no object */
		  "<m:rad><m:radPr/><m:e>" MR("9") CTRL("del") "</m:e></m:rad>"
		  "<m:rad/></m:oMath>")
		/* inserted, then deleted by another (CT_MathCtrlIns holds the
		 * w:del); a radical's index before its sign */
		P(R("A") "<m:oMath xmlns:m=\"" M_NS "\">"
		  "<m:f><m:fPr><m:ctrlPr><w:ins w:id=\"10\" w:author=\"A\">"
		  "<w:del w:id=\"11\" w:author=\"B\"><w:rPr/></w:del></w:ins>"
		  "</m:ctrlPr></m:fPr><m:num><w:ins w:id=\"12\" w:author=\"A\">"
		  MDEL("a") "</w:ins></m:num><m:den/></m:f>"
		  "<m:rad><m:radPr/><m:deg>" MR("3") "</m:deg><m:e>" MR("x")
		  "</m:e></m:rad>"
		  /* a radical in another's index: each keeps its own sign */
		  "<m:rad><m:radPr/><m:deg><m:rad><m:radPr/><m:deg>" MR("3")
		  "</m:deg><m:e>" MR("y") "</m:e></m:rad></m:deg><m:e>" MR("z")
		  "</m:e></m:rad></m:oMath>" R("B"))
		/* properties out of place: their mark ends with what holds them */
		P("<w:r><m:fPr xmlns:m=\"" M_NS "\">" CTRL("del") "</m:fPr>"
		  "<w:t>gone</w:t></w:r>" R("kept"))
		/* an index hidden by m:degHide is not shown, as in Word */
		P(R("H") "<m:oMath xmlns:m=\"" M_NS "\">"
		  "<m:rad><m:radPr><m:degHide/></m:radPr><m:deg>" MR("3")
		  "</m:deg><m:e>" MR("a") "</m:e></m:rad>"
		  "<m:rad><m:radPr><m:degHide m:val=\"on\"/></m:radPr><m:deg>"
		  "<m:rad><m:radPr/><m:deg>" MR("4") "</m:deg><m:e>" MR("q")
		  "</m:e></m:rad></m:deg><m:e>" MR("b") "</m:e></m:rad>"
		  "<m:rad><m:radPr><m:degHide m:val=\"0\"/></m:radPr><m:deg>"
		  MR("5") "</m:deg><m:e>" MR("c") "</m:e></m:rad></m:oMath>"));
	clint_doc *doc;

	(void)state;
	doc = load_body(body, CLINT_REVISIONS_ACCEPT);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "Fee x(c)/(d)y due.");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0,
	             "[p|q)\xE2\x88\x9A" "9\xE2\x88\x9A");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0,
	             "A(3)\xE2\x88\x9A" "x((3)\xE2\x88\x9A" "y)\xE2\x88\x9A"
	             "zB");
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, "kept");
	assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, 0,
	             "H\xE2\x88\x9A" "a\xE2\x88\x9A" "b(5)\xE2\x88\x9A" "c");
	clint_doc_free(doc);
	doc = load_body(body, CLINT_REVISIONS_REJECT);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "Fee x(a)/(b)y due.");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0,
	             "\xE2\x88\x9A" "2e^(k)\xE2\x88\x9A" "9\xE2\x88\x9A");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0,
	             "A(3)\xE2\x88\x9A" "x((3)\xE2\x88\x9A" "y)\xE2\x88\x9A"
	             "zB");
	clint_doc_free(doc);
}
#undef CTRL
#undef MINS
#undef MDEL

/* ---- tracked changes ----------------------------------------------------------- */

static const char revisions_body[] = DOC(
	P(R("The fee is ")
	  "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>USD 100</w:delText></w:r></w:del>"
	  "<w:ins w:id=\"2\" w:author=\"B\"><w:r><w:t>USD 200</w:t></w:r></w:ins>"
	  R(" a month."))
	P(R("Unchanged paragraph."))
	"<w:moveFrom w:id=\"3\"><w:p>" "<w:r><w:t>Moved clause.</w:t></w:r>" "</w:p></w:moveFrom>"
	P(R("Middle."))
	"<w:p><w:moveTo w:id=\"4\"><w:r><w:t>Moved clause.</w:t></w:r></w:moveTo></w:p>"
	/* paragraph marks: an inserted mark, then a deleted one */
	"<w:p><w:pPr><w:rPr><w:ins w:id=\"5\" w:author=\"A\"/></w:rPr></w:pPr>"
	R("Split here") "</w:p>"
	"<w:p><w:pPr><w:rPr><w:del w:id=\"6\" w:author=\"A\"/></w:rPr></w:pPr>"
	R("and joined") "</w:p>"
	P(R("there.")));

static void test_revisions_accept(void **state)
{
	clint_doc *doc = load_body(revisions_body, CLINT_REVISIONS_ACCEPT);
	clint_block b;

	(void)state;
	b = assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0,
	                 "The fee is USD 200 a month.");
	assert_int_equal(b.flags, CLINT_BLOCK_INSERTED);
	b = assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "Unchanged paragraph.");
	assert_int_equal(b.flags, 0);
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, "Middle.");
	b = assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, "Moved clause.");
	assert_int_equal(b.flags, CLINT_BLOCK_INSERTED);
	assert_int_equal(b.paragraph, 5);
	assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, 0, "Split here");
	/* the deleted mark joins "and joined" with "there." */
	b = assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH, 0, "and joined there.");
	assert_int_equal(b.paragraph, 7);
	assert_int_equal(clint_doc_block_count(doc), 6);
	clint_doc_free(doc);
}

static void test_revisions_reject(void **state)
{
	clint_doc *doc = load_body(revisions_body, CLINT_REVISIONS_REJECT);
	clint_block b;

	(void)state;
	b = assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0,
	                 "The fee is USD 100 a month.");
	assert_int_equal(b.flags, CLINT_BLOCK_DELETED);
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "Unchanged paragraph.");
	b = assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, "Moved clause.");
	assert_int_equal(b.flags, CLINT_BLOCK_DELETED);
	assert_int_equal(b.paragraph, 3);
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, "Middle.");
	/* the inserted mark is rejected: "Split here" runs on */
	b = assert_block(doc, 4, CLINT_BLOCK_PARAGRAPH, 0, "Split here and joined");
	assert_int_equal(b.flags, 0);
	assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH, 0, "there.");
	assert_int_equal(clint_doc_block_count(doc), 6);
	assert_null(strstr(clint_doc_text(doc, NULL), "USD 200"));
	clint_doc_free(doc);
}

/* Paragraph marks moved (w:moveTo/w:moveFrom in the mark's properties),
 * empty change elements, a self-closing paragraph, a deleted mark in a
 * table cell and before a numbered paragraph. */
static const char revision_variants_body[] = DOC(
	"<w:p><w:pPr><w:rPr><w:moveTo w:id=\"1\"/></w:rPr></w:pPr>"
	R("Moved-to mark") "</w:p>"
	P(R("next one"))
	"<w:p><w:pPr><w:rPr><w:moveFrom w:id=\"2\"/></w:rPr></w:pPr>"
	R("Moved-from mark") "</w:p>"
	P(R("runs on"))
	"<w:p/>"
	P(R("a") "<w:ins w:id=\"3\"/><w:del w:id=\"4\"/>" R("b"))
	"<w:tbl><w:tr><w:tc><w:p><w:pPr><w:rPr><w:del w:id=\"5\"/></w:rPr>"
	"</w:pPr>" R("cell one") "</w:p>" P(R("cell two")) "</w:tc><w:tc/>"
	"</w:tr></w:tbl>"
	"<w:p><w:pPr><w:rPr><w:del w:id=\"6\"/></w:rPr></w:pPr>" R("Intro")
	"</w:p>"
	NUMP("1", "0", R("numbered")));

static void test_revision_variants(void **state)
{
	part p[] = {{"word/document.xml", revision_variants_body, 0},
	            {"word/numbering.xml", numbering_xml, 0}};
	clint_doc *doc;

	(void)state;
	clint_location la, lb;

	doc = load_parts(p, 2, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	/* a moved-to mark stays, a moved-from mark joins its paragraphs */
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "Moved-to mark");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "next one");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, "Moved-from mark runs on");
	/* the empty paragraph leaves nothing; empty change elements neither */
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, "ab");
	/* a deleted mark in a cell joins the cell's paragraphs */
	assert_block(doc, 4, CLINT_BLOCK_TABLE_CELL, 0, "cell one cell two");
	/* and one before a numbered paragraph joins the two */
	assert_int_equal(clint_doc_locate(doc, unit_offset(doc, "Intro"), &la),
	                 CLINT_OK);
	assert_int_equal(clint_doc_locate(doc, unit_offset(doc, "numbered"), &lb),
	                 CLINT_OK);
	assert_int_equal(la.block, lb.block);
	clint_doc_free(doc);

	doc = load_parts(p, 2, CLINT_REVISIONS_REJECT, NULL, CLINT_OK);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "Moved-to mark next one");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "Moved-from mark");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, "runs on");
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, "ab");
	assert_block(doc, 4, CLINT_BLOCK_TABLE_CELL, 0, "cell one\ncell two");
	assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH, 0, "Intro");
	assert_block(doc, 6, CLINT_BLOCK_PARAGRAPH, 0, "1. numbered");
	clint_doc_free(doc);
}

/* ---- comments ------------------------------------------------------------------- */

static void test_comments_are_annotations(void **state)
{
	static const char body[] = DOC(
		P(R("The Supplier shall ")
		  "<w:commentRangeStart w:id=\"7\"/>" R("use reasonable efforts")
		  "<w:commentRangeEnd w:id=\"7\"/>"
		  "<w:r><w:commentReference w:id=\"7\"/></w:r>" R(" to comply."))
		P(R("Point only.") "<w:r><w:commentReference w:id=\"8\"/></w:r>"));
	static const char comments[] =
		"<w:comments xmlns:w=\"" W_NS "\">"
		"<w:comment w:id=\"7\" w:author=\"Legal &amp; Co\">"
		P(R("Too weak.")) P(R("Use best efforts.")) "</w:comment>"
		"<w:comment w:id=\"8\">" P(R("No author.")) "</w:comment>"
		"</w:comments>";
	part p[] = {{"word/document.xml", body, 0},
	            {"word/comments.xml", comments, 0}};
	clint_doc *doc;
	clint_annotation a;
	const char *text;

	(void)state;
	doc = load_parts(p, 2, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	text = clint_doc_text(doc, NULL);
	assert_string_equal(text, "The Supplier shall use reasonable efforts to "
	                          "comply.\nPoint only.");
	assert_int_equal(clint_doc_annotation_count(doc), 2);
	assert_int_equal(clint_doc_annotation(doc, 0, &a), CLINT_OK);
	assert_string_equal(a.author, "Legal & Co");
	assert_string_equal(a.text, "Too weak.\nUse best efforts.");
	unit_assert_slice(doc, a.start, a.end, "use reasonable efforts");
	assert_int_equal(clint_doc_annotation(doc, 1, &a), CLINT_OK);
	assert_string_equal(a.author, "");
	assert_string_equal(a.text, "No author.");
	assert_int_equal(a.start, a.end);
	assert_int_equal(a.start, unit_offset(doc, "Point only.") + 11);
	clint_doc_free(doc);
}

/* Many comments, each range started where no text follows at once: an
 * even one is anchored by the text that comes next, an odd one by its
 * range end first (the text after it then anchors nothing). Only the
 * comments left pending are looked at when text comes. */
static void test_many_pending_comments(void **state)
{
	clint_buf body = CLINT_BUF_INIT, comments = CLINT_BUF_INIT;
	part p[2] = {{"word/document.xml", NULL, 0}, {"word/comments.xml", NULL, 0}};
	clint_doc *doc;
	clint_annotation a;
	size_t i, k, n = 400;
	char w[32];
	const char *t;

	(void)state;
	assert_int_equal(clint_buf_puts(&body, DOC("")), 0);
	body.len -= strlen("</w:body></w:document>");
	assert_int_equal(clint_buf_printf(&comments, "<w:comments xmlns:w=\"%s\">",
	                                  W_NS), 0);
	for (i = 0; i < n; i++) {
		assert_int_equal(clint_buf_printf(&comments,
			"<w:comment w:id=\"%zu\">" P(R("c%zu")) "</w:comment>", i, i), 0);
		if (i % 2)
			assert_int_equal(clint_buf_printf(&body,
				"<w:p><w:commentRangeStart w:id=\"%zu\"/><w:r><w:t>w%zu"
				"</w:t></w:r><w:commentRangeEnd w:id=\"%zu\"/>"
				"<w:commentRangeStart w:id=\"%zu\"/><w:commentRangeEnd "
				"w:id=\"%zu\"/><w:r><w:t>x%zu</w:t></w:r></w:p>",
				i - 1, i - 1, i - 1, i, i, i), 0);
	}
	assert_int_equal(clint_buf_puts(&comments, "</w:comments>"), 0);
	assert_int_equal(clint_buf_puts(&body, "</w:body></w:document>"), 0);
	assert_int_equal(clint_buf_putc(&comments, '\0'), 0);
	assert_int_equal(clint_buf_putc(&body, '\0'), 0);
	p[0].data = body.data;
	p[1].data = comments.data;
	doc = load_parts(p, 2, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	t = clint_doc_text(doc, NULL);
	assert_int_equal(clint_doc_annotation_count(doc), n);
	for (i = 0; i < n; i++) {
		assert_int_equal(clint_doc_annotation(doc, i, &a), CLINT_OK);
		assert_int_equal(sscanf(a.text, "c%zu", &k), 1);
		if (k % 2 == 0) {
			snprintf(w, sizeof(w), "w%zu", k);
			unit_assert_slice(doc, a.start, a.end, w);
		} else {
			/* anchored at its range end, before the text x<k> */
			snprintf(w, sizeof(w), "x%zu", k);
			assert_int_equal(a.start, a.end);
			assert_memory_equal(t + a.start, w, strlen(w));
		}
	}
	clint_doc_free(doc);
	clint_buf_free(&body);
	clint_buf_free(&comments);
}

/* Comment text with tabs, breaks and empty paragraphs; an empty
 * w:comment; a range with no text in it; a reference before the range
 * end; references to comments that do not exist. */
static void test_comment_variants(void **state)
{
	static const char body[] = DOC(
		P(R("Alpha ") "<w:commentRangeStart w:id=\"1\"/>" R("beta")
		  "<w:commentRangeEnd w:id=\"1\"/><w:r><w:commentReference "
		  "w:id=\"1\"/></w:r>" R(" gamma"))
		P("<w:commentRangeStart w:id=\"3\"/><w:commentRangeEnd w:id=\"3\"/>"
		  R("Delta"))
		P("<w:r><w:commentReference w:id=\"4\"/></w:r>" R("Eps")
		  "<w:commentRangeEnd w:id=\"4\"/>")
		P("<w:r><w:commentReference w:id=\"2\"/><w:commentReference "
		  "w:id=\"99\"/></w:r>" R("Zeta")));
	static const char comments[] =
		"<w:comments xmlns:w=\"" W_NS "\">"
		"<w:comment w:id=\"1\" w:author=\"A\"><w:p><w:r><w:t>Tab</w:t><w:tab/>"
		"<w:t>and</w:t><w:br/><w:t>break</w:t></w:r></w:p><w:p/>"
		"<w:p><w:r><w:t>last</w:t></w:r></w:p><w:p/></w:comment>"
		"<w:comment w:id=\"2\"/>"
		"<w:comment w:id=\"3\">" P(R("empty range")) "</w:comment>"
		"<w:comment w:id=\"4\">" P(R("reference first")) "</w:comment>"
		"</w:comments>";
	part p[] = {{"word/document.xml", body, 0},
	            {"word/comments.xml", comments, 0}};
	clint_doc *doc;
	clint_annotation a;
	size_t i, found = 0;

	(void)state;
	doc = load_parts(p, 2, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL),
	                    "Alpha beta gamma\nDelta\nEps\nZeta");
	assert_int_equal(clint_doc_annotation_count(doc), 3);
	for (i = 0; i < 3; i++) {
		assert_int_equal(clint_doc_annotation(doc, i, &a), CLINT_OK);
		if (strcmp(a.text, "Tab\tand\nbreak\nlast") == 0) {
			assert_string_equal(a.author, "A");
			unit_assert_slice(doc, a.start, a.end, "beta");
			found |= 1;
		} else if (strcmp(a.text, "empty range") == 0) {
			assert_int_equal(a.start, a.end);
			assert_int_equal(a.start, unit_offset(doc, "Delta"));
			found |= 2;
		} else if (strcmp(a.text, "reference first") == 0) {
			/* anchored at the reference, extended to the range end */
			unit_assert_slice(doc, a.start, a.end, "Eps");
			found |= 4;
		} else {
			fail_msg("unexpected annotation '%s'", a.text);
		}
	}
	assert_int_equal(found, 7);
	clint_doc_free(doc);
}

/* The comments are paid for from the document's memory budget as they
 * are read, not only once they are annotations: 1,100 comments of 1,000
 * letters each are past a 1 MiB limit before the body is read (a body
 * here not well-formed, which is never reached); read within the
 * default limit, the document keeps no more than its annotations. */
static void test_comments_memory(void **state)
{
	static const char body[] = DOC(P(R("Body.")));
	part p[] = {{"word/document.xml", "<w:document", 0},
	            {"word/comments.xml", NULL, 0}};
	size_t n = 1100, i, kept, want;
	char *xml = malloc(n * 1100 + 200), *q;
	unsigned seed = 11;
	clint_doc *doc;

	(void)state;
	assert_non_null(xml);
	q = xml + sprintf(xml, "<w:comments xmlns:w=\"%s\">", W_NS);
	for (i = 0; i < n; i++) {
		q += sprintf(q, "<w:comment w:id=\"%zu\" w:author=\"A\"><w:p><w:r>"
		                "<w:t>", i);
		q = random_letters(q, 1000, &seed);
		q += sprintf(q, "</w:t></w:r></w:p></w:comment>");
	}
	strcpy(q, "</w:comments>");
	p[1].data = xml;
	expect_over_memory(p, ARRAY_LEN(p));
	p[0].data = body;
	kept = memory_kept(p, 1);
	doc = load_parts(p, ARRAY_LEN(p), CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_int_equal(clint_doc_annotation_count(doc), n);
	want = kept + doc->annotation_cap * sizeof(*doc->annotations);
	for (i = 0; i < n; i++)
		want += strlen(doc->annotations[i].author) + 1 +
		        strlen(doc->annotations[i].text) + 1;
	assert_int_equal(doc->mem.used, want);
	clint_doc_free(doc);
	free(xml);
}

/* ---- hostile and broken inputs ------------------------------------------------- */

static void test_truncated_zip(void **state)
{
	part p[] = {{"word/document.xml", DOC(P(R("Text."))), 0}};
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;
	clint_diag *d = NULL;
	unsigned char *zip;
	size_t len;

	(void)state;
	zip = unit_make_zip(p, 1, &len);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_doc_load_buffer(&doc, "cut.docx", zip, len - 30,
	                                       &o, d),
	                 CLINT_EFORMAT);
	assert_null(doc);
	assert_true(unit_diag_find(d, "damaged or truncated") >= 0);
	/* forced DOCX on plain text */
	clint_diag_clear(d);
	o.format = CLINT_INPUT_DOCX;
	assert_int_equal(clint_doc_load_buffer(&doc, "x.docx", "Just text.", 10,
	                                       &o, d),
	                 CLINT_EFORMAT);
	assert_true(unit_diag_find(d, "not a readable ZIP") >= 0);
	free(zip);
	clint_diag_free(d);
}

static void test_no_document_xml(void **state)
{
	part other[] = {{"readme.txt", "an archive that is not a document", 0},
	                {"data/table.csv", "a,b\n1,2\n", 0}};
	part fake[] = {{"word/document.xml.bak", DOC(P(R("x"))), 0}};
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *d = NULL;
	clint_doc *doc = NULL;
	unsigned char *zip;
	size_t len;

	(void)state;
	/* a ZIP that is neither DOCX nor ODT is refused with a remedy */
	zip = unit_make_zip(other, 2, &len);
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	assert_int_equal(clint_doc_load_buffer(&doc, "c.zip", zip, len, &o, d),
	                 CLINT_EUNSUPPORTED);
	assert_true(unit_diag_find(d, "save the document as .docx") >= 0);
	free(zip);
	clint_diag_free(d);
	/* one that only names the entry is looked at, then refused */
	expect_refused(fake, 1, CLINT_EFORMAT, "holds no word/document.xml");
}

static void test_doctype_refused(void **state)
{
	part dtd[] = {{"word/document.xml",
	               "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x "
	               "\"boom\">]><w:document xmlns:w=\"" W_NS "\"><w:body>"
	               "<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>",
	               0}};
	part ent[] = {{"word/document.xml", DOC(P(R("ok"))), 0},
	              {"word/styles.xml",
	               "<!DOCTYPE s SYSTEM \"http://example.com/x.dtd\"><s/>", 0}};
	part bad[] = {{"word/document.xml", DOC(P(R("unclosed")) "<w:p>"), 0}};

	(void)state;
	expect_refused(dtd, 1, CLINT_EFORMAT, "DOCTYPE");
	expect_refused(dtd, 1, CLINT_EFORMAT, "word/document.xml");
	expect_refused(ent, 2, CLINT_EFORMAT, "word/styles.xml");
	expect_refused(bad, 1, CLINT_EFORMAT, "malformed XML");
}

/* A ZIP of one stored (or encrypted) word/document.xml; *len its size. */
static unsigned char *make_zip_entry(const char *xml, int encrypt, size_t *len)
{
	zip_error_t ze;
	zip_source_t *src, *s;
	zip_t *za;
	zip_int64_t idx, size;
	unsigned char *out;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	s = zip_source_buffer(za, xml, strlen(xml), 0);
	assert_non_null(s);
	idx = zip_file_add(za, "word/document.xml", s, 0);
	assert_true(idx >= 0);
	assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)idx,
	                                          ZIP_CM_STORE, 0), 0);
	if (encrypt && zip_file_set_encryption(za, (zip_uint64_t)idx,
	                                       ZIP_EM_AES_256, "secret") != 0) {
		zip_discard(za);
		zip_source_free(src);
		zip_error_fini(&ze);
		return NULL;   /* libzip built without encryption */
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
	size = zip_source_tell(src);
	assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
	out = malloc((size_t)size);
	assert_non_null(out);
	assert_int_equal(zip_source_read(src, out, (zip_uint64_t)size), size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = (size_t)size;
	return out;
}

/* An encrypted part and a stored part whose bytes were altered (its CRC
 * no longer matches) are refused, each with its reason. */
static void test_encrypted_and_corrupt_entries(void **state)
{
	static const char xml[] = DOC(P(R("The Supplier shall host the system.")));
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_doc *doc = NULL;
	clint_diag *d = NULL;
	unsigned char *zip, *hit;
	size_t len;

	(void)state;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	zip = make_zip_entry(xml, 1, &len);
	if (zip) {
		assert_int_equal(clint_doc_load_buffer(&doc, "enc.docx", zip, len, &o,
		                                       d),
		                 CLINT_EUNSUPPORTED);
		assert_null(doc);
		assert_true(unit_diag_find(d, "encrypted") >= 0);
		free(zip);
	} else {
		print_message("  SKIP: libzip without AES encryption\n");
	}
	clint_diag_clear(d);
	zip = make_zip_entry(xml, 0, &len);
	for (hit = zip; hit + 15 <= zip + len && memcmp(hit, "host the system", 15);
	     hit++)
		;
	assert_true(hit + 15 <= zip + len);
	hit[0] = 'H';
	assert_int_equal(clint_doc_load_buffer(&doc, "crc.docx", zip, len, &o, d),
	                 CLINT_EFORMAT);
	assert_null(doc);
	assert_true(unit_diag_find(d, "word/document.xml") >= 0);
	free(zip);
	clint_diag_free(d);
}

static void test_zip_bomb_refused(void **state)
{
	size_t n = 8u << 20;
	char *zeros = calloc(1, n);
	part p[] = {{"word/document.xml", DOC(P(R("ok"))), 0},
	            {"word/header1.xml", NULL, 0}};

	(void)state;
	assert_non_null(zeros);
	memset(zeros, ' ', n);
	p[1].data = zeros;
	p[1].len = n;
	expect_refused(p, 2, CLINT_ELIMIT, "possible ZIP bomb");
	expect_refused(p, 2, CLINT_ELIMIT, "word/header1.xml");
	free(zeros);
}

static void test_deep_nesting_refused(void **state)
{
	size_t depth = 10000, i;
	char *xml = malloc(depth * 20 + 512);
	char *q = xml;
	part p[1];

	(void)state;
	assert_non_null(xml);
	q += sprintf(q, "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p>");
	for (i = 0; i < depth; i++)
		q += sprintf(q, "<w:sdt>");
	for (i = 0; i < depth; i++)
		q += sprintf(q, "</w:sdt>");
	q += sprintf(q, "</w:p></w:body></w:document>");
	p[0].name = "word/document.xml";
	p[0].data = xml;
	p[0].len = (size_t)(q - xml);
	expect_refused(p, 1, CLINT_ELIMIT, "nested deeper than");
	free(xml);
}

/* What the SAX2 walk must show as xmlTextReader did: text split by
 * entity and character references, CDATA, comments and processing
 * instructions read as one piece; "&amp;" in attribute values; <x/> and
 * <x></x> alike; nesting past libxml2's own limit (256) refused with its
 * message. */
static void test_xml_nodes(void **state)
{
	static const char styles[] =
		"<w:styles xmlns:w=\"" W_NS "\">"
		"<w:style w:type=\"paragraph\" w:styleId=\"H&amp;2\">"
		"<w:name w:val=\"heading 2\"/></w:style></w:styles>";
	static const char body[] = DOC(
		P("<w:r><w:t>A &amp; B &lt;C&gt; &#x41;&#66; &quot;q&apos;</w:t></w:r>")
		P("<w:r><w:t>a<![CDATA[ <b> & ]]>b</w:t></w:r>")
		P("<w:r><w:t>one<!-- c -->two<?pi x?>three</w:t></w:r>")
		"<w:p/><w:p></w:p>"
		P("<w:r><w:t>x</w:t><w:tab/><w:tab></w:tab><w:t>y</w:t>"
		  "<w:br></w:br><w:t/><w:t></w:t><w:t>z</w:t></w:r>")
		STYLEP("H&amp;2", R("Styled"))
		"<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/><w:instrText>X"
		"</w:instrText><w:fldChar w:fldCharType=\"sep&#97;rate\"/>"
		"<w:t>result</w:t><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>");
	part p[] = {{"word/document.xml", body, 0}, {"word/styles.xml", styles, 0}};
	clint_doc *doc;
	char *xml = malloc(400 * 12 + 512), *q;
	int i;

	(void)state;
	doc = load_parts(p, 2, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_block(doc, 0, CLINT_BLOCK_PARAGRAPH, 0, "A & B <C> AB \"q'");
	assert_block(doc, 1, CLINT_BLOCK_PARAGRAPH, 0, "a <b> & b");
	assert_block(doc, 2, CLINT_BLOCK_PARAGRAPH, 0, "onetwothree");
	assert_block(doc, 3, CLINT_BLOCK_PARAGRAPH, 0, "x\t\ty\nz");
	assert_block(doc, 4, CLINT_BLOCK_HEADING, 2, "Styled");
	assert_block(doc, 5, CLINT_BLOCK_PARAGRAPH, 0, "result");
	assert_int_equal(clint_doc_block_count(doc), 6);
	clint_doc_free(doc);

	/* an internal subset the byte check cannot see (UTF-16): its entities
	 * are never declared to the parser, so a reference is an error (and
	 * the declarations libxml2 keeps aside are freed: ASan, valgrind) */
	{
		static const char dtd[] =
			"<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE w:document "
			"[<!ENTITY e \"entity text\"><!ENTITY f \"&e;&e;\">]>"
			"<w:document xmlns:w=\"" W_NS "\"><w:body><w:p><w:r><w:t>a &f; b"
			"</w:t></w:r></w:p></w:body></w:document>";
		size_t k, n = strlen(dtd);
		char *u16 = malloc(2 * n + 2);
		part pu[1];

		assert_non_null(u16);
		u16[0] = (char)0xFF;   /* little-endian BOM */
		u16[1] = (char)0xFE;
		for (k = 0; k < n; k++) {
			u16[2 + 2 * k] = dtd[k];
			u16[3 + 2 * k] = 0;
		}
		pu[0].name = "word/document.xml";
		pu[0].data = u16;
		pu[0].len = 2 * n + 2;
		expect_refused(pu, 1, CLINT_EFORMAT, "Entity 'f' not defined");
		free(u16);
	}

	/* libxml2's nesting limit comes first when it is in the same chunk */
	assert_non_null(xml);
	q = xml + sprintf(xml, "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p>");
	for (i = 0; i < 400; i++)
		q += sprintf(q, "<w:r>");
	for (i = 0; i < 400; i++)
		q += sprintf(q, "</w:r>");
	sprintf(q, "</w:p></w:body></w:document>");
	p[0].data = xml;
	expect_refused(p, 1, CLINT_EFORMAT, "malformed XML: Excessive depth");
	free(xml);
}

/* Bytes that do not convert from the encoding the part declares: libxml2's
 * push parser stops there without marking the part ill-formed, and the
 * paragraphs after them were dropped without a word (found by the
 * docx_xml fuzz target). Refused, naming the conversion error. */
static void test_encoding_error_refused(void **state)
{
	static const char head[] =
		"<?xml version=\"1.0\" encoding=\"UTF-7\"?><w:document xmlns:w=\""
		W_NS "\"><w:body>" P(R("The Supplier shall provide the Services."));
	static const char tail[] =
		P(R("The paragraph after the bad bytes.")) "</w:body></w:document>";
	char xml[sizeof(head) + 40 + sizeof(tail)];
	part p[1];

	(void)state;
	memcpy(xml, head, sizeof(head) - 1);
	memset(xml + sizeof(head) - 1, 0, 40);
	memcpy(xml + sizeof(head) - 1 + 40, tail, sizeof(tail));
	p[0].name = "word/document.xml";
	p[0].data = xml;
	p[0].len = sizeof(xml) - 1;
	expect_refused(p, 1, CLINT_EFORMAT,
	               "malformed XML: input conversion failed");
}

/* A pseudo-random lower-case word of 2..9 letters at `q`; returns its end. */
static char *random_word(char *q, unsigned *seed)
{
	int n, i;

	*seed = *seed * 1103515245u + 12345u;
	n = 2 + (int)((*seed >> 16) % 8);
	for (i = 0; i < n; i++) {
		*seed = *seed * 1103515245u + 12345u;
		*q++ = (char)('a' + (*seed >> 16) % 26);
	}
	return q;
}

/* A document.xml over 10 MB is read (the parser is fed in chunks: libxml2
 * refuses to look ahead over 10 MB), and a single text node over 10 MB
 * is refused as the other XML readers refuse it. */
static void test_large_parts(void **state)
{
	size_t cap = (size_t)12 << 20, paras = 0;
	char *xml = malloc(cap + 4096), *q;
	unsigned seed = 7;
	part p[1];
	clint_doc *doc;

	(void)state;
	assert_non_null(xml);
	q = xml + sprintf(xml, "<w:document xmlns:w=\"" W_NS "\"><w:body>");
	while ((size_t)(q - xml) < cap - 2048) {
		int w;
		q += sprintf(q, "<w:p><w:r><w:t>");
		for (w = 0; w < 100; w++) {
			q = random_word(q, &seed);
			*q++ = ' ';
		}
		q += sprintf(q, "end.</w:t></w:r></w:p>");
		paras++;
	}
	q += sprintf(q, "</w:body></w:document>");
	p[0].name = "word/document.xml";
	p[0].data = xml;
	p[0].len = (size_t)(q - xml);
	assert_true(p[0].len > (size_t)10 << 20);
	doc = load_parts(p, 1, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_int_equal(clint_doc_block_count(doc), paras);
	clint_doc_free(doc);

	/* the same words in one w:t */
	q = xml + sprintf(xml, "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p>"
	                       "<w:r><w:t>");
	while ((size_t)(q - xml) < cap - 2048) {
		q = random_word(q, &seed);
		*q++ = ' ';
	}
	q += sprintf(q, "</w:t></w:r></w:p></w:body></w:document>");
	p[0].len = (size_t)(q - xml);
	expect_refused(p, 1, CLINT_ELIMIT, "DOCX part word/document.xml: more "
	                                   "than 10000000 bytes of text with no "
	                                   "tag between: refused");

	/* the boundary: 10,000,000 bytes of text, entities decoded, are read
	 * with the paragraph after them; one byte more is refused (random
	 * letters: a repeated run would be refused as a ZIP bomb) */
	q = realloc(xml, (size_t)15 << 20);
	assert_non_null(q);
	xml = q;
	p[0].data = xml;
	for (paras = 0; paras < 2; paras++) {
		size_t i;
		q = xml + sprintf(xml, "<w:document xmlns:w=\"" W_NS "\"><w:body>"
		                       "<w:p><w:r><w:t>");
		for (i = 0; i < 1000000; i++) {   /* 10 bytes decoded each */
			int k;
			for (k = 0; k < 6; k++) {
				seed = seed * 1103515245u + 12345u;
				*q++ = (char)('a' + (seed >> 16) % 26);
				if (k == 3)
					q += sprintf(q, " &amp; ");
			}
			*q++ = ' ';
		}
		if (paras)
			*q++ = 'x';
		q += sprintf(q, "</w:t></w:r></w:p><w:p><w:r><w:t>END</w:t></w:r>"
		                "</w:p></w:body></w:document>");
		p[0].len = (size_t)(q - xml);
		if (paras) {
			expect_refused(p, 1, CLINT_ELIMIT, "more than 10000000 bytes");
		} else {
			size_t len;
			const char *text;
			doc = load_parts(p, 1, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
			assert_int_equal(clint_doc_block_count(doc), 2);
			text = clint_doc_text(doc, &len);
			assert_true(len >= 3 && memcmp(text + len - 3, "END", 3) == 0);
			clint_doc_free(doc);
		}
	}
	free(xml);
}

/* Text boxes nested 40 deep: refused (32 paragraphs at most); 70 nested
 * fields: the ones past 64 are counted and their ends matched, so the
 * text after them is kept and the instructions are not. */
static void test_nested_boxes_and_fields(void **state)
{
	char *xml = malloc(64 * 1024), *q;
	part p[1];
	clint_doc *doc;
	int i;

	(void)state;
	assert_non_null(xml);
	q = xml + sprintf(xml, "<w:document xmlns:w=\"" W_NS "\"><w:body>");
	for (i = 0; i < 40; i++)
		q += sprintf(q, "<w:p><w:r><w:txbxContent>");
	q += sprintf(q, "<w:p><w:r><w:t>deep</w:t></w:r></w:p>");
	for (i = 0; i < 40; i++)
		q += sprintf(q, "</w:txbxContent></w:r></w:p>");
	sprintf(q, "</w:body></w:document>");
	p[0].name = "word/document.xml";
	p[0].data = xml;
	p[0].len = 0;
	expect_refused(p, 1, CLINT_ELIMIT, "paragraphs nested deeper than 32");

	q = xml + sprintf(xml, "<w:document xmlns:w=\"" W_NS "\"><w:body><w:p>"
	                       "<w:r><w:t>Before </w:t></w:r>");
	for (i = 0; i < 70; i++)
		q += sprintf(q, "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
		                "<w:r><w:instrText>F%d</w:instrText></w:r>", i);
	for (i = 0; i < 70; i++)
		q += sprintf(q, "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
		                "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
	sprintf(q, "<w:r><w:t>after.</w:t></w:r></w:p></w:body></w:document>");
	doc = load_parts(p, 1, CLINT_REVISIONS_ACCEPT, NULL, CLINT_OK);
	assert_string_equal(clint_doc_text(doc, NULL), "Before after.");
	clint_doc_free(doc);
	free(xml);
}

static void test_too_many_entries(void **state)
{
	static part p[10002];
	static char names[10002][24];
	size_t i;

	(void)state;
	p[0].name = "word/document.xml";
	p[0].data = DOC(P(R("ok")));
	for (i = 1; i < N_ELEMS(p); i++) {
		snprintf(names[i], sizeof(names[i]), "media/f%zu", i);
		p[i].name = names[i];
		p[i].data = "x";
	}
	expect_refused(p, N_ELEMS(p), CLINT_ELIMIT, "entries");
}

/* ---- real documents ------------------------------------------------------------ */

/* The words of Str "..." tokens in a pandoc native file, space-separated. */
static char *native_words(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf, *out, *p, *o;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	out = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_non_null(out);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	o = out;
	for (p = buf; (p = strstr(p, "Str \"")); ) {
		p += 5;
		if (o != out)
			*o++ = ' ';
		while (*p && *p != '"') {
			if (*p == '\\' && p[1])
				p++;
			*o++ = *p++;
		}
	}
	*o = '\0';
	free(buf);
	return out;
}

/* The document text with white space runs folded to one space. */
static char *doc_words(const clint_doc *doc)
{
	const char *t = clint_doc_text(doc, NULL);
	char *out = calloc(1, strlen(t) + 1), *o = out;

	assert_non_null(out);
	for (; *t; t++) {
		if (strchr(" \t\n", *t)) {
			if (o != out && o[-1] != ' ')
				*o++ = ' ';
		} else {
			*o++ = *t;
		}
	}
	if (o != out && o[-1] == ' ')
		o--;
	*o = '\0';
	return out;
}

static int load_real(const char *path, clint_revisions rev, clint_doc **out)
{
	clint_doc_options o = CLINT_DOC_OPTIONS_INIT;
	clint_diag *d = NULL;
	int rc;

	o.revisions = rev;
	assert_int_equal(clint_diag_new(&d), CLINT_OK);
	rc = clint_doc_load_file(out, path, &o, d);
	if (rc != CLINT_OK) {
		/* a refusal must say why */
		assert_true(clint_diag_count_level(d, CLINT_DIAG_ERROR) >= 1);
		print_message("  %s: refused:\n", path);
		unit_diag_dump(d);
	}
	clint_diag_free(d);
	return rc;
}

static void test_real_documents(void **state)
{
	static const char *const dirs[] = {"../shared/corpus/docs",
	                                   "../shared/corpus/docs/pandoc-fixtures"};
	size_t k, loaded = 0, compared = 0;

	(void)state;
	for (k = 0; k < N_ELEMS(dirs); k++) {
		DIR *dir = opendir(dirs[k]);
		struct dirent *e;

		if (!dir) {
			print_message("  SKIP: %s not found (only in the team's "
			              "workspace)\n", dirs[k]);
			continue;
		}
		while ((e = readdir(dir))) {
			char path[1024], native[1024];
			size_t n = strlen(e->d_name);
			int r;

			if (n < 6 || strcmp(e->d_name + n - 5, ".docx") != 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dirs[k], e->d_name);
			for (r = 0; r < 2; r++) {
				clint_revisions rev = r ? CLINT_REVISIONS_REJECT
				                        : CLINT_REVISIONS_ACCEPT;
				clint_doc *doc = NULL;
				char *want, *got;

				if (load_real(path, rev, &doc) != CLINT_OK)
					continue;
				loaded++;
				assert_true(clint_doc_block_count(doc) > 0);
				snprintf(native, sizeof(native), "%s/%.*s_%s.native", dirs[k],
				         (int)(n - 5), e->d_name, r ? "reject" : "accept");
				want = native_words(native);
				if (want) {
					got = doc_words(doc);
					if (strcmp(want, got) != 0)
						fail_msg("%s (%s): text\n  '%s'\nexpected (pandoc)\n  "
						         "'%s'",
						         path, r ? "reject" : "accept", got, want);
					compared++;
					free(got);
					free(want);
				}
				clint_doc_free(doc);
			}
		}
		closedir(dir);
	}
	print_message("  real DOCX: %zu loads, %zu compared with pandoc\n", loaded,
	              compared);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbering),
		cmocka_unit_test(test_numbering_nested_definitions),
		cmocka_unit_test(test_numbering_long_level_text),
		cmocka_unit_test(test_heading_styles),
		cmocka_unit_test(test_numbering_variants),
		cmocka_unit_test(test_numbering_memory),
		cmocka_unit_test(test_run_variants),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_tabs_breaks_pages),
		cmocka_unit_test(test_notes_and_headers),
		cmocka_unit_test(test_notes_in_no_section),
		cmocka_unit_test(test_note_definition_not_preamble),
		cmocka_unit_test(test_parts_from_relationships),
		cmocka_unit_test(test_styles_and_relationships_memory),
		cmocka_unit_test(test_fields_and_hyperlinks),
		cmocka_unit_test(test_unended_field),
		cmocka_unit_test(test_office_math),
		cmocka_unit_test(test_office_math_tracked),
		cmocka_unit_test(test_ole_object_warned),
		cmocka_unit_test(test_embedded_workbook),
		cmocka_unit_test(test_embedded_workbook_memory),
		cmocka_unit_test(test_packages_by_id),
		cmocka_unit_test(test_alt_chunk_refused),
		cmocka_unit_test(test_revisions_accept),
		cmocka_unit_test(test_revisions_reject),
		cmocka_unit_test(test_revision_variants),
		cmocka_unit_test(test_comments_are_annotations),
		cmocka_unit_test(test_comment_variants),
		cmocka_unit_test(test_comments_memory),
		cmocka_unit_test(test_many_pending_comments),
		cmocka_unit_test(test_truncated_zip),
		cmocka_unit_test(test_no_document_xml),
		cmocka_unit_test(test_doctype_refused),
		cmocka_unit_test(test_encrypted_and_corrupt_entries),
		cmocka_unit_test(test_zip_bomb_refused),
		cmocka_unit_test(test_deep_nesting_refused),
		cmocka_unit_test(test_nested_boxes_and_fields),
		cmocka_unit_test(test_xml_nodes),
		cmocka_unit_test(test_encoding_error_refused),
		cmocka_unit_test(test_large_parts),
		cmocka_unit_test(test_too_many_entries),
		cmocka_unit_test(test_real_documents),
	};

	return cmocka_run_group_tests_name("docx", tests, NULL, NULL);
}
